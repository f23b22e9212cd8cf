//! Translation of a parsed [`ListQuery`] into SQLite SQL with bound parameters.

use super::filter::{CaseFn, CompareOp, Filter, Literal, MatchFn, Operand, PropertyRef};
use super::{Field, FieldType, ListQuery, ODataError, SqlParts};
use rusqlite::types::Value;

fn type_name(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Text => "text",
        FieldType::Integer => "integer",
        FieldType::Boolean => "boolean",
        FieldType::DateTime => "date-time",
    }
}

/// The field called exactly `name` (names are case-sensitive).
pub(super) fn lookup<'f>(fields: &'f [Field], name: &str) -> Option<&'f Field> {
    fields.iter().find(|f| f.name == name)
}

/// "`option`: unknown property 'x'[ at position N][ (did you mean 'y'?)]".
pub(super) fn unknown_property(
    option: &str,
    name: &str,
    pos: Option<usize>,
    fields: &[Field],
) -> ODataError {
    let mut message = format!("{option}: unknown property '{name}'");
    if let Some(pos) = pos {
        message.push_str(&format!(" at position {pos}"));
    }
    if let Some(f) = fields.iter().find(|f| f.name.eq_ignore_ascii_case(name)) {
        message.push_str(&format!(" (did you mean '{}'?)", f.name));
    }
    ODataError { message }
}

fn err(message: String) -> ODataError {
    ODataError {
        message: format!("$filter: {message}"),
    }
}

struct Translator<'f> {
    fields: &'f [Field],
    params: Vec<Value>,
}

/// A resolved property: SQL expression, type, and how to name it in messages.
struct Resolved<'p> {
    sql: String,
    ty: FieldType,
    name: &'p str,
    pos: usize,
}

impl Resolved<'_> {
    fn describe(&self) -> String {
        format!("property '{}' ({})", self.name, type_name(self.ty))
    }
}

impl<'f> Translator<'f> {
    fn property<'p>(&self, p: &'p PropertyRef) -> Result<Resolved<'p>, ODataError> {
        let field = lookup(self.fields, &p.name)
            .ok_or_else(|| unknown_property("$filter", &p.name, Some(p.pos), self.fields))?;
        let sql = match p.case {
            None => field.sql.to_string(),
            Some(case) => {
                let func = match case {
                    CaseFn::Lower => "lower",
                    CaseFn::Upper => "upper",
                };
                if !matches!(field.ty, FieldType::Text) {
                    return Err(err(format!(
                        "to{func}() needs a text property, but '{}' is {} at position {}",
                        p.name,
                        type_name(field.ty),
                        p.pos
                    )));
                }
                format!("{func}({})", field.sql)
            }
        };
        Ok(Resolved {
            sql,
            ty: field.ty,
            name: &p.name,
            pos: p.pos,
        })
    }

    /// The parameter for `lit` compared with a property of type `ty`.
    fn bind_for(&self, prop: &Resolved, lit: &Literal, pos: usize) -> Result<Value, ODataError> {
        Ok(match (prop.ty, lit) {
            (FieldType::Text, Literal::Text(s)) => Value::Text(s.clone()),
            (FieldType::Integer, Literal::Int(v)) => Value::Integer(*v),
            (FieldType::Integer, Literal::Real(v)) => Value::Real(*v),
            (FieldType::Boolean, Literal::Bool(b)) => Value::Integer(i64::from(*b)),
            (FieldType::DateTime, Literal::DateTime(s)) => Value::Text(s.clone()),
            (ty, lit) => {
                let hint = match (ty, lit) {
                    (FieldType::DateTime, Literal::Text(_)) => {
                        "; write date-times without quotes, e.g. 2020-03-03T15:53:03Z"
                    }
                    (FieldType::Text, _) => "; quote text, e.g. 'Office'",
                    _ => "",
                };
                return Err(err(format!(
                    "cannot compare {} with {} at position {pos}{hint}",
                    prop.describe(),
                    lit.describe()
                )));
            }
        })
    }

    fn literal_value(lit: &Literal) -> Value {
        match lit {
            Literal::Null => Value::Null,
            Literal::Bool(b) => Value::Integer(i64::from(*b)),
            Literal::Int(v) => Value::Integer(*v),
            Literal::Real(v) => Value::Real(*v),
            Literal::Text(s) | Literal::DateTime(s) => Value::Text(s.clone()),
        }
    }

    fn filter(&mut self, f: &Filter, out: &mut String) -> Result<(), ODataError> {
        match f {
            Filter::And(items) | Filter::Or(items) => {
                let joiner = if matches!(f, Filter::And(_)) {
                    " AND "
                } else {
                    " OR "
                };
                out.push('(');
                for (k, item) in items.iter().enumerate() {
                    if k > 0 {
                        out.push_str(joiner);
                    }
                    self.filter(item, out)?;
                }
                out.push(')');
            }
            Filter::Not(inner) => {
                // `IS NOT 1` rather than `NOT`: a comparison involving a NULL
                // column is NULL in SQL, and NOT NULL is still NULL (row
                // dropped), whereas OData/C# semantics make it false, so its
                // negation must be true.
                out.push('(');
                self.filter(inner, out)?;
                out.push_str(") IS NOT 1");
            }
            Filter::Match {
                func,
                property,
                pattern,
                pos: _,
            } => {
                let prop = self.property(property)?;
                if !matches!(prop.ty, FieldType::Text) {
                    return Err(err(format!(
                        "{}() needs a text property, but '{}' is {} at position {}",
                        func.name(),
                        prop.name,
                        type_name(prop.ty),
                        prop.pos
                    )));
                }
                let escaped = like_escape(pattern);
                let like = match func {
                    MatchFn::Contains => format!("%{escaped}%"),
                    MatchFn::StartsWith => format!("{escaped}%"),
                    MatchFn::EndsWith => format!("%{escaped}"),
                };
                out.push_str(&prop.sql);
                out.push_str(" LIKE ? ESCAPE '\\'");
                self.params.push(Value::Text(like));
            }
            Filter::Operand(Operand::Literal {
                value: Literal::Bool(b),
                ..
            }) => out.push_str(if *b { "1" } else { "0" }),
            Filter::Operand(Operand::Literal { value, pos }) => {
                return Err(err(format!(
                    "expected a condition at position {pos}, found {}",
                    value.describe()
                )))
            }
            Filter::Operand(Operand::Property(p)) => {
                let prop = self.property(p)?;
                if !matches!(prop.ty, FieldType::Boolean) {
                    return Err(err(format!(
                        "{} is not a condition at position {}; compare it with a value, e.g. '{} eq ...'",
                        prop.describe(),
                        prop.pos,
                        prop.name
                    )));
                }
                out.push_str(&prop.sql);
                out.push_str(" = 1");
            }
            Filter::Compare {
                left,
                op,
                right,
                pos,
            } => self.compare(left, *op, right, *pos, out)?,
        }
        Ok(())
    }

    fn compare(
        &mut self,
        left: &Operand,
        op: CompareOp,
        right: &Operand,
        pos: usize,
        out: &mut String,
    ) -> Result<(), ODataError> {
        let null_op_error = || {
            err(format!(
                "null can only be compared using 'eq' or 'ne' (found '{}' at position {pos})",
                op.keyword()
            ))
        };
        match (left, right) {
            (Operand::Property(a), Operand::Property(b)) => {
                let a = self.property(a)?;
                let b = self.property(b)?;
                if a.ty != b.ty {
                    return Err(err(format!(
                        "cannot compare {} with {} at position {pos}",
                        a.describe(),
                        b.describe()
                    )));
                }
                // Null-safe equality (C#/OData semantics: null eq null is true).
                let sql_op = match op {
                    CompareOp::Eq => "IS",
                    CompareOp::Ne => "IS NOT",
                    other => sql_operator(other),
                };
                out.push_str(&format!("{} {sql_op} {}", a.sql, b.sql));
            }
            (Operand::Property(p), Operand::Literal { value, pos: lpos })
            | (Operand::Literal { value, pos: lpos }, Operand::Property(p)) => {
                // Keep the property on the left so SQLite can use an index.
                let op = if matches!(left, Operand::Literal { .. }) {
                    op.flipped()
                } else {
                    op
                };
                let prop = self.property(p)?;
                if *value == Literal::Null {
                    let test = match op {
                        CompareOp::Eq => "IS NULL",
                        CompareOp::Ne => "IS NOT NULL",
                        _ => return Err(null_op_error()),
                    };
                    out.push_str(&format!("{} {test}", prop.sql));
                    return Ok(());
                }
                let param = self.bind_for(&prop, value, *lpos)?;
                // `ne` includes rows whose column is NULL (C#/OData semantics).
                let sql_op = match op {
                    CompareOp::Ne => "IS NOT",
                    other => sql_operator(other),
                };
                out.push_str(&format!("{} {sql_op} ?", prop.sql));
                self.params.push(param);
            }
            (
                Operand::Literal {
                    value: a,
                    pos: apos,
                },
                Operand::Literal { value: b, .. },
            ) => {
                if *a == Literal::Null || *b == Literal::Null {
                    let equal = a == b;
                    let truth = match op {
                        CompareOp::Eq => equal,
                        CompareOp::Ne => !equal,
                        _ => return Err(null_op_error()),
                    };
                    out.push_str(if truth { "1" } else { "0" });
                    return Ok(());
                }
                let numeric = |l: &Literal| matches!(l, Literal::Int(_) | Literal::Real(_));
                let compatible = std::mem::discriminant(a) == std::mem::discriminant(b)
                    || (numeric(a) && numeric(b));
                if !compatible {
                    return Err(err(format!(
                        "cannot compare {} with {} at position {apos}",
                        a.describe(),
                        b.describe()
                    )));
                }
                let sql_op = match op {
                    CompareOp::Ne => "IS NOT",
                    other => sql_operator(other),
                };
                out.push_str(&format!("? {sql_op} ?"));
                self.params.push(Self::literal_value(a));
                self.params.push(Self::literal_value(b));
            }
        }
        Ok(())
    }
}

fn sql_operator(op: CompareOp) -> &'static str {
    match op {
        CompareOp::Eq => "=",
        CompareOp::Ne => "<>",
        CompareOp::Gt => ">",
        CompareOp::Ge => ">=",
        CompareOp::Lt => "<",
        CompareOp::Le => "<=",
    }
}

/// Escapes `%`, `_` and `\` for `LIKE ... ESCAPE '\'`.
pub(super) fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub(super) fn translate(query: &ListQuery, fields: &[Field]) -> Result<SqlParts, ODataError> {
    let mut tr = Translator {
        fields,
        params: Vec::new(),
    };
    let where_sql = match &query.filter {
        None => None,
        Some(f) => {
            let mut out = String::new();
            tr.filter(f, &mut out)?;
            Some(out)
        }
    };
    let order_sql = if query.orderby.is_empty() {
        None
    } else {
        let mut parts = Vec::with_capacity(query.orderby.len());
        for (name, desc) in &query.orderby {
            let field = lookup(fields, name)
                .ok_or_else(|| unknown_property("$orderby", name, None, fields))?;
            parts.push(format!(
                "{} {}",
                field.sql,
                if *desc { "DESC" } else { "ASC" }
            ));
        }
        Some(parts.join(", "))
    };
    Ok(SqlParts {
        where_sql,
        order_sql,
        params: tr.params,
    })
}
