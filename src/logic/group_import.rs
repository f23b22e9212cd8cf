//! "Import groups": lock groups to create from a CSV file (title and description columns)
//! or pasted lines (a title, then a tab and the description: what a spreadsheet copies).
//! Each line is checked before anything is sent: blank titles, titles over the limit,
//! titles that already exist (ignoring case) and titles an earlier line has are skipped.

use std::collections::HashMap;

use super::csv_export::Record;
use super::csv_import::{parse_csv, ImportError};
use super::csv_import::{pasted, Line, Table};
use wire::{MAX_DESCRIPTION, MAX_TITLE};

/// Column headers read as the title and the description.
pub const TITLE_COLUMNS: [&str; 3] = ["title", "name", "lock group"];
pub const DESCRIPTION_COLUMNS: [&str; 2] = ["description", "notes"];

/// A group to create, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewGroup {
    pub line: usize,
    pub title: String,
    pub description: String,
}

/// The groups of a CSV file: a title column (see [`TITLE_COLUMNS`]) and optionally a
/// description column.
pub fn from_csv(text: &str) -> Result<Vec<NewGroup>, ImportError> {
    let table: Table = parse_csv(text)?;
    let title = table.expect_column(&TITLE_COLUMNS)?;
    let description = table.column(&DESCRIPTION_COLUMNS);
    Ok(table
        .lines
        .iter()
        .map(|l| read(l, title, description))
        .collect())
}

/// The groups of pasted text: one a line, the description after a tab.
pub fn from_pasted(text: &str) -> Result<Vec<NewGroup>, ImportError> {
    Ok(pasted(text)?.iter().map(|l| read(l, 0, Some(1))).collect())
}

fn read(l: &Line, title: usize, description: Option<usize>) -> NewGroup {
    NewGroup {
        line: l.number,
        title: l.field(title).to_string(),
        description: description.map_or("", |d| l.field(d)).to_string(),
    }
}

/// What a line comes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupVerdict {
    Ready,
    BlankTitle,
    /// The title's length in characters.
    TitleTooLong(usize),
    DescriptionTooLong(usize),
    /// A group with this title exists already.
    Exists,
    /// Line `of` has the same title.
    Duplicate {
        of: usize,
    },
}

impl GroupVerdict {
    pub fn describe(&self) -> String {
        match self {
            GroupVerdict::Ready => "ready".into(),
            GroupVerdict::BlankTitle => "no title, skipped".into(),
            GroupVerdict::TitleTooLong(n) => {
                format!("title too long: {n} characters, at most {MAX_TITLE}")
            }
            GroupVerdict::DescriptionTooLong(n) => {
                format!("description too long: {n} characters, at most {MAX_DESCRIPTION}")
            }
            GroupVerdict::Exists => "a lock group with this title exists already".into(),
            GroupVerdict::Duplicate { of } => format!("same title as line {of}, skipped"),
        }
    }
}

/// Each group with its verdict, against the titles of the owner's `existing` groups.
pub fn check(groups: &[NewGroup], existing: &[String]) -> Vec<(NewGroup, GroupVerdict)> {
    let existing: std::collections::HashSet<String> =
        existing.iter().map(|t| t.trim().to_lowercase()).collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    groups
        .iter()
        .map(|g| {
            let key = g.title.trim().to_lowercase();
            let n = g.title.chars().count();
            let verdict = if key.is_empty() {
                GroupVerdict::BlankTitle
            } else if n > MAX_TITLE {
                GroupVerdict::TitleTooLong(n)
            } else if g.description.chars().count() > MAX_DESCRIPTION {
                GroupVerdict::DescriptionTooLong(g.description.chars().count())
            } else if existing.contains(&key) {
                GroupVerdict::Exists
            } else if let Some(&of) = seen.get(&key) {
                GroupVerdict::Duplicate { of }
            } else {
                seen.insert(key, g.line);
                GroupVerdict::Ready
            };
            (g.clone(), verdict)
        })
        .collect()
}

/// The result of one line of a group import, for the results table and file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupResult {
    pub line: usize,
    pub title: String,
    pub description: String,
    /// The new group's id, when created.
    pub id: String,
    /// "created", the server's refusal, or why it was not sent.
    pub result: String,
    pub ok: bool,
}

impl Record for GroupResult {
    const HEADER: &'static [&'static str] = &["line", "title", "description", "id", "result"];

    fn record(&self) -> Vec<String> {
        vec![
            self.line.to_string(),
            self.title.clone(),
            self.description.clone(),
            self.id.clone(),
            self.result.clone(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(line: usize, title: &str) -> NewGroup {
        NewGroup {
            line,
            title: title.into(),
            description: String::new(),
        }
    }

    #[test]
    fn reads_title_and_description_columns_in_any_order() {
        let groups = from_csv("Description,Title\nFirst floor,Office\n,Lab\n").unwrap();
        assert_eq!(
            groups,
            [
                NewGroup {
                    line: 2,
                    title: "Office".into(),
                    description: "First floor".into()
                },
                g(3, "Lab"),
            ]
        );
        // Without a description column.
        assert_eq!(from_csv("title\nLab\n").unwrap(), [g(2, "Lab")]);
    }

    #[test]
    fn a_file_without_a_title_column_is_refused() {
        let e = from_csv("name;description\nA;B\n").unwrap_err().to_string();
        assert!(
            e.starts_with("Line 1: the columns are separated by semicolons"),
            "{e}"
        );
        let e = from_csv("label,notes\nA,B\n").unwrap_err().to_string();
        assert!(
            e.starts_with("Line 1: the header has no “title” column"),
            "{e}"
        );
    }

    #[test]
    fn pasted_lines_take_the_description_after_a_tab() {
        assert_eq!(
            from_pasted("Office\tFirst floor\nLab\n").unwrap(),
            [
                NewGroup {
                    line: 1,
                    title: "Office".into(),
                    description: "First floor".into()
                },
                g(2, "Lab"),
            ]
        );
    }

    #[test]
    fn flags_blank_long_existing_and_duplicate_titles() {
        let long = "x".repeat(MAX_TITLE + 1);
        let groups = [
            g(2, "New One"),
            g(3, " "),
            g(4, &long),
            g(5, "all staff"),
            g(6, "new one"),
            g(7, &"y".repeat(MAX_TITLE)),
            NewGroup {
                line: 8,
                title: "Described".into(),
                description: "d".repeat(MAX_DESCRIPTION + 1),
            },
        ];
        let verdicts: Vec<_> = check(&groups, &["All Staff".into()])
            .into_iter()
            .map(|(_, v)| v)
            .collect();
        assert_eq!(
            verdicts,
            [
                GroupVerdict::Ready,
                GroupVerdict::BlankTitle,
                GroupVerdict::TitleTooLong(257),
                GroupVerdict::Exists,
                GroupVerdict::Duplicate { of: 2 },
                GroupVerdict::Ready,
                GroupVerdict::DescriptionTooLong(1025),
            ]
        );
        assert_eq!(
            GroupVerdict::TitleTooLong(257).describe(),
            "title too long: 257 characters, at most 256"
        );
    }
}
