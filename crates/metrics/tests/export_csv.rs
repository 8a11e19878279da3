//! The adoption CSV: BOM, header, separators, decimal commas, quoting and formula neutralising.

use metrics::export::{adoption_csv, file_name, CsvOptions, HEADER};
use metrics::model::{CustomerAttrs, CustomerKey, DatasetBuilder, UsageRow};
use metrics::{report, Month, Query};

fn report_of(names: &[&str]) -> metrics::Report {
    let mut b = DatasetBuilder::new();
    b.begin_file("u.json");
    for (i, n) in names.iter().enumerate() {
        let id = format!("t{i}");
        let c = b
            .customer(
                CustomerKey::Id(&id),
                CustomerAttrs {
                    name: Some(n),
                    ..Default::default()
                },
            )
            .unwrap();
        let month = Some(Month::new(2024, 6));
        b.usage(
            c,
            UsageRow {
                month,
                product: Some("Microsoft 365"),
                sold: Some(10),
                assigned: Some(3),
                ..Default::default()
            },
        );
        b.usage(
            c,
            UsageRow {
                month,
                workload: Some("Teams"),
                active: Some(7),
                entitled: Some(3),
                ..Default::default()
            },
        );
    }
    b.saw_month(Month::new(2024, 6));
    report(&b.finish(), &Query::default())
}

fn records(bytes: &[u8], sep: u8) -> Vec<Vec<String>> {
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 byte-order mark");
    csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .from_reader(&bytes[3..])
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn header_levels_and_values() {
    let r = report_of(&["Contoso"]);
    let rows = records(&adoption_csv(&r, CsvOptions::default()).unwrap(), b',');
    assert_eq!(rows[0], HEADER.map(str::to_string).to_vec());
    let levels: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        levels,
        [
            "portfolio",
            "portfolio_workload",
            "portfolio_product",
            "customer",
            "product",
            "workload",
            "opportunity"
        ]
    );
    let customer = &rows[4];
    assert_eq!(&customer[1..7], ["t0", "Contoso", "", "10", "3", "30.0"]);
    // usage above 100% is exported as it is and flagged
    assert_eq!(&customer[7..11], ["7", "3", "233.3", "true"]);
    let opp = &rows[7];
    assert_eq!(&opp[11..15], ["7", "-4", "low_deployment", "2024-06"]);
}

#[test]
fn european_excel_gets_semicolons_and_decimal_commas() {
    let r = report_of(&["Contoso"]);
    let bytes = adoption_csv(&r, CsvOptions::european()).unwrap();
    let rows = records(&bytes, b';');
    assert_eq!(rows[4][6], "30,0");
    assert!(String::from_utf8_lossy(&bytes).contains("233,3"));
}

#[test]
fn hostile_names_are_quoted_and_neutralised() {
    let r = report_of(&[
        "=HYPERLINK(\"http://x\",\"y\")",
        "Müller, \"Söhne\"\nBau",
        "@SUM(A1)",
        "-2+3",
    ]);
    let rows = records(&adoption_csv(&r, CsvOptions::default()).unwrap(), b',');
    let names: Vec<&str> = rows
        .iter()
        .filter(|r| r[0] == "customer")
        .map(|r| r[2].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "'-2+3",
            "'=HYPERLINK(\"http://x\",\"y\")",
            "'@SUM(A1)",
            "Müller, \"Söhne\"\nBau"
        ]
    );
    // numbers are not text: a negative gap stays a number
    assert!(rows.iter().any(|r| r[0] == "opportunity" && r[12] == "-4"));
}

#[test]
fn file_name_carries_the_as_of_date() {
    let r = report_of(&["A"]);
    assert_eq!(
        file_name(r.as_of),
        "partner-insights-adoption-2024-06-30.csv"
    );
    let empty = report(&metrics::Dataset::default(), &Query::default());
    assert!(adoption_csv(&empty, CsvOptions::default()).is_none());
}
