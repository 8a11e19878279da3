//! The world map asset: fetched relative to the page (Trunk copies `data/`), decoded once per
//! section by the `worldmap` crate.

use crate::source;
use std::sync::Arc;
use worldmap::World;

/// The asset, relative to the page so the page works from any sub-folder.
pub const WORLD: &str = "data/world.json";

/// Fetches and decodes the map; the error says why in words.
pub async fn load() -> Result<Arc<World>, String> {
    let bytes = source::fetch(WORLD, |_, _| {}, || true)
        .await?
        .ok_or_else(|| crate::tr!(source.no_fetch, url = WORLD).to_string())?;
    World::decode(&bytes)
        .map(Arc::new)
        .map_err(|why| crate::tr!(source.no_read, url = WORLD, why).to_string())
}
