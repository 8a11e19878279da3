//! The project's own bundle (formats.md section 3): normalized customers, subscriptions as
//! month intervals, and monthly usage and deployment series. Documented by
//! `schema/bundle.schema.json`.
//!
//! ```json
//! {"format": "partner-insights-bundle", "version": 1, "as_of": "2026-10-31",
//!  "customers": [{"id": "t1", "name": "Contoso", "country": "FR", "market": "FR", "segment": "SMB"}],
//!  "subscriptions": [{"customer_id": "t1", "id": "s1", "product": "Microsoft 365",
//!                     "sku": "Microsoft 365 E3", "partner_location": "FR-Paris",
//!                     "attribution": "DPOR", "sales_channel": "Direct",
//!                     "start": "2024-01", "end": null}],
//!  "usage": [{"customer_id": "t1", "product": "Microsoft 365", "sku": "Microsoft 365 E3",
//!             "workload": null, "from": "2026-09", "sold": [40, 40], "assigned": [31, 31]}],
//!  "consumption": [{"customer_id": "t1", "product": "Azure", "months": ["2026-09", "2026-10"]}]}
//! ```

use crate::date::Month;
use crate::model::{Dataset, End, NONE, UNKNOWN};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The value of the bundle's `format` key.
pub const FORMAT: &str = "partner-insights-bundle";
/// The bundle version this engine writes and reads.
pub const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    pub format: String,
    pub version: u32,
    /// The as-of date of the data; counts as a found date for the default as-of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<NaiveDate>,
    #[serde(default)]
    pub customers: Vec<BundleCustomer>,
    #[serde(default)]
    pub subscriptions: Vec<BundleSubscription>,
    #[serde(default)]
    pub usage: Vec<BundleUsage>,
    /// Consumption facts (metrics.md): the months in which a customer consumed a pay-as-you-go
    /// product (Azure). Added in the same version 1: a bundle without it has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consumption: Vec<BundleConsumption>,
}

/// The months in which a customer consumed `product` (each `YYYY-MM`, ascending).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct BundleConsumption {
    pub customer_id: String,
    pub product: String,
    pub months: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BundleCustomer {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// ISO alpha-2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
}

/// An activity fact: active in month m when `start <= m < end`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BundleSubscription {
    pub customer_id: String,
    /// Subscription id; `null` for facts without one (CustomersAndTenants snapshots).
    #[serde(default)]
    pub id: Option<String>,
    pub product: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sales_channel: Option<String>,
    /// `YYYY-MM`.
    pub start: String,
    /// `YYYY-MM`, the first month no longer active; `null` for no end.
    #[serde(default)]
    pub end: Option<String>,
    /// The source said the subscription ended but not when: the end is resolved against the
    /// as-of date (the first of `commitment_end` when not after it, else the as-of month).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub end_unknown: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commitment_end: Option<NaiveDate>,
}

/// Monthly usage and deployment counts of one customer for one product/SKU/workload, starting at
/// `from`; entry i is month `from + i`, `null` when not known.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct BundleUsage {
    pub customer_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workload: Option<String>,
    /// `YYYY-MM`.
    pub from: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sold: Vec<Option<i64>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assigned: Vec<Option<i64>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub active: Vec<Option<i64>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entitled: Vec<Option<i64>>,
}

fn opt(ds: &Dataset, s: u32) -> Option<String> {
    (s != UNKNOWN && s != NONE).then(|| ds.strings.resolve(s).to_string())
}

fn add(slot: &mut Option<i64>, v: Option<i64>) {
    if let Some(v) = v {
        *slot = Some(slot.unwrap_or(0).saturating_add(v));
    }
}

/// Writes a dataset as a bundle whose report equals the dataset's report: consecutive monthly
/// snapshots of the same fact merge into one interval; usage facts of the same customer,
/// product, SKU, workload and month are summed (the report only ever sums them).
pub fn from_dataset(ds: &Dataset) -> Bundle {
    let cs = &ds.customers;
    let customers = (0..cs.len())
        .map(|c| BundleCustomer {
            id: cs.id[c].to_string(),
            name: opt(ds, cs.name[c]),
            country: opt(ds, cs.country[c]),
            market: opt(ds, cs.market[c]),
            segment: opt(ds, cs.segment[c]),
        })
        .collect();

    // Activity: group by every attribute but time, then merge touching intervals.
    let a = &ds.activity;
    type FactKey = (u32, u32, u32, u32, u32, u32, u32);
    let mut groups: BTreeMap<FactKey, Vec<(Month, End)>> = BTreeMap::new();
    for i in 0..a.len() {
        let k = (
            a.customer[i],
            a.subscription[i],
            a.product[i],
            a.sku[i],
            a.partner_location[i],
            a.attribution[i],
            a.sales_channel[i],
        );
        groups.entry(k).or_default().push((a.start[i], a.end[i]));
    }
    let mut subscriptions = Vec::new();
    for (k, mut spans) in groups {
        spans.sort_by_key(|s| s.0);
        let mut merged: Vec<(Month, End)> = Vec::new();
        for (s, e) in spans {
            if let Some(last) = merged.last_mut() {
                if let End::At(le) = last.1 {
                    if le >= s {
                        last.1 = match e {
                            End::At(e2) => End::At(le.max(e2)),
                            other => other,
                        };
                        continue;
                    }
                }
            }
            merged.push((s, e));
        }
        for (s, e) in merged {
            let (end, end_unknown, commitment_end) = match e {
                End::At(m) => (Some(m.to_string()), false, None),
                End::Open => (None, false, None),
                End::Resolve { known, commitment } => match known {
                    // a known end that is earlier than the commitment date is final whatever the
                    // as-of date; otherwise keep the rule for the reader
                    Some(m) if commitment.is_none_or(|c| Month::of(c) >= m) => {
                        (Some(m.to_string()), false, None)
                    }
                    _ => (known.map(|m| m.to_string()), known.is_none(), commitment),
                },
            };
            subscriptions.push(BundleSubscription {
                customer_id: cs.id[k.0 as usize].to_string(),
                id: opt(ds, k.1),
                product: ds.strings.resolve(k.2).to_string(),
                sku: opt(ds, k.3),
                partner_location: opt(ds, k.4),
                attribution: opt(ds, k.5),
                sales_channel: opt(ds, k.6),
                start: s.to_string(),
                end,
                end_unknown,
                commitment_end,
            });
        }
    }

    // Usage: one series per customer/product/SKU/workload.
    let u = &ds.usage;
    type UsageKey = (u32, u32, u32, u32);
    let mut series: BTreeMap<UsageKey, BTreeMap<Month, [Option<i64>; 4]>> = BTreeMap::new();
    for i in 0..u.len() {
        let k = (u.customer[i], u.product[i], u.sku[i], u.workload[i]);
        let cell = series.entry(k).or_default().entry(u.month[i]).or_default();
        add(&mut cell[0], u.sold[i]);
        add(&mut cell[1], u.assigned[i]);
        add(&mut cell[2], u.active[i]);
        add(&mut cell[3], u.entitled[i]);
    }
    let mut usage = Vec::new();
    for (k, months) in series {
        let (Some(first), Some(last)) = (months.keys().next(), months.keys().next_back()) else {
            continue;
        };
        let n = (last.0 - first.0 + 1) as usize;
        let mut cols: [Vec<Option<i64>>; 4] = Default::default();
        for col in cols.iter_mut() {
            col.resize(n, None);
        }
        for (m, cell) in &months {
            let i = (m.0 - first.0) as usize;
            for (col, v) in cols.iter_mut().zip(cell) {
                col[i] = *v;
            }
        }
        let [sold, assigned, active, entitled] = cols.map(|c| {
            if c.iter().all(Option::is_none) {
                Vec::new()
            } else {
                c
            }
        });
        usage.push(BundleUsage {
            customer_id: cs.id[k.0 as usize].to_string(),
            product: opt(ds, k.1),
            sku: opt(ds, k.2),
            workload: opt(ds, k.3),
            from: first.to_string(),
            sold,
            assigned,
            active,
            entitled,
        });
    }
    // Consumption: sorted by (customer, month, product) and deduplicated by the builder.
    let cn = &ds.consumption;
    let mut by_key: BTreeMap<(u32, u32), Vec<String>> = BTreeMap::new();
    for i in 0..cn.len() {
        by_key
            .entry((cn.customer[i], cn.product[i]))
            .or_default()
            .push(cn.month[i].to_string());
    }
    let consumption = by_key
        .into_iter()
        .map(|((c, p), months)| BundleConsumption {
            customer_id: cs.id[c as usize].to_string(),
            product: ds.strings.resolve(p).to_string(),
            months,
        })
        .collect();
    Bundle {
        format: FORMAT.to_string(),
        version: VERSION,
        as_of: ds.max_date,
        customers,
        subscriptions,
        usage,
        consumption,
    }
}
