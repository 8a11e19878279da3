//! Donut geometry as pure code with native tests: slices as angles clockwise from 12 o'clock,
//! points on their arcs for drawing, and the hit test that maps a click to the slice under it
//! (the angle of the pointer from the centre, and its distance inside the ring).

use std::f64::consts::TAU;

/// A ring centred on `(cx, cy)` between radii `inner` and `outer` (CSS pixels).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ring {
    pub cx: f64,
    pub cy: f64,
    pub inner: f64,
    pub outer: f64,
}

/// The slices of `values` as `(start, end)` angles in radians, clockwise from 12 o'clock,
/// covering the whole turn in proportion. Negative values count 0; all zero gives no slices.
pub fn slices(values: &[i64]) -> Vec<(f64, f64)> {
    let total: i64 = values.iter().map(|v| (*v).max(0)).sum();
    if total <= 0 {
        return Vec::new();
    }
    let mut at = 0.0;
    values
        .iter()
        .map(|v| {
            let a = at;
            at += (*v).max(0) as f64 / total as f64 * TAU;
            (a, at)
        })
        .collect()
}

/// The point at `angle` (clockwise from 12 o'clock) and radius `r`.
pub fn point(ring: &Ring, angle: f64, r: f64) -> (f64, f64) {
    (ring.cx + r * angle.sin(), ring.cy - r * angle.cos())
}

/// The outline of a slice from `a` to `b`: the outer arc forwards, the inner arc backwards, one
/// point about every 2 degrees.
pub fn outline(ring: &Ring, a: f64, b: f64) -> Vec<(f64, f64)> {
    let steps = (((b - a) / TAU * 180.0).ceil() as usize).max(1);
    let at = |i: usize| a + (b - a) * i as f64 / steps as f64;
    let mut pts: Vec<(f64, f64)> = (0..=steps)
        .map(|i| point(ring, at(i), ring.outer))
        .collect();
    pts.extend((0..=steps).rev().map(|i| point(ring, at(i), ring.inner)));
    pts
}

/// The slice under `(x, y)`, or `None` in the hole, outside the ring or with no slices.
pub fn hit(ring: &Ring, slices: &[(f64, f64)], x: f64, y: f64) -> Option<usize> {
    let (dx, dy) = (x - ring.cx, y - ring.cy);
    let d = dx.hypot(dy);
    if !d.is_finite() || d < ring.inner || d > ring.outer {
        return None;
    }
    // atan2(dx, -dy) is 0 at 12 o'clock and grows clockwise (y grows downwards)
    let mut angle = dx.atan2(-dy);
    if angle < 0.0 {
        angle += TAU;
    }
    slices.iter().position(|&(a, b)| angle >= a && angle < b)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RING: Ring = Ring {
        cx: 100.0,
        cy: 100.0,
        inner: 40.0,
        outer: 80.0,
    };

    #[test]
    fn slices_share_the_turn_in_proportion() {
        let s = slices(&[1, 1, 2]);
        assert_eq!(s.len(), 3);
        assert!((s[0].1 - TAU / 4.0).abs() < 1e-9);
        assert!((s[1].1 - TAU / 2.0).abs() < 1e-9);
        assert!((s[2].1 - TAU).abs() < 1e-9);
        assert!(slices(&[0, 0]).is_empty());
        assert!(slices(&[]).is_empty());
        assert_eq!(slices(&[-3, 1])[0], (0.0, 0.0));
    }

    #[test]
    fn clicks_find_the_slice_by_angle_inside_the_ring() {
        // a quarter (12 to 3 o'clock), a quarter (3 to 6), a half (6 to 12)
        let s = slices(&[1, 1, 2]);
        assert_eq!(hit(&RING, &s, 140.0, 50.0), Some(0)); // up and right
        assert_eq!(hit(&RING, &s, 150.0, 140.0), Some(1)); // down and right
        assert_eq!(hit(&RING, &s, 40.0, 120.0), Some(2)); // down and left
        assert_eq!(hit(&RING, &s, 60.0, 60.0), Some(2)); // up and left
        assert_eq!(hit(&RING, &s, 100.0, 40.0), Some(0)); // straight up: the first slice
        assert_eq!(hit(&RING, &s, 100.0, 100.0), None); // the centre
        assert_eq!(hit(&RING, &s, 110.0, 110.0), None); // in the hole
        assert_eq!(hit(&RING, &s, 190.0, 100.0), None); // outside
        assert_eq!(hit(&RING, &s, f64::NAN, 100.0), None);
        assert_eq!(hit(&RING, &[], 140.0, 50.0), None);
    }

    #[test]
    fn outlines_run_along_both_arcs() {
        let o = outline(&RING, 0.0, TAU / 4.0);
        let (x, y) = o[0];
        assert!((x - 100.0).abs() < 1e-9 && (y - 20.0).abs() < 1e-9);
        let (x, y) = o[o.len() / 2 - 1];
        assert!((x - 180.0).abs() < 1e-9 && (y - 100.0).abs() < 1e-9);
        let (x, y) = *o.last().unwrap();
        assert!((x - 100.0).abs() < 1e-9 && (y - 60.0).abs() < 1e-9);
    }
}
