//! "Who can open this lock": one row per person with every way they have access (directly,
//! or through a group, with the window and schedule in words), whether it opens now, only
//! until the lock's next sync, or from it; the counts; past and future grants on demand;
//! the access report as CSV.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::bulk::{ExportButton, ExportJob};
use crate::components::loaded::LoadError;
use crate::components::timestamp::now_ms;
use crate::i18n::{t, t_string, use_i18n};
use crate::logic::access::{people, Counts, Opens, Person, Way};
use crate::logic::access_report::{report, REPORT_HEADER};
use crate::logic::routes::{self, GroupTab};

use super::access::{Access, Source};
use super::phrases;
use super::scan::Scan;

#[component]
pub(super) fn AccessView(
    access: Access,
    scan: Scan,
    src: Source,
    lock_title: String,
) -> impl IntoView {
    let now = now_ms();
    let i18n = use_i18n();
    let show_all = RwSignal::new(false);
    let rows = Memo::new(move |_| people(access.ways(now), show_all.get()));
    let hidden = Memo::new(move |_| {
        access
            .ways(now)
            .iter()
            .filter(|w| w.opens == Opens::No)
            .count()
    });
    let complete = move || access.loading() == 0 && !scan.running.get();
    let counts = move || rows.with(|r| phrases::counts(i18n, Counts::of(r)));
    let status = move || {
        let counts = counts();
        if complete() {
            t_string!(i18n, access.status_done, counts).to_string()
        } else {
            t_string!(i18n, access.status_reading, counts).to_string()
        }
    };
    let owner = StoredValue::new(src.owner.clone());
    let retry_direct = {
        let src = src.clone();
        move || access.load_direct(src.clone())
    };
    let direct_error = move || {
        access
            .direct
            .with(|d| d.as_ref().and_then(|r| r.as_ref().err().cloned()))
    };
    let failed_groups = move || {
        access.groups.with(|gs| {
            gs.iter()
                .filter_map(|g| match &g.grants {
                    Some(Err(e)) => Some((g.via.id.clone(), g.via.title.clone(), e.clone())),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
    };
    let src_groups = StoredValue::new(src);
    let title = StoredValue::new(lock_title);
    let job = Callback::new(move |()| ExportJob::Report {
        what: "access",
        name: title.get_value(),
        header: REPORT_HEADER,
        records: report(&rows.get_untracked()),
    });
    view! {
        <p class="access-counts" role="status">{status}</p>
        {move || direct_error().map(|e| {
            let retry = retry_direct.clone();
            view! {
                <LoadError what=move || t_string!(i18n, access.direct_failed) error=e retry=move || retry()/>
            }
        })}
        {move || {
            let failed = failed_groups();
            (!failed.is_empty()).then(|| view! {
                <div class="load-error" role="alert">
                    <p>{t!(i18n, access.groups_failed)}</p>
                    <ul>
                        {failed.into_iter().map(|(id, title, why)| {
                            let retry_id = id.clone();
                            let name = title.clone();
                            let retry_name = move || {
                                t_string!(i18n, access.retry_group, title = name.clone()).to_string()
                            };
                            view! {
                                <li>
                                    {title.clone()} ": " {why} " "
                                    <button type="button" aria-label=retry_name
                                        on:click=move |_| access.load_group(src_groups.get_value(), retry_id.clone())>
                                        {t!(i18n, load.retry)}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            })
        }}
        <div class="toolbar">
            <label>
                <input type="checkbox" prop:checked=move || show_all.get()
                    on:change=move |ev| show_all.set(event_target_checked(&ev))/>
                {move || t_string!(i18n, access.show_all, count = hidden.get()).to_string()}
            </label>
            <ExportButton job/>
        </div>
        <Show when=move || !rows.with(Vec::is_empty)
            fallback=move || complete().then(|| view! { <p class="empty">{t!(i18n, access.nobody)}</p> })>
            <div class="table-wrap">
                <table class="data access">
                    <caption>
                        {t!(i18n, access.caption)} {move || format!(" ({})", rows.with(Vec::len))}
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, access.col.person)}</th>
                            <th scope="col">{t!(i18n, access.col.access)}</th>
                            <th scope="col">{t!(i18n, access.col.how)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get() key=row_key children=move |p: Person| {
                            view! { <PersonRow p owner=owner.get_value()/> }
                        }/>
                    </tbody>
                </table>
            </div>
        </Show>
    }
}

/// A row changes when any of its ways does.
fn row_key(p: &Person) -> String {
    let ways: Vec<String> = p
        .ways
        .iter()
        .map(|w| format!("{}:{:?}", w.grant.id, w.opens))
        .collect();
    format!("{}|{}", p.contact_id, ways.join(","))
}

/// The state with a symbol, never colour alone.
fn symbol(state: Opens) -> &'static str {
    match state {
        Opens::Now => "✔ ",
        // Both wait for the lock's next sync; the words say which way.
        Opens::FromSync | Opens::UntilSync => "⟳ ",
        Opens::No => "✖ ",
    }
}

#[component]
fn PersonRow(p: Person, owner: String) -> impl IntoView {
    let state = p.state_opens();
    let i18n = use_i18n();
    let href = routes::person(&owner, &p.contact_id);
    let identifier = (p.identifier != p.name).then_some(p.identifier);
    view! {
        <tr>
            <th scope="row">
                <div class="cell-line">
                    <A href=href>{p.name}</A>
                    {identifier.map(|i| view! { <span class="id">{i}</span> })}
                </div>
            </th>
            <td data-label=move || t_string!(i18n, access.col.access)>
                <span aria-hidden="true">{symbol(state)}</span>{move || phrases::opens(i18n, state)}
            </td>
            <td data-label=move || t_string!(i18n, access.col.how)>
                <ul class="ways">
                    {p.ways.into_iter().map(|w| view! { <WayItem w owner=owner.clone() person_state=state/> }).collect_view()}
                </ul>
            </td>
        </tr>
    }
}

#[component]
fn WayItem(w: Way, owner: String, person_state: Opens) -> impl IntoView {
    let i18n = use_i18n();
    let how = match w.via.clone() {
        None => view! { {t!(i18n, access.directly)} }.into_any(),
        Some(v) => {
            let href = GroupTab::Grants.path(&owner, &v.id);
            view! { {t!(i18n, access.through)} <A href=href>{v.title}</A> }.into_any()
        }
    };
    // Said per way only where it differs from the row's state.
    let (opens, validity) = (w.opens, w.validity);
    let note = if opens == Opens::No {
        Some((move || phrases::validity(i18n, validity)).into_any())
    } else {
        (opens != person_state).then(|| (move || phrases::opens(i18n, opens)).into_any())
    };
    let (shown, also) = (w.clone(), w.clone());
    let window = move || phrases::window(i18n, &shown);
    let schedule = move || phrases::schedule(i18n, &also);
    view! {
        <li>
            {how}
            <span class="muted">" · " {window} " · " {schedule}</span>
            {note.map(|n| view! { <strong class="way-note">" (" {n} ")"</strong> })}
        </li>
    }
}
