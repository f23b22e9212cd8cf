//! The Members tab in a real browser against the sandbox: adding locks (with the server's
//! exact reasons for refusals), the join/leave lifecycle through simulated syncs, removal
//! with a confirm, the state filter in the URL, and the self-refresh while pending.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;

const VISITORS: &str = "/owners/1/lock-groups/109/members";

async fn count(s: &support::Session, group: &str, state: &str) -> u64 {
    let g: Value = s
        .api_get(&format!("/Owners/1/LockGroups/{group}?expand=statistics"))
        .await;
    g["statistics"]["ByState"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["State"] == state)
        .and_then(|c| c["Count"].as_u64())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_locks_then_walk_the_whole_lifecycle() {
    support::run("members_lifecycle", async |s| {
        s.goto(VISITORS).await;
        s.by_role("table", "Lock memberships").await;
        s.wait_for_text("No memberships match this filter.").await;

        // Pick three locks: one joins, two are refused with the server's exact reasons.
        s.click("button", "Add locks").await;
        s.by_role("dialog", "Add locks to the group").await;
        assert_eq!(s.focused_name().await, "Cancel", "focus starts on Cancel");
        for lock in ["Main Entrance", "Archive", "Lab"] {
            s.click("checkbox", &format!("Pick {lock}")).await;
        }
        s.wait_for_text("3 locks picked.").await;
        s.click("button", "Add 3 locks").await;
        s.wait_gone("dialog", "Add locks to the group").await;
        s.wait_for_text("Main Entrance: added, waiting for the lock to sync")
            .await;
        s.wait_for_text("Archive: the lock's protocol version is too old")
            .await;
        s.wait_for_text(
            "Lab: this lock is already member of 8 groups and therefore cannot join another group",
        )
        .await;

        // JoinPending, and the lock has not seen the change yet.
        let row = s.wait_row("Main Entrance", "⊕ Joining").await;
        assert!(
            row.contains("Has not seen the group's latest change"),
            "{row}"
        );
        assert!(s.row_text("Archive").await.is_none());
        assert_eq!(count(s, "109", "JoinPending").await, 1);

        // In the picker, the lock now is marked and cannot be picked again.
        s.click("button", "Add locks").await;
        let again = s.by_role("checkbox", "Pick Main Entrance").await;
        assert_eq!(
            again.attr("disabled").await.unwrap().as_deref(),
            Some("true")
        );
        s.wait_for_text("Already in this group").await;
        s.press("\u{E00C}").await;
        s.wait_gone("dialog", "Add locks to the group").await;

        // Simulated sync: Joined, up to date.
        s.click("button", "Simulate sync of Main Entrance").await;
        let row = s.wait_row("Main Entrance", "✔ Active").await;
        assert!(row.contains("Has seen the group's latest change"), "{row}");
        assert_eq!(count(s, "109", "Joined").await, 1);

        // Remove with a confirm: focus on Cancel, Escape closes and focus returns.
        s.click("button", "Remove Main Entrance from group").await;
        s.by_role("alertdialog", "Remove Main Entrance from group?")
            .await;
        assert_eq!(s.focused_name().await, "Cancel");
        s.wait_for_text("keeps its access through this group until it is next synced")
            .await;
        s.press("\u{E00C}").await;
        s.wait_gone("alertdialog", "Remove Main Entrance from group?")
            .await;
        assert_eq!(
            s.focused_name().await,
            "Remove Main Entrance from group",
            "focus returns to the opener"
        );
        s.click("button", "Remove Main Entrance from group").await;
        s.click("button", "Remove from group").await;
        s.wait_for_text("Main Entrance: removed, waiting for the lock to sync")
            .await;
        s.wait_row("Main Entrance", "⊖ Leaving").await;
        assert_eq!(count(s, "109", "UnjoinPending").await, 1);

        // The sync completes the leave: Unjoined rows are past members, hidden by default.
        s.click("button", "Simulate sync of Main Entrance").await;
        s.wait_no_row("Main Entrance").await;
        assert_eq!(count(s, "109", "Unjoined").await, 1);
        s.click("checkbox", "Show past members (Unjoined)").await;
        s.wait_for_path(|p| p.ends_with("/members?past=1"), "past=1 in the URL")
            .await;
        let row = s.wait_row("Main Entrance", "✖ Left").await;
        assert!(row.contains("Left (lock synced)"), "{row}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn state_filter_lives_in_the_url_and_the_page_refreshes_itself() {
    support::run("members_filter_refresh", async |s| {
        s.goto("/owners/1/lock-groups/101/members?state=UnjoinPending")
            .await;
        s.wait_row("Garage", "⊖ Leaving").await;
        assert!(s.row_text("Main Entrance").await.is_none());
        let select = s.by_role("combobox", "State").await;
        assert_eq!(
            select.prop("value").await.unwrap().as_deref(),
            Some("UnjoinPending")
        );

        // Choosing another state goes to its URL; the default hides only Unjoined.
        select.select_by_value("JoinPending").await.unwrap();
        s.wait_for_path(|p| p.ends_with("?state=JoinPending"), "state=JoinPending")
            .await;
        s.wait_row("Meeting Room A", "⊕ Joining").await;
        assert!(s.row_text("Garage").await.is_none());

        // All current: Parking Gate (Unjoined) hidden, unbound Old Storeroom only on request.
        s.goto("/owners/1/lock-groups/101/members").await;
        s.wait_row("Main Entrance", "✔ Active").await;
        assert!(s.row_text("Parking Gate").await.is_none());
        assert!(s.row_text("Old Storeroom").await.is_none());
        s.click("checkbox", "Include unbound locks").await;
        s.wait_row("Old Storeroom", "Unbound").await;

        // A sync made elsewhere shows up without a reload while a membership is pending.
        s.sandbox_post("/sandbox/Owners/1/BoundLocks/3/Sync").await;
        s.wait_row("Meeting Room A", "✔ Active").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_locks_are_removed_at_once_with_results_per_lock() {
    support::run("members_bulk_remove", async |s| {
        s.goto("/owners/1/lock-groups/102/members").await;
        s.wait_row("Meeting Room B", "✔ Active").await;
        for lock in ["Meeting Room A", "Meeting Room B"] {
            s.click("checkbox", &format!("Select {lock}")).await;
        }
        s.click("button", "Remove 2 selected locks from group")
            .await;
        s.by_role("alertdialog", "Remove 2 locks from group?").await;
        s.click("button", "Remove from group").await;
        s.wait_for_text("Meeting Room A: removed, waiting for the lock to sync")
            .await;
        s.wait_for_text("Meeting Room B: removed, waiting for the lock to sync")
            .await;
        s.wait_row("Meeting Room A", "⊖ Leaving").await;
        s.wait_row("Lab", "✔ Active").await;
    })
    .await;
}
