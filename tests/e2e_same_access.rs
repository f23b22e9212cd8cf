//! "Give the same access to…" in a real browser against the sandbox: from a person's
//! page, another person gets the same group grants, the schedule copied as it is and one
//! validity changed before sending; a grant the server refuses is shown with its text and
//! nothing typed is lost; axe on the dialog. The person, locks and groups are made through
//! the API.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use support::{Session, DEV_TOKEN, ESCAPE};

const WEEK: &str = "BEGIN:VEVENT\r\nDTSTART:20261201T070000\r\nDTEND:20261201T190000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\nEND:VEVENT";

async fn id_of(s: &Session, path: &str, body: Value) -> String {
    let made = s.api_put(path, body).await;
    made["id"].as_str().expect("an id").to_string()
}

/// Ann Source: a grant with a window on "Same Window" (a cylinder, no schedules), one
/// with office hours on "Same Hours" (a Td30, which applies them), one on "Same Gone"
/// (no locks), a direct grant on a lock (not copied). Returns (contact, the Gone group).
async fn ann(s: &Session) -> (String, String) {
    let cid = id_of(
        s,
        "/Owners/1/Contacts",
        json!({"ipId": "tapkey", "identifier": "ann.source@example.com", "title": "Ann Source"}),
    )
    .await;
    let mut groups = Vec::new();
    for (name, lock_type) in [("Window", "TK.Cylinder"), ("Hours", "TK.Td30")] {
        let lock = id_of(
            s,
            "/Owners/1/BoundLocks",
            json!({"physicalLockId": format!("E2E-S{name}"), "bindingCode": "x",
                   "title": format!("Same Lock {name}"), "lockTypeId": lock_type}),
        )
        .await;
        let group = id_of(
            s,
            "/Owners/1/LockGroups",
            json!({"title": format!("Same {name}")}),
        )
        .await;
        s.api_put(
            &format!("/Owners/1/LockGroups/{group}/Memberships"),
            json!({ "boundLockId": lock }),
        )
        .await;
        groups.push((group, lock));
    }
    let gone = id_of(s, "/Owners/1/LockGroups", json!({"title": "Same Gone"})).await;
    let grant = |target: &str, extra: Value| {
        let mut body = json!({"boundLockId": target, "contactId": cid});
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        body
    };
    for body in [
        grant(
            &groups[0].0,
            json!({"validFrom": "2026-01-01T08:00:00.000Z", "validBefore": "2030-06-30T17:00:00.000Z"}),
        ),
        grant(&groups[1].0, json!({"timeRestrictionIcal": WEEK})),
        grant(&gone, json!({})),
        grant(&groups[1].1, json!({})),
    ] {
        s.api_put("/Owners/1/Grants", body).await;
    }
    (cid, gone)
}

/// Sets a `datetime-local` field found by its label's text, as typing would (WebDriver's
/// keys for date fields depend on the browser's locale).
async fn set_date(s: &Session, label: &str, value: &str) {
    let script = format!(
        "const l = [...document.querySelectorAll('label')].find(l => l.textContent.trim() === {label:?}); \
         if (!l || !l.control) return false; \
         l.control.value = {value:?}; l.control.dispatchEvent(new Event('input', {{bubbles: true}})); return true;"
    );
    assert_eq!(
        s.eval(&script).await,
        json!(true),
        "a field labelled {label:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_group_grants_for_another_person() {
    support::run("same_access", async |s| {
        let (cid, gone) = ann(s).await;
        s.goto(&format!("/owners/1/people/{cid}")).await;
        s.by_role("heading", "Ann Source").await;
        s.click("button", "Give the same access to…").await;
        let title = "Give the same access as Ann Source";
        s.by_role("dialog", title).await;

        // Focus is in the e-mail field: typing right away goes there. A slip is refused
        // at the field, and what was typed stays.
        s.expect_focus("E-mail of the person", "the dialog opened")
            .await;
        s.key("bea.copy").await;
        s.click("button", "Give 3 grants").await;
        s.wait_for_text("“bea.copy” is not an e-mail address.")
            .await;
        s.expect_focus("E-mail of the person", "the refused field")
            .await;
        s.key("@example.com").await;
        let email = s.by_role("textbox", "E-mail of the person").await;
        assert_eq!(
            email.prop("value").await.unwrap().as_deref(),
            Some("bea.copy@example.com")
        );

        // One row per group grant, as copied; the direct lock grant is not offered.
        for group in ["Group Same Window", "Group Same Hours", "Group Same Gone"] {
            s.by_role("checkbox", group).await;
        }
        assert!(
            !s.names_of_role("checkbox")
                .await
                .iter()
                .any(|n| n.contains("Same Lock")),
            "a lock's grant is not copied"
        );
        // The Td30 group's schedule fields show the copied week.
        s.wait_for_text("Time restriction (optional)").await;
        let days = s
            .eval("return [...document.querySelectorAll('#same-access-form input[type=checkbox][id*=day]')].filter(b => b.checked).map(b => b.id);")
            .await;
        assert_eq!(days.as_array().map(Vec::len), Some(5), "Mon–Fri: {days}");
        set_date(s, "Valid before (Same Window)", "2031-01-31T18:00").await;
        let edited = s
            .eval("return new Date('2031-01-31T18:00').toISOString();")
            .await;
        s.assert_accessible_light_and_dark("Give the same access dialog")
            .await;

        // The group deleted meanwhile: its grant is refused with the server's text.
        let response = s
            .http
            .delete(format!(
                "{}/api/v1/Owners/1/LockGroups/{gone}?forceRevokeGrants=true",
                s.server.url()
            ))
            .bearer_auth(DEV_TOKEN)
            .send()
            .await
            .expect("API answers");
        assert!(response.status().is_success(), "{}", response.status());
        s.click("button", "Give 3 grants").await;
        s.wait_for_text("2 created, 1 refused").await;
        s.wait_for_text("group Same Window: created").await;
        s.wait_for_text("group Same Hours: created").await;
        s.wait_for_text("group Same Gone: bound lock not found")
            .await;
        s.assert_accessible("the results").await;

        // Back in the form: everything as typed, only the refused grant still checked.
        s.click("button", "Back to the form").await;
        let email = s.by_role("textbox", "E-mail of the person").await;
        assert_eq!(
            email.prop("value").await.unwrap().as_deref(),
            Some("bea.copy@example.com")
        );
        s.by_role("button", "Give 1 grant").await;
        let before = s
            .eval("const l = [...document.querySelectorAll('label')].find(l => l.textContent.trim() === 'Valid before (Same Window)'); return l.control.value;")
            .await;
        assert_eq!(before, json!("2031-01-31T18:00"));
        s.click("checkbox", "Group Same Gone").await;
        s.click("button", "Give 0 grants").await;
        s.wait_for_text("Check at least one grant to give.").await;
        s.click("button", "Cancel").await;
        s.wait_gone("dialog", title).await;

        // The API: the new person holds the same two group grants, the schedule as copied
        // and the edited validity.
        let contacts: Vec<Value> = s
            .api_get("/Owners/1/Contacts?$filter=email eq 'bea.copy@example.com'")
            .await;
        let bea = contacts[0]["id"].as_str().expect("Bea's contact").to_string();
        let theirs: Vec<Value> = s
            .api_get(&format!("/Owners/1/Grants?$filter=contactId eq '{bea}'"))
            .await;
        assert_eq!(theirs.len(), 2, "{theirs:?}");
        let on = |title: &str| {
            theirs
                .iter()
                .find(|g| g["boundLock"]["title"] == json!(title))
                .unwrap_or_else(|| panic!("a grant on {title}: {theirs:?}"))
                .clone()
        };
        let window = on("Same Window");
        assert_eq!(window["validFrom"], json!("2026-01-01T08:00:00.000Z"));
        assert_eq!(window["validBefore"], edited);
        assert_eq!(window["timeRestrictionIcal"], Value::Null);
        let hours = on("Same Hours");
        assert_eq!(hours["timeRestrictionIcal"], json!(WEEK));
        assert_eq!(hours["validFrom"], Value::Null);
        assert_eq!(hours["validBefore"], Value::Null);

        // Escape closes the dialog; the results link to the other person's page.
        s.click("button", "Give the same access to…").await;
        s.by_role("dialog", title).await;
        s.expect_focus("E-mail of the person", "the dialog reopened")
            .await;
        s.key(ESCAPE).await;
        s.wait_gone("dialog", title).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_results_link_to_the_other_persons_page() {
    support::run("same_access_link", async |s| {
        let (cid, _) = ann(s).await;
        s.goto(&format!("/owners/1/people/{cid}")).await;
        s.click("button", "Give the same access to…").await;
        s.by_role("dialog", "Give the same access as Ann Source")
            .await;
        s.expect_focus("E-mail of the person", "the dialog opened")
            .await;
        s.key("cy.copy@example.com").await;
        s.click("button", "Give 3 grants").await;
        s.wait_for_text("3 created").await;
        s.click("link", "Open cy.copy@example.com's page").await;
        let path = s
            .wait_for_path(
                |p| p.starts_with("/owners/1/people/") && !p.ends_with(&format!("/{cid}")),
                "the other person's page",
            )
            .await;
        s.wait_gone("dialog", "Give the same access as Ann Source")
            .await;
        s.wait_for_text("Group Same Hours").await;
        let id = path.rsplit('/').next().unwrap();
        let theirs: Vec<Value> = s
            .api_get(&format!("/Owners/1/Grants?$filter=contactId eq '{id}'"))
            .await;
        assert_eq!(theirs.len(), 3, "{theirs:?}");
    })
    .await;
}
