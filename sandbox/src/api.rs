//! The `/api/v1` routes (and the sandbox-only `/sandbox/...` lock sync).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;
use wire::{
    BindLock, BoundLock, Contact, CreateContact, CreateGrant, CreateLockGroup, CreateMembership,
    CreateOwner, Grant, LockGroup, Membership, Owner, PatchLockGroup,
};

use crate::auth::{ReadCore, ReadGrants, ReadOwners, WriteCore, WriteGrants};
use crate::error::{ApiErr, ApiResult, JsonBody, PathParams, QueryPairs};
use crate::model::*;
use crate::odata::{self, Field, FieldType};
use crate::timefmt;
use crate::AppState;

/// Longest title accepted (groups, locks, contacts, owners).
pub const MAX_TITLE: usize = 256;
/// Longest description accepted.
pub const MAX_DESCRIPTION: usize = 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/Owners", get(list_owners).put(create_owner))
        .route("/api/v1/Owners/{owner}", get(get_owner))
        .route(
            "/api/v1/Owners/{owner}/LockGroups",
            get(list_groups).put(create_group),
        )
        .route(
            "/api/v1/Owners/{owner}/LockGroups/{id}",
            get(get_group_h).patch(patch_group).delete(delete_group),
        )
        .route(
            "/api/v1/Owners/{owner}/LockGroups/{id}/Grants",
            get(list_group_grants),
        )
        .route(
            "/api/v1/Owners/{owner}/LockGroups/{id}/Memberships",
            get(list_memberships).put(create_membership),
        )
        .route(
            "/api/v1/Owners/{owner}/LockGroups/{id}/Memberships/{mid}",
            axum::routing::delete(delete_membership),
        )
        .route(
            "/api/v1/Owners/{owner}/BoundLocks",
            get(list_locks).put(bind_lock),
        )
        .route("/api/v1/Owners/{owner}/BoundLocks/{id}", get(get_lock_h))
        .route(
            "/api/v1/Owners/{owner}/Contacts",
            get(list_contacts).put(create_contact),
        )
        .route(
            "/api/v1/Owners/{owner}/Grants",
            get(list_grants).put(create_grant),
        )
        .route("/api/v1/Owners/{owner}/Grants/{id}", get(get_grant_h))
        .route(
            "/api/v1/Owners/{owner}/Grants/{id}/Revoke",
            post(revoke_grant),
        )
        .route(
            "/sandbox/Owners/{owner}/BoundLocks/{id}/Sync",
            post(sync_lock),
        )
}

// ---------------------------------------------------------------- helpers

fn owner_id(s: &str) -> ApiResult<i64> {
    parse_id(s).ok_or_else(ApiErr::owner_not_found)
}

/// A required title: present, not blank, at most [`MAX_TITLE`] characters.
fn check_title(title: Option<&str>, missing: &str) -> ApiResult<String> {
    let t = title.unwrap_or("");
    if t.trim().is_empty() {
        return Err(ApiErr::bad_request(missing));
    }
    check_len("title", t, MAX_TITLE)?;
    Ok(t.to_string())
}

fn check_len(name: &str, value: &str, max: usize) -> ApiResult<()> {
    let n = value.chars().count();
    if n > max {
        return Err(ApiErr::bad_request(format!(
            "{name} is too long: {n} characters, at most {max} are allowed"
        )));
    }
    Ok(())
}

fn check_description(d: Option<&str>) -> ApiResult<()> {
    match d {
        Some(d) => check_len("description", d, MAX_DESCRIPTION),
        None => Ok(()),
    }
}

fn now() -> String {
    timefmt::now()
}

/// New row in the shared lock/group ID space.
fn new_target(tx: &Transaction, kind: &str) -> ApiResult<i64> {
    tx.prepare_cached("INSERT INTO targets (kind) VALUES (?)")?
        .execute([kind])?;
    Ok(tx.last_insert_rowid())
}

/// A change of the group's membership configuration: the serial grows.
pub fn bump_group(tx: &Transaction, group: i64, when: &str) -> ApiResult<()> {
    tx.prepare_cached(
        "UPDATE lock_groups SET rcl_serial_no = coalesce(rcl_serial_no, 0) + 1, rcl_date = ? WHERE id = ?",
    )?
    .execute(params![when, group])?;
    Ok(())
}

fn active_group(tx: &Transaction, owner: i64, id: &str) -> ApiResult<LockGroup> {
    let id = parse_id(id).ok_or_else(ApiErr::group_not_found)?;
    match get_group(tx, owner, id)? {
        Some(g) if g.active => Ok(g),
        _ => Err(ApiErr::group_not_found()),
    }
}

fn any_group(tx: &Transaction, owner: i64, id: &str) -> ApiResult<LockGroup> {
    let id = parse_id(id).ok_or_else(ApiErr::group_not_found)?;
    get_group(tx, owner, id)?.ok_or_else(ApiErr::group_not_found)
}

fn parse_list(q: &QueryPairs) -> ApiResult<odata::ListQuery> {
    Ok(odata::parse_query(&q.0)?)
}

// ---------------------------------------------------------------- owners

const OWNER_FIELDS: &[Field] = &[
    Field {
        name: "id",
        sql: "o.id",
        ty: FieldType::Text,
    },
    Field {
        name: "name",
        sql: "o.name",
        ty: FieldType::Text,
    },
    Field {
        name: "active",
        sql: "o.active",
        ty: FieldType::Boolean,
    },
];

fn owner_from_row(r: &rusqlite::Row) -> rusqlite::Result<Owner> {
    Ok(Owner {
        id: r.get::<_, i64>(0)?.to_string(),
        name: r.get(1)?,
        active: r.get(2)?,
    })
}

async fn list_owners(
    _: ReadOwners,
    State(app): State<AppState>,
    q: QueryPairs,
) -> ApiResult<Response> {
    let lq = parse_list(&q)?;
    let select = lq.select.clone();
    let items = app
        .db
        .read(move |tx| {
            run_list(
                tx,
                "SELECT o.id, o.name, o.active FROM owners o WHERE o.active = 1",
                vec![],
                "o.id",
                &lq,
                OWNER_FIELDS,
                owner_from_row,
            )
        })
        .await?;
    Ok(list_response(items, select.as_ref(), &[]))
}

async fn get_owner(
    _: ReadOwners,
    State(app): State<AppState>,
    PathParams(owner): PathParams<String>,
) -> ApiResult<Json<Owner>> {
    let id = owner_id(&owner)?;
    let o = app
        .db
        .read(move |tx| {
            tx.prepare_cached("SELECT id, name, active FROM owners WHERE id = ?")?
                .query_row([id], owner_from_row)
                .optional()?
                .ok_or_else(ApiErr::owner_not_found)
        })
        .await?;
    Ok(Json(o))
}

async fn create_owner(
    _: WriteCore,
    State(app): State<AppState>,
    body: JsonBody<CreateOwner>,
) -> ApiResult<Json<Owner>> {
    let name = body.value.name.as_deref().unwrap_or("");
    if name.trim().is_empty() {
        return Err(ApiErr::bad_request("owner account must have a name"));
    }
    check_len("name", name, MAX_TITLE)?;
    let name = name.to_string();
    let o = app
        .db
        .write(move |tx| {
            tx.execute("INSERT INTO owners (name, active) VALUES (?, 1)", [&name])?;
            Ok(Owner {
                id: tx.last_insert_rowid().to_string(),
                name,
                active: true,
            })
        })
        .await?;
    Ok(Json(o))
}

// ---------------------------------------------------------------- lock groups

const GROUP_EXPANDS: &[&str] = &["supportedFeatures", "statistics"];

async fn list_groups(
    _: ReadCore,
    State(app): State<AppState>,
    PathParams(owner): PathParams<String>,
    q: QueryPairs,
) -> ApiResult<Response> {
    let owner = owner_id(&owner)?;
    let expand = q.expand(GROUP_EXPANDS)?;
    let lq = parse_list(&q)?;
    let select = lq.select.clone();
    let keep = expand.clone();
    let items = app
        .db
        .read(move |tx| {
            owner_exists(tx, owner)?;
            let mut items = run_list(
                tx,
                &format!(
                    "SELECT {GROUP_COLS} FROM lock_groups g WHERE g.owner_id = ? AND g.active = 1"
                ),
                vec![Value::Integer(owner)],
                "g.id",
                &lq,
                GROUP_FIELDS,
                group_from_row,
            )?;
            for g in &mut items {
                expand_group(tx, g, &expand)?;
            }
            Ok(items)
        })
        .await?;
    Ok(list_response(items, select.as_ref(), &keep))
}

async fn get_group_h(
    _: ReadCore,
    State(app): State<AppState>,
    PathParams((owner, id)): PathParams<(String, String)>,
    q: QueryPairs,
) -> ApiResult<Json<LockGroup>> {
    let owner = owner_id(&owner)?;
    let expand = q.expand(GROUP_EXPANDS)?;
    let g = app
        .db
        .read(move |tx| {
            owner_exists(tx, owner)?;
            let mut g = any_group(tx, owner, &id)?;
            expand_group(tx, &mut g, &expand)?;
            Ok(g)
        })
        .await?;
    Ok(Json(g))
}

async fn create_group(
    _: WriteCore,
    State(app): State<AppState>,
    PathParams(owner): PathParams<String>,
    body: JsonBody<CreateLockGroup>,
) -> ApiResult<Json<LockGroup>> {
    let owner = owner_id(&owner)?;
    let title = check_title(body.value.title.as_deref(), "lock group must have a title")?;
    let description = body.value.description;
    check_description(description.as_deref())?;
    let g = app
        .db
        .write(move |tx| {
            owner_exists(tx, owner)?;
            let id = new_target(tx, "Group")?;
            tx.prepare_cached(
                "INSERT INTO lock_groups (id, owner_id, active, rcl_serial_no, rcl_date, physical_lock_id, title, description) \
                 VALUES (?, ?, 1, 1, NULL, ?, ?, ?)",
            )?
            .execute(params![id, owner, crate::random_physical_id(), title, description])?;
            get_group(tx, owner, id)?.ok_or_else(|| ApiErr::internal("created group vanished"))
        })
        .await?;
    Ok(Json(g))
}

async fn patch_group(
    _: WriteCore,
    State(app): State<AppState>,
    PathParams((owner, id)): PathParams<(String, String)>,
    body: JsonBody<PatchLockGroup>,
) -> ApiResult<Json<LockGroup>> {
    let owner = owner_id(&owner)?;
    let obj = body.raw.as_object().cloned().unwrap_or_default();
    if let Some(k) = obj.keys().find(|k| *k != "title" && *k != "description") {
        return Err(ApiErr::bad_request(format!(
            "property '{k}' cannot be patched; only title and description can"
        )));
    }
    let title = match obj.get("title") {
        None => None,
        Some(_) => Some(check_title(
            body.value.title.as_deref(),
            "lock group must have a title",
        )?),
    };
    // `"description": null` clears it; absent leaves it.
    let description = obj
        .get("description")
        .map(|_| body.value.description.clone());
    if let Some(d) = &description {
        check_description(d.as_deref())?;
    }
    let g = app
        .db
        .write(move |tx| {
            owner_exists(tx, owner)?;
            let g = active_group(tx, owner, &id)?;
            let gid: i64 = g.id.parse().unwrap_or(-1);
            if let Some(t) = title {
                tx.execute(
                    "UPDATE lock_groups SET title = ? WHERE id = ?",
                    params![t, gid],
                )?;
            }
            if let Some(d) = description {
                tx.execute(
                    "UPDATE lock_groups SET description = ? WHERE id = ?",
                    params![d, gid],
                )?;
            }
            get_group(tx, owner, gid)?.ok_or_else(ApiErr::group_not_found)
        })
        .await?;
    Ok(Json(g))
}

async fn delete_group(
    _: WriteCore,
    State(app): State<AppState>,
    PathParams((owner, id)): PathParams<(String, String)>,
    q: QueryPairs,
) -> ApiResult<StatusCode> {
    let owner = owner_id(&owner)?;
    let force_revoke = q.flag("forceRevokeGrants")?;
    let force_unjoin = q.flag("forceUnjoinLocks")?;
    app.db
        .write(move |tx| {
            owner_exists(tx, owner)?;
            let g = active_group(tx, owner, &id)?;
            let gid: i64 = g.id.parse().unwrap_or(-1);
            let assigned: i64 = tx.query_row(
                "SELECT count(*) FROM memberships m JOIN bound_locks l ON l.id = m.bound_lock_id \
                 WHERE m.lock_group_id = ? AND m.leave_completed_date IS NULL AND l.active = 1",
                [gid],
                |r| r.get(0),
            )?;
            if assigned > 0 && !force_unjoin {
                return Err(ApiErr::bad_request("lock group has locks assigned"));
            }
            let grants: i64 = tx.query_row(
                "SELECT count(*) FROM grants WHERE target_id = ? AND active = 1",
                [gid],
                |r| r.get(0),
            )?;
            if grants > 0 && !force_revoke {
                return Err(ApiErr::bad_request("lock group has active grants"));
            }
            let now = now();
            if force_unjoin {
                let n = tx.execute(
                    "UPDATE memberships SET leave_start_date = ? WHERE lock_group_id = ? AND leave_start_date IS NULL",
                    params![now, gid],
                )?;
                if n > 0 {
                    bump_group(tx, gid, &now)?;
                }
            }
            if force_revoke {
                tx.execute(
                    "UPDATE grants SET state = 'Revoked', active = 0, revoke_date = ? WHERE target_id = ? AND active = 1",
                    params![now, gid],
                )?;
            }
            tx.execute(
                "UPDATE lock_groups SET active = 0, delete_date = ? WHERE id = ?",
                params![now, gid],
            )?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn list_group_grants(
    _: ReadGrants,
    State(app): State<AppState>,
    PathParams((owner, id)): PathParams<(String, String)>,
    q: QueryPairs,
) -> ApiResult<Response> {
    let owner = owner_id(&owner)?;
    let lq = parse_list(&q)?;
    let select = lq.select.clone();
    let items = app
        .db
        .read(move |tx| {
            owner_exists(tx, owner)?;
            let g = any_group(tx, owner, &id)?;
            let gid: i64 = g.id.parse().unwrap_or(-1);
            run_list(
                tx,
                &format!(
                    "SELECT {} FROM {GRANT_FROM} WHERE gr.owner_id = ? AND gr.target_id = ?",
                    grant_cols()
                ),
                vec![Value::Integer(owner), Value::Integer(gid)],
                "gr.id",
                &lq,
                GRANT_FIELDS,
                grant_from_row,
            )
        })
        .await?;
    Ok(list_response(items, select.as_ref(), &[]))
}

// ---------------------------------------------------------------- memberships

const MEMBERSHIP_EXPANDS: &[&str] = &["boundLock", "lockGroup"];

async fn list_memberships(
    _: ReadGrants,
    State(app): State<AppState>,
    PathParams((owner, id)): PathParams<(String, String)>,
    q: QueryPairs,
) -> ApiResult<Response> {
    let owner = owner_id(&owner)?;
    let expand = q.expand(MEMBERSHIP_EXPANDS)?;
    let include_unbound = q.flag("includeUnboundLocks")?;
    let lq = parse_list(&q)?;
    let select = lq.select.clone();
    let keep = expand.clone();
    let items = app
        .db
        .read(move |tx| {
            owner_exists(tx, owner)?;
            let g = any_group(tx, owner, &id)?;
            let gid: i64 = g.id.parse().unwrap_or(-1);
            let mut items = run_list(
                tx,
                &format!(
                    "SELECT {MEMBERSHIP_COLS} FROM memberships m JOIN bound_locks l ON l.id = m.bound_lock_id \
                     WHERE m.lock_group_id = ?{}",
                    if include_unbound { "" } else { " AND l.active = 1" }
                ),
                vec![Value::Integer(gid)],
                "m.id",
                &lq,
                MEMBERSHIP_FIELDS,
                membership_from_row,
            )?;
            for m in &mut items {
                expand_membership(tx, owner, m, &expand)?;
            }
            Ok(items)
        })
        .await?;
    Ok(list_response(items, select.as_ref(), &keep))
}

/// Number of distinct groups the lock is (or is becoming, or is still leaving) a member of.
fn groups_of_lock(tx: &Transaction, lock: i64) -> ApiResult<i64> {
    Ok(tx
        .prepare_cached(
            "SELECT count(DISTINCT lock_group_id) FROM memberships WHERE bound_lock_id = ? AND leave_completed_date IS NULL",
        )?
        .query_row([lock], |r| r.get(0))?)
}

async fn create_membership(
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
            let g = active_group(tx, owner, &id)?;
            let gid: i64 = g.id.parse().unwrap_or(-1);
            let lock_ref = lock_ref
                .filter(|s| !s.trim().is_empty())
                .ok_or_else(|| ApiErr::bad_request("boundLockId is required"))?;
            let lock = parse_id(&lock_ref)
                .map(|lid| get_lock(tx, owner, lid))
                .transpose()?
                .flatten()
                .filter(|l| l.active)
                .ok_or_else(ApiErr::lock_not_found)?;
            let lid: i64 = lock.id.parse().unwrap_or(-1);
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

async fn delete_membership(
    _: WriteGrants,
    State(app): State<AppState>,
    PathParams((owner, id, mid)): PathParams<(String, String, String)>,
) -> ApiResult<StatusCode> {
    let owner = owner_id(&owner)?;
    app.db
        .write(move |tx| {
            owner_exists(tx, owner)?;
            let g = any_group(tx, owner, &id)?;
            let gid: i64 = g.id.parse().unwrap_or(-1);
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

async fn sync_lock(
    _: WriteGrants,
    State(app): State<AppState>,
    PathParams((owner, id)): PathParams<(String, String)>,
) -> ApiResult<Json<SyncResult>> {
    let owner = owner_id(&owner)?;
    let r = app
        .db
        .write(move |tx| {
            owner_exists(tx, owner)?;
            let lock = parse_id(&id)
                .map(|lid| get_lock(tx, owner, lid))
                .transpose()?
                .flatten()
                .filter(|l| l.active)
                .ok_or_else(ApiErr::lock_not_found)?;
            let lid: i64 = lock.id.parse().unwrap_or(-1);
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
                bump_group(tx, *g, &now)?;
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
            let mut lock = get_lock(tx, owner, lid)?.ok_or_else(ApiErr::lock_not_found)?;
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

// ---------------------------------------------------------------- bound locks

const LOCK_EXPANDS: &[&str] = &["membershipStatistics", "supportedFeatures"];

async fn list_locks(
    _: ReadCore,
    State(app): State<AppState>,
    PathParams(owner): PathParams<String>,
    q: QueryPairs,
) -> ApiResult<Response> {
    let owner = owner_id(&owner)?;
    let expand = q.expand(LOCK_EXPANDS)?;
    let lq = parse_list(&q)?;
    let select = lq.select.clone();
    let keep = expand.clone();
    let items = app
        .db
        .read(move |tx| {
            owner_exists(tx, owner)?;
            let mut items = run_list(
                tx,
                &format!(
                    "SELECT {LOCK_COLS} FROM bound_locks l WHERE l.owner_id = ? AND l.active = 1"
                ),
                vec![Value::Integer(owner)],
                "l.id",
                &lq,
                LOCK_FIELDS,
                lock_from_row,
            )?;
            for l in &mut items {
                expand_lock(tx, l, &expand)?;
            }
            Ok(items)
        })
        .await?;
    Ok(list_response(items, select.as_ref(), &keep))
}

async fn get_lock_h(
    _: ReadCore,
    State(app): State<AppState>,
    PathParams((owner, id)): PathParams<(String, String)>,
    q: QueryPairs,
) -> ApiResult<Json<BoundLock>> {
    let owner = owner_id(&owner)?;
    let expand = q.expand(LOCK_EXPANDS)?;
    let l = app
        .db
        .read(move |tx| {
            owner_exists(tx, owner)?;
            let mut l = parse_id(&id)
                .map(|lid| get_lock(tx, owner, lid))
                .transpose()?
                .flatten()
                .ok_or_else(ApiErr::lock_not_found)?;
            expand_lock(tx, &mut l, &expand)?;
            Ok(l)
        })
        .await?;
    Ok(Json(l))
}

async fn bind_lock(
    _: WriteCore,
    State(app): State<AppState>,
    PathParams(owner): PathParams<String>,
    body: JsonBody<BindLock>,
) -> ApiResult<Json<BoundLock>> {
    let owner = owner_id(&owner)?;
    let b = body.value;
    let physical = b.physical_lock_id.unwrap_or_default();
    if physical.trim().is_empty() {
        return Err(ApiErr::bad_request("physicalLockId is required"));
    }
    check_len("physicalLockId", &physical, 64)?;
    if b.binding_code.as_deref().unwrap_or("").trim().is_empty() {
        return Err(ApiErr::bad_request("bindingCode is required"));
    }
    check_len("bindingCode", b.binding_code.as_deref().unwrap_or(""), 256)?;
    let title = check_title(b.title.as_deref(), "lock must have a title")?;
    check_description(b.description.as_deref())?;
    let type_id = b.lock_type_id.unwrap_or_else(|| "TK.Td30".to_string());
    if lock_type(&type_id).is_none() {
        let known: Vec<&str> = LOCK_TYPES.iter().map(|t| t.id).collect();
        return Err(ApiErr::bad_request(format!(
            "unknown lockTypeId '{type_id}'; known: {}",
            known.join(", ")
        )));
    }
    let description = b.description;
    let l = app
        .db
        .write(move |tx| {
            owner_exists(tx, owner)?;
            let bound = tx
                .prepare_cached("SELECT 1 FROM bound_locks WHERE physical_lock_id = ? AND active = 1")?
                .exists([&physical])?;
            if bound {
                return Err(ApiErr::new(StatusCode::CONFLICT, "this lock is already bound"));
            }
            let id = new_target(tx, "Lock")?;
            let now = now();
            tx.prepare_cached(
                "INSERT INTO bound_locks (id, owner_id, physical_lock_id, title, description, lock_type_id, bind_date, active, rcl_serial_no, rcl_date) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, 1, 1, ?)",
            )?
            .execute(params![id, owner, physical, title, description, type_id, now, now])?;
            get_lock(tx, owner, id)?.ok_or_else(|| ApiErr::internal("bound lock vanished"))
        })
        .await?;
    Ok(Json(l))
}

// ---------------------------------------------------------------- contacts

async fn list_contacts(
    _: ReadCore,
    State(app): State<AppState>,
    PathParams(owner): PathParams<String>,
    q: QueryPairs,
) -> ApiResult<Response> {
    let owner = owner_id(&owner)?;
    let lq = parse_list(&q)?;
    let select = lq.select.clone();
    let items = app
        .db
        .read(move |tx| {
            owner_exists(tx, owner)?;
            run_list(
                tx,
                &format!("SELECT {CONTACT_COLS} FROM contacts c WHERE c.owner_id = ? AND c.is_active = 1"),
                vec![Value::Integer(owner)],
                "c.id",
                &lq,
                CONTACT_FIELDS,
                contact_from_row,
            )
        })
        .await?;
    Ok(list_response(items, select.as_ref(), &[]))
}

fn check_identifier(identifier: Option<&str>) -> ApiResult<String> {
    let id = identifier.unwrap_or("").trim();
    if id.is_empty() {
        return Err(ApiErr::bad_request(
            "a contact identifier (e-mail address) is required",
        ));
    }
    check_len("identifier", id, MAX_TITLE)?;
    let valid = match id.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && !id.contains(char::is_whitespace)
        }
        None => false,
    };
    if !valid {
        return Err(ApiErr::bad_request(format!(
            "the contact identifier must be an e-mail address, not '{id}'"
        )));
    }
    Ok(id.to_lowercase())
}

/// Finds the owner's contact with this identifier, or creates it.
fn find_or_create_contact(
    tx: &Transaction,
    owner: i64,
    identifier: &str,
    title: Option<&str>,
) -> ApiResult<Contact> {
    let existing = tx
        .prepare_cached(&format!(
            "SELECT {CONTACT_COLS} FROM contacts c WHERE c.owner_id = ? AND c.email = ? AND c.is_active = 1"
        ))?
        .query_row(params![owner, identifier], contact_from_row)
        .optional()?;
    if let Some(c) = existing {
        return Ok(c);
    }
    tx.prepare_cached(
        "INSERT INTO contacts (owner_id, comment, ip_id, ip_user_id, email, ip_user_name, is_active, title) \
         VALUES (?, NULL, 'tapkey', ?, ?, ?, 1, ?)",
    )?
    .execute(params![owner, identifier, identifier, identifier, title])?;
    let id = tx.last_insert_rowid();
    Ok(tx
        .prepare_cached(&format!(
            "SELECT {CONTACT_COLS} FROM contacts c WHERE c.id = ?"
        ))?
        .query_row([id], contact_from_row)?)
}

async fn create_contact(
    _: WriteCore,
    State(app): State<AppState>,
    PathParams(owner): PathParams<String>,
    body: JsonBody<CreateContact>,
) -> ApiResult<Json<Contact>> {
    let owner = owner_id(&owner)?;
    let c = body.value;
    match c.ip_id.as_deref() {
        None | Some("tapkey") => {}
        Some(other) => {
            return Err(ApiErr::bad_request(format!(
                "unknown identity provider '{other}'; only 'tapkey' is supported"
            )))
        }
    }
    let identifier = check_identifier(c.identifier.as_deref())?;
    if let Some(t) = &c.title {
        check_len("title", t, MAX_TITLE)?;
    }
    let title = c.title;
    let c = app
        .db
        .write(move |tx| {
            owner_exists(tx, owner)?;
            find_or_create_contact(tx, owner, &identifier, title.as_deref())
        })
        .await?;
    Ok(Json(c))
}

// ---------------------------------------------------------------- grants

async fn list_grants(
    _: ReadGrants,
    State(app): State<AppState>,
    PathParams(owner): PathParams<String>,
    q: QueryPairs,
) -> ApiResult<Response> {
    let owner = owner_id(&owner)?;
    let lq = parse_list(&q)?;
    let select = lq.select.clone();
    let items = app
        .db
        .read(move |tx| {
            owner_exists(tx, owner)?;
            run_list(
                tx,
                &format!(
                    "SELECT {} FROM {GRANT_FROM} WHERE gr.owner_id = ?",
                    grant_cols()
                ),
                vec![Value::Integer(owner)],
                "gr.id",
                &lq,
                GRANT_FIELDS,
                grant_from_row,
            )
        })
        .await?;
    Ok(list_response(items, select.as_ref(), &[]))
}

async fn get_grant_h(
    _: ReadGrants,
    State(app): State<AppState>,
    PathParams((owner, id)): PathParams<(String, String)>,
) -> ApiResult<Json<Grant>> {
    let owner = owner_id(&owner)?;
    let g = app
        .db
        .read(move |tx| {
            owner_exists(tx, owner)?;
            parse_id(&id)
                .map(|gid| get_grant(tx, owner, gid))
                .transpose()?
                .flatten()
                .ok_or_else(|| ApiErr::not_found("grant not found"))
        })
        .await?;
    Ok(Json(g))
}

fn check_date(name: &str, v: Option<&str>) -> ApiResult<Option<String>> {
    match v {
        None => Ok(None),
        Some(s) => timefmt::normalize(s).map(Some).ok_or_else(|| {
            ApiErr::bad_request(format!(
                "{name} is not a valid date-time (expected e.g. 2020-03-03T15:53:03.587Z): '{}'",
                s.chars().take(64).collect::<String>()
            ))
        }),
    }
}

async fn create_grant(
    _: WriteGrants,
    State(app): State<AppState>,
    PathParams(owner): PathParams<String>,
    body: JsonBody<CreateGrant>,
) -> ApiResult<Json<Grant>> {
    let owner = owner_id(&owner)?;
    let b = body.value;
    let target_ref = b
        .bound_lock_id
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| ApiErr::bad_request("boundLockId is required"))?;
    let valid_from = check_date("validFrom", b.valid_from.as_deref())?;
    let valid_before = check_date("validBefore", b.valid_before.as_deref())?;
    if let (Some(f), Some(t)) = (&valid_from, &valid_before) {
        if t <= f {
            return Err(ApiErr::bad_request(
                "validBefore must be later than validFrom",
            ));
        }
    }
    let ical = b.time_restriction_ical.filter(|s| !s.trim().is_empty());
    if let Some(i) = &ical {
        check_len("timeRestrictionIcal", i, 4096)?;
        if !i.contains("BEGIN:VEVENT") || !i.contains("END:VEVENT") {
            return Err(ApiErr::bad_request(
                "timeRestrictionIcal must be an iCal VEVENT (BEGIN:VEVENT ... END:VEVENT)",
            ));
        }
    }
    enum ContactBy {
        Id(String),
        Identifier(String),
    }
    let contact_by = match (b.contact_id.filter(|s| !s.trim().is_empty()), b.contact) {
        (Some(id), _) => ContactBy::Id(id),
        (None, Some(c)) => ContactBy::Identifier(check_identifier(c.identifier.as_deref())?),
        (None, None) => {
            return Err(ApiErr::bad_request(
                "a grant needs a contact: contactId, or contact.identifier",
            ))
        }
    };
    let g = app
        .db
        .write(move |tx| {
            owner_exists(tx, owner)?;
            let tid = parse_id(&target_ref).ok_or_else(ApiErr::lock_not_found)?;
            // A lock-like target: an active bound lock or lock group of this owner.
            let ical_ok = if let Some(l) = get_lock(tx, owner, tid)?.filter(|l| l.active) {
                l.lock_type_id.as_deref().and_then(lock_type).is_some_and(|t| t.ical)
            } else if get_group(tx, owner, tid)?.is_some_and(|g| g.active) {
                group_features(tx, tid)?.time_restriction_supported()
            } else {
                return Err(ApiErr::lock_not_found());
            };
            if ical.is_some() && !ical_ok {
                return Err(ApiErr::bad_request(
                    "the lock or lock group does not support time restrictions (timeRestrictionIcal)",
                ));
            }
            let contact = match contact_by {
                ContactBy::Id(id) => parse_id(&id)
                    .map(|cid| {
                        tx.prepare_cached(&format!(
                            "SELECT {CONTACT_COLS} FROM contacts c WHERE c.id = ? AND c.owner_id = ? AND c.is_active = 1"
                        ))?
                        .query_row(params![cid, owner], contact_from_row)
                        .optional()
                    })
                    .transpose()?
                    .flatten()
                    .ok_or_else(|| ApiErr::not_found("contact not found"))?,
                ContactBy::Identifier(i) => find_or_create_contact(tx, owner, &i, None)?,
            };
            let cid: i64 = contact.id.parse().unwrap_or(-1);
            tx.prepare_cached(
                "INSERT INTO grants (owner_id, target_id, contact_id, valid_from, valid_before, time_restriction_ical, state, active, create_date) \
                 VALUES (?, ?, ?, ?, ?, ?, 'Ok', 1, ?)",
            )?
            .execute(params![owner, tid, cid, valid_from, valid_before, ical, now()])?;
            let id = tx.last_insert_rowid();
            get_grant(tx, owner, id)?.ok_or_else(|| ApiErr::internal("created grant vanished"))
        })
        .await?;
    Ok(Json(g))
}

async fn revoke_grant(
    _: WriteGrants,
    State(app): State<AppState>,
    PathParams((owner, id)): PathParams<(String, String)>,
) -> ApiResult<Json<Grant>> {
    let owner = owner_id(&owner)?;
    let g = app
        .db
        .write(move |tx| {
            owner_exists(tx, owner)?;
            let not_found = || ApiErr::not_found("grant not found");
            let gid = parse_id(&id).ok_or_else(not_found)?;
            get_grant(tx, owner, gid)?.ok_or_else(not_found)?;
            tx.execute(
                "UPDATE grants SET state = 'Revoked', active = 0, revoke_date = ? WHERE id = ? AND active = 1",
                params![now(), gid],
            )?;
            get_grant(tx, owner, gid)?.ok_or_else(not_found)
        })
        .await?;
    Ok(Json(g))
}
