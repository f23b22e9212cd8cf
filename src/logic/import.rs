//! What both imports ("Import locks", "Import groups") share: the input, the steps each
//! import implements (read the lines, check them against what the server has, send the
//! ready ones, say what became of each line) and the results' summary. The wizard that
//! walks through them is `components::bulk::import_wizard`.

use std::collections::HashMap;

use super::csv_dialect::Separator;
use super::csv_import::{parse_csv, ImportError, Table};

/// The input of an import: pasted text or a chosen file, whichever changed last.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Source {
    #[default]
    Empty,
    Pasted(String),
    /// A chosen file: its name and its text, or why it cannot be read.
    File {
        name: String,
        text: Result<String, ImportError>,
    },
}

impl Source {
    /// The chosen file's table, for a column picker (`None` for pasted text or a file
    /// that does not parse).
    pub fn table(&self) -> Option<Table> {
        match self {
            Source::File { text: Ok(t), .. } => parse_csv(t).ok(),
            _ => None,
        }
    }

    /// The separator a chosen file's columns are read with (`None` for pasted text).
    pub fn separator(&self) -> Option<Separator> {
        match self {
            Source::File { text: Ok(t), .. } => Some(Separator::detect(t)),
            _ => None,
        }
    }
}

/// The admin's picks in the preview: line → the id it stands for (where a line matches
/// several).
pub type Picks = HashMap<usize, String>;

/// What became of a line that was to be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent<T> {
    /// The server did it and answered this.
    Done(T),
    /// The server refused, saying this.
    Refused(String),
    /// Cancelled before its turn.
    Cancelled,
}

impl<T, E: std::fmt::Display> From<Option<Result<T, E>>> for Sent<T> {
    /// A batch's answer: `None` when it was cancelled first.
    fn from(sent: Option<Result<T, E>>) -> Self {
        match sent {
            Some(Ok(t)) => Sent::Done(t),
            Some(Err(e)) => Sent::Refused(e.to_string()),
            None => Sent::Cancelled,
        }
    }
}

/// What one kind of import keeps of a line for its results: its own columns of the
/// results file (between "line" and "result").
pub trait Columns {
    /// The whole header of the results file, "line" first and "result" last (English;
    /// the file gets it in its language, `i18n::csv`).
    const HEADER: &'static [&'static str];
    /// Why the import skips a line (the preview's verdict).
    type Why: Clone + PartialEq + std::fmt::Debug + Send + Sync + 'static;
    fn cells(&self) -> Vec<String>;
    /// What the line said, for the results table's second column.
    fn input(&self) -> String;
}

/// What became of one line of an import; the view says it in the language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineStatus<W> {
    /// Added / created.
    Done,
    /// The server refused, saying this.
    Refused(String),
    /// Not sent: the import was cancelled first.
    Cancelled,
    /// Not sent: the preview's reason.
    Skipped(W),
}

impl<W> LineStatus<W> {
    /// The line's request was made and refused.
    pub fn is_refused(&self) -> bool {
        matches!(self, LineStatus::Refused(_))
    }
}

/// The result of one line of an import, for the results table and file.
#[derive(Debug, Clone, PartialEq)]
pub struct LineResult<T: Columns> {
    pub line: usize,
    /// The line's own columns.
    pub item: T,
    pub status: LineStatus<T::Why>,
}

impl<T: Columns + Clone + Send + Sync + 'static> LineOutcome for LineResult<T> {
    const HEADER: &'static [&'static str] = T::HEADER;

    fn line(&self) -> usize {
        self.line
    }
    fn input(&self) -> String {
        self.item.input()
    }
    fn ok(&self) -> bool {
        self.status == LineStatus::Done
    }
    fn refused(&self) -> bool {
        self.status.is_refused()
    }
    fn cells(&self) -> Vec<String> {
        let mut out = vec![self.line.to_string()];
        out.extend(self.item.cells());
        out
    }
}

/// The result of one line, as the results table and file show it.
pub trait LineOutcome {
    /// The results file's header (see [`Columns::HEADER`]).
    const HEADER: &'static [&'static str];
    fn line(&self) -> usize;
    /// What the line said (the table's second column).
    fn input(&self) -> String;
    fn ok(&self) -> bool;
    /// Sent and refused (else, when not ok, not sent).
    fn refused(&self) -> bool;
    /// The results file's cells but the last (the result, in the file's language).
    fn cells(&self) -> Vec<String>;
}

/// How many lines of each kind a preview has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// To be sent.
    pub ready: usize,
    /// Waiting for the admin's pick.
    pub pick: usize,
    pub skipped: usize,
}

/// How many lines were done, refused and not sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub done: usize,
    pub refused: usize,
    pub not_sent: usize,
}

/// The steps of one kind of import, free of the DOM and of HTTP. (`Send + Sync`: the
/// wizard keeps them in signals.)
pub trait Import {
    /// A line of the input, as read.
    type Line: Clone + PartialEq + Send + Sync + 'static;
    /// What the check needs from the server.
    type Known: Clone + PartialEq + Send + Sync + 'static;
    /// A line checked, as the preview shows it.
    type Checked: Clone + PartialEq + Send + Sync + 'static;
    /// What one request sends.
    type Item: Clone + Send + Sync + 'static;
    /// What the server answers a request it did.
    type Answer: 'static;
    /// A line's result, for the results table and file.
    type Result: LineOutcome + Clone + Send + Sync + 'static;

    /// Column headers of a file's column picker, picked by default in this order; `None`:
    /// the import reads a file's columns itself (no picker).
    const COLUMNS: Option<&'static [&'static str]>;

    /// The lines of the input (`column`: a file's chosen column).
    fn lines(source: &Source, column: usize) -> Result<Vec<Self::Line>, ImportError>;
    /// Each line checked against what the server has, with the admin's picks.
    fn check(lines: &[Self::Line], known: &Self::Known, picks: &Picks) -> Vec<Self::Checked>;
    /// The lines to send, in order: `(line, item)`.
    fn to_send(checked: &[Self::Checked]) -> Vec<(usize, Self::Item)>;
    fn line(checked: &Self::Checked) -> usize;
    /// A line's result: `sent` is `None` for a line that was not to be sent.
    fn result(checked: &Self::Checked, sent: Option<Sent<Self::Answer>>) -> Self::Result;
    /// The preview's counts ("3 locks to add, 1 skipped").
    fn counts(checked: &[Self::Checked]) -> Counts;
}

/// The column a file's picker starts on: the first of `names` found, else the first.
pub fn default_column(table: &Table, names: &[&str]) -> usize {
    table.column(names).unwrap_or(0)
}

/// Every line's result: `sent` holds what became of the lines sent, by line.
pub fn results<I: Import>(
    checked: &[I::Checked],
    sent: Vec<(usize, Sent<I::Answer>)>,
) -> Vec<I::Result> {
    let mut sent: HashMap<usize, Sent<I::Answer>> = sent.into_iter().collect();
    checked
        .iter()
        .map(|c| I::result(c, sent.remove(&I::line(c))))
        .collect()
}

/// The results in numbers: "20 added, 1 refused, 2 not sent."
pub fn tally<R: LineOutcome>(results: &[R]) -> Tally {
    let done = results.iter().filter(|r| r.ok()).count();
    let refused = results.iter().filter(|r| r.refused()).count();
    Tally {
        done,
        refused,
        not_sent: results.len() - done - refused,
    }
}

/// At most 80 characters of a long text, for the tables (the file keeps it whole).
pub fn short(text: &str) -> String {
    match text.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    struct Item;

    impl Columns for Item {
        const HEADER: &'static [&'static str] = &["line", "result"];
        type Why = ();
        fn cells(&self) -> Vec<String> {
            Vec::new()
        }
        fn input(&self) -> String {
            String::new()
        }
    }

    #[test]
    fn the_tally_counts_done_refused_and_not_sent() {
        let r = |status| LineResult {
            line: 1,
            item: Item,
            status,
        };
        let rows = [
            r(LineStatus::Done),
            r(LineStatus::Refused("Lock is busy".into())),
            r(LineStatus::Skipped(())),
            r(LineStatus::Cancelled),
        ];
        let tally = tally(&rows);
        assert_eq!(
            tally,
            Tally {
                done: 1,
                refused: 1,
                not_sent: 2
            }
        );
        assert_eq!(rows[0].cells(), ["1"]);
    }

    #[test]
    fn a_batch_answer_becomes_what_was_sent() {
        let done: Sent<u8> = Some(Ok::<_, String>(1)).into();
        assert_eq!(done, Sent::Done(1));
        let refused: Sent<u8> = Some(Err::<u8, _>("no")).into();
        assert_eq!(refused, Sent::Refused("no".into()));
        assert_eq!(
            Sent::<u8>::from(None::<Result<u8, String>>),
            Sent::Cancelled
        );
    }

    #[test]
    fn long_texts_are_cut_for_the_tables() {
        assert_eq!(short("Lab"), "Lab");
        let long = "é".repeat(81);
        assert_eq!(short(&long), format!("{}…", "é".repeat(80)));
    }

    #[test]
    fn a_file_has_a_table_and_pasted_text_none() {
        let file = Source::File {
            name: "a.csv".into(),
            text: Ok("id,title\n1,Lab\n".into()),
        };
        let table = file.table().expect("a table");
        assert_eq!(default_column(&table, &["title"]), 1);
        assert_eq!(default_column(&table, &["lock"]), 0);
        assert_eq!(Source::Pasted("Lab".into()).table(), None);
    }
}
