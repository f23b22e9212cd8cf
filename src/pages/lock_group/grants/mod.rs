//! The Grants tab: the group's grants, one line each (contact, validity window, time
//! restriction, state), filtered server-side (active/all, contact search, paging, all in
//! the URL); "Grant access" creates a grant on the group, "Revoke" (with a confirm)
//! revokes one. Each mutation's result is handled in its own future.

mod filter_bar;
mod grant_fields;
pub mod grant_form;
mod revoke_dialog;
mod table;

use leptos::prelude::*;

use self::filter_bar::GrantsFilterBar;
use self::grant_form::GrantForm;
use self::revoke_dialog::RevokeDialog;
use self::table::{grants_skeleton, GrantRef, GrantsTable};
use crate::api::{grants, lock_groups, use_api, ApiError, Query};
use crate::components::announcer::use_announcer;
use crate::components::bulk::{ExportButton, ExportJob};
use crate::components::empty_state::{hidden_by_filter, nothing_yet};
use crate::components::group_context::use_group;
use crate::components::loaded::Loaded;
use crate::components::pager::Pager;
use crate::components::url_state::open_from_url;
use crate::i18n::{t, t_string, use_i18n, words};
use crate::logic::batch::Outcome;
use crate::logic::grants_query::{GrantsQuery, CONTACT_LIMIT, PAGE_SIZE};
use crate::logic::group_overview::GRANT_ACCESS;
use crate::logic::list_params::Rows;
use crate::logic::routes::GroupTab;
use crate::logic::url_state::UrlState;

#[component]
pub fn GrantsTab() -> impl IntoView {
    let ctx = use_group();
    let api = use_api();
    let announcer = use_announcer();
    let i18n = use_i18n();
    let (query, go) = ctx.tab_view::<GrantsQuery>(GroupTab::Grants);

    let list = ctx.tab_rows(query, |api, owner, id, q| async move {
        let contacts = match q.contact_filter() {
            None => None,
            Some(f) => {
                let req = Query::new().filter(Some(f)).top(CONTACT_LIMIT);
                let found = grants::contacts(&api, &owner, &req).await?;
                Some(found.into_iter().map(|c| c.id).collect::<Vec<_>>())
            }
        };
        if GrantsQuery::nothing(contacts.as_deref()) {
            return Ok(Rows::none());
        }
        let req = Query::new()
            .filter(q.grant_filter(contacts.as_deref()))
            .top(PAGE_SIZE + 1)
            .skip(q.skip());
        let rows = lock_groups::grants(&api, &owner, &id, &req).await?;
        Ok::<_, ApiError>(Rows::split(rows, PAGE_SIZE))
    });
    let editable = Memo::new(move |_| {
        ctx.group
            .get()
            .and_then(Result::ok)
            .is_some_and(|g| g.active)
    });

    // Revoke, after a confirm. Its error is the action's value, read by the dialog.
    let to_revoke = RwSignal::new(None::<GrantRef>);
    let confirm_open = RwSignal::new(false);
    let revoke_api = api.clone();
    let revoke = Action::new_local(move |grant: &GrantRef| {
        let (api, owner, grant) = (revoke_api.clone(), ctx.owner.get_untracked(), grant.clone());
        async move {
            let result = grants::revoke(&api, &owner, &grant.id).await;
            if result.is_ok() {
                let title = grant.title.clone();
                announcer.say(t_string!(i18n, grants.revoked, title).to_string());
                confirm_open.set(false);
                list.refetch();
                // The tab's count in the page's header follows.
                ctx.grants.refetch();
            }
            result.map_err(|e| words::error(i18n, &e))
        }
    });
    let ask_revoke = Callback::new(move |grant: GrantRef| {
        revoke.value().set(None);
        to_revoke.set(Some(grant));
        confirm_open.set(true);
    });

    // Grant access: the form sends one request per person and reports each; the list
    // reloads when anyone was granted.
    let form_open = RwSignal::new(false);
    open_from_url(GRANT_ACCESS, form_open);
    let on_granted = Callback::new(move |out: Vec<Outcome>| {
        let granted: Vec<_> = out
            .iter()
            .filter(|o| o.ok)
            .map(|o| o.subject.as_str())
            .collect();
        announcer.say(match granted.as_slice() {
            [one] => t_string!(i18n, grants.granted_one, who = one.to_string()).to_string(),
            many => t_string!(i18n, grants.granted_many, count = many.len()).to_string(),
        });
        list.refetch();
        ctx.grants.refetch();
    });

    // "Export CSV": the grants as filtered now.
    let export_job = Callback::new(move |()| ExportJob::Grants {
        owner: ctx.owner.get_untracked(),
        group: ctx.id.get_untracked(),
        group_title: ctx.title_or_id(),
        query: query.get_untracked(),
    });

    view! {
        <GrantsFilterBar query go/>
        <div class="toolbar">
            <Show when=move || editable.get()>
                <button
                    type="button"
                    class="primary"
                    on:click=move |_| form_open.set(true)
                >
                    {t!(i18n, grants.grant_access)}
                </button>
            </Show>
            <ExportButton job=export_job/>
        </div>
        <Loaded
            resource=list
            what=move || t_string!(i18n, grants.load_failed)
            fallback=grants_skeleton
            let:page
        >
            {if page.rows.is_empty() {
                grants_empty(query, editable)
            } else {
                view! { <GrantsTable rows=page.rows owner=ctx.owner.get_untracked() ask_revoke/> }
                    .into_any()
            }}
        </Loaded>
        <Pager
            label=move || t_string!(i18n, grants.pages)
            page=Signal::derive(move || query.read().page)
            more=Signal::derive(move || list.get().and_then(Result::ok).is_some_and(|p| p.more))
            on_page=Callback::new(move |p| go.run(query.get_untracked().with(|q| q.page = p)))
        />
        <GrantForm open=form_open on_granted/>
        <RevokeDialog open=confirm_open grant=to_revoke revoke/>
    }
}

/// An empty page: "No grants yet", pointing to the toolbar's "Grant access", or the
/// search that hides the rows with "Clear filters".
fn grants_empty(query: Memo<GrantsQuery>, editable: Memo<bool>) -> AnyView {
    let ctx = use_group();
    let i18n = use_i18n();
    let q = query.get_untracked();
    match q.empty_search() {
        None => nothing_yet(
            move || t_string!(i18n, grants.empty.none),
            editable,
            move || t_string!(i18n, grants.empty.can),
            move || t_string!(i18n, grants.empty.cannot),
        ),
        Some(search) => {
            let all = q.all;
            let text = move || {
                let search = search.clone();
                if all {
                    t_string!(i18n, grants.empty.all_match, search).to_string()
                } else {
                    t_string!(i18n, grants.empty.active_match, search).to_string()
                }
            };
            let href = format!(
                "{}{}",
                GroupTab::Grants.path(&ctx.owner.get_untracked(), &ctx.id.get_untracked()),
                q.cleared().to_url_query()
            );
            hidden_by_filter(text, href, move || t_string!(i18n, grants.empty.clear))
        }
    }
}
