//! "Grant access": one or more people by e-mail (the owner's contacts suggested while
//! typing), an optional validity window, and, where the group's locks support it, days
//! of the week and hours. Each field says in a plain sentence what is wrong with it
//! before anything is sent; the server's answer comes back per person. The form is
//! mounted on each opening, so it starts empty without an Effect resetting it.

use leptos::prelude::*;

use crate::components::modal::Modal;
use crate::components::page_code::{self, split_point, CodeMissing};
use crate::i18n::{t, use_i18n};
use crate::logic::batch::Outcome;

use super::grant_fields::GrantFields;

/// The grant dialog; its code loads when it first opens (see [`page_code::on_first_open`]).
#[component]
pub fn GrantForm(
    open: RwSignal<bool>,
    /// Called with the people granted, after the list should reload.
    on_granted: Callback<Vec<Outcome>>,
) -> impl IntoView {
    page_code::on_first_open(open, preload_grant_form, move || {
        grant_form(open, on_granted)
    })
}

split_point! {
    grant_form, preload_grant_form,
    fn grant_form(
        open: RwSignal<bool>,
        on_granted: Callback<Vec<Outcome>>,
    ) -> Result<AnyView, CodeMissing> {
        Ok(view! { <GrantDialog open on_granted/> }.into_any())
    }
}

/// Loads the grant dialog's code.
pub async fn preload() {
    let _ = preload_grant_form().await;
}

#[component]
fn GrantDialog(open: RwSignal<bool>, on_granted: Callback<Vec<Outcome>>) -> impl IntoView {
    // Opens on the people field: typing right away fills it.
    let i18n = use_i18n();
    view! {
        <Modal open labelledby="grant-title">
            <h2 id="grant-title">{t!(i18n, grant_form.heading)}</h2>
            {move || open.get().then(|| view! { <GrantFields open on_granted/> })}
        </Modal>
    }
}
