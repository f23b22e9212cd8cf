//! The Grants tab in a real browser against the sandbox: listing with the validity
//! window and time restriction, active/all and contact search in the URL, granting access
//! (with the server's error for a bad identifier) and revoking with a confirm.
#![cfg(not(target_arch = "wasm32"))]

mod support;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn grant_access_then_revoke_it() {
    support::run("grants_grant_revoke", async |s| {
        s.goto("/owners/1/lock-groups/109/grants").await;
        s.by_role("table", "Grants on this lock group").await;
        s.wait_for_text("No grants match this filter.").await;

        s.click("button", "Grant access").await;
        s.by_role("dialog", "Grant access to this lock group").await;
        assert_eq!(s.focused_name().await, "Cancel", "focus starts on Cancel");
        let contact = s.by_role("textbox", "Contact e-mail").await;
        contact.send_keys("not-an-email").await.unwrap();
        s.click("button", "Create grant").await;
        s.wait_for_text("the contact identifier must be an e-mail address, not 'not-an-email'")
            .await;

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
        assert!(row.contains("2030-01-01"), "valid before is shown: {row}");

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
        s.wait_row(
            "Dave Example",
            "Weekly on Mon, Tue, Wed, Thu, Fri, 07:00–19:00",
        )
        .await;
    })
    .await;
}
