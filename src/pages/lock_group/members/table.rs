//! The members table (and its loading skeleton): one line per membership, its caption for screen readers only
//! (the tab's name already says what it lists), and a header checkbox that selects every
//! removable row of the page.

use leptos::prelude::*;
use wire::Membership;

use super::row::{removable, MemberRow, RowControls};
use super::selection::SelectedMembership;
use crate::components::skeleton::skeleton_table;
use crate::components::table_head::head_texts;
use crate::i18n::{t, t_string, use_i18n, I18n};
use crate::logic::membership_state::{derive, Dates};

/// What the header checkbox shows, from how many of the page's selectable rows are
/// selected: checked when all are, indeterminate when some are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageCheck {
    None,
    Some,
    All,
}

impl PageCheck {
    pub fn of(selected: usize, selectable: usize) -> PageCheck {
        match selected {
            0 => PageCheck::None,
            n if n >= selectable => PageCheck::All,
            _ => PageCheck::Some,
        }
    }
}

/// "Select all on this page": checks the page's removable rows, or unchecks them when
/// all are checked (a partly checked page is completed first, as in mail clients).
fn select_page(i18n: I18n, rows: &[Membership], c: RowControls) -> AnyView {
    let page: Vec<SelectedMembership> = rows
        .iter()
        .filter(|m| removable(derive(Dates::of(m)).state))
        .map(|m| SelectedMembership::of(i18n, m))
        .collect();
    if page.is_empty() {
        return view! { <span class="visually-hidden">{t!(i18n, members.table.select)}</span> }
            .into_any();
    }
    let ids: Vec<String> = page.iter().map(|p| p.id.clone()).collect();
    let n = ids.len();
    let check = move || PageCheck::of(c.selection.count_of(&ids), n);
    let (checked, mixed) = (check.clone(), check);
    // The words name the box; shown only on a phone, where the column headers are not.
    view! {
        <label class="select-page" hidden=move || !c.editable.get()>
            <input
                type="checkbox"
                prop:checked=move || checked() == PageCheck::All
                prop:indeterminate=move || mixed() == PageCheck::Some
                on:change=move |ev| c.selection.set_all(&page, event_target_checked(&ev))
            />
            <span class="select-page-text">{t!(i18n, members.table.select_page)}</span>
        </label>
    }
    .into_any()
}

/// The columns after the selection box, in the language shown.
fn columns(i18n: I18n) -> Vec<TextProp> {
    vec![
        (move || t_string!(i18n, members.table.lock)).into(),
        (move || t_string!(i18n, members.table.state)).into(),
        (move || t_string!(i18n, members.table.since)).into(),
        (move || t_string!(i18n, members.table.sync)).into(),
        (move || t_string!(i18n, members.table.actions)).into(),
    ]
}

/// The table while its first page loads: the same head, rows of the same height.
pub fn members_skeleton() -> AnyView {
    let i18n = use_i18n();
    let columns = columns(i18n);
    let cells = columns.len() + 1;
    let head = head_texts(
        Some(
            view! { <span class="visually-hidden">{t!(i18n, members.table.select)}</span> }
                .into_any(),
        ),
        columns,
    );
    skeleton_table("members compact", head, cells, move || {
        t_string!(i18n, members.table.loading)
    })
}

/// The page's memberships (never empty: the tab shows [`super::empty::MembersEmpty`]
/// instead).
#[component]
pub fn MembersTable(rows: Vec<Membership>, controls: RowControls) -> impl IntoView {
    let i18n = use_i18n();
    let select = select_page(i18n, &rows, controls);
    view! {
        <div class="table-wrap">
            <table class="members compact">
                <caption class="visually-hidden">{t!(i18n, members.table.caption)}</caption>
                {head_texts(Some(select), columns(i18n))}
                <tbody>
                    {rows
                        .into_iter()
                        .map(|m| view! { <MemberRow m controls/> })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::PageCheck;

    #[test]
    fn the_header_box_is_checked_when_all_are_and_mixed_when_some_are() {
        assert_eq!(PageCheck::of(0, 5), PageCheck::None);
        assert_eq!(PageCheck::of(2, 5), PageCheck::Some);
        assert_eq!(PageCheck::of(5, 5), PageCheck::All);
        assert_eq!(PageCheck::of(0, 0), PageCheck::None);
    }
}
