//! One test per quirk of formats.md "General rules".

use metrics::date::Month;
use metrics::load::{load, Input, Loaded, Status};
use metrics::model::End;

fn fixture(path: &str) -> Vec<u8> {
    let p = format!("{}/tests/fixtures/load/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn load1(name: &str, bytes: &[u8]) -> Loaded {
    load(&[Input { name, bytes }])
}

fn ct_row(month: &str) -> String {
    format!(
        r#"[{{"CustomerTenantId":"t1","CustomerStatus":"Active","Month":"{month}","Product":"Office 365"}}]"#
    )
}

#[test]
fn bom_json() {
    let mut b = b"\xEF\xBB\xBF".to_vec();
    b.extend_from_slice(ct_row("2024-03").as_bytes());
    let l = load1("bom.json", &b);
    assert_eq!(l.files[0].status, Status::Loaded);
    assert_eq!(l.files[0].format, "insights:customers_and_tenants");
    assert_eq!(l.dataset.activity.len(), 1);
}

#[test]
fn bom_and_semicolon_csv_with_us_dates_and_any_header_case() {
    let b = fixture("insights/customers_and_tenants_semicolon_bom.csv");
    assert!(b.starts_with(b"\xEF\xBB\xBF"));
    let l = load1("semi.csv", &b);
    let f = &l.files[0];
    assert_eq!(f.format, "insights:customers_and_tenants", "{f:#?}");
    assert_eq!((f.rows_read, f.rows_used), (3, 3));
    let ds = &l.dataset;
    assert_eq!(ds.activity.start[0], Month::new(2024, 1));
    assert_eq!(ds.activity.start[1], Month::new(2024, 2));
    // header `CUSTOMERNAME`, `customertenantid` matched case-insensitively
    assert_eq!(
        ds.strings.resolve(ds.customers.name[0]),
        "Wide World Importers"
    );
    assert_eq!(ds.customers.len(), 2);
}

#[test]
fn semicolon_csv_with_commas_inside_fields() {
    let csv =
        "CustomerTenantId;CustomerName;CustomerStatus;Month\nt1;Fabrikam, Inc.;Active;2024-03\n";
    let l = load1("s.csv", csv.as_bytes());
    let ds = &l.dataset;
    assert_eq!(ds.strings.resolve(ds.customers.name[0]), "Fabrikam, Inc.");
}

#[test]
fn rfc4180_quoted_fields_with_comma_quote_and_newline() {
    let l = load1("ct.csv", &fixture("insights/customers_and_tenants.csv"));
    let ds = &l.dataset;
    let names: Vec<&str> = (0..ds.customers.len())
        .map(|c| ds.strings.resolve(ds.customers.name[c]))
        .collect();
    assert!(names.contains(&"Fabrikam, Inc."), "{names:?}");
    assert!(names.contains(&"Adventure \"Works\"\nCycles"), "{names:?}");
    // the embedded newline does not shift row numbers: the bad Month is data row 6
    assert_eq!(l.files[0].problems[0].row, 6);
}

#[test]
fn string_numbers_floats_and_huge_numbers() {
    let doc = r#"[
      {"CustomerTenantId":"t1","Month":"2024-03","WorkloadName":"Teams","PaidAvailableUnits":"63","MonthlyActiveUsers":" 12 "},
      {"CustomerTenantId":"t1","Month":"2024-03","WorkloadName":"Exchange","PaidAvailableUnits":62.6,"MonthlyActiveUsers":"7.4"},
      {"CustomerTenantId":"t1","Month":"2024-03","WorkloadName":"Yammer","PaidAvailableUnits":99999999999999999999999,"MonthlyActiveUsers":"-99999999999999999999999"}
    ]"#;
    let l = load1("u.json", doc.as_bytes());
    let u = &l.dataset.usage;
    assert_eq!(l.files[0].problem_count, 0, "{:#?}", l.files[0]);
    assert_eq!((u.entitled[0], u.active[0]), (Some(63), Some(12)));
    assert_eq!((u.entitled[1], u.active[1]), (Some(63), Some(7)));
    assert_eq!(
        (u.entitled[2], u.active[2]),
        (Some(i64::MAX), Some(i64::MIN))
    );
}

#[test]
fn gigantic_json_number_refuses_the_file_with_a_message() {
    let doc = r#"[{"CustomerTenantId":"t1","Month":"2024-03","WorkloadName":"Teams","PaidAvailableUnits":1e400,"MonthlyActiveUsers":1}]"#;
    let l = load1("big.json", doc.as_bytes());
    let f = &l.files[0];
    assert_eq!(f.status, Status::Refused);
    let msg = f.refused.as_deref().unwrap();
    assert!(
        msg.starts_with("big.json: not valid JSON (number out of range"),
        "{msg}"
    );
}

#[test]
fn empty_strings_are_missing() {
    let doc = r#"[{"CustomerTenantId":"t1","CustomerName":"","CustomerTenantCountry":"","Month":"2024-03","WorkloadName":"Teams","PaidAvailableUnits":"","MonthlyActiveUsers":"5"}]"#;
    let l = load1("u.json", doc.as_bytes());
    let ds = &l.dataset;
    assert_eq!(l.files[0].rows_used, 1);
    assert_eq!(ds.usage.entitled[0], None);
    assert_eq!(ds.usage.active[0], Some(5));
    assert_eq!(ds.strings.resolve(ds.customers.name[0]), "Unknown");
    assert_eq!(ds.strings.resolve(ds.customers.country[0]), "Unknown");
}

#[test]
fn every_date_form() {
    for (s, month) in [
        ("2024-03", Month::new(2024, 3)),
        ("2024-03-01", Month::new(2024, 3)),
        ("2024-03-01T00:00:00", Month::new(2024, 3)),
        ("2024-03-01T00:00:00Z", Month::new(2024, 3)),
        ("2021-10-15T21:28:19.3058617Z", Month::new(2021, 10)),
        ("2017-03-09T00:00:00+00:00", Month::new(2017, 3)),
        ("3/1/2024", Month::new(2024, 3)),
        ("12/31/2023", Month::new(2023, 12)),
    ] {
        let l = load1("d.json", ct_row(s).as_bytes());
        assert_eq!(l.files[0].rows_used, 1, "{s}: {:#?}", l.files[0]);
        assert_eq!(l.dataset.activity.start[0], month, "{s}");
    }
}

#[test]
fn far_future_dates_mean_no_end() {
    let doc = r#"[
      {"customerTenantId":"t1","id":"s1","status":"ACTIVE","subscriptionType":"Office","creationDate":"2023-01-01","deprovisionedDate":"9999-12-14T00:00:00Z"},
      {"customerTenantId":"t1","id":"s2","status":"SUSPENDED","subscriptionType":"Office","creationDate":"2023-01-01","currentStateEndDate":"9999-12-14T00:00:00Z","commitmentEndDate":"9999-12-14T00:00:00Z"}
    ]"#;
    let l = load1("a.json", doc.as_bytes());
    let a = &l.dataset.activity;
    assert_eq!(a.end[0], End::Open);
    assert_eq!(
        a.end[1],
        End::Resolve {
            known: None,
            commitment: None
        }
    );
}

#[test]
fn active_with_deprovisioned_date_ends_then() {
    let doc = r#"{"customerTenantId":"t1","id":"s1","status":"active","licenseCount":3,"creationDate":"2023-01-01","deprovisionedDate":"2023-06-15"}"#;
    let l = load1("a.json", doc.as_bytes());
    assert_eq!(l.dataset.activity.end[0], End::At(Month::new(2023, 6)));
}

#[test]
fn license_active_spelling_is_accepted() {
    let doc = r#"[{"processedDateTime":"2024-02-27T06:15:02","serviceCode":"o365","customerTenantId":"t1","productName":"Office 365 E3","workloadCode":"EXO","licenseActive":"17","licensesQualified":20}]"#;
    let l = load1("u.json", doc.as_bytes());
    assert_eq!(l.files[0].format, "rest:license_usage");
    assert_eq!(l.dataset.usage.active[0], Some(17));
}

#[test]
fn customer_id_from_the_self_link() {
    let doc = r#"{"id":"S1","offerId":"X","offerName":"Visio Plan 2","status":"active","creationDate":"2024-01-01",
      "links":{"self":{"uri":"https://api.partnercenter.microsoft.com/v1/CUSTOMERS/AbC-123/SUBSCRIPTIONS/S1"}}}"#;
    let l = load1("s.json", doc.as_bytes());
    let ds = &l.dataset;
    assert_eq!(&*ds.customers.id[0], "AbC-123");
    assert_eq!(ds.strings.resolve(ds.activity.product[0]), "Microsoft 365");
    assert_eq!(ds.strings.resolve(ds.activity.subscription[0]), "s1");
}

#[test]
fn pga_duplicates_are_skipped_with_a_reason() {
    let csv = "CustomerTenantId,CustomerStatus,Month,IsDuplicateRowForPGA\nt1,Active,2024-03,0\nt2,Active,2024-03,1\nt3,Active,2024-03,true\n";
    let l = load1("pga.csv", csv.as_bytes());
    let f = &l.files[0];
    assert_eq!((f.rows_read, f.rows_used, f.rows_skipped), (3, 1, 2));
    assert_eq!(f.problem_count, 0);
    assert_eq!(
        f.skipped
            .get("duplicate row for PGA (IsDuplicateRowForPGA = 1)"),
        Some(&2)
    );
    // a skipped row registers nothing
    assert_eq!(l.dataset.customers.len(), 1);
}

#[test]
fn rows_matched_by_name_are_counted() {
    let usage = r#"[
      {"customerName":"Contoso","productName":"Office 365 E3","serviceCode":"o365","workloadCode":"EXO","licensesActive":5,"licensesQualified":9,"usagePercent":0.55,"processedDateTime":"2024-03-04T09:41:37Z"},
      {"customerName":"contoso ","productName":"Office 365 E3","serviceCode":"o365","workloadCode":"SPO","licensesActive":4,"licensesQualified":9,"usagePercent":0.44,"processedDateTime":"2024-03-04T09:41:37Z"},
      {"customerId":"T2","customerName":"Fabrikam","productName":"Office 365 E3","serviceCode":"o365","workloadCode":"SPO","licensesActive":4,"licensesQualified":9,"usagePercent":0.44,"processedDateTime":"2024-03-04T09:41:37Z"}
    ]"#;
    let customers = r#"{"companyProfile":{"tenantId":"T1","companyName":"CONTOSO"}}"#;
    let l = load(&[
        Input {
            name: "usage.json",
            bytes: usage.as_bytes(),
        },
        Input {
            name: "customer.json",
            bytes: customers.as_bytes(),
        },
    ]);
    assert_eq!(l.files[0].matched_by_name, 2);
    assert_eq!(l.files[1].matched_by_name, 0);
    let ds = &l.dataset;
    assert_eq!(ds.customers.len(), 2);
    // usage facts are ordered by (month, customer) at finish: count T1's by customer
    let t1 = (0..ds.customers.len())
        .find(|&c| &*ds.customers.id[c] == "T1")
        .unwrap() as u32;
    assert_eq!(ds.usage.customer.iter().filter(|c| **c == t1).count(), 2);
}

#[test]
fn mixed_case_guids_across_two_files_are_one_customer() {
    let l = load(&[
        Input {
            name: "ct.csv",
            bytes: &fixture("insights/customers_and_tenants.csv"),
        },
        Input {
            name: "customers.json",
            bytes: &fixture("rest/customers_collection.json"),
        },
        Input {
            name: "semi.csv",
            bytes: &fixture("insights/customers_and_tenants_semicolon_bom.csv"),
        },
    ]);
    let ds = &l.dataset;
    let contoso: Vec<usize> = (0..ds.customers.len())
        .filter(|&c| {
            ds.customers.id[c].eq_ignore_ascii_case("3f2b6c1e-8d4a-4b7e-9c21-5a0e7d9f1b34")
        })
        .collect();
    assert_eq!(contoso.len(), 1);
    // its facts from the lower-case CSV and the upper-case `;` CSV share the customer
    let facts = ds
        .activity
        .customer
        .iter()
        .filter(|&&c| c as usize == contoso[0])
        .count();
    assert_eq!(facts, 3);
    // 4 customers of ct.csv + Relecloud + Wide World Importers
    assert_eq!(ds.customers.len(), 6);
}

#[test]
fn numbers_where_text_is_expected_become_text() {
    let doc = r#"[{"CustomerTenantId":"t1","CustomerStatus":"Active","Month":"2024-03","PartnerLocationID":4512345}]"#;
    let l = load1("n.json", doc.as_bytes());
    let ds = &l.dataset;
    assert_eq!(
        ds.strings.resolve(ds.activity.partner_location[0]),
        "4512345"
    );
}

#[test]
fn escaped_strings_and_duplicate_keys() {
    let doc = r#"[{"CustomerTenantId":"t\u0031","CustomerName":"Caf\u00e9 \"Zo\"","CustomerStatus":"Inactive","CustomerStatus":"Active","Month":"2024-03"}]"#;
    let l = load1("e.json", doc.as_bytes());
    let ds = &l.dataset;
    assert_eq!(&*ds.customers.id[0], "t1");
    assert_eq!(ds.strings.resolve(ds.customers.name[0]), "Café \"Zo\"");
    // the last of two equal keys wins
    assert_eq!(ds.activity.len(), 1);
}

#[test]
fn fields_no_loader_reads_are_only_checked_for_json_syntax() {
    // Partner Center adds columns over time; a value out of any number's range in one of them
    // (here 1e400) costs nothing, while the same in a field that is read is a problem
    let doc = r#"[{"CustomerTenantId":"t1","CustomerStatus":"Active","Month":"2024-03","Product":"Office 365","NewColumn":1e400,"Nested":{"a":[1,{"b":"\u0041"}]}}]"#;
    let l = load1("extra.json", doc.as_bytes());
    assert_eq!(l.files[0].status, Status::Loaded, "{:#?}", l.files[0]);
    assert_eq!(l.dataset.activity.len(), 1);
    // still JSON: a broken value in an unread field refuses the file, with its position
    let broken = doc.replace(",\"NewColumn\":1e400", ",\n\"NewColumn\":1e");
    let l = load1("broken.json", broken.as_bytes());
    let refused = l.files[0].refused.as_deref().unwrap_or_default();
    assert!(refused.contains("line 2"), "{refused}");
}

#[test]
fn a_refused_file_leaves_nothing_behind_for_the_next() {
    // the broken file's rows (a new customer) are parsed before its end turns out to be missing;
    // the next file starts with that same customer, which must be made afresh
    let row = |id: &str| {
        format!(
            r#"{{"CustomerTenantId":"{id}","CustomerStatus":"Active","Month":"2024-03","Product":"Office 365"}}"#
        )
    };
    let good = format!("[{}]", row("t1"));
    let broken = format!("[{},{}", row("t1"), row("t9"));
    let next = format!("[{},{}]", row("t9"), row("t2"));
    let l = load(&[
        Input {
            name: "a.json",
            bytes: good.as_bytes(),
        },
        Input {
            name: "b.json",
            bytes: broken.as_bytes(),
        },
        Input {
            name: "c.json",
            bytes: next.as_bytes(),
        },
    ]);
    assert!(l.files[1].refused.is_some(), "{:#?}", l.files[1]);
    assert_eq!(l.files[2].status, Status::Loaded);
    assert_eq!(l.dataset.customers.len(), 3, "t1, t9, t2");
    assert_eq!(l.dataset.activity.len(), 3);
}
