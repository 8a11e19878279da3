//! The adoption view's URL parameters (spec/page.md): `view=adoption` and `customer=<id>`.
//! Written with `history.replaceState`, like the range, so a copied link reproduces the view.

use crate::state::{Dashboard, View};
use crate::url::write;
use leptos::prelude::*;

fn params() -> Option<web_sys::UrlSearchParams> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()
}

/// Parses the `view` parameter: `adoption`, else the default view.
pub fn parse_view(v: Option<&str>) -> View {
    match v.map(str::trim) {
        Some(v) if v.eq_ignore_ascii_case("adoption") => View::Adoption,
        _ => View::Customers,
    }
}

/// Applies the URL's `view` to the page state.
pub fn restore(dash: Dashboard) {
    let v = params().and_then(|q| q.get("view"));
    dash.view.set(parse_view(v.as_deref()));
}

/// The customer named by the URL, if any.
pub fn customer() -> Option<String> {
    params()
        .and_then(|q| q.get("customer"))
        .filter(|s| !s.trim().is_empty())
}

/// Switches the view and keeps the URL in sync (the customer belongs to the adoption view).
pub fn set_view(dash: Dashboard, v: View) {
    dash.view.set(v);
    match v {
        View::Adoption => write("view", Some("adoption")),
        View::Customers => {
            write("view", None);
            write("customer", None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_adoption_selects_the_adoption_view() {
        assert_eq!(parse_view(Some("adoption")), View::Adoption);
        assert_eq!(parse_view(Some(" Adoption ")), View::Adoption);
        assert_eq!(parse_view(Some("customers")), View::Customers);
        assert_eq!(parse_view(Some("x")), View::Customers);
        assert_eq!(parse_view(None), View::Customers);
    }
}
