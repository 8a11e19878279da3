//! The footer: the privacy promise.

use leptos::prelude::*;

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="pi-footer">
            <p>
                <svg class="pi-footer__icon" viewBox="0 0 16 16" aria-hidden="true">
                    <path d="M4 7V5a4 4 0 0 1 8 0v2M3 7h10v7H3z" />
                </svg>
                {move || crate::tr!(footer.privacy)}
            </p>
            <p class="pi-footer__fine">
                {move || crate::tr!(footer.reproduce_before)}<code>"insights report"</code>{move || crate::tr!(footer.reproduce_after)}
            </p>
        </footer>
    }
}
