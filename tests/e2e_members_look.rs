//! The Members and Grants tabs as an admin sees them: one row menu in a fixed column,
//! "Sync" only where a sync is waited for, one state filter, empty states that say why,
//! placeholder rows of the final height, the filters folded on a phone, and "Select all N
//! matching" only for the search that has its answer.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use support::Session;

const LAPTOP: (u32, u32) = (1366, 900);
const PHONE: (u32, u32) = (390, 844);

fn px(v: &Value) -> f64 {
    v.as_f64().unwrap_or_default()
}

/// The left edge of every row's "⋯" button, and the rows' heights.
async fn menu_columns(s: &Session) -> (Vec<f64>, Vec<f64>) {
    let v = s
        .eval(
            r#"const rows = [...document.querySelectorAll('table.members > tbody > tr:not(.details)')];
               return [rows.map(r => r.querySelector('.row-menu-button').getBoundingClientRect().left),
                       rows.map(r => r.getBoundingClientRect().height)];"#,
        )
        .await;
    let list = |i: usize| v[i].as_array().unwrap().iter().map(px).collect();
    (list(0), list(1))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_row_has_one_menu_and_sync_only_where_one_is_waited_for() {
    support::run("members_look_menu", async |s| {
        s.set_viewport(LAPTOP).await;
        s.goto("/owners/1/lock-groups/101/members?past=1").await;
        s.wait_row("Meeting Room A", "⊕ Joining").await;
        s.wait_row("Parking Gate", "✖ Left").await;

        // One button per row, all in one column, whatever the row's state.
        let (lefts, _) = menu_columns(s).await;
        assert!(lefts.len() >= 3, "{lefts:?}");
        assert!(
            lefts.iter().all(|l| (l - lefts[0]).abs() < 0.5),
            "the menus line up: {lefts:?}"
        );
        assert!(
            s.names_of_role("button")
                .await
                .iter()
                .all(|n| !n.starts_with("Remove ") || n.contains("selected")),
            "no per-row Remove button beside the menu"
        );

        // A Joining row waits for its lock: its menu offers the sandbox's sync.
        s.click("button", "Actions for Meeting Room A").await;
        s.by_role("menu", "Actions for Meeting Room A").await;
        let items = s.names_of_role("menuitem").await;
        assert_eq!(
            items,
            ["Show in diagram", "Remove from group…", "Sync now (sandbox)"],
            "{items:?}"
        );
        s.by_role("menuitemcheckbox", "Details").await;
        s.press(support::ESCAPE).await;
        s.wait_gone("menu", "Actions for Meeting Room A").await;
        assert_eq!(s.focused_name().await, "Actions for Meeting Room A");

        // A synced Active row has nothing to sync; a Left row can no longer be removed.
        let main = s.row_text("Main Entrance").await.unwrap();
        assert!(main.contains("✔ Synced"), "{main}");
        s.click("button", "Actions for Main Entrance").await;
        assert_eq!(
            s.names_of_role("menuitem").await,
            ["Show in diagram", "Remove from group…"]
        );
        s.press(support::ESCAPE).await;
        s.click("button", "Actions for Parking Gate").await;
        assert_eq!(s.names_of_role("menuitem").await, ["Show in diagram"]);
        // The menu sits under its button, inside the window.
        let placed = s
            .eval(
                r#"const m = document.querySelector('.row-menu:popover-open').getBoundingClientRect();
                   const b = [...document.querySelectorAll('.row-menu-button')]
                     .find(b => b.getAttribute('aria-label') === 'Actions for Parking Gate').getBoundingClientRect();
                   return [m.top >= b.bottom - 1 || m.bottom <= b.top + 1, m.right <= innerWidth, m.left >= 0];"#,
            )
            .await;
        assert_eq!(placed, json!([true, true, true]), "menu beside its button");
        s.press(support::ESCAPE).await;

        // Syncing from the menu completes the join, and the menu closes (its item is
        // disabled by the click, which the native popover action then skips).
        s.row_action("Meeting Room A", "Sync now (sandbox)").await;
        s.wait_row("Meeting Room A", "✔ Active").await;
        let open = s
            .eval("return document.querySelectorAll('.row-menu:popover-open').length;")
            .await;
        assert_eq!(open, json!(0), "no menu left open after Sync now");
        s.assert_no_axe_violations("members with the row menus").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn empty_tabs_say_why_and_offer_the_way_out() {
    support::run("members_look_empty", async |s| {
        // A new group: both tabs start it.
        let group: Value = s
            .api_put("/Owners/1/LockGroups", json!({ "title": "Empty Looks" }))
            .await;
        let id = group["id"].as_str().unwrap().to_string();
        s.goto(&format!("/owners/1/lock-groups/{id}/members")).await;
        s.wait_for_text("No locks yet").await;
        assert!(
            !s.eval("return document.body.innerText.includes('match')")
                .await
                .as_bool()
                .unwrap(),
            "no \"no match\" text without a filter"
        );
        // The toolbar's "Add locks" (the only one) opens the picker on its search.
        s.click("button", "Add locks").await;
        s.by_role("dialog", "Add locks to the group").await;
        s.expect_focus("Search locks by title", "the picker opens on its search")
            .await;
        s.press(support::ESCAPE).await;

        s.goto(&format!("/owners/1/lock-groups/{id}/grants")).await;
        s.wait_for_text("No grants yet").await;
        s.click("button", "Grant access").await;
        s.by_role("dialog", "Grant access to this lock group").await;
        s.press(support::ESCAPE).await;

        // A filter that hides every row is named, and cleared in one click.
        s.goto("/owners/1/lock-groups/101/members?state=UnjoinPending&q=abc")
            .await;
        s.wait_for_text("No Leaving members match “abc”.").await;
        s.click("link", "Clear filters").await;
        s.wait_for_path(
            |p| p.ends_with("/lock-groups/101/members"),
            "filters cleared",
        )
        .await;
        s.wait_row("Main Entrance", "✔ Active").await;

        s.goto("/owners/1/lock-groups/101/grants?q=nobody-at-all")
            .await;
        s.wait_for_text("No active grants match “nobody-at-all”.")
            .await;
        s.click("link", "Clear filters").await;
        s.wait_for_path(|p| p.ends_with("/lock-groups/101/grants"), "search cleared")
            .await;
        s.by_role("table", "Grants on this lock group").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn loading_rows_have_the_final_height_and_phones_fold_the_filters() {
    support::run("members_look_loading", async |s| {
        s.set_viewport(LAPTOP).await;
        s.goto("/owners/1/lock-groups").await;
        s.by_role_prefix("table", "Lock groups").await;
        // Slow answers: the placeholder rows show, in the table's place.
        s.set_latency(1500).await;
        s.goto("/owners/1/lock-groups/101/members").await;
        let skeleton = support::eventually("placeholder rows", || async {
            let h = s
                .eval(
                    "const r = document.querySelector('table.members tr.skeleton'); \
                     return r ? r.getBoundingClientRect().height : null;",
                )
                .await;
            h.as_f64().ok_or("none yet".to_string())
        })
        .await;
        s.set_latency(0).await;
        s.wait_row("Main Entrance", "✔ Active").await;
        let (_, heights) = menu_columns(s).await;
        assert!(
            heights.iter().all(|h| (h - skeleton).abs() < 1.0),
            "placeholder rows are {skeleton} px, rows {heights:?}"
        );

        // A phone: the filters fold behind one button, so the first row shows at once.
        s.set_viewport(PHONE).await;
        s.reload().await;
        s.wait_row("Main Entrance", "✔ Active").await;
        let first = s
            .eval(
                "return document.querySelector('table.members > tbody > tr').getBoundingClientRect().top",
            )
            .await;
        assert!(px(&first) < PHONE.1 as f64 - 40.0, "first row at {first}");
        assert!(s.query_role("searchbox", Some("Search by lock title")).await.is_empty());
        s.click("button", "Filters").await;
        s.by_role("searchbox", "Search by lock title")
            .await
            .send_keys("Main")
            .await
            .unwrap();
        s.wait_for_path(|p| p.ends_with("?q=Main"), "the search in the URL")
            .await;
        s.by_role("button", "Filters (1)").await;
        s.assert_no_axe_violations("members on a phone, filters open")
            .await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn select_all_matching_waits_for_the_search_to_settle() {
    support::run("members_look_select_all", async |s| {
        s.goto("/owners/1/lock-groups/109/members").await;
        s.click("button", "Add locks").await;
        s.by_role("dialog", "Add locks to the group").await;
        let all = s.by_role_prefix("button", "Select all").await;
        assert_eq!(all.attr("disabled").await.unwrap(), None);
        s.by_role("searchbox", "Search locks by title")
            .await
            .send_keys("Meeting")
            .await
            .unwrap();
        // Typed but not yet answered: the old count must not be acted on.
        let busy = s.by_role_prefix("button", "Select all").await;
        assert_eq!(
            busy.attr("disabled").await.unwrap().as_deref(),
            Some("true")
        );
        s.wait_for_text("2 locks match.").await;
        s.click("button", "Select all 2 matching").await;
        s.wait_for_text("2 locks picked.").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_open_row_menu_survives_the_self_refresh() {
    support::run("members_menu_refresh", async |s| {
        s.goto("/owners/1/lock-groups/101/members").await;
        s.wait_row("Meeting Room A", "⊕ Joining").await;
        s.click("button", "Actions for Main Entrance").await;
        support::eventually("a click opens the menu on its first item", || async {
            match s.focused_name().await {
                name if name == "Details" => Ok(()),
                name => Err(format!("focus is on {name:?}")),
            }
        })
        .await;
        s.eval("document.activeElement.dataset.mark = 'kept'").await;

        // A sync made elsewhere changes another row's state; the self-refresh shows it.
        s.sandbox_post("/sandbox/Owners/1/BoundLocks/3/Sync").await;
        s.wait_row("Meeting Room A", "✔ Active").await;

        let open = s
            .eval("return document.querySelector('.row-menu:popover-open')?.getAttribute('aria-label') ?? null")
            .await;
        assert_eq!(open, serde_json::json!("Actions for Main Entrance"), "the menu stays open");
        assert_eq!(
            s.eval("return document.activeElement.dataset.mark ?? null").await,
            serde_json::json!("kept"),
            "focus stays on the item"
        );
    })
    .await;
}
