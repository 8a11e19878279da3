//! A two-handle month range slider bound to the page range (the same state as the `range-from`
//! / `range-to` selects). Each handle is a `role="slider"` operable with the arrow keys, Page
//! Up/Down (a year), Home and End; the handles cannot cross. Dragging works with any pointer.

use crate::format;
use leptos::html;
use leptos::prelude::*;
use metrics::report::Span;
use metrics::Month;

/// The month a key moves a handle to, within `lo..=hi` (the other handle bounds it); `None` for
/// keys the slider does not use.
pub fn key_step(key: &str, v: i32, lo: i32, hi: i32) -> Option<i32> {
    let next = match key {
        "ArrowLeft" | "ArrowDown" => v - 1,
        "ArrowRight" | "ArrowUp" => v + 1,
        "PageDown" => v - 12,
        "PageUp" => v + 12,
        "Home" => lo,
        "End" => hi,
        _ => return None,
    };
    Some(next.clamp(lo, hi.max(lo)))
}

/// The month under a pointer at fraction `f` (0 = left end) of a track over `timeline`.
pub fn month_at(timeline: Span, f: f64) -> i32 {
    let n = (timeline.to.0 - timeline.from.0).max(0);
    let f = if f.is_finite() {
        f.clamp(0.0, 1.0)
    } else {
        0.0
    };
    timeline.from.0 + (f * f64::from(n)).round() as i32
}

/// Where month `m` sits on the track, in percent.
pub fn position(timeline: Span, m: Month) -> f64 {
    let n = timeline.to.0 - timeline.from.0;
    if n <= 0 {
        return 0.0;
    }
    f64::from((m.0 - timeline.from.0).clamp(0, n)) * 100.0 / f64::from(n)
}

#[component]
pub fn RangeSlider(
    #[prop(into)] timeline: Signal<Option<Span>>,
    #[prop(into)] range: Signal<Option<Span>>,
    on_change: Callback<(Month, Month)>,
    /// The prefix of the handles' `data-testid`s (`{prefix}-from`, `{prefix}-to`); a second
    /// slider on the page takes its own.
    #[prop(optional)]
    testid: Option<&'static str>,
) -> impl IntoView {
    let testid = testid.unwrap_or("range-slider");
    let track = NodeRef::<html::Div>::new();
    let dragging = RwSignal::new(None::<bool>);
    // moves one end, bounded by the other: the handles never cross
    let set = move |is_from: bool, v: i32| {
        let (Some(r), Some(_)) = (range.get_untracked(), timeline.get_untracked()) else {
            return;
        };
        let (a, b) = if is_from {
            (Month(v.min(r.to.0)), r.to)
        } else {
            (r.from, Month(v.max(r.from.0)))
        };
        if (a, b) != (r.from, r.to) {
            on_change.run((a, b));
        }
    };
    let pointer_month = move |x: f64| {
        let t = timeline.get_untracked()?;
        let rect = track.get_untracked()?.get_bounding_client_rect();
        Some(month_at(t, (x - rect.left()) / rect.width().max(1.0)))
    };
    let handle = move |is_from: bool| {
        let value = move || range.get().map(|r| if is_from { r.from } else { r.to });
        let bounds = move || {
            let (t, r) = (timeline.get()?, range.get()?);
            Some(if is_from {
                (t.from.0, r.to.0)
            } else {
                (r.from.0, t.to.0)
            })
        };
        view! {
            <div
                class="pi-slider__handle"
                class:pi-slider__handle--active=move || dragging.get() == Some(is_from)
                role="slider"
                tabindex="0"
                data-testid=format!("{testid}-{}", if is_from { "from" } else { "to" })
                aria-label=if is_from { crate::tr!(range.start) } else { crate::tr!(range.end) }
                aria-valuemin=move || bounds().map(|b| b.0)
                aria-valuemax=move || bounds().map(|b| b.1)
                aria-valuenow=move || value().map(|m| m.0)
                aria-valuetext=move || value().map(format::month)
                style:left=move || {
                    match (timeline.get(), value()) {
                        (Some(t), Some(m)) => format!("{:.3}%", position(t, m)),
                        _ => "0%".to_string(),
                    }
                }
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    let (Some(v), Some((lo, hi))) = (value(), bounds()) else { return };
                    if let Some(next) = key_step(&ev.key(), v.0, lo, hi) {
                        ev.prevent_default();
                        set(is_from, next);
                    }
                }
                on:pointerdown=move |ev: leptos::ev::PointerEvent| {
                    use wasm_bindgen::JsCast;
                    if let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                        let _ = el.set_pointer_capture(ev.pointer_id());
                    }
                    ev.prevent_default();
                    dragging.set(Some(is_from));
                }
                on:pointermove=move |ev: leptos::ev::PointerEvent| {
                    if dragging.get_untracked() == Some(is_from) {
                        if let Some(m) = pointer_month(f64::from(ev.client_x())) {
                            set(is_from, m);
                        }
                    }
                }
                on:pointerup=move |_| dragging.set(None)
                on:pointercancel=move |_| dragging.set(None)
            >
                <span class="pi-slider__label" aria-hidden="true">
                    {move || value().map(crate::charts::canvas::month_tick)}
                </span>
            </div>
        }
    };
    // set as style properties (CSSOM), never as a style attribute: the page's CSP has no
    // 'unsafe-inline' for styles
    let span = move || match (timeline.get(), range.get()) {
        (Some(t), Some(r)) => {
            let (a, b) = (position(t, r.from), position(t, r.to));
            (format!("{a:.3}%"), format!("{:.3}%", b - a))
        }
        _ => ("0%".to_string(), "0%".to_string()),
    };
    view! {
        <div class="pi-slider" role="group" aria-label="Zoom the date range">
            <span class="pi-slider__end" aria-hidden="true">
                {move || timeline.get().map(|t| format::month(t.from))}
            </span>
            <div class="pi-slider__track" node_ref=track>
                <div class="pi-slider__fill" style:left=move || span().0 style:width=move || span().1></div>
                {handle(true)}
                {handle(false)}
            </div>
            <span class="pi-slider__end" aria-hidden="true">
                {move || timeline.get().map(|t| format::month(t.to))}
            </span>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_move_within_the_bounds() {
        assert_eq!(key_step("ArrowLeft", 10, 0, 20), Some(9));
        assert_eq!(key_step("ArrowUp", 10, 0, 20), Some(11));
        assert_eq!(key_step("ArrowRight", 20, 0, 20), Some(20));
        assert_eq!(key_step("PageDown", 5, 0, 20), Some(0));
        assert_eq!(key_step("Home", 5, 3, 20), Some(3));
        assert_eq!(key_step("End", 5, 3, 20), Some(20));
        assert_eq!(key_step("a", 5, 3, 20), None);
    }

    #[test]
    fn pointer_fractions_map_to_months() {
        let t = Span {
            from: Month::new(2025, 1),
            to: Month::new(2025, 11),
        };
        assert_eq!(month_at(t, 0.0), t.from.0);
        assert_eq!(month_at(t, 1.2), t.to.0);
        assert_eq!(month_at(t, 0.5), Month::new(2025, 6).0);
        assert_eq!(position(t, Month::new(2025, 6)), 50.0);
        assert_eq!(position(t, t.to), 100.0);
    }
}
