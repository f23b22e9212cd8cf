//! "Give the same access to…" on a person's page: another person, by e-mail, gets the
//! same group grants (each validity window and schedule copied, editable before
//! sending), one `PUT …/Grants` per grant with a result per grant, then a link to the
//! other person's page. Shown while the person holds a group grant worth copying
//! (`logic::same_access::copyable`). The dialog is its own piece of wasm, loaded on
//! first open.

mod dialog;
mod row;

use leptos::prelude::*;

use crate::components::page_code::{self, split_point, CodeMissing};
use crate::i18n::{t, use_i18n};
use crate::logic::person_access::GrantLine;
use crate::logic::same_access::copyable;

#[component]
pub fn SameAccess(
    held: RwSignal<Vec<GrantLine>>,
    owner: String,
    /// The person's name, for the dialog's title.
    name: String,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let i18n = use_i18n();
    let any = move || !copyable(&held.read()).is_empty();
    let dialog = page_code::on_first_open(open, preload_same_access, move || {
        same_access(open, held, owner.clone(), name.clone())
    });
    view! {
        <Show when=any>
            <button type="button" on:click=move |_| open.set(true)>
                {t!(i18n, same_access.open)}
            </button>
        </Show>
        {dialog}
    }
}

split_point! {
    same_access, preload_same_access,
    fn same_access(
        open: RwSignal<bool>,
        held: RwSignal<Vec<GrantLine>>,
        owner: String,
        name: String,
    ) -> Result<AnyView, CodeMissing> {
        Ok(view! { <dialog::SameAccessDialog open held owner name/> }.into_any())
    }
}
