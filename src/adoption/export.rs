//! "Export CSV": the engine's adoption CSV (the same bytes as `insights export-adoption`),
//! downloaded as a file named with the as-of date.

use leptos::prelude::*;
use metrics::export::{adoption_csv, file_name, CsvOptions};
use metrics::Report;
use std::sync::Arc;
use wasm_bindgen::JsCast;

fn download(name: &str, bytes: &[u8]) -> Option<()> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let props = web_sys::BlobPropertyBag::new();
    props.set_type("text/csv;charset=utf-8");
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &props).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let a: web_sys::HtmlAnchorElement = web_sys::window()?
        .document()?
        .create_element("a")
        .ok()?
        .dyn_into()
        .ok()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(5),
    );
    Some(())
}

#[component]
pub fn ExportCsv(#[prop(into)] report: Signal<Option<Arc<Report>>>) -> impl IntoView {
    let european = RwSignal::new(false);
    let on_export = move |_| {
        let opts = if european.get_untracked() {
            CsvOptions::european()
        } else {
            CsvOptions::default()
        };
        report.with_untracked(|r| {
            if let Some(r) = r {
                if let Some(bytes) = adoption_csv(r, opts) {
                    download(&file_name(r.as_of), &bytes);
                }
            }
        });
    };
    view! {
        <div class="pi-export">
            <label class="pi-field">
                <span class="pi-field__label">{crate::tr!(export.separator)}</span>
                <select class="pi-select" on:change=move |e| european.set(event_target_value(&e) == ";")>
                    <option value="," selected=true>{crate::tr!(export.comma)}</option>
                    <option value=";">{crate::tr!(export.semicolon)}</option>
                </select>
            </label>
            <button
                class="pi-button"
                type="button"
                data-testid="export-csv"
                disabled=move || report.with(|r| r.as_ref().is_none_or(|r| r.adoption.is_none()))
                on:click=on_export
            >
                {crate::tr!(export.button)}
            </button>
        </div>
    }
}
