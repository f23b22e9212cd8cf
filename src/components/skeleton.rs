//! Placeholder rows shown while a table's first page loads: the table's own head and
//! rows of the final rows' height (a bar of text in each cell, a button-sized block in
//! the last), so nothing jumps when the data arrives. Said as one status line.

use leptos::prelude::*;

/// How many placeholder rows a loading table shows.
pub const SKELETON_ROWS: usize = 8;

/// `class`: the real table's classes (the same cell sizes); `head`: its `<thead>`;
/// `cells`: its number of columns; `what`: the status line ("Loading memberships…").
pub fn skeleton_table(
    class: &'static str,
    head: AnyView,
    cells: usize,
    what: impl Into<TextProp>,
) -> AnyView {
    let what = what.into();
    let row = move || {
        view! {
            <tr class="skeleton" aria-hidden="true">
                {(0..cells)
                    .map(|i| {
                        let block = if i + 1 == cells { "skeleton-button" } else { "skeleton-bar" };
                        view! { <td><span class=block></span></td> }
                    })
                    .collect_view()}
            </tr>
        }
    };
    view! {
        <p role="status" class="visually-hidden">{move || what.get().to_string()}</p>
        <div class="table-wrap">
            <table class=class aria-hidden="true">
                {head}
                <tbody>{(0..SKELETON_ROWS).map(|_| row()).collect_view()}</tbody>
            </table>
        </div>
    }
    .into_any()
}
