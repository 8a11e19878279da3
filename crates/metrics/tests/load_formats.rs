//! Detection of every format in every container, and each format's facts (formats.md tables,
//! metrics.md "Facts").

use metrics::date::Month;
use metrics::load::{load, FileReport, Input, Loaded, Status};
use metrics::model::{Dataset, End, NONE};

fn fixture(path: &str) -> Vec<u8> {
    let p = format!("{}/tests/fixtures/load/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn load_fixtures(paths: &[&str]) -> Loaded {
    let data: Vec<(String, Vec<u8>)> = paths
        .iter()
        .map(|p| (p.rsplit('/').next().unwrap().to_string(), fixture(p)))
        .collect();
    let inputs: Vec<Input> = data
        .iter()
        .map(|(n, b)| Input { name: n, bytes: b })
        .collect();
    load(&inputs)
}

fn one(path: &str) -> (Dataset, FileReport) {
    let mut l = load_fixtures(&[path]);
    (l.dataset, l.files.remove(0))
}

fn s(ds: &Dataset, k: u32) -> &str {
    ds.strings.resolve(k)
}

fn customer(ds: &Dataset, id: &str) -> usize {
    (0..ds.customers.len())
        .find(|&c| ds.customers.id[c].eq_ignore_ascii_case(id))
        .unwrap_or_else(|| panic!("no customer {id}"))
}

fn m(y: i32, mo: u32) -> Month {
    Month::new(y, mo)
}

fn d(y: i32, mo: u32, dd: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, mo, dd).unwrap()
}

fn assert_loaded(f: &FileReport, format: &str, container: &str) {
    assert_eq!(f.status, Status::Loaded, "{f:#?}");
    assert_eq!(f.format, format, "{f:#?}");
    assert_eq!(f.container, container, "{f:#?}");
    assert!(f.refused.is_none());
}

#[test]
fn customers_and_tenants_csv() {
    let (ds, f) = one("insights/customers_and_tenants.csv");
    assert_loaded(&f, "insights:customers_and_tenants", "csv");
    assert_eq!(f.rows_read, 7);
    assert_eq!(f.rows_used, 5, "{f:#?}");
    assert_eq!(f.rows_skipped, 2);
    assert_eq!(f.problem_count, 1);
    assert_eq!(
        f.problems[0].to_string(),
        "customers_and_tenants.csv:6: Month: not a date: `2024-13-01`"
    );
    // Contoso active in 2024-01 and 2024-02, Fabrikam in 2024-02 (its PGA duplicate skipped),
    // Northwind inactive: registered, no fact; Adventure Works active in 2024-02
    assert_eq!(ds.customers.len(), 4);
    assert_eq!(ds.activity.len(), 4);
    let contoso = customer(&ds, "3f2b6c1e-8d4a-4b7e-9c21-5a0e7d9f1b34");
    assert_eq!(s(&ds, ds.customers.name[contoso]), "Contoso Ltd");
    assert_eq!(s(&ds, ds.customers.country[contoso]), "FR");
    // a market that names a country is its ISO code
    assert_eq!(s(&ds, ds.customers.market[contoso]), "FR");
    assert_eq!(s(&ds, ds.customers.segment[contoso]), "SMB");
    let a = &ds.activity;
    assert_eq!(a.customer[0] as usize, contoso);
    assert_eq!(a.start[0], m(2024, 1));
    assert_eq!(a.end[0], End::At(m(2024, 2)));
    assert_eq!(s(&ds, a.product[0]), "Microsoft 365");
    assert_eq!(s(&ds, a.sku[0]), "Office 365 E3");
    assert_eq!(s(&ds, a.partner_location[0]), "France");
    assert_eq!(s(&ds, a.attribution[0]), "DPOR");
    assert_eq!(s(&ds, a.sales_channel[0]), "Direct");
    assert_eq!(a.subscription[0], NONE);
    assert_eq!(a.origin[0].row, 1);
    let fabrikam = customer(&ds, "8c7d1a90-2f3e-4c5b-a6d7-e8f901234567");
    assert_eq!(s(&ds, ds.customers.name[fabrikam]), "Fabrikam, Inc.");
    assert_eq!(s(&ds, a.product[2]), "Azure");
    assert_eq!(s(&ds, a.partner_location[2]), "United States");
    let northwind = customer(&ds, "b1c2d3e4-f5a6-4789-8abc-def012345678");
    // segment falls back to TopSegment
    assert_eq!(s(&ds, ds.customers.segment[northwind]), "SMB Scale");
    assert!(a.customer.iter().all(|&c| c as usize != northwind));
    // empty Product: the name rules on RawProductName, else SKU
    assert_eq!(s(&ds, a.product[3]), "Power BI");
    assert_eq!(ds.max_date, Some(d(2024, 2, 29)));
    assert!(!ds.has_subscription_ids);
    assert_eq!(
        f.skipped
            .get("duplicate row for PGA (IsDuplicateRowForPGA = 1)"),
        Some(&1)
    );
}

#[test]
fn seats_subscriptions_revenue_in_the_insights_envelope() {
    let (ds, f) = one("insights/seats_subscriptions_revenue.json");
    assert_loaded(&f, "insights:seats_subscriptions_revenue", "json-envelope");
    assert_eq!((f.rows_read, f.rows_used, f.rows_skipped), (3, 2, 1));
    assert_eq!(
        f.problems[0].to_string(),
        "seats_subscriptions_revenue.json:3: TotalAssignedSeats: not a number: `twelve`"
    );
    // one active snapshot with its subscription id; the churned row only says ids exist
    assert_eq!(ds.activity.len(), 1);
    assert_eq!(
        s(&ds, ds.activity.subscription[0]),
        "5d3e2f1a-0b9c-4d8e-8f7a-6b5c4d3e2f1a"
    );
    assert_eq!(ds.activity.start[0], m(2024, 2));
    assert_eq!(ds.activity.end[0], End::At(m(2024, 3)));
    assert!(ds.has_subscription_ids);
    // usage: sold/assigned from string numbers; the churned row has none (empty strings)
    assert_eq!(ds.usage.len(), 1);
    assert_eq!(ds.usage.sold[0], Some(63));
    assert_eq!(ds.usage.assigned[0], Some(41));
    assert_eq!(ds.usage.month[0], m(2024, 2));
    assert_eq!(s(&ds, ds.usage.product[0]), "Microsoft 365");
    assert_eq!(ds.customers.len(), 2);
}

#[test]
fn office_usage_bare_array() {
    let (ds, f) = one("insights/office_usage.json");
    assert_loaded(&f, "insights:office_usage", "json-array");
    assert_eq!((f.rows_read, f.rows_used, f.rows_skipped), (3, 2, 1));
    assert_eq!(f.problem_count, 0);
    let u = &ds.usage;
    assert_eq!(u.len(), 2);
    assert_eq!(s(&ds, u.workload[0]), "Exchange");
    // OneDrive counts with SharePoint
    assert_eq!(s(&ds, u.workload[1]), "SharePoint");
    assert_eq!((u.active[1], u.entitled[1]), (Some(20), Some(63)));
    assert_eq!(u.product[0], NONE);
    assert_eq!(u.sold[0], None);
    assert!(ds.has_active_counts);
}

#[test]
fn dynamics_usage_csv() {
    let (ds, f) = one("insights/dynamics_usage.csv");
    assert_loaded(&f, "insights:dynamics_usage", "csv");
    let u = &ds.usage;
    assert_eq!(u.len(), 1);
    assert_eq!(s(&ds, u.product[0]), "Dynamics 365");
    assert_eq!(s(&ds, u.sku[0]), "Dynamics 365 Sales Professional");
    assert_eq!(
        (u.sold[0], u.assigned[0], u.active[0], u.entitled[0]),
        (Some(12), Some(10), Some(7), Some(12))
    );
    assert_eq!(u.month[0], m(2024, 2));
    // the row stands as the Dynamics 365 workload in usage by workload
    assert_eq!(s(&ds, u.workload[0]), "Dynamics 365");
    let report = metrics::report(&ds, &metrics::Query::default());
    let adoption = report.adoption.as_ref().map(|a| &a.portfolio.by_workload);
    let dynamics = adoption.and_then(|w| w.iter().find(|w| w.key == "Dynamics 365"));
    assert_eq!(dynamics.map(|w| (w.active, w.entitled)), Some((7, 12)));
}

#[test]
fn rest_customers_collection_and_single_resource() {
    let (ds, f) = one("rest/customers_collection.json");
    assert_loaded(&f, "rest:customer", "rest-collection");
    assert_eq!(ds.customers.len(), 2);
    assert_eq!(ds.activity.len(), 0);
    let c = customer(&ds, "3f2b6c1e-8d4a-4b7e-9c21-5a0e7d9f1b34");
    assert_eq!(s(&ds, ds.customers.name[c]), "Contoso Ltd");
    // the list call carries no address
    assert_eq!(s(&ds, ds.customers.country[c]), "Unknown");

    let (ds, f) = one("rest/customer_single.json");
    assert_loaded(&f, "rest:customer", "single-resource");
    assert_eq!(f.rows_read, 1);
    assert_eq!(ds.customers.len(), 1);
    assert_eq!(s(&ds, ds.customers.country[0]), "PT");
    assert_eq!(s(&ds, ds.customers.name[0]), "Relecloud");
}

#[test]
fn rest_subscriptions() {
    let (ds, f) = one("rest/subscriptions_collection.json");
    assert_loaded(&f, "rest:subscription", "rest-collection");
    assert_eq!((f.rows_read, f.rows_used, f.rows_skipped), (5, 4, 1));
    assert_eq!(f.problems[0].row, 5);
    assert_eq!(f.problems[0].field, "links.self.uri");
    // pending: no fact, but subscription ids were loaded
    assert_eq!(ds.activity.len(), 3);
    assert_eq!(ds.customers.len(), 1);
    assert_eq!(&*ds.customers.id[0], "e5f6a7b8-c9d0-4e1f-a2b3-c4d5e6f7a8b9");
    let a = &ds.activity;
    // active, commitment 9999 = no end; start = effectiveStartDate
    assert_eq!(a.start[0], m(2023, 12));
    assert_eq!(a.end[0], End::Open);
    assert_eq!(s(&ds, a.product[0]), "Microsoft 365");
    assert_eq!(s(&ds, a.sku[0]), "Microsoft 365 Business Basic");
    assert_eq!(
        s(&ds, a.subscription[0]),
        "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d"
    );
    // suspended: start = creationDate (+00:00 form); end resolved against the commitment;
    // family from friendlyName when offerName says nothing
    assert_eq!(a.start[1], m(2017, 3));
    assert_eq!(
        a.end[1],
        End::Resolve {
            known: None,
            commitment: Some(d(2024, 3, 8))
        }
    );
    assert_eq!(s(&ds, a.product[1]), "Power BI");
    // deleted
    assert_eq!(s(&ds, a.product[2]), "Windows");
    assert_eq!(
        a.end[2],
        End::Resolve {
            known: None,
            commitment: Some(d(2023, 4, 30))
        }
    );
    assert!(ds.has_subscription_ids);
    // creation and effective start dates count for the as-of date, the commitment does not
    assert_eq!(ds.max_date, Some(d(2024, 2, 20)));
}

#[test]
fn subscription_analytics() {
    let (ds, f) = one("rest/subscription_analytics.json");
    // `@nextLink` marks the analytics envelope
    assert_loaded(&f, "rest:subscription_analytics", "analytics-envelope");
    assert_eq!((f.rows_read, f.rows_used), (3, 3));
    assert_eq!(ds.customers.len(), 1);
    assert_eq!(s(&ds, ds.customers.market[0]), "US");
    let a = &ds.activity;
    assert_eq!(a.start[0], m(2021, 10));
    assert_eq!(a.end[0], End::Open);
    assert_eq!(s(&ds, a.product[0]), "Microsoft 365");
    assert_eq!(s(&ds, a.sku[0]), "Microsoft 365 E5");
    // deprovisioned: known end = deprovisionedDate; empty subscriptionType -> name rules
    assert_eq!(
        a.end[1],
        End::Resolve {
            known: Some(m(2022, 11)),
            commitment: Some(d(2023, 1, 4))
        }
    );
    assert_eq!(s(&ds, a.product[1]), "Enterprise Mobility + Security");
    // suspended with a 9999 commitment: no known end at all
    assert_eq!(
        a.end[2],
        End::Resolve {
            known: None,
            commitment: None
        }
    );
    assert_eq!(s(&ds, a.product[2]), "Azure");
}

#[test]
fn commercial_license_deployment_and_usage() {
    let (ds, f) = one("rest/license_deployment.json");
    assert_loaded(&f, "rest:license_deployment", "analytics-envelope");
    let u = &ds.usage;
    assert_eq!(u.len(), 2);
    assert_eq!((u.sold[0], u.assigned[0]), (Some(63), Some(41)));
    assert_eq!(s(&ds, u.product[0]), "Microsoft 365");
    assert_eq!(s(&ds, u.product[1]), "Dynamics 365");
    assert_eq!(s(&ds, u.sku[1]), "Sales Professional");
    assert_eq!(u.month[0], m(2024, 2));
    assert_eq!(u.active[0], None);
    assert_eq!(ds.max_date, Some(d(2024, 2, 27)));

    let (ds, f) = one("rest/license_usage.json");
    assert_loaded(&f, "rest:license_usage", "analytics-envelope");
    let u = &ds.usage;
    assert_eq!(u.len(), 2);
    // `licenseActive` (the doc sample's spelling) is accepted
    assert_eq!((u.active[0], u.entitled[0]), (Some(50), Some(63)));
    assert_eq!(s(&ds, u.workload[0]), "Exchange");
    // empty workloadName: the workloadCode
    assert_eq!(s(&ds, u.workload[1]), "SharePoint");
    assert_eq!(u.active[1], Some(21));
    assert_eq!(u.sold[0], None);
}

#[test]
fn customer_license_records_matched_by_name() {
    let l = load_fixtures(&[
        "rest/customer_license_deployment.json",
        "insights/customers_and_tenants.csv",
        "rest/customer_license_usage.json",
    ]);
    let f = &l.files[0];
    assert_loaded(f, "rest:customer_license_deployment", "rest-collection");
    assert_eq!(f.matched_by_name, 2);
    assert_eq!(l.files[2].matched_by_name, 0);
    assert_loaded(&l.files[2], "rest:customer_license_usage", "json-array");
    let ds = &l.dataset;
    // "CONTOSO LTD" matched the id-keyed Contoso of the CSV; Lucerne is a customer of its own
    // usage facts are ordered by (month, customer) at finish: find each customer's facts
    let facts_of = |c: usize| -> Vec<usize> {
        (0..ds.usage.len())
            .filter(|&i| ds.usage.customer[i] as usize == c)
            .collect()
    };
    let contoso = customer(ds, "3f2b6c1e-8d4a-4b7e-9c21-5a0e7d9f1b34");
    assert_eq!(facts_of(contoso).len(), 1);
    let lucerne = facts_of(customer(ds, "Lucerne Publishing"));
    assert_eq!(lucerne.len(), 1);
    assert_eq!(s(ds, ds.usage.product[lucerne[0]]), "Power BI");
    assert_eq!(ds.customers.len(), 6);
    let relecloud = facts_of(customer(ds, "e5f6a7b8-c9d0-4e1f-a2b3-c4d5e6f7a8b9"));
    assert_eq!(relecloud.len(), 1);
    let i = relecloud[0];
    assert_eq!(s(ds, ds.usage.workload[i]), "Teams");
    assert_eq!(
        (ds.usage.active[i], ds.usage.entitled[i]),
        (Some(6), Some(10))
    );
}

#[test]
fn partner_license_totals_never_customer_facts() {
    let (ds, f) = one("rest/partner_license_totals.json");
    assert_loaded(&f, "rest:partner_license_totals", "rest-collection");
    assert_eq!(ds.customers.len(), 0);
    assert_eq!(ds.usage.len(), 0);
    let t = &ds.partner_totals;
    assert_eq!(t.len(), 3);
    assert_eq!(t[0].kind, "deployment");
    assert_eq!(t[0].key, "Office 365");
    assert_eq!(t[0].licenses_sold, Some(1430));
    assert_eq!(t[1].percent, Some(0.58));
    assert_eq!(t[2].kind, "usage");
    assert_eq!(t[2].key, "Exchange");
    assert_eq!(t[2].month, Some(m(2024, 3)));
}

#[test]
fn same_dataset_in_every_container() {
    let row = r#"{"CustomerTenantId":"t1","CustomerName":"Contoso","CustomerStatus":"Active","Month":"2024-03","Product":"Office 365"}"#;
    let docs = [
        (format!("[{row}]"), "json-array"),
        (format!(r#"{{"value":[{row}],"nextLink":null,"totalCount":1}}"#), "json-envelope"),
        (format!(r#"{{"Value":[{row}],"@nextLink":null,"TotalCount":1}}"#), "analytics-envelope"),
        (
            format!(r#"{{"totalCount":1,"items":[{row}],"attributes":{{"objectType":"Collection"}}}}"#),
            "rest-collection",
        ),
        (row.to_string(), "single-resource"),
        (
            "CustomerTenantId,CustomerName,CustomerStatus,Month,Product\nt1,Contoso,Active,2024-03,Office 365\n"
                .to_string(),
            "csv",
        ),
    ];
    for (doc, container) in docs {
        let l = load(&[Input {
            name: "x",
            bytes: doc.as_bytes(),
        }]);
        assert_loaded(&l.files[0], "insights:customers_and_tenants", container);
        assert_eq!(l.dataset.activity.len(), 1, "{container}");
        assert_eq!(l.dataset.activity.start[0], m(2024, 3));
    }
}

#[test]
fn rest_resources_in_every_container() {
    let sub = r#"{"id":"s1","offerId":"O1","offerName":"Azure plan","status":"active","creationDate":"2024-01-02","links":{"self":{"uri":"/customers/C1/subscriptions/s1"}}}"#;
    for (doc, container) in [
        (sub.to_string(), "single-resource"),
        (format!("[{sub}]"), "json-array"),
        (
            format!(r#"{{"totalCount":1,"items":[{sub}]}}"#),
            "rest-collection",
        ),
    ] {
        let l = load(&[Input {
            name: "s.json",
            bytes: doc.as_bytes(),
        }]);
        assert_loaded(&l.files[0], "rest:subscription", container);
        assert_eq!(&*l.dataset.customers.id[0], "C1");
        assert_eq!(s(&l.dataset, l.dataset.activity.product[0]), "Azure");
    }
    // detected by objectType alone, keys by the key rules in CSV too
    let csv = "customerTenantId,customerName,id,status,productName,subscriptionType,creationDate\nT9,Contoso,S9,ACTIVE,Office 365 E1,Office,2024-01-01\n";
    let l = load(&[Input {
        name: "a.csv",
        bytes: csv.as_bytes(),
    }]);
    assert_loaded(&l.files[0], "rest:subscription_analytics", "csv");
    assert_eq!(
        s(&l.dataset, l.dataset.activity.product[0]),
        "Microsoft 365"
    );
}
