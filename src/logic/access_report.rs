//! A way of access in words (its validity window, its weekly schedule) and the access
//! report of a lock: one CSV line per way a person has access, as the lock's page lists it.

use super::access::{Person, Way};
use super::csv_export::iso_utc;
use super::grants_query::describe_ical;
use super::time;

/// "2026-12-01 07:00 UTC": a validity bound, to the minute (the same in every language).
pub fn minute(s: &str) -> String {
    match time::parse(s) {
        Some(ms) => {
            let exact = time::exact(ms); // "2026-12-01 07:00:00 UTC"
            format!("{} UTC", &exact[..16])
        }
        None => s.to_string(),
    }
}

/// The validity window in words: "no time limit", "from …", "until …", "… to …".
pub fn window(from: Option<&str>, before: Option<&str>) -> String {
    match (from, before) {
        (None, None) => "no time limit".to_string(),
        (Some(f), None) => format!("from {}", minute(f)),
        (None, Some(b)) => format!("until {}", minute(b)),
        (Some(f), Some(b)) => format!("{} to {}", minute(f), minute(b)),
    }
}

/// The weekly time restriction in words, or "any time".
pub fn schedule(ical: Option<&str>) -> String {
    ical.filter(|i| !i.trim().is_empty())
        .map_or_else(|| "any time".to_string(), describe_ical)
}

impl Way {
    pub fn window(&self) -> String {
        window(
            self.grant.valid_from.as_deref(),
            self.grant.valid_before.as_deref(),
        )
    }

    pub fn schedule(&self) -> String {
        schedule(self.grant.time_restriction_ical.as_deref())
    }
}

/// The access report's columns.
pub const REPORT_HEADER: &[&str] = &[
    "person",
    "identifier",
    "contact id",
    "access",
    "how",
    "lock group id",
    "valid from",
    "valid before",
    "schedule",
    "grant",
    "grant id",
];

/// One line per way each person has access, in the order shown.
pub fn report(people: &[Person]) -> Vec<Vec<String>> {
    people
        .iter()
        .flat_map(|p| {
            p.ways.iter().map(move |w| {
                vec![
                    p.name.clone(),
                    p.identifier.clone(),
                    p.contact_id.clone(),
                    w.opens.label().to_string(),
                    w.through(),
                    w.via.as_ref().map(|v| v.id.clone()).unwrap_or_default(),
                    iso_utc(w.grant.valid_from.as_deref()),
                    iso_utc(w.grant.valid_before.as_deref()),
                    w.schedule(),
                    w.validity.label().to_string(),
                    w.grant.id.clone(),
                ]
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::access::{people, Via};
    use wire::{Grant, MembershipState};

    fn grant(id: &str, contact: &str, ical: Option<&str>) -> Grant {
        serde_json::from_value(serde_json::json!({
            "contact": {"id": contact, "ownerId": "1", "comment": null, "ipId": "tapkey",
                "ipUserId": null, "email": format!("{contact}@example.com"), "ipUserName": null,
                "isActive": true, "title": format!("Person {contact}")},
            "boundCard": null, "boundLock": null, "owner": null, "id": id,
            "boundLockId": "L", "contactId": contact,
            "validFrom": "2026-12-01T07:00:00Z", "validBefore": null,
            "timeRestrictionIcal": ical, "state": "Ok", "active": true,
            "boundCardId": null, "customPayload": null
        }))
        .unwrap()
    }

    #[test]
    fn windows_and_schedules_in_words() {
        assert_eq!(window(None, None), "no time limit");
        assert_eq!(
            window(Some("2026-12-01T07:00:00.000Z"), None),
            "from 2026-12-01 07:00 UTC"
        );
        assert_eq!(
            window(None, Some("2027-01-01T00:00:00Z")),
            "until 2027-01-01 00:00 UTC"
        );
        assert_eq!(
            window(Some("2026-12-01T07:00:00Z"), Some("2027-01-01T00:00:00Z")),
            "2026-12-01 07:00 UTC to 2027-01-01 00:00 UTC"
        );
        assert_eq!(schedule(None), "any time");
        assert_eq!(schedule(Some(" ")), "any time");
        let weekdays = "BEGIN:VEVENT\r\nDTSTART:20240101T070000\r\nDTEND:20240101T190000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\nEND:VEVENT";
        assert!(
            schedule(Some(weekdays)).contains("07:00"),
            "{}",
            schedule(Some(weekdays))
        );
    }

    #[test]
    fn the_report_has_a_line_per_way_under_its_header() {
        const NOW: i64 = 1_800_000_000_000; // 2027-01-15
        let ways = vec![
            Way::new(grant("g1", "1", None), None, NOW),
            Way::new(
                grant("g2", "1", None),
                Some(Via {
                    id: "101".into(),
                    title: "Staff".into(),
                    state: MembershipState::JoinPending,
                }),
                NOW,
            ),
        ];
        let rows = report(&people(ways, false));
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|r| r.len() == REPORT_HEADER.len()));
        assert_eq!(rows[0][0], "Person 1");
        assert_eq!(rows[0][3], "now");
        assert_eq!(rows[0][4], "directly");
        assert_eq!(rows[1][3], "from the lock's next sync");
        assert_eq!(rows[1][4], "through group Staff");
        assert_eq!(rows[1][5], "101");
        assert_eq!(rows[1][6], "2026-12-01T07:00:00.000Z");
        assert_eq!(rows[1][8], "any time");
        assert_eq!(rows[1][10], "g2");
    }
}
