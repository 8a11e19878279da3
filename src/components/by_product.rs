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
                <h2 class="pi-card__title" id="by-product-title">{move || crate::tr!(by_product.title)}</h2>
                <p class="pi-card__sub">
                    {move || month.get().map(|month| crate::tr!(by_product.active_in, month).to_string())}
                    {move || crate::tr!(by_product.note)}
                </p>
            </header>
            <Show
                when=move || bars.with(|b| !b.is_empty())
                fallback=|| view! { <p class="pi-muted">{crate::tr!(by_product.none)}</p> }
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
