//! Where the bytes come from: files fetched over HTTP (the sample, or `?data=` URLs), read as a
//! stream of byte chunks (never as one string) into a `Blob`, so the page can show bytes read
//! and stop between chunks when the user cancels. Files the user picks or drops are `Blob`s
//! already: the engine's worker reads them.

use gloo_net::http::Request;
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ReadableStream, ReadableStreamDefaultReader};

/// The sample bundle, relative to the page so the page works from any sub-folder.
pub const SAMPLE: &str = "data/sample.json";

/// Fetches one URL, reporting bytes read to `progress(read, total)` after each chunk and stopping
/// (with `Ok(None)`) as soon as `go_on()` says no. The bytes end in a `Blob` (kept by the
/// browser, outside the WebAssembly memory). Errors are in words a partner can act on.
pub async fn fetch_blob(
    url: &str,
    progress: impl Fn(u64, Option<u64>),
    go_on: impl Fn() -> bool,
) -> Result<Option<Blob>, String> {
    let resp = Request::get(url).send().await.map_err(|why| {
        crate::tr!(source.fetch_failed, name = file_name(url), url, why).to_string()
    })?;
    if !resp.ok() {
        let (status, text) = (resp.status(), resp.status_text());
        let name = file_name(url);
        return Err(crate::tr!(source.server_answered, name, url, status, text).to_string());
    }
    let total = resp
        .headers()
        .get("content-length")
        .and_then(|v| v.trim().parse::<u64>().ok());
    match resp.body() {
        Some(stream) => read_stream(&stream, total, progress, go_on)
            .await
            .map_err(|why| {
                crate::tr!(source.read_failed, name = file_name(url), url, why).to_string()
            }),
        None => blob(&[]).map(Some),
    }
}

/// Fetches one URL like [`fetch_blob`], into this thread's memory (small assets: the world map).
pub async fn fetch(
    url: &str,
    progress: impl Fn(u64, Option<u64>),
    go_on: impl Fn() -> bool,
) -> Result<Option<Vec<u8>>, String> {
    let Some(blob) = fetch_blob(url, progress, go_on).await? else {
        return Ok(None);
    };
    let buf = JsFuture::from(blob.array_buffer()).await.map_err(|e| {
        let why = js_text(e);
        crate::tr!(source.read_failed, name = file_name(url), url, why).to_string()
    })?;
    Ok(Some(Uint8Array::new(&buf).to_vec()))
}

/// Bytes as a `Blob` (copied once, out of the WebAssembly memory).
pub fn blob(bytes: &[u8]) -> Result<Blob, String> {
    let parts = js_sys::Array::of1(&Uint8Array::from(bytes));
    Blob::new_with_u8_array_sequence(&parts).map_err(js_text)
}

/// Reads every chunk of a byte stream into one `Blob`.
async fn read_stream(
    stream: &ReadableStream,
    total: Option<u64>,
    progress: impl Fn(u64, Option<u64>),
    go_on: impl Fn() -> bool,
) -> Result<Option<Blob>, String> {
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let chunks = js_sys::Array::new();
    let mut read: u64 = 0;
    progress(0, total);
    loop {
        if !go_on() {
            let _ = reader.cancel();
            return Ok(None);
        }
        let chunk = JsFuture::from(reader.read()).await.map_err(js_text)?;
        let done = Reflect::get(&chunk, &JsValue::from_str("done"))
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        let Ok(value) = Reflect::get(&chunk, &JsValue::from_str("value")) else {
            break;
        };
        let Ok(bytes) = value.dyn_into::<Uint8Array>() else {
            return Err(crate::tr!(source.not_bytes).to_string());
        };
        read = read.saturating_add(u64::from(bytes.length()));
        chunks.push(&bytes);
        progress(read, total);
    }
    Blob::new_with_u8_array_sequence(&chunks)
        .map(Some)
        .map_err(|_| too_big(read))
}

fn too_big(bytes: u64) -> String {
    crate::tr!(load.too_big, size = crate::format::bytes(bytes)).to_string()
}

fn js_text(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| crate::tr!(source.stopped).to_string())
}

/// The last path segment of a URL, without query or fragment: `data/sample.json?x=1` ->
/// `sample.json`.
pub fn file_name(url: &str) -> &str {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let name = path.rsplit('/').next().unwrap_or(path);
    if name.is_empty() {
        url
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn file_names_from_urls() {
        assert_eq!(file_name("data/sample.json"), "sample.json");
        assert_eq!(file_name("https://x.test/a/b.csv?sig=1#top"), "b.csv");
        assert_eq!(file_name("plain.json"), "plain.json");
        assert_eq!(file_name("https://x.test/dir/"), "https://x.test/dir/");
    }
}
