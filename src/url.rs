//! The page's URL parameters (spec/page.md). The pure parsing is here with native tests; the
//! browser glue reads `location.search` and writes with `history.replaceState`.

use crate::source::SAMPLE;
use metrics::Month;

/// What the URL asks for (the parameters this version implements).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Params {
    /// `data`: files to load instead of the sample (repeated and/or comma-separated).
    pub data: Vec<String>,
    pub from: Option<Month>,
    pub to: Option<Month>,
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
    }
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
    parse(&data, q.get("from").as_deref(), q.get("to").as_deref())
}

/// Writes the range into the address bar without reloading or adding a history entry, so that
/// a copied link reproduces the view.
pub fn write_range(from: Month, to: Month) {
    let Some(w) = web_sys::window() else { return };
    let Ok(href) = w.location().href() else {
        return;
    };
    let Ok(url) = web_sys::Url::new(&href) else {
        return;
    };
    let q = url.search_params();
    q.set("from", &from.to_string());
    q.set("to", &to.to_string());
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url.href()));
    }
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
}
