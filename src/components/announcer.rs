//! A polite live region for outcomes ("Lock group created"): read by screen readers and
//! shown as a short-lived notice, so every result is both heard and seen.

use leptos::prelude::*;
use std::time::Duration;

#[derive(Clone, Copy)]
pub struct Announcer {
    message: RwSignal<String>,
    /// Bumped per announcement, so an older timer does not clear a newer notice.
    serial: RwSignal<u64>,
}

impl Announcer {
    pub fn new() -> Self {
        Announcer {
            message: RwSignal::new(String::new()),
            serial: RwSignal::new(0),
        }
    }

    /// Announces `text`. The region is emptied first so that the same text twice in a
    /// row is announced twice.
    pub fn say(&self, text: impl Into<String>) {
        let text = text.into();
        let this = *self;
        this.message.set(String::new());
        let serial = this.serial.get_untracked() + 1;
        this.serial.set(serial);
        request_animation_frame(move || this.message.set(text));
        set_timeout(
            move || {
                if this.serial.get_untracked() == serial {
                    this.message.set(String::new());
                }
            },
            Duration::from_secs(8),
        );
    }
}

impl Default for Announcer {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_announcer() -> Announcer {
    use_context::<Announcer>().expect("Announcer is provided by the app shell")
}

#[component]
pub fn AnnouncerRegion() -> impl IntoView {
    let announcer = use_announcer();
    view! {
        <div
            class="notice"
            class:notice-visible=move || !announcer.message.get().is_empty()
            role="status"
            aria-live="polite"
        >
            {move || announcer.message.get()}
        </div>
    }
}
