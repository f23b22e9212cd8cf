//! View pieces shared by the Members, Grants and Diagram tabs: timestamps with relative
//! and exact text, per-item outcomes of a batch, and previous/next paging.

use leptos::prelude::*;

use crate::config::Config;
use crate::logic::time;

/// "Now" in milliseconds since the epoch, for relative times.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// Whether the console talks to this project's sandbox (sandbox-only actions).
pub fn is_sandbox() -> bool {
    use_context::<Config>().is_some_and(|c| c.sandbox)
}

/// A timestamp from the API: relative text, with the exact UTC time beside it.
/// `None` shows `empty` instead.
pub fn stamp(value: Option<&str>, now: i64, empty: &'static str) -> AnyView {
    match value {
        None => view! { <span class="muted">{empty}</span> }.into_any(),
        Some(v) => {
            let (relative, exact) = time::describe(v, now);
            view! {
                <time datetime=v.to_string()>{relative}</time>
                " "
                <span class="exact">"(" {exact} ")"</span>
            }
            .into_any()
        }
    }
}

/// A table's `<thead>`: one column header per name (one code path for every table).
pub fn head(columns: &'static [&'static str]) -> AnyView {
    view! {
        <thead>
            <tr>
                {columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}
            </tr>
        </thead>
    }
    .into_any()
}

/// The result of one item of a batch (one lock added, one membership removed, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// What it acted on, e.g. the lock's title.
    pub subject: String,
    pub ok: bool,
    /// "added", or the server's exact reason.
    pub message: String,
}

/// A one-line summary of a batch for the live region: "2 added, 1 failed".
pub fn summary(outcomes: &[Outcome], done: &str) -> String {
    let ok = outcomes.iter().filter(|o| o.ok).count();
    let failed = outcomes.len() - ok;
    match failed {
        0 => format!("{ok} {done}"),
        _ => format!("{ok} {done}, {failed} failed"),
    }
}

/// The per-item results of the last batch, until dismissed.
#[component]
pub fn Outcomes(
    /// Heading of the list, e.g. "Results of adding locks".
    title: Signal<String>,
    outcomes: RwSignal<Vec<Outcome>>,
) -> impl IntoView {
    view! {
        <Show when=move || !outcomes.read().is_empty()>
            <section class="outcomes" aria-labelledby="outcomes-title">
                <h3 id="outcomes-title">{move || title.get()}</h3>
                <ul>
                    {move || {
                        outcomes
                            .get()
                            .into_iter()
                            .map(|o| {
                                let class = if o.ok { "outcome ok" } else { "outcome failed" };
                                let icon = if o.ok { "✔ " } else { "✖ " };
                                view! {
                                    <li class=class>
                                        <span aria-hidden="true">{icon}</span>
                                        <strong>{o.subject}</strong>
                                        ": "
                                        {o.message}
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <button type="button" on:click=move |_| outcomes.set(Vec::new())>
                    "Dismiss results"
                </button>
            </section>
        </Show>
    }
}

/// Previous / next page buttons with the current page number.
#[component]
pub fn Pager(
    /// What is paged, for the navigation's name: "Members pages".
    label: &'static str,
    page: Signal<u64>,
    /// Whether a next page exists.
    more: Signal<bool>,
    on_page: Callback<u64>,
) -> impl IntoView {
    view! {
        <nav class="pager" aria-label=label>
            <button
                type="button"
                disabled=move || page.get() <= 1
                on:click=move |_| on_page.run(page.get_untracked().saturating_sub(1).max(1))
            >
                "Previous page"
            </button>
            <span>"Page " {move || page.get()}</span>
            <button
                type="button"
                disabled=move || !more.get()
                on:click=move |_| on_page.run(page.get_untracked() + 1)
            >
                "Next page"
            </button>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summarises_batches() {
        let o = |ok| Outcome {
            subject: "x".into(),
            ok,
            message: String::new(),
        };
        assert_eq!(summary(&[o(true), o(true)], "added"), "2 added");
        assert_eq!(summary(&[o(true), o(false)], "added"), "1 added, 1 failed");
        assert_eq!(summary(&[], "removed"), "0 removed");
    }
}
