//! Rows to wire bodies, the OData field tables, and shared queries.

use std::sync::LazyLock;

use axum::response::{IntoResponse, Response};
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, Row, Transaction};
use serde::Serialize;
use wire::{
    BoundLock, Contact, DateField, FeatureSupport, Grant, GrantState, GrantTarget, LockGroup,
    LockType, Membership, MembershipState, StateCount, Statistics, SupportedFeatures,
    TargetSummary,
};

use crate::error::{ApiErr, ApiResult};
use crate::odata::{self, Field, FieldType, ListQuery};

// ---------------------------------------------------------------- lock types

/// A lock type the sandbox knows.
pub struct LockTypeDef {
    pub id: &'static str,
    pub model_name: &'static str,
    pub technologies: &'static [&'static str],
    /// Whether its protocol supports lock groups.
    pub groups: bool,
    /// Whether it supports iCal time restrictions on grants.
    pub ical: bool,
}

pub const LOCK_TYPES: &[LockTypeDef] = &[
    LockTypeDef {
        id: "TK.Td30",
        model_name: "Td30",
        technologies: &["nfc", "ble"],
        groups: true,
        ical: true,
    },
    LockTypeDef {
        id: "TK.Cylinder",
        model_name: "Cylinder",
        technologies: &["nfc"],
        groups: true,
        ical: false,
    },
    LockTypeDef {
        id: "TK.Legacy",
        model_name: "Legacy",
        technologies: &["nfc"],
        groups: false,
        ical: false,
    },
];

pub fn lock_type(id: &str) -> Option<&'static LockTypeDef> {
    LOCK_TYPES.iter().find(|t| t.id == id)
}

fn features(supported: bool) -> SupportedFeatures {
    SupportedFeatures {
        time_restriction_ical_support: if supported {
            FeatureSupport::Supported
        } else {
            FeatureSupport::NotSupported
        },
    }
}

// ---------------------------------------------------------------- membership states

/// A membership's date column under the alias `m`.
fn membership_column(field: DateField) -> String {
    format!("m.{}", field.column())
}

/// SQL for a membership's state name (alias `m`), written by [`wire::domain::state_sql`]
/// from the lifecycle precedence the console uses too.
pub static STATE_SQL: LazyLock<String> =
    LazyLock::new(|| wire::domain::state_sql(membership_column));

/// SQL condition for a current member (alias `m`), from [`wire::domain::current_sql`].
pub static CURRENT_SQL: LazyLock<String> =
    LazyLock::new(|| wire::domain::current_sql(membership_column));

fn statistics_from(rows: Vec<(String, i64)>) -> Statistics {
    let by_state = MembershipState::ALL
        .iter()
        .filter_map(|s| {
            let count: i64 = rows
                .iter()
                .filter(|(name, _)| name == s.as_str())
                .map(|(_, c)| *c)
                .sum();
            (count > 0).then_some(StateCount {
                state: *s,
                count: count as u64,
            })
        })
        .collect();
    Statistics { by_state }
}

/// A group's statistics (memberships of bound locks only, as the memberships list shows).
pub fn group_statistics(tx: &Transaction, group_id: i64) -> ApiResult<Statistics> {
    let mut st = tx.prepare_cached(&format!(
        "SELECT {}, count(*) FROM memberships m JOIN bound_locks l ON l.id = m.bound_lock_id \
         WHERE m.lock_group_id = ? AND l.active = 1 GROUP BY 1",
        *STATE_SQL
    ))?;
    let rows = st
        .query_map([group_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(statistics_from(rows))
}

/// A lock's membership statistics, over all its memberships.
pub fn lock_statistics(tx: &Transaction, lock_id: i64) -> ApiResult<Statistics> {
    let mut st = tx.prepare_cached(&format!(
        "SELECT {}, count(*) FROM memberships m WHERE m.bound_lock_id = ? GROUP BY 1",
        *STATE_SQL
    ))?;
    let rows = st
        .query_map([lock_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(statistics_from(rows))
}

/// `Supported` unless a lock that is (or is becoming) a member lacks iCal support.
pub fn group_features(tx: &Transaction, group_id: i64) -> ApiResult<SupportedFeatures> {
    let mut st = tx.prepare_cached(&format!(
        "SELECT DISTINCT l.lock_type_id FROM memberships m JOIN bound_locks l ON l.id = m.bound_lock_id \
         WHERE m.lock_group_id = ? AND {} AND l.active = 1",
        *CURRENT_SQL
    ))?;
    let types = st
        .query_map([group_id], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(features(
        types.iter().all(|t| lock_type(t).is_some_and(|d| d.ical)),
    ))
}

// ---------------------------------------------------------------- lock groups

pub const GROUP_COLS: &str =
    "g.active, g.rcl_serial_no, g.rcl_date, g.id, g.physical_lock_id, g.title, g.description";

pub const GROUP_FIELDS: &[Field] = &[
    Field {
        name: "id",
        sql: "g.id",
        ty: FieldType::Text,
    },
    Field {
        name: "title",
        sql: "g.title",
        ty: FieldType::Text,
    },
    Field {
        name: "description",
        sql: "g.description",
        ty: FieldType::Text,
    },
    Field {
        name: "active",
        sql: "g.active",
        ty: FieldType::Boolean,
    },
    Field {
        name: "rclSerialNo",
        sql: "g.rcl_serial_no",
        ty: FieldType::Integer,
    },
    Field {
        name: "rclDate",
        sql: "g.rcl_date",
        ty: FieldType::DateTime,
    },
    Field {
        name: "physicalLockId",
        sql: "g.physical_lock_id",
        ty: FieldType::Text,
    },
    Field {
        name: "targetType",
        sql: "'Group'",
        ty: FieldType::Text,
    },
];

pub fn group_from_row(r: &Row) -> rusqlite::Result<LockGroup> {
    Ok(LockGroup {
        active: r.get(0)?,
        rcl_serial_no: r.get(1)?,
        rcl_date: r.get(2)?,
        target_type: wire::TARGET_GROUP.to_string(),
        id: r.get::<_, i64>(3)?.to_string(),
        physical_lock_id: r.get(4)?,
        title: r.get(5)?,
        description: r.get(6)?,
        supported_features: None,
        statistics: None,
    })
}

pub fn summary_of_group(g: &LockGroup) -> TargetSummary {
    TargetSummary {
        active: g.active,
        rcl_serial_no: g.rcl_serial_no,
        rcl_date: g.rcl_date.clone(),
        target_type: g.target_type.clone(),
        id: g.id.clone(),
        physical_lock_id: g.physical_lock_id.clone(),
        title: g.title.clone(),
        description: g.description.clone(),
    }
}

/// A group of the owner by id, deleted ones included.
pub fn get_group(tx: &Transaction, owner: i64, id: i64) -> ApiResult<Option<LockGroup>> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT {GROUP_COLS} FROM lock_groups g WHERE g.id = ? AND g.owner_id = ?"
        ))?
        .query_row(params![id, owner], group_from_row)
        .optional()?)
}

pub fn expand_group(tx: &Transaction, g: &mut LockGroup, expand: &[&str]) -> ApiResult<()> {
    let GroupId(id) = GroupId::of_stored(&g.id)?;
    if expand.contains(&"supportedFeatures") {
        g.supported_features = Some(group_features(tx, id)?);
    }
    if expand.contains(&"statistics") {
        g.statistics = Some(group_statistics(tx, id)?);
    }
    Ok(())
}

// ---------------------------------------------------------------- bound locks

pub const LOCK_COLS: &str =
    "l.active, l.bind_date, l.description, l.id, l.last_seen_rcl_serial_no, \
     l.last_seen_rcl_update_date, l.lock_type_id, l.owner_id, l.physical_lock_id, l.rcl_date, \
     l.rcl_serial_no, l.title, l.unbind_date";

pub const LOCK_FIELDS: &[Field] = &[
    Field {
        name: "id",
        sql: "l.id",
        ty: FieldType::Text,
    },
    Field {
        name: "title",
        sql: "l.title",
        ty: FieldType::Text,
    },
    Field {
        name: "description",
        sql: "l.description",
        ty: FieldType::Text,
    },
    Field {
        name: "active",
        sql: "l.active",
        ty: FieldType::Boolean,
    },
    Field {
        name: "bindDate",
        sql: "l.bind_date",
        ty: FieldType::DateTime,
    },
    Field {
        name: "unbindDate",
        sql: "l.unbind_date",
        ty: FieldType::DateTime,
    },
    Field {
        name: "lockTypeId",
        sql: "l.lock_type_id",
        ty: FieldType::Text,
    },
    Field {
        name: "ownerAccountId",
        sql: "l.owner_id",
        ty: FieldType::Text,
    },
    Field {
        name: "physicalLockId",
        sql: "l.physical_lock_id",
        ty: FieldType::Text,
    },
    Field {
        name: "rclSerialNo",
        sql: "l.rcl_serial_no",
        ty: FieldType::Integer,
    },
    Field {
        name: "rclDate",
        sql: "l.rcl_date",
        ty: FieldType::DateTime,
    },
    Field {
        name: "lastSeenRclSerialNo",
        sql: "l.last_seen_rcl_serial_no",
        ty: FieldType::Integer,
    },
    Field {
        name: "lastSeenRclUpdateDate",
        sql: "l.last_seen_rcl_update_date",
        ty: FieldType::DateTime,
    },
    Field {
        name: "targetType",
        sql: "'Lock'",
        ty: FieldType::Text,
    },
];

pub fn lock_from_row(r: &Row) -> rusqlite::Result<BoundLock> {
    let type_id: String = r.get(6)?;
    let lock_type = lock_type(&type_id).map(|t| LockType {
        id: t.id.to_string(),
        manufacturer_id: 1,
        model_name: t.model_name.to_string(),
        supported_technologies: t.technologies.iter().map(|s| s.to_string()).collect(),
    });
    Ok(BoundLock {
        active: r.get(0)?,
        bind_date: r.get(1)?,
        description: r.get(2)?,
        id: r.get::<_, i64>(3)?.to_string(),
        last_seen_rcl_serial_no: r.get(4)?,
        last_seen_rcl_update_date: r.get(5)?,
        lock_type,
        lock_type_id: Some(type_id),
        owner_account_id: r.get::<_, i64>(7)?.to_string(),
        physical_lock_id: r.get(8)?,
        rcl_date: r.get(9)?,
        rcl_serial_no: r.get(10)?,
        target_type: wire::TARGET_LOCK.to_string(),
        title: r.get(11)?,
        unbind_date: r.get(12)?,
        membership_statistics: None,
        supported_features: None,
    })
}

pub fn summary_of_lock(l: &BoundLock) -> TargetSummary {
    TargetSummary {
        active: l.active,
        rcl_serial_no: l.rcl_serial_no,
        rcl_date: l.rcl_date.clone(),
        target_type: l.target_type.clone(),
        id: l.id.clone(),
        physical_lock_id: l.physical_lock_id.clone(),
        title: l.title.clone(),
        description: l.description.clone(),
    }
}

/// A lock of the owner by id, unbound ones included.
pub fn get_lock(tx: &Transaction, owner: i64, id: i64) -> ApiResult<Option<BoundLock>> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT {LOCK_COLS} FROM bound_locks l WHERE l.id = ? AND l.owner_id = ?"
        ))?
        .query_row(params![id, owner], lock_from_row)
        .optional()?)
}

pub fn expand_lock(tx: &Transaction, l: &mut BoundLock, expand: &[&str]) -> ApiResult<()> {
    let LockId(id) = LockId::of_stored(&l.id)?;
    if expand.contains(&"membershipStatistics") {
        l.membership_statistics = Some(lock_statistics(tx, id)?);
    }
    if expand.contains(&"supportedFeatures") {
        let ical = l
            .lock_type_id
            .as_deref()
            .and_then(lock_type)
            .is_some_and(|t| t.ical);
        l.supported_features = Some(features(ical));
    }
    Ok(())
}

// ---------------------------------------------------------------- memberships

pub const MEMBERSHIP_COLS: &str = "m.id, m.lock_group_id, m.bound_lock_id, m.join_start_date, \
     m.join_completed_date, m.leave_start_date, m.leave_completed_date, m.last_seen_rcl_serial_no, \
     m.last_seen_rcl_update_date";

pub const MEMBERSHIP_FIELDS: &[Field] = &[
    Field {
        name: "id",
        sql: "m.id",
        ty: FieldType::Text,
    },
    Field {
        name: "lockGroupId",
        sql: "m.lock_group_id",
        ty: FieldType::Text,
    },
    Field {
        name: "boundLockId",
        sql: "m.bound_lock_id",
        ty: FieldType::Text,
    },
    Field {
        name: "joinStartDate",
        sql: "m.join_start_date",
        ty: FieldType::DateTime,
    },
    Field {
        name: "joinCompletedDate",
        sql: "m.join_completed_date",
        ty: FieldType::DateTime,
    },
    Field {
        name: "leaveStartDate",
        sql: "m.leave_start_date",
        ty: FieldType::DateTime,
    },
    Field {
        name: "leaveCompletedDate",
        sql: "m.leave_completed_date",
        ty: FieldType::DateTime,
    },
    Field {
        name: "lastSeenRclSerialNo",
        sql: "m.last_seen_rcl_serial_no",
        ty: FieldType::Integer,
    },
    Field {
        name: "lastSeenRclUpdateDate",
        sql: "m.last_seen_rcl_update_date",
        ty: FieldType::DateTime,
    },
];

pub fn membership_from_row(r: &Row) -> rusqlite::Result<Membership> {
    Ok(Membership {
        bound_lock: None,
        lock_group: None,
        last_seen_rcl_serial_no: r.get(7)?,
        last_seen_rcl_update_date: r.get(8)?,
        id: r.get::<_, i64>(0)?.to_string(),
        lock_group_id: r.get::<_, i64>(1)?.to_string(),
        bound_lock_id: r.get::<_, i64>(2)?.to_string(),
        join_start_date: r.get(3)?,
        join_completed_date: r.get(4)?,
        leave_start_date: r.get(5)?,
        leave_completed_date: r.get(6)?,
    })
}

pub fn get_membership(tx: &Transaction, id: i64) -> ApiResult<Option<Membership>> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT {MEMBERSHIP_COLS} FROM memberships m WHERE m.id = ?"
        ))?
        .query_row([id], membership_from_row)
        .optional()?)
}

pub fn expand_membership(
    tx: &Transaction,
    owner: i64,
    m: &mut Membership,
    expand: &[&str],
) -> ApiResult<()> {
    if expand.contains(&"boundLock") {
        let LockId(id) = LockId::of_stored(&m.bound_lock_id)?;
        m.bound_lock = get_lock(tx, owner, id)?.as_ref().map(summary_of_lock);
    }
    if expand.contains(&"lockGroup") {
        let GroupId(id) = GroupId::of_stored(&m.lock_group_id)?;
        m.lock_group = get_group(tx, owner, id)?.as_ref().map(summary_of_group);
    }
    Ok(())
}

// ---------------------------------------------------------------- contacts

pub const CONTACT_COLS: &str =
    "c.id, c.owner_id, c.comment, c.ip_id, c.ip_user_id, c.email, c.ip_user_name, c.is_active, c.title";

pub const CONTACT_FIELDS: &[Field] = &[
    Field {
        name: "id",
        sql: "c.id",
        ty: FieldType::Text,
    },
    Field {
        name: "ownerId",
        sql: "c.owner_id",
        ty: FieldType::Text,
    },
    Field {
        name: "comment",
        sql: "c.comment",
        ty: FieldType::Text,
    },
    Field {
        name: "ipId",
        sql: "c.ip_id",
        ty: FieldType::Text,
    },
    Field {
        name: "ipUserId",
        sql: "c.ip_user_id",
        ty: FieldType::Text,
    },
    Field {
        name: "email",
        sql: "c.email",
        ty: FieldType::Text,
    },
    Field {
        name: "ipUserName",
        sql: "c.ip_user_name",
        ty: FieldType::Text,
    },
    Field {
        name: "isActive",
        sql: "c.is_active",
        ty: FieldType::Boolean,
    },
    Field {
        name: "title",
        sql: "c.title",
        ty: FieldType::Text,
    },
];

pub fn contact_from_row(r: &Row) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: r.get::<_, i64>(0)?.to_string(),
        owner_id: r.get::<_, i64>(1)?.to_string(),
        comment: r.get(2)?,
        ip_id: r.get(3)?,
        ip_user_id: r.get(4)?,
        email: r.get(5)?,
        ip_user_name: r.get(6)?,
        is_active: r.get(7)?,
        title: r.get(8)?,
    })
}

// ---------------------------------------------------------------- grants

/// Grant columns; joins `contacts c` and the target (`tl` bound lock / `tg` lock group).
pub const GRANT_FROM: &str = "grants gr JOIN contacts c ON c.id = gr.contact_id \
     LEFT JOIN bound_locks tl ON tl.id = gr.target_id LEFT JOIN lock_groups tg ON tg.id = gr.target_id";

pub fn grant_cols() -> String {
    format!(
        "{CONTACT_COLS}, gr.id, gr.target_id, gr.valid_from, gr.valid_before, gr.time_restriction_ical, \
         gr.state, gr.active, CASE WHEN tl.id IS NOT NULL THEN 'Lock' ELSE 'Group' END, \
         coalesce(tl.physical_lock_id, tg.physical_lock_id), coalesce(tl.title, tg.title), \
         coalesce(tl.description, tg.description)"
    )
}

pub const GRANT_FIELDS: &[Field] = &[
    Field {
        name: "id",
        sql: "gr.id",
        ty: FieldType::Text,
    },
    Field {
        name: "boundLockId",
        sql: "gr.target_id",
        ty: FieldType::Text,
    },
    Field {
        name: "contactId",
        sql: "gr.contact_id",
        ty: FieldType::Text,
    },
    Field {
        name: "validFrom",
        sql: "gr.valid_from",
        ty: FieldType::DateTime,
    },
    Field {
        name: "validBefore",
        sql: "gr.valid_before",
        ty: FieldType::DateTime,
    },
    Field {
        name: "timeRestrictionIcal",
        sql: "gr.time_restriction_ical",
        ty: FieldType::Text,
    },
    Field {
        name: "state",
        sql: "gr.state",
        ty: FieldType::Text,
    },
    Field {
        name: "active",
        sql: "gr.active",
        ty: FieldType::Boolean,
    },
];

pub fn grant_from_row(r: &Row) -> rusqlite::Result<Grant> {
    let contact = contact_from_row(r)?;
    let target_id: i64 = r.get(10)?;
    Ok(Grant {
        contact_id: contact.id.clone(),
        contact: Some(contact),
        bound_card: None,
        bound_lock: Some(GrantTarget {
            target_type: r.get(16)?,
            id: target_id.to_string(),
            physical_lock_id: r.get(17)?,
            title: r.get::<_, Option<String>>(18)?.unwrap_or_default(),
            description: r.get(19)?,
        }),
        owner: None,
        id: r.get::<_, i64>(9)?.to_string(),
        bound_lock_id: target_id.to_string(),
        valid_from: r.get(11)?,
        valid_before: r.get(12)?,
        time_restriction_ical: r.get(13)?,
        state: GrantState::from_name(&r.get::<_, String>(14)?),
        active: r.get(15)?,
        bound_card_id: None,
        custom_payload: None,
    })
}

pub fn get_grant(tx: &Transaction, owner: i64, id: i64) -> ApiResult<Option<Grant>> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT {} FROM {GRANT_FROM} WHERE gr.id = ? AND gr.owner_id = ?",
            grant_cols()
        ))?
        .query_row(params![id, owner], grant_from_row)
        .optional()?)
}

// ---------------------------------------------------------------- owners

pub fn owner_exists(tx: &Transaction, owner: i64) -> ApiResult<()> {
    let found = tx
        .prepare_cached("SELECT 1 FROM owners WHERE id = ?")?
        .exists([owner])?;
    if found {
        Ok(())
    } else {
        Err(ApiErr::owner_not_found())
    }
}

/// An ID from the path: IDs are decimal integers here; anything else names nothing.
/// Row ids, typed by what they name, so a lock's id cannot be passed for a group's. Read
/// from a path (404 when not a number, see `api`) or from a row the sandbox wrote.
macro_rules! ids {
    ($($(#[$doc:meta])* $ty:ident;)*) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub struct $ty(pub i64);

            impl $ty {
                /// The id in a body the sandbox built from its own row (its ids are
                /// INTEGER columns, so this only fails on a bug: 500, named).
                pub fn of_stored(id: &str) -> ApiResult<$ty> {
                    parse_id(id).map($ty).ok_or_else(|| {
                        ApiErr::internal(format!(concat!("stored ", stringify!($ty), " '{}' is not a number"), id))
                    })
                }
            }

            impl rusqlite::ToSql for $ty {
                fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                    self.0.to_sql()
                }
            }
        )*
    };
}

ids! {
    /// A lock group's id.
    GroupId;
    /// A bound lock's id.
    LockId;
    /// A contact's id.
    ContactId;
}

pub fn parse_id(s: &str) -> Option<i64> {
    if s.is_empty() || s.len() > 18 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

// ---------------------------------------------------------------- generic lists

/// Runs a list query: `select_from` is `SELECT cols FROM ... WHERE <fixed condition>` using
/// `fixed` parameters; the OData filter is ANDed, its ordering comes first and
/// `tiebreak` last (stable paging).
pub fn run_list<T>(
    tx: &Transaction,
    select_from: &str,
    fixed: Vec<Value>,
    tiebreak: &str,
    q: &ListQuery,
    fields: &[Field],
    map: impl Fn(&Row) -> rusqlite::Result<T>,
) -> ApiResult<Vec<T>> {
    let parts = odata::to_sql(q, fields)?;
    odata::check_select(q, fields)?;
    let mut sql = String::from(select_from);
    let mut params = fixed;
    if let Some(w) = &parts.where_sql {
        sql.push_str(" AND (");
        sql.push_str(w);
        sql.push(')');
    }
    params.extend(parts.params);
    sql.push_str(" ORDER BY ");
    if let Some(o) = &parts.order_sql {
        sql.push_str(o);
    }
    // The ID breaks ties (stable paging), in the direction of the last key, so that an
    // index on (owner, active, key) can serve `key DESC, id DESC` by scanning backwards
    // instead of sorting every matching row.
    let id_ordered = q.orderby.iter().any(|(name, _)| name == "id");
    if !id_ordered {
        if parts.order_sql.is_some() {
            sql.push_str(", ");
        }
        sql.push_str(tiebreak);
        let desc = q.orderby.last().is_some_and(|(_, d)| *d);
        sql.push_str(if desc { " DESC" } else { " ASC" });
    }
    sql.push_str(" LIMIT ? OFFSET ?");
    let top = q.top.map_or(-1, |t| i64::try_from(t).unwrap_or(i64::MAX));
    let skip = q.skip.map_or(0, |s| i64::try_from(s).unwrap_or(i64::MAX));
    params.push(Value::Integer(top));
    params.push(Value::Integer(skip));
    let mut st = tx.prepare_cached(&sql)?;
    let rows = st
        .query_map(rusqlite::params_from_iter(params), map)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A list response, projected to `$select` (expansions in `keep` stay).
pub fn list_response<T: Serialize>(
    items: Vec<T>,
    select: Option<&Vec<String>>,
    keep: &[&str],
) -> Response {
    match select {
        None => axum::Json(items).into_response(),
        Some(names) => {
            let projected: Vec<serde_json::Value> = items
                .into_iter()
                .map(|it| {
                    let mut v = serde_json::to_value(it).unwrap_or(serde_json::Value::Null);
                    if let Some(obj) = v.as_object_mut() {
                        obj.retain(|k, _| {
                            names.iter().any(|n| n == k) || keep.contains(&k.as_str())
                        });
                    }
                    v
                })
                .collect();
            axum::Json(projected).into_response()
        }
    }
}

#[cfg(test)]
mod lifecycle_tests {
    use super::*;
    use wire::MembershipDates;

    /// Every combination of recorded dates, stored in SQLite: the state SQL, the
    /// current-member SQL and the console's `$filter` for each state (run through the
    /// sandbox's OData engine) must all agree with `wire`'s derivation.
    #[test]
    fn sql_and_filters_agree_with_the_shared_derivation_on_every_combination() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE memberships (id INTEGER PRIMARY KEY, lock_group_id INTEGER, \
             bound_lock_id INTEGER, join_start_date TEXT, join_completed_date TEXT, \
             leave_start_date TEXT, leave_completed_date TEXT, \
             last_seen_rcl_serial_no INTEGER, last_seen_rcl_update_date TEXT)",
        )
        .unwrap();
        let dates = |bits: i64| {
            DateField::ALL.map(|f| {
                let i = DateField::ALL.iter().position(|g| *g == f).unwrap();
                (bits & (1 << i) != 0).then(|| format!("2020-03-0{}T10:00:00.000Z", i + 1))
            })
        };
        let tx = conn.transaction().unwrap();
        for bits in 0..16 {
            let [js, jc, ls, lc] = dates(bits);
            tx.execute(
                "INSERT INTO memberships (id, join_start_date, join_completed_date, \
                 leave_start_date, leave_completed_date) VALUES (?, ?, ?, ?, ?)",
                params![bits, js, jc, ls, lc],
            )
            .unwrap();
        }
        let derived = |bits: i64| {
            let [js, jc, ls, lc] = dates(bits);
            let d = MembershipDates {
                join_start: js.as_deref(),
                join_completed: jc.as_deref(),
                leave_start: ls.as_deref(),
                leave_completed: lc.as_deref(),
            };
            (d.state(), d.is_current())
        };
        let select = |sql: &str, params: &[Value]| -> Vec<(i64, String)> {
            tx.prepare(sql)
                .unwrap()
                .query_map(rusqlite::params_from_iter(params), |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let rows = select(
            &format!(
                "SELECT m.id, {} || ' ' || ({}) FROM memberships m ORDER BY m.id",
                *STATE_SQL, *CURRENT_SQL
            ),
            &[],
        );
        assert_eq!(rows.len(), 16);
        for (bits, got) in rows {
            let (state, current) = derived(bits);
            assert_eq!(
                got,
                format!("{} {}", state.as_str(), i32::from(current)),
                "{:?}",
                dates(bits)
            );
        }
        let filtered = |filter: String| -> Vec<i64> {
            let q = odata::parse_query(&[("$filter".into(), filter)]).unwrap();
            let parts = odata::to_sql(&q, MEMBERSHIP_FIELDS).unwrap();
            let sql = format!(
                "SELECT m.id, '' FROM memberships m WHERE {} ORDER BY m.id",
                parts.where_sql.unwrap()
            );
            select(&sql, &parts.params)
                .into_iter()
                .map(|r| r.0)
                .collect()
        };
        for state in MembershipState::ALL {
            let expected: Vec<i64> = (0..16).filter(|&b| derived(b).0 == state).collect();
            assert_eq!(
                filtered(wire::domain::state_filter(state)),
                expected,
                "{state:?}"
            );
        }
        let current: Vec<i64> = (0..16).filter(|&b| derived(b).1).collect();
        assert_eq!(filtered(wire::domain::current_filter()), current);
    }
}
