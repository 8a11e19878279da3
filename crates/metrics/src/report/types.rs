//! The report: every number the dashboard shows, in the JSON shape of metrics.md.

use crate::date::Month;
use crate::model::PartnerTotal;
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;

/// A first and last month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub from: Month,
    pub to: Month,
}

/// The report of metrics.md. `None` values serialize as `null`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub as_of: Option<NaiveDate>,
    pub timeline: Option<Span>,
    pub range: Option<Span>,
    pub filters: BTreeMap<String, Vec<String>>,
    pub months: Vec<Month>,
    pub summary: Summary,
    pub adds_churn: Vec<AddsChurn>,
    pub geo: Vec<GeoRow>,
    pub distribution: Distribution,
    pub products: Vec<ProductRow>,
    pub distribution_trend: DistributionTrend,
    pub active_trend: Vec<ActiveMonth>,
    pub adoption: Option<Adoption>,
    pub warnings: Vec<Warning>,
}

/// A summary tile.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Kpi {
    pub value: Option<i64>,
    pub change_pct: Option<f64>,
    /// One entry per month of the range; `null` entries when the figure is null.
    pub spark: Vec<Option<i64>>,
}

/// The last-month churn tile.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChurnKpi {
    pub value: Option<i64>,
    pub churn_pct: Option<f64>,
    pub spark: Vec<Option<i64>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub customers: Kpi,
    pub active_customers: Kpi,
    pub subscriptions: Kpi,
    pub net_added: Kpi,
    pub last_month_churn: ChurnKpi,
    pub by_product: Vec<KeyCount>,
}

/// A category and its customers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyCount {
    pub key: String,
    pub customers: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddsChurn {
    pub month: Month,
    pub new: i64,
    pub returning: i64,
    pub existing: i64,
    pub churned: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GeoRow {
    /// ISO alpha-2; `None` for customers of unknown country.
    pub country: Option<String>,
    pub customers: i64,
    pub customers_pct: Option<f64>,
    /// `None` when no usage fact with an active count was loaded.
    pub active: Option<i64>,
    pub active_pct: Option<f64>,
    pub new: i64,
    pub new_pct: Option<f64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Distribution {
    pub partner_location: Vec<KeyCount>,
    pub segment: Vec<KeyCount>,
    pub sales_channel: Vec<KeyCount>,
    pub attribution: Vec<KeyCount>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductRow {
    pub key: String,
    pub customers: i64,
    pub skus: Vec<KeyCount>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendMonth {
    pub month: Month,
    pub counts: BTreeMap<String, i64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DistributionTrend {
    pub market: Vec<TrendMonth>,
    pub segment: Vec<TrendMonth>,
    pub partner_location: Vec<TrendMonth>,
    pub product: Vec<TrendMonth>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActiveMonth {
    pub month: Month,
    pub active: Option<i64>,
    pub total: i64,
}

/// Licence adoption in `month` (metrics.md, "adoption").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Adoption {
    pub month: Month,
    pub thresholds: Thresholds,
    pub portfolio: Portfolio,
    pub customers: Vec<AdoptionCustomer>,
    pub opportunities: Vec<Opportunity>,
    /// Partner-wide totals (PartnerLicenses*Insights), never mixed into customer figures.
    pub partner_totals: Vec<PartnerTotal>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    pub deployment_pct: f64,
    pub usage_pct: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Portfolio {
    pub sold: i64,
    pub assigned: i64,
    pub deployment_pct: Option<f64>,
    pub active: i64,
    pub entitled: i64,
    pub usage_pct: Option<f64>,
    pub over_100: bool,
    pub by_workload: Vec<WorkloadUsage>,
    /// Deployment per product family across customers.
    pub by_product: Vec<ProductDeployment>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkloadUsage {
    pub key: String,
    pub active: i64,
    pub entitled: i64,
    pub usage_pct: Option<f64>,
    pub over_100: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductDeployment {
    pub key: String,
    pub sold: i64,
    pub assigned: i64,
    pub deployment_pct: Option<f64>,
    pub over_100: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdoptionCustomer {
    pub id: String,
    pub name: String,
    pub sold: i64,
    pub assigned: i64,
    pub deployment_pct: Option<f64>,
    pub active: i64,
    pub entitled: i64,
    pub usage_pct: Option<f64>,
    pub over_100: bool,
    pub products: Vec<ProductDeployment>,
    pub workloads: Vec<WorkloadUsage>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Opportunity {
    pub id: String,
    pub name: String,
    pub unassigned: i64,
    pub inactive: i64,
    pub deployment_pct: Option<f64>,
    pub usage_pct: Option<f64>,
    /// `low_deployment` and/or `low_usage`.
    #[serde(deserialize_with = "reasons")]
    pub reasons: Vec<crate::date::Name>,
}

/// Something the report had to assume.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    pub file: String,
    pub row: u64,
    pub field: String,
    pub message: String,
}

/// The reasons of an [`Opportunity`], read back (the engine's answer crossing to the page).
fn reasons<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<&'static str>, D::Error> {
    let names = Vec::<String>::deserialize(d)?;
    names
        .iter()
        .map(|n| crate::date::known(n, &["low_deployment", "low_usage"]))
        .collect()
}
