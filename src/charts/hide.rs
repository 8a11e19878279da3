//! The `hide` URL parameter (spec/page.md): legend items switched off, `chart:item` separated by
//! commas (`hide=adds:new,adds:churned`). Each chart owns its `chart:` prefix and rewrites only
//! its own items, so charts never overwrite each other.

use std::collections::BTreeSet;

/// The items of `chart` hidden by a `hide` value.
pub fn items(hide: &str, chart: &str) -> BTreeSet<String> {
    hide.split(',')
        .filter_map(|e| e.trim().split_once(':'))
        .filter(|(c, i)| *c == chart && !i.is_empty())
        .map(|(_, i)| i.to_string())
        .collect()
}

/// A `hide` value with `chart`'s items replaced by `hidden` (other charts' entries kept, in
/// order); `None` when nothing is hidden at all.
pub fn merge(hide: &str, chart: &str, hidden: &BTreeSet<String>) -> Option<String> {
    let prefix = format!("{chart}:");
    let mut out: Vec<String> = hide
        .split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty() && !e.starts_with(&prefix))
        .map(str::to_string)
        .collect();
    out.extend(hidden.iter().map(|i| format!("{chart}:{i}")));
    (!out.is_empty()).then(|| out.join(","))
}

/// The items of `chart` hidden by the page's URL, as a signal that follows the URL.
pub fn use_hidden(chart: &'static str) -> leptos::prelude::RwSignal<BTreeSet<String>> {
    crate::url::bind("hide", move |v| items(v.unwrap_or_default(), chart))
}

/// Writes `chart`'s hidden items into the address bar (`history.replaceState`).
pub fn write(chart: &str, hidden: &BTreeSet<String>) {
    let merged = merge(&crate::url::peek("hide").unwrap_or_default(), chart, hidden);
    crate::url::write("hide", merged.as_deref());
}

/// The legend toggle of a chart: flips `key` in `hidden` and writes the chart's hidden items to
/// the URL.
pub fn toggler(
    chart: &'static str,
    hidden: leptos::prelude::RwSignal<BTreeSet<String>>,
) -> leptos::prelude::Callback<&'static str> {
    use leptos::prelude::*;
    Callback::new(move |key: &'static str| {
        hidden.update(|h| {
            if !h.remove(key) {
                h.insert(key.to_string());
            }
        });
        hidden.with_untracked(|h| write(chart, h));
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: &[&str]) -> BTreeSet<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn items_belong_to_one_chart() {
        assert_eq!(
            items("adds:new, adds:churned,dist:x", "adds"),
            set(&["churned", "new"])
        );
        assert_eq!(items("dist:x", "adds"), set(&[]));
        assert_eq!(items("", "adds"), set(&[]));
        assert_eq!(items("adds,adds:,new", "adds"), set(&[]));
    }

    #[test]
    fn merging_keeps_other_charts_and_drops_an_empty_value() {
        assert_eq!(
            merge("dist:x,adds:new", "adds", &set(&["existing"])).as_deref(),
            Some("dist:x,adds:existing")
        );
        assert_eq!(merge("adds:new", "adds", &set(&[])), None);
        assert_eq!(
            merge("", "adds", &set(&["new", "churned"])).as_deref(),
            Some("adds:churned,adds:new")
        );
    }
}
