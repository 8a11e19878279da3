//! The words of the page-level filters and of the empty state: dimension labels, chip labels,
//! option search and "what emptied this view". Pure, so it is tested natively.

use metrics::report::Span;
use metrics::{Dim, FilterOption, Filters, Report};

/// The label of a dimension, as the filter bar shows it.
pub fn dim_label(d: Dim) -> &'static str {
    match d {
        Dim::Country => crate::tr!(dim.country),
        Dim::Market => crate::tr!(dim.market),
        Dim::Segment => crate::tr!(dim.segment),
        Dim::Product => crate::tr!(dim.product),
        Dim::Sku => crate::tr!(dim.sku),
        Dim::PartnerLocation => crate::tr!(dim.partner_location),
        Dim::Attribution => crate::tr!(dim.attribution),
        Dim::SalesChannel => crate::tr!(dim.sales_channel),
    }
}

/// The plural used in "Search countries".
pub fn dim_plural(d: Dim) -> &'static str {
    match d {
        Dim::Country => crate::tr!(dim.countries),
        Dim::Market => crate::tr!(dim.markets),
        Dim::Segment => crate::tr!(dim.segments),
        Dim::Product => crate::tr!(dim.products),
        Dim::Sku => crate::tr!(dim.skus),
        Dim::PartnerLocation => crate::tr!(dim.partner_locations),
        Dim::Attribution => crate::tr!(dim.attributions),
        Dim::SalesChannel => crate::tr!(dim.sales_channels),
    }
}

/// How a value is shown: a country code by its name in the language shown (the URL keeps the
/// code); any other value as it is.
pub fn value_label(d: Dim, value: &str) -> String {
    if d == Dim::Country {
        if let Some(name) = country_name(value) {
            return name.to_string();
        }
    }
    value.to_string()
}

/// A country's name in the language shown (the engine's country table has English and French
/// names); `None` for a code it does not know.
pub fn country_name(code: &str) -> Option<&'static str> {
    let lang = crate::locale::code(crate::locale::current());
    metrics::country::name(&code.trim().to_ascii_uppercase(), lang)
}

/// The text of an active filter's chip: `Country: France`.
pub fn chip_label(d: Dim, value: &str) -> String {
    crate::tr!(
        filters.chip,
        dim = dim_label(d),
        value = value_label(d, value)
    )
    .to_string()
}

/// The accessible name of a chip's button.
pub fn chip_action(d: Dim, value: &str) -> String {
    crate::tr!(filters.remove, chip = chip_label(d, value)).to_string()
}

/// Whether an option is kept by the menu's search text: every word of `search` is found
/// (case-insensitively) in the value or in its label.
pub fn option_matches(d: Dim, option: &FilterOption, search: &str) -> bool {
    let hay = format!("{} {}", option.value, value_label(d, &option.value)).to_lowercase();
    search
        .to_lowercase()
        .split_whitespace()
        .all(|w| hay.contains(w))
}

/// Whether `value` is selected in `filters` (values match case-insensitively, as in the engine).
pub fn is_selected(filters: &Filters, d: Dim, value: &str) -> bool {
    filters
        .get(&d)
        .is_some_and(|v| v.iter().any(|s| s.eq_ignore_ascii_case(value)))
}

/// `filters` with `value` of `d` switched on or off.
pub fn toggled(filters: &Filters, d: Dim, value: &str) -> Filters {
    let mut out = filters.clone();
    let values = out.entry(d).or_default();
    if let Some(i) = values.iter().position(|s| s.eq_ignore_ascii_case(value)) {
        values.remove(i);
    } else {
        values.push(value.to_string());
    }
    if values.is_empty() {
        out.remove(&d);
    }
    out
}

/// The active filters as (dimension, value) pairs, in dimension order.
pub fn chips(filters: &Filters) -> Vec<(Dim, String)> {
    Dim::ALL
        .into_iter()
        .flat_map(|d| {
            filters
                .get(&d)
                .into_iter()
                .flatten()
                .map(move |v| (d, v.clone()))
        })
        .collect()
}

/// Whether a report holds no customer at all in its range (a filter or a range emptied it):
/// no customer in any month, nobody churned, no usage.
pub fn is_empty(r: &Report) -> bool {
    r.range.is_some()
        && r.summary
            .customers
            .spark
            .iter()
            .all(|v| v.unwrap_or(0) == 0)
        && r.adds_churn.iter().all(|m| m.churned == 0)
        && r.active_trend
            .iter()
            .all(|m| m.total == 0 && m.active.unwrap_or(0) == 0)
}

/// What the empty-state button does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmptyAction {
    ClearFilters,
    ResetRange,
}

impl EmptyAction {
    pub fn label(self) -> &'static str {
        match self {
            EmptyAction::ClearFilters => crate::tr!(filters.clear),
            EmptyAction::ResetRange => crate::tr!(filters.reset_range),
        }
    }
}

/// What emptied the view, in words, and the way back: the filters when some are active
/// ("No customers match Country: Fiji and Segment: Enterprise"), else the range.
pub fn empty_message(filters: &Filters, range: Option<Span>) -> (String, EmptyAction) {
    let parts: Vec<String> = Dim::ALL
        .into_iter()
        .filter_map(|d| {
            let values = filters.get(&d).filter(|v| !v.is_empty())?;
            let names: Vec<String> = values.iter().map(|v| value_label(d, v)).collect();
            let value = names.join(crate::tr!(filters.or));
            Some(crate::tr!(filters.chip, dim = dim_label(d), value).to_string())
        })
        .collect();
    if !parts.is_empty() {
        let text = match parts.split_last() {
            Some((last, rest)) if !rest.is_empty() => {
                crate::tr!(filters.and, list = rest.join(", "), last).to_string()
            }
            _ => parts.join(""),
        };
        return (
            crate::tr!(filters.no_match, text).to_string(),
            EmptyAction::ClearFilters,
        );
    }
    let text = match range {
        Some(s) if s.from == s.to => crate::tr!(filters.no_data_in, month = s.from).to_string(),
        Some(s) => crate::tr!(filters.no_data_between, from = s.from, to = s.to).to_string(),
        None => crate::tr!(filters.no_data_range).to_string(),
    };
    (text, EmptyAction::ResetRange)
}

#[cfg(test)]
mod tests {
    use super::*;
    use metrics::Month;

    fn f(pairs: &[(Dim, &[&str])]) -> Filters {
        pairs
            .iter()
            .map(|(d, v)| (*d, v.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    #[test]
    fn chips_name_the_dimension_and_the_country_in_english() {
        assert_eq!(chip_label(Dim::Country, "FR"), "Country: France");
        assert_eq!(chip_label(Dim::Country, "fr"), "Country: France");
        assert_eq!(
            chip_action(Dim::Country, "FR"),
            "Remove filter Country: France"
        );
        assert_eq!(chip_label(Dim::Country, "Unknown"), "Country: Unknown");
        assert_eq!(chip_label(Dim::Sku, "E3"), "SKU: E3");
        assert_eq!(
            chip_label(Dim::SalesChannel, "Reseller"),
            "Sales channel: Reseller"
        );
        let chips = chips(&f(&[
            (Dim::Segment, &["SMB"]),
            (Dim::Country, &["FR", "DE"]),
        ]));
        assert_eq!(
            chips,
            [
                (Dim::Country, "FR".to_string()),
                (Dim::Country, "DE".to_string()),
                (Dim::Segment, "SMB".to_string())
            ]
        );
    }

    #[test]
    fn search_finds_countries_by_name_or_code() {
        let o = |v: &str| FilterOption {
            value: v.into(),
            customers: 1,
        };
        assert!(option_matches(Dim::Country, &o("FR"), "fran"));
        assert!(option_matches(Dim::Country, &o("FR"), "fr"));
        assert!(option_matches(Dim::Country, &o("DE"), "GERM"));
        assert!(!option_matches(Dim::Country, &o("DE"), "france"));
        assert!(option_matches(
            Dim::Product,
            &o("Microsoft 365"),
            "365 micro"
        ));
        assert!(option_matches(Dim::Product, &o("Azure"), "  "));
    }

    #[test]
    fn toggling_adds_and_removes_values() {
        let a = toggled(&Filters::new(), Dim::Country, "FR");
        assert!(is_selected(&a, Dim::Country, "fr"));
        let b = toggled(&a, Dim::Country, "fr");
        assert!(b.is_empty());
        let c = toggled(&a, Dim::Country, "DE");
        assert_eq!(c[&Dim::Country], ["FR", "DE"]);
    }

    #[test]
    fn the_empty_state_names_what_emptied_it() {
        let filters = f(&[(Dim::Country, &["FJ"]), (Dim::Segment, &["Enterprise"])]);
        assert_eq!(
            empty_message(&filters, None),
            (
                "No customers match Country: Fiji and Segment: Enterprise".to_string(),
                EmptyAction::ClearFilters
            )
        );
        let filters = f(&[
            (Dim::Country, &["FJ", "FR"]),
            (Dim::Product, &["Azure"]),
            (Dim::Segment, &["SMB"]),
        ]);
        assert_eq!(
            empty_message(&filters, None).0,
            "No customers match Country: Fiji or France, Segment: SMB and Product: Azure"
        );
        let range = Span {
            from: Month::new(2019, 1),
            to: Month::new(2019, 3),
        };
        assert_eq!(
            empty_message(&Filters::new(), Some(range)),
            (
                "No data between 2019-01 and 2019-03".to_string(),
                EmptyAction::ResetRange
            )
        );
        assert_eq!(EmptyAction::ResetRange.label(), "Reset the range");
    }
}
