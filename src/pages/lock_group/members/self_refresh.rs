//! The Members tab's self-refresh: while any membership is pending, reload after 2 s,
//! 4 s, 8 s … 30 s, paused while the browser tab is hidden. Timers and the visibility
//! event are the world outside the reactive graph, so this is where the Effect lives.

use std::time::Duration;

use leptos::prelude::*;

/// First and longest wait between refreshes while something is pending.
const POLL_FIRST_MS: u64 = 2_000;
const POLL_MAX_MS: u64 = 30_000;

/// Handle to restart the back-off after the admin changed something.
#[derive(Clone, Copy)]
pub struct SelfRefresh {
    delay: StoredValue<u64>,
}

impl SelfRefresh {
    /// The next wait starts again at the shortest.
    pub fn restart(&self) {
        self.delay.try_set_value(POLL_FIRST_MS);
    }
}

/// Schedules `refresh` after each new value of `loaded` while `pending` is true.
pub fn use_self_refresh(
    loaded: impl Fn() + Send + Sync + 'static,
    pending: Memo<bool>,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
) -> SelfRefresh {
    let delay = StoredValue::new(POLL_FIRST_MS);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let paused = StoredValue::new(false);
    Effect::new(move |_| {
        loaded();
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        if !pending.get() {
            delay.set_value(POLL_FIRST_MS);
            return;
        }
        let wait = delay.get_value();
        delay.set_value((wait * 2).min(POLL_MAX_MS));
        let handle = set_timeout_with_handle(
            move || {
                if document().hidden() {
                    paused.set_value(true);
                } else {
                    refresh();
                }
            },
            Duration::from_millis(wait),
        );
        timer.set_value(handle.ok());
    });
    let visibility = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if !document().hidden() && paused.try_get_value() == Some(true) {
            paused.set_value(false);
            delay.set_value(POLL_FIRST_MS);
            refresh();
        }
    });
    let visibility = StoredValue::new_local(Some(visibility));
    on_cleanup(move || {
        if let Some(h) = timer.try_get_value().flatten() {
            h.clear();
        }
        if let Some(Some(h)) = visibility.try_update_value(Option::take) {
            h.remove();
        }
    });
    SelfRefresh { delay }
}
