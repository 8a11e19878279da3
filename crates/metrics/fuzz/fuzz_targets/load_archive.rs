//! Zip and gzip archives (load/archive.rs, opened by the loader's `load_archive`). The first
//! input byte picks the shape of the rest:
//! - `0..=63`: the rest as a zip (its own bytes when they start with a zip or gzip magic, as
//!   the seed archives do, else behind `PK\x03\x04`);
//! - `64..=127`: the rest behind the gzip magic `\x1f\x8b` (unless it has a magic already);
//! - `128..=191`: a valid zip built from the rest: pieces split at `0xFE`, each piece's first
//!   byte choosing stored/deflated, a published header before it, a folder, and a gzip inside;
//! - `192..=255`: a valid gzip of the rest (one or two members), its first byte choosing a
//!   published header before it.
//!
//! Checks: no panic; every report of an archive names its entries `outer/inner` (all the way
//! down) and sums their counts; a built zip reports its files, in order, by their names; the
//! file of a built gzip (or of a built zip of one file) gets the report it gets loaded alone.
#![no_main]

use flate2::write::GzEncoder;
use flate2::Compression;
use libfuzzer_sys::fuzz_target;
use metrics::load::{load, FileReport, Input, Status};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

#[path = "published.rs"]
mod published;

fn gzip(parts: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for p in parts {
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(p).unwrap();
        out.extend(e.finish().unwrap());
    }
    out
}

/// A piece's content: a published header before it when asked.
fn content(flags: u8, rest: &[u8]) -> Vec<u8> {
    if flags & 2 != 0 {
        if let Some((&h, body)) = rest.split_first() {
            let sep = [b',', b';', b'\t'][(flags >> 4) as usize % 3];
            let mut out = published::header(h as usize, sep);
            out.extend_from_slice(body);
            return out;
        }
    }
    rest.to_vec()
}

/// Every archive's entries are named `outer/inner`, and its counts are their sums.
fn check(f: &FileReport) {
    let is_archive = f.format.starts_with("archive:");
    if f.status == Status::Refused {
        assert!(f.refused.as_deref().is_some_and(|m| m.starts_with(&format!("{}: ", f.name))), "{f:#?}");
    }
    if !is_archive {
        assert!(f.entries.is_empty(), "{f:#?}");
        return;
    }
    for e in &f.entries {
        let inner = e.name.strip_prefix(&f.name).and_then(|r| r.strip_prefix('/'));
        assert!(inner.is_some_and(|i| !i.is_empty()), "{} in {}", e.name, f.name);
        check(e);
    }
    let sum = |g: fn(&FileReport) -> u64| f.entries.iter().map(g).sum::<u64>();
    assert_eq!(f.rows_read, sum(|e| e.rows_read));
    assert_eq!(f.rows_used, sum(|e| e.rows_used));
    assert_eq!(f.rows_skipped, sum(|e| e.rows_skipped));
    assert_eq!(f.problem_count, sum(|e| e.problem_count));
}

fn load_checked(name: &str, bytes: &[u8]) -> FileReport {
    let l = load(&[Input { name, bytes }]);
    assert_eq!(l.files.len(), 1);
    check(&l.files[0]);
    let _ = metrics::load::load_report_text(&l.files);
    let _ = metrics::report(&l.dataset, &metrics::Query::default());
    l.files.into_iter().next().unwrap()
}

/// A plain file's report loaded alone under `name`.
fn alone(name: &str, bytes: &[u8]) -> FileReport {
    load(&[Input { name, bytes }]).files.remove(0)
}

fn is_packed(b: &[u8]) -> bool {
    b.starts_with(b"PK") || b.starts_with(&[0x1f, 0x8b])
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode {
        0..=63 => {
            let bytes = if is_packed(rest) { rest.to_vec() } else { [b"PK\x03\x04", rest].concat() };
            let name = if bytes.starts_with(b"PK") { "fuzz.zip" } else { "fuzz.csv.gz" };
            load_checked(name, &bytes);
        }
        64..=127 => {
            let bytes = if is_packed(rest) { rest.to_vec() } else { [&[0x1f, 0x8b][..], rest].concat() };
            let name = if bytes.starts_with(b"PK") { "fuzz.zip" } else { "fuzz.csv.gz" };
            load_checked(name, &bytes);
        }
        128..=191 => {
            let mut w = ZipWriter::new(Cursor::new(Vec::new()));
            let mut files: Vec<(String, Vec<u8>)> = Vec::new();
            for (i, piece) in rest.split(|&b| b == 0xFE).take(6).enumerate() {
                let (flags, body) = piece.split_first().map_or((0, &[][..]), |(f, b)| (*f, b));
                let method = if flags & 1 != 0 { CompressionMethod::Deflated } else { CompressionMethod::Stored };
                let options = SimpleFileOptions::default().compression_method(method);
                let mut inner = if flags & 8 != 0 { format!("exports/e{i}.csv") } else { format!("e{i}.csv") };
                let mut bytes = content(flags, body);
                if flags & 4 != 0 {
                    bytes = gzip(&[&bytes]);
                    inner.push_str(".gz");
                }
                w.start_file(inner.as_str(), options).unwrap();
                w.write_all(&bytes).unwrap();
                files.push((inner, bytes));
            }
            let zip = w.finish().unwrap().into_inner();
            let f = load_checked("fuzz.zip", &zip);
            assert_eq!(f.format, "archive:zip", "{f:#?}");
            let names: Vec<&str> = f.entries.iter().map(|e| e.name.as_str()).collect();
            let want: Vec<String> = files.iter().map(|(n, _)| format!("fuzz.zip/{n}")).collect();
            assert_eq!(names, want);
            if let [(inner, bytes)] = &files[..] {
                if !is_packed(bytes) {
                    assert_eq!(f.entries[0], alone(&format!("fuzz.zip/{inner}"), bytes));
                }
            }
        }
        192..=255 => {
            let (flags, body) = rest.split_first().map_or((0, &[][..]), |(f, b)| (*f, b));
            let plain = content(flags, body);
            let gz = if flags & 1 != 0 {
                let cut = plain.len() / 2;
                gzip(&[&plain[..cut], &plain[cut..]])
            } else {
                gzip(&[&plain])
            };
            let f = load_checked("fuzz.csv.gz", &gz);
            assert_eq!(f.format, "archive:gzip", "{f:#?}");
            assert_eq!(f.entries.len(), 1, "{f:#?}");
            assert_eq!(f.entries[0].name, "fuzz.csv.gz/fuzz.csv");
            if !is_packed(&plain) {
                assert_eq!(f.entries[0], alone("fuzz.csv.gz/fuzz.csv", &plain));
            }
        }
    }
});
