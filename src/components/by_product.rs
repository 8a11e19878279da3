//! Customers by product: a labelled HTML bar list with counts.

use crate::present::Bar;
use leptos::prelude::*;

#[component]
pub fn ByProduct(
    #[prop(into)] bars: Signal<Vec<Bar>>,
    #[prop(into)] month: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <section class="pi-card pi-products" data-testid="kpi-by-product" aria-labelledby="by-product-title">
            <header class="pi-card__head">
                <h2 class="pi-card__title" id="by-product-title">"Customers by product"</h2>
                <p class="pi-card__sub">
                    {move || month.get().map(|m| format!("Active in {m}"))}
                    " · a customer with several products counts under each"
                </p>
            </header>
            <Show
                when=move || bars.with(|b| !b.is_empty())
                fallback=|| view! { <p class="pi-muted">"No product is active in this month."</p> }
            >
                <ul class="pi-bars">
                    <For
                        each=move || bars.get()
                        key=|b| (b.key.clone(), b.count, (b.width_pct * 100.0) as i64)
                        let:bar
                    >
                        <li class="pi-bars__row">
                            <span class="pi-bars__label">{bar.key.clone()}</span>
                            <span class="pi-bars__track" aria-hidden="true">
                                <span class="pi-bars__fill" style:width=format!("{:.2}%", bar.width_pct)></span>
                            </span>
                            <span class="pi-bars__count">{bar.count_text.clone()}</span>
                        </li>
                    </For>
                </ul>
            </Show>
        </section>
    }
}
