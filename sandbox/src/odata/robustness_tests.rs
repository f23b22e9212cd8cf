//! Property tests on proptest, so a failure shrinks to a small, readable case.
//!
//! 1. Well-typed filter trees (a recursive strategy) are spelled as text: the
//!    minimal parentheses plus redundant ones, varied whitespace and equivalent
//!    literal spellings, each choice drawn from a list of bytes that shrinks
//!    towards the plainest spelling. The text must parse back to the same tree
//!    (precedence, escapes, date-time normalisation), translate, run in SQLite
//!    over generated rows, and select exactly the rows, in the `$orderby` order,
//!    that an independent in-Rust evaluator selects (OData/C# null semantics,
//!    ASCII-case-insensitive `LIKE`).
//! 2. Mangled filters, token soup, character soup, deep nesting and any Unicode
//!    text must never panic: each gives a non-empty `ODataError` naming the
//!    option, or SQL that SQLite accepts.
//!
//! Each property runs 256 cases (`PROPTEST_CASES` overrides it for a deeper run).

use super::filter::{CaseFn, CompareOp, Filter, Literal, MatchFn, Operand, PropertyRef};
use super::tests::{CREATE_TABLE, FIELDS};
use super::*;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::TestRunner;
use rusqlite::Connection;
use std::cell::Cell;
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// 256 cases per property unless `PROPTEST_CASES` says otherwise.
fn config() -> ProptestConfig {
    let mut config = ProptestConfig {
        source_file: Some(file!()),
        ..ProptestConfig::default()
    };
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 256;
    }
    config
}

const TEXTS: &[&str] = &[
    "Office",
    "office",
    "OFFICE Building",
    "O'Brien",
    "100% done",
    "a_b",
    "a%b",
    r"back\slash",
    "Ünïcode ü",
    "",
    "x",
    "it''s",
];
const PATTERNS: &[&str] = &[
    "off", "Off", "O'B", "%", "_", "\\", "a_b", "ü", "Ü", "", "e B", "x", "''", "DONE",
];
const DATES: &[&str] = &[
    "2020-03-03T15:53:03.587Z",
    "2020-03-03T15:53:03.000Z",
    "2019-12-31T23:59:59.999Z",
    "2021-01-01T00:00:00.000Z",
];
const REALS: &[f64] = &[0.5, -1.5, 2.0, 1000.0];
const OPS: &[CompareOp] = &[
    CompareOp::Eq,
    CompareOp::Ne,
    CompareOp::Gt,
    CompareOp::Ge,
    CompareOp::Lt,
    CompareOp::Le,
];
const MATCH_FNS: &[MatchFn] = &[MatchFn::Contains, MatchFn::StartsWith, MatchFn::EndsWith];
const TYPES: &[FieldType] = &[
    FieldType::Text,
    FieldType::Integer,
    FieldType::Boolean,
    FieldType::DateTime,
];

fn field_index(name: &str) -> usize {
    FIELDS.iter().position(|f| f.name == name).expect("field")
}

fn fields_of(ty: FieldType) -> Vec<&'static str> {
    FIELDS
        .iter()
        .filter(|f| f.ty == ty)
        .map(|f| f.name)
        .collect()
}

// ------------------------------------------------------------------ strategies

fn literal(ty: FieldType) -> BoxedStrategy<Literal> {
    match ty {
        FieldType::Text => select(TEXTS).prop_map(|s| Literal::Text(s.into())).boxed(),
        FieldType::Integer => prop_oneof![
            3 => (-3i64..=3).prop_map(Literal::Int),
            1 => select(REALS).prop_map(Literal::Real),
        ]
        .boxed(),
        FieldType::Boolean => any::<bool>().prop_map(Literal::Bool).boxed(),
        FieldType::DateTime => select(DATES)
            .prop_map(|s| Literal::DateTime(s.into()))
            .boxed(),
    }
}

/// A literal of `ty`, or `null` `null_percent` of the time.
fn literal_or_null(ty: FieldType, null_percent: u32) -> BoxedStrategy<Literal> {
    prop_oneof![
        100 - null_percent => literal(ty),
        null_percent => Just(Literal::Null),
    ]
    .boxed()
}

fn property(ty: FieldType) -> BoxedStrategy<PropertyRef> {
    let case = if ty == FieldType::Text {
        prop_oneof![
            8 => Just(None),
            1 => Just(Some(CaseFn::Lower)),
            1 => Just(Some(CaseFn::Upper)),
        ]
        .boxed()
    } else {
        Just(None).boxed()
    };
    (select(fields_of(ty)), case)
        .prop_map(|(name, case)| PropertyRef {
            name: name.into(),
            case,
            pos: 0,
        })
        .boxed()
}

fn literal_operand(value: Literal) -> Operand {
    Operand::Literal { value, pos: 0 }
}

/// A comparison; `null` only with `eq`/`ne`; operands swapped 30% of the time.
fn compare(left: Operand, op: CompareOp, right: Operand, swap: bool) -> Filter {
    let has_null = [&left, &right].into_iter().any(|o| {
        matches!(
            o,
            Operand::Literal {
                value: Literal::Null,
                ..
            }
        )
    });
    let op = match op {
        CompareOp::Eq | CompareOp::Gt | CompareOp::Lt if has_null => CompareOp::Eq,
        _ if has_null => CompareOp::Ne,
        op => op,
    };
    let (left, right) = if swap { (right, left) } else { (left, right) };
    Filter::Compare {
        left,
        op,
        right,
        pos: 0,
    }
}

fn typed_compare(ty: FieldType) -> BoxedStrategy<Filter> {
    let op = || select(OPS);
    let swap = || prop::bool::weighted(0.3);
    prop_oneof![
        4 => (property(ty), op(), literal_or_null(ty, 15), swap()).prop_map(|(p, op, v, swap)| {
            compare(Operand::Property(p), op, literal_operand(v), swap)
        }),
        1 => (property(ty), op(), property(ty), swap()).prop_map(|(a, op, b, swap)| {
            compare(Operand::Property(a), op, Operand::Property(b), swap)
        }),
        1 => (literal(ty), op(), literal_or_null(ty, 20), swap()).prop_map(|(a, op, b, swap)| {
            compare(literal_operand(a), op, literal_operand(b), swap)
        }),
    ]
    .boxed()
}

/// A leaf condition: a comparison, a `contains`-like match, or a bare boolean.
fn atom() -> BoxedStrategy<Filter> {
    prop_oneof![
        6 => select(TYPES).prop_flat_map(typed_compare),
        2 => (select(MATCH_FNS), property(FieldType::Text), select(PATTERNS)).prop_map(
            |(func, property, pattern)| Filter::Match {
                func,
                property,
                pattern: pattern.into(),
                pos: 0,
            }
        ),
        1 => property(FieldType::Boolean).prop_map(|p| Filter::Operand(Operand::Property(p))),
        1 => any::<bool>().prop_map(|b| Filter::Operand(literal_operand(Literal::Bool(b)))),
    ]
    .boxed()
}

/// Trees up to five levels deep: `not`, and `and`/`or` of two or three.
fn filter_tree() -> impl Strategy<Value = Filter> {
    atom().prop_recursive(5, 48, 3, |inner| {
        prop_oneof![
            inner.clone().prop_map(|f| Filter::Not(Box::new(f))),
            prop::collection::vec(inner.clone(), 2..=3).prop_map(Filter::And),
            prop::collection::vec(inner, 2..=3).prop_map(Filter::Or),
        ]
    })
}

/// The spelling choices for one text: shrinks towards the plainest spelling
/// (an exhausted or zero byte always picks the first, plainest option).
fn spelling() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..400)
}

// ------------------------------------------------------------------ renderer

/// Reads spelling choices; past the end every choice is the plainest.
struct Choices<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Choices<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, at: 0 }
    }

    fn plainest() -> Self {
        Self::new(&[])
    }

    fn byte(&mut self) -> u8 {
        let b = self.bytes.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }

    /// True for about `percent` % of bytes, false for 0.
    fn chance(&mut self, percent: u32) -> bool {
        u32::from(self.byte()) * 100 >= (100 - percent) * 256
    }

    fn pick<'b, T>(&mut self, items: &'b [T]) -> &'b T {
        &items[usize::from(self.byte()) % items.len()]
    }
}

fn ws(c: &mut Choices) -> &'static str {
    const WS: &[&str] = &[" ", " ", " ", "  ", "\t", "\n"];
    c.pick::<&str>(WS)
}

fn opt_ws(c: &mut Choices) -> &'static str {
    const OPT_WS: &[&str] = &["", "", " "];
    c.pick::<&str>(OPT_WS)
}

fn render_literal(c: &mut Choices, lit: &Literal) -> String {
    match lit {
        Literal::Null => "null".into(),
        Literal::Bool(b) => b.to_string(),
        Literal::Int(v) => v.to_string(),
        Literal::Real(v) => format!("{v:?}"),
        Literal::Text(s) => format!("'{}'", s.replace('\'', "''")),
        Literal::DateTime(s) => {
            let mut s = s.clone();
            if c.chance(30) && s.ends_with(".000Z") {
                s = s.replace(".000Z", "Z");
            } else if c.chance(30) {
                s = s.replace('Z', "4999Z"); // extra fraction digits are truncated
            }
            if c.chance(30) {
                s = s.replace('Z', "+00:00");
            }
            s
        }
    }
}

fn render_property(c: &mut Choices, p: &PropertyRef) -> String {
    match p.case {
        None => p.name.clone(),
        Some(case) => format!(
            "{}({}{}{})",
            if case == CaseFn::Lower {
                "tolower"
            } else {
                "toupper"
            },
            opt_ws(c),
            p.name,
            opt_ws(c)
        ),
    }
}

fn render_operand(c: &mut Choices, o: &Operand) -> String {
    match o {
        Operand::Property(p) => render_property(c, p),
        Operand::Literal { value, .. } => render_literal(c, value),
    }
}

fn precedence(f: &Filter) -> u8 {
    match f {
        Filter::Or(_) => 1,
        Filter::And(_) => 2,
        Filter::Not(_) => 3,
        _ => 4,
    }
}

fn render_match(c: &mut Choices, func: MatchFn, property: &PropertyRef, pattern: &str) -> String {
    format!(
        "{}({}{}{},{}{}{})",
        func.name(),
        opt_ws(c),
        render_property(c, property),
        opt_ws(c),
        opt_ws(c),
        render_literal(c, &Literal::Text(pattern.to_string())),
        opt_ws(c)
    )
}

fn render(c: &mut Choices, f: &Filter, min_precedence: u8) -> String {
    let body = match f {
        Filter::Or(items) | Filter::And(items) => {
            let (word, child) = if matches!(f, Filter::Or(_)) {
                ("or", 2)
            } else {
                ("and", 3)
            };
            let mut out = String::new();
            for (k, item) in items.iter().enumerate() {
                if k > 0 {
                    out.push_str(ws(c));
                    out.push_str(word);
                    out.push_str(ws(c));
                }
                out.push_str(&render(c, item, child));
            }
            out
        }
        Filter::Not(inner) => match &**inner {
            // `contains(...) eq false` parses as not contains(...).
            Filter::Match {
                func,
                property,
                pattern,
                ..
            } if c.chance(30) => {
                format!(
                    "{}{}eq{}false",
                    render_match(c, *func, property, pattern),
                    ws(c),
                    ws(c)
                )
            }
            _ => format!("not{}{}", ws(c), render(c, inner, 3)),
        },
        Filter::Compare {
            left, op, right, ..
        } => format!(
            "{}{}{}{}{}",
            render_operand(c, left),
            ws(c),
            op.keyword(),
            ws(c),
            render_operand(c, right)
        ),
        Filter::Match {
            func,
            property,
            pattern,
            ..
        } => {
            let m = render_match(c, *func, property, pattern);
            match c.byte() % 6 {
                4 => format!("{m}{}eq{}true", ws(c), ws(c)),
                5 => format!("true{}eq{}{m}", ws(c), ws(c)),
                _ => m,
            }
        }
        Filter::Operand(o) => render_operand(c, o),
    };
    if precedence(f) < min_precedence || c.chance(8) {
        format!("({}{body}{})", opt_ws(c), opt_ws(c))
    } else {
        body
    }
}

/// The filter in its plainest spelling, for failure reports.
struct Plain<'a>(&'a Filter);

impl fmt::Display for Plain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&render(&mut Choices::plainest(), self.0, 0))
    }
}

/// A filter tree with its spelling.
#[derive(Clone)]
struct Spelled {
    tree: Filter,
    text: String,
}

impl fmt::Debug for Spelled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} (the tree {})", self.text, Plain(&self.tree))
    }
}

prop_compose! {
    fn spelled()(tree in filter_tree(), spelling in spelling()) -> Spelled {
        let text = render(&mut Choices::new(&spelling), &tree, 0);
        Spelled { tree, text }
    }
}

/// The filter with all positions zeroed.
fn strip(f: &Filter) -> Filter {
    let prop = |p: &PropertyRef| PropertyRef {
        pos: 0,
        ..p.clone()
    };
    let operand = |o: &Operand| match o {
        Operand::Property(p) => Operand::Property(prop(p)),
        Operand::Literal { value, .. } => Operand::Literal {
            value: value.clone(),
            pos: 0,
        },
    };
    match f {
        Filter::And(items) => Filter::And(items.iter().map(strip).collect()),
        Filter::Or(items) => Filter::Or(items.iter().map(strip).collect()),
        Filter::Not(inner) => Filter::Not(Box::new(strip(inner))),
        Filter::Compare {
            left, op, right, ..
        } => Filter::Compare {
            left: operand(left),
            op: *op,
            right: operand(right),
            pos: 0,
        },
        Filter::Match {
            func,
            property,
            pattern,
            ..
        } => Filter::Match {
            func: *func,
            property: prop(property),
            pattern: pattern.clone(),
            pos: 0,
        },
        Filter::Operand(o) => Filter::Operand(operand(o)),
    }
}

// ------------------------------------------------------------------ evaluator

#[derive(Debug, Clone, PartialEq, PartialOrd)]
enum Scalar {
    Num(f64),
    Text(String),
}

type Row = Vec<Option<Scalar>>;

fn operand_value(o: &Operand, row: &Row) -> Option<Scalar> {
    match o {
        Operand::Property(p) => {
            let v = row[field_index(&p.name)].clone();
            match (v, p.case) {
                (Some(Scalar::Text(s)), Some(CaseFn::Lower)) => {
                    Some(Scalar::Text(s.to_ascii_lowercase()))
                }
                (Some(Scalar::Text(s)), Some(CaseFn::Upper)) => {
                    Some(Scalar::Text(s.to_ascii_uppercase()))
                }
                (v, _) => v,
            }
        }
        Operand::Literal { value, .. } => match value {
            Literal::Null => None,
            Literal::Bool(b) => Some(Scalar::Num(f64::from(u8::from(*b)))),
            Literal::Int(v) => Some(Scalar::Num(*v as f64)),
            Literal::Real(v) => Some(Scalar::Num(*v)),
            Literal::Text(s) | Literal::DateTime(s) => Some(Scalar::Text(s.clone())),
        },
    }
}

/// OData/C# semantics: null equals only null; ordering with null is false.
fn eval(f: &Filter, row: &Row) -> bool {
    match f {
        Filter::And(items) => items.iter().all(|i| eval(i, row)),
        Filter::Or(items) => items.iter().any(|i| eval(i, row)),
        Filter::Not(inner) => !eval(inner, row),
        Filter::Operand(Operand::Literal {
            value: Literal::Bool(b),
            ..
        }) => *b,
        Filter::Operand(o) => operand_value(o, row) == Some(Scalar::Num(1.0)),
        Filter::Match {
            func,
            property,
            pattern,
            ..
        } => match operand_value(&Operand::Property(property.clone()), row) {
            Some(Scalar::Text(s)) => {
                let (s, p) = (s.to_ascii_lowercase(), pattern.to_ascii_lowercase());
                match func {
                    MatchFn::Contains => s.contains(&p),
                    MatchFn::StartsWith => s.starts_with(&p),
                    MatchFn::EndsWith => s.ends_with(&p),
                }
            }
            _ => false,
        },
        Filter::Compare {
            left, op, right, ..
        } => {
            let (l, r) = (operand_value(left, row), operand_value(right, row));
            match op {
                CompareOp::Eq => l == r,
                CompareOp::Ne => l != r,
                _ => match (l, r) {
                    (Some(l), Some(r)) => match op {
                        CompareOp::Gt => l > r,
                        CompareOp::Ge => l >= r,
                        CompareOp::Lt => l < r,
                        _ => l <= r,
                    },
                    _ => false,
                },
            }
        }
    }
}

// ------------------------------------------------------------------ data

fn database(rows: &[Row]) -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(CREATE_TABLE).unwrap();
    let columns: Vec<&str> = FIELDS
        .iter()
        .map(|f| f.sql.trim_start_matches("g."))
        .collect();
    let sql = format!(
        "INSERT INTO groups ({}) VALUES ({})",
        columns.join(", "),
        vec!["?"; columns.len()].join(", ")
    );
    let mut insert = conn.prepare(&sql).unwrap();
    for row in rows {
        let values = row.iter().map(|v| match v {
            None => rusqlite::types::Value::Null,
            Some(Scalar::Text(s)) => rusqlite::types::Value::Text(s.clone()),
            Some(Scalar::Num(n)) => rusqlite::types::Value::Integer(*n as i64),
        });
        insert.execute(rusqlite::params_from_iter(values)).unwrap();
    }
    drop(insert);
    conn
}

fn select_ids(conn: &Connection, parts: SqlParts) -> Result<Vec<i64>, String> {
    let placeholders = parts
        .where_sql
        .as_deref()
        .unwrap_or("")
        .matches('?')
        .count();
    if placeholders != parts.params.len() {
        return Err(format!(
            "{placeholders} placeholders, {} params",
            parts.params.len()
        ));
    }
    let sql = format!(
        "SELECT g.id FROM groups g WHERE {} ORDER BY {}",
        parts.where_sql.as_deref().unwrap_or("1"),
        parts
            .order_sql
            .as_deref()
            .map_or("g.id".to_string(), |o| format!("{o}, g.id"))
    );
    let mut stmt = conn.prepare(&sql).map_err(|e| format!("{sql}: {e}"))?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(parts.params), |r| r.get(0))
        .map_err(|e| format!("{sql}: {e}"))?;
    rows.collect::<Result<_, _>>()
        .map_err(|e| format!("{sql}: {e}"))
}

fn nocase_fields() -> Vec<Field> {
    FIELDS
        .iter()
        .map(|f| match f.ty {
            FieldType::Text => Field {
                sql: if f.name == "title" {
                    "g.title COLLATE NOCASE"
                } else {
                    "g.description COLLATE NOCASE"
                },
                ..*f
            },
            _ => *f,
        })
        .collect()
}

/// Parses `input` as every option; no panic, and errors are well-formed.
fn check_input(conn: &Connection, input: &str) -> Result<(), String> {
    let outcome = catch_unwind(AssertUnwindSafe(|| -> Result<(), String> {
        for option in ["$filter", "$orderby", "$select", "$top", "$skip"] {
            let pairs = [(option.to_string(), input.to_string())];
            let query = match parse_query(&pairs) {
                Ok(q) => q,
                Err(e) => {
                    if !e.message.starts_with(&format!("{option}: "))
                        || e.message.len() <= option.len() + 2
                    {
                        return Err(format!("bad message {:?}", e.message));
                    }
                    continue;
                }
            };
            if let Err(e) = check_select(&query, FIELDS) {
                if !e.message.starts_with("$select: unknown property") {
                    return Err(format!("bad message {:?}", e.message));
                }
            }
            match to_sql(&query, FIELDS) {
                Err(e) => {
                    if !e.message.starts_with(&format!("{option}: ")) {
                        return Err(format!("bad message {:?}", e.message));
                    }
                }
                Ok(parts) => {
                    select_ids(conn, parts)?;
                }
            }
        }
        Ok(())
    }));
    match outcome {
        Ok(result) => result,
        Err(_) => Err("panicked".into()),
    }
}

/// A row's values by field, `id` left `None` (the row's number fills it).
fn row() -> impl Strategy<Value = Row> {
    FIELDS
        .iter()
        .map(|f| {
            let value = match f.ty {
                _ if f.name == "id" => return Just(None).boxed(),
                FieldType::Text => select(TEXTS).prop_map(|s| Scalar::Text(s.into())).boxed(),
                FieldType::Integer => (-3i32..=3).prop_map(|n| Scalar::Num(n.into())).boxed(),
                FieldType::Boolean => any::<bool>()
                    .prop_map(|b| Scalar::Num(u8::from(b).into()))
                    .boxed(),
                FieldType::DateTime => select(DATES).prop_map(|s| Scalar::Text(s.into())).boxed(),
            };
            prop_oneof![85 => value.prop_map(Some), 15 => Just(None)].boxed()
        })
        .collect::<Vec<_>>()
}

/// Up to 30 rows, numbered from 1.
fn rows() -> impl Strategy<Value = Vec<Row>> {
    prop::collection::vec(row(), 0..=30).prop_map(|mut rows| {
        for (i, row) in rows.iter_mut().enumerate() {
            row[field_index("id")] = Some(Scalar::Num((i + 1) as f64));
        }
        rows
    })
}

/// One round-trip case: a spelled filter, the table's rows and an `$orderby`.
#[derive(Clone)]
struct Case {
    filter: Spelled,
    rows: Vec<Row>,
    orderby: Vec<(String, bool)>,
}

impl fmt::Debug for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "$filter={:?}", self.filter)?;
        writeln!(f, "$orderby={:?}", self.orderby)?;
        let names: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
        writeln!(f, "rows ({}):", names.join(", "))?;
        for row in &self.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|v| match v {
                    None => "null".into(),
                    Some(Scalar::Num(n)) => n.to_string(),
                    Some(Scalar::Text(s)) => format!("{s:?}"),
                })
                .collect();
            writeln!(f, "  {}", cells.join(", "))?;
        }
        Ok(())
    }
}

prop_compose! {
    fn case()(
        filter in spelled(),
        rows in rows(),
        orderby in prop::collection::vec((select(FIELDS), any::<bool>()), 0..3),
    ) -> Case {
        let orderby = orderby.into_iter().map(|(f, desc)| (f.name.to_string(), desc)).collect();
        Case { filter, rows, orderby }
    }
}

// ------------------------------------------------------------------ tests

/// The rows `filter` selects per the evaluator, in `orderby` order (SQLite:
/// NULL sorts first ascending; ties broken by id).
fn expected_ids(rows: &[Row], filter: &Filter, orderby: &[(String, bool)]) -> Vec<i64> {
    let mut want: Vec<(usize, &Row)> = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| eval(filter, row))
        .map(|(i, row)| (i + 1, row))
        .collect();
    want.sort_by(|(ia, a), (ib, b)| {
        for (name, desc) in orderby {
            let k = field_index(name);
            let ord = a[k].partial_cmp(&b[k]).expect("comparable");
            let ord = if *desc { ord.reverse() } else { ord };
            if ord.is_ne() {
                return ord;
            }
        }
        ia.cmp(ib)
    });
    want.into_iter().map(|(i, _)| i as i64).collect()
}

/// Checks one case; `Ok(Some(selective))` when it ran, `Ok(None)` when the text
/// was (rightly) refused as too long.
fn round_trip(case: &Case, nocase: &[Field]) -> Result<Option<bool>, TestCaseError> {
    let Spelled { tree, text } = &case.filter;
    let parsed = match parse_query(&[("$filter".to_string(), text.clone())]) {
        Ok(q) => q,
        Err(e) if text.chars().count() > MAX_FILTER_LEN => {
            prop_assert!(
                e.message.starts_with("$filter: expression too long"),
                "{}",
                e.message
            );
            return Ok(None);
        }
        Err(e) => return Err(TestCaseError::fail(format!("valid filter rejected: {e}"))),
    };
    let filter = parsed.filter.as_ref().expect("filter");
    prop_assert_eq!(&strip(filter), tree, "round trip");

    let query = ListQuery {
        orderby: case.orderby.clone(),
        ..parsed.clone()
    };
    let conn = database(&case.rows);
    let parts = to_sql(&query, FIELDS).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let got = select_ids(&conn, parts).map_err(TestCaseError::fail)?;
    let want = expected_ids(&case.rows, filter, &query.orderby);
    prop_assert_eq!(&got, &want, "SQLite's rows, then the evaluator's");

    // The same query against COLLATE NOCASE field expressions: must be valid SQL.
    let parts = to_sql(&query, nocase).map_err(|e| TestCaseError::fail(e.to_string()))?;
    select_ids(&conn, parts).map_err(|e| TestCaseError::fail(format!("NOCASE: {e}")))?;
    Ok(Some(!got.is_empty() && got.len() < case.rows.len()))
}

#[test]
fn generated_filters_round_trip_and_match_an_independent_evaluator() {
    let nocase = nocase_fields();
    let (checked, selective) = (Cell::new(0u32), Cell::new(0u32));
    let mut runner = TestRunner::new(config());
    let cases = runner.config().cases;
    let result = runner.run(&case(), |case| {
        if let Some(sel) = round_trip(&case, &nocase)? {
            checked.set(checked.get() + 1);
            selective.set(selective.get() + u32::from(sel));
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}\n{runner}");
    }
    let (checked, selective) = (checked.get(), selective.get());
    // Almost no text is over the length limit, and the generated rows and
    // filters are varied enough to be selective.
    assert!(
        checked * 10 >= cases * 9,
        "only {checked} of {cases} cases checked"
    );
    assert!(
        selective * 5 > checked,
        "only {selective} of {checked} selective"
    );
}

const SOUP: &[&str] = &[
    "(",
    ")",
    "'",
    "''",
    "'a''b'",
    ",",
    " ",
    "eq",
    " eq ",
    " and ",
    " or ",
    "not ",
    "title",
    "count",
    "active",
    "contains(",
    "tolower(",
    "2020-03-03T",
    "15:53:03Z",
    "2020-03-03T15:53:03Z",
    "2020-03-03T15:53:03.5+01:00",
    "-",
    "1",
    "1.5",
    "e9",
    "null",
    "true",
    "é",
    "\u{0}",
    "%",
    "\\",
    " gt ",
    "'x'",
    "joinStartDate",
    "99999999999999999999",
    ".",
    "$",
    "ne",
    "/",
    " desc",
    "\u{feff}",
    "\u{1F600}",
];
const CHARS: &[char] = &[
    '(', ')', '\'', ',', ' ', 'e', 'q', 'a', 'n', 'd', 'o', 'r', 't', '-', ':', '.', 'T', 'Z', '0',
    '1', '9', '%', '_', '\\', 'é', '\t', '+', '*', '\u{0}',
];

/// One edit of a text; positions are taken modulo its length.
#[derive(Debug, Clone)]
enum Edit {
    Remove(Index),
    Insert(Index, &'static str),
    Duplicate(Index, usize),
    Truncate(Index),
    Swap(Index, Index),
    Replace(Index, char),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<Index>().prop_map(Edit::Remove),
        (any::<Index>(), select(SOUP)).prop_map(|(at, s)| Edit::Insert(at, s)),
        (any::<Index>(), 1..=12usize).prop_map(|(at, n)| Edit::Duplicate(at, n)),
        any::<Index>().prop_map(Edit::Truncate),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::Swap(a, b)),
        (any::<Index>(), select(CHARS)).prop_map(|(at, c)| Edit::Replace(at, c)),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        let len = chars.len();
        match edit {
            Edit::Insert(at, s) => {
                let at = at.index(len + 1);
                chars.splice(at..at, s.chars());
            }
            Edit::Truncate(at) => chars.truncate(at.index(len + 1)),
            Edit::Replace(at, c) if len == 0 => chars.push(*c),
            _ if len == 0 => {}
            Edit::Remove(at) => {
                chars.remove(at.index(len));
            }
            Edit::Duplicate(at, n) => {
                let at = at.index(len);
                let slice = chars[at..(at + n).min(len)].to_vec();
                chars.splice(at..at, slice);
            }
            Edit::Swap(a, b) => chars.swap(a.index(len), b.index(len)),
            Edit::Replace(at, c) => chars[at.index(len)] = *c,
        }
    }
    chars.into_iter().collect()
}

thread_local! {
    /// A few rows with values and nulls, so that queries run over data.
    static SAMPLE: Connection = sample_database();
}

/// [`check_input`] against the sample rows.
fn check_sample(input: &str) -> Result<(), String> {
    SAMPLE.with(|conn| check_input(conn, input))
}

fn sample_database() -> Connection {
    let rows: Vec<Row> = (0..10)
        .map(|i: usize| {
            FIELDS
                .iter()
                .map(|f| match f.ty {
                    _ if f.name == "id" => Some(Scalar::Num((i + 1) as f64)),
                    _ if i % 4 == 3 => None,
                    FieldType::Text => Some(Scalar::Text(TEXTS[i % TEXTS.len()].into())),
                    FieldType::Integer => Some(Scalar::Num(i as f64 - 3.0)),
                    FieldType::Boolean => Some(Scalar::Num((i % 2) as f64)),
                    FieldType::DateTime => Some(Scalar::Text(DATES[i % DATES.len()].into())),
                })
                .collect()
        })
        .collect();
    database(&rows)
}

proptest! {
    #![proptest_config(config())]

    /// Generated filters with one to three edits: typos, cuts, pasted tokens.
    #[test]
    fn mangled_filters_are_a_named_error_or_sql_sqlite_runs(
        input in (spelled(), prop::collection::vec(edit(), 1..=3))
            .prop_map(|(f, edits)| apply(&f.text, &edits))
    ) {
        prop_assert_eq!(check_sample(&input), Ok(()));
    }

    /// The grammar's pieces in any order, so most inputs get past the tokenizer.
    #[test]
    fn token_soup_is_a_named_error_or_sql_sqlite_runs(
        input in prop::collection::vec(
            prop_oneof![4 => select(SOUP).prop_map(String::from), 1 => "[0-9]{1,25}"],
            0..12,
        )
        .prop_map(|pieces| pieces.concat())
    ) {
        prop_assert_eq!(check_sample(&input), Ok(()));
    }

    #[test]
    fn character_soup_is_a_named_error_or_sql_sqlite_runs(
        input in prop::collection::vec(select(CHARS), 0..30)
            .prop_map(|chars| chars.into_iter().collect::<String>())
    ) {
        prop_assert_eq!(check_sample(&input), Ok(()));
    }

    /// Deep but possibly unbalanced nesting around the depth limit.
    #[test]
    fn deep_nesting_is_a_named_error_or_sql_sqlite_runs(
        input in (0..90usize, 0..90usize, 0..90usize).prop_map(|(open, nots, close)| {
            format!("{}{}active{}", "(".repeat(open), "not ".repeat(nots), ")".repeat(close))
        })
    ) {
        prop_assert_eq!(check_sample(&input), Ok(()));
    }

    #[test]
    fn any_unicode_text_is_a_named_error_or_sql_sqlite_runs(input in "\\PC{0,40}") {
        prop_assert_eq!(check_sample(&input), Ok(()));
    }
}

#[test]
fn inputs_at_the_limits_are_a_named_error_or_sql_sqlite_runs() {
    let conn = sample_database();
    for input in [
        "(".repeat(MAX_FILTER_LEN),
        "(".repeat(MAX_FILTER_LEN + 1),
        "not ".repeat(MAX_FILTER_LEN / 4),
        format!("{}x", "contains(tolower(".repeat(200)),
    ] {
        assert_eq!(check_input(&conn, &input), Ok(()), "{input:?}");
    }
}

#[test]
fn maximum_nesting_fits_a_small_stack() {
    // The server's worker threads have 2 MiB stacks; even an unoptimised
    // build parses and translates the deepest accepted filter in well under
    // half of that (about 300-500 KiB measured), a release build in far less.
    let deepest = format!(
        "{}contains(tolower(title),'x'){}",
        "(not ".repeat(MAX_DEPTH / 2 - 1),
        ")".repeat(MAX_DEPTH / 2 - 1)
    );
    let handle = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(move || {
            let q = parse_query(&[("$filter".to_string(), deepest)]).unwrap();
            to_sql(&q, FIELDS).unwrap().where_sql.unwrap().len()
        })
        .unwrap();
    assert!(handle.join().unwrap() > 0);
}
