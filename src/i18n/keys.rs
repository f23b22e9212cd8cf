//! The translations as typed keys: the `i18n` module leptos_i18n generates from
//! `locales/*.json` (see `build.rs`). A key the code uses that English lacks does not compile.

// The generated module re-exports every macro and provider; the console uses a few.
#[allow(unused_imports, dead_code, clippy::all)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
}
pub use generated::i18n;
