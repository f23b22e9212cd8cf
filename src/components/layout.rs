//! The frame of every page: header (product, owner switcher, navigation) and footer.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::use_api;
use crate::components::language_switch::LanguageSwitch;
use crate::components::owner_switcher::{CurrentOwner, OwnerSwitcher};
use crate::config::Config;
use crate::i18n::{t, t_string, use_i18n};
use crate::logic::routes;

#[component]
pub fn Header() -> impl IntoView {
    // The owner's lists, once an owner is chosen; the current one is marked by the
    // router (`aria-current="page"`, bold).
    let owner = expect_context::<CurrentOwner>().0;
    let i18n = use_i18n();
    let lists = move || {
        owner.get().map(|o| {
            view! {
                <A href=routes::lock_groups(&o)>{t!(i18n, shell.lock_groups)}</A>
                <A href=routes::locks(&o)>{t!(i18n, shell.locks)}</A>
                <A href=routes::people(&o)>{t!(i18n, shell.people)}</A>
            }
        })
    };
    view! {
        <header class="app-header">
            <a class="brand" href="/">{t!(i18n, shell.brand)}</a>
            <OwnerSwitcher/>
            <nav aria-label=move || t_string!(i18n, shell.main_nav)>
                {lists}
                <A href="/settings">{t!(i18n, shell.settings)}</A>
            </nav>
            <LanguageSwitch id="language"/>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let api = use_api();
    let sandbox = use_context::<Config>().is_some_and(|c| c.sandbox);
    let base = api.base_url().to_string();
    let i18n = use_i18n();
    view! {
        <footer class="app-footer">
            <p>
                {t!(i18n, shell.api)} <code>{base}</code>
                {sandbox.then(|| view! { " " <span class="badge">{t!(i18n, shell.sandbox)}</span> })}
            </p>
        </footer>
    }
}
