//! A field's error line, tied to its input by `id` (the input's `aria-describedby`).

use leptos::prelude::*;

/// The message while there is one, in a span the input names.
pub fn field_error(id: &'static str, error: Signal<Option<String>>) -> impl IntoView {
    move || {
        error
            .get()
            .map(|m| view! { <span id=id class="field-error">{m}</span> })
    }
}
