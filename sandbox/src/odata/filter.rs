//! `$filter`: tokenizer, recursive-descent parser and AST.
//!
//! Grammar (precedence from loosest to tightest: `or` < `and` < `not` < comparison):
//!
//! ```text
//! expr       := and ( "or" and )*
//! and        := unary ( "and" unary )*
//! unary      := "not" unary | comparison
//! comparison := "(" expr ")" | term [ cmp-op term ]
//! term       := literal | property | case-fn "(" property ")"
//!             | match-fn "(" ( property | case-fn "(" property ")" ) "," string ")"
//! cmp-op     := "eq" | "ne" | "gt" | "ge" | "lt" | "le"
//! case-fn    := "tolower" | "toupper"
//! match-fn   := "contains" | "startswith" | "endswith"
//! literal    := string | number | "true" | "false" | "null" | date-time
//! ```
//!
//! Keywords, operators and function names are lowercase (OData 4.0); property
//! names are case-sensitive. Positions in error messages are 0-based character
//! offsets into the `$filter` value, like Microsoft OData's "at position N".

use super::ODataError;

/// Longest accepted `$filter` value, in characters.
pub const MAX_FILTER_LEN: usize = 4096;
/// Deepest accepted nesting of parentheses, `not` and function calls.
pub const MAX_DEPTH: usize = 64;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

impl CompareOp {
    fn from_keyword(word: &str) -> Option<Self> {
        Some(match word {
            "eq" => Self::Eq,
            "ne" => Self::Ne,
            "gt" => Self::Gt,
            "ge" => Self::Ge,
            "lt" => Self::Lt,
            "le" => Self::Le,
            _ => return None,
        })
    }

    /// The OData keyword.
    pub fn keyword(self) -> &'static str {
        match self {
            Self::Eq => "eq",
            Self::Ne => "ne",
            Self::Gt => "gt",
            Self::Ge => "ge",
            Self::Lt => "lt",
            Self::Le => "le",
        }
    }

    /// The operator with its operands swapped (`5 lt x` is `x gt 5`).
    pub fn flipped(self) -> Self {
        match self {
            Self::Eq => Self::Eq,
            Self::Ne => Self::Ne,
            Self::Gt => Self::Lt,
            Self::Ge => Self::Le,
            Self::Lt => Self::Gt,
            Self::Le => Self::Ge,
        }
    }
}

/// `contains`, `startswith`, `endswith`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchFn {
    Contains,
    StartsWith,
    EndsWith,
}

impl MatchFn {
    /// The OData function name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Contains => "contains",
            Self::StartsWith => "startswith",
            Self::EndsWith => "endswith",
        }
    }
}

/// `tolower`, `toupper`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseFn {
    Lower,
    Upper,
}

/// A literal value.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Text(String),
    /// Normalised to `YYYY-MM-DDTHH:MM:SS.mmmZ` (UTC).
    DateTime(String),
}

impl Literal {
    /// How the literal is described in error messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Bool(_) => "a boolean",
            Self::Int(_) | Self::Real(_) => "a number",
            Self::Text(_) => "a string",
            Self::DateTime(_) => "a date-time",
        }
    }
}

/// A reference to a property, optionally wrapped in `tolower`/`toupper`.
#[derive(Debug, Clone, PartialEq)]
pub struct PropertyRef {
    pub name: String,
    pub case: Option<CaseFn>,
    /// Position of the property name.
    pub pos: usize,
}

/// One side of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    Property(PropertyRef),
    Literal { value: Literal, pos: usize },
}

impl Operand {
    /// Position in the `$filter` text.
    pub fn pos(&self) -> usize {
        match self {
            Self::Property(p) => p.pos,
            Self::Literal { pos, .. } => *pos,
        }
    }
}

/// A parsed `$filter` expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Filter {
    /// All of (at least two).
    And(Vec<Filter>),
    /// Any of (at least two).
    Or(Vec<Filter>),
    Not(Box<Filter>),
    Compare {
        left: Operand,
        op: CompareOp,
        right: Operand,
        /// Position of the operator.
        pos: usize,
    },
    /// `contains(prop,'x')` and friends.
    Match {
        func: MatchFn,
        property: PropertyRef,
        pattern: String,
        /// Position of the function name.
        pos: usize,
    },
    /// A bare operand used as a condition: a boolean property, `true` or `false`.
    Operand(Operand),
}

fn err(message: String) -> ODataError {
    ODataError {
        message: format!("$filter: {message}"),
    }
}

// ---------------------------------------------------------------- tokenizer

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Int(i64),
    Real(f64),
    DateTime(String),
    LParen,
    RParen,
    Comma,
    End,
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    pos: usize,
}

impl Tok {
    fn describe(&self) -> String {
        match self {
            Tok::Ident(s) => format!("'{s}'"),
            Tok::Str(_) => "a string literal".into(),
            Tok::Int(_) | Tok::Real(_) => "a number".into(),
            Tok::DateTime(_) => "a date-time literal".into(),
            Tok::LParen => "'('".into(),
            Tok::RParen => "')'".into(),
            Tok::Comma => "','".into(),
            Tok::End => "end of input".into(),
        }
    }
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn tokenize(chars: &[char]) -> Result<Vec<Token>, ODataError> {
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        match c {
            ' ' | '\t' | '\r' | '\n' => {
                i += 1;
                continue;
            }
            '(' => {
                i += 1;
                toks.push(Token {
                    tok: Tok::LParen,
                    pos: start,
                });
            }
            ')' => {
                i += 1;
                toks.push(Token {
                    tok: Tok::RParen,
                    pos: start,
                });
            }
            ',' => {
                i += 1;
                toks.push(Token {
                    tok: Tok::Comma,
                    pos: start,
                });
            }
            '\'' => {
                let mut s = String::new();
                i += 1;
                loop {
                    match chars.get(i) {
                        None => {
                            return Err(err(format!(
                                "unterminated string literal starting at position {start} \
                                 (write a quote inside a string as '')"
                            )))
                        }
                        Some('\'') if chars.get(i + 1) == Some(&'\'') => {
                            s.push('\'');
                            i += 2;
                        }
                        Some('\'') => {
                            i += 1;
                            break;
                        }
                        Some(&ch) => {
                            s.push(ch);
                            i += 1;
                        }
                    }
                }
                toks.push(Token {
                    tok: Tok::Str(s),
                    pos: start,
                });
            }
            c if c.is_ascii_digit()
                || (c == '-' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())) =>
            {
                if looks_like_date(&chars[i..]) {
                    // A date-time: consume its maximal run of plausible characters.
                    while i < chars.len()
                        && (chars[i].is_ascii_alphanumeric()
                            || matches!(chars[i], ':' | '.' | '+' | '-'))
                    {
                        i += 1;
                    }
                    let text: String = chars[start..i].iter().collect();
                    let normalised = normalise_datetime(&text).map_err(|why| {
                        err(format!(
                            "invalid date-time literal '{text}' at position {start}: {why}"
                        ))
                    })?;
                    toks.push(Token {
                        tok: Tok::DateTime(normalised),
                        pos: start,
                    });
                    continue;
                }
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                let mut real = false;
                if chars.get(i) == Some(&'.')
                    && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())
                {
                    real = true;
                    i += 1;
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        i += 1;
                    }
                }
                if matches!(chars.get(i), Some('e' | 'E')) {
                    let mut j = i + 1;
                    if matches!(chars.get(j), Some('+' | '-')) {
                        j += 1;
                    }
                    if chars.get(j).is_some_and(|d| d.is_ascii_digit()) {
                        real = true;
                        i = j;
                        while i < chars.len() && chars[i].is_ascii_digit() {
                            i += 1;
                        }
                    }
                }
                if chars
                    .get(i)
                    .is_some_and(|&ch| is_ident_char(ch) || ch == '.')
                {
                    return Err(err(format!("invalid number at position {start}")));
                }
                let text: String = chars[start..i].iter().collect();
                let tok = if real {
                    match text.parse::<f64>() {
                        Ok(v) if v.is_finite() => Tok::Real(v),
                        _ => return Err(err(format!("number out of range at position {start}"))),
                    }
                } else {
                    match text.parse::<i64>() {
                        Ok(v) => Tok::Int(v),
                        Err(_) => {
                            return Err(err(format!("number out of range at position {start}")))
                        }
                    }
                };
                toks.push(Token { tok, pos: start });
            }
            c if is_ident_start(c) => {
                while i < chars.len() && is_ident_char(chars[i]) {
                    i += 1;
                }
                toks.push(Token {
                    tok: Tok::Ident(chars[start..i].iter().collect()),
                    pos: start,
                });
            }
            other => {
                return Err(err(format!(
                    "unexpected character '{other}' at position {start}"
                )))
            }
        }
    }
    toks.push(Token {
        tok: Tok::End,
        pos: chars.len(),
    });
    Ok(toks)
}

/// `DDDD-DD-DD` at the start.
fn looks_like_date(chars: &[char]) -> bool {
    chars.len() >= 10
        && chars[..4].iter().all(char::is_ascii_digit)
        && chars[4] == '-'
        && chars[5..7].iter().all(char::is_ascii_digit)
        && chars[7] == '-'
        && chars[8..10].iter().all(char::is_ascii_digit)
}

// ---------------------------------------------------------------- date-times

/// A date-time literal in the stored form `YYYY-MM-DDTHH:MM:SS.mmmZ` (UTC): read by the
/// sandbox's one reader, [`crate::timefmt::normalize`], the same that reads request
/// bodies, so a value `$filter` accepts is one `validFrom` accepts and the other way round.
pub fn normalise_datetime(text: &str) -> Result<String, String> {
    crate::timefmt::normalize(text)
}

// ---------------------------------------------------------------- parser

const RESERVED: &[&str] = &["and", "or", "not", "eq", "ne", "gt", "ge", "lt", "le"];

/// OData functions we recognise but do not implement (clearer message than "unknown").
const UNSUPPORTED_FUNCTIONS: &[&str] = &[
    "length",
    "indexof",
    "substring",
    "substringof",
    "concat",
    "trim",
    "matchesPattern",
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "fractionalseconds",
    "date",
    "time",
    "now",
    "mindatetime",
    "maxdatetime",
    "totaloffsetminutes",
    "round",
    "floor",
    "ceiling",
    "cast",
    "isof",
    "geo",
    "any",
    "all",
];

enum Term {
    Operand(Operand),
    Match {
        func: MatchFn,
        property: PropertyRef,
        pattern: String,
        pos: usize,
    },
}

struct Parser {
    toks: Vec<Token>,
    i: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> &Token {
        &self.toks[self.i]
    }

    fn peek_at(&self, k: usize) -> &Tok {
        &self.toks[(self.i + k).min(self.toks.len() - 1)].tok
    }

    fn bump(&mut self) -> Token {
        let t = self.toks[self.i].clone();
        if self.i + 1 < self.toks.len() {
            self.i += 1;
        }
        t
    }

    fn is_keyword(&self, word: &str) -> bool {
        matches!(&self.peek().tok, Tok::Ident(s) if s == word)
    }

    fn enter(&mut self, pos: usize) -> Result<(), ODataError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(err(format!(
                "expression nested too deeply at position {pos} (at most {MAX_DEPTH} levels)"
            )));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    fn expect(&mut self, want: &Tok, what: &str) -> Result<Token, ODataError> {
        let t = self.peek();
        if &t.tok == want {
            Ok(self.bump())
        } else {
            Err(err(format!(
                "expected {what} at position {}, found {}",
                t.pos,
                t.tok.describe()
            )))
        }
    }

    fn parse_or(&mut self) -> Result<Filter, ODataError> {
        let mut items = vec![self.parse_and()?];
        while self.is_keyword("or") {
            self.bump();
            items.push(self.parse_and()?);
        }
        Ok(if items.len() == 1 {
            items.pop().expect("one item")
        } else {
            Filter::Or(items)
        })
    }

    fn parse_and(&mut self) -> Result<Filter, ODataError> {
        let mut items = vec![self.parse_unary()?];
        while self.is_keyword("and") {
            self.bump();
            items.push(self.parse_unary()?);
        }
        Ok(if items.len() == 1 {
            items.pop().expect("one item")
        } else {
            Filter::And(items)
        })
    }

    fn parse_unary(&mut self) -> Result<Filter, ODataError> {
        if self.is_keyword("not") {
            let pos = self.bump().pos;
            self.enter(pos)?;
            let inner = self.parse_unary()?;
            self.leave();
            return Ok(Filter::Not(Box::new(inner)));
        }
        self.parse_comparison()
    }

    fn comparison_op(&self) -> Option<CompareOp> {
        match &self.peek().tok {
            Tok::Ident(s) => CompareOp::from_keyword(s),
            _ => None,
        }
    }

    fn parse_comparison(&mut self) -> Result<Filter, ODataError> {
        if self.peek().tok == Tok::LParen {
            let pos = self.bump().pos;
            self.enter(pos)?;
            let inner = self.parse_or()?;
            self.expect(&Tok::RParen, "')'")?;
            self.leave();
            if let Some(op) = self.comparison_op() {
                return Err(err(format!(
                    "a parenthesised expression cannot be compared with '{}' at position {}",
                    op.keyword(),
                    self.peek().pos
                )));
            }
            return Ok(inner);
        }
        let left = self.parse_term()?;
        let Some(op) = self.comparison_op() else {
            return Ok(match left {
                Term::Operand(o) => Filter::Operand(o),
                Term::Match {
                    func,
                    property,
                    pattern,
                    pos,
                } => Filter::Match {
                    func,
                    property,
                    pattern,
                    pos,
                },
            });
        };
        let pos = self.bump().pos;
        let right = self.parse_term()?;
        if let Some(next) = self.comparison_op() {
            return Err(err(format!(
                "comparisons cannot be chained: unexpected '{}' at position {}; use parentheses and 'and'",
                next.keyword(),
                self.peek().pos
            )));
        }
        match (left, right) {
            (Term::Operand(left), Term::Operand(right)) => Ok(Filter::Compare {
                left,
                op,
                right,
                pos,
            }),
            // `contains(title,'x') eq true` and the like.
            (
                Term::Match {
                    func,
                    property,
                    pattern,
                    pos: fpos,
                },
                Term::Operand(Operand::Literal {
                    value: Literal::Bool(b),
                    ..
                }),
            )
            | (
                Term::Operand(Operand::Literal {
                    value: Literal::Bool(b),
                    ..
                }),
                Term::Match {
                    func,
                    property,
                    pattern,
                    pos: fpos,
                },
            ) if matches!(op, CompareOp::Eq | CompareOp::Ne) => {
                let m = Filter::Match {
                    func,
                    property,
                    pattern,
                    pos: fpos,
                };
                Ok(if b == (op == CompareOp::Eq) {
                    m
                } else {
                    Filter::Not(Box::new(m))
                })
            }
            (Term::Match { func, .. }, _) | (_, Term::Match { func, .. }) => Err(err(format!(
                "the result of {}() can only be compared with true or false using 'eq' or 'ne' (at position {pos})",
                func.name()
            ))),
        }
    }

    /// `name` or `tolower(name)` / `toupper(name)`.
    fn parse_property(&mut self, context: &str) -> Result<PropertyRef, ODataError> {
        let t = self.peek().clone();
        match &t.tok {
            Tok::Ident(name)
                if matches!(name.as_str(), "tolower" | "toupper")
                    && self.peek_at(1) == &Tok::LParen =>
            {
                self.bump();
                self.bump();
                self.enter(t.pos)?;
                let inner = self.parse_property_name(&format!("the argument of {name}()"))?;
                self.expect(&Tok::RParen, "')'")?;
                self.leave();
                Ok(PropertyRef {
                    case: Some(if name == "tolower" {
                        CaseFn::Lower
                    } else {
                        CaseFn::Upper
                    }),
                    ..inner
                })
            }
            _ => self.parse_property_name(context),
        }
    }

    fn parse_property_name(&mut self, context: &str) -> Result<PropertyRef, ODataError> {
        let t = self.peek().clone();
        match &t.tok {
            Tok::Ident(name)
                if !RESERVED.contains(&name.as_str())
                    && !matches!(name.as_str(), "true" | "false" | "null")
                    && self.peek_at(1) != &Tok::LParen =>
            {
                self.bump();
                Ok(PropertyRef {
                    name: name.clone(),
                    case: None,
                    pos: t.pos,
                })
            }
            other => Err(err(format!(
                "expected a property name as {context} at position {}, found {}",
                t.pos,
                other.describe()
            ))),
        }
    }

    fn parse_term(&mut self) -> Result<Term, ODataError> {
        let t = self.peek().clone();
        let pos = t.pos;
        let literal = |value| Ok(Term::Operand(Operand::Literal { value, pos }));
        match t.tok {
            Tok::Str(s) => {
                self.bump();
                literal(Literal::Text(s))
            }
            Tok::Int(v) => {
                self.bump();
                literal(Literal::Int(v))
            }
            Tok::Real(v) => {
                self.bump();
                literal(Literal::Real(v))
            }
            Tok::DateTime(s) => {
                self.bump();
                literal(Literal::DateTime(s))
            }
            Tok::Ident(ref word)
                if self.peek_at(1) == &Tok::LParen && !RESERVED.contains(&word.as_str()) =>
            {
                let func = match word.as_str() {
                    "contains" => MatchFn::Contains,
                    "startswith" => MatchFn::StartsWith,
                    "endswith" => MatchFn::EndsWith,
                    "tolower" | "toupper" => {
                        return Ok(Term::Operand(Operand::Property(
                            self.parse_property("an operand")?,
                        )))
                    }
                    w if UNSUPPORTED_FUNCTIONS.contains(&w) => {
                        return Err(err(format!(
                            "function '{w}' is not supported at position {pos}"
                        )))
                    }
                    w => return Err(err(format!("unknown function '{w}' at position {pos}"))),
                };
                self.bump();
                self.bump();
                self.enter(pos)?;
                let property =
                    self.parse_property(&format!("the first argument of {}()", func.name()))?;
                self.expect(&Tok::Comma, "','")?;
                let arg = self.peek().clone();
                let Tok::Str(pattern) = arg.tok else {
                    return Err(err(format!(
                        "expected a string literal as the second argument of {}() at position {}, found {}",
                        func.name(),
                        arg.pos,
                        arg.tok.describe()
                    )));
                };
                self.bump();
                self.expect(&Tok::RParen, "')'")?;
                self.leave();
                Ok(Term::Match {
                    func,
                    property,
                    pattern,
                    pos,
                })
            }
            Tok::Ident(ref word) => match word.as_str() {
                "true" => {
                    self.bump();
                    literal(Literal::Bool(true))
                }
                "false" => {
                    self.bump();
                    literal(Literal::Bool(false))
                }
                "null" => {
                    self.bump();
                    literal(Literal::Null)
                }
                w if RESERVED.contains(&w) => Err(err(format!(
                    "expected a property or value at position {pos}, found '{w}'"
                ))),
                _ => Ok(Term::Operand(Operand::Property(
                    self.parse_property_name("an operand")?,
                ))),
            },
            other => Err(err(format!(
                "expected a property or value at position {pos}, found {}",
                other.describe()
            ))),
        }
    }
}

/// Parses a `$filter` value.
pub fn parse_filter(text: &str) -> Result<Filter, ODataError> {
    let len = text.chars().count();
    if len > MAX_FILTER_LEN {
        return Err(err(format!(
            "expression too long ({len} characters; at most {MAX_FILTER_LEN})"
        )));
    }
    let chars: Vec<char> = text.chars().collect();
    let toks = tokenize(&chars)?;
    if toks.len() == 1 {
        return Err(err("empty expression".into()));
    }
    let mut p = Parser {
        toks,
        i: 0,
        depth: 0,
    };
    let filter = p.parse_or()?;
    let t = p.peek();
    if t.tok != Tok::End {
        return Err(err(format!(
            "expected 'and', 'or' or end of input at position {}, found {}",
            t.pos,
            t.tok.describe()
        )));
    }
    Ok(filter)
}
