//! From projected coordinates to canvas pixels and back.

use crate::geom::{Bounds, Point};
use crate::projection::{equal_earth, equal_earth_inverse, globe_bounds};

/// The smallest extent a frame is given, in projected units (about 2° of longitude at the
/// equator), so that zooming to a tiny country still shows its neighbourhood and a degenerate
/// (single point) rectangle never divides by zero.
pub const MIN_FRAME_SPAN: f64 = 0.035;

/// A view of the projected map on a canvas of `width` × `height` pixels: a uniform scale (the
/// aspect ratio is kept) and an offset. Pixel y grows downwards, projected y upwards:
///
/// `px = offset_x + scale · x`, `py = offset_y − scale · y`.
///
/// Give it the canvas's size in device pixels (CSS size × devicePixelRatio) for a crisp HiDPI
/// drawing, and convert mouse positions to device pixels the same way before hit testing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    width: f64,
    height: f64,
    scale: f64,
    offset_x: f64,
    offset_y: f64,
}

/// A usable canvas length: positive and finite, else 1.
fn sane_len(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 {
        v
    } else {
        1.0
    }
}

impl Viewport {
    /// The view that shows `frame` as large as possible inside the canvas with at least `padding`
    /// pixels on every side, centred, keeping the aspect ratio. Never panics: a non-finite or
    /// non-positive canvas size counts as 1 pixel, padding is clamped so that at least one pixel
    /// remains, an empty or non-finite frame falls back to the whole globe, and frames smaller
    /// than [`MIN_FRAME_SPAN`] are widened around their centre.
    pub fn fit(frame: Bounds, width: f64, height: f64, padding: f64) -> Viewport {
        let width = sane_len(width);
        let height = sane_len(height);
        let frame = if frame.is_empty()
            || !(frame.min_x.is_finite()
                && frame.max_x.is_finite()
                && frame.min_y.is_finite()
                && frame.max_y.is_finite())
        {
            globe_bounds()
        } else {
            frame
        };
        let padding = if padding.is_finite() {
            padding.max(0.0)
        } else {
            0.0
        };
        let avail_w = (width - 2.0 * padding).max(1.0).min(width);
        let avail_h = (height - 2.0 * padding).max(1.0).min(height);
        let span_x = frame.width().max(MIN_FRAME_SPAN);
        let span_y = frame.height().max(MIN_FRAME_SPAN);
        let scale = (avail_w / span_x).min(avail_h / span_y);
        let c = frame.center();
        Viewport {
            width,
            height,
            scale,
            offset_x: width / 2.0 - scale * c.x,
            offset_y: height / 2.0 + scale * c.y,
        }
    }

    /// The whole globe (the Equal Earth outline, poles and all) fitted to the canvas.
    /// [`crate::World::world_viewport`] fits the countries instead, which is a little larger.
    pub fn globe(width: f64, height: f64, padding: f64) -> Viewport {
        Viewport::fit(globe_bounds(), width, height, padding)
    }

    pub fn width(&self) -> f64 {
        self.width
    }

    pub fn height(&self) -> f64 {
        self.height
    }

    /// Pixels per projected unit.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// Projected point -> pixel.
    #[inline]
    pub fn to_pixel(&self, p: Point) -> (f64, f64) {
        (
            self.offset_x + self.scale * p.x,
            self.offset_y - self.scale * p.y,
        )
    }

    /// Pixel -> projected point (the exact inverse of [`Viewport::to_pixel`]); use it with
    /// [`crate::World::country_at`] for hit testing.
    #[inline]
    pub fn to_projected(&self, px: f64, py: f64) -> Point {
        Point {
            x: (px - self.offset_x) / self.scale,
            y: (self.offset_y - py) / self.scale,
        }
    }

    /// Longitude / latitude in degrees -> pixel.
    pub fn project(&self, lon_deg: f64, lat_deg: f64) -> (f64, f64) {
        self.to_pixel(equal_earth(lon_deg, lat_deg))
    }

    /// Pixel -> longitude / latitude in degrees, `None` off the globe.
    pub fn unproject(&self, px: f64, py: f64) -> Option<(f64, f64)> {
        equal_earth_inverse(self.to_projected(px, py))
    }

    /// The part of the projected plane the canvas shows.
    pub fn visible(&self) -> Bounds {
        let a = self.to_projected(0.0, self.height);
        let b = self.to_projected(self.width, 0.0);
        Bounds {
            min_x: a.x,
            min_y: a.y,
            max_x: b.x,
            max_y: b.y,
        }
    }
}
