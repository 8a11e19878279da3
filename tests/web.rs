//! App tests in a real browser (headless Chromium through wasm-bindgen-test-runner):
//! `cargo test -p partner-insights --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use metrics::report::{ChurnKpi, KeyCount, Kpi, Span, Summary as SummaryData};
use metrics::{Month, Report};
use partner_insights::app::Page;
use partner_insights::components::summary::Summary;
use partner_insights::engine::{Engine, FileBytes};
use partner_insights::state::Dashboard;
use partner_insights::{format, present};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

/// A fresh container in the document.
fn container() -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

fn text(root: &web_sys::Element, selector: &str) -> Option<String> {
    root.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
}

/// Waits (up to ~5 s) until `selector` exists under `root`.
async fn wait_for(root: &web_sys::Element, selector: &str) -> bool {
    for _ in 0..100 {
        if root.query_selector(selector).unwrap().is_some() {
            return true;
        }
        sleep(50).await;
    }
    false
}

fn m(y: i32, mo: u32) -> Month {
    Month::new(y, mo)
}

fn kpi(value: i64, change: Option<f64>) -> Kpi {
    Kpi {
        value: Some(value),
        change_pct: change,
        spark: vec![Some(value - 5), Some(value - 2), Some(value)],
    }
}

fn report() -> Report {
    let range = Span {
        from: m(2026, 8),
        to: m(2026, 10),
    };
    Report {
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 10, 31),
        timeline: Some(Span {
            from: m(2024, 1),
            to: m(2026, 10),
        }),
        range: Some(range),
        filters: Default::default(),
        months: format::months(range.from, range.to).collect(),
        summary: SummaryData {
            customers: kpi(1234, Some(3.08)),
            active_customers: Kpi {
                value: None,
                change_pct: None,
                spark: vec![None, None, None],
            },
            subscriptions: kpi(4100, Some(-0.42)),
            net_added: kpi(-7, None),
            last_month_churn: ChurnKpi {
                value: Some(12),
                churn_pct: Some(8.94),
                spark: vec![Some(3), Some(9), Some(12)],
            },
            by_product: vec![
                KeyCount {
                    key: "Microsoft 365".into(),
                    customers: 1100,
                },
                KeyCount {
                    key: "<b>Azure</b>".into(),
                    customers: 275,
                },
            ],
        },
        adds_churn: vec![],
        geo: vec![],
        distribution: Default::default(),
        products: vec![],
        distribution_trend: Default::default(),
        active_trend: vec![],
        adoption: None,
        warnings: vec![],
    }
}

#[wasm_bindgen_test]
fn formatting_helpers() {
    assert_eq!(format::count(1234567), "1,234,567");
    assert_eq!(format::signed_count(-7), "\u{2212}7");
    assert_eq!(format::month(m(2025, 10)), "Oct 2025");
    let t = present::tiles(&report());
    assert_eq!(t.len(), 5);
    assert_eq!(t[0].change.text, "▲ 3.1%");
    assert_eq!(t[0].change.compare, "vs Jul 2026");
}

#[wasm_bindgen_test]
async fn summary_renders_the_report_values() {
    let root = container();
    let r = Arc::new(report());
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(Dashboard::new(None, None));
        let report = Signal::derive(move || Some(r.clone()));
        view! { <Summary report=report /> }
    });
    assert!(wait_for(&root, "[data-testid=kpi-churn]").await);
    let value = |id: &str| {
        text(
            &root,
            &format!("[data-testid={id}] [data-testid=kpi-value]"),
        )
    };
    assert_eq!(value("kpi-customers").as_deref(), Some("1,234"));
    assert_eq!(value("kpi-active-customers").as_deref(), Some("—"));
    assert_eq!(value("kpi-subscriptions").as_deref(), Some("4,100"));
    assert_eq!(value("kpi-net-added").as_deref(), Some("\u{2212}7"));
    assert_eq!(value("kpi-churn").as_deref(), Some("12"));
    let customers = text(&root, "[data-testid=kpi-customers]").unwrap();
    assert!(customers.contains("▲ 3.1%"), "{customers}");
    assert!(customers.contains("vs Jul 2026"), "{customers}");
    let subs = text(&root, "[data-testid=kpi-subscriptions]").unwrap();
    assert!(subs.contains("▼ 0.4%"), "{subs}");
    // a null change says why in a title
    let none = root
        .query_selector("[data-testid=kpi-net-added] .pi-badge--none")
        .unwrap()
        .unwrap();
    assert!(none
        .get_attribute("title")
        .unwrap()
        .contains("Net added was 0"));

    // customers by product: labelled bars with counts, data text never parsed as HTML
    let products = root
        .query_selector("[data-testid=kpi-by-product]")
        .unwrap()
        .unwrap();
    assert!(products.query_selector("b").unwrap().is_none());
    let rows = products.query_selector_all(".pi-bars__row").unwrap();
    assert_eq!(rows.length(), 2);
    let first = products.text_content().unwrap();
    assert!(first.contains("Microsoft 365") && first.contains("1,100"));
    assert!(first.contains("<b>Azure</b>"));

    // the sparkline canvas is sized by devicePixelRatio
    let canvas: web_sys::HtmlCanvasElement = root
        .query_selector("[data-testid=kpi-customers] canvas")
        .unwrap()
        .unwrap()
        .unchecked_into();
    sleep(50).await;
    let dpr = web_sys::window().unwrap().device_pixel_ratio();
    let expected = (f64::from(canvas.client_width()) * dpr).round() as u32;
    assert!(canvas.client_width() > 0);
    assert_eq!(canvas.width(), expected);
    drop(handle);
}

/// Runs with the page URL's query set to `query` (the App reads `data`, `from`, `to` from it).
fn set_query(query: &str) {
    let w = web_sys::window().unwrap();
    let path = w.location().pathname().unwrap();
    let url = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    w.history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        .unwrap();
}

/// Waits (up to ~20 s) until `f` holds.
async fn wait_until(mut f: impl FnMut() -> bool) -> bool {
    for _ in 0..400 {
        if f() {
            return true;
        }
        sleep(50).await;
    }
    false
}

#[wasm_bindgen_test]
async fn the_page_says_clearly_when_the_data_cannot_be_fetched() {
    set_query("data=no-such-file.json");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), Page);
    assert!(wait_for(&root, "[role=alert]").await);
    let msg = text(&root, "[role=alert]").unwrap();
    assert!(msg.contains("could not be loaded"), "{msg}");
    assert!(msg.contains("no-such-file.json"), "{msg}");
    // the load report says why: the server's answer
    let report = text(&root, "[data-testid=load-report]").unwrap_or_default();
    assert!(report.contains("no-such-file.json"), "{report}");
    assert!(report.contains("404"), "{report}");
    assert!(text(&root, "header").unwrap().contains("Partner Insights"));
    assert!(text(&root, "footer")
        .unwrap()
        .contains("never leaves your browser"));
    drop(handle);
    set_query("");
}

/// The whole page on the committed sample (the test runner serves the crate root, so
/// `data/sample.json` resolves as it does in the release build): the tiles show what the engine
/// computes, and picking another `range-to` recomputes them.
#[wasm_bindgen_test]
async fn the_page_shows_the_engine_numbers_for_the_sample_and_follows_the_range() {
    set_query("");
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), Page);
    let value = |id: &str| {
        text(
            &root,
            &format!("[data-testid={id}] [data-testid=kpi-value]"),
        )
        .unwrap_or_default()
    };
    assert!(wait_until(|| value("kpi-customers").chars().any(|c| c.is_ascii_digit())).await);

    // the same numbers as the engine for the default query
    let bytes = gloo_net::http::Request::get("data/sample.json")
        .send()
        .await
        .unwrap()
        .binary()
        .await
        .unwrap();
    let loaded = metrics::load(&[metrics::Input {
        name: "sample.json",
        bytes: &bytes,
    }]);
    let first = metrics::report(&loaded.dataset, &metrics::Query::default());
    for t in &present::tiles(&first) {
        assert_eq!(value(t.id), t.value, "{}", t.id);
    }
    let as_of = text(&root, "[data-testid=data-as-of]").unwrap();
    assert_eq!(as_of, format::date(first.as_of.unwrap()));

    // pick an earlier last month: the customers value follows the engine for that range
    let select: web_sys::HtmlSelectElement = root
        .query_selector("[data-testid=range-to]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let from: web_sys::HtmlSelectElement = root
        .query_selector("[data-testid=range-from]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let n = select.length();
    assert!(n > 12, "{n} months");
    let target = select.item(n - 7).unwrap().get_attribute("value").unwrap();
    select.set_value(&target);
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    let q = metrics::Query {
        from: partner_insights::url::parse_month(&from.value()),
        to: partner_insights::url::parse_month(&target),
        ..metrics::Query::default()
    };
    let after = present::tiles(&metrics::report(&loaded.dataset, &q));
    assert!(wait_until(|| value("kpi-customers") == after[0].value).await);
    for t in &after {
        assert_eq!(value(t.id), t.value, "{}", t.id);
    }
    assert_eq!(select.value(), target);
    drop(handle);
    set_query("");
}

#[wasm_bindgen_test]
async fn the_engine_handle_loads_a_bundle_and_reports() {
    let bundle = br#"{"format":"partner-insights-bundle","version":1,"as_of":"2026-03-31",
      "customers":[{"id":"t1","name":"Contoso","country":"FR","segment":"SMB"},
                   {"id":"t2","name":"Fabrikam","country":"DE","segment":"Enterprise"}],
      "subscriptions":[
        {"customer_id":"t1","id":"s1","product":"Microsoft 365","sku":"Microsoft 365 E3","start":"2026-01","end":null},
        {"customer_id":"t2","id":"s2","product":"Azure","sku":"Azure plan","start":"2026-02","end":"2026-03"}]}"#;
    // no worker script in the test runner: the engine runs on this thread, from held bytes
    // or from a Blob alike
    let engine = Engine::new();
    assert!(!engine.in_worker());
    let parsed = std::rc::Rc::new(std::cell::Cell::new(0u64));
    let p2 = parsed.clone();
    let loaded = engine
        .load(
            vec![FileBytes {
                name: "t.json".into(),
                bytes: bundle.to_vec().into(),
            }],
            move |_, bytes| p2.set(p2.get() + bytes),
        )
        .await
        .unwrap();
    assert_eq!(loaded.files[0].rows_used, 4);
    assert_eq!(parsed.get(), bundle.len() as u64);
    let blob = partner_insights::source::blob(bundle).unwrap();
    let again = engine
        .load(
            vec![FileBytes {
                name: "t.json".into(),
                bytes: partner_insights::engine::Bytes::Blob(blob),
            }],
            |_, _| {},
        )
        .await
        .unwrap();
    assert_eq!(again.files, loaded.files);
    assert_eq!(again.generation, loaded.generation + 1);
    let r = engine.report(metrics::Query::default()).await.unwrap();
    assert_eq!(r.range.map(|s| s.to), Some(m(2026, 3)));
    assert_eq!(r.summary.customers.value, Some(1));
    assert_eq!(r.summary.last_month_churn.value, Some(1));
    assert_eq!(r.summary.subscriptions.value, Some(1));
}

/// The crash banner (shown by the panic hook): an alert with fixed text and a reload button,
/// added once however many panics.
#[wasm_bindgen_test]
fn crash_banner_is_an_alert_added_once() {
    use partner_insights::crash;
    crash::install();
    crash::show_banner();
    crash::show_banner();
    let doc = web_sys::window().unwrap().document().unwrap();
    let banners = doc.query_selector_all("[role=alert]#pi-crash").unwrap();
    assert_eq!(banners.length(), 1);
    let banner = doc.get_element_by_id(crash::BANNER_ID).unwrap();
    assert!(banner
        .text_content()
        .unwrap()
        .starts_with("Something went wrong — reload"));
    assert_eq!(text(&banner, "button").as_deref(), Some("Reload"));
    banner.remove();
}
