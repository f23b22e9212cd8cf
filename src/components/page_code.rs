//! Each page's view is its own piece of wasm, loaded when the page is first shown (see
//! `pages::routes`). This is what a page shows when its piece cannot be loaded, and the
//! prefetch of the other pages' pieces once the first screen is up.

use std::{cell::Cell, future::Future, pin::Pin};

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

/// A split point: `fn name(args) -> Result<AnyView, CodeMissing>` becomes an `async fn`
/// that loads the piece of wasm `module` first, and `preload` an `async fn` that only
/// loads it. With the `split` feature (the build Trunk runs, see index.html) the wasm is
/// cut there by tools/split_wasm; without it (tests, clippy) both are plain async
/// functions, so a wasm built without the splitter still links and runs.
macro_rules! split_point {
    ($module:ident, $preload:ident,
     fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        #[allow(unused_variables)]
        #[::wasm_split_helpers::wasm_split($module, fallible, preload($preload))]
        fn $name($($arg: $ty),*) -> $ret $body

        #[cfg(not(feature = "split"))]
        #[allow(unused_variables)]
        async fn $name($($arg: $ty),*) -> $ret $body

        #[cfg(not(feature = "split"))]
        async fn $preload() -> Result<(), ::wasm_split_helpers::SplitLoaderError> {
            Ok(())
        }
    };
}
pub(crate) use split_point;

/// A page's code could not be downloaded or instantiated: the network is down, or a new
/// version of the console was deployed and the old pieces are gone.
#[derive(Debug, Clone)]
pub struct CodeMissing;

impl From<wasm_split_helpers::SplitLoaderError> for CodeMissing {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        CodeMissing
    }
}

/// The view of a page whose code loaded, or the explanation with a Reload button.
pub fn shown(view: Result<AnyView, CodeMissing>) -> AnyView {
    view.unwrap_or_else(|CodeMissing| view! { <CodeMissingNotice/> }.into_any())
}

#[component]
fn CodeMissingNotice() -> impl IntoView {
    let reload = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    view! {
        <div class="code-missing" role="alert">
            <h1>"This page could not be loaded"</h1>
            <p>
                "Part of the console did not download. The network may be down, or a newer "
                "version of the console may have been published. Reloading fetches it again; "
                "nothing you saved is lost."
            </p>
            <button type="button" class="primary" on:click=reload>"Reload the console"</button>
        </div>
    }
}

/// Loads one page's code; a failure is ignored (the page tries again when opened).
pub type Preload = Pin<Box<dyn Future<Output = ()>>>;

thread_local! {
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

/// A dialog whose code is its own piece of wasm: nothing until `open` first turns true,
/// then its code loads (at once if the idle prefetch has already brought it) and the
/// dialog is mounted and kept, so reopening is instant.
///
/// The code is awaited by a resource of its own rather than under a `Suspense`: a
/// `Suspense` would also track the dialog's own resources and unmount the open dialog
/// each time one of them reloads.
pub fn on_first_open<P, F>(
    open: RwSignal<bool>,
    preload: fn() -> P,
    load: impl Fn() -> F + Send + Sync + 'static,
) -> AnyView
where
    P: Future<Output = Result<(), wasm_split_helpers::SplitLoaderError>> + 'static,
    F: Future<Output = Result<AnyView, CodeMissing>> + 'static,
{
    // Only this boxing is generic: the opener itself is one copy for every dialog
    // (measured: each generic copy cost a page about 1 KB of gzip).
    opener(
        open,
        Arc::new(move || Box::pin(preload()) as Pin<Box<dyn Future<Output = _>>>),
        Arc::new(move || Box::pin(load()) as Pin<Box<dyn Future<Output = _>>>),
    )
}

type Boxed<T> = Pin<Box<dyn Future<Output = T>>>;

fn opener(
    open: RwSignal<bool>,
    preload: Arc<dyn Fn() -> Boxed<Result<(), wasm_split_helpers::SplitLoaderError>> + Send + Sync>,
    load: Arc<dyn Fn() -> Boxed<Result<AnyView, CodeMissing>> + Send + Sync>,
) -> AnyView {
    let opened = Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || open.get());
    let code = LocalResource::new(move || {
        let wanted = opened.get();
        let preload = preload.clone();
        async move {
            match wanted {
                true => preload().await.map(|()| true).map_err(CodeMissing::from),
                false => Ok(false),
            }
        }
    });
    (move || {
        match code.get()? {
            Ok(false) => None,
            // Loaded: the split function's future completes on its first poll.
            Ok(true) => Some(ready_now(load()).unwrap_or(Err(CodeMissing))),
            Err(e) => Some(Err(e)),
        }
        .map(|view| {
            view.unwrap_or_else(|CodeMissing| {
                view! {
                    <p role="alert" class="field-error">
                        "This dialog could not be loaded: part of the console did not download. "
                        "Reload the page to try again."
                    </p>
                }
                .into_any()
            })
        })
    })
    .into_any()
}

/// The output of a future that is already complete, without an executor.
fn ready_now<F: Future>(future: F) -> Option<F::Output> {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(output) => Some(output),
        std::task::Poll::Pending => None,
    }
}
