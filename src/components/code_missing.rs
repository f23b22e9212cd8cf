//! What shows when a piece of the console's code did not download (the network dropped,
//! or a newer version was published), and the retry that makes it recover by itself: the
//! piece is asked for again when the browser comes back online, with no reload.

use leptos::prelude::*;

use crate::i18n::{t, t_string, use_i18n};

/// Whether the browser says it has no network (`navigator.onLine`).
pub fn is_offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// Calls `retry` each time the browser comes back online (`online` event), for as long as
/// the calling owner lives.
pub fn on_back_online(retry: impl Fn() + 'static) {
    let handle = window_event_listener(leptos::ev::online, move |_| retry());
    let handle = StoredValue::new_local(Some(handle));
    on_cleanup(move || {
        if let Some(Some(h)) = handle.try_update_value(Option::take) {
            h.remove();
        }
    });
}

/// In place of a dialog whose code has not downloaded: it opens by itself once it has.
pub fn dialog_notice() -> AnyView {
    let (i18n, offline) = (use_i18n(), is_offline());
    let text = move || {
        if offline {
            t_string!(i18n, code_missing.dialog_offline)
        } else {
            t_string!(i18n, code_missing.dialog)
        }
    };
    view! { <p role="alert" class="field-error">{text}</p> }.into_any()
}

/// In place of a page whose code has not downloaded. `retry` asks for it again (the page
/// then appears by itself); Reload is for a newer version whose old pieces are gone.
#[component]
pub fn PageNotice(retry: Callback<()>) -> impl IntoView {
    let reload = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    let offline = is_offline();
    let i18n = use_i18n();
    view! {
        <div class="code-missing" role="alert">
            <h1>{t!(i18n, code_missing.page_heading)}</h1>
            {if offline {
                view! { <p>{t!(i18n, code_missing.page_offline)}</p> }.into_any()
            } else {
                view! { <p>{t!(i18n, code_missing.page)}</p> }.into_any()
            }}
            <p class="actions">
                <button type="button" class="primary" on:click=move |_| retry.run(())>
                    {t!(i18n, code_missing.try_again)}
                </button>
                <button type="button" on:click=reload>{t!(i18n, code_missing.reload)}</button>
            </p>
        </div>
    }
}
