//! Arbitrary bytes spliced into a JSON row of each envelope.
#![no_main]

use libfuzzer_sys::fuzz_target;
use metrics::load::{load, Input};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for (pre, post) in [
        (r#"{"value":[{"CustomerTenantId":"t1","CustomerStatus":"Active","Month":"#, "}]}"),
        (r#"{"items":[{"offerId":"o","status":"active","links":{"self":{"uri":"/customers/c/subscriptions/s"}},"creationDate":"#, "}]}"),
        (r#"{"Value":[{"licensesQualified":1,"processedDateTime":"2024-01-01","customerName":"#, "}]}"),
        (r#"{"format":"partner-insights-bundle","version":1,"subscriptions":[{"customer_id":"c","product":"Azure","start":"#, "}]}"),
    ] {
        let doc = format!("{pre}{text}{post}");
        let l = load(&[Input { name: "fuzz.json", bytes: doc.as_bytes() }]);
        let _ = metrics::report(&l.dataset, &metrics::Query::default());
    }
});
