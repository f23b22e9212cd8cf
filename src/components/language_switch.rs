//! The language switch: a native `<select>` in the header and in Settings. Choosing changes
//! every word at once (the keys are signals), keeps what is on screen (no reload, nothing
//! re-mounted but text), remembers the choice, and `<html lang>` follows (the provider).

use leptos::prelude::*;

use crate::components::announcer::use_announcer;
use crate::i18n::{choice, code_of, t, t_string, use_i18n};

/// The languages by their own names, each marked with its `lang`, so a screen reader
/// says "Deutsch" in German.
const NAMES: [(&str, &str); 2] = [("en", "English"), ("de", "Deutsch")];

#[component]
pub fn LanguageSwitch(
    /// The select's id (the header's and Settings' are on one page).
    id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let announcer = use_announcer();
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let locale = choice::from_code(&value);
        choice::remember(&value);
        i18n.set_locale(locale);
        choice::show(locale);
        announcer.say(t_string!(i18n, language.switched));
    };
    view! {
        <span class="language-switch">
            <label for=id>{t!(i18n, language.label)}</label>
            <select id=id on:change=on_change>
                {NAMES
                    .map(|(value, name)| view! {
                        <option value=value lang=value selected=move || code_of(i18n) == value>{name}</option>
                    })}
            </select>
        </span>
    }
}
