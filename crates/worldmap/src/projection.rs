//! The Equal Earth projection (Šavrič, Patterson & Jenny 2018), spherical form, unit sphere.

use crate::geom::{Bounds, Point};
use std::f64::consts::{FRAC_PI_3, PI};

// Published coefficients (International Journal of Geographical Information Science 33:3, 2019).
const A1: f64 = 1.340264;
const A2: f64 = -0.081106;
const A3: f64 = 0.000893;
const A4: f64 = 0.003796;
/// √3 / 2.
const M: f64 = 0.866_025_403_784_438_6;

/// y(θ) / θ and its derivative dy/dθ: the two polynomials of the forward formulas.
#[inline]
fn polys(theta: f64) -> (f64, f64) {
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    let y_over_theta = A1 + A2 * t2 + t6 * (A3 + A4 * t2);
    let dy = A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2);
    (y_over_theta, dy)
}

/// Projects longitude / latitude in degrees to Equal Earth coordinates on the unit sphere
/// (x east, y north; the whole globe spans about ±2.7066 × ±1.3174, see [`globe_bounds`]).
///
/// Latitudes are clamped to ±90°; longitudes are used as given (pass −180..=180, the central
/// meridian is Greenwich). Non-finite input gives a non-finite point.
pub fn equal_earth(lon_deg: f64, lat_deg: f64) -> Point {
    let lambda = lon_deg.to_radians();
    let phi = lat_deg.clamp(-90.0, 90.0).to_radians();
    let theta = (M * phi.sin()).asin();
    let (y_over_theta, dy) = polys(theta);
    Point {
        x: lambda * theta.cos() / (M * dy),
        y: theta * y_over_theta,
    }
}

/// The inverse of [`equal_earth`]: longitude / latitude in degrees, or `None` when the point lies
/// outside the projected globe (or is not finite). Latitude is found by Newton's method on the
/// y polynomial (converges in a few steps to 1e-12).
pub fn equal_earth_inverse(p: Point) -> Option<(f64, f64)> {
    if !p.x.is_finite() || !p.y.is_finite() {
        return None;
    }
    let y_max = FRAC_PI_3 * polys(FRAC_PI_3).0;
    if p.y.abs() > y_max * (1.0 + 1e-12) {
        return None;
    }
    let y = p.y.clamp(-y_max, y_max);
    let mut theta = y / A1;
    for _ in 0..30 {
        let (y_over_theta, dy) = polys(theta);
        let step = (theta * y_over_theta - y) / dy;
        theta -= step;
        if step.abs() < 1e-14 {
            break;
        }
    }
    let theta = theta.clamp(-FRAC_PI_3, FRAC_PI_3);
    let (_, dy) = polys(theta);
    let lambda = M * p.x * dy / theta.cos();
    if lambda.abs() > PI * (1.0 + 1e-12) {
        return None;
    }
    let phi = (theta.sin() / M).clamp(-1.0, 1.0).asin();
    Some((lambda.clamp(-PI, PI).to_degrees(), phi.to_degrees()))
}

/// The projected extent of the whole globe: x = ±π / (M·A1) at the equator's ends, y = ±y(π/3)
/// at the poles (the published 2.05 : 1 aspect ratio).
pub fn globe_bounds() -> Bounds {
    let x = equal_earth(180.0, 0.0).x;
    let y = equal_earth(0.0, 90.0).y;
    Bounds {
        min_x: -x,
        min_y: -y,
        max_x: x,
        max_y: y,
    }
}
