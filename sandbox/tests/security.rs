//! Security headers on the console's files, the CSP following `config.json`, and the
//! violation report endpoint.

mod common;

use common::*;
use reqwest::Method;
use serde_json::json;

fn header(r: &reqwest::Response, name: &str) -> String {
    r.headers()
        .get(name)
        .unwrap_or_else(|| panic!("{} has no {name} header", r.url()))
        .to_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn console_files_carry_the_security_headers_and_the_csp_follows_config_json() {
    let sb = Sb::start().await;
    let dist = sb.dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<html>console</html>").unwrap();
    std::fs::write(dist.join("app.js"), "plain();").unwrap();
    std::fs::write(dist.join("config.json"), r#"{"apiBaseUrl":"/api/v1"}"#).unwrap();

    for path in ["/", "/owners/1/lock-groups/101", "/app.js", "/config.json"] {
        let r = sb
            .client
            .get(format!("{}{path}", sb.url))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{path}");
        assert_eq!(
            header(&r, "content-security-policy"),
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
             img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
             form-action 'none'; frame-ancestors 'none'; report-uri /sandbox/csp-reports",
            "{path}"
        );
        assert_eq!(header(&r, "x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header(&r, "referrer-policy"), "no-referrer", "{path}");
    }

    // Replacing config.json with another API and sign-in server takes effect at once.
    std::fs::write(
        dist.join("config.json"),
        r#"{"apiBaseUrl":"https://my.tapkey.com/api/v1",
            "signIn":{"authorizeUrl":"https://login.tapkey.com/connect/authorize",
                      "tokenUrl":"https://login.tapkey.com/connect/token",
                      "clientId":"x","scopes":"","redirectUri":"/auth/callback"}}"#,
    )
    .unwrap();
    let r = sb.client.get(format!("{}/", sb.url)).send().await.unwrap();
    assert!(header(&r, "content-security-policy")
        .contains("; connect-src 'self' https://my.tapkey.com https://login.tapkey.com; "));

    // The API's own answers are not pages: no CSP there.
    let r = sb
        .client
        .get(format!("{}/api/v1/Owners", sb.url))
        .bearer_auth(DEV)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("content-security-policy").is_none());
    sb.stop().await;
}

#[tokio::test]
async fn violation_reports_are_received_kept_and_listed() {
    let sb = Sb::start().await;
    let report = json!({"csp-report": {
        "document-uri": "http://127.0.0.1/owners/1/lock-groups",
        "violated-directive": "style-src-attr",
        "effective-directive": "style-src-attr",
        "blocked-uri": "inline",
    }});
    // As Chromium sends it: no token, application/csp-report.
    let r = sb
        .client
        .post(format!("{}/sandbox/csp-reports", sb.url))
        .header("content-type", "application/csp-report")
        .body(report.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);

    let server = sb.server.as_ref().unwrap();
    assert_eq!(server.csp_reports(), vec![report.to_string()]);

    // Listing needs a token.
    let (status, _) = sb
        .call_as(None, Method::GET, "/sandbox/csp-reports", None)
        .await;
    assert_eq!(status, 401);
    let (status, listed) = sb.call(Method::GET, "/sandbox/csp-reports", None).await;
    assert_eq!(status, 200);
    assert_eq!(listed, json!([report]));

    // take() hands them over once.
    assert_eq!(server.take_csp_reports().len(), 1);
    assert!(server.csp_reports().is_empty());
    sb.stop().await;
}
