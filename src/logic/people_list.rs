//! The owner's people (`/owners/:owner/people`): the list's view in the URL query (search
//! by name or e-mail, sort by name or e-mail, page, size), the contacts request it needs,
//! and the one grants request that counts the groups and locks of a page of people.

use std::collections::{BTreeMap, BTreeSet};

use wire::{Contact, Grant, TARGET_GROUP, TARGET_LOCK};

use crate::logic::access::Validity;
use crate::logic::list_params::{DEFAULT_PAGE_SIZE, PAGE_SIZES};
use crate::logic::odata::{contains, encode_component, string_literal, Direction, Query};
use crate::logic::url_state::{page_param, query_string, sort_param, ListView, UrlState};

/// What the list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonSort {
    /// The contact's `title`.
    Name,
    Email,
}

impl PersonSort {
    fn field(self) -> &'static str {
        match self {
            PersonSort::Name => "title",
            PersonSort::Email => "email",
        }
    }

    fn key(self) -> &'static str {
        match self {
            PersonSort::Name => "name",
            PersonSort::Email => "email",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeopleParams {
    /// Name or e-mail search, as typed (trimmed when sent).
    pub search: String,
    pub sort: PersonSort,
    pub descending: bool,
    /// 1-based page number.
    pub page: u64,
    pub size: u64,
}

impl Default for PeopleParams {
    fn default() -> Self {
        PeopleParams {
            search: String::new(),
            sort: PersonSort::Name,
            descending: false,
            page: 1,
            size: DEFAULT_PAGE_SIZE,
        }
    }
}

impl UrlState for PeopleParams {
    /// Reads `q`, `sort` (`name`, `-name`, `email`, `-email`), `page`, `size`.
    fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let (key, descending) = sort_param(&get);
        let sort = match key.as_str() {
            "name" => Some(PersonSort::Name),
            "email" => Some(PersonSort::Email),
            _ => None,
        };
        PeopleParams {
            search: get("q").unwrap_or_default(),
            sort: sort.unwrap_or(PersonSort::Name),
            descending: sort.is_some() && descending,
            page: page_param(&get),
            size: get("size")
                .and_then(|s| s.parse().ok())
                .filter(|s| PAGE_SIZES.contains(s))
                .unwrap_or(DEFAULT_PAGE_SIZE),
        }
    }

    fn to_url_query(&self) -> String {
        let mut parts = Vec::new();
        if !self.search.is_empty() {
            parts.push(format!("q={}", encode_component(&self.search)));
        }
        if self.sort != PersonSort::Name || self.descending {
            let sign = if self.descending { "-" } else { "" };
            parts.push(format!("sort={sign}{}", self.sort.key()));
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        if self.size != DEFAULT_PAGE_SIZE {
            parts.push(format!("size={}", self.size));
        }
        query_string(&parts)
    }
}

impl ListView for PeopleParams {
    fn paging(&mut self) -> (&mut String, &mut u64, &mut u64) {
        (&mut self.search, &mut self.page, &mut self.size)
    }
}

impl PeopleParams {
    /// The page's one contacts request: name or e-mail contains the search, in order (the
    /// id breaks ties, so equal names keep their order across pages), one row more than
    /// shown to know whether a next page exists.
    pub fn api_query(&self) -> Query {
        let search = self.search.trim();
        let direction = if self.descending {
            Direction::Desc
        } else {
            Direction::Asc
        };
        Query::new()
            .filter((!search.is_empty()).then(|| {
                format!(
                    "{} or {}",
                    contains("title", search),
                    contains("email", search)
                )
            }))
            .order_by(self.sort.field(), direction)
            .order_by("id", Direction::Asc)
            .top(self.size + 1)
            .skip((self.page - 1) * self.size)
    }

    /// Sorting by a column: the same column flips its direction; another starts ascending.
    pub fn with_sort(&self, sort: PersonSort) -> Self {
        PeopleParams {
            descending: self.sort == sort && !self.descending,
            sort,
            page: 1,
            ..self.clone()
        }
    }

    /// The caption's words for the order: "by name A to Z".
    pub fn order_words(&self) -> &'static str {
        match (self.sort, self.descending) {
            (PersonSort::Name, false) => "by name A to Z",
            (PersonSort::Name, true) => "by name Z to A",
            (PersonSort::Email, false) => "by e-mail A to Z",
            (PersonSort::Email, true) => "by e-mail Z to A",
        }
    }
}

/// The name people know a contact by: its title, else its e-mail (or user name); `None`
/// when it has neither (the view says "Contact {id}", `i18n::words::contact_name`).
pub fn known_name(c: &Contact) -> Option<String> {
    c.title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .or_else(|| identifier(c))
}

/// The contact's e-mail, or its identity provider's user name.
pub fn identifier(c: &Contact) -> Option<String> {
    c.email
        .clone()
        .or_else(|| c.ip_user_name.clone())
        .filter(|e| !e.trim().is_empty())
}

/// The `$filter` of the grants that count for a page of people: their active grants
/// (`None` for an empty page: nothing to ask).
pub fn counts_filter(contact_ids: &[String]) -> Option<String> {
    if contact_ids.is_empty() {
        return None;
    }
    let any = contact_ids
        .iter()
        .map(|id| format!("contactId eq {}", string_literal(id)))
        .collect::<Vec<_>>()
        .join(" or ");
    Some(format!("active eq true and ({any})"))
}

/// How many groups and locks a person holds valid grants on (each counted once, however
/// many grants name it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Held {
    pub groups: usize,
    pub locks: usize,
}

/// Per contact id, the groups and locks of their grants valid at `now_ms` (revoked,
/// expired and not yet valid grants do not count).
pub fn held(grants: &[Grant], now_ms: i64) -> BTreeMap<String, Held> {
    let mut targets: BTreeMap<&str, (BTreeSet<&str>, BTreeSet<&str>)> = BTreeMap::new();
    for g in grants {
        if Validity::of(g, now_ms) != Validity::Active {
            continue;
        }
        let (groups, locks) = targets.entry(&g.contact_id).or_default();
        match g.bound_lock.as_ref().map(|t| t.target_type.as_str()) {
            Some(TARGET_GROUP) => groups.insert(&g.bound_lock_id),
            Some(TARGET_LOCK) | None => locks.insert(&g.bound_lock_id),
            Some(_) => false,
        };
    }
    targets
        .into_iter()
        .map(|(id, (groups, locks))| {
            let held = Held {
                groups: groups.len(),
                locks: locks.len(),
            };
            (id.to_string(), held)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wire::{GrantState, GrantTarget};

    fn parse(pairs: &[(&str, &str)]) -> PeopleParams {
        crate::logic::url_state::from_pairs(pairs)
    }

    fn contact(id: &str, title: Option<&str>, email: Option<&str>) -> Contact {
        Contact {
            id: id.into(),
            owner_id: "1".into(),
            comment: None,
            ip_id: None,
            ip_user_id: None,
            email: email.map(str::to_string),
            ip_user_name: None,
            is_active: true,
            title: title.map(str::to_string),
        }
    }

    fn grant(id: &str, contact: &str, target: &str, kind: &str) -> Grant {
        Grant {
            contact: None,
            bound_card: None,
            bound_lock: Some(GrantTarget {
                target_type: kind.into(),
                id: target.into(),
                physical_lock_id: None,
                title: target.to_uppercase(),
                description: None,
            }),
            owner: None,
            id: id.into(),
            bound_lock_id: target.into(),
            contact_id: contact.into(),
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
    fn url_round_trip_and_fallbacks() {
        assert_eq!(parse(&[]), PeopleParams::default());
        assert_eq!(PeopleParams::default().to_url_query(), "");
        let p = parse(&[
            ("q", "ann"),
            ("sort", "-email"),
            ("page", "2"),
            ("size", "50"),
        ]);
        assert_eq!(
            (p.sort, p.descending, p.page, p.size),
            (PersonSort::Email, true, 2, 50)
        );
        assert_eq!(p.to_url_query(), "?q=ann&sort=-email&page=2&size=50");
        assert_eq!(
            parse(&[("sort", "-nope"), ("size", "7"), ("page", "0")]),
            PeopleParams::default()
        );
        assert_eq!(parse(&[("sort", "-name")]).to_url_query(), "?sort=-name");
        assert_eq!(
            parse(&[("q", "a b&c")]).to_url_query(),
            "?q=a%20b%26c",
            "the search is encoded"
        );
    }

    #[test]
    fn the_request_searches_name_or_email_sorts_and_pages() {
        let p = parse(&[("q", " o'neil "), ("sort", "email"), ("page", "3")]);
        let q = p.api_query();
        assert_eq!(
            q.filter.as_deref(),
            Some("contains(title,'o''neil') or contains(email,'o''neil')")
        );
        assert_eq!(
            q.order_by,
            vec![
                ("email".to_string(), Direction::Asc),
                ("id".to_string(), Direction::Asc)
            ]
        );
        assert_eq!((q.top, q.skip), (Some(26), Some(50)));
        assert_eq!(PeopleParams::default().api_query().filter, None);
    }

    #[test]
    fn sorting_flips_the_same_column_and_resets_the_page() {
        let p = parse(&[("page", "4")]);
        let n = p.with_sort(PersonSort::Name);
        assert!(n.descending);
        assert_eq!(n.page, 1);
        assert_eq!(n.order_words(), "by name Z to A");
        let e = n.with_sort(PersonSort::Email);
        assert_eq!((e.sort, e.descending), (PersonSort::Email, false));
        assert_eq!(e.order_words(), "by e-mail A to Z");
        assert_eq!(p.with_search("x".into()).page, 1);
    }

    #[test]
    fn names_fall_back_to_the_email_then_the_id() {
        let ann = contact("7", Some("Ann"), Some("ann@example.com"));
        assert_eq!(known_name(&ann).as_deref(), Some("Ann"));
        assert_eq!(identifier(&ann).as_deref(), Some("ann@example.com"));
        assert_eq!(
            known_name(&contact("7", Some(" "), Some("x@example.com"))).as_deref(),
            Some("x@example.com")
        );
        assert_eq!(known_name(&contact("7", None, None)), None);
    }

    #[test]
    fn one_filter_for_a_page_of_people() {
        assert_eq!(counts_filter(&[]), None);
        assert_eq!(
            counts_filter(&["1".into(), "o'k".into()]).as_deref(),
            Some("active eq true and (contactId eq '1' or contactId eq 'o''k')")
        );
    }

    #[test]
    fn counts_distinct_groups_and_locks_of_valid_grants() {
        let mut revoked = grant("r", "a", "G3", TARGET_GROUP);
        revoked.state = GrantState::Revoked;
        revoked.active = false;
        let mut expired = grant("e", "a", "L9", TARGET_LOCK);
        expired.valid_before = Some("2020-01-01T00:00:00Z".into());
        let grants = vec![
            grant("1", "a", "G1", TARGET_GROUP),
            grant("2", "a", "G1", TARGET_GROUP),
            grant("3", "a", "G2", TARGET_GROUP),
            grant("4", "a", "L1", TARGET_LOCK),
            grant("5", "b", "L1", TARGET_LOCK),
            revoked,
            expired,
        ];
        let held = held(&grants, 1_700_000_000_000);
        assert_eq!(
            held["a"],
            Held {
                groups: 2,
                locks: 1
            }
        );
        assert_eq!(
            held["b"],
            Held {
                groups: 0,
                locks: 1
            }
        );
        assert!(!held.contains_key("c"));
    }
}
