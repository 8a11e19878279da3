//! Computes the [`Report`] of metrics.md from a [`Dataset`] and a [`Query`].

mod types;
pub use types::*;

use crate::model::Dataset;
use crate::query::Query;

/// Computes the report of `ds` for `q` (metrics.md). Never panics; an empty dataset gives an
/// empty report.
pub fn report(ds: &Dataset, q: &Query) -> Report {
    compute::run(ds, q)
}

mod adoption;
mod bits;
mod compute;
