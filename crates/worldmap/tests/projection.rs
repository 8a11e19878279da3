//! The Equal Earth projection against reference values, its symmetries, its inverse and its
//! equal-area property; the viewport's inverse.

use worldmap::{equal_earth, equal_earth_inverse, globe_bounds, Point, Viewport};

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[track_caller]
fn assert_point(lon: f64, lat: f64, x: f64, y: f64, tol: f64) {
    let p = equal_earth(lon, lat);
    assert!(
        close(p.x, x, tol) && close(p.y, y, tol),
        "equal_earth({lon}, {lat}) = ({}, {}), expected ({x}, {y})",
        p.x,
        p.y
    );
}

#[test]
fn origin_maps_to_zero() {
    assert_point(0.0, 0.0, 0.0, 0.0, 0.0);
}

/// Reference values from PROJ 9.5.1 (`+proj=eqearth +R=1`, through pyproj 3.7.2), an
/// implementation independent of this crate, printed to 12 decimals.
#[test]
fn matches_proj() {
    let cases = [
        (180.0, 0.0, 2.706629983696, 0.0),
        (0.0, 90.0, 0.0, 1.317362759157),
        (122.0, 47.0, 1.549254331329, 0.893308324948),
        (2.35, 48.86, 0.029416000776, 0.923415484491),
        (-98.0, 38.5, -1.318122330229, 0.748194691850),
        (-47.88, -15.79, -0.706949463714, -0.317748457467),
        (133.88, -23.7, 1.931522574234, -0.472873751098),
        (-180.0, -60.0, -2.039060087572, -1.088300835505),
        (45.0, -30.0, 0.632925418957, -0.592935119848),
    ];
    for (lon, lat, x, y) in cases {
        assert_point(lon, lat, x, y, 1e-9);
    }
}

/// PROJ's documentation example: `echo 122 47 | proj +proj=eqearth +R=1` prints `1.55 0.89`;
/// its test suite has 180°E on the equator at 17263256.84 m for R = 6378137 m.
#[test]
fn matches_proj_documentation() {
    assert_point(122.0, 47.0, 1.55, 0.89, 0.005);
    assert!(close(
        equal_earth(180.0, 0.0).x * 6_378_137.0,
        17_263_256.84,
        0.01
    ));
}

/// Closed forms from the published formulas: x(180°, 0) = π / (M·A1), y(0, 90°) = θ·(A1 + A2θ² +
/// A3θ⁶ + A4θ⁸) with θ = π/3; the paper's 2.05 : 1 aspect ratio.
#[test]
fn closed_form_extremes_and_aspect_ratio() {
    let m = 3f64.sqrt() / 2.0;
    let x_max = std::f64::consts::PI / (m * 1.340264);
    let t = std::f64::consts::FRAC_PI_3;
    let y_max = t * (1.340264 - 0.081106 * t.powi(2) + 0.000893 * t.powi(6) + 0.003796 * t.powi(8));
    let g = globe_bounds();
    assert!(close(g.max_x, x_max, 1e-12) && close(g.min_x, -x_max, 1e-12));
    assert!(close(g.max_y, y_max, 1e-12) && close(g.min_y, -y_max, 1e-12));
    let ratio = g.width() / g.height();
    assert!(close(ratio, 2.05, 0.01), "aspect ratio {ratio}");
}

#[test]
fn symmetric_about_equator_and_central_meridian() {
    for lon in [-179.0, -120.5, -33.3, 0.0, 12.0, 90.0, 180.0] {
        for lat in [-89.0, -45.0, -10.0, 0.0, 23.4, 66.6, 90.0] {
            let p = equal_earth(lon, lat);
            let q = equal_earth(-lon, lat);
            let r = equal_earth(lon, -lat);
            assert!(close(p.x, -q.x, 1e-15) && close(p.y, q.y, 1e-15));
            assert!(close(p.x, r.x, 1e-15) && close(p.y, -r.y, 1e-15));
        }
    }
    // Parallels are straight lines; the central meridian is straight.
    assert!(close(
        equal_earth(-150.0, 40.0).y,
        equal_earth(75.0, 40.0).y,
        1e-15
    ));
    assert_eq!(equal_earth(0.0, 55.0).x, 0.0);
}

/// Equal area: a cell of 30° × 15° has, on the unit sphere, the area Δλ·(sin φ2 − sin φ1); its
/// projection (meridians densified: they are curves) has the same area.
#[test]
fn preserves_area() {
    for (lon0, lat0) in [(0.0, 0.0), (-150.0, 60.0), (90.0, -75.0), (150.0, 30.0)] {
        let (lon1, lat1) = (lon0 + 30.0, lat0 + 15.0);
        let n = 400;
        let mut ring = Vec::new();
        for i in 0..=n {
            ring.push(equal_earth(lon0, lat0 + 15.0 * i as f64 / n as f64));
        }
        for i in 0..=n {
            ring.push(equal_earth(lon1, lat1 - 15.0 * i as f64 / n as f64));
        }
        let mut area2 = 0.0;
        for i in 0..ring.len() {
            let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
            area2 += a.x * b.y - b.x * a.y;
        }
        let projected = area2.abs() / 2.0;
        let sphere = 30f64.to_radians() * (lat1.to_radians().sin() - lat0.to_radians().sin());
        assert!(
            close(projected / sphere, 1.0, 1e-6),
            "cell at ({lon0}, {lat0}): projected {projected}, sphere {sphere}"
        );
    }
}

#[test]
fn inverse_of_forward_is_identity() {
    let mut worst: f64 = 0.0;
    for i in 0..=72 {
        for j in 0..=36 {
            let (lon, lat) = (-180.0 + 5.0 * i as f64, -90.0 + 5.0 * j as f64);
            let (lon2, lat2) = equal_earth_inverse(equal_earth(lon, lat)).expect("on the globe");
            worst = worst.max((lat2 - lat).abs());
            if lat.abs() < 90.0 {
                worst = worst.max((lon2 - lon).abs());
            }
        }
    }
    assert!(worst < 1e-9, "worst round trip error {worst}°");
}

#[test]
fn inverse_refuses_points_off_the_globe() {
    let g = globe_bounds();
    assert_eq!(equal_earth_inverse(Point::new(0.0, g.max_y + 0.01)), None);
    assert_eq!(equal_earth_inverse(Point::new(g.max_x + 0.01, 0.0)), None);
    // The corners of the bounding box are outside the rounded outline.
    assert_eq!(equal_earth_inverse(Point::new(g.max_x, g.max_y)), None);
    assert_eq!(equal_earth_inverse(Point::new(f64::NAN, 0.0)), None);
    assert_eq!(equal_earth_inverse(Point::new(0.0, f64::INFINITY)), None);
}

#[test]
fn viewport_inverse_of_forward_is_identity() {
    let v = Viewport::globe(1234.0, 567.0, 10.0);
    for (lon, lat) in [(2.35, 48.86), (-122.4, 37.8), (151.2, -33.9), (0.0, 0.0)] {
        let (px, py) = v.project(lon, lat);
        let (lon2, lat2) = v.unproject(px, py).unwrap();
        assert!(close(lon, lon2, 1e-9) && close(lat, lat2, 1e-9));
        let p = equal_earth(lon, lat);
        let q = v.to_projected(px, py);
        assert!(close(p.x, q.x, 1e-12) && close(p.y, q.y, 1e-12));
    }
    // North is up, east is right; the centre of the globe is the centre of the canvas.
    let (cx, cy) = v.project(0.0, 0.0);
    assert!(close(cx, 617.0, 1e-9) && close(cy, 283.5, 1e-9));
    assert!(v.project(10.0, 0.0).0 > cx && v.project(0.0, 10.0).1 < cy);
}

#[test]
fn viewport_survives_degenerate_input() {
    for (w, h, pad) in [
        (0.0, 0.0, 0.0),
        (-5.0, 100.0, 10.0),
        (f64::NAN, f64::INFINITY, f64::NAN),
        (100.0, 50.0, 1000.0),
    ] {
        let v = Viewport::globe(w, h, pad);
        assert!(v.scale().is_finite() && v.scale() > 0.0, "{w} {h} {pad}");
        let (x, y) = v.project(0.0, 0.0);
        assert!(x.is_finite() && y.is_finite());
    }
}
