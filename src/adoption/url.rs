//! The adoption view's URL parameters (spec/page.md): `view=adoption` and `customer=<id>`.
//! Read from the router's query map (src/url.rs), written through `crate::url`.

use crate::state::{Dashboard, View};
use crate::url::write;
use leptos::prelude::*;

/// Parses the `view` parameter: `adoption`, else the default view.
pub fn parse_view(v: Option<&str>) -> View {
    match v.map(str::trim) {
        Some(v) if v.eq_ignore_ascii_case("adoption") => View::Adoption,
        _ => View::Customers,
    }
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
