//! Headless Chromium under chromedriver, set up for a machine with no network: the real
//! binary, no sandbox (root), no background traffic, a fresh profile, and host lookups
//! limited to localhost. Shared by the end-to-end tests and the console benchmark.

use std::net::TcpListener;
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder};
use serde_json::json;

const CHROMIUM: &str = "/usr/lib/chromium/chromium";

/// A browser session; chromedriver and the profile directory live as long as it does.
pub struct Chrome {
    pub client: Client,
    _profile: tempfile::TempDir,
    _driver: tokio::process::Child,
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Waits until something listens on `port` of localhost; fails after `timeout`.
pub async fn wait_for_port(port: u16, timeout: Duration, what: &str) {
    let deadline = Instant::now() + timeout;
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        assert!(Instant::now() < deadline, "{what} did not start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

impl Chrome {
    /// Starts chromedriver and a Chromium session. A free port can be taken by another
    /// test between choosing it and chromedriver binding it (two tests start at once), so
    /// a launch that fails is retried on a new port before giving up.
    pub async fn launch() -> Chrome {
        let mut last_error = String::new();
        for _ in 0..3 {
            match Self::try_launch().await {
                Ok(chrome) => return chrome,
                Err(e) => last_error = e,
            }
        }
        panic!("no Chromium session after 3 attempts: {last_error}");
    }

    async fn try_launch() -> Result<Chrome, String> {
        let port = free_port();
        let mut driver = tokio::process::Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("chromedriver runs (scripts/setup --browser installs it)");
        wait_for_port(port, Duration::from_secs(15), "chromedriver").await;
        if let Ok(Some(status)) = driver.try_wait() {
            return Err(format!(
                "chromedriver exited ({status}), port {port} taken?"
            ));
        }

        let profile = tempfile::tempdir().unwrap();
        let args = [
            "--headless=new".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--disable-default-apps".into(),
            "--disable-extensions".into(),
            "--no-first-run".into(),
            "--no-default-browser-check".into(),
            "--window-size=1280,900".into(),
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost".into(),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let caps = json!({
            "goog:chromeOptions": { "binary": CHROMIUM, "args": args },
            "goog:loggingPrefs": { "browser": "ALL" },
        });
        let mut builder =
            ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
        builder.capabilities(caps.as_object().unwrap().clone());
        let client = builder
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .map_err(|e| format!("chromedriver on port {port}: {e}"))?;
        Ok(Chrome {
            client,
            _profile: profile,
            _driver: driver,
        })
    }
}

/// A Chrome DevTools Protocol command through chromedriver (e.g. blocking requests).
#[derive(Debug)]
pub struct Cdp(pub &'static str, pub serde_json::Value);

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or("")
        ))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.0, "params": self.1 });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// One entry of the browser's console log.
#[derive(Debug, Clone)]
pub struct LogEntry {
    pub level: String,
    pub message: String,
}

/// chromedriver's log endpoint (`goog:loggingPrefs` asks it to keep the browser's
/// console); each read returns the entries since the previous one.
#[derive(Debug)]
struct ReadLog;

impl WebDriverCompatibleCommand for ReadLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or("")))
    }
    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "type": "browser" }).to_string()),
        )
    }
}

/// The browser console's entries since the last read (all navigations of the session).
pub async fn console_log(client: &Client) -> Vec<LogEntry> {
    let value = client
        .issue_cmd(ReadLog)
        .await
        .expect("chromedriver returns the browser log");
    value
        .as_array()
        .map(|entries| {
            entries
                .iter()
                .map(|e| LogEntry {
                    level: e["level"].as_str().unwrap_or_default().to_string(),
                    message: e["message"].as_str().unwrap_or_default().to_string(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Whether a console error means the page itself failed: a Rust panic (what
/// `console_error_panic_hook` logs), a wasm trap, or an uncaught exception or rejection.
/// A failed request ("Failed to load resource: … 404") is not one.
pub fn is_page_failure(message: &str) -> bool {
    ["panicked at", "RuntimeError", "Uncaught"]
        .iter()
        .any(|m| message.contains(m))
}
