//! Who can open a lock: whether one grant opens it now, from the lock's next sync, or
//! only until that sync; the grants merged into one row per person; the counts sentence.
//! A lock learns of group changes only when it syncs, so a group grant follows the
//! membership's lifecycle: Joined and Leaving open now (Leaving until the sync), Joining
//! opens from the sync.

use std::collections::BTreeMap;

use wire::{Grant, GrantState, MembershipState};

/// A grant's validity at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validity {
    Active,
    Revoked,
    Expired,
    NotYetValid,
}

impl Validity {
    /// Revoked (or an unknown state, or `active: false`) wins; then the window.
    pub fn of(grant: &Grant, now_ms: i64) -> Validity {
        if grant.state != GrantState::Ok || !grant.active {
            return Validity::Revoked;
        }
        let at = |d: &Option<String>| d.as_deref().and_then(crate::logic::time::parse);
        if at(&grant.valid_before).is_some_and(|b| b <= now_ms) {
            Validity::Expired
        } else if at(&grant.valid_from).is_some_and(|f| f > now_ms) {
            Validity::NotYetValid
        } else {
            Validity::Active
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Validity::Active => "valid",
            Validity::Revoked => "revoked",
            Validity::Expired => "expired",
            Validity::NotYetValid => "not yet valid",
        }
    }
}

/// How a grant reaches the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// A grant on the lock itself.
    Direct,
    /// A grant on a group, through the lock's membership in this state.
    Group(MembershipState),
}

/// Whether a grant opens the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Opens {
    /// Now and after the next sync.
    Now,
    /// Now, until the lock's next sync (a Leaving membership).
    UntilSync,
    /// From the lock's next sync (a Joining membership).
    FromSync,
    /// Not at all (revoked, expired, not yet valid, or the lock has left the group).
    No,
}

impl Opens {
    pub fn of(validity: Validity, route: Route) -> Opens {
        if validity != Validity::Active {
            return Opens::No;
        }
        match route {
            Route::Direct | Route::Group(MembershipState::Joined) => Opens::Now,
            Route::Group(MembershipState::UnjoinPending) => Opens::UntilSync,
            Route::Group(MembershipState::JoinPending) => Opens::FromSync,
            Route::Group(MembershipState::Unjoined | MembershipState::Unknown) => Opens::No,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Opens::Now => "now",
            Opens::UntilSync => "now, until the lock's next sync",
            Opens::FromSync => "from the lock's next sync",
            Opens::No => "not at all",
        }
    }

    /// It opens the lock now (perhaps only until the sync).
    pub fn now(self) -> bool {
        matches!(self, Opens::Now | Opens::UntilSync)
    }

    /// It opens the lock once the lock has synced.
    pub fn after_sync(self) -> bool {
        matches!(self, Opens::Now | Opens::FromSync)
    }
}

/// The group a grant comes through (`None`: directly on the lock).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Via {
    pub id: String,
    pub title: String,
    pub state: MembershipState,
}

/// One way a person has (or had, or will have) access.
#[derive(Debug, Clone, PartialEq)]
pub struct Way {
    pub grant: Grant,
    pub via: Option<Via>,
    pub validity: Validity,
    pub opens: Opens,
}

impl Way {
    pub fn new(grant: Grant, via: Option<Via>, now_ms: i64) -> Way {
        let validity = Validity::of(&grant, now_ms);
        let route = via
            .as_ref()
            .map_or(Route::Direct, |v| Route::Group(v.state));
        Way {
            opens: Opens::of(validity, route),
            grant,
            via,
            validity,
        }
    }

    /// "directly" or "through group Staff".
    pub fn through(&self) -> String {
        match &self.via {
            None => "directly".to_string(),
            Some(v) => format!("through group {}", v.title),
        }
    }
}

/// One person and every way they reach the lock, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub contact_id: String,
    pub name: String,
    pub identifier: String,
    pub ways: Vec<Way>,
}

impl Person {
    /// The person's best access over all their ways.
    pub fn opens(&self) -> Opens {
        self.ways.iter().map(|w| w.opens).min().unwrap_or(Opens::No)
    }

    fn now(&self) -> bool {
        self.ways.iter().any(|w| w.opens.now())
    }

    fn after_sync(&self) -> bool {
        self.ways.iter().any(|w| w.opens.after_sync())
    }

    /// The person's state in words: "now", unless every way that opens now ends at the
    /// sync and none starts then.
    pub fn state(&self) -> &'static str {
        self.state_opens().label()
    }

    /// As [`Person::state`], the kind (the view says it in the language shown).
    pub fn state_opens(&self) -> Opens {
        match (self.now(), self.after_sync()) {
            (true, true) => Opens::Now,
            (true, false) => Opens::UntilSync,
            (false, true) => Opens::FromSync,
            (false, false) => Opens::No,
        }
    }
}

/// One row per contact; with `all` false, only the ways that open the lock now or after
/// its next sync (people with none left out). Sorted by name.
pub fn people(ways: Vec<Way>, all: bool) -> Vec<Person> {
    let mut by: BTreeMap<String, Person> = BTreeMap::new();
    for way in ways.into_iter().filter(|w| all || w.opens != Opens::No) {
        let id = way.grant.contact_id.clone();
        let person = by.entry(id.clone()).or_insert_with(|| {
            let c = way.grant.contact.as_ref();
            let identifier = c
                .and_then(|c| c.email.clone().or(c.ip_user_name.clone()))
                .unwrap_or_default();
            let name = c
                .and_then(|c| c.title.clone())
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| identifier.clone());
            Person {
                contact_id: id,
                name,
                identifier,
                ways: Vec::new(),
            }
        });
        person.ways.push(way);
    }
    let mut rows: Vec<Person> = by.into_values().collect();
    for p in &mut rows {
        p.ways.sort_by_key(|w| (w.opens, w.via.is_some()));
    }
    rows.sort_by_key(|p| p.name.to_lowercase());
    rows
}

/// People who can open now, who gain access at the sync, who lose it then.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub now: usize,
    pub more: usize,
    pub fewer: usize,
}

impl Counts {
    pub fn of(people: &[Person]) -> Counts {
        let mut c = Counts::default();
        for p in people {
            match (p.now(), p.after_sync()) {
                (true, true) => c.now += 1,
                (true, false) => {
                    c.now += 1;
                    c.fewer += 1
                }
                (false, true) => c.more += 1,
                (false, false) => {}
            }
        }
        c
    }

    /// "14 people can open this lock now; 3 more after its next sync, 2 fewer".
    pub fn sentence(self) -> String {
        let head = match self.now {
            0 => "Nobody can open this lock now".to_string(),
            1 => "1 person can open this lock now".to_string(),
            n => format!("{n} people can open this lock now"),
        };
        let mut changes = Vec::new();
        if self.more > 0 {
            changes.push(format!("{} more after its next sync", self.more));
        }
        if self.fewer > 0 {
            let after = if self.more > 0 {
                ""
            } else {
                " after its next sync"
            };
            changes.push(format!("{} fewer{after}", self.fewer));
        }
        if changes.is_empty() {
            head
        } else {
            format!("{head}; {}", changes.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wire::Contact;
    use MembershipState::*;

    const NOW: i64 = 1_700_000_000_000; // 2023-11-14T22:13:20Z

    fn grant(
        id: &str,
        contact: &str,
        state: GrantState,
        from: Option<&str>,
        before: Option<&str>,
    ) -> Grant {
        Grant {
            contact: Some(Contact {
                id: contact.into(),
                owner_id: "1".into(),
                comment: None,
                ip_id: None,
                ip_user_id: None,
                email: Some(format!("{contact}@example.com")),
                ip_user_name: None,
                is_active: true,
                title: Some(contact.to_uppercase()),
            }),
            bound_card: None,
            bound_lock: None,
            owner: None,
            id: id.into(),
            bound_lock_id: "L".into(),
            contact_id: contact.into(),
            valid_from: from.map(str::to_string),
            valid_before: before.map(str::to_string),
            time_restriction_ical: None,
            state,
            active: state == GrantState::Ok,
            bound_card_id: None,
            custom_payload: None,
        }
    }

    fn ok(contact: &str) -> Grant {
        grant("g", contact, GrantState::Ok, None, None)
    }

    fn via(state: MembershipState) -> Option<Via> {
        Some(Via {
            id: "G1".into(),
            title: "Staff".into(),
            state,
        })
    }

    #[test]
    fn validity_of_each_kind_of_grant() {
        let past = Some("2020-01-01T00:00:00Z");
        let future = Some("2030-01-01T00:00:00Z");
        let v = |g: Grant| Validity::of(&g, NOW);
        assert_eq!(v(ok("a")), Validity::Active);
        assert_eq!(
            v(grant("g", "a", GrantState::Ok, past, future)),
            Validity::Active
        );
        assert_eq!(
            v(grant("g", "a", GrantState::Revoked, None, None)),
            Validity::Revoked
        );
        assert_eq!(
            v(grant("g", "a", GrantState::Unknown, None, None)),
            Validity::Revoked
        );
        assert_eq!(
            v(grant("g", "a", GrantState::Ok, None, past)),
            Validity::Expired
        );
        assert_eq!(
            v(grant("g", "a", GrantState::Ok, future, None)),
            Validity::NotYetValid
        );
        let mut inactive = ok("a");
        inactive.active = false;
        assert_eq!(v(inactive), Validity::Revoked);
    }

    #[test]
    fn every_membership_state_with_a_valid_grant() {
        let o = |r| Opens::of(Validity::Active, r);
        assert_eq!(o(Route::Direct), Opens::Now);
        assert_eq!(o(Route::Group(Joined)), Opens::Now);
        assert_eq!(o(Route::Group(UnjoinPending)), Opens::UntilSync);
        assert_eq!(o(Route::Group(JoinPending)), Opens::FromSync);
        assert_eq!(o(Route::Group(Unjoined)), Opens::No);
        assert_eq!(o(Route::Group(MembershipState::Unknown)), Opens::No);
        assert_eq!(Opens::UntilSync.label(), "now, until the lock's next sync");
        assert_eq!(Opens::FromSync.label(), "from the lock's next sync");
    }

    #[test]
    fn an_invalid_grant_opens_nothing_whatever_the_route() {
        for validity in [Validity::Revoked, Validity::Expired, Validity::NotYetValid] {
            let routes = [
                Route::Direct,
                Route::Group(Joined),
                Route::Group(JoinPending),
                Route::Group(UnjoinPending),
                Route::Group(Unjoined),
            ];
            for route in routes {
                assert_eq!(
                    Opens::of(validity, route),
                    Opens::No,
                    "{validity:?} {route:?}"
                );
            }
        }
    }

    #[test]
    fn one_row_per_person_listing_each_way() {
        let ways = vec![
            Way::new(ok("ann"), via(JoinPending), NOW),
            Way::new(ok("bob"), via(Joined), NOW),
            Way::new(ok("ann"), None, NOW),
            Way::new(ok("ann"), via(Joined), NOW),
            Way::new(
                grant("r", "cid", GrantState::Revoked, None, None),
                None,
                NOW,
            ),
        ];
        let rows = people(ways.clone(), false);
        assert_eq!(rows.len(), 2, "the revoked grant's person is left out");
        let ann = &rows[0];
        assert_eq!(
            (ann.name.as_str(), ann.identifier.as_str()),
            ("ANN", "ann@example.com")
        );
        let through: Vec<String> = ann.ways.iter().map(Way::through).collect();
        assert_eq!(
            through,
            ["directly", "through group Staff", "through group Staff"]
        );
        assert_eq!(ann.ways[2].opens, Opens::FromSync);
        assert_eq!(ann.state(), "now");
        assert_eq!(people(ways, true).len(), 3, "shown on demand");
    }

    #[test]
    fn a_persons_state_combines_their_ways() {
        let row = |ways: Vec<Way>| people(ways, false).remove(0);
        let p = row(vec![Way::new(ok("a"), via(UnjoinPending), NOW)]);
        assert_eq!(p.state(), "now, until the lock's next sync");
        let p = row(vec![
            Way::new(ok("a"), via(UnjoinPending), NOW),
            Way::new(ok("a"), via(JoinPending), NOW),
        ]);
        assert_eq!(p.state(), "now", "one group leaves as another joins");
        let p = row(vec![Way::new(ok("a"), via(JoinPending), NOW)]);
        assert_eq!(p.state(), "from the lock's next sync");
    }

    #[test]
    fn counts_and_their_sentence() {
        let ways = vec![
            Way::new(ok("a"), None, NOW),
            Way::new(ok("b"), via(Joined), NOW),
            Way::new(ok("c"), via(JoinPending), NOW),
            Way::new(ok("d"), via(UnjoinPending), NOW),
            Way::new(ok("e"), via(UnjoinPending), NOW),
        ];
        let c = Counts::of(&people(ways, false));
        assert_eq!(
            c,
            Counts {
                now: 4,
                more: 1,
                fewer: 2
            }
        );
        assert_eq!(
            c.sentence(),
            "4 people can open this lock now; 1 more after its next sync, 2 fewer"
        );
        let one = Counts {
            now: 1,
            more: 0,
            fewer: 0,
        };
        assert_eq!(one.sentence(), "1 person can open this lock now");
        let gone = Counts {
            now: 0,
            more: 0,
            fewer: 0,
        };
        assert_eq!(gone.sentence(), "Nobody can open this lock now");
        let fewer = Counts {
            now: 2,
            more: 0,
            fewer: 2,
        };
        assert_eq!(
            fewer.sentence(),
            "2 people can open this lock now; 2 fewer after its next sync"
        );
    }
}
