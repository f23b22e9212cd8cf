//! A group's memberships (join/leave lifecycle) and the sandbox-only lock sync.

use super::*;

pub(super) const MEMBERSHIP_EXPANDS: &[&str] = &["boundLock", "lockGroup"];

pub(super) async fn list_memberships(
    _: ReadGrants,
    State(app): State<AppState>,
    PathParams((owner, id)): PathParams<(String, String)>,
    q: QueryPairs,
) -> ApiResult<Response> {
    let owner = owner_id(&owner)?;
    let include_unbound = q.flag("includeUnboundLocks")?;
    list(&app, &q, q.expand(MEMBERSHIP_EXPANDS)?, move |tx, lq, expand| {
        owner_exists(tx, owner)?;
        let (gid, _) = any_group(tx, owner, &id)?;
        let mut items = run_list(
            tx,
            &format!(
                "SELECT {MEMBERSHIP_COLS} FROM memberships m JOIN bound_locks l ON l.id = m.bound_lock_id \
                 WHERE m.lock_group_id = ?{}",
                if include_unbound { "" } else { " AND l.active = 1" }
            ),
            vec![Value::Integer(gid.0)],
            "m.id",
            lq,
            MEMBERSHIP_FIELDS,
            membership_from_row,
        )?;
        for m in &mut items {
            expand_membership(tx, owner, m, expand)?;
        }
        Ok(items)
    })
    .await
}

/// Number of distinct groups the lock is (or is becoming, or is still leaving) a member of.
pub(super) fn groups_of_lock(tx: &Transaction, lock: LockId) -> ApiResult<i64> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT count(DISTINCT m.lock_group_id) FROM memberships m WHERE m.bound_lock_id = ? AND {}",
            *CURRENT_SQL
        ))?
        .query_row([lock], |r| r.get(0))?)
}

pub(super) async fn create_membership(
    _: WriteGrants,
    State(app): State<AppState>,
    PathParams((owner, id)): PathParams<(String, String)>,
    body: JsonBody<CreateMembership>,
) -> ApiResult<Json<Membership>> {
    let owner = owner_id(&owner)?;
    let lock_ref = body.value.bound_lock_id;
    let max = i64::from(app.max_groups_per_lock);
    let m = app
        .db
        .write(move |tx| {
            owner_exists(tx, owner)?;
            let (gid, _) = active_group(tx, owner, &id)?;
            let lock_ref = lock_ref
                .filter(|s| !s.trim().is_empty())
                .ok_or_else(|| ApiErr::bad_request("boundLockId is required"))?;
            let (lid, lock) = active_lock(tx, owner, &lock_ref)?;
            let already = tx
                .prepare_cached(
                    "SELECT 1 FROM memberships WHERE lock_group_id = ? AND bound_lock_id = ? AND leave_start_date IS NULL",
                )?
                .exists(params![gid, lid])?;
            if already {
                return Err(ApiErr::bad_request("lock is already member of this group"));
            }
            let supports = lock
                .lock_type_id
                .as_deref()
                .and_then(lock_type)
                .is_some_and(|t| t.groups);
            if !supports {
                return Err(ApiErr::bad_request("the lock's protocol version is too old"));
            }
            let n = groups_of_lock(tx, lid)?;
            if n >= max {
                return Err(ApiErr::bad_request(format!(
                    "this lock is already member of {n} groups and therefore cannot join another group"
                )));
            }
            let now = now();
            tx.prepare_cached(
                "INSERT INTO memberships (lock_group_id, bound_lock_id, join_start_date) VALUES (?, ?, ?)",
            )?
            .execute(params![gid, lid, now])?;
            let mid = tx.last_insert_rowid();
            bump_group(tx, gid, &now)?;
            get_membership(tx, mid)?.ok_or_else(|| ApiErr::internal("created membership vanished"))
        })
        .await?;
    Ok(Json(m))
}

pub(super) async fn delete_membership(
    _: WriteGrants,
    State(app): State<AppState>,
    PathParams((owner, id, mid)): PathParams<(String, String, String)>,
) -> ApiResult<StatusCode> {
    let owner = owner_id(&owner)?;
    app.db
        .write(move |tx| {
            owner_exists(tx, owner)?;
            let (gid, _) = any_group(tx, owner, &id)?;
            let not_found = || ApiErr::not_found("lock group membership not found");
            let mid = parse_id(&mid).ok_or_else(not_found)?;
            let now = now();
            let n = tx.execute(
                "UPDATE memberships SET leave_start_date = ? WHERE id = ? AND lock_group_id = ? AND leave_start_date IS NULL",
                params![now, mid, gid],
            )?;
            if n == 0 {
                return Err(not_found());
            }
            bump_group(tx, gid, &now)?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Answer of the sandbox-only lock sync.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncResult {
    pub sync_date: String,
    pub completed_joins: u64,
    pub completed_leaves: u64,
    pub bound_lock: BoundLock,
}

pub(super) async fn sync_lock(
    _: WriteGrants,
    State(app): State<AppState>,
    PathParams((owner, id)): PathParams<(String, String)>,
) -> ApiResult<Json<SyncResult>> {
    let owner = owner_id(&owner)?;
    let r = app
        .db
        .write(move |tx| {
            owner_exists(tx, owner)?;
            let (lid, _) = active_lock(tx, owner, &id)?;
            let now = now();
            // Groups whose configuration this sync completes a change of.
            let mut groups: Vec<i64> = tx
                .prepare_cached(
                    "SELECT DISTINCT lock_group_id FROM memberships WHERE bound_lock_id = ? AND \
                     ((leave_start_date IS NULL AND join_completed_date IS NULL) OR \
                      (leave_start_date IS NOT NULL AND leave_completed_date IS NULL))",
                )?
                .query_map([lid], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            groups.sort_unstable();
            let joins = tx.execute(
                "UPDATE memberships SET join_completed_date = ? WHERE bound_lock_id = ? \
                 AND leave_start_date IS NULL AND join_completed_date IS NULL",
                params![now, lid],
            )?;
            let leaves = tx.execute(
                "UPDATE memberships SET leave_completed_date = ? WHERE bound_lock_id = ? \
                 AND leave_start_date IS NOT NULL AND leave_completed_date IS NULL",
                params![now, lid],
            )?;
            for g in &groups {
                bump_group(tx, GroupId(*g), &now)?;
            }
            // The lock now knows the current configuration of every group it is in (or just left).
            tx.execute(
                "UPDATE memberships SET last_seen_rcl_serial_no = \
                   (SELECT rcl_serial_no FROM lock_groups WHERE id = memberships.lock_group_id), \
                   last_seen_rcl_update_date = ? \
                 WHERE bound_lock_id = ? AND (leave_completed_date IS NULL OR leave_completed_date = ?)",
                params![now, lid, now],
            )?;
            tx.execute(
                "UPDATE bound_locks SET last_seen_rcl_serial_no = rcl_serial_no, last_seen_rcl_update_date = ? WHERE id = ?",
                params![now, lid],
            )?;
            let mut lock = get_lock(tx, owner, lid.0)?.ok_or_else(ApiErr::lock_not_found)?;
            expand_lock(tx, &mut lock, &["membershipStatistics"])?;
            Ok(SyncResult {
                sync_date: now,
                completed_joins: joins as u64,
                completed_leaves: leaves as u64,
                bound_lock: lock,
            })
        })
        .await?;
    Ok(Json(r))
}
