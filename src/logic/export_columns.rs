//! What each export writes: the columns of the lock-group list, a group's members and its
//! grants (ids included, times in ISO 8601 UTC, states in the console's words).

use wire::{BoundLock, Grant, LockGroup, Membership, MembershipState};

use super::csv_export::{iso_utc, Record};
use super::grants_query::describe_ical;
use super::history::{verb, HistoryEvent};
use super::locks_list::{lock_type, pending, Seen};
use super::membership_state::{derive, Dates};

impl Record for LockGroup {
    const HEADER: &'static [&'static str] = &[
        "id",
        "title",
        "description",
        "joining",
        "active",
        "leaving",
        "left",
        "time restrictions",
    ];

    fn record(&self) -> Vec<String> {
        let count = |s: MembershipState| self.count(s).to_string();
        vec![
            self.id.clone(),
            self.title.clone(),
            self.description.clone().unwrap_or_default(),
            count(MembershipState::JoinPending),
            count(MembershipState::Joined),
            count(MembershipState::UnjoinPending),
            count(MembershipState::Unjoined),
            self.supported_features
                .as_ref()
                .map_or("Unknown", |f| f.time_restriction_ical_support.label())
                .to_string(),
        ]
    }
}

impl Record for Membership {
    const HEADER: &'static [&'static str] = &[
        "membership id",
        "lock id",
        "lock title",
        "state",
        "added",
        "active since",
        "removed",
        "left",
        "last seen serial number",
    ];

    fn record(&self) -> Vec<String> {
        let state = derive(Dates::of(self)).state;
        vec![
            self.id.clone(),
            self.bound_lock_id.clone(),
            self.bound_lock
                .as_ref()
                .map(|l| l.title.clone())
                .unwrap_or_default(),
            state.label().to_string(),
            iso_utc(self.join_start_date.as_deref()),
            iso_utc(self.join_completed_date.as_deref()),
            iso_utc(self.leave_start_date.as_deref()),
            iso_utc(self.leave_completed_date.as_deref()),
            self.last_seen_rcl_serial_no
                .map(|n| n.to_string())
                .unwrap_or_default(),
        ]
    }
}

impl Record for Grant {
    const HEADER: &'static [&'static str] = &[
        "grant id",
        "contact id",
        "contact name",
        "contact e-mail",
        "valid from",
        "valid before",
        "time restriction",
        "state",
    ];

    fn record(&self) -> Vec<String> {
        let contact = self.contact.as_ref();
        vec![
            self.id.clone(),
            self.contact_id.clone(),
            contact.and_then(|c| c.title.clone()).unwrap_or_default(),
            contact
                .and_then(|c| c.email.clone().or_else(|| c.ip_user_name.clone()))
                .unwrap_or_default(),
            iso_utc(self.valid_from.as_deref()),
            iso_utc(self.valid_before.as_deref()),
            self.time_restriction_ical
                .as_deref()
                .map(describe_ical)
                .unwrap_or_default(),
            self.state.label().to_string(),
        ]
    }
}

impl Record for BoundLock {
    const HEADER: &'static [&'static str] = &[
        "lock id",
        "title",
        "lock type",
        "groups active",
        "groups joining",
        "groups leaving",
        "configuration",
        "latest configuration version",
        "version on the lock",
        "last sync",
        "in this account since",
    ];

    fn record(&self) -> Vec<String> {
        let c = pending(self);
        let serial = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        // The words without the icon: a spreadsheet sorts and filters them.
        let seen = Seen::of(self).text();
        let seen = seen.trim_start_matches(['✔', '⟳', '—', ' ']).to_string();
        vec![
            self.id.clone(),
            self.title.clone(),
            lock_type(self),
            c.joined.to_string(),
            c.joins.to_string(),
            c.leaves.to_string(),
            seen,
            serial(self.rcl_serial_no),
            serial(self.last_seen_rcl_serial_no),
            iso_utc(self.last_seen_rcl_update_date.as_deref()),
            iso_utc(self.bind_date.as_deref()),
        ]
    }
}

impl Record for HistoryEvent {
    const HEADER: &'static [&'static str] = &[
        "time",
        "lock id",
        "lock title",
        "event",
        "waiting for the lock to sync",
        "membership id",
    ];

    fn record(&self) -> Vec<String> {
        vec![
            iso_utc(Some(&self.date)),
            self.lock_id.clone(),
            self.lock.clone(),
            verb(self.event).to_string(),
            if self.waiting { "yes" } else { "no" }.to_string(),
            self.membership_id.clone(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture<T: serde::de::DeserializeOwned>(json: &str) -> T {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_group_row() {
        let g: LockGroup = fixture(
            r#"{"active":true,"rclSerialNo":null,"rclDate":null,"targetType":"Group","id":"101",
                "physicalLockId":null,"title":"All, \"Staff\"","description":null,
                "statistics":{"ByState":[{"State":"Joined","Count":5},{"State":"JoinPending","Count":1}]},
                "supportedFeatures":{"timeRestrictionIcalSupport":"Supported"}}"#,
        );
        assert_eq!(g.record().len(), LockGroup::HEADER.len());
        assert_eq!(
            g.record(),
            ["101", "All, \"Staff\"", "", "1", "5", "0", "0", "Supported"]
        );
    }

    #[test]
    fn a_membership_row() {
        let m: Membership = fixture(
            r#"{"boundLock":{"active":true,"rclSerialNo":3,"rclDate":null,"targetType":"Lock","id":"2",
                "physicalLockId":"x","title":"Reception","description":null},
                "lockGroup":null,"lastSeenRclSerialNo":4,"lastSeenRclUpdateDate":null,"id":"7",
                "lockGroupId":"101","boundLockId":"2","joinStartDate":"2020-03-03T15:53:03.587Z",
                "joinCompletedDate":"2020-03-03T17:53:13+01:00","leaveStartDate":null,"leaveCompletedDate":null}"#,
        );
        assert_eq!(m.record().len(), Membership::HEADER.len());
        assert_eq!(
            m.record(),
            [
                "7",
                "2",
                "Reception",
                "Active",
                "2020-03-03T15:53:03.587Z",
                "2020-03-03T16:53:13.000Z",
                "",
                "",
                "4"
            ]
        );
    }

    #[test]
    fn a_grant_row() {
        let g: Grant = fixture(
            r#"{"contact":{"id":"1","ownerId":"1","comment":null,"ipId":"tapkey","ipUserId":null,
                "email":"alice@example.com","ipUserName":null,"isActive":true,"title":"Alice Example"},
                "boundCard":null,"boundLock":null,"owner":null,"id":"5","boundLockId":"103","contactId":"1",
                "validFrom":"2026-01-01T00:00:00Z","validBefore":null,"timeRestrictionIcal":null,
                "state":"Ok","active":true,"boundCardId":null,"customPayload":null}"#,
        );
        assert_eq!(g.record().len(), Grant::HEADER.len());
        assert_eq!(
            g.record(),
            [
                "5",
                "1",
                "Alice Example",
                "alice@example.com",
                "2026-01-01T00:00:00.000Z",
                "",
                "",
                "Active"
            ]
        );
    }
}
