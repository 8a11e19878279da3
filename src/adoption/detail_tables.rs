//! A customer's products (deployment) and workloads (usage) as two small tables.

use crate::adoption::flag::Over100Flag;
use crate::adoption::present;
use crate::format;
use leptos::prelude::*;
use metrics::report::{ProductDeployment, WorkloadUsage};

#[component]
pub fn ProductsTable(products: Vec<ProductDeployment>) -> impl IntoView {
    view! {
        <table class="pi-table pi-table--compact" data-testid="adoption-detail-products">
            <caption>{crate::tr!(adoption.products_caption)}</caption>
            <thead><tr>
                <th scope="col">{crate::tr!(dim.product)}</th>
                <th scope="col" class="pi-num">{crate::tr!(adoption.col_sold)}</th>
                <th scope="col" class="pi-num">{crate::tr!(adoption.col_assigned)}</th>
                <th scope="col" class="pi-num">{crate::tr!(adoption.col_deployment)}</th>
            </tr></thead>
            <tbody>
                {products.into_iter().map(|p| view! {
                    <tr>
                        <th scope="row">{p.key}{p.over_100.then(|| view! { <Over100Flag /> })}</th>
                        <td class="pi-num">{format::count(p.sold)}</td>
                        <td class="pi-num">{format::count(p.assigned)}</td>
                        <td class="pi-num">{present::pct(p.deployment_pct)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn WorkloadsTable(workloads: Vec<WorkloadUsage>) -> impl IntoView {
    view! {
        <table class="pi-table pi-table--compact" data-testid="adoption-detail-workloads">
            <caption>{crate::tr!(adoption.workloads_caption)}</caption>
            <thead><tr>
                <th scope="col">{crate::tr!(adoption.workload)}</th>
                <th scope="col" class="pi-num">{crate::tr!(adoption.col_active)}</th>
                <th scope="col" class="pi-num">{crate::tr!(adoption.col_entitled)}</th>
                <th scope="col" class="pi-num">{crate::tr!(adoption.col_usage)}</th>
            </tr></thead>
            <tbody>
                {workloads.into_iter().map(|w| view! {
                    <tr>
                        <th scope="row">{w.key}{w.over_100.then(|| view! { <Over100Flag /> })}</th>
                        <td class="pi-num">{format::count(w.active)}</td>
                        <td class="pi-num">{format::count(w.entitled)}</td>
                        <td class="pi-num">{present::pct(w.usage_pct)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
