//! The "above 100%" flag: a disclosure (keyboard reachable) listing the documented causes.

use crate::adoption::present::OVER_100_CAUSES;
use leptos::prelude::*;

#[component]
pub fn Over100Flag() -> impl IntoView {
    // Inside clickable rows: opening the explanation must not open the row.
    let stop = |e: leptos::ev::MouseEvent| e.stop_propagation();
    let stop_key = |e: leptos::ev::KeyboardEvent| e.stop_propagation();
    view! {
        <details class="pi-flag" on:click=stop on:keydown=stop_key>
            <summary class="pi-flag__badge" title="Above 100%: why this can happen">
                <span aria-hidden="true">"▲ "</span>
                "over 100%"
            </summary>
            <div class="pi-flag__body" role="note">
                <p>"A figure above 100% is real data, not an error. Partner Center reports it when:"</p>
                <ul>{OVER_100_CAUSES.iter().map(|c| view! { <li>{*c}</li> }).collect_view()}</ul>
            </div>
        </details>
    }
}
