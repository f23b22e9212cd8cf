//! `/Owners/{o}/BoundLocks`: the owner's locks.

use super::*;

pub(super) const LOCK_EXPANDS: &[&str] = &["membershipStatistics", "supportedFeatures"];

pub(super) async fn list_locks(
    _: ReadCore,
    State(app): State<AppState>,
    PathParams(owner): PathParams<String>,
    q: QueryPairs,
) -> ApiResult<Response> {
    let owner = owner_id(&owner)?;
    list(&app, &q, q.expand(LOCK_EXPANDS)?, move |tx, lq, expand| {
        owner_exists(tx, owner)?;
        let mut items = run_list(
            tx,
            &format!("SELECT {LOCK_COLS} FROM bound_locks l WHERE l.owner_id = ? AND l.active = 1"),
            vec![Value::Integer(owner)],
            "l.id",
            lq,
            LOCK_FIELDS,
            lock_from_row,
        )?;
        for l in &mut items {
            expand_lock(tx, l, expand)?;
        }
        Ok(items)
    })
    .await
}

pub(super) async fn get_lock_h(
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
            let (_, mut l) = any_lock(tx, owner, &id)?;
            expand_lock(tx, &mut l, &expand)?;
            Ok(l)
        })
        .await?;
    Ok(Json(l))
}

pub(super) async fn bind_lock(
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
    check_len(
        refusal::FIELD_BINDING_CODE,
        b.binding_code.as_deref().unwrap_or(""),
        MAX_BINDING_CODE,
    )?;
    let title = check_title(b.title.as_deref(), refusal::LOCK_NEEDS_TITLE)?;
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
