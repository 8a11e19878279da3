//! The licence adoption view (`?view=adoption`, issue 6): portfolio deployment and usage,
//! customers, one customer's detail, opportunities and the CSV export. Everything shown comes
//! from `report.adoption`; [`present`] only turns its values into display text.

pub mod bars;
pub mod customers;
pub mod detail;
pub mod detail_tables;
pub mod export;
pub mod flag;
pub mod history;
pub mod opportunities;
pub mod portfolio;
pub mod present;
pub mod url;
pub mod view;
