//! Delimited text after a published header (tests/fixtures/load/published), the separator
//! chosen by the first input byte (`,` `;` or tab; any other byte picks one of them), the header
//! by the second, the rest the file's rows (dates in slash, dotted and ISO forms, decimal commas:
//! see load_delimited.dict). Checks:
//! - no panic; the counts add up; a file that loads was sniffed with the chosen separator; a
//!   date reading is consistent (rule 1 names a month above 12);
//! - `load` equals `load_parallel` on it as one file (reports and dataset);
//! - every record the in-place splitter (`Records`, load/csv.rs) yields is the csv crate's
//!   `ByteRecord` there: checked inside the engine in fuzzing builds (load/csv.rs `fuzz_check`,
//!   `cfg(fuzzing)`), a disagreement being a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use metrics::load::{load, load_parallel, DateRule, Input, Status};

#[path = "published.rs"]
mod published;

fuzz_target!(|data: &[u8]| {
    let Some((&s, rest)) = data.split_first() else {
        return;
    };
    let sep = match s {
        b',' | b';' | b'\t' => s,
        _ => [b',', b';', b'\t'][s as usize % 3],
    };
    let Some((&h, body)) = rest.split_first() else {
        return;
    };
    let mut bytes = published::header(h as usize, sep);
    bytes.extend_from_slice(body);
    let input = Input { name: "fuzz.csv", bytes: &bytes };

    let l = load(&[input]);
    assert_eq!(l.files.len(), 1);
    let f = &l.files[0];
    match f.status {
        Status::Refused => {
            assert!(f.refused.as_deref().is_some_and(|m| m.starts_with("fuzz.csv: ")));
        }
        Status::Loaded | Status::NotUsed => {
            assert_eq!(f.rows_read, f.rows_used + f.rows_skipped, "{f:#?}");
            assert_eq!(f.skipped.values().sum::<u64>(), f.rows_skipped, "{f:#?}");
            let want = match sep {
                b';' => "csv;",
                b'\t' => "tsv",
                _ => "csv",
            };
            assert_eq!(f.container, want, "{f:#?}");
            assert!(f.problems.iter().all(|p| p.row >= 1 && p.row <= f.rows_read), "{f:#?}");
        }
    }
    if let Some(d) = &f.dates {
        assert!(!d.example.is_empty(), "{d:?}");
        if d.rule == DateRule::Impossible {
            assert!(d.impossible_month.is_some_and(|m| m > 12), "{d:?}");
        }
        let _ = d.to_string();
    }

    let p = load_parallel(&[input], 2);
    assert_eq!(l.files, p.files);
    assert_eq!(format!("{:?}", l.dataset), format!("{:?}", p.dataset));
    let _ = metrics::report(&l.dataset, &metrics::Query::default());
});
