//! The per-item results of a batch (locks added, memberships removed, a sync), until dismissed.

use leptos::prelude::*;

use crate::logic::batch::Outcome;

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
