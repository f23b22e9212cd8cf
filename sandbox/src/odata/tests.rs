//! Unit tests: parsing, precedence, literals, errors with positions, SQL output.

use super::filter::{normalise_datetime, parse_filter};
use super::*;
use rusqlite::types::Value;

pub(super) const FIELDS: &[Field] = &[
    Field {
        name: "id",
        sql: "g.id",
        ty: FieldType::Integer,
    },
    Field {
        name: "title",
        sql: "g.title",
        ty: FieldType::Text,
    },
    Field {
        name: "description",
        sql: "g.description",
        ty: FieldType::Text,
    },
    Field {
        name: "active",
        sql: "g.active",
        ty: FieldType::Boolean,
    },
    Field {
        name: "count",
        sql: "g.count",
        ty: FieldType::Integer,
    },
    Field {
        name: "joinStartDate",
        sql: "g.join_start_date",
        ty: FieldType::DateTime,
    },
    Field {
        name: "leaveStartDate",
        sql: "g.leave_start_date",
        ty: FieldType::DateTime,
    },
];

pub(super) const CREATE_TABLE: &str = "CREATE TABLE groups (id INTEGER PRIMARY KEY, \
     title TEXT, description TEXT, active INTEGER, count INTEGER, \
     join_start_date TEXT, leave_start_date TEXT)";

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn query(list: &[(&str, &str)]) -> Result<ListQuery, ODataError> {
    parse_query(&pairs(list))
}

/// `(where_sql, params)` for a `$filter`.
fn sql(filter: &str) -> (String, Vec<Value>) {
    let q = query(&[("$filter", filter)]).unwrap_or_else(|e| panic!("{filter}: {e}"));
    let parts = to_sql(&q, FIELDS).unwrap_or_else(|e| panic!("{filter}: {e}"));
    (parts.where_sql.expect("where"), parts.params)
}

/// The error message for a `$filter`, from parsing or translating.
fn filter_error(filter: &str) -> String {
    match query(&[("$filter", filter)]) {
        Err(e) => e.message,
        Ok(q) => match to_sql(&q, FIELDS) {
            Err(e) => e.message,
            Ok(parts) => panic!("{filter}: expected an error, got {parts:?}"),
        },
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// The filter with every position zeroed, for structural comparisons.
fn shape(filter: &str) -> String {
    // Debug output with positions removed.
    let f = parse_filter(filter).unwrap_or_else(|e| panic!("{filter}: {e}"));
    let dbg = format!("{f:?}");
    let mut out = String::new();
    let mut rest = dbg.as_str();
    while let Some(i) = rest.find("pos: ") {
        out.push_str(&rest[..i]);
        rest = rest[i + 5..].trim_start_matches(|c: char| c.is_ascii_digit());
        out.push('_');
    }
    out.push_str(rest);
    out
}

// ------------------------------------------------------------------ parsing

#[test]
fn precedence_or_below_and_below_not_below_comparison() {
    assert_eq!(
        sql("id eq 1 or id eq 2 and id eq 3").0,
        "(g.id = ? OR (g.id = ? AND g.id = ?))"
    );
    assert_eq!(
        sql("id eq 1 and id eq 2 or id eq 3").0,
        "((g.id = ? AND g.id = ?) OR g.id = ?)"
    );
    assert_eq!(
        sql("not id eq 1 and id eq 2").0,
        "((g.id = ?) IS NOT 1 AND g.id = ?)"
    );
    assert_eq!(
        sql("not (id eq 1 and id eq 2)").0,
        "((g.id = ? AND g.id = ?)) IS NOT 1"
    );
    assert_eq!(
        sql("not not active").0,
        "((g.active = 1) IS NOT 1) IS NOT 1"
    );
    assert_eq!(
        sql("(id eq 1 or id eq 2) and id eq 3").0,
        "((g.id = ? OR g.id = ?) AND g.id = ?)"
    );
    // Chains are flat, not nested.
    assert_eq!(
        sql("id eq 1 and id eq 2 and id eq 3 and id eq 4").0,
        "(g.id = ? AND g.id = ? AND g.id = ? AND g.id = ?)"
    );
    assert_eq!(
        sql("id eq 1 and id eq 2").1,
        vec![Value::Integer(1), Value::Integer(2)]
    );
}

#[test]
fn redundant_parentheses_and_whitespace_do_not_change_the_tree() {
    assert_eq!(
        shape("title eq 'a' and active"),
        shape("((title eq 'a')) and\t(\n(active) )")
    );
    assert_eq!(shape("id eq 1"), shape("id  eq  1 "));
}

#[test]
fn keywords_need_word_boundaries() {
    // `notes` is a property, not `not es`; `order`/`android` likewise.
    assert!(shape("notes eq 1").contains("name: \"notes\""));
    assert!(shape("android eq 1").contains("name: \"android\""));
    assert!(shape("order eq 1 or x eq 2").starts_with("Or("));
    assert!(shape("x eq 1").contains("name: \"x\""));
}

#[test]
fn string_literals_and_escapes() {
    assert_eq!(sql("title eq 'O''Brien'").1, vec![text("O'Brien")]);
    assert_eq!(sql("title eq ''''").1, vec![text("'")]);
    assert_eq!(sql("title eq ''").1, vec![text("")]);
    assert_eq!(sql("title eq 'a''''b'").1, vec![text("a''b")]);
    assert_eq!(
        sql("title eq 'and or not ( ) ,'").1,
        vec![text("and or not ( ) ,")]
    );
    assert_eq!(sql("title eq 'Ünïcode ✓'").1, vec![text("Ünïcode ✓")]);
    // Backslash is an ordinary character in OData strings.
    assert_eq!(sql(r"title eq 'a\b'").1, vec![text(r"a\b")]);
}

#[test]
fn number_boolean_and_null_literals() {
    assert_eq!(sql("count eq 42").1, vec![Value::Integer(42)]);
    assert_eq!(sql("count eq -42").1, vec![Value::Integer(-42)]);
    assert_eq!(sql("count gt 1.5").1, vec![Value::Real(1.5)]);
    assert_eq!(sql("count lt 1e3").1, vec![Value::Real(1000.0)]);
    assert_eq!(sql("count lt 2.5E-1").1, vec![Value::Real(0.25)]);
    assert_eq!(
        sql("count eq 9223372036854775807").1,
        vec![Value::Integer(i64::MAX)]
    );
    assert_eq!(
        sql("count eq -9223372036854775808").1,
        vec![Value::Integer(i64::MIN)]
    );
    assert_eq!(sql("active eq true").1, vec![Value::Integer(1)]);
    assert_eq!(sql("active eq false").1, vec![Value::Integer(0)]);
    assert_eq!(
        sql("joinStartDate eq null"),
        ("g.join_start_date IS NULL".into(), vec![])
    );
    assert_eq!(sql("null ne title"), ("g.title IS NOT NULL".into(), vec![]));
}

#[test]
fn date_time_literals_are_normalised() {
    let cases = [
        ("2020-03-03T15:53:03.587Z", "2020-03-03T15:53:03.587Z"),
        ("2020-03-03T15:53:03Z", "2020-03-03T15:53:03.000Z"),
        ("2020-03-03T15:53Z", "2020-03-03T15:53:00.000Z"),
        ("2020-03-03T15:53:03.5Z", "2020-03-03T15:53:03.500Z"),
        ("2020-03-03T15:53:03.58Z", "2020-03-03T15:53:03.580Z"),
        ("2020-03-03T15:53:03.587999999Z", "2020-03-03T15:53:03.587Z"),
        ("2020-03-03T15:53:03+00:00", "2020-03-03T15:53:03.000Z"),
        ("2020-03-03T15:53:03-00:00", "2020-03-03T15:53:03.000Z"),
        ("2020-03-03T16:53:03.1+01:00", "2020-03-03T15:53:03.100Z"),
        ("2020-03-03T22:30:00-05:30", "2020-03-04T04:00:00.000Z"),
        ("2020-03-01T00:30:00+01:00", "2020-02-29T23:30:00.000Z"),
        ("2021-01-01T00:00:00+14:00", "2020-12-31T10:00:00.000Z"),
        ("2000-02-29T00:00:00Z", "2000-02-29T00:00:00.000Z"),
        ("9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"),
    ];
    for (input, want) in cases {
        assert_eq!(normalise_datetime(input).as_deref(), Ok(want), "{input}");
        assert_eq!(
            sql(&format!("joinStartDate gt {input}")),
            ("g.join_start_date > ?".to_string(), vec![text(want)]),
            "{input}"
        );
    }
    let bad = [
        ("2021-02-29T00:00:00Z", "day out of range"),
        ("1900-02-29T00:00:00Z", "day out of range"),
        ("2020-13-01T00:00:00Z", "month out of range"),
        ("2020-00-01T00:00:00Z", "month out of range"),
        ("2020-04-31T00:00:00Z", "day out of range"),
        ("2020-01-01T24:00:00Z", "hour out of range"),
        ("2020-01-01T12:60:00Z", "minute out of range"),
        // Leap seconds are refused here as in request bodies.
        ("2020-01-01T12:00:60Z", "second out of range"),
        ("2020-01-01T12:00:00", "missing time zone"),
        ("2020-01-01T12:00:00+1:00", "expected YYYY"),
        ("2020-01-01T12:00:00+15:00", "offset"),
        ("2020-01-01T12:00:00.Z", "expected YYYY"),
        ("2020-01-01T12:00:00z", "expected YYYY"),
        ("0000-01-01T00:00:00+01:00", "year out of range"),
        ("9999-12-31T23:00:00-01:00", "year out of range"),
    ];
    for (input, why) in bad {
        let e = normalise_datetime(input).expect_err(input);
        assert!(e.contains(why), "{input}: {e}");
    }
}

#[test]
fn date_time_errors_in_filter_name_the_literal_and_position() {
    assert_eq!(
        filter_error("joinStartDate gt 2020-02-30T00:00:00Z"),
        "$filter: invalid date-time literal '2020-02-30T00:00:00Z' at position 17: day out of range"
    );
    assert!(filter_error("joinStartDate gt 2020-02-03")
        .starts_with("$filter: invalid date-time literal '2020-02-03' at position 17:"));
    assert!(filter_error("joinStartDate gt '2020-03-03T15:53:03Z'")
        .contains("write date-times without quotes"));
}

// ------------------------------------------------------------------ errors

#[test]
fn syntax_errors_say_what_and_where() {
    let cases = [
        ("(title eq 'a'", "$filter: expected ')' at position 13, found end of input"),
        ("(title eq 'a' xyz", "$filter: expected ')' at position 14, found 'xyz'"),
        ("title eq", "$filter: expected a property or value at position 8, found end of input"),
        ("title eq 'abc", "$filter: unterminated string literal starting at position 9 (write a quote inside a string as '')"),
        ("title eq 'O'Brien'", "$filter: unterminated string literal starting at position 17 (write a quote inside a string as '')"),
        ("title eq 'O'Brien''", "$filter: expected 'and', 'or' or end of input at position 12, found 'Brien'"),
        ("title # 1", "$filter: unexpected character '#' at position 6"),
        ("title eq 'a' and", "$filter: expected a property or value at position 16, found end of input"),
        ("and title eq 'a'", "$filter: expected a property or value at position 0, found 'and'"),
        ("title EQ 'a'", "$filter: expected 'and', 'or' or end of input at position 6, found 'EQ'"),
        ("title eq eq", "$filter: expected a property or value at position 9, found 'eq'"),
        ("title eq 'a' eq 'b'", "$filter: comparisons cannot be chained: unexpected 'eq' at position 13; use parentheses and 'and'"),
        ("(active) eq true", "$filter: a parenthesised expression cannot be compared with 'eq' at position 9"),
        ("title eq (1)", "$filter: expected a property or value at position 9, found '('"),
        ("count eq 12abc", "$filter: invalid number at position 9"),
        ("count eq 1.2.3", "$filter: invalid number at position 9"),
        ("count eq 99999999999999999999", "$filter: number out of range at position 9"),
        ("count eq 1e999", "$filter: number out of range at position 9"),
        ("count eq - 1", "$filter: unexpected character '-' at position 9"),
        ("", "$filter: empty expression"),
        ("   ", "$filter: empty expression"),
        ("contains(title)", "$filter: expected ',' at position 14, found ')'"),
        ("contains(title, 'a'", "$filter: expected ')' at position 19, found end of input"),
        ("contains('a', title)", "$filter: expected a property name as the first argument of contains() at position 9, found a string literal"),
        ("contains(title, description)", "$filter: expected a string literal as the second argument of contains() at position 16, found 'description'"),
        ("tolower(1) eq 'a'", "$filter: expected a property name as the argument of tolower() at position 8, found a number"),
        ("length(title) eq 1", "$filter: function 'length' is not supported at position 0"),
        ("foo(title) eq 1", "$filter: unknown function 'foo' at position 0"),
        ("contains(title,'a') gt true", "$filter: the result of contains() can only be compared with true or false using 'eq' or 'ne' (at position 20)"),
        ("contains(title,'a') eq 1", "$filter: the result of contains() can only be compared with true or false using 'eq' or 'ne' (at position 20)"),
        ("title eq 'a' or", "$filter: expected a property or value at position 15, found end of input"),
        ("()", "$filter: expected a property or value at position 1, found ')'"),
        ("title eq 'é' and ü eq 1", "$filter: unexpected character 'ü' at position 17"),
    ];
    for (input, want) in cases {
        assert_eq!(filter_error(input), want, "{input}");
    }
}

#[test]
fn translation_errors_say_what_and_where() {
    let cases = [
        ("foo eq 1", "$filter: unknown property 'foo' at position 0"),
        ("title eq 'a' and foo eq 1", "$filter: unknown property 'foo' at position 17"),
        ("Title eq 'a'", "$filter: unknown property 'Title' at position 0 (did you mean 'title'?)"),
        ("title eq 1", "$filter: cannot compare property 'title' (text) with a number at position 9; quote text, e.g. 'Office'"),
        ("1 eq title", "$filter: cannot compare property 'title' (text) with a number at position 0; quote text, e.g. 'Office'"),
        ("count eq 'a'", "$filter: cannot compare property 'count' (integer) with a string at position 9"),
        ("active eq 1", "$filter: cannot compare property 'active' (boolean) with a number at position 10"),
        ("title eq count", "$filter: cannot compare property 'title' (text) with property 'count' (integer) at position 6"),
        ("1 eq 'a'", "$filter: cannot compare a number with a string at position 0"),
        ("title gt null", "$filter: null can only be compared using 'eq' or 'ne' (found 'gt' at position 6)"),
        ("null lt null", "$filter: null can only be compared using 'eq' or 'ne' (found 'lt' at position 5)"),
        ("title", "$filter: property 'title' (text) is not a condition at position 0; compare it with a value, e.g. 'title eq ...'"),
        ("'x'", "$filter: expected a condition at position 0, found a string"),
        ("null", "$filter: expected a condition at position 0, found null"),
        ("contains(count,'1')", "$filter: contains() needs a text property, but 'count' is integer at position 9"),
        ("tolower(count) eq 'a'", "$filter: tolower() needs a text property, but 'count' is integer at position 8"),
        ("not foo", "$filter: unknown property 'foo' at position 4"),
    ];
    for (input, want) in cases {
        assert_eq!(filter_error(input), want, "{input}");
    }
}

#[test]
fn nesting_and_length_limits() {
    let ok = format!("{}active{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
    assert_eq!(sql(&ok).0, "g.active = 1");
    let deep = format!(
        "{}active{}",
        "(".repeat(MAX_DEPTH + 1),
        ")".repeat(MAX_DEPTH + 1)
    );
    assert_eq!(
        filter_error(&deep),
        "$filter: expression nested too deeply at position 64 (at most 64 levels)"
    );
    let nots = format!("{}active", "not ".repeat(MAX_DEPTH + 1));
    assert!(filter_error(&nots).contains("nested too deeply at position 256"));
    // Unbalanced megabyte of parentheses: rejected by length, instantly.
    let huge = "(".repeat(1_000_000);
    assert_eq!(
        filter_error(&huge),
        "$filter: expression too long (1000000 characters; at most 4096)"
    );
    let just_too_long = format!("title eq '{}'", "x".repeat(MAX_FILTER_LEN));
    assert!(filter_error(&just_too_long).starts_with("$filter: expression too long"));
    // Long but flat chains are fine (and stay flat).
    let chain = vec!["id eq 1"; 300].join(" and ");
    assert!(chain.len() <= MAX_FILTER_LEN);
    let (where_sql, params) = sql(&chain);
    assert_eq!(params.len(), 300);
    assert_eq!(where_sql.matches('(').count(), 1);
}

// ------------------------------------------------------------------ SQL

#[test]
fn comparisons_translate_to_bound_parameters() {
    let cases: Vec<(&str, &str, Vec<Value>)> = vec![
        ("title eq 'Office'", "g.title = ?", vec![text("Office")]),
        (
            "title ne 'Office'",
            "g.title IS NOT ?",
            vec![text("Office")],
        ),
        ("count gt 5", "g.count > ?", vec![Value::Integer(5)]),
        ("count ge 5", "g.count >= ?", vec![Value::Integer(5)]),
        ("count lt 5", "g.count < ?", vec![Value::Integer(5)]),
        ("count le 5", "g.count <= ?", vec![Value::Integer(5)]),
        // Literal on the left: flipped so the column stays on the left.
        ("5 lt count", "g.count > ?", vec![Value::Integer(5)]),
        ("5 ge count", "g.count <= ?", vec![Value::Integer(5)]),
        ("'x' eq title", "g.title = ?", vec![text("x")]),
        ("active", "g.active = 1", vec![]),
        ("true", "1", vec![]),
        ("not false", "(0) IS NOT 1", vec![]),
        ("title eq description", "g.title IS g.description", vec![]),
        (
            "title ne description",
            "g.title IS NOT g.description",
            vec![],
        ),
        (
            "joinStartDate lt leaveStartDate",
            "g.join_start_date < g.leave_start_date",
            vec![],
        ),
        (
            "tolower(title) eq 'office'",
            "lower(g.title) = ?",
            vec![text("office")],
        ),
        (
            "toupper(title) eq tolower(description)",
            "upper(g.title) IS lower(g.description)",
            vec![],
        ),
        (
            "1 eq 1",
            "? = ?",
            vec![Value::Integer(1), Value::Integer(1)],
        ),
        (
            "1 ne 1.5",
            "? IS NOT ?",
            vec![Value::Integer(1), Value::Real(1.5)],
        ),
        ("null eq null", "1", vec![]),
        ("null ne 'a'", "1", vec![]),
        (
            "title eq 'x''; DROP TABLE groups; --'",
            "g.title = ?",
            vec![text("x'; DROP TABLE groups; --")],
        ),
    ];
    for (input, want_sql, want_params) in cases {
        assert_eq!(sql(input), (want_sql.to_string(), want_params), "{input}");
    }
}

#[test]
fn string_functions_translate_to_escaped_like() {
    let like = "g.title LIKE ? ESCAPE '\\'";
    assert_eq!(
        sql("contains(title,'Off')"),
        (like.into(), vec![text("%Off%")])
    );
    assert_eq!(
        sql("startswith(title, 'Off')"),
        (like.into(), vec![text("Off%")])
    );
    assert_eq!(
        sql("endswith( title ,'ice' )"),
        (like.into(), vec![text("%ice")])
    );
    assert_eq!(
        sql(r"contains(title,'50%_\x')"),
        (like.into(), vec![text(r"%50\%\_\\x%")])
    );
    assert_eq!(sql("contains(title,'O''B')").1, vec![text("%O'B%")]);
    assert_eq!(
        sql("startswith(tolower(title),'off')"),
        (
            "lower(g.title) LIKE ? ESCAPE '\\'".into(),
            vec![text("off%")]
        )
    );
    assert_eq!(
        sql("contains(title,'a') eq true"),
        sql("contains(title,'a')")
    );
    assert_eq!(
        sql("contains(title,'a') ne false"),
        sql("contains(title,'a')")
    );
    assert_eq!(
        sql("false eq contains(title,'a')"),
        sql("not contains(title,'a')")
    );
    assert_eq!(
        sql("contains(title,'a') ne true").0,
        format!("({like}) IS NOT 1")
    );
}

#[test]
fn orderby_translates_and_validates() {
    let q = query(&[(
        "$orderby",
        "title desc, id,count asc ,  joinStartDate   desc",
    )])
    .unwrap();
    assert_eq!(
        q.orderby,
        vec![
            ("title".to_string(), true),
            ("id".to_string(), false),
            ("count".to_string(), false),
            ("joinStartDate".to_string(), true)
        ]
    );
    let parts = to_sql(&q, FIELDS).unwrap();
    assert_eq!(
        parts.order_sql.as_deref(),
        Some("g.title DESC, g.id ASC, g.count ASC, g.join_start_date DESC")
    );
    assert_eq!(parts.where_sql, None);
    assert!(parts.params.is_empty());

    let q = query(&[("$orderby", "foo")]).unwrap();
    assert_eq!(
        to_sql(&q, FIELDS).unwrap_err().message,
        "$orderby: unknown property 'foo'"
    );
    let q = query(&[("$orderby", "TITLE desc")]).unwrap();
    assert_eq!(
        to_sql(&q, FIELDS).unwrap_err().message,
        "$orderby: unknown property 'TITLE' (did you mean 'title'?)"
    );
    let errors = [
        ("", "$orderby: expected a property name at position 0"),
        ("title,", "$orderby: expected a property name at position 6"),
        (
            "title, ,id",
            "$orderby: expected a property name at position 7",
        ),
        (
            "title up",
            "$orderby: expected 'asc', 'desc' or ',' at position 6, found 'up'",
        ),
        (
            "title DESC",
            "$orderby: expected 'asc', 'desc' or ',' at position 6, found 'DESC'",
        ),
        (
            "title asc id",
            "$orderby: expected ',' at position 10, found 'id'",
        ),
        (
            "ti-tle",
            "$orderby: expected a property name at position 0, found 'ti-tle'",
        ),
        (
            "id, 'x'",
            "$orderby: expected a property name at position 4, found ''x''",
        ),
    ];
    for (input, want) in errors {
        assert_eq!(
            query(&[("$orderby", input)]).unwrap_err().message,
            want,
            "{input}"
        );
    }
}

#[test]
fn filter_and_orderby_together() {
    let q = query(&[
        ("$filter", "active eq true and contains(title,'Off')"),
        ("$orderby", "title"),
        ("$top", "10"),
        ("$skip", "20"),
    ])
    .unwrap();
    assert_eq!(q.top, Some(10));
    assert_eq!(q.skip, Some(20));
    let parts = to_sql(&q, FIELDS).unwrap();
    assert_eq!(
        parts.where_sql.as_deref(),
        Some("(g.active = ? AND g.title LIKE ? ESCAPE '\\')")
    );
    assert_eq!(parts.order_sql.as_deref(), Some("g.title ASC"));
    assert_eq!(parts.params, vec![Value::Integer(1), text("%Off%")]);
}

#[test]
fn top_and_skip() {
    assert_eq!(query(&[("$top", "0")]).unwrap().top, Some(0));
    assert_eq!(query(&[("$skip", "007")]).unwrap().skip, Some(7));
    assert_eq!(
        query(&[("$top", "9223372036854775807")]).unwrap().top,
        Some(i64::MAX as u64)
    );
    for bad in ["", "-1", "+1", "1.5", "abc", " 1", "1 ", "0x10", "١"] {
        for opt in ["$top", "$skip"] {
            assert_eq!(
                query(&[(opt, bad)]).unwrap_err().message,
                format!("{opt}: must be a non-negative integer"),
                "{opt}={bad:?}"
            );
        }
    }
    assert_eq!(
        query(&[("$top", "9223372036854775808")])
            .unwrap_err()
            .message,
        "$top: must be a non-negative integer no larger than 9223372036854775807"
    );
    assert_eq!(
        query(&[("$skip", "99999999999999999999999")])
            .unwrap_err()
            .message,
        "$skip: must be a non-negative integer no larger than 9223372036854775807"
    );
}

#[test]
fn select() {
    let q = query(&[("$select", "title, id,active")]).unwrap();
    assert_eq!(
        q.select,
        Some(vec!["title".into(), "id".into(), "active".into()])
    );
    check_select(&q, FIELDS).unwrap();
    assert_eq!(query(&[("$select", "*")]).unwrap().select, None);
    assert_eq!(query(&[("$select", "title,*")]).unwrap().select, None);
    assert_eq!(
        query(&[("$select", "id,id")]).unwrap().select,
        Some(vec!["id".into()])
    );
    let q = query(&[("$select", "title,foo")]).unwrap();
    assert_eq!(
        check_select(&q, FIELDS).unwrap_err().message,
        "$select: unknown property 'foo'"
    );
    check_select(&ListQuery::default(), FIELDS).unwrap();
    assert_eq!(
        query(&[("$select", "")]).unwrap_err().message,
        "$select: expected a property name at position 0"
    );
    assert_eq!(
        query(&[("$select", "id,,title")]).unwrap_err().message,
        "$select: expected a property name at position 3"
    );
    assert_eq!(
        query(&[("$select", "id, a b")]).unwrap_err().message,
        "$select: expected a property name at position 4, found 'a b'"
    );
}

#[test]
fn query_options_other_keys_and_repeats() {
    let q = query(&[("expand", "statistics"), ("foo", "bar"), ("$count", "true")]).unwrap();
    assert_eq!(q, ListQuery::default());
    // Option names are case-sensitive; others are ignored.
    assert_eq!(
        query(&[("$Filter", "garbage((")]).unwrap(),
        ListQuery::default()
    );
    for opt in ["$filter", "$orderby", "$top", "$skip", "$select"] {
        let value = if opt == "$filter" { "active" } else { "1" };
        let value = if opt == "$orderby" || opt == "$select" {
            "id"
        } else {
            value
        };
        assert_eq!(
            query(&[(opt, value), (opt, value)]).unwrap_err().message,
            format!("{opt}: given more than once")
        );
    }
    assert_eq!(parse_query(&[]).unwrap(), ListQuery::default());
}

#[test]
fn error_type_displays_message() {
    let e = query(&[("$top", "x")]).unwrap_err();
    assert_eq!(e.to_string(), "$top: must be a non-negative integer");
    let _: &dyn std::error::Error = &e;
}

// ------------------------------------------------------------------ SQLite

fn run(conn: &rusqlite::Connection, fields: &[Field], filter: &str, order: &str) -> Vec<i64> {
    let mut pairs = vec![("$filter", filter)];
    if !order.is_empty() {
        pairs.push(("$orderby", order));
    }
    let q = query(&pairs).unwrap();
    let parts = to_sql(&q, fields).unwrap();
    let mut stmt_sql = format!(
        "SELECT g.id FROM groups g WHERE {}",
        parts.where_sql.unwrap()
    );
    stmt_sql.push_str(&format!(
        " ORDER BY {}",
        parts.order_sql.map_or("g.id".to_string(), |o| o + ", g.id")
    ));
    let mut stmt = conn.prepare(&stmt_sql).unwrap();
    let rows = stmt
        .query_map(rusqlite::params_from_iter(parts.params), |r| r.get(0))
        .unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

fn sample_db() -> rusqlite::Connection {
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.execute_batch(CREATE_TABLE).unwrap();
    conn.execute_batch(
        "INSERT INTO groups VALUES
         (1, 'Office Building', 'HQ', 1, 5, '2020-03-03T15:53:03.587Z', NULL),
         (2, 'office annex', NULL, 0, 2, '2020-03-03T15:53:03.000Z', '2020-03-27T14:00:36.800Z'),
         (3, 'O''Brien 100%', 'a_b', 1, NULL, NULL, NULL),
         (4, NULL, 'x', NULL, -1, '2019-12-31T23:59:59.999Z', NULL)",
    )
    .unwrap();
    conn
}

#[test]
fn generated_sql_runs_with_expected_semantics() {
    let conn = sample_db();
    let cases: &[(&str, &[i64])] = &[
        ("title eq 'Office Building'", &[1]),
        ("contains(title,'office')", &[1, 2]), // ASCII case-insensitive LIKE
        ("startswith(title,'O''B')", &[3]),
        ("contains(title,'100%')", &[3]),
        ("contains(title,'0%')", &[3]),
        ("contains(description,'_')", &[3]),
        ("contains(title,'%')", &[3]),
        ("endswith(title,'building')", &[1]),
        // ne and not include NULLs (OData/C# semantics).
        ("title ne 'Office Building'", &[2, 3, 4]),
        ("not (count gt 0)", &[3, 4]),
        ("not contains(title,'o')", &[4]),
        ("description eq null", &[2]),
        ("description ne null", &[1, 3, 4]),
        ("active", &[1, 3]),
        ("not active", &[2, 4]),
        ("active eq false", &[2]),
        ("joinStartDate ge 2020-03-03T15:53:03Z", &[1, 2]),
        ("joinStartDate gt 2020-03-03T15:53:03Z", &[1]),
        ("joinStartDate gt 2020-03-03T16:53:03.5+01:00", &[1]),
        ("joinStartDate lt 2020-01-01T00:00:00Z", &[4]),
        ("joinStartDate lt leaveStartDate", &[2]),
        ("title eq description", &[]),
        ("not (title eq description)", &[1, 2, 3, 4]),
        ("count gt 1.5 or id eq 4", &[1, 2, 4]),
        ("tolower(title) eq 'office annex'", &[2]),
        ("true", &[1, 2, 3, 4]),
        ("false or id eq 1", &[1]),
    ];
    for (filter, want) in cases {
        assert_eq!(run(&conn, FIELDS, filter, ""), *want, "{filter}");
    }
    assert_eq!(run(&conn, FIELDS, "true", "count desc"), vec![1, 2, 4, 3]);
    assert_eq!(
        run(&conn, FIELDS, "true", "active,title desc"),
        vec![4, 2, 1, 3]
    );
}

#[test]
fn collate_nocase_field_expressions_stay_valid() {
    let nocase: Vec<Field> = FIELDS
        .iter()
        .map(|f| match f.name {
            "title" => Field {
                sql: "g.title COLLATE NOCASE",
                ..*f
            },
            _ => *f,
        })
        .collect();
    let conn = sample_db();
    assert_eq!(
        run(&conn, &nocase, "title eq 'OFFICE BUILDING'", ""),
        vec![1]
    );
    assert_eq!(
        run(&conn, &nocase, "title ne 'office building'", ""),
        vec![2, 3, 4]
    );
    assert_eq!(
        run(&conn, &nocase, "contains(tolower(title),'b')", ""),
        vec![1, 3]
    );
    assert_eq!(run(&conn, &nocase, "title eq null", "title"), vec![4]);
    assert_eq!(run(&conn, &nocase, "true", "title"), vec![4, 3, 2, 1]);
}

#[test]
fn filtered_page_uses_an_index_on_100k_rows() {
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.execute_batch(CREATE_TABLE).unwrap();
    conn.execute_batch(
        "CREATE INDEX groups_title ON groups(title);
         CREATE INDEX groups_join ON groups(join_start_date);
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
         INSERT INTO groups SELECT i, 'Group ' || i, NULL, i % 2, i % 7,
             printf('2020-01-01T00:00:%02d.000Z', i % 60), NULL FROM n;",
    )
    .unwrap();
    for (filter, index) in [
        ("title eq 'Group 77777'", "groups_title"),
        ("joinStartDate ge 2020-01-01T00:00:59Z", "groups_join"),
    ] {
        let q = query(&[("$filter", filter)]).unwrap();
        let parts = to_sql(&q, FIELDS).unwrap();
        let sql = format!(
            "SELECT g.id FROM groups g WHERE {} LIMIT 50",
            parts.where_sql.unwrap()
        );
        let plan: Vec<String> = conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap()
            .query_map(rusqlite::params_from_iter(parts.params.clone()), |r| {
                r.get::<_, String>(3)
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(plan.iter().any(|p| p.contains(index)), "{filter}: {plan:?}");
        let started = std::time::Instant::now();
        let n = conn
            .prepare(&sql)
            .unwrap()
            .query_map(rusqlite::params_from_iter(parts.params), |r| {
                r.get::<_, i64>(0)
            })
            .unwrap()
            .count();
        assert!(n >= 1);
        assert!(started.elapsed().as_millis() < 200, "{filter}: slow");
    }
}
