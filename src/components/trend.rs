//! Customer distribution trend: customers by market, segment, partner location or product each
//! month, one tab each (`trend` in the URL), as stacked columns. The largest categories over the
//! range are stacked on their own and the rest as "Other" ([`group`]); the legend hides
//! categories (`hide=trend:<category>`), the tooltip gives a month's breakdown and the table
//! lists every category.

use crate::charts::canvas::{axes, Surface, Theme};
use crate::charts::frame::{customers_per_month, ChartFrame, LegendItem, Table, Tip, TipRow};
use crate::charts::group::{self, Split, OTHER, OTHER_SWATCH};
use crate::charts::hide;
use crate::charts::projection::{extent, nice_ticks, stack, Part};
use crate::charts::range_slider::RangeSlider;
use crate::charts::tabs::{tab_of, Tab, TabSet};
use crate::{format, url};
use leptos::callback::UnsyncCallback;
use leptos::prelude::*;
use metrics::report::{DistributionTrend, Span, TrendMonth};
use metrics::{Month, Report};
use plotters::style::Color;
use std::collections::BTreeSet;
use std::sync::Arc;

/// The `hide` prefix of this chart.
pub const CHART: &str = "trend";

/// The tabs: URL value and label.
pub const TABS: &[Tab] = &[
    ("market", || crate::tr!(dim.market)),
    ("segment", || crate::tr!(dim.segment)),
    ("partner_location", || crate::tr!(dim.partner_location)),
    ("product", || crate::tr!(dim.product)),
];

/// Categories stacked on their own; the rest is one "Other" segment.
pub const KEEP: usize = 6;

/// The months of a tab.
pub fn months<'a>(d: &'a DistributionTrend, tab: &str) -> &'a [TrendMonth] {
    match tab {
        "segment" => &d.segment,
        "partner_location" => &d.partner_location,
        "product" => &d.product,
        _ => &d.market,
    }
}

fn label_of(tab: &str) -> &'static str {
    crate::charts::tabs::label_of(TABS, tab)
}

/// What the chart shows: every category ranked over the range, and its split into stacked
/// categories and the "Other" group (a hidden "Other" drops the group).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub ranked: Vec<String>,
    pub split: Split,
    pub other_on: bool,
}

impl Layout {
    pub fn of(months: &[TrendMonth], hidden: &BTreeSet<String>) -> Self {
        let ranked = group::ranked(&group::totals(months.iter().map(|m| &m.counts)));
        let split = group::split(&ranked, hidden, KEEP);
        let other_on = !split.rest.is_empty() && !hidden.contains(OTHER);
        Layout {
            ranked,
            split,
            other_on,
        }
    }

    /// The segments of a month, bottom up: `(label, swatch, value)`.
    pub fn segments(&self, m: &TrendMonth) -> Vec<(String, String, i64)> {
        let values = group::values(&self.split, &m.counts);
        let mut out: Vec<(String, String, i64)> = self
            .split
            .shown
            .iter()
            .zip(&values)
            .map(|(k, v)| (k.clone(), self.swatch(k), *v))
            .collect();
        if self.other_on {
            let n = self.split.rest.len();
            out.push((
                group::other_label(n),
                OTHER_SWATCH.to_string(),
                values.last().copied().unwrap_or(0),
            ));
        }
        out
    }

    /// The colour of a category: its rank over the range.
    pub fn swatch(&self, key: &str) -> String {
        let i = self.ranked.iter().position(|k| k == key).unwrap_or(0);
        group::swatch(i)
    }

    fn color_index(&self, key: &str) -> usize {
        self.ranked.iter().position(|k| k == key).unwrap_or(0)
    }
}

/// The table: one row per category (every category the chart covers, grouped or not, hidden
/// ones left out), one column per month.
pub fn table(months: &[TrendMonth], hidden: &BTreeSet<String>, tab: &str) -> Table {
    let layout = Layout::of(months, hidden);
    let dropped: BTreeSet<&String> = if layout.other_on {
        BTreeSet::new()
    } else {
        layout.split.rest.iter().collect()
    };
    let mut head = vec![label_of(tab).to_string()];
    head.extend(months.iter().map(|m| format::month(m.month)));
    Table {
        caption: crate::tr!(trend.caption, what = label_of(tab).to_lowercase()).to_string(),
        head,
        rows: layout
            .ranked
            .iter()
            .filter(|k| !hidden.contains(*k) && !dropped.contains(k))
            .map(|k| {
                let mut row = vec![k.clone()];
                row.extend(
                    months
                        .iter()
                        .map(|m| format::count(m.counts.get(k).copied().unwrap_or(0))),
                );
                row
            })
            .collect(),
        action: None,
    }
}

/// The tooltip of a month: the shown segments, largest stack position first (top down).
pub fn tip(layout: &Layout, m: &TrendMonth) -> Tip {
    Tip {
        title: format::month(m.month),
        rows: layout
            .segments(m)
            .into_iter()
            .rev()
            .map(|(label, key, v)| TipRow {
                key,
                label,
                value: format::count(v),
            })
            .collect(),
    }
}

/// One sentence: the span and the largest categories of the last month.
pub fn summary(months: &[TrendMonth], tab: &str) -> String {
    let what = label_of(tab).to_lowercase();
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return crate::tr!(chart.no_month).into();
    };
    let top: Vec<String> = group::ranked(&last.counts)
        .into_iter()
        .take(3)
        .map(|k| {
            let n = last.counts.get(&k).copied().unwrap_or(0);
            crate::tr!(trend.top, key = k, count = format::count(n)).to_string()
        })
        .collect();
    let largest = match top.len() {
        0 => crate::tr!(trend.no_customer).to_string(),
        1 => crate::tr!(trend.largest_is, top = &top[0]).to_string(),
        _ => crate::tr!(
            trend.largest_are,
            list = top[..top.len() - 1].join(", "),
            last = &top[top.len() - 1]
        )
        .to_string(),
    };
    crate::tr!(
        trend.summary,
        what,
        first = format::month(first.month),
        last = format::month(last.month),
        largest
    )
    .to_string()
}

#[component]
pub fn TrendSection(
    #[prop(into)] report: Signal<Option<Arc<Report>>>,
    #[prop(into)] timeline: Signal<Option<Span>>,
    #[prop(into)] range: Signal<Option<Span>>,
    on_range: Callback<(Month, Month)>,
) -> impl IntoView {
    let tab = url::bind("trend", |v| tab_of(TABS, v));
    let hidden = hide::use_hidden(CHART);
    let on_select = Callback::new(move |key: &'static str| {
        tab.set(key);
        url::write("trend", (key != TABS[0].0).then_some(key));
    });
    let rows = Memo::new(move |_| {
        let t = tab.get();
        report.with(|r| {
            r.as_ref()
                .map(|r| months(&r.distribution_trend, t).to_vec())
                .unwrap_or_default()
        })
    });
    let layout = Memo::new(move |_| rows.with(|r| hidden.with(|h| Layout::of(r, h))));
    let legend = Signal::derive(move || {
        let h = hidden.get();
        layout.with(|l| {
            let mut items: Vec<LegendItem> = l
                .split
                .shown
                .iter()
                .map(|k| LegendItem {
                    key: k.clone(),
                    label: k.clone(),
                    on: true,
                    swatch: l.swatch(k),
                })
                .collect();
            if !l.split.rest.is_empty() {
                items.push(LegendItem {
                    key: OTHER.into(),
                    label: group::other_label(l.split.rest.len()),
                    on: l.other_on,
                    swatch: OTHER_SWATCH.into(),
                });
            }
            // hidden categories stay in the legend, switched off, so they can come back
            items.extend(
                l.ranked
                    .iter()
                    .filter(|k| h.contains(*k) && k.as_str() != OTHER)
                    .map(|k| LegendItem {
                        key: k.clone(),
                        label: k.clone(),
                        on: false,
                        swatch: l.swatch(k),
                    }),
            );
            items
        })
    });
    let sub = Signal::derive(move || {
        rows.with(|r| customers_per_month(r.first().map(|x| x.month), r.last().map(|x| x.month)))
    });
    let empty = Signal::derive(move || {
        if rows.with(Vec::is_empty) {
            Some(crate::tr!(chart.no_month).to_string())
        } else if layout.with(|l| l.split.shown.is_empty() && !l.other_on) {
            Some(crate::tr!(chart.all_categories_off).to_string())
        } else {
            None
        }
    });
    let draw = UnsyncCallback::new(move |(canvas, w, h)| {
        let rows = rows.get();
        let layout = layout.get();
        let s = Surface::new(&canvas, w, h)?;
        let theme = Theme::of(&canvas);
        let segs: Vec<Vec<(String, String, i64)>> =
            rows.iter().map(|m| layout.segments(m)).collect();
        let cols: Vec<Vec<Option<(f64, f64)>>> = segs
            .iter()
            .map(|col| {
                let parts: Vec<Part> = col
                    .iter()
                    .map(|(_, _, v)| Part {
                        value: *v,
                        below: false,
                        visible: true,
                    })
                    .collect();
                stack(&parts)
            })
            .collect();
        let (lo, hi) = extent(&cols);
        let ticks = nice_ticks(lo, hi, 5);
        let months: Vec<_> = rows.iter().map(|r| r.month).collect();
        let (bands, y) = axes(&s, &theme, &months, &ticks);
        let colors: Vec<_> = layout
            .split
            .shown
            .iter()
            .map(|k| theme.category(layout.color_index(k)))
            .chain(std::iter::once(theme.other()))
            .collect();
        for (i, col) in cols.iter().enumerate() {
            let (x0, x1) = bands.column(i, 0.28);
            for (k, seg) in col.iter().enumerate() {
                let Some((a, b)) = *seg else { continue };
                if a == b {
                    continue;
                }
                let c = colors.get(k).copied().unwrap_or(theme.axis);
                let (top, bottom) = (y.px(b), y.px(a));
                s.rect(x0, top, x1, bottom, c.filled());
                // a hairline between segments so neighbours of similar colour stay apart
                if bottom - top > 3.0 {
                    s.line(&[(x0, top), (x1, top)], theme.surface, 1.0);
                }
            }
        }
        s.present();
        Some(bands)
    });
    let tip =
        Callback::new(move |i: usize| rows.with(|r| layout.with(|l| r.get(i).map(|m| tip(l, m)))));
    let tabs = TabSet {
        id: "trend",
        label: crate::tr!(trend.tabs),
        tabs: TABS,
        selected: tab.into(),
        on_select,
    };
    view! {
        <ChartFrame
            report=report
            testid="section-trend"
            title=crate::tr!(trend.title)
            sub=sub
            summary=Signal::derive(move || rows.with(|r| summary(r, tab.get())))
            label=Signal::derive(move || crate::tr!(trend.label, what = label_of(tab.get()).to_lowercase()).to_string())
            legend=legend
            on_toggle=hide::toggler(CHART, hidden)
            table=Signal::derive(move || rows.with(|r| hidden.with(|h| table(r, h, tab.get()))))
            empty=empty
            draw=draw
            tip=tip
            tabs=tabs
        >
            <RangeSlider timeline=timeline range=range on_change=on_range testid="trend-range-slider" />
        </ChartFrame>
    }
}
