//! Customers by products: a donut of customers by product family, and beside it the products
//! as bars, or the SKUs of the open product. A product is opened by clicking its slice
//! (hit-tested by angle, [`crate::charts::donut`]), its bar, its legend button or its table row,
//! and is kept in the URL (`drill`). The table view lists the products and, when one is open, its SKUs.

use crate::charts::canvas::{Surface, Theme};
use crate::charts::donut::{self, Ring};
use crate::charts::frame::{ChartFrame, LegendItem, Table};
use crate::charts::group;
use crate::charts::hbars::{self, HBar};
use crate::{format, url};
use leptos::callback::UnsyncCallback;
use leptos::prelude::*;
use metrics::report::{KeyCount, ProductRow};
use metrics::{Month, Report};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::RGBColor;
use std::collections::BTreeSet;
use std::sync::Arc;

/// SKUs drawn on their own; the rest is one "Other" bar (the table lists them all).
const KEEP: usize = 9;

/// The table of products (each row opens its SKUs).
pub fn products_table(rows: &[ProductRow]) -> Table {
    Table {
        caption: crate::tr!(products.caption).into(),
        head: vec![
            crate::tr!(dim.product).into(),
            crate::tr!(chart.customers).into(),
            crate::tr!(products.skus).into(),
        ],
        rows: rows
            .iter()
            .map(|p| {
                vec![
                    p.key.clone(),
                    format::count(p.customers),
                    format::count(p.skus.len() as i64),
                ]
            })
            .collect(),
        // what a row's button does
        action: Some(crate::tr!(products.open).into()),
    }
}

/// The table of one product's SKUs.
pub fn skus_table(p: &ProductRow) -> Table {
    Table {
        caption: crate::tr!(products.skus_caption, product = &p.key).to_string(),
        head: vec![
            crate::tr!(products.sku_of, product = &p.key).to_string(),
            crate::tr!(chart.customers).into(),
        ],
        rows: p
            .skus
            .iter()
            .map(|s| vec![s.key.clone(), format::count(s.customers)])
            .collect(),
        action: None,
    }
}

/// One sentence: the products, the largest, and the open product's SKUs.
pub fn summary(rows: &[ProductRow], open: Option<&ProductRow>, month: Option<Month>) -> String {
    let when = month.map(format::month);
    let Some(top) = rows.first() else {
        return match when {
            Some(month) => crate::tr!(products.none_in, month).to_string(),
            None => crate::tr!(products.none).to_string(),
        };
    };
    let n = format::count(rows.len() as i64);
    let products = if rows.len() == 1 {
        crate::tr!(products.product)
    } else {
        crate::tr!(products.products)
    };
    let (top, count) = (&top.key, format::count(top.customers));
    let mut s = match when {
        Some(month) => crate::tr!(products.summary_in, month, n, products, top, count).to_string(),
        None => crate::tr!(products.summary, n, products, top, count).to_string(),
    };
    if let Some(p) = open {
        let largest = p
            .skus
            .first()
            .map(|k| {
                crate::tr!(
                    products.largest_sku,
                    key = &k.key,
                    count = format::count(k.customers)
                )
                .to_string()
            })
            .unwrap_or_default();
        let what = match p.skus.len() {
            1 => crate::tr!(products.one_sku).to_string(),
            n => crate::tr!(products.n_skus, n = format::count(n as i64)).to_string(),
        };
        let showing = crate::tr!(products.showing, what, product = &p.key, largest);
        s.push_str(&showing.to_string());
    }
    s
}

/// The open product: the `drill` key when the report has it.
pub fn open<'a>(rows: &'a [ProductRow], drill: Option<&str>) -> Option<&'a ProductRow> {
    let d = drill?;
    rows.iter().find(|p| p.key == d)
}

/// Where the last drawing put things, for clicks: the donut, and the product bars (with their
/// product, `None` for "Other"; empty while a product's SKUs are shown).
struct Hits {
    ring: Ring,
    slices: Vec<(f64, f64)>,
    bars: (f64, f64, f64, f64),
    bar_keys: Vec<Option<String>>,
}

fn faded(c: RGBColor, to: RGBColor) -> RGBColor {
    let mix = |a: u8, b: u8| ((u16::from(a) + 2 * u16::from(b)) / 3) as u8;
    RGBColor(mix(c.0, to.0), mix(c.1, to.1), mix(c.2, to.2))
}

#[component]
pub fn ProductsSection(#[prop(into)] report: Signal<Option<Arc<Report>>>) -> impl IntoView {
    let drill = url::bind("drill", |v| v.map(str::to_string));
    let rows = Memo::new(move |_| {
        report.with(|r| r.as_ref().map(|r| r.products.clone()).unwrap_or_default())
    });
    let month = Memo::new(move |_| report.with(|r| r.as_ref().and_then(|r| r.range.map(|s| s.to))));
    let opened = Memo::new(move |_| rows.with(|r| drill.with(|d| open(r, d.as_deref()).cloned())));
    let set_drill = move |key: Option<String>| {
        url::write("drill", key.as_deref());
        drill.set(key);
    };
    let toggle = Callback::new(move |key: String| {
        let same = drill.with_untracked(|d| d.as_deref() == Some(key.as_str()));
        set_drill((!same).then_some(key));
    });
    let select = Callback::new(move |key: String| set_drill(Some(key)));
    let total =
        Memo::new(move |_| report.with(|r| r.as_ref().and_then(|r| r.summary.customers.value)));
    let geometry = StoredValue::new(None::<Hits>);
    let on_click = Callback::new(move |(x, y): (f64, f64)| {
        let hit = geometry.with_value(|g| {
            let g = g.as_ref()?;
            if let Some(i) = donut::hit(&g.ring, &g.slices, x, y) {
                return rows.with_untracked(|r| r.get(i).map(|p| p.key.clone()));
            }
            hbars::row_at(g.bars, g.bar_keys.len(), x, y)
                .and_then(|i| g.bar_keys.get(i).cloned().flatten())
        });
        if let Some(key) = hit {
            toggle.run(key);
        }
    });
    let legend = Signal::derive(move || {
        let d = drill.get();
        rows.with(|rows| {
            rows.iter()
                .enumerate()
                .map(|(i, p)| LegendItem {
                    key: p.key.clone(),
                    label: format!("{} · {}", p.key, format::count(p.customers)),
                    on: d.as_deref() == Some(p.key.as_str()),
                    swatch: group::swatch(i),
                })
                .collect::<Vec<_>>()
        })
    });
    let sub = Signal::derive(move || match month.get() {
        Some(m) => crate::tr!(products.sub_in, month = format::month(m)).to_string(),
        None => crate::tr!(products.sub).into(),
    });
    let empty = Signal::derive(move || {
        rows.with(Vec::is_empty)
            .then(|| crate::tr!(products.none_month).to_string())
    });
    let draw = UnsyncCallback::new(move |(canvas, w, h): (_, f64, f64)| {
        let rows = rows.get();
        let opened = opened.get();
        let s = Surface::new(&canvas, w, h)?;
        let theme = Theme::of(&canvas);
        // side by side when wide, the SKUs under the donut when narrow
        let wide = w >= 560.0;
        let (dw, dh) = if wide {
            ((w * 0.42).min(h + 40.0), h)
        } else {
            (w, h * 0.48)
        };
        let outer = ((dw.min(dh)) / 2.0 - 8.0).max(10.0);
        let ring = Ring {
            cx: dw / 2.0,
            cy: dh / 2.0,
            inner: outer * 0.6,
            outer,
        };
        let values: Vec<i64> = rows.iter().map(|p| p.customers).collect();
        let slices = donut::slices(&values);
        let open_at = opened
            .as_ref()
            .and_then(|o| rows.iter().position(|p| p.key == o.key));
        for (i, &(a, b)) in slices.iter().enumerate() {
            let c = theme.category(i);
            let c = match open_at {
                Some(j) if j != i => faded(c, theme.surface),
                _ => c,
            };
            s.polygon(&donut::outline(&ring, a, b), c);
            // a thin gap between slices
            s.line(
                &[
                    donut::point(&ring, a, ring.inner),
                    donut::point(&ring, a, ring.outer),
                ],
                theme.surface,
                1.5,
            );
        }
        let (big, small) = match &opened {
            Some(p) => (
                format::count(p.customers),
                hbars::fit(&p.key, (ring.inner * 2.0 / 6.6) as usize),
            ),
            None => (
                format::count(rows.len() as i64),
                crate::tr!(products.products).to_string(),
            ),
        };
        let text = theme.color("--pi-text", (15, 23, 42));
        let size = (ring.inner / 3.0).clamp(12.0, 24.0);
        s.text_sized(
            &big,
            ring.cx,
            ring.cy - 2.0,
            text,
            Pos::new(HPos::Center, VPos::Bottom),
            size,
        );
        s.text(
            &small,
            ring.cx,
            ring.cy + 4.0,
            theme.label,
            Pos::new(HPos::Center, VPos::Top),
        );

        let (bx0, by0) = if wide {
            (dw + 24.0, 8.0)
        } else {
            (4.0, dh + 16.0)
        };
        let (bx1, by1) = (w - 4.0, h - 4.0);
        let mut bar_keys = Vec::new();
        match (&opened, open_at) {
            (Some(p), Some(j)) => {
                let color = theme.category(j);
                let bars: Vec<HBar> = group::top_list(&p.skus, &BTreeSet::new(), KEEP)
                    .into_iter()
                    .map(|(label, value, at)| HBar {
                        note: crate::components::distribution::share(value, Some(p.customers)),
                        color: if at.is_some() { color } else { theme.other() },
                        label,
                        value,
                    })
                    .collect();
                hbars::draw(&s, &theme, (bx0, by0, bx1, by1), &bars);
            }
            _ => {
                // every product as a bar (each opens its SKUs when clicked)
                let list: Vec<KeyCount> = rows
                    .iter()
                    .map(|p| KeyCount {
                        key: p.key.clone(),
                        customers: p.customers,
                    })
                    .collect();
                let total = total.get();
                let bars: Vec<HBar> = group::top_list(&list, &BTreeSet::new(), KEEP)
                    .into_iter()
                    .map(|(label, value, at)| {
                        bar_keys.push(at.and_then(|i| list.get(i)).map(|p| p.key.clone()));
                        HBar {
                            note: crate::components::distribution::share(value, total),
                            color: at.map_or_else(|| theme.other(), |i| theme.category(i)),
                            label,
                            value,
                        }
                    })
                    .collect();
                hbars::draw(&s, &theme, (bx0, by0, bx1, by1), &bars);
            }
        }
        geometry.set_value(Some(Hits {
            ring,
            slices,
            bars: (bx0, by0, bx1, by1),
            bar_keys,
        }));
        s.present();
        None
    });
    let drill_bar = move || match opened.get() {
        Some(p) => view! {
            <span>{crate::tr!(products.skus_of)}</span>
            <span class="pi-drill__name">{p.key}</span>
            <button type="button" class="pi-drill__back" on:click=move |_| set_drill(None)>
                {crate::tr!(products.all)}
            </button>
        }
        .into_any(),
        None => view! {
            <span class="pi-muted">
                {crate::tr!(products.select)}
            </span>
        }
        .into_any(),
    };
    view! {
        <ChartFrame
            report=report
            testid="section-products"
            title=crate::tr!(products.title)
            sub=sub
            summary=Signal::derive(move || rows.with(|r| opened.with(|o| summary(r, o.as_ref(), month.get()))))
            label=crate::tr!(products.label)
            legend=legend
            on_toggle=toggle
            table=Signal::derive(move || rows.with(|r| products_table(r)))
            extra_table=Signal::derive(move || opened.with(|o| o.as_ref().map(skus_table)))
            on_row=select
            empty=empty
            draw=draw
            tip=Callback::new(|_: usize| None)
            select=true
            long_legend=true
            hint=crate::tr!(products.hint)
            on_click=on_click
        >
            <div class="pi-drill" aria-live="polite" data-testid="products-drill">{drill_bar}</div>
        </ChartFrame>
    }
}
