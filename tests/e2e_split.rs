//! The console split into pages (src/pages/routes.rs, tools/split_wasm): every page
//! deep-links on a cold cache; its code downloads beside the main wasm, never after it; the
//! other pages' code is prefetched once the first screen is up; and a page whose code
//! cannot be downloaded says so instead of a blank screen, and comes on Try again.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;

/// The packs each entry route loads, as the build wrote them.
fn manifest() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/dist/split-manifest.json");
    let text = std::fs::read_to_string(path).expect("dist/split-manifest.json (trunk build)");
    serde_json::from_str(&text).expect("the manifest is JSON")
}

fn packs_of(route: &str) -> Vec<String> {
    manifest()["routes"][route]
        .as_array()
        .unwrap_or_else(|| panic!("route {route} in the manifest"))
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect()
}

/// The page's code requests so far: (file, what started it).
async fn code_requests(s: &support::Session) -> Vec<(String, String)> {
    let entries = s
        .eval(
            "return performance.getEntriesByType('resource')
                .filter(e => /\\/pieces-[0-9a-f]+\\.wasm$/.test(e.name))
                .map(e => [e.name.split('/').pop(), e.initiatorType]);",
        )
        .await;
    serde_json::from_value(entries).expect("a list of pairs")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_deep_links_cold_and_its_code_loads_beside_the_main_wasm() {
    let pages: [(&str, &str, &str, &str); 9] = [
        ("list", "/owners/1/lock-groups", "table", "Lock groups"),
        (
            "group",
            "/owners/1/lock-groups/101",
            "heading",
            "Needs attention",
        ),
        (
            "members",
            "/owners/1/lock-groups/101/members",
            "table",
            "Lock memberships",
        ),
        (
            "grants",
            "/owners/1/lock-groups/101/grants",
            "table",
            "Grants",
        ),
        (
            "diagram",
            "/owners/1/lock-groups/101/diagram",
            "table",
            "Lifecycle states and transitions",
        ),
        (
            "history",
            "/owners/1/lock-groups/101/history",
            "table",
            "Membership events",
        ),
        ("locks", "/owners/1/locks", "table", "Locks"),
        ("lock", "/owners/1/locks/8", "heading", "Roof Access"),
        ("settings", "/settings", "heading", "Settings"),
    ];
    for (route, path, role, name) in pages {
        // A fresh browser each time: a cold cache, as for an admin opening a bookmark.
        support::run(&format!("deep_link_{route}"), async |s| {
            s.goto(path).await;
            s.by_role_prefix(role, name).await;
            let requests = code_requests(s).await;
            for pack in packs_of(route) {
                // Started by the preload the start script writes from the address, so it
                // downloads beside the main wasm; a request started by the wasm loader
                // ("fetch") would have waited for the main module first.
                assert!(
                    requests.iter().any(|(f, by)| *f == pack && by == "link"),
                    "{route}: {pack} is preloaded with the page, got {requests:?}"
                );
            }
        })
        .await;
    }
}

/// Holds every answer of the lock-group list back until `window.__release()`, from the
/// first script of the next page on (a DevTools init script).
const HOLD_THE_LIST: &str = "
    const real = window.fetch, held = [];
    window.fetch = function (input, init) {
        const url = String(input && input.url ? input.url : input);
        if (!window.__released && /\\/LockGroups\\?/.test(url)) {
            return new Promise((ok, fail) => held.push(() => real.call(window, input, init).then(ok, fail)));
        }
        return real.apply(this, arguments);
    };
    window.__release = () => { window.__released = true; held.splice(0).forEach(go => go()); };";

/// The first rows have the network and the CPU to themselves: while the list's answer is
/// on its way, only the list's own code is fetched, not its dialogs' nor other pages'
/// (its dialogs' openers had loaded all their code as the page mounted: 25 files beside
/// the first rows). Once the rows are on screen, the rest follows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_but_the_pages_own_code_is_fetched_before_its_first_rows() {
    support::run("first_rows_first", async |s| {
        s.browser
            .issue_cmd(support::browser::Cdp(
                "Page.addScriptToEvaluateOnNewDocument",
                serde_json::json!({ "source": HOLD_THE_LIST }),
            ))
            .await
            .expect("chromedriver runs the DevTools command");
        s.goto("/owners/1/lock-groups").await;
        // The page is mounted (its search box is the page's own code), its rows held back.
        s.by_role("searchbox", "Search by title").await;
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        let own = packs_of("list");
        let early: Vec<_> = code_requests(s)
            .await
            .into_iter()
            .filter(|(f, _)| !own.contains(f))
            .collect();
        assert!(
            early.is_empty(),
            "fetched before the list's first rows: {early:?}"
        );
        s.eval("window.__release(); return true;").await;
        s.by_role_prefix("table", "Lock groups").await;
        support::eventually("the dialogs' code follows the first rows", || async {
            let later = code_requests(s).await.len();
            if later > own.len() {
                Ok(())
            } else {
                Err(format!("{later} code files"))
            }
        })
        .await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn once_the_first_page_is_up_the_other_pages_code_is_prefetched() {
    support::run("prefetch", async |s| {
        s.goto("/owners/1/lock-groups").await;
        s.by_role_prefix("table", "Lock groups").await;
        let every_pack: Vec<String> = manifest()["packs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap().to_string())
            .collect();
        support::eventually(
            "every page's code fetched while the list is idle",
            || async {
                let fetched = code_requests(s).await;
                let missing: Vec<_> = every_pack
                    .iter()
                    .filter(|p| !fetched.iter().any(|(f, _)| f == *p))
                    .collect();
                if missing.is_empty() {
                    Ok(())
                } else {
                    Err(format!("not yet fetched: {missing:?}"))
                }
            },
        )
        .await;
        // With the network to the code gone, the other pages still open: their code is here.
        s.block_requests(&["*pieces-*"]).await;
        let first = s
            .eval("return document.querySelector('table tbody a').textContent.trim();")
            .await;
        s.click("link", first.as_str().unwrap()).await;
        s.by_role("button", "Details").await;
        s.by_role_prefix("link", "Members")
            .await
            .click()
            .await
            .unwrap();
        s.by_role_prefix("table", "Lock memberships").await;
        s.click("link", "Locks").await;
        s.by_role_prefix("table", "Locks").await;
        s.click("link", "Settings").await;
        s.by_role("heading", "Settings").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_whose_code_does_not_download_says_so_and_try_again_brings_it() {
    support::run("code_missing", async |s| {
        s.block_requests(&["*pieces-*"]).await;
        s.goto("/owners/1/lock-groups").await;
        let alert = s
            .by_role_prefix("alert", "This page could not be loaded")
            .await;
        let text = alert.text().await.unwrap();
        assert!(
            text.contains("This page could not be loaded") && text.contains("did not download"),
            "the page says what happened: {text}"
        );
        // The rest of the console is there: the header's navigation still works.
        s.by_role("link", "Settings").await;

        // The code can download again: Try again brings the page, without a reload.
        s.eval("window.__not_reloaded = true; return null;").await;
        s.block_requests(&[]).await;
        s.click("button", "Try again").await;
        s.by_role_prefix("table", "Lock groups").await;
        assert_eq!(
            s.eval("return window.__not_reloaded === true;").await,
            Value::Bool(true),
            "the page came without a reload"
        );
    })
    .await;
}
