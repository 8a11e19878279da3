//! Partner Center's published column lists: the header lines of
//! crates/metrics/tests/fixtures/load/published/*.csv and *.tsv (shared by the targets through
//! `#[path]`; not a target itself).

/// Each published file: its name and its bytes (header line first).
pub const FILES: &[(&str, &str)] = &[
    ("azure_usage.csv", include_str!("../../tests/fixtures/load/published/azure_usage.csv")),
    ("azure_usage_download.csv", include_str!("../../tests/fixtures/load/published/azure_usage_download.csv")),
    ("customers_and_tenants.csv", include_str!("../../tests/fixtures/load/published/customers_and_tenants.csv")),
    ("customers_and_tenants.tsv", include_str!("../../tests/fixtures/load/published/customers_and_tenants.tsv")),
    ("customers_and_tenants_download.csv", include_str!("../../tests/fixtures/load/published/customers_and_tenants_download.csv")),
    ("customers_and_tenants_resaved.csv", include_str!("../../tests/fixtures/load/published/customers_and_tenants_resaved.csv")),
    ("dynamics_usage.csv", include_str!("../../tests/fixtures/load/published/dynamics_usage.csv")),
    ("ems_usage.csv", include_str!("../../tests/fixtures/load/published/ems_usage.csv")),
    ("office_usage.tsv", include_str!("../../tests/fixtures/load/published/office_usage.tsv")),
    ("power_bi_usage.csv", include_str!("../../tests/fixtures/load/published/power_bi_usage.csv")),
    ("seats_subscriptions_revenue.csv", include_str!("../../tests/fixtures/load/published/seats_subscriptions_revenue.csv")),
    ("seats_subscriptions_revenue_download.csv", include_str!("../../tests/fixtures/load/published/seats_subscriptions_revenue_download.csv")),
];

/// The column names of published file `i` (modulo their number).
#[allow(dead_code)]
pub fn columns(i: usize) -> Vec<&'static str> {
    let text = FILES[i % FILES.len()].1;
    let line = text.lines().next().unwrap_or("");
    let line = line.trim_start_matches('\u{feff}');
    let sep = if line.contains('\t') {
        '\t'
    } else if line.contains(';') {
        ';'
    } else {
        ','
    };
    line.split(sep).collect()
}

/// The header line of published file `i` with separator `sep`, ending in a newline.
#[allow(dead_code)]
pub fn header(i: usize, sep: u8) -> Vec<u8> {
    let mut out = columns(i).join(&(sep as char).to_string()).into_bytes();
    out.push(b'\n');
    out
}
