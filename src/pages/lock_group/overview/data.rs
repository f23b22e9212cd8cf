//! What the Overview reads of the group's grants, shared by its parts.

use wire::Grant;

use crate::api::{lock_groups, ApiClient, ApiError, Query};
use crate::components::timestamp::now_ms;
use crate::logic::group_overview::{
    ending_filter, ending_soon, people, Ending, People, COUNT_LIMIT, ENDING_DAYS,
};

/// What the Overview reads of the group's active grants.
#[derive(Clone)]
pub struct GrantFacts {
    pub people: People,
    pub ending: Vec<Ending>,
}

/// The active grants: the people, and those ending within [`ENDING_DAYS`].
pub async fn grant_facts(
    api: ApiClient,
    owner: String,
    id: String,
) -> Result<GrantFacts, ApiError> {
    let now = now_ms();
    let query = Query::new()
        .filter(Some("active eq true".into()))
        .top(COUNT_LIMIT + 1);
    let rows: Vec<Grant> = lock_groups::grants(&api, &owner, &id, &query).await?;
    let people = people(&rows, now, COUNT_LIMIT);
    let ending = if people.complete {
        ending_soon(&rows, now, ENDING_DAYS)
    } else {
        // More grants than one answer: ask for those that end soon on their own.
        let query = Query::new()
            .filter(Some(ending_filter(now, ENDING_DAYS)))
            .top(COUNT_LIMIT);
        ending_soon(
            &lock_groups::grants(&api, &owner, &id, &query).await?,
            now,
            ENDING_DAYS,
        )
    };
    Ok(GrantFacts { people, ending })
}
