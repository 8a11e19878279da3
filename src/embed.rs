//! Embedding in a host portal (spec/page.md, "Messages with a host"): `embed=1` drops the page's
//! header; with `parentOrigin` the page talks to its host through `postMessage`, sending only to
//! that origin and accepting only messages from it (and from the parent window), each an object
//! with `type` and `version: 1`. Anything else is ignored.
//!
//! The pure part (checking an origin, reading a message, turning a state object into URL
//! parameters) has native tests; the browser glue is below it.

use crate::url;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The protocol version this page speaks.
pub const VERSION: f64 = 1.0;

/// The URL parameters a host may set with `pi:set-state` (page.md's list, less `parentOrigin`,
/// which only the page's own URL can name, and `embed`, which the host chose when it framed us).
pub const STATE_KEYS: [&str; 19] = [
    "data",
    "from",
    "to",
    "country",
    "market",
    "segment",
    "product",
    "sku",
    "partner_location",
    "attribution",
    "sales_channel",
    "view",
    "dist",
    "trend",
    "drill",
    "geo",
    "customer",
    "hide",
    "lang",
];

/// `parentOrigin` if it is a plain origin (`scheme://host[:port]`, no path, no wildcard):
/// anything else turns the messaging off rather than risk talking to the wrong page.
pub fn checked_origin(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let raw = raw.strip_suffix('/').unwrap_or(raw);
    let (scheme, rest) = raw.split_once("://")?;
    if !matches!(scheme, "http" | "https") || rest.is_empty() {
        return None;
    }
    let ok = rest
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    ok.then(|| raw.to_ascii_lowercase())
}

/// A message from the host, as far as this page understands it.
#[derive(Clone, Debug, PartialEq)]
pub enum Incoming {
    /// `pi:set-state`: the parameters to set (`None` removes one).
    SetState(Vec<(String, Option<String>)>),
    /// `pi:set-theme`.
    SetTheme(crate::theme::Choice),
    /// `pi:load`: files as `(name, bytes)`.
    Load(Vec<(String, Vec<u8>)>),
}

/// A state value as a URL value: strings as they are, numbers and booleans in their usual
/// spelling, lists joined with commas; `null` removes the parameter. Objects are not state.
fn state_value(v: &JsValue) -> Result<Option<String>, ()> {
    if v.is_null() || v.is_undefined() {
        return Ok(None);
    }
    if let Some(s) = v.as_string() {
        return Ok((!s.trim().is_empty()).then_some(s));
    }
    if let Some(n) = v.as_f64() {
        return Ok(Some(n.to_string()));
    }
    if let Some(b) = v.as_bool() {
        return Ok(Some(b.to_string()));
    }
    if js_sys::Array::is_array(v) {
        let parts: Result<Vec<String>, ()> = js_sys::Array::from(v)
            .iter()
            .map(|x| x.as_string().ok_or(()))
            .collect();
        let joined = parts?.join(",");
        return Ok((!joined.is_empty()).then_some(joined));
    }
    Err(())
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// Reads a message's data: `None` for anything that is not a version-1 page message.
pub fn read(data: &JsValue) -> Option<Incoming> {
    if !data.is_object() || get(data, "version").as_f64() != Some(VERSION) {
        return None;
    }
    match get(data, "type").as_string()?.as_str() {
        "pi:set-state" => {
            let state = get(data, "state");
            if !state.is_object() {
                return None;
            }
            let mut out = Vec::new();
            for key in STATE_KEYS {
                let v = get(&state, key);
                if v.is_undefined() {
                    continue;
                }
                out.push((key.to_string(), state_value(&v).ok()?));
            }
            Some(Incoming::SetState(out))
        }
        "pi:set-theme" => {
            crate::theme::Choice::parse(&get(data, "theme").as_string()?).map(Incoming::SetTheme)
        }
        "pi:load" => {
            let files = get(data, "files");
            if !js_sys::Array::is_array(&files) {
                return None;
            }
            let mut out = Vec::new();
            for f in js_sys::Array::from(&files).iter() {
                let name = get(&f, "name").as_string()?;
                let text = get(&f, "text");
                let bytes = get(&f, "bytes");
                let b = if let Some(t) = text.as_string() {
                    t.into_bytes()
                } else if let Some(buf) = bytes.dyn_ref::<js_sys::ArrayBuffer>() {
                    js_sys::Uint8Array::new(buf).to_vec()
                } else if let Some(arr) = bytes.dyn_ref::<js_sys::Uint8Array>() {
                    arr.to_vec()
                } else {
                    return None;
                };
                out.push((name, b));
            }
            Some(Incoming::Load(out))
        }
        _ => None,
    }
}

/// The URL parameters as the `state` object of `pi:state` (repeated values joined by commas).
pub fn state_object(q: &ParamsMap) -> js_sys::Object {
    let obj = js_sys::Object::new();
    let mut seen: Vec<String> = Vec::new();
    for (k, _) in q {
        let k = k.to_string();
        if seen.contains(&k) {
            continue;
        }
        let v = q.get_all(&k).unwrap_or_default().join(",");
        let _ = js_sys::Reflect::set(&obj, &JsValue::from_str(&k), &JsValue::from_str(&v));
        seen.push(k);
    }
    obj
}

/// A message for the host: `{type, version: 1, ...fields}`.
pub fn message(kind: &str, fields: &[(&str, JsValue)]) -> js_sys::Object {
    let obj = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&obj, &"type".into(), &JsValue::from_str(kind));
    let _ = js_sys::Reflect::set(&obj, &"version".into(), &JsValue::from_f64(VERSION));
    for (k, v) in fields {
        let _ = js_sys::Reflect::set(&obj, &JsValue::from_str(k), v);
    }
    obj
}

/// The `files` of `pi:loaded`: name, detected format, rows used and rows skipped of each.
pub fn files_array(files: &[metrics::load::FileReport]) -> js_sys::Array {
    let out = js_sys::Array::new();
    for f in files {
        let o = js_sys::Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), &v);
        };
        set("name", JsValue::from_str(&f.name));
        set("format", JsValue::from_str(&f.format));
        set("rows", JsValue::from_f64(f.rows_used as f64));
        set("skipped", JsValue::from_f64(f.rows_skipped as f64));
        out.push(&o);
    }
    out
}

/// The link to the host, provided by context once messaging is on.
#[derive(Clone)]
pub struct Host {
    origin: String,
}

impl Host {
    /// Sends `msg` to the parent window, to the host's origin only.
    pub fn send(&self, msg: &js_sys::Object) {
        let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) else {
            return;
        };
        let _ = parent.post_message(msg, &self.origin);
    }

    pub fn error(&self, text: &str) {
        self.send(&message(
            "pi:error",
            &[("message", JsValue::from_str(text))],
        ));
    }
}

/// What the page does with the host's requests.
pub struct Handlers {
    pub load: Callback<Vec<(String, Vec<u8>)>>,
}

fn is_parent(source: Option<js_sys::Object>) -> bool {
    let (Some(source), Some(parent)) = (
        source,
        web_sys::window().and_then(|w| w.parent().ok().flatten()),
    ) else {
        return false;
    };
    let parent: &JsValue = parent.as_ref();
    let source: &JsValue = source.as_ref();
    // the parent's WindowProxy is the event's source when the parent sent it
    js_sys::Object::is(source, parent)
}

/// Turns messaging on when the URL names a valid `parentOrigin` and the page is framed: listens
/// for the host's messages, and sends `pi:ready`, then `pi:state` and `pi:resize` as they change.
/// Returns the host link (also provided by context), `None` when messaging is off.
pub fn install(dash: crate::state::Dashboard, handlers: Handlers) -> Option<Host> {
    let w = web_sys::window()?;
    let search = w.location().search().ok()?;
    let origin = web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get("parentOrigin")
        .and_then(|o| checked_origin(&o))?;
    let framed = w
        .parent()
        .ok()
        .flatten()
        .is_some_and(|p| !js_sys::Object::is(p.as_ref(), w.as_ref()));
    if !framed {
        return None;
    }
    let host = Host { origin };
    provide_context(host.clone());

    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new({
        let host = host.clone();
        move |e: web_sys::MessageEvent| {
            if e.origin().to_ascii_lowercase() != host.origin || !is_parent(e.source()) {
                return;
            }
            match read(&e.data()) {
                Some(Incoming::SetState(pairs)) => {
                    let pairs: Vec<(&str, Option<&str>)> = pairs
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_deref()))
                        .collect();
                    url::write_many(&pairs);
                    url::flush();
                }
                Some(Incoming::SetTheme(t)) => crate::theme::set(dash, t),
                Some(Incoming::Load(files)) => handlers.load.run(files),
                None => {}
            }
        }
    });
    let _ = w.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    // the page lives as long as the document: the listener is never removed
    on_message.forget();

    // pi:state whenever the URL changes (and once at start)
    let q = use_query_map();
    Effect::new({
        let host = host.clone();
        move |_| {
            let state = q.with(state_object);
            host.send(&message("pi:state", &[("state", state.into())]));
        }
    });

    // pi:resize from a ResizeObserver on the document's content
    let last = std::cell::Cell::new(0i32);
    let resize = Closure::<dyn FnMut()>::new({
        let host = host.clone();
        move || {
            let Some(h) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
                .map(|e| e.scroll_height())
            else {
                return;
            };
            if h != last.get() {
                last.set(h);
                host.send(&message(
                    "pi:resize",
                    &[("height", JsValue::from_f64(f64::from(h)))],
                ));
            }
        }
    });
    if let (Ok(observer), Some(body)) = (
        web_sys::ResizeObserver::new(resize.as_ref().unchecked_ref()),
        w.document().and_then(|d| d.body()),
    ) {
        observer.observe(&body);
        std::mem::forget(observer);
    }
    resize.forget();

    host.send(&message("pi:ready", &[]));
    Some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_origins_turn_messaging_on() {
        assert_eq!(
            checked_origin("https://portal.example.com").as_deref(),
            Some("https://portal.example.com")
        );
        assert_eq!(
            checked_origin("http://localhost:8080").as_deref(),
            Some("http://localhost:8080")
        );
        assert_eq!(
            checked_origin("https://Portal.example.com/").as_deref(),
            Some("https://portal.example.com")
        );
        assert_eq!(checked_origin("*"), None);
        assert_eq!(checked_origin("null"), None);
        assert_eq!(checked_origin("https://portal.example.com/path"), None);
        assert_eq!(checked_origin("javascript://x"), None);
        assert_eq!(checked_origin("https://"), None);
        assert_eq!(checked_origin("https://a.example.com?x=1"), None);
    }
}
