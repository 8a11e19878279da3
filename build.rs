//! Generates the `i18n` module (the `Locale` enum and the translation keys) from locales/*.json.

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::path::PathBuf;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        panic!("OUT_DIR is not set: build.rs runs under cargo");
    };
    let cfg = Config::new("en")
        .and_then(|c| c.add_locale("fr"))
        // texts with values are plain strings for attributes and summaries (`tr!` in locale.rs)
        .map(|c| c.parse_options(ParseOptions::new().interpolate_display(true)))
        .unwrap_or_else(|e| panic!("locales config: {e}"));
    let infos = TranslationsInfos::parse(cfg).unwrap_or_else(|e| panic!("locales/*.json: {e}"));
    infos.rerun_if_locales_changed();
    infos.emit_diagnostics();
    infos
        .generate_i18n_module(PathBuf::from(out_dir).join("i18n"))
        .unwrap_or_else(|e| panic!("i18n module: {e}"));
}
