//! The billing rendering of a generated book (`insights generate --format billing`): every file
//! loads cleanly, headers as published, and, when every Azure plan consumes every month, it
//! gives the customers, subscriptions, adds and churn the REST rendering of the same book gives
//! (both know the subscriptions' real start dates; the REST rendering's customers.json and
//! subscriptions.json, its licence files aside: they carry no activity).

use metrics::date::Month;
use metrics::generate::{self, catalog, Book, Format, Params};
use metrics::load::{load, load_parallel, Input, Loaded, Status};
use metrics::{report, Query};
use proptest::prelude::*;

fn load_files(files: &[(String, Vec<u8>)]) -> Loaded {
    let inputs: Vec<Input<'_>> = files
        .iter()
        .map(|(n, b)| Input { name: n, bytes: b })
        .collect();
    load(&inputs)
}

fn book(p: &Params) -> Book {
    let mut book = generate::build(p).unwrap_or_else(|e| panic!("{e}"));
    // every Azure plan consumes in every month it is active
    for c in &mut book.customers {
        for s in &mut c.subscriptions {
            if s.sku().unit == catalog::Unit::Plan {
                for a in &mut s.acr_cents {
                    *a = (*a).max(1);
                }
            }
        }
    }
    book
}

fn assert_billing_like_rest(p: &Params) {
    let book = book(p);
    let billing = load_files(&generate::write(&book, Format::Billing));
    for f in &billing.files {
        assert_eq!(f.status, Status::Loaded, "{}: {:?}", f.name, f.refused);
        assert_eq!(f.problem_count, 0, "{}: {:?}", f.name, f.problems);
    }
    let rest: Vec<(String, Vec<u8>)> = generate::write(&book, Format::Rest)
        .into_iter()
        .filter(|(n, _)| n == "customers.json" || n == "subscriptions.json")
        .collect();
    let rest = load_files(&rest);
    // the same range: the window's months
    let q = Query {
        from: Some(book.month(0)),
        to: Some(book.month(book.months() - 1)),
        as_of: book.month(book.months() - 1).last_day(),
        ..Query::default()
    };
    let (rb, rr) = (report(&billing.dataset, &q), report(&rest.dataset, &q));
    let what = format!("{p:?}");
    assert_eq!(rb.timeline, rr.timeline, "{what}");
    assert_eq!(rb.summary.customers, rr.summary.customers, "{what}");
    assert_eq!(rb.summary.subscriptions, rr.summary.subscriptions, "{what}");
    assert_eq!(rb.summary.net_added, rr.summary.net_added, "{what}");
    assert_eq!(
        rb.summary.last_month_churn, rr.summary.last_month_churn,
        "{what}"
    );
    assert_eq!(rb.adds_churn, rr.adds_churn, "{what}");
    assert_eq!(rb.summary.by_product, rr.summary.by_product, "{what}");
    let geo = |r: &metrics::Report| {
        r.geo
            .iter()
            .map(|g| (g.country.clone(), g.customers, g.new))
            .collect::<Vec<_>>()
    };
    assert_eq!(geo(&rb), geo(&rr), "{what}");
}

#[test]
fn billing_files_report_like_rest_subscriptions() {
    for seed in [1, 7, 42] {
        assert_billing_like_rest(&Params {
            customers: 80,
            months: 14,
            seed,
            ..Params::default()
        });
    }
}

#[test]
fn billing_files_have_the_published_headers_and_us_dates() {
    let p = Params {
        customers: 30,
        months: 12,
        seed: 5,
        ..Params::default()
    };
    let files = generate::generate(&p, Format::Billing).unwrap_or_else(|e| panic!("{e}"));
    let head = |name: &str| -> String {
        let (_, b) = files
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no {name}"));
        String::from_utf8_lossy(b)
            .lines()
            .next()
            .unwrap_or("")
            .to_string()
    };
    assert!(head("daily_rated_usage.csv").starts_with(
        "PartnerId,PartnerName,CustomerId,CustomerName,CustomerDomainName,CustomerCountry,MPNID,ResellerMPNID,InvoiceNumber,"
    ));
    assert!(head("daily_rated_usage.csv").ends_with("BenefitOrderId,BenefitId,BenefitType"));
    assert_eq!(
        head("Customers.csv"),
        "Microsoft ID,Company name,Primary domain name,Relationship"
    );
    let invoices: Vec<&String> = files
        .iter()
        .map(|(n, _)| n)
        .filter(|n| n.starts_with("invoice_reconciliation_"))
        .collect();
    assert!(invoices.len() >= 12, "{invoices:?}");
    assert!(head(invoices[0]).starts_with(
        "PartnerId,CustomerId,CustomerName,CustomerDomainName,CustomerCountry,InvoiceNumber,MPNID,ResellerMPNID,OrderId,OrderDate,"
    ));
    assert!(head(invoices[0]).ends_with("ReferenceID,ProductQualifiers,PromotionID"));
    // the file names its month; its lines start in it
    let last = format!(
        "invoice_reconciliation_{}_{:02}.csv",
        p.end.year(),
        p.end.month()
    );
    assert!(files.iter().any(|(n, _)| *n == last), "{invoices:?}");
    // cancellations credit, indirect resellers are named, some anniversaries are mid-month
    let text: String = files
        .iter()
        .filter(|(n, _)| n.starts_with("invoice_"))
        .map(|(_, b)| String::from_utf8_lossy(b).to_string())
        .collect();
    assert!(text.contains("Prorate fees when cancel"));
    assert!(text.contains("Cycle instance prorate"));
    assert!(text.contains(",Annual,"));
    let loaded = load_files(&files);
    let ds = &loaded.dataset;
    let channels: Vec<&str> = ds
        .activity
        .sales_channel
        .iter()
        .map(|k| ds.strings.resolve(*k))
        .collect();
    assert!(channels.contains(&"Indirect") && channels.contains(&"Direct"));
    let _ = Month::new(2026, 10);
}

#[test]
fn billing_files_loaded_on_several_threads_give_the_same_dataset() {
    let p = Params {
        customers: 60,
        months: 8,
        seed: 11,
        ..Params::default()
    };
    let mut files = generate::generate(&p, Format::Billing).unwrap_or_else(|e| panic!("{e}"));
    // and the REST rendering after them (the same customers and subscriptions met again)
    files.extend(generate::generate(&p, Format::Rest).unwrap_or_else(|e| panic!("{e}")));
    let inputs: Vec<Input<'_>> = files
        .iter()
        .map(|(name, bytes)| Input { name, bytes })
        .collect();
    let one = load(&inputs);
    for threads in [2, 3, 5, 16] {
        let many = load_parallel(&inputs, threads);
        assert_eq!(one.files, many.files);
        assert_eq!(
            metrics::bundle::from_dataset(&one.dataset),
            metrics::bundle::from_dataset(&many.dataset),
            "{threads} threads"
        );
        let q = Query::default();
        assert_eq!(
            serde_json::to_string(&report(&one.dataset, &q)).ok(),
            serde_json::to_string(&report(&many.dataset, &q)).ok(),
            "{threads} threads"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn billing_files_report_like_rest_for_any_book(
        seed in any::<u64>(),
        customers in 1u32..40,
        months in 1u32..20,
        end_year in 2015i32..2030,
        end_month in 1u32..=12,
    ) {
        assert_billing_like_rest(&Params {
            customers,
            months,
            seed,
            end: Month::new(end_year, end_month),
            usage_months: 0,
        });
    }
}
