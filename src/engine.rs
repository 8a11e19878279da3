//! The seam between the UI and the metrics engine.
//!
//! Components never call `metrics::load` or `metrics::report` themselves: they ask an [`Engine`]
//! handle, asynchronously. On the page the engine runs in a dedicated Web Worker (the
//! `engine-worker` bin, built by Trunk; index.html names its script in
//! `<meta name="pi-engine-worker">`), so parsing hundreds of MB never blocks the page. Only this
//! file knows: requests and answers are postcard messages ([`wire`]), file bytes are never copied
//! through the page's memory (the worker reads the files' `Blob` handles itself).
//!
//! Each load runs in a fresh worker (started a second after the previous load, so that it is
//! ready when the next one comes) while the previous one keeps the data on the page and keeps
//! answering; when the load is done the new worker takes over (requests still waiting on the old
//! one are sent again to it, in order) and the old one is terminated, which gives its memory
//! back to the browser. Cancelling a load terminates the loading worker: the data on the page
//! stays exactly as it was, nothing to reload.
//!
//! Answers never arrive out of order: one worker answers its requests in the order they were
//! sent, and the requests handed over to the next worker are sent again in their order, before
//! any newer one; on top of that the page's resources (Leptos `LocalResource`) drop the result of
//! a run that a newer run superseded. So an older query never overwrites a newer one's report.
//!
//! Where no worker script is named (the wasm-bindgen test runner) the same [`wire::Worker`] (crate
//! `crates/wire`, tested natively) runs on the calling thread.

pub use wire;

use metrics::load::FileReport;
use metrics::{Dim, FilterOption, Filters, Query, Report};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wire::{LoadReport, Request, Response};

/// One file of a load.
#[derive(Clone, Debug, PartialEq)]
pub struct FileBytes {
    pub name: String,
    pub bytes: Bytes,
}

/// A file's contents: on the page a `Blob` handle (a picked `File`, or the bytes fetched or
/// handed over, kept by the browser outside the WebAssembly memory); held bytes for callers
/// that have them already (tests).
#[derive(Clone, Debug, PartialEq)]
pub enum Bytes {
    Blob(web_sys::Blob),
    Held(Arc<[u8]>),
}

impl Bytes {
    pub fn len(&self) -> u64 {
        match self {
            Bytes::Blob(b) => {
                let n = b.size();
                if n.is_finite() && n > 0.0 {
                    n as u64
                } else {
                    0
                }
            }
            Bytes::Held(b) => b.len() as u64,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(v: Vec<u8>) -> Self {
        Bytes::Held(v.into())
    }
}

/// What a load produced, for the page (the dataset itself stays inside the engine).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    pub files: Vec<FileReport>,
    /// What no loaded file provides (the load report says so, so that a chart of `Unknown`
    /// only or a blank figure is explained).
    pub lacking: Vec<metrics::load::Lacking>,
    /// Increases with every load, so that reports can depend on "the data changed".
    pub generation: u32,
}

impl Loaded {
    /// Why files were refused (each message names its file); empty when all loaded.
    pub fn refusals(&self) -> Vec<String> {
        self.files
            .iter()
            .filter_map(|f| f.refused.clone())
            .collect()
    }
}

/// A handle on the engine. Cheap to clone; all clones share the loaded dataset.
#[derive(Clone)]
pub struct Engine {
    inner: Rc<RefCell<Inner>>,
}

impl Default for Engine {
    fn default() -> Self {
        Self::new()
    }
}

struct Inner {
    generation: u32,
    next_id: u32,
    backend: Backend,
}

enum Backend {
    /// The engine on the calling thread (no worker script available).
    Here(Rc<RefCell<wire::Worker>>),
    Workers {
        script: String,
        /// The worker holding the data on the page (none before the first load).
        current: Option<Remote>,
        /// The worker of the running load.
        loading: Option<Remote>,
        /// A worker started ahead of the next load, so that the load does not wait for one to
        /// start (about 40 ms: its script, its WebAssembly from the code cache, its memory).
        spare: Option<Remote>,
    },
}

impl Engine {
    /// The page's engine: in a Web Worker when the page names the worker's script, else on
    /// this thread.
    pub fn new() -> Self {
        let backend = match worker_script() {
            Some(script) => Backend::Workers {
                script,
                current: None,
                loading: None,
                spare: None,
            },
            None => Backend::Here(Rc::default()),
        };
        Engine {
            inner: Rc::new(RefCell::new(Inner {
                generation: 0,
                next_id: 0,
                backend,
            })),
        }
    }

    /// Whether the engine runs in a Web Worker.
    pub fn in_worker(&self) -> bool {
        matches!(self.inner.borrow().backend, Backend::Workers { .. })
    }

    /// Replaces the loaded data with `files`. A refused file does not stop the others: its
    /// report says why (`FileReport::refused`). `parsed(index, bytes)` hears of each file parsed.
    /// `None` when the load was cancelled or superseded by another (the data stays as it was).
    pub async fn load(
        &self,
        files: Vec<FileBytes>,
        parsed: impl Fn(usize, u64) + 'static,
    ) -> Option<Loaded> {
        let names: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
        let parsed: Rc<dyn Fn(usize, u64)> = Rc::new(parsed);
        let attempt = self.load_in_worker(&files, &names, parsed.clone()).await;
        if !matches!(attempt, Attempt::NoWorker) {
            self.spare_later();
        }
        let report = match attempt {
            Attempt::Loaded(report) => report,
            Attempt::Stopped => return None,
            Attempt::NoWorker => self.load_here(&files, &names, parsed).await?,
        };
        let mut inner = self.inner.borrow_mut();
        inner.generation = inner.generation.wrapping_add(1);
        Some(Loaded {
            files: report.files,
            lacking: report.lacking,
            generation: inner.generation,
        })
    }

    /// The load on this thread (no worker script, or no worker could start).
    async fn load_here(
        &self,
        files: &[FileBytes],
        names: &[String],
        parsed: Rc<dyn Fn(usize, u64)>,
    ) -> Option<LoadReport> {
        let worker = match &self.inner.borrow().backend {
            Backend::Here(w) => w.clone(),
            Backend::Workers { .. } => return None,
        };
        let mut held = Vec::with_capacity(files.len());
        for f in files {
            held.push(read_here(&f.bytes).await);
        }
        let out = worker.borrow_mut().load(
            names,
            |i| {
                held.get_mut(i)
                    .map_or(Ok(Vec::new()), |h| std::mem::replace(h, Ok(Vec::new())))
            },
            |p| {
                if let Response::Parsed { index, bytes } = p {
                    parsed(index, bytes)
                }
            },
        );
        match out {
            Response::Loaded(report) => Some(report),
            _ => None,
        }
    }

    /// The load in a fresh worker, which takes over from the current one when it is done. A
    /// worker that cannot start (the script cannot be fetched, a host's policy forbids workers,
    /// or it does not answer within [`START_MS`]) is given up for good: the engine moves to this
    /// thread, so the page still works, only less smoothly on big files.
    async fn load_in_worker(
        &self,
        files: &[FileBytes],
        names: &[String],
        parsed: Rc<dyn Fn(usize, u64)>,
    ) -> Attempt {
        let (remote, id) = {
            let mut inner = self.inner.borrow_mut();
            let id = inner.id();
            let Backend::Workers {
                script,
                loading,
                spare,
                ..
            } = &mut inner.backend
            else {
                return Attempt::NoWorker;
            };
            if let Some(old) = loading.take() {
                old.stop();
            }
            // a spare that has not started (yet, or ever) is not waited for: a fresh one is
            let ready = spare.take().and_then(|r| {
                if !r.is_up() {
                    r.stop();
                }
                r.is_up().then_some(r)
            });
            match ready.map_or_else(|| Remote::spawn(script), Ok) {
                Ok(remote) => {
                    *loading = Some(remote.clone());
                    (remote, id)
                }
                Err(_) => {
                    inner.give_up_workers();
                    return Attempt::NoWorker;
                }
            }
        };
        match remote.started(START_MS).await {
            Start::Ready => {}
            Start::Stopped => return Attempt::Stopped,
            Start::Failed => {
                remote.stop();
                self.inner.borrow_mut().give_up_workers();
                return Attempt::NoWorker;
            }
        }
        let blobs = js_sys::Array::new();
        for f in files {
            blobs.push(&as_blob(&f.bytes));
        }
        let answer = remote
            .ask(
                id,
                &Request::Load {
                    names: names.to_vec(),
                },
                Some(blobs),
                Some(parsed),
            )
            .await;
        let Some(Response::Loaded(report)) = answer else {
            // cancelled, or the worker failed (out of memory in a parse): a failed one is
            // stopped here, not left holding its memory until the next load
            if let Backend::Workers { loading, .. } = &mut self.inner.borrow_mut().backend {
                if loading.as_ref().is_some_and(|l| l.same(&remote)) {
                    *loading = None;
                    remote.stop();
                }
            }
            return Attempt::Stopped;
        };
        // the new worker holds the data now: it takes the old one's waiting requests
        let mut inner = self.inner.borrow_mut();
        let Backend::Workers {
            current, loading, ..
        } = &mut inner.backend
        else {
            return Attempt::Stopped;
        };
        if loading.as_ref().is_some_and(|l| l.same(&remote)) {
            *loading = None;
        }
        if let Some(old) = current.replace(remote.clone()) {
            old.hand_over(&remote);
        }
        Attempt::Loaded(report)
    }

    /// Starts a spare worker for the next load, a second from now (not while the page renders
    /// the data just loaded), unless there is one.
    fn spare_later(&self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let inner = Rc::downgrade(&self.inner);
        let start = Closure::once_into_js(move || {
            let Some(inner) = inner.upgrade() else { return };
            let mut inner = inner.borrow_mut();
            if let Backend::Workers { script, spare, .. } = &mut inner.backend {
                if spare.is_none() {
                    *spare = Remote::spawn(script).ok();
                }
            }
        });
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(start.unchecked_ref(), 1_000);
    }

    /// Stops the running load, if any; its `load` answers `None` and the data stays as it was.
    pub fn cancel(&self) {
        if let Backend::Workers { loading, .. } = &mut self.inner.borrow_mut().backend {
            if let Some(l) = loading.take() {
                l.stop();
            }
        }
    }

    /// The report of the loaded data for `query`; `None` before anything is loaded.
    pub async fn report(&self, query: Query) -> Option<Arc<Report>> {
        self.report_with(query, true).await
    }

    /// The report for `query`, without its adoption half (`adoption: None`) unless `adoption`:
    /// the customers view does not show it, and it is almost all of the report's bytes, which
    /// the worker encodes and the page decodes on every change.
    pub async fn report_with(&self, query: Query, adoption: bool) -> Option<Arc<Report>> {
        match self.ask(Request::Report { query, adoption }).await? {
            Response::Report(r) => r.map(Arc::from),
            _ => None,
        }
    }

    /// The values of `dim` present in the loaded data with their customer counts, faceted by
    /// the other dimensions' `filters` (see [`metrics::filter_options`]); `None` before anything
    /// is loaded.
    pub async fn filter_options(
        &self,
        filters: Filters,
        dim: Dim,
    ) -> Option<Arc<Vec<FilterOption>>> {
        match self.ask(Request::FilterOptions { filters, dim }).await? {
            Response::FilterOptions(o) => o.map(Arc::new),
            _ => None,
        }
    }

    async fn ask(&self, request: Request) -> Option<Response> {
        let (remote, id) = {
            let mut inner = self.inner.borrow_mut();
            let id = inner.id();
            match &inner.backend {
                Backend::Here(w) => return Some(w.borrow().answer(request)),
                Backend::Workers { current, .. } => (current.clone()?, id),
            }
        };
        remote.ask(id, &request, None, None).await
    }
}

impl Inner {
    fn id(&mut self) -> u32 {
        self.next_id = self.next_id.wrapping_add(1);
        self.next_id
    }

    /// Moves the engine to this thread for the rest of the page's life (workers cannot start).
    fn give_up_workers(&mut self) {
        if let Backend::Workers {
            current,
            loading,
            spare,
            ..
        } = &self.backend
        {
            for r in current.iter().chain(loading.iter()).chain(spare.iter()) {
                r.stop();
            }
        }
        web_sys::console::warn_1(&JsValue::from_str(
            "Partner Insights: the engine's Web Worker could not start; the engine runs on the page's thread",
        ));
        self.backend = Backend::Here(Rc::default());
    }
}

/// How long a new worker may take to start (fetch its script and compile its WebAssembly)
/// before the engine gives workers up and runs on the page's thread.
const START_MS: i32 = 8_000;

/// What became of a load in a worker.
enum Attempt {
    Loaded(LoadReport),
    /// Cancelled or superseded: the data stays as it was.
    Stopped,
    /// No worker could do it: load on this thread.
    NoWorker,
}

/// How a worker's start ended.
enum Start {
    Ready,
    /// It failed to load, or did not answer in time.
    Failed,
    /// It was stopped (the load was cancelled).
    Stopped,
}

/// The worker script the page names, if any.
fn worker_script() -> Option<String> {
    let doc = web_sys::window()?.document()?;
    let meta = doc
        .query_selector("meta[name=pi-engine-worker]")
        .ok()
        .flatten()?;
    meta.get_attribute("content").filter(|c| !c.is_empty())
}

/// A file's bytes, read on this thread (the in-thread engine only).
async fn read_here(bytes: &Bytes) -> Result<Vec<u8>, String> {
    match bytes {
        Bytes::Held(b) => Ok(b.to_vec()),
        Bytes::Blob(b) => {
            let buf = wasm_bindgen_futures::JsFuture::from(b.array_buffer())
                .await
                .map_err(|_| "the browser could not read the file".to_string())?;
            Ok(js_sys::Uint8Array::new(&buf).to_vec())
        }
    }
}

/// A file's bytes as a `Blob` for the worker (held bytes are copied once into one; if the
/// browser refuses, the worker reports the file as unreadable).
fn as_blob(bytes: &Bytes) -> JsValue {
    match bytes {
        Bytes::Blob(b) => b.clone().into(),
        Bytes::Held(b) => {
            let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(&b[..]));
            web_sys::Blob::new_with_u8_array_sequence(&parts)
                .map(JsValue::from)
                .unwrap_or(JsValue::NULL)
        }
    }
}

/// A request waiting for its answer.
struct Waiting {
    resolve: js_sys::Function,
    /// The encoded request, to send again to the worker that takes over.
    message: Vec<u8>,
    parsed: Option<Rc<dyn Fn(usize, u64)>>,
}

/// One engine worker and the requests it has not answered yet.
#[derive(Clone)]
struct Remote {
    worker: web_sys::Worker,
    state: Rc<RefCell<RemoteState>>,
}

#[derive(Default)]
struct RemoteState {
    /// The worker said it is ready (messages sent before are lost, so they wait in `queue`).
    ready: bool,
    queue: Vec<(js_sys::Object, js_sys::Array)>,
    /// Told how the start ended (`true` ready, `false` failed, `undefined` stopped), once.
    on_start: Option<js_sys::Function>,
    /// The worker failed (a spare may fail before anyone waits for it).
    failed: bool,
    waiting: BTreeMap<u32, Waiting>,
    _on_message: Option<Closure<dyn FnMut(web_sys::MessageEvent)>>,
    _on_error: Option<Closure<dyn FnMut(web_sys::ErrorEvent)>>,
}

impl Remote {
    fn spawn(script: &str) -> Result<Remote, JsValue> {
        let worker = web_sys::Worker::new(script)?;
        let state: Rc<RefCell<RemoteState>> = Rc::default();
        let weak = Rc::downgrade(&state);
        let w2 = worker.clone();
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let Some(state) = weak.upgrade() else { return };
                on_answer(&w2, &state, &e.data());
            });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let weak = Rc::downgrade(&state);
        let on_error =
            Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
                e.prevent_default();
                // a crashed worker answers nothing more: its callers get `None`
                if let Some(state) = weak.upgrade() {
                    state.borrow_mut().failed = true;
                    if !state.borrow().ready {
                        tell_start(&state, &JsValue::FALSE);
                    }
                    let waiting = std::mem::take(&mut state.borrow_mut().waiting);
                    for (_, w) in waiting {
                        let _ = w.resolve.call1(&JsValue::NULL, &JsValue::UNDEFINED);
                    }
                }
            });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        {
            let mut st = state.borrow_mut();
            st._on_message = Some(on_message);
            st._on_error = Some(on_error);
        }
        Ok(Remote { worker, state })
    }

    /// Waits until the worker is ready, failed, was stopped, or `ms` passed (then it failed).
    async fn started(&self, ms: i32) -> Start {
        if self.state.borrow().ready {
            return Start::Ready;
        }
        let mut resolve = None;
        let promise = js_sys::Promise::new(&mut |res, _| resolve = Some(res));
        let Some(resolve) = resolve else {
            return Start::Failed;
        };
        if let Some(window) = web_sys::window() {
            let late = resolve.clone();
            let timeout = Closure::once_into_js(move || {
                let _ = late.call1(&JsValue::NULL, &JsValue::FALSE);
            });
            let _ = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(timeout.unchecked_ref(), ms);
        }
        self.state.borrow_mut().on_start = Some(resolve);
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(v) if v.as_bool() == Some(true) => Start::Ready,
            Ok(v) if v.is_undefined() => Start::Stopped,
            _ => Start::Failed,
        }
    }

    /// Started and not failed since (a spare may fail before anyone waits for it).
    fn is_up(&self) -> bool {
        let st = self.state.borrow();
        st.ready && !st.failed
    }

    fn same(&self, other: &Remote) -> bool {
        Rc::ptr_eq(&self.state, &other.state)
    }

    /// Sends `request` (with `files`, for a load) and waits for its answer; `None` when the
    /// worker was stopped first.
    async fn ask(
        &self,
        id: u32,
        request: &Request,
        files: Option<js_sys::Array>,
        parsed: Option<Rc<dyn Fn(usize, u64)>>,
    ) -> Option<Response> {
        let message = request.encode();
        let mut resolve = None;
        let promise = js_sys::Promise::new(&mut |res, _| resolve = Some(res));
        let resolve = resolve?;
        self.send(id, &message, files.as_ref());
        self.state.borrow_mut().waiting.insert(
            id,
            Waiting {
                resolve,
                message,
                parsed,
            },
        );
        let answer = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
        let bytes = answer.dyn_into::<js_sys::Uint8Array>().ok()?.to_vec();
        Response::decode(&bytes).ok()
    }

    fn send(&self, id: u32, message: &[u8], files: Option<&js_sys::Array>) {
        let body = js_sys::Uint8Array::from(message);
        let obj = js_sys::Object::new();
        set(&obj, "id", &JsValue::from(id));
        set(&obj, "msg", &body);
        if let Some(files) = files {
            set(&obj, "files", files);
        }
        // the message's buffer is moved to the worker, not copied
        let transfer = js_sys::Array::of1(&body.buffer());
        let mut st = self.state.borrow_mut();
        if st.ready {
            let _ = self.worker.post_message_with_transfer(&obj, &transfer);
        } else {
            st.queue.push((obj, transfer));
        }
    }

    /// Sends the requests waiting on this worker to `next` (same ids, same callers, in order),
    /// then stops this one.
    fn hand_over(&self, next: &Remote) {
        let waiting = std::mem::take(&mut self.state.borrow_mut().waiting);
        for (id, w) in waiting {
            next.send(id, &w.message, None);
            next.state.borrow_mut().waiting.insert(id, w);
        }
        self.worker.terminate();
    }

    /// Terminates the worker; its waiting callers get `None`.
    fn stop(&self) {
        self.worker.terminate();
        tell_start(&self.state, &JsValue::UNDEFINED);
        let waiting = std::mem::take(&mut self.state.borrow_mut().waiting);
        for (_, w) in waiting {
            let _ = w.resolve.call1(&JsValue::NULL, &JsValue::UNDEFINED);
        }
    }
}

/// A message from a worker: `{ready}`, `{id, parsed, bytes}` (progress) or `{id, msg}`.
fn on_answer(worker: &web_sys::Worker, state: &Rc<RefCell<RemoteState>>, data: &JsValue) {
    if get(data, "ready").is_truthy() {
        let queue = {
            let mut st = state.borrow_mut();
            st.ready = true;
            std::mem::take(&mut st.queue)
        };
        tell_start(state, &JsValue::TRUE);
        for (obj, transfer) in queue {
            let _ = worker.post_message_with_transfer(&obj, &transfer);
        }
        return;
    }
    let Some(id) = get(data, "id").as_f64().map(|n| n as u32) else {
        return;
    };
    if let Some(index) = get(data, "parsed").as_f64() {
        let bytes = get(data, "bytes").as_f64().unwrap_or(0.0);
        let parsed = state
            .borrow()
            .waiting
            .get(&id)
            .and_then(|w| w.parsed.clone());
        if let Some(parsed) = parsed {
            parsed(index as usize, bytes as u64);
        }
        return;
    }
    let waiting = state.borrow_mut().waiting.remove(&id);
    if let Some(w) = waiting {
        let _ = w.resolve.call1(&JsValue::NULL, &get(data, "msg"));
    }
}

/// Tells whoever waits for the worker's start how it ended (once).
fn tell_start(state: &Rc<RefCell<RemoteState>>, how: &JsValue) {
    let waiter = state.borrow_mut().on_start.take();
    if let Some(f) = waiter {
        let _ = f.call1(&JsValue::NULL, how);
    }
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(obj: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), value);
}
