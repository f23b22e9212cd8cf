//! Sign-in, browser side: PKCE randomness and SHA-256 from Web Crypto, the session in
//! `sessionStorage` (never `localStorage`), the token endpoint, renewal before expiry,
//! and the way back to the sign-in page. The formatting is in [`crate::logic::auth`].
//!
//! Which token the console uses: the signed-in session (this tab's `sessionStorage`),
//! else `config.json`'s `devToken` unless the admin signed out in this tab, else none
//! (the first API call answers 401 and the admin is sent to sign in).

use std::cell::Cell;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::config::SignIn;
use crate::logic::api_error::read_error_text;
use crate::logic::auth::{self as pure, Pending, Session, SignInError, TokenError};

const SESSION: &str = "lga.session";
const PENDING: &str = "lga.pending";
const SIGNED_OUT: &str = "lga.signed-out";
/// An API base URL chosen on the settings page for this browser session.
pub const API_BASE: &str = "lga.api-base";

thread_local! {
    /// A renewal is under way (refresh tokens rotate: only one may be spent at a time).
    static RENEWING: Cell<bool> = const { Cell::new(false) };
    /// Bumped by every (re)scheduled renewal and by sign-out; stale timers do nothing.
    static GENERATION: Cell<u32> = const { Cell::new(0) };
    /// The page is on its way to the sign-in server.
    static LEAVING: Cell<bool> = const { Cell::new(false) };
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

pub fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

pub fn set(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// The signed-in (or pasted-token) session of this tab.
pub fn session() -> Option<Session> {
    Session::decode(&get(SESSION)?)
}

fn save(session: &Session) {
    set(SESSION, &session.encode());
    remove(SIGNED_OUT);
}

/// The token to start with: session, else the dev token (unless signed out), else none.
pub fn initial_token(dev_token: Option<&str>) -> Option<String> {
    session().map(|s| s.access_token).or_else(|| {
        get(SIGNED_OUT)
            .is_none()
            .then(|| dev_token.map(str::to_string))
            .flatten()
    })
}

fn now() -> i64 {
    js_sys::Date::now() as i64
}

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

fn origin() -> String {
    location().and_then(|l| l.origin().ok()).unwrap_or_default()
}

/// The path and query the browser is at.
pub fn here() -> String {
    location()
        .map(|l| {
            format!(
                "{}{}",
                l.pathname().unwrap_or_default(),
                l.search().unwrap_or_default()
            )
        })
        .unwrap_or_else(|| "/".into())
}

/// Replaces the current history entry's URL (nothing is added to the history).
fn replace_url(url: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(url));
    }
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

async fn sha256(data: &[u8]) -> Result<Vec<u8>, JsValue> {
    let crypto = web_sys::window().ok_or(JsValue::NULL)?.crypto()?;
    let digest = crypto
        .subtle()
        .digest_with_str_and_u8_array("SHA-256", data)?;
    Ok(js_sys::Uint8Array::new(&JsFuture::from(digest).await?).to_vec())
}

/// Leaves for the sign-in page; the admin comes back to `return_to` (path and query).
pub async fn sign_in(sign_in: &SignIn, return_to: &str) -> Result<(), String> {
    let fail =
        |_: JsValue| "Sign-in could not start: this browser offers no Web Crypto.".to_string();
    let window = web_sys::window().ok_or("no window")?;
    let mut random = [0u8; 48];
    window
        .crypto()
        .map_err(fail)?
        .get_random_values_with_u8_array(&mut random)
        .map_err(fail)?;
    let verifier = pure::base64url(&random[..32]);
    let state = pure::base64url(&random[32..]);
    let challenge = pure::base64url(&sha256(verifier.as_bytes()).await.map_err(fail)?);
    let pending = Pending {
        state,
        verifier,
        return_to: pure::safe_return(return_to).to_string(),
    };
    set(PENDING, &pending.encode());
    let url = pure::authorize_url(sign_in, &origin(), &pending.state, &challenge);
    window.location().assign(&url).map_err(fail)
}

/// After an unrecoverable 401: forgets the session and goes to sign in, to come back here.
/// Not from the settings page, which offers signing in and pasting a token itself.
pub fn go_sign_in(config: &SignIn) {
    remove(SESSION);
    if here().starts_with("/settings") || LEAVING.replace(true) {
        return;
    }
    let config = config.clone();
    leptos::task::spawn_local(async move {
        if let Err(e) = sign_in(&config, &here()).await {
            LEAVING.set(false);
            leptos::logging::error!("{e}");
        }
    });
}

/// Whether this page is the sign-in callback (`redirectUri`).
pub fn is_callback(config: &SignIn) -> bool {
    let here = location()
        .and_then(|l| l.pathname().ok())
        .unwrap_or_default();
    pure::absolute(&origin(), &config.redirect_uri) == format!("{}{here}", origin())
}

/// Completes a sign-in on the callback page: checks `state`, redeems the code, keeps the
/// tokens, and replaces the address (no code or state stays in it or in the history)
/// with the page the admin started from. `Err` says why, for the boot error screen.
pub async fn complete(config: &SignIn) -> Result<(), SignInError> {
    let query = location().and_then(|l| l.search().ok()).unwrap_or_default();
    let pending = get(PENDING).and_then(|t| Pending::decode(&t));
    remove(PENDING);
    replace_url(
        &location()
            .and_then(|l| l.pathname().ok())
            .unwrap_or_default(),
    );
    let code = pure::parse_callback(&query, pending.as_ref())?;
    let Some(pending) = pending else {
        return Err(SignInError::NotStarted);
    };
    let redirect_uri = pure::absolute(&origin(), &config.redirect_uri);
    let body = pure::form(&[
        ("grant_type", "authorization_code"),
        ("code", &code),
        ("redirect_uri", &redirect_uri),
        ("client_id", &config.client_id),
        ("code_verifier", &pending.verifier),
    ]);
    token_request(config, body)
        .await
        .map_err(SignInError::Token)?;
    replace_url(pure::safe_return(&pending.return_to));
    Ok(())
}

async fn token_request(config: &SignIn, body: String) -> Result<Session, TokenError> {
    let url = pure::absolute(&origin(), &config.token_url);
    let response = gloo_net::http::Request::post(&url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .body(body)
        .map_err(|e| TokenError::Said(e.to_string()))?
        .send()
        .await
        .map_err(|e| TokenError::Unreachable(e.to_string()))?;
    let text = response.text().await.unwrap_or_default();
    if !response.ok() {
        return Err(
            read_error_text(&text).map_or(TokenError::Status(response.status()), TokenError::Said)
        );
    }
    let session = Session::from_token_json(&text, now())?;
    save(&session);
    Ok(session)
}

/// Spends the refresh token once (one renewal at a time); true when `token` holds a new
/// access token.
async fn renew(config: &SignIn, token: RwSignal<Option<String>>) -> bool {
    let Some(refresh) = session().and_then(|s| s.refresh_token) else {
        return false;
    };
    RENEWING.set(true);
    let body = pure::form(&[
        ("grant_type", "refresh_token"),
        ("refresh_token", &refresh),
        ("client_id", &config.client_id),
    ]);
    let result = token_request(config, body).await;
    RENEWING.set(false);
    match result {
        Ok(session) => {
            token.set(Some(session.access_token.clone()));
            schedule(config, token, &session);
            true
        }
        Err(e) => {
            leptos::logging::warn!("token renewal failed: {e:?}");
            false
        }
    }
}

/// After a 401 for a request sent with `used`: true when there is a new token to retry
/// with (renewed here, or meanwhile by a timer or another request).
pub async fn renew_after_401(
    config: &SignIn,
    token: RwSignal<Option<String>>,
    used: Option<&str>,
) -> bool {
    while RENEWING.get() {
        sleep(50).await;
    }
    let current = token.get_untracked();
    if current.is_some() && current.as_deref() != used {
        return true;
    }
    renew(config, token).await
}

/// Renews the session's access token shortly before it expires.
pub fn schedule(config: &SignIn, token: RwSignal<Option<String>>, session: &Session) {
    if session.refresh_token.is_none() {
        return;
    }
    let generation = GENERATION.get().wrapping_add(1);
    GENERATION.set(generation);
    let config = config.clone();
    let wait = session.renew_in_ms(now()).max(0) as u64;
    set_timeout(
        move || {
            leptos::task::spawn_local(async move {
                // Checked where the renewal starts: nothing can run in between.
                if GENERATION.get() == generation && !RENEWING.get() {
                    renew(&config, token).await;
                }
            });
        },
        Duration::from_millis(wait),
    );
}

/// Uses a pasted access token for this tab (no refresh token, validity unknown).
pub fn use_pasted(token: RwSignal<Option<String>>, access_token: String) {
    GENERATION.set(GENERATION.get().wrapping_add(1));
    save(&Session {
        access_token: access_token.clone(),
        refresh_token: None,
        expires_at: 0,
        lifetime_ms: 0,
        scope: String::new(),
    });
    token.set(Some(access_token));
}

/// Signs out: forgets every token and setting of this tab, the dev token included.
pub fn sign_out(token: RwSignal<Option<String>>) {
    GENERATION.set(GENERATION.get().wrapping_add(1));
    for key in [SESSION, PENDING, API_BASE] {
        remove(key);
    }
    set(SIGNED_OUT, "1");
    token.set(None);
}
