//! The imports' shared words in the language shown: why the input cannot be read, how a
//! file's columns are separated, and what became of a line.

use crate::i18n::{t_string, words, I18n};
use crate::logic::csv_dialect::Separator;
use crate::logic::csv_import::{ImportError, Problem, MAX_LINES};
use crate::logic::import::LineStatus;

/// Why the input cannot be read, "Line 3: …" first where it names a line;
/// `nothing_entered` is the import's own "Paste … first."
pub fn error(i18n: I18n, e: &ImportError, nothing_entered: fn(I18n) -> String) -> String {
    let problem = problem(i18n, &e.problem, nothing_entered);
    match e.line {
        Some(line) => {
            // As an editor counts, without digit grouping ("Line 10001").
            t_string!(i18n, import.line, line, problem).to_string()
        }
        None => problem,
    }
}

fn problem(i18n: I18n, p: &Problem, nothing_entered: fn(I18n) -> String) -> String {
    match p {
        Problem::NothingEntered => nothing_entered(i18n),
        Problem::Unreadable => t_string!(i18n, import.problem.unreadable).to_string(),
        Problem::TooBig(bytes) => {
            let size = format!("{:.1}", *bytes as f64 / (1024.0 * 1024.0));
            // The decimal separator of the language ("10.0" / "10,0").
            let size = if crate::i18n::code_of(i18n) == "de" {
                size.replace('.', ",")
            } else {
                size
            };
            t_string!(i18n, import.problem.too_big, size).to_string()
        }
        Problem::Binary => t_string!(i18n, import.problem.binary).to_string(),
        Problem::NotUtf8 => t_string!(i18n, import.problem.not_utf8).to_string(),
        Problem::TooManyLines => {
            let max = words::number(i18n, MAX_LINES as u64);
            t_string!(i18n, import.problem.too_many_lines, max).to_string()
        }
        Problem::TextEmpty => t_string!(i18n, import.problem.text_empty).to_string(),
        Problem::FileEmpty => t_string!(i18n, import.problem.file_empty).to_string(),
        Problem::NotCsv(cause) => {
            t_string!(i18n, import.problem.not_csv, cause = cause.clone()).to_string()
        }
        Problem::VerticalBars => t_string!(i18n, import.problem.vertical_bars).to_string(),
        Problem::TooManyFields {
            fields,
            header,
            separator,
        } => {
            let (fields, header) = (*fields, *header);
            let separator = one_separator(i18n, *separator);
            t_string!(
                i18n,
                import.problem.too_many_fields,
                fields,
                header,
                separator
            )
            .to_string()
        }
        Problem::NoColumn { wanted, columns } => {
            let columns = columns
                .iter()
                .map(|name| t_string!(i18n, import.problem.quoted, name = name.clone()).to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let wanted = wanted.clone();
            t_string!(i18n, import.problem.no_column, wanted, columns).to_string()
        }
        Problem::QuoteInField => t_string!(i18n, import.problem.quote_in_field).to_string(),
        Problem::TextAfterQuote { from } => {
            let from = *from;
            t_string!(i18n, import.problem.text_after_quote, from).to_string()
        }
        Problem::Unclosed => t_string!(i18n, import.problem.unclosed).to_string(),
    }
}

/// "commas (,)", "Semikolons (;)": what a file's columns are separated by.
pub fn separators(i18n: I18n, s: Separator) -> String {
    match s {
        Separator::Comma => t_string!(i18n, import.separators.comma),
        Separator::Semicolon => t_string!(i18n, import.separators.semicolon),
        Separator::Tab => t_string!(i18n, import.separators.tab),
    }
    .to_string()
}

/// "a comma", "ein Semikolon": one of them, for "a field that contains a comma".
fn one_separator(i18n: I18n, s: Separator) -> String {
    match s {
        Separator::Comma => t_string!(i18n, import.separator.comma),
        Separator::Semicolon => t_string!(i18n, import.separator.semicolon),
        Separator::Tab => t_string!(i18n, import.separator.tab),
    }
    .to_string()
}

/// What became of a line: `done` for a line done ("created"), the server's refusal as
/// sent, "not sent: …" with `why` for a line the preview skipped.
pub fn status<W>(
    i18n: I18n,
    s: &LineStatus<W>,
    done: String,
    why: impl Fn(&W) -> String,
) -> String {
    match s {
        LineStatus::Done => done,
        LineStatus::Refused(said) => said.clone(),
        LineStatus::Cancelled => {
            let why = t_string!(i18n, import.cancelled).to_string();
            t_string!(i18n, import.not_sent, why).to_string()
        }
        LineStatus::Skipped(w) => {
            let why = why(w);
            t_string!(i18n, import.not_sent, why).to_string()
        }
    }
}
