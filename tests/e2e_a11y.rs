//! Accessibility audit: axe-core on every page and dialog state of the console, at 1366
//! and 390 px, in the light and the dark theme. Serious and critical violations fail the
//! test; minor and moderate ones are printed (the README's "Accessibility audit" lists
//! those left).
#![cfg(not(target_arch = "wasm32"))]

mod support;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_search_and_new_group_dialog_are_accessible() {
    support::run("a11y_list", async |s| {
        s.goto("/owners/1/lock-groups").await;
        s.by_role_prefix("table", "Lock groups, sorted by title A to Z")
            .await;
        s.wait_gone("status", "Loading…").await;
        s.assert_accessible_light_and_dark("lock group list").await;

        s.goto("/owners/1/lock-groups?q=no%20such%20group").await;
        s.wait_for_text("No lock groups match this search.").await;
        s.assert_accessible_light_and_dark("empty search result")
            .await;

        s.click("button", "New lock group").await;
        s.by_role("dialog", "New lock group").await;
        s.assert_accessible_light_and_dark("New lock group dialog")
            .await;
        s.click("button", "Create lock group").await;
        s.wait_for_text("Enter a title: a lock group must have one.")
            .await;
        s.assert_accessible_light_and_dark("New lock group dialog with a validation error")
            .await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn group_overview_edit_and_delete_are_accessible() {
    support::run("a11y_overview", async |s| {
        s.goto("/owners/1/lock-groups/101").await;
        s.by_role("list", "Locks waiting for a sync").await;
        s.by_role("list", "First people").await;
        s.assert_accessible_light_and_dark("group overview").await;

        s.click("button", "Edit").await;
        s.by_role("dialog", "Edit lock group").await;
        let title = s.by_role("textbox", "Title").await;
        s.assert_accessible_light_and_dark("Edit lock group dialog")
            .await;
        s.clear(&title).await;
        s.click("button", "Save").await;
        s.wait_for_text("Enter a title: a lock group must have one.")
            .await;
        s.assert_accessible_light_and_dark("Edit lock group dialog with a validation error")
            .await;
        s.click("button", "Cancel").await;
        s.wait_gone("dialog", "Edit lock group").await;

        s.click("button", "Delete").await;
        s.by_role_prefix("alertdialog", "Delete “").await;
        s.wait_for_text("active grant").await;
        s.assert_accessible_light_and_dark("delete alertdialog")
            .await;
        s.all_by_role("button", "Delete lock group")
            .await
            .last()
            .unwrap()
            .click()
            .await
            .unwrap();
        s.wait_for_text("This group still has member locks.").await;
        s.assert_accessible_light_and_dark("delete alertdialog, blocked")
            .await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_tab_and_its_dialogs_are_accessible() {
    support::run("a11y_members", async |s| {
        s.goto("/owners/1/lock-groups/101/members").await;
        s.wait_row("Main Entrance", "✔ Active").await;
        s.assert_accessible_light_and_dark("members tab").await;

        s.click("button", "Add locks").await;
        s.by_role("dialog", "Add locks to the group").await;
        s.wait_for_text("Already in this group").await;
        s.assert_accessible_light_and_dark("add locks picker").await;
        s.press("\u{E00C}").await;
        s.wait_gone("dialog", "Add locks to the group").await;

        s.row_action("Main Entrance", "Remove from group…").await;
        s.by_role("alertdialog", "Remove Main Entrance from group?")
            .await;
        s.assert_accessible_light_and_dark("remove confirm dialog")
            .await;
        s.click("button", "Remove from group").await;
        s.wait_for_text("Main Entrance: removed, waiting for the lock to sync")
            .await;
        s.assert_accessible_light_and_dark("members tab with outcomes")
            .await;

        // Past members and unbound locks too.
        s.goto("/owners/1/lock-groups/101/members?past=1&unbound=1")
            .await;
        s.wait_row("Main Entrance", "⊖ Leaving").await;
        s.assert_accessible_light_and_dark("members tab, all states")
            .await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn grants_diagram_and_not_found_are_accessible() {
    support::run("a11y_grants_diagram", async |s| {
        s.goto("/owners/1/lock-groups/101/grants?show=all").await;
        s.wait_row("Alice Example", "✔ Active").await;
        s.assert_accessible_light_and_dark("grants tab").await;

        s.click("button", "Grant access").await;
        s.by_role("dialog", "Grant access to this lock group").await;
        s.assert_accessible_light_and_dark("grant access form")
            .await;
        s.by_role("combobox", "People (e-mail addresses)")
            .await
            .send_keys("not-an-email")
            .await
            .unwrap();
        s.click("button", "Create grant").await;
        s.wait_for_text("“not-an-email” is not an e-mail address.")
            .await;
        s.assert_accessible_light_and_dark("grant access form with a field error")
            .await;

        s.goto("/owners/1/lock-groups/101/diagram").await;
        s.wait_row("Active", "5 locks").await;
        s.assert_accessible_light_and_dark("diagram tab").await;
        s.goto("/owners/1/lock-groups/105/diagram?membership=22")
            .await;
        s.by_role("heading", "Path of Parking Gate").await;
        s.assert_accessible_light_and_dark("diagram tab, a traced membership")
            .await;

        s.goto("/no/such/page").await;
        s.by_role("heading", "Page not found").await;
        s.assert_accessible_light_and_dark("page not found").await;

        s.goto("/owners/1/lock-groups/987654").await;
        s.by_role("heading", "Lock group not found").await;
        s.assert_accessible_light_and_dark("group not found").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_is_accessible() {
    support::run("a11y_settings", async |s| {
        s.goto("/settings").await;
        s.by_role("heading", "Settings").await;
        s.assert_accessible_light_and_dark("settings").await;
        s.click("button", "Advanced").await;
        s.by_role("textbox", "API base URL").await;
        s.assert_accessible_light_and_dark("settings, Advanced open")
            .await;
    })
    .await;
}
