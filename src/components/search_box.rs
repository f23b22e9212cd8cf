//! Type to search: what the admin types shows at once, and the search is sent (the URL
//! changes) after a pause in typing. Until then the box shows the typing; afterwards it
//! follows the URL again, so Back or a link changes the box too.

use leptos::prelude::*;
use std::time::Duration;

/// How long typing must pause before the search is sent.
const SEARCH_DEBOUNCE: Duration = Duration::from_millis(300);

/// The box's value and its `input` handler. `sent` reads the search the URL has now;
/// `send` moves the view to another search (called only when it changed). One
/// non-generic body for every search box ([`search_box`]), so the bundle holds it once.
pub fn use_search_box(
    sent: impl Fn() -> String + Send + Sync + 'static,
    send: impl Fn(String) + Send + Sync + 'static,
) -> (Signal<String>, impl Fn(leptos::ev::Event) + Copy + 'static) {
    search_box(Signal::derive(sent), Callback::new(send))
}

fn search_box(
    sent: Signal<String>,
    send: Callback<String>,
) -> (Signal<String>, impl Fn(leptos::ev::Event) + Copy + 'static) {
    let typed = RwSignal::new(None::<String>);
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        typed.set(Some(text.clone()));
        set_timeout(
            move || {
                // `try_`: the view (a closed dialog, a page left) may be gone by now.
                if typed.try_get_untracked().flatten().as_deref() == Some(text.as_str()) {
                    typed.set(None);
                    if sent.get_untracked() != text {
                        send.run(text);
                    }
                }
            },
            SEARCH_DEBOUNCE,
        );
    };
    let value = Signal::derive(move || typed.get().unwrap_or_else(|| sent.get()));
    (value, on_input)
}
