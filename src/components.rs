//! One visual unit per module.

pub mod active;
pub mod adds_churn;
pub mod by_product;
pub mod deferred;
pub mod distribution;
pub mod empty;
pub mod filter_bar;
pub mod footer;
pub mod header;
pub mod kpi;
pub mod products;
pub mod range;
pub mod search;
pub mod sparkline;
pub mod status;
pub mod summary;
pub mod switch;
pub mod trend;
