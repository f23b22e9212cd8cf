//! The Grants tab in a real browser against the sandbox: listing with the validity
//! window and time restriction, active/all and contact search in the URL, granting access
//! (with the server's error for a bad identifier) and revoking with a confirm.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::Session;

/// The error text that a field's `aria-describedby` points at (empty when none), as a
/// screen reader reads it with the field.
async fn field_error(s: &Session, id: &str) -> String {
    let script = format!(
        "const f = document.getElementById('{id}');
         const ids = (f.getAttribute('aria-describedby') || '').split(' ');
         return ids.map(i => document.getElementById(i)).filter(e => e && e.classList.contains('field-error'))
                   .map(e => e.textContent.trim()).join(' ');"
    );
    s.eval(&script)
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn grant_access_then_revoke_it() {
    support::run("grants_grant_revoke", async |s| {
        s.goto("/owners/1/lock-groups/109/grants").await;
        s.wait_for_text("No grants yet").await;
        s.wait_for_text("Nobody has access through this group.")
            .await;

        s.click("button", "Grant access").await;
        s.by_role("dialog", "Grant access to this lock group").await;
        s.expect_focus(
            "People (e-mail addresses)",
            "focus starts in the first field",
        )
        .await;
        // Nothing typed, then a slip: each time a plain sentence at the field, and
        // nothing is sent.
        let contact = s.by_role("combobox", "People (e-mail addresses)").await;
        s.click("button", "Create grant").await;
        assert_eq!(
            field_error(s, "grant-contact").await,
            "Enter the e-mail address of at least one person."
        );
        contact.send_keys("not-an-email").await.unwrap();
        s.click("button", "Create grant").await;
        support::eventually("the slip is named at the field", || async {
            match field_error(s, "grant-contact").await {
                e if e == "“not-an-email” is not an e-mail address." => Ok(()),
                other => Err(other),
            }
        })
        .await;
        let grants: serde_json::Value = s.api_get("/Owners/1/LockGroups/109/Grants").await;
        assert_eq!(grants, serde_json::json!([]), "nothing was sent");

        s.clear(&contact).await;
        contact.send_keys("new.person@example.com").await.unwrap();
        s.eval(
            "const e = document.getElementById('grant-before'); e.value = '2030-01-01T10:00'; \
             e.dispatchEvent(new Event('input', {bubbles: true}));",
        )
        .await;
        s.click("button", "Create grant").await;
        s.wait_gone("dialog", "Grant access to this lock group")
            .await;
        let row = s.wait_row("new.person@example.com", "✔ Active").await;
        assert!(row.contains("no limit"), "valid from has no limit: {row}");
        assert!(
            row.contains("Jan 1, 2030, 10:00"),
            "valid before is shown: {row}"
        );

        s.click("button", "Revoke access for new.person@example.com")
            .await;
        s.by_role("alertdialog", "Revoke access for new.person@example.com?")
            .await;
        assert_eq!(s.focused_name().await, "Cancel");
        s.click("button", "Revoke access").await;
        s.wait_no_row("new.person@example.com").await;
        s.click("checkbox", "Show revoked grants too").await;
        s.wait_for_path(|p| p.ends_with("/grants?show=all"), "show=all in the URL")
            .await;
        s.wait_row("new.person@example.com", "✖ Revoked").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn active_filter_search_and_time_restrictions() {
    support::run("grants_filter", async |s| {
        s.goto("/owners/1/lock-groups/101/grants").await;
        s.wait_row("Alice Example", "✔ Active").await;
        s.wait_row("Bob Example", "bob@example.com").await;
        assert!(
            s.row_text("Carol Example").await.is_none(),
            "revoked hidden"
        );

        let search = s.by_role("searchbox", "Search by contact").await;
        search.send_keys("BOB").await.unwrap();
        s.click("button", "Search").await;
        s.wait_for_path(|p| p.ends_with("/grants?q=BOB"), "q=BOB in the URL")
            .await;
        s.wait_no_row("Alice Example").await;
        s.wait_row("Bob Example", "✔ Active").await;

        s.goto("/owners/1/lock-groups/101/grants?show=all&q=carol")
            .await;
        s.wait_row("Carol Example", "✖ Revoked").await;
        assert!(s.row_text("Bob Example").await.is_none());

        s.goto("/owners/1/lock-groups/103/grants").await;
        s.wait_row("Dave Example", "Mon–Fri 07:00–19:00").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_people_on_a_schedule_in_one_go() {
    support::run("grants_schedule", async |s| {
        // Group 103's locks support time restrictions (its demo grant has one).
        s.goto("/owners/1/lock-groups/103/grants").await;
        s.wait_row("Dave Example", "Mon–Fri 07:00–19:00").await;
        s.click("button", "Grant access").await;
        let people = s.by_role("combobox", "People (e-mail addresses)").await;

        // The owner's contacts are suggested while typing.
        people.send_keys("bo").await.unwrap();
        support::eventually("a contact is suggested", || async {
            let options = s
                .eval("return [...document.querySelectorAll('#grant-contact-suggestions option')].map(o => o.value);")
                .await;
            let values: Vec<String> = serde_json::from_value(options).unwrap_or_default();
            if values.iter().any(|v| v == "bob@example.com, ") {
                Ok(())
            } else {
                Err(format!("suggestions: {values:?}"))
            }
        })
        .await;
        s.clear(&people).await;
        people
            .send_keys("first.person@example.com, second.person@example.com")
            .await
            .unwrap();

        // Mon–Fri 07:00–19:00; the end before the start is refused at the field first.
        for day in ["Mon", "Tue", "Wed", "Thu", "Fri"] {
            s.click("checkbox", day).await;
        }
        let set = |id: &str, value: &str| {
            format!(
                "const e = document.getElementById('{id}'); e.value = '{value}'; \
                 e.dispatchEvent(new Event('input', {{bubbles: true}})); return null;"
            )
        };
        s.eval(&set("grant-hours-from", "19:00")).await;
        s.eval(&set("grant-hours-to", "07:00")).await;
        s.click("button", "Create grant").await;
        support::eventually("the schedule's error at its field", || async {
            match field_error(s, "grant-hours-to").await {
                e if e == "The end time must be after the start time." => Ok(()),
                other => Err(other),
            }
        })
        .await;
        s.eval(&set("grant-hours-from", "07:00")).await;
        s.eval(&set("grant-hours-to", "19:00")).await;
        s.click("button", "Create grant").await;
        s.wait_gone("dialog", "Grant access to this lock group")
            .await;
        s.by_role("status", "Access granted to 2 people").await;

        // Both grants carry the weekly iCal, and the table reads it back in words.
        let grants: serde_json::Value = s
            .api_get("/Owners/1/LockGroups/103/Grants")
            .await;
        for who in ["first.person@example.com", "second.person@example.com"] {
            let g = grants
                .as_array()
                .unwrap()
                .iter()
                .find(|g| g.to_string().contains(who))
                .unwrap_or_else(|| panic!("a grant for {who}: {grants}"));
            let ical = g["timeRestrictionIcal"].as_str().unwrap();
            assert!(
                ical.contains("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")
                    && ical.contains("T070000")
                    && ical.contains("T190000"),
                "{who}: {ical}"
            );
            s.wait_row(who, "Mon–Fri 07:00–19:00").await;
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn groups_without_support_say_why_there_is_no_schedule() {
    support::run("grants_no_schedule", async |s| {
        let groups: serde_json::Value = s
            .api_get("/Owners/1/LockGroups?expand=supportedFeatures")
            .await;
        let unsupported = groups
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["supportedFeatures"]["timeRestrictionIcalSupport"] == "NotSupported");
        let Some(g) = unsupported else {
            panic!("the demo data has a group whose locks cannot apply a schedule: {groups}");
        };
        s.goto(&format!(
            "/owners/1/lock-groups/{}/grants",
            g["id"].as_str().unwrap()
        ))
        .await;
        s.click("button", "Grant access").await;
        s.wait_for_text("No time restriction: at least one lock in this group cannot apply one")
            .await;
        assert!(
            !s.names_of_role("checkbox")
                .await
                .contains(&"Mon".to_string()),
            "no day boxes"
        );
    })
    .await;
}
