//! The generated Insights files have Partner Center's published shapes (formats.md section 1),
//! checked without the loader: headers are the published column lists verbatim, dates and
//! values are written as the exports write them, and the files hold the same facts as the
//! bundle (consumption months, EMS / Dynamics 365 / Power BI usage).

use metrics::generate::{self, resave_european, Format, Params};
use std::collections::{BTreeMap, BTreeSet};

fn book() -> generate::Book {
    generate::build(&Params {
        customers: 150,
        months: 18,
        seed: 12,
        ..Params::default()
    })
    .unwrap()
}

/// (header, rows) of a delimited file.
fn read(bytes: &[u8], sep: u8) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut r = csv::ReaderBuilder::new().delimiter(sep).from_reader(bytes);
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn file<'a>(files: &'a [(String, Vec<u8>)], name: &str) -> &'a [u8] {
    &files.iter().find(|f| f.0 == name).unwrap().1
}

fn list(s: &str) -> Vec<String> {
    s.split(',').map(|x| x.trim().to_string()).collect()
}

/// formats.md's table, typed again here on purpose.
const PROGRAMMATIC: [(&str, &str); 7] = [
    ("CustomersAndTenants", "PGAMpnId, MpnId, PartnerName, CustomerName, CustomerTpid, DUNSNumber, CustomerSegment, TopSegment, CustomerMarket, CustomerStatus, CustomerTenantId, CustomerTenantName, CustomerTenantCountry, TenantDomainName, Product, RawProductName, ProductPartNumber, SKU, Month, PartnerLocation, PartnerAttributionType, SalesChannel, IsDuplicateRowForPGA, AvailableSeats, BilledRevenueUSD, AzureConsumedRevenueUSD"),
    ("SeatsSubscriptionsAndRevenue", "PGAMpnId, MpnId, SubscriptionId, SubscriptionStartDate, SubscriptionEndDate, SubscriptionState, month, IsAutoRenew, CustomerName, CustomerTenantId, CustomerTpid, DUNSNumber, CustomerSegment, TopSegment, CustomerMarket, ProductFamily, ReportingProductName, Product, RawProductName, ProductPartNumber, SKU, RevSumDivisionName, PartnerName, SolutionArea, PartnerLocation, PartnerAttributionType, SalesChannel, PricingLevel, EnrollmentNumber, IsDuplicateRowForPGA, SubscriptionStartMonth, TotalSoldSeats, TotalAssignedSeats, BilledRevenueUSD, AzureConsumedRevenueUSD"),
    ("OfficeUsage", "CustomerTenantId, CustomerTpid, WorkloadName, Month, PaidAvailableUnits, MonthlyActiveUsers, CustomerName, CustomerMarket, CustomerSegment, MPNId, PartnerName, PartnerLocation, PartnerAttributionType, IsDuplicateRowForPGA"),
    ("EMSUsage", "SubscriptionId, SubscriptionStartDate, SubscriptionEndDate, SubscriptionStatus, Month, SKU, SKUId, FreeVsPaidSKU, SalesModel, DetailedSalesModel, CustomerName, CustomerTenantId, CustomerTpid, CustomerSegment, CustomerMarket, MPNId, PartnerName, PartnerLocation, PartnerAttachType, PartnerHierarchy, PaidAvailableUnits, MonthlyActiveUsers, AADPPaidAvailableUnits, IntunePaidAvailableUnits, AzipPaidAvailableUnits, AADPMonthlyActiveUsers, IntuneMonthlyActiveUsers, AzipMonthlyActiveUsers"),
    ("DynamicsUsage", "SubscriptionId, SubscriptionStartDate, SubscriptionEndDate, SubscriptionStatus, Month, RevSumDivisionName, RevSumCategoryName, SKU, SKUId, FreeVsPaidSKU, SalesModel, DetailedSalesModel, CustomerName, CustomerTenantId, CustomerTpid, CustomerSegment, CustomerMarket, MPNId, PartnerName, PartnerLocation, PartnerAttachType, AvailableSeats, AssignedSeats, ActiveSeats, DeploymentOpportunity, ActiveUsagePercent"),
    ("PowerBIUsage", "SubscriptionId, SubscriptionStartDate, SubscriptionEndDate, SubscriptionStatus, Month, SKU, SKUId, FreeVsPaidSKU, SalesModel, DetailedSalesModel, CustomerName, CustomerTenantId, CustomerTpid, CustomerSegment, CustomerMarket, MPNId, PartnerName, PartnerLocation, PartnerAttachType, PartnerHierarchy, AvailableSeats, AssignedSeats, ActiveSeats, DeploymentOpportunity, ActiveUsagePercent"),
    ("AzureUsage", "PGAMpnId, SubscriptionId, SubscriptionStartDate, SubscriptionEndDate, FirstUseDate, SubscriptionState, Month, ServiceName, MeterCategory, UsageUnits, UsageQuantity, CustomerName, CustomerTenantId, CustomerTpid, CustomerSegment, CustomerMarket, MpnId, PartnerName, PartnerLocation, PartnerAttributionType, SalesChannel, EnrollmentNumber, IsACRDuplicateAtPGALevel, ResellerID, ResellerName, MonthlySubscriptionLevelACR, TotalACR"),
];

#[test]
fn programmatic_headers_are_the_published_lists() {
    let b = book();
    let csv = generate::write(&b, Format::InsightsCsv);
    let tsv = generate::write(&b, Format::InsightsTsv);
    let json = generate::write(&b, Format::InsightsJson);
    for (name, cols) in PROGRAMMATIC {
        let (h, rows) = read(file(&csv, &format!("{name}.csv")), b',');
        assert_eq!(h, list(cols), "{name}");
        assert!(!rows.is_empty(), "{name}");
        let (h2, rows2) = read(file(&tsv, &format!("{name}.tsv")), b'\t');
        assert_eq!(
            (h2, rows2),
            (h, rows.clone()),
            "{name}: TSV = CSV with tabs"
        );
        // the query preview: the same columns as keys, in the envelope
        let v: serde_json::Value =
            serde_json::from_slice(file(&json, &format!("{name}.json"))).unwrap();
        assert_eq!(v["totalCount"], rows.len());
        assert_eq!(v["statusCode"], 200);
        assert_eq!(v["dataRedacted"], false);
        assert!(v["nextLink"].is_null());
        let keys: Vec<String> = v["value"][0].as_object().unwrap().keys().cloned().collect();
        let mut expected = list(cols);
        expected.sort();
        let mut keys = keys;
        keys.sort();
        assert_eq!(keys, expected, "{name}");
    }
}

#[test]
fn download_reports_have_the_download_columns_and_us_dates() {
    let b = book();
    let files = generate::write(&b, Format::InsightsDownload);
    let (h, rows) = read(file(&files, "SeatsSubscriptionsAndRevenue.csv"), b',');
    for c in ["ProductFamily", "TotalSoldSeats", "TotalAssignedSeats"] {
        assert!(!h.contains(&c.to_string()), "{c}");
    }
    for c in [
        "ResellerID",
        "ResellerName",
        "AvailableSeatsEOP",
        "AvailableSeats",
    ] {
        assert!(h.contains(&c.to_string()), "{c}");
    }
    let col = |n: &str| h.iter().position(|c| c == n).unwrap();
    let (sub, month, eop, diff) = (
        col("SubscriptionId"),
        col("Month"),
        col("AvailableSeatsEOP"),
        col("AvailableSeats"),
    );
    // AvailableSeats is the month-over-month difference of AvailableSeatsEOP
    let mut by_sub: BTreeMap<&str, Vec<(&str, i64, i64)>> = BTreeMap::new();
    for r in &rows {
        assert!(r[month].ends_with(" 12:00:00 AM"), "{}", r[month]);
        by_sub.entry(&r[sub]).or_default().push((
            &r[month],
            r[eop].parse().unwrap(),
            r[diff].parse().unwrap(),
        ));
    }
    let mut changes = 0;
    for rs in by_sub.values() {
        for w in rs.windows(2) {
            assert_eq!(w[1].2, w[1].1 - w[0].1, "{w:?}");
            changes += usize::from(w[1].2 != 0);
        }
    }
    assert!(changes > 0);
    assert!(rows.iter().any(|r| r[month] == "3/1/2026 12:00:00 AM"));
    // O365 for the Office 365 family, as older exports say
    let (h, rows) = read(file(&files, "CustomersAndTenants.csv"), b',');
    let p = h.iter().position(|c| c == "Product").unwrap();
    let products: BTreeSet<&str> = rows.iter().map(|r| r[p].as_str()).collect();
    assert!(products.contains("O365"), "{products:?}");
    assert!(!products.contains("Office 365"), "{products:?}");
}

#[test]
fn values_are_written_as_real_exports_write_them() {
    let b = book();
    let files = generate::write(&b, Format::InsightsCsv);
    let (h, rows) = read(file(&files, "CustomersAndTenants.csv"), b',');
    let col = |n: &str| h.iter().position(|c| c == n).unwrap();
    let values = |n: &str| -> BTreeSet<String> { rows.iter().map(|r| r[col(n)].clone()).collect() };
    let countries = values("CustomerTenantCountry");
    assert!(countries.contains("United States") && countries.contains("France"));
    assert!(
        countries.iter().all(|c| c.is_empty() || c.len() > 2),
        "{countries:?}"
    );
    let markets = values("CustomerMarket");
    assert!(markets.contains("United States"));
    assert!(
        markets.iter().all(|c| c.is_empty() || c.len() > 2),
        "{markets:?}"
    );
    let places = values("PartnerLocation");
    assert!(places.contains("United States") && places.contains("United Kingdom"));
    assert!(
        places
            .iter()
            .all(|p| p.is_empty() || metrics::country::normalize(p).is_some()),
        "{places:?}"
    );
    let ids = values("MpnId");
    assert!(
        ids.iter().all(|x| x.bytes().all(|b| b.is_ascii_digit())),
        "{ids:?}"
    );
    let attr = values("PartnerAttributionType");
    for both in [
        ["Cloud Solution Provider (CSP) Tier 1", "CSP Tier 1"],
        ["Digital Partner of Record (DPOR)", "DPOR"],
    ] {
        for a in both {
            assert!(attr.contains(a), "{a}: {attr:?}");
        }
    }
    let months = values("Month");
    assert!(
        months.iter().all(|m| m.len() == 10 && m.ends_with("-01")),
        "{months:?}"
    );
    assert_eq!(
        values("IsDuplicateRowForPGA"),
        ["0", "1"].map(String::from).into()
    );
}

/// AzureUsage's consumed months (UsageQuantity and ACR above 0, duplicates aside) are the
/// bundle's consumption, and EMS / Dynamics / Power BI rows sum to the bundle's series.
#[test]
fn usage_datasets_hold_the_bundles_facts() {
    let b = book();
    let bundle = generate::bundle(&b);
    let files = generate::write(&b, Format::InsightsCsv);

    let (h, rows) = read(file(&files, "AzureUsage.csv"), b',');
    let col = |n: &str| h.iter().position(|c| c == n).unwrap();
    let mut consumed: BTreeSet<(String, String)> = BTreeSet::new();
    let (mut dups, mut zeros) = (0, 0);
    for r in &rows {
        if r[col("IsACRDuplicateAtPGALevel")] == "1" {
            dups += 1;
            continue;
        }
        let q: f64 = r[col("UsageQuantity")].parse().unwrap();
        let acr: f64 = r[col("MonthlySubscriptionLevelACR")].parse().unwrap();
        if q > 0.0 || acr > 0.0 {
            consumed.insert((
                r[col("CustomerTenantId")].clone(),
                r[col("Month")][..7].to_string(),
            ));
        } else {
            zeros += 1;
        }
    }
    assert!(dups > 0 && zeros > 0, "{dups} {zeros}");
    let expected: BTreeSet<(String, String)> = bundle
        .consumption
        .iter()
        .flat_map(|c| c.months.iter().map(|m| (c.customer_id.clone(), m.clone())))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(consumed, expected);

    // per (customer, workload, month): (active, entitled)
    let mut from_bundle: BTreeMap<(String, String, String), (i64, i64)> = BTreeMap::new();
    for u in &bundle.usage {
        let (Some(w), Some(_)) = (&u.workload, &u.product) else {
            continue;
        };
        let from = metrics::Month::parse(&u.from).unwrap();
        for (k, (a, e)) in u.active.iter().zip(&u.entitled).enumerate() {
            let m = metrics::Month(from.0 + k as i32).to_string();
            let cell = from_bundle
                .entry((u.customer_id.clone(), w.clone(), m))
                .or_default();
            cell.0 += a.unwrap();
            cell.1 += e.unwrap();
        }
    }
    let mut from_files: BTreeMap<(String, String, String), (i64, i64)> = BTreeMap::new();
    let mut add = |c: &str, w: &str, m: &str, a: &str, e: &str| {
        if a.is_empty() && e.is_empty() {
            return;
        }
        let cell = from_files
            .entry((c.to_string(), w.to_string(), m[..7].to_string()))
            .or_default();
        cell.0 += a.parse::<i64>().unwrap();
        cell.1 += e.parse::<i64>().unwrap();
    };
    let (h, rows) = read(file(&files, "EMSUsage.csv"), b',');
    let col = |n: &str| h.iter().position(|c| c == n).unwrap();
    for r in &rows {
        for (w, p) in [
            ("Entra ID P1/P2", "AADP"),
            ("Intune", "Intune"),
            ("Information Protection", "Azip"),
        ] {
            add(
                &r[col("CustomerTenantId")],
                w,
                &r[col("Month")],
                &r[col(&format!("{p}MonthlyActiveUsers"))],
                &r[col(&format!("{p}PaidAvailableUnits"))],
            );
        }
    }
    for (name, w) in [
        ("DynamicsUsage", "Dynamics 365"),
        ("PowerBIUsage", "Power BI"),
    ] {
        let (h, rows) = read(file(&files, &format!("{name}.csv")), b',');
        let col = |n: &str| h.iter().position(|c| c == n).unwrap();
        assert!(!rows.is_empty(), "{name}");
        for r in &rows {
            add(
                &r[col("CustomerTenantId")],
                w,
                &r[col("Month")],
                &r[col("ActiveSeats")],
                &r[col("AvailableSeats")],
            );
        }
    }
    assert!(from_files.len() > 50, "{}", from_files.len());
    assert_eq!(from_files, from_bundle);
}

#[test]
fn european_resave_has_semicolons_day_month_dates_and_decimal_commas() {
    let b = book();
    let files = generate::write(&b, Format::InsightsCsv);
    let az = files.iter().find(|f| f.0 == "AzureUsage.csv").unwrap();
    let (name, bytes) = resave_european(az);
    assert_eq!(name, "AzureUsage.csv");
    let (h, rows) = read(&bytes, b';');
    let (h0, rows0) = read(&az.1, b',');
    assert_eq!(h, h0);
    assert_eq!(rows.len(), rows0.len());
    let m = h.iter().position(|c| c == "Month").unwrap();
    let acr = h
        .iter()
        .position(|c| c == "MonthlySubscriptionLevelACR")
        .unwrap();
    for (r, r0) in rows.iter().zip(&rows0) {
        // 2026-03-01 -> 01/03/2026 or 1/3/2026
        let (y, mo) = (&r0[m][..4], r0[m][5..7].trim_start_matches('0'));
        assert!(
            r[m] == format!("01/{:0>2}/{y}", mo) || r[m] == format!("1/{mo}/{y}"),
            "{} {}",
            r[m],
            r0[m]
        );
        assert_eq!(r[acr], r0[acr].replace('.', ","));
    }
}
