//! Property tests: `load` never panics on random bytes or mutated fixtures, every file gets a
//! report, every refusal has a message naming the file, and row counts add up. (The
//! coverage-guided targets are in `crates/metrics/fuzz`, run with `cargo +nightly fuzz run`.)

use metrics::load::{load, load_report_text, Input, Status};
use proptest::prelude::*;

const FIXTURES: &[&str] = &[
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
    "rest/customer_license_usage.json",
    "rest/partner_license_totals.json",
    "not_used/invoices.json",
];

fn fixture(path: &str) -> Vec<u8> {
    let p = format!("{}/tests/fixtures/load/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn check(bytes: &[u8]) {
    let l = load(&[Input { name: "x", bytes }, Input { name: "y", bytes }]);
    assert_eq!(l.files.len(), 2);
    for f in &l.files {
        match f.status {
            Status::Refused => {
                let m = f.refused.as_deref().unwrap_or("");
                assert!(m.starts_with(&format!("{}: ", f.name)), "{m}");
                assert!(m.len() > f.name.len() + 10, "{m}");
            }
            Status::Loaded => {
                assert_eq!(f.rows_read, f.rows_used + f.rows_skipped, "{f:#?}");
                assert!(f.problems.len() as u64 <= f.problem_count);
                assert!(f.problems.len() <= 50);
            }
            Status::NotUsed => assert_eq!(f.rows_used, 0),
        }
    }
    let _ = load_report_text(&l.files);
    let _ = metrics::report(&l.dataset, &metrics::Query::default());
}

/// Regression inputs (found while fuzzing, or shapes worth keeping).
#[test]
fn regressions() {
    let dir = format!("{}/tests/fixtures/load/fuzz", env!("CARGO_MANIFEST_DIR"));
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            check(&std::fs::read(e.path()).unwrap());
        }
    }
    for b in [
        &b"{"[..],
        b"[",
        b"[{}]",
        b"{}",
        b"[[]]",
        b"\xEF\xBB\xBF[",
        b"\"",
        b",,,\n,,,",
        b";\n;",
        b"CustomerTenantId,CustomerStatus,Month\n\"",
        b"CustomerTenantId,CustomerStatus,Month\n\xff\xfe,Active,2024-01",
        b"{\"value\":{\"a\":1}}",
        b"{\"items\":7,\"companyProfile\":{\"tenantId\":\"t\"}}",
        b"[{\"CustomerTenantId\":\"t\",\"CustomerStatus\":\"Active\",\"Month\":\"9999-12-31\"}]",
        b"[{\"CustomerTenantId\":\"t\",\"CustomerStatus\":\"Active\",\"Month\":\"0000-01\"}]",
        b"[{\"offerId\":1,\"status\":\"x\",\"creationDate\":\"2024-01-01\",\"links\":{\"self\":{\"uri\":\"/customers/\xc3\xa9/subscriptions/1\"}}}]",
    ] {
        check(b);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        check(&bytes);
    }

    #[test]
    fn random_text_starting_like_json_or_csv(
        start in prop::sample::select(vec!["{", "[", "\u{feff}[", "CustomerTenantId,CustomerStatus,Month\n", "a;b\n"]),
        rest in "[\\[\\]{}\",:;0-9a-zA-Z \\n-]{0,200}",
    ) {
        check(format!("{start}{rest}").as_bytes());
    }

    #[test]
    fn mutated_fixtures(
        which in 0..FIXTURES.len(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8),
    ) {
        let mut b = fixture(FIXTURES[which]);
        for (at, byte, op) in edits {
            if b.is_empty() {
                break;
            }
            let i = at.index(b.len());
            match op {
                0 => b[i] = byte,
                1 => { b.insert(i, byte); }
                _ => b.truncate(i),
            }
        }
        check(&b);
    }
}

/// Found by the fuzz target `load_delimited` (crates/metrics/fuzz): a byte-order mark at the
/// start of a later line that the in-place splitter hands to csv_core (the line has a quote or a
/// carriage return) was dropped, csv_core stripping one after each reset as at the start of a
/// file, where the csv crate keeps it: a file valid as UTF-8 (split in place) then read a row
/// fewer than the same rows read by the csv crate (a file that is not, here by its last row).
#[test]
fn a_byte_order_mark_inside_a_file_is_data_as_the_csv_crate_reads_it() {
    let text = "CustomerTenantId,CustomerName,CustomerStatus,Month\n\
                t1,Contoso,Active,2024-03-01\n\u{feff}\r,x\n";
    let utf8 = load(&[Input {
        name: "a.csv",
        bytes: text.as_bytes(),
    }]);
    let mut bytes = text.as_bytes().to_vec();
    bytes.extend_from_slice(b"t3,\xff,Active,2024-03-01\n");
    let not_utf8 = load(&[Input {
        name: "a.csv",
        bytes: &bytes,
    }]);
    // t1, the mark alone, `,x` (and t3)
    assert_eq!(utf8.files[0].rows_read, 3, "{:#?}", utf8.files[0]);
    assert_eq!(not_utf8.files[0].rows_read, 4, "{:#?}", not_utf8.files[0]);
    // the fuzzer's input itself (`,` then the header's index, then the rows)
    let crash = include_bytes!("fixtures/load/fuzz/load_delimited-bom-after-line-end");
    check(crash);
}
