//! Arbitrary bytes as the data rows of each published CSV dataset header (Partner Center's
//! column lists, tests/fixtures/load/published), comma- and `;`-separated.
#![no_main]

use libfuzzer_sys::fuzz_target;
use metrics::load::{load, Input};

#[path = "published.rs"]
mod published;

fuzz_target!(|data: &[u8]| {
    for i in 0..published::FILES.len() {
        let sep = if i % 2 == 0 { b',' } else { b';' };
        let mut bytes = published::header(i, sep);
        bytes.extend_from_slice(data);
        let l = load(&[Input { name: "fuzz.csv", bytes: &bytes }]);
        let f = &l.files[0];
        assert_eq!(f.rows_read, f.rows_used + f.rows_skipped);
        let _ = metrics::report(&l.dataset, &metrics::Query::default());
    }
});
