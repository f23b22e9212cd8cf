//! `/owners/:owner/people`: the owner's contacts, searched by name or e-mail, sorted by
//! name or e-mail, paged, all in the URL (see `logic::people_list`). One contacts request
//! per view; then one grants request (every page of it) for the counts of the page's
//! people, shown when it arrives.

mod table;

use leptos::prelude::*;
use wire::Contact;

use crate::api::grants;
use crate::components::loaded::Loaded;
use crate::components::url_list::{Answer, ListSearch, UrlList};
use crate::i18n::{t, t_string, use_i18n};
use crate::logic::list_params::Rows;
use crate::logic::people_list::PeopleParams;
use crate::logic::routes;

use table::PeopleTable;

/// A loaded page of the list, with the view it answers.
#[derive(Clone)]
pub struct PeopleRows {
    params: PeopleParams,
    rows: Vec<Contact>,
    more: bool,
}

impl Answer<PeopleParams> for PeopleRows {
    fn view(&self) -> &PeopleParams {
        &self.params
    }
}

/// The list's loader: the URL's view and its one request.
pub type PeopleData = UrlList<PeopleParams, PeopleRows>;

impl PeopleData {
    pub fn load() -> Self {
        UrlList::new(
            routes::people,
            |api, owner, params: PeopleParams| async move {
                let Rows { rows, more } = Rows::split(
                    grants::contacts(&api, &owner, &params.api_query()).await?,
                    params.size,
                );
                Ok(PeopleRows { params, rows, more })
            },
        )
    }
}

#[component]
pub fn PeoplePage(data: PeopleData) -> impl IntoView {
    let busy = data.busy();
    let i18n = use_i18n();
    let UrlList {
        owner,
        params,
        go,
        rows: people,
    } = data;
    view! {
        <div class="page-head">
            <h1>{t!(i18n, people.heading)}</h1>
        </div>
        <ListSearch id="people-search" label=move || t_string!(i18n, people.search) list=data busy/>
        <Loaded
            resource=people
            what=move || t_string!(i18n, people.load_failed)
            fallback=move || view! { <p role="status">{t!(i18n, people.loading)}</p> }
            let:shown
        >
            <PeopleTable shown params owner busy go/>
        </Loaded>
    }
}
