//! A small OAuth 2.0 authorization server for the console's sign-in (sandbox-only):
//! Authorization Code with PKCE (S256 required), public clients (no secret), refresh tokens
//! with rotation when `offline_access` is granted. Codes and refresh tokens live in memory.
//!
//! - `GET /connect/authorize`: a plain HTML page to pick a demo user and approve or deny.
//! - `POST /connect/authorize`: the page's form; redirects (303) to `redirect_uri` with
//!   `code` and `state` (or `error=access_denied`).
//! - `POST /connect/token`: `grant_type=authorization_code` (`code`, `redirect_uri`,
//!   `client_id`, `code_verifier`) or `grant_type=refresh_token` (`refresh_token`,
//!   `client_id`).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::auth::ALL_SCOPES;
use crate::error::read_body;
use crate::AppState;

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
    expires: Instant,
}

struct RefreshGrant {
    client_id: String,
    scopes: Vec<String>,
    user: String,
}

#[derive(Default)]
pub struct OAuth {
    codes: Mutex<HashMap<String, CodeGrant>>,
    refresh: Mutex<HashMap<String, RefreshGrant>>,
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/connect/authorize",
            get(authorize_page).post(authorize_submit),
        )
        .route("/connect/token", post(token))
}

type Params = HashMap<String, String>;

fn params_of(s: &str) -> Params {
    form_urlencoded::parse(s.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn p<'a>(ps: &'a Params, k: &str) -> &'a str {
    ps.get(k).map(String::as_str).unwrap_or("")
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

/// Checks the request; `Err(response)` is what to answer instead.
#[allow(clippy::result_large_err)]
fn validate(ps: &Params) -> Result<(), Response> {
    let redirect_uri = p(ps, "redirect_uri");
    if p(ps, "client_id").is_empty() {
        return Err(error_page("client_id is required"));
    }
    let scheme_ok = redirect_uri.starts_with("http://") || redirect_uri.starts_with("https://");
    if !scheme_ok || redirect_uri.contains('#') || redirect_uri.len() > 2048 {
        return Err(error_page(
            "redirect_uri must be an absolute http(s) URL without a fragment",
        ));
    }
    let state = p(ps, "state");
    let fail = |desc: &str| {
        Err(Redirect::to(&with_query(
            redirect_uri,
            &[
                ("error", "invalid_request"),
                ("error_description", desc),
                ("state", state),
            ],
        ))
        .into_response())
    };
    if p(ps, "response_type") != "code" {
        return fail("response_type must be code");
    }
    let challenge = p(ps, "code_challenge");
    if challenge.len() < 43 || challenge.len() > 128 {
        return fail("a PKCE code_challenge (43 to 128 characters) is required");
    }
    if p(ps, "code_challenge_method") != "S256" {
        return fail("code_challenge_method must be S256");
    }
    Ok(())
}

async fn authorize_page(req: Request) -> Response {
    let ps = params_of(req.uri().query().unwrap_or(""));
    if let Err(r) = validate(&ps) {
        return r;
    }
    let mut hidden = String::new();
    for k in [
        "response_type",
        "client_id",
        "redirect_uri",
        "scope",
        "state",
        "code_challenge",
        "code_challenge_method",
    ] {
        hidden.push_str(&format!(
            "<input type=hidden name=\"{k}\" value=\"{}\">",
            esc(p(&ps, k))
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
        esc(p(&ps, "client_id")),
        esc(p(&ps, "scope")),
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

async fn authorize_submit(State(app): State<AppState>, req: Request) -> Response {
    let body = match read_body(req, &()).await {
        Ok(b) => b,
        Err(e) => return e.into_response(),
    };
    let ps = params_of(&String::from_utf8_lossy(&body));
    if let Err(r) = validate(&ps) {
        return r;
    }
    let redirect_uri = p(&ps, "redirect_uri");
    let state = p(&ps, "state");
    if p(&ps, "decision") != "approve" {
        return Redirect::to(&with_query(
            redirect_uri,
            &[("error", "access_denied"), ("state", state)],
        ))
        .into_response();
    }
    let Some(user) = DEMO_USERS.iter().find(|u| u.id == p(&ps, "user")) else {
        return error_page("pick a user");
    };
    let code = crate::random_token(32);
    let grant = CodeGrant {
        client_id: p(&ps, "client_id").to_string(),
        redirect_uri: redirect_uri.to_string(),
        challenge: p(&ps, "code_challenge").to_string(),
        scopes: grant_scopes(p(&ps, "scope"), user),
        user: user.id.to_string(),
        expires: Instant::now() + CODE_TTL,
    };
    {
        let mut codes = app.oauth.codes.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        codes.retain(|_, c| c.expires > now);
        codes.insert(code.clone(), grant);
    }
    Redirect::to(&with_query(
        redirect_uri,
        &[("code", &code), ("state", state)],
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

async fn token(State(app): State<AppState>, req: Request) -> Response {
    let body = match read_body(req, &()).await {
        Ok(b) => b,
        Err(e) => return e.into_response(),
    };
    let ps = params_of(&String::from_utf8_lossy(&body));
    match p(&ps, "grant_type") {
        "authorization_code" => {
            let code = p(&ps, "code");
            let grant = app
                .oauth
                .codes
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(code);
            let Some(g) = grant else {
                return token_error(
                    "invalid_grant",
                    "unknown or already used authorization code",
                );
            };
            if g.expires <= Instant::now() {
                return token_error("invalid_grant", "the authorization code has expired");
            }
            if g.client_id != p(&ps, "client_id") {
                return token_error(
                    "invalid_grant",
                    "client_id does not match the authorization request",
                );
            }
            if g.redirect_uri != p(&ps, "redirect_uri") {
                return token_error(
                    "invalid_grant",
                    "redirect_uri does not match the authorization request",
                );
            }
            let verifier = p(&ps, "code_verifier");
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
            let old = p(&ps, "refresh_token");
            let grant = app
                .oauth
                .refresh
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(old);
            let Some(g) = grant else {
                return token_error("invalid_grant", "unknown or already used refresh token");
            };
            if g.client_id != p(&ps, "client_id") {
                return token_error(
                    "invalid_grant",
                    "client_id does not match the refresh token",
                );
            }
            issue(&app, &g.client_id, g.scopes, &g.user)
        }
        "" => token_error("invalid_request", "grant_type is required"),
        _ => token_error(
            "unsupported_grant_type",
            "grant_type must be authorization_code or refresh_token",
        ),
    }
}
