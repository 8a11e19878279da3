//! Customer adds and churn: monthly stacked columns, new / returning / existing above the axis
//! and churned below it (negative scale). Legend toggles rebuild the stack and are kept in the
//! URL (`hide=adds:new`); hovering a column shows the month's four values.

use crate::charts::canvas::{axes, Surface, Theme};
use crate::charts::frame::{customers_per_month, ChartFrame, LegendItem, Table, Tip, TipRow};
use crate::charts::hide;
use crate::charts::projection::{extent, nice_ticks, stack, Part};
use crate::charts::range_slider::RangeSlider;
use crate::format;
use leptos::callback::UnsyncCallback;
use leptos::prelude::*;
use metrics::report::AddsChurn;
use metrics::report::Span;
use metrics::Month;
use metrics::Report;
use plotters::style::Color;
use std::collections::BTreeSet;
use std::sync::Arc;

/// The `hide` prefix of this chart.
pub const CHART: &str = "adds";

/// Hidden until the URL says otherwise: about 1,500 existing customers a month would flatten
/// the adds and churn (a few dozen) into slivers. `hide=adds:` shows every series.
pub const HIDDEN_BY_DEFAULT: &[&str] = &["existing"];

/// The series in legend order: key, label (in the language shown), below the axis, CSS colour
/// and its fallback.
pub type Series = (
    &'static str,
    fn() -> &'static str,
    bool,
    &'static str,
    (u8, u8, u8),
);

pub const SERIES: [Series; 4] = [
    (
        "new",
        || crate::tr!(adds.new_customers),
        false,
        "--pi-chart-new",
        (37, 99, 235),
    ),
    (
        "returning",
        || crate::tr!(adds.returning),
        false,
        "--pi-chart-returning",
        (14, 165, 164),
    ),
    (
        "existing",
        || crate::tr!(adds.existing),
        false,
        "--pi-chart-existing",
        (191, 204, 222),
    ),
    (
        "churned",
        || crate::tr!(adds.churned_below),
        true,
        "--pi-chart-churned",
        (194, 65, 12),
    ),
];

/// Stacking order from the axis outwards: existing, returning, new; churned below.
const STACK: [usize; 4] = [2, 1, 0, 3];

/// A month's values in [`SERIES`] order.
pub fn values(r: &AddsChurn) -> [i64; 4] {
    [r.new, r.returning, r.existing, r.churned]
}

/// The stacked segments of a month, in [`SERIES`] order (`None` when hidden).
pub fn segments(r: &AddsChurn, hidden: &BTreeSet<String>) -> [Option<(f64, f64)>; 4] {
    let v = values(r);
    let parts: Vec<Part> = STACK
        .iter()
        .map(|&k| Part {
            value: v[k],
            below: SERIES[k].2,
            visible: !hidden.contains(SERIES[k].0),
        })
        .collect();
    let stacked = stack(&parts);
    let mut out = [None; 4];
    for (pos, &k) in STACK.iter().enumerate() {
        out[k] = stacked[pos];
    }
    out
}

fn short_label(k: usize) -> &'static str {
    if SERIES[k].0 == "churned" {
        crate::tr!(adds.churned)
    } else {
        (SERIES[k].1)()
    }
}

/// The table of the shown series, one row per month.
pub fn table(rows: &[AddsChurn], hidden: &BTreeSet<String>) -> Table {
    let shown: Vec<usize> = (0..4).filter(|&k| !hidden.contains(SERIES[k].0)).collect();
    let mut head = vec![crate::tr!(chart.month).to_string()];
    head.extend(shown.iter().map(|&k| short_label(k).to_string()));
    Table {
        caption: crate::tr!(adds.caption).into(),
        head,
        rows: rows
            .iter()
            .map(|r| {
                let v = values(r);
                let mut row = vec![format::month(r.month)];
                row.extend(shown.iter().map(|&k| format::count(v[k])));
                row
            })
            .collect(),
        action: None,
    }
}

/// One sentence: the span and the last month's values.
pub fn summary(rows: &[AddsChurn]) -> String {
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return crate::tr!(chart.no_month).into();
    };
    crate::tr!(
        adds.summary,
        first = format::month(first.month),
        last = format::month(last.month),
        new = format::count(last.new),
        returning = format::count(last.returning),
        existing = format::count(last.existing),
        churned = format::count(last.churned),
    )
    .to_string()
}

/// The tooltip of a month: all four values, whatever the legend shows.
pub fn tip(r: &AddsChurn) -> Tip {
    let v = values(r);
    Tip {
        title: format::month(r.month),
        rows: (0..4)
            .map(|k| TipRow {
                key: SERIES[k].0.to_string(),
                label: short_label(k).to_string(),
                value: format::count(v[k]),
            })
            .collect(),
    }
}

#[component]
pub fn AddsChurnSection(
    #[prop(into)] report: Signal<Option<Arc<Report>>>,
    /// The timeline and the page range, for the range slider above the chart.
    #[prop(into)]
    timeline: Signal<Option<Span>>,
    #[prop(into)] range: Signal<Option<Span>>,
    on_range: Callback<(Month, Month)>,
) -> impl IntoView {
    let hidden = hide::use_hidden_or(CHART, HIDDEN_BY_DEFAULT);
    let rows = Memo::new(move |_| {
        report.with(|r| r.as_ref().map(|r| r.adds_churn.clone()).unwrap_or_default())
    });
    let legend = Signal::derive(move || {
        let h = hidden.get();
        SERIES
            .iter()
            .map(|&(key, label, ..)| LegendItem::series(key, label(), !h.contains(key)))
            .collect::<Vec<_>>()
    });
    let on_toggle = hide::toggler_or(CHART, hidden, HIDDEN_BY_DEFAULT);
    let sub = Signal::derive(move || {
        rows.with(|r| customers_per_month(r.first().map(|x| x.month), r.last().map(|x| x.month)))
    });
    let empty = Signal::derive(move || {
        if rows.with(Vec::is_empty) {
            Some(crate::tr!(chart.no_month).to_string())
        } else if hidden.with(|h| SERIES.iter().all(|s| h.contains(s.0))) {
            Some(crate::tr!(adds.all_off).to_string())
        } else {
            None
        }
    });
    let draw = UnsyncCallback::new(move |(canvas, w, h)| {
        let rows = rows.get();
        let hidden = hidden.get();
        let s = Surface::new(&canvas, w, h)?;
        let theme = Theme::of(&canvas);
        let cols: Vec<Vec<Option<(f64, f64)>>> =
            rows.iter().map(|r| segments(r, &hidden).to_vec()).collect();
        let (lo, hi) = extent(&cols);
        let ticks = nice_ticks(lo, hi, 5);
        let months: Vec<_> = rows.iter().map(|r| r.month).collect();
        let (bands, y) = axes(&s, &theme, &months, &ticks);
        let colors: Vec<_> = SERIES.iter().map(|s| theme.color(s.3, s.4)).collect();
        let mut hatched = Vec::new();
        for (i, col) in cols.iter().enumerate() {
            let (x0, x1) = bands.column(i, 0.28);
            for (k, seg) in col.iter().enumerate() {
                let Some((a, b)) = *seg else { continue };
                if a == b {
                    continue;
                }
                let (top, bottom) = (y.px(b), y.px(a));
                s.rect(x0, top, x1, bottom, colors[k].filled());
                if SERIES[k].2 {
                    hatched.push((x0, top, x1, bottom));
                }
            }
        }
        // churn is hatched as well as below the axis: not told by colour alone
        s.stripes(&hatched, theme.surface, 4.0);
        let zero = y.px(0.0).round() + 0.5;
        s.line(&[(bands.left, zero), (bands.right, zero)], theme.axis, 1.0);
        s.present();
        Some(bands)
    });
    let tip = Callback::new(move |i: usize| rows.with(|r| r.get(i).map(tip)));
    view! {
        <ChartFrame
            testid="section-adds-churn"
            title=crate::tr!(adds.title)
            sub=sub
            summary=Signal::derive(move || rows.with(|r| summary(r)))
            label=crate::tr!(adds.label)
            legend=legend
            on_toggle=on_toggle
            table=Signal::derive(move || rows.with(|r| hidden.with(|h| table(r, h))))
            empty=empty
            draw=draw
            tip=tip
            report=report
        >
            <RangeSlider timeline=timeline range=range on_change=on_range />
        </ChartFrame>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> AddsChurn {
        AddsChurn {
            month: Month::new(2026, 3),
            new: 4,
            returning: 1,
            existing: 30,
            churned: 2,
        }
    }

    fn set(v: &[&str]) -> BTreeSet<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn existing_sits_on_the_axis_and_churn_below_it() {
        let s = segments(&row(), &set(&[]));
        assert_eq!(s[2], Some((0.0, 30.0)));
        assert_eq!(s[1], Some((30.0, 31.0)));
        assert_eq!(s[0], Some((31.0, 35.0)));
        assert_eq!(s[3], Some((-2.0, 0.0)));
        let s = segments(&row(), &set(&["existing"]));
        assert_eq!(
            s,
            [Some((1.0, 5.0)), Some((0.0, 1.0)), None, Some((-2.0, 0.0))]
        );
    }
}
