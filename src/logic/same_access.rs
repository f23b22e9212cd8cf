//! "Give the same access to…", pure parts: which of a person's grants can be copied to
//! someone else (group grants that still give or will give access, each distinct one
//! once), the other person's e-mail checked like the grant form's, the schedule to send
//! (the copied iCal itself while its fields are as copied, else the edited week), and the
//! `PUT …/Grants` bodies, repeats dropped.

use wire::{ContactRef, CreateGrant, FeatureSupport};

use crate::logic::access::Validity;
use crate::logic::grant_form::looks_like_email;
use crate::logic::person_access::{GrantLine, Kind};
use crate::logic::schedule::{ScheduleError, Weekday, Weekly};

/// One group grant of the person, as it is copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    pub group_id: String,
    /// The group's title, for the row and the results.
    pub title: String,
    pub valid_from: Option<String>,
    pub valid_before: Option<String>,
    pub ical: Option<String>,
}

impl Copied {
    fn key(&self) -> (&str, &Option<String>, &Option<String>, &Option<String>) {
        (
            &self.group_id,
            &self.valid_from,
            &self.valid_before,
            &self.ical,
        )
    }
}

/// The grants "Give the same access" copies, in the page's order: on a group (the issue
/// asks for group grants; a lock's grants are the person's own arrangement), not revoked
/// and not expired (a grant that starts later is still access they will have). Two
/// grants with the same group, window and schedule are copied once.
pub fn copyable(lines: &[GrantLine]) -> Vec<Copied> {
    let mut out: Vec<Copied> = Vec::new();
    for l in lines {
        let usable = matches!(l.validity, Validity::Active | Validity::NotYetValid);
        if l.kind != Kind::Group || !usable || !l.revocable() {
            continue;
        }
        let ical = l
            .grant
            .time_restriction_ical
            .clone()
            .filter(|i| !i.trim().is_empty());
        let c = Copied {
            group_id: l.grant.bound_lock_id.clone(),
            title: l.title.clone(),
            valid_from: l.grant.valid_from.clone(),
            valid_before: l.grant.valid_before.clone(),
            ical,
        };
        if !out.iter().any(|o| o.key() == c.key()) {
            out.push(c);
        }
    }
    out
}

/// What is wrong with the e-mail field (the view says it in the language shown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersonError {
    /// Nothing typed.
    Empty,
    /// Not an e-mail address: the text as typed, trimmed.
    NotEmail(String),
    /// The person's own address.
    Own,
}

/// The e-mail field's error, as the grant form checks it, or `None`. `own` is the
/// person's own identifier: copying their access to themselves does nothing.
pub fn person_error(text: &str, own: Option<&str>) -> Option<PersonError> {
    let t = text.trim();
    if t.is_empty() {
        return Some(PersonError::Empty);
    }
    if !looks_like_email(t) {
        return Some(PersonError::NotEmail(t.to_string()));
    }
    if own.is_some_and(|o| o.trim().eq_ignore_ascii_case(t)) {
        return Some(PersonError::Own);
    }
    None
}

/// A copied schedule as its fields show it: the days and the two times (`HH:MM`); empty
/// when there is none or it is not a weekly rule (shown in words, kept as written).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WeekFields {
    pub days: Vec<Weekday>,
    pub from: String,
    pub to: String,
}

impl WeekFields {
    pub fn of(ical: Option<&str>) -> WeekFields {
        ical.and_then(Weekly::from_ical)
            .map(|w| WeekFields {
                days: w.days,
                from: w.from.to_string(),
                to: w.to.to_string(),
            })
            .unwrap_or_default()
    }

    fn same(&self, other: &WeekFields) -> bool {
        let sorted = |d: &[Weekday]| {
            let mut d = d.to_vec();
            d.sort();
            d
        };
        sorted(&self.days) == sorted(&other.days) && self.from == other.from && self.to == other.to
    }

    fn is_empty(&self) -> bool {
        self.days.is_empty() && self.from.trim().is_empty() && self.to.trim().is_empty()
    }
}

/// Whether a copied schedule can be edited here: none, or a weekly rule the fields show.
pub fn schedule_editable(ical: Option<&str>) -> bool {
    ical.is_none_or(|i| Weekly::from_ical(i).is_some())
}

/// A grant with a schedule cannot be copied onto a group whose locks cannot apply one:
/// without it the other person would get access at any time of day.
pub fn blocked(copied: &Copied, support: FeatureSupport) -> bool {
    copied.ical.is_some() && support == FeatureSupport::NotSupported
}

/// The schedule to send: the copied iCal as it is while the fields are as copied (or
/// cannot be edited); nothing when the fields are emptied; else the edited week from
/// `start_day` (`YYYYMMDD`). A group that cannot apply one gets none.
pub fn schedule_to_send(
    copied: Option<&str>,
    edited: &WeekFields,
    start_day: &str,
    support: FeatureSupport,
) -> Result<Option<String>, ScheduleError> {
    if support == FeatureSupport::NotSupported {
        return Ok(None);
    }
    if !schedule_editable(copied) || edited.same(&WeekFields::of(copied)) {
        return Ok(copied.map(str::to_string));
    }
    if edited.is_empty() {
        return Ok(None);
    }
    Weekly::new(&edited.days, &edited.from, &edited.to).map(|w| Some(w.to_ical(start_day)))
}

/// One checked row, ready to send: the group, and its window and schedule as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToSend {
    pub group_id: String,
    pub title: String,
    pub valid_from: Option<String>,
    pub valid_before: Option<String>,
    pub ical: Option<String>,
}

/// The `PUT /Owners/{o}/Grants` bodies for `email`, one per distinct row (two rows that
/// came out the same after editing are one grant), with each row's title.
pub fn bodies(rows: &[ToSend], email: &str) -> Vec<(String, CreateGrant)> {
    let mut out: Vec<(String, CreateGrant)> = Vec::new();
    for r in rows {
        let body = CreateGrant {
            bound_lock_id: Some(r.group_id.clone()),
            contact: Some(ContactRef {
                identifier: Some(email.trim().to_string()),
            }),
            valid_from: r.valid_from.clone(),
            valid_before: r.valid_before.clone(),
            time_restriction_ical: r.ical.clone(),
            ..Default::default()
        };
        if !out.iter().any(|(_, b)| *b == body) {
            out.push((r.title.clone(), body));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::person_access::lines;
    use wire::{Grant, GrantState, GrantTarget, TARGET_GROUP};

    const NOW: i64 = 1_800_000_000_000; // 2027-01-15
    const WEEK: &str =
        "BEGIN:VEVENT\r\nDTSTART:20261201T070000\r\nDTEND:20261201T190000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\nEND:VEVENT";

    fn grant(id: &str, on: &str, group: bool) -> Grant {
        Grant {
            contact: None,
            bound_card: None,
            bound_lock: Some(GrantTarget {
                target_type: if group { TARGET_GROUP } else { "BoundLock" }.into(),
                id: on.into(),
                physical_lock_id: None,
                title: format!("T {on}"),
                description: None,
            }),
            owner: None,
            id: id.into(),
            bound_lock_id: on.into(),
            contact_id: "c1".into(),
            valid_from: None,
            valid_before: None,
            time_restriction_ical: None,
            state: GrantState::Ok,
            active: true,
            bound_card_id: None,
            custom_payload: None,
        }
    }

    #[test]
    fn copies_live_group_grants_once_each() {
        let mut revoked = grant("2", "g2", true);
        revoked.state = GrantState::Revoked;
        revoked.active = false;
        let mut expired = grant("3", "g3", true);
        expired.valid_before = Some("2020-01-01T00:00:00.000Z".into());
        let mut later = grant("4", "g4", true);
        later.valid_from = Some("2030-01-01T00:00:00.000Z".into());
        let mut scheduled = grant("6", "g1", true);
        scheduled.time_restriction_ical = Some(WEEK.into());
        let all = vec![
            grant("1", "g1", true),
            revoked,
            expired,
            later,
            grant("5", "lock", false),
            grant("1b", "g1", true), // the same as 1: copied once
            scheduled,               // same group, another schedule: its own row
        ];
        let got = copyable(&lines(all, NOW));
        let ids: Vec<_> = got
            .iter()
            .map(|c| (c.group_id.as_str(), c.ical.is_some()))
            .collect();
        assert_eq!(ids, [("g1", false), ("g1", true), ("g4", false)]);
        assert_eq!(
            got[2].valid_from.as_deref(),
            Some("2030-01-01T00:00:00.000Z")
        );
        assert_eq!(got[0].title, "T g1");
    }

    #[test]
    fn the_email_is_checked_like_the_grant_forms() {
        assert_eq!(person_error(" ", None), Some(PersonError::Empty));
        assert_eq!(
            person_error(" bob ", None),
            Some(PersonError::NotEmail("bob".into()))
        );
        assert_eq!(
            person_error("Zed@Example.com", Some("zed@example.com")),
            Some(PersonError::Own)
        );
        assert_eq!(
            person_error(" amy@example.com ", Some("zed@example.com")),
            None
        );
    }

    #[test]
    fn an_untouched_schedule_is_sent_as_copied() {
        let ok = FeatureSupport::Supported;
        let fields = WeekFields::of(Some(WEEK));
        assert_eq!(fields.days.len(), 5);
        assert_eq!(
            (fields.from.as_str(), fields.to.as_str()),
            ("07:00", "19:00")
        );
        assert_eq!(
            schedule_to_send(Some(WEEK), &fields, "20270101", ok),
            Ok(Some(WEEK.to_string()))
        );
        // Edited: the new week, from the grant's first day.
        let mut edited = fields.clone();
        edited.days.retain(|d| *d != Weekday::Fri);
        let sent = schedule_to_send(Some(WEEK), &edited, "20270101", ok)
            .unwrap()
            .unwrap();
        assert!(sent.contains("BYDAY=MO,TU,WE,TH\r") && sent.contains("DTSTART:20270101T070000"));
        // Emptied: none; half filled: the schedule's own error.
        assert_eq!(
            schedule_to_send(Some(WEEK), &WeekFields::default(), "20270101", ok),
            Ok(None)
        );
        let half = WeekFields {
            days: vec![Weekday::Mon],
            ..Default::default()
        };
        assert_eq!(
            schedule_to_send(None, &half, "20270101", ok),
            Err(ScheduleError::BadTime)
        );
        // A rule the fields cannot show is kept as written.
        let daily = "BEGIN:VEVENT\nRRULE:FREQ=DAILY\nEND:VEVENT";
        assert!(!schedule_editable(Some(daily)));
        assert_eq!(
            schedule_to_send(Some(daily), &WeekFields::default(), "x", ok),
            Ok(Some(daily.to_string()))
        );
        // A group that cannot apply one gets none, and a scheduled grant is not copied there.
        assert_eq!(
            schedule_to_send(Some(WEEK), &fields, "x", FeatureSupport::NotSupported),
            Ok(None)
        );
        let c = |ical: Option<&str>| Copied {
            group_id: "g".into(),
            title: "G".into(),
            valid_from: None,
            valid_before: None,
            ical: ical.map(str::to_string),
        };
        assert!(blocked(&c(Some(WEEK)), FeatureSupport::NotSupported));
        assert!(!blocked(&c(None), FeatureSupport::NotSupported));
        assert!(!blocked(&c(Some(WEEK)), FeatureSupport::Unknown));
    }

    #[test]
    fn one_body_per_distinct_row() {
        let row = |g: &str, before: Option<&str>| ToSend {
            group_id: g.into(),
            title: format!("T {g}"),
            valid_from: None,
            valid_before: before.map(str::to_string),
            ical: None,
        };
        let rows = [
            row("g1", None),
            row("g2", Some("2027-02-01T00:00:00.000Z")),
            row("g1", None),
        ];
        let out = bodies(&rows, " amy@example.com ");
        assert_eq!(out.len(), 2);
        let (title, body) = &out[1];
        assert_eq!(title, "T g2");
        assert_eq!(body.bound_lock_id.as_deref(), Some("g2"));
        assert_eq!(
            body.contact.as_ref().and_then(|c| c.identifier.as_deref()),
            Some("amy@example.com")
        );
        assert_eq!(
            body.valid_before.as_deref(),
            Some("2027-02-01T00:00:00.000Z")
        );
        assert_eq!(body.contact_id, None);
    }
}
