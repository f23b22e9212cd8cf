//! A batch's requests (an import's, a person's revokes), one at a time, with a progress
//! bar and Cancel: Cancel stops before the next request and keeps what was done.

use crate::i18n::{t_string, use_i18n};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Focuses the element `id` once it is drawn: each step of an import dialog replaces the
/// last, and the control that had focus goes with it (the focus keeper's fallback, the
/// page's heading, is inert behind a modal dialog).
pub fn focus_by_id(id: String) {
    request_animation_frame(move || {
        if let Some(el) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// The progress of one batch. Its signals belong to the view that shows it: once that view
/// is gone, the batch counts as cancelled.
#[derive(Clone, Copy)]
pub struct Batch {
    done: RwSignal<usize>,
    total: RwSignal<usize>,
    stop: RwSignal<bool>,
}

impl Batch {
    pub fn new() -> Self {
        Batch {
            done: RwSignal::new(0),
            total: RwSignal::new(0),
            stop: RwSignal::new(false),
        }
    }

    /// Cancelled, or its view gone.
    pub fn stopped(&self) -> bool {
        self.stop.try_get_untracked().unwrap_or(true)
    }

    /// Runs `send` on each item in turn; `None` for the items not sent because the batch
    /// was cancelled first.
    pub async fn each<T, R>(&self, items: &[T], send: impl AsyncFn(&T) -> R) -> Vec<Option<R>> {
        _ = self.total.try_set(items.len());
        _ = self.done.try_set(0);
        _ = self.stop.try_set(false);
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            if self.stopped() {
                out.push(None);
                continue;
            }
            out.push(Some(send(item).await));
            _ = self.done.try_set(i + 1);
        }
        out
    }
}

impl Default for Batch {
    fn default() -> Self {
        Self::new()
    }
}

/// "Adding… 3 of 10", the bar, and "Cancel import".
#[component]
pub fn BatchProgress(
    batch: Batch,
    /// "Adding", in the language shown (a closure follows the switch).
    #[prop(into)]
    verb: TextProp,
    /// The cancel button's text, in the language shown.
    #[prop(into)]
    cancel: TextProp,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = move || {
        let (verb, done, total) = (
            verb.get().to_string(),
            batch.done.get().to_string(),
            batch.total.get().to_string(),
        );
        t_string!(i18n, batch.progress, verb, done, total).to_string()
    };
    view! {
        <div class="batch-progress">
            <label for="batch-progress">{label}</label>
            <progress
                id="batch-progress"
                max=move || batch.total.get().max(1).to_string()
                value=move || batch.done.get().to_string()
            ></progress>
            <button
                type="button"
                id="batch-cancel"
                disabled=move || batch.stop.get()
                on:click=move |_| batch.stop.set(true)
            >
                {move || if batch.stop.get() { t_string!(i18n, batch.cancelling).to_string() } else { cancel.get().to_string() }}
            </button>
        </div>
    }
}
