//! "Import groups": lock groups to create from a CSV file (title and description columns)
//! or pasted lines (a title, then a tab and the description: what a spreadsheet copies).
//! Each line is checked before anything is sent: blank titles, titles over the limit,
//! titles that already exist (ignoring case) and titles an earlier line has are skipped.

use std::collections::HashMap;

use super::csv_import::{parse_csv, ImportError, Problem};
use super::csv_import::{pasted, Line, Table};
use super::import::{short, Columns, Counts, Import, LineResult, LineStatus, Picks, Sent, Source};
use wire::{CreateLockGroup, MAX_DESCRIPTION, MAX_TITLE};

/// Column headers read as the title and the description (a German export's too).
pub const TITLE_COLUMNS: [&str; 5] = ["title", "name", "lock group", "titel", "schließgruppe"];
pub const DESCRIPTION_COLUMNS: [&str; 3] = ["description", "notes", "beschreibung"];

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

/// What a group import keeps of a line: the group asked for, and its id once created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatedGroup {
    pub title: String,
    pub description: String,
    /// The new group's id, when created.
    pub id: String,
}

impl Columns for CreatedGroup {
    const HEADER: &'static [&'static str] = &["line", "title", "description", "id", "result"];
    type Why = GroupVerdict;

    fn cells(&self) -> Vec<String> {
        vec![
            self.title.clone(),
            self.description.clone(),
            self.id.clone(),
        ]
    }
    fn input(&self) -> String {
        short(&self.title)
    }
}

/// The result of one line of a group import.
pub type GroupResult = LineResult<CreatedGroup>;

/// The import's steps (see `logic::import`): the lines are groups, checked against the
/// titles of the owner's groups; the ready ones are created one by one.
pub struct GroupImport;

impl Import for GroupImport {
    type Line = NewGroup;
    type Known = Vec<String>;
    type Checked = (NewGroup, GroupVerdict);
    type Item = CreateLockGroup;
    /// The new group's id.
    type Answer = String;
    type Result = GroupResult;

    const COLUMNS: Option<&'static [&'static str]> = None;

    fn lines(source: &Source, _: usize) -> Result<Vec<NewGroup>, ImportError> {
        match source {
            Source::Empty => Err(ImportError::whole(Problem::NothingEntered)),
            Source::Pasted(text) => from_pasted(text),
            Source::File { text, .. } => from_csv(text.as_ref().map_err(Clone::clone)?),
        }
    }

    fn check(lines: &[NewGroup], existing: &Vec<String>, _: &Picks) -> Vec<Self::Checked> {
        check(lines, existing)
    }

    fn to_send(checked: &[Self::Checked]) -> Vec<(usize, CreateLockGroup)> {
        checked
            .iter()
            .filter(|(_, v)| *v == GroupVerdict::Ready)
            .map(|(g, _)| {
                let body = CreateLockGroup {
                    title: Some(g.title.clone()),
                    description: (!g.description.is_empty()).then(|| g.description.clone()),
                };
                (g.line, body)
            })
            .collect()
    }

    fn line((g, _): &Self::Checked) -> usize {
        g.line
    }

    fn result((g, verdict): &Self::Checked, sent: Option<Sent<String>>) -> GroupResult {
        let (id, status) = match sent {
            Some(Sent::Done(id)) => (id, LineStatus::Done),
            Some(Sent::Refused(e)) => (String::new(), LineStatus::Refused(e)),
            Some(Sent::Cancelled) => (String::new(), LineStatus::Cancelled),
            None => (String::new(), LineStatus::Skipped(verdict.clone())),
        };
        GroupResult {
            line: g.line,
            item: CreatedGroup {
                title: g.title.clone(),
                description: g.description.clone(),
                id,
            },
            status,
        }
    }

    fn counts(checked: &[Self::Checked]) -> Counts {
        let ready = Self::to_send(checked).len();
        Counts {
            ready,
            pick: 0,
            skipped: checked.len() - ready,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::import::{results, tally, Tally};

    #[test]
    fn ready_lines_are_created_and_every_line_has_a_result() {
        let source = Source::Pasted("Office\tFirst floor\nall staff\nLab\nCellar\n".into());
        let lines = GroupImport::lines(&source, 0).unwrap();
        let checked = GroupImport::check(&lines, &vec!["All Staff".into()], &Picks::new());
        let counts = Counts {
            ready: 3,
            pick: 0,
            skipped: 1,
        };
        assert_eq!(GroupImport::counts(&checked), counts);
        let send = GroupImport::to_send(&checked);
        assert_eq!(send.iter().map(|(l, _)| *l).collect::<Vec<_>>(), [1, 3, 4]);
        assert_eq!(send[0].1.description.as_deref(), Some("First floor"));
        assert_eq!(send[1].1.description, None);
        let out = results::<GroupImport>(
            &checked,
            vec![
                (1, Sent::Done("g1".into())),
                (3, Sent::Refused("Title taken".into())),
                (4, Sent::Cancelled),
            ],
        );
        let said: Vec<_> = out
            .iter()
            .map(|r| (r.item.id.as_str(), r.status.clone()))
            .collect();
        assert_eq!(
            said,
            [
                ("g1", LineStatus::Done),
                ("", LineStatus::Skipped(GroupVerdict::Exists)),
                ("", LineStatus::Refused("Title taken".into())),
                ("", LineStatus::Cancelled),
            ]
        );
        let expected = Tally {
            done: 1,
            refused: 1,
            not_sent: 2,
        };
        assert_eq!(tally(&out), expected);
    }

    #[test]
    fn nothing_entered_says_what_to_do() {
        let e = GroupImport::lines(&Source::Empty, 0).unwrap_err();
        assert_eq!(e, ImportError::whole(Problem::NothingEntered));
    }

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
        // A German export reads back.
        let german = from_csv("ID;Titel;Beschreibung\n1;Büro;Süd\n").unwrap();
        assert_eq!(
            (german[0].title.as_str(), german[0].description.as_str()),
            ("Büro", "Süd")
        );
    }

    #[test]
    fn a_file_without_a_title_column_is_refused() {
        // German Excel's semicolons read as well as commas ("name" is a title column).
        let read = from_csv("name;description\nA;B\n").unwrap();
        assert_eq!(
            (read[0].title.as_str(), read[0].description.as_str()),
            ("A", "B")
        );
        let e = from_csv("label,notes\nA,B\n").unwrap_err();
        assert_eq!(e.line, Some(1));
        assert!(
            matches!(&e.problem, Problem::NoColumn { wanted, .. } if wanted == "title"),
            "{e:?}"
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
    }
}
