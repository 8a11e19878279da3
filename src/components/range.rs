//! The date-range controls: two month selects (`range-from`, `range-to`) and quick presets.

use crate::format;
use crate::state::Dashboard;
use crate::url::parse_month;
use leptos::prelude::*;
use metrics::report::Span;
use metrics::Month;

/// The last `n` months of the timeline (all of it when shorter); `None` for the whole timeline.
pub fn preset(timeline: Span, n: Option<i32>) -> Span {
    match n {
        Some(n) => Span {
            from: Month((timeline.to.0 - n + 1).max(timeline.from.0)),
            to: timeline.to,
        },
        None => timeline,
    }
}

const PRESETS: [(&str, Option<i32>); 4] = [
    ("3M", Some(3)),
    ("6M", Some(6)),
    ("12M", Some(12)),
    ("All", None),
];

#[component]
pub fn RangeControls(
    #[prop(into)] timeline: Signal<Option<Span>>,
    #[prop(into)] range: Signal<Option<Span>>,
    #[prop(into)] on_change: Callback<(Month, Month)>,
) -> impl IntoView {
    let months = move || {
        timeline
            .get()
            .map(|t| format::months(t.from, t.to).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    let dash = use_context::<Dashboard>();
    let pick = move |is_from: bool, value: String| {
        // the other end is the one last asked for, not the shown report's: a second pick made
        // before the first one's report arrives must not undo the first
        let asked = dash.and_then(|d| {
            Some(Span {
                from: d.from.get_untracked()?,
                to: d.to.get_untracked()?,
            })
        });
        let (Some(m), Some(r)) = (parse_month(&value), asked.or_else(|| range.get_untracked()))
        else {
            return;
        };
        // the state orders the ends, so a reversed pick is swapped, never an error
        if is_from {
            on_change.run((m, r.to));
        } else {
            on_change.run((r.from, m));
        }
    };
    let select = move |is_from: bool| {
        // this select's month and the other end, each a memo: a change of one end re-runs only
        // the options that depend on it (72 options in all for a three-year timeline)
        let current = Memo::new(move |_| range.get().map(|r| if is_from { r.from } else { r.to }));
        let bound = Memo::new(move |_| range.get().map(|r| if is_from { r.to } else { r.from }));
        view! {
            <select
                class="pi-select"
                data-testid=if is_from { "range-from" } else { "range-to" }
                id=if is_from { "range-from" } else { "range-to" }
                on:change=move |ev| pick(is_from, event_target_value(&ev))
                prop:value=move || current.get().map(|m| m.to_string()).unwrap_or_default()
            >
                <For each=months key=|m| m.0 let:m>
                    <option
                        value=m.to_string()
                        prop:selected=move || current.get() == Some(m)
                        disabled=move || {
                            bound.get().is_some_and(|b| if is_from { m > b } else { m < b })
                        }
                    >
                        {format::month(m)}
                    </option>
                </For>
            </select>
        }
    };
    let presets = move || {
        PRESETS
            .iter()
            .map(|&(label, n)| {
                let target = move || timeline.get().map(|t| preset(t, n));
                let pressed = move || {
                    let (t, r) = (target(), range.get());
                    t.is_some() && t == r
                };
                view! {
                    <button
                        type="button"
                        class="pi-seg__btn"
                        aria-pressed=move || pressed().to_string()
                        title=match n {
                            Some(n) => crate::tr!(range.last_n, n).to_string(),
                            None => crate::tr!(range.whole).to_string(),
                        }
                        on:click=move |_| {
                            if let Some(s) = target() {
                                on_change.run((s.from, s.to));
                            }
                        }
                    >
                        {if n.is_none() { crate::tr!(range.all) } else { label }}
                    </button>
                }
            })
            .collect_view()
    };
    view! {
        <section class="pi-toolbar" aria-label=crate::tr!(range.label)>
            <div class="pi-range">
                <label class="pi-field" for="range-from">
                    <span class="pi-field__label">{crate::tr!(range.from)}</span>
                    {select(true)}
                </label>
                <span class="pi-range__dash" aria-hidden="true">"–"</span>
                <label class="pi-field" for="range-to">
                    <span class="pi-field__label">{crate::tr!(range.to)}</span>
                    {select(false)}
                </label>
            </div>
            <div class="pi-seg" role="group" aria-label=crate::tr!(range.quick)>
                {presets}
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_stay_inside_the_timeline() {
        let t = Span {
            from: Month::new(2025, 1),
            to: Month::new(2026, 10),
        };
        assert_eq!(preset(t, Some(12)).from, Month::new(2025, 11));
        assert_eq!(preset(t, Some(36)).from, Month::new(2025, 1));
        assert_eq!(preset(t, None), t);
        assert_eq!(preset(t, Some(3)).to, Month::new(2026, 10));
    }
}
