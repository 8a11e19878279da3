//! Delimited text: RFC 4180 through the `csv` crate, read from bytes; comma, `;` (what Excel
//! writes in most of Europe) or tab (the Insights API's TSV output, copies out of a spreadsheet)
//! separated, sniffed from the header line. Header names are resolved to fields once; each record is then
//! read through a column index per field, and only the fields a loader asks for are decoded.

// `cfg(fuzzing)` (set by `cargo fuzz`) guards the fuzzing builds' check of `Records` below.
#![allow(unexpected_cfgs)]

use super::fields::{self, Present, F};
use super::value::{RowView, V};

/// The separator of the header line: the most frequent of comma, `;` and tab outside quotes
/// (comma when none occurs, or on a tie with it; `;` on a tie with tab).
pub(crate) fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let (mut commas, mut semis, mut tabs, mut quoted) = (0usize, 0usize, 0usize, false);
    for &b in bytes.iter().take(1 << 16) {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semis += 1,
            b'\t' if !quoted => tabs += 1,
            b'\n' | b'\r' if !quoted => break,
            _ => {}
        }
    }
    if semis > commas && semis >= tabs {
        b';'
    } else if tabs > commas && tabs > semis {
        b'\t'
    } else {
        b','
    }
}

/// The header: the column of each known field.
#[derive(Debug)]
pub(crate) struct Header {
    col: Vec<u32>,
    pub present: Present,
    /// Header names as given (for messages).
    pub names: Vec<String>,
}

impl Header {
    pub(crate) fn new(rec: &csv::ByteRecord) -> Header {
        let mut col = vec![u32::MAX; fields::N];
        let mut present = Present::default();
        let mut names = Vec::new();
        for (i, name) in rec.iter().enumerate() {
            let name = String::from_utf8_lossy(name);
            if let Some(f) = F::lookup(&name) {
                if let Some(c) = col.get_mut(f as usize) {
                    // the first column of a name wins
                    if *c == u32::MAX {
                        *c = u32::try_from(i).unwrap_or(u32::MAX);
                        present.insert(f);
                    }
                }
            }
            names.push(name.trim().to_string());
        }
        Header {
            col,
            present,
            names,
        }
    }
}

/// One record seen through the header.
pub(crate) struct CsvRow<'r> {
    header: &'r Header,
    rec: &'r csv::ByteRecord,
    /// The record's fields, one after another, when they are valid UTF-8 (checked once per
    /// record: a field read is then a slice, not a check of its own).
    text: Option<&'r str>,
}

impl<'r> CsvRow<'r> {
    pub(crate) fn new(header: &'r Header, rec: &'r csv::ByteRecord) -> Self {
        CsvRow {
            header,
            rec,
            text: std::str::from_utf8(rec.as_slice()).ok(),
        }
    }
}

impl RowView for CsvRow<'_> {
    /// From the header alone (no field decoded).
    fn has(&self, f: F) -> bool {
        self.header.present.has(f)
    }

    fn get(&self, f: F) -> V<'_> {
        let Some(&c) = self.header.col.get(f as usize) else {
            return V::Missing;
        };
        if c == u32::MAX {
            return V::Missing;
        }
        let Some(range) = self.rec.range(c as usize) else {
            return V::Missing;
        };
        // a record that is not UTF-8 throughout: check this field alone, so that only the
        // fields that are not are problems
        let text = match self.text {
            Some(t) => t.get(range),
            None => self
                .rec
                .as_slice()
                .get(range)
                .and_then(|b| std::str::from_utf8(b).ok()),
        };
        text.map_or(V::BadUtf8, V::Str)
    }
}

/// The records of a file that is valid UTF-8 throughout, after its header (from byte `start`).
///
/// A line without a quote is a whole record (no quoted newline can be in it): it is split where
/// the separator is, each field a slice of the file. A record with a quote is read by
/// `csv_core` (the csv crate's own parser: RFC 4180 quoting, doubled quotes, quoted separators
/// and newlines) into a buffer. The csv crate parses every byte through its state machine (about
/// 15 instructions a byte, most of a load's time); splitting quote-free lines in place takes a
/// fraction of that, and the two agree on every record (tested against the crate).
pub(crate) struct Records<'a> {
    text: &'a str,
    pos: usize,
    delim: u8,
    /// Built at the first record with a quote: building its state machine costs more than
    /// splitting a small file (about 25 µs, most of a 1 KB file's load).
    core: Option<csv_core::Reader>,
    out: Vec<u8>,
    ends: Vec<usize>,
    /// Where each field of the current record is, in `text` or in `out`.
    fields: Vec<(u32, u32)>,
    /// The current record is in `out` (it had a quote).
    quoted: bool,
}

impl<'a> Records<'a> {
    pub(crate) fn new(text: &'a str, start: usize, delim: u8) -> Self {
        #[cfg(fuzzing)]
        fuzz_check::expect(text, start, delim);
        Records {
            text,
            pos: start,
            delim,
            core: None,
            out: vec![0; 1024],
            ends: vec![0; 64],
            fields: Vec::with_capacity(64),
            quoted: false,
        }
    }

    /// The next record, `None` at the end. Empty lines are skipped, as the csv crate does.
    #[inline]
    pub(crate) fn next_record<'r>(&'r mut self, header: &'r Header) -> Option<TextRow<'r>> {
        let row = self.split(header);
        #[cfg(fuzzing)]
        fuzz_check::compare(row.as_ref());
        row
    }

    fn split<'r>(&'r mut self, header: &'r Header) -> Option<TextRow<'r>> {
        let bytes = self.text.as_bytes();
        loop {
            let rest = bytes.get(self.pos..).filter(|r| !r.is_empty())?;
            let nl = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
            let line = rest.get(..nl).unwrap_or(rest);
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            // a quote, or a lone carriage return (an old Mac line end): csv_core reads it
            if memchr::memchr2(b'"', b'\r', line).is_some() {
                self.read_quoted(rest);
                if self.fields.is_empty() {
                    // only line ends were left
                    return None;
                }
                break;
            }
            let start = self.pos;
            self.pos += (nl + 1).min(rest.len());
            if line.is_empty() {
                continue;
            }
            self.quoted = false;
            self.fields.clear();
            let mut from = start;
            // fields are short (a few bytes to a few dozen): a plain scan beats a memchr call
            // per field
            for (i, &c) in line.iter().enumerate() {
                if c == self.delim {
                    self.fields.push((from as u32, (start + i) as u32));
                    from = start + i + 1;
                }
            }
            self.fields.push((from as u32, (start + line.len()) as u32));
            break;
        }
        let text = if self.quoted {
            // unescaped fields of valid UTF-8 stay valid; a check costs little on this rare path
            std::str::from_utf8(
                self.out
                    .get(..self.fields.last().map_or(0, |f| f.1 as usize))?,
            )
            .ok()?
        } else {
            self.text
        };
        Some(TextRow {
            header,
            text,
            fields: &self.fields,
        })
    }

    /// Reads one record that has a quote with csv_core, from the start of `rest`.
    fn read_quoted(&mut self, rest: &[u8]) {
        use csv_core::ReadRecordResult as R;
        let delim = self.delim;
        let core = self
            .core
            .get_or_insert_with(|| csv_core::ReaderBuilder::new().delimiter(delim).build());
        core.reset();
        // after `reset` csv_core drops a byte-order mark at the start of its input, as at the
        // start of a file; the csv crate keeps one in a later line (it never resets): a line
        // end read first (skipped, as an empty line is) tells csv_core that it has read
        let _ = core.read_record(b"\n", &mut [], &mut []);
        self.quoted = true;
        let (mut nin_all, mut nout_all, mut nend_all) = (0, 0, 0);
        loop {
            let input = rest.get(nin_all..).unwrap_or(&[]);
            let out = self.out.get_mut(nout_all..).unwrap_or(&mut []);
            let ends = self.ends.get_mut(nend_all..).unwrap_or(&mut []);
            let (res, nin, nout, nend) = core.read_record(input, out, ends);
            nin_all += nin;
            nout_all += nout;
            nend_all += nend;
            match res {
                R::OutputFull => self.out.resize(self.out.len() * 2, 0),
                R::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                // the file ends inside the record: read it with no more input to end it
                R::InputEmpty if input.is_empty() => break,
                R::InputEmpty => {}
                R::Record | R::End => break,
            }
        }
        self.pos += nin_all;
        self.fields.clear();
        let mut from = 0u32;
        for &e in self.ends.get(..nend_all).unwrap_or(&[]) {
            self.fields.push((from, e as u32));
            from = e as u32;
        }
    }
}

/// Fuzzing builds only (`cargo fuzz` sets `--cfg fuzzing`; crates/metrics/fuzz, target
/// `load_delimited`): every record [`Records`] yields is checked against the record the csv crate
/// reads there, as the loader's own fallback reads the file (the header, then
/// `read_byte_record` on), and its `None` against the csv crate's end. A disagreement panics,
/// which the fuzzer reports. (The module is private to `load`, so the check lives here rather
/// than in the fuzz target.)
#[cfg(fuzzing)]
mod fuzz_check {
    use super::TextRow;
    use std::cell::RefCell;
    use std::collections::VecDeque;

    thread_local! {
        /// The records still to come of the `Records` being read (a thread reads one at a time).
        static EXPECTED: RefCell<Option<VecDeque<Vec<Vec<u8>>>>> =
            const { RefCell::new(None) };
    }

    /// A new `Records` over `text` from `start`: the csv crate's records from there, read as
    /// the loader's fallback does (the records before `start`, i.e. the header, then the rest).
    pub(super) fn expect(text: &str, start: usize, delim: u8) {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delim)
            .from_reader(text.as_bytes());
        let mut rec = csv::ByteRecord::new();
        while (rdr.position().byte() as usize) < start {
            if !matches!(rdr.read_byte_record(&mut rec), Ok(true)) {
                break;
            }
        }
        assert_eq!(
            rdr.position().byte() as usize,
            start,
            "Records start where a record ends"
        );
        let mut want = VecDeque::new();
        while let Ok(true) = rdr.read_byte_record(&mut rec) {
            want.push_back(rec.iter().map(<[u8]>::to_vec).collect());
        }
        EXPECTED.with_borrow_mut(|e| *e = Some(want));
    }

    /// After a record is split: it is the csv crate's next one.
    pub(super) fn compare(got: Option<&TextRow<'_>>) {
        EXPECTED.with_borrow_mut(|e| {
            let Some(want) = e.as_mut() else { return };
            let want = want.pop_front();
            let got: Option<Vec<Vec<u8>>> = got.map(|r| {
                r.fields
                    .iter()
                    .map(|&(a, b)| r.text.as_bytes()[a as usize..b as usize].to_vec())
                    .collect()
            });
            assert_eq!(got, want, "Records and the csv crate disagree");
        });
    }
}

/// A record of [`Records`] seen through the header.
pub(crate) struct TextRow<'r> {
    header: &'r Header,
    text: &'r str,
    fields: &'r [(u32, u32)],
}

impl RowView for TextRow<'_> {
    fn has(&self, f: F) -> bool {
        self.header.present.has(f)
    }

    fn get(&self, f: F) -> V<'_> {
        let c = self.header.col.get(f as usize).copied().unwrap_or(u32::MAX);
        match self.fields.get(c as usize) {
            Some(&(a, b)) => self
                .text
                .get(a as usize..b as usize)
                .map_or(V::Missing, V::Str),
            None => V::Missing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs() {
        assert_eq!(sniff_delimiter(b"a;b;c\n1,2;3"), b';');
        assert_eq!(sniff_delimiter(b"a,b,c\n"), b',');
        assert_eq!(sniff_delimiter(b"\"a;b\",c\n"), b',');
        assert_eq!(sniff_delimiter(b""), b',');
        assert_eq!(sniff_delimiter(b"a\tb\tc\n1,2,3,4,5"), b'\t');
        assert_eq!(sniff_delimiter(b"\"a,b\"\tc\n"), b'\t');
        assert_eq!(sniff_delimiter(b"a\tb;c\n"), b';');
    }

    /// Every record as the csv crate reads it, and as [`Records`] does.
    fn both(text: &str, delim: u8) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
        let mut want = Vec::new();
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delim)
            .from_reader(text.as_bytes());
        for rec in rdr.byte_records().flatten() {
            want.push(
                rec.iter()
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect(),
            );
        }
        let header = Header::new(&csv::ByteRecord::new());
        let mut got = Vec::new();
        let mut rs = Records::new(text, 0, delim);
        while let Some(r) = rs.next_record(&header) {
            got.push(
                r.fields
                    .iter()
                    .map(|&(a, b)| {
                        r.text
                            .get(a as usize..b as usize)
                            .unwrap_or("?")
                            .to_string()
                    })
                    .collect(),
            );
        }
        (want, got)
    }

    #[test]
    fn records_split_as_the_csv_crate_reads_them() {
        for (text, delim) in [
            ("a,b,c\n1,2,3\n", b','),
            ("a,b\r\n1,2\r\n\r\n3,4", b','),
            (
                "a;b\n\"x;y\";2\n\"q\"\"q\";\"multi\nline\"\nlast;\"\"\n",
                b';',
            ),
            ("a\tb\n1\t\n\t\n", b'\t'),
            ("\"unterminated,x\n1,2", b','),
            ("é,ü\n\"é\",ü\n", b','),
            ("", b','),
            ("\n\n", b','),
            ("a,\"b\"c,d\n", b','),
            ("a,b\r1,2\r3,4", b','),
            ("a,b\n1,2\r\r\n", b','),
            // a byte-order mark at the start of a later line is data (found by fuzzing)
            ("a,b\n\u{feff}\r,1\n", b','),
            ("a,b\n\u{feff}\"x\",y\n\u{feff}\"z\"\n", b','),
            ("a;b\n1;2\n\u{feff}\"x\"\n", b';'),
        ] {
            let (want, got) = both(text, delim);
            assert_eq!(got, want, "{text:?}");
        }
    }
}
