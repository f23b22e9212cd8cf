//! Each page's view and each dialog is its own piece of wasm, loaded when first shown (see
//! `pages::routes`). This is how a page or dialog waits for its piece, recovers when the
//! piece did not download (see `code_missing`); what is fetched once the first screen is
//! up is `prefetch`'s.

use std::{future::Future, pin::Pin, sync::Arc};

use leptos::prelude::*;

use crate::components::code_missing::{dialog_notice, on_back_online, PageNotice};
use crate::components::key_buffer;
use crate::components::prefetch::{after_first_screen, Loading, Preload};

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

pub type Boxed<T> = Pin<Box<dyn Future<Output = T>>>;
/// Loads a piece of wasm (a split point's `preload`).
pub type LoadCode = fn() -> Boxed<Result<(), wasm_split_helpers::SplitLoaderError>>;
/// What a split point renders, once its code is loaded.
pub type ShowPage = Box<dyn FnOnce() -> Boxed<Result<AnyView, CodeMissing>>>;

/// A route's view: waits for its code (`load`), starts the code the admin needs next and
/// the idle prefetch, then shows the page ([`page`]). One copy for every route.
pub async fn route_view(
    load: LoadCode,
    show: ShowPage,
    next: fn() -> Vec<Preload>,
    rest: fn() -> Vec<Preload>,
) -> AnyView {
    let loading = Loading::start();
    let loaded = load().await.is_ok();
    drop(loading);
    after_first_screen(next, rest);
    page(loaded, load, show)
}

/// A page whose code `loaded` (or not): the page, or the notice until its code downloads
/// (asked for again when the browser comes back online, or on Try again), then the page
/// in the notice's place, with no reload. Not generic: one copy for every page.
pub fn page(loaded: bool, load: LoadCode, show: ShowPage) -> AnyView {
    let show = StoredValue::new_local(Some(show));
    let render = move || {
        show.try_update_value(Option::take)
            .flatten()
            .and_then(|show| ready_now(show()))
            .and_then(Result::ok)
            .unwrap_or_else(|| {
                // The code loaded but no page came of it: only a reload helps.
                view! { <PageNotice retry=Callback::new(|()| {})/> }.into_any()
            })
    };
    if loaded {
        return render();
    }
    let loaded = RwSignal::new(false);
    let trying = StoredValue::new(false);
    let retry = move || {
        if trying.get_value() || loaded.get_untracked() {
            return;
        }
        trying.set_value(true);
        leptos::task::spawn_local(async move {
            let ok = load().await.is_ok();
            trying.set_value(false);
            loaded.set(ok);
        });
    };
    on_back_online(retry);
    (move || match loaded.get() {
        true => render(),
        false => view! { <PageNotice retry=Callback::new(move |()| retry())/> }.into_any(),
    })
    .into_any()
}

/// A dialog whose code is its own piece of wasm: nothing until `open` first turns true,
/// then its code loads (at once if the prefetch has already brought it) and the dialog is
/// mounted and kept, so reopening is instant. Code that did not download is asked for
/// again on each open and when the browser comes back online, and the dialog then opens
/// by itself.
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
        Arc::new(move || Box::pin(preload()) as Boxed<_>),
        Arc::new(move || Box::pin(load()) as Boxed<_>),
    )
}

/// Where a dialog's code is.
#[derive(Clone, Copy, PartialEq)]
enum Code {
    NotAsked,
    Missing,
    Loaded,
}

fn opener(
    open: RwSignal<bool>,
    preload: Arc<dyn Fn() -> Boxed<Result<(), wasm_split_helpers::SplitLoaderError>> + Send + Sync>,
    load: Arc<dyn Fn() -> Boxed<Result<AnyView, CodeMissing>> + Send + Sync>,
) -> AnyView {
    let opened = Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || open.get());
    let back_online = RwSignal::new(0u32);
    on_back_online(move || back_online.update(|n| *n += 1));
    // Asked on the first open, again on each open and each return of the network: once
    // loaded, an instant no-op. Not before: a page's dialogs load after its first rows
    // (`prefetch`), never beside them (`then_some(preload().await…)` had loaded them all
    // as the page mounted, measured: 25 files beside the list's first rows).
    let code = LocalResource::new(move || {
        let wanted = opened.get();
        open.track();
        back_online.track();
        let preload = preload.clone();
        async move {
            if !wanted {
                return None;
            }
            Some(preload().await.is_ok())
        }
    });
    // Loaded stays loaded: the mounted dialog (and its typing) is never rebuilt.
    let state = Memo::new(move |was: Option<&Code>| match (was, code.get()) {
        (Some(Code::Loaded), _) | (_, Some(Some(true))) => Code::Loaded,
        (_, Some(Some(false))) => Code::Missing,
        (was, _) => was.copied().unwrap_or(Code::NotAsked),
    });
    // Opened before its code is here: what the admin types meanwhile is kept for the
    // dialog's first field; dropped when it closes first or its code did not download.
    Effect::new(move |_| match (open.get(), state.get()) {
        (true, Code::NotAsked) => key_buffer::start(),
        (false, _) | (_, Code::Missing) => drop(key_buffer::take()),
        _ => {}
    });
    (move || match state.get() {
        Code::NotAsked => None,
        // Loaded: the split function's future completes on its first poll.
        Code::Loaded => Some(
            ready_now(load())
                .and_then(Result::ok)
                .unwrap_or_else(dialog_notice),
        ),
        Code::Missing => Some(dialog_notice()),
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
