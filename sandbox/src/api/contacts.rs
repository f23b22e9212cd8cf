//! `/Owners/{o}/Contacts`: the people grants are issued to.

use super::*;

pub(super) async fn list_contacts(
    _: ReadCore,
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
                "SELECT {CONTACT_COLS} FROM contacts c WHERE c.owner_id = ? AND c.is_active = 1"
            ),
            vec![Value::Integer(owner)],
            "c.id",
            lq,
            CONTACT_FIELDS,
            contact_from_row,
        )
    })
    .await
}

pub(super) fn check_identifier(identifier: Option<&str>) -> ApiResult<String> {
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
pub(super) fn find_or_create_contact(
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

pub(super) async fn create_contact(
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
