//! Every page of a list: the API has no count and no next link, so a list is read with
//! `$top`/`$skip` until a page comes back shorter than asked. The one reader of whole
//! lists (exports, imports, "Add locks", the worklist, the history, a lock's scan).

use super::{ApiError, Query};
use crate::logic::limits::ReadAll;

/// A whole list, or as much of it as was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllPages<T> {
    pub rows: Vec<T>,
    /// More rows exist than the limit's requests read: the list is cut.
    pub cut: bool,
    /// The per-page callback stopped the reading before the end.
    pub stopped: bool,
    /// Requests made.
    pub requests: u64,
}

/// Loads every page of a list as `limit` says; `load` gets the query of each page (`$top`,
/// `$skip`) to complete with its own options. `each` sees every page as it arrives (for
/// progress) and returns whether to go on: `false` stops before the next request.
pub async fn all_pages<T>(
    limit: ReadAll,
    load: impl AsyncFn(Query) -> Result<Vec<T>, ApiError>,
    mut each: impl FnMut(&[T]) -> bool,
) -> Result<AllPages<T>, ApiError> {
    let mut all = AllPages {
        rows: Vec::new(),
        cut: false,
        stopped: false,
        requests: 0,
    };
    loop {
        if all.requests == limit.max_requests {
            all.cut = true;
            return Ok(all);
        }
        let skip = all.requests * limit.page;
        let got = load(Query::new().top(limit.page).skip(skip)).await?;
        all.requests += 1;
        let last = (got.len() as u64) < limit.page;
        all.stopped = !each(&got);
        all.rows.extend(got);
        if last || all.stopped {
            return Ok(all);
        }
    }
}

/// The `each` of [`all_pages`] for a reader that wants the whole list.
pub fn every_page<T>(_: &[T]) -> bool {
    true
}
