//! Every page of a list: the API has no count and no next link, so a list is read with
//! `$top`/`$skip` until a page comes back shorter than asked.

use super::{ApiError, Query};

/// A whole list, read `page` rows at a time, at most `max_loads` requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllPages<T> {
    pub rows: Vec<T>,
    /// More rows exist than `max_loads` requests read: the list is cut.
    pub cut: bool,
    /// Requests made.
    pub requests: u64,
}

/// Loads every page of a list; `load` gets the query of each page (`$top`, `$skip`) to
/// complete with its own options.
pub async fn all_pages<T, F>(page: u64, max_loads: u64, load: F) -> Result<AllPages<T>, ApiError>
where
    F: AsyncFn(Query) -> Result<Vec<T>, ApiError>,
{
    let mut rows = Vec::new();
    for n in 0..max_loads {
        let got = load(Query::new().top(page).skip(n * page)).await?;
        let last = (got.len() as u64) < page;
        rows.extend(got);
        if last {
            return Ok(AllPages {
                rows,
                cut: false,
                requests: n + 1,
            });
        }
    }
    Ok(AllPages {
        rows,
        cut: true,
        requests: max_loads,
    })
}
