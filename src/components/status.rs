//! Loading and error states.

use leptos::prelude::*;

#[component]
pub fn LoadingCard() -> impl IntoView {
    view! {
        <section class="pi-status" aria-busy="true" aria-live="polite">
            <div class="pi-kpis">
                {(0..5).map(|_| view! { <div class="pi-card pi-kpi pi-skeleton" aria-hidden="true"></div> }).collect_view()}
            </div>
            <p class="pi-status__text">"Loading data…"</p>
        </section>
    }
}

#[component]
pub fn ErrorCard(message: String) -> impl IntoView {
    view! {
        <section class="pi-card pi-error" role="alert">
            <h2 class="pi-error__title">"The data could not be loaded"</h2>
            <p class="pi-error__message">{message}</p>
            <p class="pi-error__hint">
                "Check that the file exists next to this page and that the page is served over HTTP (not opened as a local file), then reload."
            </p>
        </section>
    }
}
