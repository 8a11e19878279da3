//! The project's bundle: detection, refusal, and the round trip dataset -> bundle -> load.

use metrics::bundle;
use metrics::load::{load, Input, Loaded, Status};
use metrics::{report, Query};

fn fixture(path: &str) -> Vec<u8> {
    let p = format!("{}/tests/fixtures/load/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn load_all(paths: &[&str]) -> Loaded {
    let data: Vec<(String, Vec<u8>)> = paths.iter().map(|p| (p.to_string(), fixture(p))).collect();
    let inputs: Vec<Input> = data
        .iter()
        .map(|(n, b)| Input { name: n, bytes: b })
        .collect();
    load(&inputs)
}

/// The report as JSON, without the warnings (they name the source file and row, which a bundle
/// replaces by its own); the number of warnings is kept.
fn comparable(r: &metrics::Report) -> serde_json::Value {
    let mut v = serde_json::to_value(r).unwrap();
    let n = v["warnings"].as_array().map_or(0, |w| w.len());
    v["warnings"] = serde_json::json!(n);
    v
}

#[test]
fn a_bundle_round_trips_to_the_same_report() {
    let original = load_all(&[
        "insights/customers_and_tenants.csv",
        "insights/customers_and_tenants_semicolon_bom.csv",
        "insights/seats_subscriptions_revenue.json",
        "insights/office_usage.json",
        "insights/dynamics_usage.csv",
        "rest/customers_collection.json",
        "rest/customer_single.json",
        "rest/subscriptions_collection.json",
        "rest/subscription_analytics.json",
        "rest/license_deployment.json",
        "rest/license_usage.json",
        "rest/customer_license_deployment.json",
    ]);
    assert!(original.files.iter().all(|f| f.status == Status::Loaded));
    let b = bundle::from_dataset(&original.dataset);
    let bytes = serde_json::to_vec_pretty(&b).unwrap();
    let again = load(&[Input {
        name: "bundle.json",
        bytes: &bytes,
    }]);
    let f = &again.files[0];
    assert_eq!(f.status, Status::Loaded, "{f:#?}");
    assert_eq!(f.format, "bundle");
    assert_eq!(f.container, "bundle");
    assert_eq!(f.problem_count, 0, "{f:#?}");
    assert_eq!(f.rows_read, f.rows_used);
    assert_eq!(again.dataset.max_date, original.dataset.max_date);
    assert_eq!(
        again.dataset.customers.len(),
        original.dataset.customers.len()
    );
    for q in [
        Query::default(),
        Query {
            from: Some(metrics::Month::new(2021, 1)),
            to: Some(metrics::Month::new(2024, 3)),
            ..Query::default()
        },
    ] {
        let a = report(&original.dataset, &q);
        let b2 = report(&again.dataset, &q);
        assert!(
            a.summary.customers.value.unwrap_or(0) > 0,
            "a report with customers"
        );
        assert_eq!(comparable(&a), comparable(&b2));
    }
    // and the bundle of the bundle is the same bundle
    assert_eq!(bundle::from_dataset(&again.dataset), b);

    // a bundle whose `format` comes last, after its data (object keys have no order), is the
    // same bundle: the engine looks for the name at the start first, then everywhere
    let v = serde_json::to_value(&b).unwrap();
    let mut text = String::from("{");
    for (k, val) in v
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| *k != "format")
    {
        text += &format!("{}:{val},", serde_json::Value::from(k.as_str()));
    }
    // whitespace is JSON too: the name lands past the first 4 KiB however small the data
    text += &" ".repeat(5000);
    text += &format!("\"format\":\"{}\"}}", bundle::FORMAT);
    let last = text.into_bytes();
    let at = last
        .windows(bundle::FORMAT.len())
        .position(|w| w == bundle::FORMAT.as_bytes());
    assert!(
        at.is_some_and(|at| at > 4096),
        "the name past the first 4 KiB"
    );
    let again = load(&[Input {
        name: "late.json",
        bytes: &last,
    }]);
    assert_eq!(again.files[0].format, "bundle", "{:#?}", again.files[0]);
    assert_eq!(bundle::from_dataset(&again.dataset), b);
}

#[test]
fn bundle_facts() {
    let doc = r#"{"format":"partner-insights-bundle","version":1,
      "customers":[{"id":"t1","name":"Contoso","country":"fr","segment":"SMB"}],
      "subscriptions":[
        {"customer_id":"T1","id":"S1","product":"Microsoft 365","sku":"E3","start":"2024-01","end":"2024-03"},
        {"customer_id":"t1","id":null,"product":"azure","start":"2024-02","end":null},
        {"customer_id":"t1","id":"s2","product":"Microsoft 365","start":"2023-01","end_unknown":true,"commitment_end":"2024-01-31"},
        {"customer_id":"t1","id":"s3","product":"Microsoft 365","start":"bad"}
      ],
      "usage":[{"customer_id":"t1","workload":"Teams","from":"2024-01","active":[3,null,5],"entitled":[10]}]}"#;
    let l = load(&[Input {
        name: "b.json",
        bytes: doc.as_bytes(),
    }]);
    let f = &l.files[0];
    assert_eq!(f.format, "bundle");
    assert_eq!((f.rows_read, f.rows_used, f.rows_skipped), (6, 5, 1));
    assert_eq!(
        f.problems[0].to_string(),
        "b.json:5: start: subscriptions[3]: not a month: `bad`"
    );
    let ds = &l.dataset;
    assert_eq!(ds.customers.len(), 1);
    assert_eq!(ds.strings.resolve(ds.customers.country[0]), "FR");
    use metrics::model::End;
    use metrics::Month;
    assert_eq!(ds.activity.end[0], End::At(Month::new(2024, 3)));
    assert_eq!(ds.activity.end[1], End::Open);
    assert_eq!(ds.strings.resolve(ds.activity.product[1]), "Azure");
    assert_eq!(
        ds.activity.end[2],
        End::Resolve {
            known: None,
            commitment: chrono::NaiveDate::from_ymd_opt(2024, 1, 31)
        }
    );
    // usage entries: month from + i, all-null entries skipped
    assert_eq!(ds.usage.len(), 2);
    assert_eq!(ds.usage.month[1], Month::new(2024, 3));
    assert_eq!(
        (ds.usage.active[0], ds.usage.entitled[0]),
        (Some(3), Some(10))
    );
    // no as_of: the latest usage month or start month
    assert_eq!(ds.max_date, chrono::NaiveDate::from_ymd_opt(2024, 3, 31));
}

#[test]
fn bad_bundles_are_refused() {
    let l = load(&[Input {
        name: "b.json",
        bytes: br#"{"format":"partner-insights-bundle","version":2}"#,
    }]);
    let msg = l.files[0].refused.as_deref().unwrap();
    assert_eq!(
        msg,
        "b.json: partner-insights-bundle: version 2 is not supported (expected 1)"
    );
    let l = load(&[Input {
        name: "b.json",
        bytes: br#"{"format":"partner-insights-bundle","version":1,"customers":[{"name":"x"}]}"#,
    }]);
    let msg = l.files[0].refused.as_deref().unwrap();
    assert!(
        msg.starts_with("b.json: partner-insights-bundle: invalid: missing field `id`"),
        "{msg}"
    );
    // the marker inside ordinary data is not a bundle
    let doc = r#"[{"CustomerTenantId":"t1","CustomerName":"partner-insights-bundle","CustomerStatus":"Active","Month":"2024-03"}]"#;
    let l = load(&[Input {
        name: "c.json",
        bytes: doc.as_bytes(),
    }]);
    assert_eq!(l.files[0].format, "insights:customers_and_tenants");
}
