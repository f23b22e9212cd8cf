//! "Add locks": a picker over the owner's locks (searchable, paged, several at once, all
//! matching at once), with a tray of the picks. The picker's content is mounted on each
//! opening, so every opening starts fresh (no search, page 1, nothing picked) without an
//! Effect resetting it. The tab runs the adding (`add`), so it completes even when the
//! dialog is closed meanwhile.
//!
//! Order and paging: the API sorts titles as plain strings ("Lock 10" before "Lock 2"), so
//! a server page sorted client-side would still be wrong across pages (page 1 would hold
//! Lock 1, 10, 100, ...). The picker therefore loads *every* lock matching the search
//! (the server filters, in pages and up to the cap of [`ADD_LOCKS`]), sorts
//! them naturally and pages on the client. For an owner with 1,000 locks that is four
//! requests of 250 small rows per search, and in return the order is right on
//! every page, paging is instant, and "Select all N matching" needs no further request.
//! Past the bound (over 5,000 matching locks) the picker says so and asks to narrow the
//! search.

use leptos::{html, prelude::*};
use wire::BoundLock;

use super::pick_table::PickTable;
use super::pick_tray::Tray;
use super::selection::LockRef;
use crate::api::paging::{all_pages, every_page};
use crate::api::{locks, memberships, use_api, ApiClient, ApiError, Query};
use crate::components::group_context::use_group;
use crate::components::loaded::Loaded;
use crate::components::modal::Modal;
use crate::components::page_code::{self, split_point, CodeMissing};
use crate::components::pager::Pager;
use crate::components::search_box::use_search_box;
use crate::i18n::{t, t_string, use_i18n, words};
use crate::logic::limits::ADD_LOCKS;
use crate::logic::natural_sort::natural_cmp;
use crate::logic::odata::{contains, Direction};

/// Locks per picker page.
const PICK_PAGE: usize = 10;

/// Every lock matching one search, in natural order.
#[derive(Clone, Default)]
struct Found {
    locks: Vec<BoundLock>,
    /// IDs of the group's locks that already are (or are becoming) members.
    members: Vec<String>,
    /// More locks match than the bound loads: the list is cut.
    cut: bool,
    /// The search these locks match (trimmed).
    text: String,
}

impl Found {
    /// The matching locks that can still be picked.
    fn pickable(&self) -> impl Iterator<Item = &BoundLock> {
        self.locks.iter().filter(|l| !self.members.contains(&l.id))
    }
}

async fn find(api: ApiClient, owner: String, gid: String, text: String) -> Result<Found, ApiError> {
    let text = text.trim().to_string();
    let all = all_pages(
        ADD_LOCKS,
        async |q: Query| {
            let q = q
                .filter((!text.is_empty()).then(|| contains("title", &text)))
                .order_by("title", Direction::Asc)
                .expand("membershipStatistics");
            locks::list(&api, &owner, &q).await
        },
        every_page,
    )
    .await?;
    let (mut found, cut) = (all.rows, all.cut);
    found.sort_by(|a, b| natural_cmp(&a.title, &b.title));
    let members = all_pages(
        ADD_LOCKS,
        async |q: Query| {
            let q = q.filter(Some("leaveStartDate eq null".to_string()));
            memberships::list(&api, &owner, &gid, &q).await
        },
        every_page,
    )
    .await?;
    Ok(Found {
        locks: found,
        members: members.rows.into_iter().map(|m| m.bound_lock_id).collect(),
        cut,
        text,
    })
}

/// The picker dialog. `add` adds the picked locks (and closes the dialog when done). Its
/// code loads when it first opens (see [`page_code::on_first_open`]).
#[component]
pub fn AddLocks(open: RwSignal<bool>, add: Action<Vec<LockRef>, ()>) -> impl IntoView {
    page_code::on_first_open(open, preload_lock_picker, move || lock_picker(open, add))
}

split_point! {
    lock_picker, preload_lock_picker,
    fn lock_picker(
        open: RwSignal<bool>,
        add: Action<Vec<LockRef>, ()>,
    ) -> Result<AnyView, CodeMissing> {
        Ok(view! { <PickerDialog open add/> }.into_any())
    }
}

/// Loads the picker's code.
pub async fn preload() {
    let _ = preload_lock_picker().await;
}

#[component]
fn PickerDialog(open: RwSignal<bool>, add: Action<Vec<LockRef>, ()>) -> impl IntoView {
    // Opens on the search: typing right away searches.
    let i18n = use_i18n();
    view! {
        <Modal open labelledby="add-locks-title" describedby="add-locks-desc">
            <h2 id="add-locks-title">{t!(i18n, members.add.heading)}</h2>
            <p id="add-locks-desc">{t!(i18n, members.add.text)}</p>
            {move || open.get().then(|| view! { <Picker open add/> })}
        </Modal>
    }
}

/// One opening of the picker: its search, page and picks live as long as it does.
#[component]
fn Picker(open: RwSignal<bool>, add: Action<Vec<LockRef>, ()>) -> impl IntoView {
    let ctx = use_group();
    let api = use_api();
    let i18n = use_i18n();
    let search = RwSignal::new(String::new());
    let page = RwSignal::new(1u64);
    let picked = RwSignal::new(Vec::<LockRef>::new());
    let adding = add.pending();
    let search_box = NodeRef::<html::Input>::new();
    // Type to search, as in the list and the Members tab: sent after a pause in typing.
    let (search_value, on_search) = use_search_box(
        move || search.get(),
        move |text| {
            search.set(text);
            page.set(1);
        },
    );

    let found =
        LocalResource::new(move || find(api.clone(), ctx.owner.get(), ctx.id.get(), search.get()));
    let more = Signal::derive(move || {
        let shown = page.get() as usize * PICK_PAGE;
        found.with(|r| matches!(r, Some(Ok(f)) if f.locks.len() > shown))
    });

    view! {
        <div class="field">
            <label for="lock-search">{t!(i18n, members.add.search)}</label>
            <input
                id="lock-search"
                type="search"
                node_ref=search_box
                autocomplete="off"
                prop:value=search_value
                on:input=on_search
            />
        </div>
        <Loaded
            resource=found
            what=move || t_string!(i18n, members.add.load_failed)
            fallback=move || view! { <p role="status">{t!(i18n, members.add.loading)}</p> }
            let:f
        >
            <SelectAll found=f.clone() picked typed=search_value/>
            <PickPage found=f page picked/>
        </Loaded>
        <Pager
            label=move || t_string!(i18n, members.add.pages)
            page=page.into()
            more
            on_page=Callback::new(move |n| page.set(n))
        />
        <Tray picked search_box/>
        <div class="dialog-actions">
            <button type="button" on:click=move |_| open.set(false)>{t!(i18n, dialog.cancel)}</button>
            <button
                type="button"
                class="primary"
                disabled=move || picked.read().is_empty() || adding.get()
                on:click=move |_| {
                    add.dispatch(picked.get_untracked());
                }
            >
                {move || match (adding.get(), picked.read().len()) {
                    (true, _) => t_string!(i18n, members.add.adding).to_string(),
                    (_, n) if words::is_one(i18n, n as u64) => {
                        t_string!(i18n, members.add.add.one, count = n).to_string()
                    }
                    (_, n) => t_string!(i18n, members.add.add.other, count = n).to_string(),
                }}
            </button>
        </div>
    }
}

/// The current page of the matching locks.
#[component]
fn PickPage(found: Found, page: RwSignal<u64>, picked: RwSignal<Vec<LockRef>>) -> impl IntoView {
    if found.locks.is_empty() {
        let i18n = use_i18n();
        return view! { <p>{t!(i18n, members.add.no_match)}</p> }.into_any();
    }
    (move || {
        let start = (page.get().max(1) as usize - 1) * PICK_PAGE;
        let locks = found
            .locks
            .iter()
            .skip(start)
            .take(PICK_PAGE)
            .cloned()
            .collect();
        view! { <PickTable locks members=found.members.clone() picked/> }
    })
    .into_any()
}

/// "Select all N matching": picks every lock matching the search that is not already in
/// the group, on every page (all of them are loaded, see the module's note). Disabled
/// while the box holds other text than the list was found for (typing not yet sent, or
/// its answer not yet in), so it never acts on a count from before the search settled.
#[component]
fn SelectAll(found: Found, picked: RwSignal<Vec<LockRef>>, typed: Signal<String>) -> impl IntoView {
    let all: Vec<LockRef> = found
        .pickable()
        .map(|l| LockRef {
            id: l.id.clone(),
            title: l.title.clone(),
        })
        .collect();
    let n = all.len();
    let i18n = use_i18n();
    let label = move || match n {
        1 => t_string!(i18n, members.add.select_one).to_string(),
        n => t_string!(
            i18n,
            members.add.select_all,
            count = words::number(i18n, n as u64)
        )
        .to_string(),
    };
    let matching = found.locks.len() as u64;
    let matches = move || {
        let count = words::number(i18n, matching);
        if words::is_one(i18n, matching) {
            t_string!(i18n, members.add.matches.one, count).to_string()
        } else {
            t_string!(i18n, members.add.matches.other, count).to_string()
        }
    };
    let ids: Vec<String> = all.iter().map(|l| l.id.clone()).collect();
    let text = found.text.clone();
    let unusable = move || {
        let p = picked.read();
        typed.read().trim() != text || ids.iter().all(|id| p.iter().any(|l| &l.id == id))
    };
    view! {
        <div class="select-all">
            <span>
                {matches}
                {found.cut.then(|| view! { {t!(i18n, members.add.cut)} })}
                "."
            </span>
            {(n > 0).then(|| view! {
                <button
                    type="button"
                    disabled=unusable
                    on:click=move |_| {
                        picked.update(|p| {
                            for l in &all {
                                if !p.iter().any(|x| x.id == l.id) {
                                    p.push(l.clone());
                                }
                            }
                        });
                    }
                >
                    {label}
                </button>
            })}
        </div>
    }
}
