//! The forms of CSV that spreadsheets write and read: which character separates the
//! columns (English Excel: commas; German Excel's "CSV (Trennzeichen-getrennt)" and
//! Tapkey's own lock import: semicolons; a copy from a sheet: tabs), how an import tells
//! them apart, and the guard that keeps a cell from running as a formula.

/// The character between the columns of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Separator {
    #[default]
    Comma,
    Semicolon,
    Tab,
}

impl Separator {
    /// Every separator an import reads and an export writes, commas first.
    pub const ALL: [Separator; 3] = [Separator::Comma, Separator::Semicolon, Separator::Tab];

    pub fn byte(self) -> u8 {
        match self {
            Separator::Comma => b',',
            Separator::Semicolon => b';',
            Separator::Tab => b'\t',
        }
    }

    /// Its value in a form's `<select>`.
    pub fn key(self) -> &'static str {
        match self {
            Separator::Comma => "comma",
            Separator::Semicolon => "semicolon",
            Separator::Tab => "tab",
        }
    }

    /// What the language's Excel opens in columns: semicolons in German (the decimal comma
    /// takes the comma), commas in English.
    pub fn for_language(code: &str) -> Self {
        if code == "de" {
            Separator::Semicolon
        } else {
            Separator::Comma
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The separator of a file, from its header line: the one that occurs most often
    /// outside double quotes; commas when none does (a one-column file) or on a tie.
    pub fn detect(text: &str) -> Self {
        let mut counts = [0usize; 3];
        let mut quoted = false;
        for c in text.trim_start_matches('\u{feff}').chars() {
            match c {
                '"' => quoted = !quoted,
                '\n' if !quoted => break,
                _ if quoted => {}
                _ => {
                    if let Some(i) = Self::ALL.iter().position(|s| s.byte() as char == c) {
                        counts[i] += 1;
                    }
                }
            }
        }
        // Most often wins; on a tie the earlier of ALL (commas first).
        let (i, _) = counts
            .iter()
            .enumerate()
            .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))
            .unwrap_or((0, &0));
        Self::ALL[i]
    }
}

/// Characters that make a spreadsheet read a cell as a formula when the cell starts with
/// one (OWASP, "CSV Injection").
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell as a spreadsheet shows it as text, never runs it: a value that starts like a
/// formula gets a leading apostrophe, as OWASP advises (the writer then quotes the field
/// where it must).
pub fn guard(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_START) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The value of a cell [`guard`] wrote: an import of the console's own export gets back
/// the title it exported.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_default_follows_the_language() {
        assert_eq!(Separator::for_language("de"), Separator::Semicolon);
        assert_eq!(Separator::for_language("en"), Separator::Comma);
    }

    #[test]
    fn the_header_line_tells_the_separator() {
        assert_eq!(
            Separator::detect("title,description\nA;B;C;D\n"),
            Separator::Comma
        );
        assert_eq!(
            Separator::detect("Titel;Beschreibung\r\nA,B;C\r\n"),
            Separator::Semicolon
        );
        assert_eq!(Separator::detect("title\tdescription\n"), Separator::Tab);
        // A BOM, and separators inside quotes, do not count.
        assert_eq!(Separator::detect("\u{feff}\"a;b;c\",x\n"), Separator::Comma);
        assert_eq!(Separator::detect("\"a,b\";\"c,d\"\n"), Separator::Semicolon);
        // One column, or nothing: commas.
        assert_eq!(Separator::detect("title\nA;B\n"), Separator::Comma);
        assert_eq!(Separator::detect(""), Separator::Comma);
    }

    #[test]
    fn keys_round_trip() {
        for s in Separator::ALL {
            assert_eq!(Separator::from_key(s.key()), Some(s));
        }
        assert_eq!(Separator::from_key("pipe"), None);
    }

    #[test]
    fn formulas_are_kept_as_text() {
        assert_eq!(
            guard("=HYPERLINK(\"http://example.com\",\"x\")"),
            "'=HYPERLINK(\"http://example.com\",\"x\")"
        );
        for start in ["+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(guard(start), format!("'{start}"));
        }
        assert_eq!(guard("Lab = office"), "Lab = office");
        assert_eq!(guard(""), "");
        assert_eq!(unguard("'=1+2"), "=1+2");
        assert_eq!(unguard("'quoted'"), "'quoted'");
        assert_eq!(unguard(&guard("-Lab")), "-Lab");
    }
}
