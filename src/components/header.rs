//! The page header: product name, the data's as-of date and the view tabs.

use crate::format;
use crate::locale::LangSwitch;
use crate::state::View;
use crate::theme::ThemeSwitch;
use chrono::NaiveDate;
use leptos::prelude::*;

#[component]
pub fn Header(
    #[prop(into)] as_of: Signal<Option<NaiveDate>>,
    #[prop(into)] files: Signal<Vec<String>>,
    #[prop(into)] view: Signal<View>,
    #[prop(into)] on_view: Callback<View>,
) -> impl IntoView {
    let tab = move |v: View| move || (view.get() == v).to_string();
    // the WAI-ARIA tabs pattern: one tab in the Tab order, arrow keys move and activate
    let tabindex = move |v: View| move || if view.get() == v { "0" } else { "-1" };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowLeft" => match view.get_untracked() {
                View::Customers => View::Adoption,
                View::Adoption => View::Customers,
            },
            "Home" => View::Customers,
            "End" => View::Adoption,
            _ => return,
        };
        ev.prevent_default();
        on_view.run(next);
        let id = match next {
            View::Customers => "tab-customers",
            View::Adoption => "tab-adoption",
        };
        if let Some(el) = document().get_element_by_id(id) {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    };
    let as_of_text = move || as_of.get().map_or("…".to_string(), format::date);
    let as_of_attr = move || as_of.get().map(|d| d.to_string());
    let sources = move || files.get().join(", ");
    view! {
        <header class="pi-header">
            <div class="pi-header__bar">
                <div class="pi-brand">
                    <svg class="pi-brand__mark" viewBox="0 0 32 32" aria-hidden="true">
                        <rect x="2" y="2" width="28" height="28" rx="7" />
                        <path d="M9 22V14M16 22V9M23 22V17" />
                    </svg>
                    <div class="pi-brand__text">
                        <span class="pi-brand__name">"Partner Insights"</span>
                        <span class="pi-brand__tag">{move || crate::tr!(header.tag)}</span>
                    </div>
                </div>
                <dl class="pi-header__meta">
                    <div>
                        <dt>{move || crate::tr!(header.as_of)}</dt>
                        <dd>
                            <time data-testid="data-as-of" datetime=as_of_attr>
                                {as_of_text}
                            </time>
                        </dd>
                    </div>
                    <div class="pi-header__files" class:pi-hidden=move || files.with(Vec::is_empty)>
                        <dt>{move || crate::tr!(header.source)}</dt>
                        <dd title=sources>{sources}</dd>
                    </div>
                </dl>
                <div class="pi-header__switches">
                    <LangSwitch />
                    <ThemeSwitch />
                </div>
            </div>
            <nav class="pi-tabs" role="tablist" aria-label=move || crate::tr!(header.views) on:keydown=on_key>
                <button
                    class="pi-tab"
                    role="tab"
                    id="tab-customers"
                    aria-selected=tab(View::Customers)
                    tabindex=tabindex(View::Customers)
                    aria-controls="main"
                    type="button"
                    on:click=move |_| on_view.run(View::Customers)
                >
                    {move || crate::tr!(header.customers)}
                </button>
                <button
                    class="pi-tab"
                    role="tab"
                    id="tab-adoption"
                    aria-selected=tab(View::Adoption)
                    tabindex=tabindex(View::Adoption)
                    aria-controls="main"
                    type="button"
                    on:click=move |_| on_view.run(View::Adoption)
                >
                    {move || crate::tr!(header.adoption)}
                </button>
            </nav>
        </header>
    }
}
