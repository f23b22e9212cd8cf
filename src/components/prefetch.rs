//! The code the admin may need next, fetched once the first screen is up: the dialogs'
//! at once (so they open even when the network drops right after), every other page's
//! when the browser is idle. Never beside what the admin is waiting for: a page's code
//! being loaded ([`Loading`]) or the first screen's API answers.

use std::{cell::Cell, future::Future, pin::Pin};

use wasm_bindgen::{closure::Closure, JsCast};

/// Loads one page's code; a failure is ignored (the page tries again when opened).
pub type Preload = Pin<Box<dyn Future<Output = ()>>>;

thread_local! {
    static NEXT_ASKED: Cell<bool> = const { Cell::new(false) };
    static PREFETCHED: Cell<bool> = const { Cell::new(false) };
    static LOADING: Cell<u32> = const { Cell::new(0) };
}

/// A page's code being loaded, for as long as this lives: the prefetch waits for it, so
/// it never competes with what the admin is waiting for (a group's page and its tab
/// load one after the other).
pub struct Loading(());

impl Loading {
    pub fn start() -> Self {
        LOADING.with(|n| n.set(n.get() + 1));
        Loading(())
    }
}

impl Drop for Loading {
    fn drop(&mut self) {
        LOADING.with(|n| n.set(n.get().saturating_sub(1)));
    }
}

/// Once a page is on screen with its first data, the code the admin most likely needs next
/// (`next`: the create, edit, add-locks and grant dialogs) loads, before the page reports
/// idle, so those dialogs open even when the network drops right after; then `rest` loads
/// when the browser is idle (see [`prefetch_when_idle`]).
pub fn after_first_screen(next: fn() -> Vec<Preload>, rest: fn() -> Vec<Preload>) {
    if NEXT_ASKED.with(|a| a.replace(true)) {
        return prefetch_when_idle(rest);
    }
    let loading = Loading::start();
    leptos::task::spawn_local(async move {
        first_answers_shown().await;
        for preload in next() {
            preload.await;
        }
        drop(loading);
        prefetch_when_idle(rest);
    });
}

/// Resolves when the first screen is up: no other page's code loading (a group's page
/// loads its tab's code after its own), its API answers in, and the browser idle, so the
/// rows are painted (measured: fetching the dialogs' code beside them delayed the first
/// rows, most on a slow network); or after [`FIRST_ANSWERS_WAIT_MS`] when an answer takes
/// longer.
async fn first_answers_shown() {
    let started = js_sys::Date::now();
    // The page's view mounts and starts its requests in the frames after its code loaded.
    next_frame().await;
    next_frame().await;
    // This prefetch's own `Loading` counts one.
    while (crate::api::requests_in_flight() > 0 || LOADING.with(Cell::get) > 1)
        && js_sys::Date::now() - started < FIRST_ANSWERS_WAIT_MS
    {
        next_frame().await;
    }
    idle().await;
}

const FIRST_ANSWERS_WAIT_MS: f64 = 5_000.0;

/// The browser's next idle period (a frame's spare time, after rendering); browsers
/// without requestIdleCallback (Safari) wait 50 ms instead.
async fn idle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            if window.request_idle_callback(&resolve).is_ok()
                || window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50)
                    .is_ok()
            {
                return;
            }
        }
        let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The next animation frame (at once where there is no window).
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            if window.request_animation_frame(&resolve).is_ok() {
                return;
            }
        }
        let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Once the page is on screen (no page's code loading) and the browser is idle, loads
/// every other page's code, so moving between pages never waits for the network. Runs
/// once per session; a failed prefetch is retried when the page is opened.
pub fn prefetch_when_idle(preloads: fn() -> Vec<Preload>) {
    if LOADING.with(Cell::get) > 0 || PREFETCHED.with(|p| p.replace(true)) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let run = Closure::once_into_js(move || {
        if LOADING.with(Cell::get) > 0 {
            // Another page started loading meanwhile: its end schedules the prefetch.
            PREFETCHED.with(|p| p.set(false));
            return;
        }
        leptos::task::spawn_local(async move {
            // One after the other: the prefetch must not compete with the admin's work.
            for preload in preloads() {
                preload.await;
            }
        });
    });
    // Browsers without requestIdleCallback (Safari) wait a second instead.
    if window.request_idle_callback(run.unchecked_ref()).is_err() {
        let _ =
            window.set_timeout_with_callback_and_timeout_and_arguments_0(run.unchecked_ref(), 1000);
    }
}
