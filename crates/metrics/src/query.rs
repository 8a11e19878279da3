//! What the user asks: a range, an as-of date, filters and adoption thresholds.

use crate::date::Month;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// A filter dimension (metrics.md, "Filters").
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Dim {
    Country,
    Market,
    Segment,
    Product,
    Sku,
    PartnerLocation,
    Attribution,
    SalesChannel,
}

impl Dim {
    pub const ALL: [Dim; 8] = [
        Dim::Country,
        Dim::Market,
        Dim::Segment,
        Dim::Product,
        Dim::Sku,
        Dim::PartnerLocation,
        Dim::Attribution,
        Dim::SalesChannel,
    ];

    /// The name used in URLs, the command line and the report.
    pub fn as_str(self) -> &'static str {
        match self {
            Dim::Country => "country",
            Dim::Market => "market",
            Dim::Segment => "segment",
            Dim::Product => "product",
            Dim::Sku => "sku",
            Dim::PartnerLocation => "partner_location",
            Dim::Attribution => "attribution",
            Dim::SalesChannel => "sales_channel",
        }
    }

    /// Customer dimensions remove customers; the others remove facts.
    pub fn is_customer_dim(self) -> bool {
        matches!(self, Dim::Country | Dim::Market | Dim::Segment)
    }
}

impl fmt::Display for Dim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown dimension name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown filter dimension `{0}`: expected one of country, market, segment, product, sku, partner_location, attribution, sales_channel")]
pub struct UnknownDim(pub String);

impl FromStr for Dim {
    type Err = UnknownDim;
    fn from_str(s: &str) -> Result<Dim, UnknownDim> {
        Dim::ALL
            .into_iter()
            .find(|d| d.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownDim(s.to_string()))
    }
}

/// Allowed values per dimension: OR inside a dimension, AND across dimensions. Values match
/// case-insensitively; `Unknown` is the value of a missing attribute. A dimension with an empty
/// list is no filter.
pub type Filters = BTreeMap<Dim, Vec<String>>;

/// What to compute.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Query {
    /// First month of the range; default: the last 12 months of the timeline.
    pub from: Option<Month>,
    /// Last month of the range; default: the as-of month.
    pub to: Option<Month>,
    /// Default: the latest date found in the data.
    pub as_of: Option<NaiveDate>,
    pub filters: Filters,
    /// Opportunities: deployment % below this (default 50).
    pub deployment_threshold: f64,
    /// Opportunities: usage % below this (default 50).
    pub usage_threshold: f64,
}

impl Default for Query {
    fn default() -> Self {
        Query {
            from: None,
            to: None,
            as_of: None,
            filters: Filters::new(),
            deployment_threshold: 50.0,
            usage_threshold: 50.0,
        }
    }
}
