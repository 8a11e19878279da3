//! What the page and the engine's Web Worker (partner-insights `src/engine.rs`) say to each other, and the worker's side of it as
//! plain Rust (request in, answers out), tested natively.
//!
//! Every message is encoded with postcard (compact binary: one `Uint8Array` per message, decoded
//! in one pass; serde-wasm-bindgen would build the report as thousands of JS objects). File bytes
//! never go through the codec: the page posts the files' `Blob` handles and the worker reads
//! each one into its own memory, parses it and drops it (see partner-insights `src/bin/engine-worker.rs`).

use metrics::load::{FileReport, Lacking};
use metrics::{Dataset, Dim, FilterOption, Filters, Input, Query, Report, Session};
use serde::{Deserialize, Serialize};

/// A request from the page. `Load` is followed by the files, which travel beside the message.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Load these files (names in the order of the blobs sent with the message).
    Load {
        names: Vec<String>,
    },
    /// The report for `query`; with `adoption: false` without its adoption half (`adoption:
    /// None`), which is almost all of its bytes and which the customers view does not show.
    Report {
        query: Query,
        adoption: bool,
    },
    FilterOptions {
        filters: Filters,
        dim: Dim,
    },
}

/// An answer of the worker, tagged with the id of its request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Response {
    /// A file of the running load is parsed (0-based index, its size in bytes).
    Parsed {
        index: usize,
        bytes: u64,
    },
    /// The load is done.
    Loaded(LoadReport),
    /// `None` before anything is loaded.
    Report(Option<Box<Report>>),
    FilterOptions(Option<Vec<FilterOption>>),
    /// The request could not be read (never expected between two builds of the same page).
    Failed(String),
}

fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    // serializing into a Vec only fails on a type serde cannot express, never on data
    postcard::to_allocvec(value).unwrap_or_default()
}

fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, String> {
    postcard::from_bytes(bytes).map_err(|e| format!("the engine's message could not be read: {e}"))
}

impl Request {
    pub fn encode(&self) -> Vec<u8> {
        encode(self)
    }

    pub fn decode(bytes: &[u8]) -> Result<Self, String> {
        decode(bytes)
    }
}

impl Response {
    pub fn encode(&self) -> Vec<u8> {
        encode(self)
    }

    pub fn decode(bytes: &[u8]) -> Result<Self, String> {
        decode(bytes)
    }
}

/// What a load did: a report per file, in order, and what no loaded file provides.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LoadReport {
    pub files: Vec<FileReport>,
    pub lacking: Vec<Lacking>,
}

/// A file that could not be read or fetched, as a refused file of the load report.
pub fn unreadable(name: &str, why: String) -> FileReport {
    FileReport {
        name: name.to_string(),
        format: "unknown".to_string(),
        container: "unknown".to_string(),
        status: metrics::load::Status::Refused,
        refused: Some(why),
        ..FileReport::default()
    }
}

/// The worker's state: the loaded dataset.
#[derive(Default)]
pub struct Worker {
    dataset: Option<Dataset>,
}

impl Worker {
    pub fn new() -> Self {
        Self::default()
    }

    /// Loads `files` one by one, each read only when its turn comes (`read(index)`) and dropped
    /// as soon as it is parsed; `progress` hears of every parsed file. Replaces the dataset.
    pub fn load(
        &mut self,
        names: &[String],
        mut read: impl FnMut(usize) -> Result<Vec<u8>, String>,
        mut progress: impl FnMut(Response),
    ) -> Response {
        let mut loading = self.start_load();
        for index in 0..names.len() {
            if let Some(p) = loading.add(names, index, read(index)) {
                progress(p);
            }
        }
        self.finish_load(names, loading)
    }

    /// A load in steps, for a caller that reads its files asynchronously: the data loaded so far
    /// goes first (memory for the new one); then [`Loading::add`] each file as it is read, and
    /// [`Worker::finish_load`].
    pub fn start_load(&mut self) -> Loading {
        self.dataset = None;
        Loading {
            session: Session::new(),
            refused_reads: Vec::new(),
        }
    }

    /// Ends a load started with [`Worker::start_load`]: its dataset becomes this worker's.
    pub fn finish_load(&mut self, names: &[String], loading: Loading) -> Response {
        let Loading {
            session,
            refused_reads,
        } = loading;
        let loaded = session.finish();
        let lacking = metrics::load::lacking(&loaded.dataset);
        self.dataset = Some(loaded.dataset);
        let mut files = loaded.files;
        for (index, why) in refused_reads {
            let name = names.get(index).cloned().unwrap_or_default();
            let report = unreadable(&name, format!("{name}: {why}"));
            files.insert(index.min(files.len()), report);
        }
        Response::Loaded(LoadReport { files, lacking })
    }

    /// Answers a request that needs no files.
    pub fn answer(&self, request: Request) -> Response {
        match request {
            Request::Load { .. } => Response::Failed("a load needs its files".to_string()),
            Request::Report { query, adoption } => Response::Report(
                self.dataset
                    .as_ref()
                    .map(|ds| Box::new(metrics::report_with(ds, &query, adoption))),
            ),
            Request::FilterOptions { filters, dim } => Response::FilterOptions(
                self.dataset
                    .as_ref()
                    .map(|ds| metrics::dimension_options(ds, &filters, dim)),
            ),
        }
    }
}

/// A load under way (see [`Worker::start_load`]).
pub struct Loading {
    session: Session,
    refused_reads: Vec<(usize, String)>,
}

impl Loading {
    /// Parses file `index` of `names` (its bytes, or why they could not be read) and drops its
    /// bytes; the progress to report when it was parsed.
    pub fn add(
        &mut self,
        names: &[String],
        index: usize,
        read: Result<Vec<u8>, String>,
    ) -> Option<Response> {
        match read {
            Ok(bytes) => {
                let name = names.get(index).map_or("", String::as_str);
                self.session.add(Input {
                    name,
                    bytes: &bytes,
                });
                Some(Response::Parsed {
                    index,
                    bytes: bytes.len() as u64,
                })
            }
            Err(why) => {
                self.refused_reads.push((index, why));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] = include_bytes!("../../../data/sample.json");

    fn round_trip<T: Serialize + for<'a> Deserialize<'a>>(v: &T) -> T {
        match decode(&encode(v)) {
            Ok(v) => v,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn answers_equal_the_engine_called_directly_and_survive_the_codec() {
        let mut w = Worker::new();
        assert_eq!(
            w.answer(Request::Report {
                query: Query::default(),
                adoption: true
            }),
            Response::Report(None)
        );
        let names = vec!["sample.json".to_string()];
        let mut parsed = Vec::new();
        let loaded = w.load(&names, |_| Ok(SAMPLE.to_vec()), |p| parsed.push(p));
        let direct = metrics::load(&[Input {
            name: "sample.json",
            bytes: SAMPLE,
        }]);
        assert_eq!(
            loaded,
            Response::Loaded(LoadReport {
                files: direct.files.clone(),
                lacking: metrics::load::lacking(&direct.dataset),
            })
        );
        assert_eq!(
            parsed,
            [Response::Parsed {
                index: 0,
                bytes: SAMPLE.len() as u64
            }]
        );
        let mut q = Query::default();
        q.filters.insert(Dim::Country, vec!["FR".to_string()]);
        let want = metrics::report(&direct.dataset, &q);
        let got = round_trip(&w.answer(round_trip(&Request::Report {
            query: q.clone(),
            adoption: true,
        })));
        assert_eq!(got, Response::Report(Some(Box::new(want.clone()))));
        // without the adoption half: everything else equal, and far fewer bytes
        assert!(want.adoption.is_some());
        let full = Response::Report(Some(Box::new(want.clone())))
            .encode()
            .len();
        let got = round_trip(&w.answer(Request::Report {
            query: q.clone(),
            adoption: false,
        }));
        let mut lean = want;
        lean.adoption = None;
        let lean_len = Response::Report(Some(Box::new(lean.clone())))
            .encode()
            .len();
        assert_eq!(got, Response::Report(Some(Box::new(lean))));
        assert!(lean_len * 4 < full, "{lean_len} vs {full} bytes");
        let got = round_trip(&w.answer(Request::FilterOptions {
            filters: q.filters.clone(),
            dim: Dim::Segment,
        }));
        let want = metrics::dimension_options(&direct.dataset, &q.filters, Dim::Segment);
        assert_eq!(got, Response::FilterOptions(Some(want)));
        assert_eq!(round_trip(&loaded), loaded);
    }

    #[test]
    fn a_file_that_cannot_be_read_keeps_its_place() {
        let mut w = Worker::new();
        let names = vec!["a.json".to_string(), "b.json".to_string()];
        let out = w.load(
            &names,
            |i| match i {
                0 => Err("the browser could not read it".to_string()),
                _ => Ok(SAMPLE.to_vec()),
            },
            |_| {},
        );
        let Response::Loaded(LoadReport { files, .. }) = out else {
            panic!("not loaded: {out:?}")
        };
        assert_eq!(files.len(), 2);
        assert_eq!(
            files[0].refused.as_deref(),
            Some("a.json: the browser could not read it")
        );
        assert_eq!(files[1].name, "b.json");
        assert!(files[1].rows_used > 0);
    }

    #[test]
    fn months_travel_as_numbers_and_read_back_the_same() {
        use metrics::Month;
        let months = [
            Month::new(2025, 11),
            Month::new(1, 1),
            Month(-5),
            Month(i32::MAX),
        ];
        let bytes = postcard::to_allocvec(&months).expect("encodes");
        // a number each (postcard's varint: at most 5 bytes), not seven characters and a length
        assert!(bytes.len() <= 3 + 1 + 1 + 5, "{} bytes", bytes.len());
        let back: [Month; 4] = postcard::from_bytes(&bytes).expect("decodes");
        assert_eq!(back, months);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(decode::<Request>(&[0xff, 0xff, 0xff]).is_err());
        assert!(decode::<Response>(&[]).is_err());
    }
}
