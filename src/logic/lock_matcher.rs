//! "Import locks": each line the admin pasted or chose (a lock's id or title) matched to
//! one of the owner's locks: by exact id, then exact title, then title ignoring case. A
//! title two locks share is for the admin to pick; a lock already in the group, a blank
//! line and a line naming the same lock as an earlier one are flagged. Only the lines
//! that matched a lock that can join are sent.

use std::collections::{HashMap, HashSet};

use super::import::{Columns, Counts, LineResult};

/// A lock, as far as matching needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lock {
    pub id: String,
    pub title: String,
}

/// One input line: its number and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub line: usize,
    pub text: String,
}

/// How a line found its lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    Id,
    Title,
    TitleIgnoringCase,
    /// The admin picked it among the locks that share the title.
    Picked,
}

/// What a line comes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Will be added.
    Matched(Lock, How),
    Blank,
    NoSuchLock,
    /// Several locks have this title; the admin picks one (see [`check`]'s `picks`).
    Ambiguous,
    /// The lock is (or is becoming) a member already.
    AlreadyMember(Lock),
    /// Names the same lock (or the same text) as line `of`.
    Duplicate {
        of: usize,
    },
}

impl Verdict {
    pub fn is_ready(&self) -> bool {
        matches!(self, Verdict::Matched(..))
    }
}

/// One line of the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub line: usize,
    pub text: String,
    pub verdict: Verdict,
    /// The locks sharing the line's title, when more than one (the admin's choice).
    pub candidates: Vec<Lock>,
}

/// The preview of `entries` against the owner's `locks` and the group's current
/// `members` (lock ids), with the admin's `picks` (line → lock id) among shared titles.
pub fn check(
    entries: &[Entry],
    locks: &[Lock],
    members: &HashSet<String>,
    picks: &HashMap<usize, String>,
) -> Vec<Checked> {
    let by_id: HashMap<&str, &Lock> = locks.iter().map(|l| (l.id.as_str(), l)).collect();
    let mut by_title: HashMap<&str, Vec<&Lock>> = HashMap::new();
    let mut by_folded: HashMap<String, Vec<&Lock>> = HashMap::new();
    for l in locks {
        by_title.entry(l.title.trim()).or_default().push(l);
        by_folded.entry(fold(&l.title)).or_default().push(l);
    }
    // The first line that named each lock, and each unmatched text.
    let mut seen_lock: HashMap<String, usize> = HashMap::new();
    let mut seen_text: HashMap<String, usize> = HashMap::new();
    entries
        .iter()
        .map(|e| {
            let text = e.text.trim();
            let mut candidates = Vec::new();
            let found: Result<(Lock, How), Verdict> = if text.is_empty() {
                Err(Verdict::Blank)
            } else if let Some(l) = by_id.get(text) {
                Ok(((*l).clone(), How::Id))
            } else {
                let (same, how) = match by_title.get(text) {
                    Some(same) => (same.clone(), How::Title),
                    None => (
                        by_folded.get(&fold(text)).cloned().unwrap_or_default(),
                        How::TitleIgnoringCase,
                    ),
                };
                match same.as_slice() {
                    [] => Err(Verdict::NoSuchLock),
                    [one] => Ok(((*one).clone(), how)),
                    many => {
                        candidates = many.iter().map(|l| (*l).clone()).collect();
                        picks
                            .get(&e.line)
                            .and_then(|id| many.iter().find(|l| &l.id == id))
                            .map(|l| ((*l).clone(), How::Picked))
                            .ok_or(Verdict::Ambiguous)
                    }
                }
            };
            let verdict = match found {
                Ok((lock, _)) if members.contains(&lock.id) => Verdict::AlreadyMember(lock),
                Ok((lock, how)) => match seen_lock.get(&lock.id) {
                    Some(&of) => Verdict::Duplicate { of },
                    None => {
                        seen_lock.insert(lock.id.clone(), e.line);
                        Verdict::Matched(lock, how)
                    }
                },
                Err(Verdict::Blank) => Verdict::Blank,
                Err(other) => match seen_text.get(&fold(text)) {
                    Some(&of) => Verdict::Duplicate { of },
                    None => {
                        seen_text.insert(fold(text), e.line);
                        other
                    }
                },
            };
            Checked {
                line: e.line,
                text: e.text.clone(),
                verdict,
                candidates,
            }
        })
        .collect()
}

fn fold(s: &str) -> String {
    s.trim().to_lowercase()
}

/// The locks to add, in line order: `(line, lock)`.
pub fn to_add(checked: &[Checked]) -> Vec<(usize, Lock)> {
    checked
        .iter()
        .filter_map(|c| match &c.verdict {
            Verdict::Matched(lock, _) => Some((c.line, lock.clone())),
            _ => None,
        })
        .collect()
}

/// How many lines of each kind, for the preview's summary.
pub fn counts(checked: &[Checked]) -> Counts {
    let ready = checked.iter().filter(|c| c.verdict.is_ready()).count();
    let pick = checked
        .iter()
        .filter(|c| c.verdict == Verdict::Ambiguous)
        .count();
    Counts {
        ready,
        pick,
        skipped: checked.len() - ready - pick,
    }
}

/// What a lock import keeps of a line: its text and the lock it named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockLine {
    pub input: String,
    pub lock_id: String,
    pub lock_title: String,
}

impl Columns for LockLine {
    const HEADER: &'static [&'static str] = &["line", "input", "lock id", "lock title", "result"];
    type Why = Verdict;

    fn cells(&self) -> Vec<String> {
        vec![
            self.input.clone(),
            self.lock_id.clone(),
            self.lock_title.clone(),
        ]
    }
    fn input(&self) -> String {
        self.input.clone()
    }
}

/// The result of one line of a lock import.
pub type LockResult = LineResult<LockLine>;

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::logic::import::{LineOutcome, LineStatus};

    /// A lock for tests (also used by `lock_import`'s).
    pub(crate) fn lock(id: &str, title: &str) -> Lock {
        Lock {
            id: id.into(),
            title: title.into(),
        }
    }

    fn locks() -> Vec<Lock> {
        vec![
            lock("1", "Main Entrance"),
            lock("2", "Reception"),
            lock("6", "Kitchen"),
            lock("1001", "Kitchen"),
            lock("12", "Lab"),
            lock("20", "lab"),
            lock("30", "12"),
            lock("40", "Server Room"),
        ]
    }

    fn entries(lines: &[&str]) -> Vec<Entry> {
        lines
            .iter()
            .enumerate()
            .map(|(i, t)| Entry {
                line: i + 1,
                text: t.to_string(),
            })
            .collect()
    }

    fn verdicts(lines: &[&str], picks: &[(usize, &str)]) -> Vec<Verdict> {
        let members: HashSet<String> = ["2".to_string()].into();
        let picks = picks.iter().map(|(l, id)| (*l, id.to_string())).collect();
        check(&entries(lines), &locks(), &members, &picks)
            .into_iter()
            .map(|c| c.verdict)
            .collect()
    }

    #[test]
    fn id_first_then_exact_title_then_ignoring_case() {
        assert_eq!(
            verdicts(&["12", "Main Entrance", "server room", " 40 "], &[]),
            [
                // "12" is lock 12's id before it is lock 30's title.
                Verdict::Matched(lock("12", "Lab"), How::Id),
                Verdict::Matched(lock("1", "Main Entrance"), How::Title),
                Verdict::Matched(lock("40", "Server Room"), How::TitleIgnoringCase),
                Verdict::Duplicate { of: 3 },
            ]
        );
    }

    #[test]
    fn an_exact_title_wins_over_one_ignoring_case() {
        // "Lab" and "lab" are two locks: the exact title decides.
        assert_eq!(
            verdicts(&["lab"], &[]),
            [Verdict::Matched(lock("20", "lab"), How::Title)]
        );
        // "LAB" matches both ignoring case: the admin picks.
        assert_eq!(verdicts(&["LAB"], &[]), [Verdict::Ambiguous]);
    }

    #[test]
    fn shared_titles_wait_for_a_pick() {
        let members = HashSet::new();
        let c = check(&entries(&["Kitchen"]), &locks(), &members, &HashMap::new());
        assert_eq!(c[0].verdict, Verdict::Ambiguous);
        assert_eq!(
            c[0].candidates,
            [lock("6", "Kitchen"), lock("1001", "Kitchen")]
        );
        assert_eq!(
            verdicts(&["Kitchen"], &[(1, "1001")]),
            [Verdict::Matched(lock("1001", "Kitchen"), How::Picked)]
        );
        // A pick that is not one of the candidates does not count.
        assert_eq!(verdicts(&["Kitchen"], &[(1, "2")]), [Verdict::Ambiguous]);
    }

    #[test]
    fn flags_unknown_blank_member_and_duplicate_lines() {
        assert_eq!(
            verdicts(
                &[
                    "Nowhere",
                    "",
                    "   ",
                    "Reception",
                    "2",
                    "Main Entrance",
                    "1",
                    "nowhere"
                ],
                &[]
            ),
            [
                Verdict::NoSuchLock,
                Verdict::Blank,
                Verdict::Blank,
                Verdict::AlreadyMember(lock("2", "Reception")),
                Verdict::AlreadyMember(lock("2", "Reception")),
                Verdict::Matched(lock("1", "Main Entrance"), How::Title),
                Verdict::Duplicate { of: 6 },
                Verdict::Duplicate { of: 1 },
            ]
        );
    }

    #[test]
    fn only_matched_lines_are_added_and_summarised() {
        let members = HashSet::new();
        let c = check(
            &entries(&["Lab", "Kitchen", "x", "Lab"]),
            &locks(),
            &members,
            &HashMap::new(),
        );
        assert_eq!(to_add(&c), [(1, lock("12", "Lab"))]);
        let counts = Counts {
            ready: 1,
            pick: 1,
            skipped: 2,
        };
        assert_eq!(super::counts(&c), counts);
        assert_eq!(c[1].verdict, Verdict::Ambiguous);
        assert_eq!(c[2].verdict, Verdict::NoSuchLock);
        assert_eq!(c[3].verdict, Verdict::Duplicate { of: 1 });
    }

    #[test]
    fn results_are_records() {
        let r = LockResult {
            line: 3,
            item: LockLine {
                input: "Lab".into(),
                lock_id: "12".into(),
                lock_title: "Lab".into(),
            },
            status: LineStatus::Refused(
                "this lock is already member of 8 groups and therefore cannot join another group"
                    .into(),
            ),
        };
        // The cells and the result (the view's words) fill the header.
        assert_eq!(r.cells().len() + 1, LockResult::HEADER.len());
        assert_eq!(r.cells()[0], "3");
        assert!(!r.ok() && r.refused());
    }
}
