//! OData query options for list endpoints: `$filter`, `$orderby`, `$top`,
//! `$skip` and `$select`, parsed from the query string and translated to
//! SQLite SQL with bound parameters.
//!
//! **Why a hand-written parser and not `odata-params` 0.4.0.** The issue asked
//! to evaluate that crate first. It was read (`src/filters/parse.rs`, a `peg`
//! grammar) and exercised in a scratch crate, and it does not meet our needs:
//! it reports every syntax error as a bare `ParseError::Parsing` with no
//! position; strings use backslash escapes, so OData's `'O''Brien'` is
//! rejected; `and`/`or` sit at one right-recursive level (`a and b or c`
//! parses as `a and (b or c)`) and `not` swallows the whole rest of the
//! expression; keywords need no word boundary (`notes eq 1` parses as
//! `not (es eq 1)`); one-character names (`x eq 1`) and negative numbers fail;
//! it only covers `$filter`; and its un-memoised backtracking re-parses every
//! parenthesised group three times, so parsing time grows as 3^depth
//! (14 nested parentheses took 7.3 s in a release build). That last point is a
//! denial of service, and the recursion has no depth limit either. It also
//! pulls in `chrono-tz`, `bigdecimal`, `uuid` and `peg`. The grammar we need is
//! small, so this module has its own tokenizer and recursive-descent parser
//! (precedence `or` < `and` < `not` < comparison; see [`filter`]), which
//! is linear-time, limits input length ([`MAX_FILTER_LEN`]) and nesting
//! ([`MAX_DEPTH`]), and reports what went wrong and where.
//!
//! Semantics of the generated SQL (SQLite):
//! - Every literal becomes a bound `?` parameter; only the `sql` expressions of
//!   the allowed [`Field`]s and fixed keywords are written into the SQL text.
//! - Date-time literals (`2020-03-03T15:53:03.587Z`, `…03Z`, `…03+01:00`,
//!   seconds optional) are converted to UTC and normalised to the stored form
//!   `YYYY-MM-DDTHH:MM:SS.mmmZ` (the fraction is truncated or padded to three
//!   digits), so comparing the text compares the instants. Date-only literals
//!   and literals without a time zone are rejected.
//! - Null handling follows OData/C# semantics, as the real service does:
//!   `eq null` is `IS NULL`, `ne null` is `IS NOT NULL`; `ne 'x'` also matches
//!   rows where the column is null; `not` of a comparison involving a null
//!   column is true; comparing two properties with `eq` is null-safe. Ordering
//!   operators (`gt` …) with `null` are rejected.
//! - `contains`/`startswith`/`endswith` become `LIKE ? ESCAPE '\'` with `%`,
//!   `_` and `\` in the literal escaped. SQLite's `LIKE` is case-insensitive
//!   for ASCII letters only, which matches the real service's case-insensitive
//!   SQL Server collation for ordinary text. `tolower`/`toupper` map to
//!   SQLite's ASCII-only `lower`/`upper`.
//! - Plain comparisons (`eq`, `gt`, ...) and `$orderby` use the column's
//!   collation. To make them case-insensitive like SQL Server, declare the
//!   field's `sql` as e.g. `"g.title COLLATE NOCASE"`; all generated SQL stays
//!   valid with such an expression.
//!
//! Error messages start with the option name, e.g.
//! `$filter: unknown property 'foo' at position 7`,
//! `$filter: expected ')' at position 12, found end of input`,
//! `$top: must be a non-negative integer`. Positions are 0-based character
//! offsets into the option's value.

pub mod filter;
mod sql;

#[cfg(test)]
mod robustness_tests;
#[cfg(test)]
mod tests;

pub use filter::{
    CaseFn, CompareOp, Filter, Literal, MatchFn, Operand, PropertyRef, MAX_DEPTH, MAX_FILTER_LEN,
};

use std::fmt;

/// How a field is stored in SQLite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// TEXT.
    Text,
    /// INTEGER.
    Integer,
    /// INTEGER 0/1.
    Boolean,
    /// TEXT in exactly `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    DateTime,
}

/// A property that list queries may filter, order and select by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The OData (JSON) name, e.g. `"title"`; case-sensitive.
    pub name: &'static str,
    /// The SQL expression, e.g. `"g.title"`.
    pub sql: &'static str,
    pub ty: FieldType,
}

/// A malformed or unsupported query option; the server answers 400 with the message.
#[derive(Debug, Clone, PartialEq)]
pub struct ODataError {
    pub message: String,
}

impl fmt::Display for ODataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ODataError {}

/// The parsed OData options of a list request.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListQuery {
    pub filter: Option<Filter>,
    /// `(property, descending)`, in order.
    pub orderby: Vec<(String, bool)>,
    pub top: Option<u64>,
    pub skip: Option<u64>,
    /// `None`: all properties (no `$select`, or `$select=*`).
    pub select: Option<Vec<String>>,
}

/// SQL fragments for a list query.
#[derive(Debug, Default)]
pub struct SqlParts {
    /// Condition without `WHERE`, with positional `?` placeholders.
    pub where_sql: Option<String>,
    /// Without `ORDER BY`, e.g. `g.title ASC, g.id DESC`.
    pub order_sql: Option<String>,
    /// Values for the placeholders, in order.
    pub params: Vec<rusqlite::types::Value>,
}

fn option_error(option: &str, message: impl fmt::Display) -> ODataError {
    ODataError {
        message: format!("{option}: {message}"),
    }
}

/// `$top` / `$skip`: ASCII digits only, at most `i64::MAX` (SQLite's LIMIT range).
fn parse_count(option: &str, value: &str) -> Result<u64, ODataError> {
    let parsed = if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        value
            .parse::<u64>()
            .ok()
            .filter(|&v| i64::try_from(v).is_ok())
    } else {
        None
    };
    parsed.ok_or_else(|| {
        if value.bytes().all(|b| b.is_ascii_digit()) && !value.is_empty() {
            option_error(
                option,
                format!("must be a non-negative integer no larger than {}", i64::MAX),
            )
        } else {
            option_error(option, "must be a non-negative integer")
        }
    })
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Splits `value` on commas into trimmed items with their 0-based character
/// positions (the position of an empty item is where it would start).
fn split_items(value: &str) -> Vec<(usize, &str)> {
    let mut items = Vec::new();
    let mut start_byte = 0;
    let mut start_char = 0;
    let ends = value
        .char_indices()
        .chain(std::iter::once((value.len(), ',')));
    for (char_pos, (byte, c)) in ends.enumerate() {
        if c == ',' {
            let raw = &value[start_byte..byte];
            let lead = raw.len() - raw.trim_start().len();
            let lead_chars = raw[..lead].chars().count();
            items.push((start_char + lead_chars, raw.trim()));
            start_byte = byte + 1;
            start_char = char_pos + 1;
        }
    }
    items
}

fn parse_orderby(value: &str) -> Result<Vec<(String, bool)>, ODataError> {
    const OPT: &str = "$orderby";
    if value.chars().count() > MAX_FILTER_LEN {
        return Err(option_error(
            OPT,
            format!("too long (at most {MAX_FILTER_LEN} characters)"),
        ));
    }
    let mut keys = Vec::new();
    for (pos, item) in split_items(value) {
        let mut words = Vec::new();
        let mut offset = 0;
        for word in item.split([' ', '\t']) {
            if !word.is_empty() {
                words.push((pos + offset, word));
            }
            offset += word.chars().count() + 1;
        }
        let Some(&(name_pos, name)) = words.first() else {
            return Err(option_error(
                OPT,
                format!("expected a property name at position {pos}"),
            ));
        };
        if !is_identifier(name) {
            return Err(option_error(
                OPT,
                format!("expected a property name at position {name_pos}, found '{name}'"),
            ));
        }
        let desc = match words.get(1) {
            None => false,
            Some((_, "asc")) => false,
            Some((_, "desc")) => true,
            Some(&(p, other)) => {
                return Err(option_error(
                    OPT,
                    format!("expected 'asc', 'desc' or ',' at position {p}, found '{other}'"),
                ))
            }
        };
        if let Some(&(p, other)) = words.get(2) {
            return Err(option_error(
                OPT,
                format!("expected ',' at position {p}, found '{other}'"),
            ));
        }
        keys.push((name.to_string(), desc));
    }
    Ok(keys)
}

fn parse_select(value: &str) -> Result<Option<Vec<String>>, ODataError> {
    const OPT: &str = "$select";
    if value.chars().count() > MAX_FILTER_LEN {
        return Err(option_error(
            OPT,
            format!("too long (at most {MAX_FILTER_LEN} characters)"),
        ));
    }
    let mut names = Vec::new();
    let mut all = false;
    for (pos, item) in split_items(value) {
        if item == "*" {
            all = true;
        } else if is_identifier(item) {
            if !names.iter().any(|n| n == item) {
                names.push(item.to_string());
            }
        } else if item.is_empty() {
            return Err(option_error(
                OPT,
                format!("expected a property name at position {pos}"),
            ));
        } else {
            return Err(option_error(
                OPT,
                format!("expected a property name at position {pos}, found '{item}'"),
            ));
        }
    }
    Ok(if all { None } else { Some(names) })
}

/// Parses `$filter`, `$orderby`, `$top`, `$skip` and `$select` from the raw
/// (already percent-decoded) query pairs; other keys are ignored. An option
/// given twice is an error.
pub fn parse_query(pairs: &[(String, String)]) -> Result<ListQuery, ODataError> {
    let mut query = ListQuery::default();
    let mut seen: Vec<&str> = Vec::new();
    for (key, value) in pairs {
        let key = key.as_str();
        if !matches!(key, "$filter" | "$orderby" | "$top" | "$skip" | "$select") {
            continue;
        }
        if seen.contains(&key) {
            return Err(option_error(key, "given more than once"));
        }
        seen.push(key);
        match key {
            "$filter" => query.filter = Some(filter::parse_filter(value)?),
            "$orderby" => query.orderby = parse_orderby(value)?,
            "$top" => query.top = Some(parse_count(key, value)?),
            "$skip" => query.skip = Some(parse_count(key, value)?),
            _ => query.select = parse_select(value)?,
        }
    }
    Ok(query)
}

/// Translates `$filter` and `$orderby` against the allowed fields (an unknown
/// field or a type mismatch is an error naming it). `$top`, `$skip` and
/// `$select` are left to the caller.
pub fn to_sql(query: &ListQuery, fields: &[Field]) -> Result<SqlParts, ODataError> {
    sql::translate(query, fields)
}

/// Checks the `$select` names against the allowed fields.
pub fn check_select(query: &ListQuery, fields: &[Field]) -> Result<(), ODataError> {
    for name in query.select.iter().flatten() {
        if sql::lookup(fields, name).is_none() {
            return Err(sql::unknown_property("$select", name, None, fields));
        }
    }
    Ok(())
}
