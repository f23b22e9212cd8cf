//! `/Owners/{o}/Grants`: access grants on a lock or a group.

use super::contacts::{check_identifier, find_or_create_contact};
use super::*;

pub(super) async fn list_grants(
    _: ReadGrants,
    State(app): State<AppState>,
    PathParams(owner): PathParams<String>,
    q: QueryPairs,
) -> ApiResult<Response> {
    let owner = owner_id(&owner)?;
    list(&app, &q, Vec::new(), move |tx, lq, _| {
        owner_exists(tx, owner)?;
        run_list(
            tx,
            &format!(
                "SELECT {} FROM {GRANT_FROM} WHERE gr.owner_id = ?",
                grant_cols()
            ),
            vec![Value::Integer(owner)],
            "gr.id",
            lq,
            GRANT_FIELDS,
            grant_from_row,
        )
    })
    .await
}

pub(super) async fn get_grant_h(
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

pub(super) fn check_date(name: &str, v: Option<&str>) -> ApiResult<Option<String>> {
    match v {
        None => Ok(None),
        Some(s) => timefmt::normalize(s).map(Some).map_err(|why| {
            ApiErr::bad_request(format!(
                "{name} is not a valid date-time (e.g. 2020-03-03T15:53:03.587Z): '{}': {why}",
                s.chars().take(64).collect::<String>()
            ))
        }),
    }
}

pub(super) async fn create_grant(
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
            let cid = ContactId::of_stored(&contact.id)?;
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

pub(super) async fn revoke_grant(
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
