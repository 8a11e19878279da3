//! App tests in a real browser (headless Chromium through wasm-bindgen-test-runner):
//! `cargo test -p partner-insights --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use metrics::report::{ChurnKpi, KeyCount, Kpi, Span, Summary as SummaryData};
use metrics::{Month, Report};
use partner_insights::app::Page;
use partner_insights::components::summary::Summary;
use partner_insights::engine::{Engine, FileBytes};
use partner_insights::locale::{self, Locale};
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
        ..Report::default()
    }
}

/// Runs `f` with the page in `lang`, then back in English (the tests share one page).
fn in_lang<R>(lang: Locale, f: impl FnOnce() -> R) -> R {
    locale::set_current(lang);
    let out = f();
    locale::set_current(Locale::en);
    out
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
fn english_numbers_months_and_dates_through_intl() {
    in_lang(Locale::en, || {
        assert_eq!(format::count(0), "0");
        assert_eq!(format::count(999), "999");
        assert_eq!(format::count(1000), "1,000");
        assert_eq!(format::count(-1234), "\u{2212}1,234");
        assert_eq!(format::signed_count(34), "+34");
        assert_eq!(format::signed_count(0), "0");
        assert_eq!(format::signed_count(-1500), "\u{2212}1,500");
        assert_eq!(format::pct_abs(2.46), "2.5%");
        assert_eq!(format::pct_abs(-8.0), "8.0%");
        assert_eq!(format::pct(8.94), "8.9%");
        assert_eq!(format::pct(-0.01), "0.0%");
        assert!(format::pct_is_zero(-0.01));
        assert_eq!(format::pct(-3.26), "\u{2212}3.3%");
        assert_eq!(format::whole_pct(25), "25%");
        assert_eq!(
            format::month_span(m(2025, 11), m(2026, 10)),
            "Nov 2025 – Oct 2026"
        );
        assert_eq!(format::month_span(m(2025, 1), m(2025, 1)), "Jan 2025");
        let d = chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
        assert_eq!(format::date(d), "Oct 31, 2026");
        assert_eq!(format::bytes(0), "0 kB");
        assert_eq!(format::bytes(1_500), "2 kB");
        assert_eq!(format::bytes(2_340_000), "2.3 MB");
        assert_eq!(format::bytes(123_400_000), "123 MB");
        let all: Vec<_> = format::months(m(2025, 11), m(2026, 2)).collect();
        assert_eq!(all, [m(2025, 11), m(2025, 12), m(2026, 1), m(2026, 2)]);
    });
}

#[wasm_bindgen_test]
fn french_numbers_months_and_dates_through_intl() {
    in_lang(Locale::fr, || {
        // a narrow no-break space (U+202F) between thousands, a decimal comma
        assert_eq!(format::count(1234), "1\u{202F}234");
        assert_eq!(format::count(1234567), "1\u{202F}234\u{202F}567");
        assert_eq!(format::count(-1234), "\u{2212}1\u{202F}234");
        assert_eq!(format::signed_count(287), "+287");
        // a percentage as Intl writes the unit: a no-break space before the sign
        assert_eq!(format::pct_abs(12.46), "12,5\u{A0}%");
        assert_eq!(format::pct(-3.26), "\u{2212}3,3\u{A0}%");
        assert_eq!(format::whole_pct(100), "100\u{A0}%");
        assert_eq!(format::month(m(2025, 10)), "oct. 2025");
        assert_eq!(format::month(m(2026, 2)), "févr. 2026");
        let d = chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
        assert_eq!(format::date(d), "31 oct. 2026");
        assert_eq!(format::bytes(2_340_000), "2,3\u{202F}Mo");
        // the summary tiles: French words around French numbers
        let t = present::tiles(&report());
        assert_eq!(t[0].label, "Clients");
        assert_eq!(t[0].value, "1\u{202F}234");
        assert_eq!(t[0].change.text, "▲ 3,1\u{A0}%");
        assert_eq!(t[0].change.compare, "par rapport à juil. 2026");
        assert_eq!(t[4].change.text, "8,9\u{A0}% de taux d’attrition");
    });
    // back in English, the same report reads in English again
    assert_eq!(present::tiles(&report())[0].label, "Customers");
}

#[wasm_bindgen_test]
fn load_report_sentences_in_both_languages() {
    use metrics::load::{DateReading, DateRule, DayOrder, Delivery, FileNote, Lacking};
    use partner_insights::loading::report as r;
    let impossible = DateReading {
        order: DayOrder::DayMonth,
        rule: DateRule::Impossible,
        example: "13/03/2025".into(),
        impossible_month: Some(13),
        conflict: false,
    };
    let month = DateReading {
        order: DayOrder::MonthDay,
        rule: DateRule::MonthColumn,
        example: "3/1/2025 12:00:00 AM".into(),
        impossible_month: None,
        conflict: true,
    };
    // English: the engine's own sentence (what `insights validate` prints), capitalised
    let en = r::dates_text(&impossible);
    let engine = impossible.to_string();
    assert_eq!(en, format!("D{}", &engine[1..]));
    assert_eq!(en, "Dates read as day/month: 13/03/2025 has no month 13");
    assert_eq!(
        r::dates_text(&month),
        format!("D{}", &month.to_string()[1..])
    );
    assert_eq!(
        r::format_label("insights:ems_usage", "csv;"),
        "Insights EMSUsage (CSV)"
    );
    assert_eq!(
        r::delivery_text(Delivery::DownloadReport),
        "download report"
    );
    assert_eq!(
        r::lacking_text(&[Lacking::PartnerLocation, Lacking::ActiveUsage]).as_deref(),
        Some("No loaded file provides: partner location, usage or consumption (active customers)")
    );
    assert_eq!(r::lacking_text(&[]), None);
    in_lang(Locale::fr, || {
        assert_eq!(
            r::dates_text(&impossible),
            "Dates lues en jour/mois : 13/03/2025 n’a pas de mois 13"
        );
        assert_eq!(
            r::dates_text(&month),
            "Dates lues en mois/jour : toutes les valeurs de Month ne sont le premier d’un mois \
             qu’en lecture mois/jour (3/1/2025 12:00:00 AM) ; certaines valeurs ne correspondent \
             à aucun ordre et sont signalées sur leur ligne"
        );
        // the datasets keep Partner Center's names
        assert_eq!(
            r::format_label("insights:power_bi_usage", "json-envelope"),
            "Insights PowerBIUsage (JSON)"
        );
        assert_eq!(
            r::delivery_text(Delivery::QueryPreview),
            "aperçu de requête (JSON)"
        );
        assert!(r::note_text(FileNote::PartnerLocationFromMpnId)
            .starts_with("Pas de colonne PartnerLocation"));
        assert_eq!(
            r::lacking_text(&[Lacking::Usage]).as_deref(),
            Some("Aucun fichier chargé ne fournit : licences actives et acquises (utilisation)")
        );
    });
}

#[wasm_bindgen_test]
fn texts_made_once_follow_the_language_and_stay_right_past_the_limit() {
    // the same numbers and months in turn in each language: each keeps its own texts
    for _ in 0..2 {
        in_lang(Locale::en, || {
            assert_eq!(format::count(4321), "4,321");
            assert_eq!(format::month(m(2024, 2)), "Feb 2024");
        });
        in_lang(Locale::fr, || {
            assert_eq!(format::count(4321), "4\u{202F}321");
            assert_eq!(format::month(m(2024, 2)), "févr. 2024");
        });
    }
    // months before 1970 (a negative time) and the last day of a leap February
    assert_eq!(format::month(m(1969, 12)), "Dec 1969");
    let d = chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
    assert_eq!(format::date(d), "Feb 29, 2024");
    // more numbers than are kept (8,192): the texts are dropped and made again, the same
    let grouped = |n: i64| {
        let d = n.to_string();
        if n >= 1000 {
            format!("{},{}", &d[..d.len() - 3], &d[d.len() - 3..])
        } else {
            d
        }
    };
    for round in 0..2 {
        for n in 0..9_000_i64 {
            if round == 1 && n % 97 != 0 {
                continue;
            }
            assert_eq!(format::count(n), grouped(n));
        }
    }
    assert_eq!(format::pct_abs(12.34), "12.3%");
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

/// Lets the microtasks queued so far run (leptos runs its effects in microtasks), but no task:
/// no timer, no idle callback, no observer's callback.
async fn microtasks() {
    for _ in 0..20 {
        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(
            &wasm_bindgen::JsValue::NULL,
        ))
        .await
        .unwrap();
    }
}

#[wasm_bindgen_test]
async fn a_section_off_screen_takes_a_new_report_after_the_one_on_screen() {
    use partner_insights::components::deferred::Deferred;
    let root = container();
    let first = Arc::new(report());
    let source = RwSignal::new(Some(first.clone()));
    let customers = |report: Signal<Option<Arc<Report>>>| {
        move || {
            report.with(|r| {
                r.as_ref()
                    .and_then(|r| r.summary.customers.value)
                    .unwrap_or_default()
                    .to_string()
            })
        }
    };
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let report: Signal<Option<Arc<Report>>> = source.into();
        view! {
            <Deferred report=report let:report><p id="near">{customers(report)}</p></Deferred>
            <div style="height: 20000px"></div>
            <Deferred report=report let:report><p id="far">{customers(report)}</p></Deferred>
        }
    });
    // the observers report where each section is
    sleep(200).await;
    assert_eq!(text(&root, "#near").as_deref(), Some("1234"));
    assert_eq!(text(&root, "#far").as_deref(), Some("1234"));

    let mut next = report();
    next.summary.customers.value = Some(99);
    source.set(Some(Arc::new(next)));
    microtasks().await;
    // in the task of the change: the section in view only
    assert_eq!(text(&root, "#near").as_deref(), Some("99"));
    assert_eq!(text(&root, "#far").as_deref(), Some("1234"));
    // then the one out of view, when the browser is idle
    assert!(wait_until(|| text(&root, "#far").as_deref() == Some("99")).await);

    // a second change: the section out of view lags again, and shows it once scrolled to
    let mut third = report();
    third.summary.customers.value = Some(7);
    source.set(Some(Arc::new(third)));
    microtasks().await;
    assert_eq!(text(&root, "#far").as_deref(), Some("99"));
    root.query_selector("#far")
        .unwrap()
        .unwrap()
        .scroll_into_view();
    assert!(wait_until(|| text(&root, "#far").as_deref() == Some("7")).await);
    assert_eq!(text(&root, "#near").as_deref(), Some("7"));
    web_sys::window().unwrap().scroll_to_with_x_and_y(0.0, 0.0);
    drop(handle);
    drop(first);
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

// Display text that goes through the browser's Intl (src/format.rs), so it is tested here rather
// than natively: the sections' tables, summaries and tooltips, in English.

mod sections_text {
    use super::m;
    use metrics::report::{
        ActiveMonth, AddsChurn, AdoptionCustomer, ChurnKpi, Distribution, GeoRow, KeyCount, Kpi,
        ProductRow, Span, Summary, TrendMonth,
    };
    use metrics::{Month, Report};
    use partner_insights::charts::canvas::month_tick;
    use partner_insights::charts::group::{self, OTHER};
    use partner_insights::components::{active, adds_churn, distribution, products, trend};
    use partner_insights::geo::present::{self as geo, Col as GeoCol, Metric, Scale, CLASSES};
    use partner_insights::loading::view as load_view;
    use partner_insights::loading::Progress;
    use partner_insights::present::{bars, tiles, Trend};
    use partner_insights::{adoption, format};
    use std::collections::{BTreeMap, BTreeSet};
    use wasm_bindgen_test::*;

    fn set(v: &[&str]) -> BTreeSet<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn span(a: Month, b: Month) -> Span {
        Span { from: a, to: b }
    }

    fn report(range: Span, timeline: Span, summary: Summary) -> Report {
        Report {
            timeline: Some(timeline),
            range: Some(range),
            months: format::months(range.from, range.to).collect(),
            summary,
            ..Report::default()
        }
    }

    #[wasm_bindgen_test]
    fn tiles_show_values_changes_and_comparisons() {
        let summary = Summary {
            customers: Kpi {
                value: Some(1234),
                change_pct: Some(-2.46),
                spark: vec![Some(1200), Some(1234)],
            },
            active_customers: Kpi {
                value: None,
                change_pct: None,
                spark: vec![None, None],
            },
            subscriptions: Kpi {
                value: Some(4100),
                change_pct: Some(0.0),
                spark: vec![Some(4000), Some(4100)],
            },
            net_added: Kpi {
                value: Some(34),
                change_pct: None,
                spark: vec![Some(20), Some(14)],
            },
            last_month_churn: ChurnKpi {
                value: Some(12),
                churn_pct: Some(8.94),
                spark: vec![Some(5), Some(12)],
            },
            by_product: vec![],
        };
        let r = report(
            span(m(2026, 9), m(2026, 10)),
            span(m(2026, 1), m(2026, 10)),
            summary,
        );
        let t = tiles(&r);
        assert_eq!(t[0].value, "1,234");
        assert_eq!(t[0].change.text, "▼ 2.5%");
        assert_eq!(t[0].change.trend, Trend::Down);
        assert_eq!(t[0].change.compare, "vs Aug 2026");
        assert_eq!(t[0].period, "Oct 2026");
        assert_eq!(t[1].value, "—");
        assert!(t[1]
            .value_reason
            .as_deref()
            .unwrap()
            .contains("No usage data"));
        assert_eq!(t[1].change.trend, Trend::None);
        assert_eq!(t[2].change.text, "0.0%");
        assert_eq!(t[2].change.trend, Trend::Flat);
        assert_eq!(t[3].value, "+34");
        assert_eq!(t[3].change.compare, "vs Jul 2026 – Aug 2026");
        assert!(t[3]
            .change
            .reason
            .as_deref()
            .unwrap()
            .contains("Net added was 0"));
        assert_eq!(t[3].period, "Sep 2026 – Oct 2026");
        assert_eq!(t[4].value, "12");
        assert_eq!(t[4].change.text, "8.9% churn rate");
        assert_eq!(t[4].change.compare, "over Sep 2026 – Oct 2026");
        assert_eq!(
            t[0].spark_label,
            "Customers trend from Sep 2026 1,200 to Oct 2026 1,234"
        );
    }

    #[wasm_bindgen_test]
    fn net_added_before_the_data_starts_says_so() {
        let mut s = Summary::default();
        s.net_added.value = Some(-3);
        let r = report(
            span(m(2026, 1), m(2026, 10)),
            span(m(2026, 1), m(2026, 10)),
            s,
        );
        let t = tiles(&r);
        assert_eq!(t[3].value, "\u{2212}3");
        assert!(t[3]
            .change
            .reason
            .as_deref()
            .unwrap()
            .contains("starts in Jan 2026"));
        assert_eq!(t[0].change.compare, "vs Jan 2026");
    }

    #[wasm_bindgen_test]
    fn bars_are_scaled_to_the_longest() {
        let rows = vec![
            KeyCount {
                key: "Microsoft 365".into(),
                customers: 1800,
            },
            KeyCount {
                key: "Azure".into(),
                customers: 450,
            },
        ];
        let b = bars(&rows);
        assert_eq!(b[0].width_pct, 100.0);
        assert_eq!(b[1].width_pct, 25.0);
        assert_eq!(b[0].count_text, "1,800");
        assert!(bars(&[]).is_empty());
    }

    #[wasm_bindgen_test]
    fn the_adds_table_lists_the_shown_series() {
        let row = AddsChurn {
            month: Month::new(2026, 3),
            new: 4,
            returning: 1,
            existing: 30,
            churned: 2,
        };
        let t = adds_churn::table(&[row], &set(&["returning"]));
        assert_eq!(t.head, ["Month", "New", "Existing", "Churned"]);
        assert_eq!(t.rows, vec![vec!["Mar 2026", "4", "30", "2"]]);
        assert_eq!(adds_churn::tip(&row).rows.len(), 4);
        assert!(
            adds_churn::summary(&[row]).contains("4 new, 1 returning, 30 existing and 2 churned")
        );
        assert_eq!(adds_churn::summary(&[]), "No month in the range.");
    }

    fn am(active: Option<i64>, total: i64) -> ActiveMonth {
        ActiveMonth {
            month: Month::new(2026, 3),
            active,
            total,
        }
    }

    #[wasm_bindgen_test]
    fn unknown_active_is_said_in_words() {
        let rows = [am(None, 40)];
        assert!(active::summary(&rows).starts_with("Active customers are not known"));
        assert_eq!(
            active::table(&rows, &BTreeSet::new()).rows,
            vec![vec!["Mar 2026", "not known", "40"]]
        );
        assert_eq!(active::tip(&rows[0]).rows[0].value, "not known");
    }

    #[wasm_bindgen_test]
    fn known_active_is_counted() {
        let rows = [am(Some(31), 40)];
        assert!(active::summary(&rows).contains("31 active of 40 customers"));
        assert_eq!(
            active::table(&rows, &set(&["total"])).head,
            ["Month", "Active customers"]
        );
    }

    fn tm(m: u32, counts: &[(&str, i64)]) -> TrendMonth {
        TrendMonth {
            month: Month::new(2026, m),
            counts: counts
                .iter()
                .map(|(k, v)| (k.to_string(), *v))
                .collect::<BTreeMap<_, _>>(),
        }
    }

    fn many() -> Vec<TrendMonth> {
        let counts: Vec<(String, i64)> = (0..9).map(|i| (format!("k{i}"), 90 - i * 10)).collect();
        let c: Vec<(&str, i64)> = counts.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        vec![tm(1, &c), tm(2, &c[..8])]
    }

    #[wasm_bindgen_test]
    fn the_top_categories_stack_and_the_rest_is_other() {
        let m = many();
        let l = trend::Layout::of(&m, &BTreeSet::new());
        assert_eq!(l.split.shown.len(), trend::KEEP);
        let s = l.segments(&m[0]);
        assert_eq!(s.len(), trend::KEEP + 1);
        assert_eq!(s[0], ("k0".to_string(), "cat-1".to_string(), 90));
        // k6 + k7 + k8 = 30 + 20 + 10
        assert_eq!(
            s[trend::KEEP],
            ("Other (3 more)".to_string(), "other".to_string(), 60)
        );
        // a month without k8 still sums what it has
        assert_eq!(l.segments(&m[1])[trend::KEEP].2, 50);
        let t = trend::tip(&l, &m[0]);
        assert_eq!(t.rows[0].label, "Other (3 more)");
        assert_eq!(t.rows.last().map(|r| r.value.as_str()), Some("90"));
    }

    #[wasm_bindgen_test]
    fn the_trend_table_lists_every_category_and_hiding_other_drops_the_group() {
        let m = many();
        let t = trend::table(&m, &BTreeSet::new(), "market");
        assert_eq!(t.head, ["Market", "Jan 2026", "Feb 2026"]);
        assert_eq!(t.rows.len(), 9);
        assert_eq!(t.rows[8], ["k8", "10", "0"]);
        let hidden: BTreeSet<String> = [OTHER.to_string(), "k0".to_string()].into();
        let l = trend::Layout::of(&m, &hidden);
        assert!(!l.other_on);
        assert_eq!(l.segments(&m[0]).len(), trend::KEEP);
        assert_eq!(l.split.shown[0], "k1");
        assert_eq!(trend::table(&m, &hidden, "market").rows.len(), trend::KEEP);
        assert!(trend::summary(&m, "market")
            .ends_with("in Feb 2026 the largest are k0 (90), k1 (80) and k2 (70)."));
    }

    fn product(key: &str, skus: &[(&str, i64)]) -> ProductRow {
        ProductRow {
            key: key.into(),
            customers: skus.iter().map(|s| s.1).sum(),
            skus: skus
                .iter()
                .map(|(k, n)| KeyCount {
                    key: k.to_string(),
                    customers: *n,
                })
                .collect(),
        }
    }

    #[wasm_bindgen_test]
    fn product_tables_list_products_and_the_open_products_skus() {
        let rows = vec![
            product("Azure", &[("Azure plan", 5)]),
            product("Windows", &[("E3", 2), ("E5", 1)]),
        ];
        let t = products::products_table(&rows);
        assert_eq!(t.rows[1], ["Windows", "3", "2"]);
        assert!(t.action.is_some());
        let p = products::open(&rows, Some("Windows")).unwrap();
        assert_eq!(
            products::skus_table(p).rows,
            vec![vec!["E3", "2"], vec!["E5", "1"]]
        );
        assert_eq!(products::open(&rows, Some("Nope")), None);
        assert_eq!(products::open(&rows, None), None);
        let s = products::summary(&rows, Some(p), None);
        assert!(s.contains("2 products, the largest Azure with 5 customers"));
        assert!(s.ends_with("Showing the 2 SKUs of Windows, the largest E3 with 2."));
        assert_eq!(
            products::summary(&[], None, None),
            "No product has active customers."
        );
    }

    fn kc(key: &str, customers: i64) -> KeyCount {
        KeyCount {
            key: key.into(),
            customers,
        }
    }

    #[wasm_bindgen_test]
    fn distribution_tabs_pick_their_rows_and_the_table_drops_hidden_categories() {
        let d = Distribution {
            segment: vec![kc("SMB", 30), kc("Corporate", 10)],
            ..Distribution::default()
        };
        assert_eq!(distribution::rows(&d, "segment").len(), 2);
        assert!(distribution::rows(&d, "nonsense").is_empty());
        let t = distribution::table(
            distribution::rows(&d, "segment"),
            &set(&["Corporate"]),
            Some(40),
            "segment",
        );
        assert_eq!(t.head, ["Segment", "Customers", "Share of customers"]);
        assert_eq!(t.rows, vec![vec!["SMB", "30", "75.0%"]]);
        assert_eq!(distribution::share(3, Some(0)), "");
    }

    #[wasm_bindgen_test]
    fn many_categories_end_in_one_other_bar() {
        let rows: Vec<KeyCount> = (0..12).map(|i| kc(&format!("c{i:02}"), 100 - i)).collect();
        let keep = distribution::KEEP;
        let b = group::top_list(&rows, &BTreeSet::new(), keep);
        assert_eq!(b.len(), keep + 1);
        assert_eq!(b[0], ("c00".to_string(), 100, Some(0)));
        assert_eq!(b[keep], ("Other (3 more)".to_string(), 91 + 90 + 89, None));
        let s = distribution::summary(&rows, Some(500), "segment", Some(Month::new(2026, 10)));
        assert!(s.starts_with("Current customers in Oct 2026 by segment: 12 values, the largest c00 with 100 (20.0% of 500 customers)."));
        assert!(s.ends_with("counts under each."));
        assert_eq!(
            distribution::summary(&[], None, "segment", None),
            "No current customer to show by segment."
        );
    }

    fn geo_row(c: Option<&str>, customers: i64, active: Option<i64>, new: i64) -> GeoRow {
        GeoRow {
            country: c.map(str::to_string),
            customers,
            customers_pct: Some(customers as f64),
            active,
            active_pct: active.map(|a| a as f64),
            new,
            new_pct: Some(new as f64 / 2.0),
        }
    }

    #[wasm_bindgen_test]
    fn geo_cells_show_counts_and_shares() {
        let r = geo_row(Some("FR"), 1200, None, 3);
        assert_eq!(
            geo::cell(Metric::Customers, &r),
            ("1,200".into(), "1,200.0%".into())
        );
        assert_eq!(
            geo::cell(Metric::Active, &r),
            ("not known".into(), String::new())
        );
        let mut z = geo_row(Some("FR"), 0, Some(0), 0);
        z.customers_pct = None;
        assert_eq!(geo::cell(Metric::Customers, &z), ("0".into(), "—".into()));
    }

    #[wasm_bindgen_test]
    fn the_map_legend_labels_its_classes() {
        let s = Scale::of([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        assert_eq!(s.labels()[0], "1–2");
        let one = Scale::of([7, 7, 7]);
        assert_eq!(one.labels(), ["7"]);
        assert_eq!(one.shade(0), CLASSES - 1);
        assert_eq!(Scale::of([1, 1, 1, 1, 2500]).labels()[1], "2,500");
    }

    #[wasm_bindgen_test]
    fn geo_tooltips_and_summary_say_the_numbers() {
        let rows = vec![
            geo_row(Some("US"), 30, Some(20), 1),
            geo_row(None, 20, Some(5), 3),
            geo_row(Some("FR"), 10, None, 5),
        ];
        let n: Vec<String> = rows
            .iter()
            .map(|r| geo::country_name(r.country.as_deref()))
            .collect();
        let t = geo::tip(n[2].clone(), Some(&rows[2]));
        assert_eq!(t.title, "France");
        let vals: Vec<&str> = t.rows.iter().map(|r| r.value.as_str()).collect();
        assert_eq!(vals, ["10 · 10.0%", "not known", "5 · 2.5%"]);
        assert_eq!(geo::tip("Chad".into(), None).rows[0].value, "0");
        assert_eq!(
            geo::summary(&rows, &n, Some("Oct 2026")),
            "Current customers in Oct 2026 in 2 countries; the most in United States (30, 30.0%) and France (10, 10.0%); 20 of unknown country (in the grid, not on the map)."
        );
        assert_eq!(
            geo::summary(&[], &[], None),
            "No current customers in the range."
        );
        // the grid sorts by the names shown
        let sel = geo::select(&rows, &n, "", GeoCol::Country, true);
        assert_eq!(sel, [2, 0, 1]);
    }

    #[wasm_bindgen_test]
    fn adoption_percentages_and_pages_in_words() {
        assert_eq!(adoption::present::pct(Some(123.45)), "123.5%");
        assert_eq!(adoption::present::pct(None), "—");
        assert_eq!(adoption::present::page_text(25, 25, 1569), "26–50 of 1,569");
        assert_eq!(adoption::present::page_text(0, 0, 0), "No customer");
        let c = AdoptionCustomer {
            id: "a".into(),
            name: "Contoso".into(),
            sold: 10,
            assigned: 0,
            deployment_pct: Some(50.0),
            active: 0,
            entitled: 0,
            usage_pct: None,
            over_100: false,
            products: vec![],
            workloads: vec![],
        };
        assert_eq!(c.name, "Contoso");
    }

    #[wasm_bindgen_test]
    fn load_summaries_and_progress_in_words() {
        use metrics::load::{FileReport, Status};
        let a = FileReport {
            rows_used: 1200,
            rows_skipped: 3,
            ..FileReport::default()
        };
        let b = FileReport {
            status: Status::Refused,
            ..FileReport::default()
        };
        assert_eq!(
            load_view::summary(std::slice::from_ref(&a)),
            "1 file · 1,200 rows used · 3 skipped"
        );
        assert_eq!(
            load_view::summary(&[a, b]),
            "2 files · 1,200 rows used · 3 skipped · 1 refused"
        );
        let mut p = Progress {
            index: 2,
            count: 3,
            name: "a.csv".into(),
            read: 500_000,
            total: Some(2_000_000),
            parsing: false,
        };
        assert_eq!(
            load_view::progress_text(&p),
            "Reading a.csv (2 of 3): 0.5 MB of 2.0 MB (25%)"
        );
        p.total = None;
        assert_eq!(
            load_view::progress_text(&p),
            "Reading a.csv (2 of 3): 0.5 MB"
        );
        p.parsing = true;
        p.total = Some(2_000_000);
        assert_eq!(
            load_view::progress_text(&p),
            "Parsing: 0.5 MB of 2.0 MB done…"
        );
    }

    #[wasm_bindgen_test]
    fn loads_above_the_limit_are_refused_in_words() {
        use partner_insights::loading::{too_big, MAX_LOAD_BYTES};
        assert_eq!(too_big("a.json", 0, MAX_LOAD_BYTES), None);
        let why = too_big("a.json", 1_600_000_000, 500_000_000).unwrap_or_default();
        assert!(
            why.starts_with(
                "a.json: 500 MB would take this load to 2,100 MB, more than the 2,000 MB"
            ),
            "{why}"
        );
    }

    #[wasm_bindgen_test]
    fn month_ticks_are_short() {
        assert_eq!(month_tick(Month::new(2025, 3)), "Mar 25");
        assert_eq!(month_tick(Month::new(2026, 12)), "Dec 26");
    }
}
