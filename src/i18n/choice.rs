//! The language on first visit and after: the choice remembered in localStorage, else the
//! browser's `navigator.languages` (German for `de*` first, else English); the rule itself is
//! `logic::language::pick`, tested there.

use crate::i18n::Locale;
use crate::logic::language;

/// localStorage key of the admin's choice (beside `lga.owner`).
const KEY: &str = "lga.language";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The browser's preferred languages, best first.
fn preferred() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let list: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|l| l.as_string())
        .collect();
    if list.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        list
    }
}

fn locale(code: &str) -> Locale {
    match code {
        "de" => Locale::de,
        _ => Locale::en,
    }
}

/// The language to start in.
pub fn initial() -> Locale {
    let stored = storage().and_then(|s| s.get_item(KEY).ok().flatten());
    let preferred = preferred();
    locale(language::pick(
        stored.as_deref(),
        preferred.iter().map(String::as_str),
    ))
}

/// Remembers the admin's choice for the next visit.
pub fn remember(code: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(KEY, code);
    }
}

/// The language a `<select>` value names.
pub fn from_code(code: &str) -> Locale {
    locale(language::supported(code).unwrap_or("en"))
}

/// Provides the language context, started in [`initial`], with `<html lang>` set.
pub fn provide() {
    use leptos::prelude::{provide_context, Signal};
    let start = initial();
    let i18n = leptos_i18n::context::init_i18n_subcontext::<Locale>(Some(Signal::stored(start)));
    provide_context(i18n);
    show(start);
}

/// `<html lang>` for the language shown (screen readers' voice, the browser's hyphenation).
pub fn show(locale: Locale) {
    use leptos_i18n::Locale as _;
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("lang", locale.as_str());
    }
}
