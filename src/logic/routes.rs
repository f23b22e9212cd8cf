//! The console's URLs, built and read in one place.

use crate::logic::odata::encode_segment;

pub fn lock_groups(owner: &str) -> String {
    format!("/owners/{}/lock-groups", encode_segment(owner))
}

pub fn lock_group(owner: &str, id: &str) -> String {
    format!("{}/{}", lock_groups(owner), encode_segment(id))
}

pub fn locks(owner: &str) -> String {
    format!("/owners/{}/locks", encode_segment(owner))
}

/// A lock's page: every mention of a lock links here.
pub fn lock(owner: &str, id: &str) -> String {
    format!("{}/{}", locks(owner), encode_segment(id))
}

/// The owner's people (contacts).
pub fn people(owner: &str) -> String {
    format!("/owners/{}/people", encode_segment(owner))
}

/// A person's page: every mention of a person links here.
pub fn person(owner: &str, id: &str) -> String {
    format!("{}/{}", people(owner), encode_segment(id))
}

/// The tabs of a lock group's page, each its own URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupTab {
    Overview,
    Members,
    Grants,
    Diagram,
    History,
}

impl GroupTab {
    pub const ALL: [GroupTab; 5] = [
        GroupTab::Overview,
        GroupTab::Members,
        GroupTab::Grants,
        GroupTab::Diagram,
        GroupTab::History,
    ];

    pub fn label(self) -> &'static str {
        match self {
            GroupTab::Overview => "Overview",
            GroupTab::Members => "Members",
            GroupTab::Grants => "Grants",
            GroupTab::Diagram => "Diagram",
            GroupTab::History => "History",
        }
    }

    /// Path segment after the group's URL ("" for the overview).
    pub fn segment(self) -> &'static str {
        match self {
            GroupTab::Overview => "",
            GroupTab::Members => "members",
            GroupTab::Grants => "grants",
            GroupTab::Diagram => "diagram",
            GroupTab::History => "history",
        }
    }

    pub fn path(self, owner: &str, id: &str) -> String {
        match self.segment() {
            "" => lock_group(owner, id),
            seg => format!("{}/{seg}", lock_group(owner, id)),
        }
    }
}

/// The owner account a console path is scoped to (`/owners/{owner}/...`), decoded.
pub fn owner_from_path(path: &str) -> Option<String> {
    let rest = path.strip_prefix("/owners/")?;
    let segment = rest.split('/').next().filter(|s| !s.is_empty())?;
    Some(percent_decode(segment))
}

/// Decodes `%XX` escapes; invalid escapes are kept as written.
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_paths_with_encoded_ids() {
        assert_eq!(lock_groups("1"), "/owners/1/lock-groups");
        assert_eq!(lock_group("1", "a b"), "/owners/1/lock-groups/a%20b");
        assert_eq!(GroupTab::Overview.path("1", "7"), "/owners/1/lock-groups/7");
        assert_eq!(locks("1"), "/owners/1/locks");
        assert_eq!(lock("1", "4/2"), "/owners/1/locks/4%2F2");
        assert_eq!(
            GroupTab::Members.path("1", "7"),
            "/owners/1/lock-groups/7/members"
        );
        assert_eq!(
            GroupTab::History.path("1", "7"),
            "/owners/1/lock-groups/7/history"
        );
    }

    #[test]
    fn reads_the_owner_back() {
        assert_eq!(
            owner_from_path("/owners/1/lock-groups").as_deref(),
            Some("1")
        );
        assert_eq!(
            owner_from_path("/owners/a%20b/lock-groups/3").as_deref(),
            Some("a b")
        );
        assert_eq!(owner_from_path("/owners/").as_deref(), None);
        assert_eq!(owner_from_path("/settings"), None);
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%41%+1"), "%zzA%+1");
    }
}
