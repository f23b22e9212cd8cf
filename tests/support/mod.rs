//! Browser end-to-end harness: an in-process sandbox (real HTTP on a free port, a fresh
//! SQLite file, demo data) serving the release build in `dist/`, and headless Chromium
//! driven through chromedriver. Elements are found the way a user finds them: by role
//! and accessible name. On failure a screenshot and the page HTML are saved under
//! `tests/artifacts/<test>/`.
//!
//! The console's Content-Security-Policy is in force in every test (the sandbox sends it
//! with `report-uri /sandbox/csp-reports`): a test fails when the browser reported any
//! violation, with the report's text.
//!
//! Every test also fails when the page logged a Rust panic, a wasm trap (`RuntimeError`)
//! or an uncaught error (read from Chromium's console log after the test): after a panic
//! the wasm instance is in an undefined state even when the page still looks right.

#![allow(dead_code)]

pub mod browser;
pub mod german;
pub mod nginx;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::elements::{Element, ElementRef};
use fantoccini::Client;
use futures::FutureExt;
use serde_json::{json, Value};

pub const DEV_TOKEN: &str = "sandbox-dev-token";
const WAIT: Duration = Duration::from_secs(15);
/// How often [`eventually`] looks again.
const POLL: Duration = Duration::from_millis(100);
/// How many Tab presses a keyboard path may take (a 25-row list has four links a row).
const MAX_PRESSES: usize = 150;

/// Tries `probe` until it returns `Ok`, every [`POLL`] for up to [`WAIT`], and returns
/// its value; then fails with `what` and what the last try saw (the probe's `Err`). The
/// one waiting loop of the browser tests: the page changes asynchronously, so every
/// check waits for the state it expects instead of sleeping a fixed time.
pub async fn eventually<T, Fut>(what: impl std::fmt::Display, mut probe: impl FnMut() -> Fut) -> T
where
    Fut: std::future::Future<Output = Result<T, String>>,
{
    let deadline = Instant::now() + WAIT;
    loop {
        match probe().await {
            Ok(value) => return value,
            Err(seen) if Instant::now() >= deadline => panic!("{what}: {seen}"),
            Err(_) => tokio::time::sleep(POLL).await,
        }
    }
}

/// One running test: sandbox + browser.
pub struct Session {
    pub browser: Client,
    pub server: sandbox::Server,
    pub http: reqwest::Client,
    /// The browser console's entries read so far and not yet taken by a check.
    console: std::sync::Mutex<Vec<browser::LogEntry>>,
    /// Where the console is served: the sandbox, or nginx in the two-origin tests.
    console_url: String,
    _console: Option<(nginx::Nginx, tempfile::TempDir)>,
    _db_dir: tempfile::TempDir,
    _chrome: browser::Chrome,
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `body` against a fresh sandbox (with `--demo`) and browser; on failure saves
/// the evidence, then fails the test with the original panic.
pub async fn run<F>(name: &str, body: F)
where
    F: AsyncFnOnce(&Session),
{
    run_with(name, sandbox::Config::default(), body).await
}

/// As [`run`], with sandbox settings of the test's choosing (addr, db, static dir, demo
/// and dev token are filled in).
pub async fn run_with<F>(name: &str, config: sandbox::Config, body: F)
where
    F: AsyncFnOnce(&Session),
{
    run_session(name, Session::start(config, false).await, body).await
}

/// As [`run`], with the console served by nginx with the example configuration
/// (`deploy/nginx/lock-groups-admin.conf`) on one origin, and the sandbox's API and
/// sign-in on another (allowed by `--cors-origin`). The console's `config.json` names
/// the sandbox's absolute URLs and no dev token: the admin signs in.
pub async fn run_two_origins<F>(name: &str, body: F)
where
    F: AsyncFnOnce(&Session),
{
    run_session(
        name,
        Session::start(sandbox::Config::default(), true).await,
        body,
    )
    .await
}

async fn run_session<F>(name: &str, session: Session, body: F)
where
    F: AsyncFnOnce(&Session),
{
    let mut outcome = std::panic::AssertUnwindSafe(body(&session))
        .catch_unwind()
        .await;
    if outcome.is_ok() {
        // Also failures: a panic, trap or uncaught error in the page, and anything the
        // CSP blocked during the test.
        outcome = std::panic::AssertUnwindSafe(async {
            session.assert_no_page_errors().await;
            session.assert_no_csp_violations().await;
        })
        .catch_unwind()
        .await;
    }
    if outcome.is_err() {
        // Blocked requests often explain a failure: show what the CSP reported.
        let reports = session.server.take_csp_reports();
        if !reports.is_empty() {
            eprintln!("CSP violation reports:\n{}", reports.join("\n"));
        }
        session.save_evidence(name).await;
    }
    let _ = session.browser.clone().close().await;
    session.server.shutdown().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

impl Session {
    async fn start(mut config: sandbox::Config, two_origins: bool) -> Session {
        let dist = repo_root().join("dist");
        assert!(
            dist.join("index.html").exists(),
            "dist/index.html is missing: build the console first (`trunk build --release`, \
             which the README's test command does)"
        );
        let db_dir = tempfile::tempdir().unwrap();
        config.addr = "127.0.0.1:0".parse().unwrap();
        config.db = db_dir.path().join("sandbox.sqlite3");
        config.static_dir = dist;
        config.demo = true;
        config.dev_token = Some(DEV_TOKEN.into());
        let console_port = two_origins.then(browser::free_port);
        if let Some(port) = console_port {
            config.cors_origins.push(format!("http://127.0.0.1:{port}"));
        }
        let server = sandbox::start(config).await.expect("sandbox starts");
        let (console_url, console) = if let Some(console_port) = console_port {
            let api = server.url();
            let config = json!({
                "apiBaseUrl": format!("{api}/api/v1"),
                "sandbox": true,
                "signIn": {
                    "authorizeUrl": format!("{api}/connect/authorize"),
                    "tokenUrl": format!("{api}/connect/token"),
                    "clientId": "lock-groups-admin",
                    "scopes": "read:owneraccounts read:core:entities write:core:entities read:grants write:grants offline_access",
                    "redirectUri": "/auth/callback",
                },
            });
            let root = nginx::console_root(&serde_json::to_string_pretty(&config).unwrap());
            let report_uri = format!("{api}{}", sandbox::security::REPORT_PATH);
            let web = nginx::Nginx::start(console_port, root.path(), &api, Some(&report_uri));
            (web.url(), Some((web, root)))
        } else {
            (server.url(), None)
        };

        let chrome = browser::Chrome::launch().await;

        Session {
            browser: chrome.client.clone(),
            server,
            http: reqwest::Client::new(),
            console: Default::default(),
            console_url,
            _console: console,
            _db_dir: db_dir,
            _chrome: chrome,
        }
    }

    async fn save_evidence(&self, name: &str) {
        let dir = repo_root().join("tests/artifacts").join(name);
        let _ = std::fs::create_dir_all(&dir);
        if let Ok(png) = self.browser.screenshot().await {
            let _ = std::fs::write(dir.join("screenshot.png"), png);
        }
        if let Ok(html) = self.browser.source().await {
            let _ = std::fs::write(dir.join("page.html"), html);
        }
        if let Ok(url) = self.browser.current_url().await {
            let _ = std::fs::write(dir.join("url.txt"), url.as_str());
        }
        eprintln!("evidence saved in {}", dir.display());
    }

    /// Absolute URL of a console path (on the sandbox, or on nginx in the two-origin tests).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.console_url, path)
    }

    /// The text a console path serves over plain HTTP (outside the browser).
    pub async fn fetch_text(&self, path: &str) -> String {
        let response = self.http.get(self.url(path)).send().await.unwrap();
        assert!(
            response.status().is_success(),
            "GET {path}: {}",
            response.status()
        );
        response.text().await.unwrap()
    }

    /// The violation reports the browser sent since the last call, each as received.
    /// Chromium also logs every violation to the console at once, so the check waits for
    /// reports only when the console shows a violation whose report has not arrived yet.
    pub async fn take_csp_reports(&self) -> Vec<String> {
        let logged = self
            .take_console(|e| e.message.contains("Content Security Policy"))
            .await;
        if logged.is_empty() {
            return self.server.take_csp_reports();
        }
        // One report per violation logged; they arrive one by one, so wait for all of them
        // (a few seconds at most), and fail only when none came at all.
        let mut reports = Vec::new();
        for _ in 0..50 {
            reports.extend(self.server.take_csp_reports());
            if reports.len() >= logged.len() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(
            !reports.is_empty(),
            "the console logged CSP violations but no report arrived: {logged:?}"
        );
        reports
    }

    /// Takes the console entries that `wanted` picks from what the browser logged so far,
    /// leaving the others for the other checks.
    async fn take_console(&self, wanted: impl Fn(&browser::LogEntry) -> bool) -> Vec<String> {
        let new = browser::console_log(&self.browser).await;
        let mut all = self.console.lock().unwrap();
        all.extend(new);
        let (taken, kept): (Vec<_>, Vec<_>) = all.drain(..).partition(|e| wanted(e));
        *all = kept;
        taken.into_iter().map(|e| e.message).collect()
    }

    /// Fails, with their text, when the browser reported Content-Security-Policy violations
    /// (run after every test by [`run`]).
    pub async fn assert_no_csp_violations(&self) {
        let reports = self.take_csp_reports().await;
        assert!(
            reports.is_empty(),
            "the Content-Security-Policy blocked something during the test ({} reports):\n{}",
            reports.len(),
            reports.join("\n")
        );
    }

    /// Fails, with their text, when the page logged a Rust panic, a wasm trap or an
    /// uncaught error since the last call (run after every test by [`run`]). Failed
    /// requests (a 404 the test asked for) are not errors of the page and are ignored.
    pub async fn assert_no_page_errors(&self) {
        let errors = self.take_page_errors().await;
        assert!(
            errors.is_empty(),
            "the page panicked or threw during the test ({} entries):\n{}",
            errors.len(),
            errors.join("\n")
        );
    }

    /// The browser console's error entries that mean the page itself failed, since the
    /// last call: Rust panics (the panic hook's "panicked at"), wasm traps and uncaught
    /// exceptions or rejections.
    pub async fn take_page_errors(&self) -> Vec<String> {
        self.take_console(|e| e.level == "SEVERE" && browser::is_page_failure(&e.message))
            .await
    }

    /// Makes the browser fail every request whose URL matches one of `patterns` (`*`
    /// wildcards) as if the network were down; an empty list lifts the block.
    pub async fn block_requests(&self, patterns: &[&str]) {
        for (cmd, params) in [
            ("Network.enable", json!({})),
            ("Network.setBlockedURLs", json!({ "urls": patterns })),
        ] {
            self.browser
                .issue_cmd(browser::Cdp(cmd, params))
                .await
                .expect("chromedriver runs the DevTools command");
        }
    }

    /// Takes the browser off the network, or back on it, as a dropped connection does:
    /// every request fails and `navigator.onLine` and the `offline`/`online` events follow.
    pub async fn set_offline(&self, offline: bool) {
        self.emulate_network(offline, 0).await;
    }

    /// Makes every request take `ms` longer (0: as fast as loopback), to see what a page
    /// shows while its data is on the way.
    pub async fn set_latency(&self, ms: u32) {
        self.emulate_network(false, ms).await;
    }

    async fn emulate_network(&self, offline: bool, latency: u32) {
        let conditions = json!({
            "offline": offline, "latency": latency, "downloadThroughput": -1, "uploadThroughput": -1,
        });
        for (cmd, params) in [
            ("Network.enable", json!({})),
            ("Network.emulateNetworkConditions", conditions),
        ] {
            self.browser
                .issue_cmd(browser::Cdp(cmd, params))
                .await
                .expect("chromedriver runs the DevTools command");
        }
    }

    pub async fn goto(&self, path: &str) {
        self.browser
            .goto(&self.url(path))
            .await
            .expect("navigation");
    }

    /// The path (and query) the browser is at now.
    pub async fn path(&self) -> String {
        let url = self.browser.current_url().await.expect("current url");
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        }
    }

    /// Waits until the browser's path (with query) satisfies `want`.
    pub async fn wait_for_path(&self, want: impl Fn(&str) -> bool, what: &str) -> String {
        let want = &want;
        eventually(format!("waited for {what}"), move || async move {
            let path = self.path().await;
            if want(&path) {
                Ok(path)
            } else {
                Err(format!("still at {path}"))
            }
        })
        .await
    }

    /// Finds the visible elements with this ARIA role whose accessible name is `name`
    /// (whitespace-normalised, exact), waiting for at least one.
    pub async fn all_by_role(&self, role: &str, name: &str) -> Vec<Element> {
        eventually(format!("no {role} named {name:?}"), move || async move {
            let found = self.query_role(role, Some(name)).await;
            if found.is_empty() {
                let names = self.names_of_role(role).await;
                Err(format!("visible {role}s: {names:?}"))
            } else {
                Ok(found)
            }
        })
        .await
    }

    /// The first visible element with this role whose accessible name starts with
    /// `prefix`, waiting for one.
    pub async fn by_role_prefix(&self, role: &str, prefix: &str) -> Element {
        eventually(format!("no {role} named {prefix:?}…"), move || async move {
            match self
                .query_role_with(role, Some(prefix), true)
                .await
                .into_iter()
                .next()
            {
                Some(found) => Ok(found),
                None => {
                    let names = self.names_of_role(role).await;
                    Err(format!("visible {role}s: {names:?}"))
                }
            }
        })
        .await
    }

    /// The one visible element with this role and accessible name.
    pub async fn by_role(&self, role: &str, name: &str) -> Element {
        let mut all = self.all_by_role(role, name).await;
        assert_eq!(
            all.len(),
            1,
            "expected one {role} named {name:?}, found {}",
            all.len()
        );
        all.remove(0)
    }

    /// Accessible names of every visible element with this role (no waiting).
    pub async fn names_of_role(&self, role: &str) -> Vec<String> {
        let value = self
            .browser
            .execute(
                &format!("{FIND_BY_ROLE}\nreturn names(arguments[0]);"),
                vec![json!(role)],
            )
            .await
            .expect("script runs");
        serde_json::from_value(value).unwrap_or_default()
    }

    /// Waits until no visible element has this role and name.
    pub async fn wait_gone(&self, role: &str, name: &str) {
        eventually(
            format!("{role} {name:?} did not go away"),
            move || async move {
                match self.query_role(role, Some(name)).await.len() {
                    0 => Ok(()),
                    n => Err(format!("{n} still there")),
                }
            },
        )
        .await
    }

    /// The visible elements with this role and name (no waiting).
    pub async fn query_role(&self, role: &str, name: Option<&str>) -> Vec<Element> {
        self.query_role_with(role, name, false).await
    }

    async fn query_role_with(&self, role: &str, name: Option<&str>, prefix: bool) -> Vec<Element> {
        let value = self
            .browser
            .execute(
                &format!("{FIND_BY_ROLE}\nreturn find(arguments[0], arguments[1], arguments[2]);"),
                vec![json!(role), json!(name), json!(prefix)],
            )
            .await
            .expect("script runs");
        value
            .as_array()
            .map(|items| items.iter().filter_map(|v| self.element(v)).collect())
            .unwrap_or_default()
    }

    fn element(&self, value: &Value) -> Option<Element> {
        let id = value.get("element-6066-11e4-a52e-4f735466cecf")?.as_str()?;
        Some(Element::from_element_id(
            self.browser.clone(),
            ElementRef::from(id.to_string()),
        ))
    }

    /// Waits until the page's visible text contains `text`.
    pub async fn wait_for_text(&self, text: &str) {
        eventually(
            format!("text {text:?} never appeared"),
            move || async move {
                let body: String = serde_json::from_value(
                    self.browser
                        .execute("return document.body.innerText;", vec![])
                        .await
                        .expect("script runs"),
                )
                .unwrap_or_default();
                if body.contains(text) {
                    Ok(())
                } else {
                    Err(format!("page says:\n{body}"))
                }
            },
        )
        .await
    }

    /// The visible texts of a `<select>`'s options.
    pub async fn option_texts(&self, select: &Element) -> Vec<String> {
        let value = self
            .browser
            .execute(
                "return [...arguments[0].options].map(o => o.textContent.trim());",
                vec![serde_json::to_value(select).unwrap()],
            )
            .await
            .expect("script runs");
        serde_json::from_value(value).unwrap()
    }

    /// PUT on the sandbox API with the dev token; the JSON answer.
    pub async fn api_put(&self, path: &str, body: Value) -> Value {
        let response = self
            .http
            .put(format!("{}/api/v1{path}", self.server.url()))
            .bearer_auth(DEV_TOKEN)
            .json(&body)
            .send()
            .await
            .expect("API answers");
        assert!(
            response.status().is_success(),
            "PUT {path}: {}",
            response.status()
        );
        response.json().await.expect("JSON")
    }

    /// Empties a text field the way a user does (select all, delete), so the page sees
    /// `input` events; WebDriver's own clear() only fires `change`.
    pub async fn clear(&self, field: &Element) {
        field
            .send_keys("\u{e009}a\u{e009}\u{e003}")
            .await
            .expect("keys");
    }

    /// Reloads the page.
    pub async fn reload(&self) {
        self.browser.refresh().await.expect("reload");
    }

    /// The browser's back button.
    pub async fn back(&self) {
        self.browser.back().await.expect("back");
    }

    /// Texts of the cells of one column of the table whose accessible name (caption) starts
    /// with `table`,
    /// body rows only.
    pub async fn column(&self, table: &str, column: usize) -> Vec<String> {
        let table = self.by_role_prefix("table", table).await;
        let value = self
            .browser
            .execute(
                "return [...arguments[0].tBodies[0].rows].map(r => r.cells[arguments[1]].innerText.trim());",
                vec![serde_json::to_value(&table).unwrap(), json!(column)],
            )
            .await
            .expect("script runs");
        serde_json::from_value(value).unwrap()
    }

    /// Accessible name of the element that has focus.
    pub async fn focused_name(&self) -> String {
        let value = self
            .browser
            .execute(
                &format!("{FIND_BY_ROLE}\nconst a = document.activeElement; return !a || a === document.body ? '(body)' : accName(a);"),
                vec![],
            )
            .await
            .expect("script runs");
        value.as_str().unwrap_or_default().to_string()
    }

    /// GET on the sandbox API with the dev token, as JSON.
    pub async fn api_get<T: serde::de::DeserializeOwned>(&self, path: &str) -> T {
        let response = self
            .http
            .get(format!("{}/api/v1{path}", self.server.url()))
            .bearer_auth(DEV_TOKEN)
            .send()
            .await
            .expect("API answers");
        assert!(
            response.status().is_success(),
            "GET {path}: {}",
            response.status()
        );
        response.json().await.expect("JSON")
    }
}

/// Finds elements by ARIA role and accessible name. A compact version of the
/// accessible-name rules: aria-labelledby, aria-label, <label>, alt, <caption>/<legend>,
/// then text content, then title. Explicit `role` attributes win over native ones.
const FIND_BY_ROLE: &str = r#"
const NATIVE = {
  button: 'button, input[type=submit], input[type=button], input[type=reset], summary',
  link: 'a[href]',
  textbox: 'input:not([type]):not([list]), input[type=text]:not([list]), input[type=email]:not([list]), input[type=url]:not([list]), input[type=tel]:not([list]), input[type=password], textarea',
  searchbox: 'input[type=search]',
  spinbutton: 'input[type=number]',
  // A text field with suggestions (`list`) is a combobox, as browsers expose it.
  combobox: 'select:not([multiple]):not([size]), input[list]',
  listbox: 'select[multiple], select[size]',
  option: 'option',
  checkbox: 'input[type=checkbox]',
  radio: 'input[type=radio]',
  heading: 'h1, h2, h3, h4, h5, h6',
  table: 'table',
  row: 'tr',
  cell: 'td',
  columnheader: 'thead th, tr > th[scope=col]',
  rowheader: 'th[scope=row]',
  dialog: 'dialog',
  navigation: 'nav',
  main: 'main',
  banner: 'body > header',
  contentinfo: 'body > footer',
  img: 'img[alt]:not([alt=""])',
  list: 'ul, ol',
  listitem: 'li',
  group: 'fieldset',
  form: 'form',
};
const norm = s => (s || '').replace(/\s+/g, ' ').trim();
function visible(el) {
  if (el.tagName === 'OPTION') return true;
  if (el.closest('[hidden], [aria-hidden=true]')) return false;
  const r = el.getClientRects();
  return r.length > 0 && getComputedStyle(el).visibility !== 'hidden';
}
function textOf(el) {
  // Text content, without hidden descendants.
  if (el.nodeType === 3) return el.textContent;
  if (el.nodeType !== 1) return '';
  if (el.getAttribute('aria-hidden') === 'true' || el.hidden) return '';
  if (el.getAttribute('aria-label')) return el.getAttribute('aria-label');
  if (el.tagName === 'IMG') return el.alt || '';
  return [...el.childNodes].map(textOf).join(el.tagName === 'BR' ? ' ' : '');
}
function accName(el) {
  const by = el.getAttribute('aria-labelledby');
  if (by) return norm(by.split(/\s+/).map(id => { const e = document.getElementById(id); return e ? textOf(e) : ''; }).join(' '));
  const al = el.getAttribute('aria-label');
  if (al) return norm(al);
  if (el.labels && el.labels.length) return norm([...el.labels].map(textOf).join(' '));
  if (el.tagName === 'INPUT' && ['submit', 'button', 'reset'].includes(el.type)) return norm(el.value);
  if (el.tagName === 'IMG') return norm(el.alt);
  if (el.tagName === 'TABLE') { const c = el.querySelector(':scope > caption'); if (c) return norm(textOf(c)); }
  if (el.tagName === 'FIELDSET') { const l = el.querySelector(':scope > legend'); if (l) return norm(textOf(l)); }
  if (['INPUT', 'SELECT', 'TEXTAREA', 'DIALOG', 'NAV', 'MAIN', 'TABLE', 'UL', 'OL', 'FORM'].includes(el.tagName) ||
      ['dialog', 'alertdialog', 'region', 'navigation', 'group', 'img', 'list'].includes(el.getAttribute('role'))) {
    return norm(el.getAttribute('title'));
  }
  return norm(textOf(el)) || norm(el.getAttribute('title'));
}
function candidates(role) {
  const explicit = [...document.querySelectorAll('[role]')].filter(e => e.getAttribute('role').split(/\s+/)[0] === role);
  const native = NATIVE[role] ? [...document.querySelectorAll(NATIVE[role])].filter(e => !e.hasAttribute('role')) : [];
  return [...new Set([...explicit, ...native])].filter(visible);
}
function find(role, name, prefix) {
  return candidates(role).filter(e => name === null ||
    (prefix ? accName(e).startsWith(norm(name)) : accName(e) === norm(name)));
}
function names(role) { return candidates(role).map(accName); }
"#;

// Helpers for the memberships, diagram and grants tests.
impl Session {
    /// The visible text of the table row whose row header starts with `name` (the first
    /// such row), or `None`.
    pub async fn row_text(&self, name: &str) -> Option<String> {
        let value = self
            .browser
            .execute(
                r#"const norm = s => (s || '').replace(/\s+/g, ' ').trim();
                   const th = [...document.querySelectorAll('th[scope=row]')]
                     .find(th => norm(th.innerText).startsWith(arguments[0]) && th.getClientRects().length);
                   return th ? norm(th.closest('tr').innerText) : null;"#,
                vec![json!(name)],
            )
            .await
            .expect("script runs");
        value.as_str().map(str::to_string)
    }

    /// Waits until the row headed `name` exists and its text contains `want`; returns it.
    pub async fn wait_row(&self, name: &str, want: &str) -> String {
        eventually(
            format!("row {name:?} never contained {want:?}"),
            move || async move {
                match self.row_text(name).await {
                    Some(t) if t.contains(want) => Ok(t),
                    other => Err(format!("it says: {other:?}")),
                }
            },
        )
        .await
    }

    /// Waits until no row is headed `name`.
    pub async fn wait_no_row(&self, name: &str) {
        eventually(
            format!("row {name:?} did not go away"),
            move || async move {
                match self.row_text(name).await {
                    None => Ok(()),
                    Some(t) => Err(format!("it says: {t}")),
                }
            },
        )
        .await
    }

    /// Clicks the element with this role and name. Finds it again when the page replaced
    /// it between finding and clicking (the Members tab refreshes itself while a change is
    /// pending, re-rendering its rows). The element is first scrolled to the middle of its
    /// scroll box, as a person would before clicking: WebDriver scrolls only what is outside
    /// the viewport, so a control under a dialog's sticky actions would stay covered.
    pub async fn click(&self, role: &str, name: &str) {
        for attempt in 1..=3 {
            let element = self.by_role(role, name).await;
            let _ = self
                .browser
                .execute(
                    "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});",
                    vec![serde_json::to_value(&element).unwrap()],
                )
                .await;
            match element.click().await {
                Ok(()) => return,
                Err(e) if attempt < 3 && e.to_string().contains("stale element") => continue,
                Err(e) => panic!("clicking {role} {name:?}: {e}"),
            }
        }
    }

    /// Makes the page's viewport (`innerWidth` × `innerHeight`) `w` × `h` CSS pixels: sets
    /// the window size, then corrects it by whatever the browser's frame takes.
    pub async fn set_viewport(&self, (w, h): (u32, u32)) {
        for _ in 0..3 {
            let (ww, wh) = self.browser.get_window_size().await.expect("window size");
            let inner = self.eval("return [innerWidth, innerHeight];").await;
            let (iw, ih) = (as_px(&inner[0]), as_px(&inner[1]));
            if (iw, ih) == (w, h) {
                return;
            }
            let (fw, fh) = (ww as i64 - iw as i64, wh as i64 - ih as i64);
            self.browser
                .set_window_size((w as i64 + fw.max(0)) as u32, (h as i64 + fh.max(0)) as u32)
                .await
                .expect("window resizes");
        }
        let inner = self.eval("return [innerWidth, innerHeight];").await;
        assert_eq!(
            (as_px(&inner[0]), as_px(&inner[1])),
            (w, h),
            "the viewport could not be set to {w}×{h}"
        );
    }

    /// Opens a row's menu ("Actions for `row`") and chooses `item` in it ("Details",
    /// "Show in diagram", "Remove from group…", "Sync now (sandbox)").
    pub async fn row_action(&self, row: &str, item: &str) {
        self.click("button", &format!("Actions for {row}")).await;
        let role = if item == "Details" {
            "menuitemcheckbox"
        } else {
            "menuitem"
        };
        self.click(role, item).await;
    }

    /// Opens "New lock group", types `title` and clicks "Create lock group" (whatever the
    /// server then answers is for the test to check).
    pub async fn submit_new_group(&self, title: &str) {
        self.by_role("button", "New lock group")
            .await
            .click()
            .await
            .unwrap();
        self.by_role("textbox", "Title")
            .await
            .send_keys(title)
            .await
            .unwrap();
        self.by_role("button", "Create lock group")
            .await
            .click()
            .await
            .unwrap();
    }

    /// Presses a key on the focused element (e.g. `"\u{E00C}"` for Escape).
    pub async fn press(&self, key: &str) {
        let focused = self
            .browser
            .active_element()
            .await
            .expect("a focused element");
        match focused.send_keys(key).await {
            Ok(()) => {}
            // WebDriver refuses keys for an element it deems not interactable (one being
            // hidden while it has focus); a person's key still goes to whatever has focus,
            // which is what key actions do.
            Err(e) if e.is_element_not_interactable() => self.press_as_actions(key).await,
            // The focused element was replaced between finding it and pressing (a row
            // re-rendered): the key goes to whatever has focus now, as a person's would.
            Err(e) if e.to_string().contains("stale element") => self.press_as_actions(key).await,
            Err(e) => panic!("key press: {e:?}"),
        }
    }

    async fn press_as_actions(&self, key: &str) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        // Shift, Control, Alt stay down until the end, as with send_keys.
        let modifiers = ['\u{E008}', '\u{E009}', '\u{E00A}'];
        let mut actions = KeyActions::new("keyboard".into());
        let mut held = Vec::new();
        for c in key.chars() {
            actions = actions.then(KeyAction::Down { value: c });
            if modifiers.contains(&c) {
                held.push(c);
            } else {
                actions = actions.then(KeyAction::Up { value: c });
            }
        }
        for c in held.into_iter().rev() {
            actions = actions.then(KeyAction::Up { value: c });
        }
        self.browser
            .perform_actions(actions)
            .await
            .expect("key press");
    }

    /// POST without a body on the sandbox (outside `/api/v1` when `path` starts with
    /// `/sandbox`), with the dev token.
    pub async fn sandbox_post(&self, path: &str) {
        let response = self
            .http
            .post(format!("{}{path}", self.server.url()))
            .bearer_auth(DEV_TOKEN)
            .send()
            .await
            .expect("sandbox answers");
        assert!(
            response.status().is_success(),
            "POST {path}: {}",
            response.status()
        );
    }

    /// Runs a script in the page and returns its value.
    pub async fn eval(&self, script: &str) -> Value {
        self.browser
            .execute(script, vec![])
            .await
            .expect("script runs")
    }
}

// The accessibility audit (tests/e2e_a11y.rs): axe-core in the page.
impl Session {
    /// Runs axe-core on the whole page as it is now. Fails the test listing every
    /// violation of impact "serious" or "critical"; prints minor and moderate ones as
    /// warnings. `what` names the page state in the messages.
    pub async fn assert_accessible(&self, what: &str) {
        self.audit(what, false).await;
    }

    /// Like [`Session::assert_accessible`], but any violation fails, minor ones too.
    pub async fn assert_no_axe_violations(&self, what: &str) {
        self.audit(what, true).await;
    }

    async fn audit(&self, what: &str, strict: bool) {
        static AXE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let loaded = self.eval("return typeof window.axe === 'object';").await;
        if loaded != json!(true) {
            let source = AXE.get_or_init(|| {
                let path = repo_root().join("node_modules/axe-core/axe.min.js");
                std::fs::read_to_string(&path).unwrap_or_else(|e| {
                    panic!("{}: {e} (scripts/setup installs it)", path.display())
                })
            });
            self.browser
                .execute(source, vec![])
                .await
                .expect("axe-core loads");
        }
        let value = self
            .browser
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   // Colours are judged once transitions (the notice fading in) are over.
                   const moving = document.getAnimations()
                     .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
                     .map(a => a.finished.catch(() => {}));
                   Promise.all(moving).then(() => axe.run(document, {resultTypes: ['violations']})).then(
                     r => done(r.violations.map(v => ({
                       id: v.id, impact: v.impact, help: v.help,
                       nodes: v.nodes.length,
                       targets: v.nodes.slice(0, 4).map(n =>
                         n.target.join(' ') + '  ' + n.html.slice(0, 160) +
                         (n.failureSummary ? '\n        ' + n.failureSummary.replace(/\s+/g, ' ').slice(0, 240) : '')),
                     }))),
                     e => done({error: String(e)}));"#,
                vec![],
            )
            .await
            .expect("axe runs");
        if let Some(error) = value.get("error") {
            panic!("{what}: axe-core failed: {error}");
        }
        let violations = value.as_array().cloned().unwrap_or_default();
        let describe = |v: &Value| {
            let mut text = format!(
                "  [{}] {}: {} ({} elements)",
                v["impact"].as_str().unwrap_or("?"),
                v["id"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or(""),
                v["nodes"]
            );
            for t in v["targets"].as_array().into_iter().flatten() {
                text.push_str(&format!("\n      {}", t.as_str().unwrap_or("")));
            }
            text
        };
        let (blocking, warnings): (Vec<&Value>, Vec<&Value>) = violations
            .iter()
            .partition(|v| strict || matches!(v["impact"].as_str(), Some("serious" | "critical")));
        for v in &warnings {
            eprintln!("warning, {what}:\n{}", describe(v));
        }
        assert!(
            blocking.is_empty(),
            "{what}: {} {} accessibility violations:\n{}",
            blocking.len(),
            if strict { "axe" } else { "serious/critical" },
            blocking
                .iter()
                .map(|v| describe(v))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }

    /// Switches the page's colours to the dark theme (`true`) or back: turns the style
    /// sheets' `prefers-color-scheme: dark` rules on for every medium, and the browser's
    /// own controls to dark. Lasts until the next full page load.
    pub async fn set_dark(&self, dark: bool) {
        self.browser
            .execute(
                r#"const dark = arguments[0];
                   for (const [rule, media] of window.__darkRules || []) rule.media.mediaText = media;
                   window.__darkRules = [];
                   for (const sheet of dark ? document.styleSheets : []) {
                     for (const rule of sheet.cssRules) {
                       if (rule.media && rule.media.mediaText.includes('prefers-color-scheme: dark')) {
                         window.__darkRules.push([rule, rule.media.mediaText]);
                         rule.media.mediaText = 'all';
                       }
                     }
                   }
                   document.documentElement.style.colorScheme = dark ? 'dark' : '';"#,
                vec![json!(dark)],
            )
            .await
            .expect("script runs");
    }

    /// [`Session::assert_accessible`] on a laptop (1366 px) and a phone (390 px), each in
    /// the light theme and the dark one; the window's size is restored after.
    pub async fn assert_accessible_light_and_dark(&self, what: &str) {
        let inner = self.eval("return [innerWidth, innerHeight];").await;
        let before = (as_px(&inner[0]), as_px(&inner[1]));
        for (width, size) in [("1366 px", (1366, 900)), ("390 px", (390, 844))] {
            self.set_viewport(size).await;
            self.set_dark(false).await;
            self.assert_accessible(&format!("{what} ({width}, light)"))
                .await;
            self.set_dark(true).await;
            self.assert_accessible(&format!("{what} ({width}, dark)"))
                .await;
            self.set_dark(false).await;
        }
        self.set_viewport(before).await;
    }
}

// Keyboard paths (tests/e2e_keyboard.rs): keys as a user presses them, with focus checked
// after every one.
pub const TAB: &str = "\u{E004}";
pub const SHIFT_TAB: &str = "\u{E008}\u{E004}";
pub const ENTER: &str = "\u{E007}";
pub const ESCAPE: &str = "\u{E00C}";
pub const SPACE: &str = " ";
pub const ARROW_UP: &str = "\u{E013}";
pub const ARROW_DOWN: &str = "\u{E015}";

/// Where focus is: `(body)` when lost, else `role-ish tag: accessible name`, and whether
/// the focused element shows a focus indicator (an outline or a box shadow; for links in
/// the SVG diagram, the highlighted stroke of their shape).
const FOCUS_STATE: &str = r#"
const a = document.activeElement;
if (!a || a === document.body || !a.isConnected) return { name: '(body)', visible: false };
const cs = getComputedStyle(a);
let marked = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none';
if (!marked && a.namespaceURI === 'http://www.w3.org/2000/svg') {
  const shape = a.querySelector('rect, circle, ellipse, path');
  marked = !!shape && parseFloat(getComputedStyle(shape).strokeWidth) >= 3;
}
return { name: accName(a), visible: marked };
"#;

impl Session {
    /// The focused element's accessible name, after checking that focus is on an element
    /// (never lost to `<body>`) and visibly marked. Waits briefly, since focus moves
    /// asynchronously when a dialog opens or a page changes.
    pub async fn assert_focus_visible(&self, after: &str) -> String {
        eventually(format!("after {after}"), move || async move {
            let state = self.eval(&format!("{FIND_BY_ROLE}\n{FOCUS_STATE}")).await;
            let name = state["name"].as_str().unwrap_or_default().to_string();
            if name == "(body)" {
                Err("focus is lost to <body>".to_string())
            } else if state["visible"] != json!(true) {
                Err(format!("focus is not visibly marked ({name:?})"))
            } else {
                Ok(name)
            }
        })
        .await
    }

    /// Presses `key` (see [`TAB`] and friends, or text to type) and returns the name of
    /// the element that has focus afterwards, checked by [`Self::assert_focus_visible`].
    pub async fn key(&self, key: &str) -> String {
        self.press(key).await;
        let what = match key {
            TAB => "Tab".to_string(),
            SHIFT_TAB => "Shift+Tab".into(),
            ENTER => "Enter".into(),
            ESCAPE => "Escape".into(),
            SPACE => "Space".into(),
            ARROW_UP => "Arrow up".into(),
            ARROW_DOWN => "Arrow down".into(),
            text => format!("typing {text:?}"),
        };
        self.assert_focus_visible(&what).await
    }

    /// Waits until the element named `name` has focus (focus can move twice when a
    /// dialog opens: first to its first control, then to the one the dialog chose).
    pub async fn expect_focus(&self, name: &str, why: &str) {
        eventually(
            format!("{why}: focus never reached {name:?}"),
            move || async move {
                let now = self.assert_focus_visible(why).await;
                if now == name {
                    Ok(())
                } else {
                    Err(format!("focus is on {now:?}"))
                }
            },
        )
        .await
    }

    /// Presses Tab (or Shift+Tab when `back`) until the element named `name` has focus;
    /// fails after [`MAX_PRESSES`] presses. Returns how many presses it took.
    pub async fn tab_to(&self, name: &str, back: bool) -> usize {
        self.tab_until(|now| now == name, name, back).await
    }

    /// As [`Self::tab_to`], for the first element whose name starts with `prefix`.
    pub async fn tab_to_prefix(&self, prefix: &str, back: bool) -> usize {
        self.tab_until(|now| now.starts_with(prefix), prefix, back)
            .await
    }

    async fn tab_until(&self, found: impl Fn(&str) -> bool, what: &str, back: bool) -> usize {
        let key = if back { SHIFT_TAB } else { TAB };
        let mut seen = Vec::new();
        for presses in 1..=MAX_PRESSES {
            let now = self.key(key).await;
            // Printed only when the test fails: the path focus took.
            eprintln!("{} -> {now}", if back { "Shift+Tab" } else { "Tab" });
            if found(&now) {
                return presses;
            }
            seen.push(now);
        }
        panic!("{what:?} never got focus by keyboard; focus went through {seen:?}");
    }
}

/// A CSS pixel length read from a script's answer.
fn as_px(v: &Value) -> u32 {
    v.as_f64().unwrap_or_default() as u32
}

/// The exact time the console shows beside a relative one, in English as `Intl` writes it
/// (medium date, short time, UTC): `2026-12-03T08:00:00Z` → `Dec 3, 2026, 8:00 AM UTC`.
pub fn exact(api_time: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let n = |r: std::ops::Range<usize>| api_time[r].parse::<usize>().unwrap();
    let (year, month, day, hour, minute) = (n(0..4), n(5..7), n(8..10), n(11..13), n(14..16));
    let (h12, half) = match hour {
        0 => (12, "AM"),
        1..=11 => (hour, "AM"),
        12 => (12, "PM"),
        _ => (hour - 12, "PM"),
    };
    format!(
        "{} {day}, {year}, {h12}:{minute:02} {half} UTC",
        MONTHS[month - 1]
    )
}

/// Text as the page has it, with `Intl`'s narrow no-break spaces ("8:00\u{202f}AM") as spaces.
pub fn spaced(text: &str) -> String {
    text.replace(['\u{202f}', '\u{a0}'], " ")
}
