//! Compressed downloads: a `.zip` of exports, or a gzipped file, expanded into the files inside
//! before the loader's own detection (formats.md: detection is by content, never by name).
//!
//! - [`sniff`] tells a zip or gzip by its magic bytes.
//! - [`expand_each`] hands the files inside to a visitor one at a time, so that only one
//!   entry's uncompressed bytes are held at once (the loader parses and frees each before the
//!   next is inflated).
//! - Each file is named `outer/inner`: `exports.zip/CustomersAndTenants.csv` (the entry's path
//!   in the zip), `file.csv.gz/file.csv` (the outer name's last path segment without its
//!   `.gz`/`.gzip`, or `data` when that leaves nothing).
//! - A zip yields every regular file, in archive (central directory) order. Folders, symbolic
//!   links and macOS metadata (`__MACOSX/…`, `._*` resource forks, `.DS_Store`) are skipped.
//!   Only stored and deflated entries are read (what zip tools and Partner Center write).
//! - A gzip file yields one file; several members are concatenated, as `gzip -d` does.
//! - Nested archives are not expanded here: an entry that is itself a zip or gzip comes out as
//!   bytes, and the loader calls [`sniff`]/[`expand_each`] on it again, at most one level deep
//!   (a zip inside a zip is expanded, a zip inside that is not).
//! - Zip bombs: `limit` caps the uncompressed bytes of the whole archive. The sizes the zip's
//!   central directory declares are checked against it before anything is read, and an entry is
//!   never inflated past its declared size (nor past the cap); a gzip stops at the cap.
//! - Whole-archive errors (not a valid zip or gzip, an encrypted entry, an unsupported
//!   compression method, over the limit) are `Err(message)`, the message saying what was
//!   expected; an entry that cannot be inflated (corrupt data, bad checksum) is reported on that
//!   entry and the others are still read.
//! - Nothing panics, whatever the bytes.
//!
//! Pure Rust (`zip` without its default features, `flate2` on miniz_oxide), so it builds for
//! wasm32-unknown-unknown.

use flate2::read::MultiGzDecoder;
use std::io::{Cursor, Read};
use zip::{CompressionMethod, ZipArchive};

/// What the bytes are, by magic bytes (never by name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Packed {
    /// `PK\x03\x04` (a local file header), `PK\x05\x06` (an empty archive) or `PK\x07\x08` (the
    /// single-segment spanning marker).
    Zip,
    /// `\x1f\x8b`.
    Gzip,
    /// Anything else: the loader's own detection takes it.
    Plain,
}

/// What the bytes are, by their first bytes.
pub(crate) fn sniff(bytes: &[u8]) -> Packed {
    match bytes {
        [b'P', b'K', 3, 4, ..] | [b'P', b'K', 5, 6, ..] | [b'P', b'K', 7, 8, ..] => Packed::Zip,
        [0x1f, 0x8b, ..] => Packed::Gzip,
        _ => Packed::Plain,
    }
}

/// One file taken out of an archive: its display name `outer/inner` and its bytes, or why it
/// could not be read.
#[cfg(test)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    pub name: String,
    pub bytes: Result<Vec<u8>, String>,
}

/// The visitor of [`expand_each`]: `visit(name, bytes)`, the bytes or why that entry could not
/// be read.
pub(crate) type Visit<'v> = dyn FnMut(&str, Result<&[u8], String>) + 'v;

/// Expands a zip or gzip file into all of its files at once (see [`expand_each`], which holds
/// one file at a time): the tests' view.
#[cfg(test)]
pub(crate) fn expand(outer_name: &str, bytes: &[u8], limit: u64) -> Result<Vec<Entry>, String> {
    let mut entries = Vec::new();
    expand_each(outer_name, bytes, limit, &mut |name, read| {
        entries.push(Entry {
            name: name.to_string(),
            bytes: read.map(<[u8]>::to_vec),
        });
    })?;
    Ok(entries)
}

/// Expands a zip or gzip file, calling `visit(name, bytes)` for each file inside, in order, with
/// its display name (`outer/inner`) and its uncompressed bytes or why that entry could not be
/// read. The bytes are only borrowed for the call: the next entry reuses the buffer.
///
/// `Err` is for the whole archive, and comes before the first call: the zip checks (validity,
/// encryption, compression methods, declared sizes against `limit`) are all made on the central
/// directory first, and a gzip file is visited only once it has been fully and validly inflated.
/// The zip reader stops each entry at its declared size (an entry with more data than it
/// declares is reported unreadable, on that entry), so no more than `limit` bytes are inflated;
/// reading is capped at the bytes left under `limit` all the same, as a backstop that would
/// return `Err` naming the entry.
///
/// The visitor is a `dyn` closure so that one copy of this code serves every caller (wasm size).
pub(crate) fn expand_each(
    outer_name: &str,
    bytes: &[u8],
    limit: u64,
    visit: &mut Visit<'_>,
) -> Result<(), String> {
    match sniff(bytes) {
        Packed::Zip => expand_zip(outer_name, bytes, limit, visit),
        Packed::Gzip => expand_gzip(outer_name, bytes, limit, visit),
        Packed::Plain => Err("not a zip or gzip archive: expected a .zip or .gz file".to_string()),
    }
}

/// A zip entry to read: its index in the archive and its path inside it.
struct Wanted {
    index: usize,
    inner: String,
    /// Its uncompressed size as the central directory declares it.
    declared: u64,
    /// The most its data can inflate to: deflate expands at most 1032 to 1.
    possible: u64,
}

fn expand_zip(
    outer_name: &str,
    bytes: &[u8],
    limit: u64,
    visit: &mut Visit<'_>,
) -> Result<(), String> {
    let mut archive = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a valid zip archive ({e}): expected a complete .zip file"))?;

    // Check every entry before handing out any, so that a refused archive feeds nothing.
    let mut wanted = Vec::new();
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_data(index)
            .map_err(|e| format!("not a valid zip archive ({e}): expected a complete .zip file"))?;
        let inner = match entry.name() {
            Ok(name) => name.into_owned(),
            Err(_) => String::from_utf8_lossy(entry.name_raw()).into_owned(),
        };
        if entry.is_dir() || entry.is_symlink() || is_metadata(&inner) {
            continue;
        }
        if entry.encrypted() {
            return Err(format!(
                "{inner} is encrypted: expected a zip archive without a password"
            ));
        }
        let method = entry.compression();
        if method != CompressionMethod::Stored && method != CompressionMethod::Deflated {
            // The method's name (`Bzip2`, `Lzma`, …), or `Unsupported(n)` for an unknown one.
            let mut name = method.to_string();
            if name == "Unknown" {
                name = format!("{method:?}");
            }
            return Err(format!(
                "{inner} is compressed with {name}: expected a zip archive whose files are \
                 stored or deflated"
            ));
        }
        let declared = entry.size();
        total = total.saturating_add(declared);
        if total > limit {
            return Err(over_limit(&inner, limit));
        }
        let possible = entry
            .compressed_size()
            .saturating_mul(1032)
            .saturating_add(1024);
        wanted.push(Wanted {
            index,
            inner,
            declared,
            possible,
        });
    }

    let mut buf = Vec::new();
    let mut left = limit;
    for Wanted {
        index,
        inner,
        declared,
        possible,
    } in wanted
    {
        let name = format!(
            "{outer_name}/{}",
            if inner.is_empty() { "data" } else { &inner }
        );
        buf.clear();
        // Reserve what the header declares (within the limit), unless its data could not
        // inflate to that much (a damaged header must not make wasm memory grow: it never
        // shrinks). A failure to reserve only means the buffer grows as it is read.
        let reserve = declared.min(left).min(possible);
        let _ = buf.try_reserve(usize::try_from(reserve).unwrap_or(0));
        let read = match archive.by_index(index) {
            Ok(file) => read_capped(file, left, &mut buf),
            Err(e) => Err(Failed::Read(e.to_string())),
        };
        match read {
            Ok(()) => {
                left -= buf.len() as u64;
                visit(&name, Ok(&buf));
            }
            Err(Failed::OverLimit) => return Err(over_limit(&inner, limit)),
            Err(Failed::Read(e)) => {
                left = left.saturating_sub(buf.len() as u64);
                visit(
                    &name,
                    Err(format!("cannot be read from the zip archive ({e})")),
                );
            }
        }
    }
    Ok(())
}

fn expand_gzip(
    outer_name: &str,
    bytes: &[u8],
    limit: u64,
    visit: &mut Visit<'_>,
) -> Result<(), String> {
    let inner = gzip_inner_name(outer_name);
    let mut buf = Vec::new();
    match read_capped(MultiGzDecoder::new(bytes), limit, &mut buf) {
        Ok(()) => {
            visit(&format!("{outer_name}/{inner}"), Ok(&buf));
            Ok(())
        }
        Err(Failed::OverLimit) => Err(over_limit(inner, limit)),
        Err(Failed::Read(e)) => Err(format!(
            "not a valid gzip file ({e}): expected a complete .gz file"
        )),
    }
}

/// Why an entry's bytes could not be read.
enum Failed {
    /// More than the bytes left under the limit.
    OverLimit,
    Read(String),
}

/// Reads `from` to its end into `buf`, stopping with [`Failed::OverLimit`] past `cap` bytes.
fn read_capped(from: impl Read, cap: u64, buf: &mut Vec<u8>) -> Result<(), Failed> {
    let mut from = from.take(cap.saturating_add(1));
    match from.read_to_end(buf) {
        Ok(_) if buf.len() as u64 > cap => Err(Failed::OverLimit),
        Ok(_) => Ok(()),
        Err(e) => Err(Failed::Read(e.to_string())),
    }
}

fn over_limit(inner: &str, limit: u64) -> String {
    format!(
        "{inner} takes the archive past {} uncompressed: expected an archive that expands to at \
         most that",
        size(limit)
    )
}

/// `512 bytes`, `1.5 KB`, `200 MB` (binary multiples).
fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let text = format!("{value:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text);
    format!("{text} {}", UNITS[unit])
}

/// macOS metadata a Finder-made zip carries beside the files: the `__MACOSX/` folder, `._name`
/// resource forks and `.DS_Store` folder settings.
fn is_metadata(inner: &str) -> bool {
    let mut parts = inner.split(['/', '\\']).filter(|p| !p.is_empty());
    let last = parts.next_back().unwrap_or("");
    last.starts_with("._")
        || last == ".DS_Store"
        || inner.split(['/', '\\']).any(|p| p == "__MACOSX")
}

/// The name of a gzip file's content: the outer name's last path segment without its
/// `.gz`/`.gzip` (any case), or `data` when that leaves nothing.
fn gzip_inner_name(outer_name: &str) -> &str {
    let base = outer_name.rsplit(['/', '\\']).next().unwrap_or(outer_name);
    let stem = [".gzip", ".gz"]
        .iter()
        .find_map(|ext| {
            let cut = base.len().checked_sub(ext.len())?;
            let tail = base.get(cut..)?;
            tail.eq_ignore_ascii_case(ext).then(|| &base[..cut])
        })
        .unwrap_or(base);
    if stem.is_empty() {
        "data"
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    use zip::ZipWriter;

    const LIMIT: u64 = 1 << 20;

    /// A zip of `(name, bytes)`; a name ending in `/` is a folder.
    fn zip_of(files: &[(&str, &[u8])], method: CompressionMethod) -> Vec<u8> {
        let mut w = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(method);
        for (name, bytes) in files {
            if name.ends_with('/') {
                w.add_directory(*name, options).unwrap();
            } else {
                w.start_file(*name, options).unwrap();
                w.write_all(bytes).unwrap();
            }
        }
        w.finish().unwrap().into_inner()
    }

    fn gzip_of(bytes: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    fn ok(entries: &[Entry]) -> Vec<(&str, &[u8])> {
        entries
            .iter()
            .map(|e| (e.name.as_str(), e.bytes.as_deref().unwrap()))
            .collect()
    }

    const CUSTOMERS: &[u8] = b"CustomerTenantId,CustomerName\nt1,Contoso\nt2,Fabrikam\n";
    const SEATS: &[u8] = b"CustomerTenantId,Month,Seats\nt1,2024-03,10\n";

    #[test]
    fn archive_sniff_by_magic_bytes() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Packed::Zip);
        assert_eq!(sniff(b"PK\x05\x06"), Packed::Zip);
        assert_eq!(sniff(b"PK\x07\x08PK\x03\x04"), Packed::Zip);
        assert_eq!(sniff(&[0x1f, 0x8b, 8, 0]), Packed::Gzip);
        assert_eq!(sniff(b"PK"), Packed::Plain);
        assert_eq!(sniff(b"PKzip,name\n"), Packed::Plain);
        assert_eq!(sniff(b"{\"value\":[]}"), Packed::Plain);
        assert_eq!(sniff(b""), Packed::Plain);
        assert_eq!(sniff(&[0x1f]), Packed::Plain);
        assert!(expand("a.csv", b"a,b\n", LIMIT)
            .unwrap_err()
            .contains("not a zip or gzip"));
    }

    #[test]
    fn archive_zip_with_two_csvs_in_order() {
        let zip = zip_of(
            &[("CustomersAndTenants.csv", CUSTOMERS), ("Seats.csv", SEATS)],
            CompressionMethod::Deflated,
        );
        assert_eq!(sniff(&zip), Packed::Zip);
        let entries = expand("exports.zip", &zip, LIMIT).unwrap();
        assert_eq!(
            ok(&entries),
            [
                ("exports.zip/CustomersAndTenants.csv", CUSTOMERS),
                ("exports.zip/Seats.csv", SEATS)
            ]
        );
    }

    #[test]
    fn archive_zip_order_is_the_archive_order_not_sorted() {
        let zip = zip_of(
            &[("b.csv", b"2"), ("a.csv", b"1"), ("c.csv", b"3")],
            CompressionMethod::Deflated,
        );
        let entries = expand("x.zip", &zip, LIMIT).unwrap();
        let names: Vec<_> = entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["x.zip/b.csv", "x.zip/a.csv", "x.zip/c.csv"]);
    }

    #[test]
    fn archive_zip_skips_folders_and_macos_metadata() {
        let zip = zip_of(
            &[
                ("exports/", b""),
                ("exports/Customers.csv", CUSTOMERS),
                ("__MACOSX/", b""),
                ("__MACOSX/exports/", b""),
                ("__MACOSX/exports/._Customers.csv", b"\0\x05\x16\x07junk"),
                ("exports/._Seats.csv", b"\0\x05\x16\x07junk"),
                ("exports/.DS_Store", b"\0\0\0\x01Bud1"),
                ("exports/Seats.csv", SEATS),
            ],
            CompressionMethod::Deflated,
        );
        let entries = expand("e.zip", &zip, LIMIT).unwrap();
        assert_eq!(
            ok(&entries),
            [
                ("e.zip/exports/Customers.csv", CUSTOMERS),
                ("e.zip/exports/Seats.csv", SEATS)
            ]
        );
    }

    #[test]
    fn archive_zip_stored_entry() {
        let zip = zip_of(&[("c.csv", CUSTOMERS)], CompressionMethod::Stored);
        // Stored: the bytes are in the archive as they are.
        assert!(zip.windows(CUSTOMERS.len()).any(|w| w == CUSTOMERS));
        let entries = expand("s.zip", &zip, LIMIT).unwrap();
        assert_eq!(ok(&entries), [("s.zip/c.csv", CUSTOMERS)]);
    }

    #[test]
    fn archive_zip_empty_and_nested_zip_left_packed() {
        let empty = zip_of(&[], CompressionMethod::Stored);
        assert_eq!(sniff(&empty), Packed::Zip);
        assert_eq!(expand("e.zip", &empty, LIMIT).unwrap(), []);

        let inner = zip_of(&[("c.csv", CUSTOMERS)], CompressionMethod::Deflated);
        let outer = zip_of(&[("inner.zip", &inner)], CompressionMethod::Deflated);
        let entries = expand("outer.zip", &outer, LIMIT).unwrap();
        assert_eq!(ok(&entries), [("outer.zip/inner.zip", inner.as_slice())]);
        // The loader expands it with a second call.
        let again = expand(&entries[0].name, entries[0].bytes.as_ref().unwrap(), LIMIT).unwrap();
        assert_eq!(ok(&again), [("outer.zip/inner.zip/c.csv", CUSTOMERS)]);
    }

    #[test]
    fn archive_expand_each_streams_one_entry_at_a_time() {
        let zip = zip_of(
            &[("a.csv", CUSTOMERS), ("b.csv", SEATS)],
            CompressionMethod::Deflated,
        );
        let mut seen = Vec::new();
        expand_each("z.zip", &zip, LIMIT, &mut |name, bytes| {
            seen.push((name.to_string(), bytes.unwrap().len()));
        })
        .unwrap();
        assert_eq!(
            seen,
            [
                ("z.zip/a.csv".to_string(), CUSTOMERS.len()),
                ("z.zip/b.csv".to_string(), SEATS.len())
            ]
        );
    }

    #[test]
    fn archive_gzip_single_member() {
        let gz = gzip_of(CUSTOMERS);
        assert_eq!(sniff(&gz), Packed::Gzip);
        let entries = expand("file.csv.gz", &gz, LIMIT).unwrap();
        assert_eq!(ok(&entries), [("file.csv.gz/file.csv", CUSTOMERS)]);
    }

    #[test]
    fn archive_gzip_multi_member_is_concatenated() {
        let mut gz = gzip_of(&CUSTOMERS[..20]);
        gz.extend(gzip_of(&CUSTOMERS[20..]));
        let entries = expand("c.csv.gz", &gz, LIMIT).unwrap();
        assert_eq!(ok(&entries), [("c.csv.gz/c.csv", CUSTOMERS)]);
    }

    #[test]
    fn archive_gzip_inner_names() {
        assert_eq!(gzip_inner_name("file.csv.gz"), "file.csv");
        assert_eq!(gzip_inner_name("file.json.GZIP"), "file.json");
        assert_eq!(gzip_inner_name("file.csv.Gz"), "file.csv");
        assert_eq!(gzip_inner_name("exports.zip/usage.csv.gz"), "usage.csv");
        assert_eq!(gzip_inner_name("download"), "download");
        assert_eq!(gzip_inner_name(".gz"), "data");
        assert_eq!(gzip_inner_name("dir/"), "data");
        assert_eq!(gzip_inner_name(""), "data");
        assert_eq!(gzip_inner_name("é.gz"), "é");
        assert_eq!(gzip_inner_name("ééz"), "ééz");
        let entries = expand(".gz", &gzip_of(b"x"), LIMIT).unwrap();
        assert_eq!(ok(&entries), [(".gz/data", &b"x"[..])]);
    }

    #[test]
    fn archive_truncated_zip_is_an_error() {
        let zip = zip_of(
            &[("a.csv", CUSTOMERS), ("b.csv", SEATS)],
            CompressionMethod::Deflated,
        );
        let err = expand("t.zip", &zip[..zip.len() - 10], LIMIT).unwrap_err();
        assert!(err.starts_with("not a valid zip archive ("), "{err}");
        assert!(err.ends_with("expected a complete .zip file"), "{err}");
    }

    #[test]
    fn archive_truncated_gzip_is_an_error() {
        let gz = gzip_of(CUSTOMERS);
        for cut in [3, 10, gz.len() / 2, gz.len() - 4, gz.len() - 1] {
            let err = expand("t.csv.gz", &gz[..cut], LIMIT).unwrap_err();
            assert!(err.starts_with("not a valid gzip file ("), "{cut}: {err}");
        }
    }

    #[test]
    fn archive_garbage_after_zip_magic() {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend((0..300u32).map(|i| (i * 7 % 251) as u8));
        let err = expand("g.zip", &bytes, LIMIT).unwrap_err();
        assert!(err.starts_with("not a valid zip archive ("), "{err}");
        assert!(expand("g.zip", b"PK\x03\x04", LIMIT).is_err());
        let err = expand("g.gz", &[0x1f, 0x8b, 0xff, 0xff, 0, 1, 2], LIMIT).unwrap_err();
        assert!(err.starts_with("not a valid gzip file ("), "{err}");
    }

    #[test]
    fn archive_size_limit() {
        let big = vec![b'a'; 10_000];
        let zip = zip_of(
            &[("a.csv", &big), ("b.csv", &big)],
            CompressionMethod::Deflated,
        );
        // Exactly at the limit is fine.
        assert_eq!(expand("z.zip", &zip, 20_000).unwrap().len(), 2);
        // The second entry takes the total past it: nothing is visited.
        let mut visited = 0;
        let err = expand_each("z.zip", &zip, 15_000, &mut |_, _| visited += 1).unwrap_err();
        assert_eq!(visited, 0);
        assert_eq!(
            err,
            "b.csv takes the archive past 14.6 KB uncompressed: expected an archive that expands \
             to at most that"
        );
        // One entry alone over the limit.
        let err = expand("z.zip", &zip, 5_000).unwrap_err();
        assert!(
            err.starts_with("a.csv takes the archive past 4.9 KB"),
            "{err}"
        );

        let gz = gzip_of(&big);
        assert_eq!(expand("a.csv.gz", &gz, 10_000).unwrap().len(), 1);
        let err = expand("a.csv.gz", &gz, 9_999).unwrap_err();
        assert!(
            err.starts_with("a.csv takes the archive past 9.8 KB"),
            "{err}"
        );
    }

    /// Patches every `(signature, offset)` u16 field of the zip's local and central headers.
    fn patch_headers(zip: &mut [u8], local_at: usize, central_at: usize, f: impl Fn(u16) -> u16) {
        for i in 0..zip.len().saturating_sub(4) {
            let at = match &zip[i..i + 4] {
                b"PK\x03\x04" => i + local_at,
                b"PK\x01\x02" => i + central_at,
                _ => continue,
            };
            let v = u16::from_le_bytes([zip[at], zip[at + 1]]);
            zip[at..at + 2].copy_from_slice(&f(v).to_le_bytes());
        }
    }

    #[test]
    fn archive_lying_sizes_are_caught() {
        let big = vec![b'a'; 10_000];
        let zip = zip_of(
            &[("a.csv", CUSTOMERS), ("bomb.csv", &big)],
            CompressionMethod::Deflated,
        );
        // Declared smaller than it is (uncompressed size: local offset 22, central 24): the zip
        // reader stops at the declared size and the entry is reported unreadable, so no more than
        // the declared sizes (checked against the limit) is ever inflated.
        let mut small = zip.clone();
        patch_headers(&mut small, 22, 24, |_| 10);
        patch_headers(&mut small, 24, 26, |_| 0); // the high half of the u32
        let entries = expand("z.zip", &small, 1_000).unwrap();
        assert_eq!(entries.len(), 2);
        for e in &entries {
            let err = e.bytes.as_ref().unwrap_err();
            assert!(
                err.starts_with("cannot be read from the zip archive ("),
                "{err}"
            );
        }
        // Declared larger than it is: refused before anything is read.
        let mut large = zip.clone();
        patch_headers(&mut large, 24, 26, |_| 0x7fff);
        let err = expand("z.zip", &large, LIMIT).unwrap_err();
        assert!(
            err.starts_with("a.csv takes the archive past 1 MB uncompressed"),
            "{err}"
        );
    }

    #[test]
    fn archive_read_capped_stops_at_the_cap() {
        let mut buf = Vec::new();
        assert!(read_capped(&[1u8; 100][..], 100, &mut buf).is_ok());
        assert_eq!(buf.len(), 100);
        buf.clear();
        assert!(matches!(
            read_capped(&[1u8; 100][..], 99, &mut buf),
            Err(Failed::OverLimit)
        ));
        // It read one byte past the cap to know, and no more.
        assert_eq!(buf.len(), 100);
        buf.clear();
        assert!(matches!(
            read_capped(std::io::repeat(0), 1000, &mut buf),
            Err(Failed::OverLimit)
        ));
        assert_eq!(buf.len(), 1001);
    }

    #[test]
    fn archive_encrypted_entry_is_refused() {
        let mut zip = zip_of(&[("secret.csv", CUSTOMERS)], CompressionMethod::Deflated);
        // General purpose flag bit 0 (local offset 6, central offset 8).
        patch_headers(&mut zip, 6, 8, |f| f | 1);
        let err = expand("z.zip", &zip, LIMIT).unwrap_err();
        assert_eq!(
            err,
            "secret.csv is encrypted: expected a zip archive without a password"
        );
    }

    #[test]
    fn archive_unsupported_method_is_refused() {
        let mut zip = zip_of(&[("a.csv", CUSTOMERS)], CompressionMethod::Stored);
        // Compression method (local offset 8, central offset 10): 12 is bzip2.
        patch_headers(&mut zip, 8, 10, |_| 12);
        let err = expand("z.zip", &zip, LIMIT).unwrap_err();
        assert_eq!(
            err,
            "a.csv is compressed with Bzip2: expected a zip archive whose files are stored or \
             deflated"
        );
        patch_headers(&mut zip, 8, 10, |_| 77);
        let err = expand("z.zip", &zip, LIMIT).unwrap_err();
        assert!(
            err.starts_with("a.csv is compressed with Unsupported(77): "),
            "{err}"
        );
    }

    #[test]
    fn archive_corrupt_entry_is_reported_on_it_alone() {
        let mut zip = zip_of(
            &[("a.csv", CUSTOMERS), ("b.csv", SEATS)],
            CompressionMethod::Stored,
        );
        // Flip a byte of a.csv's data: its checksum no longer matches.
        let at = zip
            .windows(CUSTOMERS.len())
            .position(|w| w == CUSTOMERS)
            .unwrap();
        zip[at] ^= 0x20;
        let entries = expand("z.zip", &zip, LIMIT).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].name, "z.zip/a.csv");
        let err = entries[0].bytes.as_ref().unwrap_err();
        assert!(
            err.starts_with("cannot be read from the zip archive ("),
            "{err}"
        );
        assert_eq!(entries[1].bytes.as_deref(), Ok(SEATS));
    }

    #[test]
    fn archive_sizes_read() {
        assert_eq!(size(0), "0 bytes");
        assert_eq!(size(1023), "1023 bytes");
        assert_eq!(size(1024), "1 KB");
        assert_eq!(size(1536), "1.5 KB");
        assert_eq!(size(512 << 20), "512 MB");
        assert_eq!(size(u64::MAX), "16777216 TB");
    }

    /// Every prefix, and every single-byte change, of a valid zip and gzip: an error or entries,
    /// never a panic.
    #[test]
    fn archive_never_panics_on_damaged_bytes() {
        let big: Vec<u8> = (0..3000u32)
            .map(|i| b"abc,;\n0123"[(i * i % 10) as usize])
            .collect();
        let zip = zip_of(
            &[("dir/", b""), ("a.csv", CUSTOMERS), ("b.csv", &big)],
            CompressionMethod::Deflated,
        );
        let stored = zip_of(
            &[("a.csv", CUSTOMERS), ("b.csv", SEATS)],
            CompressionMethod::Stored,
        );
        let mut gz = gzip_of(&big);
        gz.extend(gzip_of(SEATS));
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for (outer, bytes) in [("z.zip", &zip), ("s.zip", &stored), ("g.gz", &gz)] {
            for cut in 0..bytes.len() {
                let _ = expand(outer, &bytes[..cut], LIMIT);
            }
            for at in 0..bytes.len() {
                let mut damaged = bytes.clone();
                damaged[at] ^= (next() as u8) | 1;
                let _ = expand(outer, &damaged, LIMIT);
                let _ = expand(outer, &damaged, 100);
            }
            for _ in 0..200 {
                let mut damaged = bytes.clone();
                let n = (next() % bytes.len() as u64) as usize;
                for _ in 0..8 {
                    let at = (next() % n.max(1) as u64) as usize;
                    damaged[at] = next() as u8;
                }
                damaged.truncate(n);
                let _ = expand(outer, &damaged, LIMIT);
            }
        }
        for len in 0..200 {
            let mut random: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            let _ = expand("r", &random, LIMIT);
            if len >= 4 {
                random[..4].copy_from_slice(b"PK\x03\x04");
                let _ = expand("r.zip", &random, LIMIT);
                random[..2].copy_from_slice(&[0x1f, 0x8b]);
                let _ = expand("r.gz", &random, LIMIT);
            }
        }
    }
}
