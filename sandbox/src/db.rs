//! The SQLite store: WAL mode, schema migrations at start, one writer connection (one
//! `BEGIN IMMEDIATE` transaction per write request) and a small pool of readers.
//! All database work runs on tokio's blocking pool.
//!
//! Durability: `journal_mode=WAL` with `synchronous=NORMAL`. A commit is in the WAL file
//! (in the operating system's cache) before the response is sent, so killing the process
//! at any moment (even `kill -9`) loses no acknowledged write; only an operating-system
//! crash or power loss could lose the last commits, which is acceptable for a sandbox and
//! keeps writes fast.

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{ApiErr, ApiResult};

/// The schema, one entry per version (`PRAGMA user_version` counts the applied ones).
const MIGRATIONS: &[&str] = &[
    // 1: everything.
    r#"
    CREATE TABLE owners (
        id     INTEGER PRIMARY KEY,
        name   TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1
    );
    -- Bound locks and lock groups share one ID space ("lock-like targets"): a grant's
    -- boundLockId may name either.
    CREATE TABLE targets (
        id   INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('Lock', 'Group'))
    );
    CREATE TABLE bound_locks (
        id                        INTEGER PRIMARY KEY REFERENCES targets(id),
        owner_id                  INTEGER NOT NULL REFERENCES owners(id),
        physical_lock_id          TEXT NOT NULL,
        title                     TEXT NOT NULL,
        description               TEXT,
        lock_type_id              TEXT NOT NULL,
        bind_date                 TEXT NOT NULL,
        unbind_date               TEXT,
        active                    INTEGER NOT NULL DEFAULT 1,
        rcl_serial_no             INTEGER,
        rcl_date                  TEXT,
        last_seen_rcl_serial_no   INTEGER,
        last_seen_rcl_update_date TEXT
    );
    CREATE INDEX bound_locks_owner ON bound_locks(owner_id, active, title);
    CREATE INDEX bound_locks_physical ON bound_locks(physical_lock_id);
    CREATE TABLE lock_groups (
        id               INTEGER PRIMARY KEY REFERENCES targets(id),
        owner_id         INTEGER NOT NULL REFERENCES owners(id),
        active           INTEGER NOT NULL DEFAULT 1,
        rcl_serial_no    INTEGER,
        rcl_date         TEXT,
        physical_lock_id TEXT,
        title            TEXT NOT NULL,
        description      TEXT,
        delete_date      TEXT
    );
    CREATE INDEX lock_groups_owner_title ON lock_groups(owner_id, active, title);
    CREATE TABLE memberships (
        id                        INTEGER PRIMARY KEY,
        lock_group_id             INTEGER NOT NULL REFERENCES lock_groups(id),
        bound_lock_id             INTEGER NOT NULL REFERENCES bound_locks(id),
        join_start_date           TEXT,
        join_completed_date       TEXT,
        leave_start_date          TEXT,
        leave_completed_date      TEXT,
        last_seen_rcl_serial_no   INTEGER,
        last_seen_rcl_update_date TEXT
    );
    CREATE INDEX memberships_group ON memberships(lock_group_id);
    CREATE INDEX memberships_lock ON memberships(bound_lock_id);
    -- At most one membership of a lock in a group that has not started leaving.
    CREATE UNIQUE INDEX memberships_current
        ON memberships(lock_group_id, bound_lock_id) WHERE leave_start_date IS NULL;
    CREATE TABLE contacts (
        id           INTEGER PRIMARY KEY,
        owner_id     INTEGER NOT NULL REFERENCES owners(id),
        comment      TEXT,
        ip_id        TEXT,
        ip_user_id   TEXT,
        email        TEXT,
        ip_user_name TEXT,
        is_active    INTEGER NOT NULL DEFAULT 1,
        title        TEXT
    );
    CREATE INDEX contacts_owner_email ON contacts(owner_id, email);
    CREATE TABLE grants (
        id                    INTEGER PRIMARY KEY,
        owner_id              INTEGER NOT NULL REFERENCES owners(id),
        target_id             INTEGER NOT NULL REFERENCES targets(id),
        contact_id            INTEGER NOT NULL REFERENCES contacts(id),
        valid_from            TEXT,
        valid_before          TEXT,
        time_restriction_ical TEXT,
        state                 TEXT NOT NULL,
        active                INTEGER NOT NULL,
        create_date           TEXT NOT NULL,
        revoke_date           TEXT
    );
    CREATE INDEX grants_owner ON grants(owner_id);
    CREATE INDEX grants_target ON grants(target_id);
    "#,
    // 2: indexes that serve the default order (by id) of each owner's lists without a sort.
    r#"
    CREATE INDEX lock_groups_owner_id ON lock_groups(owner_id, active);
    CREATE INDEX bound_locks_owner_id ON bound_locks(owner_id, active);
    CREATE INDEX contacts_owner_id ON contacts(owner_id, is_active);
    "#,
];

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}

/// Opens (creating when missing) and migrates the database.
fn open_writer(path: &Path) -> anyhow::Result<Connection> {
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)?;
        }
    }
    let mut conn = Connection::open(path)?;
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        anyhow::bail!(
            "could not switch {} to WAL mode (got {mode})",
            path.display()
        );
    }
    configure(&conn)?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let version = usize::try_from(version).unwrap_or(0);
    if version > MIGRATIONS.len() {
        anyhow::bail!(
            "{} has schema version {version}, newer than this sandbox knows ({})",
            path.display(),
            MIGRATIONS.len()
        );
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(conn)
}

pub struct Db {
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
    path: std::path::PathBuf,
}

impl Db {
    pub fn open(path: &Path) -> anyhow::Result<Arc<Db>> {
        let writer = open_writer(path)?;
        Ok(Arc::new(Db {
            writer: Mutex::new(writer),
            readers: Mutex::new(Vec::new()),
            path: path.to_path_buf(),
        }))
    }

    fn reader(&self) -> ApiResult<Connection> {
        if let Some(c) = self.readers.lock().unwrap_or_else(|e| e.into_inner()).pop() {
            return Ok(c);
        }
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )?;
        configure(&conn)?;
        Ok(conn)
    }

    fn give_back(&self, conn: Connection) {
        let mut pool = self.readers.lock().unwrap_or_else(|e| e.into_inner());
        if pool.len() < 8 {
            pool.push(conn);
        }
    }

    /// Runs `f` in a read transaction (one consistent snapshot) on the blocking pool.
    pub async fn read<T, F>(self: &Arc<Self>, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Transaction) -> ApiResult<T> + Send + 'static,
    {
        let db = self.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = db.reader()?;
            let result = (|| {
                let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
                let out = f(&tx)?;
                tx.finish()?;
                Ok(out)
            })();
            db.give_back(conn);
            result
        })
        .await
        .map_err(|e| ApiErr::internal(format!("read task failed: {e}")))?
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction on the single writer connection;
    /// commits when `f` returns `Ok`, rolls back otherwise.
    pub async fn write<T, F>(self: &Arc<Self>, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Transaction) -> ApiResult<T> + Send + 'static,
    {
        let db = self.clone();
        tokio::task::spawn_blocking(move || db.write_blocking(f))
            .await
            .map_err(|e| ApiErr::internal(format!("write task failed: {e}")))?
    }

    /// [`Db::write`] on the calling thread (start-up seeding).
    pub fn write_blocking<T, F>(&self, f: F) -> ApiResult<T>
    where
        F: FnOnce(&Transaction) -> ApiResult<T>,
    {
        let mut conn = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}
