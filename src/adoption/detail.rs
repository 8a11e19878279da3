//! One customer (`customer=` in the URL): deployment and usage beside the portfolio's, its
//! products and workloads, and its history.

use crate::adoption::detail_tables::{ProductsTable, WorkloadsTable};
use crate::adoption::flag::Over100Flag;
use crate::adoption::history::History;
use crate::adoption::present;
use crate::engine::Engine;
use crate::format;
use leptos::prelude::*;
use metrics::Report;
use std::sync::Arc;

#[component]
fn Compare(
    label: &'static str,
    this: Option<f64>,
    portfolio: Option<f64>,
    counts: String,
) -> impl IntoView {
    let bar = |cls: &'static str, who: &'static str, p: Option<f64>| {
        view! {
            <div class="pi-compare__row">
                <span class="pi-compare__who">{who}</span>
                <span class="pi-pbars__track" aria-hidden="true">
                    <span class=cls style:width=format!("{:.2}%", present::bar_width(p))></span>
                </span>
                <span class="pi-compare__value">{present::pct(p)}</span>
            </div>
        }
    };
    view! {
        <div class="pi-compare">
            <h3 class="pi-compare__label">
                {label}
                {this.is_some_and(|p| p > 100.0).then(|| view! { <Over100Flag /> })}
            </h3>
            <p class="pi-compare__counts">{counts}</p>
            {bar("pi-pbars__fill", crate::tr!(adoption.this_customer), this)}
            {bar("pi-pbars__fill pi-pbars__fill--ref", crate::tr!(adoption.portfolio), portfolio)}
        </div>
    }
}

#[component]
pub fn CustomerDetail(
    #[prop(into)] report: Signal<Option<Arc<Report>>>,
    id: String,
    engine: StoredValue<Engine, LocalStorage>,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    let found = report.with_untracked(|r| {
        r.as_ref().and_then(|r| r.adoption.as_ref()).map(|a| {
            (
                a.month,
                a.portfolio.clone(),
                a.customers.iter().find(|c| c.id == id).cloned(),
            )
        })
    });
    let close = move |_| on_close.run(());
    let body = match found {
        None => view! { <p class="pi-muted">{crate::tr!(adoption.no_usage_files)}</p> }.into_any(),
        Some((month, _, None)) => view! {
            <h2 class="pi-card__title">{crate::tr!(adoption.not_found)}</h2>
            <p class="pi-muted">{crate::tr!(adoption.no_usage_customer, month = format::month(month)).to_string()}</p>
        }.into_any(),
        Some((month, p, Some(c))) => view! {
            <header class="pi-card__head">
                <h2 class="pi-card__title" id="adoption-detail-title" data-testid="adoption-detail-name">{c.name.clone()}</h2>
                <p class="pi-card__sub">{crate::tr!(adoption.detail_sub, month = format::month(month), id = &c.id).to_string()}</p>
            </header>
            <div class="pi-detail__grid">
                <Compare label=crate::tr!(adoption.col_deployment) this=c.deployment_pct portfolio=p.deployment_pct
                    counts=crate::tr!(adoption.licences_assigned, n = format::count(c.assigned), of = format::count(c.sold)).to_string() />
                <Compare label=crate::tr!(adoption.col_usage) this=c.usage_pct portfolio=p.usage_pct
                    counts=crate::tr!(adoption.users_active, n = format::count(c.active), of = format::count(c.entitled)).to_string() />
                <History engine=engine.get_value() id=c.id.clone() month=month />
            </div>
            <div class="pi-detail__tables">
                <ProductsTable products=c.products.clone() />
                <WorkloadsTable workloads=c.workloads.clone() />
            </div>
        }.into_any(),
    };
    view! {
        <section class="pi-card pi-detail" data-testid="adoption-detail" aria-labelledby="adoption-detail-title">
            <button type="button" class="pi-button pi-button--quiet pi-detail__close" on:click=close>
                {crate::tr!(adoption.close)}
            </button>
            {body}
        </section>
    }
}
