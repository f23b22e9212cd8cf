//! The app: loads `config.json`, provides the API client, and routes.

use leptos::prelude::*;
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path, Lazy,
};
use wasm_bindgen::JsCast;

use crate::api::ApiClient;
use crate::auth;
use crate::components::announcer::{Announcer, AnnouncerRegion};
use crate::components::focus_keeper::FocusKeeper;
use crate::components::layout::{Footer, Header};
use crate::components::owner_switcher::{CurrentOwner, Owners};
use crate::config::{Config, ConfigError};
use crate::i18n::I18n;
use crate::i18n::{t, t_string, use_i18n};
use crate::logic::auth::{SignInError, TokenError};
use crate::pages::route_table::route_path;
use crate::pages::routes::{
    DiagramRoute, GrantsRoute, HistoryRoute, LockGroupRoute, LockGroupsRoute, LockRoute,
    LocksRoute, MembersRoute, OverviewRoute, PeopleRoute, PersonRoute, SettingsRoute,
};
use crate::pages::{home::Home, not_found::NotFound};

/// What failed before the console could mount: the sign-in, or the config.
enum BootFailure {
    SignIn(SignInError),
    Start(ConfigError),
}

impl BootFailure {
    /// The boot error screen's heading.
    fn title(&self, i18n: I18n) -> String {
        match self {
            BootFailure::SignIn(_) => t_string!(i18n, boot.sign_in_failed).to_string(),
            BootFailure::Start(_) => t_string!(i18n, boot.could_not_start).to_string(),
        }
    }

    /// What went wrong: the console's own words in the language, the other's text as sent.
    fn message(&self, i18n: I18n) -> String {
        let url = Config::URL;
        match self {
            BootFailure::SignIn(e) => sign_in_error(i18n, e),
            BootFailure::Start(e) => match e.clone() {
                ConfigError::Invalid(cause) => t_string!(i18n, boot.invalid, cause).to_string(),
                ConfigError::NoApiBase => t_string!(i18n, boot.no_api_base).to_string(),
                ConfigError::Unreachable(cause) => {
                    t_string!(i18n, boot.unreachable, url, cause).to_string()
                }
                ConfigError::Http(status) => t_string!(i18n, boot.http, url, status).to_string(),
                ConfigError::Unreadable(cause) => {
                    t_string!(i18n, boot.unreadable, url, cause).to_string()
                }
            },
        }
    }
}

/// Why the sign-in did not complete, in the language; the sign-in server's own text as sent.
fn sign_in_error(i18n: I18n, e: &SignInError) -> String {
    match e.clone() {
        SignInError::NotStarted => t_string!(i18n, sign_in.not_started).to_string(),
        SignInError::StateMismatch => t_string!(i18n, sign_in.state_mismatch).to_string(),
        SignInError::NotCompleted(why) => t_string!(i18n, sign_in.not_completed, why).to_string(),
        SignInError::NoCode => t_string!(i18n, sign_in.no_code).to_string(),
        SignInError::Token(e) => {
            let cause = match e {
                TokenError::Unreachable(cause) => {
                    t_string!(i18n, sign_in.unreachable, cause).to_string()
                }
                TokenError::Status(status) => t_string!(i18n, sign_in.status, status).to_string(),
                TokenError::Said(text) => text,
                TokenError::NoAccessToken => t_string!(i18n, sign_in.no_access_token).to_string(),
            };
            t_string!(i18n, sign_in.failed, cause).to_string()
        }
    }
}

/// Loads `config.json`, then mounts the console (or a clear error) on `<body>`.
///
/// The config is loaded before mounting rather than under a `<Suspense>`: a root
/// Suspense would also catch every resource read below it and blank the whole page
/// each time one reloads.
pub async fn start() {
    let booted = match Config::load().await {
        Ok(config) => {
            // Back from the sign-in server: finish signing in before anything routes.
            let callback = config.sign_in.as_ref().filter(|s| auth::is_callback(s));
            let signed_in = match callback {
                Some(sign_in) => auth::complete(sign_in).await,
                None => Ok(()),
            };
            signed_in.map(|()| config).map_err(BootFailure::SignIn)
        }
        Err(e) => Err(BootFailure::Start(e)),
    };
    if let Some(status) = document().get_element_by_id("boot-status") {
        status.remove();
    }
    match booted {
        Ok(config) => leptos::mount::mount_to_body(move || view! { <App config/> }),
        Err(failure) => leptos::mount::mount_to_body(move || {
            // The language as the console would start in (no App, so no switch here).
            crate::i18n::choice::provide();
            let i18n = use_i18n();
            let failure = StoredValue::new_local(failure);
            let title = move || failure.with_value(|f| f.title(i18n));
            let message = move || failure.with_value(|f| f.message(i18n));
            view! {
                <main class="boot">
                    <h1>{title}</h1>
                    <p role="alert">{message}</p>
                    <p><a href="/">{t!(i18n, boot.back)}</a></p>
                </main>
            }
        }),
    }
}

/// The skip link moves focus into `<main>` itself: the router would otherwise take the
/// `#main` link as a navigation and leave focus in the header.
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    if let Some(main) = document()
        .get_element_by_id("main")
        .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = main.focus();
    }
}

/// The page frame around every route, with the config-dependent contexts.
#[component]
pub fn App(config: Config) -> impl IntoView {
    // A base URL chosen on the settings page (this tab only) wins over config.json's.
    let base = auth::get(auth::API_BASE).unwrap_or_else(|| config.api_base().to_string());
    let api = ApiClient::new(&base, auth::initial_token(config.dev_token.as_deref()))
        .with_sign_in(config.sign_in.clone());
    if let (Some(sign_in), Some(session)) = (&config.sign_in, auth::session()) {
        auth::schedule(sign_in, api.token(), &session);
    }
    provide_context(api);
    provide_context(Announcer::new());
    provide_context(Owners::load());
    provide_context(config);
    crate::i18n::choice::provide();
    view! { <Router><Shell/></Router> }
}

/// Everything inside the router: the contexts that follow the address, and the frame.
#[component]
fn Shell() -> impl IntoView {
    provide_context(CurrentOwner::follow_address());
    let i18n = use_i18n();
    view! {
            <a class="skip-link" href="#main" on:click=skip_to_main>{t!(i18n, shell.skip)}</a>
            <Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=Home/>
                    <Route path=route_path!(list) view={Lazy::<LockGroupsRoute>::new()}/>
                    <ParentRoute path=route_path!(group) view={Lazy::<LockGroupRoute>::new()}>
                        <Route path=path!("") view={Lazy::<OverviewRoute>::new()}/>
                        <Route path=route_path!(members) view={Lazy::<MembersRoute>::new()}/>
                        <Route path=route_path!(grants) view={Lazy::<GrantsRoute>::new()}/>
                        <Route path=route_path!(diagram) view={Lazy::<DiagramRoute>::new()}/>
                        <Route path=route_path!(history) view={Lazy::<HistoryRoute>::new()}/>
                    </ParentRoute>
                    <Route path=route_path!(locks) view={Lazy::<LocksRoute>::new()}/>
                    <Route path=route_path!(lock) view={Lazy::<LockRoute>::new()}/>
                    <Route path=route_path!(people) view={Lazy::<PeopleRoute>::new()}/>
                    <Route path=route_path!(person) view={Lazy::<PersonRoute>::new()}/>
                    <Route path=route_path!(settings) view={Lazy::<SettingsRoute>::new()}/>
                </Routes>
            </main>
            <Footer/>
            <AnnouncerRegion/>
            <FocusKeeper/>
    }
}
