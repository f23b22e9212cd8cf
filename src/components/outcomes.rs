//! The per-item results of a batch (locks added, memberships removed, a sync), until dismissed.

use leptos::prelude::*;

use crate::i18n::{t, t_string, use_i18n, words};
use crate::logic::batch::Outcome;

/// Every outcome as one line: ✔ or ✖, the item, the server's text.
pub fn outcome_list(out: Vec<Outcome>) -> impl IntoView {
    view! { <ul>{out.into_iter().map(item).collect_view()}</ul> }
}

fn item(o: Outcome) -> impl IntoView {
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
}

/// The per-item results of the last batch, until dismissed.
///
/// With `done` (the batch's verb, e.g. "added") the results read as one summary line
/// ("20 added, 1 refused"), the refusals listed with the server's text, and the successes
/// collapsed under "Show the 20 added". Without it, every item is listed.
#[component]
pub fn Outcomes(
    /// Heading of the list, e.g. "Results of adding locks".
    title: Signal<String>,
    outcomes: RwSignal<Vec<Outcome>>,
    /// The batch's verb when the results are summarised; empty to list every item.
    #[prop(optional, into)]
    done: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let body = move || {
        let out = outcomes.get();
        let done = done.get();
        if done.is_empty() {
            return outcome_list(out).into_any();
        }
        let line = words::summary(i18n, &out, &done);
        let (ok, refused): (Vec<_>, Vec<_>) = out.into_iter().partition(|o| o.ok);
        let n = ok.len();
        view! {
            <p class="outcomes-summary">{line}</p>
            {(!refused.is_empty()).then(|| view! {
                <ul class="refusals">{refused.into_iter().map(item).collect_view()}</ul>
            })}
            {(n > 0).then(|| view! {
                <details class="successes">
                    <summary>{t_string!(i18n, outcomes.show, count = words::number(i18n, n as u64), done)}</summary>
                    <ul>{ok.into_iter().map(item).collect_view()}</ul>
                </details>
            })}
        }
        .into_any()
    };
    view! {
        <Show when=move || !outcomes.read().is_empty()>
            <section class="outcomes" aria-labelledby="outcomes-title">
                <h2 id="outcomes-title">{move || title.get()}</h2>
                {body}
                <button type="button" on:click=move |_| outcomes.set(Vec::new())>
                    {t!(i18n, outcomes.dismiss)}
                </button>
            </section>
        </Show>
    }
}
