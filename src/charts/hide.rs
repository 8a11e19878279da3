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

/// The items of `chart` hidden by a `hide` value, or `default` when the value names none of
/// `chart`'s items. An empty entry `chart:` says "nothing hidden" (it overrides a default).
pub fn items_or(hide: &str, chart: &str, default: &[&str]) -> BTreeSet<String> {
    let prefix = format!("{chart}:");
    if hide.split(',').any(|e| e.trim().starts_with(&prefix)) {
        items(hide, chart)
    } else {
        default.iter().map(|s| s.to_string()).collect()
    }
}

/// The entries of `chart` for `hidden`: none when it equals `default`, `chart:` when it is empty
/// but the default is not, else one `chart:item` per hidden item.
pub fn merge_or(
    hide: &str,
    chart: &str,
    hidden: &BTreeSet<String>,
    default: &[&str],
) -> Option<String> {
    let is_default = hidden.len() == default.len() && default.iter().all(|d| hidden.contains(*d));
    if is_default {
        return merge(hide, chart, &BTreeSet::new());
    }
    if hidden.is_empty() {
        let rest = merge(hide, chart, &BTreeSet::new());
        return Some(match rest {
            Some(r) => format!("{r},{chart}:"),
            None => format!("{chart}:"),
        });
    }
    merge(hide, chart, hidden)
}

/// The items of `chart` hidden by the page's URL, as a signal that follows the URL.
pub fn use_hidden(chart: &'static str) -> leptos::prelude::RwSignal<BTreeSet<String>> {
    use_hidden_or(chart, &[])
}

/// [`use_hidden`] for a chart with items hidden by default ([`items_or`]).
pub fn use_hidden_or(
    chart: &'static str,
    default: &'static [&'static str],
) -> leptos::prelude::RwSignal<BTreeSet<String>> {
    crate::url::bind("hide", move |v| {
        items_or(v.unwrap_or_default(), chart, default)
    })
}

/// Writes `chart`'s hidden items into the address bar.
pub fn write(chart: &str, hidden: &BTreeSet<String>) {
    write_or(chart, hidden, &[]);
}

/// Writes `chart`'s hidden items, leaving the URL clean when they are the chart's default. Starts
/// from the page's last written `hide` (another chart's change may still be on its way).
pub fn write_or(chart: &str, hidden: &BTreeSet<String>, default: &[&str]) {
    let merged = merge_or(
        &crate::url::peek("hide").unwrap_or_default(),
        chart,
        hidden,
        default,
    );
    crate::url::write("hide", merged.as_deref());
}

/// The legend toggle of a chart: flips `key` in `hidden` and writes the chart's hidden items to
/// the URL.
pub fn toggler(
    chart: &'static str,
    hidden: leptos::prelude::RwSignal<BTreeSet<String>>,
) -> leptos::prelude::Callback<String> {
    toggler_or(chart, hidden, &[])
}

/// [`toggler`] for a chart with items hidden by default ([`use_hidden_or`]).
pub fn toggler_or(
    chart: &'static str,
    hidden: leptos::prelude::RwSignal<BTreeSet<String>>,
    default: &'static [&'static str],
) -> leptos::prelude::Callback<String> {
    use leptos::prelude::*;
    Callback::new(move |key: String| {
        hidden.update(|h| {
            if !h.remove(&key) {
                h.insert(key);
            }
        });
        hidden.with_untracked(|h| write_or(chart, h, default));
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

    #[test]
    fn defaults_apply_until_the_url_names_the_chart() {
        let d = &["existing"];
        assert_eq!(items_or("", "adds", d), set(&["existing"]));
        assert_eq!(items_or("dist:x", "adds", d), set(&["existing"]));
        assert_eq!(items_or("adds:new", "adds", d), set(&["new"]));
        assert_eq!(items_or("dist:x,adds:", "adds", d), set(&[]));
        // the default leaves the URL clean; showing everything is written as `adds:`
        assert_eq!(
            merge_or("dist:x", "adds", &set(&["existing"]), d).as_deref(),
            Some("dist:x")
        );
        assert_eq!(merge_or("adds:new", "adds", &set(&["existing"]), d), None);
        assert_eq!(
            merge_or("dist:x", "adds", &set(&[]), d).as_deref(),
            Some("dist:x,adds:")
        );
        assert_eq!(merge_or("", "adds", &set(&[]), d).as_deref(), Some("adds:"));
        assert_eq!(
            merge_or("", "adds", &set(&["existing", "new"]), d).as_deref(),
            Some("adds:existing,adds:new")
        );
        // every entry read back gives the same set
        for h in [
            set(&[]),
            set(&["existing"]),
            set(&["new"]),
            set(&["existing", "churned"]),
        ] {
            let v = merge_or("dist:x", "adds", &h, d).unwrap_or_default();
            assert_eq!(items_or(&v, "adds", d), h);
        }
    }
}
