//! The one error type of the API module. Every variant carries the text the admin sees:
//! the server's own message where it sent one (read tolerantly, since the real service
//! does not publish its error fields), otherwise a plain explanation of the status.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The request never got an answer (offline, DNS, CORS refused, server down).
    Network(String),
    /// 400: the server refused the request; the text says why.
    BadRequest(String),
    /// 401: not signed in, or the session expired.
    Unauthorized(String),
    /// 402: the owner's plan does not allow this.
    PaymentRequired(String),
    /// 403: signed in, but without the permission (scope) this needs.
    Forbidden(String),
    /// 404: the thing does not exist (any more); the text says which.
    NotFound(String),
    /// 409: the desired state already exists, or someone else changed it: reload.
    Conflict(String),
    /// 5xx: the server failed.
    Server { status: u16, message: String },
    /// Any other status.
    Unexpected { status: u16, message: String },
    /// The answer could not be read as the expected JSON.
    Decode(String),
}

/// The console's own text for a status whose answer said nothing (English; the views say
/// it in the language shown, see `i18n::words::error`).
fn explanation(status: u16) -> &'static str {
    match status {
        400 => "The server refused the request (400).",
        401 => "You are not signed in, or your session expired.",
        402 => "The owner account's plan does not allow this.",
        403 => {
            "You do not have permission to do this: the sign-in did not grant the scope it needs."
        }
        404 => "Not found.",
        409 => "Someone else changed this, or it is already so. Reload and try again.",
        500..=599 => "The server failed to answer.",
        _ => "The server gave an unexpected answer.",
    }
}

impl ApiError {
    /// Maps an HTTP status and error body to the variant, keeping the server's text.
    pub fn from_response(status: u16, body: &str) -> ApiError {
        let text = read_error_text(body).unwrap_or_else(|| explanation(status).to_string());
        match status {
            400 => ApiError::BadRequest(text),
            401 => ApiError::Unauthorized(text),
            402 => ApiError::PaymentRequired(text),
            403 => ApiError::Forbidden(text),
            404 => ApiError::NotFound(text),
            409 => ApiError::Conflict(text),
            500..=599 => ApiError::Server {
                status,
                message: text,
            },
            _ => ApiError::Unexpected {
                status,
                message: text,
            },
        }
    }

    /// Whether the text is the console's own explanation of the status (the answer said
    /// nothing), not the server's words: then it is shown translated.
    pub fn is_explanation(&self) -> bool {
        self.status()
            .is_some_and(|status| self.message() == explanation(status))
    }

    /// The HTTP status, where there was one.
    pub fn status(&self) -> Option<u16> {
        Some(match self {
            ApiError::Network(_) | ApiError::Decode(_) => return None,
            ApiError::BadRequest(_) => 400,
            ApiError::Unauthorized(_) => 401,
            ApiError::PaymentRequired(_) => 402,
            ApiError::Forbidden(_) => 403,
            ApiError::NotFound(_) => 404,
            ApiError::Conflict(_) => 409,
            ApiError::Server { status, .. } | ApiError::Unexpected { status, .. } => *status,
        })
    }

    /// The text to show the admin.
    pub fn message(&self) -> &str {
        match self {
            ApiError::Network(m)
            | ApiError::BadRequest(m)
            | ApiError::Unauthorized(m)
            | ApiError::PaymentRequired(m)
            | ApiError::Forbidden(m)
            | ApiError::NotFound(m)
            | ApiError::Conflict(m)
            | ApiError::Decode(m) => m,
            ApiError::Server { message, .. } | ApiError::Unexpected { message, .. } => message,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // The browser's own text ("TypeError: Failed to fetch") says nothing to an
            // admin; the cause it names goes in brackets.
            ApiError::Network(m) => write!(
                f,
                "Could not reach the API. Check the network connection, then try again. ({})",
                m.trim_start_matches("TypeError: ")
            ),
            ApiError::Decode(m) => write!(f, "The API's answer could not be read: {m}"),
            other => f.write_str(other.message()),
        }
    }
}

impl std::error::Error for ApiError {}

/// Reads the message out of an error body: JSON `Message`/`message` (also
/// `error_description`, `detail`, `title`, `error`), else the plain text itself.
/// Returns `None` for an empty body or HTML error pages.
pub fn read_error_text(body: &str) -> Option<String> {
    let body = body.trim();
    if body.is_empty() {
        return None;
    }
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(body) {
        const KEYS: [&str; 7] = [
            "Message",
            "message",
            "error_description",
            "detail",
            "title",
            "error",
            "ErrorCode",
        ];
        return KEYS
            .iter()
            .filter_map(|k| map.get(*k))
            .find_map(|v| v.as_str().map(str::trim).filter(|s| !s.is_empty()))
            .map(str::to_string);
    }
    if let Ok(serde_json::Value::String(s)) = serde_json::from_str::<serde_json::Value>(body) {
        return Some(s).filter(|s| !s.trim().is_empty());
    }
    if body.starts_with('<') {
        return None;
    }
    // Plain text: keep it short enough to show.
    Some(body.chars().take(500).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_sandbox_error_body() {
        let e = ApiError::from_response(
            400,
            r#"{"ErrorCode":"BadRequest","Message":"lock group must have a title"}"#,
        );
        assert_eq!(
            e,
            ApiError::BadRequest("lock group must have a title".into())
        );
        assert_eq!(e.to_string(), "lock group must have a title");
        assert_eq!(e.status(), Some(400));
    }

    #[test]
    fn reads_lowercase_message_and_plain_text() {
        assert_eq!(
            read_error_text(r#"{"message":"lock group not found"}"#).as_deref(),
            Some("lock group not found")
        );
        assert_eq!(
            read_error_text("owner account not found\n").as_deref(),
            Some("owner account not found")
        );
        assert_eq!(
            read_error_text(r#""quoted text""#).as_deref(),
            Some("quoted text")
        );
        assert_eq!(
            read_error_text(r#"{"error":"invalid_grant","error_description":"code expired"}"#)
                .as_deref(),
            Some("code expired")
        );
    }

    #[test]
    fn falls_back_to_an_explanation_of_the_status() {
        assert_eq!(read_error_text(""), None);
        assert_eq!(
            read_error_text("<html><body>Bad Gateway</body></html>"),
            None
        );
        assert_eq!(read_error_text(r#"{"Message":""}"#), None);
        let e = ApiError::from_response(502, "<html>Bad Gateway</html>");
        assert!(matches!(e, ApiError::Server { status: 502, .. }));
        assert_eq!(e.message(), "The server failed to answer.");
        assert!(matches!(
            ApiError::from_response(401, ""),
            ApiError::Unauthorized(_)
        ));
        assert!(matches!(
            ApiError::from_response(402, ""),
            ApiError::PaymentRequired(_)
        ));
        assert!(matches!(
            ApiError::from_response(403, ""),
            ApiError::Forbidden(_)
        ));
        assert!(matches!(
            ApiError::from_response(409, ""),
            ApiError::Conflict(_)
        ));
        assert_eq!(ApiError::from_response(418, "teapot").status(), Some(418));
    }

    #[test]
    fn tells_its_own_explanations_from_the_servers_words() {
        assert!(ApiError::from_response(502, "").is_explanation());
        assert!(ApiError::from_response(404, "").is_explanation());
        assert!(
            !ApiError::from_response(404, r#"{"Message":"lock group not found"}"#).is_explanation()
        );
        assert!(!ApiError::Network("TypeError: Failed to fetch".into()).is_explanation());
    }

    #[test]
    fn network_errors_say_so() {
        let e = ApiError::Network("TypeError: Failed to fetch".into());
        assert_eq!(e.status(), None);
        assert_eq!(
            e.to_string(),
            "Could not reach the API. Check the network connection, then try again. \
             (Failed to fetch)"
        );
    }
}
