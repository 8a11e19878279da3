//! Customer distribution: current customers (the last month of the range) by partner location,
//! segment, sales channel or attribution type, one tab each (`dist` in the URL). Horizontal bars
//! with counts and the share of customers; the largest categories on their own and the rest as
//! "Other". Legend toggles hide categories (`hide=dist:<category>`); the table lists every
//! shown category.

use crate::charts::canvas::{Surface, Theme};
use crate::charts::frame::{ChartFrame, LegendItem, Table};
use crate::charts::group;
use crate::charts::hbars::{self, HBar};
use crate::charts::hide;
use crate::charts::tabs::{tab_of, Tab, TabSet};
use crate::{format, url};
use leptos::callback::UnsyncCallback;
use leptos::prelude::*;
use metrics::report::{Distribution, KeyCount};
use metrics::{Month, Report};
use std::collections::BTreeSet;
use std::sync::Arc;

/// The `hide` prefix of this chart.
pub const CHART: &str = "dist";

/// The tabs: URL value and label.
pub const TABS: &[Tab] = &[
    ("partner_location", || crate::tr!(dim.partner_location)),
    ("segment", || crate::tr!(dim.segment)),
    ("sales_channel", || crate::tr!(dim.sales_channel)),
    ("attribution", || crate::tr!(dim.attribution_type)),
];

/// Categories drawn on their own; the rest is one "Other" bar.
pub const KEEP: usize = 9;

/// The rows of a tab.
pub fn rows<'a>(d: &'a Distribution, tab: &str) -> &'a [KeyCount] {
    match tab {
        "segment" => &d.segment,
        "sales_channel" => &d.sales_channel,
        "attribution" => &d.attribution,
        _ => &d.partner_location,
    }
}

fn label_of(tab: &str) -> &'static str {
    crate::charts::tabs::label_of(TABS, tab)
}

/// `count` as a share of `total` customers (`17.2%`); empty without customers.
pub fn share(count: i64, total: Option<i64>) -> String {
    match total {
        Some(t) if t > 0 => format::pct(count as f64 * 100.0 / t as f64),
        _ => String::new(),
    }
}

/// The table: every shown category with its customers and share of customers.
pub fn table(rows: &[KeyCount], hidden: &BTreeSet<String>, total: Option<i64>, tab: &str) -> Table {
    Table {
        caption: crate::tr!(dist.caption, what = label_of(tab).to_lowercase()).to_string(),
        head: vec![
            label_of(tab).to_string(),
            crate::tr!(chart.customers).into(),
            crate::tr!(dist.share).into(),
        ],
        rows: rows
            .iter()
            .filter(|r| !hidden.contains(&r.key))
            .map(|r| {
                vec![
                    r.key.clone(),
                    format::count(r.customers),
                    share(r.customers, total),
                ]
            })
            .collect(),
        action: None,
    }
}

/// One sentence: how many categories, the largest, and whether customers count more than once.
pub fn summary(rows: &[KeyCount], total: Option<i64>, tab: &str, month: Option<Month>) -> String {
    let what = label_of(tab).to_lowercase();
    let when = month.map(format::month);
    let Some(top) = rows.first() else {
        return match when {
            Some(m) => crate::tr!(dist.none_in, month = m, what).to_string(),
            None => crate::tr!(dist.none, what).to_string(),
        };
    };
    let sum: i64 = rows.iter().map(|r| r.customers).sum();
    let several = match total {
        Some(t) if sum > t => crate::tr!(dist.several),
        _ => "",
    };
    let of = match total {
        Some(t) if t > 0 => crate::tr!(
            dist.of,
            share = share(top.customers, total),
            total = format::count(t)
        )
        .to_string(),
        _ => String::new(),
    };
    let n = format::count(rows.len() as i64);
    let values = if rows.len() == 1 {
        crate::tr!(dist.value)
    } else {
        crate::tr!(dist.values)
    };
    let (top, count) = (&top.key, format::count(top.customers));
    match when {
        Some(month) => crate::tr!(
            dist.summary_in,
            month,
            what,
            n,
            values,
            top,
            count,
            of,
            several
        )
        .to_string(),
        None => crate::tr!(dist.summary, what, n, values, top, count, of, several).to_string(),
    }
}

#[component]
pub fn DistributionSection(#[prop(into)] report: Signal<Option<Arc<Report>>>) -> impl IntoView {
    let tab = url::bind("dist", |v| tab_of(TABS, v));
    let hidden = hide::use_hidden(CHART);
    let on_select = Callback::new(move |key: &'static str| {
        tab.set(key);
        url::write("dist", (key != TABS[0].0).then_some(key));
    });
    let rows = Memo::new(move |_| {
        let t = tab.get();
        report.with(|r| {
            r.as_ref()
                .map(|r| rows(&r.distribution, t).to_vec())
                .unwrap_or_default()
        })
    });
    let total =
        Memo::new(move |_| report.with(|r| r.as_ref().and_then(|r| r.summary.customers.value)));
    let month = Memo::new(move |_| report.with(|r| r.as_ref().and_then(|r| r.range.map(|s| s.to))));
    let legend = Signal::derive(move || {
        let h = hidden.get();
        rows.with(|rows| {
            rows.iter()
                .enumerate()
                .map(|(i, r)| LegendItem {
                    key: r.key.clone(),
                    label: r.key.clone(),
                    on: !h.contains(&r.key),
                    swatch: group::swatch(i),
                })
                .collect::<Vec<_>>()
        })
    });
    let sub = Signal::derive(move || {
        let what = label_of(tab.get()).to_lowercase();
        match month.get() {
            Some(m) => crate::tr!(dist.sub, what, month = format::month(m)).to_string(),
            None => crate::tr!(dist.caption, what).to_string(),
        }
    });
    let empty = Signal::derive(move || {
        if rows.with(Vec::is_empty) {
            Some(crate::tr!(dist.no_customer_month).to_string())
        } else if rows.with(|r| hidden.with(|h| r.iter().all(|x| h.contains(&x.key)))) {
            Some(crate::tr!(chart.all_categories_off).to_string())
        } else {
            None
        }
    });
    let draw = UnsyncCallback::new(move |(canvas, w, h)| {
        let bars = rows.with(|r| hidden.with(|h| group::top_list(r, h, KEEP)));
        let total = total.get();
        let s = Surface::new(&canvas, w, h)?;
        let theme = Theme::of(&canvas);
        let bars: Vec<HBar> = bars
            .into_iter()
            .map(|(label, value, color)| HBar {
                note: share(value, total),
                color: color.map_or_else(|| theme.other(), |i| theme.category(i)),
                label,
                value,
            })
            .collect();
        hbars::draw(&s, &theme, (4.0, 4.0, w - 4.0, h - 4.0), &bars);
        s.present();
        None
    });
    let tabs = TabSet {
        id: "dist",
        label: crate::tr!(dist.tabs),
        tabs: TABS,
        selected: tab.into(),
        on_select,
    };
    view! {
        <ChartFrame
            report=report
            testid="section-distribution"
            long_legend=true
            title=crate::tr!(dist.title)
            sub=sub
            summary=Signal::derive(move || rows.with(|r| summary(r, total.get(), tab.get(), month.get())))
            label=Signal::derive(move || crate::tr!(dist.label, what = label_of(tab.get()).to_lowercase()).to_string())
            legend=legend
            on_toggle=hide::toggler(CHART, hidden)
            table=Signal::derive(move || rows.with(|r| hidden.with(|h| table(r, h, total.get(), tab.get()))))
            empty=empty
            draw=draw
            tip=Callback::new(|_: usize| None)
            tabs=tabs
            hint=crate::tr!(dist.hint)
        />
    }
}
