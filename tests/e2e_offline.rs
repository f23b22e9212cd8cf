//! The network drops while the console is open: what the admin was about to do still
//! works or says it will, and the console recovers by itself when the connection is back,
//! with no reload (src/components/page_code.rs, code_missing.rs).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;

const WILL_OPEN: &str = "You are offline. This opens when the connection is back.";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_right_after_the_list_loads_new_lock_group_keeps_the_typing_and_creates_one() {
    support::run("offline_create", async |s| {
        s.goto("/owners/1/lock-groups").await;
        s.by_role_prefix("table", "Lock groups").await;
        s.set_offline(true).await;

        // The dialog opens, or says it will and opens once the network is back.
        s.click("button", "New lock group").await;
        let opened = support::eventually("the dialog, or the promise that it opens", || async {
            let seen = s
                .eval(&format!(
                    "if ([...document.querySelectorAll('dialog[open] h2')]
                         .some(h => h.textContent.trim() === 'New lock group')) return 'dialog';
                     return document.body.innerText.includes({WILL_OPEN:?}) ? 'promise' : '';"
                ))
                .await;
            match seen.as_str() {
                Some("dialog") => Ok(true),
                Some("promise") => Ok(false),
                _ => Err("neither the dialog nor the offline message".to_string()),
            }
        })
        .await;
        if !opened {
            s.set_offline(false).await;
            s.by_role("dialog", "New lock group").await;
            s.set_offline(true).await;
        }

        // Created while offline: refused, the typing kept.
        let title = s.by_role("textbox", "Title").await;
        title.send_keys("Offline Shift").await.unwrap();
        s.click("button", "Create lock group").await;
        s.wait_for_text("Could not reach the API").await;
        assert_eq!(
            title.prop("value").await.unwrap().as_deref(),
            Some("Offline Shift"),
            "the typing survives the failed create"
        );

        // Back online: the same dialog creates the group, once.
        s.set_offline(false).await;
        s.click("button", "Create lock group").await;
        s.by_role("heading", "Offline Shift").await;
        let all: Vec<Value> = s
            .api_get("/Owners/1/LockGroups?$filter=title%20eq%20%27Offline%20Shift%27")
            .await;
        assert_eq!(all.len(), 1, "exactly one group with that title");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_whose_code_failed_offline_renders_by_itself_once_online() {
    support::run("offline_page", async |s| {
        // The page's code cannot download; the rest of the console is there.
        s.block_requests(&["*pieces-*"]).await;
        s.goto("/owners/1/lock-groups").await;
        s.by_role_prefix("alert", "This page could not be loaded")
            .await;
        s.by_role("link", "Settings").await;

        // The connection drops: the notice says what happens next.
        s.set_offline(true).await;
        s.block_requests(&[]).await;
        s.click("link", "Locks").await;
        s.wait_for_text("You are offline. This page opens when the connection is back.")
            .await;

        // Back online: the page appears in the notice's place, no reload, no click.
        s.eval("window.__not_reloaded = true; return null;").await;
        s.set_offline(false).await;
        s.by_role_prefix("table", "Locks").await;
        assert_eq!(
            s.eval("return document.querySelector('.code-missing') === null;")
                .await,
            Value::Bool(true),
            "the notice gave way to the page"
        );
        assert_eq!(
            s.eval("return window.__not_reloaded === true;").await,
            Value::Bool(true),
            "the page recovered without a reload"
        );
    })
    .await;
}
