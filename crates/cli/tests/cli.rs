//! The `insights` binary, run as a partner would run it.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn insights(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_insights"))
        .args(args)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A fresh scratch directory under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn sample() -> String {
    format!("{}/../../data/sample.json", env!("CARGO_MANIFEST_DIR"))
}

fn generate(dir: &Path, format: &str, customers: &str, months: &str, seed: &str) -> Vec<String> {
    let out = insights(&[
        "generate",
        "--customers",
        customers,
        "--months",
        months,
        "--seed",
        seed,
        "--format",
        format,
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    files.sort();
    files
}

fn report_json(files: &[String], extra: &[&str]) -> Value {
    let mut args = vec!["report"];
    args.extend(files.iter().map(String::as_str));
    args.extend(extra);
    let out = insights(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn help_for_every_subcommand() {
    let out = insights(&["--help"]);
    assert!(out.status.success());
    let top = text(&out.stdout);
    for sub in [
        "report",
        "validate",
        "convert",
        "generate",
        "export-adoption",
    ] {
        assert!(top.contains(sub), "{top}");
        let out = insights(&[sub, "--help"]);
        assert!(out.status.success(), "{sub}");
        let help = text(&out.stdout);
        assert!(help.contains("Usage: insights"), "{help}");
    }
    let help = text(&insights(&["report", "--help"]).stdout);
    for flag in [
        "--from",
        "--to",
        "--as-of",
        "--filter",
        "--deployment-threshold",
        "--usage-threshold",
    ] {
        assert!(help.contains(flag), "{flag}: {help}");
    }
    let help = text(&insights(&["generate", "--help"]).stdout);
    for flag in [
        "--customers",
        "--months",
        "--seed",
        "--format",
        "--end",
        "-o",
    ] {
        assert!(help.contains(flag), "{flag}: {help}");
    }
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["nonsense"],
        &["report"],
        &["report", "x.json", "--from", "2024-13"],
        &["report", "x.json", "--from", "2024-03-01"],
        &["report", "x.json", "--as-of", "31/10/2026"],
        &["report", "x.json", "--filter", "product"],
        &["report", "x.json", "--filter", "colour=red"],
        &["report", "x.json", "--deployment-threshold", "abc"],
        &["convert", "x.json"],
        &["generate", "--format", "xml", "-o", "out"],
        &["generate", "--months", "0", "-o", "out-zero"],
    ] {
        let out = insights(args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
    let out = insights(&["report", "x.json", "--filter", "colour=red"]);
    assert!(
        text(&out.stderr).contains("colour"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn unreadable_and_refused_files_exit_2_naming_them() {
    let dir = scratch("bad");
    let missing = dir.join("missing.json").display().to_string();
    for sub in ["report", "validate", "convert"] {
        let mut args = vec![sub, missing.as_str()];
        if sub == "convert" {
            args.extend(["-o", "unused.json"]);
        }
        let out = insights(&args);
        assert_eq!(out.status.code(), Some(2), "{sub}");
        assert!(
            text(&out.stderr).contains("missing.json"),
            "{sub}: {}",
            text(&out.stderr)
        );
    }
    let junk = dir.join("junk.txt");
    std::fs::write(&junk, b"\x00\x01 not a partner center file").unwrap();
    let junk = junk.display().to_string();
    let out = insights(&["validate", &sample(), &junk]);
    assert_eq!(out.status.code(), Some(2));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("junk.txt: refused"), "{stdout}");
    assert!(
        stdout.contains("sample.json: loaded as partner-insights bundle"),
        "{stdout}"
    );
    let out = insights(&["report", &sample(), &junk]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("junk.txt"));
}

#[test]
fn validate_accepts_every_generated_format() {
    for format in ["bundle", "insights-json", "insights-csv", "rest"] {
        let dir = scratch(&format!("validate-{format}"));
        let files = generate(&dir, format, "30", "6", "4");
        let mut args = vec!["validate"];
        args.extend(files.iter().map(String::as_str));
        let out = insights(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{format}: {}",
            text(&out.stdout)
        );
        assert!(
            text(&out.stdout).contains("total: 30 customers"),
            "{}",
            text(&out.stdout)
        );
    }
}

#[test]
fn row_problems_go_to_stderr_as_file_row_field_reason() {
    let dir = scratch("problems");
    let csv = dir.join("ct.csv");
    std::fs::write(
        &csv,
        "CustomerTenantId,CustomerName,CustomerStatus,Month\nt1,Contoso,Active,2024-03\nt2,Fabrikam,Active,not-a-month\n",
    )
    .unwrap();
    let out = insights(&["report", csv.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    let line = err
        .lines()
        .find(|l| l.contains("ct.csv:2:"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.contains(": Month: ") || line.to_lowercase().contains("month"),
        "{line}"
    );
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["summary"]["customers"]["value"], 1);
}

#[test]
fn generate_is_deterministic_and_seeds_differ() {
    let read = |files: &[String]| -> Vec<Vec<u8>> {
        files.iter().map(|f| std::fs::read(f).unwrap()).collect()
    };
    for format in ["bundle", "insights-csv"] {
        let a = read(&generate(
            &scratch(&format!("det-a-{format}")),
            format,
            "25",
            "8",
            "99",
        ));
        let b = read(&generate(
            &scratch(&format!("det-b-{format}")),
            format,
            "25",
            "8",
            "99",
        ));
        let c = read(&generate(
            &scratch(&format!("det-c-{format}")),
            format,
            "25",
            "8",
            "100",
        ));
        assert_eq!(a, b, "{format}");
        assert_ne!(a, c, "{format}");
    }
}

#[test]
fn generate_creates_the_directory_and_honours_end() {
    let dir = scratch("nested").join("a/b");
    let out = insights(&[
        "generate",
        "--customers",
        "10",
        "--months",
        "4",
        "--end",
        "2025-03",
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let b: Value =
        serde_json::from_slice(&std::fs::read(dir.join("bundle.json")).unwrap()).unwrap();
    assert_eq!(b["as_of"], "2025-03-31");
}

#[test]
fn convert_round_trip_reports_like_the_inputs() {
    let dir = scratch("convert");
    let inputs = generate(&dir.join("in"), "insights-csv", "40", "14", "8");
    let bundle = dir.join("bundle.json").display().to_string();
    let mut args = vec!["convert"];
    args.extend(inputs.iter().map(String::as_str));
    args.extend(["-o", bundle.as_str()]);
    let out = insights(&args);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    for extra in [
        &[][..],
        &["--filter", "product=Azure", "--filter", "product=Power BI"],
        &["--from", "2026-01", "--to", "2026-06"],
    ] {
        let a = report_json(&inputs, extra);
        let b = report_json(std::slice::from_ref(&bundle), extra);
        assert_eq!(a, b, "{extra:?}");
    }
}

#[test]
fn the_three_renderings_report_alike_on_the_command_line() {
    let dir = scratch("renderings");
    let b = generate(&dir.join("b"), "bundle", "50", "13", "21");
    let j = generate(&dir.join("j"), "insights-json", "50", "13", "21");
    let c = generate(&dir.join("c"), "insights-csv", "50", "13", "21");
    let rb = report_json(&b, &[]);
    assert_eq!(rb, report_json(&j, &[]));
    assert_eq!(rb, report_json(&c, &[]));
}

#[test]
fn report_of_the_sample_has_the_metrics_md_keys() {
    let r = report_json(&[sample()], &[]);
    for k in [
        "as_of",
        "timeline",
        "range",
        "filters",
        "months",
        "summary",
        "adds_churn",
        "geo",
        "distribution",
        "products",
        "distribution_trend",
        "active_trend",
        "adoption",
        "warnings",
    ] {
        assert!(r.get(k).is_some(), "{k}");
    }
    for k in [
        "customers",
        "active_customers",
        "subscriptions",
        "net_added",
        "last_month_churn",
        "by_product",
    ] {
        assert!(r["summary"].get(k).is_some(), "summary.{k}");
    }
    for k in [
        "partner_location",
        "segment",
        "sales_channel",
        "attribution",
    ] {
        assert!(r["distribution"][k].is_array(), "distribution.{k}");
    }
    for k in ["market", "segment", "partner_location", "product"] {
        assert!(
            r["distribution_trend"][k].is_array(),
            "distribution_trend.{k}"
        );
    }
    for k in ["month", "portfolio", "customers", "opportunities"] {
        assert!(r["adoption"].get(k).is_some(), "adoption.{k}");
    }
    assert_eq!(r["as_of"], "2026-10-31");
    assert_eq!(r["timeline"]["from"], "2023-11");
    assert_eq!(r["range"]["from"], "2025-11");
    assert_eq!(r["range"]["to"], "2026-10");
    assert_eq!(r["months"].as_array().unwrap().len(), 12);
    assert!(r["summary"]["customers"]["value"].as_i64().unwrap() > 1000);
    assert_eq!(r["warnings"].as_array().unwrap().len(), 0);
}

#[test]
fn report_options_reach_the_query() {
    let r = report_json(
        &[sample()],
        &[
            "--from",
            "2026-01",
            "--to",
            "2026-06",
            "--as-of",
            "2026-09-30",
            "--filter",
            "country=FR",
            "--filter",
            "country=DE",
            "--filter",
            "product=Azure",
            "--deployment-threshold",
            "75",
            "--usage-threshold",
            "60",
        ],
    );
    assert_eq!(r["as_of"], "2026-09-30");
    assert_eq!(r["range"]["from"], "2026-01");
    assert_eq!(r["range"]["to"], "2026-06");
    let filters = &r["filters"];
    assert_eq!(filters["country"].as_array().unwrap().len(), 2);
    assert_eq!(filters["product"][0], "Azure");
    let geo: Vec<&str> = r["geo"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|g| g["country"].as_str())
        .collect();
    assert!(geo.iter().all(|c| *c == "FR" || *c == "DE"), "{geo:?}");
    assert_eq!(r["adoption"]["thresholds"]["deployment_pct"], 75.0);
    assert_eq!(r["adoption"]["thresholds"]["usage_pct"], 60.0);
    // a value with a comma is one value, not two
    let r = report_json(
        &[sample()],
        &["--filter", "partner_location=Nowhere, Somewhere"],
    );
    assert_eq!(r["filters"]["partner_location"][0], "Nowhere, Somewhere");
    assert_eq!(r["summary"]["customers"]["value"], 0);
}

#[test]
fn export_adoption_writes_the_csv_of_the_report() {
    let dir = scratch("export");
    let out_csv = dir.join("adoption.csv");
    let out = insights(&[
        "export-adoption",
        &sample(),
        "--separator",
        ";",
        "--deployment-threshold",
        "60",
        "-o",
        out_csv.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bytes = std::fs::read(&out_csv).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let body = text(&bytes[3..]);
    assert!(body.starts_with("level;customer_id;customer_name;key;sold;assigned;deployment_pct"));
    // as many opportunity rows as the report lists with the same threshold
    let r = report_json(&[sample()], &["--deployment-threshold", "60"]);
    let n = r["adoption"]["opportunities"].as_array().unwrap().len();
    assert!(n > 0);
    assert_eq!(
        body.lines()
            .filter(|l| l.starts_with("opportunity;"))
            .count(),
        n
    );
    // a bad separator is a usage error
    let out = insights(&[
        "export-adoption",
        &sample(),
        "--separator",
        "|",
        "-o",
        "x.csv",
    ]);
    assert_eq!(out.status.code(), Some(2));
}
