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
                    // a row per product, kept while the product is listed: a new report changes
                    // its count and bar, not the row
                    <For
                        each=move || bars.with(|b| b.iter().map(|b| b.key.clone()).collect::<Vec<_>>())
                        key=|k| k.clone()
                        let:key
                    >
                        {
                            let bar = {
                                let key = key.clone();
                                Memo::new(move |_| bars.with(|b| b.iter().find(|b| b.key == key).cloned()))
                            };
                            view! {
                                <li class="pi-bars__row">
                                    <span class="pi-bars__label">{key}</span>
                                    <span class="pi-bars__track" aria-hidden="true">
                                        <span
                                            class="pi-bars__fill"
                                            style:width=move || bar.with(|b| format!("{:.2}%", b.as_ref().map_or(0.0, |b| b.width_pct)))
                                        ></span>
                                    </span>
                                    <span class="pi-bars__count">{move || bar.with(|b| b.as_ref().map(|b| b.count_text.clone()).unwrap_or_default())}</span>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
        </section>
    }
}
