//! The engine's Web Worker (see `src/engine.rs`): answers the page's requests with
//! [`wire::Worker`]. Files arrive as `Blob` handles and are read here, one at a time, in slices
//! (so no file is ever held twice, nor as one JS string), parsed, and dropped.

use partner_insights::engine::wire::{self, Request, Response};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

/// Bytes read from a Blob at a time.
const SLICE: f64 = 16.0 * 1024.0 * 1024.0;

fn main() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let engine = Rc::new(RefCell::new(wire::Worker::new()));
    let s2 = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        handle(&s2, &engine, &e.data());
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // the handler lives as long as the worker
    on_message.forget();
    let ready = js_sys::Object::new();
    set(&ready, "ready", &JsValue::TRUE);
    let _ = scope.post_message(&ready);
}

fn handle(scope: &DedicatedWorkerGlobalScope, engine: &RefCell<wire::Worker>, data: &JsValue) {
    let id = get(data, "id");
    let msg = get(data, "msg")
        .dyn_into::<js_sys::Uint8Array>()
        .map(|m| m.to_vec())
        .unwrap_or_default();
    let answer = match Request::decode(&msg) {
        Ok(Request::Load { names }) => {
            let files = js_sys::Array::from(&get(data, "files"));
            let reader = FileReaderSync::new().ok();
            engine.borrow_mut().load(
                &names,
                |i| match (&reader, files.get(i as u32).dyn_into::<Blob>()) {
                    (Some(r), Ok(blob)) => read(r, &blob),
                    _ => Err("the browser could not read the file".to_string()),
                },
                |p| {
                    if let Response::Parsed { index, bytes } = p {
                        let obj = js_sys::Object::new();
                        set(&obj, "id", &id);
                        set(&obj, "parsed", &JsValue::from(index as f64));
                        set(&obj, "bytes", &JsValue::from(bytes as f64));
                        let _ = scope.post_message(&obj);
                    }
                },
            )
        }
        Ok(request) => engine.borrow().answer(request),
        Err(why) => Response::Failed(why),
    };
    let body = js_sys::Uint8Array::from(&answer.encode()[..]);
    let obj = js_sys::Object::new();
    set(&obj, "id", &id);
    set(&obj, "msg", &body);
    let _ = scope.post_message_with_transfer(&obj, &js_sys::Array::of1(&body.buffer()));
}

/// A Blob's bytes, read slice by slice into one buffer of its size.
fn read(reader: &FileReaderSync, blob: &Blob) -> Result<Vec<u8>, String> {
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
    let mut at = 0.0;
    while at < size {
        let end = (at + SLICE).min(size);
        let part = blob
            .slice_with_f64_and_f64(at, end)
            .and_then(|p| reader.read_as_array_buffer(&p))
            .map_err(|_| "the browser could not read the file".to_string())?;
        let part = js_sys::Uint8Array::new(&part);
        let n = part.length() as usize;
        // copied straight into the reserved space: no zero-filling of it first
        let Some(dst) = buf.spare_capacity_mut().get_mut(..n) else {
            return Err("the file changed while it was read".to_string());
        };
        part.copy_to_uninit(dst);
        // SAFETY: `copy_to_uninit` initialised these `n` bytes, within the capacity
        unsafe { buf.set_len(buf.len() + n) };
        at = end;
    }
    Ok(buf)
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(obj: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), value);
}
