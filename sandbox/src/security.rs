//! Security headers on the console's static files, and the sandbox-only endpoint that
//! collects the browser's Content-Security-Policy violation reports.
//!
//! The policy allows only what the console needs: its own files (`'self'`), compiling its
//! WebAssembly (`'wasm-unsafe-eval'`), and `fetch` to its own origin plus the API and
//! token-endpoint origins named in the served `config.json`. No inline script, no inline
//! style attribute, no plugins, no framing, no `<base>`, no form submissions (the sign-in
//! leaves by `location.assign`, which form-action does not govern).

use std::collections::VecDeque;
use std::path::Path;
use std::sync::Mutex;

use axum::extract::State;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};

use crate::AppState;

/// Where the sandbox's own serving asks browsers to report violations.
pub const REPORT_PATH: &str = "/sandbox/csp-reports";
/// Reports kept in memory (the oldest are dropped beyond this).
const MAX_REPORTS: usize = 200;
/// Characters kept of one report.
const MAX_REPORT_LEN: usize = 4096;

/// The Content-Security-Policy for a console whose `config.json` is `config` (its text;
/// `None` or unreadable: same-origin only). `report_uri` is appended when given.
pub fn policy(config: Option<&str>, report_uri: Option<&str>) -> String {
    let mut connect = vec!["'self'".to_string()];
    for origin in config_origins(config.unwrap_or("")) {
        if !connect.contains(&origin) {
            connect.push(origin);
        }
    }
    let mut p = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self'; connect-src {}; object-src 'none'; base-uri 'none'; \
         form-action 'none'; frame-ancestors 'none'",
        connect.join(" ")
    );
    if let Some(uri) = report_uri {
        p.push_str("; report-uri ");
        p.push_str(uri);
    }
    p
}

/// Origins of `apiBaseUrl` and `signIn.tokenUrl` when they are absolute http(s) URLs
/// (relative ones are on the console's own origin).
fn config_origins(config: &str) -> Vec<String> {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(config) else {
        return Vec::new();
    };
    [&v["apiBaseUrl"], &v["signIn"]["tokenUrl"]]
        .into_iter()
        .filter_map(|u| origin_of(u.as_str()?))
        .collect()
}

/// `scheme://host[:port]` of an absolute http(s) URL; `None` for anything else, or when the
/// host holds characters that do not belong in a CSP source expression.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c));
    ok.then(|| format!("{scheme}://{}", host.to_ascii_lowercase()))
}

/// Adds the security headers to a response of the console's static files. The policy
/// follows the `config.json` in `static_dir` as it is now (read per response: it is small,
/// and replacing it on a running sandbox must take effect at once).
pub async fn add_headers(static_dir: &Path, headers: &mut HeaderMap) {
    let config = tokio::fs::read_to_string(static_dir.join("config.json"))
        .await
        .ok();
    let csp = policy(config.as_deref(), Some(REPORT_PATH));
    if let Ok(v) = HeaderValue::from_str(&csp) {
        headers.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
}

/// The violation reports received, oldest first.
#[derive(Default)]
pub struct CspReports(Mutex<VecDeque<String>>);

impl CspReports {
    fn push(&self, report: String) {
        let mut all = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if all.len() == MAX_REPORTS {
            all.pop_front();
        }
        all.push_back(report);
    }

    /// Every report kept, oldest first.
    pub fn all(&self) -> Vec<String> {
        let all = self.0.lock().unwrap_or_else(|e| e.into_inner());
        all.iter().cloned().collect()
    }

    /// Every report kept, and forgets them.
    pub fn take(&self) -> Vec<String> {
        let mut all = self.0.lock().unwrap_or_else(|e| e.into_inner());
        all.drain(..).collect()
    }
}

pub fn routes() -> Router<AppState> {
    Router::new().route(REPORT_PATH, post(receive).get(list))
}

/// `POST /sandbox/csp-reports`: a browser's report (`application/csp-report` JSON, any
/// body accepted; no token: browsers send none). 204.
async fn receive(State(app): State<AppState>, body: String) -> StatusCode {
    let mut text = body;
    if text.len() > MAX_REPORT_LEN {
        let mut end = MAX_REPORT_LEN;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    eprintln!("sandbox: CSP violation reported: {text}");
    app.csp_reports.push(text);
    StatusCode::NO_CONTENT
}

/// `GET /sandbox/csp-reports` (any valid token): the reports received, as a JSON array of
/// the bodies the browsers sent (parsed when they are JSON, else as text).
async fn list(State(app): State<AppState>, parts: Parts) -> Response {
    if let Err(e) = crate::auth::bearer(&parts, &app) {
        return e.into_response();
    }
    let reports: Vec<serde_json::Value> = app
        .csp_reports
        .all()
        .into_iter()
        .map(|r| serde_json::from_str(&r).unwrap_or(serde_json::Value::String(r)))
        .collect();
    Json(reports).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_origin_config_gives_self_only() {
        let p = policy(Some(include_str!("../../public/config.json")), None);
        assert_eq!(
            p,
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
             img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
             form-action 'none'; frame-ancestors 'none'"
        );
    }

    #[test]
    fn api_and_token_origins_are_named_once() {
        let config = r#"{"apiBaseUrl":"https://my.tapkey.com/api/v1",
            "signIn":{"authorizeUrl":"https://login.tapkey.com/connect/authorize",
                      "tokenUrl":"https://Login.Tapkey.com/connect/token"}}"#;
        let p = policy(Some(config), Some(REPORT_PATH));
        assert!(p.contains("connect-src 'self' https://my.tapkey.com https://login.tapkey.com; "));
        assert!(p.ends_with("; report-uri /sandbox/csp-reports"));
        let same = r#"{"apiBaseUrl":"http://127.0.0.1:9/api/v1",
            "signIn":{"tokenUrl":"http://127.0.0.1:9/connect/token"}}"#;
        assert!(policy(Some(same), None).contains("connect-src 'self' http://127.0.0.1:9; "));
    }

    #[test]
    fn odd_urls_add_nothing() {
        assert_eq!(origin_of("/api/v1"), None);
        assert_eq!(origin_of("javascript://x"), None);
        assert_eq!(origin_of("https://evil.example; script-src *"), None);
        assert_eq!(origin_of("https://"), None);
        assert_eq!(
            origin_of("http://u:p@[::1]:8080/x").as_deref(),
            Some("http://[::1]:8080")
        );
        assert!(policy(Some("{not json"), None).contains("connect-src 'self';"));
        assert!(policy(None, None).contains("connect-src 'self';"));
    }
}
