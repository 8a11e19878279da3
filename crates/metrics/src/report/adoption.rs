//! Licence adoption (metrics.md, "adoption"): deployment = assigned / sold, usage = active /
//! entitled, in the latest month up to the range end that has usage facts. Ratios are ratios of
//! sums (never averages of ratios) and are never capped: above 100 is real and flagged.

use super::compute::ratio_pct;
use super::*;
use crate::date::Month;
use crate::model::{Sym, NONE, UNKNOWN};
use std::collections::BTreeMap;

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

fn key(ds: &Dataset, s: Sym) -> String {
    if s == NONE {
        "Unknown".to_string()
    } else {
        ds.strings.resolve(s).to_string()
    }
}

/// Product rows from `(product, sums)` pairs (any order), sorted by sold descending, then key.
fn products(ds: &Dataset, rows: impl Iterator<Item = (Sym, Sums)>) -> Vec<ProductDeployment> {
    let mut v: Vec<ProductDeployment> = rows
        .filter(|(_, s)| s.has_deployment)
        .map(|(k, s)| ProductDeployment {
            key: key(ds, k),
            sold: s.sold,
            assigned: s.assigned,
            deployment_pct: s.deployment_pct(),
            over_100: over(s.deployment_pct()),
        })
        .collect();
    v.sort_by(|x, y| y.sold.cmp(&x.sold).then_with(|| x.key.cmp(&y.key)));
    v
}

/// Workload rows from `(workload, sums)` pairs, sorted by entitled descending, then key.
fn workloads(ds: &Dataset, rows: impl Iterator<Item = (Sym, Sums)>) -> Vec<WorkloadUsage> {
    let mut v: Vec<WorkloadUsage> = rows
        .filter(|(_, s)| s.has_usage)
        .map(|(k, s)| WorkloadUsage {
            key: key(ds, k),
            active: s.active,
            entitled: s.entitled,
            usage_pct: s.usage_pct(),
            over_100: over(s.usage_pct()),
        })
        .collect();
    v.sort_by(|x, y| y.entitled.cmp(&x.entitled).then_with(|| x.key.cmp(&y.key)));
    v
}

/// The adoption section for usage facts passing `keep`, in the latest month <= `b` that has any;
/// `None` when there is none.
pub(super) fn compute(
    ds: &Dataset,
    q: &Query,
    keep: &dyn Fn(usize) -> bool,
    b: Month,
) -> Option<Adoption> {
    let u = &ds.usage;
    // usage facts are in month order: walk back from the last fact <= b to the first one kept
    let upto = u.month.partition_point(|m| *m <= b);
    let month = (0..upto).rev().find(|&i| keep(i)).map(|i| u.month[i])?;
    let facts = u.month_range(month);
    // Facts of one month are ordered by customer: each customer's facts are one run, summed in
    // small lists (a customer has a handful of products and workloads).
    struct Run {
        c: u32,
        total: Sums,
        prod: Vec<(Sym, Sums)>,
        work: Vec<(Sym, Sums)>,
    }
    fn slot(list: &mut Vec<(Sym, Sums)>, k: Sym) -> &mut Sums {
        let i = match list.iter().position(|(x, _)| *x == k) {
            Some(i) => i,
            None => {
                list.push((k, Sums::default()));
                list.len() - 1
            }
        };
        &mut list[i].1
    }
    let mut runs: Vec<Run> = Vec::new();
    let mut port = Sums::default();
    let mut port_prod: Vec<(Sym, Sums)> = Vec::new();
    let mut port_work: Vec<(Sym, Sums)> = Vec::new();
    for i in facts.filter(|&i| keep(i)) {
        let c = u.customer[i];
        if runs.last().is_none_or(|r| r.c != c) {
            runs.push(Run {
                c,
                total: Sums::default(),
                prod: Vec::new(),
                work: Vec::new(),
            });
        }
        let Some(run) = runs.last_mut() else { continue };
        let (s, a, ac, e) = (u.sold[i], u.assigned[i], u.active[i], u.entitled[i]);
        run.total.add(s, a, ac, e);
        port.add(s, a, ac, e);
        if s.is_some() || a.is_some() {
            let p = u.product[i];
            slot(&mut run.prod, p).add(s, a, None, None);
            slot(&mut port_prod, p).add(s, a, None, None);
        }
        // per workload: only facts that name one (the customer total includes the others)
        if (ac.is_some() || e.is_some()) && u.workload[i] != NONE {
            let w = u.workload[i];
            slot(&mut run.work, w).add(None, None, ac, e);
            slot(&mut port_work, w).add(None, None, ac, e);
        }
    }
    let cs = &ds.customers;
    let mut customers: Vec<AdoptionCustomer> = runs
        .into_iter()
        .map(|run| {
            let (c, t) = (run.c, run.total);
            let products = products(ds, run.prod.into_iter());
            let workloads = workloads(ds, run.work.into_iter());
            let c = c as usize;
            let id = cs.id.get(c).map_or(String::new(), |s| s.to_string());
            let n = cs.name.get(c).copied().unwrap_or(UNKNOWN);
            let name = if n == UNKNOWN {
                id.clone()
            } else {
                ds.strings.resolve(n).to_string()
            };
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
                products,
                workloads,
            }
        })
        .collect();
    customers.sort_by_cached_key(|c| (c.name.to_lowercase(), c.id.clone()));
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
    let t = port;
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
            by_workload: workloads(ds, port_work.into_iter()),
            by_product: products(ds, port_prod.into_iter()),
        },
        customers,
        opportunities,
        partner_totals: latest.into_values().cloned().collect(),
    })
}
