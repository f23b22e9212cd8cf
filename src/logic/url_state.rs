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

/// The view of a list with a title search and pages (the lock groups, the locks): how
/// searching and paging move it, written once.
pub trait ListView: UrlState {
    /// The search, the page (1-based) and the page size, to change in a copy.
    fn paging(&mut self) -> (&mut String, &mut u64, &mut u64);

    fn search(&self) -> String {
        self.clone().paging().0.clone()
    }

    /// A new search starts at page 1.
    fn with_search(&self, search: String) -> Self {
        let mut next = self.clone();
        let (q, page, _) = next.paging();
        (*q, *page) = (search, 1);
        next
    }

    /// Same view, another page.
    fn with_page(&self, page: u64) -> Self {
        let mut next = self.clone();
        *next.paging().1 = page.max(1);
        next
    }

    /// Another page size keeps the first row shown on screen.
    fn with_size(&self, size: u64) -> Self {
        let mut next = self.clone();
        let (_, page, old) = next.paging();
        let first_row = (*page - 1) * *old;
        (*page, *old) = (first_row / size.max(1) + 1, size.max(1));
        next
    }
}

/// A view read from `pairs` as if they were the URL's query (for tests).
#[cfg(test)]
pub fn from_pairs<Q: UrlState>(pairs: &[(&str, &str)]) -> Q {
    let map: std::collections::HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Q::from_params(|k| map.get(k).cloned())
}

/// `page=N`, 1-based; missing, zero, negative or not a number is page 1.
pub fn page_param(get: &impl Fn(&str) -> Option<String>) -> u64 {
    get("page")
        .and_then(|p| p.parse().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1)
}

/// `sort=key` or `sort=-key` (descending): the key and whether it is descending; an
/// empty key when there is none.
pub fn sort_param(get: &impl Fn(&str) -> Option<String>) -> (String, bool) {
    let sort = get("sort").unwrap_or_default();
    match sort.strip_prefix('-') {
        Some(k) => (k.to_string(), true),
        None => (sort, false),
    }
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
