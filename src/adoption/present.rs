//! Display text for the adoption view: percentages, sorting and searching the customers,
//! reasons and recommended actions. Pure functions over report values; no metric is computed.

use crate::format;
use metrics::report::{AdoptionCustomer, ProductDeployment, WorkloadUsage};
use std::cmp::Ordering;

/// The documented causes of a figure above 100% (metrics.md, "adoption"), in the language shown.
pub fn over_100_causes() -> [&'static str; 4] {
    [
        crate::tr!(adoption.cause_turnover),
        crate::tr!(adoption.cause_grace),
        crate::tr!(adoption.cause_trial),
        crate::tr!(adoption.cause_beyond),
    ]
}

/// A ratio as text, `—` when it has no denominator. Never capped.
pub fn pct(p: Option<f64>) -> String {
    p.map_or_else(|| "—".to_string(), format::pct)
}

/// The width of a bar for a percentage: the value itself, drawn no wider than its track.
pub fn bar_width(p: Option<f64>) -> f64 {
    p.unwrap_or(0.0).clamp(0.0, 100.0)
}

/// One row of a percentage bar chart.
#[derive(Clone, Debug, PartialEq)]
pub struct PctBar {
    pub key: String,
    pub pct: Option<f64>,
    /// The counts behind the ratio, e.g. `373,899 of 669,028 active`.
    pub detail: String,
    pub over_100: bool,
}

pub fn workload_bars(rows: &[WorkloadUsage]) -> Vec<PctBar> {
    rows.iter()
        .map(|w| PctBar {
            key: w.key.clone(),
            pct: w.usage_pct,
            detail: crate::tr!(
                adoption.n_of_active,
                n = format::count(w.active),
                of = format::count(w.entitled)
            )
            .to_string(),
            over_100: w.over_100,
        })
        .collect()
}

pub fn product_bars(rows: &[ProductDeployment]) -> Vec<PctBar> {
    rows.iter()
        .map(|p| PctBar {
            key: p.key.clone(),
            pct: p.deployment_pct,
            detail: crate::tr!(
                adoption.n_of_assigned,
                n = format::count(p.assigned),
                of = format::count(p.sold)
            )
            .to_string(),
            over_100: p.over_100,
        })
        .collect()
}

/// A column of the customers table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Col {
    Name,
    Sold,
    Assigned,
    Deployment,
    Active,
    Entitled,
    Usage,
}

impl Col {
    pub const ALL: [Col; 7] = [
        Col::Name,
        Col::Sold,
        Col::Assigned,
        Col::Deployment,
        Col::Active,
        Col::Entitled,
        Col::Usage,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Col::Name => crate::tr!(adoption.col_customer),
            Col::Sold => crate::tr!(adoption.col_sold),
            Col::Assigned => crate::tr!(adoption.col_assigned),
            Col::Deployment => crate::tr!(adoption.col_deployment),
            Col::Active => crate::tr!(adoption.col_active),
            Col::Entitled => crate::tr!(adoption.col_entitled),
            Col::Usage => crate::tr!(adoption.col_usage),
        }
    }

    /// A ratio without a denominator: listed last whichever the direction.
    fn missing(self, c: &AdoptionCustomer) -> bool {
        match self {
            Col::Deployment => c.deployment_pct.is_none(),
            Col::Usage => c.usage_pct.is_none(),
            _ => false,
        }
    }

    fn cmp(self, a: &AdoptionCustomer, b: &AdoptionCustomer) -> Ordering {
        let opt = |x: Option<f64>, y: Option<f64>| match (x, y) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (x, y) => x.is_some().cmp(&y.is_some()),
        };
        match self {
            Col::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
            Col::Sold => a.sold.cmp(&b.sold),
            Col::Assigned => a.assigned.cmp(&b.assigned),
            Col::Deployment => opt(a.deployment_pct, b.deployment_pct),
            Col::Active => a.active.cmp(&b.active),
            Col::Entitled => a.entitled.cmp(&b.entitled),
            Col::Usage => opt(a.usage_pct, b.usage_pct),
        }
    }
}

/// The positions of the customers matching `search` (name or id, case-insensitive), ordered
/// by `col` (ties by name, then id).
pub fn select(rows: &[AdoptionCustomer], search: &str, col: Col, asc: bool) -> Vec<usize> {
    let needle = search.trim().to_lowercase();
    let mut idx: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            needle.is_empty()
                || rows[i].name.to_lowercase().contains(&needle)
                || rows[i].id.to_lowercase().contains(&needle)
        })
        .collect();
    idx.sort_by(|&i, &j| {
        let (a, b) = (&rows[i], &rows[j]);
        let o = col.cmp(a, b);
        let o = if asc { o } else { o.reverse() };
        col.missing(a)
            .cmp(&col.missing(b))
            .then(o)
            .then_with(|| Col::Name.cmp(a, b))
            .then_with(|| a.id.cmp(&b.id))
    });
    idx
}

/// An opportunity reason in words.
pub fn reason(r: &str) -> &'static str {
    match r {
        "low_deployment" => crate::tr!(adoption.reason_deployment),
        "low_usage" => crate::tr!(adoption.reason_usage),
        _ => crate::tr!(adoption.reason_other),
    }
}

/// What the partner can do about a reason.
pub fn action(r: &str) -> &'static str {
    match r {
        "low_deployment" => crate::tr!(adoption.action_deployment),
        "low_usage" => crate::tr!(adoption.action_usage),
        _ => crate::tr!(adoption.action_other),
    }
}

/// `1–25 of 1,569`.
pub fn page_text(start: usize, len: usize, total: usize) -> String {
    if total == 0 {
        return crate::tr!(adoption.no_customer).to_string();
    }
    let c = |n: usize| format::count(n as i64);
    let (first, last, total) = (c(start + 1), c(start + len), c(total));
    crate::tr!(adoption.page, first, last, total).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cust(id: &str, name: &str, sold: i64, dep: Option<f64>) -> AdoptionCustomer {
        AdoptionCustomer {
            id: id.into(),
            name: name.into(),
            sold,
            assigned: 0,
            deployment_pct: dep,
            active: 0,
            entitled: 0,
            usage_pct: None,
            over_100: false,
            products: vec![],
            workloads: vec![],
        }
    }
    #[test]
    fn select_searches_and_sorts_both_ways() {
        let rows = vec![
            cust("a", "Contoso", 10, Some(50.0)),
            cust("b", "Fabrikam", 30, None),
            cust("c", "<b>Northwind</b>", 20, Some(120.0)),
        ];
        assert_eq!(select(&rows, "", Col::Sold, false), [1, 2, 0]);
        assert_eq!(select(&rows, "", Col::Sold, true), [0, 2, 1]);
        assert_eq!(select(&rows, "", Col::Deployment, true), [0, 2, 1]);
        assert_eq!(select(&rows, "", Col::Deployment, false), [2, 0, 1]);
        assert_eq!(select(&rows, "", Col::Name, true), [2, 0, 1]);
        assert_eq!(select(&rows, "NORTH", Col::Name, true), [2]);
        assert_eq!(select(&rows, "b", Col::Name, true), [2, 1]);
    }

    #[test]
    fn every_reason_has_an_action_in_words() {
        assert!(action("low_usage").contains("training"));
        assert!(action("low_deployment").contains("assign"));
        assert_eq!(reason("low_usage"), "Low usage");
    }
}
