//! Light and dark themes (spec/page.md `theme`: `light`, `dark` or `auto`, default `auto` = the
//! browser's preference). The choice is resolved to `data-theme="light|dark"` on `<html>`, where
//! style/theme.css swaps the colour tokens; canvases read the tokens when they draw, so they are
//! asked to repaint ([`crate::state::Dashboard::repaint`]) whenever the resolved theme changes.

use crate::state::Dashboard;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// What the user (or the host) chose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Choice {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Choice {
    pub const ALL: [Choice; 3] = [Choice::Auto, Choice::Light, Choice::Dark];

    /// Parses a `theme` value; anything else is `None` (the caller keeps its current choice).
    pub fn parse(s: &str) -> Option<Choice> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(Choice::Auto),
            "light" => Some(Choice::Light),
            "dark" => Some(Choice::Dark),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Choice::Auto => "auto",
            Choice::Light => "light",
            Choice::Dark => "dark",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Choice::Auto => crate::tr!(theme.auto),
            Choice::Light => crate::tr!(theme.light),
            Choice::Dark => crate::tr!(theme.dark),
        }
    }

    /// The theme shown, given whether the browser prefers dark.
    pub fn resolve(self, prefers_dark: bool) -> &'static str {
        match self {
            Choice::Light => "light",
            Choice::Dark => "dark",
            Choice::Auto if prefers_dark => "dark",
            Choice::Auto => "light",
        }
    }
}

fn dark_query() -> Option<web_sys::MediaQueryList> {
    web_sys::window()?
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
}

/// Applies the theme to `<html>` now and whenever the choice or the browser's preference
/// changes; bumps `repaint` after each change so canvases redraw in the new colours.
pub fn install(dash: Dashboard) {
    let prefers_dark = RwSignal::new(dark_query().is_some_and(|q| q.matches()));
    if let Some(q) = dark_query() {
        let cb = Closure::<dyn FnMut(web_sys::MediaQueryListEvent)>::new(
            move |e: web_sys::MediaQueryListEvent| prefers_dark.set(e.matches()),
        );
        let _ = q.add_event_listener_with_callback("change", cb.as_ref().unchecked_ref());
        // the page lives as long as the document: the listener is never removed
        cb.forget();
    }
    Effect::new(move |prev: Option<&'static str>| {
        let shown = dash.theme.get().resolve(prefers_dark.get());
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", shown);
        }
        // the charts read the new theme's colours at their next draw
        crate::charts::canvas::forget_colours();
        if prev.is_some_and(|p| p != shown) {
            dash.repaint.update(|n| *n = n.wrapping_add(1));
        }
        shown
    });
}

/// Sets the theme and keeps the URL in sync (`auto`, the default, is left out of the URL).
pub fn set(dash: Dashboard, choice: Choice) {
    dash.theme.set(choice);
    let value = (choice != Choice::Auto).then_some(choice.as_str());
    crate::url::write("theme", value);
}

/// The theme switch in the header: a labelled group of three radio-like buttons.
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    use crate::components::switch::{self, Switch};
    let dash = expect_context::<Dashboard>();
    let choices = Choice::ALL
        .into_iter()
        .map(|value| switch::Choice {
            value,
            text: Signal::derive(move || value.label().to_string()),
            lang: None,
        })
        .collect();
    view! {
        <Switch
            label=Signal::derive(move || crate::tr!(theme.label).to_string())
            choices=choices
            current=dash.theme
            on_pick=Callback::new(move |c| set(dash, c))
        />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_values() {
        assert_eq!(Choice::parse(" Dark "), Some(Choice::Dark));
        assert_eq!(Choice::parse("light"), Some(Choice::Light));
        assert_eq!(Choice::parse("auto"), Some(Choice::Auto));
        assert_eq!(Choice::parse("blue"), None);
        for c in Choice::ALL {
            assert_eq!(Choice::parse(c.as_str()), Some(c));
        }
    }

    #[test]
    fn auto_follows_the_browser() {
        assert_eq!(Choice::Auto.resolve(true), "dark");
        assert_eq!(Choice::Auto.resolve(false), "light");
        assert_eq!(Choice::Light.resolve(true), "light");
        assert_eq!(Choice::Dark.resolve(false), "dark");
    }
}
