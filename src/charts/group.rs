//! Display grouping for charts with many categories: the biggest categories on their own, the
//! rest summed as "Other" so a chart stays readable (its table still lists every category), and
//! the category palette. Pure code with native tests; the counts come from the report as they
//! are, only added up for the "Other" group.

use std::collections::{BTreeMap, BTreeSet};

/// The name of the grouped rest (also its legend key).
pub const OTHER: &str = "Other";

/// How many colours the category palette has (`--pi-cat-1` ... `--pi-cat-8`).
pub const PALETTE: usize = 8;

/// The CSS swatch of the `i`-th category (`pi-swatch--cat-3`); the palette repeats, which is why
/// every chart also names its categories in words.
pub fn swatch(i: usize) -> String {
    format!("cat-{}", i % PALETTE + 1)
}

/// The swatch of the "Other" group.
pub const OTHER_SWATCH: &str = "other";

/// The label of the "Other" group of `n` categories, in the language shown.
pub fn other_label(n: usize) -> String {
    crate::tr!(chart.other_more, n).to_string()
}

/// Keys ranked by weight, largest first, then by key.
pub fn ranked(weights: &BTreeMap<String, i64>) -> Vec<String> {
    let mut v: Vec<(&String, i64)> = weights.iter().map(|(k, w)| (k, *w)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    v.into_iter().map(|(k, _)| k.clone()).collect()
}

/// The split of ranked keys into those shown on their own and the rest grouped as "Other".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Split {
    /// Shown on their own, in rank order.
    pub shown: Vec<String>,
    /// Grouped as "Other" (empty when there is no group).
    pub rest: Vec<String>,
}

/// Splits the visible keys of `ranked` (those not in `hidden`): the first `keep` are shown on
/// their own and the rest grouped, unless at most `keep + 1` are visible (a group of one says
/// less than its own name). When there is a group, a category that is itself called "Other"
/// joins it, so the chart never shows two "Other"s.
pub fn split(ranked: &[String], hidden: &BTreeSet<String>, keep: usize) -> Split {
    let visible: Vec<&String> = ranked.iter().filter(|k| !hidden.contains(*k)).collect();
    if visible.len() <= keep + 1 {
        return Split {
            shown: visible.into_iter().cloned().collect(),
            rest: Vec::new(),
        };
    }
    let mut out = Split::default();
    for k in visible {
        if out.shown.len() < keep && k != OTHER {
            out.shown.push(k.clone());
        } else {
            out.rest.push(k.clone());
        }
    }
    out
}

/// The values of one column (or one list) in the order of `split`: one per shown key, then the
/// sum of the rest when there is a group. Missing keys count 0.
pub fn values(split: &Split, counts: &BTreeMap<String, i64>) -> Vec<i64> {
    let get = |k: &String| counts.get(k).copied().unwrap_or(0);
    let mut v: Vec<i64> = split.shown.iter().map(get).collect();
    if !split.rest.is_empty() {
        v.push(split.rest.iter().map(get).sum());
    }
    v
}

/// The total weight of each key over several columns (to rank a trend by its whole range).
pub fn totals<'a>(
    columns: impl IntoIterator<Item = &'a BTreeMap<String, i64>>,
) -> BTreeMap<String, i64> {
    let mut out = BTreeMap::new();
    for c in columns {
        for (k, v) in c {
            *out.entry(k.clone()).or_insert(0) += v;
        }
    }
    out
}

/// The bars of a ranked list: the first `keep` visible entries, then "Other (n more)" summing
/// the rest; each with the index of its entry in `rows` (its colour), `None` for the group.
pub fn top_list(
    rows: &[metrics::report::KeyCount],
    hidden: &BTreeSet<String>,
    keep: usize,
) -> Vec<(String, i64, Option<usize>)> {
    let ranked: Vec<String> = rows.iter().map(|r| r.key.clone()).collect();
    let split = split(&ranked, hidden, keep);
    let counts: BTreeMap<String, i64> = rows.iter().map(|r| (r.key.clone(), r.customers)).collect();
    let values = values(&split, &counts);
    let mut out: Vec<(String, i64, Option<usize>)> = split
        .shown
        .iter()
        .zip(&values)
        .map(|(k, v)| (k.clone(), *v, ranked.iter().position(|r| r == k)))
        .collect();
    if !split.rest.is_empty() {
        out.push((
            other_label(split.rest.len()),
            values.last().copied().unwrap_or(0),
            None,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(v: &[(&str, i64)]) -> BTreeMap<String, i64> {
        v.iter().map(|(k, n)| (k.to_string(), *n)).collect()
    }

    fn keys(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn keys_rank_by_weight_then_name() {
        let w = map(&[("b", 5), ("a", 5), ("c", 9), ("d", 0)]);
        assert_eq!(ranked(&w), keys(&["c", "a", "b", "d"]));
    }

    #[test]
    fn the_rest_is_grouped_only_when_it_holds_two_or_more() {
        let r = keys(&["a", "b", "c", "d"]);
        let none = BTreeSet::new();
        assert_eq!(split(&r, &none, 3).shown, r);
        assert!(split(&r, &none, 3).rest.is_empty());
        let s = split(&r, &none, 2);
        assert_eq!((s.shown, s.rest), (keys(&["a", "b"]), keys(&["c", "d"])));
        // hidden keys take no place: the next one moves up
        let hidden: BTreeSet<String> = ["a".to_string()].into();
        let s = split(&keys(&["a", "b", "c", "d", "e"]), &hidden, 2);
        assert_eq!((s.shown, s.rest), (keys(&["b", "c"]), keys(&["d", "e"])));
    }

    #[test]
    fn a_category_called_other_joins_the_group() {
        let r = keys(&["a", OTHER, "b", "c", "d"]);
        let s = split(&r, &BTreeSet::new(), 2);
        assert_eq!(s.shown, keys(&["a", "b"]));
        assert_eq!(s.rest, keys(&[OTHER, "c", "d"]));
        // without a group it keeps its place
        assert_eq!(split(&r, &BTreeSet::new(), 4).shown, r);
    }

    #[test]
    fn values_sum_the_group_and_totals_add_columns() {
        let s = Split {
            shown: keys(&["a", "b"]),
            rest: keys(&["c", "d", "zz"]),
        };
        let c = map(&[("a", 10), ("c", 3), ("d", 4)]);
        assert_eq!(values(&s, &c), vec![10, 0, 7]);
        let s = Split {
            shown: keys(&["a"]),
            rest: vec![],
        };
        assert_eq!(values(&s, &c), vec![10]);
        let t = totals([&map(&[("a", 1), ("b", 2)]), &map(&[("a", 5)])]);
        assert_eq!(t, map(&[("a", 6), ("b", 2)]));
        assert_eq!(swatch(0), "cat-1");
        assert_eq!(swatch(PALETTE), "cat-1");
    }
}
