//! A horizontal percentage bar chart in HTML: label, bar (100% = full track), value and counts
//! as text (the text is the chart's alternative), with the above-100% flag.

use crate::adoption::flag::Over100Flag;
use crate::adoption::present::{self, PctBar};
use leptos::prelude::*;

#[component]
pub fn PctBars(
    title: &'static str,
    sub: &'static str,
    testid: &'static str,
    #[prop(into)] bars: Signal<Vec<PctBar>>,
) -> impl IntoView {
    let title_id = format!("{testid}-title");
    view! {
        <section class="pi-card pi-pbars" data-testid=testid aria-labelledby=format!("{testid}-title")>
            <header class="pi-card__head">
                <h3 class="pi-card__title" id=title_id>{title}</h3>
                <p class="pi-card__sub">{sub}</p>
            </header>
            <Show
                when=move || bars.with(|b| !b.is_empty())
                fallback=|| view! { <p class="pi-muted">{crate::tr!(adoption.nothing)}</p> }
            >
                <ul class="pi-pbars__list">
                    <For
                        each=move || bars.get()
                        key=|b| (b.key.clone(), b.detail.clone())
                        let:bar
                    >
                        <li class="pi-pbars__row" class:pi-pbars__row--over=bar.over_100>
                            <span class="pi-pbars__label">{bar.key.clone()}</span>
                            <span class="pi-pbars__track" aria-hidden="true">
                                <span
                                    class="pi-pbars__fill"
                                    style:width=format!("{:.2}%", present::bar_width(bar.pct))
                                ></span>
                            </span>
                            <span class="pi-pbars__value">{present::pct(bar.pct)}</span>
                            <span class="pi-pbars__detail">{bar.detail.clone()}</span>
                            {bar.over_100.then(|| view! { <Over100Flag /> })}
                        </li>
                    </For>
                </ul>
            </Show>
        </section>
    }
}
