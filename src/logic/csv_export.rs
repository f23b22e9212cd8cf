//! Writing CSV files for the admin's spreadsheets: one path for every export and every
//! results file (RFC 4180 through the `csv` crate, UTF-8 with a byte-order mark so that
//! spreadsheet programs read accents right, the separator the admin's Excel expects, no
//! cell a spreadsheet would run as a formula), times in ISO 8601 UTC, and file names that
//! say what and when.

use super::api_error::ApiError;
use super::csv_dialect::{guard, Separator};
use super::time;

/// UTF-8's byte-order mark: Excel reads a CSV as UTF-8 only when it starts with it.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Rows of one kind as CSV records: a header of plain words and one record per row.
pub trait Record {
    /// The header row; every record has as many fields.
    const HEADER: &'static [&'static str];
    fn record(&self) -> Vec<String>;
}

/// The CSV file (with the BOM) of a header and its records, `separator` between the
/// columns, every cell [`guard`]ed. Every export and every results file is written here.
/// The header is in the language of the file (see `i18n::csv`).
pub fn write_csv(
    header: &[String],
    records: impl IntoIterator<Item = Vec<String>>,
    separator: Separator,
) -> Result<Vec<u8>, ExportFailure> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(separator.byte())
        // CRLF, as RFC 4180 says; quoted only where needed.
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    let fail = |e: csv::Error| ExportFailure::Write(e.to_string());
    out.write_record(header.iter().map(|h| guard(h).into_owned()))
        .map_err(fail)?;
    for record in records {
        out.write_record(record.iter().map(|c| guard(c).into_owned()))
            .map_err(fail)?;
    }
    out.into_inner()
        .map_err(|e| ExportFailure::Write(e.error().to_string()))
}

/// A name that is safe as a file name on every system: spaces become '-', path and
/// reserved characters and control characters are dropped, runs of '-' collapse, and it
/// is at most 60 characters. "unnamed" when nothing is left.
pub fn sanitize(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let c = if c.is_whitespace() { '-' } else { c };
        if c.is_control() || "/\\:*?\"<>|".contains(c) {
            continue;
        }
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    let out: String = out.chars().take(60).collect();
    let out = out.trim_matches(|c| c == '-' || c == '.');
    if out.is_empty() {
        "unnamed".into()
    } else {
        out.to_string()
    }
}

/// `lock-groups-Head-Office-2026-11-30.csv`: what, whose, and the day (UTC).
pub fn file_name(what: &str, name: &str, now_ms: i64) -> String {
    format!("{what}-{}-{}.csv", sanitize(name), day(now_ms))
}

/// The UTC day of a time: `2026-11-30`.
pub fn day(ms: i64) -> String {
    time::to_api(ms).chars().take(10).collect()
}

/// An API time as ISO 8601 in UTC (`2020-03-03T15:53:03.587Z`); empty when absent, and
/// as sent when it cannot be read (the admin still sees it).
pub fn iso_utc(value: Option<&str>) -> String {
    match value {
        None => String::new(),
        Some(v) => time::parse(v).map_or_else(|| v.to_string(), time::to_api),
    }
}

/// Where an export is, for its status region.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ExportState {
    #[default]
    Idle,
    Running {
        rows: usize,
    },
    Done {
        rows: usize,
        file: String,
    },
    Cancelled,
    Failed(ExportFailure),
}

/// Why an export (or a results file) was not saved; the view says it in the language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportFailure {
    /// The API refused a page, or could not be reached.
    Api(ApiError),
    /// The CSV writer failed (its reason).
    Write(String),
    /// The browser did not take the download.
    NotSaved,
    /// The bulk code's piece of wasm did not download.
    CodeMissing,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    fn text(bytes: &[u8]) -> &str {
        std::str::from_utf8(bytes.strip_prefix(BOM).expect("starts with the BOM")).unwrap()
    }

    #[test]
    fn writes_rfc_4180_with_a_bom() {
        let csv = write_csv(
            &header(&["id", "title"]),
            [
                vec!["1".into(), "plain".into()],
                vec!["2".into(), "a, \"quoted\"\nline".into()],
                vec!["3".into(), "Zürich ✓".into()],
            ],
            Separator::Comma,
        )
        .unwrap();
        assert_eq!(
            text(&csv),
            "id,title\r\n1,plain\r\n2,\"a, \"\"quoted\"\"\nline\"\r\n3,Zürich ✓\r\n"
        );
    }

    #[test]
    fn an_empty_export_is_its_header() {
        let csv = write_csv(
            &header(&["id", "title"]),
            std::iter::empty(),
            Separator::Comma,
        )
        .unwrap();
        assert_eq!(text(&csv), "id,title\r\n");
    }

    #[test]
    fn semicolons_for_german_excel_and_no_formula_runs() {
        let csv = write_csv(
            &header(&["Titel", "Beschreibung"]),
            [
                vec!["Büro; Süd".into(), "-".into()],
                vec![
                    "=HYPERLINK(\"http://example.com\",\"x\")".into(),
                    "@SUM(A1)".into(),
                ],
            ],
            Separator::Semicolon,
        )
        .unwrap();
        assert_eq!(
            text(&csv),
            "Titel;Beschreibung\r\n\"Büro; Süd\";'-\r\n\
             \"'=HYPERLINK(\"\"http://example.com\"\",\"\"x\"\")\";'@SUM(A1)\r\n"
        );
        // What the console writes, it reads back as it was.
        let read = super::super::csv_import::parse_csv(text(&csv)).unwrap();
        assert_eq!(
            read.lines[1].fields[0],
            "=HYPERLINK(\"http://example.com\",\"x\")"
        );
        assert_eq!(read.lines[0].fields, ["Büro; Süd", "-"]);
    }

    #[test]
    fn file_names_are_safe() {
        // 2026-11-30T12:00:00Z
        let now = 1_796_040_000_000;
        assert_eq!(day(now), "2026-11-30");
        assert_eq!(
            file_name("lock-groups", "Head Office", now),
            "lock-groups-Head-Office-2026-11-30.csv"
        );
        assert_eq!(
            file_name("members", "../R&D: \"Lab\"/2\t", now),
            "members-R&D-Lab2-2026-11-30.csv"
        );
        assert_eq!(sanitize("  a   b  "), "a-b");
        assert_eq!(sanitize("///"), "unnamed");
        assert_eq!(sanitize(&"x".repeat(100)).len(), 60);
        assert_eq!(sanitize("Zürich Süd"), "Zürich-Süd");
    }

    #[test]
    fn times_are_iso_8601_utc() {
        assert_eq!(
            iso_utc(Some("2020-03-03T16:53:03.587+01:00")),
            "2020-03-03T15:53:03.587Z"
        );
        assert_eq!(
            iso_utc(Some("2020-03-03T15:53:03Z")),
            "2020-03-03T15:53:03.000Z"
        );
        assert_eq!(iso_utc(None), "");
        assert_eq!(iso_utc(Some("soon")), "soon");
    }
}
