//! The one way every view loads data: a resource read under a `Transition` (the old
//! content stays on screen while a new value loads), a placeholder on first load only,
//! and a failure shown by [`LoadError`] with the server's text and Retry.
//!
//! The typed `ApiError` goes straight to [`LoadError`] rather than through an
//! `ErrorBoundary`: measured, the boundary's machinery cost 10 KB of gzip wasm for the
//! same behaviour, and bytes are what a cold load pays for.

use leptos::prelude::*;

use crate::i18n::{t, use_i18n, words};
use crate::logic::api_error::ApiError;

/// Renders `children` with the resource's value once it has loaded.
///
/// `what` names what failed for the error line: "The lock groups could not be loaded".
#[component]
pub fn Loaded<T, V, F>(
    resource: LocalResource<Result<T, ApiError>>,
    /// The sentence shown before the server's text when loading fails (a translated
    /// page passes a closure, so it follows the language).
    #[prop(into)]
    what: TextProp,
    /// Shown on first load, until a value exists.
    #[prop(into, optional)]
    fallback: ViewFnOnce,
    /// Shown instead of the error when the server says the thing does not exist.
    #[prop(into, optional)]
    not_found: Option<ViewFn>,
    /// The view of a loaded value.
    children: F,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    // Type-erased once here, so each use adds only its own view code.
    let children: std::sync::Arc<dyn Fn(T) -> AnyView + Send + Sync> =
        std::sync::Arc::new(move |value| children(value).into_any());
    let i18n = use_i18n();
    view! {
        <Transition fallback=fallback>
            {
                let children = children.clone();
                move || {
                    // Tracked here too, so a refetch renders the new value even where the
                    // view's own code started it (the lock page's Simulate sync).
                    resource.track();
                    let (children, not_found, what) =
                        (children.clone(), not_found.clone(), what.clone());
                    Suspend::new(async move {
                        match resource.await {
                            Ok(value) => children(value),
                            Err(ApiError::NotFound(_)) if not_found.is_some() => {
                                not_found.map(|v| v.run()).into_any()
                            }
                            Err(e) => view! {
                                <LoadError
                                    what
                                    error=Signal::derive(move || words::error(i18n, &e))
                                    retry=move || resource.refetch()
                                />
                            }
                            .into_any(),
                        }
                    })
                }
            }
        </Transition>
    }
}

/// A failed load: what failed, the server's own text, and Retry. The one error-and-Retry
/// block of the console.
#[component]
pub fn LoadError(
    #[prop(into)] what: TextProp,
    /// The server's text (or the console's explanation of the failure).
    #[prop(into)]
    error: Signal<String>,
    /// Loads again.
    retry: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="load-error" role="alert">
            <p>{move || what.get()} ": " {error}</p>
            <button type="button" on:click=move |_| retry()>{t!(i18n, load.retry)}</button>
        </div>
    }
}
