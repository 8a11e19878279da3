//! The generator's key property: one book written as the bundle, as the Insights report API's
//! CSV, TSV and query preview JSON, and as those CSV files re-saved by a European spreadsheet
//! gives the same report, whatever the query; written as the portal's download reports (and
//! their European re-save) it gives the report of the bundle without its Seats deployment
//! series (the download report has no seat counts, only month-over-month differences). Also:
//! every generated file loads without a problem, and a bundle converted from the Insights files
//! reports the same again.
//!
//! These tests read the files back with the loader, so they hold once the loader reads
//! formats.md's published shapes (AzureUsage, EMSUsage, PowerBIUsage, `PartnerLocation`,
//! country names, `O365`, long attribution spellings, `;` files with day/month dates).

use metrics::bundle::Bundle;
use metrics::date::Month;
use metrics::generate::{self, resave_european, Book, Format, Params};
use metrics::load::{load, Input, Loaded, Status};
use metrics::{report, Dim, Query};
use proptest::prelude::*;
use serde_json::Value;

fn load_files(files: &[(String, Vec<u8>)]) -> Loaded {
    let inputs: Vec<Input<'_>> = files
        .iter()
        .map(|(n, b)| Input { name: n, bytes: b })
        .collect();
    load(&inputs)
}

/// Loads the files and checks that each loaded cleanly (only PGA duplicates skipped).
fn load_clean(files: &[(String, Vec<u8>)]) -> Loaded {
    let loaded = load_files(files);
    for f in &loaded.files {
        // an empty dataset (e.g. OfficeUsage with no usage window) is `not_used:empty`
        let empty = f.status == Status::NotUsed && f.rows_read == 0;
        assert!(
            f.status == Status::Loaded || empty,
            "{}: {:?} {:?}",
            f.name,
            f.status,
            f.refused
        );
        assert_eq!(f.problem_count, 0, "{}: {:?}", f.name, f.problems);
        assert_eq!(f.matched_by_name, 0, "{}", f.name);
    }
    loaded
}

fn queries(book: &Book) -> Vec<Query> {
    let end = Month(book.start.0 + book.months() - 1);
    let mut qs = vec![Query::default()];
    // a range inside the window, and one ending before the usage window
    qs.push(Query {
        from: Some(Month(book.start.0 + book.months() / 3)),
        to: Some(Month(end.0 - book.months() / 4)),
        ..Query::default()
    });
    qs.push(Query {
        from: Some(book.start),
        to: Some(book.start),
        ..Query::default()
    });
    // an earlier as-of date
    qs.push(Query {
        as_of: Month(end.0 - 1).last_day(),
        ..Query::default()
    });
    let mut f = |pairs: &[(Dim, &str)]| {
        let mut q = Query {
            deployment_threshold: 70.0,
            usage_threshold: 80.0,
            ..Query::default()
        };
        for (d, v) in pairs {
            q.filters.entry(*d).or_default().push(v.to_string());
        }
        qs.push(q);
    };
    f(&[(Dim::Product, "Azure")]);
    f(&[
        (Dim::Product, "Dynamics 365"),
        (Dim::Product, "Enterprise Mobility + Security"),
    ]);
    f(&[(Dim::Sku, "Power BI Pro"), (Dim::Sku, "Office 365 E3")]);
    f(&[(Dim::Attribution, "CPOR"), (Dim::Attribution, "CSP Tier 1")]);
    f(&[(Dim::PartnerLocation, "United States")]);
    f(&[(Dim::Product, "Microsoft 365"), (Dim::Product, "Power BI")]);
    f(&[(Dim::Sku, "Microsoft 365 Business Premium")]);
    f(&[(Dim::Country, "US"), (Dim::Country, "Unknown")]);
    f(&[(Dim::Segment, "SMB"), (Dim::Market, "FR")]);
    f(&[
        (Dim::PartnerLocation, "Unknown"),
        (Dim::PartnerLocation, "France"),
    ]);
    f(&[
        (Dim::Attribution, "CSP Tier 2"),
        (Dim::SalesChannel, "Direct"),
    ]);
    qs
}

/// The bundle of a book as the download reports see it: without the deployment series of the
/// Seats dataset (a product and SKU, no workload); the Dynamics 365 and Power BI series keep
/// theirs (DynamicsUsage and PowerBIUsage have AvailableSeats and AssignedSeats).
fn without_seat_deployment(mut b: Bundle) -> Bundle {
    b.usage
        .retain(|u| u.workload.is_some() || u.sold.is_empty() && u.assigned.is_empty());
    b
}

fn bundle_bytes(b: &Bundle) -> Vec<(String, Vec<u8>)> {
    vec![("bundle.json".to_string(), serde_json::to_vec(b).unwrap())]
}

/// Every CSV file re-saved by a European spreadsheet (`;`, day/month dates, decimal commas).
fn european(files: &[(String, Vec<u8>)]) -> Vec<(String, Vec<u8>)> {
    files.iter().map(resave_european).collect()
}

/// Asserts that every rendering of the book of `p` reports like its bundle for every query.
fn assert_equivalent(p: &Params) {
    let book = generate::build(p).unwrap();
    let bundle = load_clean(&generate::write(&book, Format::Bundle));
    let csv_files = generate::write(&book, Format::InsightsCsv);
    let download_files = generate::write(&book, Format::InsightsDownload);
    let download_bundle = load_clean(&bundle_bytes(&without_seat_deployment(generate::bundle(
        &book,
    ))));
    let same_as_bundle = [
        (
            "insights-json",
            load_clean(&generate::write(&book, Format::InsightsJson)),
        ),
        ("insights-csv", load_clean(&csv_files)),
        (
            "insights-tsv",
            load_clean(&generate::write(&book, Format::InsightsTsv)),
        ),
        (
            "insights-csv re-saved in Europe",
            load_clean(&european(&csv_files)),
        ),
    ];
    let same_as_download_bundle = [
        ("insights-download", load_clean(&download_files)),
        (
            "insights-download re-saved in Europe",
            load_clean(&european(&download_files)),
        ),
    ];
    for q in queries(&book) {
        let rb = serde_json::to_value(report(&bundle.dataset, &q)).unwrap();
        for (name, loaded) in &same_as_bundle {
            let r = serde_json::to_value(report(&loaded.dataset, &q)).unwrap();
            assert_same(&rb, &r, &format!("bundle vs {name}, {p:?}, {q:?}"));
        }
        let rd = serde_json::to_value(report(&download_bundle.dataset, &q)).unwrap();
        for (name, loaded) in &same_as_download_bundle {
            let r = serde_json::to_value(report(&loaded.dataset, &q)).unwrap();
            assert_same(
                &rd,
                &r,
                &format!("bundle without seats vs {name}, {p:?}, {q:?}"),
            );
        }
    }
}

/// Equality with a readable first difference.
fn assert_same(a: &Value, b: &Value, what: &str) {
    if a == b {
        return;
    }
    fn first_diff(a: &Value, b: &Value, path: String) -> String {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for (k, v) in x {
                    match y.get(k) {
                        Some(w) if v == w => {}
                        Some(w) => return first_diff(v, w, format!("{path}.{k}")),
                        None => return format!("{path}.{k}: missing on the right"),
                    }
                }
                format!("{path}: extra keys on the right")
            }
            (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
                for (i, (v, w)) in x.iter().zip(y).enumerate() {
                    if v != w {
                        return first_diff(v, w, format!("{path}[{i}]"));
                    }
                }
                path
            }
            _ => format!("{path}: {a} != {b}"),
        }
    }
    panic!(
        "{what}: reports differ at {}",
        first_diff(a, b, String::new())
    );
}

#[test]
fn renderings_report_alike_over_seeds_and_sizes() {
    for seed in [1, 2, 3, 42, 2026] {
        for (customers, months, usage_months) in [
            (1, 1, 1),
            (5, 3, 0),
            (30, 13, 12),
            (120, 24, 6),
            (60, 36, 12),
        ] {
            assert_equivalent(&Params {
                customers,
                months,
                seed,
                end: Month::new(2026, 10),
                usage_months,
            });
        }
    }
}

#[test]
fn renderings_report_alike_for_another_end_month() {
    assert_equivalent(&Params {
        customers: 80,
        months: 18,
        seed: 9,
        end: Month::new(2024, 2),
        usage_months: 18,
    });
}

#[test]
fn as_of_is_the_last_day_of_the_end_month() {
    let p = Params {
        customers: 10,
        months: 6,
        ..Params::default()
    };
    let book = generate::build(&p).unwrap();
    for f in [
        Format::Bundle,
        Format::InsightsJson,
        Format::InsightsCsv,
        Format::InsightsTsv,
        Format::InsightsDownload,
    ] {
        let l = load_clean(&generate::write(&book, f));
        let r = report(&l.dataset, &Query::default());
        assert_eq!(r.as_of, Month::new(2026, 10).last_day(), "{f}");
        assert!(r.warnings.is_empty(), "{f}: {:?}", r.warnings);
    }
}

#[test]
fn converted_insights_report_like_the_inputs() {
    let p = Params {
        customers: 70,
        months: 15,
        seed: 5,
        ..Params::default()
    };
    let book = generate::build(&p).unwrap();
    for f in [
        Format::InsightsJson,
        Format::InsightsCsv,
        Format::InsightsTsv,
        Format::InsightsDownload,
        Format::Bundle,
    ] {
        let loaded = load_clean(&generate::write(&book, f));
        let b = metrics::bundle::from_dataset(&loaded.dataset);
        let bytes = serde_json::to_vec(&b).unwrap();
        let again = load_clean(&[("converted.json".to_string(), bytes)]);
        for q in queries(&book) {
            let a = serde_json::to_value(report(&loaded.dataset, &q)).unwrap();
            let c = serde_json::to_value(report(&again.dataset, &q)).unwrap();
            assert_same(&a, &c, &format!("{f} vs its conversion, {q:?}"));
        }
    }
}

#[test]
fn rest_rendering_loads_cleanly_and_agrees_on_the_end_month() {
    let p = Params {
        customers: 60,
        months: 12,
        seed: 11,
        ..Params::default()
    };
    let book = generate::build(&p).unwrap();
    let rest = load_clean(&generate::write(&book, Format::Rest));
    let bundle = load_clean(&generate::write(&book, Format::Bundle));
    let q = Query::default();
    let (rr, rb) = (report(&rest.dataset, &q), report(&bundle.dataset, &q));
    assert_eq!(rr.as_of, rb.as_of);
    assert_eq!(rest.dataset.customers.len(), bundle.dataset.customers.len());
    // the same customers and subscriptions in the end month (REST knows the real start dates,
    // so its timeline starts earlier, but the current month is the same book)
    assert_eq!(rr.summary.customers.value, rb.summary.customers.value);
    assert_eq!(
        rr.summary.subscriptions.value,
        rb.summary.subscriptions.value
    );
    assert_eq!(rr.summary.by_product, rb.summary.by_product);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn renderings_report_alike_for_any_seed(
        seed in any::<u64>(),
        customers in 1u32..40,
        months in 1u32..20,
        usage in 0u32..20,
        end_year in 2015i32..2030,
        end_month in 1u32..=12,
    ) {
        assert_equivalent(&Params {
            customers,
            months,
            seed,
            end: Month::new(end_year, end_month),
            usage_months: usage.min(months),
        });
    }
}
