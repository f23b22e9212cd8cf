//! `sandbox`: the Lock Groups Admin sandbox API server. See `sandbox/README.md`.

use clap::Parser;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let server = sandbox::start(sandbox::Config::parse()).await?;
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
