//! Computes the [`Report`] of metrics.md from a [`Dataset`] and a [`Query`].

mod types;
pub use types::*;

use crate::model::Dataset;
use crate::query::Query;

/// Computes the report of `ds` for `q` (metrics.md). Never panics; an empty dataset gives an
/// empty report.
pub fn report(ds: &Dataset, q: &Query) -> Report {
    compute::run(ds, q, true)
}

/// [`report`] without its adoption half (`adoption: None`) when `adoption` is false: the
/// customers dashboard shows none of it, and it is most of a report's bytes and part of its time.
/// Every other field equals [`report`]'s.
pub fn report_with(ds: &Dataset, q: &Query, adoption: bool) -> Report {
    compute::run(ds, q, adoption)
}

mod adoption;
mod bits;
mod compute;
