//! Arbitrary bytes as one file, and split in two files of one load.
#![no_main]

use libfuzzer_sys::fuzz_target;
use metrics::load::{load, load_report_text, Input, Status};

fuzz_target!(|data: &[u8]| {
    let l = load(&[Input { name: "fuzz", bytes: data }]);
    for f in &l.files {
        if f.status == Status::Refused {
            assert!(f.refused.as_deref().is_some_and(|m| m.starts_with("fuzz: ")));
        }
    }
    let _ = load_report_text(&l.files);
    let _ = metrics::report(&l.dataset, &metrics::Query::default());
    let mid = data.len() / 2;
    let _ = load(&[
        Input { name: "a", bytes: &data[..mid] },
        Input { name: "b", bytes: &data[mid..] },
    ]);
});
