//! Projection of a [`Report`] into what the page displays: labels, formatted values, the
//! direction of a change in words and symbols, and why a figure is missing. Pure code with native
//! tests. No metric is computed here: every number comes from the report as is.

use crate::format;
use metrics::report::{ChurnKpi, KeyCount, Kpi, Span};
use metrics::{Month, Report};

/// Direction of a change, shown as ▲/▼ in text (never by colour alone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    Up,
    Down,
    Flat,
    /// No change can be computed (`—`).
    None,
    /// Not a change but a rate (the churn tile).
    Rate,
}

impl Trend {
    /// The CSS modifier of the change badge.
    pub fn class(self) -> &'static str {
        match self {
            Trend::Up => "up",
            Trend::Down => "down",
            Trend::Flat => "flat",
            Trend::None => "none",
            Trend::Rate => "rate",
        }
    }
}

/// The change line of a tile.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub trend: Trend,
    /// `▲ 2.5%`, `▼ 0.4%`, `0.0%`, `—`, or `8.9% churn rate`.
    pub text: String,
    /// The comparison in words: `vs Oct 2025`.
    pub compare: String,
    /// Why there is no change (shown as a tooltip and read by screen readers).
    pub reason: Option<String>,
}

/// One summary tile.
#[derive(Clone, Debug, PartialEq)]
pub struct Tile {
    /// The `data-testid` of the tile (page.md).
    pub id: &'static str,
    pub label: &'static str,
    /// When the value applies: `Oct 2026` or `Nov 2025 – Oct 2026`.
    pub period: String,
    /// The formatted number, or `—` when the figure is null.
    pub value: String,
    /// Why the value is missing.
    pub value_reason: Option<String>,
    pub change: Change,
    /// The sparkline, one entry per month of the range.
    pub spark: Vec<Option<i64>>,
    /// A text alternative for the sparkline.
    pub spark_label: String,
}

/// The baseline month of a range (metrics.md, "Time"): the month before the range, or the first
/// month of the timeline when the range starts there.
pub fn baseline(range: Span, timeline: Span) -> Month {
    if range.from > timeline.from {
        Month(range.from.0 - 1)
    } else {
        timeline.from
    }
}

fn change_of(pct: Option<f64>, compare: String, reason: impl FnOnce() -> String) -> Change {
    match pct {
        Some(p) => {
            let shown = format::pct_abs(p);
            let (trend, text) = if format::pct_is_zero(p) {
                (Trend::Flat, shown)
            } else if p > 0.0 {
                (Trend::Up, format!("▲ {shown}"))
            } else {
                (Trend::Down, format!("▼ {shown}"))
            };
            Change {
                trend,
                text,
                compare,
                reason: None,
            }
        }
        None => Change {
            trend: Trend::None,
            text: "—".to_string(),
            compare,
            reason: Some(reason()),
        },
    }
}

fn spark_label(label: &str, months: &[Month], spark: &[Option<i64>]) -> String {
    let point = |i: usize| {
        let v = spark
            .get(i)
            .copied()
            .flatten()
            .map_or(crate::tr!(kpi.no_data).to_string(), format::count);
        months.get(i).map_or(v.clone(), |m| {
            crate::tr!(kpi.point, month = format::month(*m), value = v).to_string()
        })
    };
    match spark.len() {
        0 => crate::tr!(kpi.spark_none, label).to_string(),
        1 => crate::tr!(kpi.spark_one, label, point = point(0)).to_string(),
        n => crate::tr!(
            kpi.spark_trend,
            label,
            first = point(0),
            last = point(n - 1)
        )
        .to_string(),
    }
}

fn value_of(v: Option<i64>, signed: bool) -> String {
    match v {
        Some(n) if signed => format::signed_count(n),
        Some(n) => format::count(n),
        None => "—".to_string(),
    }
}

struct Ctx<'a> {
    months: &'a [Month],
    range: Span,
    timeline: Span,
    base: Month,
}

impl Ctx<'_> {
    fn monthly(&self, id: &'static str, label: &'static str, kpi: &Kpi, missing: &str) -> Tile {
        let base = format::month(self.base);
        let value_reason = kpi.value.is_none().then(|| missing.to_string());
        let compare = crate::tr!(kpi.vs, period = &base).to_string();
        let change = change_of(kpi.change_pct, compare, || match kpi.value {
            None => missing.to_string(),
            Some(_) => crate::tr!(
                kpi.nothing_to_compare,
                what = label.to_lowercase(),
                month = &base
            )
            .to_string(),
        });
        Tile {
            id,
            label,
            period: format::month(self.range.to),
            value: value_of(kpi.value, false),
            value_reason,
            change,
            spark: kpi.spark.clone(),
            spark_label: spark_label(label, self.months, &kpi.spark),
        }
    }

    fn net_added(&self, kpi: &Kpi) -> Tile {
        let len = self.range.to.0 - self.range.from.0 + 1;
        let prev = (Month(self.range.from.0 - len), Month(self.range.from.0 - 1));
        let compare = crate::tr!(kpi.vs, period = format::month_span(prev.0, prev.1)).to_string();
        let change = change_of(kpi.change_pct, compare, || {
            if prev.0 < self.timeline.from {
                crate::tr!(kpi.starts_in, month = format::month(self.timeline.from)).to_string()
            } else {
                crate::tr!(kpi.net_zero, period = format::month_span(prev.0, prev.1)).to_string()
            }
        });
        Tile {
            id: "kpi-net-added",
            label: crate::tr!(kpi.net_added),
            period: format::month_span(self.range.from, self.range.to),
            value: value_of(kpi.value, true),
            value_reason: None,
            change,
            spark: kpi.spark.clone(),
            spark_label: spark_label(crate::tr!(kpi.net_added_per_month), self.months, &kpi.spark),
        }
    }

    fn churn(&self, kpi: &ChurnKpi) -> Tile {
        let span = format::month_span(self.range.from, self.range.to);
        let change = match kpi.churn_pct {
            Some(p) => Change {
                trend: Trend::Rate,
                text: crate::tr!(kpi.churn_rate, pct = format::pct(p)).to_string(),
                compare: crate::tr!(kpi.over, period = &span).to_string(),
                reason: None,
            },
            None => Change {
                trend: Trend::None,
                text: "—".to_string(),
                compare: crate::tr!(kpi.over, period = &span).to_string(),
                reason: Some(
                    crate::tr!(kpi.no_churn_base, month = format::month(self.base)).to_string(),
                ),
            },
        };
        Tile {
            id: "kpi-churn",
            label: crate::tr!(kpi.churned),
            period: format::month(self.range.to),
            value: value_of(kpi.value, false),
            value_reason: None,
            change,
            spark: kpi.spark.clone(),
            spark_label: spark_label(crate::tr!(kpi.churned), self.months, &kpi.spark),
        }
    }
}

/// The five summary tiles of a report, in page order. Empty when the report has no range (no
/// data).
pub fn tiles(r: &Report) -> Vec<Tile> {
    let (Some(range), Some(timeline)) = (r.range, r.timeline) else {
        return Vec::new();
    };
    let cx = Ctx {
        months: &r.months,
        range,
        timeline,
        base: baseline(range, timeline),
    };
    let s = &r.summary;
    vec![
        cx.monthly(
            "kpi-customers",
            crate::tr!(kpi.customers),
            &s.customers,
            crate::tr!(kpi.missing_customers),
        ),
        cx.monthly(
            "kpi-active-customers",
            crate::tr!(kpi.active_customers),
            &s.active_customers,
            crate::tr!(kpi.missing_active),
        ),
        cx.monthly(
            "kpi-subscriptions",
            crate::tr!(kpi.subscriptions),
            &s.subscriptions,
            crate::tr!(kpi.missing_subscriptions),
        ),
        cx.net_added(&s.net_added),
        cx.churn(&s.last_month_churn),
    ]
}

/// One bar of a labelled bar list.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub key: String,
    pub count: i64,
    pub count_text: String,
    /// Bar length as a percentage of the longest bar (0..=100).
    pub width_pct: f64,
}

/// A labelled bar list in the report's order (customers descending, then key).
pub fn bars(rows: &[KeyCount]) -> Vec<Bar> {
    let max = rows.iter().map(|r| r.customers).max().unwrap_or(0);
    rows.iter()
        .map(|r| Bar {
            key: r.key.clone(),
            count: r.customers,
            count_text: format::count(r.customers),
            width_pct: if max > 0 {
                (r.customers.max(0) as f64 / max as f64 * 100.0).clamp(0.0, 100.0)
            } else {
                0.0
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use metrics::report::Summary;

    fn m(y: i32, mo: u32) -> Month {
        Month::new(y, mo)
    }

    fn report(range: Span, timeline: Span, summary: Summary) -> Report {
        let months = format::months(range.from, range.to).collect();
        Report {
            timeline: Some(timeline),
            range: Some(range),
            months,
            summary,
            ..Report::default()
        }
    }

    fn span(a: Month, b: Month) -> Span {
        Span { from: a, to: b }
    }

    #[test]
    fn baseline_is_the_month_before_the_range_or_the_first_month() {
        let t = span(m(2023, 11), m(2026, 10));
        assert_eq!(baseline(span(m(2025, 11), m(2026, 10)), t), m(2025, 10));
        assert_eq!(baseline(span(m(2023, 11), m(2024, 3)), t), m(2023, 11));
    }
    #[test]
    fn a_report_without_range_has_no_tiles() {
        let mut r = report(
            span(m(2026, 1), m(2026, 1)),
            span(m(2026, 1), m(2026, 1)),
            Summary::default(),
        );
        r.range = None;
        assert!(tiles(&r).is_empty());
    }
}
