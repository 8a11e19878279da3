//! The WAI-ARIA tabs pattern, one component for every tabbed chart: a `tablist` of `tab`
//! buttons with `aria-selected` and a roving `tabindex` (only the selected tab is in the Tab
//! order); Left/Right (wrapping), Home and End move the focus and select the tab. The chart frame
//! below the tabs is their `tabpanel`. The key handling is pure code with native tests.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// One tab: its key (also the URL value) and its label in the language shown.
pub type Tab = (&'static str, fn() -> &'static str);

/// A set of tabs: keys (also the URL values) and labels, the selected key and what selecting
/// does.
#[derive(Clone, Copy)]
pub struct TabSet {
    /// The prefix of the element ids (`{id}-tab-{key}`, `{id}-panel`).
    pub id: &'static str,
    /// The accessible name of the tab list.
    pub label: &'static str,
    pub tabs: &'static [Tab],
    pub selected: Signal<&'static str>,
    pub on_select: Callback<&'static str>,
}

impl TabSet {
    pub fn tab_id(&self, key: &str) -> String {
        format!("{}-tab-{key}", self.id)
    }

    pub fn panel_id(&self) -> String {
        format!("{}-panel", self.id)
    }

    /// The id of the selected tab, which labels the panel.
    pub fn labelled_by(&self) -> Signal<String> {
        let set = *self;
        Signal::derive(move || set.tab_id(set.selected.get()))
    }
}

/// The tab a key moves to from tab `i` of `n`; `None` for keys the tabs do not use.
pub fn key_target(key: &str, i: usize, n: usize) -> Option<usize> {
    if n == 0 {
        return None;
    }
    let i = i.min(n - 1);
    match key {
        "ArrowRight" => Some((i + 1) % n),
        "ArrowLeft" => Some((i + n - 1) % n),
        "Home" => Some(0),
        "End" => Some(n - 1),
        _ => None,
    }
}

/// The label of the tab `key` ("Category" for a key that is none of `tabs`).
pub fn label_of(tabs: &[Tab], key: &str) -> &'static str {
    tabs.iter()
        .find(|(k, _)| *k == key)
        .map_or(crate::tr!(dim.category), |(_, l)| l())
}

/// The key of `tabs` named by a URL value, else the first tab (the default).
pub fn tab_of(tabs: &[Tab], value: Option<&str>) -> &'static str {
    let value = value.map(str::trim).unwrap_or_default();
    tabs.iter()
        .find(|(k, _)| *k == value)
        .or(tabs.first())
        .map_or("", |(k, _)| k)
}

fn focus(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

#[component]
pub fn Tabs(set: TabSet) -> impl IntoView {
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let current = set.selected.get_untracked();
        let i = set
            .tabs
            .iter()
            .position(|(k, _)| *k == current)
            .unwrap_or(0);
        let Some(next) = key_target(&ev.key(), i, set.tabs.len()) else {
            return;
        };
        ev.prevent_default();
        let key = set.tabs[next].0;
        set.on_select.run(key);
        focus(&set.tab_id(key));
    };
    let panel = set.panel_id();
    view! {
        <div class="pi-chart-tabs" role="tablist" aria-label=set.label on:keydown=on_key>
            {set
                .tabs
                .iter()
                .map(|&(key, label)| {
                    let on = move || set.selected.get() == key;
                    view! {
                        <button
                            type="button"
                            role="tab"
                            class="pi-chart-tabs__tab"
                            id=set.tab_id(key)
                            data-key=key
                            aria-selected=move || on().to_string()
                            aria-controls=panel.clone()
                            tabindex=move || if on() { "0" } else { "-1" }
                            on:click=move |_| set.on_select.run(key)
                        >
                            {label()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_wrap_and_home_end_jump() {
        assert_eq!(key_target("ArrowRight", 0, 4), Some(1));
        assert_eq!(key_target("ArrowRight", 3, 4), Some(0));
        assert_eq!(key_target("ArrowLeft", 0, 4), Some(3));
        assert_eq!(key_target("ArrowLeft", 2, 4), Some(1));
        assert_eq!(key_target("Home", 2, 4), Some(0));
        assert_eq!(key_target("End", 0, 4), Some(3));
        assert_eq!(key_target("Enter", 0, 4), None);
        assert_eq!(key_target("ArrowRight", 0, 0), None);
        // a stale index past the end is taken as the last tab
        assert_eq!(key_target("ArrowRight", 9, 4), Some(0));
    }

    #[test]
    fn url_values_pick_a_tab_or_the_first() {
        const T: &[Tab] = &[("a", || "A"), ("b", || "B")];
        assert_eq!(tab_of(T, Some("b")), "b");
        assert_eq!(tab_of(T, Some(" b ")), "b");
        assert_eq!(tab_of(T, Some("zz")), "a");
        assert_eq!(tab_of(T, None), "a");
        assert_eq!(tab_of(&[], Some("a")), "");
    }
}
