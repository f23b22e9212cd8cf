//! The Grants tab: the group's grants (contact, validity window, time restriction, state),
//! filtered server-side (active/all, contact search, paging, all in the URL); "Grant
//! access" creates a grant on the group, "Revoke" (with a confirm) revokes one.

use leptos::{html, prelude::*};
use wasm_bindgen::JsValue;
use wire::{ContactRef, CreateGrant, Grant};

use crate::api::{grants, lock_groups, use_api, ApiError, Query};
use crate::components::announcer::use_announcer;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::group_context::use_group;
use crate::components::modal::Modal;
use crate::components::pager::Pager;
use crate::components::table_head::head;
use crate::components::timestamp::{now_ms, stamp};
use crate::components::url_state::use_url_state;
use crate::logic::grants_query::{describe_ical, GrantsQuery, CONTACT_LIMIT, PAGE_SIZE};
use crate::logic::routes::GroupTab;
use crate::logic::time;

/// A `datetime-local` value (the browser's local time) in the API's format; the text
/// itself when the browser cannot read it (the server then says what is wrong).
fn local_to_api(value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let ms = js_sys::Date::new(&JsValue::from_str(value)).get_time();
    Some(if ms.is_nan() {
        value.to_string()
    } else {
        time::to_api(ms as i64)
    })
}

fn contact_name(g: &Grant) -> (String, String) {
    let c = g.contact.as_ref();
    let identifier = c
        .and_then(|c| c.email.clone().or(c.ip_user_name.clone()))
        .unwrap_or_default();
    let title = c
        .and_then(|c| c.title.clone())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| {
            if identifier.is_empty() {
                format!("Contact {}", g.contact_id)
            } else {
                identifier.clone()
            }
        });
    (title, identifier)
}

/// A labelled input bound to `value` (one code path for every field of the form).
fn field(
    id: &'static str,
    label: &'static str,
    kind: &'static str,
    value: RwSignal<String>,
) -> AnyView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type=kind
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
    .into_any()
}

#[component]
pub fn GrantsTab() -> impl IntoView {
    let ctx = use_group();
    let api = use_api();
    let announcer = use_announcer();
    let (query, go) = use_url_state::<GrantsQuery>(move || {
        GroupTab::Grants.path(&ctx.owner.get_untracked(), &ctx.id.get_untracked())
    });
    let go = move |q: GrantsQuery| go.run((q, false));

    let list_api = api.clone();
    let list = LocalResource::new(move || {
        let (api, owner, id, q) = (list_api.clone(), ctx.owner.get(), ctx.id.get(), query.get());
        async move {
            let contacts = match q.contact_filter() {
                None => None,
                Some(f) => {
                    let found = grants::contacts(
                        &api,
                        &owner,
                        &Query::new().filter(Some(f)).top(CONTACT_LIMIT),
                    )
                    .await?;
                    Some(found.into_iter().map(|c| c.id).collect::<Vec<_>>())
                }
            };
            if GrantsQuery::nothing(contacts.as_deref()) {
                return Ok((Vec::new(), false));
            }
            let req = Query::new()
                .filter(q.grant_filter(contacts.as_deref()))
                .top(PAGE_SIZE + 1)
                .skip(q.skip());
            let mut rows = lock_groups::grants(&api, &owner, &id, &req).await?;
            let more = rows.len() as u64 > PAGE_SIZE;
            rows.truncate(PAGE_SIZE as usize);
            Ok::<_, ApiError>((rows, more))
        }
    });
    let editable = Memo::new(move |_| {
        ctx.group
            .get()
            .and_then(Result::ok)
            .is_some_and(|g| g.active)
    });

    // Revoke with a confirm.
    let to_revoke = RwSignal::new(None::<(String, String)>);
    let confirm_open = RwSignal::new(false);
    let revoke_error = RwSignal::new(None::<String>);
    let revoke_api = api.clone();
    let revoke = Action::new_local(move |(id, _): &(String, String)| {
        let (api, owner, id) = (revoke_api.clone(), ctx.owner.get_untracked(), id.clone());
        async move { grants::revoke(&api, &owner, &id).await }
    });
    Effect::new(move |_| match revoke.value().get() {
        Some(Ok(())) => {
            confirm_open.set(false);
            let who = to_revoke.get_untracked().map(|t| t.1).unwrap_or_default();
            announcer.say(format!("Access of {who} revoked"));
            list.refetch();
        }
        Some(Err(e)) => revoke_error.set(Some(e.to_string())),
        None => {}
    });

    // Grant access.
    let form_open = RwSignal::new(false);
    let cancel_grant = NodeRef::<html::Button>::new();
    let identifier = RwSignal::new(String::new());
    let valid_from = RwSignal::new(String::new());
    let valid_before = RwSignal::new(String::new());
    let grant_error = RwSignal::new(None::<String>);
    let create = Action::new_local(move |body: &CreateGrant| {
        let (api, owner, body) = (api.clone(), ctx.owner.get_untracked(), body.clone());
        async move { grants::create(&api, &owner, &body).await }
    });
    Effect::new(move |_| match create.value().get() {
        Some(Ok(g)) => {
            form_open.set(false);
            announcer.say(format!("Access granted to {}", contact_name(&g).0));
            list.refetch();
        }
        Some(Err(e)) => grant_error.set(Some(e.to_string())),
        None => {}
    });
    let open_form = move |_| {
        identifier.set(String::new());
        valid_from.set(String::new());
        valid_before.set(String::new());
        grant_error.set(None);
        form_open.set(true);
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        grant_error.set(None);
        create.dispatch(CreateGrant {
            bound_lock_id: Some(ctx.id.get_untracked()),
            contact: Some(ContactRef {
                identifier: Some(identifier.get_untracked().trim().to_string()),
            }),
            valid_from: local_to_api(&valid_from.get_untracked()),
            valid_before: local_to_api(&valid_before.get_untracked()),
            ..Default::default()
        });
    };

    let search_input = NodeRef::<html::Input>::new();

    let rows = move || {
        let now = now_ms();
        match list.get() {
            None => view! { <p role="status">"Loading grants…"</p> }.into_any(),
            Some(Err(e)) => view! {
                <div class="load-error" role="alert">
                    <p>"The grants could not be loaded: " {e.to_string()}</p>
                    <button type="button" on:click=move |_| list.refetch()>"Retry"</button>
                </div>
            }
            .into_any(),
            Some(Ok((rows, _))) => {
                let empty = rows.is_empty();
                view! {
                    <table class="grants">
                        <caption>"Grants on this lock group"</caption>
                        {head(&["Contact", "Valid from", "Valid before", "Time restriction", "State", "Actions"])}
                        <tbody>
                            {rows
                                .into_iter()
                                .map(|g| {
                                    let (title, identifier) = contact_name(&g);
                                    let pair = (g.id.clone(), title.clone());
                                    let revoke_label = format!("Revoke access of {title}");
                                    view! {
                                        <tr>
                                            <th scope="row">
                                                {title}
                                                <span class="sub">{identifier}</span>
                                            </th>
                                            <td>{stamp(g.valid_from.as_deref(), now, "no limit")}</td>
                                            <td>{stamp(g.valid_before.as_deref(), now, "no limit")}</td>
                                            <td>
                                                {match g.time_restriction_ical.as_deref() {
                                                    Some(ical) => view! {
                                                        <span title=ical.to_string()>{describe_ical(ical)}</span>
                                                    }
                                                    .into_any(),
                                                    None => view! { <span class="muted">"none"</span> }.into_any(),
                                                }}
                                            </td>
                                            <td>
                                                <span aria-hidden="true">{if g.active { "✔ " } else { "✖ " }}</span>
                                                {g.state.label()}
                                                {if g.active { " (active)" } else { " (inactive)" }}
                                            </td>
                                            <td>
                                                {g.active.then(|| view! {
                                                    <button
                                                        type="button"
                                                        class="danger"
                                                        on:click=move |_| {
                                                            revoke_error.set(None);
                                                            to_revoke.set(Some(pair.clone()));
                                                            confirm_open.set(true);
                                                        }
                                                    >
                                                        {revoke_label}
                                                    </button>
                                                })}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                    {empty.then(|| view! { <p class="empty">"No grants match this filter."</p> })}
                }
                .into_any()
            }
        }
    };

    view! {
        <h2>"Grants"</h2>
        <div class="filters" role="group" aria-label="Filter grants">
            <form
                class="field"
                role="search"
                on:submit=move |ev| {
                    ev.prevent_default();
                    let text = search_input.get().map(|i| i.value()).unwrap_or_default();
                    go(query.get_untracked().with(|q| q.search = text.trim().to_string()));
                }
            >
                <label for="grant-search">"Search by contact"</label>
                <span>
                    <input
                        id="grant-search"
                        type="search"
                        node_ref=search_input
                        prop:value=move || query.read().search.clone()
                    />
                    " "
                    <button type="submit">"Search"</button>
                </span>
            </form>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || query.read().all
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        go(query.get_untracked().with(|q| q.all = on));
                    }
                />
                "Show revoked grants too"
            </label>
        </div>
        {move || editable.get().then(|| view! {
            <div class="toolbar">
                <button type="button" class="primary" on:click=open_form>"Grant access"</button>
            </div>
        })}
        {rows}
        <Pager
            label="Grants pages"
            page=Signal::derive(move || query.read().page)
            more=Signal::derive(move || list.get().and_then(Result::ok).is_some_and(|r| r.1))
            on_page=Callback::new(move |p| go(query.get_untracked().with(|q| q.page = p)))
        />

        <Modal open=form_open labelledby="grant-title" initial_focus=cancel_grant>
            <h2 id="grant-title">"Grant access to this lock group"</h2>
            <form on:submit=submit novalidate=true>
                {field("grant-contact", "Contact e-mail", "email", identifier)}
                {field("grant-from", "Valid from (optional, your local time)", "datetime-local", valid_from)}
                {field("grant-before", "Valid before (optional, your local time)", "datetime-local", valid_before)}
                {move || grant_error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <div class="dialog-actions">
                    <button type="button" node_ref=cancel_grant on:click=move |_| form_open.set(false)>
                        "Cancel"
                    </button>
                    <button type="submit" class="primary" disabled=move || create.pending().get()>
                        {move || if create.pending().get() { "Granting…" } else { "Create grant" }}
                    </button>
                </div>
            </form>
        </Modal>

        <ConfirmDialog
            open=confirm_open
            id="revoke"
            title=Signal::derive(move || {
                format!("Revoke access of {}?", to_revoke.get().map(|t| t.1).unwrap_or_default())
            })
            description="The contact loses access to every lock of this group. The grant stays listed as revoked."
            confirm="Revoke access"
            busy=revoke.pending().into()
            error=revoke_error.into()
            on_confirm=Callback::new(move |()| {
                if let Some(t) = to_revoke.get_untracked() {
                    revoke.dispatch(t);
                }
            })
        >
            ""
        </ConfirmDialog>
    }
}
