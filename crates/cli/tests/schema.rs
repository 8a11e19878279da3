//! `schema/bundle.schema.json` describes the bundle: the committed sample, generated bundles and
//! bundles converted from other inputs (with `end_unknown` / `commitment_end`) all validate, and
//! documents the reader refuses do not.

use metrics::bundle::{Bundle, BundleSubscription};
use metrics::generate::{self, Format, Params};
use serde_json::{json, Value};
use std::collections::BTreeSet;

fn root(p: &str) -> String {
    format!("{}/../../{p}", env!("CARGO_MANIFEST_DIR"))
}

fn read_json(p: &str) -> Value {
    let bytes = std::fs::read(root(p)).unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

fn validator() -> jsonschema::Validator {
    let schema = read_json("schema/bundle.schema.json");
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path))
        .collect()
}

/// Every key the schema names, per object kind, must be a key the Rust types write, and the
/// other way round (catches a schema that drifts from bundle.rs).
#[test]
fn schema_names_exactly_the_bundle_fields() {
    let schema = read_json("schema/bundle.schema.json");
    let keys = |v: &Value| -> BTreeSet<String> {
        v["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    let full = Bundle {
        format: metrics::bundle::FORMAT.to_string(),
        version: 1,
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 10, 31),
        customers: vec![metrics::bundle::BundleCustomer {
            id: "t".into(),
            name: Some("n".into()),
            country: Some("FR".into()),
            market: Some("FR".into()),
            segment: Some("SMB".into()),
        }],
        subscriptions: vec![BundleSubscription {
            customer_id: "t".into(),
            id: Some("s".into()),
            product: "Azure".into(),
            sku: Some("x".into()),
            partner_location: Some("x".into()),
            attribution: Some("x".into()),
            sales_channel: Some("x".into()),
            start: "2024-01".into(),
            end: Some("2024-05".into()),
            end_unknown: true,
            commitment_end: chrono::NaiveDate::from_ymd_opt(2024, 3, 1),
        }],
        usage: vec![metrics::bundle::BundleUsage {
            customer_id: "t".into(),
            product: Some("Azure".into()),
            sku: Some("x".into()),
            workload: Some("Exchange".into()),
            from: "2024-01".into(),
            sold: vec![Some(1)],
            assigned: vec![Some(1)],
            active: vec![None],
            entitled: vec![Some(2)],
        }],
        consumption: vec![metrics::bundle::BundleConsumption {
            customer_id: "t".into(),
            product: "Azure".into(),
            months: vec!["2024-01".into()],
        }],
    };
    let v = serde_json::to_value(&full).unwrap();
    let obj_keys =
        |v: &Value| -> BTreeSet<String> { v.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(keys(&schema), obj_keys(&v));
    let defs = &schema["$defs"];
    assert_eq!(keys(&defs["customer"]), obj_keys(&v["customers"][0]));
    assert_eq!(
        keys(&defs["subscription"]),
        obj_keys(&v["subscriptions"][0])
    );
    assert_eq!(keys(&defs["usage"]), obj_keys(&v["usage"][0]));
    assert_eq!(keys(&defs["consumption"]), obj_keys(&v["consumption"][0]));
    assert!(validator().is_valid(&v));
}

#[test]
fn committed_sample_validates() {
    let v = validator();
    let sample = read_json("data/sample.json");
    let errs = errors(&v, &sample);
    assert!(errs.is_empty(), "{:#?}", &errs[..errs.len().min(10)]);
    assert_eq!(sample["format"], "partner-insights-bundle");
    assert_eq!(sample["as_of"], "2026-10-31");
}

#[test]
fn generated_and_converted_bundles_validate() {
    let v = validator();
    for seed in [1, 2, 3] {
        let p = Params {
            customers: 40,
            months: 14,
            seed,
            ..Params::default()
        };
        let files = generate::generate(&p, Format::Bundle).unwrap();
        let doc: Value = serde_json::from_slice(&files[0].1).unwrap();
        assert!(errors(&v, &doc).is_empty());
        // the REST rendering, converted: suspended / deleted subscriptions carry
        // commitment_end or end_unknown
        let rest = generate::generate(&p, Format::Rest).unwrap();
        let inputs: Vec<metrics::load::Input<'_>> = rest
            .iter()
            .map(|(n, b)| metrics::load::Input { name: n, bytes: b })
            .collect();
        let loaded = metrics::load(&inputs);
        let converted =
            serde_json::to_value(metrics::bundle::from_dataset(&loaded.dataset)).unwrap();
        let errs = errors(&v, &converted);
        assert!(errs.is_empty(), "{errs:#?}");
    }
}

#[test]
fn documents_the_reader_refuses_do_not_validate() {
    let v = validator();
    let ok = json!({"format": "partner-insights-bundle", "version": 1});
    assert!(v.is_valid(&ok));
    for bad in [
        json!({"format": "partner-insights-bundle"}),
        json!({"format": "something-else", "version": 1}),
        json!({"format": "partner-insights-bundle", "version": 2}),
        json!({"format": "partner-insights-bundle", "version": 1, "customers": [{"name": "x"}]}),
        json!({"format": "partner-insights-bundle", "version": 1,
               "subscriptions": [{"customer_id": "t", "product": "Azure"}]}),
        json!({"format": "partner-insights-bundle", "version": 1,
               "subscriptions": [{"customer_id": "t", "product": "Azure", "start": "2024-13"}]}),
        json!({"format": "partner-insights-bundle", "version": 1,
               "usage": [{"customer_id": "t", "from": "2024-01", "sold": [1.5]}]}),
        json!({"format": "partner-insights-bundle", "version": 1, "customers": null}),
    ] {
        assert!(!v.is_valid(&bad), "{bad}");
    }
}
