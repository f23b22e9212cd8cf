//! What the admin types while a dialog's code is still downloading: the dialog opens with
//! focus in its first field, so the admin starts typing at once, but until the piece of
//! wasm arrives there is no field and the keys would go to the button that opened it.
//! They are kept here instead and put into the field the dialog focuses
//! (`modal::Modal`). Lives in the main module: the dialog's own code is what is missing.

use std::cell::RefCell;

use wasm_bindgen::{closure::Closure, JsCast};

type Listener = Closure<dyn Fn(web_sys::KeyboardEvent)>;

thread_local! {
    /// The text typed so far and the listener collecting it, while a dialog loads.
    static TYPED: RefCell<Option<(String, Listener)>> = const { RefCell::new(None) };
}

/// Whether `el` takes typing itself (a field); keys typed there are left alone.
fn takes_typing(el: &web_sys::Element) -> bool {
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || el.has_attribute("contenteditable")
}

/// Starts keeping printable keys (and Backspace) typed outside a field; a no-op when
/// already keeping them.
pub fn start() {
    if TYPED.with(|t| t.borrow().is_some()) {
        return;
    }
    let listener = Listener::new(|ev: web_sys::KeyboardEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || ev.is_composing() {
            return;
        }
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if target.as_ref().is_some_and(takes_typing) {
            return;
        }
        let key = ev.key();
        TYPED.with(|t| {
            if let Some((text, _)) = t.borrow_mut().as_mut() {
                if key.chars().count() == 1 {
                    text.push_str(&key);
                } else if key == "Backspace" {
                    text.pop();
                } else {
                    return;
                }
                ev.prevent_default();
            }
        });
    });
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback_and_bool(
            "keydown",
            listener.as_ref().unchecked_ref(),
            true,
        );
    }
    TYPED.with(|t| *t.borrow_mut() = Some((String::new(), listener)));
}

/// Stops keeping keys and returns what was typed (empty when nothing was kept).
pub fn take() -> String {
    let Some((text, listener)) = TYPED.with(|t| t.borrow_mut().take()) else {
        return String::new();
    };
    if let Some(w) = web_sys::window() {
        let _ = w.remove_event_listener_with_callback_and_bool(
            "keydown",
            listener.as_ref().unchecked_ref(),
            true,
        );
    }
    text
}

/// Puts what was typed while the dialog loaded at the end of `field` (a text input or
/// textarea), as if typed there: an `input` event follows, so the dialog's state and a
/// search react as to typing.
pub fn type_into(field: &web_sys::Element) {
    let text = take();
    if text.is_empty() {
        return;
    }
    if let Some(input) = field.dyn_ref::<web_sys::HtmlInputElement>() {
        if !matches!(input.type_().as_str(), "text" | "search" | "email" | "") {
            return;
        }
        input.set_value(&(input.value() + &text));
    } else if let Some(area) = field.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(&(area.value() + &text));
    } else {
        return;
    }
    if let Ok(ev) = web_sys::Event::new("input") {
        ev.init_event_with_bubbles("input", true);
        let _ = field.dispatch_event(&ev);
    }
}
