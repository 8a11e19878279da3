//! A section that follows the page's report at once while it is on screen, and catches up when
//! the browser is idle while it is off screen.
//!
//! Every section renders from the report. After a range or filter change, the sections the
//! partner can see (any part of them in the viewport) redraw in the task that received the
//! report, and so in the next frame; a section out of view takes the new report in a task of its
//! own once that frame is painted (`requestIdleCallback`, at the latest after [`CATCH_UP_MS`]; in
//! practice a few frames after the change), or when it comes into view if that is sooner, or
//! before printing. So the frame after a change carries only the work of what it shows, and a
//! section is never left behind for longer than that.

use crate::charts::canvas::use_in_view;
use leptos::html;
use leptos::prelude::*;
use metrics::Report;
use std::sync::Arc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// At the latest this long after a change, a section off screen shows the new report.
const CATCH_UP_MS: u32 = 200;

type Shared = Option<Arc<Report>>;

/// Wraps one section: `children` gets the report it renders.
#[component]
pub fn Deferred<F, V>(report: Signal<Shared>, children: F) -> impl IntoView
where
    F: FnOnce(Signal<Shared>) -> V,
    V: IntoView,
{
    let node = NodeRef::<html::Div>::new();
    // the viewport itself: a section takes the report in the frame only when the partner sees
    // some of it; one just below the fold has caught up long before it can be scrolled to
    let shown = follow_when_seen(report, use_in_view(node, "0px"));
    view! { <div class="pi-deferred" node_ref=node>{children(shown)}</div> }
}

/// The report a section renders: `report` itself while `visible`; while not, the report it
/// last showed, replaced by the newest one in an idle task.
fn follow_when_seen(report: Signal<Shared>, visible: ReadSignal<bool>) -> Signal<Shared> {
    let shown = RwSignal::new(report.get_untracked());
    // one idle request at a time: it reads the newest report when it runs
    let pending = StoredValue::new(false);
    // `try_`: an idle task may run after the section was removed (a new load, a view switch)
    let catch_up = move || {
        let Some(next) = report.try_get_untracked() else {
            return;
        };
        if shown.try_with_untracked(|s| !same(s, &next)) == Some(true) {
            shown.set(next);
        }
    };
    Effect::new(move |_| {
        let on = visible.get();
        report.track();
        if on {
            catch_up();
            return;
        }
        let current = report.with_untracked(|r| shown.with_untracked(|s| same(s, r)));
        if current || pending.get_value() {
            return;
        }
        let run = Closure::once_into_js(move || {
            pending.try_set_value(false);
            catch_up();
        });
        let f: &js_sys::Function = run.unchecked_ref();
        let by = web_sys::IdleRequestOptions::new();
        by.set_timeout(CATCH_UP_MS);
        let asked = web_sys::window().is_some_and(|w| {
            w.request_idle_callback_with_options(f, &by).is_ok()
                || w.set_timeout_with_callback_and_timeout_and_arguments_0(f, 50)
                    .is_ok()
        });
        if asked {
            pending.set_value(true);
        } else {
            catch_up();
        }
    });
    shown.into()
}

/// The same report (or none): reports are compared by identity, never by value.
fn same(a: &Shared, b: &Shared) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}
