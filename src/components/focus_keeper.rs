//! Keeps keyboard focus on the page when the element that had it disappears (a route
//! change, or a dialog closing after the control that opened it was removed). Left alone,
//! focus falls to `<body>` and the next Tab starts over at the top of the page; instead
//! it moves to the page's main heading, which also tells screen readers where they are.

use std::time::Duration;

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

/// If focus is on `<body>`, focuses the main heading (made focusable for that). Retries
/// for up to 3 s, since a page still loading its data shows its heading later.
pub fn rescue_focus() {
    fn attempt(tries_left: u32) {
        let doc = document();
        let lost = doc
            .active_element()
            .is_none_or(|a| a.tag_name().eq_ignore_ascii_case("body"));
        if !lost {
            return;
        }
        let heading = doc
            .query_selector("main h1")
            .ok()
            .flatten()
            .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
        match heading {
            Some(h) => {
                let _ = h.set_attribute("tabindex", "-1");
                let _ = h.focus();
            }
            None if tries_left > 0 => {
                set_timeout(move || attempt(tries_left - 1), Duration::from_millis(50))
            }
            None => {}
        }
    }
    request_animation_frame(|| attempt(60));
}

/// Watches for the focused element being removed from the page (a row re-rendered after
/// a save, a page replaced by the next one) and rescues focus then. Browsers send no
/// event for that, so the last focused element is remembered and checked after every
/// change to the page.
#[component]
pub fn FocusKeeper() -> impl IntoView {
    let last: Rc<RefCell<Option<web_sys::Element>>> = Rc::default();
    let remember = {
        let last = last.clone();
        Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
            *last.borrow_mut() = ev.target().and_then(|t| t.dyn_into().ok());
        })
    };
    let check = Closure::<dyn Fn()>::new(move || {
        if last.borrow().as_ref().is_some_and(|el| !el.is_connected()) {
            *last.borrow_mut() = None;
            rescue_focus();
        }
    });
    let doc = document();
    let _ = doc.add_event_listener_with_callback("focusin", remember.as_ref().unchecked_ref());
    if let (Ok(observer), Some(body)) = (
        web_sys::MutationObserver::new(check.as_ref().unchecked_ref()),
        doc.body(),
    ) {
        let options = web_sys::MutationObserverInit::new();
        options.set_child_list(true);
        options.set_subtree(true);
        let _ = observer.observe_with_options(&body, &options);
    }
    // Both live as long as the page.
    remember.forget();
    check.forget();
}
