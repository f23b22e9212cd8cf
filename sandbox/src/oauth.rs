//! A small OAuth 2.0 authorization server for the console's sign-in (sandbox-only):
//! Authorization Code with PKCE (S256 required), public clients (no secret), refresh tokens
//! with rotation when `offline_access` is granted. Codes and refresh tokens live in memory;
//! their expiry follows the sandbox's [`crate::timefmt::Clock`].
//!
//! As the real sign-in server does, it knows its clients and their registered redirect
//! URIs: one client, the console ([`CONSOLE_CLIENT_ID`]), see [`console_client`]. An
//! unknown `client_id` or a `redirect_uri` that is not registered gets an error page (400),
//! never a redirect (RFC 6749 §3.1.2.4, §4.1.2.1); errors found after that redirect back
//! with `error=`.
//!
//! - `GET /connect/authorize`: a plain HTML page to pick a demo user and approve or deny.
//! - `POST /connect/authorize`: the page's form; redirects (303) to `redirect_uri` with
//!   `code` and `state` (or `error=access_denied`).
//! - `POST /connect/token`: `grant_type=authorization_code` (`code`, `redirect_uri`,
//!   `client_id`, `code_verifier`) or `grant_type=refresh_token` (`refresh_token`,
//!   `client_id`).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Mutex;
use std::time::Duration;

use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::auth::ALL_SCOPES;
use crate::AppState;

/// The console's OAuth client id (its `config.json` names it as `signIn.clientId`).
pub const CONSOLE_CLIENT_ID: &str = "lock-groups-admin";
/// Where the console receives the authorization answer, on its own origin.
pub const CONSOLE_CALLBACK_PATH: &str = "/auth/callback";

/// A client the sign-in server knows.
#[derive(Debug, Clone)]
pub struct Client {
    pub id: String,
    /// Exact URIs an answer may be sent to.
    pub redirect_uris: Vec<String>,
}

/// The console as a client: its callback on the sandbox's own origin (`http://HOST:PORT`,
/// and `localhost` too when HOST is a loopback or unspecified address), on each
/// `--cors-origin`, and every `--redirect-uri`.
pub fn console_client(addr: SocketAddr, cors_origins: &[String], extra: &[String]) -> Client {
    let port = addr.port();
    let mut origins = vec![format!("http://{addr}")];
    if addr.ip().is_unspecified() {
        origins.push(format!("http://127.0.0.1:{port}"));
    }
    if addr.ip().is_loopback() || addr.ip().is_unspecified() {
        origins.push(format!("http://localhost:{port}"));
    }
    origins.extend(
        cors_origins
            .iter()
            .map(|o| o.trim_end_matches('/').to_string()),
    );
    let mut redirect_uris: Vec<String> = origins
        .iter()
        .map(|o| format!("{o}{CONSOLE_CALLBACK_PATH}"))
        .chain(extra.iter().cloned())
        .collect();
    redirect_uris.dedup();
    Client {
        id: CONSOLE_CLIENT_ID.to_string(),
        redirect_uris,
    }
}

/// A redirect URI that may be registered: absolute http(s), no fragment, at most 2048
/// characters (RFC 6749 §3.1.2).
pub fn check_redirect_uri(uri: &str) -> Result<(), String> {
    let scheme_ok = uri.starts_with("http://") || uri.starts_with("https://");
    if !scheme_ok || uri.contains('#') || uri.len() > 2048 {
        return Err(format!(
            "'{uri}': a redirect URI must be an absolute http(s) URL without a fragment"
        ));
    }
    Ok(())
}

/// A user the sign-in page offers.
pub struct DemoUser {
    pub id: &'static str,
    pub name: &'static str,
    pub email: &'static str,
    /// The API scopes this user may be granted.
    pub scopes: &'static [&'static str],
}

pub const DEMO_USERS: &[DemoUser] = &[
    DemoUser {
        id: "admin",
        name: "Ada Admin",
        email: "admin@example.com",
        scopes: &ALL_SCOPES,
    },
    DemoUser {
        id: "viewer",
        name: "Victor Viewer",
        email: "viewer@example.com",
        scopes: &[
            crate::auth::READ_OWNERS,
            crate::auth::READ_CORE,
            crate::auth::READ_GRANTS,
        ],
    },
];

/// How long an authorization code may wait to be redeemed.
const CODE_TTL: Duration = Duration::from_secs(300);

struct CodeGrant {
    client_id: String,
    redirect_uri: String,
    challenge: String,
    scopes: Vec<String>,
    user: String,
    expires: OffsetDateTime,
}

struct RefreshGrant {
    client_id: String,
    scopes: Vec<String>,
    user: String,
}

pub struct OAuth {
    clients: Vec<Client>,
    codes: Mutex<HashMap<String, CodeGrant>>,
    refresh: Mutex<HashMap<String, RefreshGrant>>,
}

impl OAuth {
    pub fn new(console: Client) -> OAuth {
        OAuth {
            clients: vec![console],
            codes: Mutex::default(),
            refresh: Mutex::default(),
        }
    }

    fn client(&self, id: &str) -> Option<&Client> {
        self.clients.iter().find(|c| c.id == id)
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/connect/authorize",
            get(authorize_page).post(authorize_submit),
        )
        .route("/connect/token", post(token))
}

/// The authorization request's parameters (query of the page, fields of its form).
/// Missing ones read as empty, so each gets its own documented error.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct AuthorizeParams {
    response_type: String,
    client_id: String,
    redirect_uri: String,
    scope: String,
    state: String,
    code_challenge: String,
    code_challenge_method: String,
    /// The form's choice of demo user.
    user: String,
    /// The form's button: `approve` or `deny`.
    decision: String,
}

/// `POST /connect/token` fields.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TokenParams {
    grant_type: String,
    code: String,
    redirect_uri: String,
    client_id: String,
    code_verifier: String,
    refresh_token: String,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn error_page(msg: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Html(format!(
            "<!doctype html><meta charset=utf-8><title>Sign-in error</title><h1>Sign-in error</h1><p>{}</p>",
            esc(msg)
        )),
    )
        .into_response()
}

fn with_query(uri: &str, pairs: &[(&str, &str)]) -> String {
    let mut ser = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        ser.append_pair(k, v);
    }
    let q = ser.finish();
    let sep = if uri.contains('?') { '&' } else { '?' };
    format!("{uri}{sep}{q}")
}

/// Checks the request; `Err(response)` is what to answer instead. The client and its
/// redirect URI are checked first, and failures there get a page: redirecting to an
/// unchecked URI would make this server an open redirector.
#[allow(clippy::result_large_err)]
fn validate(app: &AppState, ps: &AuthorizeParams) -> Result<(), Response> {
    if ps.client_id.is_empty() {
        return Err(error_page("client_id is required"));
    }
    let Some(client) = app.oauth.client(&ps.client_id) else {
        return Err(error_page(&format!(
            "unknown client_id '{}': this sign-in server knows only '{CONSOLE_CLIENT_ID}'",
            ps.client_id
        )));
    };
    if ps.redirect_uri.is_empty() {
        return Err(error_page("redirect_uri is required"));
    }
    if !client.redirect_uris.contains(&ps.redirect_uri) {
        return Err(error_page(&format!(
            "redirect_uri '{}' is not registered for client '{}' (registered: {}); \
             the sandbox registers more with --redirect-uri or --cors-origin",
            ps.redirect_uri,
            client.id,
            client.redirect_uris.join(", ")
        )));
    }
    let fail = |error: &str, desc: &str| {
        Err(Redirect::to(&with_query(
            &ps.redirect_uri,
            &[
                ("error", error),
                ("error_description", desc),
                ("state", &ps.state),
            ],
        ))
        .into_response())
    };
    if ps.response_type != "code" {
        return fail("unsupported_response_type", "response_type must be code");
    }
    let challenge = &ps.code_challenge;
    if challenge.len() < 43 || challenge.len() > 128 {
        return fail(
            "invalid_request",
            "a PKCE code_challenge (43 to 128 characters) is required",
        );
    }
    if ps.code_challenge_method != "S256" {
        return fail("invalid_request", "code_challenge_method must be S256");
    }
    Ok(())
}

async fn authorize_page(
    State(app): State<AppState>,
    query: Result<Query<AuthorizeParams>, QueryRejection>,
) -> Response {
    let ps = match query {
        Ok(Query(ps)) => ps,
        Err(e) => return error_page(&format!("malformed authorization request: {e}")),
    };
    if let Err(r) = validate(&app, &ps) {
        return r;
    }
    let mut hidden = String::new();
    for (k, v) in [
        ("response_type", &ps.response_type),
        ("client_id", &ps.client_id),
        ("redirect_uri", &ps.redirect_uri),
        ("scope", &ps.scope),
        ("state", &ps.state),
        ("code_challenge", &ps.code_challenge),
        ("code_challenge_method", &ps.code_challenge_method),
    ] {
        hidden.push_str(&format!(
            "<input type=hidden name=\"{k}\" value=\"{}\">",
            esc(v)
        ));
    }
    let mut users = String::new();
    for (i, u) in DEMO_USERS.iter().enumerate() {
        users.push_str(&format!(
            "<p><label><input type=radio name=user value=\"{}\"{}> {} &lt;{}&gt; <small>({})</small></label></p>",
            u.id,
            if i == 0 { " checked" } else { "" },
            esc(u.name),
            esc(u.email),
            u.scopes.join(" ")
        ));
    }
    Html(format!(
        "<!doctype html><meta charset=utf-8><meta name=viewport content=\"width=device-width\">\
         <title>Sign in: Lock Groups Admin sandbox</title>\
         <h1>Sign in to the sandbox</h1>\
         <p>The application <b>{}</b> asks for access: <code>{}</code>.</p>\
         <form method=post action=\"/connect/authorize\">{hidden}{users}\
         <button type=submit name=decision value=approve id=approve>Approve</button> \
         <button type=submit name=decision value=deny id=deny>Deny</button></form>",
        esc(&ps.client_id),
        esc(&ps.scope),
    ))
    .into_response()
}

/// Requested scopes the user may have (all of the user's API scopes when none is asked).
fn grant_scopes(requested: &str, user: &DemoUser) -> Vec<String> {
    let asked: Vec<&str> = requested.split_whitespace().collect();
    let mut out: Vec<String> = if asked.is_empty() {
        user.scopes.iter().map(|s| s.to_string()).collect()
    } else {
        asked
            .iter()
            .filter(|s| user.scopes.contains(s))
            .map(|s| s.to_string())
            .collect()
    };
    for extra in ["openid", "offline_access"] {
        if asked.contains(&extra) {
            out.push(extra.to_string());
        }
    }
    out
}

async fn authorize_submit(
    State(app): State<AppState>,
    form: Result<Form<AuthorizeParams>, FormRejection>,
) -> Response {
    let ps = match form {
        Ok(Form(ps)) => ps,
        Err(e) => return error_page(&format!("malformed sign-in form: {e}")),
    };
    if let Err(r) = validate(&app, &ps) {
        return r;
    }
    if ps.decision != "approve" {
        return Redirect::to(&with_query(
            &ps.redirect_uri,
            &[("error", "access_denied"), ("state", &ps.state)],
        ))
        .into_response();
    }
    let Some(user) = DEMO_USERS.iter().find(|u| u.id == ps.user) else {
        return error_page("pick a user");
    };
    let code = crate::random_token(32);
    let now = app.clock.now();
    let grant = CodeGrant {
        client_id: ps.client_id.clone(),
        redirect_uri: ps.redirect_uri.clone(),
        challenge: ps.code_challenge.clone(),
        scopes: grant_scopes(&ps.scope, user),
        user: user.id.to_string(),
        expires: now + CODE_TTL,
    };
    {
        let mut codes = app.oauth.codes.lock().unwrap_or_else(|e| e.into_inner());
        codes.retain(|_, c| c.expires > now);
        codes.insert(code.clone(), grant);
    }
    Redirect::to(&with_query(
        &ps.redirect_uri,
        &[("code", &code), ("state", &ps.state)],
    ))
    .into_response()
}

fn token_error(error: &str, description: &str) -> Response {
    let mut resp = (
        StatusCode::BAD_REQUEST,
        Json(serde_json::json!({"error": error, "error_description": description})),
    )
        .into_response();
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

fn issue(app: &AppState, client_id: &str, scopes: Vec<String>, user: &str) -> Response {
    let api_scopes: Vec<String> = scopes
        .iter()
        .filter(|s| ALL_SCOPES.contains(&s.as_str()))
        .cloned()
        .collect();
    let access = app
        .tokens
        .issue(api_scopes, app.token_ttl, Some(user.to_string()));
    let refresh = scopes.iter().any(|s| s == "offline_access").then(|| {
        let r = crate::random_token(32);
        app.oauth
            .refresh
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(
                r.clone(),
                RefreshGrant {
                    client_id: client_id.to_string(),
                    scopes: scopes.clone(),
                    user: user.to_string(),
                },
            );
        r
    });
    let body = wire::TokenResponse {
        access_token: access,
        token_type: "Bearer".to_string(),
        expires_in: app.token_ttl.as_secs(),
        refresh_token: refresh,
        scope: Some(scopes.join(" ")),
    };
    let mut resp = Json(body).into_response();
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// `S256`: base64url(sha256(verifier)) without padding.
pub fn s256(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

async fn token(
    State(app): State<AppState>,
    form: Result<Form<TokenParams>, FormRejection>,
) -> Response {
    let ps = match form {
        Ok(Form(ps)) => ps,
        Err(e) => return token_error("invalid_request", &format!("malformed token request: {e}")),
    };
    if ps.grant_type.is_empty() {
        return token_error("invalid_request", "grant_type is required");
    }
    if app.oauth.client(&ps.client_id).is_none() {
        return token_error("invalid_client", "unknown client_id");
    }
    match ps.grant_type.as_str() {
        "authorization_code" => {
            let grant = app
                .oauth
                .codes
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&ps.code);
            let Some(g) = grant else {
                return token_error(
                    "invalid_grant",
                    "unknown or already used authorization code",
                );
            };
            if g.expires <= app.clock.now() {
                return token_error("invalid_grant", "the authorization code has expired");
            }
            if g.client_id != ps.client_id {
                return token_error(
                    "invalid_grant",
                    "client_id does not match the authorization request",
                );
            }
            if g.redirect_uri != ps.redirect_uri {
                return token_error(
                    "invalid_grant",
                    "redirect_uri does not match the authorization request",
                );
            }
            let verifier = &ps.code_verifier;
            if verifier.len() < 43 || verifier.len() > 128 {
                return token_error(
                    "invalid_request",
                    "code_verifier (43 to 128 characters) is required",
                );
            }
            if s256(verifier) != g.challenge {
                return token_error(
                    "invalid_grant",
                    "PKCE verification failed: code_verifier does not match code_challenge",
                );
            }
            issue(&app, &g.client_id, g.scopes, &g.user)
        }
        "refresh_token" => {
            let grant = app
                .oauth
                .refresh
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(&ps.refresh_token);
            let Some(g) = grant else {
                return token_error("invalid_grant", "unknown or already used refresh token");
            };
            if g.client_id != ps.client_id {
                return token_error(
                    "invalid_grant",
                    "client_id does not match the refresh token",
                );
            }
            issue(&app, &g.client_id, g.scopes, &g.user)
        }
        _ => token_error(
            "unsupported_grant_type",
            "grant_type must be authorization_code or refresh_token",
        ),
    }
}
