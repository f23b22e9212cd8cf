//! Reading what the admin imports: a CSV file (RFC 4180, read through the `csv` crate) or
//! pasted text, into numbered lines. Anything that is not readable text, too big, or not
//! CSV the way it is expected (a quote that never closes, a line with more fields than
//! the header, columns separated by neither commas, semicolons nor tabs) is refused with a message that names the line; nothing is
//! sent before the admin has seen the preview.

use super::csv_dialect::{unguard, Separator};

/// Largest file read (10 MB).
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// Most lines read, the header included.
pub const MAX_LINES: usize = 10_000;

/// Why the input cannot be read, and on which line (1-based, as an editor counts); the
/// view says it in the language (`i18n::import`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub line: Option<usize>,
    pub problem: Problem,
}

/// What is wrong with the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Nothing was pasted or chosen (each import says what to do).
    NothingEntered,
    /// The browser could not read the chosen file.
    Unreadable,
    /// Over [`MAX_BYTES`]: the size in bytes.
    TooBig(u64),
    /// NUL bytes: a binary file such as .xlsx.
    Binary,
    NotUtf8,
    /// Over [`MAX_LINES`].
    TooManyLines,
    /// Pasted text with nothing in it.
    TextEmpty,
    /// A file with not even a header.
    FileEmpty,
    /// The csv crate's reason.
    NotCsv(String),
    /// A header of one column with `|` in it.
    VerticalBars,
    /// More fields than the header has.
    TooManyFields {
        fields: usize,
        header: usize,
        separator: Separator,
    },
    /// No column of this name: the first name looked for, and the header's columns.
    NoColumn {
        wanted: String,
        columns: Vec<String>,
    },
    QuoteInField,
    /// Text after a field's closing quote; the field opened on line `from`.
    TextAfterQuote {
        from: usize,
    },
    Unclosed,
}

impl ImportError {
    fn at(line: usize, problem: Problem) -> Self {
        ImportError {
            line: Some(line),
            problem,
        }
    }

    pub fn whole(problem: Problem) -> Self {
        ImportError {
            line: None,
            problem,
        }
    }
}

/// One line (or CSV record) of the input: its number and its fields. A blank line has no
/// fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub number: usize,
    pub fields: Vec<String>,
}

impl Line {
    /// Field `i`, trimmed; empty when the line has fewer fields.
    pub fn field(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", |f| f.trim())
    }

    pub fn is_blank(&self) -> bool {
        self.fields.iter().all(|f| f.trim().is_empty())
    }
}

/// A CSV file: its header (line `header_line`), the lines after it, and the separator
/// its columns were read with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub header_line: usize,
    pub lines: Vec<Line>,
    pub separator: Separator,
}

impl Table {
    /// The column whose header is one of `names` (ignoring case and spaces around).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.header
            .iter()
            .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
    }

    /// As [`Self::column`], or the error that says what the header has instead.
    pub fn expect_column(&self, names: &[&str]) -> Result<usize, ImportError> {
        self.column(names).ok_or_else(|| {
            ImportError::at(
                self.header_line,
                Problem::NoColumn {
                    wanted: names[0].to_string(),
                    columns: self.header.iter().map(|h| h.trim().to_string()).collect(),
                },
            )
        })
    }
}

/// Refuses a file over [`MAX_BYTES`] before it is read.
pub fn check_size(bytes: u64) -> Result<(), ImportError> {
    if bytes > MAX_BYTES as u64 {
        return Err(ImportError::whole(Problem::TooBig(bytes)));
    }
    Ok(())
}

/// A file's bytes as text: at most [`MAX_BYTES`], no NUL bytes (a binary file, e.g. a
/// spreadsheet saved as .xlsx), UTF-8 (a leading byte-order mark is dropped), at most
/// [`MAX_LINES`] lines.
pub fn text_of(bytes: &[u8]) -> Result<String, ImportError> {
    check_size(bytes.len() as u64)?;
    let line_at = |at: usize| bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(ImportError::at(line_at(at), Problem::Binary));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes)
        .map_err(|e| ImportError::at(line_at(e.valid_up_to()), Problem::NotUtf8))?;
    check_text(text)?;
    Ok(text.to_string())
}

/// Refuses text (pasted or read) over [`MAX_BYTES`] or [`MAX_LINES`].
pub fn check_text(text: &str) -> Result<(), ImportError> {
    check_size(text.len() as u64)?;
    if let Some((at, _)) = text.match_indices('\n').nth(MAX_LINES - 1) {
        // A last line break ends line 10,000; anything after it is line 10,001.
        if !text[at + 1..].trim().is_empty() {
            return Err(ImportError::at(MAX_LINES + 1, Problem::TooManyLines));
        }
    }
    Ok(())
}

/// Pasted text: one line each, split at tabs (what a spreadsheet copies).
pub fn pasted(text: &str) -> Result<Vec<Line>, ImportError> {
    check_text(text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines: Vec<Line> = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| {
            let l = l.strip_suffix('\r').unwrap_or(l);
            Line {
                number: i + 1,
                fields: if l.trim().is_empty() {
                    Vec::new()
                } else {
                    l.split('\t').map(str::to_string).collect()
                },
            }
        })
        .collect();
    // The empty line after a last line break is not a line.
    while lines.last().is_some_and(Line::is_blank) {
        lines.pop();
    }
    if lines.is_empty() {
        return Err(ImportError::whole(Problem::TextEmpty));
    }
    Ok(lines)
}

/// CSV text with a header row: RFC 4180, with commas, semicolons or tabs between the
/// fields (whichever the header line uses, see [`Separator::detect`]), `\r\n` or `\n`, with
/// or without a byte-order mark. A field the console's export guarded against running as
/// a formula reads back as it was.
pub fn parse_csv(text: &str) -> Result<Table, ImportError> {
    check_text(text)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let separator = Separator::detect(text);
    check_quotes(text, separator.byte() as char)?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator.byte())
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    // Line numbers come from byte offsets: the csv crate's own line count lags behind
    // line breaks it has not consumed yet.
    let mut lines_at = LineCounter::new(text);
    let read = |reader: &mut csv::Reader<&[u8]>, record: &mut csv::StringRecord| {
        reader.read_record(record).map_err(|e| {
            let byte = e.position().map_or(0, |p| p.byte() as usize);
            let line = text[..byte.min(text.len())].matches('\n').count() + 1;
            ImportError::at(line, Problem::NotCsv(e.to_string()))
        })
    };
    if !read(&mut reader, &mut record)? {
        return Err(ImportError::whole(Problem::FileEmpty));
    }
    let (_, header_line) = lines_at.record(record.position().map_or(0, |p| p.byte() as usize));
    let header: Vec<String> = record
        .iter()
        .map(|h| unguard(h.trim()).to_string())
        .collect();
    if let [only] = header.as_slice() {
        if only.contains('|') {
            return Err(ImportError::at(header_line, Problem::VerticalBars));
        }
    }
    let mut lines = Vec::new();
    while read(&mut reader, &mut record)? {
        let byte = record.position().map_or(0, |p| p.byte() as usize);
        // The csv crate skips blank lines: they are listed too, so the preview shows them.
        let (blank, start) = lines_at.record(byte);
        lines.extend(blank.map(|number| Line {
            number,
            fields: Vec::new(),
        }));
        let fields: Vec<String> = record.iter().map(|f| unguard(f).to_string()).collect();
        let extra = fields
            .iter()
            .skip(header.len())
            .any(|f| !f.trim().is_empty());
        if extra {
            return Err(ImportError::at(
                start,
                Problem::TooManyFields {
                    fields: fields.len(),
                    header: header.len(),
                    separator,
                },
            ));
        }
        lines.push(Line {
            number: start,
            fields: if fields.iter().all(|f| f.trim().is_empty()) {
                Vec::new()
            } else {
                fields
            },
        });
    }
    Ok(Table {
        header,
        header_line,
        lines,
        separator,
    })
}

/// Line numbers of records, from the byte offsets the csv crate gives (each at or before
/// the line break that ends the record before). Counts forward only, once over the text.
struct LineCounter<'a> {
    text: &'a [u8],
    at: usize,
    /// Line breaks before `at`.
    breaks: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            at: 0,
            breaks: 0,
        }
    }

    /// For a record whose offset is `byte`: the blank lines before it and its first line.
    fn record(&mut self, byte: usize) -> (std::ops::Range<usize>, usize) {
        let is_break = |b: &&u8| **b == b'\n' || **b == b'\r';
        self.advance(byte);
        // The run of line breaks around the offset: the previous record's end and any
        // blank lines.
        let back = self.text[..self.at].iter().rev().take_while(is_break);
        let mut gap = back.filter(|b| **b == b'\n').count();
        let forward = self.text[self.at..].iter().take_while(is_break);
        gap += forward.clone().filter(|b| **b == b'\n').count();
        let start = self.at + forward.count();
        self.advance(start);
        let first = self.breaks + 1;
        ((first + 1).saturating_sub(gap).max(1)..first, first)
    }

    fn advance(&mut self, to: usize) {
        let to = to.min(self.text.len()).max(self.at);
        self.breaks += self.text[self.at..to]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        self.at = to;
    }
}

/// Finds a quote that opens a field and never closes (the csv crate would read the rest
/// of the file into that field), or a quote in the middle of a field, with its line.
fn check_quotes(text: &str, separator: char) -> Result<(), ImportError> {
    #[derive(Clone, Copy)]
    enum At {
        FieldStart,
        Unquoted,
        Quoted { from: usize },
        QuoteInQuoted { from: usize },
    }
    let mut at = At::FieldStart;
    let mut line = 1;
    for c in text.chars() {
        at = match (at, c) {
            (At::FieldStart, '"') => At::Quoted { from: line },
            (At::FieldStart | At::Unquoted, c) if c == separator || c == '\n' => At::FieldStart,
            (At::FieldStart | At::Unquoted, '\r') => at,
            (At::Unquoted, '"') => return Err(ImportError::at(line, Problem::QuoteInField)),
            (At::FieldStart | At::Unquoted, _) => At::Unquoted,
            (At::Quoted { from }, '"') => At::QuoteInQuoted { from },
            (At::Quoted { .. }, _) => at,
            (At::QuoteInQuoted { from }, '"') => At::Quoted { from },
            (At::QuoteInQuoted { .. }, c) if c == separator || c == '\n' => At::FieldStart,
            (At::QuoteInQuoted { .. }, '\r') => at,
            (At::QuoteInQuoted { from }, _) => {
                return Err(ImportError::at(line, Problem::TextAfterQuote { from }))
            }
        };
        if c == '\n' {
            line += 1;
        }
    }
    match at {
        At::Quoted { from } => Err(ImportError::at(from, Problem::Unclosed)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(r: Result<impl std::fmt::Debug, ImportError>) -> (Option<usize>, Problem) {
        let e = r.expect_err("refused");
        (e.line, e.problem)
    }

    #[test]
    fn reads_a_csv_file_with_its_line_numbers() {
        let t = parse_csv("title,description\r\nOffice,\"Main, \"\"old\"\" wing\"\r\n\r\n\"Two\nlines\",x\r\nLast,\r\n")
            .unwrap();
        assert_eq!(t.header, ["title", "description"]);
        assert_eq!(t.header_line, 1);
        let seen: Vec<(usize, Vec<&str>)> = t
            .lines
            .iter()
            .map(|l| (l.number, l.fields.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            seen,
            [
                (2, vec!["Office", "Main, \"old\" wing"]),
                (3, vec![]),
                (4, vec!["Two\nlines", "x"]),
                (6, vec!["Last", ""]),
            ]
        );
        assert_eq!(t.column(&["Title"]), Some(0));
        assert_eq!(t.column(&["DESCRIPTION"]), Some(1));
    }

    #[test]
    fn blank_lines_and_fields_are_kept_as_blank_lines() {
        let t = parse_csv("title\n\n\nA\n ,\n").unwrap();
        let blank: Vec<_> = t.lines.iter().map(|l| (l.number, l.is_blank())).collect();
        assert_eq!(blank, [(2, true), (3, true), (4, false), (5, true)]);
    }

    #[test]
    fn a_byte_order_mark_is_dropped() {
        let text = text_of(b"\xEF\xBB\xBFtitle\nA\n").unwrap();
        assert_eq!(parse_csv(&text).unwrap().header, ["title"]);
    }

    #[test]
    fn binary_files_are_refused_with_their_line() {
        assert_eq!(
            err(text_of(b"title\nA\nPK\x03\x04\x00\x00")),
            (Some(3), Problem::Binary)
        );
        assert_eq!(
            err(text_of(b"title\n\xFF\xFEA")),
            (Some(2), Problem::NotUtf8)
        );
    }

    #[test]
    fn semicolons_and_tabs_are_read_as_excel_writes_them() {
        // German Excel's "CSV (Trennzeichen-getrennt)": semicolons, CRLF, often a BOM.
        let text =
            text_of("\u{feff}Titel;Beschreibung\r\nBüro;\"Haupt; alt\"\r\nLab;\r\n".as_bytes())
                .unwrap();
        let t = parse_csv(&text).unwrap();
        assert_eq!(t.separator, Separator::Semicolon);
        assert_eq!(t.header, ["Titel", "Beschreibung"]);
        assert_eq!(t.lines[0].fields, ["Büro", "Haupt; alt"]);
        assert_eq!(t.lines[1].fields, ["Lab", ""]);
        let t = parse_csv("title\tdescription\nA, B\tC\n").unwrap();
        assert_eq!(t.separator, Separator::Tab);
        assert_eq!(t.lines[0].fields, ["A, B", "C"]);
        assert_eq!(parse_csv("title\nA\n").unwrap().separator, Separator::Comma);
        assert_eq!(
            err(parse_csv("title;notes\nA;B;C\n")),
            (
                Some(2),
                Problem::TooManyFields {
                    fields: 3,
                    header: 2,
                    separator: Separator::Semicolon
                }
            )
        );
        assert_eq!(
            err(parse_csv("title|notes\nA|B\n")),
            (Some(1), Problem::VerticalBars)
        );
    }

    #[test]
    fn a_guarded_formula_reads_back_as_exported() {
        let t = parse_csv(
            "title\r\n\"'=HYPERLINK(\"\"http://example.com\"\",\"\"x\"\")\"\r\n'plain'\r\n",
        )
        .unwrap();
        assert_eq!(
            t.lines[0].fields,
            ["=HYPERLINK(\"http://example.com\",\"x\")"]
        );
        assert_eq!(t.lines[1].fields, ["'plain'"]);
    }

    #[test]
    fn unbalanced_quotes_name_their_line() {
        assert_eq!(
            err(parse_csv("title\nA\n\"Unclosed,\nB\nC\n")),
            (Some(3), Problem::Unclosed)
        );
        assert_eq!(
            err(parse_csv("title\nA\"B\n")),
            (Some(2), Problem::QuoteInField)
        );
        assert_eq!(
            err(parse_csv("title\n\"A\"B\n")),
            (Some(2), Problem::TextAfterQuote { from: 2 })
        );
    }

    #[test]
    fn more_fields_than_the_header_is_refused() {
        assert_eq!(
            err(parse_csv("title\nA\nB, the second\n")),
            (
                Some(3),
                Problem::TooManyFields {
                    fields: 2,
                    header: 1,
                    separator: Separator::Comma
                }
            )
        );
        // Empty fields past the header (a spreadsheet's trailing commas) are fine.
        assert_eq!(parse_csv("title\nA,,\n").unwrap().lines[0].field(0), "A");
    }

    #[test]
    fn a_missing_column_says_what_is_there() {
        let t = parse_csv("name,notes\nA,B\n").unwrap();
        let columns = vec!["name".to_string(), "notes".to_string()];
        let wanted = "title".to_string();
        assert_eq!(
            err(t.expect_column(&["title"])),
            (Some(1), Problem::NoColumn { wanted, columns })
        );
    }

    #[test]
    fn empty_input_is_refused() {
        assert_eq!(err(parse_csv("")), (None, Problem::FileEmpty));
        assert_eq!(err(pasted("\n \n")), (None, Problem::TextEmpty));
    }

    #[test]
    fn size_and_line_limits() {
        let over = MAX_BYTES as u64 + 1;
        assert_eq!(
            err(text_of(&vec![b'a'; MAX_BYTES + 1])),
            (None, Problem::TooBig(over))
        );
        assert!(check_size(MAX_BYTES as u64).is_ok());
        let ok = "x\n".repeat(MAX_LINES);
        assert!(parse_csv(&ok).is_ok());
        let over = format!("{ok}x\n");
        assert_eq!(err(parse_csv(&over)), (Some(10_001), Problem::TooManyLines));
        assert!(pasted(&over).is_err());
    }

    #[test]
    fn pasted_lines_split_at_tabs() {
        let lines = pasted("Lab\r\n\r\nOffice\tMain wing\n").unwrap();
        assert_eq!(
            lines,
            [
                Line {
                    number: 1,
                    fields: vec!["Lab".into()]
                },
                Line {
                    number: 2,
                    fields: vec![]
                },
                Line {
                    number: 3,
                    fields: vec!["Office".into(), "Main wing".into()]
                },
            ]
        );
    }
}
