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

/// Everything the sandbox can be told on its command line; each default is written once,
/// here. Tests build it as `Config::default()` plus field assignments.
#[derive(clap::Parser, Debug, Clone)]
#[command(name = "sandbox", version)]
/// A faithful, persistent stand-in for the Tapkey lock groups API (under /api/v1), with a
/// sandbox-only lock sync (/sandbox/...) and OAuth sign-in (/connect/...); also serves the
/// built console from --static.
pub struct Config {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
    pub addr: SocketAddr,
    /// SQLite database file; created (with its folder) and migrated when missing.
    #[arg(long, default_value = "data/sandbox.sqlite3", value_name = "PATH")]
    pub db: PathBuf,
    /// Folder of the built console, served for every path outside /api/, /sandbox/ and
    /// /connect/ (unknown paths get its index.html).
    #[arg(long = "static", default_value = "dist", value_name = "DIR")]
    pub static_dir: PathBuf,
    /// A bearer token with every scope (for development and the shipped console config).
    #[arg(long, value_name = "TOKEN")]
    pub dev_token: Option<String>,
    /// A bearer token with the given scopes, e.g. `--token reader=read:owneraccounts,read:core:entities`
    /// (repeatable).
    #[arg(long = "token", value_name = "TOKEN=SCOPE,SCOPE", value_parser = parse_token)]
    pub tokens: Vec<(String, Vec<String>)>,
    /// Seed the demo data (owners, locks, groups, memberships, contacts, grants) into an
    /// empty database; no-op when it holds data.
    #[arg(long)]
    pub demo: bool,
    /// Add an owner "Scale N" with N lock groups, N locks and 2N memberships (benchmarks);
    /// no-op when that owner exists.
    #[arg(long, value_name = "N")]
    pub demo_scale: Option<u32>,
    /// How many groups a lock may belong to at most.
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub max_groups_per_lock: u32,
    /// Allow cross-origin requests from ORIGIN, e.g. http://127.0.0.1:8081 (repeatable);
    /// other origins get no CORS headers. ORIGIN/auth/callback is also registered as a
    /// sign-in redirect URI of the console (a console served from ORIGIN signs in there).
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    pub cors_origins: Vec<String>,
    /// Register one more sign-in redirect URI for the console's OAuth client
    /// `lock-groups-admin` (repeatable). The sandbox's own http://HOST:PORT/auth/callback
    /// (also as localhost for a loopback address) and each --cors-origin's /auth/callback
    /// are registered without it.
    #[arg(long = "redirect-uri", value_name = "URL", value_parser = parse_redirect_uri)]
    pub redirect_uris: Vec<String>,
    /// Lifetime of access tokens issued by /connect/token, in seconds.
    #[arg(long = "token-ttl", default_value = "3600", value_name = "SECONDS", value_parser = parse_seconds)]
    pub token_ttl: Duration,
    /// The sign-in server's clock (token and code expiry); tests keep a clone to move it.
    #[arg(skip)]
    pub clock: timefmt::Clock,
}

impl Default for Config {
    fn default() -> Self {
        use clap::Parser;
        Config::parse_from(["sandbox"])
    }
}

fn parse_token(s: &str) -> Result<(String, Vec<String>), String> {
    let (token, scopes) = s
        .split_once('=')
        .ok_or_else(|| "expected TOKEN=scope,scope".to_string())?;
    if token.is_empty() {
        return Err("the token must not be empty".to_string());
    }
    let scopes = scopes
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    Ok((token.to_string(), scopes))
}

fn parse_seconds(s: &str) -> Result<Duration, String> {
    s.parse::<u64>()
        .map(Duration::from_secs)
        .map_err(|_| format!("expected a number of seconds, not '{s}'"))
}

fn parse_redirect_uri(s: &str) -> Result<String, String> {
    oauth::check_redirect_uri(s).map(|()| s.to_string())
}

/// Shared state of the handlers.
#[derive(Clone)]
pub struct AppState {
    pub db: Arc<db::Db>,
    pub tokens: Arc<auth::Tokens>,
    pub oauth: Arc<oauth::OAuth>,
    pub max_groups_per_lock: u32,
    pub token_ttl: Duration,
    /// The sign-in server's clock (token and code expiry).
    pub clock: timefmt::Clock,
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

    // Bound first: the console's own callback on this address is a registered redirect URI.
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    let listener_addr = listener.local_addr()?;
    let tokens = Arc::new(auth::Tokens::new(config.clock.clone()));
    if let Some(t) = &config.dev_token {
        tokens.add_static(t, auth::ALL_SCOPES.iter().map(|s| s.to_string()).collect());
    }
    for (t, scopes) in &config.tokens {
        tokens.add_static(t, scopes.clone());
    }
    let state = AppState {
        db,
        tokens,
        oauth: Arc::new(oauth::OAuth::new(oauth::console_client(
            listener_addr,
            &config.cors_origins,
            &config.redirect_uris,
        ))),
        max_groups_per_lock: config.max_groups_per_lock,
        token_ttl: config.token_ttl,
        clock: config.clock.clone(),
        static_dir: Arc::new(config.static_dir.clone()),
        csp_reports: Arc::new(security::CspReports::default()),
    };
    let csp_reports = state.csp_reports.clone();
    let app = web::app(state, &config.cors_origins);

    let addr = listener_addr;
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

#[cfg(test)]
mod tests {
    use super::Config;
    use clap::Parser;

    #[test]
    fn the_command_line_and_default_agree() {
        let d = Config::default();
        assert_eq!(d.addr.to_string(), "127.0.0.1:8080");
        assert_eq!(d.token_ttl.as_secs(), 3600);
        assert_eq!(d.max_groups_per_lock, 8);
        let c = Config::try_parse_from([
            "sandbox",
            "--token-ttl",
            "5",
            "--redirect-uri",
            "https://admin.example/auth/callback",
            "--redirect-uri",
            "http://127.0.0.1:9/cb",
        ])
        .unwrap();
        assert_eq!(c.token_ttl.as_secs(), 5);
        assert_eq!(c.redirect_uris.len(), 2);
        for bad in [
            ["sandbox", "--redirect-uri", "javascript:alert(1)"],
            ["sandbox", "--redirect-uri", "https://a.example/cb#frag"],
            ["sandbox", "--token-ttl", "soon"],
        ] {
            assert!(Config::try_parse_from(bad).is_err(), "{bad:?}");
        }
    }
}
