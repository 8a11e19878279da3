//! Refusals, not-used resources, bad rows and the text report of a load.

use metrics::load::{load, load_report_text, Input, Loaded, Status};

fn fixture(path: &str) -> Vec<u8> {
    let p = format!("{}/tests/fixtures/load/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn load1(name: &str, bytes: &[u8]) -> Loaded {
    load(&[Input { name, bytes }])
}

fn refusal(name: &str, bytes: &[u8]) -> String {
    let l = load1(name, bytes);
    let f = &l.files[0];
    assert_eq!(f.status, Status::Refused, "{f:#?}");
    assert_eq!(f.format, "unknown");
    assert_eq!(l.dataset.customers.len(), 0);
    assert_eq!(l.dataset.activity.len(), 0);
    let msg = f.refused.clone().unwrap();
    assert!(msg.starts_with(&format!("{name}: ")), "{msg}");
    msg
}

const EXPECTED: &str = "expected an Insights dataset (CustomersAndTenants";

#[test]
fn binary_is_refused() {
    let msg = refusal("logo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
    assert!(msg.contains("not JSON or CSV text (binary data)"), "{msg}");
    assert!(msg.contains(EXPECTED), "{msg}");
}

#[test]
fn empty_and_blank_files_are_refused() {
    for bytes in [&b""[..], b"   \n\t", b"\xEF\xBB\xBF"] {
        let msg = refusal("empty.csv", bytes);
        assert!(msg.starts_with("empty.csv: empty file: expected"), "{msg}");
    }
}

#[test]
fn utf16_is_refused_with_a_hint() {
    let msg = refusal("u16.csv", b"\xFF\xFEC\0u\0");
    assert!(msg.contains("UTF-16"), "{msg}");
}

#[test]
fn plain_text_is_refused() {
    let msg = refusal("notes.txt", &fixture("refused/notes.txt"));
    assert!(
        msg.starts_with(
            "notes.txt: the first line matches no known format (found columns `Dear partner`)"
        ),
        "{msg}"
    );
    assert!(msg.contains(EXPECTED), "{msg}");
}

#[test]
fn json_of_no_known_format_is_refused() {
    let msg = refusal("list.json", &fixture("refused/unknown.json"));
    assert!(
        msg.starts_with(
            "list.json: the first row matches no known format (found keys `what`, `qty`)"
        ),
        "{msg}"
    );
    assert!(msg.contains(EXPECTED), "{msg}");
    let msg = refusal("n.json", b"[1, 2, 3]");
    assert!(
        msg.starts_with("n.json: the document matches no known format (found no row objects)"),
        "{msg}"
    );
}

#[test]
fn invalid_and_truncated_json_is_refused_whole_and_rolled_back() {
    let good = br#"[{"CustomerTenantId":"t1","CustomerStatus":"Active","Month":"2024-03"},"#;
    let mut truncated = good.to_vec();
    truncated.extend_from_slice(br#"{"CustomerTenantId":"t2","Custo"#);
    let first = br#"{"companyProfile":{"tenantId":"t0","companyName":"Zero"}}"#;
    let l = load(&[
        Input {
            name: "c.json",
            bytes: first,
        },
        Input {
            name: "cut.json",
            bytes: &truncated,
        },
    ]);
    let f = &l.files[1];
    assert_eq!(f.status, Status::Refused);
    let msg = f.refused.as_deref().unwrap();
    assert!(
        msg.starts_with("cut.json: not valid JSON (EOF while parsing"),
        "{msg}"
    );
    // the first row of the truncated file was rolled back; the other file stands
    assert_eq!(l.dataset.customers.len(), 1);
    assert_eq!(l.dataset.activity.len(), 0);
    assert_eq!(l.dataset.max_date, None);
    let msg = refusal("junk.json", b"{\"value\": [}");
    assert!(msg.contains("not valid JSON"), "{msg}");
    let msg = refusal("trail.json", b"{\"companyProfile\":{\"tenantId\":\"t\"}} x");
    assert!(msg.contains("trailing characters"), "{msg}");
}

#[test]
fn deep_nesting_is_refused_not_a_stack_overflow() {
    let mut doc = "[".repeat(100_000);
    doc.push_str(&"]".repeat(100_000));
    // arrays inside a row array are skipped without recursion
    let msg = refusal("deep.json", doc.as_bytes());
    assert!(msg.contains("found no row objects"), "{msg}");
    let doc = format!(
        r#"{{"companyProfile":{}1{}}}"#,
        "{\"a\":".repeat(5000),
        "}".repeat(5000)
    );
    let msg = refusal("deep2.json", doc.as_bytes());
    assert!(msg.contains("recursion limit exceeded"), "{msg}");
}

#[test]
fn resources_not_used_are_recognised_not_refused() {
    for (path, format, container) in [
        (
            "not_used/invoices.json",
            "not_used:invoice",
            "rest-collection",
        ),
        (
            "not_used/azure_utilization.json",
            "not_used:azure_utilization",
            "rest-collection",
        ),
        (
            "not_used/indirect_resellers.json",
            "not_used:indirect_reseller",
            "rest-collection",
        ),
        (
            "not_used/subscribed_skus.csv",
            "not_used:subscribed_sku",
            "csv",
        ),
    ] {
        let l = load1("x", &fixture(path));
        let f = &l.files[0];
        assert_eq!(f.status, Status::NotUsed, "{path}: {f:#?}");
        assert_eq!(f.format, format, "{path}");
        assert_eq!(f.container, container, "{path}");
        assert_eq!(f.rows_read, 1);
        assert_eq!(f.rows_used, 0);
        assert_eq!(f.problem_count, 0);
        assert!(f.refused.is_none());
        assert_eq!(l.dataset.customers.len(), 0);
    }
    let l = load1(
        "o.json",
        br#"{"id":"1","attributes":{"objectType":"CustomerUser"}}"#,
    );
    assert_eq!(l.files[0].format, "not_used:customer_user");
    let l = load1("e.json", br#"{"totalCount":0,"items":[]}"#);
    assert_eq!(l.files[0].status, Status::NotUsed);
    assert_eq!(l.files[0].format, "not_used:empty");
    let csv = "CustomerTenantId,Month,AzureConsumedRevenue\nt1,2024-03,12.5\n";
    let l = load1("azure.csv", csv.as_bytes());
    assert_eq!(l.files[0].format, "not_used:insights_dataset");
}

#[test]
fn bad_rows_are_reported_with_file_row_field_and_good_rows_load() {
    let csv = "\
CustomerTenantId,CustomerName,Month,WorkloadName,PaidAvailableUnits,MonthlyActiveUsers
t1,Contoso,2024-03,Exchange,10,5
,,2024-03,Exchange,10,5
t2,Fabrikam,,Teams,3,1
t3,Tailspin,someday,Teams,3,1
t4,Northwind,2024-03,Teams,three,1
t5,Relecloud,2024-03,Teams,4,2
";
    let l = load1("office.csv", csv.as_bytes());
    let f = &l.files[0];
    assert_eq!((f.rows_read, f.rows_used, f.rows_skipped), (6, 2, 4));
    let lines: Vec<String> = f.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        lines,
        [
            "office.csv:2: CustomerTenantId: missing: neither CustomerTenantId nor CustomerName",
            "office.csv:3: Month: missing",
            "office.csv:4: Month: not a date: `someday`",
            "office.csv:5: PaidAvailableUnits: not a number: `three`",
        ]
    );
    assert_eq!(f.problem_count, 4);
    assert_eq!(l.dataset.usage.len(), 2);
    // skipped rows register no customer
    assert_eq!(l.dataset.customers.len(), 2);
    let json = serde_json::to_value(f).unwrap();
    assert_eq!(json["status"], "loaded");
    assert_eq!(json["problems"][0]["row"], 2);
    assert_eq!(json["problems"][0]["field"], "CustomerTenantId");
}

#[test]
fn non_object_rows_and_nested_values_are_problems() {
    let doc = r#"{"value":[
      {"CustomerTenantId":"t1","CustomerStatus":"Active","Month":"2024-03"},
      42,
      {"CustomerTenantId":{"x":1},"CustomerStatus":"Active","Month":"2024-03"},
      {"CustomerTenantId":"t3","CustomerStatus":"Active","Month":20240301}
    ]}"#;
    let l = load1("v.json", doc.as_bytes());
    let f = &l.files[0];
    let lines: Vec<String> = f.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        lines,
        [
            "v.json:2: row: expected an object, found a number",
            "v.json:3: CustomerTenantId: expected a value, found an object or array",
            "v.json:4: Month: not a date: `20240301`",
        ]
    );
    assert_eq!(f.rows_used, 1);
}

#[test]
fn problems_are_capped_but_counted() {
    let mut csv = "CustomerTenantId,CustomerStatus,Month\n".to_string();
    for i in 0..120 {
        csv.push_str(&format!("t{i},Active,bad\n"));
    }
    let l = load1("many.csv", csv.as_bytes());
    let f = &l.files[0];
    assert_eq!(f.problems.len(), 50);
    assert_eq!(f.problem_count, 120);
    assert_eq!(f.rows_skipped, 120);
    let text = load_report_text(&l.files);
    assert!(text.contains("… and 70 more problems"), "{text}");
}

#[test]
fn text_report() {
    let l = load(&[
        Input {
            name: "ct.csv",
            bytes: &fixture("insights/customers_and_tenants.csv"),
        },
        Input {
            name: "invoices.json",
            bytes: &fixture("not_used/invoices.json"),
        },
        Input {
            name: "x.bin",
            bytes: b"\0\0",
        },
        Input {
            name: "dep.json",
            bytes: &fixture("rest/customer_license_deployment.json"),
        },
    ]);
    let text = load_report_text(&l.files);
    let expected = "\
ct.csv: loaded as Insights CustomersAndTenants (csv, programmatic access, CSV): 7 rows read, 5 used, 2 skipped
  skipped 1: duplicate row for PGA (IsDuplicateRowForPGA = 1)
  skipped 1: row cannot be used (see problems)
  ct.csv:6: Month: not a date: `2024-13-01`
invoices.json: recognised as Partner Center invoice (rest-collection), not used by the dashboard: 1 rows
x.bin: refused
  x.bin: not JSON or CSV text (binary data): expected an Insights dataset (CustomersAndTenants, SeatsSubscriptionsAndRevenue, OfficeUsage, EMSUsage, DynamicsUsage, PowerBIUsage or AzureUsage) as CSV, TSV or JSON, a Partner Center REST response (customers, subscriptions, subscription analytics, license deployment or usage), a new commerce invoice or daily rated usage reconciliation file, the customer list export or a partner-insights-bundle
dep.json: loaded as customer license deployment (rest-collection): 2 rows read, 2 used, 0 skipped, 2 matched to a customer by name
4 files: 2 loaded, 1 not used, 1 refused; 1 problems
";
    assert_eq!(text, expected);
}
