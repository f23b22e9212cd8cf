//! The owner's locks, the "Waiting for sync" worklist and a lock's page, in a real browser
//! against the sandbox: which locks a change still waits for, in which groups, and how
//! that clears when the lock syncs; the links between locks, groups and members.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};

/// Binds a fresh lock to owner 1 and returns its id.
async fn bind(s: &support::Session, title: &str) -> String {
    let l: Value = s
        .api_put(
            "/Owners/1/BoundLocks",
            json!({"physicalLockId": format!("E2E-{title}"), "bindingCode": "x", "title": title, "lockTypeId": "TK.Td30"}),
        )
        .await;
    l["id"].as_str().expect("lock id").to_string()
}

async fn add(s: &support::Session, group: &str, lock: &str) {
    s.api_put(
        &format!("/Owners/1/LockGroups/{group}/Memberships"),
        json!({ "boundLockId": lock }),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_worklist_and_the_lock_page_follow_adds_and_syncs() {
    support::run("locks_worklist", async |s| {
        let id = bind(s, "Test Door").await;
        add(s, "109", &id).await;
        add(s, "102", &id).await;

        // The worklist: the demo's eight waiting locks and this one.
        s.goto("/owners/1/lock-groups").await;
        s.click("link", "Locks").await;
        s.by_role_prefix("table", "Locks, sorted by title A to Z")
            .await;
        s.click("link", "Waiting for sync").await;
        s.by_role_prefix("table", "9 locks wait for a sync").await;
        assert!(s.path().await.ends_with("/owners/1/locks?waiting=1"));
        let row = s.wait_row("Test Door", "TD30").await;
        assert!(
            row.contains("0 2 0"),
            "active 0, joining 2, leaving 0: {row}"
        );
        s.wait_row("Roof Access", "1 2 0").await;
        s.wait_row("Kitchen", "1 1 1").await;
        assert!(s.row_text("Lab").await.is_none(), "Lab waits for nothing");

        // The lock's page lists both groups, found group by group.
        s.click("link", "Test Door").await;
        s.by_role("heading", "Test Door").await;
        s.by_role_prefix("table", "Groups waiting for this lock to sync (2)")
            .await;
        s.wait_for_text(": all found.").await;
        let meeting = s
            .wait_row(
                "Meeting Rooms",
                "Joining: added, waiting for the lock to sync",
            )
            .await;
        assert!(meeting.contains("UTC"), "since when, exactly: {meeting}");
        s.wait_row("Visitors", "Joining").await;
        s.wait_for_text("Active in 0 · joining 2 · leaving 0").await;

        // Each group links to its Members tab, searched for the lock, and back ("Waiting
        // for" and "All groups of this lock" both list it).
        let visitors = s.all_by_role("link", "Visitors").await;
        assert_eq!(visitors.len(), 2, "in Waiting for and in All groups");
        visitors[0].click().await.unwrap();
        s.wait_for_path(
            |p| p == "/owners/1/lock-groups/109/members?q=Test%20Door",
            "the Members tab searched for the lock",
        )
        .await;
        s.wait_row("Test Door", "Joining").await;
        s.click("link", "Test Door").await;
        s.wait_for_path(
            |p| p == format!("/owners/1/locks/{id}"),
            "the lock's page from its member row",
        )
        .await;

        // A simulated sync completes both joins: nothing waits, the worklist drops it.
        s.click("button", "Simulate sync").await;
        s.wait_for_text("Nothing waits for this lock: it has synced every group change.")
            .await;
        s.wait_for_text("Active in 2 · joining 0 · leaving 0").await;
        // "Locks" twice: in the header and as the page's breadcrumb, both to the list.
        let to_locks = s.all_by_role("link", "Locks").await;
        assert_eq!(to_locks.len(), 2);
        to_locks[0].click().await.unwrap();
        s.click("link", "Waiting for sync").await;
        s.by_role_prefix("table", "8 locks wait for a sync").await;
        s.wait_no_row("Test Door").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_locks_list_searches_sorts_and_pages_in_the_url() {
    support::run("locks_list", async |s| {
        s.goto("/owners/1/locks").await;
        s.by_role_prefix("table", "Locks, sorted by title A to Z. Rows 1–13.")
            .await;
        let current = s.by_role("link", "Locks").await;
        assert_eq!(
            current.attr("aria-current").await.unwrap().as_deref(),
            Some("page"),
            "the header marks the current list"
        );
        let titles = s.column("Locks", 0).await;
        assert_eq!(titles.first().map(String::as_str), Some("Archive"));
        assert!(
            !titles.iter().any(|t| t == "Old Storeroom"),
            "unbound locks are not listed"
        );

        let search = s.by_role("searchbox", "Search by title").await;
        search.send_keys("room").await.unwrap();
        s.by_role_prefix("table", "Locks matching “room”").await;
        s.wait_for_path(
            |p| p.ends_with("/owners/1/locks?q=room"),
            "search in the URL",
        )
        .await;
        assert_eq!(
            s.column("Locks", 0).await,
            [
                "Mail Room",
                "Meeting Room A",
                "Meeting Room B",
                "Server Room"
            ]
        );
        s.click("button", "Last sync").await;
        s.by_role_prefix(
            "table",
            "Locks matching “room”, sorted by last sync, oldest first",
        )
        .await;
        s.click("button", "Last sync").await;
        s.by_role_prefix(
            "table",
            "Locks matching “room”, sorted by last sync, newest first",
        )
        .await;
        assert_eq!(
            s.column("Locks", 0).await,
            [
                "Mail Room",
                "Server Room",
                "Meeting Room B",
                "Meeting Room A"
            ]
        );
        s.reload().await;
        s.by_role_prefix(
            "table",
            "Locks matching “room”, sorted by last sync, newest first",
        )
        .await;
        s.back().await;
        s.by_role_prefix(
            "table",
            "Locks matching “room”, sorted by last sync, oldest first",
        )
        .await;
        // The worklist keeps the search: rooms that wait.
        s.click("link", "Waiting for sync").await;
        s.by_role_prefix("table", "1 lock waits for a sync matching “room”")
            .await;
        s.wait_row("Meeting Room A", "1 1 0").await;
        s.assert_accessible_light_and_dark("the locks worklist")
            .await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn all_groups_of_a_lock_with_the_page_and_what_is_not_found() {
    support::run("lock_page", async |s| {
        s.goto("/owners/1/locks/12").await;
        s.by_role("heading", "Lab").await;
        s.wait_for_text("Nothing waits for this lock").await;
        s.by_role_prefix("table", "Groups of this lock (8)").await;
        s.wait_for_text(": all found.").await;
        let groups = s.column("Groups of this lock", 0).await;
        assert_eq!(groups.len(), 8, "{groups:?}");
        assert_eq!(groups.first().map(String::as_str), Some("All Staff"));
        s.assert_accessible_light_and_dark("a lock's page").await;

        // Unknown and unbound locks: said plainly, with a way back.
        s.goto("/owners/1/locks/999").await;
        s.by_role("heading", "Lock not found").await;
        s.wait_for_text("There is no bound lock with the ID 999")
            .await;
        s.goto("/owners/1/locks/13").await;
        s.by_role("heading", "Lock not found").await;
        s.wait_for_text("was removed from this owner account (unbound)")
            .await;
        s.click("link", "Back to the locks").await;
        s.by_role_prefix("table", "Locks, sorted by title").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_that_cannot_be_checked_is_named_and_retried_alone() {
    support::run("lock_page_retry", async |s| {
        // Roof Access waits in IT (103) and Contractors (106); IT cannot be asked.
        s.block_requests(&["*/LockGroups/103/Memberships*"]).await;
        s.goto("/owners/1/locks/8").await;
        s.by_role("heading", "Roof Access").await;
        let alert = s
            .by_role_prefix("alert", "These lock groups could not be checked")
            .await;
        let text = alert.text().await.unwrap();
        assert!(text.contains("IT"), "names the group: {text}");
        s.wait_row("Contractors", "Joining").await;
        assert!(s.row_text("IT").await.is_none());

        s.block_requests(&[]).await;
        s.click("button", "Retry these groups").await;
        s.wait_row("IT", "Joining").await;
        s.wait_gone("alert", "These lock groups could not be checked:")
            .await;
        s.wait_for_text(": all found.").await;
        // A blocked request is logged by the browser; it is the test's doing.
        let _ = s.take_page_errors().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keyboard_reaches_the_locks_and_a_lock() {
    support::run("locks_keyboard", async |s| {
        s.goto("/owners/1/lock-groups").await;
        s.by_role_prefix("table", "Lock groups").await;
        s.tab_to("Locks", false).await;
        s.assert_focus_visible("the header's Locks link").await;
        s.press("\u{E007}").await;
        s.by_role_prefix("table", "Locks, sorted by title").await;
        s.tab_to("Waiting for sync", false).await;
        s.press("\u{E007}").await;
        s.by_role_prefix("table", "8 locks wait for a sync").await;
        s.tab_to("Kitchen", false).await;
        s.press("\u{E007}").await;
        s.by_role("heading", "Kitchen").await;
        s.wait_row(
            "Cleaning Crew",
            "Leaving: removed, waiting for the lock to sync",
        )
        .await;
        s.wait_row("Deliveries", "Joining").await;
    })
    .await;
}
