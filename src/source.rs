//! Where the bytes come from: files fetched over HTTP (the sample, or `?data=` URLs) and files
//! the user picked or dropped. Both are read as a stream of byte chunks (never as one string), so
//! the page can show bytes read and stop between chunks when the user cancels.

use gloo_net::http::Request;
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStream, ReadableStreamDefaultReader};

/// The sample bundle, relative to the page so the page works from any sub-folder.
pub const SAMPLE: &str = "data/sample.json";

/// Fetches one URL, reporting bytes read to `progress(read, total)` after each chunk and stopping
/// (with `Ok(None)`) as soon as `go_on()` says no. Errors are in words a partner can act on.
pub async fn fetch(
    url: &str,
    progress: impl Fn(u64, Option<u64>),
    go_on: impl Fn() -> bool,
) -> Result<Option<Vec<u8>>, String> {
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
        None => Ok(Some(Vec::new())),
    }
}

/// Reads a picked or dropped file as bytes (`Blob.stream()`), with progress like [`fetch`].
pub async fn read_file(
    file: &web_sys::File,
    progress: impl Fn(u64, Option<u64>),
    go_on: impl Fn() -> bool,
) -> Result<Option<Vec<u8>>, String> {
    let total = file.size();
    let total = (total.is_finite() && total >= 0.0).then_some(total as u64);
    read_stream(&file.stream(), total, progress, go_on)
        .await
        .map_err(|why| crate::tr!(source.file_failed, name = file.name(), why).to_string())
}

/// Reads every chunk of a byte stream into one buffer.
async fn read_stream(
    stream: &ReadableStream,
    total: Option<u64>,
    progress: impl Fn(u64, Option<u64>),
    go_on: impl Fn() -> bool,
) -> Result<Option<Vec<u8>>, String> {
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let cap = total.map_or(0, |t| usize::try_from(t).unwrap_or(0));
    let mut buf: Vec<u8> = Vec::new();
    if buf.try_reserve_exact(cap).is_err() {
        return Err(too_big(total.unwrap_or(0)));
    }
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
        let n = bytes.length() as usize;
        let start = buf.len();
        if buf.try_reserve(n).is_err() {
            return Err(too_big((start + n) as u64));
        }
        buf.resize(start + n, 0);
        bytes.copy_to(&mut buf[start..]);
        progress(buf.len() as u64, total);
    }
    Ok(Some(buf))
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
