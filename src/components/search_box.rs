//! Type to search: what the admin types shows at once, and the search is sent (the URL
//! changes) after a pause in typing. Until then the box shows the typing; afterwards it
//! follows the URL again, so Back or a link changes the box too.

use leptos::prelude::*;
use std::time::Duration;

/// How long typing must pause before the search is sent.
const SEARCH_DEBOUNCE: Duration = Duration::from_millis(300);

/// The box's value and its `input` handler. `sent` reads the search the URL has now;
/// `send` moves the view to another search (called only when it changed).
pub fn use_search_box(
    sent: impl Fn() -> String + Copy + Send + Sync + 'static,
    send: impl Fn(String) + Copy + 'static,
) -> (
    impl Fn() -> String + Copy + Send + Sync + 'static,
    impl Fn(leptos::ev::Event) + Copy + 'static,
) {
    let typed = RwSignal::new(None::<String>);
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        typed.set(Some(text.clone()));
        set_timeout(
            move || {
                // `try_`: the view (a closed dialog, a page left) may be gone by now.
                if typed.try_get_untracked().flatten().as_deref() == Some(text.as_str()) {
                    typed.set(None);
                    if sent() != text {
                        send(text);
                    }
                }
            },
            SEARCH_DEBOUNCE,
        );
    };
    let value = move || typed.get().unwrap_or_else(sent);
    (value, on_input)
}
