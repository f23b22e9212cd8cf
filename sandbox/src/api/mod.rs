//! The `/api/v1` routes (and the sandbox-only `/sandbox/...` lock sync): the route table
//! and what the handlers share; one module per resource.

mod contacts;
mod grants;
mod lock_groups;
mod locks;
mod memberships;
mod owners;

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

pub use wire::{refusal, MAX_BINDING_CODE, MAX_DESCRIPTION, MAX_TITLE};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/Owners",
            get(owners::list_owners).put(owners::create_owner),
        )
        .route("/api/v1/Owners/{owner}", get(owners::get_owner))
        .route(
            "/api/v1/Owners/{owner}/LockGroups",
            get(lock_groups::list_groups).put(lock_groups::create_group),
        )
        .route(
            "/api/v1/Owners/{owner}/LockGroups/{id}",
            get(lock_groups::get_group_h)
                .patch(lock_groups::patch_group)
                .delete(lock_groups::delete_group),
        )
        .route(
            "/api/v1/Owners/{owner}/LockGroups/{id}/Grants",
            get(lock_groups::list_group_grants),
        )
        .route(
            "/api/v1/Owners/{owner}/LockGroups/{id}/Memberships",
            get(memberships::list_memberships).put(memberships::create_membership),
        )
        .route(
            "/api/v1/Owners/{owner}/LockGroups/{id}/Memberships/{mid}",
            axum::routing::delete(memberships::delete_membership),
        )
        .route(
            "/api/v1/Owners/{owner}/BoundLocks",
            get(locks::list_locks).put(locks::bind_lock),
        )
        .route(
            "/api/v1/Owners/{owner}/BoundLocks/{id}",
            get(locks::get_lock_h),
        )
        .route(
            "/api/v1/Owners/{owner}/Contacts",
            get(contacts::list_contacts).put(contacts::create_contact),
        )
        .route(
            "/api/v1/Owners/{owner}/Grants",
            get(grants::list_grants).put(grants::create_grant),
        )
        .route(
            "/api/v1/Owners/{owner}/Grants/{id}",
            get(grants::get_grant_h),
        )
        .route(
            "/api/v1/Owners/{owner}/Grants/{id}/Revoke",
            post(grants::revoke_grant),
        )
        .route(
            "/sandbox/Owners/{owner}/BoundLocks/{id}/Sync",
            post(memberships::sync_lock),
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
    check_len(refusal::FIELD_TITLE, t, MAX_TITLE)?;
    Ok(t.to_string())
}

fn check_len(name: &str, value: &str, max: usize) -> ApiResult<()> {
    let n = value.chars().count();
    if n > max {
        return Err(ApiErr::bad_request(refusal::too_long(name, n, max)));
    }
    Ok(())
}

fn check_description(d: Option<&str>) -> ApiResult<()> {
    match d {
        Some(d) => check_len(refusal::FIELD_DESCRIPTION, d, MAX_DESCRIPTION),
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
pub fn bump_group(tx: &Transaction, group: GroupId, when: &str) -> ApiResult<()> {
    tx.prepare_cached(
        "UPDATE lock_groups SET rcl_serial_no = coalesce(rcl_serial_no, 0) + 1, rcl_date = ? WHERE id = ?",
    )?
    .execute(params![when, group])?;
    Ok(())
}

/// A group of the owner by its path id, with that id typed (404 when not a number or
/// not the owner's).
fn any_group(tx: &Transaction, owner: i64, id: &str) -> ApiResult<(GroupId, LockGroup)> {
    let id = parse_id(id).ok_or_else(ApiErr::group_not_found)?;
    let g = get_group(tx, owner, id)?.ok_or_else(ApiErr::group_not_found)?;
    Ok((GroupId(id), g))
}

/// As [`any_group`], and not deleted.
fn active_group(tx: &Transaction, owner: i64, id: &str) -> ApiResult<(GroupId, LockGroup)> {
    Some(any_group(tx, owner, id)?)
        .filter(|(_, g)| g.active)
        .ok_or_else(ApiErr::group_not_found)
}

/// A bound lock of the owner by its path id, with that id typed.
fn any_lock(tx: &Transaction, owner: i64, id: &str) -> ApiResult<(LockId, BoundLock)> {
    let id = parse_id(id).ok_or_else(ApiErr::lock_not_found)?;
    let l = get_lock(tx, owner, id)?.ok_or_else(ApiErr::lock_not_found)?;
    Ok((LockId(id), l))
}

/// As [`any_lock`], and still bound.
fn active_lock(tx: &Transaction, owner: i64, id: &str) -> ApiResult<(LockId, BoundLock)> {
    Some(any_lock(tx, owner, id)?)
        .filter(|(_, l)| l.active)
        .ok_or_else(ApiErr::lock_not_found)
}

fn parse_list(q: &QueryPairs) -> ApiResult<odata::ListQuery> {
    Ok(odata::parse_query(&q.0)?)
}

/// What every list endpoint shares: the OData options parsed, `rows` run in a read
/// transaction with them and the accepted `expand` names, and the answer cut to `$select`
/// (expanded fields kept).
async fn list<T, F>(
    app: &AppState,
    q: &QueryPairs,
    expand: Vec<&'static str>,
    rows: F,
) -> ApiResult<Response>
where
    T: Serialize + Send + 'static,
    F: FnOnce(&Transaction, &odata::ListQuery, &[&'static str]) -> ApiResult<Vec<T>>
        + Send
        + 'static,
{
    let lq = parse_list(q)?;
    let select = lq.select.clone();
    let keep = expand.clone();
    let items = app.db.read(move |tx| rows(tx, &lq, &expand)).await?;
    Ok(list_response(items, select.as_ref(), &keep))
}
