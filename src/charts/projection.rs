//! Data <-> pixels for column charts, as pure code with native tests: a band scale for the
//! months (x), a linear scale for the counts (y), "nice" axis ticks and the stacking of series.
//! The drawing and the hover use the same numbers, so the tooltip always names the column under
//! the pointer.

/// A linear map from the domain `d0..d1` to the pixel range `r0..r1` (`r0 > r1` for a y axis,
/// whose pixels grow downwards).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Linear {
    pub d0: f64,
    pub d1: f64,
    pub r0: f64,
    pub r1: f64,
}

impl Linear {
    pub fn new((d0, d1): (f64, f64), (r0, r1): (f64, f64)) -> Self {
        Linear { d0, d1, r0, r1 }
    }

    pub fn px(&self, v: f64) -> f64 {
        if self.d1 == self.d0 {
            return (self.r0 + self.r1) / 2.0;
        }
        self.r0 + (v - self.d0) / (self.d1 - self.d0) * (self.r1 - self.r0)
    }

    pub fn value(&self, px: f64) -> f64 {
        if self.r1 == self.r0 {
            return self.d0;
        }
        self.d0 + (px - self.r0) / (self.r1 - self.r0) * (self.d1 - self.d0)
    }
}

/// `n` equal bands (one per month) across `left..right`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bands {
    pub n: usize,
    pub left: f64,
    pub right: f64,
}

impl Bands {
    pub fn width(&self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            (self.right - self.left) / self.n as f64
        }
    }

    pub fn center(&self, i: usize) -> f64 {
        self.left + (i as f64 + 0.5) * self.width()
    }

    /// The column drawn in band `i`: `(x0, x1)` with `gap` (a fraction of the band) split on
    /// both sides.
    pub fn column(&self, i: usize, gap: f64) -> (f64, f64) {
        let w = self.width();
        let pad = w * gap.clamp(0.0, 0.95) / 2.0;
        let x0 = self.left + i as f64 * w;
        (x0 + pad, x0 + w - pad)
    }

    /// The column nearest to `x`, or `None` when `x` is outside the bands (or there are none).
    /// Finds the first centre right of `x` with `partition_point`, then takes the closer of it
    /// and its left neighbour.
    pub fn nearest(&self, x: f64) -> Option<usize> {
        if self.n == 0 || !x.is_finite() || x < self.left || x > self.right {
            return None;
        }
        let centers: Vec<f64> = (0..self.n).map(|i| self.center(i)).collect();
        let i = centers.partition_point(|&c| c < x);
        Some(match i {
            0 => 0,
            i if i == self.n => self.n - 1,
            i if (centers[i] - x) < (x - centers[i - 1]) => i,
            i => i - 1,
        })
    }
}

/// Axis ticks from `lo` to `hi` (both widened to multiples of the step) at 1, 2, 2.5 or 5 times
/// a power of ten, about `count` of them. Always contains 0 when `lo <= 0 <= hi`.
pub fn nice_ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    let (lo, hi) = if lo.is_finite() && hi.is_finite() {
        (lo.min(hi), lo.max(hi))
    } else {
        (0.0, 1.0)
    };
    let (lo, hi) = if hi - lo < 1.0 {
        (lo, lo + 1.0)
    } else {
        (lo, hi)
    };
    let raw = (hi - lo) / count.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag)
        .max(1.0);
    let first = (lo / step).floor() as i64;
    let last = (hi / step).ceil() as i64;
    (first..=last).map(|k| k as f64 * step).collect()
}

/// One stacked series of a column: its value and which side of the axis it goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Part {
    pub value: i64,
    pub below: bool,
    pub visible: bool,
}

/// Stacks the parts of one column from the axis outwards, in order: the parts above the axis
/// upwards, the parts below downwards (as negative values). Hidden parts take no room and get
/// `None`.
pub fn stack(parts: &[Part]) -> Vec<Option<(f64, f64)>> {
    let (mut up, mut down) = (0.0, 0.0);
    parts
        .iter()
        .map(|p| {
            if !p.visible {
                return None;
            }
            let v = p.value.max(0) as f64;
            if p.below {
                let seg = (down - v, down);
                down -= v;
                Some(seg)
            } else {
                let seg = (up, up + v);
                up += v;
                Some(seg)
            }
        })
        .collect()
}

/// The y extent of stacked columns: `(lowest, highest)` over every column, always including 0.
pub fn extent(columns: &[Vec<Option<(f64, f64)>>]) -> (f64, f64) {
    columns
        .iter()
        .flatten()
        .flatten()
        .fold((0.0, 0.0), |(lo, hi), &(a, b)| (lo.min(a), hi.max(b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_maps_both_ways() {
        // a y axis: 0 at the bottom pixel 200, 100 at the top pixel 0
        let y = Linear::new((0.0, 100.0), (200.0, 0.0));
        assert_eq!(y.px(0.0), 200.0);
        assert_eq!(y.px(100.0), 0.0);
        assert_eq!(y.px(-50.0), 300.0);
        assert_eq!(y.value(100.0), 50.0);
        assert_eq!(Linear::new((5.0, 5.0), (0.0, 10.0)).px(5.0), 5.0);
    }

    #[test]
    fn bands_place_columns_and_find_the_nearest() {
        let b = Bands {
            n: 4,
            left: 100.0,
            right: 500.0,
        };
        assert_eq!(b.width(), 100.0);
        assert_eq!(b.center(0), 150.0);
        assert_eq!(b.column(1, 0.2), (210.0, 290.0));
        assert_eq!(b.nearest(100.0), Some(0));
        assert_eq!(b.nearest(199.0), Some(0));
        assert_eq!(b.nearest(201.0), Some(1));
        assert_eq!(b.nearest(350.0), Some(2));
        assert_eq!(b.nearest(500.0), Some(3));
        assert_eq!(b.nearest(99.0), None);
        assert_eq!(b.nearest(501.0), None);
        assert_eq!(b.nearest(f64::NAN), None);
        assert_eq!(
            Bands {
                n: 0,
                left: 0.0,
                right: 10.0
            }
            .nearest(5.0),
            None
        );
        let one = Bands {
            n: 1,
            left: 0.0,
            right: 10.0,
        };
        assert_eq!(one.nearest(9.0), Some(0));
    }

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(
            nice_ticks(0.0, 100.0, 5),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        let t = nice_ticks(-37.0, 212.0, 5);
        assert!(t[0] <= -37.0 && *t.last().unwrap() >= 212.0);
        assert!(t.contains(&0.0));
        assert_eq!(t[1] - t[0], 50.0);
        // a flat or empty range still gets an axis with whole steps
        assert_eq!(nice_ticks(0.0, 0.0, 5), vec![0.0, 1.0]);
        assert_eq!(nice_ticks(f64::NAN, 3.0, 4), vec![0.0, 1.0]);
    }

    #[test]
    fn stacks_go_up_and_down_from_the_axis_and_skip_hidden_parts() {
        let p = |value, below, visible| Part {
            value,
            below,
            visible,
        };
        let s = stack(&[
            p(30, false, true),
            p(5, false, true),
            p(2, false, true),
            p(4, true, true),
        ]);
        assert_eq!(
            s,
            vec![
                Some((0.0, 30.0)),
                Some((30.0, 35.0)),
                Some((35.0, 37.0)),
                Some((-4.0, 0.0))
            ]
        );
        // hiding the bottom part rebuilds the stack from the axis
        let s = stack(&[
            p(30, false, false),
            p(5, false, true),
            p(2, false, true),
            p(4, true, false),
        ]);
        assert_eq!(s, vec![None, Some((0.0, 5.0)), Some((5.0, 7.0)), None]);
        assert_eq!(extent(&[s]), (0.0, 7.0));
        let both = vec![stack(&[p(3, false, true), p(9, true, true)])];
        assert_eq!(extent(&both), (-9.0, 3.0));
    }
}
