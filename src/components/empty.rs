//! The empty state: when the filters or the range leave no customer, a section says what
//! emptied it and offers the way back (clear the filters, or reset the range). One component
//! for every section: the summary uses it directly, chart sections through
//! [`ChartFrame`](crate::charts::frame::ChartFrame)'s `report` prop.

use crate::components::filter_bar::apply_filters;
use crate::filters::{empty_message, is_empty, EmptyAction};
use crate::state::Dashboard;
use crate::url;
use leptos::prelude::*;
use metrics::{Filters, Report};
use std::sync::Arc;

/// Whether `report` is loaded and holds no customer in its range (reactive).
pub fn emptied(report: Signal<Option<Arc<Report>>>) -> Memo<bool> {
    Memo::new(move |_| report.with(|r| r.as_deref().is_some_and(is_empty)))
}

/// The empty-state message and its button; renders nothing while the report has customers.
#[component]
pub fn EmptyState(#[prop(into)] report: Signal<Option<Arc<Report>>>) -> impl IntoView {
    let Some(dash) = use_context::<Dashboard>() else {
        return ().into_any();
    };
    let message = Memo::new(move |_| {
        report.with(|r| {
            r.as_deref()
                .filter(|r| is_empty(r))
                .map(|r| dash.filters.with(|f| empty_message(f, r.range)))
        })
    });
    let act = move |a: EmptyAction| match a {
        EmptyAction::ClearFilters => apply_filters(dash, Filters::new()),
        EmptyAction::ResetRange => {
            url::write_many(&[("from", None), ("to", None)]);
            dash.from.set(None);
            dash.to.set(None);
        }
    };
    view! {
        {move || {
            message
                .get()
                .map(|(text, action)| {
                    view! {
                        <div class="pi-empty-state" role="status">
                            <p class="pi-empty-state__text">{text}</p>
                            <button
                                type="button"
                                class="pi-empty-state__action"
                                on:click=move |_| act(action)
                            >
                                {action.label()}
                            </button>
                        </div>
                    }
                })
        }}
    }
    .into_any()
}
