//! A table's column headers, one code path for every table.

use leptos::prelude::*;

/// A table's `<thead>`: one column header per name (one code path for every table).
pub fn head(columns: &'static [&'static str]) -> AnyView {
    view! {
        <thead>
            <tr>
                {columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}
            </tr>
        </thead>
    }
    .into_any()
}

/// As [`head`] with names in the language shown (each a [`TextProp`] that follows the
/// switch), and optionally a control in the first column's header.
pub fn head_texts(control: Option<AnyView>, columns: Vec<TextProp>) -> AnyView {
    view! {
        <thead>
            <tr>
                {control.map(|c| view! { <th scope="col">{c}</th> })}
                {columns
                    .into_iter()
                    .map(|c| view! { <th scope="col">{move || c.get().to_string()}</th> })
                    .collect_view()}
            </tr>
        </thead>
    }
    .into_any()
}

/// As [`head`], with a control in the first column's header (a "select all" checkbox) in
/// place of a name; `columns` names the others.
pub fn head_with_control(control: AnyView, columns: &'static [&'static str]) -> AnyView {
    view! {
        <thead>
            <tr>
                <th scope="col">{control}</th>
                {columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}
            </tr>
        </thead>
    }
    .into_any()
}
