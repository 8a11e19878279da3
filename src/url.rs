//! The page's URL parameters (spec/page.md). The pure parsing is here with native tests; the
//! browser glue reads `location.search` and writes with `history.replaceState`.

use crate::source::SAMPLE;
use metrics::{Dim, Filters, Month};

/// What the URL asks for (the parameters this version implements).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Params {
    /// `data`: files to load instead of the sample (repeated and/or comma-separated).
    pub data: Vec<String>,
    pub from: Option<Month>,
    pub to: Option<Month>,
    /// The page-level filters: one parameter per dimension, values separated by commas.
    pub filters: Filters,
}

impl Params {
    /// The URLs to load: the `data` parameter, else the sample.
    pub fn data_urls(&self) -> Vec<String> {
        if self.data.is_empty() {
            vec![SAMPLE.to_string()]
        } else {
            self.data.clone()
        }
    }
}

/// A `YYYY-MM` parameter; anything else is ignored (the default range applies).
pub fn parse_month(s: &str) -> Option<Month> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() != 7 || b[4] != b'-' {
        return None;
    }
    let y: i32 = s[..4].parse().ok()?;
    let m: u32 = s[5..].parse().ok()?;
    (1..=12).contains(&m).then(|| Month::new(y, m))
}

/// Builds [`Params`] from the values of `data` (each possibly comma-separated), `from` and `to`.
pub fn parse(data: &[String], from: Option<&str>, to: Option<&str>) -> Params {
    Params {
        data: data
            .iter()
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        from: from.and_then(parse_month),
        to: to.and_then(parse_month),
        filters: Filters::new(),
    }
}

/// The filters named by the URL: for each dimension of [`Dim::ALL`], the comma-separated values
/// of the parameter of the same name (`country=FR,DE`). Empty values are dropped, duplicates kept
/// once, and a dimension without values is no filter.
pub fn parse_filters(get: impl Fn(&str) -> Option<String>) -> Filters {
    let mut out = Filters::new();
    for dim in Dim::ALL {
        let Some(raw) = get(dim.as_str()) else {
            continue;
        };
        let mut values: Vec<String> = Vec::new();
        for v in raw.split(',').map(str::trim).filter(|v| !v.is_empty()) {
            if !values.iter().any(|x| x.eq_ignore_ascii_case(v)) {
                values.push(v.to_string());
            }
        }
        if !values.is_empty() {
            out.insert(dim, values);
        }
    }
    out
}

/// The URL value of one dimension's filter (`None` when it has no values).
pub fn filter_value(filters: &Filters, dim: Dim) -> Option<String> {
    filters
        .get(&dim)
        .filter(|v| !v.is_empty())
        .map(|v| v.join(","))
}

/// Reads the parameters of the current page.
pub fn current() -> Params {
    let Some(search) = web_sys::window().and_then(|w| w.location().search().ok()) else {
        return Params::default();
    };
    let Ok(q) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return Params::default();
    };
    let data: Vec<String> = q
        .get_all("data")
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    let mut p = parse(&data, q.get("from").as_deref(), q.get("to").as_deref());
    p.filters = parse_filters(|name| q.get(name));
    p
}

/// The value of one parameter of the page's URL (`dist`, `trend`, `drill` ...).
pub fn param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// Sets (or removes, with `None`) one parameter in the address bar, with
/// `history.replaceState` so Back stays sane and a copied link reproduces the view.
pub fn write(name: &str, value: Option<&str>) {
    write_many(&[(name, value)]);
}

/// Sets or removes several parameters at once (one history entry replaced).
pub fn write_many(pairs: &[(&str, Option<&str>)]) {
    let Some(w) = web_sys::window() else { return };
    let Some(url) = w
        .location()
        .href()
        .ok()
        .and_then(|h| web_sys::Url::new(&h).ok())
    else {
        return;
    };
    let q = url.search_params();
    for (name, value) in pairs {
        match value {
            Some(v) => q.set(name, v),
            None => q.delete(name),
        }
    }
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url.href()));
    }
}

/// Writes every filter dimension into the address bar (removing the ones without values).
pub fn write_filters(filters: &Filters) {
    let values: Vec<(Dim, Option<String>)> = Dim::ALL
        .into_iter()
        .map(|d| (d, filter_value(filters, d)))
        .collect();
    let pairs: Vec<(&str, Option<&str>)> = values
        .iter()
        .map(|(d, v)| (d.as_str(), v.as_deref()))
        .collect();
    write_many(&pairs);
}

/// Writes the range into the address bar.
pub fn write_range(from: Month, to: Month) {
    let (from, to) = (from.to_string(), to.to_string());
    write_many(&[("from", Some(&from)), ("to", Some(&to))]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_must_be_yyyy_mm() {
        assert_eq!(parse_month("2025-11"), Some(Month::new(2025, 11)));
        assert_eq!(parse_month(" 2025-01 "), Some(Month::new(2025, 1)));
        assert_eq!(parse_month("2025-13"), None);
        assert_eq!(parse_month("2025-1"), None);
        assert_eq!(parse_month("11/2025"), None);
    }

    #[test]
    fn data_urls_split_on_commas_and_default_to_the_sample() {
        let p = parse(
            &["a.csv, b.json".to_string(), "c.csv".to_string()],
            Some("2025-11"),
            Some("x"),
        );
        assert_eq!(p.data_urls(), ["a.csv", "b.json", "c.csv"]);
        assert_eq!(p.from, Some(Month::new(2025, 11)));
        assert_eq!(p.to, None);
        assert_eq!(parse(&[], None, None).data_urls(), [SAMPLE]);
    }

    #[test]
    fn filters_come_one_parameter_per_dimension() {
        let url = [
            ("country", "FR, de,,FR"),
            ("segment", " "),
            ("sales_channel", "Reseller"),
            ("unknown", "x"),
        ];
        let get = |name: &str| {
            url.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        };
        let f = parse_filters(get);
        assert_eq!(f.len(), 2);
        assert_eq!(f[&Dim::Country], ["FR", "de"]);
        assert_eq!(f[&Dim::SalesChannel], ["Reseller"]);
        assert_eq!(filter_value(&f, Dim::Country).as_deref(), Some("FR,de"));
        assert_eq!(filter_value(&f, Dim::Segment), None);
    }
}
