//! The owner's locks list (`/owners/:owner/locks`): its view state in the URL query (search,
//! sort, page, size, the "Waiting for sync" worklist), the requests that view needs, and
//! what a lock's row says about its sync.
//!
//! The API cannot filter locks by their memberships (`membershipStatistics` is an
//! expansion, not a field), so the worklist reads every lock matching the search, in the
//! chosen order, and keeps those with a pending join or leave; the plain list is one
//! request per view.

use wire::{BoundLock, MembershipState, Statistics};

use crate::logic::list_params::{DEFAULT_PAGE_SIZE, PAGE_SIZES};
use crate::logic::odata::{contains, encode_component, Direction, Query};
use crate::logic::url_state::{page_param, query_string, sort_param, ListView, UrlState};

/// What the list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockSort {
    Title,
    /// `lastSeenRclUpdateDate`: when the lock last synced.
    LastSync,
}

impl LockSort {
    fn field(self) -> &'static str {
        match self {
            LockSort::Title => "title",
            LockSort::LastSync => "lastSeenRclUpdateDate",
        }
    }

    fn key(self) -> &'static str {
        match self {
            LockSort::Title => "title",
            LockSort::LastSync => "synced",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocksParams {
    /// Title search, as typed (trimmed when sent).
    pub search: String,
    pub sort: LockSort,
    pub descending: bool,
    /// Only locks with a pending join or leave.
    pub waiting: bool,
    /// 1-based page number.
    pub page: u64,
    pub size: u64,
}

impl Default for LocksParams {
    fn default() -> Self {
        LocksParams {
            search: String::new(),
            sort: LockSort::Title,
            descending: false,
            waiting: false,
            page: 1,
            size: DEFAULT_PAGE_SIZE,
        }
    }
}

impl UrlState for LocksParams {
    /// Reads `q`, `sort` (`title`, `-title`, `synced`, `-synced`), `waiting`, `page`, `size`.
    fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let (key, descending) = sort_param(&get);
        let sort = match key.as_str() {
            "synced" => Some(LockSort::LastSync),
            "title" => Some(LockSort::Title),
            _ => None,
        };
        LocksParams {
            search: get("q").unwrap_or_default(),
            sort: sort.unwrap_or(LockSort::Title),
            descending: sort.is_some() && descending,
            waiting: get("waiting").is_some_and(|v| v == "1" || v == "true"),
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
        if self.waiting {
            parts.push("waiting=1".to_string());
        }
        if self.sort != LockSort::Title || self.descending {
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

impl LocksParams {
    /// Search and order, shared by the list's request and the worklist's.
    fn base_query(&self) -> Query {
        let search = self.search.trim();
        let direction = if self.descending {
            Direction::Desc
        } else {
            Direction::Asc
        };
        let mut q = Query::new()
            .filter((!search.is_empty()).then(|| contains("title", search)))
            .order_by(self.sort.field(), direction);
        if self.sort != LockSort::Title {
            // Equal sync dates (never synced) keep a stable order across pages.
            q = q.order_by("title", Direction::Asc);
        }
        q.expand("membershipStatistics")
    }

    /// The plain list's one request: one row more than shown, to know whether a next
    /// page exists.
    pub fn api_query(&self) -> Query {
        let mut q = self.base_query();
        q.top = Some(self.size + 1);
        q.skip = Some((self.page - 1) * self.size);
        q
    }

    /// The worklist's request for the page of locks `query` asks (`$top`, `$skip`).
    pub fn worklist_query(&self, page: Query) -> Query {
        let mut q = self.base_query();
        q.top = page.top;
        q.skip = page.skip;
        q
    }

    /// The worklist's rows for this view, out of every lock matching the search (in
    /// order): the waiting ones on this page, whether a next page exists, and how many
    /// locks wait in all.
    pub fn worklist_page(&self, all: Vec<BoundLock>) -> (Vec<BoundLock>, bool, usize) {
        let waiting: Vec<BoundLock> = all.into_iter().filter(|l| pending(l).any()).collect();
        let total = waiting.len();
        let skip = ((self.page - 1) * self.size) as usize;
        let rows: Vec<BoundLock> = waiting
            .into_iter()
            .skip(skip)
            .take(self.size as usize)
            .collect();
        let more = skip + rows.len() < total;
        (rows, more, total)
    }

    pub fn with_waiting(&self, waiting: bool) -> Self {
        LocksParams {
            waiting,
            page: 1,
            ..self.clone()
        }
    }

    /// Sorting by a column: the same column flips its direction; another starts ascending.
    pub fn with_sort(&self, sort: LockSort) -> Self {
        LocksParams {
            descending: self.sort == sort && !self.descending,
            sort,
            page: 1,
            ..self.clone()
        }
    }
}

/// A lock's memberships by state, from its `membershipStatistics`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LockCounts {
    /// Groups it has joined (Active).
    pub joined: u64,
    /// Joins waiting for the lock to sync.
    pub joins: u64,
    /// Leaves waiting for the lock to sync.
    pub leaves: u64,
}

impl LockCounts {
    pub fn of(stats: &Statistics) -> Self {
        LockCounts {
            joined: stats.count(MembershipState::Joined),
            joins: stats.count(MembershipState::JoinPending),
            leaves: stats.count(MembershipState::UnjoinPending),
        }
    }

    /// Something waits for the lock's next sync.
    pub fn any(&self) -> bool {
        self.joins + self.leaves > 0
    }

    /// Pending changes in all.
    pub fn waiting(&self) -> u64 {
        self.joins + self.leaves
    }

    /// Groups the lock is in, is joining or is still leaving.
    pub fn current(&self) -> u64 {
        self.joined + self.joins + self.leaves
    }
}

/// The lock's counts (zero when the statistics were not expanded).
pub fn pending(lock: &BoundLock) -> LockCounts {
    lock.membership_statistics
        .as_ref()
        .map(LockCounts::of)
        .unwrap_or_default()
}

/// Whether the lock has seen its own latest configuration (`rclSerialNo`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// `lastSeenRclSerialNo` ≥ `rclSerialNo`.
    Latest,
    /// Behind: seen `seen`, latest `latest`.
    Behind { seen: i64, latest: i64 },
    /// It has never synced.
    Never,
    /// The lock has no serial to compare with.
    Unknown,
}

impl Seen {
    pub fn of(lock: &BoundLock) -> Self {
        match (lock.last_seen_rcl_serial_no, lock.rcl_serial_no) {
            (_, None) => Seen::Unknown,
            (None, Some(_)) => Seen::Never,
            (Some(seen), Some(latest)) if seen >= latest => Seen::Latest,
            (Some(seen), Some(latest)) => Seen::Behind { seen, latest },
        }
    }

    /// Icon and words: never colour alone.
    pub fn text(self) -> String {
        match self {
            Seen::Latest => "✔ Up to date".to_string(),
            Seen::Behind { seen, latest } => format!("⟳ Behind: version {seen} of {latest}"),
            Seen::Never => "⟳ Never synced".to_string(),
            Seen::Unknown => "— Unknown".to_string(),
        }
    }

    /// The API's terms behind the words (a tooltip).
    pub fn api_terms(self) -> String {
        match self {
            Seen::Latest => "lastSeenRclSerialNo ≥ rclSerialNo".to_string(),
            Seen::Behind { seen, latest } => {
                format!("lastSeenRclSerialNo {seen} of rclSerialNo {latest}")
            }
            Seen::Never => "no lastSeenRclSerialNo".to_string(),
            Seen::Unknown => "no rclSerialNo".to_string(),
        }
    }
}

/// The lock type as its maker writes it: the API's model name ("Td30"), a product code
/// (letters then digits) in capitals ("TD30"); else the type id; "Unknown" without either.
pub fn lock_type(lock: &BoundLock) -> String {
    known_lock_type(lock).unwrap_or_else(|| "Unknown".to_string())
}

/// As [`lock_type`], `None` without either (the view says "Unknown" in its language).
pub fn known_lock_type(lock: &BoundLock) -> Option<String> {
    lock.lock_type
        .as_ref()
        .map(|t| product_name(&t.model_name))
        .or_else(|| lock.lock_type_id.clone())
}

/// "Td30" → "TD30", "Cylinder" stays: a short run of letters followed by digits is a model
/// code, which makers print in capitals.
pub fn product_name(model: &str) -> String {
    let letters = model.chars().take_while(char::is_ascii_alphabetic).count();
    let rest = &model[letters..];
    let code = (1..=3).contains(&letters)
        && rest.starts_with(|c: char| c.is_ascii_digit())
        && rest.chars().all(|c| c.is_ascii_alphanumeric());
    if code {
        model.to_ascii_uppercase()
    } else {
        model.to_string()
    }
}

/// The API's names of the lock's type (a tooltip): "lockTypeId TK.Td30, modelName Td30".
pub fn lock_type_terms(lock: &BoundLock) -> String {
    let mut terms = Vec::new();
    if let Some(id) = &lock.lock_type_id {
        terms.push(format!("lockTypeId {id}"));
    }
    if let Some(t) = &lock.lock_type {
        terms.push(format!("modelName {}", t.model_name));
    }
    terms.join(", ")
}

/// "7 locks wait for a sync" / "1 lock waits for a sync" / "No lock waits for a sync".
pub fn waiting_caption(n: usize) -> String {
    match n {
        0 => "No lock waits for a sync".to_string(),
        1 => "1 lock waits for a sync".to_string(),
        n => format!("{n} locks wait for a sync"),
    }
}

impl ListView for LocksParams {
    fn paging(&mut self) -> (&mut String, &mut u64, &mut u64) {
        (&mut self.search, &mut self.page, &mut self.size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wire::StateCount;

    fn parse(pairs: &[(&str, &str)]) -> LocksParams {
        crate::logic::url_state::from_pairs(pairs)
    }

    fn lock(id: &str, joins: u64, leaves: u64) -> BoundLock {
        let mut l: BoundLock = serde_json::from_value(serde_json::json!({
            "active": true, "bindDate": null, "description": null, "id": id,
            "lastSeenRclSerialNo": 3, "lastSeenRclUpdateDate": null, "lockType": null,
            "lockTypeId": "TK.Td30", "ownerAccountId": "1", "physicalLockId": null,
            "rclDate": null, "rclSerialNo": 3, "targetType": "Lock", "title": id,
            "unbindDate": null
        }))
        .unwrap();
        l.membership_statistics = Some(Statistics {
            by_state: vec![
                StateCount {
                    state: MembershipState::JoinPending,
                    count: joins,
                },
                StateCount {
                    state: MembershipState::UnjoinPending,
                    count: leaves,
                },
                StateCount {
                    state: MembershipState::Joined,
                    count: 2,
                },
            ],
        });
        l
    }

    #[test]
    fn url_round_trip_and_fallbacks() {
        assert_eq!(parse(&[]), LocksParams::default());
        assert_eq!(LocksParams::default().to_url_query(), "");
        let p = parse(&[
            ("q", "Room"),
            ("sort", "-synced"),
            ("waiting", "1"),
            ("page", "2"),
            ("size", "50"),
        ]);
        assert_eq!(
            (p.sort, p.descending, p.waiting, p.page, p.size),
            (LockSort::LastSync, true, true, 2, 50)
        );
        assert_eq!(
            p.to_url_query(),
            "?q=Room&waiting=1&sort=-synced&page=2&size=50"
        );
        assert_eq!(
            parse(&[("sort", "-nope"), ("size", "7")]),
            LocksParams::default()
        );
        assert_eq!(parse(&[("sort", "-title")]).to_url_query(), "?sort=-title");
    }

    #[test]
    fn queries_search_sort_and_page() {
        let p = parse(&[("q", "it's"), ("sort", "synced"), ("page", "3")]);
        let q = p.api_query();
        assert_eq!(q.filter.as_deref(), Some("contains(title,'it''s')"));
        assert_eq!(
            q.order_by,
            vec![
                ("lastSeenRclUpdateDate".to_string(), Direction::Asc),
                ("title".to_string(), Direction::Asc)
            ]
        );
        assert_eq!((q.top, q.skip), (Some(26), Some(50)));
        assert_eq!(q.expand, vec!["membershipStatistics"]);
        let w = p.worklist_query(Query::new().top(500).skip(1000));
        assert_eq!((w.top, w.skip), (Some(500), Some(1000)));
        assert_eq!(w.filter, q.filter);
    }

    #[test]
    fn sorting_flips_the_same_column_and_resets_the_page() {
        let p = parse(&[("page", "4")]);
        let t = p.with_sort(LockSort::Title);
        assert!(t.descending);
        assert_eq!(t.page, 1);
        let s = t.with_sort(LockSort::LastSync);
        assert_eq!((s.sort, s.descending), (LockSort::LastSync, false));
        assert_eq!(p.with_waiting(true).page, 1);
        assert_eq!(p.with_search("x".into()).page, 1);
        assert_eq!(parse(&[("page", "3")]).with_size(50).page, 2);
    }

    #[test]
    fn the_worklist_keeps_waiting_locks_in_order_and_pages_them() {
        let all: Vec<BoundLock> = (0..60)
            .map(|i| {
                lock(
                    &format!("L{i:02}"),
                    (i % 3 == 0) as u64,
                    (i % 5 == 0) as u64,
                )
            })
            .collect();
        // Waiting: multiples of 3 or 5 below 60: 28 locks.
        let p = LocksParams {
            waiting: true,
            ..Default::default()
        };
        let (rows, more, total) = p.worklist_page(all.clone());
        assert_eq!(total, 28);
        assert_eq!(rows.len(), 25);
        assert!(more);
        assert_eq!(rows[0].id, "L00");
        assert_eq!(rows[1].id, "L03");
        let (rows, more, _) = p.with_page(2).worklist_page(all.clone());
        assert_eq!((rows.len(), more), (3, false));
        let (rows, more, total) = p.with_page(9).worklist_page(all);
        assert_eq!((rows.len(), more, total), (0, false, 28));
    }

    #[test]
    fn lock_types_as_their_makers_write_them() {
        for (model, shown) in [
            ("Td30", "TD30"),
            ("td30", "TD30"),
            ("Cylinder", "Cylinder"),
            ("Legacy", "Legacy"),
            ("Tk100x", "TK100X"),
            ("Door30", "Door30"),
            ("30", "30"),
            ("Td", "Td"),
        ] {
            assert_eq!(product_name(model), shown, "{model}");
        }
    }

    #[test]
    fn counts_and_sync_words() {
        let l = lock("1", 1, 1);
        let c = pending(&l);
        assert_eq!((c.joined, c.joins, c.leaves), (2, 1, 1));
        assert_eq!((c.waiting(), c.current()), (2, 4));
        assert!(c.any());
        let mut bare = l.clone();
        bare.membership_statistics = None;
        assert!(!pending(&bare).any());
        assert_eq!(Seen::of(&l), Seen::Latest);
        bare.last_seen_rcl_serial_no = Some(2);
        assert_eq!(Seen::of(&bare).text(), "⟳ Behind: version 2 of 3");
        assert_eq!(
            Seen::of(&bare).api_terms(),
            "lastSeenRclSerialNo 2 of rclSerialNo 3"
        );
        bare.last_seen_rcl_serial_no = None;
        assert_eq!(Seen::of(&bare), Seen::Never);
        bare.rcl_serial_no = None;
        assert_eq!(Seen::of(&bare), Seen::Unknown);
        assert_eq!(lock_type(&bare), "TK.Td30");
        assert_eq!(lock_type_terms(&bare), "lockTypeId TK.Td30");
        assert_eq!(waiting_caption(1), "1 lock waits for a sync");
        assert_eq!(waiting_caption(7), "7 locks wait for a sync");
    }
}
