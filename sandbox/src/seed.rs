//! Deterministic demo data (`--demo`) and benchmark data (`--demo-scale N`).
//! `sandbox/README.md` describes the demo data precisely; keep the two in step.

use base64::Engine;
use rusqlite::{params, Transaction};

use crate::db::Db;
use crate::error::ApiResult;
use crate::timefmt;

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum St {
    JoinPending,
    Joined,
    UnjoinPending,
    Unjoined,
    /// Added, then removed before the lock ever synced.
    RemovedWhilePending,
    /// Joined long ago; its leave started when its group was deleted with
    /// `forceUnjoinLocks` ([`GROUP_DELETED_DAYS`] ago), and the lock has not synced since.
    LeavingDeletedGroup,
}

/// When group 110 "Former Team" was deleted (with `forceUnjoinLocks=true`).
const GROUP_DELETED_DAYS: i64 = 8;

/// `(lock, days)`: Bike Storage last synced 9 days ago, before Former Team was deleted,
/// so its leave still waits; every other lock synced a day ago.
const STALE_LOCK: (i64, i64) = (9, 9);

/// `(id, title, lock type, active)` of owner 1's locks.
const LOCKS_1: &[(i64, &str, &str, bool)] = &[
    (1, "Main Entrance", "TK.Td30", true),
    (2, "Reception", "TK.Td30", true),
    (3, "Meeting Room A", "TK.Td30", true),
    (4, "Meeting Room B", "TK.Td30", true),
    (5, "Server Room", "TK.Td30", true),
    (6, "Kitchen", "TK.Cylinder", true),
    (7, "Archive", "TK.Legacy", true),
    (8, "Roof Access", "TK.Td30", true),
    (9, "Bike Storage", "TK.Cylinder", true),
    (10, "Parking Gate", "TK.Td30", true),
    (11, "Mail Room", "TK.Td30", true),
    (12, "Lab", "TK.Td30", true),
    (13, "Old Storeroom", "TK.Td30", false),
    (14, "Garage", "TK.Td30", true),
];

const LOCKS_2: &[(i64, &str, &str, bool)] = &[
    (15, "Loading Dock", "TK.Td30", true),
    (16, "Cold Store", "TK.Td30", true),
    (17, "Yard Gate", "TK.Td30", true),
];

/// `(id, owner, title, description, active)`.
const GROUPS: &[(i64, i64, &str, Option<&str>, bool)] = &[
    (
        101,
        1,
        "All Staff",
        Some("Doors every employee may open."),
        true,
    ),
    (
        102,
        1,
        "Meeting Rooms",
        Some("Both meeting rooms and the lab."),
        true,
    ),
    (103, 1, "IT", Some("Server room, lab and roof."), true),
    (104, 1, "Cleaning Crew", Some("Evening cleaning."), true),
    (105, 1, "Night Shift", None, true),
    (106, 1, "Contractors", Some("External contractors."), true),
    (107, 1, "Deliveries", None, true),
    (108, 1, "Facilities", Some("Building maintenance."), true),
    (
        109,
        1,
        "Visitors",
        Some("No locks and no grants yet."),
        true,
    ),
    (110, 1, "Former Team", Some("Deleted group."), false),
    (201, 2, "Dock Doors", None, true),
    (202, 2, "Yard", None, true),
];

/// `(group, lock, state)`, in membership ID order (IDs 1, 2, ...).
const MEMBERSHIPS: &[(i64, i64, St)] = &[
    (101, 1, St::Joined),
    (101, 2, St::Joined),
    (101, 6, St::Joined),
    (101, 11, St::Joined),
    (101, 12, St::Joined),
    (101, 3, St::JoinPending),
    (101, 14, St::UnjoinPending),
    (101, 10, St::Unjoined),
    (101, 13, St::Joined),
    (102, 3, St::Joined),
    (102, 4, St::Joined),
    (102, 12, St::Joined),
    (103, 5, St::Joined),
    (103, 12, St::Joined),
    (103, 8, St::JoinPending),
    (104, 6, St::UnjoinPending),
    (104, 2, St::Unjoined),
    (104, 2, St::JoinPending),
    (104, 12, St::Joined),
    (105, 1, St::JoinPending),
    (105, 12, St::Joined),
    (105, 10, St::RemovedWhilePending),
    (106, 12, St::Joined),
    (106, 14, St::Joined),
    (107, 12, St::Joined),
    (107, 11, St::Joined),
    (108, 12, St::Joined),
    (108, 8, St::Joined),
    (108, 9, St::Joined),
    (110, 4, St::Unjoined),
    (201, 15, St::Joined),
    (201, 16, St::Joined),
    (202, 17, St::JoinPending),
    // Locks waiting in more than one group: the locks worklist and a lock's "Waiting for".
    (106, 8, St::JoinPending),
    (107, 6, St::JoinPending),
    // Garage's access changes both ways at its next sync: it leaves All Staff (whose
    // grantees lose it) and joins Deliveries (whose grantee gains it).
    (107, 14, St::JoinPending),
    // A pending leave from a deleted group: "delete a group, remove every lock".
    (110, 9, St::LeavingDeletedGroup),
];

/// `(id, owner, title, email, comment)`.
const CONTACTS: &[(i64, i64, &str, &str, Option<&str>)] = &[
    (
        1,
        1,
        "Alice Example",
        "alice@example.com",
        Some("Facility manager."),
    ),
    (2, 1, "Bob Example", "bob@example.com", None),
    (3, 1, "Carol Example", "carol@example.com", None),
    (
        4,
        1,
        "Dave Example",
        "dave@example.com",
        Some("IT administrator."),
    ),
    (5, 2, "Erin Example", "erin@example.com", None),
    (
        6,
        1,
        "Frank Example",
        "frank@example.com",
        Some("Project lead: may open Meeting Room A three ways."),
    ),
];

pub const DEMO_ICAL: &str = "BEGIN:VEVENT\r\nDTSTART:20240101T070000\r\nDTEND:20240101T190000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\nEND:VEVENT";

/// A grant's validity window, in days from the seeding time (`None`: no limit).
type Window = Option<(Option<i64>, Option<i64>)>;

/// `(id, owner, target, contact, active, validity window, weekly iCal)`.
const GRANTS: &[(i64, i64, i64, i64, bool, Window, bool)] = &[
    (1, 1, 101, 1, true, None, false),
    (2, 1, 101, 2, true, None, false),
    (3, 1, 101, 3, false, None, false),
    (4, 1, 102, 1, true, None, false),
    (5, 1, 103, 4, true, Some((Some(-7), Some(90))), true),
    (6, 1, 104, 2, false, None, false),
    (7, 1, 1, 3, true, None, false),
    (8, 1, 110, 1, false, None, false),
    (9, 2, 201, 5, true, None, false),
    // Frank opens Meeting Room A (3) three ways: directly (weekdays only), through
    // Meeting Rooms (Joined, until a date) and through All Staff (still joining).
    (10, 1, 3, 6, true, None, true),
    (11, 1, 101, 6, true, None, false),
    (12, 1, 102, 6, true, Some((None, Some(60))), false),
    // Carol gains Garage (14) at its next sync, through Deliveries (joining).
    (13, 1, 107, 3, true, None, false),
    // Grants that open nothing now: one expired, one not yet valid.
    (14, 1, 3, 4, true, Some((Some(-60), Some(-30))), false),
    (15, 1, 14, 4, true, Some((Some(7), Some(37))), false),
];

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn insert_lock(
    tx: &Transaction,
    id: Option<i64>,
    owner: i64,
    title: &str,
    type_id: &str,
    active: bool,
    t0: i64,
) -> ApiResult<i64> {
    tx.prepare_cached("INSERT INTO targets (id, kind) VALUES (?, 'Lock')")?
        .execute([id])?;
    let id = tx.last_insert_rowid();
    let physical = b64(&[
        0,
        0x0A,
        (id >> 24) as u8,
        (id >> 16) as u8,
        (id >> 8) as u8,
        id as u8,
    ]);
    let bind = timefmt::format_ms(t0 - 400 * DAY + id * HOUR);
    let rcl = timefmt::format_ms(t0 - 399 * DAY + id * HOUR);
    let seen = timefmt::format_ms(t0 - DAY + id * 60_000);
    let unbind = (!active).then(|| timefmt::format_ms(t0 - 5 * DAY));
    tx.prepare_cached(
        "INSERT INTO bound_locks (id, owner_id, physical_lock_id, title, description, lock_type_id, bind_date, unbind_date, active, \
         rcl_serial_no, rcl_date, last_seen_rcl_serial_no, last_seen_rcl_update_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 3, ?, 3, ?)",
    )?
    .execute(params![
        id,
        owner,
        physical,
        title,
        format!("The {} lock.", title.to_lowercase()),
        type_id,
        bind,
        unbind,
        active,
        rcl,
        seen
    ])?;
    Ok(id)
}

fn insert_group(
    tx: &Transaction,
    id: Option<i64>,
    owner: i64,
    title: &str,
    description: Option<&str>,
    active: bool,
) -> ApiResult<i64> {
    tx.prepare_cached("INSERT INTO targets (id, kind) VALUES (?, 'Group')")?
        .execute([id])?;
    let id = tx.last_insert_rowid();
    let mut bytes = [0u8; 14];
    bytes[0] = 0x0C;
    bytes[10..].copy_from_slice(&(id as u32).to_be_bytes());
    tx.prepare_cached(
        "INSERT INTO lock_groups (id, owner_id, active, rcl_serial_no, rcl_date, physical_lock_id, title, description) \
         VALUES (?, ?, ?, 1, NULL, ?, ?, ?)",
    )?
    .execute(params![id, owner, active, b64(&bytes), title, description])?;
    Ok(id)
}

fn insert_membership(
    tx: &Transaction,
    group: i64,
    lock: i64,
    st: St,
    t0: i64,
    k: i64,
) -> ApiResult<()> {
    let t = |ms: i64| Some(timefmt::format_ms(ms + k * 61_000));
    let (js, jc, ls, lc) = match st {
        St::JoinPending => (t(t0 - 2 * HOUR), None, None, None),
        St::Joined => (t(t0 - 30 * DAY), t(t0 - 30 * DAY + HOUR), None, None),
        St::UnjoinPending => (t(t0 - 60 * DAY), t(t0 - 60 * DAY + HOUR), t(t0 - DAY), None),
        St::Unjoined => (
            t(t0 - 90 * DAY),
            t(t0 - 90 * DAY + HOUR),
            t(t0 - 10 * DAY),
            t(t0 - 9 * DAY),
        ),
        St::RemovedWhilePending => (t(t0 - 3 * DAY), None, t(t0 - DAY), None),
        // The leave started with the deletion, at exactly the group's delete date.
        St::LeavingDeletedGroup => (
            t(t0 - 120 * DAY),
            t(t0 - 120 * DAY + HOUR),
            Some(timefmt::format_ms(t0 - GROUP_DELETED_DAYS * DAY)),
            None,
        ),
    };
    let seen = match st {
        St::Joined => jc.clone(),
        St::Unjoined => lc.clone(),
        St::UnjoinPending | St::LeavingDeletedGroup => jc.clone(),
        _ => None,
    };
    tx.prepare_cached(
        "INSERT INTO memberships (lock_group_id, bound_lock_id, join_start_date, join_completed_date, leave_start_date, \
         leave_completed_date, last_seen_rcl_serial_no, last_seen_rcl_update_date) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)",
    )?
    .execute(params![group, lock, js, jc, ls, lc, seen])?;
    Ok(())
}

/// Serial = 1 + every recorded membership event; rclDate = the latest event.
fn fix_serials(tx: &Transaction, where_owner: i64) -> ApiResult<()> {
    tx.execute(
        "UPDATE lock_groups SET \
           rcl_serial_no = 1 + (SELECT coalesce(sum((join_start_date IS NOT NULL) + (join_completed_date IS NOT NULL) \
               + (leave_start_date IS NOT NULL) + (leave_completed_date IS NOT NULL)), 0) \
               FROM memberships m WHERE m.lock_group_id = lock_groups.id), \
           rcl_date = (SELECT max(max(coalesce(join_start_date, ''), coalesce(join_completed_date, ''), \
               coalesce(leave_start_date, ''), coalesce(leave_completed_date, ''))) \
               FROM memberships m WHERE m.lock_group_id = lock_groups.id) \
         WHERE owner_id = ?",
        [where_owner],
    )?;
    // Memberships whose last event the lock has seen carry the serial it saw.
    tx.execute(
        "UPDATE memberships SET last_seen_rcl_serial_no = \
           (SELECT g.rcl_serial_no FROM lock_groups g WHERE g.id = memberships.lock_group_id) \
           - (CASE WHEN leave_start_date IS NOT NULL AND leave_completed_date IS NULL THEN 1 ELSE 0 END) \
         WHERE last_seen_rcl_update_date IS NOT NULL AND lock_group_id IN (SELECT id FROM lock_groups WHERE owner_id = ?)",
        [where_owner],
    )?;
    Ok(())
}

/// Seeds the demo data into an empty database (no-op when any owner exists).
pub fn seed_demo(db: &Db) -> ApiResult<()> {
    db.write_blocking(|tx| {
        let owners: i64 = tx.query_row("SELECT count(*) FROM owners", [], |r| r.get(0))?;
        if owners > 0 {
            return Ok(());
        }
        let t0 = timefmt::now_ms();
        tx.execute("INSERT INTO owners (id, name, active) VALUES (1, 'Head Office', 1), (2, 'Warehouse', 1)", [])?;
        for (owner, locks) in [(1, LOCKS_1), (2, LOCKS_2)] {
            for (id, title, ty, active) in locks {
                insert_lock(tx, Some(*id), owner, title, ty, *active, t0)?;
            }
        }
        let (stale, days) = STALE_LOCK;
        tx.execute(
            "UPDATE bound_locks SET last_seen_rcl_update_date = ? WHERE id = ?",
            params![timefmt::format_ms(t0 - days * DAY + stale * 60_000), stale],
        )?;
        for (id, owner, title, desc, active) in GROUPS {
            insert_group(tx, Some(*id), *owner, title, *desc, *active)?;
            if !active {
                tx.execute(
                    "UPDATE lock_groups SET delete_date = ? WHERE id = ?",
                    params![timefmt::format_ms(t0 - GROUP_DELETED_DAYS * DAY), id],
                )?;
            }
        }
        for (k, (g, l, st)) in MEMBERSHIPS.iter().enumerate() {
            insert_membership(tx, *g, *l, *st, t0, k as i64)?;
        }
        fix_serials(tx, 1)?;
        fix_serials(tx, 2)?;
        for (id, owner, title, email, comment) in CONTACTS {
            tx.execute(
                "INSERT INTO contacts (id, owner_id, comment, ip_id, ip_user_id, email, ip_user_name, is_active, title) \
                 VALUES (?, ?, ?, 'tapkey', ?, ?, ?, 1, ?)",
                params![id, owner, comment, email, email, email, title],
            )?;
        }
        for (id, owner, target, contact, active, window, weekly) in GRANTS {
            let at = |days: Option<i64>| days.map(|d| timefmt::format_ms(t0 + d * DAY));
            let (from, before) = window.map_or((None, None), |(f, b)| (at(f), at(b)));
            let ical = weekly.then_some(DEMO_ICAL);
            tx.execute(
                "INSERT INTO grants (id, owner_id, target_id, contact_id, valid_from, valid_before, time_restriction_ical, \
                 state, active, create_date, revoke_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                params![
                    id,
                    owner,
                    target,
                    contact,
                    from,
                    before,
                    ical,
                    if *active { "Ok" } else { "Revoked" },
                    active,
                    timefmt::format_ms(t0 - 20 * DAY),
                    (!active).then(|| timefmt::format_ms(t0 - 8 * DAY)),
                ],
            )?;
        }
        // New IDs continue after the demo's.
        tx.execute("UPDATE sqlite_sequence SET seq = max(seq, 1000) WHERE name = 'targets'", [])?;
        Ok(())
    })
}

/// Adds owner "Scale N" with N groups ("Scale Group 000001" ...), N locks ("Scale Lock
/// 000001" ...), group i holding lock i (Joined) and lock i+1 (JoinPending, wrapping).
/// No-op when that owner exists.
pub fn seed_scale(db: &Db, n: u32) -> ApiResult<()> {
    let name = format!("Scale {n}");
    db.write_blocking(|tx| {
        let exists: bool = tx
            .prepare("SELECT 1 FROM owners WHERE name = ?")?
            .exists([&name])?;
        if exists || n == 0 {
            return Ok(());
        }
        tx.execute("INSERT INTO owners (name, active) VALUES (?, 1)", [&name])?;
        let owner = tx.last_insert_rowid();
        let t0 = timefmt::now_ms();
        let mut locks = Vec::with_capacity(n as usize);
        for i in 1..=n {
            locks.push(insert_lock(
                tx,
                None,
                owner,
                &format!("Scale Lock {i:06}"),
                "TK.Td30",
                true,
                t0,
            )?);
        }
        for i in 1..=n {
            let desc = format!("Benchmark group {i}.");
            let g = insert_group(
                tx,
                None,
                owner,
                &format!("Scale Group {i:06}"),
                Some(&desc),
                true,
            )?;
            let idx = (i - 1) as usize;
            insert_membership(tx, g, locks[idx], St::Joined, t0, 0)?;
            if n > 1 {
                insert_membership(tx, g, locks[(idx + 1) % n as usize], St::JoinPending, t0, 0)?;
            }
        }
        fix_serials(tx, owner)?;
        Ok(())
    })
}
