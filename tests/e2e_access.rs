//! "Who can open this lock" on a lock's page, in a real browser against the sandbox: each
//! person once with every way they have access (directly, through each group), a Joining
//! membership's grants "from the lock's next sync" until Simulate sync makes them "now",
//! past grants on demand, the access report, a deleted group's pending leave named as such,
//! the keyboard path and axe at 390 and 1366 px.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::Path;

use serde_json::{json, Value};
use support::{browser::Cdp, eventually, Session};

fn id(v: &Value) -> String {
    v["id"].as_str().expect("an id").to_string()
}

/// A new bound lock of owner 1.
async fn bind(s: &Session, title: &str) -> String {
    let lock = s
        .api_put(
            "/Owners/1/BoundLocks",
            json!({ "physicalLockId": format!("PL-{title}"), "bindingCode": "x", "title": title }),
        )
        .await;
    id(&lock)
}

async fn group_with(s: &Session, title: &str, lock: &str) -> String {
    let g = id(&s
        .api_put("/Owners/1/LockGroups", json!({ "title": title }))
        .await);
    s.api_put(
        &format!("/Owners/1/LockGroups/{g}/Memberships"),
        json!({ "boundLockId": lock }),
    )
    .await;
    g
}

async fn grant(s: &Session, target: &str, who: &str) -> String {
    let g = s
        .api_put(
            "/Owners/1/Grants",
            json!({ "boundLockId": target, "contact": { "identifier": who } }),
        )
        .await;
    id(&g)
}

async fn set_width(s: &Session, w: u32) {
    s.browser
        .set_window_size(w, 900)
        .await
        .expect("window resizes");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lock_lists_each_person_with_every_way_and_the_next_sync() {
    support::run("access_lock", async |s| {
        let lock = bind(s, "Studio").await;
        let a = group_with(s, "Studio Staff", &lock).await;
        let b = group_with(s, "Studio Guests", &lock).await;
        s.sandbox_post(&format!("/sandbox/Owners/1/BoundLocks/{lock}/Sync"))
            .await;
        // Added after the sync: the lock joins it at its next one.
        let c = group_with(s, "Studio Night", &lock).await;
        grant(s, &lock, "pia@example.com").await;
        grant(s, &a, "pia@example.com").await;
        grant(s, &b, "quentin@example.com").await;
        grant(s, &c, "rosa@example.com").await;
        let revoked = grant(s, &a, "sam@example.com").await;
        s.sandbox_post(&format!("/api/v1/Owners/1/Grants/{revoked}/Revoke"))
            .await;

        s.goto(&format!("/owners/1/locks/{lock}")).await;
        s.by_role("heading", "Who can open this lock").await;
        s.wait_for_text("2 people can open this lock now; 1 more after its next sync.")
            .await;
        let pia = s.wait_row("pia@example.com", "directly").await;
        assert!(pia.contains("through group Studio Staff"), "{pia}");
        assert!(pia.contains("✔ now"), "{pia}");
        s.wait_row("quentin@example.com", "through group Studio Guests")
            .await;
        s.wait_row("rosa@example.com", "from the lock's next sync")
            .await;
        assert!(s.row_text("sam@example.com").await.is_none(), "revoked");

        s.click(
            "checkbox",
            "Also show revoked, expired and not yet valid grants (1)",
        )
        .await;
        s.wait_row("sam@example.com", "revoked").await;

        // The access report, as the other exports save theirs.
        let dir = tempfile::tempdir().unwrap();
        download_to(s, dir.path()).await;
        s.click("button", "Export CSV").await;
        s.wait_for_text("Exported 5 rows to access-Studio-").await;
        let saved = eventually("no access report saved", || async {
            let names: Vec<String> = std::fs::read_dir(dir.path())
                .map(|d| {
                    d.flatten()
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default();
            names
                .into_iter()
                .find(|n| n.starts_with("access-Studio-") && n.ends_with(".csv"))
                .map(|n| std::fs::read_to_string(dir.path().join(n)).unwrap())
                .filter(|t| !t.is_empty())
                .ok_or_else(|| "not yet".to_string())
        })
        .await;
        assert!(saved.contains("through group Studio Night"), "{saved}");
        assert!(saved.contains("from the lock's next sync"), "{saved}");

        s.assert_accessible_light_and_dark("a lock's access at 1366 px")
            .await;
        set_width(s, 390).await;
        s.assert_accessible_light_and_dark("a lock's access at 390 px")
            .await;
        set_width(s, 1366).await;

        // The sync completes the join: Rosa can open it now.
        s.click("button", "Simulate sync").await;
        s.wait_for_text("3 people can open this lock now.").await;
        let rosa = s.wait_row("rosa@example.com", "now").await;
        assert!(!rosa.contains("next sync"), "{rosa}");

        // Keyboard: from the counts to the first person's page.
        s.tab_to("pia@example.com", false).await;
        s.assert_focus_visible("a person's link").await;
        s.press("\u{E007}").await;
        s.wait_for_path(|p| p.starts_with("/owners/1/people/"), "a person's page")
            .await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pending_leave_from_a_deleted_group_is_named_as_such() {
    support::run("access_deleted_group", async |s| {
        let lock = bind(s, "Annex").await;
        let g = group_with(s, "Annex Team", &lock).await;
        s.sandbox_post(&format!("/sandbox/Owners/1/BoundLocks/{lock}/Sync"))
            .await;
        let response = s
            .http
            .delete(
                s.server.url() + &format!("/api/v1/Owners/1/LockGroups/{g}?forceUnjoinLocks=true"),
            )
            .bearer_auth(support::DEV_TOKEN)
            .send()
            .await
            .expect("API answers");
        assert!(response.status().is_success(), "{}", response.status());

        s.goto(&format!("/owners/1/locks/{lock}")).await;
        s.by_role("heading", "Annex").await;
        s.wait_for_text("1 pending leave is from a deleted group")
            .await;
        s.wait_for_text("Nobody can open this lock now.").await;
    })
    .await;
}

/// Chromium saves downloads into `dir`.
async fn download_to(s: &Session, dir: &Path) {
    s.browser
        .issue_cmd(Cdp(
            "Browser.setDownloadBehavior",
            json!({ "behavior": "allow", "downloadPath": dir.to_str().unwrap() }),
        ))
        .await
        .expect("chromedriver runs the DevTools command");
}
