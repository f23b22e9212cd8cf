//! Asks before leaving a page with unsaved changes: on reload/close (`beforeunload`) and
//! on in-app link clicks (a capture-phase listener that runs before the router's).

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

use crate::i18n::{t_string, use_i18n};

/// Guards navigation away while `dirty` is true, for the calling component's lifetime.
pub fn use_unsaved_guard(dirty: Signal<bool>) {
    let i18n = use_i18n();
    // The question in the language shown when it is asked.
    let question = move || t_string!(i18n, unsaved.question).to_string();
    let win = window();
    let on_unload = Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(
        move |ev: web_sys::BeforeUnloadEvent| {
            if dirty.get_untracked() {
                ev.prevent_default();
                ev.set_return_value(&question());
            }
        },
    );
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
        if !dirty.get_untracked() {
            return;
        }
        let on_link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten())
            .is_some();
        if on_link && !window().confirm_with_message(&question()).unwrap_or(true) {
            ev.prevent_default();
            ev.stop_immediate_propagation();
        }
    });
    let _ =
        win.add_event_listener_with_callback("beforeunload", on_unload.as_ref().unchecked_ref());
    let _ = win.add_event_listener_with_callback_and_bool(
        "click",
        on_click.as_ref().unchecked_ref(),
        true,
    );
    let handles = send_wrapper::SendWrapper::new((on_unload, on_click));
    on_cleanup(move || {
        let (on_unload, on_click) = handles.take();
        let window = leptos::prelude::window();
        let _ = window.remove_event_listener_with_callback(
            "beforeunload",
            on_unload.as_ref().unchecked_ref(),
        );
        let _ = window.remove_event_listener_with_callback_and_bool(
            "click",
            on_click.as_ref().unchecked_ref(),
            true,
        );
    });
}
