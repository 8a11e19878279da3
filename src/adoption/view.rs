//! The adoption view: title and export, portfolio, the open customer, opportunities and the
//! customers table.

use crate::adoption::customers::CustomersTable;
use crate::adoption::detail::CustomerDetail;
use crate::adoption::export::ExportCsv;
use crate::adoption::opportunities::Opportunities;
use crate::adoption::portfolio::Portfolio;
use crate::engine::Engine;
use crate::format;
use leptos::prelude::*;
use metrics::Report;
use std::sync::Arc;

#[component]
pub fn AdoptionView(
    #[prop(into)] report: Signal<Option<Arc<Report>>>,
    engine: StoredValue<Engine, LocalStorage>,
) -> impl IntoView {
    // The open customer is the URL's `customer`: opening one pushes a history entry, so the
    // browser's Back closes the detail.
    let customer = crate::url::use_param("customer");
    let open = Callback::new(move |id: String| {
        if customer.get_untracked().as_deref() != Some(id.as_str()) {
            crate::url::push("customer", &id);
        }
        if let Some(el) = document().get_element_by_id("adoption-detail-anchor") {
            el.scroll_into_view();
        }
    });
    let close = Callback::new(move |()| crate::url::write("customer", None));
    let has = Memo::new(move |_| report.with(|r| r.as_ref().map(|r| r.adoption.is_some())));
    let month = Signal::derive(move || {
        report.with(|r| {
            r.as_ref()
                .and_then(|r| r.adoption.as_ref())
                .map(|a| format::month(a.month))
                .unwrap_or_default()
        })
    });
    let portfolio = Signal::derive(move || {
        report.with(|r| {
            r.as_ref()
                .and_then(|r| r.adoption.as_ref())
                .map(|a| a.portfolio.clone())
        })
    });
    view! {
        <div class="pi-adoption" role="tabpanel" aria-labelledby="tab-adoption">
            <header class="pi-adoption__top">
                <div>
                    <h1 class="pi-adoption__title">{crate::tr!(adoption.title)}</h1>
                    <p class="pi-card__sub" data-testid="adoption-month">
                        {move || crate::tr!(adoption.month, month = month.get()).to_string()}
                    </p>
                </div>
                <ExportCsv report=report />
            </header>
            {move || match has.get() {
                None => view! { <div class="pi-card pi-skeleton-card">{crate::tr!(adoption.computing)}</div> }.into_any(),
                Some(false) => view! {
                    <div class="pi-card pi-empty">
                        <h2>{crate::tr!(adoption.no_usage)}</h2>
                        <p>{crate::tr!(adoption.no_usage_text)}</p>
                    </div>
                }.into_any(),
                Some(true) => {
                    view! {
                        <Portfolio portfolio=portfolio month=month />
                        <div id="adoption-detail-anchor"></div>
                        {move || customer.get().map(|id| {
                            report.track();
                            view! { <CustomerDetail report=report id=id engine=engine on_close=close /> }
                        })}
                        <Opportunities report=report on_open=open />
                        <CustomersTable report=report on_open=open />
                    }.into_any()
                }
            }}
        </div>
    }
}
