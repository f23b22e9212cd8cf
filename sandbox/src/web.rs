//! The HTTP application: routes, static files, CORS, case-insensitive API paths, limits,
//! and the last-line panic guard.

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use tower::ServiceExt;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::services::{ServeDir, ServeFile};

use crate::error::{self, ApiErr, MAX_BODY};
use crate::AppState;

pub fn app(state: AppState, cors_origins: &[String]) -> Router {
    let inner = crate::api::routes()
        .merge(crate::oauth::routes())
        .merge(crate::security::routes())
        .route("/api", any(error::not_found_route))
        .route("/api/{*rest}", any(error::not_found_route))
        .route("/sandbox", any(error::not_found_route))
        .route("/sandbox/{*rest}", any(error::not_found_route))
        .route("/connect", any(error::not_found_route))
        .route("/connect/{*rest}", any(error::not_found_route))
        .method_not_allowed_fallback(error::method_not_allowed)
        .fallback(static_files)
        .with_state(state);
    let origins: Arc<Vec<String>> = Arc::new(
        cors_origins
            .iter()
            .map(|o| o.trim_end_matches('/').to_string())
            .collect(),
    );
    Router::new()
        .fallback_service(inner)
        .layer(middleware::map_request(canonical_path))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn_with_state(origins, cors))
        .layer(CatchPanicLayer::custom(
            |_: Box<dyn std::any::Any + Send>| {
                ApiErr::internal("internal error (the sandbox panicked; please report)")
                    .into_response()
            },
        ))
}

/// Path segments of the API, in their documented spelling: the real service matches
/// paths case-insensitively, so `/API/V1/owners` is rewritten to `/api/v1/Owners`.
const SEGMENTS: &[&str] = &[
    "api",
    "v1",
    "Owners",
    "LockGroups",
    "Memberships",
    "Grants",
    "BoundLocks",
    "Contacts",
    "Revoke",
    "Sync",
    "sandbox",
    "connect",
    "authorize",
    "token",
];

fn canonical(path: &str) -> Option<String> {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    if !["api", "sandbox", "connect"]
        .iter()
        .any(|p| p.eq_ignore_ascii_case(first))
    {
        return None;
    }
    let mut changed = false;
    let out: Vec<&str> = path
        .split('/')
        .map(
            |seg| match SEGMENTS.iter().find(|s| s.eq_ignore_ascii_case(seg)) {
                Some(s) if *s != seg => {
                    changed = true;
                    *s
                }
                _ => seg,
            },
        )
        .collect();
    changed.then(|| out.join("/"))
}

async fn canonical_path(mut req: Request) -> Request {
    if let Some(p) = canonical(req.uri().path()) {
        let pq = match req.uri().query() {
            Some(q) => format!("{p}?{q}"),
            None => p,
        };
        let mut parts = req.uri().clone().into_parts();
        if let Ok(pq) = pq.parse() {
            parts.path_and_query = Some(pq);
            if let Ok(uri) = Uri::from_parts(parts) {
                *req.uri_mut() = uri;
            }
        }
    }
    req
}

/// CORS for the configured origins only; other origins get no CORS headers at all.
async fn cors(State(origins): State<Arc<Vec<String>>>, req: Request, next: Next) -> Response {
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .filter(|o| origins.iter().any(|a| a == o.trim_end_matches('/')))
        .and_then(|o| HeaderValue::from_str(o).ok());
    let Some(origin) = origin else {
        return next.run(req).await;
    };
    let vary = HeaderValue::from_static("Origin");
    if req.method() == Method::OPTIONS
        && req
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD)
    {
        let mut resp = StatusCode::NO_CONTENT.into_response();
        let h = resp.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("Authorization, Content-Type, Accept"),
        );
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("600"),
        );
        h.insert(
            header::VARY,
            HeaderValue::from_static(
                "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
            ),
        );
        return resp;
    }
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("WWW-Authenticate"),
    );
    h.append(header::VARY, vary);
    resp
}

const NOT_BUILT: &str =
    "<!doctype html><meta charset=utf-8><title>Lock Groups Admin sandbox</title>\
<h1>Lock Groups Admin sandbox</h1>\
<p>The console isn't built: the static folder has no <code>index.html</code>. \
Build it and start the sandbox with the run command in the project's README.</p>\
<p>The API is up at <code>/api/v1</code> (see <code>sandbox/README.md</code>).</p>";

/// Everything that is not an API route: the console's files, with `index.html` for
/// unknown paths (the console's deep links), each with the security headers.
async fn static_files(State(app): State<AppState>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let mut resp = serve_static(&app, req).await;
    let cache = cache_control(resp.status(), &path);
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    crate::security::add_headers(&app.static_dir, resp.headers_mut()).await;
    resp
}

/// Cache-Control as deploy/nginx serves it: a file named after its content
/// (`name-<12 to 16 hex>[_bg].wasm|js|css|svg`, as the build names them) never changes, so
/// browsers keep it a year without asking (and keep the wasm they compiled from it); all
/// else (index.html, config.json, deep links) is revalidated on every load. Only a found
/// file is immutable: a 404 must not be kept.
fn cache_control(status: StatusCode, path: &str) -> &'static str {
    let found = matches!(status.as_u16(), 200 | 206 | 304);
    let file = path.rsplit('/').next().unwrap_or("");
    let named_by_content = file
        .rsplit_once('.')
        .filter(|(_, ext)| matches!(*ext, "wasm" | "js" | "css" | "svg"))
        .and_then(|(stem, _)| stem.strip_suffix("_bg").or(Some(stem)))
        .and_then(|stem| stem.rsplit_once('-'))
        .is_some_and(|(name, hash)| {
            !name.is_empty()
                && (12..=16).contains(&hash.len())
                && hash
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        });
    if found && named_by_content {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

async fn serve_static(app: &AppState, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let dir = app.static_dir.as_ref().clone();
    let index = dir.join("index.html");
    let has_index = tokio::fs::try_exists(&index).await.unwrap_or(false);
    if !has_index && (path == "/" || path == "/index.html") {
        return Html(NOT_BUILT).into_response();
    }
    let serve = ServeDir::new(&dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(
            ServeFile::new(&index)
                .precompressed_br()
                .precompressed_gzip(),
        );
    match serve.oneshot(req).await {
        Ok(resp) => resp.into_response(),
        Err(e) => ApiErr::internal(format!("static file error: {e}")).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::{cache_control, canonical};
    use axum::http::StatusCode;

    #[test]
    fn files_named_by_their_content_are_kept_a_year_and_the_rest_revalidated() {
        let year = "public, max-age=31536000, immutable";
        for path in [
            "/lock-groups-admin-230585fa1ea6397d_bg.wasm",
            "/lock-groups-admin-230585fa1ea6397d.js",
            "/pieces-25d6d93f00b5d285.wasm",
            "/main-0123456789ab.css",
            "/favicon-5a6ff176c50e1aa9.svg",
        ] {
            assert_eq!(cache_control(StatusCode::OK, path), year, "{path}");
            assert_eq!(
                cache_control(StatusCode::NOT_MODIFIED, path),
                year,
                "{path}"
            );
        }
        for path in [
            "/",
            "/index.html",
            "/config.json",
            "/owners/1/lock-groups",
            "/pieces-25d6d93f.wasm",
            "/pieces-25D6D93F00B5D285.wasm",
            "/-25d6d93f00b5d285.wasm",
            "/pieces-25d6d93f00b5d285.wasm.map",
        ] {
            assert_eq!(cache_control(StatusCode::OK, path), "no-cache", "{path}");
        }
        assert_eq!(
            cache_control(StatusCode::NOT_FOUND, "/pieces-25d6d93f00b5d285.wasm"),
            "no-cache"
        );
    }

    #[test]
    fn canonical_paths() {
        assert_eq!(
            canonical("/API/V1/owners/1/lockgroups").as_deref(),
            Some("/api/v1/Owners/1/LockGroups")
        );
        assert_eq!(canonical("/api/v1/Owners"), None);
        assert_eq!(canonical("/assets/api.js"), None);
        assert_eq!(
            canonical("/Sandbox/owners/1/boundlocks/2/sync").as_deref(),
            Some("/sandbox/Owners/1/BoundLocks/2/Sync")
        );
    }
}
