//! One visual unit per module.

pub mod by_product;
pub mod footer;
pub mod header;
pub mod kpi;
pub mod range;
pub mod sparkline;
pub mod status;
pub mod summary;
