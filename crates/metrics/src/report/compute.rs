//! The computation of metrics.md. One pass builds a month bitset per customer (and per
//! subscription, per customer x category); every monthly count of every section is then read off
//! those bits, so all months are computed together, never month by month.

use super::bits::Bits;
use super::*;
use crate::date::Month;
use crate::model::{Sym, NONE, UNKNOWN};
use crate::query::Dim;
use chrono::NaiveDate;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;

/// Timelines longer than this are clipped at the start (a guard against absurd dates such as
/// year 0001 in hostile input making the bitsets huge); a warning says so.
const MAX_TIMELINE_MONTHS: i32 = 600;

/// `pct_change(new, old) = (new - old) / |old| * 100`, null when old = 0.
pub(crate) fn pct_change(new: i64, old: i64) -> Option<f64> {
    (old != 0).then(|| (new - old) as f64 / (old as f64).abs() * 100.0)
}

/// `num / den * 100`, null when den = 0.
pub(crate) fn ratio_pct(num: i64, den: i64) -> Option<f64> {
    (den != 0).then(|| num as f64 / den as f64 * 100.0)
}

/// Which rows survive the filters.
struct Masks {
    activity: Vec<bool>,
    /// `None`: no filter applies to usage facts, all are kept.
    usage: Option<Vec<bool>>,
    /// Consumption facts kept: their customer passes the customer filters and their product the
    /// product filter (they name no SKU, so a SKU filter keeps them, as a usage fact of unknown
    /// SKU).
    consumption: Vec<bool>,
}

impl Masks {
    fn usage(&self, i: usize) -> bool {
        self.usage.as_ref().is_none_or(|m| m[i])
    }
}

fn masks(ds: &Dataset, q: &Query) -> Masks {
    let sets: Vec<(Dim, HashSet<Sym>)> = q
        .filters
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(d, v)| (*d, ds.symbols_matching(v)))
        .collect();
    let cs = &ds.customers;
    let customer: Vec<bool> = (0..cs.len())
        .map(|c| {
            sets.iter().all(|(d, set)| match d {
                Dim::Country => set.contains(&cs.country[c]),
                Dim::Market => set.contains(&cs.market[c]),
                Dim::Segment => set.contains(&cs.segment[c]),
                _ => true,
            })
        })
        .collect();
    let a = &ds.activity;
    let activity = (0..a.len())
        .map(|i| {
            customer
                .get(a.customer[i] as usize)
                .copied()
                .unwrap_or(false)
                && sets.iter().all(|(d, set)| {
                    let v = match d {
                        Dim::Product => a.product[i],
                        Dim::Sku => a.sku[i],
                        Dim::PartnerLocation => a.partner_location[i],
                        Dim::Attribution => a.attribution[i],
                        Dim::SalesChannel => a.sales_channel[i],
                        _ => return true,
                    };
                    set.contains(&v)
                })
        })
        .collect();
    // Usage facts are many (one per customer, month and workload): build their mask only when
    // a filter can remove one.
    let u = &ds.usage;
    let usage_filtered = sets
        .iter()
        .any(|(d, _)| d.is_customer_dim() || matches!(d, Dim::Product | Dim::Sku));
    let usage = usage_filtered.then(|| {
        (0..u.len())
            .map(|i| {
                customer
                    .get(u.customer[i] as usize)
                    .copied()
                    .unwrap_or(false)
                    && sets.iter().all(|(d, set)| {
                        // removed only when their product/SKU is known and not allowed
                        let v = match d {
                            Dim::Product => u.product[i],
                            Dim::Sku => u.sku[i],
                            _ => return true,
                        };
                        v == NONE || set.contains(&v)
                    })
            })
            .collect()
    });
    let cn = &ds.consumption;
    let consumption = (0..cn.len())
        .map(|i| {
            customer
                .get(cn.customer[i] as usize)
                .copied()
                .unwrap_or(false)
                && sets
                    .iter()
                    .all(|(d, set)| *d != Dim::Product || set.contains(&cn.product[i]))
        })
        .collect();
    Masks {
        activity,
        usage,
        consumption,
    }
}

/// The time frame: as-of, timeline [t0, last], range [a, b] and baseline, as indexes from t0.
struct Frame {
    t0: Month,
    a: usize,
    b: usize,
    base: usize,
}

impl Frame {
    fn month(&self, k: usize) -> Month {
        Month(self.t0.0 + k as i32)
    }
    fn range(&self) -> std::ops::RangeInclusive<usize> {
        self.a..=self.b
    }
}

fn empty_report(as_of: Option<NaiveDate>, q: &Query, warnings: Vec<Warning>) -> Report {
    Report {
        as_of,
        filters: echo_filters(q),
        warnings,
        ..Report::default()
    }
}

fn echo_filters(q: &Query) -> BTreeMap<String, Vec<String>> {
    q.filters
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(d, v)| (d.as_str().to_string(), v.clone()))
        .collect()
}

/// Sorts category counts by customers descending, then key (metrics.md list order).
fn sorted(counts: HashMap<Sym, i64>, ds: &Dataset) -> Vec<KeyCount> {
    let mut v: Vec<KeyCount> = counts
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| KeyCount {
            key: ds.strings.resolve(k).to_string(),
            customers: n,
        })
        .collect();
    v.sort_by(|x, y| {
        y.customers
            .cmp(&x.customers)
            .then_with(|| x.key.cmp(&y.key))
    });
    v
}

pub(super) fn run(ds: &Dataset, q: &Query, with_adoption: bool) -> Report {
    let Some(as_of) = q.as_of.or(ds.max_date) else {
        return empty_report(None, q, Vec::new());
    };
    let last = Month::of(as_of);
    let a = &ds.activity;
    let mut warnings = Vec::new();

    // Resolve the ends against the as-of date (metrics.md, "Interval bounds").
    let ends: Vec<Option<Month>> = (0..a.len())
        .map(|i| {
            let (end, fell_back) = a.end[i].resolve(as_of);
            if fell_back {
                let o = a.origin[i];
                warnings.push(Warning {
                    file: ds.files.get(o.file as usize).cloned().unwrap_or_default(),
                    row: o.row,
                    field: "status".into(),
                    message: format!(
                        "subscription ended on an unknown date: counted as ended in the as-of month {last}"
                    ),
                });
            }
            end
        })
        .collect();

    // Timeline: from the first month any fact is active or any usage fact exists, to as-of.
    let first_activity = (0..a.len())
        .filter(|&i| a.start[i] <= last && ends[i].is_none_or(|e| a.start[i] < e))
        .map(|i| a.start[i])
        .min();
    let first_usage = ds.usage.month.iter().filter(|m| **m <= last).min().copied();
    let first_consumption = ds
        .consumption
        .month
        .iter()
        .filter(|m| **m <= last)
        .min()
        .copied();
    let Some(mut t0) = [first_activity, first_usage, first_consumption]
        .into_iter()
        .flatten()
        .min()
    else {
        return empty_report(Some(as_of), q, warnings);
    };
    if last.0 - t0.0 + 1 > MAX_TIMELINE_MONTHS {
        let clipped = Month(last.0 - MAX_TIMELINE_MONTHS + 1);
        warnings.push(Warning {
            file: String::new(),
            row: 0,
            field: "timeline".into(),
            message: format!(
                "data starts in {t0}: the timeline is limited to {MAX_TIMELINE_MONTHS} months and starts in {clipped}"
            ),
        });
        t0 = clipped;
    }
    let n = (last.0 - t0.0 + 1) as usize;
    let idx = |m: Month| (m.0 - t0.0).clamp(0, n as i32 - 1) as usize;
    let b = q.to.map_or(n - 1, idx);
    let a_ = q.from.map_or(b.saturating_sub(11), idx).min(b);
    let base = if a_ > 0 { a_ - 1 } else { 0 };
    let f = Frame { t0, a: a_, b, base };

    let m = masks(ds, q);
    let nc = ds.customers.len();

    // One pass over activity facts: customer bits, subscription bits.
    let mut cust = Bits::new(nc, n);
    let mut subs = Bits::new(0, n);
    let mut sub_row: HashMap<Sym, usize> = HashMap::default();
    let span = |i: usize| -> Option<(usize, usize)> {
        let s = a.start[i].0.max(t0.0);
        let e = ends[i].map_or(last.0 + 1, |e| e.0.min(last.0 + 1));
        (s < e).then(|| ((s - t0.0) as usize, (e - t0.0) as usize))
    };
    for i in 0..a.len() {
        if !m.activity[i] {
            continue;
        }
        let Some((s, e)) = span(i) else { continue };
        cust.set_range(a.customer[i] as usize, s, e);
        if a.subscription[i] != NONE {
            let r = *sub_row
                .entry(a.subscription[i])
                .or_insert_with(|| subs.push_row());
            subs.set_range(r, s, e);
        }
    }

    // Monthly counts.
    let mut total = vec![0i64; n];
    let mut existing = vec![0i64; n];
    let mut new = vec![0i64; n];
    let mut returning = vec![0i64; n];
    let mut churned = vec![0i64; n];
    let mut first = vec![usize::MAX; nc];
    for (c, fc) in first.iter_mut().enumerate() {
        let mut prev: Option<usize> = None;
        for k in cust.ones(c) {
            total[k] += 1;
            if k == 0 {
                existing[0] += 1;
            } else if prev == Some(k - 1) {
                existing[k] += 1;
            } else if prev.is_none() {
                new[k] += 1;
            } else {
                returning[k] += 1;
            }
            if let Some(p) = prev {
                if p + 1 < k {
                    churned[p + 1] += 1;
                }
            }
            if prev.is_none() {
                *fc = k;
            }
            prev = Some(k);
        }
        if let Some(p) = prev {
            if p + 1 < n {
                churned[p + 1] += 1;
            }
        }
    }

    // Active customers: customer bits AND (usage-with-active OR consumption) bits.
    let has_active = ds.has_active_counts;
    let mut active_bits = Bits::new(nc, n);
    let u = &ds.usage;
    for i in 0..u.len() {
        if u.active[i].is_some_and(|v| v > 0)
            && u.month[i] >= t0
            && u.month[i] <= last
            && m.usage(i)
        {
            active_bits.set(u.customer[i] as usize, (u.month[i].0 - t0.0) as usize);
        }
    }
    let cn = &ds.consumption;
    for i in 0..cn.len() {
        if cn.month[i] >= t0 && cn.month[i] <= last && m.consumption[i] {
            active_bits.set(cn.customer[i] as usize, (cn.month[i].0 - t0.0) as usize);
        }
    }
    let mut active = vec![0i64; n];
    let mut is_active_b = vec![false; nc];
    for (c, ab) in is_active_b.iter_mut().enumerate() {
        for (w, (x, y)) in cust.row(c).iter().zip(active_bits.row(c)).enumerate() {
            let mut both = x & y;
            while both != 0 {
                let k = w * 64 + both.trailing_zeros() as usize;
                both &= both - 1;
                active[k] += 1;
                *ab |= k == f.b;
            }
        }
    }
    let mut subscriptions = vec![0i64; n];
    for r in 0..sub_row.len() {
        for k in subs.ones(r) {
            subscriptions[k] += 1;
        }
    }

    let range: Vec<usize> = f.range().collect();
    let months: Vec<Month> = range.iter().map(|&k| f.month(k)).collect();
    let series = |v: &[i64]| -> Vec<Option<i64>> { range.iter().map(|&k| Some(v[k])).collect() };
    let nulls = vec![None; range.len()];

    // summary
    let customers_kpi = Kpi {
        value: Some(total[f.b]),
        change_pct: pct_change(total[f.b], total[f.base]),
        spark: series(&total),
    };
    let active_kpi = if has_active {
        Kpi {
            value: Some(active[f.b]),
            change_pct: pct_change(active[f.b], active[f.base]),
            spark: series(&active),
        }
    } else {
        Kpi {
            value: None,
            change_pct: None,
            spark: nulls.clone(),
        }
    };
    let subs_kpi = if ds.has_subscription_ids {
        Kpi {
            value: Some(subscriptions[f.b]),
            change_pct: pct_change(subscriptions[f.b], subscriptions[f.base]),
            spark: series(&subscriptions),
        }
    } else {
        Kpi {
            value: None,
            change_pct: None,
            spark: nulls.clone(),
        }
    };
    let net: Vec<i64> = (0..n).map(|k| new[k] + returning[k] - churned[k]).collect();
    let net_value: i64 = range.iter().map(|&k| net[k]).sum();
    let len = f.b - f.a + 1;
    let net_prev = (f.a >= len).then(|| (f.a - len..f.a).map(|k| net[k]).sum::<i64>());
    let net_kpi = Kpi {
        value: Some(net_value),
        change_pct: net_prev.and_then(|p| pct_change(net_value, p)),
        spark: series(&net),
    };
    let churn_sum: i64 = range.iter().map(|&k| churned[k]).sum();
    let churn_kpi = ChurnKpi {
        value: Some(churned[f.b]),
        churn_pct: ratio_pct(churn_sum, total[f.base]),
        spark: series(&churned),
    };

    // Categories at month b and over the range.
    let cs = &ds.customers;
    let active_at =
        |i: usize, k: usize| m.activity[i] && span(i).is_some_and(|(s, e)| s <= k && k < e);
    let at_b: Vec<usize> = (0..a.len()).filter(|&i| active_at(i, f.b)).collect();
    let fact_dim_at_b = |col: &[Sym]| -> Vec<KeyCount> {
        let set: HashSet<(u32, Sym)> = at_b.iter().map(|&i| (a.customer[i], col[i])).collect();
        let mut counts: HashMap<Sym, i64> = HashMap::default();
        for (_, v) in set {
            *counts.entry(v).or_default() += 1;
        }
        sorted(counts, ds)
    };
    let current: Vec<usize> = (0..nc).filter(|&c| cust.get(c, f.b)).collect();
    let cust_dim_at_b = |col: &[Sym]| -> Vec<KeyCount> {
        let mut counts: HashMap<Sym, i64> = HashMap::default();
        for &c in &current {
            *counts.entry(col[c]).or_default() += 1;
        }
        sorted(counts, ds)
    };
    let by_product = fact_dim_at_b(&a.product);
    let distribution = Distribution {
        partner_location: fact_dim_at_b(&a.partner_location),
        segment: cust_dim_at_b(&cs.segment),
        sales_channel: fact_dim_at_b(&a.sales_channel),
        attribution: fact_dim_at_b(&a.attribution),
    };
    let products = {
        let set: HashSet<(u32, Sym, Sym)> = at_b
            .iter()
            .map(|&i| (a.customer[i], a.product[i], a.sku[i]))
            .collect();
        let mut skus: HashMap<Sym, HashMap<Sym, i64>> = HashMap::default();
        for (_, p, s) in set {
            *skus.entry(p).or_default().entry(s).or_default() += 1;
        }
        by_product
            .iter()
            .map(|p| ProductRow {
                key: p.key.clone(),
                customers: p.customers,
                skus: ds
                    .strings
                    .get(&p.key)
                    .and_then(|k| skus.remove(&k))
                    .map(|s| sorted(s, ds))
                    .unwrap_or_default(),
            })
            .collect()
    };

    // Geography.
    let mut geo_rows: HashMap<Sym, (i64, i64, i64)> = HashMap::default();
    for c in 0..nc {
        let is_cur = cust.get(c, f.b);
        let is_new = first[c] != usize::MAX && first[c] > 0 && f.range().contains(&first[c]);
        if !(is_cur || is_new) {
            continue;
        }
        let e = geo_rows.entry(cs.country[c]).or_default();
        e.0 += i64::from(is_cur);
        e.1 += i64::from(is_active_b[c]);
        e.2 += i64::from(is_new);
    }
    let (sum_c, sum_a, sum_n) = geo_rows
        .values()
        .fold((0, 0, 0), |s, r| (s.0 + r.0, s.1 + r.1, s.2 + r.2));
    let mut geo: Vec<GeoRow> = geo_rows
        .into_iter()
        .map(|(k, (c, ac, nw))| GeoRow {
            country: (k != UNKNOWN).then(|| ds.strings.resolve(k).to_string()),
            customers: c,
            customers_pct: ratio_pct(c, sum_c),
            active: has_active.then_some(ac),
            active_pct: if has_active {
                ratio_pct(ac, sum_a)
            } else {
                None
            },
            new: nw,
            new_pct: ratio_pct(nw, sum_n),
        })
        .collect();
    geo.sort_by(|x, y| {
        y.customers
            .cmp(&x.customers)
            .then_with(|| match (&x.country, &y.country) {
                (Some(p), Some(q)) => p.cmp(q),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
    });

    // Distribution trend: customer dimensions from the customer bits, fact dimensions from
    // customer x category bits.
    let cust_trend = |col: &[Sym]| -> Vec<TrendMonth> {
        let mut counts = Counts::new(range.len());
        for c in 0..nc {
            let v = counts.slot(col[c]);
            for k in cust.ones(c) {
                if k >= f.a && k <= f.b {
                    counts.add(v, k - f.a);
                }
            }
        }
        counts.into_months(&months, ds)
    };
    let fact_trend = |col: &[Sym]| -> Vec<TrendMonth> {
        // one row of month bits per customer x category, so a customer with two facts of one
        // category in a month counts once
        let mut bits = Bits::new(0, n);
        let mut rows: HashMap<(u32, Sym), usize> = HashMap::default();
        rows.reserve(at_b.len().max(64));
        for i in 0..a.len() {
            if !m.activity[i] {
                continue;
            }
            let Some((s, e)) = span(i) else { continue };
            if e <= f.a || s > f.b {
                continue;
            }
            let r = *rows
                .entry((a.customer[i], col[i]))
                .or_insert_with(|| bits.push_row());
            bits.set_range(r, s, e);
        }
        let mut counts = Counts::new(range.len());
        for ((_, v), r) in rows {
            let v = counts.slot(v);
            for k in bits.ones(r) {
                if k >= f.a && k <= f.b {
                    counts.add(v, k - f.a);
                }
            }
        }
        counts.into_months(&months, ds)
    };
    let distribution_trend = DistributionTrend {
        market: cust_trend(&cs.market),
        segment: cust_trend(&cs.segment),
        partner_location: fact_trend(&a.partner_location),
        product: fact_trend(&a.product),
    };

    let adds_churn = range
        .iter()
        .map(|&k| AddsChurn {
            month: f.month(k),
            new: new[k],
            returning: returning[k],
            existing: existing[k],
            churned: churned[k],
        })
        .collect();
    let active_trend = range
        .iter()
        .map(|&k| ActiveMonth {
            month: f.month(k),
            active: has_active.then_some(active[k]),
            total: total[k],
        })
        .collect();

    let adoption = if with_adoption {
        super::adoption::compute(ds, q, &|i| m.usage(i), f.month(f.b))
    } else {
        None
    };

    Report {
        as_of: Some(as_of),
        timeline: Some(Span { from: t0, to: last }),
        range: Some(Span {
            from: f.month(f.a),
            to: f.month(f.b),
        }),
        filters: echo_filters(q),
        months,
        summary: Summary {
            customers: customers_kpi,
            active_customers: active_kpi,
            subscriptions: subs_kpi,
            net_added: net_kpi,
            last_month_churn: churn_kpi,
            by_product,
        },
        adds_churn,
        geo,
        distribution,
        products,
        distribution_trend,
        active_trend,
        adoption,
        warnings,
    }
}

/// Per-category monthly counts with categories as dense slots (array increments, no hashing per
/// month).
struct Counts {
    months: usize,
    slots: HashMap<Sym, usize>,
    keys: Vec<Sym>,
    counts: Vec<i64>,
}

impl Counts {
    fn new(months: usize) -> Counts {
        Counts {
            months,
            slots: HashMap::default(),
            keys: Vec::new(),
            counts: Vec::new(),
        }
    }

    fn slot(&mut self, k: Sym) -> usize {
        if let Some(&v) = self.slots.get(&k) {
            return v;
        }
        let v = self.keys.len();
        self.slots.insert(k, v);
        self.keys.push(k);
        self.counts.resize(self.counts.len() + self.months, 0);
        v
    }

    fn add(&mut self, slot: usize, month: usize) {
        self.counts[slot * self.months + month] += 1;
    }

    fn into_months(self, months: &[Month], ds: &Dataset) -> Vec<TrendMonth> {
        let names: Vec<String> = self
            .keys
            .iter()
            .map(|k| ds.strings.resolve(*k).to_string())
            .collect();
        months
            .iter()
            .enumerate()
            .map(|(j, &month)| TrendMonth {
                month,
                counts: names
                    .iter()
                    .enumerate()
                    .map(|(v, name)| (name.clone(), self.counts[v * self.months + j]))
                    .filter(|(_, n)| *n > 0)
                    .collect(),
            })
            .collect()
    }
}
