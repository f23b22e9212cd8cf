//! The "Grant access" form, pure parts: the people field (several e-mail addresses in
//! one go), what to suggest while typing, and the checks that give each field its own
//! plain sentence before anything is sent.

use crate::logic::odata::contains;

/// The e-mail addresses typed into the people field: separated by commas, semicolons,
/// spaces or new lines; blanks and repeats dropped (first spelling kept).
pub fn people(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in text.split([',', ';', '\n', ' ', '\t']).map(str::trim) {
        if !p.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(p)) {
            out.push(p.to_string());
        }
    }
    out
}

/// Whether `s` looks like an e-mail address (one `@`, something before it, a dot in the
/// domain): enough to catch typing slips; the server has the last word.
pub fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

/// What is wrong with the people field (the view says it in its words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeopleError {
    /// Nothing typed.
    NoOne,
    /// Entries that are not e-mail addresses, as typed.
    NotEmail(Vec<String>),
}

/// The people field's error, or `None` when every entry can be sent.
pub fn people_error(text: &str) -> Option<PeopleError> {
    let all = people(text);
    if all.is_empty() {
        return Some(PeopleError::NoOne);
    }
    let bad: Vec<String> = all.into_iter().filter(|p| !looks_like_email(p)).collect();
    (!bad.is_empty()).then_some(PeopleError::NotEmail(bad))
}

/// The part being typed (after the last separator) and what comes before it, so a
/// suggestion can complete the last address and keep the others.
pub fn last_part(text: &str) -> (&str, &str) {
    let cut = text.rfind([',', ';', '\n', ' ']).map_or(0, |i| i + 1);
    (&text[..cut], text[cut..].trim())
}

/// The contacts `$filter` for suggestions while typing the last address (title or
/// e-mail containing it); `None` until two characters are typed.
pub fn suggestion_filter(text: &str) -> Option<String> {
    let (_, part) = last_part(text);
    (part.chars().count() >= 2)
        .then(|| format!("{} or {}", contains("email", part), contains("title", part)))
}

/// The whole field's text with the last address completed to `email`, ready for the
/// next one.
pub fn complete(text: &str, email: &str) -> String {
    let (before, _) = last_part(text);
    let before = before.trim_end();
    if before.is_empty() {
        format!("{email}, ")
    } else {
        format!("{before} {email}, ")
    }
}

/// The validity window's error: "valid before" must come after "valid from" (both as
/// the API's UTC text, which sorts as time).
pub fn window_error(from: Option<&str>, before: Option<&str>) -> Option<&'static str> {
    match (from, before) {
        (Some(f), Some(b)) if b <= f => Some("“Valid before” must be after “Valid from”."),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_people_in_one_field() {
        assert_eq!(
            people(" ada@example.com, bob@example.com;\ncy@example.com  ADA@example.com,, "),
            ["ada@example.com", "bob@example.com", "cy@example.com"]
        );
        assert!(people(" , ;").is_empty());
    }

    #[test]
    fn each_mistake_is_named() {
        assert_eq!(people_error("  "), Some(PeopleError::NoOne));
        assert_eq!(
            people_error("ada@example.com, bob"),
            Some(PeopleError::NotEmail(vec!["bob".into()]))
        );
        assert_eq!(
            people_error("a@b, c@d.e, x@.y"),
            Some(PeopleError::NotEmail(vec!["a@b".into(), "x@.y".into()]))
        );
        assert_eq!(people_error("ada@example.com bob@example.org"), None);
    }

    #[test]
    fn suggestions_complete_the_last_address() {
        assert_eq!(
            last_part("ada@example.com, bo"),
            ("ada@example.com, ", "bo")
        );
        assert_eq!(suggestion_filter("ada@example.com, b"), None);
        assert_eq!(
            suggestion_filter("ada@example.com, bo").as_deref(),
            Some("contains(email,'bo') or contains(title,'bo')")
        );
        assert_eq!(
            complete("ada@example.com, bo", "bob@example.com"),
            "ada@example.com, bob@example.com, "
        );
        assert_eq!(complete("bo", "bob@example.com"), "bob@example.com, ");
    }

    #[test]
    fn the_window_must_be_in_order() {
        let (a, b) = ("2026-12-01T08:00:00.000Z", "2026-12-02T08:00:00.000Z");
        assert_eq!(window_error(Some(a), Some(b)), None);
        assert!(window_error(Some(b), Some(a)).is_some());
        assert!(window_error(Some(a), Some(a)).is_some());
        assert_eq!(window_error(None, Some(a)), None);
    }
}
