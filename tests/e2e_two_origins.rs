//! The real deployment shape: the console served by nginx with the example configuration
//! (`deploy/nginx/lock-groups-admin.conf`) on one origin, the API and the sign-in server
//! (the sandbox, `--cors-origin` naming the console) on another. The admin signs in,
//! lists, opens and creates lock groups; the CSP, naming the API origin in connect-src,
//! is in force and nothing is reported.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::Value;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn console_and_api_on_two_origins_work_end_to_end() {
    support::run_two_origins("two_origins", async |s| {
        let api = s.server.url();
        let console = s.url("");
        assert_ne!(api, console, "two origins");

        // The page's CSP lets the console reach the API's origin, and nothing else.
        let page = s.http.get(s.url("/")).send().await.unwrap();
        let csp = page.headers()["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains(&format!("; connect-src 'self' {api}; ")),
            "connect-src names the API origin: {csp}"
        );

        // No token yet: the first API call sends the admin to the sign-in server.
        s.goto("/owners/1/lock-groups").await;
        let sign_in = format!("{api}/connect/authorize?");
        let sign_in = &sign_in;
        support::eventually("never reached the sign-in page", move || async move {
            let url = s.browser.current_url().await.unwrap();
            if url.as_str().starts_with(sign_in) {
                Ok(())
            } else {
                Err(format!("at {url}"))
            }
        })
        .await;
        let authorize = s.browser.current_url().await.unwrap().to_string();
        let redirect = format!("{console}/auth/callback");
        let encoded: String = form_encode(&redirect);
        assert!(
            authorize.contains(&format!("redirect_uri={encoded}")),
            "redirect_uri is the console's callback: {authorize}"
        );
        s.by_role_prefix("radio", "Ada Admin")
            .await
            .click()
            .await
            .unwrap();
        s.click("button", "Approve").await;

        // Back on the console's origin, signed in (the token came from the API origin).
        s.wait_for_path(|p| p == "/owners/1/lock-groups", "the lock groups")
            .await;
        assert!(s
            .browser
            .current_url()
            .await
            .unwrap()
            .as_str()
            .starts_with(&console));
        s.wait_for_text(&format!("API: {api}/api/v1")).await;

        // List, open.
        s.click("link", "All Staff").await;
        s.by_role("heading", "All Staff").await;
        s.wait_for_text("Doors every employee may open.").await;

        // Create.
        s.goto("/owners/1/lock-groups").await;
        s.submit_new_group("Across Origins").await;
        s.by_role("heading", "Across Origins").await;
        s.by_role("status", "Lock group created").await;
        let created: Vec<Value> = s
            .api_get("/Owners/1/LockGroups?$filter=title%20eq%20%27Across%20Origins%27")
            .await;
        assert_eq!(created.len(), 1, "the group is in the API");
    })
    .await;
}

/// `application/x-www-form-urlencoded` encoding of a URL, as in the authorize request.
fn form_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                (b as char).to_string()
            }
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
