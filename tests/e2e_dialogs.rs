//! Dialogs and forms as an admin meets them: every dialog opens with focus in its first
//! field (a destructive confirmation on Cancel), so typing right away works, also while the
//! dialog's code is still downloading; Enter submits a form; the grant form's presets and
//! 24-hour times.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use support::{Session, ENTER, ESCAPE, TAB};

/// Waits until the focused element's accessible name is `name` (opened with a click, a
/// focused button shows no focus ring: only the name is checked).
async fn focus_on(s: &Session, name: &str, why: &str) {
    support::eventually(format!("{why}: focus never reached {name:?}"), || async {
        match s.focused_name().await {
            now if now == name => Ok(()),
            now => Err(format!("focus is on {now:?}")),
        }
    })
    .await;
}

/// Clicks the button named `button`, waits for the dialog named `dialog` and checks that
/// focus is on `first` (its first field, or Cancel); then closes it with Escape.
async fn opens_on(s: &Session, button: &str, role: &str, dialog: &str, first: &str) {
    s.click("button", button).await;
    s.by_role(role, dialog).await;
    focus_on(s, first, &format!("{dialog:?} opened")).await;
    s.press(ESCAPE).await;
    s.wait_gone(role, dialog).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_dialog_opens_on_its_first_field_or_on_cancel() {
    support::run("dialogs_focus", async |s| {
        s.goto("/owners/1/lock-groups").await;
        s.by_role_prefix("table", "Lock groups").await;
        opens_on(s, "New lock group", "dialog", "New lock group", "Title").await;
        opens_on(
            s,
            "Import groups",
            "dialog",
            "Import lock groups",
            "Lock groups, one per line (title, tab, description)",
        )
        .await;

        s.goto("/owners/1/lock-groups/101").await;
        s.by_role("heading", "All Staff").await;
        opens_on(s, "Edit", "dialog", "Edit lock group", "Title").await;
        opens_on(s, "Delete", "alertdialog", "Delete “All Staff”?", "Cancel").await;

        s.goto("/owners/1/lock-groups/101/members").await;
        s.wait_row("Main Entrance", "Active").await;
        opens_on(
            s,
            "Add locks",
            "dialog",
            "Add locks to the group",
            "Search locks by title",
        )
        .await;
        opens_on(
            s,
            "Import locks",
            "dialog",
            "Import locks",
            "Lock titles or ids, one per line",
        )
        .await;
        s.row_action("Main Entrance", "Remove from group…").await;
        s.by_role("alertdialog", "Remove Main Entrance from group?")
            .await;
        focus_on(s, "Cancel", "the remove confirm opened").await;
        s.press(ESCAPE).await;
        s.wait_gone("alertdialog", "Remove Main Entrance from group?")
            .await;

        s.goto("/owners/1/lock-groups/101/grants").await;
        s.wait_row("Alice Example", "Active").await;
        opens_on(
            s,
            "Grant access",
            "dialog",
            "Grant access to this lock group",
            "People (e-mail addresses)",
        )
        .await;
        opens_on(
            s,
            "Revoke access for Alice Example",
            "alertdialog",
            "Revoke access for Alice Example?",
            "Cancel",
        )
        .await;

        s.goto("/owners/1/people/1").await;
        s.by_role("heading", "Alice Example").await;
        opens_on(
            s,
            "Give the same access to…",
            "dialog",
            "Give the same access as Alice Example",
            "E-mail of the person",
        )
        .await;
        opens_on(
            s,
            "Revoke all access",
            "alertdialog",
            "Revoke all of Alice Example's access?",
            "Cancel",
        )
        .await;
        s.by_role_prefix("button", "Revoke Alice Example's access to")
            .await
            .click()
            .await
            .unwrap();
        focus_on(s, "Cancel", "the revoke confirm opened").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typing_right_after_opening_searches_and_enter_submits() {
    support::run("dialogs_typing", async |s| {
        // Add locks: the first keystrokes land in the search and the list filters.
        s.goto("/owners/1/lock-groups/109/members").await;
        s.wait_for_text("No locks yet").await;
        s.click("button", "Add locks").await;
        s.press("Roof").await;
        s.wait_gone("checkbox", "Pick Main Entrance").await;
        s.by_role("checkbox", "Pick Roof Access").await;
        let search = s.by_role("searchbox", "Search locks by title").await;
        assert_eq!(search.prop("value").await.unwrap().as_deref(), Some("Roof"));
        s.press(ESCAPE).await;

        // New lock group: type the title at once, Enter creates it.
        s.goto("/owners/1/lock-groups").await;
        s.by_role_prefix("table", "Lock groups").await;
        s.click("button", "New lock group").await;
        s.press("Entered Right Away").await;
        s.press(ENTER).await;
        s.by_role("status", "Lock group created").await;
        s.by_role("heading", "Entered Right Away").await;
        let made: Vec<Value> = s
            .api_get("/Owners/1/LockGroups?$filter=title%20eq%20%27Entered%20Right%20Away%27")
            .await;
        assert_eq!(made.len(), 1, "one group created: {made:?}");
    })
    .await;
}

/// The packs (pieces of wasm) of every page and dialog but the route `route`'s first
/// screen, as the build wrote them.
fn packs_not_of(route: &str) -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/dist/split-manifest.json");
    let text = std::fs::read_to_string(path).expect("dist/split-manifest.json (trunk build)");
    let manifest: Value = serde_json::from_str(&text).expect("the manifest is JSON");
    let own = manifest["routes"][route]
        .as_array()
        .cloned()
        .unwrap_or_default();
    manifest["packs"]
        .as_array()
        .expect("packs")
        .iter()
        .filter(|p| !own.contains(p))
        .map(|p| format!("*{}", p.as_str().unwrap()))
        .collect()
}

/// Opens `path` with only its first screen's code (the dialogs' prefetch fails), then lets
/// code through again, each request 1.5 s late, as on a slow network.
async fn with_dialog_code_slow(s: &Session, route: &str, path: &str, ready: &str) {
    let blocked = packs_not_of(route);
    let patterns: Vec<&str> = blocked.iter().map(String::as_str).collect();
    s.block_requests(&patterns).await;
    s.goto(path).await;
    s.wait_for_text(ready).await;
    // Long enough for the prefetch of the dialogs' code to have been tried, and failed.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    s.block_requests(&[]).await;
    s.browser
        .issue_cmd(support::browser::Cdp(
            "Network.emulateNetworkConditions",
            json!({"offline": false, "latency": 1500, "downloadThroughput": -1, "uploadThroughput": -1}),
        ))
        .await
        .expect("chromedriver runs the DevTools command");
}

async fn no_dialog_yet(s: &Session, what: &str) {
    assert_eq!(
        s.eval("return document.querySelector('dialog[open]') === null;")
            .await,
        json!(true),
        "{what}: the dialog's code was already there, so this checks nothing"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_typed_while_a_dialogs_code_downloads_are_kept() {
    support::run("dialogs_slow_code", async |s| {
        with_dialog_code_slow(s, "list", "/owners/1/lock-groups", "All Staff").await;
        s.click("button", "New lock group").await;
        s.press("Slow Net").await;
        no_dialog_yet(s, "New lock group").await;
        s.by_role("dialog", "New lock group").await;
        s.expect_focus("Title", "the dialog arrived").await;
        let title = s.by_role("textbox", "Title").await;
        support::eventually("the early keys are in the title", || async {
            match title.prop("value").await.unwrap() {
                Some(v) if v == "Slow Net" => Ok(()),
                other => Err(format!("{other:?}")),
            }
        })
        .await;
        // Typing goes on where it left off.
        s.press(" Group").await;
        s.press(ENTER).await;
        s.by_role("heading", "Slow Net Group").await;
    })
    .await;
    support::run("dialogs_slow_picker", async |s| {
        with_dialog_code_slow(
            s,
            "members",
            "/owners/1/lock-groups/109/members",
            "Add locks",
        )
        .await;
        s.click("button", "Add locks").await;
        s.press("Roof").await;
        no_dialog_yet(s, "Add locks").await;
        s.by_role("dialog", "Add locks to the group").await;
        s.by_role("checkbox", "Pick Roof Access").await;
        s.wait_gone("checkbox", "Pick Main Entrance").await;
        s.expect_focus("Search locks by title", "the picker arrived")
            .await;
    })
    .await;
}

/// The checked days of the grant form, in week order.
async fn checked_days(s: &Session) -> Vec<String> {
    let v = s
        .eval(
            "return [...document.querySelectorAll('.days input[type=checkbox]')]
                .filter(c => c.checked).map(c => c.parentElement.textContent.trim());",
        )
        .await;
    serde_json::from_value(v).unwrap()
}

async fn value_of(s: &Session, label: &str) -> String {
    let field = s.by_role("textbox", label).await;
    field.prop("value").await.unwrap().unwrap_or_default()
}

/// The error texts the field labelled `label` is described by.
async fn described_errors(s: &Session, label: &str) -> String {
    let field = s.by_role("textbox", label).await;
    let v = s
        .browser
        .execute(
            "const ids = (arguments[0].getAttribute('aria-describedby') || '').split(' ');
             return ids.map(i => document.getElementById(i))
                .filter(e => e && e.classList.contains('field-error'))
                .map(e => e.textContent.trim()).join(' ');",
            vec![serde_json::to_value(&field).unwrap()],
        )
        .await
        .expect("script runs");
    v.as_str().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn grant_presets_and_24_hour_times() {
    support::run("dialogs_schedule", async |s| {
        // Group 103's locks can apply a weekly restriction.
        s.goto("/owners/1/lock-groups/103/grants").await;
        s.wait_row("Dave Example", "Mon–Fri 07:00–19:00").await;
        s.click("button", "Grant access").await;
        s.expect_focus("People (e-mail addresses)", "the form opened")
            .await;
        s.press("pre.set@example.com").await;

        // One place says which time zone applies.
        let said = s
            .eval("return document.querySelector('dialog[open]').innerText.match(/local time/g).length;")
            .await;
        assert_eq!(said, json!(1), "the time zone is said once");
        s.wait_for_text("weekly hours are in each lock's local time")
            .await;

        // The days on one line on a laptop.
        let tops = s
            .eval(
                "return new Set([...document.querySelectorAll('.days label')]
                    .map(l => Math.round(l.getBoundingClientRect().top))).size;",
            )
            .await;
        assert_eq!(tops, json!(1), "the seven days on one line");

        s.click("button", "Weekdays").await;
        assert_eq!(checked_days(s).await, ["Mon", "Tue", "Wed", "Thu", "Fri"]);
        assert_eq!(value_of(s, "From").await, "07:00");
        assert_eq!(value_of(s, "To").await, "19:00");
        s.click("button", "Every day").await;
        assert_eq!(checked_days(s).await.len(), 7);
        // Times already there are kept.
        s.click("button", "Weekends").await;
        assert_eq!(checked_days(s).await, ["Sat", "Sun"]);
        assert_eq!(value_of(s, "From").await, "07:00");

        // A bad time: its message next to the field once it is left, the typing kept.
        let from = s.by_role("textbox", "From").await;
        s.clear(&from).await;
        from.send_keys("7pm").await.unwrap();
        s.press(TAB).await;
        support::eventually("the bad time is named at its field", || async {
            match described_errors(s, "From").await {
                e if e == "“7pm” is not a 24-hour time: write it as HH:MM, e.g. 07:00 or 19:30." => {
                    Ok(())
                }
                other => Err(other),
            }
        })
        .await;
        assert_eq!(value_of(s, "From").await, "7pm", "the typing stays");
        s.click("button", "Create grant").await;
        s.wait_for_text("Enter both times as 24-hour HH:MM").await;
        let grants: Value = s.api_get("/Owners/1/LockGroups/103/Grants").await;
        assert!(
            !grants.to_string().contains("pre.set@example.com"),
            "nothing sent"
        );

        // 24-hour times are taken as typed.
        s.clear(&from).await;
        from.send_keys("18:30").await.unwrap();
        let to = s.by_role("textbox", "To").await;
        s.clear(&to).await;
        to.send_keys("2215").await.unwrap();
        s.press(TAB).await;
        assert_eq!(described_errors(s, "From").await, "");
        s.click("button", "Create grant").await;
        s.wait_gone("dialog", "Grant access to this lock group")
            .await;
        s.wait_row("pre.set@example.com", "Sat, Sun 18:30–22:15").await;
    })
    .await;
}

/// Members refreshes itself while a lock waits for its sync, and reloads the group with it:
/// an open Delete confirmation stays as the admin left it, its ticked option and focus kept
/// (it was drawn again with every reload of the group, unticked, focus back on Cancel).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refresh_behind_the_delete_confirmation_keeps_its_choices() {
    support::run("delete_through_refresh", async |s| {
        let id = |v: Value| v["id"].as_str().expect("an id").to_string();
        let lock = id(s
            .api_put(
                "/Owners/1/BoundLocks",
                json!({ "physicalLockId": "PL-Refresh", "bindingCode": "x", "title": "Refresh Door" }),
            )
            .await);
        let group = id(s
            .api_put("/Owners/1/LockGroups", json!({ "title": "Refreshing Group" }))
            .await);
        s.api_put(
            &format!("/Owners/1/LockGroups/{group}/Memberships"),
            json!({ "boundLockId": lock }),
        )
        .await;
        s.goto(&format!("/owners/1/lock-groups/{group}/members"))
            .await;
        s.wait_row("Refresh Door", "Joining").await;

        // Counts the group's answers from here on (the self-refresh reloads it).
        s.eval(&format!(
            "window.__groupAnswers = 0; const real = window.fetch;
             window.fetch = function (input, init) {{
               const url = String(input && input.url ? input.url : input).split('?')[0];
               const p = real.apply(this, arguments);
               if (url.endsWith('/LockGroups/{group}')) p.then(() => window.__groupAnswers++);
               return p;
             }}; return true;"
        ))
        .await;
        s.click("button", "Delete").await;
        s.by_role("alertdialog", "Delete “Refreshing Group”?").await;
        s.click("checkbox", "Remove every lock from the group").await;
        support::eventually("the group was never reloaded", || async {
            match s.eval("return window.__groupAnswers;").await.as_u64() {
                Some(n) if n >= 1 => Ok(()),
                n => Err(format!("{n:?} answers")),
            }
        })
        .await;
        // What a reload draws, it draws in the same task as the answer.
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        s.by_role("alertdialog", "Delete “Refreshing Group”?").await;
        let ticked = s
            .eval("return document.getElementById('delete-unjoin').checked;")
            .await;
        assert_eq!(ticked, json!(true), "the ticked option is kept");
        assert_eq!(
            s.focused_name().await,
            "Remove every lock from the group",
            "focus stays on the option"
        );
        s.click("button", "Delete lock group").await;
        s.by_role("status", "Lock group deleted").await;
    })
    .await;
}
