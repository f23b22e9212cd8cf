//! 401/403 on every route, CORS, and the OAuth authorization server (PKCE, refresh, expiry).

mod common;

use common::*;
use reqwest::Method;
use serde_json::{json, Value};

/// `(method, path, scope it needs)` for every API route.
fn routes() -> Vec<(Method, &'static str, &'static str)> {
    vec![
        (Method::GET, "/api/v1/Owners", "read:owneraccounts"),
        (Method::GET, "/api/v1/Owners/1", "read:owneraccounts"),
        (Method::PUT, "/api/v1/Owners", "write:core:entities"),
        (
            Method::GET,
            "/api/v1/Owners/1/LockGroups",
            "read:core:entities",
        ),
        (
            Method::GET,
            "/api/v1/Owners/1/LockGroups/101",
            "read:core:entities",
        ),
        (
            Method::PUT,
            "/api/v1/Owners/1/LockGroups",
            "write:core:entities",
        ),
        (
            Method::PATCH,
            "/api/v1/Owners/1/LockGroups/101",
            "write:core:entities",
        ),
        (
            Method::DELETE,
            "/api/v1/Owners/1/LockGroups/109",
            "write:core:entities",
        ),
        (
            Method::GET,
            "/api/v1/Owners/1/LockGroups/101/Grants",
            "read:grants",
        ),
        (
            Method::GET,
            "/api/v1/Owners/1/LockGroups/101/Memberships",
            "read:grants",
        ),
        (
            Method::PUT,
            "/api/v1/Owners/1/LockGroups/101/Memberships",
            "write:grants",
        ),
        (
            Method::DELETE,
            "/api/v1/Owners/1/LockGroups/101/Memberships/1",
            "write:grants",
        ),
        (
            Method::GET,
            "/api/v1/Owners/1/BoundLocks",
            "read:core:entities",
        ),
        (
            Method::GET,
            "/api/v1/Owners/1/BoundLocks/1",
            "read:core:entities",
        ),
        (
            Method::PUT,
            "/api/v1/Owners/1/BoundLocks",
            "write:core:entities",
        ),
        (
            Method::GET,
            "/api/v1/Owners/1/Contacts",
            "read:core:entities",
        ),
        (
            Method::PUT,
            "/api/v1/Owners/1/Contacts",
            "write:core:entities",
        ),
        (Method::GET, "/api/v1/Owners/1/Grants", "read:grants"),
        (Method::PUT, "/api/v1/Owners/1/Grants", "write:grants"),
        (
            Method::POST,
            "/api/v1/Owners/1/Grants/1/Revoke",
            "write:grants",
        ),
        (
            Method::POST,
            "/sandbox/Owners/1/BoundLocks/1/Sync",
            "write:grants",
        ),
    ]
}

#[tokio::test]
async fn missing_unknown_and_underscoped_tokens() {
    let all = [
        "read:owneraccounts",
        "read:core:entities",
        "write:core:entities",
        "read:grants",
        "write:grants",
    ];
    let sb = Sb::start_with(|c| {
        for s in all {
            c.tokens.push((format!("only-{s}"), vec![s.to_string()]));
        }
    })
    .await;
    for (m, p, scope) in routes() {
        let body = (m == Method::PUT || m == Method::PATCH).then(|| json!({"x": 1}));
        let r = sb.call_as(None, m.clone(), p, body.clone()).await;
        assert_eq!(r.0, 401, "{m} {p} without token: {}", r.1);
        assert_eq!(r.1["ErrorCode"], "Unauthorized");
        let r = sb.call_as(Some("wrong"), m.clone(), p, body.clone()).await;
        assert_eq!(r.0, 401, "{m} {p} unknown token");
        for s in all {
            let r = sb
                .call_as(Some(&format!("only-{s}")), m.clone(), p, body.clone())
                .await;
            if s == scope {
                assert_ne!(r.0, 403, "{m} {p} with {s}: {}", r.1);
                assert_ne!(r.0, 401);
            } else {
                assert_eq!(r.0, 403, "{m} {p} with {s}: {}", r.1);
                assert_eq!(r.1["ErrorCode"], "Forbidden");
                assert!(r.1["Message"].as_str().unwrap().contains(scope));
            }
        }
    }
    // WWW-Authenticate on 401, other schemes refused.
    let r = sb
        .client
        .get(format!("{}/api/v1/Owners", sb.url))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers().get("www-authenticate").unwrap(), "Bearer");
    let r = sb
        .client
        .get(format!("{}/api/v1/Owners", sb.url))
        .header("authorization", format!("Basic {DEV}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = sb
        .client
        .get(format!("{}/api/v1/Owners", sb.url))
        .header("authorization", format!("bearer {DEV}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    // The read-only token reads but cannot write.
    assert_eq!(
        sb.call_as(
            Some(READER),
            Method::GET,
            "/api/v1/Owners/1/LockGroups",
            None
        )
        .await
        .0,
        200
    );
    assert_eq!(
        sb.call_as(
            Some(READER),
            Method::PUT,
            "/api/v1/Owners/1/LockGroups",
            Some(json!({"title": "t"}))
        )
        .await
        .0,
        403
    );
    sb.stop().await;
}

#[tokio::test]
async fn cors_for_configured_origins_only() {
    let sb = Sb::start().await;
    let pre = |origin: &str, method: &str| {
        sb.client
            .request(
                Method::OPTIONS,
                format!("{}/api/v1/Owners/1/LockGroups/101", sb.url),
            )
            .header("origin", origin)
            .header("access-control-request-method", method)
            .header(
                "access-control-request-headers",
                "authorization,content-type",
            )
            .send()
    };
    for method in ["GET", "PUT", "PATCH", "DELETE"] {
        let r = pre(ORIGIN, method).await.unwrap();
        assert!(r.status().is_success(), "{method}: {}", r.status());
        let h = r.headers();
        assert_eq!(h.get("access-control-allow-origin").unwrap(), ORIGIN);
        assert!(h
            .get("access-control-allow-methods")
            .unwrap()
            .to_str()
            .unwrap()
            .contains(method));
        assert!(h
            .get("access-control-allow-headers")
            .unwrap()
            .to_str()
            .unwrap()
            .to_lowercase()
            .contains("authorization"));
    }
    let r = sb
        .client
        .get(format!("{}/api/v1/Owners", sb.url))
        .header("origin", ORIGIN)
        .bearer_auth(DEV)
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.headers().get("access-control-allow-origin").unwrap(),
        ORIGIN
    );
    // Errors carry CORS headers too, so the console can read them.
    let r = sb
        .client
        .get(format!("{}/api/v1/Owners", sb.url))
        .header("origin", ORIGIN)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(
        r.headers().get("access-control-allow-origin").unwrap(),
        ORIGIN
    );
    // Other origins: no CORS headers at all.
    let r = pre("http://evil.example", "DELETE").await.unwrap();
    assert!(
        r.headers()
            .keys()
            .all(|k| !k.as_str().starts_with("access-control-")),
        "{:?}",
        r.headers()
    );
    let r = sb
        .client
        .get(format!("{}/api/v1/Owners", sb.url))
        .header("origin", "http://evil.example")
        .bearer_auth(DEV)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r
        .headers()
        .keys()
        .all(|k| !k.as_str().starts_with("access-control-")));
    sb.stop().await;
}

/// The console's client id, and a callback registered for it with `--redirect-uri`.
const CLIENT: &str = sandbox::oauth::CONSOLE_CLIENT_ID;
const CALLBACK: &str = "http://127.0.0.1:9/callback";

fn s256(v: &str) -> String {
    sandbox::oauth::s256(v)
}

/// Runs the authorize page + form; returns the redirect location.
async fn authorize(
    sb: &Sb,
    c: &reqwest::Client,
    user: &str,
    scope: &str,
    challenge: &str,
    decision: &str,
) -> String {
    let q = [
        ("response_type", "code"),
        ("client_id", CLIENT),
        ("redirect_uri", CALLBACK),
        ("scope", scope),
        ("state", "xyz"),
        ("code_challenge", challenge),
        ("code_challenge_method", "S256"),
    ];
    let page = c
        .get(format!("{}/connect/authorize", sb.url))
        .query(&q)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("admin@example.com")
            && html.contains("viewer@example.com")
            && html.contains("Approve")
    );
    let mut form: Vec<(&str, &str)> = q.to_vec();
    form.push(("user", user));
    form.push(("decision", decision));
    let r = c
        .post(format!("{}/connect/authorize", sb.url))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    r.headers()
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string()
}

fn query_param(url: &str, key: &str) -> Option<String> {
    let q = url.split_once('?')?.1;
    q.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == key).then(|| v.to_string())
    })
}

#[tokio::test]
async fn oauth_code_flow_with_pkce_and_refresh() {
    let clock = sandbox::timefmt::Clock::default();
    let sb = Sb::start_with(|c| {
        c.token_ttl = std::time::Duration::from_secs(2);
        c.redirect_uris = vec![CALLBACK.to_string()];
        c.clock = clock.clone();
    })
    .await;
    let c = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let verifier = "a".repeat(20) + &"B".repeat(30);
    let loc = authorize(&sb, &c, "admin", "read:owneraccounts read:core:entities write:core:entities read:grants write:grants offline_access", &s256(&verifier), "approve").await;
    assert!(loc.starts_with(&format!("{CALLBACK}?")), "{loc}");
    assert_eq!(query_param(&loc, "state").as_deref(), Some("xyz"));
    let code = query_param(&loc, "code").unwrap();
    let token_url = format!("{}/connect/token", sb.url);
    let exchange = |code: String, verifier: String| {
        c.post(&token_url)
            .form(&[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", CALLBACK),
                ("client_id", CLIENT),
                ("code_verifier", &verifier),
            ])
            .send()
    };
    // Wrong verifier: refused (and the code is spent).
    let r = exchange(code.clone(), "z".repeat(50)).await.unwrap();
    assert_eq!(r.status(), 400);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["error"], "invalid_grant");
    let r = exchange(code, verifier.clone()).await.unwrap();
    assert_eq!(r.status(), 400, "a code is single-use");
    // Again, properly.
    let loc = authorize(&sb, &c, "admin", "read:owneraccounts read:core:entities write:core:entities read:grants write:grants offline_access", &s256(&verifier), "approve").await;
    let code = query_param(&loc, "code").unwrap();
    let r = exchange(code, verifier.clone()).await.unwrap();
    assert_eq!(r.status(), 200);
    let t: wire::TokenResponse = r.json().await.unwrap();
    assert_eq!(t.token_type, "Bearer");
    assert_eq!(t.expires_in, 2);
    let refresh = t
        .refresh_token
        .clone()
        .expect("offline_access gives a refresh token");
    let r = sb
        .call_as(
            Some(&t.access_token),
            Method::PUT,
            "/api/v1/Owners/1/LockGroups",
            Some(json!({"title": "via oauth"})),
        )
        .await;
    assert_eq!(r.0, 200);
    // Expiry: the token works until its lifetime has passed on the sandbox's clock.
    clock.advance(std::time::Duration::from_millis(1900));
    let r = sb
        .call_as(Some(&t.access_token), Method::GET, "/api/v1/Owners", None)
        .await;
    assert_eq!(r.0, 200);
    clock.advance(std::time::Duration::from_millis(200));
    let r = sb
        .call_as(Some(&t.access_token), Method::GET, "/api/v1/Owners", None)
        .await;
    assert_eq!(r.0, 401);
    assert!(r.1["Message"].as_str().unwrap().contains("expired"));
    // Refresh (rotating).
    let r = c
        .post(&token_url)
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh.as_str()),
            ("client_id", CLIENT),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let t2: wire::TokenResponse = r.json().await.unwrap();
    assert_eq!(
        sb.call_as(Some(&t2.access_token), Method::GET, "/api/v1/Owners", None)
            .await
            .0,
        200
    );
    let r = c
        .post(&token_url)
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh.as_str()),
            ("client_id", CLIENT),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400, "old refresh token is spent");
    let r = c
        .post(&token_url)
        .form(&[("grant_type", "password")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);

    // The viewer gets read scopes only: writes are 403; no offline_access, no refresh token.
    let loc = authorize(
        &sb,
        &c,
        "viewer",
        "read:owneraccounts read:core:entities write:core:entities",
        &s256(&verifier),
        "approve",
    )
    .await;
    let r = exchange(query_param(&loc, "code").unwrap(), verifier.clone())
        .await
        .unwrap();
    let t: wire::TokenResponse = r.json().await.unwrap();
    assert!(t.refresh_token.is_none());
    assert_eq!(
        t.scope.as_deref(),
        Some("read:owneraccounts read:core:entities")
    );
    assert_eq!(
        sb.call_as(
            Some(&t.access_token),
            Method::GET,
            "/api/v1/Owners/1/LockGroups",
            None
        )
        .await
        .0,
        200
    );
    assert_eq!(
        sb.call_as(
            Some(&t.access_token),
            Method::PUT,
            "/api/v1/Owners/1/LockGroups",
            Some(json!({"title": "x"}))
        )
        .await
        .0,
        403
    );

    // Deny.
    let loc = authorize(&sb, &c, "admin", "", &s256(&verifier), "deny").await;
    assert_eq!(query_param(&loc, "error").as_deref(), Some("access_denied"));
    assert_eq!(query_param(&loc, "state").as_deref(), Some("xyz"));

    // After the client and redirect URI check out, errors go back to the client.
    let r = c.get(format!("{}/connect/authorize?response_type=code&client_id={CLIENT}&redirect_uri={CALLBACK}&state=s", sb.url)).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let loc = location(&r);
    assert!(loc.starts_with(&format!("{CALLBACK}?")), "{loc}");
    assert_eq!(
        query_param(&loc, "error").as_deref(),
        Some("invalid_request")
    );
    assert_eq!(query_param(&loc, "state").as_deref(), Some("s"));
    sb.stop().await;
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

/// An error page: 400, HTML, and no redirect anywhere.
async fn assert_error_page(r: reqwest::Response, why: &str) {
    assert_eq!(r.status(), 400);
    assert!(r.headers().get("location").is_none());
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Sign-in error") && html.contains(why),
        "{html}"
    );
}

#[tokio::test]
async fn unknown_clients_and_unregistered_redirect_uris_get_an_error_page_never_a_redirect() {
    let sb = Sb::start_with(|c| c.redirect_uris = vec![CALLBACK.to_string()]).await;
    let c = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let challenge = s256(&"v".repeat(50));
    let own = format!("{}/auth/callback", sb.url);
    let ask = |client: &str, redirect: &str, response_type: &str| {
        c.get(format!("{}/connect/authorize", sb.url))
            .query(&[
                ("response_type", response_type),
                ("client_id", client),
                ("redirect_uri", redirect),
                ("state", "s"),
                ("code_challenge", &challenge),
                ("code_challenge_method", "S256"),
            ])
            .send()
    };
    // Registered: the sandbox's own callback, the --cors-origin's, and --redirect-uri.
    for registered in [
        own.as_str(),
        "http://console.example:8081/auth/callback",
        CALLBACK,
    ] {
        let r = ask(CLIENT, registered, "code").await.unwrap();
        assert_eq!(r.status(), 200, "{registered}");
    }
    for (client, redirect, why) in [
        ("someone-else", own.as_str(), "unknown client_id"),
        ("", own.as_str(), "client_id is required"),
        (
            CLIENT,
            "https://attacker.example/auth/callback",
            "is not registered",
        ),
        (CLIENT, &format!("{own}/more"), "is not registered"),
        (CLIENT, &format!("{own}?x=1"), "is not registered"),
        (CLIENT, "javascript:alert(1)", "is not registered"),
        (CLIENT, "", "redirect_uri is required"),
    ] {
        // Even with a bad response_type: the redirect URI is judged before anything is
        // sent to it.
        for response_type in ["code", "token"] {
            let r = ask(client, redirect, response_type).await.unwrap();
            assert_error_page(r, why).await;
        }
    }
    // The form is judged the same way.
    let r = c
        .post(format!("{}/connect/authorize", sb.url))
        .form(&[
            ("response_type", "code"),
            ("client_id", CLIENT),
            ("redirect_uri", "https://attacker.example/cb"),
            ("code_challenge", &challenge),
            ("code_challenge_method", "S256"),
            ("user", "admin"),
            ("decision", "approve"),
        ])
        .send()
        .await
        .unwrap();
    assert_error_page(r, "is not registered").await;
    // A repeated parameter is malformed (RFC 6749 §3.1): a page, not a guess.
    let r = c
        .get(format!(
            "{}/connect/authorize?client_id={CLIENT}&client_id=x&redirect_uri={CALLBACK}",
            sb.url
        ))
        .send()
        .await
        .unwrap();
    assert_error_page(r, "malformed authorization request").await;
    // Errors after the redirect URI is validated still go back to the client.
    let r = ask(CLIENT, CALLBACK, "token").await.unwrap();
    assert_eq!(r.status(), 303);
    let loc = location(&r);
    assert!(loc.starts_with(&format!("{CALLBACK}?")), "{loc}");
    assert_eq!(
        query_param(&loc, "error").as_deref(),
        Some("unsupported_response_type")
    );
    // The token endpoint knows its clients too.
    let r = c
        .post(format!("{}/connect/token", sb.url))
        .form(&[
            ("grant_type", "authorization_code"),
            ("client_id", "someone-else"),
            ("code", "x"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["error"], "invalid_client");
    sb.stop().await;
}

#[tokio::test]
async fn authorization_codes_expire_on_the_sandbox_clock() {
    let clock = sandbox::timefmt::Clock::default();
    let sb = Sb::start_with(|c| {
        c.redirect_uris = vec![CALLBACK.to_string()];
        c.clock = clock.clone();
    })
    .await;
    let c = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let verifier = "c".repeat(50);
    let loc = authorize(&sb, &c, "admin", "", &s256(&verifier), "approve").await;
    let code = query_param(&loc, "code").unwrap();
    clock.advance(std::time::Duration::from_secs(301));
    let r = c
        .post(format!("{}/connect/token", sb.url))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", CALLBACK),
            ("client_id", CLIENT),
            ("code_verifier", verifier.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    let e: Value = r.json().await.unwrap();
    assert_eq!(e["error_description"], "the authorization code has expired");
    sb.stop().await;
}
