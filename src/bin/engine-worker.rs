//! The engine's Web Worker (see `src/engine.rs`): answers the page's requests with
//! [`wire::Worker`]. Files arrive as `Blob` handles and are read here, one at a time, through
//! their streams straight into the engine's memory (so no file is ever held twice, nor as one JS
//! string), parsed, and dropped. Requests that come while a load reads are answered after it,
//! in order.

use partner_insights::engine::wire::{self, Request, Response};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, DedicatedWorkerGlobalScope, MessageEvent, ReadableStreamDefaultReader};

struct State {
    scope: DedicatedWorkerGlobalScope,
    engine: RefCell<wire::Worker>,
    /// A load is reading its files: later requests wait in `queue`.
    loading: Cell<bool>,
    queue: RefCell<VecDeque<JsValue>>,
}

fn main() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let state = Rc::new(State {
        scope: scope.clone(),
        engine: RefCell::new(wire::Worker::new()),
        loading: Cell::new(false),
        queue: RefCell::default(),
    });
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        state.queue.borrow_mut().push_back(e.data());
        next(&state);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // the handler lives as long as the worker
    on_message.forget();
    let ready = js_sys::Object::new();
    set(&ready, "ready", &JsValue::TRUE);
    let _ = scope.post_message(&ready);
}

/// Answers the waiting requests in order, until one is a load (it goes on asynchronously and
/// comes back here when it is done).
fn next(state: &Rc<State>) {
    while !state.loading.get() {
        let Some(data) = state.queue.borrow_mut().pop_front() else {
            return;
        };
        let id = get(&data, "id");
        let msg = get(&data, "msg")
            .dyn_into::<js_sys::Uint8Array>()
            .map(|m| m.to_vec())
            .unwrap_or_default();
        match Request::decode(&msg) {
            Ok(Request::Load { names }) => {
                state.loading.set(true);
                let files = js_sys::Array::from(&get(&data, "files"));
                let state = state.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let answer = load(&state, &id, &names, &files).await;
                    reply(&state.scope, &id, &answer);
                    state.loading.set(false);
                    next(&state);
                });
            }
            Ok(request) => {
                let answer = state.engine.borrow().answer(request);
                reply(&state.scope, &id, &answer);
            }
            Err(why) => reply(&state.scope, &id, &Response::Failed(why)),
        }
    }
}

/// Reads and parses the files one after the other, telling the page of each file parsed.
async fn load(state: &State, id: &JsValue, names: &[String], files: &js_sys::Array) -> Response {
    let mut loading = state.engine.borrow_mut().start_load();
    for index in 0..names.len() {
        let bytes = match files.get(index as u32).dyn_into::<Blob>() {
            Ok(blob) => read(&blob).await,
            Err(_) => Err(UNREADABLE.to_string()),
        };
        if let Some(Response::Parsed { index, bytes }) = loading.add(names, index, bytes) {
            let obj = js_sys::Object::new();
            set(&obj, "id", id);
            set(&obj, "parsed", &JsValue::from(index as f64));
            set(&obj, "bytes", &JsValue::from(bytes as f64));
            let _ = state.scope.post_message(&obj);
        }
    }
    state.engine.borrow_mut().finish_load(names, loading)
}

fn reply(scope: &DedicatedWorkerGlobalScope, id: &JsValue, answer: &Response) {
    let body = js_sys::Uint8Array::from(&answer.encode()[..]);
    let obj = js_sys::Object::new();
    set(&obj, "id", id);
    set(&obj, "msg", &body);
    let _ = scope.post_message_with_transfer(&obj, &js_sys::Array::of1(&body.buffer()));
}

const UNREADABLE: &str = "the browser could not read the file";
const CHANGED: &str = "the file changed while it was read";

/// A Blob's bytes, read through its stream into one buffer of its size. (Measured in a worker
/// of headless Chromium, copying into WebAssembly memory: 101 MB in 165 ms, median of 8,
/// against 205 ms for `FileReaderSync` in 16 MB slices.)
async fn read(blob: &Blob) -> Result<Vec<u8>, String> {
    let size = blob.size();
    let size = if size.is_finite() && size > 0.0 {
        size
    } else {
        0.0
    };
    let mut buf: Vec<u8> = Vec::new();
    if buf.try_reserve_exact(size as usize).is_err() {
        // the worker's words are the engine's, in English like the load problems
        return Err(format!(
            "{:.0} MB is more than the engine's memory can hold; load fewer or smaller files",
            (size / 1e6).ceil()
        ));
    }
    let reader: ReadableStreamDefaultReader = blob.stream().get_reader().unchecked_into();
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| UNREADABLE.to_string())?;
        if get(&chunk, "done").is_truthy() {
            if buf.len() != size as usize {
                return Err(CHANGED.to_string());
            }
            return Ok(buf);
        }
        let part = get(&chunk, "value")
            .dyn_into::<js_sys::Uint8Array>()
            .map_err(|_| UNREADABLE.to_string())?;
        let n = part.length() as usize;
        // copied straight into the reserved space: no zero-filling of it first
        let Some(dst) = buf.spare_capacity_mut().get_mut(..n) else {
            return Err(CHANGED.to_string());
        };
        part.copy_to_uninit(dst);
        // SAFETY: `copy_to_uninit` initialised these `n` bytes, within the capacity
        unsafe { buf.set_len(buf.len() + n) };
    }
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(obj: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), value);
}
