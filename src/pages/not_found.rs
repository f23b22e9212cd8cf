//! Any URL the console does not know.

use leptos::prelude::*;

use crate::i18n::{t, use_i18n};

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, not_found.heading)}</h1>
        <p>{t!(i18n, not_found.text)} <a href="/">{t!(i18n, not_found.home)}</a></p>
    }
}
