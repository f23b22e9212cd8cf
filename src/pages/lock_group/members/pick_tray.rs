//! "Picked (N)": the tray of the locks picked in "Add locks", each removable.

use leptos::{html, prelude::*};

use super::selection::LockRef;
use crate::i18n::{t_string, use_i18n, words};

/// "Picked (N)": the picks, each removable. Removing one moves focus to the next pick's
/// Remove button (or the previous one; with none left, to the search box).
#[component]
pub(super) fn Tray(
    picked: RwSignal<Vec<LockRef>>,
    search_box: NodeRef<html::Input>,
) -> impl IntoView {
    let list = NodeRef::<html::Ul>::new();
    let i18n = use_i18n();
    let remove = move |id: String| {
        let Some(at) = picked.read_untracked().iter().position(|l| l.id == id) else {
            return;
        };
        picked.update(|p| {
            p.remove(at);
        });
        // After the list has re-rendered: the button now at the same place, else the last.
        request_animation_frame(move || {
            let ul = list.get_untracked();
            let nth = |sel: &str| {
                ul.as_ref()
                    .and_then(|ul| ul.query_selector(sel).ok().flatten())
            };
            let target = nth(&format!("li:nth-child({}) button", at + 1))
                .or_else(|| nth("li:last-child button"));
            use leptos::wasm_bindgen::JsCast;
            match target.and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) {
                Some(button) => _ = button.focus(),
                None => {
                    if let Some(input) = search_box.get_untracked() {
                        _ = input.focus();
                    }
                }
            }
        });
    };
    view! {
        <section class="tray" aria-labelledby="tray-title">
            <h3 id="tray-title">{move || t_string!(i18n, members.tray.heading, count = words::number(i18n, picked.read().len() as u64)).to_string()}</h3>
            <p class="picked" aria-live="polite">
                {move || match picked.read().len() as u64 {
                    0 => t_string!(i18n, members.tray.none).to_string(),
                    n => {
                        let count = words::number(i18n, n);
                        if words::is_one(i18n, n) {
                            t_string!(i18n, members.tray.picked.one, count).to_string()
                        } else {
                            t_string!(i18n, members.tray.picked.other, count).to_string()
                        }
                    }
                }}
            </p>
            <ul node_ref=list class="tray-items">
                <For
                    each=move || picked.get()
                    key=|l| l.id.clone()
                    let:lock
                >
                    {
                        let id = lock.id.clone();
                        let title = lock.title.clone();
                        view! {
                            <li>
                                <span>{lock.title.clone()}</span>
                                <button
                                    type="button"
                                    class="quiet"
                                    aria-label=move || t_string!(i18n, members.tray.remove, title = title.clone()).to_string()
                                    on:click=move |_| remove(id.clone())
                                >
                                    <span aria-hidden="true">"✕"</span>
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
        </section>
    }
}
