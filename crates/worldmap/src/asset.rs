//! Decoding data/world.json (format described in the crate docs).

use serde::Deserialize;
use std::fmt;

/// The `format` value of a world map asset.
pub const FORMAT: &str = "pi-worldmap";
/// The asset version this crate reads.
pub const VERSION: u64 = 1;

/// Why an asset could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeError {
    /// Not JSON, truncated, or not the expected shape (serde_json's message).
    Json(String),
    /// Valid JSON but another format or version.
    Unsupported { format: String, version: u64 },
    /// The right shape with impossible content (bad code, ring too short, coordinate out of
    /// range, duplicate country...).
    Invalid(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Json(e) => write!(f, "world map asset: not valid JSON of the expected shape: {e}"),
            DecodeError::Unsupported { format, version } => write!(
                f,
                "world map asset: format {format:?} version {version}, expected {FORMAT:?} version {VERSION}"
            ),
            DecodeError::Invalid(e) => write!(f, "world map asset: {e}"),
        }
    }
}

impl std::error::Error for DecodeError {}

#[derive(Deserialize)]
struct RawAsset {
    format: String,
    version: u64,
    scale: u32,
    countries: Vec<RawCountry>,
}

#[derive(Deserialize)]
struct RawCountry {
    iso2: String,
    name: String,
    polygons: Vec<Vec<Vec<i64>>>,
}

/// A decoded ring in degrees, before projection.
pub(crate) struct RawRing {
    pub hole: bool,
    pub lonlat: Vec<(f64, f64)>,
    /// Longitude / latitude box in degrees: `[lon_min, lat_min, lon_max, lat_max]`.
    pub lonlat_box: [f64; 4],
}

pub(crate) struct DecodedCountry {
    pub code: String,
    pub name: String,
    pub rings: Vec<RawRing>,
}

pub(crate) fn decode(bytes: &[u8]) -> Result<Vec<DecodedCountry>, DecodeError> {
    // Check the header first so that another format gets a precise error, not a shape error.
    #[derive(Deserialize)]
    struct Header {
        format: Option<String>,
        version: Option<u64>,
    }
    let header: Header =
        serde_json::from_slice(bytes).map_err(|e| DecodeError::Json(e.to_string()))?;
    if header.format.as_deref() != Some(FORMAT) || header.version != Some(VERSION) {
        return Err(DecodeError::Unsupported {
            format: header.format.unwrap_or_default(),
            version: header.version.unwrap_or(0),
        });
    }
    let raw: RawAsset =
        serde_json::from_slice(bytes).map_err(|e| DecodeError::Json(e.to_string()))?;
    debug_assert!(raw.format == FORMAT && raw.version == VERSION);
    if raw.scale == 0 || raw.scale > 1_000_000 {
        return Err(DecodeError::Invalid(format!(
            "scale {} out of range",
            raw.scale
        )));
    }
    if raw.countries.is_empty() {
        return Err(DecodeError::Invalid("no countries".into()));
    }
    let scale = i64::from(raw.scale);
    let (lon_lim, lat_lim) = (180 * scale.unsigned_abs(), 90 * scale.unsigned_abs());
    let unit = 1.0 / f64::from(raw.scale);
    let mut out = Vec::with_capacity(raw.countries.len());
    for c in raw.countries {
        let code = c.iso2;
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(DecodeError::Invalid(format!(
                "country code {code:?} is not two capital letters"
            )));
        }
        if c.polygons.is_empty() {
            return Err(DecodeError::Invalid(format!("{code}: no polygon")));
        }
        let mut rings = Vec::new();
        for poly in c.polygons {
            if poly.is_empty() {
                return Err(DecodeError::Invalid(format!("{code}: empty polygon")));
            }
            for (i, ring) in poly.into_iter().enumerate() {
                if ring.len() % 2 != 0 || ring.len() < 6 {
                    return Err(DecodeError::Invalid(format!(
                        "{code}: a ring has {} numbers, expected an even count of at least 6",
                        ring.len()
                    )));
                }
                let mut lonlat = Vec::with_capacity(ring.len() / 2);
                let (mut lon, mut lat) = (0i64, 0i64);
                let mut lonlat_box = [
                    f64::INFINITY,
                    f64::INFINITY,
                    f64::NEG_INFINITY,
                    f64::NEG_INFINITY,
                ];
                for (k, pair) in ring.chunks_exact(2).enumerate() {
                    if k == 0 {
                        (lon, lat) = (pair[0], pair[1]);
                    } else {
                        lon = lon.checked_add(pair[0]).unwrap_or(i64::MAX);
                        lat = lat.checked_add(pair[1]).unwrap_or(i64::MAX);
                    }
                    if lon.unsigned_abs() > lon_lim || lat.unsigned_abs() > lat_lim {
                        return Err(DecodeError::Invalid(format!(
                            "{code}: a coordinate is off the globe"
                        )));
                    }
                    let (x, y) = (lon as f64 * unit, lat as f64 * unit);
                    lonlat_box = [
                        lonlat_box[0].min(x),
                        lonlat_box[1].min(y),
                        lonlat_box[2].max(x),
                        lonlat_box[3].max(y),
                    ];
                    lonlat.push((x, y));
                }
                rings.push(RawRing {
                    hole: i > 0,
                    lonlat,
                    lonlat_box,
                });
            }
        }
        out.push(DecodedCountry {
            code,
            name: c.name,
            rings,
        });
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    if let Some(w) = out.windows(2).find(|w| w[0].code == w[1].code) {
        return Err(DecodeError::Invalid(format!("{} appears twice", w[0].code)));
    }
    Ok(out)
}
