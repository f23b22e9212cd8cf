//! A group's History tab and the "have not synced" notice in a real browser against the
//! sandbox: the four events of a whole lifecycle, newest first, with the right words; a
//! pending step's waiting time; the lock and kind filters in the URL (reload, Back); each
//! lock's name linking to its page; the notice on Overview and Members, its count and its
//! link to the filtered Members tab; the keyboard path to the tab; axe on the tab.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use support::{eventually, Session, ENTER};

/// Waits until the page no longer shows `text` anywhere.
async fn wait_no_text(s: &Session, text: &str) {
    eventually(format!("{text:?} is still shown"), move || async move {
        let shown = s
            .browser
            .execute(
                "return document.body.innerText.includes(arguments[0]);",
                vec![json!(text)],
            )
            .await
            .expect("script runs");
        if shown == json!(false) {
            Ok(())
        } else {
            Err("it is".to_string())
        }
    })
    .await
}

/// The row headers of the history table, in order (each row's event sentence first).
async fn events(s: &Session) -> Vec<String> {
    s.column("Membership events", 0).await
}

/// The value of the select with this id.
async fn selected(s: &Session, id: &str) -> String {
    s.eval(&format!("return document.getElementById('{id}').value;"))
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// An owner of its own with one lock "Main Entrance" and an empty group: (owner, lock, group).
async fn own_owner(s: &Session) -> (String, String, String) {
    let id = |v: &Value| v["id"].as_str().expect("an id").to_string();
    let owner = id(&s.api_put("/Owners", json!({"name": "History Test"})).await);
    let lock = id(&s
        .api_put(
            &format!("/Owners/{owner}/BoundLocks"),
            json!({"physicalLockId": "history-test-1", "bindingCode": "1234", "title": "Main Entrance"}),
        )
        .await);
    let group = id(&s
        .api_put(
            &format!("/Owners/{owner}/LockGroups"),
            json!({"title": "History Group"}),
        )
        .await);
    (owner, lock, group)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_lifecycle_is_four_events_newest_first_and_the_notice_follows_it() {
    support::run("history_lifecycle", async |s| {
        let (owner, lock, group) = own_owner(s).await;
        let notice = "1 lock has not synced this group's latest change";
        s.goto(&format!("/owners/{owner}/lock-groups/{group}/members"))
            .await;
        s.wait_for_text("No locks yet").await;

        // Added: the notice appears on Members at once.
        s.click("button", "Add locks").await;
        s.click("checkbox", "Pick Main Entrance").await;
        s.click("button", "Add 1 lock").await;
        s.wait_gone("dialog", "Add locks to the group").await;
        s.wait_row("Main Entrance", "⊕ Joining").await;
        s.wait_for_text(notice).await;

        // Synced: the notice goes; removed: back; synced: gone.
        s.row_action("Main Entrance", "Sync now (sandbox)").await;
        s.wait_row("Main Entrance", "✔ Active").await;
        wait_no_text(s, notice).await;
        s.row_action("Main Entrance", "Remove from group…").await;
        s.click("button", "Remove from group").await;
        s.wait_row("Main Entrance", "⊖ Leaving").await;
        s.wait_for_text(notice).await;
        s.row_action("Main Entrance", "Sync now (sandbox)").await;
        s.wait_no_row("Main Entrance").await;
        wait_no_text(s, notice).await;

        // The History tab: four events, newest first, none waiting.
        s.click("link", "History").await;
        s.wait_for_path(|p| p.ends_with("/history"), "the History tab")
            .await;
        s.by_role("table", "Membership events, newest first").await;
        assert_eq!(
            events(s).await,
            [
                "Main Entrance left, the lock synced",
                "Main Entrance removed",
                "Main Entrance joined, the lock synced",
                "Main Entrance added",
            ]
        );
        s.wait_for_text("4 events").await;
        // Each with its exact time.
        let whens = s.column("Membership events", 1).await;
        assert!(whens.iter().all(|w| w.ends_with("UTC)")), "{whens:?}");
        // The lock's name links to the lock's page.
        let links = s.all_by_role("link", "Main Entrance").await;
        assert_eq!(links.len(), 4);
        for link in links {
            let href = link.attr("href").await.unwrap().unwrap_or_default();
            assert_eq!(href, format!("/owners/{owner}/locks/{lock}"));
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pending_steps_say_how_long_they_have_waited() {
    support::run("history_waiting", async |s| {
        // Group 101 of the demo: Meeting Room A added almost 2 hours ago, Garage removed almost
        // a day ago (the demo's dates, a minute apart per membership).
        s.goto("/owners/1/lock-groups/101/history").await;
        s.by_role("table", "Membership events, newest first").await;
        s.wait_row(
            "Meeting Room A added",
            "⟳ added 1 hour ago, waiting for the lock to sync",
        )
        .await;
        let garage = s
            .wait_row(
                "Garage removed",
                "⟳ removed 23 hours ago, waiting for the lock to sync",
            )
            .await;
        assert!(
            garage.contains("23 hours ago ("),
            "its exact time: {garage}"
        );
        // Completed steps do not wait.
        let joined = s.wait_row("Garage joined, the lock synced", "UTC").await;
        assert!(!joined.contains("waiting"), "{joined}");
        // Past members and unbound locks are part of the history.
        s.wait_row("Parking Gate left, the lock synced", "UTC")
            .await;
        s.wait_row("Old Storeroom", "Removed from account").await;

        // Only what waits.
        s.by_role("combobox", "Event")
            .await
            .select_by_label("Waiting for the lock to sync")
            .await
            .unwrap();
        s.wait_for_path(|p| p.ends_with("/history?kind=waiting"), "kind=waiting")
            .await;
        eventually("two waiting events", move || async move {
            let rows = events(s).await;
            if rows.len() == 2 {
                Ok(())
            } else {
                Err(format!("{rows:?}"))
            }
        })
        .await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_lock_and_kind_filters_live_in_the_url() {
    support::run("history_filters", async |s| {
        s.goto("/owners/1/lock-groups/101/history").await;
        s.by_role("table", "Membership events, newest first").await;
        let locks = s.option_texts(&s.by_role("combobox", "Lock").await).await;
        assert_eq!(locks[0], "All locks");
        assert!(locks.contains(&"Garage".to_string()), "{locks:?}");
        assert!(
            locks.contains(&"Old Storeroom (unbound)".to_string()),
            "{locks:?}"
        );

        s.by_role("combobox", "Lock")
            .await
            .select_by_label("Garage")
            .await
            .unwrap();
        s.wait_for_path(|p| p.ends_with("/history?lock=14"), "lock=14")
            .await;
        s.by_role("combobox", "Event")
            .await
            .select_by_label("Removed")
            .await
            .unwrap();
        s.wait_for_path(
            |p| p.ends_with("/history?lock=14&kind=removed"),
            "lock=14&kind=removed",
        )
        .await;
        let only = move || async move {
            let rows = events(s).await;
            match rows.as_slice() {
                [one] if one.starts_with("Garage removed") => Ok(()),
                _ => Err(format!("{rows:?}")),
            }
        };
        eventually("only Garage's removal", only).await;

        // Reload keeps the view, the selects included.
        s.reload().await;
        s.by_role("table", "Membership events, newest first").await;
        eventually("only Garage's removal after reload", only).await;
        assert_eq!(selected(s, "history-lock").await, "14");
        assert_eq!(selected(s, "history-kind").await, "removed");

        // Back walks through the filters.
        s.back().await;
        s.wait_for_path(|p| p.ends_with("/history?lock=14"), "back to lock=14")
            .await;
        eventually("Garage's three events", move || async move {
            let rows = events(s).await;
            if rows.len() == 3 && rows.iter().all(|r| r.starts_with("Garage")) {
                Ok(())
            } else {
                Err(format!("{rows:?}"))
            }
        })
        .await;
        assert_eq!(selected(s, "history-kind").await, "");

        // The lock's name links to its page.
        let href = s
            .all_by_role("link", "Garage")
            .await
            .first()
            .unwrap()
            .attr("href")
            .await
            .unwrap();
        assert_eq!(href.as_deref(), Some("/owners/1/locks/14"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overview_and_members_say_how_many_locks_wait_and_link_to_them() {
    support::run("history_notice", async |s| {
        // 101: one lock joining, one leaving.
        s.goto("/owners/1/lock-groups/101").await;
        s.wait_for_text("2 locks have not synced this group's latest change")
            .await;
        s.click("link", "Show the locks waiting for sync").await;
        s.wait_for_path(
            |p| p.ends_with("/101/members?state=waiting"),
            "state=waiting",
        )
        .await;
        s.wait_row("Meeting Room A", "⊕ Joining").await;
        s.wait_row("Garage", "⊖ Leaving").await;
        assert!(s.row_text("Main Entrance").await.is_none());
        // The state bar marks the choice, with its count.
        let waiting = s.by_role_prefix("link", "Waiting for sync").await;
        assert_eq!(
            waiting.attr("aria-current").await.unwrap().as_deref(),
            Some("true")
        );
        let text = waiting.text().await.unwrap();
        assert_eq!(text.split_whitespace().last(), Some("2"), "{text}");
        // The notice is on Members too.
        s.wait_for_text("2 locks have not synced this group's latest change")
            .await;

        // 103: one lock joining, said in the singular.
        s.goto("/owners/1/lock-groups/103").await;
        s.wait_for_text("1 lock has not synced this group's latest change")
            .await;
        // 102: every lock synced, no notice.
        s.goto("/owners/1/lock-groups/102").await;
        s.by_role("heading", "Needs attention").await;
        s.wait_for_text("Nothing needs you").await;
        wait_no_text(s, "not synced this group's latest change").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_history_tab_is_reached_by_keyboard_and_accessible() {
    support::run("history_keyboard_a11y", async |s| {
        s.goto("/owners/1/lock-groups/101").await;
        s.by_role("list", "First locks").await;
        s.tab_to("History", false).await;
        s.key(ENTER).await;
        s.wait_for_path(|p| p.ends_with("/101/history"), "the History tab")
            .await;
        s.by_role("table", "Membership events, newest first").await;
        s.tab_to("Lock", false).await;
        s.tab_to("Event", false).await;
        s.tab_to_prefix("Meeting Room A", false).await;

        s.wait_gone("status", "Loading the history…").await;
        s.assert_accessible_light_and_dark("history tab").await;
        s.goto("/owners/1/lock-groups/101/history?kind=waiting&lock=1")
            .await;
        s.wait_for_text("No events match this filter.").await;
        s.assert_accessible_light_and_dark("history tab, nothing matches")
            .await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_history_pages_on_the_client_and_the_page_lives_in_the_url() {
    support::run("history_paging", async |s| {
        // Eleven locks added and synced: 22 events, two pages of 20.
        let (owner, _, group) = own_owner(s).await;
        for i in 2..=11 {
            s.api_put(
                &format!("/Owners/{owner}/BoundLocks"),
                json!({"physicalLockId": format!("history-test-{i}"), "bindingCode": "1234", "title": format!("Door {i}")}),
            )
            .await;
        }
        let locks: Value = s.api_get(&format!("/Owners/{owner}/BoundLocks")).await;
        for lock in locks.as_array().unwrap() {
            let id = lock["id"].as_str().unwrap();
            s.api_put(
                &format!("/Owners/{owner}/LockGroups/{group}/Memberships"),
                json!({"boundLockId": id}),
            )
            .await;
            s.sandbox_post(&format!("/sandbox/Owners/{owner}/BoundLocks/{id}/Sync"))
                .await;
        }
        s.goto(&format!("/owners/{owner}/lock-groups/{group}/history"))
            .await;
        s.wait_for_text("22 events").await;
        assert_eq!(events(s).await.len(), 20);
        s.click("button", "Next page").await;
        s.wait_for_path(|p| p.ends_with("/history?page=2"), "page 2")
            .await;
        let second = events(s).await;
        assert_eq!(second.len(), 2, "{second:?}");
        // The oldest events last: the first lock's join.
        assert_eq!(second[1], "Main Entrance added");
        s.reload().await;
        s.wait_for_text("22 events").await;
        assert_eq!(events(s).await, second);
        // A filter starts again at page 1.
        s.by_role("combobox", "Event")
            .await
            .select_by_label("Added")
            .await
            .unwrap();
        s.wait_for_path(|p| p.ends_with("/history?kind=added"), "kind=added, page 1")
            .await;
        s.wait_for_text("11 events").await;
    })
    .await;
}
