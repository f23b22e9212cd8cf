//! The everyday path with the keyboard alone: create a group, add a lock, remove it and
//! delete the group using only Tab, Shift+Tab, Enter, Space and Escape (plus typing the
//! title). After every key, focus must be on an element (never lost to `<body>`) and
//! visibly marked.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;
use support::{ARROW_DOWN, ARROW_UP, ENTER, ESCAPE, SPACE};

const FORWARD: bool = false;
const BACK: bool = true;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_add_remove_delete_with_the_keyboard_only() {
    support::run("keyboard_only", async |s| {
        s.goto("/owners/1/lock-groups").await;
        s.by_role_prefix("table", "Lock groups").await;

        // The skip link comes first and leads past the header into the page.
        s.tab_to("Skip to main content", FORWARD).await;
        s.key(ENTER).await;
        let presses = s.tab_to("New lock group", FORWARD).await;
        assert!(
            presses <= 2,
            "the skip link skips the header ({presses} Tabs)"
        );

        // Create: Escape closes the form and gives focus back to the button; what was
        // typed is kept for the next opening.
        s.key(ENTER).await;
        s.expect_focus("Title", "the form opens on its title").await;
        s.key("Keyboard Path").await;
        s.key(ESCAPE).await;
        s.expect_focus("New lock group", "after escape").await;
        s.wait_gone("dialog", "New lock group").await;
        s.key(ENTER).await;
        s.expect_focus("Title", "after enter").await;
        let title = s.by_role("textbox", "Title").await;
        assert_eq!(
            title.prop("value").await.unwrap().as_deref(),
            Some("Keyboard Path"),
            "Escape keeps the draft"
        );
        s.tab_to("Create lock group", FORWARD).await;
        s.key(ENTER).await;
        s.by_role("status", "Lock group created").await;
        s.by_role("heading", "Keyboard Path").await;
        assert_eq!(
            s.assert_focus_visible("creating the group").await,
            "Keyboard Path",
            "focus moves to the new page's heading"
        );
        let path = s.path().await;
        let id: String = path.rsplit('/').next().unwrap().to_string();

        // Members tab, then add a lock with Space in the picker.
        // (the tab carries its count: "Members, 0")
        s.tab_to_prefix("Members", FORWARD).await;
        s.key(ENTER).await;
        s.wait_for_path(|p| p.ends_with("/members"), "the Members tab")
            .await;
        s.wait_for_text("No locks yet").await;
        s.tab_to("Add locks", FORWARD).await;
        s.key(ENTER).await;
        s.expect_focus("Search locks by title", "the picker opens in its search")
            .await;
        s.by_role("checkbox", "Pick Main Entrance").await;
        s.tab_to("Pick Main Entrance", FORWARD).await;
        s.key(SPACE).await;
        s.wait_for_text("1 lock picked.").await;
        s.tab_to("Add 1 lock", FORWARD).await;
        s.key(ENTER).await;
        s.wait_gone("dialog", "Add locks to the group").await;
        s.wait_for_text("1 added").await;
        s.wait_row("Main Entrance", "⊕ Joining").await;
        s.assert_focus_visible("adding the lock").await;

        // Remove it from the row's menu (Enter opens it on its first item, the arrows move):
        // Escape on the confirm first, then confirm with Enter.
        s.tab_to("Actions for Main Entrance", FORWARD).await;
        s.key(ENTER).await;
        s.expect_focus("Details", "the menu opens on its first item")
            .await;
        s.key(ARROW_DOWN).await;
        s.key(ARROW_DOWN).await;
        s.expect_focus("Remove from group…", "two items down").await;
        s.key(ENTER).await;
        s.expect_focus("Cancel", "the confirm starts on Cancel")
            .await;
        s.key(ESCAPE).await;
        s.expect_focus("Actions for Main Entrance", "after escape")
            .await;
        s.key(ENTER).await;
        s.key(ARROW_UP).await;
        s.key(ARROW_UP).await;
        s.expect_focus("Remove from group…", "the up arrow wraps to the end")
            .await;
        s.key(ESCAPE).await;
        s.expect_focus("Actions for Main Entrance", "Escape closes the menu")
            .await;
        s.key(ENTER).await;
        s.key(ARROW_DOWN).await;
        s.key(ARROW_DOWN).await;
        s.key(ENTER).await;
        s.expect_focus("Cancel", "after enter").await;
        s.tab_to("Remove from group", FORWARD).await;
        s.key(ENTER).await;
        s.wait_for_text("Main Entrance: removed, waiting for the lock to sync")
            .await;
        s.wait_row("Main Entrance", "⊖ Leaving").await;
        s.expect_focus(
            "Actions for Main Entrance",
            "the row re-rendered as Leaving",
        )
        .await;

        // Focus is back on the row's menu button (the row's new one); the title row's
        // Delete is before it. Delete the group, forcing the pending removal with Space on
        // its checkbox.
        s.tab_to("Delete", BACK).await;
        s.key(ENTER).await;
        s.expect_focus("Cancel", "the delete dialog starts on Cancel")
            .await;
        s.by_role("alertdialog", "Delete “Keyboard Path”?").await;
        // The options come before the buttons.
        s.tab_to("Remove every lock from the group", BACK).await;
        s.key(SPACE).await;
        s.tab_to("Delete lock group", FORWARD).await;
        s.key(ENTER).await;
        s.by_role("status", "Lock group deleted").await;
        s.wait_for_path(|p| p == "/owners/1/lock-groups", "the list")
            .await;
        assert_eq!(
            s.assert_focus_visible("deleting the group").await,
            "Lock groups",
            "focus moves to the list's heading"
        );

        let group: Value = s.api_get(&format!("/Owners/1/LockGroups/{id}")).await;
        assert_eq!(group["active"], false, "the group is deleted: {group}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn grant_and_revoke_access_with_the_keyboard_only() {
    support::run("keyboard_grants", async |s| {
        s.goto("/owners/1/lock-groups/109/grants").await;
        s.wait_for_text("No grants yet").await;

        // The form opens in its first field: typing right away fills it.
        s.tab_to("Grant access", FORWARD).await;
        s.key(ENTER).await;
        s.expect_focus(
            "People (e-mail addresses)",
            "the grant form starts in its first field",
        )
        .await;
        s.key("keys.only@example.com").await;
        s.tab_to("Create grant", FORWARD).await;
        s.key(ENTER).await;
        s.wait_gone("dialog", "Grant access to this lock group")
            .await;
        s.wait_row("keys.only@example.com", "✔ Active").await;
        s.expect_focus(
            "Grant access",
            "focus returns to the button that opened the form",
        )
        .await;

        // Revoke: Escape first, then confirm with Enter.
        s.tab_to("Revoke access for keys.only@example.com", FORWARD)
            .await;
        s.key(ENTER).await;
        s.expect_focus("Cancel", "the revoke confirm starts on Cancel")
            .await;
        s.key(ESCAPE).await;
        s.expect_focus(
            "Revoke access for keys.only@example.com",
            "Escape returns to the row's button",
        )
        .await;
        s.key(ENTER).await;
        s.expect_focus("Cancel", "the revoke confirm starts on Cancel")
            .await;
        s.tab_to("Revoke access", FORWARD).await;
        s.key(ENTER).await;
        s.wait_no_row("keys.only@example.com").await;
        s.assert_focus_visible("revoking the grant").await;

        let grants: Value = s
            .api_get("/Owners/1/LockGroups/109/Grants?$filter=active%20eq%20true")
            .await;
        assert_eq!(grants.as_array().map(Vec::len), Some(0), "{grants}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rename_in_the_edit_dialog_and_filter_from_the_diagram_with_the_keyboard_only() {
    support::run("keyboard_rename", async |s| {
        s.goto("/owners/1/lock-groups/101").await;
        s.by_role("heading", "All Staff").await;

        // Edit opens a dialog on the title; Escape closes it, nothing saved, and focus
        // returns to Edit.
        s.tab_to("Edit", FORWARD).await;
        s.key(ENTER).await;
        s.by_role("dialog", "Edit lock group").await;
        s.expect_focus("Title", "the dialog opens on the title")
            .await;
        s.key(" HQ").await;
        s.key(ESCAPE).await;
        s.wait_gone("dialog", "Edit lock group").await;
        s.expect_focus("Edit", "Escape closes the dialog").await;
        s.by_role("heading", "All Staff").await;

        // Enter in the title saves, and focus returns to Edit.
        s.key(ENTER).await;
        s.expect_focus("Title", "the dialog opens on the title")
            .await;
        s.key(" HQ").await;
        s.key(ENTER).await;
        s.by_role("status", "Saved").await;
        s.by_role("heading", "All Staff HQ").await;
        s.wait_gone("dialog", "Edit lock group").await;
        s.expect_focus("Edit", "focus returns to Edit after saving")
            .await;

        // A state in the diagram (its own tab) opens the Members tab filtered to it.
        s.tab_to("Diagram", FORWARD).await;
        s.key(ENTER).await;
        s.wait_for_path(|p| p.ends_with("/101/diagram"), "the Diagram tab")
            .await;
        s.tab_to_prefix("Active (Joined):", FORWARD).await;
        s.eval("window.__samePage = true;").await;
        s.key(ENTER).await;
        s.wait_for_path(
            |p| p.ends_with("/members?state=Joined"),
            "the Members tab, filtered to Joined",
        )
        .await;
        assert_eq!(
            s.eval("return window.__samePage === true;").await,
            true,
            "the diagram's links navigate inside the console, without reloading it"
        );
        s.assert_focus_visible("following the diagram").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paging_with_the_keyboard_keeps_focus_on_the_pager() {
    let config = sandbox::Config {
        demo_scale: Some(60),
        ..Default::default()
    };
    support::run_with("keyboard_paging", config, async |s| {
        s.goto("/owners/3/lock-groups").await;
        s.by_role("link", "Scale Group 000001").await;

        s.tab_to("Next page", FORWARD).await;
        s.key(ENTER).await;
        s.wait_for_path(|p| p.ends_with("page=2"), "page 2").await;
        s.by_role("link", "Scale Group 000026").await;
        s.expect_focus("Next page", "focus stays on the pager")
            .await;
        s.key(ENTER).await;
        s.by_role("link", "Scale Group 000051").await;
        // The last page: Next is disabled, so focus goes to Previous rather than away.
        s.expect_focus("Previous page", "Next is disabled on the last page")
            .await;
        s.key(ENTER).await;
        s.by_role("link", "Scale Group 000026").await;
        s.expect_focus("Previous page", "focus stays on the pager")
            .await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_locks_are_selected_and_removed_with_the_keyboard_only() {
    support::run("keyboard_bulk_remove", async |s| {
        s.goto("/owners/1/lock-groups/102/members").await;
        s.wait_row("Meeting Room B", "✔ Active").await;

        for lock in ["Meeting Room A", "Meeting Room B"] {
            s.tab_to(&format!("Select {lock}"), FORWARD).await;
            s.key(SPACE).await;
        }
        s.tab_to("Remove 2 selected locks from group", BACK).await;
        s.key(ENTER).await;
        s.by_role("alertdialog", "Remove 2 locks from group?").await;
        s.expect_focus("Cancel", "the confirm starts on Cancel")
            .await;
        s.tab_to("Remove from group", FORWARD).await;
        s.key(ENTER).await;
        s.wait_for_text("Meeting Room A: removed, waiting for the lock to sync")
            .await;
        s.wait_row("Meeting Room B", "⊖ Leaving").await;
        s.assert_focus_visible("removing the selected locks").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_lock_picker_searches_and_picks_with_the_keyboard_only() {
    support::run("keyboard_picker", async |s| {
        for (i, title) in ["Key 10", "Key 2", "Key 1"].into_iter().enumerate() {
            s.api_put(
                "/Owners/1/BoundLocks",
                serde_json::json!({
                    "physicalLockId": format!("keyboard-picker-{i}"),
                    "bindingCode": "1234",
                    "title": title,
                }),
            )
            .await;
        }
        s.goto("/owners/1/lock-groups/109/members").await;
        s.wait_for_text("No locks yet").await;
        s.tab_to("Add locks", FORWARD).await;
        s.key(ENTER).await;
        s.expect_focus("Search locks by title", "the picker opens in its search")
            .await;
        s.by_role("checkbox", "Pick Main Entrance").await;

        // Search, then select all matching.
        s.key("Key").await;
        s.wait_gone("checkbox", "Pick Main Entrance").await;
        s.wait_for_text("3 locks match.").await;
        s.tab_to("Select all 3 matching", FORWARD).await;
        s.key(ENTER).await;
        s.wait_for_text("3 locks picked.").await;

        // The tray, in natural order: removing Key 2 moves focus to Key 10, the next pick.
        s.tab_to("Remove Key 2 from picks", FORWARD).await;
        s.key(ENTER).await;
        s.wait_for_text("2 locks picked.").await;
        s.expect_focus("Remove Key 10 from picks", "focus moves to the next pick")
            .await;
        // The last one removed: focus moves to the one before.
        s.key(ENTER).await;
        s.wait_for_text("1 lock picked.").await;
        s.expect_focus(
            "Remove Key 1 from picks",
            "focus moves to the remaining pick",
        )
        .await;

        // Pick Key 2 again with Space, and add.
        s.tab_to("Pick Key 2", BACK).await;
        s.key(SPACE).await;
        s.wait_for_text("2 locks picked.").await;
        s.tab_to("Add 2 locks", FORWARD).await;
        s.key(ENTER).await;
        s.wait_for_text("2 added").await;
        s.expect_focus(
            "Add locks",
            "focus returns to the button that opened the picker",
        )
        .await;
        let rows: Value = s
            .api_get("/Owners/1/LockGroups/109/Memberships?expand=boundLock")
            .await;
        let mut titles: Vec<&str> = rows
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["boundLock"]["title"].as_str().unwrap())
            .collect();
        titles.sort();
        assert_eq!(titles, ["Key 1", "Key 2"]);
    })
    .await;
}
