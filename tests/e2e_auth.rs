//! Sign-in in a real browser against the sandbox's OAuth server (Authorization Code +
//! PKCE): signing in, silent renewal, a revoked session, a forged callback, and where
//! tokens may (not) be kept. Each test first signs out of the sandbox's dev token.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::Duration;

use serde_json::Value;
use support::Session;

/// Signs out on the settings page and lands on the sandbox's sign-in page.
async fn sign_out(s: &Session) {
    s.goto("/settings").await;
    s.click("button", "Sign out").await;
    s.wait_for_path(|p| p.starts_with("/connect/authorize?"), "the sign-in page")
        .await;
}

/// On the sandbox's sign-in page: picks a demo user and approves.
async fn approve_as(s: &Session, user: &str) {
    s.wait_for_path(|p| p.starts_with("/connect/authorize?"), "the sign-in page")
        .await;
    s.by_role_prefix("radio", user).await.click().await.unwrap();
    s.click("button", "Approve").await;
}

/// This tab's signed-in session as the console keeps it (`sessionStorage`, one field a
/// line): access and refresh token, or null.
async fn stored_session(s: &Session) -> Value {
    let text = s
        .eval("return sessionStorage.getItem('lga.session');")
        .await;
    let Some(text) = text.as_str() else {
        return Value::Null;
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let field = |i: usize| match lines.get(i) {
        Some(t) if !t.is_empty() => Value::from(*t),
        _ => Value::Null,
    };
    serde_json::json!({ "access_token": field(0), "refresh_token": field(1) })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signs_in_through_the_authorize_page_and_lands_on_the_lock_groups() {
    support::run("auth_sign_in", async |s| {
        sign_out(s).await;
        let authorize = s.path().await;
        for part in [
            "response_type=code",
            "client_id=lock-groups-admin",
            "code_challenge_method=S256",
            "state=",
            "redirect_uri=http%3A%2F%2F127.0.0.1",
        ] {
            assert!(authorize.contains(part), "{part} in {authorize}");
        }
        approve_as(s, "Ada Admin").await;

        s.wait_for_path(|p| p == "/owners/1/lock-groups", "the lock groups")
            .await;
        s.by_role("heading", "Lock groups").await;
        s.by_role("link", "All Staff").await;

        // No code, state or token in the address bar; nothing in localStorage.
        let url = s.browser.current_url().await.unwrap();
        assert_eq!(url.query(), None, "{url}");
        assert_eq!(url.fragment(), None, "{url}");
        let local = s.eval("return localStorage.length;").await;
        assert_eq!(local, Value::from(0), "localStorage is never used");
        let session = stored_session(s).await;
        let token = session["access_token"].as_str().unwrap().to_string();
        assert!(!token.is_empty() && token != support::DEV_TOKEN);
        assert!(!url.as_str().contains(&token));
        assert!(
            session["refresh_token"].is_string(),
            "offline_access gives a refresh token"
        );
        assert!(
            s.eval("return sessionStorage.getItem('lga.pending');")
                .await
                .is_null(),
            "the PKCE verifier and state are forgotten after use"
        );

        // Going back does not lead to the callback with its code.
        // Back either moves within this document (popstate) or loads another one.
        s.eval(
            "window.__moved = false; \
             addEventListener('popstate', () => { window.__moved = true; }); return null;",
        )
        .await;
        s.back().await;
        support::eventually("Back moves to the entry before", || async {
            match s.eval("return window.__moved !== false;").await {
                serde_json::Value::Bool(true) => Ok(()),
                _ => Err("no popstate and the same document".to_string()),
            }
        })
        .await;
        let back = s.path().await;
        assert!(!back.contains("code="), "history holds no code: {back}");

        // The settings page says so.
        s.goto("/settings").await;
        s.wait_for_text("Signed in through the sign-in server")
            .await;
        s.wait_for_text("write:grants").await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expiring_access_token_is_renewed_without_the_admin_noticing() {
    // The sandbox's clock, moved past the token's lifetime instead of waiting it out.
    let clock = sandbox::timefmt::Clock::default();
    let config = sandbox::Config {
        clock: clock.clone(),
        ..Default::default()
    };
    let ttl = config.token_ttl;
    support::run_with("auth_renewal", config, async |s| {
        sign_out(s).await;
        approve_as(s, "Ada Admin").await;
        s.wait_for_path(|p| p == "/owners/1/lock-groups", "the lock groups")
            .await;
        let first = stored_session(s).await["access_token"].clone();

        // Outlive two token lifetimes on the server, then keep working: the next call is
        // refused (401) and the console renews and retries without the admin noticing.
        clock.advance(ttl * 2 + Duration::from_secs(1));
        let expired = s
            .http
            .get(s.url("/api/v1/Owners"))
            .bearer_auth(first.as_str().unwrap())
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(expired, 401, "the first token has expired on the server");
        s.click("link", "All Staff").await;
        s.by_role("heading", "All Staff").await;
        s.by_role_prefix("link", "Members")
            .await
            .click()
            .await
            .unwrap();
        s.by_role("table", "Lock memberships").await;
        s.wait_for_text("Main Entrance").await;
        let path = s.path().await;
        assert_eq!(path, "/owners/1/lock-groups/101/members");
        let renewed = stored_session(s).await["access_token"].clone();
        assert_ne!(first, renewed, "the access token was renewed");

        // The renewed token works on the API itself.
        let status = s
            .http
            .get(s.url("/api/v1/Owners"))
            .bearer_auth(renewed.as_str().unwrap())
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(status, 200);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_session_sends_the_admin_to_sign_in_and_back_to_the_same_page() {
    support::run("auth_revoked", async |s| {
        sign_out(s).await;
        approve_as(s, "Ada Admin").await;
        s.wait_for_path(|p| p == "/owners/1/lock-groups", "the lock groups")
            .await;

        // The server no longer knows this tab's tokens.
        s.eval(
            "const v = sessionStorage.getItem('lga.session').split('\\n');
             v[0] = 'revoked-access'; v[1] = 'revoked-refresh';
             sessionStorage.setItem('lga.session', v.join('\\n'));",
        )
        .await;
        let page = "/owners/1/lock-groups?q=Staff";
        s.goto(page).await;
        approve_as(s, "Ada Admin").await;
        s.wait_for_path(|p| p == page, page).await;
        s.by_role("link", "All Staff").await;
        let session = stored_session(s).await;
        assert_ne!(session["access_token"], Value::from("revoked-access"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_callback_with_a_wrong_state_is_refused() {
    support::run("auth_wrong_state", async |s| {
        sign_out(s).await;
        // Not the answer to this tab's request: a forged or replayed callback.
        s.goto("/auth/callback?code=forged&state=not-the-one-sent")
            .await;
        s.by_role("heading", "Sign-in failed").await;
        s.wait_for_text("state mismatch").await;
        assert_eq!(
            s.path().await,
            "/auth/callback",
            "the code left the address bar"
        );
        assert!(stored_session(s).await.is_null(), "nothing was stored");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_admin_is_told_which_permission_is_missing() {
    support::run("auth_forbidden", async |s| {
        sign_out(s).await;
        approve_as(s, "Victor Viewer").await;
        s.wait_for_path(|p| p == "/owners/1/lock-groups", "the lock groups")
            .await;
        s.by_role("link", "All Staff").await;

        s.submit_new_group("Night Watch").await;
        // A 403 is not a reason to sign in again: it names the missing scope.
        s.wait_for_text("write:core:entities").await;
        assert_eq!(s.path().await, "/owners/1/lock-groups");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_settings_page_accepts_a_pasted_access_token() {
    support::run("auth_pasted_token", async |s| {
        sign_out(s).await;
        // Signed out, the settings page stays put and says so.
        s.goto("/settings").await;
        s.wait_for_text("Not signed in.").await;
        s.by_role("button", "Sign in").await;
        assert!(!s
            .names_of_role("button")
            .await
            .iter()
            .any(|b| b == "Sign out"));
        // The pasted token is a technical field, under Advanced.
        s.click("button", "Advanced").await;
        let field = s.by_role("textbox", "Access token").await;
        field.send_keys(support::DEV_TOKEN).await.unwrap();
        s.click("button", "Use this token").await;
        s.wait_for_text("Using a pasted access token").await;

        s.goto("/owners/1/lock-groups").await;
        s.by_role("link", "All Staff").await;
        assert_eq!(s.path().await, "/owners/1/lock-groups");
        let local = s.eval("return localStorage.length;").await;
        assert_eq!(local, Value::from(0));
    })
    .await;
}
