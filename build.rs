//! Reads the route table (src/pages/routes.json, also read by tools/split_wasm and
//! scripts/size-report) and writes its Rust side: `route_path!(name)`, each route's
//! `path!` (a tab's relative to its parent's), and `splits`, the split points it names, so
//! a route's split point missing from the table does not compile. And the translations
//! (locales/*.json) as typed keys, `src/i18n/keys.rs` includes them: a key used in the code
//! but missing from English does not compile (`scripts/check-translations` checks the rest).

use std::{env, fmt::Write, fs, path::Path};

fn main() {
    routes();
    translations();
}

/// leptos_i18n's code generation: English is the default, German the other language.
fn translations() {
    use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
    // `interpolate_display`: `t_string!` with values, for attributes and composed text.
    let config = Config::new("en")
        .and_then(|c| c.add_locale("de"))
        .expect("the locales")
        .parse_options(ParseOptions::new().interpolate_display(true));
    let infos = TranslationsInfos::parse(config).expect("locales/*.json read");
    infos.rerun_if_locales_changed();
    infos.emit_diagnostics();
    let dir = Path::new(&env::var("OUT_DIR").unwrap()).join("i18n");
    infos
        .generate_i18n_module(dir)
        .expect("the i18n module written");
}

fn routes() {
    let table = "src/pages/routes.json";
    println!("cargo:rerun-if-changed={table}");
    let text = fs::read_to_string(table).expect("src/pages/routes.json");
    let json: serde_json::Value = serde_json::from_str(&text).expect("routes.json is JSON");
    let routes = json["routes"].as_array().expect("routes.json has `routes`");

    let mut paths = String::new();
    let mut splits = std::collections::BTreeSet::new();
    for route in routes {
        let name = route["name"].as_str().expect("a route's `name`");
        let path = route["path"].as_str().expect("a route's `path`");
        writeln!(
            paths,
            "    ({name}) => {{ ::leptos_router::path!({path:?}) }};"
        )
        .unwrap();
        for split in route["splits"].as_array().expect("a route's `splits`") {
            splits.insert(split.as_str().expect("a split point's name").to_string());
        }
    }
    let mut out = String::new();
    writeln!(
        out,
        "/// The path of a route of src/pages/routes.json, by its name."
    )
    .unwrap();
    writeln!(out, "macro_rules! route_path {{\n{paths}}}").unwrap();
    writeln!(out, "/// The split points the route table names.").unwrap();
    writeln!(
        out,
        "#[allow(non_upper_case_globals, dead_code)]\npub mod splits {{"
    )
    .unwrap();
    for split in splits {
        writeln!(out, "    pub const {split}: () = ();").unwrap();
    }
    writeln!(out, "}}").unwrap();
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("route_table.rs");
    fs::write(dest, out).unwrap();
}
