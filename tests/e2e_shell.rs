//! The console shell in a real browser against the sandbox: it starts from `config.json`,
//! fills the owner-account switcher from `GET /Owners`, routes, and deep-links.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use wire::Owner;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn owner_switcher_shows_the_owner_accounts_from_the_api() {
    support::run("owner_switcher", async |s| {
        let owners: Vec<Owner> = s.api_get("/Owners").await;
        assert!(
            owners.len() >= 2,
            "demo data has at least two owner accounts"
        );

        // `/` goes to the first owner's lock groups.
        s.goto("/").await;
        let first = format!("/owners/{}/lock-groups", owners[0].id);
        s.wait_for_path(|p| p == first, &first).await;

        let switcher = s.by_role("combobox", "Owner account").await;
        s.wait_for_text(&owners[1].name).await;
        let texts = s.option_texts(&switcher).await;
        let names: Vec<&str> = owners.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(
            &texts[1..],
            names.as_slice(),
            "one option per owner, in API order"
        );
        let selected = switcher.prop("value").await.unwrap();
        assert_eq!(selected.as_deref(), Some(owners[0].id.as_str()));

        // Switching goes to that owner's lock groups.
        switcher.select_by_label(&owners[1].name).await.unwrap();
        let second = format!("/owners/{}/lock-groups", owners[1].id);
        s.wait_for_path(|p| p == second, &second).await;
        s.by_role("heading", "Lock groups").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_knows_the_current_owner_and_switches_to_another() {
    support::run("settings_owner", async |s| {
        s.goto("/owners/2/lock-groups").await;
        s.by_role("heading", "Lock groups").await;
        s.click("link", "Settings").await;
        s.by_role("heading", "Settings").await;

        // Outside any owner's pages, the switcher still shows the one the admin works in.
        let switcher = s.by_role("combobox", "Owner account").await;
        s.wait_for_text("Warehouse (current)").await;
        assert_eq!(switcher.prop("value").await.unwrap().as_deref(), Some("2"));
        let list = s.by_role("list", "Owner accounts").await;
        let current = s.by_role("link", "Warehouse").await;
        assert_eq!(
            current.attr("aria-current").await.unwrap().as_deref(),
            Some("true")
        );
        assert!(list.text().await.unwrap().contains("Head Office"));
        // One answer of GET /Owners serves the switcher and this page.
        let asked = s
            .eval("return performance.getEntriesByType('resource').filter(e => e.name.endsWith('/api/v1/Owners')).length;")
            .await;
        assert_eq!(asked, 1, "GET /Owners once for the whole console");
        let other = s.by_role("link", "Head Office").await;
        assert_eq!(other.attr("aria-current").await.unwrap(), None);

        other.click().await.unwrap();
        s.wait_for_path(
            |p| p == "/owners/1/lock-groups",
            "Head Office's lock groups",
        )
        .await;
        assert_eq!(
            s.by_role("combobox", "Owner account")
                .await
                .prop("value")
                .await
                .unwrap()
                .as_deref(),
            Some("1")
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deep_links_load_and_unknown_pages_say_so() {
    support::run("deep_links", async |s| {
        // A deep link is served index.html by the sandbox and routed by the console.
        s.goto("/owners/1/lock-groups/101/members").await;
        s.by_role("table", "Lock memberships").await;
        let tabs = s.names_of_role("link").await;
        // Members and Grants carry their counts ("Members, 7").
        for tab in ["Overview", "Members", "Grants", "Diagram", "History"] {
            assert!(
                tabs.iter()
                    .any(|t| t == tab || t.starts_with(&format!("{tab}, "))),
                "tab {tab} in {tabs:?}"
            );
        }
        let current = s.by_role_prefix("link", "Members, ").await;
        assert_eq!(
            current.attr("aria-current").await.unwrap().as_deref(),
            Some("page")
        );

        s.goto("/no/such/page").await;
        s.by_role("heading", "Page not found").await;
        s.by_role("link", "Go to your lock groups").await;

        // The footer names the API the console talks to.
        s.wait_for_text("API: /api/v1").await;
        s.by_role("link", "Skip to main content").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_is_served_precompressed_when_the_browser_accepts_it() {
    support::run("precompressed", async |s| {
        let index = s.fetch_text("/").await;
        let wasm = index
            .split(['"', '\''])
            .find(|part| part.ends_with("_bg.wasm"))
            .expect("index.html names the wasm")
            .to_string();
        for (accept, encoding) in [
            ("br, gzip", Some("br")),
            ("gzip", Some("gzip")),
            ("identity", None),
        ] {
            let response = s
                .http
                .get(s.url(&wasm))
                .header("Accept-Encoding", accept)
                .send()
                .await
                .unwrap();
            assert!(
                response.status().is_success(),
                "{wasm}: {}",
                response.status()
            );
            let got = response
                .headers()
                .get("content-encoding")
                .map(|v| v.to_str().unwrap().to_string());
            assert_eq!(got.as_deref(), encoding, "Accept-Encoding: {accept}");
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn config_json_loads_beside_the_wasm_and_the_page_is_never_blank() {
    support::run("boot", async |s| {
        s.goto("/").await;
        s.by_role("heading", "Lock groups").await;
        // One request for config.json, started by the page's preload while the wasm was
        // still downloading, not after it: that is one round trip less before the first
        // screen.
        let timing = s
            .eval(
                "const all = performance.getEntriesByType('resource');
                 const config = all.filter(e => new URL(e.name).pathname === '/config.json');
                 const wasm = all.find(e => e.name.endsWith('_bg.wasm'));
                 return { count: config.length,
                          initiator: config[0] && config[0].initiatorType,
                          startedBeforeWasmEnded: !!(config[0] && wasm && config[0].startTime < wasm.responseEnd) };",
            )
            .await;
        assert_eq!(timing["count"], 1, "config.json fetched once: {timing}");
        assert_eq!(timing["initiator"], "link", "from the preload: {timing}");
        assert_eq!(timing["startedBeforeWasmEnded"], true, "{timing}");

        // Until the console mounts, the page says it is loading (served HTML); once it has
        // mounted, that message is gone.
        let index = s.fetch_text("/").await;
        assert!(
            index.contains("role=\"status\"") && index.contains("Loading Lock Groups Admin"),
            "index.html shows a loading status before the wasm runs:\n{index}"
        );
        let leftover = s
            .eval("return document.body.innerText.includes('Loading Lock Groups Admin');")
            .await;
        assert_eq!(leftover, false, "the loading status is removed on mount");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_keeps_the_header_and_owner_offers_one_of_sign_in_or_out_and_folds_advanced() {
    support::run("settings_shell", async |s| {
        // Opened cold, before any owner's page: the header still has its lists (the first
        // owner, as `/` chooses).
        s.goto("/settings").await;
        s.by_role("heading", "Settings").await;
        let lists = s.by_role("link", "Lock groups").await;
        assert_eq!(
            lists.attr("href").await.unwrap().as_deref(),
            Some("/owners/1/lock-groups")
        );

        // After working in Warehouse, a reload of Settings keeps Warehouse and the header.
        s.goto("/owners/2/lock-groups").await;
        s.by_role("heading", "Lock groups").await;
        s.goto("/settings").await;
        s.by_role("heading", "Settings").await;
        s.wait_for_text("Warehouse (current)").await;
        let switcher = s.by_role("combobox", "Owner account").await;
        assert_eq!(switcher.prop("value").await.unwrap().as_deref(), Some("2"));
        let nav = s.by_role("navigation", "Main").await;
        let nav_text = nav.text().await.unwrap();
        for item in ["Lock groups", "Locks", "People", "Settings"] {
            assert!(nav_text.contains(item), "{item} in {nav_text}");
        }
        for (name, href) in [
            ("Lock groups", "/owners/2/lock-groups"),
            ("Locks", "/owners/2/locks"),
            ("People", "/owners/2/people"),
        ] {
            let link = s.by_role("link", name).await;
            assert_eq!(link.attr("href").await.unwrap().as_deref(), Some(href));
        }

        // Using the sandbox's developer token: Sign out, and no Sign in beside it.
        s.wait_for_text("developer token").await;
        let buttons = s.names_of_role("button").await;
        assert!(buttons.iter().any(|b| b == "Sign out"), "{buttons:?}");
        assert!(!buttons.iter().any(|b| b == "Sign in"), "{buttons:?}");

        // The technical fields are folded under Advanced.
        let open = s
            .eval("return document.querySelector('details.advanced').open;")
            .await;
        assert_eq!(open, serde_json::json!(false));
        let shown = s
            .eval("return ['pasted-token', 'api-base'].map(id => document.getElementById(id).checkVisibility());")
            .await;
        assert_eq!(shown, serde_json::json!([false, false]), "folded away");
        s.click("button", "Advanced").await;
        s.by_role("textbox", "Access token").await;
        s.by_role("textbox", "API base URL").await;
    })
    .await;
}
