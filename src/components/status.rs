//! The loading state (the load failures are shown by `loading::view::NothingLoaded`).

use leptos::prelude::*;

#[component]
pub fn LoadingCard() -> impl IntoView {
    view! {
        <section class="pi-status" aria-busy="true" aria-live="polite">
            <div class="pi-kpis">
                {(0..5).map(|_| view! { <div class="pi-card pi-kpi pi-skeleton" aria-hidden="true"></div> }).collect_view()}
            </div>
            <p class="pi-status__text">{move || crate::tr!(load.loading)}</p>
        </section>
    }
}
