//! The portfolio: deployment and usage KPIs with their counts, usage by workload and deployment
//! by product.

use crate::adoption::bars::PctBars;
use crate::adoption::flag::Over100Flag;
use crate::adoption::present;
use crate::format;
use leptos::prelude::*;
use metrics::report::Portfolio as P;

#[component]
fn AdoptionKpi(
    label: &'static str,
    testid: &'static str,
    #[prop(into)] value: Signal<Option<f64>>,
    #[prop(into)] counts: Signal<String>,
    #[prop(into)] note: Signal<String>,
) -> impl IntoView {
    view! {
        <article class="pi-card pi-akpi" data-testid=testid>
            <h3 class="pi-akpi__label">{label}</h3>
            <p class="pi-akpi__value" data-testid="kpi-value">{move || present::pct(value.get())}</p>
            {move || value.get().is_some_and(|v| v > 100.0).then(|| view! { <Over100Flag /> })}
            <p class="pi-akpi__counts" data-testid="kpi-counts">{counts}</p>
            <p class="pi-akpi__note">{note}</p>
            <span class="pi-akpi__track" aria-hidden="true">
                <span
                    class="pi-akpi__fill"
                    style:width=move || format!("{:.2}%", present::bar_width(value.get()))
                ></span>
            </span>
        </article>
    }
}

#[component]
pub fn Portfolio(
    #[prop(into)] portfolio: Signal<Option<P>>,
    #[prop(into)] month: Signal<String>,
) -> impl IntoView {
    let get = move |f: fn(&P) -> String| {
        move || portfolio.with(|p| p.as_ref().map(f).unwrap_or_default())
    };
    let dep = Signal::derive(move || portfolio.with(|p| p.as_ref().and_then(|p| p.deployment_pct)));
    let usage = Signal::derive(move || portfolio.with(|p| p.as_ref().and_then(|p| p.usage_pct)));
    let workloads = Signal::derive(move || {
        portfolio.with(|p| {
            p.as_ref()
                .map(|p| present::workload_bars(&p.by_workload))
                .unwrap_or_default()
        })
    });
    let products = Signal::derive(move || {
        portfolio.with(|p| {
            p.as_ref()
                .map(|p| present::product_bars(&p.by_product))
                .unwrap_or_default()
        })
    });
    view! {
        <section class="pi-adoption__portfolio" data-testid="section-adoption" aria-labelledby="adoption-portfolio-title">
            <h2 class="pi-sr" id="adoption-portfolio-title">{crate::tr!(adoption.portfolio)}</h2>
            <div class="pi-adoption__kpis">
                <AdoptionKpi
                    label=crate::tr!(adoption.col_deployment)
                    testid="adoption-deployment"
                    value=dep
                    counts=Signal::derive(get(|p| crate::tr!(adoption.licences_assigned, n = format::count(p.assigned), of = format::count(p.sold)).to_string()))
                    note=Signal::derive(move || crate::tr!(adoption.dep_note, month = month.get()).to_string())
                />
                <AdoptionKpi
                    label=crate::tr!(adoption.col_usage)
                    testid="adoption-usage"
                    value=usage
                    counts=Signal::derive(get(|p| crate::tr!(adoption.users_active, n = format::count(p.active), of = format::count(p.entitled)).to_string()))
                    note=Signal::derive(move || crate::tr!(adoption.usage_note, month = month.get()).to_string())
                />
            </div>
            <div class="pi-adoption__charts">
                <PctBars
                    title=crate::tr!(adoption.by_workload)
                    sub=crate::tr!(adoption.by_workload_sub)
                    testid="adoption-by-workload"
                    bars=workloads
                />
                <PctBars
                    title=crate::tr!(adoption.by_product)
                    sub=crate::tr!(adoption.by_product_sub)
                    testid="adoption-by-product"
                    bars=products
                />
            </div>
        </section>
    }
}
