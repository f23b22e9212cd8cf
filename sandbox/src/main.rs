//! `sandbox`: the Lock Groups Admin sandbox API server. See `sandbox/README.md`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;

/// A faithful, persistent stand-in for the Tapkey lock groups API (under /api/v1), with a
/// sandbox-only lock sync (/sandbox/...) and OAuth sign-in (/connect/...); also serves the
/// built console from --static.
#[derive(Parser, Debug)]
#[command(name = "sandbox", version)]
struct Args {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
    addr: SocketAddr,
    /// SQLite database file; created (with its folder) and migrated when missing.
    #[arg(long, default_value = "data/sandbox.sqlite3", value_name = "PATH")]
    db: PathBuf,
    /// Folder of the built console, served for every path outside /api/, /sandbox/ and
    /// /connect/ (unknown paths get its index.html).
    #[arg(long = "static", default_value = "dist", value_name = "DIR")]
    static_dir: PathBuf,
    /// A bearer token with every scope (for development and the shipped console config).
    #[arg(long, value_name = "TOKEN")]
    dev_token: Option<String>,
    /// A bearer token with the given scopes, e.g. `--token reader=read:owneraccounts,read:core:entities`
    /// (repeatable).
    #[arg(long = "token", value_name = "TOKEN=SCOPE,SCOPE", value_parser = parse_token)]
    tokens: Vec<(String, Vec<String>)>,
    /// Seed the demo data (owners, locks, groups, memberships, contacts, grants) into an
    /// empty database; no-op when it holds data.
    #[arg(long)]
    demo: bool,
    /// Add an owner "Scale N" with N lock groups, N locks and 2N memberships (benchmarks);
    /// no-op when that owner exists.
    #[arg(long, value_name = "N")]
    demo_scale: Option<u32>,
    /// How many groups a lock may belong to at most.
    #[arg(long, default_value_t = 8, value_name = "N")]
    max_groups_per_lock: u32,
    /// Allow cross-origin requests from ORIGIN, e.g. http://127.0.0.1:8081 (repeatable);
    /// other origins get no CORS headers.
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    cors_origins: Vec<String>,
    /// Lifetime of access tokens issued by /connect/token, in seconds.
    #[arg(long, default_value_t = 3600, value_name = "SECONDS")]
    token_ttl: u64,
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

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let a = Args::parse();
    let config = sandbox::Config {
        addr: a.addr,
        db: a.db,
        static_dir: a.static_dir,
        dev_token: a.dev_token,
        tokens: a.tokens,
        demo: a.demo,
        demo_scale: a.demo_scale,
        max_groups_per_lock: a.max_groups_per_lock,
        cors_origins: a.cors_origins,
        token_ttl: Duration::from_secs(a.token_ttl),
    };
    let server = sandbox::start(config).await?;
    println!("Lock Groups Admin sandbox: {}/", server.url());
    shutdown_signal().await;
    server.shutdown().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
