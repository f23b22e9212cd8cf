//! The console's performance benchmark (not a test): the release build in `dist/`, served
//! by the release sandbox binary, measured in headless Chromium. Run it through
//! `scripts/bench`, which builds both first and adds the size report and the sandbox's
//! own figures.
//!
//! Timings are taken inside the page: a script installed before any page script (through
//! chromedriver's DevTools bridge, so the console itself carries no instrumentation)
//! records `performance.now()` at the first animation frame after the awaited content
//! appears. `performance.now()` counts from navigation start.
//!
//!     cargo run --example console_bench -- SANDBOX_BINARY [RUNS]

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
// The benchmark uses the launcher only, not the console-log checks of the tests.
#[allow(dead_code)]
#[path = "../tests/support/browser.rs"]
mod browser;

#[cfg(not(target_arch = "wasm32"))]
#[tokio::main]
async fn main() {
    bench::main().await
}

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use std::process::Stdio;
    use std::time::{Duration, Instant};

    use fantoccini::Client;
    use serde_json::{json, Value};

    use crate::browser::{free_port, wait_for_port, Cdp, Chrome};

    // The one `public/config.json` gives the console.
    const TOKEN: &str = "sandbox-dev-token";

    /// Records when awaited content first shows, by name, in `window.__perf`.
    const PROBES: &str = r#"
    (() => {
      const perf = {};
      window.__perf = perf;
      // A lock's page may make hundreds of requests: count them all.
      performance.setResourceTimingBufferSize(10000);
      const probes = {
        groupRows: () => document.querySelector('main table tbody td a[href*="/lock-groups/"]'),
        groupCounts: () => document.querySelector('main h1') &&
          document.querySelector('main table tbody th[scope=row]'),
        memberRows: () => [...document.querySelectorAll('main table tbody th[scope=row]')]
          .some(th => th.textContent.includes('Scale Lock')),
        lockWaiting: () => [...document.querySelectorAll('main .scan-status [role=status]')]
          .some(s => s.textContent.includes('all found.')),
        // "Who can open this lock" complete: its counts no longer say "so far".
        lockAccess: () => {
          const c = document.querySelector('main .access-counts');
          return c && /can open this lock now/.test(c.textContent) && !c.textContent.includes('so far');
        },
      };
      const check = () => {
        for (const [name, found] of Object.entries(probes)) {
          if (!(name in perf) && found()) {
            perf[name] = null;
            requestAnimationFrame(() => { perf[name] = performance.now(); });
          }
        }
      };
      new MutationObserver(check).observe(document, { childList: true, subtree: true });
    })();
    "#;

    struct Sandbox {
        url: String,
        _child: tokio::process::Child,
        _dir: tempfile::TempDir,
    }

    impl Sandbox {
        async fn start(binary: &str, scale: u32) -> Sandbox {
            let dir = tempfile::tempdir().unwrap();
            let port = free_port();
            let child = tokio::process::Command::new(binary)
                .args(["--addr", &format!("127.0.0.1:{port}")])
                .args([
                    "--db",
                    &dir.path().join("bench.sqlite3").display().to_string(),
                ])
                .args(["--static", "dist", "--dev-token", TOKEN])
                .args(["--demo-scale", &scale.to_string()])
                .stdout(Stdio::null())
                .kill_on_drop(true)
                .spawn()
                .expect("the sandbox binary runs");
            // Seeding 100,000 groups takes a few seconds before the port opens.
            wait_for_port(port, Duration::from_secs(120), "the sandbox").await;
            Sandbox {
                url: format!("http://127.0.0.1:{port}"),
                _child: child,
                _dir: dir,
            }
        }

        async fn api(
            &self,
            http: &reqwest::Client,
            method: &str,
            path: &str,
            body: Value,
        ) -> Value {
            let url = format!("{}/api/v1{path}", self.url);
            let request = match method {
                "PUT" => http.put(url).json(&body),
                _ => http.get(url),
            };
            let response = request
                .bearer_auth(TOKEN)
                .send()
                .await
                .expect("sandbox answers");
            assert!(
                response.status().is_success(),
                "{method} {path}: {}",
                response.status()
            );
            response.json().await.expect("JSON")
        }

        /// The id of the group titled `title`.
        async fn group_id(&self, http: &reqwest::Client, owner: &str, title: &str) -> String {
            let found = self
                .api(
                    http,
                    "GET",
                    &format!("/Owners/{owner}/LockGroups?$filter=title eq '{title}'"),
                    Value::Null,
                )
                .await;
            found[0]["id"].as_str().expect("the group").to_string()
        }

        /// Grants `who` access to the lock or group `target`.
        async fn grant(&self, http: &reqwest::Client, owner: &str, target: &str, who: &str) {
            self.api(
                http,
                "PUT",
                &format!("/Owners/{owner}/Grants"),
                json!({ "boundLockId": target, "contact": { "identifier": who } }),
            )
            .await;
        }

        /// The id of owner "Scale N".
        async fn scale_owner(&self, http: &reqwest::Client, scale: u32) -> String {
            let owners = self.api(http, "GET", "/Owners", Value::Null).await;
            owners
                .as_array()
                .unwrap()
                .iter()
                .find(|o| o["name"] == format!("Scale {scale}"))
                .and_then(|o| o["id"].as_str())
                .expect("the scale owner")
                .to_string()
        }
    }

    /// "screen: N API requests" of a [`requests`] line (its list of paths is long).
    fn count_only(note: &str) -> String {
        note.split(" API requests")
            .next()
            .unwrap_or(note)
            .to_string()
            + " API requests"
    }

    fn median(mut v: Vec<f64>) -> f64 {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    }

    fn spread(v: &[f64]) -> String {
        let min = v.iter().copied().fold(f64::INFINITY, f64::min);
        let max = v.iter().copied().fold(0.0, f64::max);
        format!("{:.0} ms (min {min:.0}, max {max:.0})", median(v.to_vec()))
    }

    /// Loads `url` and returns when the probe `name` fired, in ms from navigation start.
    async fn load_until(browser: &Client, url: &str, name: &str) -> f64 {
        browser.goto(url).await.expect("navigation");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let at = browser
                .execute(
                    &format!("return (window.__perf || {{}})['{name}'] ?? null;"),
                    vec![],
                )
                .await
                .expect("script runs");
            if let Some(ms) = at.as_f64() {
                return ms;
            }
            assert!(Instant::now() < deadline, "{name} never showed on {url}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Loads a screen afresh and describes the requests it made after its document: the
    /// API ones (path and query) and the file names of the others.
    async fn requests(browser: &Client, screen: &str, url: &str, probe: &str) -> String {
        load_until(browser, url, probe).await;
        tokio::time::sleep(Duration::from_millis(700)).await;
        let names = browser
            .execute(
                "return performance.getEntriesByType('resource').map(e => e.name);",
                vec![],
            )
            .await
            .expect("script runs");
        let names: Vec<String> = serde_json::from_value(names).unwrap();
        let (api, other): (Vec<_>, Vec<_>) = names.into_iter().partition(|n| n.contains("/api/"));
        let api: Vec<String> = api
            .into_iter()
            .map(|n| {
                let n = n
                    .split_once("/api/v1")
                    .map_or(n.clone(), |(_, p)| p.to_string());
                urlencoding_decode(&n)
            })
            .collect();
        let other = other
            .iter()
            .map(|n| n.rsplit('/').next().unwrap_or(n).to_string())
            .collect::<Vec<_>>();
        format!(
            "{screen}: {} API requests {api:?}; other: {other:?}",
            api.len()
        )
    }

    /// Prints a table row: the median load time of `url` until `probe`, cold and warm.
    async fn timed_row(browser: &Client, what: &str, url: &str, probe: &str, runs: usize) {
        let (cold, warm) = cold_and_warm(browser, url, probe, runs).await;
        println!("| {what} | {} | {} |", spread(&cold), spread(&warm));
    }

    fn urlencoding_decode(s: &str) -> String {
        url::form_urlencoded::parse(s.replace('+', "%2B").as_bytes())
            .map(|(k, v)| {
                if v.is_empty() {
                    k.into_owned()
                } else {
                    format!("{k}={v}")
                }
            })
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Loads `url` `runs` times with an empty cache and `runs` times with a warm one.
    async fn cold_and_warm(
        browser: &Client,
        url: &str,
        name: &str,
        runs: usize,
    ) -> (Vec<f64>, Vec<f64>) {
        let mut cold = Vec::new();
        let mut warm = Vec::new();
        for _ in 0..runs {
            cdp(browser, "Network.clearBrowserCache", json!({})).await;
            cold.push(load_until(browser, url, name).await);
            warm.push(load_until(browser, url, name).await);
        }
        (cold, warm)
    }

    async fn cdp(browser: &Client, cmd: &'static str, params: Value) -> Value {
        browser
            .issue_cmd(Cdp(cmd, params))
            .await
            .expect("DevTools command")
    }

    /// Types `text` into the search box (as one input event) and returns the ms until the
    /// first row is a title containing it (the 300 ms debounce included).
    async fn search(browser: &Client, text: &str) -> f64 {
        let script = r#"
          const [text, done] = arguments;
          const box = document.querySelector('input[type=search]');
          const t0 = performance.now();
          box.value = text;
          box.dispatchEvent(new Event('input', { bubbles: true }));
          const poll = () => {
            const a = document.querySelector('main table tbody td a[href*="/lock-groups/"]');
            if (a && a.textContent.includes(text) && !document.querySelector('[aria-busy=true]')) {
              requestAnimationFrame(() => done(performance.now() - t0));
            } else {
              requestAnimationFrame(poll);
            }
          };
          poll();
        "#;
        browser
            .execute_async(script, vec![json!(text)])
            .await
            .expect("search applies")
            .as_f64()
            .unwrap()
    }

    pub async fn main() {
        let args: Vec<String> = std::env::args().collect();
        let binary = args
            .get(1)
            .expect("usage: console_bench SANDBOX_BINARY [RUNS]");
        let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
        let http = reqwest::Client::new();

        let chrome = Chrome::launch().await;
        let browser = &chrome.client;
        cdp(browser, "Network.enable", json!({})).await;
        cdp(
            browser,
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": PROBES }),
        )
        .await;

        println!(
            "Console benchmark: median of {runs} loads each; cold = browser cache emptied first.\n"
        );
        println!("| measurement | cold cache | warm cache |");
        println!("|---|---|---|");
        let mut notes = Vec::new();
        // BENCH_SCALES=1000 runs only the smaller owner (a quick look at one screen).
        let scales: Vec<u32> = std::env::var("BENCH_SCALES")
            .ok()
            .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
            .unwrap_or_else(|| vec![1_000, 100_000]);
        for scale in scales {
            let sandbox = Sandbox::start(binary, scale).await;
            let owner = sandbox.scale_owner(&http, scale).await;
            let list = format!("{}/owners/{owner}/lock-groups", sandbox.url);
            let what = format!("first lock-group rows, {scale} groups");
            timed_row(browser, &what, &list, "groupRows", runs).await;
            if scale == 1_000 {
                // A lock in 2 of the 1,000 groups (Active in one, Joining the other): its
                // page finds "Waiting for" group by group.
                let found = sandbox
                    .api(
                        &http,
                        "GET",
                        &format!("/Owners/{owner}/BoundLocks?$filter=title eq 'Scale Lock 000500'"),
                        Value::Null,
                    )
                    .await;
                let id = found[0]["id"].as_str().expect("lock 500").to_string();
                let lock = format!("{}/owners/{owner}/locks/{id}", sandbox.url);
                let what = "lock in 2 of 1000 groups: \"Waiting for\" complete";
                timed_row(browser, what, &lock, "lockWaiting", runs).await;
                let note = requests(browser, "lock page", &lock, "lockWaiting").await;
                // The list of API paths is long: its count is the figure.
                notes.push(count_only(&note));

                // Who can open it: a grant on each of its 2 groups and one on the lock.
                for (n, title) in [(499, "Scale Group 000499"), (500, "Scale Group 000500")] {
                    let g = sandbox.group_id(&http, &owner, title).await;
                    sandbox
                        .grant(&http, &owner, &g, &format!("p{n}@example.com"))
                        .await;
                }
                sandbox
                    .grant(&http, &owner, &id, "direct500@example.com")
                    .await;
                let what = "lock in 2 of 1000 groups: \"Who can open this lock\" complete";
                timed_row(browser, what, &lock, "lockAccess", runs).await;
                let note = requests(
                    browser,
                    "lock page (2 of 1000 groups), access",
                    &lock,
                    "lockAccess",
                )
                .await;
                notes.push(count_only(&note));

                // A lock in 8 groups (its 2, and 6 more), a grant on each and on the lock.
                let found = sandbox
                    .api(
                        &http,
                        "GET",
                        &format!("/Owners/{owner}/BoundLocks?$filter=title eq 'Scale Lock 000900'"),
                        Value::Null,
                    )
                    .await;
                let id8 = found[0]["id"].as_str().expect("lock 900").to_string();
                let mut groups = vec![
                    "Scale Group 000899".to_string(),
                    "Scale Group 000900".to_string(),
                ];
                groups.extend((10..16).map(|i| format!("Scale Group {i:06}")));
                for (n, title) in groups.iter().enumerate() {
                    let g = sandbox.group_id(&http, &owner, title).await;
                    if n >= 2 {
                        sandbox
                            .api(
                                &http,
                                "PUT",
                                &format!("/Owners/{owner}/LockGroups/{g}/Memberships"),
                                json!({ "boundLockId": id8 }),
                            )
                            .await;
                    }
                    sandbox
                        .grant(&http, &owner, &g, &format!("g{n}@example.com"))
                        .await;
                }
                sandbox
                    .grant(&http, &owner, &id8, "direct900@example.com")
                    .await;
                let lock8 = format!("{}/owners/{owner}/locks/{id8}", sandbox.url);
                let what = "lock in 8 of 1000 groups: \"Who can open this lock\" complete";
                timed_row(browser, what, &lock8, "lockAccess", runs).await;
                let note = requests(
                    browser,
                    "lock page (8 of 1000 groups), access",
                    &lock8,
                    "lockAccess",
                )
                .await;
                notes.push(count_only(&note));
            }
            if scale == 100_000 {
                notes.push(requests(browser, "list", &list, "groupRows").await);

                let mut times = Vec::new();
                for text in [
                    "Group 04242",
                    "Group 07777",
                    "Group 01234",
                    "Group 09090",
                    "Group 05555",
                ]
                .iter()
                .cycle()
                .take(runs)
                {
                    load_until(browser, &list, "groupRows").await;
                    times.push(search(browser, text).await);
                }
                println!(
                    "| search applied on 100000 groups (incl. 300 ms debounce) | | {} |",
                    spread(&times)
                );

                // A group with 5,000 memberships.
                let group = sandbox
                    .api(
                        &http,
                        "PUT",
                        &format!("/Owners/{owner}/LockGroups"),
                        json!({"title": "Big Group"}),
                    )
                    .await;
                let id = group["id"].as_str().unwrap().to_string();
                let locks: Vec<Value> = {
                    let page = sandbox
                        .api(
                            &http,
                            "GET",
                            &format!("/Owners/{owner}/BoundLocks?$top=5000&$orderby=title"),
                            Value::Null,
                        )
                        .await;
                    page.as_array().unwrap().clone()
                };
                let started = Instant::now();
                for lock in &locks {
                    sandbox
                        .api(
                            &http,
                            "PUT",
                            &format!("/Owners/{owner}/LockGroups/{id}/Memberships"),
                            json!({ "boundLockId": lock["id"] }),
                        )
                        .await;
                }
                eprintln!(
                    "added {} memberships in {:.1} s",
                    locks.len(),
                    started.elapsed().as_secs_f64()
                );
                let detail = format!("{}/owners/{owner}/lock-groups/{id}", sandbox.url);
                let what = format!(
                    "group with {} memberships: overview with counts",
                    locks.len()
                );
                timed_row(browser, &what, &detail, "groupCounts", runs).await;
                notes.push(requests(browser, "detail (overview)", &detail, "groupCounts").await);

                let members = format!("{detail}/members");
                let what = format!(
                    "group with {} memberships: members tab, first rows",
                    locks.len()
                );
                timed_row(browser, &what, &members, "memberRows", runs).await;
                notes.push(requests(browser, "members tab", &members, "memberRows").await);
            }
        }
        println!("\nRequests per screen (fresh load):");
        for n in notes {
            println!("- {n}");
        }
        let _ = chrome.client.clone().close().await;
    }
}
