//! Where the bytes come from: files fetched over HTTP (the sample, or `?data=` URLs).

use crate::engine::FileBytes;
use gloo_net::http::Request;

/// The sample bundle, relative to the page so the page works from any sub-folder.
pub const SAMPLE: &str = "data/sample.json";

/// Fetches every URL; the first failure is the error, in words a partner can act on.
pub async fn fetch_all(urls: &[String]) -> Result<Vec<FileBytes>, String> {
    let mut files = Vec::with_capacity(urls.len());
    for url in urls {
        files.push(fetch(url).await?);
    }
    Ok(files)
}

async fn fetch(url: &str) -> Result<FileBytes, String> {
    let resp = Request::get(url)
        .send()
        .await
        .map_err(|e| format!("could not fetch {url}: {e}"))?;
    if !resp.ok() {
        return Err(format!(
            "could not fetch {url}: the server answered {} {}",
            resp.status(),
            resp.status_text()
        ));
    }
    let bytes = resp
        .binary()
        .await
        .map_err(|e| format!("could not read {url}: {e}"))?;
    Ok(FileBytes {
        name: file_name(url).to_string(),
        bytes,
    })
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
