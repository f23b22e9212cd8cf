//! What one person can open: their grants as lines (target, validity, window and schedule
//! in words), what each group grant opens through the group's current memberships, and
//! the total over every way, each lock counted once. Whether a grant opens a lock is
//! `logic::access`'s rule (a Joining lock opens from its next sync, a Leaving one until it).

use std::collections::BTreeMap;

use wire::{Grant, GrantState, Membership, MembershipDates, MembershipState, TARGET_GROUP};

use crate::logic::access::{Opens, Route, Validity};
use crate::logic::grants_query::describe_ical;
use crate::logic::time;

/// What a grant is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Group,
    Lock,
}

/// One grant as a person's page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct GrantLine {
    pub grant: Grant,
    pub kind: Kind,
    /// The group's or lock's title (its id when the grant does not embed it).
    pub title: String,
    pub validity: Validity,
}

impl GrantLine {
    pub fn new(grant: Grant, now_ms: i64) -> GrantLine {
        let target = grant.bound_lock.as_ref();
        let kind = match target.map(|t| t.target_type.as_str()) {
            Some(TARGET_GROUP) => Kind::Group,
            _ => Kind::Lock,
        };
        GrantLine {
            title: target
                .map(|t| t.title.clone())
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| grant.bound_lock_id.clone()),
            validity: Validity::of(&grant, now_ms),
            kind,
            grant,
        }
    }

    /// Revoked and expired grants are past: shown on demand.
    pub fn past(&self) -> bool {
        matches!(self.validity, Validity::Revoked | Validity::Expired)
    }

    /// Still revocable: not revoked yet (expired and future grants included).
    pub fn revocable(&self) -> bool {
        self.grant.state == GrantState::Ok && self.grant.active
    }

    /// The line after a revoke the server accepted (it answers with no body).
    pub fn mark_revoked(&mut self) {
        self.grant.state = GrantState::Revoked;
        self.grant.active = false;
        self.validity = Validity::Revoked;
    }

    /// "group Staff" / "lock Main Entrance", for confirms and results.
    pub fn target_words(&self) -> String {
        match self.kind {
            Kind::Group => format!("group {}", self.title),
            Kind::Lock => format!("lock {}", self.title),
        }
    }

    /// The validity window in words: "any time", "from …", "until …", "from … until …".
    pub fn window(&self) -> String {
        let at = |d: &Option<String>| {
            d.as_deref()
                .map(|s| time::parse(s).map_or(s.to_string(), time::exact))
        };
        match (at(&self.grant.valid_from), at(&self.grant.valid_before)) {
            (None, None) => "any time".to_string(),
            (Some(f), None) => format!("from {f}"),
            (None, Some(b)) => format!("until {b}"),
            (Some(f), Some(b)) => format!("from {f} until {b}"),
        }
    }

    /// The weekly time restriction in words, or "every day, all day".
    pub fn schedule(&self) -> String {
        match self.grant.time_restriction_ical.as_deref() {
            Some(ical) if !ical.trim().is_empty() => describe_ical(ical),
            _ => "every day, all day".to_string(),
        }
    }

    /// The route of a lock reached by this grant through a membership (`None`: directly).
    fn opens(&self, membership: Option<MembershipState>) -> Opens {
        let route = membership.map_or(Route::Direct, Route::Group);
        Opens::of(self.validity, route)
    }
}

/// A person's grants as lines: groups first, then locks, each by title.
pub fn lines(grants: Vec<Grant>, now_ms: i64) -> Vec<GrantLine> {
    let mut out: Vec<GrantLine> = grants
        .into_iter()
        .map(|g| GrantLine::new(g, now_ms))
        .collect();
    out.sort_by_key(|l| (l.kind, l.title.to_lowercase(), l.grant.id.clone()));
    out
}

/// The groups whose memberships are asked for: those of valid group grants, once each.
pub fn groups_to_ask(lines: &[GrantLine]) -> Vec<String> {
    let mut ids: Vec<String> = lines
        .iter()
        .filter(|l| l.kind == Kind::Group && l.validity == Validity::Active)
        .map(|l| l.grant.bound_lock_id.clone())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// One lock a grant reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reached {
    pub lock_id: String,
    pub title: String,
    pub opens: Opens,
}

/// The locks one group grant reaches through the group's current memberships, by title.
pub fn through_group(line: &GrantLine, memberships: &[Membership]) -> Vec<Reached> {
    let mut out: Vec<Reached> = memberships
        .iter()
        .map(|m| Reached {
            lock_id: m.bound_lock_id.clone(),
            title: m
                .bound_lock
                .as_ref()
                .map(|l| l.title.clone())
                .unwrap_or_else(|| m.bound_lock_id.clone()),
            opens: line.opens(Some(MembershipDates::of(m).state())),
        })
        .filter(|r| r.opens != Opens::No)
        .collect();
    out.sort_by_key(|r| (r.title.to_lowercase(), r.lock_id.clone()));
    out
}

/// A lock grant's lock, if the grant opens it.
pub fn direct(line: &GrantLine) -> Option<Reached> {
    let opens = line.opens(None);
    (line.kind == Kind::Lock && opens != Opens::No).then(|| Reached {
        lock_id: line.grant.bound_lock_id.clone(),
        title: line.title.clone(),
        opens,
    })
}

/// "Opens 3 locks now; 1 joining (from its next sync), 1 leaving (until its next sync)":
/// the locks that open now include the leaving ones.
pub fn group_sentence(reached: &[Reached]) -> String {
    let GroupCounts {
        now,
        joining,
        leaving,
    } = GroupCounts::of(reached);
    let mut out = format!("Opens {} now", locks(now));
    let its = |n: usize| if n == 1 { "its" } else { "their" };
    let mut changes = Vec::new();
    if joining > 0 {
        changes.push(format!(
            "{joining} joining (from {} next sync)",
            its(joining)
        ));
    }
    if leaving > 0 {
        changes.push(format!(
            "{leaving} leaving (until {} next sync)",
            its(leaving)
        ));
    }
    if !changes.is_empty() {
        out.push_str("; ");
        out.push_str(&changes.join(", "));
    }
    out
}

/// What one group grant reaches: the locks that open now (the leaving ones included),
/// those joining (from their next sync), those leaving (until it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GroupCounts {
    pub now: usize,
    pub joining: usize,
    pub leaving: usize,
}

impl GroupCounts {
    pub fn of(reached: &[Reached]) -> GroupCounts {
        let count = |f: fn(Opens) -> bool| reached.iter().filter(|r| f(r.opens)).count();
        GroupCounts {
            now: count(Opens::now),
            joining: count(|o| o == Opens::FromSync),
            leaving: count(|o| o == Opens::UntilSync),
        }
    }
}

fn locks(n: usize) -> String {
    match n {
        0 => "no lock".to_string(),
        1 => "1 lock".to_string(),
        n => format!("{n} locks"),
    }
}

/// Distinct locks over every way: open now, gained at a pending sync, lost at one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Total {
    pub now: usize,
    pub more: usize,
    pub fewer: usize,
}

impl Total {
    /// A lock reached several ways counts once: it opens now if any way opens it now, and
    /// after the syncs if any way opens it then.
    pub fn of<'a>(reached: impl IntoIterator<Item = &'a Reached>) -> Total {
        let mut by_lock: BTreeMap<&str, (bool, bool)> = BTreeMap::new();
        for r in reached {
            let e = by_lock.entry(&r.lock_id).or_default();
            e.0 |= r.opens.now();
            e.1 |= r.opens.after_sync();
        }
        let mut t = Total::default();
        for (now, after) in by_lock.into_values() {
            match (now, after) {
                (true, true) => t.now += 1,
                (true, false) => {
                    t.now += 1;
                    t.fewer += 1;
                }
                (false, true) => t.more += 1,
                (false, false) => {}
            }
        }
        t
    }

    /// "Opens 2 locks now, 1 more after pending syncs".
    pub fn sentence(self) -> String {
        let mut out = format!("Opens {} now", locks(self.now));
        if self.more > 0 {
            out.push_str(&format!(", {} more after pending syncs", self.more));
        }
        if self.fewer > 0 {
            let after = if self.more > 0 {
                ""
            } else {
                " after pending syncs"
            };
            out.push_str(&format!(", {} fewer{after}", self.fewer));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wire::{GrantTarget, TargetSummary, TARGET_LOCK};
    use MembershipState::*;

    const NOW: i64 = 1_700_000_000_000; // 2023-11-14T22:13:20Z

    fn grant(id: &str, target: &str, kind: &str) -> Grant {
        Grant {
            contact: None,
            bound_card: None,
            bound_lock: Some(GrantTarget {
                target_type: kind.into(),
                id: target.into(),
                physical_lock_id: None,
                title: format!("{target} title"),
                description: None,
            }),
            owner: None,
            id: id.into(),
            bound_lock_id: target.into(),
            contact_id: "c".into(),
            valid_from: None,
            valid_before: None,
            time_restriction_ical: None,
            state: GrantState::Ok,
            active: true,
            bound_card_id: None,
            custom_payload: None,
        }
    }

    fn member(lock: &str, state: MembershipState) -> Membership {
        let d = Some("2023-01-01T00:00:00Z".to_string());
        Membership {
            bound_lock: Some(TargetSummary {
                active: true,
                rcl_serial_no: None,
                rcl_date: None,
                target_type: TARGET_LOCK.into(),
                id: lock.into(),
                physical_lock_id: None,
                title: format!("{lock} title"),
                description: None,
            }),
            lock_group: None,
            last_seen_rcl_serial_no: None,
            last_seen_rcl_update_date: None,
            id: format!("m-{lock}"),
            lock_group_id: "G".into(),
            bound_lock_id: lock.into(),
            join_start_date: d.clone(),
            join_completed_date: matches!(state, Joined | UnjoinPending | Unjoined)
                .then(|| d.clone())
                .flatten(),
            leave_start_date: matches!(state, UnjoinPending | Unjoined)
                .then(|| d.clone())
                .flatten(),
            leave_completed_date: (state == Unjoined).then(|| d.clone()).flatten(),
        }
    }

    #[test]
    fn lines_in_order_with_their_words() {
        let mut lock = grant("1", "L1", TARGET_LOCK);
        lock.valid_from = Some("2023-01-01T00:00:00Z".into());
        lock.valid_before = Some("2030-01-01T08:00:00Z".into());
        let mut revoked = grant("2", "G2", TARGET_GROUP);
        revoked.state = GrantState::Revoked;
        revoked.active = false;
        let mut weekly = grant("3", "G1", TARGET_GROUP);
        weekly.time_restriction_ical = Some(
            "DTSTART:20240101T070000\nDTEND:20240101T190000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
                .into(),
        );
        let ls = lines(vec![lock, revoked, weekly], NOW);
        let titles: Vec<&str> = ls.iter().map(|l| l.title.as_str()).collect();
        assert_eq!(titles, ["G1 title", "G2 title", "L1 title"]);
        assert_eq!(ls[0].schedule(), "Mon–Fri 07:00–19:00");
        assert_eq!(ls[2].schedule(), "every day, all day");
        assert_eq!(
            ls[2].window(),
            "from 2023-01-01 00:00:00 UTC until 2030-01-01 08:00:00 UTC"
        );
        assert_eq!(ls[0].window(), "any time");
        assert_eq!(ls[1].validity.label(), "revoked");
        assert!(ls[1].past() && !ls[1].revocable());
        assert!(!ls[0].past() && ls[0].revocable());
        assert_eq!(ls[0].target_words(), "group G1 title");
        assert_eq!(ls[2].target_words(), "lock L1 title");
        assert_eq!(groups_to_ask(&ls), ["G1"], "valid group grants only");
        let mut now_revoked = ls[0].clone();
        now_revoked.mark_revoked();
        assert!(now_revoked.past() && !now_revoked.revocable());
        assert_eq!(groups_to_ask(&[now_revoked]), Vec::<String>::new());
    }

    #[test]
    fn a_group_grant_follows_each_membership() {
        let line = GrantLine::new(grant("1", "G1", TARGET_GROUP), NOW);
        let ms = [
            member("A", Joined),
            member("B", JoinPending),
            member("C", UnjoinPending),
            member("D", Joined),
            member("E", Unjoined),
        ];
        let reached = through_group(&line, &ms);
        let opens: Vec<(&str, Opens)> = reached
            .iter()
            .map(|r| (r.lock_id.as_str(), r.opens))
            .collect();
        assert_eq!(
            opens,
            [
                ("A", Opens::Now),
                ("B", Opens::FromSync),
                ("C", Opens::UntilSync),
                ("D", Opens::Now)
            ]
        );
        assert_eq!(
            group_sentence(&reached),
            "Opens 3 locks now; 1 joining (from its next sync), 1 leaving (until its next sync)"
        );
        assert_eq!(group_sentence(&[]), "Opens no lock now");
        let mut expired = line.clone();
        expired.validity = Validity::Expired;
        assert!(
            through_group(&expired, &ms).is_empty(),
            "nothing when invalid"
        );
    }

    #[test]
    fn the_total_counts_each_lock_once() {
        let group = GrantLine::new(grant("1", "G1", TARGET_GROUP), NOW);
        let mut reached = through_group(
            &group,
            &[
                member("A", Joined),
                member("B", JoinPending),
                member("L", JoinPending),
            ],
        );
        let lock = GrantLine::new(grant("2", "L", TARGET_LOCK), NOW);
        reached.extend(direct(&lock));
        let t = Total::of(&reached);
        assert_eq!(
            t,
            Total {
                now: 2,
                more: 1,
                fewer: 0
            },
            "L directly and joining through G1 counts once, now"
        );
        assert_eq!(
            t.sentence(),
            "Opens 2 locks now, 1 more after pending syncs"
        );
        let leaving = through_group(&group, &[member("C", UnjoinPending)]);
        assert_eq!(
            Total::of(&leaving).sentence(),
            "Opens 1 lock now, 1 fewer after pending syncs"
        );
        assert_eq!(Total::default().sentence(), "Opens no lock now");
        let mut revoked = lock.clone();
        revoked.validity = Validity::Revoked;
        assert_eq!(direct(&revoked), None);
        assert_eq!(direct(&group), None, "a group is not a lock");
    }
}
