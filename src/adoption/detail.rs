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
            {bar("pi-pbars__fill", "This customer", this)}
            {bar("pi-pbars__fill pi-pbars__fill--ref", "Portfolio", portfolio)}
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
        None => view! { <p class="pi-muted">"No usage data in the loaded files."</p> }.into_any(),
        Some((month, _, None)) => view! {
            <h2 class="pi-card__title">"Customer not found"</h2>
            <p class="pi-muted">{format!("No usage data for this customer in {}.", format::month(month))}</p>
        }.into_any(),
        Some((month, p, Some(c))) => view! {
            <header class="pi-card__head">
                <h2 class="pi-card__title" id="adoption-detail-title" data-testid="adoption-detail-name">{c.name.clone()}</h2>
                <p class="pi-card__sub">{format!("{} · customer id {}", format::month(month), c.id)}</p>
            </header>
            <div class="pi-detail__grid">
                <Compare label="Deployment" this=c.deployment_pct portfolio=p.deployment_pct
                    counts=format!("{} of {} licences assigned", format::count(c.assigned), format::count(c.sold)) />
                <Compare label="Usage" this=c.usage_pct portfolio=p.usage_pct
                    counts=format!("{} of {} entitled users active", format::count(c.active), format::count(c.entitled)) />
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
                "Close"
            </button>
            {body}
        </section>
    }
}
