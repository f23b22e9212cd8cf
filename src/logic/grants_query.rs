//! The Grants tab's list state in the URL (active/all, contact search, page), the OData
//! filters it needs, and a readable summary of a grant's iCal time restriction.

use crate::logic::odata::{and_all, contains, encode_component, string_literal};
use crate::logic::url_state::{page_param, query_string, UrlState};

/// Rows per page in the Grants tab.
pub const PAGE_SIZE: u64 = 20;
/// At most this many matching contacts narrow a search (the filter names each).
pub const CONTACT_LIMIT: u64 = 50;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantsQuery {
    /// `show=all`: revoked grants too; active only by default.
    pub all: bool,
    /// `q=`: contact search (title or e-mail).
    pub search: String,
    /// `page=N`, 1-based.
    pub page: u64,
}

impl Default for GrantsQuery {
    fn default() -> Self {
        GrantsQuery {
            all: false,
            search: String::new(),
            page: 1,
        }
    }
}

impl UrlState for GrantsQuery {
    fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        GrantsQuery {
            all: get("show").as_deref() == Some("all"),
            search: get("q").unwrap_or_default(),
            page: page_param(&get),
        }
    }

    fn to_url_query(&self) -> String {
        let mut parts = Vec::new();
        if self.all {
            parts.push("show=all".to_string());
        }
        if !self.search.is_empty() {
            parts.push(format!("q={}", encode_component(&self.search)));
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        query_string(&parts)
    }
}

impl GrantsQuery {
    /// The search that hides every row of an empty page, trimmed (the view says "No
    /// active grants match “…”", or "No grants match" with the revoked ones shown);
    /// `None`: nothing is searched, the group has no grants of this kind ("No grants yet").
    pub fn empty_search(&self) -> Option<String> {
        let text = self.search.trim();
        (!text.is_empty()).then(|| text.to_string())
    }

    /// The same view without its search and the revoked grants (page 1).
    pub fn cleared(&self) -> GrantsQuery {
        GrantsQuery::default()
    }

    /// The contacts search (`None` when not searching): title or e-mail contains the text.
    pub fn contact_filter(&self) -> Option<String> {
        let text = self.search.trim();
        (!text.is_empty())
            .then(|| format!("{} or {}", contains("title", text), contains("email", text)))
    }

    /// The grants `$filter`, given the ids of the contacts a search matched (`None`: no
    /// search). An empty id list matches nothing and is not sent (see [`Self::nothing`]).
    pub fn grant_filter(&self, contacts: Option<&[String]>) -> Option<String> {
        let mut clauses = Vec::new();
        if !self.all {
            clauses.push("active eq true".to_string());
        }
        if let Some(ids) = contacts {
            clauses.push(
                ids.iter()
                    .map(|id| format!("contactId eq {}", string_literal(id)))
                    .collect::<Vec<_>>()
                    .join(" or "),
            );
        }
        and_all(clauses)
    }

    /// True when a search matched no contact: no grant can match.
    pub fn nothing(contacts: Option<&[String]>) -> bool {
        contacts.is_some_and(|c| c.is_empty())
    }

    pub fn skip(&self) -> u64 {
        (self.page.max(1) - 1) * PAGE_SIZE
    }

    /// A changed filter starts again at page 1.
    pub fn with(&self, change: impl FnOnce(&mut GrantsQuery)) -> GrantsQuery {
        let mut next = self.clone();
        change(&mut next);
        if next.all != self.all || next.search != self.search {
            next.page = 1;
        }
        next
    }
}

/// How often a time restriction that is not the form's weekly one repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freq {
    Daily,
    Weekly,
    Monthly,
}

/// An iCal VEVENT time restriction as far as it can be read, for the view to say in its
/// words: a weekly one as the form writes it, or its parts (how often, which days as
/// iCal's two letters, which hours), or nothing readable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Restriction {
    Weekly(crate::logic::schedule::Weekly),
    Parts {
        freq: Option<Freq>,
        days: Option<Vec<String>>,
        hours: Option<(String, String)>,
    },
    Custom,
}

/// Reads a time restriction (see [`Restriction`]).
pub fn read_ical(ical: &str) -> Restriction {
    if let Some(weekly) = crate::logic::schedule::Weekly::from_ical(ical) {
        return Restriction::Weekly(weekly);
    }
    let field = |name: &str| {
        ical.lines()
            .map(str::trim)
            .find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(':')))
            .map(str::to_string)
    };
    // DTSTART:20240101T070000 -> "07:00".
    let clock = |v: Option<String>| {
        v.and_then(|v| {
            let t = v.split('T').nth(1)?;
            let b = t.as_bytes();
            (b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit))
                .then(|| format!("{}:{}", &t[..2], &t[2..4]))
        })
    };
    let (start, end) = (clock(field("DTSTART")), clock(field("DTEND")));
    let rule = field("RRULE").unwrap_or_default();
    let part = |key: &str| {
        rule.split(';')
            .find_map(|p| p.strip_prefix(key).and_then(|r| r.strip_prefix('=')))
            .map(str::to_string)
    };
    let days = part("BYDAY").map(|d| d.split(',').map(str::to_string).collect::<Vec<_>>());
    let freq = match part("FREQ").as_deref() {
        Some("DAILY") => Some(Freq::Daily),
        Some("WEEKLY") => Some(Freq::Weekly),
        Some("MONTHLY") => Some(Freq::Monthly),
        _ => None,
    };
    let hours = start.zip(end);
    if freq.is_none() && days.is_none() && hours.is_none() {
        return Restriction::Custom;
    }
    Restriction::Parts { freq, days, hours }
}

/// A short reading of an iCal VEVENT time restriction, in English (the CSV export, the
/// reports): a weekly one as the form writes it ("Mon–Fri 07:00–19:00"), others as far as
/// they can be read ("Daily, 07:00–19:00"); "Custom time restriction" for anything else.
pub fn describe_ical(ical: &str) -> String {
    let (freq, days, hours) = match read_ical(ical) {
        Restriction::Weekly(weekly) => return weekly.describe(),
        Restriction::Custom => return "Custom time restriction".into(),
        Restriction::Parts { freq, days, hours } => (freq, days, hours),
    };
    let days = days.map(|d| {
        d.iter()
            .map(|code| {
                crate::logic::schedule::Weekday::from_ical(code)
                    .map_or(code.as_str(), |w| w.short())
            })
            .collect::<Vec<_>>()
            .join(", ")
    });
    let freq = freq.map(|f| match f {
        Freq::Daily => "Daily",
        Freq::Weekly => "Weekly",
        Freq::Monthly => "Monthly",
    });
    let mut out = Vec::new();
    match (freq, days) {
        (Some(f), Some(d)) => out.push(format!("{f} on {d}")),
        (Some(f), None) => out.push(f.to_string()),
        (None, Some(d)) => out.push(format!("On {d}")),
        (None, None) => {}
    }
    if let Some((s, e)) = hours {
        out.push(format!("{s}–{e}"));
    }
    out.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_page_names_the_search_that_hides_the_rows() {
        assert_eq!(GrantsQuery::default().empty_search(), None);
        let q = parse(&[("q", " ann "), ("page", "2")]);
        assert_eq!(q.empty_search().as_deref(), Some("ann"));
        assert!(!q.all);
        let all = parse(&[("q", "ann"), ("show", "all")]);
        assert_eq!(all.empty_search().as_deref(), Some("ann"));
        assert!(all.all);
        assert_eq!(all.cleared(), GrantsQuery::default());
    }

    fn parse(pairs: &[(&str, &str)]) -> GrantsQuery {
        GrantsQuery::from_params(|k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn round_trips_through_the_url() {
        assert_eq!(parse(&[]), GrantsQuery::default());
        assert_eq!(GrantsQuery::default().to_url_query(), "");
        let q = parse(&[("show", "all"), ("q", "O'Brien & Co"), ("page", "2")]);
        assert!(q.all);
        assert_eq!(q.search, "O'Brien & Co");
        assert_eq!(q.skip(), PAGE_SIZE);
        assert_eq!(q.to_url_query(), "?show=all&q=O%27Brien%20%26%20Co&page=2");
        assert_eq!(
            parse(&[("page", "0"), ("show", "x")]),
            GrantsQuery::default()
        );
    }

    #[test]
    fn filters() {
        let q = GrantsQuery::default();
        assert_eq!(q.contact_filter(), None);
        assert_eq!(q.grant_filter(None).as_deref(), Some("active eq true"));
        let all = GrantsQuery {
            all: true,
            ..Default::default()
        };
        assert_eq!(all.grant_filter(None), None);
        let s = GrantsQuery {
            search: " it's ".into(),
            ..Default::default()
        };
        assert_eq!(
            s.contact_filter().as_deref(),
            Some("contains(title,'it''s') or contains(email,'it''s')")
        );
        let ids = vec!["1".to_string(), "4".to_string()];
        assert_eq!(
            s.grant_filter(Some(&ids)).as_deref(),
            Some("(active eq true) and (contactId eq '1' or contactId eq '4')")
        );
        assert!(GrantsQuery::nothing(Some(&[])));
        assert!(!GrantsQuery::nothing(None));
        assert!(!GrantsQuery::nothing(Some(&ids)));
    }

    #[test]
    fn changing_a_filter_goes_back_to_page_one() {
        let q = GrantsQuery {
            page: 3,
            ..Default::default()
        };
        assert_eq!(q.with(|q| q.all = true).page, 1);
        assert_eq!(q.with(|q| q.search = "a".into()).page, 1);
        assert_eq!(q.with(|q| q.page = 4).page, 4);
    }

    #[test]
    fn describes_time_restrictions() {
        let demo = "BEGIN:VEVENT\r\nDTSTART:20240101T070000\r\nDTEND:20240101T190000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\nEND:VEVENT";
        assert_eq!(describe_ical(demo), "Mon–Fri 07:00–19:00");
        assert_eq!(
            describe_ical("BEGIN:VEVENT\nRRULE:FREQ=DAILY\nEND:VEVENT"),
            "Daily"
        );
        assert_eq!(describe_ical("garbage"), "Custom time restriction");
        assert_eq!(read_ical("garbage"), Restriction::Custom);
        assert_eq!(
            read_ical("RRULE:FREQ=DAILY;BYDAY=MO,XX\nDTSTART:2024T0700\nDTEND:2024T0900"),
            Restriction::Parts {
                freq: Some(Freq::Daily),
                days: Some(vec!["MO".into(), "XX".into()]),
                hours: Some(("07:00".into(), "09:00".into())),
            }
        );
        assert_eq!(
            describe_ical("DTSTART:2024T0\nDTEND:x"),
            "Custom time restriction"
        );
        assert_eq!(
            describe_ical("DTSTART:2024Tü7000\n"),
            "Custom time restriction"
        );
    }
}
