//! The page's language (spec/page.md `lang`: `en` or `fr`, default the browser's language when it
//! is French, else English). The `lang` URL parameter is the only state: nothing is stored, no
//! cookie is set. UI text comes from locales/*.json through leptos_i18n (the generated `i18n`
//! module below); numbers and dates from the browser's Intl ([`crate::format`]).

use leptos::prelude::*;

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub use i18n::Locale;

/// A text of locales/*.json in the language shown: `tr!(header.as_of)` is a `&'static str`,
/// `tr!(kpi.vs, month = m)` a `Display` (call `.to_string()`). Reactive: inside a closure of a
/// view or a memo, the text follows a change of language.
#[macro_export]
macro_rules! tr {
    ($($t:tt)*) => {
        $crate::locale::i18n::td_string!($crate::locale::current(), $($t)*)
    };
}

thread_local! {
    /// The language shown, for code that runs outside a component (formatting, summaries):
    /// reactive, so text built from it follows a change of language.
    static CURRENT: ArcRwSignal<Locale> = ArcRwSignal::new(Locale::en);
}

/// The language shown (tracked when read inside a reactive closure).
pub fn current() -> Locale {
    CURRENT.with(|s| s.get())
}

/// Sets the language shown (the page follows the `lang` URL parameter; tests call it directly).
pub fn set_current(lang: Locale) {
    CURRENT.with(|s| {
        if s.get_untracked() != lang {
            s.set(lang);
        }
    });
}

/// The `lang` value of a language.
pub fn code(lang: Locale) -> &'static str {
    match lang {
        Locale::en => "en",
        Locale::fr => "fr",
    }
}

/// Parses a `lang` value (`fr`, `FR`, `fr-CA` ...); anything else is `None`.
pub fn parse(value: &str) -> Option<Locale> {
    let v = value.trim().to_ascii_lowercase();
    let primary = v.split(['-', '_']).next().unwrap_or("");
    match primary {
        "en" => Some(Locale::en),
        "fr" => Some(Locale::fr),
        _ => None,
    }
}

/// The browser's language: French when `navigator.language` starts with `fr`, else English.
pub fn browser_default() -> Locale {
    let nav = web_sys::window().map(|w| w.navigator().language());
    match nav.flatten() {
        Some(l) if l.trim().to_ascii_lowercase().starts_with("fr") => Locale::fr,
        _ => Locale::en,
    }
}

/// Makes the language follow the `lang` URL parameter (and so Back/Forward, shared links and a
/// host's `pi:set-state`), falling back to the browser's language; sets `lang` on `<html>`.
/// Call once inside the `<Router>`, before the components that show text.
pub fn install() {
    let param = crate::url::use_param("lang");
    let fallback = browser_default();
    let lang = Memo::new(move |_| {
        param
            .with(|p| p.as_deref().and_then(parse))
            .unwrap_or(fallback)
    });
    let apply = move |l: Locale| {
        set_current(l);
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", code(l));
        }
    };
    apply(lang.get_untracked());
    Effect::new(move |_| apply(lang.get()));
}

/// Switches the language at once and writes it to the URL (whose write is throttled).
pub fn set(lang: Locale) {
    set_current(lang);
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", code(lang));
    }
    crate::url::write("lang", Some(code(lang)));
}

/// The language switch in the header, next to the theme switch: a labelled group of buttons.
#[component]
pub fn LangSwitch() -> impl IntoView {
    use crate::components::switch::{Choice, Switch};
    let choices = [(Locale::en, "English"), (Locale::fr, "Français")]
        .into_iter()
        .map(|(value, name)| Choice {
            value,
            text: Signal::stored(name.to_string()),
            lang: Some(code(value)),
        })
        .collect();
    view! {
        <Switch
            label=Signal::derive(move || crate::tr!(lang.label).to_string())
            class="pi-lang"
            choices=choices
            current=Signal::derive(current)
            on_pick=Callback::new(set)
        />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_values() {
        assert_eq!(parse("fr"), Some(Locale::fr));
        assert_eq!(parse(" FR-ca "), Some(Locale::fr));
        assert_eq!(parse("en-GB"), Some(Locale::en));
        assert_eq!(parse("de"), None);
        assert_eq!(parse(""), None);
        for l in [Locale::en, Locale::fr] {
            assert_eq!(parse(code(l)), Some(l));
        }
    }
}
