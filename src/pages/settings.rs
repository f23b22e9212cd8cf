//! `/settings`: which API and sign-in server the console uses, who is signed in and until
//! when; sign in, sign out, switch owner account, paste an access token, point this tab at
//! another API.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::use_api;
use crate::auth;
use crate::components::language_switch::LanguageSwitch;
use crate::components::loaded::Loaded;
use crate::components::owner_switcher::{use_owners, CurrentOwner};
use crate::config::Config;
use crate::i18n::{code_of, intl, t, t_string, use_i18n};
use crate::logic::routes;

fn reload_at(path: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().assign(path);
    }
}

/// The owner accounts the admin may manage, each a link to its lock groups, the current
/// one marked.
#[component]
fn OwnerAccounts() -> impl IntoView {
    let owners = use_owners();
    let current = expect_context::<CurrentOwner>().0;
    let i18n = use_i18n();
    view! {
        <h2>{t!(i18n, settings.owner_heading)}</h2>
        <p>{t!(i18n, settings.owner_intro)}</p>
        <Loaded
            resource=owners
            what=move || t_string!(i18n, settings.owners_failed)
            fallback=move || view! { <p>{t!(i18n, settings.owners_loading)}</p> }
            let:list
        >
            <ul aria-label=move || t_string!(i18n, settings.owners)>
                {list.into_iter().map(|o| {
                    let id = o.id.clone();
                    let is_current = Memo::new(move |_| current.get().as_deref() == Some(id.as_str()));
                    view! {
                        <li>
                            <A href=routes::lock_groups(&o.id)
                                attr:aria-current=move || is_current.get().then_some("true")>
                                {o.name}
                            </A>
                            {move || is_current.get().then(|| t_string!(i18n, settings.current))}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </Loaded>
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let api = use_api();
    let token = api.token();
    let config = use_context::<Config>();
    let sign_in_config = config.as_ref().and_then(|c| c.sign_in.clone());
    let i18n = use_i18n();
    let sign_in_server = sign_in_config.as_ref().map(|s| s.authorize_url.clone());
    let sign_in_server = move || {
        sign_in_server
            .clone()
            .unwrap_or_else(|| t_string!(i18n, settings.not_configured).to_string())
    };
    let sandbox = config.as_ref().is_some_and(|c| c.sandbox);
    let dev_token = config.as_ref().and_then(|c| c.dev_token.clone());

    // Who is signed in, and until when: re-read whenever the token changes (renewals).
    let status = move || {
        let current = token.get();
        match (auth::session(), current) {
            (Some(s), Some(t)) if s.access_token == t && s.expires_at > 0 => {
                let scopes = if s.scope.is_empty() {
                    t_string!(i18n, settings.no_scopes).to_string()
                } else {
                    t_string!(i18n, settings.scopes, scopes = s.scope.clone()).to_string()
                };
                let until = intl::date_time(code_of(i18n), s.expires_at);
                t_string!(i18n, settings.signed_in_until, scopes, until).to_string()
            }
            (Some(_), Some(_)) => t_string!(i18n, settings.pasted).to_string(),
            (_, Some(t)) if Some(&t) == dev_token.as_ref() => {
                t_string!(i18n, settings.dev_token).to_string()
            }
            (_, Some(_)) => t_string!(i18n, settings.signed_in).to_string(),
            (_, None) => t_string!(i18n, settings.not_signed_in).to_string(),
        }
    };

    let start_sign_in = sign_in_config.clone().map(|config| {
        move |_| {
            let config = config.clone();
            leptos::task::spawn_local(async move {
                if let Err(e) = auth::sign_in(&config, "/").await {
                    leptos::logging::error!("{e}");
                }
            });
        }
    });

    let sign_out = move |_| {
        auth::sign_out(token);
        // Start again from the top: without a token the console asks to sign in.
        reload_at("/");
    };

    let pasted = RwSignal::new(String::new());
    let use_token = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = pasted.get_untracked().trim().to_string();
        if !value.is_empty() {
            auth::use_pasted(token, value);
            pasted.set(String::new());
        }
    };

    let base = RwSignal::new(api.base_url().to_string());
    let use_base = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = base.get_untracked().trim().to_string();
        if !value.is_empty() {
            auth::set(auth::API_BASE, &value);
            reload_at("/settings");
        }
    };
    let reset_base = move |_| {
        auth::remove(auth::API_BASE);
        reload_at("/settings");
    };

    // One of Sign in and Sign out, never both: with a token in use (signed in, pasted, or
    // the sandbox's developer token) the way out; without one, the way in.
    let signed_in = move || token.with(Option::is_some);
    let sign_button = move || {
        if signed_in() {
            Some(view! { <button type="button" on:click=sign_out>{t!(i18n, settings.sign_out)}</button> }.into_any())
        } else {
            start_sign_in.clone().map(|go| {
                view! { <button type="button" class="primary" on:click=go>{t!(i18n, settings.sign_in)}</button> }
                    .into_any()
            })
        }
    };

    view! {
        <h1>{t!(i18n, settings.heading)}</h1>
        <section class="settings-section" aria-labelledby="language-title">
            <h2 id="language-title">{t!(i18n, settings.language_heading)}</h2>
            <p>{t!(i18n, settings.language_help)}</p>
            <LanguageSwitch id="settings-language"/>
        </section>
        <section class="settings-section" aria-labelledby="session-title">
            <h2 id="session-title">{t!(i18n, settings.session)}</h2>
            <p role="status">{status}</p>
            <p>{sign_button}</p>
        </section>
        <OwnerAccounts/>
        // What only an integrator or a support call needs, folded away.
        <details class="advanced">
            <summary>{t!(i18n, settings.advanced)}</summary>
            <dl class="facts">
                <dt>{t!(i18n, settings.api)}</dt>
                <dd><code>{api.base_url().to_string()}</code></dd>
                <dt>{t!(i18n, settings.sandbox)}</dt>
                <dd>{move || if sandbox {
                    t_string!(i18n, settings.sandbox_yes)
                } else {
                    t_string!(i18n, settings.sandbox_no)
                }}</dd>
                <dt>{t!(i18n, settings.sign_in_server)}</dt>
                <dd><code>{sign_in_server}</code></dd>
            </dl>
            <h3>{t!(i18n, settings.token_heading)}</h3>
            <form on:submit=use_token>
                <div class="field">
                    <label for="pasted-token">{t!(i18n, settings.token)}</label>
                    <input id="pasted-token" type="password" autocomplete="off"
                        prop:value=move || pasted.get()
                        on:input=move |ev| pasted.set(event_target_value(&ev))/>
                </div>
                <button type="submit">{t!(i18n, settings.use_token)}</button>
            </form>
            <h3>{t!(i18n, settings.base_heading)}</h3>
            <form on:submit=use_base>
                <div class="field">
                    <label for="api-base">{t!(i18n, settings.base)}</label>
                    <input id="api-base" type="url"
                        prop:value=move || base.get()
                        on:input=move |ev| base.set(event_target_value(&ev))/>
                </div>
                <button type="submit">{t!(i18n, settings.use_base)}</button>
                " "
                <button type="button" on:click=reset_base>{t!(i18n, settings.reset_base)}</button>
            </form>
        </details>
    }
}
