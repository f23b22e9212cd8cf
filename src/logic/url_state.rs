//! What every list view's state in the URL query shares, so reload, bookmarks and the
//! back button restore the view: how it is read from the query and written back.

/// A view's state that lives in the URL query.
pub trait UrlState: Clone + PartialEq + Send + Sync + 'static {
    /// Reads the state from URL query parameters; anything missing or invalid falls back
    /// to the default rather than failing the page.
    fn from_params(get: impl Fn(&str) -> Option<String>) -> Self;
    /// The URL query with its leading `?` (empty when everything is default), defaults
    /// left out so plain views keep plain URLs.
    fn to_url_query(&self) -> String;
}

/// A list's view with a title search (the lock groups, the locks).
pub trait Searched: UrlState {
    fn search(&self) -> &str;
    /// The same view searching `search`, from its first page.
    fn with_search(&self, search: String) -> Self;
}

/// `page=N`, 1-based; missing, zero, negative or not a number is page 1.
pub fn page_param(get: &impl Fn(&str) -> Option<String>) -> u64 {
    get("page")
        .and_then(|p| p.parse().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1)
}

/// `key=value` parts joined into a query with its `?`, or empty when there are none.
pub fn query_string(parts: &[String]) -> String {
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(v: Option<&str>) -> u64 {
        page_param(&|k: &str| (k == "page").then(|| v.map(String::from)).flatten())
    }

    #[test]
    fn pages_are_one_based_and_tolerant() {
        assert_eq!(page(None), 1);
        assert_eq!(page(Some("3")), 3);
        assert_eq!(page(Some("0")), 1);
        assert_eq!(page(Some("-2")), 1);
        assert_eq!(page(Some("two")), 1);
    }

    #[test]
    fn query_strings_join_parts_or_are_empty() {
        assert_eq!(query_string(&[]), "");
        assert_eq!(query_string(&["a=1".into(), "b=2".into()]), "?a=1&b=2");
    }
}
