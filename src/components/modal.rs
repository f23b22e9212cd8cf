//! A native modal `<dialog>` driven by a signal: `showModal()` when `open` turns true
//! (focus trapped by the browser, Escape closes), `close()` when false, and focus returned
//! to whatever opened it.

use leptos::{html, prelude::*};
use wasm_bindgen::JsCast;

use crate::components::focus_keeper::return_focus_to;

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
    /// Element focused on open (e.g. Cancel); the dialog's first control otherwise.
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
                let active = document()
                    .active_element()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                opener.set_value(active);
                let _ = el.show_modal();
                // After the dialog's own focusing steps have run.
                request_animation_frame(move || {
                    if let Some(button) = initial_focus.and_then(|r| r.get()) {
                        let _ = button.focus();
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
