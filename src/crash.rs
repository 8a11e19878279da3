//! A panic shows a banner ("Something went wrong — reload") instead of leaving a dead page. The
//! hook chains the one that logs the panic to the console (`console_error_panic_hook`). The
//! banner is built with plain DOM calls and fixed text (the panic message goes to the console,
//! never into the page).

use std::sync::Once;
use wasm_bindgen::JsCast;

/// The id of the banner, so a second panic does not add a second one.
pub const BANNER_ID: &str = "pi-crash";

/// Installs the console hook, then chains the banner after it (once).
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        console_error_panic_hook::set_once();
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            previous(info);
            show_banner();
        }));
    });
}

/// Puts the banner at the top of the page (no-op when it is already there or there is no DOM).
pub fn show_banner() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.get_element_by_id(BANNER_ID).is_some() {
        return;
    }
    let Some(body) = doc.body() else { return };
    let Ok(banner) = doc.create_element("div") else {
        return;
    };
    // the language from `<html lang>`, not from the reactive state a panic may have left midway
    let lang = doc
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|l| crate::locale::parse(&l))
        .unwrap_or(crate::locale::Locale::en);
    banner.set_id(BANNER_ID);
    banner.set_class_name("pi-crash");
    let _ = banner.set_attribute("role", "alert");
    if let Ok(text) = doc.create_element("p") {
        text.set_text_content(Some(crate::locale::i18n::td_string!(lang, crash.text)));
        let _ = banner.append_child(&text);
    }
    if let Ok(button) = doc.create_element("button") {
        let _ = button.set_attribute("type", "button");
        button.set_class_name("pi-load-btn pi-load-btn--primary");
        button.set_text_content(Some(crate::locale::i18n::td_string!(lang, crash.reload)));
        let reload = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        let _ = button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
        reload.forget();
        let _ = banner.append_child(&button);
    }
    let _ = body.prepend_with_node_1(&banner);
}
