//! The "above 100%" flag: a disclosure (keyboard reachable) listing the documented causes.

use crate::adoption::present::over_100_causes;
use leptos::prelude::*;

#[component]
pub fn Over100Flag() -> impl IntoView {
    // Inside clickable rows: opening the explanation must not open the row.
    let stop = |e: leptos::ev::MouseEvent| e.stop_propagation();
    let stop_key = |e: leptos::ev::KeyboardEvent| e.stop_propagation();
    let pct = crate::format::whole_pct(100);
    view! {
        <details class="pi-flag" on:click=stop on:keydown=stop_key>
            <summary class="pi-flag__badge" title=crate::tr!(flag.title, pct = &pct).to_string()>
                <span aria-hidden="true">"▲ "</span>
                {crate::tr!(flag.over, pct = &pct).to_string()}
            </summary>
            <div class="pi-flag__body" role="note">
                <p>{crate::tr!(flag.text, pct = &pct).to_string()}</p>
                <ul>{over_100_causes().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
            </div>
        </details>
    }
}
