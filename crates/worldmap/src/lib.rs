//! The world map of Partner Insights' geographic section, without the UI: the compact country
//! asset, the Equal Earth projection, canvas viewports (world view, zoom to a country) and
//! point-in-polygon hit testing. Pure Rust with serde_json only; tested natively, builds for
//! `wasm32-unknown-unknown`.
//!
//! ```
//! # fn demo(bytes: &[u8]) -> Result<(), worldmap::DecodeError> {
//! let world = worldmap::World::decode(bytes)?; // the bytes of data/world.json
//! let view = world.world_viewport(960.0, 480.0, 8.0);
//! for country in world.paint_order() {
//!     for ring in country.pixel_rings(&view) {
//!         // fill `ring.points` (outer rings; holes are enclaves painted later) ...
//!     }
//! }
//! let (px, py) = view.project(2.35, 48.86);
//! assert_eq!(world.code_at_pixel(&view, px, py), Some("FR"));
//! let zoom = world.country_viewport("FR", 960.0, 480.0, 24.0);
//! # let _ = zoom; Ok(()) }
//! # demo(include_bytes!("../../../data/world.json")).unwrap();
//! ```
//!
//! # The asset: `data/world.json`
//!
//! Written by `scripts/build_worldmap.mjs` from Natural Earth 1:110m admin-0 countries (public
//! domain) in the npm package `world-atlas@2.0.2`; about 77 KB raw (30 KB gzipped), 174
//! countries, 9,600 points. One JSON object, one country per line:
//!
//! ```text
//! {"format":"pi-worldmap","version":1,"scale":100,"source":"...","countries":[
//! {"iso2":"AD","name":"Andorra","polygons":[[[152,4260,-9,-16, ...]]]},
//! ...
//! ]}
//! ```
//!
//! - `iso2`: ISO 3166-1 alpha-2 (`XK` for Kosovo), countries sorted by code, each once.
//! - `name`: Natural Earth's English short name (informative; the UI localizes via the engine).
//! - `polygons`: a list of polygons, each a list of rings: the first is the outer boundary, the
//!   others holes. A ring is a flat integer array `[lon0, lat0, dlon1, dlat1, ...]` in
//!   1/`scale` degrees (hundredths): the first point absolute, each next one as the difference
//!   from the previous one. Rings are implicitly closed, have at least three points, no
//!   consecutive duplicates and no zero area.
//!
//! [`World::decode`] checks all of this (format, version, even lengths, codes, coordinates
//! within ±180° / ±90°, duplicates) and returns a [`DecodeError`] instead of panicking.
//!
//! ## What the conversion decided
//!
//! - ISO numeric ids are mapped to alpha-2 with `scripts/worldmap/iso3166_numeric.json`
//!   (pycountry). Features without a usable id are matched by name: France → `FR`, Norway →
//!   `NO` (Natural Earth's `-99`; world-atlas 2.0.2 already patches both to 250 / 578, and the
//!   script checks that the name table agrees), Kosovo → `XK`.
//! - N. Cyprus is merged into `CY` and Somaliland into `SO` (shared border dissolved): neither is
//!   an ISO 3166 country, and customers there are billed under those codes.
//! - Antarctica (`AQ`) is dropped: no customers, and it would take a fifth of the world view.
//! - world-atlas stitches Natural Earth's antimeridian cuts back together (d3 draws on the
//!   sphere); the script cuts those rings at ±180° again (Fiji, Wrangel Island, Chukotka) so
//!   every ring is a plain planar polygon.
//!
//! # Projection and viewport
//!
//! [`equal_earth`] is the forward Equal Earth projection (Šavrič, Patterson & Jenny 2018) on the
//! unit sphere, [`equal_earth_inverse`] its inverse (Newton on the latitude polynomial). A
//! [`Viewport`] maps projected points to canvas pixels with one scale and an offset (aspect ratio
//! kept), fitted to a rectangle with padding; [`Viewport::to_projected`] inverts it for hit
//! testing.
//!
//! ## Zoom to a country: its main territory, and the antimeridian
//!
//! [`World::country_viewport`] frames [`Country::frame`], the country's main territory: its
//! largest ring, then, step by step, every ring whose lon/lat box lies within
//! [`MAIN_TERRITORY_GAP_DEG`] (20°) of what is gathered so far. Boxes are compared in plain
//! longitudes, so land just across the antimeridian counts as ~360° away: a flat map cannot show
//! both sides in one piece. Results: France is the mainland and Corsica (French Guiana is drawn
//! and hoverable, but not framed); the United States are framed whole (Alaska is 16° from the
//! contiguous states, and Hawaii falls within 20° of the box they make together); Russia runs from Kaliningrad to 180°E, without the tip of Chukotka and half of
//! Wrangel Island west of −180°; Fiji is framed on its islands around 178°E; Norway includes
//! Svalbard. Frames smaller than [`MIN_FRAME_SPAN`] are widened so tiny countries keep some
//! context. The home view ([`World::world_viewport`]) fits every country.
//!
//! # Hit testing
//!
//! [`World::country_at`] (projected point) and [`World::code_at_pixel`] (canvas pixel) test the
//! world box, then each country's box, then each ring's box, then even-odd ray casting over all
//! the rings of a candidate country (so holes work). Cost (`cargo bench -p pi-worldmap --bench
//! hit`, native, 1200 × 600 world view): about 0.1 µs over Paris, 0.2 µs over the sea, 0.6 µs
//! over Moscow (Russia's 446-point ring), 0.22 µs on average over a grid of 800 pixels; decoding
//! the asset takes about 1.1 ms and building every pixel path for a frame about 60 µs.

mod asset;
mod geom;
mod projection;
mod viewport;
mod world;

pub use asset::{DecodeError, FORMAT, VERSION};
pub use geom::{Bounds, Point};
pub use projection::{equal_earth, equal_earth_inverse, globe_bounds};
pub use viewport::{Viewport, MIN_FRAME_SPAN};
pub use world::{Country, PixelRing, Ring, World, MAIN_TERRITORY_GAP_DEG};
