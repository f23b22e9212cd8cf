//! Validation of the lock group form (create and rename), and which field a server error
//! concerns, so it can be shown next to that field.

use crate::logic::api_error::ApiError;

/// The API's limits (the sandbox enforces the same).
pub const MAX_TITLE: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Description,
    Form,
}

/// The title to send, trimmed, or the message to show at the field.
pub fn validate_title(title: &str) -> Result<String, &'static str> {
    let trimmed = title.trim();
    if trimmed.is_empty() {
        Err("Enter a title: a lock group must have one.")
    } else if trimmed.chars().count() > MAX_TITLE {
        Err("The title is too long: at most 256 characters.")
    } else {
        Ok(trimmed.to_string())
    }
}

/// Which field a refused save concerns, from the server's text.
pub fn error_field(e: &ApiError) -> Field {
    let text = e.message().to_ascii_lowercase();
    match e {
        ApiError::BadRequest(_) if text.contains("title") => Field::Title,
        ApiError::BadRequest(_) if text.contains("description") => Field::Description,
        _ => Field::Form,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_empty_and_whitespace_titles() {
        assert!(validate_title("").is_err());
        assert!(validate_title(" \t\n").is_err());
        assert_eq!(validate_title("  Office ").unwrap(), "Office");
        assert!(validate_title(&"x".repeat(257)).is_err());
        assert!(validate_title(&"ü".repeat(256)).is_ok());
    }

    #[test]
    fn routes_server_errors_to_their_field() {
        let e = ApiError::BadRequest("lock group must have a title".into());
        assert_eq!(error_field(&e), Field::Title);
        let e = ApiError::BadRequest("description: at most 1024 characters".into());
        assert_eq!(error_field(&e), Field::Description);
        let e = ApiError::NotFound("owner account not found".into());
        assert_eq!(error_field(&e), Field::Form);
        let e = ApiError::NotFound("lock group title x".into());
        assert_eq!(error_field(&e), Field::Form);
    }
}
