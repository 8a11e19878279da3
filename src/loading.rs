//! Loading data into the page: the sample, `?data=` URLs, and files the user picks or drops.
//!
//! A [`Loader`] keeps the files of the current load as `Blob` handles (a picked `File`, or the
//! bytes fetched or handed over: the browser keeps them, outside the WebAssembly memory) so the
//! user can add files to them, remove one, or go back to the sample; every change loads the whole
//! set again through the [`Engine`] seam, whose worker reads each file, parses it and frees its
//! bytes. A refused file never takes the page down: the others load and the load report names
//! it. Fetching shows bytes read per file, parsing shows each file parsed; both can be
//! cancelled, and a cancelled load leaves the current data exactly as it was.

pub mod report;
pub mod view;

use crate::engine::{Bytes, Engine, FileBytes, Loaded};
use crate::{format, source, url};
use leptos::prelude::*;
use metrics::load::{FileReport, Status};
use wasm_bindgen::JsCast;

/// Where a file of the current load came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    /// Fetched from this URL (the sample or a `data` URL).
    Url(String),
    /// Picked or dropped by the user.
    Local,
}

/// One file of the current load.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub origin: Origin,
    /// The bytes, or `Err(why)` when they could not be fetched or read.
    pub bytes: Result<FileBytes, FileReport>,
}

impl Entry {
    pub fn name(&self) -> &str {
        match &self.bytes {
            Ok(f) => &f.name,
            Err(r) => &r.name,
        }
    }
}

/// The data on the page: its files and, in the same order, what became of each.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Current {
    pub entries: Vec<Entry>,
    pub files: Vec<FileReport>,
    /// What no loaded file provides.
    pub lacking: Vec<metrics::load::Lacking>,
    pub generation: u32,
}

impl Current {
    /// Whether anything usable loaded (else the page shows the report and no dashboard).
    pub fn usable(&self) -> bool {
        usable(&self.files)
    }

    /// Whether this is the sample and nothing else.
    pub fn is_sample(&self) -> bool {
        matches!(self.entries.as_slice(), [Entry { origin: Origin::Url(u), .. }] if u == source::SAMPLE)
    }
}

/// Whether any file fed rows to the dataset.
pub fn usable(files: &[FileReport]) -> bool {
    files
        .iter()
        .any(|f| f.status == Status::Loaded && f.rows_used > 0)
}

/// Puts the engine's reports (one per file that had bytes) and the read failures back in the
/// order of the entries.
pub fn merge(entries: &[Entry], loaded: Vec<FileReport>) -> Vec<FileReport> {
    let mut loaded = loaded.into_iter();
    entries
        .iter()
        .filter_map(|e| match &e.bytes {
            Ok(_) => loaded.next(),
            Err(r) => Some(r.clone()),
        })
        .collect()
}

/// A file that could not be fetched or read, as a refused file of the load report.
pub use wire::unreadable;

/// The most bytes one load holds. The engine's worker holds one file's bytes at a time beside
/// the dataset it builds, in one WebAssembly memory of 4 GB at most; the dataset of Insights
/// JSON takes about a third of the JSON's size (BENCHMARKS.md, "Loading in the browser"), so
/// 2 GB of files plus the largest file fits with room to spare.
pub const MAX_LOAD_BYTES: u64 = 2_000_000_000;

/// Why a file of `size` bytes cannot join a load that already holds `held` bytes, if it cannot.
pub fn too_big(name: &str, held: u64, size: u64) -> Option<String> {
    (held.saturating_add(size) > MAX_LOAD_BYTES).then(|| {
        crate::tr!(
            load.too_big_load,
            name,
            size = format::bytes(size),
            total = format::bytes(held.saturating_add(size)),
            max = format::bytes(MAX_LOAD_BYTES)
        )
        .to_string()
    })
}

/// What the user asked to do with new files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// The new files replace the data.
    #[default]
    Replace,
    /// The new files are loaded together with the current ones.
    Add,
}

/// Where a running load is.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    /// The file being read (1-based) and how many there are.
    pub index: usize,
    pub count: usize,
    pub name: String,
    pub read: u64,
    pub total: Option<u64>,
    /// All files are read; the engine is parsing `read` bytes.
    pub parsing: bool,
}

/// A file to read.
pub enum Pending {
    Url(String),
    Local(web_sys::File),
}

impl Pending {
    fn name(&self) -> String {
        match self {
            Pending::Url(u) => source::file_name(u).to_string(),
            Pending::Local(f) => f.name(),
        }
    }
}

/// The page's loader (a `Copy` handle).
#[derive(Clone, Copy)]
pub struct Loader {
    /// The data on the page; `None` before the first load finished.
    pub current: RwSignal<Option<Current>>,
    /// The running load, if any.
    pub progress: RwSignal<Option<Progress>>,
    /// The names of the new files of the last load when the engine stopped before it was done
    /// (its worker failed: out of memory, say); the data on the page stayed as it was.
    pub stopped: RwSignal<Option<Vec<String>>>,
    pub mode: RwSignal<Mode>,
    /// Bumped by every load and by cancel; a load whose number is no longer current stops.
    epoch: RwSignal<u32>,
    engine: StoredValue<Engine, LocalStorage>,
}

impl Loader {
    /// A loader that starts loading `urls` (the `data` parameter, else the sample).
    pub fn start(engine: Engine, urls: Vec<String>) -> Self {
        let loader = Loader {
            current: RwSignal::new(None),
            progress: RwSignal::new(None),
            stopped: RwSignal::new(None),
            mode: RwSignal::new(Mode::Replace),
            epoch: RwSignal::new(0),
            engine: StoredValue::new_local(engine),
        };
        loader.load(Vec::new(), urls.into_iter().map(Pending::Url).collect());
        loader
    }

    /// The engine generation of the data on the page (reactive).
    pub fn generation(&self) -> Option<u32> {
        self.current.with(|c| c.as_ref().map(|c| c.generation))
    }

    /// Loads `files` picked or dropped by the user, adding to or replacing the data per
    /// [`Loader::mode`].
    pub fn open(&self, files: Vec<web_sys::File>) {
        if files.is_empty() {
            return;
        }
        let keep = match self.mode.get_untracked() {
            Mode::Add => self.entries(),
            Mode::Replace => Vec::new(),
        };
        self.load(keep, files.into_iter().map(Pending::Local).collect());
    }

    /// Replaces the data with files handed over as bytes (a host portal's `pi:load`); the
    /// bytes move into `Blob`s, out of the page's memory.
    pub fn given(&self, files: Vec<FileBytes>) {
        let entries = files
            .into_iter()
            .map(|f| Entry {
                origin: Origin::Local,
                bytes: match f.bytes {
                    Bytes::Held(b) => source::blob(&b)
                        .map(|blob| FileBytes {
                            name: f.name.clone(),
                            bytes: Bytes::Blob(blob),
                        })
                        .map_err(|why| unreadable(&f.name, why)),
                    Bytes::Blob(_) => Ok(f),
                },
            })
            .collect();
        self.load(entries, Vec::new());
    }

    /// Removes the file at `index` and loads the others again.
    pub fn remove(&self, index: usize) {
        let mut keep = self.entries();
        if index < keep.len() {
            keep.remove(index);
            self.load(keep, Vec::new());
        }
    }

    /// Replaces the data with the sample.
    pub fn sample(&self) {
        self.load(Vec::new(), vec![Pending::Url(source::SAMPLE.to_string())]);
    }

    /// Stops the running load; the data on the page stays as it was (when the first load is
    /// cancelled there is none: the page then says so and offers to open files).
    pub fn cancel(&self) {
        self.epoch.update(|e| *e = e.wrapping_add(1));
        self.engine.with_value(Engine::cancel);
        self.progress.set(None);
        if self.current.with_untracked(Option::is_none) {
            self.current.set(Some(Current::default()));
        }
    }

    fn entries(&self) -> Vec<Entry> {
        self.current
            .with_untracked(|c| c.as_ref().map(|c| c.entries.clone()))
            .unwrap_or_default()
    }

    fn load(&self, keep: Vec<Entry>, new: Vec<Pending>) {
        self.epoch.update(|e| *e = e.wrapping_add(1));
        let mine = self.epoch.get_untracked();
        let this = *self;
        this.stopped.set(None);
        let names: Vec<String> = new.iter().map(Pending::name).collect();
        leptos::task::spawn_local(async move {
            let done = this.run(mine, keep, new).await;
            let ours = this.epoch.get_untracked() == mine;
            match done {
                Some(current) => {
                    write_data_param(&current.entries);
                    this.current.set(Some(current));
                }
                // neither cancelled nor superseded: the engine stopped
                None if ours => this.stopped.set(Some(names)),
                None => {}
            }
            if ours {
                this.progress.set(None);
            }
        });
    }

    /// Reads the new files, then loads all of them; `None` when cancelled or superseded.
    async fn run(self, mine: u32, mut entries: Vec<Entry>, new: Vec<Pending>) -> Option<Current> {
        let go_on = move || self.epoch.get_untracked() == mine;
        let count = new.len();
        let mut held: u64 = entries
            .iter()
            .filter_map(|e| e.bytes.as_ref().ok())
            .map(|f| f.bytes.len())
            .sum();
        for (i, p) in new.into_iter().enumerate() {
            let name = p.name();
            let progress = {
                let name = name.clone();
                move |read: u64, total: Option<u64>| {
                    if go_on() {
                        self.progress.set(Some(Progress {
                            index: i + 1,
                            count,
                            name: name.clone(),
                            read,
                            total,
                            parsing: false,
                        }));
                    }
                }
            };
            if let Pending::Local(f) = &p {
                let size = f.size().max(0.0) as u64;
                if let Some(why) = too_big(&name, held, size) {
                    entries.push(Entry {
                        origin: Origin::Local,
                        bytes: Err(unreadable(&name, why)),
                    });
                    continue;
                }
            }
            // a picked file is not read here: the engine's worker reads it
            let (origin, read) = match p {
                Pending::Url(u) => {
                    progress(0, None);
                    let read = source::fetch_blob(&u, progress, go_on).await;
                    (Origin::Url(u), read)
                }
                Pending::Local(f) => (Origin::Local, Ok(Some(f.into()))),
            };
            let bytes = match read {
                Ok(Some(blob)) => Ok(FileBytes {
                    name,
                    bytes: Bytes::Blob(blob),
                }),
                Ok(None) => return None,
                Err(why) => Err(unreadable(&name, why)),
            };
            if let Ok(f) = &bytes {
                held = held.saturating_add(f.bytes.len());
            }
            entries.push(Entry { origin, bytes });
        }
        if !go_on() {
            return None;
        }
        let files: Vec<FileBytes> = entries
            .iter()
            .filter_map(|e| e.bytes.as_ref().ok().cloned())
            .collect();
        let total: u64 = files.iter().map(|f| f.bytes.len()).sum();
        let sizes: Vec<u64> = files.iter().map(|f| f.bytes.len()).collect();
        let names: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
        let parsing = move |index: usize, read: u64| {
            if go_on() {
                self.progress.set(Some(Progress {
                    index: (index + 1).min(names.len()),
                    count: names.len(),
                    name: names.get(index).cloned().unwrap_or_default(),
                    read,
                    total: Some(total),
                    parsing: true,
                }));
            }
        };
        parsing(0, 0);
        let engine = self.engine.get_value();
        if !engine.in_worker() {
            // let the browser paint "parsing" first: the engine on this thread takes the thread
            yield_to_browser().await;
            if !go_on() {
                return None;
            }
        }
        let Loaded {
            files: reports,
            lacking,
            generation,
        } = engine
            .load(files, move |index, _| {
                let done: u64 = sizes.iter().take(index + 1).sum();
                parsing(index + 1, done);
            })
            .await?;
        if !go_on() {
            return None;
        }
        Some(Current {
            files: merge(&entries, reports),
            entries,
            lacking,
            generation,
        })
    }
}

/// Keeps the `data` parameter equal to the URLs of the current load (files picked from the disk
/// cannot be named by a URL; the sample alone is no parameter).
fn write_data_param(entries: &[Entry]) {
    let urls: Vec<&str> = entries
        .iter()
        .filter_map(|e| match &e.origin {
            Origin::Url(u) => Some(u.as_str()),
            Origin::Local => None,
        })
        .collect();
    let value = match urls.as_slice() {
        [] => None,
        [only] if *only == source::SAMPLE => None,
        many => Some(many.join(",")),
    };
    url::write("data", value.as_deref());
}

/// Resolves after the browser had the chance to paint (one animation frame, then a task).
async fn yield_to_browser() {
    let Some(w) = web_sys::window() else { return };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let w2 = w.clone();
        let after_frame = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = w2
                .set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 0);
        });
        if w.request_animation_frame(after_frame.unchecked_ref())
            .is_err()
        {
            let _ = w.set_timeout_with_callback(after_frame.unchecked_ref());
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn entry(name: &str, ok: bool) -> Entry {
        Entry {
            origin: Origin::Local,
            bytes: if ok {
                Ok(FileBytes {
                    name: name.to_string(),
                    bytes: Bytes::Held(Arc::from(&b"x"[..])),
                })
            } else {
                Err(unreadable(name, format!("{name}: could not read")))
            },
        }
    }

    fn report(name: &str) -> FileReport {
        FileReport {
            name: name.to_string(),
            rows_used: 1,
            ..FileReport::default()
        }
    }

    #[test]
    fn read_failures_keep_their_place_in_the_report() {
        let entries = [entry("a", true), entry("b", false), entry("c", true)];
        let files = merge(&entries, vec![report("a"), report("c")]);
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["a", "b", "c"]);
        assert_eq!(files[1].status, Status::Refused);
        assert_eq!(files[1].refused.as_deref(), Some("b: could not read"));
    }

    #[test]
    fn usable_needs_rows_from_a_loaded_file() {
        assert!(!usable(&[]));
        assert!(!usable(&[unreadable("x", "x: no".into())]));
        assert!(!usable(&[FileReport::default()]));
        assert!(usable(&[unreadable("x", "x: no".into()), report("a")]));
    }

    #[test]
    fn sample_alone_is_the_sample() {
        let mut c = Current::default();
        assert!(!c.is_sample());
        c.entries.push(Entry {
            origin: Origin::Url(source::SAMPLE.to_string()),
            bytes: Err(unreadable("sample.json", "no".into())),
        });
        assert!(c.is_sample());
        c.entries.push(entry("a", true));
        assert!(!c.is_sample());
    }
}
