//! One customer's deployment and usage over the months available: the engine is asked for the
//! report of each earlier month that has usage (through the engine handle, asynchronously).

use crate::adoption::present;
use crate::engine::Engine;
use crate::format;
use crate::state::Dashboard;
use leptos::prelude::*;
use metrics::{Month, Query};

/// At most this many months back.
const MONTHS: usize = 12;

#[derive(Clone, Debug, PartialEq)]
struct Point {
    month: Month,
    deployment: Option<f64>,
    usage: Option<f64>,
}

async fn history(engine: Engine, base: Query, id: String, mut to: Month) -> Vec<Point> {
    let mut out = Vec::new();
    for _ in 0..MONTHS {
        let q = Query {
            from: Some(to),
            to: Some(to),
            ..base.clone()
        };
        let Some(r) = engine.report(q).await else {
            break;
        };
        let Some(a) = r.adoption.as_ref() else { break };
        let c = a.customers.iter().find(|c| c.id == id);
        out.push(Point {
            month: a.month,
            deployment: c.and_then(|c| c.deployment_pct),
            usage: c.and_then(|c| c.usage_pct),
        });
        if a.month > to {
            break;
        }
        to = Month(a.month.0 - 1);
    }
    out.reverse();
    out
}

fn polyline(points: &[Point], f: fn(&Point) -> Option<f64>, top: f64) -> String {
    let n = points.len().max(2) - 1;
    points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            f(p).map(|v| {
                format!(
                    "{:.1},{:.1}",
                    4.0 + 312.0 * i as f64 / n as f64,
                    76.0 - 70.0 * v / top
                )
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[component]
pub fn History(engine: Engine, id: String, month: Month) -> impl IntoView {
    let dash = expect_context::<Dashboard>();
    let base = dash.query();
    let points =
        LocalResource::new(move || history(engine.clone(), base.clone(), id.clone(), month));
    view! {
        <section class="pi-history" data-testid="adoption-history">
            <h3 class="pi-history__title">{crate::tr!(history.title)}</h3>
            {move || match points.get() {
                None => view! { <p class="pi-muted">{crate::tr!(history.computing)}</p> }.into_any(),
                Some(p) if p.len() < 2 => view! { <p class="pi-muted">{crate::tr!(history.one_month)}</p> }.into_any(),
                Some(p) => {
                    let top = p.iter().flat_map(|x| [x.deployment, x.usage]).flatten().fold(100.0, f64::max);
                    let label = crate::tr!(history.label, period = format::month_span(p[0].month, p[p.len() - 1].month)).to_string();
                    view! {
                        <svg class="pi-history__chart" viewBox="0 0 320 90" role="img" aria-label=label>
                            <line class="pi-history__ref" x1="4" x2="316" y1=format!("{:.1}", 76.0 - 7000.0 / top) y2=format!("{:.1}", 76.0 - 7000.0 / top) />
                            <polyline class="pi-history__dep" points=polyline(&p, |x| x.deployment, top) />
                            <polyline class="pi-history__use" points=polyline(&p, |x| x.usage, top) />
                        </svg>
                        <p class="pi-history__legend">
                            <span class="pi-key pi-key--dep">{crate::tr!(adoption.col_deployment)}</span>
                            <span class="pi-key pi-key--use">{crate::tr!(adoption.col_usage)}</span>
                            <span class="pi-muted">{crate::tr!(history.dashed, pct = format::whole_pct(100)).to_string()}</span>
                        </p>
                        <details class="pi-history__table">
                            <summary>{crate::tr!(chart.view_table)}</summary>
                            <table class="pi-table pi-table--compact">
                                <thead><tr><th scope="col">{crate::tr!(chart.month)}</th><th scope="col" class="pi-num">{crate::tr!(adoption.col_deployment)}</th><th scope="col" class="pi-num">{crate::tr!(adoption.col_usage)}</th></tr></thead>
                                <tbody>
                                    {p.iter().map(|x| view! {
                                        <tr><th scope="row">{format::month(x.month)}</th><td class="pi-num">{present::pct(x.deployment)}</td><td class="pi-num">{present::pct(x.usage)}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </details>
                    }.into_any()
                }
            }}
        </section>
    }
}
