//! The customers table: sortable by every column both ways, searchable, paginated.

use crate::adoption::flag::Over100Flag;
use crate::adoption::present::{self, Col};
use crate::components::search::SearchField;
use crate::format;
use leptos::prelude::*;
use metrics::Report;
use std::sync::Arc;

const PAGE: usize = 25;

#[component]
pub fn CustomersTable(
    #[prop(into)] report: Signal<Option<Arc<Report>>>,
    #[prop(into)] on_open: Callback<String>,
) -> impl IntoView {
    let search = RwSignal::new(String::new());
    let sort = RwSignal::new((Col::Sold, false));
    let page = RwSignal::new(0usize);
    let order = Memo::new(move |_| {
        let (col, asc) = sort.get();
        search.with(|s| {
            report.with(|r| {
                r.as_ref()
                    .and_then(|r| r.adoption.as_ref())
                    .map(|a| present::select(&a.customers, s, col, asc))
                    .unwrap_or_default()
            })
        })
    });
    let total = move || order.with(Vec::len);
    let start = move || page.get().min(total().saturating_sub(1) / PAGE) * PAGE;
    let rows = move || {
        let s = start();
        order.with(|o| {
            report.with(|r| {
                let Some(a) = r.as_ref().and_then(|r| r.adoption.as_ref()) else {
                    return vec![];
                };
                o.iter()
                    .skip(s)
                    .take(PAGE)
                    .map(|&i| a.customers[i].clone())
                    .collect::<Vec<_>>()
            })
        })
    };
    let is_last = move || total() <= start() + PAGE;
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
                    (col, col == Col::Name)
                }
            });
            page.set(0);
        };
        let num = col != Col::Name;
        view! {
            <th scope="col" aria-sort=aria class:pi-num=num>
                <button type="button" class="pi-sort" on:click=click>
                    {col.label()}
                    <span class="pi-sort__icon" aria-hidden="true">
                        {move || match aria() { "ascending" => "▲", "descending" => "▼", _ => "↕" }}
                    </span>
                </button>
            </th>
        }
    };
    view! {
        <section class="pi-card pi-adoption__customers" aria-labelledby="adoption-customers-title">
            <header class="pi-card__head pi-adoption__head">
                <div>
                    <h2 class="pi-card__title" id="adoption-customers-title">{crate::tr!(adoption.customers_title)}</h2>
                    <p class="pi-card__sub">{crate::tr!(adoption.customers_sub)}</p>
                </div>
                <SearchField
                    label=crate::tr!(adoption.search)
                    hint=crate::tr!(adoption.search_hint)
                    testid="adoption-search"
                    value=search
                    on_input=Callback::new(move |v| {
                        search.set(v);
                        page.set(0);
                    })
                />
            </header>
            <div class="pi-table-wrap">
                <table class="pi-table">
                    <thead>
                        <tr>{Col::ALL.into_iter().map(header).collect_view()}</tr>
                    </thead>
                    <tbody>
                        <For each=rows key=|c| (c.id.clone(), c.sold, c.assigned, c.active, c.entitled) let:c>
                            {
                                let id = c.id.clone();
                                let id2 = c.id.clone();
                                view! {
                                    <tr
                                        data-testid="adoption-customer-row"
                                        class="pi-row"
                                        on:click=move |_| on_open.run(id.clone())
                                    >
                                        <th scope="row">
                                            <button type="button" class="pi-link" on:click=move |e| {
                                                e.stop_propagation();
                                                on_open.run(id2.clone());
                                            }>{c.name.clone()}</button>
                                            {c.over_100.then(|| view! { <Over100Flag /> })}
                                        </th>
                                        <td class="pi-num">{format::count(c.sold)}</td>
                                        <td class="pi-num">{format::count(c.assigned)}</td>
                                        <td class="pi-num" class:pi-over=c.deployment_pct.is_some_and(|p| p > 100.0)>{present::pct(c.deployment_pct)}</td>
                                        <td class="pi-num">{format::count(c.active)}</td>
                                        <td class="pi-num">{format::count(c.entitled)}</td>
                                        <td class="pi-num" class:pi-over=c.usage_pct.is_some_and(|p| p > 100.0)>{present::pct(c.usage_pct)}</td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
            <nav class="pi-pager" aria-label=crate::tr!(adoption.pages)>
                <button type="button" class="pi-button pi-button--quiet" disabled=move || start() == 0 on:click=move |_| page.set(start() / PAGE - 1)>{crate::tr!(adoption.previous)}</button>
                <span class="pi-pager__text" aria-live="polite" data-testid="adoption-customers-count">
                    {move || present::page_text(start(), rows().len(), total())}
                </span>
                <button type="button" class="pi-button pi-button--quiet" disabled=is_last on:click=move |_| page.set(start() / PAGE + 1)>{crate::tr!(adoption.next)}</button>
            </nav>
        </section>
    }
}
