//! The lock group screens in a real browser against the sandbox: list (search, sort,
//! paging, URL state and the back button), create, open, rename, delete (blocked, then
//! forced), and the not-found page.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use support::{exact, spaced};

/// Creates a group through the API; returns its id.
async fn create_group(s: &support::Session, title: &str) -> String {
    let g = s
        .api_put(
            "/Owners/1/LockGroups",
            json!({"title": title, "description": null}),
        )
        .await;
    g["id"].as_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_search_sort_paging_live_in_the_url() {
    support::run("list_search_sort_paging", async |s| {
        for i in 1..=30 {
            create_group(s, &format!("Paging {i:02}")).await;
        }
        s.goto("/owners/1/lock-groups").await;
        s.by_role_prefix("table", "Lock groups, sorted by title A to Z")
            .await;

        // Search is server-side and lands in the URL (typing replaces the history entry).
        let search = s.by_role("searchbox", "Search by title").await;
        search.send_keys("Paging").await.unwrap();
        s.wait_for_path(|p| p.ends_with("?q=Paging"), "search in the URL")
            .await;
        s.by_role_prefix(
            "table",
            "Lock groups matching “Paging”, sorted by title A to Z. Rows 1–25",
        )
        .await;
        // Loaded: the busy state is gone.
        s.wait_gone("status", "Loading…").await;
        let titles = s.column("Lock groups matching", 0).await;
        assert_eq!(titles.len(), 25);
        assert_eq!(titles[0], "Paging 01");
        assert_eq!(titles[24], "Paging 25");
        assert!(s
            .by_role("button", "Previous page")
            .await
            .attr("disabled")
            .await
            .unwrap()
            .is_some());

        // Next page: the one extra row asked for told the console there is one.
        s.click("button", "Next page").await;
        s.wait_for_path(|p| p.contains("page=2"), "page 2").await;
        s.by_role_prefix(
            "table",
            "Lock groups matching “Paging”, sorted by title A to Z. Rows 26–30",
        )
        .await;
        assert_eq!(
            s.column("Lock groups matching", 0).await,
            [
                "Paging 26",
                "Paging 27",
                "Paging 28",
                "Paging 29",
                "Paging 30"
            ]
        );
        assert!(s
            .by_role("button", "Next page")
            .await
            .attr("disabled")
            .await
            .unwrap()
            .is_some());

        // Sorting is a button in the header with aria-sort; it starts again at page 1.
        let header = s.by_role("columnheader", "Title, sort Z to A").await;
        assert_eq!(
            header.attr("aria-sort").await.unwrap().as_deref(),
            Some("ascending")
        );
        s.click("button", "Title, sort Z to A").await;
        s.wait_for_path(
            |p| p.contains("sort=-title") && !p.contains("page="),
            "sorted",
        )
        .await;
        s.by_role_prefix(
            "table",
            "Lock groups matching “Paging”, sorted by title Z to A. Rows 1–25",
        )
        .await;
        assert_eq!(s.column("Lock groups matching", 0).await[0], "Paging 30");
        let header = s.by_role("columnheader", "Title, sort A to Z").await;
        assert_eq!(
            header.attr("aria-sort").await.unwrap().as_deref(),
            Some("descending")
        );

        // Back returns to page 2 in title order; a reload restores the same view.
        s.back().await;
        s.wait_for_path(
            |p| p == "/owners/1/lock-groups?q=Paging&page=2",
            "back to page 2",
        )
        .await;
        s.by_role_prefix(
            "table",
            "Lock groups matching “Paging”, sorted by title A to Z. Rows 26–30",
        )
        .await;
        s.reload().await;
        s.by_role_prefix(
            "table",
            "Lock groups matching “Paging”, sorted by title A to Z. Rows 26–30",
        )
        .await;
        let search = s.by_role("searchbox", "Search by title").await;
        assert_eq!(
            search.prop("value").await.unwrap().as_deref(),
            Some("Paging")
        );

        // Page size: 50 a page shows all 30.
        s.by_role("combobox", "Rows per page")
            .await
            .select_by_value("50")
            .await
            .unwrap();
        s.wait_for_path(|p| p.contains("size=50"), "size in the URL")
            .await;
        s.by_role_prefix(
            "table",
            "Lock groups matching “Paging”, sorted by title A to Z. Rows 1–30",
        )
        .await;

        // A search that matches nothing says so.
        let search = s.by_role("searchbox", "Search by title").await;
        s.clear(&search).await;
        search.send_keys("no such group").await.unwrap();
        s.wait_for_text("No lock groups match this search.").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_shows_counts_and_features_from_one_request() {
    support::run("list_counts", async |s| {
        let groups: Vec<Value> = s
            .api_get("/Owners/1/LockGroups?expand=statistics,supportedFeatures&$orderby=title%20asc&$top=1")
            .await;
        let first = &groups[0];
        let count = |state: &str| {
            first["statistics"]["ByState"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["State"] == state)
                .map_or(0, |c| c["Count"].as_u64().unwrap())
        };
        s.goto("/owners/1/lock-groups").await;
        s.by_role_prefix("table", "Lock groups, sorted by title A to Z").await;
        assert_eq!(s.column("Lock groups", 0).await[0], first["title"].as_str().unwrap());
        assert_eq!(s.column("Lock groups", 2).await[0], count("Joined").to_string());
        assert_eq!(s.column("Lock groups", 3).await[0], count("JoinPending").to_string());
        assert_eq!(s.column("Lock groups", 4).await[0], count("UnjoinPending").to_string());
        let supported = first["supportedFeatures"]["timeRestrictionIcalSupport"] == "Supported";
        assert_eq!(
            s.column("Lock groups", 5).await[0],
            if supported { "Supported" } else { "Not supported" }
        );
        // The title is a link to the group's page.
        s.by_role("link", first["title"].as_str().unwrap()).await.click().await.unwrap();
        let path = format!("/owners/1/lock-groups/{}", first["id"].as_str().unwrap());
        s.wait_for_path(|p| p == path, "the group's page").await;
        s.by_role("heading", first["title"].as_str().unwrap()).await;
        // The Overview opens on its summary; the technical facts are folded under Details.
        s.by_role("button", "Details").await;
        // Dates read as elsewhere: relative, with the exact UTC time.
        let rcl = s
            .eval("return [...document.querySelectorAll('dt')].find(d => d.textContent === 'RCL date').nextElementSibling.textContent;")
            .await;
        let rcl = spaced(rcl.as_str().unwrap());
        let exact = exact(first["rclDate"].as_str().unwrap());
        assert!(
            (rcl.contains(" ago") || rcl.starts_with("just now")) && rcl.contains(&format!("({exact})")), "{rcl}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_refuses_bad_input_keeps_typing_and_lands_on_the_group() {
    support::run("create", async |s| {
        // An owner that does not exist: the server's 404 text is shown, typing kept.
        s.goto("/owners/999/lock-groups").await;
        s.click("button", "New lock group").await;
        let dialog = s.by_role("dialog", "New lock group").await;
        assert!(dialog.is_displayed().await.unwrap());

        // Empty and blank titles are refused before sending.
        s.click("button", "Create lock group").await;
        s.wait_for_text("Enter a title: a lock group must have one.")
            .await;
        let title = s.by_role("textbox", "Title").await;
        assert_eq!(
            title.attr("aria-invalid").await.unwrap().as_deref(),
            Some("true")
        );
        title.send_keys("   ").await.unwrap();
        s.click("button", "Create lock group").await;
        s.wait_for_text("Enter a title").await;

        s.clear(&title).await;
        title.send_keys("Night Watch").await.unwrap();
        s.by_role("textbox", "Description")
            .await
            .send_keys("Guards' rounds")
            .await
            .unwrap();
        s.click("button", "Create lock group").await;
        s.wait_for_text("owner account not found").await;
        assert_eq!(
            title.prop("value").await.unwrap().as_deref(),
            Some("Night Watch")
        );
        let description = s.by_role("textbox", "Description").await;
        assert_eq!(
            description.prop("value").await.unwrap().as_deref(),
            Some("Guards' rounds")
        );

        // On a real owner: lands on the new group's page, announced.
        s.click("button", "Cancel").await;
        s.goto("/owners/1/lock-groups").await;
        s.click("button", "New lock group").await;
        s.by_role("textbox", "Title")
            .await
            .send_keys("Night Watch")
            .await
            .unwrap();
        let create = s.by_role("button", "Create lock group").await;
        create.click().await.unwrap();
        // A second click while the first is in flight must not make a second group.
        let _ = create.click().await;
        s.wait_for_path(
            |p| p.starts_with("/owners/1/lock-groups/") && p.len() > "/owners/1/lock-groups/".len(),
            "the new group",
        )
        .await;
        s.by_role("heading", "Night Watch").await;
        let notice = s.by_role("status", "Lock group created").await;
        assert_eq!(
            notice.attr("aria-live").await.unwrap().as_deref(),
            Some("polite")
        );
        let all: Vec<Value> = s
            .api_get("/Owners/1/LockGroups?$filter=title%20eq%20%27Night%20Watch%27")
            .await;
        assert_eq!(all.len(), 1, "one click, one group");
    })
    .await;
}

/// PATCH on the sandbox API with the dev token (another admin's edit).
async fn api_patch(s: &support::Session, path: &str, body: Value) {
    let response = s
        .http
        .patch(format!("{}/api/v1{path}", s.server.url()))
        .bearer_auth(support::DEV_TOKEN)
        .json(&body)
        .send()
        .await
        .expect("API answers");
    assert!(
        response.status().is_success(),
        "PATCH {path}: {}",
        response.status()
    );
}

/// Sets a field's value past its `maxlength` (as a paste from another tool could), with
/// the `input` event the page listens to.
async fn force_value(s: &support::Session, field: &str, value: &str) {
    s.browser
        .execute(
            "const f = document.getElementById(arguments[0]); f.removeAttribute('maxlength');
             f.value = arguments[1]; f.dispatchEvent(new Event('input', {bubbles: true}));",
            vec![json!(field), json!(value)],
        )
        .await
        .expect("script runs");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edit_dialog_renames_sending_only_what_changed() {
    support::run("rename", async |s| {
        let id = s
            .api_put(
                "/Owners/1/LockGroups",
                json!({"title": "Old Name", "description": "Keep me"}),
            )
            .await["id"]
            .as_str()
            .unwrap()
            .to_string();
        s.goto(&format!("/owners/1/lock-groups/{id}")).await;
        s.by_role("heading", "Old Name").await;
        // The actions sit in the title row, not in the Overview.
        s.click("button", "Edit").await;
        let dialog = s.by_role("dialog", "Edit lock group").await;
        assert!(dialog.is_displayed().await.unwrap());
        let title = s.by_role("textbox", "Title").await;
        assert_eq!(
            title.prop("value").await.unwrap().as_deref(),
            Some("Old Name")
        );

        // A blank title is refused at the field before sending.
        s.clear(&title).await;
        s.click("button", "Save").await;
        s.wait_for_text("Enter a title: a lock group must have one.")
            .await;
        assert_eq!(
            title.attr("aria-invalid").await.unwrap().as_deref(),
            Some("true")
        );
        // So is a title longer than the API takes.
        force_value(s, "edit-group-name", &"T".repeat(wire::MAX_TITLE + 1)).await;
        s.click("button", "Save").await;
        s.wait_for_text("The title is too long: at most 256 characters.")
            .await;
        let g: Value = s.api_get(&format!("/Owners/1/LockGroups/{id}")).await;
        assert_eq!(g["title"], "Old Name", "nothing was sent");

        // The server's refusal shows at the field it concerns, typing kept.
        s.clear(&title).await;
        title.send_keys("New Name").await.unwrap();
        let long = "d".repeat(wire::MAX_DESCRIPTION + 1);
        force_value(s, "edit-group-description", &long).await;
        s.click("button", "Save").await;
        s.wait_for_text("description is too long").await;
        let description = s.by_role("textbox", "Description").await;
        assert_eq!(
            description.attr("aria-invalid").await.unwrap().as_deref(),
            Some("true")
        );
        assert_eq!(
            title.prop("value").await.unwrap().as_deref(),
            Some("New Name")
        );
        assert_eq!(
            description.prop("value").await.unwrap().map(|v| v.len()),
            Some(long.len())
        );
        let g: Value = s.api_get(&format!("/Owners/1/LockGroups/{id}")).await;
        assert_eq!(g["title"], "Old Name", "the refused save changed nothing");

        // Only what changed is sent: another admin's new description survives a rename.
        s.clear(&description).await;
        description.send_keys("Keep me").await.unwrap();
        api_patch(
            s,
            &format!("/Owners/1/LockGroups/{id}"),
            json!({"description": "Changed elsewhere"}),
        )
        .await;
        s.click("button", "Save").await;
        s.by_role("heading", "New Name").await;
        s.by_role("status", "Saved").await;
        s.wait_gone("dialog", "Edit lock group").await;
        let g: Value = s.api_get(&format!("/Owners/1/LockGroups/{id}")).await;
        assert_eq!(g["title"], "New Name");
        assert_eq!(
            g["description"], "Changed elsewhere",
            "the description was not sent"
        );
        // Focus goes back to Edit when the dialog closes.
        support::eventually("focus goes back to Edit", || async {
            match s.focused_name().await {
                name if name == "Edit" => Ok(()),
                other => Err(format!("focus is on {other:?}")),
            }
        })
        .await;

        // Cancel discards; the dialog opens again on the group as saved.
        s.click("button", "Edit").await;
        let title = s.by_role("textbox", "Title").await;
        title.send_keys(" unsaved").await.unwrap();
        s.click("button", "Cancel").await;
        s.wait_gone("dialog", "Edit lock group").await;
        s.by_role("heading", "New Name").await;
        s.click("button", "Edit").await;
        let title = s.by_role("textbox", "Title").await;
        assert_eq!(
            title.prop("value").await.unwrap().as_deref(),
            Some("New Name")
        );
        s.click("button", "Cancel").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_blocked_by_members_then_forced() {
    support::run("delete_members", async |s| {
        let id = create_group(s, "Doomed With Locks").await;
        s.api_put(
            &format!("/Owners/1/LockGroups/{id}/Memberships"),
            json!({"boundLockId": "1"}),
        )
        .await;
        s.goto(&format!("/owners/1/lock-groups/{id}")).await;
        s.by_role("heading", "Doomed With Locks").await;
        // Delete sits in the title row.
        let open = s.by_role("button", "Delete").await;
        open.click().await.unwrap();
        let dialog = s
            .by_role("alertdialog", "Delete “Doomed With Locks”?")
            .await;
        assert!(dialog.is_displayed().await.unwrap());
        s.wait_for_text(
            "This group has 1 member lock (Joining, Active or Leaving) and 0 active grants.",
        )
        .await;
        // Focus starts on Cancel.
        assert_eq!(s.focused_name().await, "Cancel");

        // Escape closes, and focus returns to the button that opened it.
        s.browser
            .active_element()
            .await
            .unwrap()
            .send_keys("\u{e00c}")
            .await
            .unwrap();
        s.wait_gone("alertdialog", "Delete “Doomed With Locks”?")
            .await;
        assert_eq!(s.focused_name().await, "Delete");

        open.click().await.unwrap();
        s.by_role("alertdialog", "Delete “Doomed With Locks”?")
            .await;
        let confirm = s.all_by_role("button", "Delete lock group").await;
        confirm.last().unwrap().click().await.unwrap();
        s.wait_for_text("This group still has member locks.").await;
        assert_eq!(s.focused_name().await, "Remove every lock from the group");
        let g: Value = s.api_get(&format!("/Owners/1/LockGroups/{id}")).await;
        assert_eq!(g["active"], true, "nothing deleted yet");

        s.click("checkbox", "Remove every lock from the group")
            .await;
        let confirm = s.all_by_role("button", "Delete lock group").await;
        confirm.last().unwrap().click().await.unwrap();
        s.wait_for_path(|p| p == "/owners/1/lock-groups", "back to the list")
            .await;
        s.by_role("status", "Lock group deleted").await;
        let g: Value = s.api_get(&format!("/Owners/1/LockGroups/{id}")).await;
        assert_eq!(g["active"], false);

        // The deleted group's page says so and offers no edits.
        s.goto(&format!("/owners/1/lock-groups/{id}")).await;
        s.wait_for_text("This lock group was deleted").await;
        assert!(s
            .names_of_role("button")
            .await
            .iter()
            .all(|b| b != "Delete" && b != "Edit"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_blocked_by_grants_then_forced() {
    support::run("delete_grants", async |s| {
        let id = create_group(s, "Doomed With Grants").await;
        s.api_put(
            "/Owners/1/Grants",
            json!({"boundLockId": id, "contact": {"identifier": "guest@example.com"}}),
        )
        .await;
        s.goto(&format!("/owners/1/lock-groups/{id}")).await;
        s.click("button", "Delete").await;
        s.wait_for_text("0 member locks (Joining, Active or Leaving) and 1 active grant.")
            .await;
        s.all_by_role("button", "Delete lock group")
            .await
            .last()
            .unwrap()
            .click()
            .await
            .unwrap();
        s.wait_for_text("This group still has active grants.").await;
        assert_eq!(s.focused_name().await, "Revoke every grant");
        s.click("checkbox", "Revoke every grant").await;
        s.all_by_role("button", "Delete lock group")
            .await
            .last()
            .unwrap()
            .click()
            .await
            .unwrap();
        s.wait_for_path(|p| p == "/owners/1/lock-groups", "back to the list")
            .await;
        let grants: Vec<Value> = s
            .api_get(&format!("/Owners/1/LockGroups/{id}/Grants"))
            .await;
        assert_eq!(grants[0]["active"], false, "the grant was revoked");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_group_shows_not_found_with_a_way_back() {
    support::run("group_not_found", async |s| {
        s.goto("/owners/1/lock-groups/987654").await;
        s.by_role("heading", "Lock group not found").await;
        s.click("link", "Back to the lock groups").await;
        s.wait_for_path(|p| p == "/owners/1/lock-groups", "the list")
            .await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_load_says_why_and_retry_loads_the_rows() {
    support::run("failed_load_retry", async |s| {
        // The list request fails as if the network were down.
        s.block_requests(&["*/api/v1/Owners/1/LockGroups?*"]).await;
        s.goto("/owners/1/lock-groups").await;
        let alert = s
            .by_role_prefix("alert", "The lock groups could not be loaded")
            .await;
        let text = alert.text().await.unwrap();
        assert!(
            text.starts_with(
                "The lock groups could not be loaded: Could not reach the API. \
                 Check the network connection, then try again."
            ),
            "the failure is named, with the cause: {text}"
        );

        // The network is back: Retry loads the rows, and the error goes away.
        s.block_requests(&[]).await;
        s.click("button", "Retry").await;
        s.by_role("link", "All Staff").await;
        s.wait_gone("button", "Retry").await;
    })
    .await;
}
