//! `/Owners/{o}/LockGroups`: lock groups, and the grants that name one.

use super::*;

pub(super) const GROUP_EXPANDS: &[&str] = &["supportedFeatures", "statistics"];

pub(super) async fn list_groups(
    _: ReadCore,
    State(app): State<AppState>,
    PathParams(owner): PathParams<String>,
    q: QueryPairs,
) -> ApiResult<Response> {
    let owner = owner_id(&owner)?;
    list(&app, &q, q.expand(GROUP_EXPANDS)?, move |tx, lq, expand| {
        owner_exists(tx, owner)?;
        let mut items = run_list(
            tx,
            &format!(
                "SELECT {GROUP_COLS} FROM lock_groups g WHERE g.owner_id = ? AND g.active = 1"
            ),
            vec![Value::Integer(owner)],
            "g.id",
            lq,
            GROUP_FIELDS,
            group_from_row,
        )?;
        for g in &mut items {
            expand_group(tx, g, expand)?;
        }
        Ok(items)
    })
    .await
}

pub(super) async fn get_group_h(
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
            let (_, mut g) = any_group(tx, owner, &id)?;
            expand_group(tx, &mut g, &expand)?;
            Ok(g)
        })
        .await?;
    Ok(Json(g))
}

pub(super) async fn create_group(
    _: WriteCore,
    State(app): State<AppState>,
    PathParams(owner): PathParams<String>,
    body: JsonBody<CreateLockGroup>,
) -> ApiResult<Json<LockGroup>> {
    let owner = owner_id(&owner)?;
    let title = check_title(body.value.title.as_deref(), refusal::GROUP_NEEDS_TITLE)?;
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

pub(super) async fn patch_group(
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
            refusal::GROUP_NEEDS_TITLE,
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
            let (gid, _) = active_group(tx, owner, &id)?;
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
            get_group(tx, owner, gid.0)?.ok_or_else(ApiErr::group_not_found)
        })
        .await?;
    Ok(Json(g))
}

pub(super) async fn delete_group(
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
            let (gid, _) = active_group(tx, owner, &id)?;
            let assigned: i64 = tx.query_row(
                &format!(
                    "SELECT count(*) FROM memberships m JOIN bound_locks l ON l.id = m.bound_lock_id \
                     WHERE m.lock_group_id = ? AND {} AND l.active = 1",
                    *CURRENT_SQL
                ),
                [gid],
                |r| r.get(0),
            )?;
            if assigned > 0 && !force_unjoin {
                return Err(ApiErr::bad_request(refusal::GROUP_HAS_LOCKS));
            }
            let grants: i64 = tx.query_row(
                "SELECT count(*) FROM grants WHERE target_id = ? AND active = 1",
                [gid],
                |r| r.get(0),
            )?;
            if grants > 0 && !force_revoke {
                return Err(ApiErr::bad_request(refusal::GROUP_HAS_GRANTS));
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

pub(super) async fn list_group_grants(
    _: ReadGrants,
    State(app): State<AppState>,
    PathParams((owner, id)): PathParams<(String, String)>,
    q: QueryPairs,
) -> ApiResult<Response> {
    let owner = owner_id(&owner)?;
    list(&app, &q, Vec::new(), move |tx, lq, _| {
        owner_exists(tx, owner)?;
        let (gid, _) = any_group(tx, owner, &id)?;
        run_list(
            tx,
            &format!(
                "SELECT {} FROM {GRANT_FROM} WHERE gr.owner_id = ? AND gr.target_id = ?",
                grant_cols()
            ),
            vec![Value::Integer(owner), Value::Integer(gid.0)],
            "gr.id",
            lq,
            GRANT_FIELDS,
            grant_from_row,
        )
    })
    .await
}
