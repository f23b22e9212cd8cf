//! A faithful, persistent stand-in for the Tapkey lock groups API (axum + SQLite), which
//! also serves the built console. See `sandbox/README.md`.

pub mod api;
pub mod auth;
pub mod db;
pub mod error;
pub mod model;
pub mod oauth;
pub mod odata;
pub mod security;
pub mod seed;
pub mod timefmt;
mod web;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use rand::RngCore;

/// Everything the sandbox can be told on its command line.
#[derive(Debug, Clone)]
pub struct Config {
    /// `--addr HOST:PORT` (port 0: pick a free one).
    pub addr: SocketAddr,
    /// `--db PATH`: created and migrated when missing.
    pub db: PathBuf,
    /// `--static DIR`: the built console.
    pub static_dir: PathBuf,
    /// `--dev-token TOKEN`: a bearer token with every scope.
    pub dev_token: Option<String>,
    /// `--token TOKEN=scope,scope` (repeatable).
    pub tokens: Vec<(String, Vec<String>)>,
    /// `--demo`: seed the demo data into an empty database.
    pub demo: bool,
    /// `--demo-scale N`: an extra owner "Scale N" with N groups, N locks and memberships.
    pub demo_scale: Option<u32>,
    /// `--max-groups-per-lock N`.
    pub max_groups_per_lock: u32,
    /// `--cors-origin ORIGIN` (repeatable).
    pub cors_origins: Vec<String>,
    /// `--token-ttl SECONDS`: lifetime of OAuth access tokens.
    pub token_ttl: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            db: PathBuf::from("data/sandbox.sqlite3"),
            static_dir: PathBuf::from("dist"),
            dev_token: None,
            tokens: Vec::new(),
            demo: false,
            demo_scale: None,
            max_groups_per_lock: 8,
            cors_origins: Vec::new(),
            token_ttl: Duration::from_secs(3600),
        }
    }
}

/// Shared state of the handlers.
#[derive(Clone)]
pub struct AppState {
    pub db: Arc<db::Db>,
    pub tokens: Arc<auth::Tokens>,
    pub oauth: Arc<oauth::OAuth>,
    pub max_groups_per_lock: u32,
    pub token_ttl: Duration,
    pub static_dir: Arc<PathBuf>,
    /// Content-Security-Policy violation reports received (`/sandbox/csp-reports`).
    pub csp_reports: Arc<security::CspReports>,
}

/// A running sandbox.
pub struct Server {
    addr: SocketAddr,
    shutdown: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
    csp_reports: Arc<security::CspReports>,
}

impl Server {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://HOST:PORT`, without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The Content-Security-Policy violation reports browsers sent so far (each the body
    /// as received), oldest first.
    pub fn csp_reports(&self) -> Vec<String> {
        self.csp_reports.all()
    }

    /// As [`Server::csp_reports`], and forgets them.
    pub fn take_csp_reports(&self) -> Vec<String> {
        self.csp_reports.take()
    }

    /// Stops accepting connections and waits for open requests to finish.
    pub async fn shutdown(self) {
        let _ = self.shutdown.send(());
        let _ = self.task.await;
    }
}

/// Opens/migrates the database, seeds when asked, binds, and spawns serving on the current
/// tokio runtime.
pub async fn start(config: Config) -> anyhow::Result<Server> {
    let db_path = config.db.clone();
    let demo = config.demo;
    let scale = config.demo_scale;
    let db = tokio::task::spawn_blocking(move || -> anyhow::Result<Arc<db::Db>> {
        let db = db::Db::open(&db_path)?;
        if demo {
            seed::seed_demo(&db).map_err(|e| anyhow::anyhow!("seeding demo data: {e}"))?;
        }
        if let Some(n) = scale {
            seed::seed_scale(&db, n).map_err(|e| anyhow::anyhow!("seeding scale data: {e}"))?;
        }
        Ok(db)
    })
    .await??;

    let tokens = Arc::new(auth::Tokens::default());
    if let Some(t) = &config.dev_token {
        tokens.add_static(t, auth::ALL_SCOPES.iter().map(|s| s.to_string()).collect());
    }
    for (t, scopes) in &config.tokens {
        tokens.add_static(t, scopes.clone());
    }
    let state = AppState {
        db,
        tokens,
        oauth: Arc::new(oauth::OAuth::default()),
        max_groups_per_lock: config.max_groups_per_lock,
        token_ttl: config.token_ttl,
        static_dir: Arc::new(config.static_dir.clone()),
        csp_reports: Arc::new(security::CspReports::default()),
    };
    let csp_reports = state.csp_reports.clone();
    let app = web::app(state, &config.cors_origins);

    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    let addr = listener.local_addr()?;
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = rx.await;
            })
            .await;
        if let Err(e) = served {
            eprintln!("sandbox: server error: {e}");
        }
    });
    Ok(Server {
        addr,
        shutdown: tx,
        task,
        csp_reports,
    })
}

/// `n` random bytes, base64url without padding (tokens, codes).
pub fn random_token(n: usize) -> String {
    let mut b = vec![0u8; n];
    rand::rng().fill_bytes(&mut b);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

/// A new group's `physicalLockId`: 14 random bytes, standard base64 (like `DAAl1T7twFAiUeZ56tI=`).
pub fn random_physical_id() -> String {
    let mut b = [0u8; 14];
    rand::rng().fill_bytes(&mut b);
    base64::engine::general_purpose::STANDARD.encode(b)
}
