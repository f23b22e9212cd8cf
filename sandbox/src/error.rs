//! Error bodies (`{"ErrorCode": "...", "Message": "..."}`) and the request extractors that
//! turn every malformed input into a 400 (never axum's default 422) or a 413.

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{header, request::Parts, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

/// The largest request body accepted (larger ones are a 413).
pub const MAX_BODY: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiErr {
    pub status: StatusCode,
    pub message: String,
}

pub type ApiResult<T> = Result<T, ApiErr>;

impl ApiErr {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiErr {
            status,
            message: message.into(),
        }
    }
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, message)
    }
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, message)
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }
    pub fn owner_not_found() -> Self {
        Self::not_found("owner account not found")
    }
    pub fn group_not_found() -> Self {
        Self::not_found("lock group not found")
    }
    pub fn lock_not_found() -> Self {
        Self::not_found("bound lock not found")
    }

    /// The `ErrorCode` for a status.
    pub fn code(status: StatusCode) -> &'static str {
        match status.as_u16() {
            400 => "BadRequest",
            401 => "Unauthorized",
            403 => "Forbidden",
            404 => "NotFound",
            405 => "MethodNotAllowed",
            409 => "Conflict",
            413 => "PayloadTooLarge",
            _ => "InternalServerError",
        }
    }
}

impl std::fmt::Display for ApiErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status.as_u16(), self.message)
    }
}

impl From<rusqlite::Error> for ApiErr {
    fn from(e: rusqlite::Error) -> Self {
        match &e {
            rusqlite::Error::SqliteFailure(f, _)
                if matches!(
                    f.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) =>
            {
                ApiErr::new(StatusCode::SERVICE_UNAVAILABLE, "database busy, retry")
            }
            _ => ApiErr::internal(format!("database error: {e}")),
        }
    }
}

impl From<crate::odata::ODataError> for ApiErr {
    fn from(e: crate::odata::ODataError) -> Self {
        ApiErr::bad_request(e.message)
    }
}

impl From<PathRejection> for ApiErr {
    fn from(e: PathRejection) -> Self {
        ApiErr::bad_request(format!("invalid path: {}", e.body_text()))
    }
}

impl IntoResponse for ApiErr {
    fn into_response(self) -> Response {
        let body = wire::ApiError {
            error_code: ApiErr::code(self.status).to_string(),
            message: self.message,
        };
        let mut resp = (self.status, axum::Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            resp.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        resp
    }
}

/// Reads the raw body, mapping "too large" to a JSON 413.
pub async fn read_body<S: Send + Sync>(req: Request, state: &S) -> ApiResult<Bytes> {
    Bytes::from_request(req, state)
        .await
        .map_err(|e: BytesRejection| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiErr::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!("request body is larger than {} KiB", MAX_BODY / 1024),
                )
            } else {
                ApiErr::bad_request(format!(
                    "could not read the request body: {}",
                    e.body_text()
                ))
            }
        })
}

/// A JSON body: malformed JSON or wrong types are a 400 that says what and where.
/// Also keeps the parsed JSON object, for PATCH (to tell `null` from absent).
pub struct JsonBody<T> {
    pub value: T,
    pub raw: serde_json::Value,
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiErr;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = read_body(req, state).await?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(ApiErr::bad_request(
                "the request body is empty: a JSON object was expected",
            ));
        }
        let raw: serde_json::Value = serde_json::from_slice(&bytes)
            .map_err(|e| ApiErr::bad_request(format!("invalid JSON: {e}")))?;
        if !raw.is_object() {
            return Err(ApiErr::bad_request(
                "invalid JSON: the body must be a JSON object",
            ));
        }
        let value = serde_json::from_value(raw.clone())
            .map_err(|e| ApiErr::bad_request(format!("invalid request body: {e}")))?;
        Ok(JsonBody { value, raw })
    }
}

/// Path parameters, with a 400 JSON rejection.
pub struct PathParams<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for PathParams<T> {
    type Rejection = ApiErr;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let axum::extract::Path(v) = axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map_err(ApiErr::from)?;
        Ok(PathParams(v))
    }
}

/// The raw query string as decoded pairs.
pub struct QueryPairs(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for QueryPairs {
    type Rejection = ApiErr;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let q = parts.uri.query().unwrap_or("");
        Ok(QueryPairs(
            form_urlencoded::parse(q.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        ))
    }
}

impl QueryPairs {
    /// The value of a plain (non-OData) parameter, matched case-insensitively.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    /// A boolean parameter (`true`/`false`, any case); absent is `false`.
    pub fn flag(&self, key: &str) -> ApiResult<bool> {
        match self.get(key) {
            None => Ok(false),
            Some(v) if v.eq_ignore_ascii_case("true") => Ok(true),
            Some(v) if v.eq_ignore_ascii_case("false") || v.is_empty() => Ok(false),
            Some(v) => Err(ApiErr::bad_request(format!(
                "{key} must be true or false, not '{v}'"
            ))),
        }
    }

    /// The `expand` list, validated against the allowed names (matched case-insensitively,
    /// returned in their canonical spelling). Unknown names are a 400 naming them.
    pub fn expand(&self, allowed: &[&'static str]) -> ApiResult<Vec<&'static str>> {
        let mut out = Vec::new();
        let mut unknown = Vec::new();
        for (k, v) in &self.0 {
            if !(k.eq_ignore_ascii_case("expand") || k.eq_ignore_ascii_case("$expand")) {
                continue;
            }
            for name in v.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                match allowed.iter().find(|a| a.eq_ignore_ascii_case(name)) {
                    Some(a) => {
                        if !out.contains(a) {
                            out.push(*a)
                        }
                    }
                    None => unknown.push(format!("'{name}'")),
                }
            }
        }
        if !unknown.is_empty() {
            return Err(ApiErr::bad_request(format!(
                "unknown expand propert{} {}; expandable here: {}",
                if unknown.len() == 1 { "y" } else { "ies" },
                unknown.join(", "),
                allowed.join(", ")
            )));
        }
        Ok(out)
    }
}

/// JSON 404 for unknown routes.
pub async fn not_found_route() -> ApiErr {
    ApiErr::not_found("no such route")
}

/// JSON 405 for known routes with another method.
pub async fn method_not_allowed() -> ApiErr {
    ApiErr::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method not allowed on this route",
    )
}
