//! The People list and a person's page in a real browser against the sandbox: the search
//! in the URL, what a person can open (directly, through a group, Joining from the lock's
//! next sync, each lock counted once), revoking one grant and everything; the keyboard path
//! and axe on both pages at 390 and 1366 px. Each test makes its own person, locks and
//! group through the API.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use fantoccini::Locator;
use serde_json::{json, Value};
use support::{Session, ENTER};

/// Zed Tester: a group with two locks (A Active after a sync, B Joining), a direct grant
/// on C and one on A (reached both ways). Returns the contact's id.
async fn zed(s: &Session) -> String {
    let contact: Value = s
        .api_put(
            "/Owners/1/Contacts",
            json!({"ipId": "tapkey", "identifier": "zed.tester@example.com", "title": "Zed Tester"}),
        )
        .await;
    let cid = contact["id"].as_str().expect("contact id").to_string();
    let mut locks = Vec::new();
    for name in ["A", "B", "C"] {
        let l: Value = s
            .api_put(
                "/Owners/1/BoundLocks",
                json!({"physicalLockId": format!("E2E-P{name}"), "bindingCode": "x",
                       "title": format!("People Lock {name}"), "lockTypeId": "TK.Td30"}),
            )
            .await;
        locks.push(l["id"].as_str().expect("lock id").to_string());
    }
    let group: Value = s
        .api_put(
            "/Owners/1/LockGroups",
            json!({"title": "People Test Group"}),
        )
        .await;
    let gid = group["id"].as_str().expect("group id").to_string();
    for lock in &locks[..2] {
        s.api_put(
            &format!("/Owners/1/LockGroups/{gid}/Memberships"),
            json!({ "boundLockId": lock }),
        )
        .await;
    }
    s.sandbox_post(&format!("/sandbox/Owners/1/BoundLocks/{}/Sync", locks[0]))
        .await;
    for target in [&gid, &locks[2], &locks[0]] {
        s.api_put(
            "/Owners/1/Grants",
            json!({"boundLockId": target, "contactId": cid}),
        )
        .await;
    }
    cid
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_people_list_searches_and_counts_in_the_url() {
    support::run("people_list", async |s| {
        zed(s).await;
        s.goto("/owners/1/lock-groups").await;
        s.click("link", "People").await;
        s.by_role_prefix("table", "People, sorted by name A to Z")
            .await;
        let search = s.by_role("searchbox", "Search by name or e-mail").await;
        search.send_keys("zed.tester").await.unwrap();
        s.by_role_prefix(
            "table",
            "People matching “zed.tester”, sorted by name A to Z. Row 1.",
        )
        .await;
        s.wait_for_path(
            |p| p == "/owners/1/people?q=zed.tester",
            "the search in the URL",
        )
        .await;
        // Groups 1, locks 2 (A and C directly), from the one grants request.
        let row = s.wait_row("Zed Tester", "zed.tester@example.com 1 2").await;
        assert!(!row.contains('…'), "the counts arrived: {row}");

        // Sorting is a step of history; so is opening a person; Back restores both views.
        s.click("button", "E-mail").await;
        s.by_role_prefix(
            "table",
            "People matching “zed.tester”, sorted by e-mail A to Z",
        )
        .await;
        s.wait_for_path(
            |p| p == "/owners/1/people?q=zed.tester&sort=email",
            "the sort",
        )
        .await;
        s.click("link", "Zed Tester").await;
        s.by_role("heading", "Zed Tester").await;
        s.back().await;
        s.by_role_prefix(
            "table",
            "People matching “zed.tester”, sorted by e-mail A to Z",
        )
        .await;
        s.back().await;
        s.by_role_prefix(
            "table",
            "People matching “zed.tester”, sorted by name A to Z",
        )
        .await;
        let value = s
            .eval("return document.getElementById('people-search').value;")
            .await;
        assert_eq!(value, json!("zed.tester"), "the search box follows the URL");

        s.goto("/owners/1/people?q=nobody-has-this").await;
        s.wait_for_text("Nobody's name or e-mail matches this search.")
            .await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_persons_page_counts_what_they_open_and_revokes_it() {
    support::run("person_page", async |s| {
        let cid = zed(s).await;
        s.goto(&format!("/owners/1/people/{cid}")).await;
        s.by_role("heading", "Zed Tester").await;
        // A directly and through the group counts once; B opens after its sync.
        s.wait_for_text("Opens 2 locks now, 1 more after pending syncs.")
            .await;
        s.wait_row(
            "Group People Test Group",
            "Opens 1 lock now; 1 joining (from its next sync)",
        )
        .await;
        let c = s.wait_row("Lock People Lock C", "Opens it now").await;
        assert!(c.contains("valid, any time"), "{c}");
        assert!(c.contains("every day, all day"), "{c}");

        // The group's locks on demand, each a link to the lock's page.
        s.browser
            .find(Locator::Css("td details summary"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        s.wait_for_text("People Lock B: joining, opens from its next sync")
            .await;
        assert_eq!(s.all_by_role("link", "People Lock A").await.len(), 2);
        s.by_role("link", "People Test Group").await;

        // Revoke one: the confirm names the person and the lock; the row goes to the past.
        s.click("button", "Revoke Zed Tester's access to lock People Lock C")
            .await;
        s.by_role(
            "alertdialog",
            "Revoke Zed Tester's access to lock People Lock C?",
        )
        .await;
        s.click("button", "Revoke access").await;
        s.wait_gone(
            "alertdialog",
            "Revoke Zed Tester's access to lock People Lock C?",
        )
        .await;
        s.wait_for_text("Opens 1 lock now, 1 more after pending syncs.")
            .await;
        s.wait_no_row("Lock People Lock C").await;
        s.click("checkbox", "Show past grants (1)").await;
        s.wait_row("Lock People Lock C", "revoked").await;

        // Revoke everything: the confirm lists what goes, then a result per grant.
        s.click("button", "Revoke all access").await;
        s.by_role("alertdialog", "Revoke all of Zed Tester's access?")
            .await;
        s.wait_for_text("Each lock learns of it when it next syncs")
            .await;
        s.wait_for_text("group People Test Group · valid, any time")
            .await;
        s.wait_for_text("lock People Lock A · valid, any time")
            .await;
        s.click("button", "Revoke 2 grants").await;
        s.wait_for_text("2 revoked").await;
        s.wait_for_text("lock People Lock A: revoked").await;
        s.click("button", "Close").await;
        s.wait_for_text("Opens no lock now.").await;

        let grants: Vec<Value> = s
            .api_get(&format!("/Owners/1/Grants?$filter=contactId eq '{cid}'"))
            .await;
        assert_eq!(grants.len(), 3);
        for g in &grants {
            assert_eq!(g["state"], json!("Revoked"), "{g}");
        }
    })
    .await;
}

/// Makes the viewport `w` CSS pixels wide (and 900 high).
async fn set_width(s: &Session, w: u32) {
    for _ in 0..3 {
        let (ww, wh) = s.browser.get_window_size().await.expect("window size");
        let inner = s.eval("return [innerWidth, innerHeight];").await;
        let iw = inner[0].as_f64().unwrap_or_default() as i64;
        let ih = inner[1].as_f64().unwrap_or_default() as i64;
        if iw == w as i64 && ih == 900 {
            return;
        }
        let (fw, fh) = (ww as i64 - iw, wh as i64 - ih);
        s.browser
            .set_window_size((w as i64 + fw.max(0)) as u32, (900 + fh.max(0)) as u32)
            .await
            .expect("window resizes");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_people_pages_by_keyboard_and_axe_at_both_widths() {
    support::run("people_keyboard_a11y", async |s| {
        let cid = zed(s).await;
        s.goto("/owners/1/people").await;
        s.by_role_prefix("table", "People, sorted by name A to Z")
            .await;
        s.tab_to("Search by name or e-mail", false).await;
        s.key("Zed").await;
        s.by_role_prefix("table", "People matching “Zed”").await;
        s.tab_to("Zed Tester", false).await;
        s.key(ENTER).await;
        s.wait_for_path(
            |p| p == format!("/owners/1/people/{cid}"),
            "Enter opens the person",
        )
        .await;
        s.wait_for_text("Opens 2 locks now, 1 more after pending syncs.")
            .await;

        for width in [390, 1366] {
            set_width(s, width).await;
            s.goto("/owners/1/people?q=zed").await;
            // On a phone the cells are stacked (innerText runs them together): wait for the
            // counts to replace "…".
            support::eventually("the counts arrive", || async {
                match s.row_text("Zed Tester").await {
                    Some(t) if t.contains("example.com") && !t.contains('…') => Ok(()),
                    other => Err(format!("{other:?}")),
                }
            })
            .await;
            s.assert_accessible_light_and_dark(&format!("people list at {width} px"))
                .await;
            s.goto(&format!("/owners/1/people/{cid}")).await;
            s.wait_for_text("Opens 2 locks now, 1 more after pending syncs.")
                .await;
            let wide = s
                .eval("return document.documentElement.scrollWidth > innerWidth;")
                .await;
            assert_eq!(
                wide,
                json!(false),
                "the person's page scrolls sideways at {width} px"
            );
            s.assert_accessible_light_and_dark(&format!("person's page at {width} px"))
                .await;
            s.click("button", "Revoke all access").await;
            s.by_role("alertdialog", "Revoke all of Zed Tester's access?")
                .await;
            s.assert_accessible(&format!("Revoke all access at {width} px"))
                .await;
            s.click("button", "Cancel").await;
            s.wait_gone("alertdialog", "Revoke all of Zed Tester's access?")
                .await;
        }
    })
    .await;
}
