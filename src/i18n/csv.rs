//! The words of the CSV files the console writes, in the language shown when the file is
//! written: the header row and what the file name says it holds. Logic names the columns
//! and files in English (`Record::HEADER`, "lock-groups"); these give them in `locale`.
//! The cells themselves are written as logic makes them.

use crate::i18n::{td_string, Locale};

/// A header of the CSV files ("lock id" / "Schloss-ID"); a column this does not know as it is.
pub fn column(locale: Locale, en: &str) -> String {
    match en {
        "id" => td_string!(locale, csv.col.id),
        "title" => td_string!(locale, csv.col.title),
        "description" => td_string!(locale, csv.col.description),
        "joining" => td_string!(locale, csv.col.joining),
        "active" => td_string!(locale, csv.col.active),
        "leaving" => td_string!(locale, csv.col.leaving),
        "left" => td_string!(locale, csv.col.left),
        "time restrictions" => td_string!(locale, csv.col.time_restrictions),
        "membership id" => td_string!(locale, csv.col.membership_id),
        "lock id" => td_string!(locale, csv.col.lock_id),
        "lock title" => td_string!(locale, csv.col.lock_title),
        "state" => td_string!(locale, csv.col.state),
        "added" => td_string!(locale, csv.col.added),
        "active since" => td_string!(locale, csv.col.active_since),
        "removed" => td_string!(locale, csv.col.removed),
        "last seen serial number" => td_string!(locale, csv.col.last_seen_serial_number),
        "grant id" => td_string!(locale, csv.col.grant_id),
        "contact id" => td_string!(locale, csv.col.contact_id),
        "contact name" => td_string!(locale, csv.col.contact_name),
        "contact e-mail" => td_string!(locale, csv.col.contact_e_mail),
        "valid from" => td_string!(locale, csv.col.valid_from),
        "valid before" => td_string!(locale, csv.col.valid_before),
        "time restriction" => td_string!(locale, csv.col.time_restriction),
        "lock type" => td_string!(locale, csv.col.lock_type),
        "groups active" => td_string!(locale, csv.col.groups_active),
        "groups joining" => td_string!(locale, csv.col.groups_joining),
        "groups leaving" => td_string!(locale, csv.col.groups_leaving),
        "configuration" => td_string!(locale, csv.col.configuration),
        "latest configuration version" => td_string!(locale, csv.col.latest_configuration_version),
        "version on the lock" => td_string!(locale, csv.col.version_on_the_lock),
        "last sync" => td_string!(locale, csv.col.last_sync),
        "in this account since" => td_string!(locale, csv.col.in_this_account_since),
        "time" => td_string!(locale, csv.col.time),
        "event" => td_string!(locale, csv.col.event),
        "waiting for the lock to sync" => td_string!(locale, csv.col.waiting_for_the_lock_to_sync),
        "person" => td_string!(locale, csv.col.person),
        "identifier" => td_string!(locale, csv.col.identifier),
        "access" => td_string!(locale, csv.col.access),
        "how" => td_string!(locale, csv.col.how),
        "lock group id" => td_string!(locale, csv.col.lock_group_id),
        "schedule" => td_string!(locale, csv.col.schedule),
        "grant" => td_string!(locale, csv.col.grant),
        "line" => td_string!(locale, csv.col.line),
        "input" => td_string!(locale, csv.col.input),
        "result" => td_string!(locale, csv.col.result),
        other => other,
    }
    .to_string()
}

/// A whole header row in `locale`.
pub fn header(locale: Locale, en: &[&str]) -> Vec<String> {
    en.iter().map(|c| column(locale, c)).collect()
}

/// What a file name says the file holds ("lock-groups" / "schliessgruppen").
pub fn what(locale: Locale, en: &str) -> String {
    match en {
        "lock-groups" => td_string!(locale, csv.file.lock_groups),
        "members" => td_string!(locale, csv.file.members),
        "grants" => td_string!(locale, csv.file.grants),
        "locks" => td_string!(locale, csv.file.locks),
        "locks-waiting-for-sync" => td_string!(locale, csv.file.locks_waiting_for_sync),
        "history" => td_string!(locale, csv.file.history),
        "access" => td_string!(locale, csv.file.access),
        "import-locks-results" => td_string!(locale, csv.file.import_locks_results),
        "import-groups-results" => td_string!(locale, csv.file.import_groups_results),
        other => other,
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::access_report::REPORT_HEADER;
    use crate::logic::csv_export::Record;
    use crate::logic::group_import::CreatedGroup;
    use crate::logic::history::HistoryEvent;
    use crate::logic::import::Columns;
    use crate::logic::lock_matcher::LockLine;

    /// Every header row the console writes.
    fn headers() -> Vec<&'static [&'static str]> {
        vec![
            <wire::LockGroup as Record>::HEADER,
            <wire::Membership as Record>::HEADER,
            <wire::Grant as Record>::HEADER,
            <wire::BoundLock as Record>::HEADER,
            <HistoryEvent as Record>::HEADER,
            REPORT_HEADER,
            <LockLine as Columns>::HEADER,
            <CreatedGroup as Columns>::HEADER,
        ]
    }

    #[test]
    fn english_headers_stay_as_they_are_and_every_one_has_its_german() {
        for header in headers() {
            assert_eq!(super::header(Locale::en, header), header);
            for en in header.iter() {
                let german = column(Locale::de, en);
                assert_ne!(german, *en, "no German for the column {en:?}");
            }
        }
        assert_eq!(column(Locale::de, "lock id"), "Schloss-ID");
    }

    #[test]
    fn file_names_say_what_in_the_language() {
        assert_eq!(what(Locale::en, "lock-groups"), "lock-groups");
        assert_eq!(what(Locale::de, "lock-groups"), "schliessgruppen");
        assert_eq!(
            what(Locale::de, "import-locks-results"),
            "schlossimport-ergebnisse"
        );
    }
}
