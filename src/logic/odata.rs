//! A small typed builder for the query string of list requests: OData options
//! (`$filter`, `$orderby`, `$top`, `$skip`) plus the API's plain `expand` parameter.
//! Pure, so it is unit-tested natively.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Quotes a string as an OData literal: wrapped in `'`, with `'` doubled.
pub fn string_literal(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// `contains(field,'value')`, the server-side search filter.
pub fn contains(field: &str, value: &str) -> String {
    format!("contains({field},{})", string_literal(value))
}

/// Joins filter clauses with `and`, each parenthesised so precedence cannot surprise.
pub fn and_all<I: IntoIterator<Item = String>>(clauses: I) -> Option<String> {
    let parts: Vec<String> = clauses.into_iter().map(|c| format!("({c})")).collect();
    match parts.len() {
        0 => None,
        1 => Some(parts[0][1..parts[0].len() - 1].to_string()),
        _ => Some(parts.join(" and ")),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Asc,
    Desc,
}

/// Options of one list request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub filter: Option<String>,
    pub order_by: Vec<(String, Direction)>,
    pub top: Option<u64>,
    pub skip: Option<u64>,
    pub expand: Vec<&'static str>,
    /// Other plain parameters (e.g. `includeUnboundLocks=true`).
    pub params: Vec<(&'static str, String)>,
}

impl Query {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn filter(mut self, filter: Option<String>) -> Self {
        self.filter = filter;
        self
    }
    pub fn order_by(mut self, field: &str, direction: Direction) -> Self {
        self.order_by.push((field.to_string(), direction));
        self
    }
    pub fn top(mut self, top: u64) -> Self {
        self.top = Some(top);
        self
    }
    pub fn skip(mut self, skip: u64) -> Self {
        self.skip = Some(skip);
        self
    }
    pub fn expand(mut self, name: &'static str) -> Self {
        self.expand.push(name);
        self
    }
    pub fn param(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.params.push((name, value.into()));
        self
    }

    /// The encoded query string, with its leading `?`, or empty when there is nothing.
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(f) = &self.filter {
            pairs.push(("$filter", f.clone()));
        }
        if !self.order_by.is_empty() {
            let order = self
                .order_by
                .iter()
                .map(|(field, dir)| match dir {
                    Direction::Asc => format!("{field} asc"),
                    Direction::Desc => format!("{field} desc"),
                })
                .collect::<Vec<_>>()
                .join(",");
            pairs.push(("$orderby", order));
        }
        if let Some(top) = self.top {
            pairs.push(("$top", top.to_string()));
        }
        if let Some(skip) = self.skip.filter(|s| *s > 0) {
            pairs.push(("$skip", skip.to_string()));
        }
        if !self.expand.is_empty() {
            pairs.push(("expand", self.expand.join(",")));
        }
        for (k, v) in &self.params {
            pairs.push((k, v.clone()));
        }
        if pairs.is_empty() {
            return String::new();
        }
        let encoded: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
            .collect();
        format!("?{}", encoded.join("&"))
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters (and `$`, which OData
/// option names use and which is safe in a query).
pub fn encode_component(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

/// Everything but RFC 3986's unreserved characters (and `$`, which OData's own
/// parameter names use) is escaped.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'$');

/// Percent-encodes one path segment (ids are opaque strings).
pub fn encode_segment(s: &str) -> String {
    encode_component(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_double_quotes() {
        assert_eq!(string_literal("O'Brien's"), "'O''Brien''s'");
        assert_eq!(contains("title", "it's"), "contains(title,'it''s')");
    }

    #[test]
    fn builds_a_full_list_query() {
        let q = Query::new()
            .filter(Some(contains("title", "Office & Co")))
            .order_by("title", Direction::Desc)
            .top(26)
            .skip(25)
            .expand("statistics")
            .expand("supportedFeatures");
        assert_eq!(
            q.to_query_string(),
            "?$filter=contains%28title%2C%27Office%20%26%20Co%27%29\
             &$orderby=title%20desc&$top=26&$skip=25&expand=statistics%2CsupportedFeatures"
        );
    }

    #[test]
    fn empty_query_and_zero_skip_are_left_out() {
        assert_eq!(Query::new().to_query_string(), "");
        assert_eq!(Query::new().skip(0).top(5).to_query_string(), "?$top=5");
        assert_eq!(
            Query::new()
                .param("includeUnboundLocks", "true")
                .to_query_string(),
            "?includeUnboundLocks=true"
        );
    }

    #[test]
    fn encodes_unicode_and_reserved_characters() {
        assert_eq!(encode_component("Tür #1/2?+"), "T%C3%BCr%20%231%2F2%3F%2B");
        assert_eq!(encode_segment("a b"), "a%20b");
    }

    #[test]
    fn and_all_parenthesises_only_when_joining() {
        assert_eq!(and_all(Vec::new()), None);
        assert_eq!(and_all(vec!["a eq 1".into()]).as_deref(), Some("a eq 1"));
        assert_eq!(
            and_all(vec!["a eq 1".into(), "b or c".into()]).as_deref(),
            Some("(a eq 1) and (b or c)")
        );
    }
}
