//! Licence adoption (metrics.md, "adoption"): deployment = assigned / sold, usage = active /
//! entitled, in the latest month up to the range end that has usage facts. Ratios are ratios of
//! sums (never averages of ratios) and are never capped: above 100 is real and flagged.

use super::compute::ratio_pct;
use super::*;
use crate::date::Month;
use crate::model::{Sym, NONE, UNKNOWN};
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Copy, Default)]
struct Sums {
    sold: i64,
    assigned: i64,
    active: i64,
    entitled: i64,
    has_deployment: bool,
    has_usage: bool,
}

impl Sums {
    fn add(
        &mut self,
        sold: Option<i64>,
        assigned: Option<i64>,
        active: Option<i64>,
        entitled: Option<i64>,
    ) {
        let plus = |t: &mut i64, v: Option<i64>| *t = t.saturating_add(v.unwrap_or(0));
        plus(&mut self.sold, sold);
        plus(&mut self.assigned, assigned);
        plus(&mut self.active, active);
        plus(&mut self.entitled, entitled);
        self.has_deployment |= sold.is_some() || assigned.is_some();
        self.has_usage |= active.is_some() || entitled.is_some();
    }
    fn deployment_pct(&self) -> Option<f64> {
        ratio_pct(self.assigned, self.sold)
    }
    fn usage_pct(&self) -> Option<f64> {
        ratio_pct(self.active, self.entitled)
    }
    fn over_100(&self) -> bool {
        over(self.deployment_pct()) || over(self.usage_pct())
    }
}

fn over(p: Option<f64>) -> bool {
    p.is_some_and(|p| p > 100.0)
}

fn products(map: &BTreeMap<String, Sums>) -> Vec<ProductDeployment> {
    let mut v: Vec<ProductDeployment> = map
        .iter()
        .filter(|(_, s)| s.has_deployment)
        .map(|(k, s)| ProductDeployment {
            key: k.clone(),
            sold: s.sold,
            assigned: s.assigned,
            deployment_pct: s.deployment_pct(),
            over_100: over(s.deployment_pct()),
        })
        .collect();
    v.sort_by(|x, y| y.sold.cmp(&x.sold).then_with(|| x.key.cmp(&y.key)));
    v
}

fn workloads(map: &BTreeMap<String, Sums>) -> Vec<WorkloadUsage> {
    let mut v: Vec<WorkloadUsage> = map
        .iter()
        .filter(|(_, s)| s.has_usage)
        .map(|(k, s)| WorkloadUsage {
            key: k.clone(),
            active: s.active,
            entitled: s.entitled,
            usage_pct: s.usage_pct(),
            over_100: over(s.usage_pct()),
        })
        .collect();
    v.sort_by(|x, y| y.entitled.cmp(&x.entitled).then_with(|| x.key.cmp(&y.key)));
    v
}

struct Acc {
    total: Sums,
    products: BTreeMap<String, Sums>,
    workloads: BTreeMap<String, Sums>,
}

/// The adoption section for usage facts passing `keep`, in the latest month <= `b` that has any;
/// `None` when there is none.
pub(super) fn compute(ds: &Dataset, q: &Query, keep: &[bool], b: Month) -> Option<Adoption> {
    let u = &ds.usage;
    let month = (0..u.len())
        .filter(|&i| keep[i] && u.month[i] <= b)
        .map(|i| u.month[i])
        .max()?;
    let name = |s: Sym| {
        if s == NONE {
            "Unknown"
        } else {
            ds.strings.resolve(s)
        }
    };
    let mut per: HashMap<u32, Acc> = HashMap::new();
    let mut port = Acc {
        total: Sums::default(),
        products: BTreeMap::new(),
        workloads: BTreeMap::new(),
    };
    for i in (0..u.len()).filter(|&i| keep[i] && u.month[i] == month) {
        let acc = per.entry(u.customer[i]).or_insert_with(|| Acc {
            total: Sums::default(),
            products: BTreeMap::new(),
            workloads: BTreeMap::new(),
        });
        let (s, a, ac, e) = (u.sold[i], u.assigned[i], u.active[i], u.entitled[i]);
        for t in [&mut acc.total, &mut port.total] {
            t.add(s, a, ac, e);
        }
        if s.is_some() || a.is_some() {
            let p = name(u.product[i]).to_string();
            acc.products
                .entry(p.clone())
                .or_default()
                .add(s, a, None, None);
            port.products.entry(p).or_default().add(s, a, None, None);
        }
        // per workload: only facts that name one (the customer total includes the others)
        if (ac.is_some() || e.is_some()) && u.workload[i] != NONE {
            let w = ds.strings.resolve(u.workload[i]).to_string();
            acc.workloads
                .entry(w.clone())
                .or_default()
                .add(None, None, ac, e);
            port.workloads.entry(w).or_default().add(None, None, ac, e);
        }
    }
    let cs = &ds.customers;
    let mut customers: Vec<AdoptionCustomer> = per
        .into_iter()
        .map(|(c, acc)| {
            let c = c as usize;
            let id = cs.id.get(c).map_or(String::new(), |s| s.to_string());
            let n = cs.name.get(c).copied().unwrap_or(UNKNOWN);
            let name = if n == UNKNOWN {
                id.clone()
            } else {
                ds.strings.resolve(n).to_string()
            };
            let t = acc.total;
            AdoptionCustomer {
                id,
                name,
                sold: t.sold,
                assigned: t.assigned,
                deployment_pct: t.deployment_pct(),
                active: t.active,
                entitled: t.entitled,
                usage_pct: t.usage_pct(),
                over_100: t.over_100(),
                products: products(&acc.products),
                workloads: workloads(&acc.workloads),
            }
        })
        .collect();
    customers.sort_by(|x, y| {
        x.name
            .to_lowercase()
            .cmp(&y.name.to_lowercase())
            .then_with(|| x.id.cmp(&y.id))
    });
    let below = |p: Option<f64>, t: f64| p.is_some_and(|p| p < t);
    let mut opportunities: Vec<Opportunity> = customers
        .iter()
        .filter_map(|c| {
            let mut reasons = Vec::new();
            if below(c.deployment_pct, q.deployment_threshold) {
                reasons.push("low_deployment");
            }
            if below(c.usage_pct, q.usage_threshold) {
                reasons.push("low_usage");
            }
            (!reasons.is_empty()).then(|| Opportunity {
                id: c.id.clone(),
                name: c.name.clone(),
                unassigned: c.sold - c.assigned,
                inactive: c.entitled - c.active,
                deployment_pct: c.deployment_pct,
                usage_pct: c.usage_pct,
                reasons,
            })
        })
        .collect();
    opportunities.sort_by(|x, y| {
        y.unassigned
            .cmp(&x.unassigned)
            .then_with(|| y.inactive.cmp(&x.inactive))
            .then_with(|| x.name.cmp(&y.name))
            .then_with(|| x.id.cmp(&y.id))
    });
    let t = port.total;
    // partner-wide totals: the latest of each kind and key up to the month described
    let mut latest: BTreeMap<(&'static str, String), &crate::model::PartnerTotal> = BTreeMap::new();
    for p in &ds.partner_totals {
        if p.month.is_some_and(|m| m > b) {
            continue;
        }
        let e = latest.entry((p.kind, p.key.clone())).or_insert(p);
        if p.month > e.month {
            *e = p;
        }
    }
    Some(Adoption {
        month,
        thresholds: Thresholds {
            deployment_pct: q.deployment_threshold,
            usage_pct: q.usage_threshold,
        },
        portfolio: Portfolio {
            sold: t.sold,
            assigned: t.assigned,
            deployment_pct: t.deployment_pct(),
            active: t.active,
            entitled: t.entitled,
            usage_pct: t.usage_pct(),
            over_100: t.over_100(),
            by_workload: workloads(&port.workloads),
            by_product: products(&port.products),
        },
        customers,
        opportunities,
        partner_totals: latest.into_values().cloned().collect(),
    })
}
