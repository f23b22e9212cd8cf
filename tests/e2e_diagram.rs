//! The lifecycle diagram in a real browser against the sandbox: counts from the group's
//! statistics (and their change after a sync), the text alternative, states as keyboard
//! links that filter the Members tab, and a traced membership's path.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counts_follow_the_lifecycle() {
    support::run("diagram_counts", async |s| {
        s.goto("/owners/1/lock-groups/109/diagram").await;
        s.by_role("table", "Lifecycle states and transitions").await;
        s.wait_row("Joining", "0 locks").await;
        s.wait_row("Active", "0 locks").await;

        s.api_put(
            "/Owners/1/LockGroups/109/Memberships",
            json!({"boundLockId": "1"}),
        )
        .await;
        s.goto("/owners/1/lock-groups/109/diagram").await;
        s.wait_row("Joining", "1 lock").await;
        s.by_role(
            "link",
            "Joining (JoinPending): 1 lock. Show them in the Members tab.",
        )
        .await;

        s.sandbox_post("/sandbox/Owners/1/BoundLocks/1/Sync").await;
        s.goto("/owners/1/lock-groups/109/diagram").await;
        s.wait_row("Active", "1 lock").await;
        s.wait_row("Joining", "0 locks").await;
        let row = s
            .wait_row("Active", "Lock added and active group member.")
            .await;
        assert!(row.contains("Leaving, by remove lock"), "{row}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_state_filters_the_members_tab_and_a_membership_shows_its_path() {
    support::run("diagram_filter_trace", async |s| {
        s.goto("/owners/1/lock-groups/101/diagram").await;
        s.wait_row("Active", "5 locks").await;
        let link = s
            .by_role(
                "link",
                "Leaving (UnjoinPending): 1 lock. Show them in the Members tab.",
            )
            .await;
        // Reachable by keyboard: a focusable link; Enter follows it.
        s.eval("document.querySelector('svg.diagram a[href$=\"state=UnjoinPending\"]').focus()")
            .await;
        assert_eq!(
            s.focused_name().await,
            "Leaving (UnjoinPending): 1 lock. Show them in the Members tab."
        );
        drop(link);
        s.press("\u{E007}").await;
        s.wait_for_path(
            |p| p.ends_with("/lock-groups/101/members?state=UnjoinPending"),
            "members filtered to UnjoinPending",
        )
        .await;
        s.wait_row("Garage", "⊖ Leaving")
            .await;
        assert!(s.row_text("Main Entrance").await.is_none());

        // From a member row to its path in the diagram (membership 22: removed while pending).
        s.goto("/owners/1/lock-groups/105/members").await;
        s.row_action("Parking Gate", "Show in diagram").await;
        s.wait_for_path(|p| p.ends_with("/diagram?membership=22"), "the traced membership")
            .await;
        s.by_role("heading", "Path of Parking Gate").await;
        s.wait_for_text("Now: ⊖ Leaving").await;
        let taken = s
            .eval("return [...document.querySelectorAll('svg.diagram .edge.taken text')].map(t => t.textContent)")
            .await;
        assert_eq!(taken, json!(["add lock", "remove lock before it synced"]));
        let current = s
            .eval("return [...document.querySelectorAll('svg.diagram .node.current')].map(n => n.textContent)")
            .await;
        assert!(current[0].as_str().unwrap().starts_with("Leaving"), "{current}");

    })
    .await;
}
