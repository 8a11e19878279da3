//! The billing reconciliation files and the customer list (formats.md section 4), on fixtures
//! under `fixtures/load/billing/` whose headers are the published column lists verbatim
//! (research notes, section 6), with the charge-line arithmetic computed by hand.

use metrics::load::{
    lacking, load, load_report_text, DateRule, DayOrder, FileNote, Input, Lacking, Loaded, Status,
};
use metrics::model::{Dataset, End};
use metrics::{report, Month, Query};
use std::path::Path;

fn fixture(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/load/billing")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn load_fixtures(names: &[&str]) -> Loaded {
    let files: Vec<(&str, Vec<u8>)> = names.iter().map(|n| (*n, fixture(n))).collect();
    let inputs: Vec<Input<'_>> = files
        .iter()
        .map(|(name, bytes)| Input { name, bytes })
        .collect();
    load(&inputs)
}

const INVOICES: [&str; 4] = [
    "invoice_2024_01.csv",
    "invoice_2024_02.csv",
    "invoice_2024_03.csv",
    "invoice_2024_04.csv",
];

const CONTOSO: &str = "3f2b6c1e-8d4a-4b7e-9c21-5a0e7d9f1b34";
const FABRIKAM: &str = "8a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const TAILSPIN: &str = "d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6";

fn sub(n: u32) -> String {
    format!("a000000{n}-0000-4000-8000-00000000000{n}")
}

fn m(s: &str) -> Month {
    Month::parse(s).unwrap_or_else(|| panic!("{s}"))
}

/// The activity intervals of a subscription: (first month, first month no longer active).
fn intervals(ds: &Dataset, sid: &str) -> Vec<(String, String)> {
    let a = &ds.activity;
    let mut out: Vec<(String, String)> = (0..a.len())
        .filter(|&i| ds.strings.resolve(a.subscription[i]) == sid)
        .map(|i| match a.end[i] {
            End::At(e) => (a.start[i].to_string(), e.to_string()),
            other => panic!("{sid}: end {other:?}"),
        })
        .collect();
    out.sort();
    out
}

fn iv(from: &str, to: &str) -> (String, String) {
    (from.to_string(), to.to_string())
}

/// The one fact of a subscription: (product, SKU, partner location, sales channel, customer id).
fn attributes(ds: &Dataset, sid: &str) -> (String, String, String, String, String) {
    let a = &ds.activity;
    let i = (0..a.len())
        .find(|&i| ds.strings.resolve(a.subscription[i]) == sid)
        .unwrap_or_else(|| panic!("no fact of {sid}"));
    let s = |k| ds.strings.resolve(k).to_string();
    (
        s(a.product[i]),
        s(a.sku[i]),
        s(a.partner_location[i]),
        s(a.sales_channel[i]),
        ds.customers.id[a.customer[i] as usize].to_lowercase(),
    )
}

#[test]
fn charge_lines_give_the_quantity_in_force_at_each_month_end() {
    let l = load_fixtures(&INVOICES);
    for f in &l.files {
        assert_eq!(f.status, Status::Loaded, "{f:#?}");
        assert_eq!(f.format, "billing:invoice_reconciliation");
        assert_eq!(f.problem_count, 0, "{f:#?}");
        assert_eq!(f.invoices, 1, "{}", f.name);
    }
    let lines: Vec<u64> = l.files.iter().map(|f| f.charge_lines).collect();
    assert_eq!(lines, [3, 3, 4, 3]);
    // January's one-time purchase (a reservation, no SubscriptionId) is skipped, and says why
    assert_eq!(l.files[0].rows_skipped, 1);
    assert!(l.files[0]
        .skipped
        .keys()
        .any(|k| k.contains("one-time purchase")));
    assert_eq!(l.files[0].customers_named, 2);
    let ds = &l.dataset;
    // monthly, anniversary the 15th: 1/15-2/14 (5), 2/15-3/14 (5), 3/15-4/14 (5) and a seat
    // added 3/20-4/14 (2: 7 at the end of March), 4/15-5/14 (7); nothing holds May 31
    assert_eq!(intervals(ds, &sub(1)), [iv("2024-01", "2024-05")]);
    // annual prepaid 2/10/2024-2/9/2025: every month end from February to January
    assert_eq!(intervals(ds, &sub(2)), [iv("2024-02", "2025-02")]);
    // annual 1/5/2024-1/4/2025 (3), cancelled: -3 from 4/20/2024 to 1/4/2025 (a credit in a
    // later file than the charge): 3 at the ends of January to March, 0 from April
    assert_eq!(intervals(ds, &sub(3)), [iv("2024-01", "2024-04")]);
    // anniversary the 31st: 1/31-2/28, 2/29-3/30, 3/31-4/29 hold January 31, February 29 and
    // March 31; the credit 4/20-4/29 holds no month end; April 30 is in no line
    assert_eq!(intervals(ds, &sub(4)), [iv("2024-01", "2024-04")]);
    // 3/5-3/20: a period that contains no month end is never active
    assert_eq!(intervals(ds, &sub(5)), []);
    assert_eq!(
        attributes(ds, &sub(1)),
        (
            "Microsoft 365".into(),
            "Microsoft 365 Business Standard".into(),
            "6034453".into(),
            "Direct".into(),
            CONTOSO.into()
        )
    );
    // Dynamics 365 by the name rules; Fabrikam's lines name a reseller (ResellerMPNID)
    assert_eq!(attributes(ds, &sub(2)).0, "Dynamics 365");
    assert_eq!(attributes(ds, &sub(4)).3, "Indirect");
    assert_eq!(attributes(ds, &sub(4)).4, FABRIKAM);
    // a year of monthly lines is one fact per run of active months
    assert_eq!(ds.activity.len(), 4);
    // customers: id, name, country
    let c = (0..ds.customers.len())
        .find(|&c| &*ds.customers.id[c] == FABRIKAM)
        .expect("Fabrikam");
    assert_eq!(ds.strings.resolve(ds.customers.name[c]), "Fabrikam SARL");
    assert_eq!(ds.strings.resolve(ds.customers.country[c]), "FR");
    // the report: Contoso and Fabrikam in January to March, Contoso alone in April
    let r = report(ds, &Query::default());
    assert_eq!(
        r.as_of.map(|d| d.to_string()).as_deref(),
        Some("2024-04-20")
    );
    let totals: Vec<Option<i64>> = r.summary.customers.spark.clone();
    assert_eq!(totals, [Some(2), Some(2), Some(2), Some(1)]);
    // January: S1, S3, S4; February and March: S1 to S4 (S5 never); April: S1, S2
    assert_eq!(
        r.summary.subscriptions.spark,
        [Some(3), Some(4), Some(4), Some(2)]
    );
    let churn: Vec<i64> = r.adds_churn.iter().map(|a| a.churned).collect();
    assert_eq!(churn, [0, 0, 0, 1]);
    // no usage file: active customers are null, and the report says what is missing
    assert_eq!(r.summary.active_customers.value, None);
    assert_eq!(
        lacking(ds),
        [
            Lacking::Segment,
            Lacking::Attribution,
            Lacking::ActiveUsage,
            Lacking::Deployment,
            Lacking::Usage
        ]
    );
    let text = load_report_text(&l.files);
    assert!(
        text.contains("1 invoice, 3 charge lines, 2 customers named"),
        "{text}"
    );
}

#[test]
fn the_order_of_the_files_does_not_matter() {
    let a = load_fixtures(&INVOICES);
    let mut rev = INVOICES;
    rev.reverse();
    let b = load_fixtures(&rev);
    for s in 1..=5 {
        assert_eq!(
            intervals(&a.dataset, &sub(s)),
            intervals(&b.dataset, &sub(s))
        );
    }
}

#[test]
fn daily_rated_usage_spans_a_month_without_consumption() {
    let l = load_fixtures(&["daily_rated_usage_2024.csv"]);
    let f = &l.files[0];
    assert_eq!(f.format, "billing:daily_rated_usage", "{f:#?}");
    assert_eq!((f.rows_read, f.rows_used, f.problem_count), (5, 5, 0));
    assert_eq!(f.consumption_lines, 3);
    assert_eq!(f.customers_named, 1);
    let ds = &l.dataset;
    // consumption in January and March (February's and March 13's lines have Quantity 0)
    let months: Vec<String> = ds.consumption.month.iter().map(|m| m.to_string()).collect();
    assert_eq!(months, ["2024-01", "2024-03"]);
    // the plan is active from its first month of consumption to its last
    assert_eq!(intervals(ds, &sub(6)), [iv("2024-01", "2024-04")]);
    assert_eq!(
        attributes(ds, &sub(6)),
        (
            "Azure".into(),
            "Azure plan".into(),
            "6034453".into(),
            // ResellerMPNID 0: no reseller
            "Direct".into(),
            TAILSPIN.into()
        )
    );
    let r = report(ds, &Query::default());
    assert_eq!(
        r.as_of.map(|d| d.to_string()).as_deref(),
        Some("2024-03-13")
    );
    assert_eq!(r.summary.customers.spark, [Some(1), Some(1), Some(1)]);
    // February: a customer, not active, and no churn
    assert_eq!(
        r.summary.active_customers.spark,
        [Some(1), Some(0), Some(1)]
    );
    let churn: Vec<i64> = r.adds_churn.iter().map(|a| a.churned).collect();
    assert_eq!(churn, [0, 0, 0]);
    assert!(!lacking(ds).contains(&Lacking::ActiveUsage));
}

#[test]
fn invoices_and_usage_together() {
    let mut names = INVOICES.to_vec();
    names.push("daily_rated_usage_2024.csv");
    let l = load_fixtures(&names);
    let r = report(&l.dataset, &Query::default());
    // ChargeStartDate 4/20/2024 is the latest date (UsageDate 3/13/2024; end dates never count)
    assert_eq!(
        r.as_of.map(|d| d.to_string()).as_deref(),
        Some("2024-04-20")
    );
    assert_eq!(
        r.summary.customers.spark,
        [Some(3), Some(3), Some(3), Some(1)]
    );
    assert_eq!(
        r.summary.active_customers.spark,
        [Some(1), Some(0), Some(1), Some(0)]
    );
    let churn: Vec<i64> = r.adds_churn.iter().map(|a| a.churned).collect();
    assert_eq!(churn, [0, 0, 0, 2]);
    let by: Vec<(String, i64)> = r
        .summary
        .by_product
        .iter()
        .map(|k| (k.key.clone(), k.customers))
        .collect();
    assert_eq!(
        by,
        [
            ("Dynamics 365".to_string(), 1),
            ("Microsoft 365".to_string(), 1)
        ]
    );
}

#[test]
fn us_dates_and_a_european_resave_read_alike() {
    let us = load_fixtures(&["daily_rated_usage_2024.csv"]);
    let eu = load_fixtures(&["daily_rated_usage_2024_resaved.csv"]);
    let (fu, fe) = (&us.files[0], &eu.files[0]);
    assert_eq!(fe.container, "csv;");
    assert_eq!(fe.problem_count, 0, "{fe:#?}");
    // rule 1: a value with a part above 12 decides (no `Month` column: rule 2 never applies)
    let du = fu.dates.as_ref().expect("dates");
    assert_eq!(
        (du.order, du.rule),
        (DayOrder::MonthDay, DateRule::Impossible)
    );
    let de = fe.dates.as_ref().expect("dates");
    assert_eq!(
        (de.order, de.rule),
        (DayOrder::DayMonth, DateRule::Impossible)
    );
    assert_eq!(
        intervals(&us.dataset, &sub(6)),
        intervals(&eu.dataset, &sub(6))
    );
    assert_eq!(us.dataset.consumption.month, eu.dataset.consumption.month);
    // rule 3: dates that fit both orders are day/month in a `;` file
    let amb = load_fixtures(&["daily_rated_usage_ambiguous_resaved.csv"]);
    let f = &amb.files[0];
    assert_eq!(f.problem_count, 0, "{f:#?}");
    let d = f.dates.as_ref().expect("dates");
    assert_eq!((d.order, d.rule), (DayOrder::DayMonth, DateRule::Semicolon));
    let months: Vec<String> = amb
        .dataset
        .consumption
        .month
        .iter()
        .map(|m| m.to_string())
        .collect();
    assert_eq!(months, ["2024-03"]);
    // and 1,5 is one and a half
    assert_eq!(f.consumption_lines, 2);
}

#[test]
fn the_customer_list_alone_says_which_files_to_add() {
    let l = load_fixtures(&["Customers.csv"]);
    let f = &l.files[0];
    assert_eq!(f.format, "partner_center:customer_list", "{f:#?}");
    assert_eq!(f.status, Status::Loaded);
    assert_eq!(f.customers_named, 4);
    assert_eq!(f.notes, [FileNote::CustomerListOnly]);
    assert!(FileNote::CustomerListOnly
        .as_str()
        .contains("invoice reconciliation"));
    assert_eq!(l.dataset.customers.len(), 4);
    assert!(l.dataset.activity.is_empty());
    let text = load_report_text(&l.files);
    assert!(text.contains("4 customers named"), "{text}");
    assert!(text.contains("carries no subscriptions"), "{text}");
}

#[test]
fn the_customer_list_with_invoices_adds_customers_without_activity() {
    let mut names = vec!["Customers.csv"];
    names.extend(INVOICES);
    let l = load_fixtures(&names);
    assert!(l.files[0].notes.is_empty(), "{:#?}", l.files[0]);
    let ds = &l.dataset;
    // Fabrikam's id is upper-case in the list: the same customer
    assert_eq!(ds.customers.len(), 4);
    let names: Vec<&str> = (0..ds.customers.len())
        .map(|c| ds.strings.resolve(ds.customers.name[c]))
        .collect();
    assert!(names.contains(&"Northwind Traders"), "{names:?}");
    let r = report(ds, &Query::default());
    // Northwind and Tailspin have no subscription in these files: not customers in any month
    assert_eq!(
        r.summary.customers.spark,
        [Some(2), Some(2), Some(2), Some(1)]
    );
}

#[test]
fn legacy_and_one_time_files_are_recognised_not_used() {
    let l = load_fixtures(&["legacy_license_based.csv", "legacy_usage_based.csv"]);
    let formats: Vec<(&str, Status)> = l
        .files
        .iter()
        .map(|f| (f.format.as_str(), f.status))
        .collect();
    assert_eq!(
        formats,
        [
            ("not_used:legacy_license_reconciliation", Status::NotUsed),
            ("not_used:legacy_usage_reconciliation", Status::NotUsed)
        ]
    );
    assert!(l.dataset.customers.is_empty());
}

/// The US usage fixture with its dates rewritten day/month, the first line's fitting both
/// orders (so the file is first read month/day, then again day/month: the first read's
/// subscription spans must be rolled back).
fn day_first_comma_file() -> Vec<u8> {
    let text = String::from_utf8(fixture("daily_rated_usage_2024.csv")).unwrap_or_default();
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    let cols: Vec<&str> = header.split(',').collect();
    let at = |name: &str| cols.iter().position(|c| *c == name).unwrap_or(usize::MAX);
    let (start, end, day) = (at("ChargeStartDate"), at("ChargeEndDate"), at("UsageDate"));
    let mut out = format!("{header}\r\n");
    // (usage date, quantity): 01/02/2024 is February 1 read day/month, January 2 month/day
    for (d, q) in [("01/02/2024", "1"), ("13/03/2024", "2")] {
        let first: Vec<&str> = lines
            .clone()
            .next()
            .unwrap_or_default()
            .split(',')
            .collect();
        let mut row: Vec<String> = first.iter().map(|s| s.to_string()).collect();
        row[start] = String::new();
        row[end] = String::new();
        row[day] = d.to_string();
        row[at("Quantity")] = q.to_string();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

#[test]
fn a_second_read_of_a_file_leaves_no_trace_of_the_first() {
    let bytes = day_first_comma_file();
    let l = load(&[Input {
        name: "day_first.csv",
        bytes: &bytes,
    }]);
    let f = &l.files[0];
    assert_eq!(f.problem_count, 0, "{f:#?}");
    let d = f.dates.as_ref().expect("dates");
    assert_eq!(
        (d.order, d.rule),
        (DayOrder::DayMonth, DateRule::Impossible)
    );
    // February and March, not January (the first read's reading of 01/02/2024)
    assert_eq!(intervals(&l.dataset, &sub(6)), [iv("2024-02", "2024-04")]);
    assert_eq!(f.consumption_lines, 2);
    // a refused file after it changes nothing
    let bad = [0u8, 1, 2];
    let with_bad = load(&[
        Input {
            name: "day_first.csv",
            bytes: &bytes,
        },
        Input {
            name: "bad.csv",
            bytes: &bad,
        },
    ]);
    assert_eq!(with_bad.files[1].status, Status::Refused);
    assert_eq!(
        intervals(&with_bad.dataset, &sub(6)),
        [iv("2024-02", "2024-04")]
    );
    let _ = m("2024-01");
}
