//! The decoded map: countries as projected rings, framing and hit testing.

use crate::asset::{decode, DecodeError, RawRing};
use crate::geom::{Bounds, Point};
use crate::projection::equal_earth;
use crate::viewport::Viewport;

/// One closed ring of a country in projected coordinates (implicitly closed: the first point is
/// not repeated at the end).
#[derive(Clone, Debug, PartialEq)]
pub struct Ring {
    hole: bool,
    points: Vec<Point>,
    bounds: Bounds,
}

impl Ring {
    /// Whether the ring is a hole in the polygon before it (in this asset: South Africa's ring
    /// around Lesotho).
    pub fn is_hole(&self) -> bool {
        self.hole
    }

    pub fn points(&self) -> &[Point] {
        &self.points
    }

    pub fn bounds(&self) -> Bounds {
        self.bounds
    }

    /// Even-odd ray casting (a ray towards +x): whether `p` is inside this ring alone.
    #[inline]
    fn crosses_odd(&self, p: Point) -> bool {
        let pts = &self.points;
        let mut inside = false;
        let mut j = pts.len() - 1;
        for i in 0..pts.len() {
            let (a, b) = (pts[i], pts[j]);
            if (a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x {
                inside = !inside;
            }
            j = i;
        }
        inside
    }

    /// Twice the signed area (shoelace).
    fn area2(&self) -> f64 {
        let pts = &self.points;
        let mut s = 0.0;
        let mut j = pts.len() - 1;
        for i in 0..pts.len() {
            s += pts[j].x * pts[i].y - pts[i].x * pts[j].y;
            j = i;
        }
        s
    }
}

/// A ring as integer pixel coordinates for a draw call (plotters' backend coordinates).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PixelRing {
    /// See [`Ring::is_hole`].
    pub hole: bool,
    /// At least three points, consecutive duplicates removed, not closed.
    pub points: Vec<(i32, i32)>,
}

/// A country (or territory) of the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    code: String,
    name: String,
    rings: Vec<Ring>,
    bounds: Bounds,
    frame: Bounds,
}

impl Country {
    /// ISO 3166-1 alpha-2 code (`XK` for Kosovo), as the metrics engine uses.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// English name from Natural Earth (short forms such as "Dem. Rep. Congo"); the UI shows the
    /// engine's localized names instead.
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn rings(&self) -> &[Ring] {
        &self.rings
    }

    /// The projected extent of all the rings.
    pub fn bounds(&self) -> Bounds {
        self.bounds
    }

    /// The projected rectangle a zoom to this country frames: its main territory, i.e. the
    /// largest ring and the rings within [`MAIN_TERRITORY_GAP_DEG`] of it, step by step (see the
    /// crate docs): France without French Guiana, Russia without the land beyond 180°. Equal
    /// to [`Country::bounds`] for most countries.
    pub fn frame(&self) -> Bounds {
        self.frame
    }

    /// Whether the projected point is in the country: even-odd over all its rings (a point in
    /// Lesotho is in South Africa's outer ring and in its hole, so not in South Africa), after a
    /// bounding box check of the country and of each ring.
    #[inline]
    pub fn contains(&self, p: Point) -> bool {
        if !self.bounds.contains(p) {
            return false;
        }
        let mut inside = false;
        for ring in &self.rings {
            // A point outside a ring's box is outside the ring: an even number of crossings.
            if ring.bounds.contains(p) && ring.crosses_odd(p) {
                inside = !inside;
            }
        }
        inside
    }

    /// The rings as pixel paths for `viewport`, for a draw call. Rings entirely off the canvas are
    /// left out, as are rings that collapse to fewer than three distinct pixels (tiny islands in
    /// a world view).
    pub fn pixel_rings(&self, viewport: &Viewport) -> Vec<PixelRing> {
        let visible = viewport.visible();
        let mut out = Vec::with_capacity(self.rings.len());
        for ring in &self.rings {
            if !ring.bounds.intersects(&visible) {
                continue;
            }
            let mut points: Vec<(i32, i32)> = Vec::with_capacity(ring.points.len());
            for p in &ring.points {
                let (x, y) = viewport.to_pixel(*p);
                // `as` saturates: a far off-canvas point in a deep zoom stays a valid i32.
                let q = (x.round() as i32, y.round() as i32);
                if points.last() != Some(&q) {
                    points.push(q);
                }
            }
            while points.len() > 1 && points.first() == points.last() {
                points.pop();
            }
            if points.len() >= 3 {
                out.push(PixelRing {
                    hole: ring.hole,
                    points,
                });
            }
        }
        out
    }
}

/// The decoded world map: countries sorted by code, in projected coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct World {
    countries: Vec<Country>,
    bounds: Bounds,
    /// Indices into `countries`: those with holes first (see [`World::paint_order`]).
    paint_order: Vec<usize>,
}

impl World {
    /// Decodes and projects the asset (data/world.json). Never panics: bad, truncated or
    /// hostile bytes give a [`DecodeError`].
    pub fn decode(bytes: &[u8]) -> Result<World, DecodeError> {
        let decoded = decode(bytes)?;
        let mut countries = Vec::with_capacity(decoded.len());
        let mut bounds = Bounds::EMPTY;
        for c in decoded {
            let rings: Vec<Ring> = c.rings.iter().map(project_ring).collect();
            let cb = rings.iter().fold(Bounds::EMPTY, |b, r| b.union(r.bounds));
            let frame = frame_of(&c.rings, &rings).unwrap_or(cb);
            bounds = bounds.union(cb);
            countries.push(Country {
                code: c.code,
                name: c.name,
                rings,
                bounds: cb,
                frame,
            });
        }
        let mut paint_order: Vec<usize> = (0..countries.len()).collect();
        paint_order.sort_by_key(|&i| !countries[i].rings.iter().any(|r| r.hole));
        Ok(World {
            countries,
            bounds,
            paint_order,
        })
    }

    /// All countries, sorted by code.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// The country with this alpha-2 code (ASCII case-insensitive).
    pub fn country(&self, code: &str) -> Option<&Country> {
        let code = code.to_ascii_uppercase();
        self.countries
            .binary_search_by(|c| c.code.as_str().cmp(&code))
            .ok()
            .map(|i| &self.countries[i])
    }

    /// The projected extent of every country (Antarctica is not in the asset).
    pub fn bounds(&self) -> Bounds {
        self.bounds
    }

    /// The order to fill countries in so that enclaves paint over the country around them:
    /// countries with holes first, then the rest by code. Filling outer rings only (ignoring
    /// holes) in this order draws the map correctly.
    pub fn paint_order(&self) -> impl Iterator<Item = &Country> + '_ {
        self.paint_order.iter().map(move |&i| &self.countries[i])
    }

    /// The country under a projected point, if any.
    pub fn country_at(&self, p: Point) -> Option<&Country> {
        if !self.bounds.contains(p) {
            return None;
        }
        self.countries.iter().find(|c| c.contains(p))
    }

    /// The code of the country under a canvas pixel for this viewport, if any (the mouse-move
    /// hit test).
    pub fn code_at_pixel(&self, viewport: &Viewport, px: f64, py: f64) -> Option<&str> {
        self.country_at(viewport.to_projected(px, py))
            .map(Country::code)
    }

    /// The home view: every country fitted to the canvas with `padding` pixels around.
    pub fn world_viewport(&self, width: f64, height: f64, padding: f64) -> Viewport {
        Viewport::fit(self.bounds, width, height, padding)
    }

    /// The view zoomed to a country's [`Country::frame`] with `padding` pixels around, or `None`
    /// for a code not on the map.
    pub fn country_viewport(
        &self,
        code: &str,
        width: f64,
        height: f64,
        padding: f64,
    ) -> Option<Viewport> {
        self.country(code)
            .map(|c| Viewport::fit(c.frame, width, height, padding))
    }
}

fn project_ring(raw: &RawRing) -> Ring {
    let points: Vec<Point> = raw
        .lonlat
        .iter()
        .map(|&(lon, lat)| equal_earth(lon, lat))
        .collect();
    Ring {
        hole: raw.hole,
        bounds: Bounds::of_points(&points),
        points,
    }
}

/// How far (in degrees of longitude or latitude between bounding boxes) a ring may lie from the
/// rings gathered so far to count as part of a country's main territory.
pub const MAIN_TERRITORY_GAP_DEG: f64 = 20.0;

/// The main territory's projected frame: the largest outer ring (by projected area), then,
/// repeatedly, every outer ring whose lon/lat box is within [`MAIN_TERRITORY_GAP_DEG`] of the box
/// gathered so far (boxes compared in plain longitudes, so land beyond the antimeridian is about
/// 360° away and left out). France: the mainland and Corsica, not French Guiana; the United
/// States: whole (Alaska is 16° from the contiguous states, then Hawaii is within 3° of the box of
/// both); Russia: Kaliningrad to 180°E, not the bit of Chukotka west of it; Fiji: its main islands
/// around 178°E.
fn frame_of(raw: &[RawRing], rings: &[Ring]) -> Option<Bounds> {
    let largest = (0..raw.len())
        .filter(|&i| !raw[i].hole)
        .max_by(|&a, &b| rings[a].area2().abs().total_cmp(&rings[b].area2().abs()))?;
    let mut kept = vec![false; raw.len()];
    kept[largest] = true;
    let mut gathered = raw[largest].lonlat_box;
    let mut grown = true;
    while grown {
        grown = false;
        for i in 0..raw.len() {
            if kept[i] || raw[i].hole {
                continue;
            }
            let b = raw[i].lonlat_box;
            let gap_lon = (b[0] - gathered[2]).max(gathered[0] - b[2]).max(0.0);
            let gap_lat = (b[1] - gathered[3]).max(gathered[1] - b[3]).max(0.0);
            if gap_lon.max(gap_lat) <= MAIN_TERRITORY_GAP_DEG {
                kept[i] = true;
                grown = true;
                gathered = [
                    gathered[0].min(b[0]),
                    gathered[1].min(b[1]),
                    gathered[2].max(b[2]),
                    gathered[3].max(b[3]),
                ];
            }
        }
    }
    let frame = rings
        .iter()
        .zip(&kept)
        .filter(|(_, &k)| k)
        .fold(Bounds::EMPTY, |b, (r, _)| b.union(r.bounds));
    (!frame.is_empty()).then_some(frame)
}
