//! The lock group list's view state (search, sort, page, page size) as it lives in the
//! URL query, so reload, bookmarks and the back button restore the view; and the API
//! query that view needs.

use crate::logic::odata::{contains, encode_component, Direction, Query};
use crate::logic::url_state::{page_param, query_string, ListView, UrlState};

pub const PAGE_SIZES: [u64; 3] = [25, 50, 100];
pub const DEFAULT_PAGE_SIZE: u64 = 25;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListParams {
    /// Title search text, as typed (trimmed when sent).
    pub search: String,
    /// Sort by title, Z to A.
    pub descending: bool,
    /// 1-based page number.
    pub page: u64,
    pub size: u64,
}

impl Default for ListParams {
    fn default() -> Self {
        ListParams {
            search: String::new(),
            descending: false,
            page: 1,
            size: DEFAULT_PAGE_SIZE,
        }
    }
}

impl UrlState for ListParams {
    /// Reads `q`, `sort`, `page`, `size`.
    fn from_params(get: impl Fn(&str) -> Option<String>) -> ListParams {
        let default = ListParams::default();
        ListParams {
            search: get("q").unwrap_or_default(),
            descending: get("sort").as_deref() == Some("-title"),
            page: page_param(&get),
            size: get("size")
                .and_then(|s| s.parse().ok())
                .filter(|s| PAGE_SIZES.contains(s))
                .unwrap_or(default.size),
        }
    }

    fn to_url_query(&self) -> String {
        let mut parts = Vec::new();
        if !self.search.is_empty() {
            parts.push(format!("q={}", encode_component(&self.search)));
        }
        if self.descending {
            parts.push("sort=-title".to_string());
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        if self.size != DEFAULT_PAGE_SIZE {
            parts.push(format!("size={}", self.size));
        }
        query_string(&parts)
    }
}

impl ListParams {
    /// The API request: one row more than shown, to know whether a next page exists.
    pub fn api_query(&self) -> Query {
        let search = self.search.trim();
        let direction = if self.descending {
            Direction::Desc
        } else {
            Direction::Asc
        };
        Query::new()
            .filter((!search.is_empty()).then(|| contains("title", search)))
            .order_by("title", direction)
            .top(self.size + 1)
            .skip((self.page - 1) * self.size)
            .expand("statistics")
            .expand("supportedFeatures")
    }

    /// Flipping the sort starts at page 1.
    pub fn with_descending(&self, descending: bool) -> ListParams {
        ListParams {
            descending,
            page: 1,
            ..self.clone()
        }
    }

    /// The numbers of the first and last rows shown (from 1), `None` for none.
    pub fn rows_shown(&self, shown: usize) -> Option<(u64, u64)> {
        let first = (self.page - 1) * self.size + 1;
        (shown > 0).then(|| (first, first + shown as u64 - 1))
    }

    /// Human text for the rows shown, e.g. "Rows 26–50" (English; the lock group list says
    /// it in the language shown from [`Self::rows_shown`]).
    pub fn rows_label(&self, shown: usize) -> String {
        match self.rows_shown(shown) {
            None => "No rows".to_string(),
            Some((first, last)) if first == last => format!("Row {first}"),
            Some((first, last)) => format!("Rows {first}–{last}"),
        }
    }
}

/// One page of a list as shown: its rows and whether a next page exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rows<T> {
    pub rows: Vec<T>,
    pub more: bool,
}

impl<T> Rows<T> {
    /// A page with nothing on it (a search that cannot match, answered without a request).
    pub fn none() -> Self {
        Rows {
            rows: Vec::new(),
            more: false,
        }
    }

    /// An answer of up to `size + 1` rows (one extra asked for to know whether a next page
    /// exists), cut to the rows to show.
    pub fn split(mut rows: Vec<T>, size: u64) -> Self {
        let more = rows.len() as u64 > size;
        rows.truncate(size as usize);
        Rows { rows, more }
    }
}

impl ListView for ListParams {
    fn paging(&mut self) -> (&mut String, &mut u64, &mut u64) {
        (&mut self.search, &mut self.page, &mut self.size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> ListParams {
        crate::logic::url_state::from_pairs(pairs)
    }

    #[test]
    fn defaults_and_round_trip() {
        assert_eq!(parse(&[]), ListParams::default());
        assert_eq!(ListParams::default().to_url_query(), "");
        let p = parse(&[
            ("q", "O'Brien & Co"),
            ("sort", "-title"),
            ("page", "3"),
            ("size", "50"),
        ]);
        assert_eq!(p.search, "O'Brien & Co");
        assert!(p.descending);
        assert_eq!((p.page, p.size), (3, 50));
        assert_eq!(
            p.to_url_query(),
            "?q=O%27Brien%20%26%20Co&sort=-title&page=3&size=50"
        );
    }

    #[test]
    fn invalid_values_fall_back() {
        let p = parse(&[("page", "0"), ("size", "7"), ("sort", "bogus")]);
        assert_eq!(p, ListParams::default());
        let p = parse(&[("page", "-2"), ("size", "x")]);
        assert_eq!(p, ListParams::default());
    }

    #[test]
    fn api_query_asks_one_more_row_and_escapes_search() {
        let p = parse(&[("q", " it's "), ("page", "2"), ("size", "25")]);
        let q = p.api_query();
        assert_eq!(q.filter.as_deref(), Some("contains(title,'it''s')"));
        assert_eq!(q.top, Some(26));
        assert_eq!(q.skip, Some(25));
        assert_eq!(q.order_by, vec![("title".to_string(), Direction::Asc)]);
        assert_eq!(q.expand, vec!["statistics", "supportedFeatures"]);
        let blank = parse(&[("q", "   ")]).api_query();
        assert_eq!(blank.filter, None);
        assert_eq!(
            parse(&[("sort", "-title")]).api_query().order_by[0].1,
            Direction::Desc
        );
    }

    #[test]
    fn changes_reset_or_keep_the_position() {
        let p = parse(&[("page", "3"), ("size", "25")]);
        assert_eq!(p.with_search("x".into()).page, 1);
        assert_eq!(p.with_descending(true).page, 1);
        assert_eq!(p.with_page(0).page, 1);
        // Row 51 is first on page 3 of 25; with 50 a page it is on page 2.
        assert_eq!(p.with_size(50).page, 2);
        assert_eq!(p.with_size(100).page, 1);
    }

    #[test]
    fn pages_are_split_and_labelled() {
        let Rows { rows, more } = Rows::split((0..26).collect::<Vec<_>>(), 25);
        assert_eq!((rows.len(), more), (25, true));
        let Rows { rows, more } = Rows::split(vec![1, 2], 25);
        assert_eq!((rows.len(), more), (2, false));
        assert!(Rows::<u8>::none().rows.is_empty());
        let p = parse(&[("page", "2")]);
        assert_eq!(p.rows_label(25), "Rows 26–50");
        assert_eq!(p.rows_label(1), "Row 26");
        assert_eq!(p.rows_label(0), "No rows");
        assert_eq!(p.rows_shown(25), Some((26, 50)));
        assert_eq!(p.rows_shown(0), None);
    }
}
