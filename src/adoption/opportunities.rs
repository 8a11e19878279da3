//! Opportunities: customers below the thresholds (adjustable here; the engine recomputes),
//! ranked by the engine, each with its reasons and what to do.

use crate::adoption::present;
use crate::format;
use crate::state::Dashboard;
use leptos::prelude::*;
use metrics::Report;
use std::sync::Arc;

#[component]
fn Threshold(label: &'static str, value: RwSignal<f64>) -> impl IntoView {
    view! {
        <label class="pi-field pi-threshold">
            <span class="pi-field__label">{label}</span>
            <input
                class="pi-input"
                type="number"
                min="0"
                max="1000"
                step="1"
                prop:value=move || value.get().to_string()
                on:change=move |e| {
                    if let Ok(v) = event_target_value(&e).trim().parse::<f64>() {
                        if v.is_finite() && v >= 0.0 {
                            value.set(v);
                        }
                    }
                }
            />
        </label>
    }
}

#[component]
pub fn Opportunities(
    #[prop(into)] report: Signal<Option<Arc<Report>>>,
    #[prop(into)] on_open: Callback<String>,
) -> impl IntoView {
    let dash = expect_context::<Dashboard>();
    let shown = RwSignal::new(10usize);
    let all = move || {
        report.with(|r| {
            r.as_ref()
                .and_then(|r| r.adoption.as_ref())
                .map_or(0, |a| a.opportunities.len())
        })
    };
    let rows = move || {
        report.with(|r| {
            r.as_ref()
                .and_then(|r| r.adoption.as_ref())
                .map(|a| {
                    a.opportunities
                        .iter()
                        .take(shown.get())
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <section class="pi-card pi-opps" aria-labelledby="opps-title">
            <header class="pi-card__head pi-adoption__head">
                <div>
                    <h2 class="pi-card__title" id="opps-title">{crate::tr!(adoption.opps_title)}</h2>
                    <p class="pi-card__sub" data-testid="opportunities-count">
                        {move || crate::tr!(adoption.opps_sub, n = format::count(all() as i64)).to_string()}
                    </p>
                </div>
                <div class="pi-thresholds">
                    <Threshold label=crate::tr!(adoption.deployment_below) value=dash.deployment_threshold />
                    <Threshold label=crate::tr!(adoption.usage_below) value=dash.usage_threshold />
                </div>
            </header>
            <ol class="pi-opps__list">
                <For each=rows key=|o| (o.id.clone(), o.unassigned, o.inactive, o.reasons.clone()) let:o>
                    {
                        let id = o.id.clone();
                        view! {
                            <li class="pi-opp" data-testid="opportunity-row">
                                <div class="pi-opp__who">
                                    <button type="button" class="pi-link" on:click=move |_| on_open.run(id.clone())>{o.name.clone()}</button>
                                    <span class="pi-opp__pcts">
                                        {crate::tr!(adoption.opp_pcts, deployment = present::pct(o.deployment_pct), usage = present::pct(o.usage_pct)).to_string()}
                                    </span>
                                </div>
                                <div class="pi-opp__gap">
                                    <strong>{format::count(o.unassigned)}</strong>
                                    <span>{crate::tr!(adoption.unassigned)}</span>
                                </div>
                                <div class="pi-opp__gap">
                                    <strong>{format::count(o.inactive)}</strong>
                                    <span>{crate::tr!(adoption.inactive)}</span>
                                </div>
                                <ul class="pi-opp__why">
                                    {o.reasons.iter().map(|r| view! {
                                        <li>
                                            <span class=format!("pi-reason pi-reason--{r}")>{present::reason(r)}</span>
                                            " "
                                            <span class="pi-opp__action">{present::action(r)}</span>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </li>
                        }
                    }
                </For>
            </ol>
            <Show when=move || shown.get() < all()>
                <button type="button" class="pi-button pi-button--quiet pi-opps__more" on:click=move |_| shown.update(|n| *n += 20)>
                    {move || crate::tr!(adoption.show_more, n = format::count((all() - shown.get().min(all())) as i64)).to_string()}
                </button>
            </Show>
        </section>
    }
}
