//! Exports exactly as Partner Center publishes them: every fixture under
//! `fixtures/load/published/` has a published column list verbatim as its header (the system
//! queries of the programmatic access, the download reports' data definitions; formats.md
//! section 1), and each rule of formats.md has its test here.

use metrics::load::{
    load, load_report_text, DateRule, DayOrder, Delivery, FileNote, FileReport, Input, Loaded,
    Status,
};
use metrics::model::{Dataset, NONE};
use metrics::{report, Month, Query, Report};
use std::io::Write;
use std::path::Path;

fn fixture(path: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/load")
        .join(path);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn load_named(files: &[(&str, Vec<u8>)]) -> Loaded {
    let inputs: Vec<Input<'_>> = files
        .iter()
        .map(|(name, bytes)| Input { name, bytes })
        .collect();
    load(&inputs)
}

fn load_fixtures(paths: &[&str]) -> Loaded {
    let files: Vec<(&str, Vec<u8>)> = paths.iter().map(|p| (*p, fixture(p))).collect();
    load_named(&files)
}

fn one(path: &str) -> (Dataset, FileReport) {
    let mut l = load_fixtures(&[path]);
    let f = l.files.remove(0);
    assert_eq!(f.status, Status::Loaded, "{f:#?}");
    assert_eq!(f.problem_count, 0, "{f:#?}");
    (l.dataset, f)
}

fn s(ds: &Dataset, k: u32) -> &str {
    ds.strings.resolve(k)
}

const CONTOSO: &str = "3f2b6c1e-8d4a-4b7e-9c21-5a0e7d9f1b34";
const FABRIKAM: &str = "8a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const TAILSPIN: &str = "d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6";

fn customer(ds: &Dataset, id: &str) -> usize {
    (0..ds.customers.len())
        .find(|&c| ds.customers.id[c].eq_ignore_ascii_case(id))
        .unwrap_or_else(|| panic!("no customer {id}"))
}

fn q(from: &str, to: &str) -> Query {
    Query {
        from: Month::parse(from),
        to: Month::parse(to),
        ..Query::default()
    }
}

/// The report without what differs by construction between deliveries of one book (file names
/// in warnings).
fn numbers(r: &Report) -> serde_json::Value {
    let mut v = serde_json::to_value(r).unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        o.remove("warnings");
    }
    v
}

#[test]
fn customers_and_tenants_programmatic_csv() {
    let (ds, f) = one("published/customers_and_tenants.csv");
    assert_eq!(f.format, "insights:customers_and_tenants");
    assert_eq!(f.delivery, Some(Delivery::ProgrammaticCsv));
    assert_eq!(f.dates, None, "ISO dates need no reading");
    assert!(f.notes.is_empty(), "{:?}", f.notes);
    assert_eq!((f.rows_read, f.rows_used, f.rows_skipped), (5, 4, 1));
    let contoso = customer(&ds, CONTOSO);
    // country and market names to ISO codes
    assert_eq!(s(&ds, ds.customers.country[contoso]), "FR");
    assert_eq!(s(&ds, ds.customers.market[contoso]), "FR");
    let fabrikam = customer(&ds, FABRIKAM);
    assert_eq!(s(&ds, ds.customers.market[fabrikam]), "US");
    let a = &ds.activity;
    // partner location from PartnerLocation, as published (a place)
    assert_eq!(s(&ds, a.partner_location[0]), "France");
    // long and short attribution spellings are one category
    assert_eq!(s(&ds, a.attribution[0]), "CSP Tier 1");
    assert_eq!(s(&ds, a.attribution[1]), "CSP Tier 1");
    // O365 is Microsoft 365; an empty SKU falls back to RawProductName
    let i = (0..a.len())
        .find(|&i| a.customer[i] as usize == fabrikam)
        .unwrap_or_else(|| panic!("no Fabrikam fact"));
    assert_eq!(s(&ds, a.product[i]), "Microsoft 365");
    assert_eq!(s(&ds, a.sku[i]), "Office 365 E3");
    let r = report(&ds, &Query::default());
    assert_eq!(r.distribution.attribution.len(), 1, "{:?}", r.distribution);
    assert_eq!(r.distribution.attribution[0].key, "CSP Tier 1");
    assert_eq!(r.distribution.attribution[0].customers, 2);
}

#[test]
fn tsv_reads_as_csv() {
    let (csv, _) = one("published/customers_and_tenants.csv");
    let (tsv, f) = one("published/customers_and_tenants.tsv");
    assert_eq!(f.container, "tsv");
    assert_eq!(f.delivery, Some(Delivery::ProgrammaticTsv));
    let (a, b) = (
        report(&csv, &Query::default()),
        report(&tsv, &Query::default()),
    );
    assert_eq!(numbers(&a), numbers(&b));
    let (_, f) = one("published/office_usage.tsv");
    assert_eq!(f.format, "insights:office_usage");
}

#[test]
fn download_report_dates_with_times_and_a_european_resave() {
    let (prog, _) = one("published/customers_and_tenants.csv");
    let (dl, f) = one("published/customers_and_tenants_download.csv");
    assert_eq!(f.delivery, Some(Delivery::DownloadReport));
    let d = f.dates.clone().unwrap_or_else(|| panic!("slash dates"));
    assert_eq!(
        (d.order, d.rule),
        (DayOrder::MonthDay, DateRule::MonthColumn)
    );
    assert_eq!(
        d.to_string(),
        "dates read as month/day: every Month value is the first of a month only when read \
         month/day (2/1/2025 12:00:00 AM)"
    );
    let (eu, f) = one("published/customers_and_tenants_resaved.csv");
    assert_eq!(f.container, "csv;");
    assert_eq!(f.delivery, Some(Delivery::SpreadsheetResave));
    let d = f.dates.clone().unwrap_or_else(|| panic!("slash dates"));
    assert_eq!(
        (d.order, d.rule),
        (DayOrder::DayMonth, DateRule::MonthColumn)
    );
    let query = q("2025-01", "2025-02");
    let want = numbers(&report(&prog, &query));
    assert_eq!(numbers(&report(&dl, &query)), want);
    assert_eq!(numbers(&report(&eu, &query)), want);
}

/// A file of this shape: `;`-separated, dates in `Month` and nowhere else.
fn month_file(sep: char, months: &[&str]) -> Vec<u8> {
    let mut out = format!("CustomerTenantId{sep}CustomerStatus{sep}Month\n");
    for (i, m) in months.iter().enumerate() {
        out.push_str(&format!("t{i}{sep}Active{sep}{m}\n"));
    }
    out.into_bytes()
}

fn reading(bytes: Vec<u8>) -> (FileReport, Dataset) {
    let mut l = load_named(&[("f.csv", bytes)]);
    (l.files.remove(0), l.dataset)
}

fn months_of(ds: &Dataset) -> Vec<String> {
    let mut m: Vec<String> = ds.activity.start.iter().map(|m| m.to_string()).collect();
    m.sort();
    m.dedup();
    m
}

#[test]
fn rule_1_a_late_value_with_month_13_reads_the_whole_file_day_first() {
    // a comma file (rule 3 would say month/day), its first rows undecided: 13/03/2025 decides
    let (f, ds) = reading(month_file(',', &["01/01/2025", "02/02/2025", "13/03/2025"]));
    let d = f.dates.clone().unwrap_or_else(|| panic!("dates"));
    assert_eq!(
        (d.order, d.rule),
        (DayOrder::DayMonth, DateRule::Impossible)
    );
    assert_eq!(
        d.to_string(),
        "dates read as day/month: 13/03/2025 has no month 13"
    );
    assert_eq!(f.problem_count, 0, "{f:#?}");
    assert_eq!(f.rows_used, 3);
    assert_eq!(months_of(&ds), ["2025-01", "2025-02", "2025-03"]);
}

#[test]
fn rule_2_the_month_column_decides_against_the_separator() {
    // `;` would say day/month; every Month value is day 1 only month first
    let (f, ds) = reading(month_file(';', &["3/1/2025", "4/1/2025"]));
    let d = f.dates.clone().unwrap_or_else(|| panic!("dates"));
    assert_eq!(
        (d.order, d.rule),
        (DayOrder::MonthDay, DateRule::MonthColumn)
    );
    assert_eq!(months_of(&ds), ["2025-03", "2025-04"]);
}

#[test]
fn rule_3_separator_and_dots() {
    let (f, ds) = reading(month_file(';', &["01/01/2025"]));
    let d = f.dates.clone().unwrap_or_else(|| panic!("dates"));
    assert_eq!((d.order, d.rule), (DayOrder::DayMonth, DateRule::Semicolon));
    assert_eq!(months_of(&ds), ["2025-01"]);
    let (f, _) = reading(month_file(',', &["01/01/2025"]));
    let d = f.dates.clone().unwrap_or_else(|| panic!("dates"));
    assert_eq!((d.order, d.rule), (DayOrder::MonthDay, DateRule::Default));
    // dotted dates: day first; the Month column (01.03.2025 is day 1 read day first) agrees
    let (f, ds) = reading(month_file(',', &["01.03.2025", "01.04.2025 00:00:00"]));
    let d = f.dates.clone().unwrap_or_else(|| panic!("dates"));
    assert_eq!(d.order, DayOrder::DayMonth);
    assert_eq!(f.problem_count, 0);
    assert_eq!(months_of(&ds), ["2025-03", "2025-04"]);
}

#[test]
fn a_value_no_reading_can_parse_is_a_problem_on_its_row() {
    let (f, ds) = reading(month_file(',', &["3/1/2025", "13/13/2025", "4/1/2025"]));
    let d = f.dates.clone().unwrap_or_else(|| panic!("dates"));
    assert!(d.conflict);
    assert_eq!(d.order, DayOrder::MonthDay);
    assert_eq!(f.rows_used, 2);
    assert_eq!(
        f.problems[0].to_string(),
        "f.csv:2: Month: not a date read month/day (the file's order): `13/13/2025`"
    );
    assert_eq!(months_of(&ds), ["2025-03", "2025-04"]);
}

#[test]
fn decimal_commas_in_a_semicolon_file() {
    let csv = "CustomerTenantId;CustomerName;Month;UsageQuantity;MeterCategory;MonthlySubscriptionLevelACR\n\
               t1;A;2025-02-01;0,5;Storage;0\n\
               t2;B;2025-02-01;0,0;Storage;0,00\n";
    let (f, ds) = reading(csv.as_bytes().to_vec());
    assert_eq!(f.format, "insights:azure_usage");
    assert_eq!(f.problem_count, 0, "{f:#?}");
    // 0,5 is a half, above 0: t1 consumed; t2 did not
    assert_eq!(ds.consumption.len(), 1);
    assert_eq!(&*ds.customers.id[ds.consumption.customer[0] as usize], "t1");
}

#[test]
fn every_boolean_spelling_marks_a_pga_duplicate() {
    let mut csv = String::from("CustomerTenantId,CustomerStatus,Month,IsDuplicateRowForPGA\n");
    for (i, v) in [
        "true", "True", "1", "Yes", "Y", "y", "0", "No", "False", "N", "",
    ]
    .iter()
    .enumerate()
    {
        csv.push_str(&format!("t{i},Active,2025-01-01,{v}\n"));
    }
    let (f, _) = reading(csv.into_bytes());
    assert_eq!(f.rows_skipped, 6, "{f:#?}");
    assert_eq!(f.rows_used, 5);
}

#[test]
fn seats_programmatic_gives_deployment_the_download_report_says_it_has_none() {
    let (ds, f) = one("published/seats_subscriptions_revenue.csv");
    assert_eq!(f.format, "insights:seats_subscriptions_revenue");
    assert!(f.notes.is_empty());
    let sold: i64 = ds.usage.sold.iter().flatten().sum();
    assert_eq!(sold, 40);
    let (dl, f) = one("published/seats_subscriptions_revenue_download.csv");
    assert_eq!(f.delivery, Some(Delivery::DownloadReport));
    assert_eq!(f.notes, [FileNote::NoSeatTotals]);
    assert_eq!(
        dl.usage.len(),
        0,
        "AvailableSeatsEOP / AvailableSeats never read as seats"
    );
    let text = load_report_text(std::slice::from_ref(&f));
    assert!(text.contains("no deployment figures"), "{text}");
    // the same subscriptions and customers otherwise
    let query = q("2025-01", "2025-02");
    let (a, b) = (report(&ds, &query), report(&dl, &query));
    assert_eq!(a.summary.subscriptions.spark, b.summary.subscriptions.spark);
    assert_eq!(a.adds_churn, b.adds_churn);
    assert!(b.adoption.is_none());
}

#[test]
fn power_bi_and_dynamics_are_told_apart() {
    let (ds, f) = one("published/dynamics_usage.csv");
    assert_eq!(f.format, "insights:dynamics_usage");
    let fams: Vec<&str> = ds.usage.product.iter().map(|p| s(&ds, *p)).collect();
    // a SKU that names no family is Dynamics 365 in DynamicsUsage
    assert_eq!(fams, ["Dynamics 365", "Dynamics 365"]);
    let (ds, f) = one("published/power_bi_usage.csv");
    assert_eq!(f.format, "insights:power_bi_usage");
    let fams: Vec<&str> = ds.usage.product.iter().map(|p| s(&ds, *p)).collect();
    assert_eq!(fams, ["Power BI", "Power BI"]);
    let wl: Vec<&str> = ds.usage.workload.iter().map(|p| s(&ds, *p)).collect();
    assert_eq!(wl, ["Power BI", "Power BI"]);
}

#[test]
fn ems_usage_per_service() {
    let (ds, f) = one("published/ems_usage.csv");
    assert_eq!(f.format, "insights:ems_usage");
    let u = &ds.usage;
    let mut got: Vec<(String, Option<i64>, Option<i64>)> = (0..u.len())
        .map(|i| {
            (
                s(&ds, u.workload[i]).to_string(),
                u.entitled[i],
                u.active[i],
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("Enterprise Mobility + Security".into(), Some(10), Some(6)),
            ("Entra ID P1/P2".into(), Some(20), Some(14)),
            ("Information Protection".into(), Some(20), Some(3)),
            ("Intune".into(), Some(20), Some(11)),
        ]
    );
    assert!(u
        .product
        .iter()
        .all(|p| s(&ds, *p) == "Enterprise Mobility + Security"));
}

#[test]
fn azure_consumption_makes_an_azure_only_customer_active() {
    let (ds, f) = one("published/azure_usage.csv");
    assert_eq!(f.format, "insights:azure_usage");
    assert_eq!(f.delivery, Some(Delivery::ProgrammaticCsv));
    assert_eq!(
        f.skipped
            .get("duplicate row for PGA (IsACRDuplicateAtPGALevel = 1)"),
        Some(&1)
    );
    // Tailspin consumed in January only (0 in February); Contoso in February (ACR only)
    assert_eq!(ds.consumption.len(), 2);
    assert!(ds.usage.is_empty());
    // with Tailspin a customer through its subscription (CustomersAndTenants of an Azure plan)
    let ct = format!(
        "CustomerTenantId,CustomerStatus,Product,SKU,Month\n\
         {TAILSPIN},Active,Microsoft Azure,Azure plan,2025-01-01\n\
         {TAILSPIN},Active,Microsoft Azure,Azure plan,2025-02-01\n"
    );
    let l = load_named(&[
        ("azure_usage.csv", fixture("published/azure_usage.csv")),
        ("ct.csv", ct.into_bytes()),
    ]);
    let r = report(&l.dataset, &q("2025-01", "2025-02"));
    assert_eq!(r.summary.active_customers.spark, [Some(1), Some(0)]);
    assert!(r.adoption.is_none(), "consumption never enters adoption");
    // the download report's columns (ACR_USD, no MeterCategory) read the same
    let (dl, f) = one("published/azure_usage_download.csv");
    assert_eq!(f.format, "insights:azure_usage");
    assert_eq!(f.delivery, Some(Delivery::DownloadReport));
    assert_eq!(dl.consumption.len(), 1);
    let _ = NONE;
}

#[test]
fn office_usage_query_preview() {
    let (ds, f) = one("published/office_usage.json");
    assert_eq!(f.format, "insights:office_usage");
    assert_eq!(f.container, "json-envelope");
    assert_eq!(f.delivery, Some(Delivery::QueryPreview));
    assert_eq!(ds.usage.len(), 3);
}

#[test]
fn unused_datasets_are_recognised_not_refused() {
    for (path, format) in [
        ("not_used/insights_profile.csv", "not_used:insights_profile"),
        (
            "not_used/insights_reseller_performance.csv",
            "not_used:insights_reseller_performance",
        ),
        (
            "not_used/insights_competency_summary_history.csv",
            "not_used:insights_competency",
        ),
        (
            "not_used/insights_clas_agreement_renewals_propensity.csv",
            "not_used:insights_clas_propensity",
        ),
        (
            "not_used/insights_teams_usage_workload.csv",
            "not_used:insights_teams_usage",
        ),
        (
            "not_used/insights_teams_usage_3p_apps.csv",
            "not_used:insights_teams_usage",
        ),
        (
            "not_used/insights_training_completions.csv",
            "not_used:insights_training_completions",
        ),
        (
            "not_used/insights_ms_learn.csv",
            "not_used:insights_ms_learn",
        ),
        (
            "not_used/indirect_resellers_of_customer.json",
            "not_used:indirect_reseller",
        ),
        (
            "not_used/subscription_analytics_grouped.json",
            "not_used:subscription_analytics_grouped",
        ),
    ] {
        let l = load_fixtures(&[path]);
        let f = &l.files[0];
        assert_eq!(f.status, Status::NotUsed, "{path}: {f:#?}");
        assert_eq!(f.format, format, "{path}");
        assert_eq!(l.dataset.customers.len(), 0, "{path}");
    }
}

#[test]
fn partner_location_falls_back_to_the_mpn_id_and_says_so() {
    let csv = "MpnId,CustomerTenantId,CustomerStatus,Month\n4512345,t1,Active,2025-01-01\n";
    let (f, ds) = reading(csv.as_bytes().to_vec());
    assert_eq!(f.notes, [FileNote::PartnerLocationFromMpnId]);
    assert_eq!(s(&ds, ds.activity.partner_location[0]), "4512345");
    let csv = "CustomerTenantId,CustomerStatus,Month\nt1,Active,2025-01-01\n";
    let (f, _) = reading(csv.as_bytes().to_vec());
    assert_eq!(f.notes, [FileNote::NoPartnerLocation]);
}

fn zip_of(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        for (name, bytes) in files {
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            z.start_file(*name, opts).unwrap_or_else(|e| panic!("{e}"));
            z.write_all(bytes).unwrap_or_else(|e| panic!("{e}"));
        }
        z.finish().unwrap_or_else(|e| panic!("{e}"));
    }
    out.into_inner()
}

#[test]
fn a_zip_of_exports_and_a_gzip_file_open_as_they_come() {
    let ct = fixture("published/customers_and_tenants.csv");
    let ou = fixture("published/office_usage.json");
    let zipped = zip_of(&[
        ("CustomersAndTenants.csv", ct.clone()),
        ("OfficeUsage.json", ou.clone()),
        ("readme.txt", b"hello".to_vec()),
    ]);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&ct).unwrap_or_else(|e| panic!("{e}"));
    let gzipped = gz.finish().unwrap_or_else(|e| panic!("{e}"));
    let l = load_named(&[("exports.zip", zipped), ("ct.csv.gz", gzipped)]);
    let z = &l.files[0];
    assert_eq!(
        (z.format.as_str(), z.status),
        ("archive:zip", Status::Loaded)
    );
    let names: Vec<&str> = z.entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "exports.zip/CustomersAndTenants.csv",
            "exports.zip/OfficeUsage.json",
            "exports.zip/readme.txt"
        ]
    );
    assert_eq!(z.entries[0].format, "insights:customers_and_tenants");
    assert_eq!(z.entries[1].format, "insights:office_usage");
    assert_eq!(z.entries[2].status, Status::Refused);
    let g = &l.files[1];
    assert_eq!(g.format, "archive:gzip");
    assert_eq!(g.entries[0].name, "ct.csv.gz/ct.csv");
    let text = load_report_text(&l.files);
    assert!(text.contains("exports.zip/OfficeUsage.json: loaded as Insights OfficeUsage"));
    // the same data as the plain files in the same order (the gzip repeats CustomersAndTenants,
    // whose attributes, later, win)
    let plain = load_named(&[("ct.csv", ct.clone()), ("ou.json", ou), ("ct2.csv", ct)]);
    let query = q("2025-01", "2025-02");
    assert_eq!(
        numbers(&report(&l.dataset, &query)),
        numbers(&report(&plain.dataset, &query))
    );
    // a damaged archive is refused in words, nothing panics
    let l = load_named(&[("bad.zip", b"PK\x03\x04garbage".to_vec())]);
    assert_eq!(l.files[0].status, Status::Refused);
    assert!(l.files[0]
        .refused
        .as_deref()
        .is_some_and(|r| r.starts_with("bad.zip: ")));
}

#[test]
fn files_loaded_on_several_threads_give_the_same_dataset() {
    use metrics::generate::{generate, Format, Params};
    let p = Params {
        customers: 60,
        months: 8,
        seed: 11,
        ..Params::default()
    };
    for format in [
        Format::InsightsCsv,
        Format::InsightsDownload,
        Format::InsightsJson,
        Format::Rest,
        Format::Billing,
    ] {
        let files = generate(&p, format).unwrap_or_else(|e| panic!("{e}"));
        // and the REST rendering of the same book after them (its customers met again)
        let mut all: Vec<(String, Vec<u8>)> = files.clone();
        all.extend(generate(&p, Format::Rest).unwrap_or_else(|e| panic!("{e}")));
        let inputs: Vec<Input<'_>> = all
            .iter()
            .map(|(name, bytes)| Input { name, bytes })
            .collect();
        let one = load(&inputs);
        for threads in [2, 3, 16] {
            let many = metrics::load::load_parallel(&inputs, threads);
            assert_eq!(one.files, many.files, "{format}");
            let (a, b) = (
                metrics::bundle::from_dataset(&one.dataset),
                metrics::bundle::from_dataset(&many.dataset),
            );
            assert_eq!(a, b, "{format}, {threads} threads");
            let q = Query::default();
            assert_eq!(
                serde_json::to_string(&report(&one.dataset, &q)).ok(),
                serde_json::to_string(&report(&many.dataset, &q)).ok(),
                "{format}, {threads} threads"
            );
        }
    }
}
