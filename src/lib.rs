//! Partner Insights: the Partner Center customers dashboard as a static Leptos page.
//!
//! Data flows one way: bytes ([`source`]) -> the engine handle ([`engine`], which calls
//! `metrics::load` and `metrics::report`) -> a [`metrics::Report`] -> components render it. The UI
//! computes no metric: [`present`] only turns report values into display text.

pub mod adoption;
pub mod app;
pub mod charts;
pub mod components;
pub mod crash;
pub mod embed;
pub mod engine;
pub mod filters;
pub mod format;
pub mod geo;
pub mod loading;
pub mod locale;
pub mod present;
pub mod source;
pub mod state;
pub mod theme;
pub mod url;

/// Mounts the app on `<body>`.
pub fn mount() {
    crash::install();
    leptos::mount::mount_to_body(app::Page);
}
