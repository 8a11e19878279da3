//! Partner Insights metrics engine.
//!
//! Data flows one way: bytes -> [`load()`] (detect, parse, validate, normalize into a columnar
//! [`Dataset`]) -> [`report()`] -> [`Report`]. The browser and the `insights` command line call
//! the same two functions, so every number on screen can be reproduced on the command line.
//!
//! The contract for every number is `shared/spec/metrics.md`; for every input,
//! `shared/spec/formats.md`.

// Columnar code walks several parallel columns by one index; iterator chains over one of them
// would hide that the others are indexed the same way.
#![allow(clippy::needless_range_loop)]

pub mod attribution;
pub mod bundle;
pub mod country;
pub mod date;
pub mod export;
pub mod family;
pub mod generate;
pub mod load;
pub mod model;
pub mod options;
pub mod query;
pub mod report;

pub use date::Month;
pub use load::{load, Input, Loaded, Session};
pub use model::{Dataset, DatasetBuilder};
pub use options::{dimension_options, filter_options, FilterOption};
pub use query::{Dim, Filters, Query};
pub use report::{report, report_with, Report};
