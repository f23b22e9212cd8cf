//! The console's shared words in the language shown: membership states, feature support,
//! counted nouns, and the errors it explains (the server's own text stays as the server
//! sent it). Called inside a view's closure, so they follow the switch.

use wire::{FeatureSupport, GrantState, MembershipState};

use crate::i18n::{intl, t_string, I18n};
use crate::logic::api_error::ApiError;
use crate::logic::batch::Outcome;
use crate::logic::diagram_layout::{Node, Transition};
use crate::logic::locks_list::Seen;
use crate::logic::time;

/// "Active", "Joining", … / "Aktiv", "Wird aufgenommen", …
pub fn state(i18n: I18n, s: MembershipState) -> String {
    match s {
        MembershipState::Joined => t_string!(i18n, state.joined),
        MembershipState::JoinPending => t_string!(i18n, state.join_pending),
        MembershipState::UnjoinPending => t_string!(i18n, state.unjoin_pending),
        MembershipState::Unjoined => t_string!(i18n, state.unjoined),
        MembershipState::Unknown => t_string!(i18n, state.unknown),
    }
    .to_string()
}

/// "Supported", "Not supported", "Unknown", in the language.
pub fn support(i18n: I18n, s: FeatureSupport) -> String {
    match s {
        FeatureSupport::Supported => t_string!(i18n, support.supported),
        FeatureSupport::NotSupported => t_string!(i18n, support.not_supported),
        FeatureSupport::Unknown => t_string!(i18n, support.unknown),
    }
    .to_string()
}

/// A count with the language's digit grouping ("1,234" / "1.234").
pub fn number(i18n: I18n, n: u64) -> String {
    intl::number(super::code_of(i18n), n)
}

/// Whether `n` takes the singular in the language shown (`Intl.PluralRules`).
pub fn is_one(i18n: I18n, n: u64) -> bool {
    intl::is_one(super::code_of(i18n), n)
}

/// An error as the admin reads it: the console's own explanations in the language, the
/// server's text as sent.
pub fn error(i18n: I18n, e: &ApiError) -> String {
    match e {
        ApiError::Network(m) => {
            let cause = m.trim_start_matches("TypeError: ");
            t_string!(i18n, load.network, cause).to_string()
        }
        ApiError::Decode(cause) => t_string!(i18n, load.decode, cause).to_string(),
        other if other.is_explanation() => match other.status() {
            Some(400) => t_string!(i18n, load.bad_request),
            Some(401) => t_string!(i18n, load.unauthorized),
            Some(402) => t_string!(i18n, load.payment_required),
            Some(403) => t_string!(i18n, load.forbidden),
            Some(404) => t_string!(i18n, load.not_found),
            Some(409) => t_string!(i18n, load.conflict),
            Some(500..=599) => t_string!(i18n, load.server),
            _ => t_string!(i18n, load.unexpected),
        }
        .to_string(),
        other => other.to_string(),
    }
}

/// A timestamp from the API as `(relative, exact)` in the language shown: ("vor 3 Stunden",
/// "02.12.2026, 07:05 UTC"); the text itself, twice, when it cannot be read.
pub fn moment(i18n: I18n, value: &str, now: i64) -> (String, String) {
    let Some(ms) = time::parse(value) else {
        return (value.to_string(), value.to_string());
    };
    let code = super::code_of(i18n);
    let relative = match time::relative_parts(ms, now) {
        None => t_string!(i18n, time.just_now).to_string(),
        Some((n, unit)) => intl::relative(code, n, unit),
    };
    let exact = intl::date_time(code, ms);
    (relative, t_string!(i18n, time.utc, exact).to_string())
}

/// A batch's results in one line: "20 added, 1 refused"; `done` is the batch's verb in
/// the language ("added" / "hinzugefügt").
pub fn summary(i18n: I18n, outcomes: &[Outcome], done: &str) -> String {
    let ok = outcomes.iter().filter(|o| o.ok).count() as u64;
    let failed = outcomes.len() as u64 - ok;
    let (ok, done) = (number(i18n, ok), done.to_string());
    if failed == 0 {
        t_string!(i18n, outcomes.done, ok, done).to_string()
    } else {
        let failed = number(i18n, failed);
        t_string!(i18n, outcomes.refused, ok, done, failed).to_string()
    }
}

/// A grant's state: "Active", "Revoked" / "Aktiv", "Widerrufen".
pub fn grant_state(i18n: I18n, s: GrantState) -> String {
    match s {
        GrantState::Ok => t_string!(i18n, grant_state.ok),
        GrantState::Revoked => t_string!(i18n, grant_state.revoked),
        GrantState::Unknown => t_string!(i18n, grant_state.unknown),
    }
    .to_string()
}

/// A state of the lifecycle diagram: the state's word, "Initial" / "Start" before it.
pub fn node_title(i18n: I18n, n: Node) -> String {
    match n.state() {
        Some(s) => state(i18n, s),
        None => t_string!(i18n, diagram.initial).to_string(),
    }
}

/// The API's name of a diagram state (`JoinPending`, …, kept as the API spells it), or
/// "not a member" / "kein Mitglied".
pub fn node_api_name(i18n: I18n, n: Node) -> String {
    match n.state() {
        Some(_) => n.api_name().to_string(),
        None => t_string!(i18n, diagram.not_member).to_string(),
    }
}

/// What a diagram state means, as a sentence.
pub fn node_meaning(i18n: I18n, n: Node) -> String {
    match n {
        Node::Initial => t_string!(i18n, diagram.meaning.initial),
        Node::Joining => t_string!(i18n, diagram.meaning.joining),
        Node::Active => t_string!(i18n, diagram.meaning.active),
        Node::Leaving => t_string!(i18n, diagram.meaning.leaving),
        Node::Left => t_string!(i18n, diagram.meaning.left),
    }
    .to_string()
}

/// What causes a transition: "add lock", "lock sync", … / "Hinzufügen", "Sync", …
pub fn cause(i18n: I18n, t: Transition) -> String {
    match (t.from, t.to) {
        (Node::Initial, _) => t_string!(i18n, diagram.cause.add),
        (Node::Joining, Node::Leaving) => t_string!(i18n, diagram.cause.remove_early),
        (Node::Active, _) => t_string!(i18n, diagram.cause.remove),
        _ => t_string!(i18n, diagram.cause.sync),
    }
    .to_string()
}

/// "Rows 1–20", "Row 21", "No rows": which rows of a list a page shows.
pub fn rows(i18n: I18n, shown: Option<(u64, u64)>) -> String {
    match shown {
        None => t_string!(i18n, pager.no_rows).to_string(),
        Some((first, last)) if first == last => {
            t_string!(i18n, pager.row, first = number(i18n, first)).to_string()
        }
        Some((first, last)) => {
            let (first, last) = (number(i18n, first), number(i18n, last));
            t_string!(i18n, pager.rows, first, last).to_string()
        }
    }
}

/// Whether a lock has its latest configuration: "✔ Up to date", "⟳ Behind: version 3 of 5".
pub fn seen(i18n: I18n, s: Seen) -> String {
    match s {
        Seen::Latest => t_string!(i18n, seen.latest).to_string(),
        Seen::Behind { seen, latest } => {
            let (seen, latest) = (seen.to_string(), latest.to_string());
            t_string!(i18n, seen.behind, seen, latest).to_string()
        }
        Seen::Never => t_string!(i18n, seen.never).to_string(),
        Seen::Unknown => t_string!(i18n, seen.unknown).to_string(),
    }
}

/// A lock's type as its maker writes it, "Unknown" / "Unbekannt" when the API says none.
pub fn lock_type(i18n: I18n, lock: &wire::BoundLock) -> String {
    crate::logic::locks_list::known_lock_type(lock)
        .unwrap_or_else(|| t_string!(i18n, support.unknown).to_string())
}

/// The name people know a contact by, or "Contact 7" / "Kontakt 7" when it has none.
pub fn contact_name(i18n: I18n, c: &wire::Contact) -> String {
    crate::logic::people_list::known_name(c).unwrap_or_else(|| {
        t_string!(i18n, grants.table.contact_fallback, id = c.id.clone()).to_string()
    })
}

/// Why an export or a results file was not saved: the API's refusal as [`error`] says it,
/// or the console's own reason.
pub fn export_failure(i18n: I18n, f: &crate::logic::csv_export::ExportFailure) -> String {
    use crate::logic::csv_export::ExportFailure;
    match f {
        ExportFailure::Api(e) => error(i18n, e),
        ExportFailure::Write(cause) => {
            t_string!(i18n, export.not_written, cause = cause.clone()).to_string()
        }
        ExportFailure::NotSaved => t_string!(i18n, export.not_saved).to_string(),
        ExportFailure::CodeMissing => t_string!(i18n, export.code_missing).to_string(),
    }
}
