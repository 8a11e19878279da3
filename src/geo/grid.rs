//! The country grid: a row per country (the unknown-country row included), each metric with its
//! share of the total, a search box, every column sortable both ways. Rows are focusable: Enter
//! or Space (or a click) selects the country, the arrow keys move between rows.

use super::present::{self, Col, Metric};
use super::section::GeoData;
use crate::components::search::SearchField;
use crate::format;
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use worldmap::World;

/// Focuses the shown row before or after the one an event happened on (hidden rows are
/// skipped, see `GeoGrid`'s rows).
fn focus_sibling(ev: &web_sys::KeyboardEvent, next: bool) {
    let Some(row) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let step = |e: &web_sys::Element| {
        if next {
            e.next_element_sibling()
        } else {
            e.previous_element_sibling()
        }
    };
    let mut sibling = step(&row);
    while let Some(s) = sibling
        .as_ref()
        .filter(|s| s.class_list().contains("pi-hidden"))
    {
        sibling = step(s);
    }
    if let Some(el) = sibling.and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// A row of the grid: the country's code (`None`: not known), its name, not drawn on the map.
type Row = (Option<String>, String, bool);

#[component]
pub fn GeoGrid(
    #[prop(into)] data: Signal<GeoData>,
    #[prop(into)] world: Signal<Option<Arc<World>>>,
    #[prop(into)] selected: Signal<Option<String>>,
    on_select: Callback<String>,
) -> impl IntoView {
    let search = RwSignal::new(String::new());
    let sort = RwSignal::new((Col::Metric(Metric::Customers), false));
    let order = Memo::new(move |_| {
        let (col, asc) = sort.get();
        search.with(|s| data.with(|d| present::select(&d.rows, &d.names, s, col, asc)))
    });
    let count_text = move || {
        let shown = order.with(Vec::len);
        let total = data.with(|d| d.rows.len());
        let noun = if total == 1 {
            crate::tr!(geo.country)
        } else {
            crate::tr!(geo.countries)
        };
        let (shown_n, total_n) = (format::count(shown as i64), format::count(total as i64));
        if shown == total {
            crate::tr!(geo.count, total = total_n, noun).to_string()
        } else {
            crate::tr!(geo.count_match, shown = shown_n, total = total_n, noun).to_string()
        }
    };
    let header = move |col: Col| {
        let aria = move || match sort.get() {
            (c, true) if c == col => "ascending",
            (c, false) if c == col => "descending",
            _ => "none",
        };
        let click = move |_| {
            sort.update(|s| {
                *s = if s.0 == col {
                    (col, !s.1)
                } else {
                    (col, col == Col::Country)
                }
            });
        };
        let num = col != Col::Country;
        view! {
            <th scope="col" role="columnheader" aria-sort=aria class:pi-num=num>
                <button type="button" class="pi-sort" on:click=click>
                    {col.label()}
                    <span class="pi-sort__icon" aria-hidden="true">
                        {move || match aria() {
                            "ascending" => "▲",
                            "descending" => "▼",
                            _ => "↕",
                        }}
                    </span>
                </button>
            </th>
        }
    };
    // Rows are keyed by country: a new range or filter changes only the numbers' text nodes
    // (the cells read them from `by_code`), never the rows themselves, which keeps the page's
    // style and layout work small when every section redraws. The table's parts carry their
    // roles explicitly: the stylesheet lays its rows out as CSS grids (style/geo.css), which
    // some browsers take as leaving the table.
    let by_code = Memo::new(move |_| {
        data.with(|d| {
            d.rows
                .iter()
                .map(|r| (r.country.clone(), r.clone()))
                .collect::<std::collections::HashMap<_, _>>()
        })
    });
    let shown_rows = move || {
        let on_map =
            |code: &str| world.with(|w| w.as_ref().is_none_or(|w| w.country(code).is_some()));
        order.with(|o| {
            data.with(|d| {
                o.iter()
                    .filter_map(|&i| {
                        Some((d.rows.get(i)?.country.clone(), d.names.get(i)?.clone()))
                    })
                    .map(|(code, name)| {
                        let off_map = code.as_deref().is_some_and(|c| !on_map(c));
                        (code, name, off_map)
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    // The countries shown now (by the report and the search).
    let shown = Memo::new(move |_| {
        order.with(|o| {
            data.with(|d| {
                o.iter()
                    .filter_map(|&i| Some(d.rows.get(i)?.country.clone()))
                    .collect::<HashSet<_>>()
            })
        })
    });
    // Every row shown since the grid was made: the shown ones in order, then the others hidden
    // (not removed), so that a filter or a search switched off shows them again without
    // building ~200 rows (a filter change then costs what a range change costs).
    let seen = StoredValue::new(Vec::<Row>::new());
    let rows = move || {
        let now = shown_rows();
        seen.update_value(|s| {
            let codes: HashSet<&Option<String>> = now.iter().map(|r| &r.0).collect();
            let hidden: Vec<Row> = s
                .iter()
                .filter(|r| !codes.contains(&r.0))
                .cloned()
                .collect();
            *s = now.iter().cloned().chain(hidden).collect();
        });
        seen.get_value()
    };

    view! {
        <div class="pi-geo__grid">
            <div class="pi-geo__gridhead">
                <SearchField
                    label=crate::tr!(geo.search)
                    hint=crate::tr!(geo.search_hint)
                    testid="geo-search"
                    controls="geo-table"
                    value=search
                    on_input=Callback::new(move |v| search.set(v))
                />
                <span class="pi-geo__count pi-muted" aria-live="polite">{count_text}</span>
            </div>
            <div class="pi-table-wrap pi-geo__tablewrap">
                <table class="pi-table pi-geo__table" id="geo-table" role="table">
                    <caption class="pi-sr">
                        {crate::tr!(geo.caption)}
                    </caption>
                    <thead role="rowgroup">
                        <tr role="row">{Col::ALL.into_iter().map(header).collect_view()}</tr>
                    </thead>
                    <tbody role="rowgroup">
                        <For
                            each=rows
                            key=|(code, name, off)| (code.clone(), name.clone(), *off)
                            let:item
                        >
                            {
                                let (code, name, off_map) = item;
                                let on = {
                                    let code = code.clone();
                                    move || shown.with(|s| s.contains(&code))
                                };
                                let off = on.clone();
                                let is_sel = {
                                    let code = code.clone();
                                    move || code.is_some() && selected.with(|s| *s == code)
                                };
                                let pick = {
                                    let code = code.clone();
                                    move || {
                                        if let Some(c) = code.clone() {
                                            on_select.run(c);
                                        }
                                    }
                                };
                                let pick2 = pick.clone();
                                let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
                                    "Enter" | " " => {
                                        ev.prevent_default();
                                        pick2();
                                    }
                                    "ArrowDown" => {
                                        ev.prevent_default();
                                        focus_sibling(&ev, true);
                                    }
                                    "ArrowUp" => {
                                        ev.prevent_default();
                                        focus_sibling(&ev, false);
                                    }
                                    _ => {}
                                };
                                let unknown = code.is_none();
                                // one memo per row for its three metrics; a hidden row keeps
                                // its text (and costs nothing) until it is shown again
                                let texts = {
                                    let code = code.clone();
                                    let on = on.clone();
                                    Memo::new(move |prev: Option<&[(String, String); 3]>| {
                                        if let Some(p) = prev.filter(|_| !on()) {
                                            return p.clone();
                                        }
                                        by_code.with(|rows| {
                                            rows.get(&code)
                                                .map(|r| Metric::ALL.map(|m| present::cell(m, r)))
                                                .unwrap_or_default()
                                        })
                                    })
                                };
                                let cells = Metric::ALL
                                    .into_iter()
                                    .enumerate()
                                    .map(|(k, m)| {
                                        view! {
                                            <td class="pi-num" role="cell" data-metric=m.key()>
                                                <span class="pi-geo__n">{move || texts.with(|c| c[k].0.clone())}</span>
                                                <span class="pi-geo__pct">{move || texts.with(|c| c[k].1.clone())}</span>
                                            </td>
                                        }
                                    })
                                    .collect_view();
                                view! {
                                    <tr
                                        role="row"
                                        data-testid=move || on().then_some("geo-row")
                                        data-country=code.clone().unwrap_or_default()
                                        class="pi-row pi-geo__row"
                                        class:pi-hidden=move || !off()
                                        class:pi-geo__row--selected=is_sel.clone()
                                        class:pi-geo__row--unknown=unknown
                                        tabindex="0"
                                        aria-current=move || is_sel().then_some("true")
                                        title=unknown.then_some(crate::tr!(geo.unknown_title))
                                        on:click=move |_| pick()
                                        on:keydown=on_key
                                    >
                                        <th scope="row" role="rowheader">
                                            <span class="pi-geo__name">{name}</span>
                                            {off_map.then(|| view! { <span class="pi-geo__tag">{crate::tr!(geo.not_on_map)}</span> })}
                                        </th>
                                        {cells}
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
        </div>
    }
}
