//! The geographical section (issue 5): current, active and new customers by country on a world
//! map shaded by the chosen metric, with a tooltip per country, and a searchable, sortable grid
//! that is also the map's text alternative. Selecting a country (row or map) zooms the map to it
//! and goes into the URL (`geo`); the page can then be filtered by it.
//!
//! The map asset (`data/world.json`, 77 KB) is fetched relative to the page like the sample,
//! not embedded: it would add 10 % to the wasm, and the grid does not wait for it.

pub mod grid;
pub mod map;
pub mod present;
pub mod section;
pub mod world;
