//! The page's URL parameters (spec/page.md): the URL is the page's state.
//!
//! Reading: components derive their state from leptos_router's reactive query map
//! ([`use_param`], [`params_of`]), so a link, Back/Forward and a host's `pi:set-state` all reach
//! every section. Writing: [`write`], [`write_many`] and [`push`] go through the router's
//! navigation (history `replaceState`, or `pushState` for [`push`]). Writes are throttled to a few
//! per second (a dragged slider would otherwise call the history API on every pointer move, which
//! Safari and Firefox refuse past about 100 calls in 30 s); the last value always lands. The pure
//! parsing is here with native tests.

use crate::source::SAMPLE;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;
use metrics::{Dim, Filters, Month};
use std::cell::RefCell;
use std::rc::Rc;

/// What the URL asks for (the parameters this version implements).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Params {
    /// `data`: files to load instead of the sample (repeated and/or comma-separated).
    pub data: Vec<String>,
    pub from: Option<Month>,
    pub to: Option<Month>,
    /// The page-level filters: one parameter per dimension, values separated by commas.
    pub filters: Filters,
    /// `theme`: `light`, `dark` or `auto` (`None`: not given or not one of these).
    pub theme: Option<crate::theme::Choice>,
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
        theme: None,
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

/// The parameters of a query map (the router's, or one built from a string).
pub fn params_of(q: &ParamsMap) -> Params {
    let data = q.get_all("data").unwrap_or_default();
    let mut p = parse(&data, q.get_str("from"), q.get_str("to"));
    p.filters = parse_filters(|name| q.get(name));
    p.theme = q.get_str("theme").and_then(crate::theme::Choice::parse);
    p
}

/// Reads the parameters of the current page once (before the router exists).
pub fn current() -> Params {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    params_of(&ParamsMap::from_iter(pairs(&search)))
}

/// The `key=value` pairs of a query string, decoded.
fn pairs(search: &str) -> Vec<(String, String)> {
    let Ok(q) = web_sys::UrlSearchParams::new_with_str(search) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let Ok(Some(it)) = js_sys::try_iter(&q) else {
        return out;
    };
    for entry in it.flatten() {
        let pair = js_sys::Array::from(&entry);
        if let (Some(k), Some(v)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            out.push((k, v));
        }
    }
    out
}

/// One parameter of the page's URL, reactive (Back/Forward, links, `pi:set-state`). Must be
/// called inside the `<Router>`.
pub fn use_param(name: &'static str) -> Memo<Option<String>> {
    let q = use_query_map();
    Memo::new(move |_| q.with(|q| q.get(name)).filter(|v| !v.trim().is_empty()))
}

/// A piece of page state bound to the URL parameter `name`: starts from the URL and follows it
/// when the URL changes (Back/Forward, `pi:set-state`). The page sets the signal at once and
/// writes the URL with [`write`], so the screen never waits for the (throttled) address bar.
pub fn bind<T>(name: &'static str, parse: impl Fn(Option<&str>) -> T + 'static) -> RwSignal<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let param = use_param(name);
    let signal = RwSignal::new(param.with_untracked(|v| parse(v.as_deref())));
    Effect::new(move |_| {
        let next = param.with(|v| parse(v.as_deref()));
        if signal.with_untracked(|s| *s != next) {
            signal.set(next);
        }
    });
    signal
}

type Navigate = Rc<dyn Fn(&str, NavigateOptions)>;

#[derive(Default)]
struct Writer {
    navigate: Option<Navigate>,
    /// Changes not yet in the address bar (the last value of each parameter wins).
    pending: Vec<(String, Option<String>)>,
    push: bool,
    scheduled: bool,
    last: f64,
}

thread_local! {
    static WRITER: RefCell<Writer> = RefCell::new(Writer::default());
}

/// At most one history call per this many milliseconds.
const MIN_INTERVAL_MS: f64 = 350.0;

/// The value of parameter `name` as the page last wrote it: a change still waiting for the
/// address bar, else the address bar's. (Read-modify-write of a shared parameter, like `hide`,
/// must start from here or it could undo a change made a moment before.)
pub fn peek(name: &str) -> Option<String> {
    let pending = WRITER.with(|w| {
        w.borrow()
            .pending
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    });
    match pending {
        Some(v) => v,
        None => web_sys::window()
            .and_then(|w| w.location().search().ok())
            .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok())
            .and_then(|q| q.get(name)),
    }
}

/// Hands the router's navigation to the writers. Call once inside the `<Router>`.
pub fn install() {
    let navigate = use_navigate();
    WRITER.with(|w| w.borrow_mut().navigate = Some(Rc::new(navigate)));
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Sets (or removes, with `None`) one parameter in the address bar, with
/// `history.replaceState` so Back stays sane and a copied link reproduces the view.
pub fn write(name: &str, value: Option<&str>) {
    write_many(&[(name, value)]);
}

/// Sets or removes several parameters at once (one history entry replaced).
pub fn write_many(pairs: &[(&str, Option<&str>)]) {
    update(pairs, false);
}

/// Sets one parameter in a new history entry, for what a partner treats as a page of its own
/// (a customer's detail): the browser's Back button then returns to the view before it.
pub fn push(name: &str, value: &str) {
    update(&[(name, Some(value))], true);
}

fn update(pairs: &[(&str, Option<&str>)], push: bool) {
    let due = WRITER.with(|w| {
        let mut w = w.borrow_mut();
        for (name, value) in pairs {
            w.pending.retain(|(n, _)| n != name);
            w.pending
                .push((name.to_string(), value.map(str::to_string)));
        }
        w.push |= push;
        if w.scheduled {
            return None;
        }
        let wait = (w.last + MIN_INTERVAL_MS - now()).max(0.0);
        if push || wait <= 0.0 {
            return Some(0.0);
        }
        w.scheduled = true;
        Some(wait)
    });
    match due {
        Some(wait) if wait <= 0.0 => flush(),
        Some(wait) => set_timeout(flush, std::time::Duration::from_millis(wait as u64)),
        None => {}
    }
}

/// Writes the pending changes into the address bar, through the router when it is installed.
pub fn flush() {
    let (pending, push, navigate) = WRITER.with(|w| {
        let mut w = w.borrow_mut();
        w.scheduled = false;
        w.last = now();
        (
            std::mem::take(&mut w.pending),
            std::mem::take(&mut w.push),
            w.navigate.clone(),
        )
    });
    if pending.is_empty() {
        return;
    }
    let Some(win) = web_sys::window() else { return };
    let Some(url) = win
        .location()
        .href()
        .ok()
        .and_then(|h| web_sys::Url::new(&h).ok())
    else {
        return;
    };
    let q = url.search_params();
    for (name, value) in &pending {
        match value {
            Some(v) => q.set(name, v),
            None => q.delete(name),
        }
    }
    let search = url.search();
    let target = format!("{}{}{}", url.pathname(), search, url.hash());
    match navigate {
        Some(nav) => nav(
            &target,
            NavigateOptions {
                resolve: false,
                replace: !push,
                scroll: false,
                ..NavigateOptions::default()
            },
        ),
        None => {
            if let Ok(h) = win.history() {
                let state = &wasm_bindgen::JsValue::NULL;
                let _ = if push {
                    h.push_state_with_url(state, "", Some(&target))
                } else {
                    h.replace_state_with_url(state, "", Some(&target))
                };
            }
        }
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
