//! "Import locks" as the steps of an import (see `logic::import`): the lines are lock ids
//! or titles (pasted, or a file's column), matched to the owner's locks by
//! `logic::lock_matcher`; the matched ones are added to the group one by one.

use std::collections::HashSet;

use super::csv_import::{parse_csv, pasted, ImportError, Problem};
use super::import::{Counts, Import, LineStatus, Picks, Sent, Source};
use super::lock_matcher::{
    self, check, to_add, Checked, Entry, Lock, LockLine, LockResult, Verdict,
};

/// Column headers picked by default, in this order (a German export's too).
pub const LOCK_COLUMNS: [&str; 9] = [
    "id",
    "lock id",
    "title",
    "lock title",
    "lock",
    "schloss-id",
    "titel",
    "schlosstitel",
    "schloss",
];

/// The import's steps.
pub struct LockImport;

/// The owner's locks and the group's current members (lock ids), loaded for matching.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Known {
    pub locks: Vec<Lock>,
    pub members: HashSet<String>,
}

impl Import for LockImport {
    type Line = Entry;
    type Known = Known;
    type Checked = Checked;
    type Item = Lock;
    type Answer = ();
    type Result = LockResult;

    const COLUMNS: Option<&'static [&'static str]> = Some(&LOCK_COLUMNS);

    /// Every pasted line (its fields joined again), or the chosen column of the file.
    fn lines(source: &Source, column: usize) -> Result<Vec<Entry>, ImportError> {
        let entry = |line, text: &str| Entry {
            line,
            text: text.trim().to_string(),
        };
        match source {
            Source::Empty => Err(ImportError::whole(Problem::NothingEntered)),
            Source::Pasted(text) => Ok(pasted(text)?
                .iter()
                .map(|l| entry(l.number, &l.fields.join("\t")))
                .collect()),
            Source::File { text, .. } => {
                let table = parse_csv(text.as_ref().map_err(Clone::clone)?)?;
                Ok(table
                    .lines
                    .iter()
                    .map(|l| Entry {
                        line: l.number,
                        text: l.field(column).to_string(),
                    })
                    .collect())
            }
        }
    }

    fn check(lines: &[Entry], known: &Known, picks: &Picks) -> Vec<Checked> {
        check(lines, &known.locks, &known.members, picks)
    }

    fn to_send(checked: &[Checked]) -> Vec<(usize, Lock)> {
        to_add(checked)
    }

    fn line(checked: &Checked) -> usize {
        checked.line
    }

    fn result(c: &Checked, sent: Option<Sent<()>>) -> LockResult {
        let (lock_id, lock_title) = match &c.verdict {
            Verdict::Matched(l, _) | Verdict::AlreadyMember(l) => (l.id.clone(), l.title.clone()),
            _ => Default::default(),
        };
        let status = match sent {
            Some(Sent::Done(())) => LineStatus::Done,
            Some(Sent::Refused(e)) => LineStatus::Refused(e),
            Some(Sent::Cancelled) => LineStatus::Cancelled,
            None => LineStatus::Skipped(c.verdict.clone()),
        };
        LockResult {
            line: c.line,
            item: LockLine {
                input: c.text.clone(),
                lock_id,
                lock_title,
            },
            status,
        }
    }

    fn counts(checked: &[Checked]) -> Counts {
        lock_matcher::counts(checked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::import::{results, tally, Tally};
    use crate::logic::lock_matcher::tests::lock;

    fn known() -> Known {
        Known {
            locks: vec![lock("1", "Main Entrance"), lock("2", "Lab")],
            members: ["2".to_string()].into(),
        }
    }

    #[test]
    fn nothing_entered_says_what_to_do() {
        let e = LockImport::lines(&Source::Empty, 0).unwrap_err();
        assert_eq!(e, ImportError::whole(Problem::NothingEntered));
    }

    #[test]
    fn a_files_chosen_column_is_read() {
        let file = Source::File {
            name: "locks.csv".into(),
            text: Ok("id,title\n1,Main Entrance\n9,Gone\n".into()),
        };
        let lines = LockImport::lines(&file, 1).unwrap();
        let texts: Vec<_> = lines.iter().map(|e| (e.line, e.text.as_str())).collect();
        assert_eq!(texts, [(2, "Main Entrance"), (3, "Gone")]);
    }

    #[test]
    fn only_matched_lines_are_sent_and_every_line_has_a_result() {
        let lines =
            LockImport::lines(&Source::Pasted("Main Entrance\nLab\nNope\n".into()), 0).unwrap();
        let checked = LockImport::check(&lines, &known(), &Picks::new());
        let send = LockImport::to_send(&checked);
        assert_eq!(send, [(1, lock("1", "Main Entrance"))]);
        let out = results::<LockImport>(&checked, vec![(1, Sent::Done(()))]);
        let said: Vec<_> = out.iter().map(|r| r.status.clone()).collect();
        assert_eq!(
            said,
            [
                LineStatus::Done,
                LineStatus::Skipped(Verdict::AlreadyMember(lock("2", "Lab"))),
                LineStatus::Skipped(Verdict::NoSuchLock),
            ]
        );
        assert_eq!(out[1].item.lock_id, "2");
        let expected = Tally {
            done: 1,
            refused: 0,
            not_sent: 2,
        };
        assert_eq!(tally(&out), expected);
    }

    #[test]
    fn refused_and_cancelled_lines_say_so() {
        let lines = LockImport::lines(&Source::Pasted("1\nMain Entrance\n".into()), 0).unwrap();
        let checked = LockImport::check(&lines, &Known::default(), &Picks::new());
        assert!(LockImport::to_send(&checked).is_empty());
        let mut known = known();
        known.locks.push(lock("3", "Kitchen"));
        let lines = LockImport::lines(&Source::Pasted("1\n3\n".into()), 0).unwrap();
        let checked = LockImport::check(&lines, &known, &Picks::new());
        let out = results::<LockImport>(
            &checked,
            vec![
                (1, Sent::Refused("Lock is busy".into())),
                (2, Sent::Cancelled),
            ],
        );
        assert_eq!(out[0].status, LineStatus::Refused("Lock is busy".into()));
        assert_eq!(out[1].status, LineStatus::Cancelled);
        let expected = Tally {
            done: 0,
            refused: 1,
            not_sent: 1,
        };
        assert_eq!(tally(&out), expected);
    }
}
