//! Keeps keyboard focus on the page when the element that had it goes away: removed (a
//! route change, a row re-rendered after a change, a dialog closing after the control that
//! opened it was removed) or disabled (a pager's Next on the last page). Left alone, focus
//! falls to `<body>` and the next Tab starts over at the top of the page. Instead it moves
//! to an enabled control in the same group (the pager's other button), else to the page's
//! main heading, which also tells screen readers where they are.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

/// The groups of controls in which focus stays when one of them is disabled.
const GROUPS: &str = "nav, fieldset, form, dialog, [role=toolbar]";
const ENABLED: &str =
    "button:not(:disabled), a[href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled)";

/// If focus is on `<body>`, focuses the main heading (made focusable for that). Retries
/// for up to 10 s, since a page still loading its data shows its heading later.
pub fn rescue_focus() {
    rescue_focus_near(None);
}

fn focus_lost() -> bool {
    document()
        .active_element()
        .is_none_or(|a| a.tag_name().eq_ignore_ascii_case("body"))
}

/// Gives focus back to `el` (what opened a dialog). When it is gone (the row it acted on
/// changed) or disabled ("Remove selected" with nothing left selected), focus is rescued
/// instead, next to it when it is still on the page.
pub fn return_focus_to(el: Option<web_sys::HtmlElement>) {
    match el.map(|el| successor(&el).unwrap_or(el)) {
        Some(el) if el.is_connected() && !el.matches(":disabled").unwrap_or(false) => {
            let _ = el.focus();
        }
        Some(el) if el.is_connected() => rescue_focus_near(Some(el.into())),
        _ => rescue_focus(),
    }
}

/// The element that took the place of `el` when `el` left the page: the one with its id
/// (a row re-rendered in a new state keeps the ids of its controls).
fn successor(el: &web_sys::Element) -> Option<web_sys::HtmlElement> {
    if el.is_connected() || el.id().is_empty() {
        return None;
    }
    document()
        .get_element_by_id(&el.id())
        .and_then(|e| e.dyn_into().ok())
}

/// As [`rescue_focus`], trying first an enabled control in the group of `near` (an element
/// still on the page that lost focus by being disabled).
fn rescue_focus_near(near: Option<web_sys::Element>) {
    // A disabled element may still hold focus for a moment: browsers move focus away from
    // it only when they next render.
    fn lost(near: &Option<web_sys::Element>) -> bool {
        focus_lost()
            || near
                .as_ref()
                .zip(document().active_element())
                .is_some_and(|(n, a)| n == &a)
    }
    fn focus(el: Option<web_sys::Element>) -> bool {
        el.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            .is_some_and(|el| el.focus().is_ok())
    }
    fn heading(near: Option<web_sys::Element>, tries_left: u32) {
        if !lost(&near) {
            return;
        }
        match document().query_selector("main h1").ok().flatten() {
            Some(h) => {
                let _ = h.set_attribute("tabindex", "-1");
                focus(Some(h));
            }
            None if tries_left > 0 => set_timeout(
                move || heading(near, tries_left - 1),
                Duration::from_millis(50),
            ),
            None => {}
        }
    }
    request_animation_frame(move || {
        if !lost(&near) {
            return;
        }
        let sibling = near
            .as_ref()
            .and_then(|el| el.closest(GROUPS).ok().flatten())
            .and_then(|group| group.query_selector(ENABLED).ok().flatten());
        if !focus(sibling) || lost(&near) {
            heading(near, 200);
        }
    });
}

/// Watches for the focused element being removed from the page or disabled, and rescues
/// focus then. Browsers send no event for either, so the last focused element is
/// remembered and checked after every change to the page.
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
        let gone = last.borrow().as_ref().and_then(|el| {
            if !el.is_connected() {
                Some(None)
            } else if el.matches(":disabled").unwrap_or(false) {
                Some(Some(el.clone()))
            } else {
                None
            }
        });
        if let Some(near) = gone {
            let next = last.borrow_mut().take().and_then(|el| successor(&el));
            match next {
                Some(next) if focus_lost() => drop(next.focus()),
                _ => rescue_focus_near(near),
            }
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
        options.set_attribute_filter(&js_sys::Array::of1(&"disabled".into()));
        let _ = observer.observe_with_options(&body, &options);
    }
    // Both live as long as the page.
    remember.forget();
    check.forget();
}
