//! The hostile corpus (tests/fixtures/hostile/ at the repository root): broken and malicious
//! files. Each one, alone and all together, loads without a panic and with a clear account: a
//! refused file has a message that names it; a loaded file accounts for every row it read, and
//! every skipped row has a problem or a reason. Markup in values is kept as text (the page renders
//! it as text), never dropped silently.

use metrics::load::{load, FileReport, Input, Status};
use std::fs;
use std::path::PathBuf;

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/hostile");
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(&dir)
        .expect("the hostile corpus")
        .map(|e| {
            let p = e.expect("entry").path();
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name, fs::read(&p).expect("bytes"))
        })
        .collect();
    files.sort();
    assert!(files.len() >= 20, "the corpus is there");
    files
}

fn check(f: &FileReport) {
    match f.status {
        Status::Refused => {
            let why = f.refused.as_deref().unwrap_or_default();
            assert!(why.starts_with(&format!("{}: ", f.name)), "{why}");
            assert!(why.contains("expected"), "says what was expected: {why}");
            assert_eq!(f.rows_used, 0, "{}", f.name);
        }
        Status::Loaded | Status::NotUsed => {
            assert!(f.refused.is_none(), "{}", f.name);
            assert_eq!(f.rows_read, f.rows_used + f.rows_skipped, "{}", f.name);
            assert_eq!(
                f.skipped.values().sum::<u64>(),
                f.rows_skipped,
                "{}",
                f.name
            );
            assert!(f.problem_count >= f.problems.len() as u64);
            for p in &f.problems {
                let line = p.to_string();
                assert!(
                    line.starts_with(&format!("{}:{}: ", f.name, p.row)),
                    "{line}"
                );
                assert!(!p.field.is_empty() && !p.message.is_empty(), "{line}");
            }
        }
    }
}

#[test]
fn each_hostile_file_alone_gets_a_clear_account() {
    for (name, bytes) in corpus() {
        let loaded = load(&[Input {
            name: &name,
            bytes: &bytes,
        }]);
        assert_eq!(loaded.files.len(), 1);
        let f = &loaded.files[0];
        assert_eq!(f.name, name);
        check(f);
    }
}

#[test]
fn hostile_files_do_not_stop_a_good_one() {
    let good =
        "CustomerTenantId,CustomerName,CustomerStatus,Month\nt-good,Contoso,Active,2024-03\n";
    let corpus = corpus();
    let mut inputs: Vec<Input<'_>> = corpus
        .iter()
        .map(|(n, b)| Input { name: n, bytes: b })
        .collect();
    inputs.push(Input {
        name: "good.csv",
        bytes: good.as_bytes(),
    });
    let loaded = load(&inputs);
    assert_eq!(loaded.files.len(), inputs.len());
    loaded.files.iter().for_each(check);
    let g = loaded.files.last().expect("good");
    assert_eq!((g.status, g.rows_used), (Status::Loaded, 1));
    assert!(loaded
        .dataset
        .customers
        .id
        .iter()
        .any(|id| &**id == "t-good"));
}

fn one(name: &str) -> FileReport {
    let (n, b) = corpus()
        .into_iter()
        .find(|(n, _)| n == name)
        .expect("fixture");
    load(&[Input {
        name: &n,
        bytes: &b,
    }])
    .files
    .remove(0)
}

#[test]
fn what_each_kind_of_damage_gives() {
    for name in [
        "truncated.json",
        "deep-nesting.json",
        "binary.json",
        "empty.json",
        "whitespace-only.csv",
        "not-rows.json",
        "number.json",
        "unknown-keys.json",
        "html-keys.json",
    ] {
        assert_eq!(one(name).status, Status::Refused, "{name}");
    }
    // markup and formula-like cells are values like any other: kept (as text), not dropped
    let html = one("html-values.csv");
    assert_eq!(html.status, Status::Loaded);
    assert!(html.rows_used >= 2, "{html:?}");
    let formulas = one("formula-cells.csv");
    assert_eq!(formulas.status, Status::Loaded);
    assert!(formulas.rows_used >= 4, "{formulas:?}");
    // a wrong-typed row is skipped with a problem; the good row loads
    let typed = one("wrong-types.json");
    assert_eq!((typed.rows_used, typed.rows_skipped), (1, 1), "{typed:?}");
    assert!(typed.problem_count >= 1);
    let dates = one("bad-dates.csv");
    assert!(dates.problem_count >= 3, "{dates:?}");
}
