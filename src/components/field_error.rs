//! A field's error line, tied to its input by `id` (the input's `aria-describedby`).

use leptos::prelude::*;

/// The message while there is one, in a span the input names.
pub fn field_error(id: impl Into<String>, error: Signal<Option<String>>) -> impl IntoView {
    let id: String = id.into();
    move || {
        error
            .get()
            .map(|m| view! { <span id=id.clone() class="field-error">{m}</span> })
    }
}
