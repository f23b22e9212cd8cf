//! Validation of the lock group form (create and rename), and which field a server error
//! concerns, so it can be shown next to that field.

use wire::refusal::Refusal;

use crate::logic::api_error::ApiError;

/// The API's limits, shared with the sandbox that enforces them.
pub use wire::{MAX_DESCRIPTION, MAX_TITLE};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Description,
    Form,
}

const TITLE_TOO_LONG: &str = "The title is too long: at most 256 characters.";

/// The title to send, trimmed, or the message to show at the field.
pub fn validate_title(title: &str) -> Result<String, &'static str> {
    let trimmed = title.trim();
    if trimmed.is_empty() {
        Err("Enter a title: a lock group must have one.")
    } else if trimmed.chars().count() > MAX_TITLE {
        Err(TITLE_TOO_LONG)
    } else {
        Ok(trimmed.to_string())
    }
}

/// Which field a refused save concerns, from the server's text (one of the refusals in
/// [`wire::refusal`]).
pub fn error_field(e: &ApiError) -> Field {
    let ApiError::BadRequest(message) = e else {
        return Field::Form;
    };
    match Refusal::recognise(message) {
        Some(Refusal::TitleMissing | Refusal::TitleTooLong) => Field::Title,
        Some(Refusal::DescriptionTooLong) => Field::Description,
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
        assert_eq!(
            validate_title(&"x".repeat(MAX_TITLE + 1)),
            Err(TITLE_TOO_LONG)
        );
        assert!(TITLE_TOO_LONG.contains(&MAX_TITLE.to_string()));
        // Characters, not bytes.
        assert!(validate_title(&"ü".repeat(MAX_TITLE)).is_ok());
    }

    #[test]
    fn routes_server_errors_to_their_field() {
        let e = ApiError::BadRequest(wire::refusal::GROUP_NEEDS_TITLE.into());
        assert_eq!(error_field(&e), Field::Title);
        let too_long = |field, max| wire::refusal::too_long(field, max + 1, max);
        let e = ApiError::BadRequest(too_long(wire::refusal::FIELD_TITLE, MAX_TITLE));
        assert_eq!(error_field(&e), Field::Title);
        let e = ApiError::BadRequest(too_long(wire::refusal::FIELD_DESCRIPTION, MAX_DESCRIPTION));
        assert_eq!(error_field(&e), Field::Description);
        // Other refusals that merely mention a field stay with the form.
        let e = ApiError::BadRequest("invalid JSON: title must be a string".into());
        assert_eq!(error_field(&e), Field::Form);
        let e = ApiError::NotFound("owner account not found".into());
        assert_eq!(error_field(&e), Field::Form);
        let e = ApiError::NotFound("lock group title x".into());
        assert_eq!(error_field(&e), Field::Form);
    }
}
