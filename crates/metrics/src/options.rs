//! The values a filter can take: for each dimension, the values present in a dataset and how
//! many customers have each (the options of the page's filter menus).
//!
//! Options are faceted: the counts of one dimension are taken under the filters of every *other*
//! dimension (a dimension's own selection never hides its siblings), and a selected value is
//! always listed, with 0 customers when none has it, so that it can be removed.

use crate::model::{Dataset, Sym, NONE};
use crate::query::{Dim, Filters};
use rustc_hash::FxHashSet as HashSet;
use std::collections::BTreeMap;

/// One value of a dimension and the number of customers that have it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FilterOption {
    pub value: String,
    pub customers: u64,
}

/// For each dimension of [`Dim::ALL`], its values sorted by customer count (descending), then
/// by value.
///
/// A customer has a customer-dimension value (country, market, segment) when it is its
/// attribute; it has a fact-dimension value when one of its activity facts carries it (for
/// product and SKU, also one of its usage facts whose product/SKU is known). Customers and facts
/// removed by the filters of the other dimensions are not counted.
pub fn filter_options(ds: &Dataset, filters: &Filters) -> BTreeMap<Dim, Vec<FilterOption>> {
    Dim::ALL
        .into_iter()
        .map(|dim| (dim, dimension_options(ds, filters, dim)))
        .collect()
}

/// The options of one dimension (one entry of [`filter_options`]), for a menu that lists only
/// the dimension it opened: one pass over the facts instead of eight.
pub fn dimension_options(ds: &Dataset, filters: &Filters, dim: Dim) -> Vec<FilterOption> {
    let others: Vec<(Dim, HashSet<Sym>)> = filters
        .iter()
        .filter(|(d, v)| **d != dim && !v.is_empty())
        .map(|(d, v)| (*d, ds.symbols_matching(v)))
        .collect();
    let others: Vec<&(Dim, HashSet<Sym>)> = others.iter().collect();
    let counts = counts(ds, dim, &others);
    let selected = filters.get(&dim).map(Vec::as_slice).unwrap_or(&[]);
    sorted(ds, counts, selected)
}

/// Distinct customers per symbol of `dim`, under the filters `others`.
fn counts(ds: &Dataset, dim: Dim, others: &[&(Dim, HashSet<Sym>)]) -> BTreeMap<Sym, u64> {
    let cs = &ds.customers;
    let customer_ok: Vec<bool> = (0..cs.len())
        .map(|c| {
            others.iter().all(|(d, set)| match d {
                Dim::Country => set.contains(&cs.country[c]),
                Dim::Market => set.contains(&cs.market[c]),
                Dim::Segment => set.contains(&cs.segment[c]),
                _ => true,
            })
        })
        .collect();
    let fact_filtered = others.iter().any(|(d, _)| !d.is_customer_dim());
    let a = &ds.activity;
    let fact_value = |d: Dim, i: usize| match d {
        Dim::Product => Some(a.product[i]),
        Dim::Sku => Some(a.sku[i]),
        Dim::PartnerLocation => Some(a.partner_location[i]),
        Dim::Attribution => Some(a.attribution[i]),
        Dim::SalesChannel => Some(a.sales_channel[i]),
        _ => None,
    };
    let row_ok = |i: usize| {
        customer_ok
            .get(a.customer[i] as usize)
            .copied()
            .unwrap_or(false)
            && others
                .iter()
                .all(|(d, set)| fact_value(*d, i).is_none_or(|v| set.contains(&v)))
    };
    let u = &ds.usage;
    let usage_value = |d: Dim, i: usize| match d {
        Dim::Product => Some(u.product[i]),
        Dim::Sku => Some(u.sku[i]),
        _ => None,
    };
    let usage_ok = |i: usize| {
        customer_ok
            .get(u.customer[i] as usize)
            .copied()
            .unwrap_or(false)
            && others
                .iter()
                .all(|(d, set)| usage_value(*d, i).is_none_or(|v| v == NONE || set.contains(&v)))
    };
    let mut pairs: Vec<(Sym, u32)> = Vec::new();
    if dim.is_customer_dim() {
        // under a fact filter, a customer counts when one of its facts survives it
        let mut kept = customer_ok.clone();
        if fact_filtered {
            kept = vec![false; cs.len()];
            for i in (0..a.len()).filter(|&i| row_ok(i)) {
                if let Some(k) = kept.get_mut(a.customer[i] as usize) {
                    *k = true;
                }
            }
            let usage_filtered = others
                .iter()
                .any(|(d, _)| matches!(d, Dim::Product | Dim::Sku));
            for i in (0..u.len()).filter(|&i| usage_ok(i)) {
                let known = !usage_filtered
                    || others
                        .iter()
                        .any(|(d, _)| usage_value(*d, i).is_some_and(|v| v != NONE));
                if known {
                    if let Some(k) = kept.get_mut(u.customer[i] as usize) {
                        *k = true;
                    }
                }
            }
        }
        let col = match dim {
            Dim::Country => &cs.country,
            Dim::Market => &cs.market,
            _ => &cs.segment,
        };
        for c in (0..cs.len()).filter(|&c| kept[c]) {
            pairs.push((col[c], c as u32));
        }
    } else {
        for i in (0..a.len()).filter(|&i| row_ok(i)) {
            if let Some(v) = fact_value(dim, i) {
                pairs.push((v, a.customer[i]));
            }
        }
        if matches!(dim, Dim::Product | Dim::Sku) {
            for i in (0..u.len()).filter(|&i| usage_ok(i)) {
                if let Some(v) = usage_value(dim, i).filter(|&v| v != NONE) {
                    pairs.push((v, u.customer[i]));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    let mut out = BTreeMap::new();
    for (v, _) in pairs {
        *out.entry(v).or_insert(0) += 1;
    }
    out
}

/// The options in display order, with the selected values that no customer has appended.
fn sorted(ds: &Dataset, counts: BTreeMap<Sym, u64>, selected: &[String]) -> Vec<FilterOption> {
    let mut out: Vec<FilterOption> = counts
        .into_iter()
        .map(|(k, n)| FilterOption {
            value: ds.strings.resolve(k).to_string(),
            customers: n,
        })
        .collect();
    for s in selected.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !out.iter().any(|o| o.value.eq_ignore_ascii_case(s)) {
            out.push(FilterOption {
                value: s.to_string(),
                customers: 0,
            });
        }
    }
    out.sort_by(|x, y| {
        y.customers
            .cmp(&x.customers)
            .then_with(|| x.value.to_lowercase().cmp(&y.value.to_lowercase()))
            .then_with(|| x.value.cmp(&y.value))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Month;
    use crate::model::{ActivityRow, CustomerAttrs, CustomerKey, DatasetBuilder, End, UsageRow};

    fn dataset() -> Dataset {
        let mut b = DatasetBuilder::new();
        b.begin_file("t.json");
        // (id, country, segment, product, sku)
        let rows = [
            ("a", Some("FR"), Some("SMB"), "Microsoft 365", "E3"),
            ("a", Some("FR"), Some("SMB"), "Microsoft 365", "E5"),
            ("b", Some("FR"), Some("Enterprise"), "Azure", "Plan"),
            ("c", Some("DE"), Some("SMB"), "Microsoft 365", "E3"),
            ("d", None, Some("SMB"), "Dynamics 365", "Sales"),
        ];
        for (row, (id, country, segment, product, sku)) in rows.into_iter().enumerate() {
            let Some(c) = b.customer(
                CustomerKey::Id(id),
                CustomerAttrs {
                    name: Some(id),
                    country,
                    segment,
                    ..Default::default()
                },
            ) else {
                continue;
            };
            b.activity(
                c,
                row as u64,
                ActivityRow {
                    product,
                    sku: Some(sku),
                    partner_location: None,
                    attribution: None,
                    sales_channel: None,
                    subscription: None,
                    start: Month::new(2024, 1),
                    end: End::Open,
                },
            );
        }
        // a usage-only product for customer c
        if let Some(c) = b.customer(CustomerKey::Id("c"), CustomerAttrs::default()) {
            b.usage(
                c,
                UsageRow {
                    month: Some(Month::new(2024, 2)),
                    product: Some("Power BI"),
                    sold: Some(3),
                    ..Default::default()
                },
            );
        }
        b.finish()
    }

    fn pairs(o: &[FilterOption]) -> Vec<(&str, u64)> {
        o.iter().map(|o| (o.value.as_str(), o.customers)).collect()
    }

    #[test]
    fn every_dimension_lists_its_values_by_count_then_name() {
        let ds = dataset();
        let o = filter_options(&ds, &Filters::new());
        assert_eq!(o.len(), Dim::ALL.len());
        assert_eq!(
            pairs(&o[&Dim::Country]),
            [("FR", 2), ("DE", 1), ("Unknown", 1)]
        );
        assert_eq!(pairs(&o[&Dim::Segment]), [("SMB", 3), ("Enterprise", 1)]);
        // a customer with two SKUs of one product counts once for the product
        assert_eq!(
            pairs(&o[&Dim::Product]),
            [
                ("Microsoft 365", 2),
                ("Azure", 1),
                ("Dynamics 365", 1),
                ("Power BI", 1)
            ]
        );
        assert_eq!(
            pairs(&o[&Dim::Sku]),
            [("E3", 2), ("E5", 1), ("Plan", 1), ("Sales", 1)]
        );
        assert_eq!(pairs(&o[&Dim::SalesChannel]), [("Unknown", 4)]);
    }

    #[test]
    fn counts_follow_the_other_dimensions_but_not_their_own() {
        let ds = dataset();
        let mut f = Filters::new();
        f.insert(Dim::Country, vec!["fr".into()]);
        let o = filter_options(&ds, &f);
        // own dimension: all countries still offered, with their full counts
        assert_eq!(
            pairs(&o[&Dim::Country]),
            [("FR", 2), ("DE", 1), ("Unknown", 1)]
        );
        // other dimensions: only French customers
        assert_eq!(pairs(&o[&Dim::Segment]), [("Enterprise", 1), ("SMB", 1)]);
        // a fact filter narrows the customers counted by a customer dimension
        let mut f = Filters::new();
        f.insert(Dim::Product, vec!["Azure".into()]);
        let o = filter_options(&ds, &f);
        assert_eq!(pairs(&o[&Dim::Country]), [("FR", 1)]);
        assert_eq!(pairs(&o[&Dim::Segment]), [("Enterprise", 1)]);
    }

    #[test]
    fn a_selected_value_nobody_has_is_still_listed() {
        let ds = dataset();
        let mut f = Filters::new();
        f.insert(Dim::Country, vec!["FJ".into(), "fr".into()]);
        f.insert(Dim::Segment, vec!["Enterprise".into()]);
        let o = filter_options(&ds, &f);
        assert_eq!(pairs(&o[&Dim::Country]), [("FR", 1), ("FJ", 0)]);
        // the segment's own selection does not hide SMB
        assert_eq!(pairs(&o[&Dim::Segment]), [("Enterprise", 1), ("SMB", 1)]);
    }

    #[test]
    fn one_dimension_equals_its_entry_of_all() {
        let ds = dataset();
        let mut f = Filters::new();
        f.insert(Dim::Country, vec!["FR".into()]);
        f.insert(Dim::Product, vec!["Microsoft 365".into()]);
        let all = filter_options(&ds, &f);
        for d in Dim::ALL {
            assert_eq!(dimension_options(&ds, &f, d), all[&d], "{d}");
        }
    }

    #[test]
    fn an_empty_dataset_has_no_options() {
        let ds = DatasetBuilder::new().finish();
        let o = filter_options(&ds, &Filters::new());
        assert!(o.values().all(Vec::is_empty));
    }
}
