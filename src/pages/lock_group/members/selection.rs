//! What a row hands to an action: typed references instead of `(String, String)` pairs,
//! and the checkbox selection, keyed by the view it was made in.

use leptos::prelude::*;
use wire::Membership;

use crate::i18n::{t_string, I18n};
use crate::logic::membership_state::MembersQuery;

/// A lock, as the picker and the sync button name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockRef {
    pub id: String,
    pub title: String,
}

/// A membership picked for removal, with its lock's title for the dialog and results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectedMembership {
    pub id: String,
    pub title: String,
}

/// A lock's title from the expanded `boundLock`, else "Lock ID" in the language shown
/// (call it inside a closure to follow the switch).
pub fn lock_title(i18n: I18n, m: &Membership) -> String {
    match &m.bound_lock {
        Some(l) => l.title.clone(),
        None => t_string!(i18n, members.lock_fallback, id = m.bound_lock_id.clone()).to_string(),
    }
}

impl SelectedMembership {
    /// The title is the one shown when the row was made (the dialog and results name it).
    pub fn of(i18n: I18n, m: &Membership) -> Self {
        SelectedMembership {
            id: m.id.clone(),
            title: lock_title(i18n, m),
        }
    }
}

impl LockRef {
    /// The lock a membership binds.
    pub fn of(i18n: I18n, m: &Membership) -> Self {
        LockRef {
            id: m.bound_lock_id.clone(),
            title: lock_title(i18n, m),
        }
    }
}

/// The checked rows. Stored with the view (filter, page) they were checked in, so a
/// different view starts with nothing selected without an Effect clearing it, and Back
/// to the same view cannot carry a selection the admin no longer sees.
#[derive(Clone, Copy)]
pub struct Selection {
    picked: RwSignal<(MembersQuery, Vec<SelectedMembership>)>,
    query: Memo<MembersQuery>,
}

impl Selection {
    pub fn new(query: Memo<MembersQuery>) -> Self {
        Selection {
            picked: RwSignal::new((MembersQuery::default(), Vec::new())),
            query,
        }
    }

    /// The selection of the view shown now.
    pub fn get(&self) -> Vec<SelectedMembership> {
        let query = self.query.get();
        self.picked.with(|(q, items)| {
            if *q == query {
                items.clone()
            } else {
                Vec::new()
            }
        })
    }

    /// As [`Selection::get`], without subscribing (event handlers).
    pub fn get_untracked(&self) -> Vec<SelectedMembership> {
        let query = self.query.get_untracked();
        self.picked.with_untracked(|(q, items)| {
            if *q == query {
                items.clone()
            } else {
                Vec::new()
            }
        })
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn len(&self) -> usize {
        self.get().len()
    }

    pub fn contains(&self, id: &str) -> bool {
        let query = self.query.get();
        self.picked
            .with(|(q, items)| *q == query && items.iter().any(|i| i.id == id))
    }

    /// Checks or unchecks one row.
    pub fn toggle(&self, item: SelectedMembership, on: bool) {
        let query = self.query.get_untracked();
        self.picked.update(|(q, items)| {
            if *q != query {
                *q = query;
                items.clear();
            }
            items.retain(|i| i.id != item.id);
            if on {
                items.push(item);
            }
        });
    }

    /// How many of `ids` (a page's selectable rows) are selected.
    pub fn count_of(&self, ids: &[String]) -> usize {
        let query = self.query.get();
        self.picked.with(|(q, items)| {
            if *q != query {
                return 0;
            }
            ids.iter()
                .filter(|id| items.iter().any(|i| &i.id == *id))
                .count()
        })
    }

    /// Checks (or unchecks) every one of `page` (the header checkbox: the current page).
    pub fn set_all(&self, page: &[SelectedMembership], on: bool) {
        let query = self.query.get_untracked();
        self.picked.update(|(q, items)| {
            if *q != query {
                *q = query;
                items.clear();
            }
            items.retain(|i| !page.iter().any(|p| p.id == i.id));
            if on {
                items.extend(page.iter().cloned());
            }
        });
    }

    pub fn clear(&self) {
        self.picked.update(|(_, items)| items.clear());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str) -> SelectedMembership {
        SelectedMembership {
            id: id.into(),
            title: format!("Lock {id}"),
        }
    }

    #[test]
    fn the_page_box_selects_and_clears_the_page_without_touching_other_picks() {
        let owner = Owner::new();
        owner.set();
        let query = Memo::new(|_| MembersQuery::default());
        let sel = Selection::new(query);
        let page = [item("1"), item("2"), item("3")];
        let ids: Vec<String> = page.iter().map(|p| p.id.clone()).collect();

        sel.toggle(item("2"), true);
        assert_eq!(sel.count_of(&ids), 1);
        // Completing the page keeps the one already picked, once.
        sel.set_all(&page, true);
        assert_eq!(sel.count_of(&ids), 3);
        assert_eq!(sel.len(), 3);
        // A pick outside the page survives clearing the page.
        sel.toggle(item("9"), true);
        sel.set_all(&page, false);
        assert_eq!(sel.count_of(&ids), 0);
        assert_eq!(sel.get(), vec![item("9")]);
    }
}
