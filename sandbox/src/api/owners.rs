//! `/Owners`: the owner accounts.

use super::*;

pub(super) const OWNER_FIELDS: &[Field] = &[
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

pub(super) fn owner_from_row(r: &rusqlite::Row) -> rusqlite::Result<Owner> {
    Ok(Owner {
        id: r.get::<_, i64>(0)?.to_string(),
        name: r.get(1)?,
        active: r.get(2)?,
    })
}

pub(super) async fn list_owners(
    _: ReadOwners,
    State(app): State<AppState>,
    q: QueryPairs,
) -> ApiResult<Response> {
    list(&app, &q, Vec::new(), move |tx, lq, _| {
        run_list(
            tx,
            "SELECT o.id, o.name, o.active FROM owners o WHERE o.active = 1",
            vec![],
            "o.id",
            lq,
            OWNER_FIELDS,
            owner_from_row,
        )
    })
    .await
}

pub(super) async fn get_owner(
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

pub(super) async fn create_owner(
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
