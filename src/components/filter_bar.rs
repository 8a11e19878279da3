//! The page-level filter bar: one multi-select per dimension (a button opening a searchable
//! listbox, WAI-ARIA combobox pattern), the active filters as removable chips, and "Clear
//! filters". The options and their customer counts come from the engine
//! ([`Engine::filter_options`]); every section follows because they all render the report of
//! [`Dashboard::query`].

use crate::engine::Engine;
use crate::filters::{
    chip_action, chip_label, chips, dim_label, dim_plural, is_selected, option_matches, toggled,
    value_label,
};
use crate::format;
use crate::state::Dashboard;
use crate::url;
use leptos::prelude::*;
use metrics::{Dim, FilterOption, Filters};
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// At most this many options are listed at once; the search box narrows the rest.
const MAX_SHOWN: usize = 200;

/// The options of the open menu's dimension.
type Options = (Dim, Arc<Vec<FilterOption>>);

/// Sets the page filters and writes them into the address bar.
pub fn apply_filters(dash: Dashboard, filters: Filters) {
    url::write_filters(&filters);
    dash.filters.set(filters);
}

#[component]
pub fn FilterBar(
    engine: StoredValue<Engine, LocalStorage>,
    /// The load generation (`None` before data is loaded).
    #[prop(into)]
    generation: Signal<Option<u32>>,
) -> impl IntoView {
    let Some(dash) = use_context::<Dashboard>() else {
        return ().into_any();
    };
    let open = RwSignal::new(None::<Dim>);
    // The open menu and the filters of the other dimensions: a menu's counts do not depend on
    // its own dimension's filter, so picking its values does not ask the engine again (the
    // list stays as it is, nothing moves under the pointer). Opening asks with every filter,
    // so that a chosen value missing from the data is listed too.
    let menu = Memo::new(move |_| {
        open.get().map(|dim| {
            let others = dash.filters.with(|f| {
                f.iter()
                    .filter(|(d, _)| **d != dim)
                    .map(|(d, v)| (*d, v.clone()))
                    .collect::<Filters>()
            });
            (dim, others)
        })
    });
    // only the open menu's options are computed (none while every menu is closed)
    let options = LocalResource::new(move || {
        let generation = generation.get();
        let dim = menu.with(|m| m.as_ref().map(|(d, _)| *d));
        let filters = dash.filters.get_untracked();
        let engine = engine.get_value();
        async move {
            match (generation, dim) {
                (Some(_), Some(dim)) => engine.filter_options(filters, dim).await.map(|o| (dim, o)),
                _ => None,
            }
        }
    });
    // keep the last options while new ones are computed, so the menu does not flicker
    let last = RwSignal::new(None::<Options>);
    Effect::new(move |_| {
        if let Some(Some(o)) = options.get() {
            last.set(Some(o));
        }
    });
    let active = Memo::new(move |_| chips(&dash.filters.get()));
    let bar = NodeRef::<leptos::html::Section>::new();
    // a removed chip takes the focus with it: hand it to the first chip left, else the first menu
    let refocus = move || {
        request_animation_frame(move || {
            let Some(bar) = bar.get_untracked() else {
                return;
            };
            let target = bar
                .query_selector(".pi-chip")
                .ok()
                .flatten()
                .or_else(|| bar.query_selector(".pi-filter__button").ok().flatten());
            if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
        });
    };

    view! {
        <section class="pi-card pi-filters" aria-label=crate::tr!(filters.label) node_ref=bar>
            <div class="pi-filters__menus">
                <span class="pi-filters__title" aria-hidden="true">{crate::tr!(filters.label)}</span>
                {Dim::ALL
                    .into_iter()
                    .map(|dim| view! { <FilterMenu dim=dim options=last open=open /> })
                    .collect_view()}
            </div>
            // The row is always there, saying so when no filter is set: a first filter (or the
            // last one removed) must not move the whole page below the bar, which made the
            // browser lay out, paint and rasterise again everything in view, however far down
            // the partner had scrolled (BENCHMARKS.md, session 10).
            <div class="pi-filters__active">
                <Show
                    when=move || active.with(|a| !a.is_empty())
                    fallback=|| view! { <p class="pi-filters__none">{crate::tr!(filters.none)}</p> }
                >
                    <ul class="pi-chips" aria-label=crate::tr!(filters.active)>
                        <For
                            each=move || active.get()
                            key=|(d, v)| (*d, v.clone())
                            children=move |(d, v)| {
                                let label = chip_label(d, &v);
                                let action = chip_action(d, &v);
                                view! {
                                    <li>
                                        <button
                                            type="button"
                                            class="pi-chip"
                                            aria-label=action
                                            title=crate::tr!(filters.remove_this)
                                            on:click=move |_| {
                                                let next = toggled(&dash.filters.get_untracked(), d, &v);
                                                apply_filters(dash, next);
                                                refocus();
                                            }
                                        >
                                            <span>{label}</span>
                                            <span class="pi-chip__x" aria-hidden="true">"×"</span>
                                        </button>
                                    </li>
                                }
                            }
                        />
                    </ul>
                    <button
                        type="button"
                        class="pi-filters__clear"
                        on:click=move |_| {
                            apply_filters(dash, Filters::new());
                            refocus();
                        }
                    >
                        {crate::tr!(filters.clear)}
                    </button>
                </Show>
            </div>
        </section>
    }
    .into_any()
}

/// One dimension's multi-select.
#[component]
fn FilterMenu(
    dim: Dim,
    options: RwSignal<Option<Options>>,
    open: RwSignal<Option<Dim>>,
) -> impl IntoView {
    let Some(dash) = use_context::<Dashboard>() else {
        return ().into_any();
    };
    let name = dim.as_str();
    let list_id = format!("pi-filter-{name}-list");
    let button = NodeRef::<leptos::html::Button>::new();
    let input = NodeRef::<leptos::html::Input>::new();
    let root = NodeRef::<leptos::html::Div>::new();
    let search = RwSignal::new(String::new());
    let cursor = RwSignal::new(0usize);
    let is_open = Memo::new(move |_| open.get() == Some(dim));
    let selected = Memo::new(move |_| dash.filters.with(|f| f.get(&dim).map_or(0, Vec::len)));
    let mine = move |o: &Option<Options>| {
        o.as_ref()
            .filter(|(d, _)| *d == dim)
            .map(|(_, v)| v.clone())
    };
    let shown = Memo::new(move |_| {
        let s = search.get();
        options.with(|o| {
            mine(o)
                .map(|v| {
                    v.iter()
                        .filter(|o| option_matches(dim, o, &s))
                        .take(MAX_SHOWN)
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let total = Memo::new(move |_| options.with(|o| mine(o).map(|v| v.len())));
    // the option under the cursor: moving it re-runs two options, not every one
    let at_cursor = StoredValue::new(Selector::new(move || cursor.get()));

    let close = move |focus_button: bool| {
        open.set(None);
        if focus_button {
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    let toggle_open = move || {
        if is_open.get_untracked() {
            close(false);
        } else {
            search.set(String::new());
            cursor.set(0);
            open.set(Some(dim));
            request_animation_frame(move || {
                if let Some(i) = input.get_untracked() {
                    let _ = i.focus();
                }
            });
        }
    };
    let pick = move |value: String| {
        let next = toggled(&dash.filters.get_untracked(), dim, &value);
        apply_filters(dash, next);
    };
    let option_id = move |i: usize| format!("pi-filter-{name}-opt-{i}");

    // a pointer press outside the open menu closes it
    let handle = window_event_listener(leptos::ev::pointerdown, move |ev| {
        if !is_open.get_untracked() {
            return;
        }
        let inside = match (root.get_untracked(), ev.target()) {
            (Some(r), Some(t)) => t
                .dyn_ref::<web_sys::Node>()
                .is_some_and(|n| r.contains(Some(n))),
            _ => false,
        };
        if !inside {
            close(false);
        }
    });
    on_cleanup(move || handle.remove());

    let on_input_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = shown.with(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                if n > 0 {
                    cursor.update(|c| *c = (*c + 1).min(n - 1));
                }
            }
            "ArrowUp" => {
                ev.prevent_default();
                cursor.update(|c| *c = c.saturating_sub(1));
            }
            "PageDown" => {
                ev.prevent_default();
                if n > 0 {
                    cursor.update(|c| *c = (*c + 10).min(n - 1));
                }
            }
            "PageUp" => {
                ev.prevent_default();
                cursor.update(|c| *c = c.saturating_sub(10));
            }
            "Enter" => {
                ev.prevent_default();
                let value = shown.with(|s| s.get(cursor.get_untracked()).map(|o| o.value.clone()));
                if let Some(v) = value {
                    pick(v);
                }
            }
            "Escape" => {
                ev.prevent_default();
                close(true);
            }
            "Tab" => close(false),
            _ => {}
        }
    };
    let on_button_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "ArrowDown" && !is_open.get_untracked() {
            ev.prevent_default();
            toggle_open();
        }
    };
    let label = dim_label(dim);
    let list_label = crate::tr!(filters.values, dim = label).to_string();
    let search_label = crate::tr!(filters.search, what = dim_plural(dim)).to_string();

    view! {
        <div class="pi-filter" node_ref=root class=("pi-filter--on", move || selected.get() > 0)>
            <button
                type="button"
                class="pi-filter__button"
                node_ref=button
                aria-haspopup="listbox"
                aria-expanded=move || is_open.get().to_string()
                aria-controls=list_id.clone()
                on:click=move |_| toggle_open()
                on:keydown=on_button_key
            >
                <span>{label}</span>
                <Show when=move || selected.get() != 0>
                    <span class="pi-filter__count">
                        {move || selected.get()}
                        <span class="pi-sr">{crate::tr!(filters.selected)}</span>
                    </span>
                </Show>
                <span class="pi-filter__caret" aria-hidden="true">"▾"</span>
            </button>
            <Show when=move || is_open.get()>
                <div class="pi-filter__popup">
                    <input
                        type="search"
                        class="pi-filter__search"
                        node_ref=input
                        role="combobox"
                        aria-label=search_label.clone()
                        aria-expanded="true"
                        aria-autocomplete="list"
                        aria-controls=list_id.clone()
                        aria-activedescendant=move || {
                            (shown.with(Vec::len) > 0).then(|| option_id(cursor.get()))
                        }
                        autocomplete="off"
                        prop:value=move || search.get()
                        on:input=move |ev| {
                            search.set(event_target_value(&ev));
                            cursor.set(0);
                        }
                        on:keydown=on_input_key
                    />
                    <ul
                        class="pi-filter__list"
                        id=list_id.clone()
                        role="listbox"
                        aria-multiselectable="true"
                        aria-label=list_label.clone()
                    >
                        // built again only when the listed options change (a search, new
                        // counts); a pick or the cursor changes one attribute of an option,
                        // and nothing else runs per option: each has its own `on` signal, set
                        // by one effect for the list, and the cursor is a selector
                        {move || {
                            let list = shown.get();
                            let values: Vec<String> = list.iter().map(|o| o.value.clone()).collect();
                            let marks: Vec<RwSignal<bool>> = dash.filters.with_untracked(|f| {
                                values.iter().map(|v| RwSignal::new(is_selected(f, dim, v))).collect()
                            });
                            {
                                let marks = marks.clone();
                                Effect::new(move |_| {
                                    dash.filters.with(|f| {
                                        for (v, m) in values.iter().zip(&marks) {
                                            let on = is_selected(f, dim, v);
                                            if m.get_untracked() != on {
                                                m.set(on);
                                            }
                                        }
                                    })
                                });
                            }
                            list.into_iter()
                                .enumerate()
                                .map(|(i, o)| {
                                    let on = marks[i];
                                    let text = value_label(dim, &o.value);
                                    let code = (dim == Dim::Country && text != o.value)
                                        .then(|| o.value.clone());
                                    let value = o.value.clone();
                                    view! {
                                        <li
                                            id=option_id(i)
                                            role="option"
                                            class="pi-filter__option"
                                            class=("pi-filter__option--cursor", move || at_cursor.with_value(|c| c.selected(&i)))
                                            aria-selected=move || on.get().to_string()
                                            on:mousedown=|ev| ev.prevent_default()
                                            on:mousemove=move |_| {
                                                if cursor.get_untracked() != i {
                                                    cursor.set(i);
                                                }
                                            }
                                            on:click=move |_| pick(value.clone())
                                        >
                                            <span class="pi-filter__check" aria-hidden="true">
                                                {move || if on.get() { "✓" } else { "" }}
                                            </span>
                                            <span class="pi-filter__value">
                                                {text}
                                                {code.map(|c| view! { <span class="pi-muted">" " {c}</span> })}
                                            </span>
                                            <span class="pi-filter__n">
                                                {format::count(o.customers as i64)}
                                                <span class="pi-sr">{crate::tr!(filters.customers)}</span>
                                            </span>
                                        </li>
                                    }
                                })
                                .collect_view()
                        }}
                    </ul>
                    <p class="pi-filter__note pi-muted" aria-live="polite">
                        {move || {
                            let n = shown.with(Vec::len);
                            let Some(all) = total.get() else {
                                return crate::tr!(filters.counting).to_string();
                            };
                            if all == 0 {
                                crate::tr!(filters.no_values).to_string()
                            } else if n == 0 {
                                crate::tr!(filters.no_match_search).to_string()
                            } else if n < all {
                                let (n, all) = (format::count(n as i64), format::count(all as i64));
                                crate::tr!(filters.some_values, n, all).to_string()
                            } else {
                                let all = format::count(all as i64);
                                crate::tr!(filters.all_values, all).to_string()
                            }
                        }}
                    </p>
                </div>
            </Show>
        </div>
    }
    .into_any()
}
