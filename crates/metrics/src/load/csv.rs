//! Delimited text: RFC 4180 through the `csv` crate, read from bytes; comma, `;` (what Excel
//! writes in most of Europe) or tab (the Insights API's TSV output, copies out of a spreadsheet)
//! separated, sniffed from the header line. Header names are resolved to fields once; each record is then
//! read through a column index per field, and only the fields a loader asks for are decoded.

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
    pub header: &'r Header,
    pub rec: &'r csv::ByteRecord,
}

impl RowView for CsvRow<'_> {
    fn get(&self, f: F) -> V<'_> {
        let Some(&c) = self.header.col.get(f as usize) else {
            return V::Missing;
        };
        if c == u32::MAX {
            return V::Missing;
        }
        match self.rec.get(c as usize) {
            None => V::Missing,
            Some(b) => match std::str::from_utf8(b) {
                Ok(s) => V::Str(s),
                Err(_) => V::BadUtf8,
            },
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
}
