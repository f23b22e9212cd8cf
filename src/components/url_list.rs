//! A list whose view (search, sort, page, size) lives in the URL: the loader of the lock
//! groups and of the locks. It reads the view from the URL and loads its rows as soon as
//! the route matches (in the main module, while the page's code downloads, see
//! `pages::routes`); the page moves to another view with `go` and says it is busy while
//! the rows on screen answer an older view (`Transition` keeps them meanwhile).

use std::future::Future;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{use_api, ApiClient, ApiError};
use crate::components::pager::{PageSize, Pager};
use crate::components::search_box::use_search_box;
use crate::components::url_state::use_url_state;
use crate::i18n::{t, t_string, use_i18n};
use crate::logic::url_state::{ListView, UrlState};

/// Rows that carry the view they were asked for, so the page knows when what it shows is
/// not yet what the URL asks for.
pub trait Answer<V> {
    fn view(&self) -> &V;
}

pub struct UrlList<V: Send + Sync + 'static, R: 'static> {
    pub owner: Memo<String>,
    /// The view the URL asks for.
    pub params: Memo<V>,
    /// Moves to another view: `(next, true)` replaces the history entry (typing), `(next,
    /// false)` pushes one (paging, sorting), so the back button walks back through them.
    pub go: Callback<(V, bool)>,
    pub rows: LocalResource<Result<R, ApiError>>,
}

// By hand: derived, they would ask `V` and `R` to be `Copy` too.
impl<V: Send + Sync + 'static, R: 'static> Clone for UrlList<V, R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<V: Send + Sync + 'static, R: 'static> Copy for UrlList<V, R> {}

impl<V, R> UrlList<V, R>
where
    V: UrlState + Clone + PartialEq + Send + Sync + 'static,
    R: Answer<V> + 'static,
{
    /// The list at `path(owner)`, its rows read by `fetch` for each view.
    pub fn new<F, Fut>(path: fn(&str) -> String, fetch: F) -> Self
    where
        F: Fn(ApiClient, String, V) -> Fut + 'static,
        Fut: Future<Output = Result<R, ApiError>> + 'static,
    {
        let api = use_api();
        let params_map = use_params_map();
        let owner = Memo::new(move |_| params_map.read().get("owner").unwrap_or_default());
        let (params, go) = use_url_state::<V>(move || path(&owner.get_untracked()));
        let rows = LocalResource::new(move || fetch(api.clone(), owner.get(), params.get()));
        UrlList {
            owner,
            params,
            go,
            rows,
        }
    }

    /// True while a view loads, first load included (the old rows stay on screen).
    pub fn busy(self) -> Memo<bool> {
        let (params, rows) = (self.params, self.rows);
        Memo::new(move |_| {
            let wanted = params.get();
            rows.with(|r| match r {
                Some(Ok(r)) => *r.view() != wanted,
                _ => true,
            })
        })
    }
}

/// "Search by title" over a list, with the line saying when a view loads. Typing replaces
/// the history entry (the search box is one step of history).
#[component]
pub fn ListSearch<V, R>(
    /// The input's id.
    id: &'static str,
    /// The input's label (the people list searches names and e-mails); by default
    /// "Search by title" in the language shown.
    #[prop(optional, into)]
    label: Option<TextProp>,
    list: UrlList<V, R>,
    busy: Memo<bool>,
) -> impl IntoView
where
    V: ListView,
    R: Answer<V> + 'static,
{
    let UrlList { params, go, .. } = list;
    let i18n = use_i18n();
    let label = move || {
        label
            .as_ref()
            .map_or_else(|| t_string!(i18n, list.search).into(), TextProp::get)
    };
    let (value, on_input) = use_search_box(
        move || params.read().search(),
        move |text| go.run((params.get_untracked().with_search(text), true)),
    );
    view! {
        <div class="toolbar" role="search">
            <label for=id>{label}</label>
            <input id=id type="search" autocomplete="off" prop:value=value on:input=on_input/>
            <span class="busy" role="status">
                {move || busy.get().then_some(t!(i18n, list.loading))}
            </span>
        </div>
    }
}

/// The pager under a URL list: the pages and "Rows per page" move the URL's view.
#[component]
pub fn ListPager<V: ListView>(
    /// The view the URL asks for now, what paging starts from.
    params: Memo<V>,
    go: Callback<(V, bool)>,
    /// The page shown, its size, and whether a next page exists.
    page: u64,
    size: u64,
    more: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Pager
            label=move || t_string!(i18n, pager.pages)
            page=Signal::derive(move || page)
            more=Signal::derive(move || more)
            on_page=Callback::new(move |n| go.run((params.get_untracked().with_page(n), false)))
            page_size=PageSize {
                size,
                on_size: Callback::new(move |s| go.run((params.get_untracked().with_size(s), false))),
            }
        />
    }
}
