//! A native modal `<dialog>` driven by a signal: `showModal()` when `open` turns true
//! (focus trapped by the browser, Escape closes), `close()` when false, and focus returned
//! to whatever opened it. It opens with focus in its first field, so typing right away
//! works (what was typed while its code downloaded included, see `key_buffer`); a
//! destructive confirmation opens on its safe choice instead (`initial_focus`).

use leptos::{html, prelude::*};
use wasm_bindgen::JsCast;

use crate::components::focus_keeper::return_focus_to;
use crate::components::key_buffer;

/// A dialog's fields, the first of which takes focus on open.
const FIELDS: &str =
    "input:not([type=hidden]):not(:disabled), select:not(:disabled), textarea:not(:disabled)";

#[component]
pub fn Modal(
    /// Whether the dialog is shown; set to false when the dialog closes itself (Escape).
    open: RwSignal<bool>,
    /// Id of the element that names the dialog (its heading).
    #[prop(into)]
    labelledby: String,
    /// Id of the element that describes it, if any.
    #[prop(optional, into)]
    describedby: Option<String>,
    /// `role="alertdialog"`: for destructive confirmations.
    #[prop(optional)]
    alert: bool,
    /// Element focused on open (Cancel, for a destructive confirmation); the dialog's
    /// first field otherwise, else its first control.
    #[prop(optional)]
    initial_focus: Option<NodeRef<html::Button>>,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    // The element that had focus before opening, to return focus to on close.
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);

    Effect::new(move |_| {
        let Some(el) = dialog.get() else { return };
        if open.get() {
            if !el.open() {
                // `<body>` is no opener: focus was lost before the dialog opened.
                let active = document()
                    .active_element()
                    .filter(|e| !e.tag_name().eq_ignore_ascii_case("body"))
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                opener.set_value(active);
                // Keys typed before focus reaches the first field are kept for it.
                key_buffer::start();
                let _ = el.show_modal();
                // After the dialog's own focusing steps have run.
                request_animation_frame(move || {
                    let Some(el) = dialog.get_untracked() else {
                        return;
                    };
                    let target: Option<web_sys::HtmlElement> = match initial_focus {
                        Some(button) => button.get_untracked().map(Into::into),
                        None => el
                            .query_selector(FIELDS)
                            .ok()
                            .flatten()
                            .and_then(|f| f.dyn_into().ok()),
                    };
                    match target {
                        Some(target) => {
                            let _ = target.focus();
                            key_buffer::type_into(&target);
                        }
                        None => drop(key_buffer::take()),
                    }
                });
            }
        } else if el.open() {
            el.close();
        }
    });

    let on_close = move |_| {
        open.set(false);
        return_focus_to(opener.get_value());
    };

    view! {
        <dialog
            node_ref=dialog
            role=alert.then_some("alertdialog")
            aria-modal="true"
            aria-labelledby=labelledby
            aria-describedby=describedby
            on:close=on_close
        >
            {children()}
        </dialog>
    }
}
