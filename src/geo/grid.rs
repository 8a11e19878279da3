//! The country grid: a row per country (the unknown-country row included), each metric with its
//! share of the total, a search box, every column sortable both ways. Rows are focusable: Enter
//! or Space (or a click) selects the country, the arrow keys move between rows.

use super::present::{self, Col, Metric};
use super::section::GeoData;
use crate::components::search::SearchField;
use crate::format;
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use worldmap::World;

/// Focuses the shown row before or after the one an event happened on (hidden rows are skipped,
/// see `GeoGrid`'s rows); false at either end of the list.
fn focus_sibling(ev: &web_sys::KeyboardEvent, next: bool) -> bool {
    let Some(row) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
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
    sibling
        .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| el.focus().is_ok())
}

/// Scrolls the grid's box (`wrap`) so that the row of `code` is in the middle of its view,
/// unless it is in view already (clear of the sticky header): whether it scrolled, or `None`
/// when that row is not rendered.
fn reveal(wrap: &web_sys::HtmlDivElement, code: &str) -> Option<bool> {
    let row = wrap
        .query_selector(&format!(r#"tr[data-country="{code}"]:not(.pi-hidden)"#))
        .ok()
        .flatten()?;
    let head = wrap
        .query_selector("thead")
        .ok()
        .flatten()
        .map_or(0.0, |h| h.get_bounding_client_rect().height());
    let (box_, r) = (
        wrap.get_bounding_client_rect(),
        row.get_bounding_client_rect(),
    );
    if r.top() >= box_.top() + head - 1.0 && r.bottom() <= box_.bottom() + 1.0 {
        return Some(false);
    }
    let view = box_.height() - head;
    let by = r.top() - (box_.top() + head) - (view - r.height()) / 2.0;
    let before = wrap.scroll_top();
    wrap.set_scroll_top((f64::from(before) + by).max(0.0).round() as i32);
    Some(wrap.scroll_top() != before)
}

/// Scrolls the grid's box to where a country's row should be (see `reveal_soon`).
type Estimate = dyn Fn(&web_sys::HtmlDivElement, &str);

/// In the next frame (the rows for new data are in the document by then), scrolls the row of
/// `code` into the grid's view: to where it should be (`estimate`) when it is not rendered, then
/// exactly once it is; and looks again for a few frames (the rows rendered there correct the
/// rows' measured height, and with it the padding above the row). `measure` renders the rows
/// for the new scroll position at once.
fn reveal_soon(
    wrap: web_sys::HtmlDivElement,
    code: String,
    tries: u8,
    estimate: Rc<Estimate>,
    measure: Rc<dyn Fn()>,
) {
    request_animation_frame(move || {
        match reveal(&wrap, &code) {
            Some(false) => {}
            Some(true) => measure(),
            None => {
                estimate(&wrap, &code);
                measure();
            }
        }
        if tries > 0 {
            reveal_soon(wrap, code, tries - 1, estimate, measure);
        }
    });
}

/// Rows rendered beyond the grid's view on either side, so that a scroll or an arrow key finds
/// the next rows there.
const OVERSCAN: usize = 4;

/// A row's height (CSS px) until the rows are measured: a count and its share on one line.
const ROW_HEIGHT: f64 = 33.0;

/// The rows to render, `start..end` of `n` in the current order, for a scroll position, the
/// view's height and a row's height (all CSS px). The first row is clamped so that a list
/// that shrank under a scroll position still renders its last rows (the browser clamps the
/// scroll position a moment later).
pub fn span(n: usize, scroll_top: f64, view: f64, row: f64) -> (usize, usize) {
    let row = if row.is_finite() && row >= 1.0 {
        row
    } else {
        ROW_HEIGHT
    };
    let fits = if view.is_finite() && view > 0.0 {
        (view / row).ceil() as usize + 1
    } else {
        1
    };
    let first = if scroll_top.is_finite() && scroll_top > 0.0 {
        (scroll_top / row) as usize
    } else {
        0
    };
    let first = first.min(n.saturating_sub(fits));
    (
        first.saturating_sub(OVERSCAN),
        (first + fits + OVERSCAN).min(n),
    )
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
                .collect::<HashMap<_, _>>()
        })
    });
    // Only the rows in the grid's scroll view are rendered, a few more on either side
    // (`span`), with the height of the others as padding above and below: a change of range
    // or filter then updates at most a view's worth of rows, however many countries the data
    // holds, and a filter that hides or shows every other country builds a view's worth. The
    // table states its whole size (`aria-rowcount`) and every row its place (`aria-rowindex`).
    let wrap = NodeRef::<leptos::html::Div>::new();
    let body = NodeRef::<leptos::html::Tbody>::new();
    let scroll_top = RwSignal::new(0.0_f64);
    let view_height = RwSignal::new(0.0_f64);
    let row_height = RwSignal::new(ROW_HEIGHT);
    let rendered = Memo::new(move |_| {
        span(
            order.with(Vec::len),
            scroll_top.get(),
            view_height.get(),
            row_height.get(),
        )
    });
    // the rows' mean height as rendered (a long name or the narrow grid's layout makes a row
    // taller); read when the grid's size changes or it scrolls, never in a report's task
    let measure = move || {
        let (Some(wrap), Some(body)) = (wrap.get_untracked(), body.get_untracked()) else {
            return;
        };
        let rows = body.children();
        let (mut sum, mut n) = (0.0, 0.0);
        for i in 0..rows.length() {
            // hidden rows (see `seen`) have no height
            if let Some(h) = rows
                .item(i)
                .map(|r| r.get_bounding_client_rect().height())
                .filter(|&h| h > 0.0)
            {
                sum += h;
                n += 1.0;
            }
        }
        let row = if n > 0.0 { sum / n } else { ROW_HEIGHT };
        if (row - row_height.get_untracked()).abs() > 0.5 {
            row_height.set(row);
        }
        // the view's height: the box's own, or the most it grows to (its CSS max-height), so a
        // grid of one row that is given forty renders a full view at once
        let most = web_sys::window()
            .and_then(|w| w.get_computed_style(&wrap).ok().flatten())
            .and_then(|st| st.get_property_value("max-height").ok())
            .and_then(|v| v.trim_end_matches("px").parse::<f64>().ok());
        let view = most.unwrap_or(0.0).max(f64::from(wrap.client_height()));
        if (view - view_height.get_untracked()).abs() > 0.5 {
            view_height.set(view);
        }
        let top = f64::from(wrap.scroll_top());
        if top != scroll_top.get_untracked() {
            scroll_top.set(top);
        }
    };
    let size = crate::charts::canvas::use_size(wrap);
    Effect::new(move |_| {
        size.track();
        measure();
    });
    // set through the CSSOM (`style:`), which the page's content security policy allows
    let pad_top = move || format!("{}px", (rendered.get().0 as f64 * row_height.get()).round());
    let pad_bottom = move || {
        let n = order.with(Vec::len);
        let rest = n - rendered.get().1.min(n);
        format!("{}px", (rest as f64 * row_height.get()).round())
    };
    let window_rows = Memo::new(move |_| {
        let on_map =
            |code: &str| world.with(|w| w.as_ref().is_none_or(|w| w.country(code).is_some()));
        let (start, end) = rendered.get();
        order.with(|o| {
            data.with(|d| {
                o.get(start..end)
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|&i| {
                        Some((d.rows.get(i)?.country.clone(), d.names.get(i)?.clone()))
                    })
                    .map(|(code, name)| {
                        let off_map = code.as_deref().is_some_and(|c| !on_map(c));
                        (code, name, off_map)
                    })
                    .collect::<Vec<Row>>()
            })
        })
    });
    // the countries rendered now
    let shown = Memo::new(move |_| {
        window_rows.with(|w| w.iter().map(|r| r.0.clone()).collect::<HashSet<_>>())
    });
    // each country's place in the order (for `aria-rowindex`; the header row is the first)
    let place = Memo::new(move |_| {
        order.with(|o| {
            data.with(|d| {
                o.iter()
                    .enumerate()
                    .filter_map(|(k, &i)| Some((d.rows.get(i)?.country.clone(), k + 2)))
                    .collect::<HashMap<_, _>>()
            })
        })
    });
    // Every row rendered since the grid was made, in the current order; those out of the view
    // are hidden (not removed), so that a filter switched off again, or a scroll back, shows
    // them without building them anew, and a scroll never moves a row in the document (a moved
    // row would lose the keyboard's focus). Rows of countries not in the data now go last.
    let seen = StoredValue::new(Vec::<Row>::new());
    let rows = move || {
        let now = window_rows.get();
        seen.update_value(|s| {
            for r in &now {
                match s.iter_mut().find(|x| x.0 == r.0) {
                    Some(x) if x != r => *x = r.clone(),
                    Some(_) => {}
                    None => s.push(r.clone()),
                }
            }
            place.with(|p| s.sort_by_key(|r| p.get(&r.0).copied().unwrap_or(usize::MAX)));
        });
        seen.get_value()
    };

    // The arrow keys move the focus a row down or up. The rows a few beyond the view are
    // rendered, and focusing one scrolls it into view; the rows for that scroll position are
    // rendered at once (not at the scroll event, a frame later), so the next key finds its row
    // however fast keys come.
    let step_focus = move |ev: &web_sys::KeyboardEvent, next: bool| {
        if focus_sibling(ev, next) {
            measure();
        }
    };

    // A country selected on the map (or in a shared link) is scrolled into the grid's view,
    // unless it is in view already (a row clicked). Only a new selection, or the first data,
    // scrolls: a new range or filter leaves the partner's scroll position alone.
    let loaded = Memo::new(move |_| place.with(|p| !p.is_empty()));
    Effect::new(move |_| {
        let (Some(code), true) = (selected.get(), loaded.get()) else {
            return;
        };
        let Some(wrap) = wrap.get_untracked() else {
            return;
        };
        // to where the row should be, by the rows' measured height
        let estimate = move |wrap: &web_sys::HtmlDivElement, code: &str| {
            let Some(k) = place.with_untracked(|p| p.get(&Some(code.to_string())).copied()) else {
                return;
            };
            let h = row_height.get_untracked();
            let view = f64::from(wrap.client_height());
            wrap.set_scroll_top(((k - 1) as f64 * h - (view - h) / 2.0).max(0.0) as i32);
        };
        reveal_soon(wrap, code, 4, Rc::new(estimate), Rc::new(measure));
    });

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
            <div
                class="pi-table-wrap pi-geo__tablewrap"
                node_ref=wrap
                on:scroll=move |_| measure()
            >
                <table
                    class="pi-table pi-geo__table"
                    id="geo-table"
                    role="table"
                    aria-rowcount=move || order.with(Vec::len) + 1
                >
                    <caption class="pi-sr">
                        {crate::tr!(geo.caption)}
                    </caption>
                    <thead role="rowgroup">
                        <tr role="row" aria-rowindex="1">{Col::ALL.into_iter().map(header).collect_view()}</tr>
                    </thead>
                    <tbody
                        role="rowgroup"
                        node_ref=body
                        style:padding-top=pad_top
                        style:padding-bottom=pad_bottom
                    >
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
                                        step_focus(&ev, true);
                                    }
                                    "ArrowUp" => {
                                        ev.prevent_default();
                                        step_focus(&ev, false);
                                    }
                                    _ => {}
                                };
                                let unknown = code.is_none();
                                let index = {
                                    let code = code.clone();
                                    move || place.with(|p| p.get(&code).copied())
                                };
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
                                        aria-rowindex=index
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

#[cfg(test)]
mod tests {
    use super::{span, OVERSCAN};

    #[test]
    fn the_top_of_a_long_list_renders_a_view_and_the_rows_after_it() {
        // 368 px of 33 px rows: 12 rows fit (one more for a partly shown row at either end)
        assert_eq!(span(200, 0.0, 368.0, 33.0), (0, 12 + 1 + OVERSCAN));
    }

    #[test]
    fn a_scrolled_list_renders_rows_on_either_side_of_its_view() {
        // the first row in view is the 30th (990 / 33)
        assert_eq!(
            span(200, 990.0, 368.0, 33.0),
            (30 - OVERSCAN, 30 + 13 + OVERSCAN)
        );
        assert_eq!(
            span(200, 1000.0, 368.0, 33.0),
            (30 - OVERSCAN, 30 + 13 + OVERSCAN)
        );
    }

    #[test]
    fn the_end_of_a_list_renders_its_last_rows() {
        let n = 41;
        let bottom = (n as f64) * 33.0 - 368.0;
        let (start, end) = span(n, bottom, 368.0, 33.0);
        assert_eq!(end, n);
        assert!(start <= n - 12 - OVERSCAN);
    }

    #[test]
    fn a_list_that_shrank_under_its_scroll_position_still_renders_its_rows() {
        // scrolled far down a list of 200, then filtered to 3: the browser clamps the scroll a
        // moment later, the rows are rendered before it does
        assert_eq!(span(3, 5000.0, 368.0, 33.0), (0, 3));
        assert_eq!(span(0, 5000.0, 368.0, 33.0), (0, 0));
        // 20 rows of which 13 fit: the last 13 and the overscan above them
        assert_eq!(span(20, 5000.0, 368.0, 33.0), (7 - OVERSCAN, 20));
    }

    #[test]
    fn unmeasured_or_odd_sizes_render_a_sensible_span() {
        // not measured yet (no view): the first row and the overscan
        assert_eq!(span(50, 0.0, 0.0, 33.0), (0, 1 + OVERSCAN));
        // a row of no height or a NaN is taken as the default height
        assert_eq!(span(50, 0.0, 368.0, 0.0), span(50, 0.0, 368.0, 33.0));
        assert_eq!(span(50, f64::NAN, f64::NAN, f64::NAN), (0, 1 + OVERSCAN));
        assert_eq!(span(50, -40.0, 368.0, 33.0), span(50, 0.0, 368.0, 33.0));
    }
}
