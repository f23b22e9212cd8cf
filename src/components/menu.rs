//! A row's action menu as the ARIA menu pattern asks: the arrow keys move between its
//! items (Home and End to the ends), wrapping. Opening, Escape, a click elsewhere and focus
//! returning to the button are the native popover's (`popover`, `popovertarget`), so only
//! the keys are here.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// `keydown` on the menu element: moves the focus to the next, previous, first or last
/// item that shows and can be used.
pub fn on_menu_key(ev: leptos::ev::KeyboardEvent) {
    let Some(menu) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<Element>().ok())
    else {
        return;
    };
    let items = usable_items(&menu);
    if items.is_empty() {
        return;
    }
    let active = menu.owner_document().and_then(|d| d.active_element());
    let at = items
        .iter()
        .position(|i| active.as_ref() == Some(i.unchecked_ref::<Element>()));
    let Some(next) = next_index(&ev.key(), at, items.len()) else {
        return;
    };
    ev.prevent_default();
    _ = items[next].focus();
}

/// `use:popover_menu`: makes the element an auto popover. Set here, not declared in the
/// view: when a list reloads, Leptos rebuilds a row's elements by removing and re-adding
/// each declared attribute, and removing `popover` closes a menu the admin has open.
pub fn popover_menu(el: Element) {
    if !el.has_attribute("popover") {
        _ = el.set_attribute("popover", "auto");
    }
}

/// Closes the menu `id`. For an item whose click disables it: the native `popovertarget`
/// action runs after the click's handlers and does nothing on a disabled button.
pub fn close_menu(id: &str) {
    if let Some(menu) = leptos::prelude::document()
        .get_element_by_id(id)
        .and_then(|m| m.dyn_into::<HtmlElement>().ok())
    {
        _ = menu.hide_popover();
    }
}

/// `toggle` on the menu element: an opened menu has the focus on its first item, however
/// it was opened (a click leaves it on the button, `autofocus` notwithstanding).
pub fn on_menu_toggle(ev: leptos::ev::Event) {
    let Some(menu) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<Element>().ok())
    else {
        return;
    };
    if !menu.matches(":popover-open").unwrap_or(false) {
        return;
    }
    let active = menu.owner_document().and_then(|d| d.active_element());
    if active.is_some_and(|a| menu.contains(Some(&a))) {
        return;
    }
    if let Some(first) = usable_items(&menu).first() {
        _ = first.focus();
    }
}

/// Where a key moves the focus among `n` items from `at` (`None`: the key is not a move).
fn next_index(key: &str, at: Option<usize>, n: usize) -> Option<usize> {
    match key {
        "ArrowDown" => Some(at.map_or(0, |i| (i + 1) % n)),
        "ArrowUp" => Some(at.map_or(n - 1, |i| (i + n - 1) % n)),
        "Home" => Some(0),
        "End" => Some(n - 1),
        _ => None,
    }
}

/// The menu's direct children that are shown and enabled.
fn usable_items(menu: &Element) -> Vec<HtmlElement> {
    let mut items = Vec::new();
    let mut child = menu.first_element_child();
    while let Some(el) = child {
        child = el.next_element_sibling();
        if el.has_attribute("hidden") || el.has_attribute("disabled") {
            continue;
        }
        if let Ok(el) = el.dyn_into::<HtmlElement>() {
            items.push(el);
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::next_index;

    #[test]
    fn the_arrow_keys_wrap_and_home_end_go_to_the_ends() {
        assert_eq!(next_index("ArrowDown", Some(2), 3), Some(0));
        assert_eq!(next_index("ArrowDown", None, 3), Some(0));
        assert_eq!(next_index("ArrowUp", Some(0), 3), Some(2));
        assert_eq!(next_index("ArrowUp", None, 3), Some(2));
        assert_eq!(next_index("Home", Some(2), 3), Some(0));
        assert_eq!(next_index("End", Some(0), 3), Some(2));
        assert_eq!(next_index("a", Some(0), 3), None);
    }
}
