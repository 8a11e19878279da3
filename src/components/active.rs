//! Active customers: monthly columns of active customers with a line of total customers. When
//! no usage data is loaded, active is not known and the section says so in words.

use crate::charts::canvas::{axes, Surface, Theme};
use crate::charts::frame::{customers_per_month, ChartFrame, LegendItem, Table, Tip, TipRow};
use crate::charts::hide;
use crate::charts::projection::nice_ticks;
use crate::format;
use leptos::callback::UnsyncCallback;
use leptos::prelude::*;
use metrics::report::ActiveMonth;
use metrics::Report;
use plotters::style::Color;
use std::collections::BTreeSet;
use std::sync::Arc;

/// The `hide` prefix of this chart.
pub const CHART: &str = "active";

fn active_text(a: Option<i64>) -> String {
    a.map_or(crate::tr!(active.not_known).to_string(), format::count)
}

/// The table: one row per month, active ("not known" without usage data) and total.
pub fn table(rows: &[ActiveMonth], hidden: &BTreeSet<String>) -> Table {
    let (active, total) = (!hidden.contains("active"), !hidden.contains("total"));
    let mut head = vec![crate::tr!(chart.month).to_string()];
    if active {
        head.push(crate::tr!(active.active_customers).into());
    }
    if total {
        head.push(crate::tr!(active.total_customers).into());
    }
    Table {
        caption: crate::tr!(active.caption).into(),
        head,
        rows: rows
            .iter()
            .map(|r| {
                let mut row = vec![format::month(r.month)];
                if active {
                    row.push(active_text(r.active));
                }
                if total {
                    row.push(format::count(r.total));
                }
                row
            })
            .collect(),
        action: None,
    }
}

/// One sentence; says in words when active customers are not known.
pub fn summary(rows: &[ActiveMonth]) -> String {
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return crate::tr!(chart.no_month).into();
    };
    let (first, last_month) = (format::month(first.month), format::month(last.month));
    if rows.iter().all(|r| r.active.is_none()) {
        return crate::tr!(
            active.summary_unknown,
            first = &first,
            last = &last_month,
            total = format::count(last.total)
        )
        .to_string();
    }
    crate::tr!(
        active.summary,
        first = &first,
        last = &last_month,
        active = active_text(last.active),
        total = format::count(last.total)
    )
    .to_string()
}

pub fn tip(r: &ActiveMonth) -> Tip {
    Tip {
        title: format::month(r.month),
        rows: vec![
            TipRow {
                key: "active".into(),
                label: crate::tr!(active.active).into(),
                value: active_text(r.active),
            },
            TipRow {
                key: "total".into(),
                label: crate::tr!(active.total).into(),
                value: format::count(r.total),
            },
        ],
    }
}

#[component]
pub fn ActiveSection(#[prop(into)] report: Signal<Option<Arc<Report>>>) -> impl IntoView {
    let hidden = hide::use_hidden(CHART);
    let rows = Memo::new(move |_| {
        report.with(|r| {
            r.as_ref()
                .map(|r| r.active_trend.clone())
                .unwrap_or_default()
        })
    });
    let legend = Signal::derive(move || {
        let h = hidden.get();
        [
            ("active", crate::tr!(active.active_customers)),
            ("total", crate::tr!(active.total_line)),
        ]
        .into_iter()
        .map(|(key, label)| LegendItem::series(key, label, !h.contains(key)))
        .collect::<Vec<_>>()
    });
    let on_toggle = hide::toggler(CHART, hidden);
    let sub = Signal::derive(move || {
        rows.with(|r| customers_per_month(r.first().map(|x| x.month), r.last().map(|x| x.month)))
    });
    let empty = Signal::derive(move || {
        if rows.with(Vec::is_empty) {
            Some(crate::tr!(chart.no_month).to_string())
        } else if hidden.with(|h| h.contains("active") && h.contains("total")) {
            Some(crate::tr!(active.both_off).to_string())
        } else {
            None
        }
    });
    let draw = UnsyncCallback::new(move |(canvas, w, h)| {
        let rows = rows.get();
        let hidden = hidden.get();
        let (show_active, show_total) = (!hidden.contains("active"), !hidden.contains("total"));
        let s = Surface::new(&canvas, w, h)?;
        let theme = Theme::of(&canvas);
        let hi = rows
            .iter()
            .map(|r| {
                let a = if show_active {
                    r.active.unwrap_or(0)
                } else {
                    0
                };
                let t = if show_total { r.total } else { 0 };
                a.max(t)
            })
            .max()
            .unwrap_or(0);
        let ticks = nice_ticks(0.0, hi as f64, 5);
        let months: Vec<_> = rows.iter().map(|r| r.month).collect();
        let (bands, y) = axes(&s, &theme, &months, &ticks);
        if show_active {
            let color = theme.color("--pi-chart-active", (37, 99, 235));
            for (i, r) in rows.iter().enumerate() {
                if let Some(a) = r.active.filter(|a| *a > 0) {
                    let (x0, x1) = bands.column(i, 0.35);
                    s.rect(x0, y.px(a as f64), x1, y.px(0.0), color.filled());
                }
            }
        }
        if show_total {
            let color = theme.color("--pi-chart-total", (15, 31, 61));
            let pts: Vec<(f64, f64)> = rows
                .iter()
                .enumerate()
                .map(|(i, r)| (bands.center(i), y.px(r.total as f64)))
                .collect();
            s.line(&pts, color, 2.0);
            for &(x, yy) in &pts {
                s.rect(x - 3.0, yy - 3.0, x + 3.0, yy + 3.0, color.filled());
            }
        }
        s.present();
        Some(bands)
    });
    let tip = Callback::new(move |i: usize| rows.with(|r| r.get(i).map(tip)));
    view! {
        <ChartFrame
            testid="section-active"
            title=crate::tr!(active.active_customers)
            sub=sub
            summary=Signal::derive(move || rows.with(|r| summary(r)))
            label=crate::tr!(active.label)
            legend=legend
            on_toggle=on_toggle
            table=Signal::derive(move || rows.with(|r| hidden.with(|h| table(r, h))))
            empty=empty
            draw=draw
            tip=tip
            report=report
        />
    }
}
