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
                "Your data never leaves your browser: files are read and computed on this page, nothing is uploaded."
            </p>
            <p class="pi-footer__fine">
                "Every number can be reproduced with the "<code>"insights report"</code>" command line."
            </p>
        </footer>
    }
}
