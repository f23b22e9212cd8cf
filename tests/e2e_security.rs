//! The console under its Content-Security-Policy, in a real browser: a violation is
//! reported and fails the test that caused it (so the check after every test can fail),
//! and titles and descriptions from the API are shown as text, never as HTML.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use futures::FutureExt;
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deliberate_violation_is_blocked_reported_and_fails_the_check() {
    support::run("csp_violation_caught", async |s| {
        s.goto("/owners/1/lock-groups").await;
        s.by_role("heading", "Lock groups").await;

        // What an injection would try: an inline script, and an inline style attribute.
        let outcome = s
            .eval(
                r#"const script = document.createElement('script');
                   script.textContent = 'window.__injected = true;';
                   document.body.append(script);
                   const h1 = document.querySelector('h1');
                   h1.setAttribute('style', 'color: rgb(255, 0, 0)');
                   return { ran: window.__injected === true, color: getComputedStyle(h1).color };"#,
            )
            .await;
        assert_eq!(
            outcome["ran"],
            json!(false),
            "the inline script was blocked"
        );
        assert_ne!(
            outcome["color"],
            json!("rgb(255, 0, 0)"),
            "the inline style was blocked"
        );

        // The check every test ends with fails, naming both.
        let check = std::panic::AssertUnwindSafe(s.assert_no_csp_violations())
            .catch_unwind()
            .await;
        let panic = check.expect_err("the violations must fail the check");
        let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
        for directive in ["script-src-elem", "style-src-attr"] {
            assert!(
                message.contains(directive),
                "{directive} in the failure message: {message}"
            );
        }
        assert!(
            message.contains("/owners/1/lock-groups"),
            "the page is named: {message}"
        );
        // The check took them: the test itself ends clean.
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn titles_and_descriptions_from_the_api_are_text_never_html() {
    support::run("text_not_html", async |s| {
        const TITLE: &str = "<img src=x onerror=alert(1)>";
        const DESCRIPTION: &str = "<b>bold</b><script>window.__xss = 1</script>";
        s.goto("/owners/1/lock-groups").await;
        s.click("button", "New lock group").await;
        s.by_role("textbox", "Title")
            .await
            .send_keys(TITLE)
            .await
            .unwrap();
        s.by_role("textbox", "Description")
            .await
            .send_keys(DESCRIPTION)
            .await
            .unwrap();
        s.click("button", "Create lock group").await;

        // The group's page: heading and description exactly as typed.
        s.by_role("heading", TITLE).await;
        s.wait_for_text(DESCRIPTION).await;
        let path = s.path().await;

        // The list: a link named exactly the title.
        s.goto("/owners/1/lock-groups").await;
        let link = s.by_role("link", TITLE).await;
        assert_eq!(link.text().await.unwrap(), TITLE);

        // Nothing was made an element or run, on either page.
        let check = r#"return { imgs: document.querySelectorAll('img, b, main script').length,
                                xss: window.__xss === undefined ? null : window.__xss };"#;
        assert_eq!(s.eval(check).await, json!({"imgs": 0, "xss": Value::Null}));
        s.goto(&path).await;
        s.by_role("heading", TITLE).await;
        assert_eq!(s.eval(check).await, json!({"imgs": 0, "xss": Value::Null}));
        assert!(
            s.browser.get_alert_text().await.is_err(),
            "no alert was opened"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_a_wasm_trap_or_an_uncaught_error_fails_the_check() {
    support::run("page_errors_caught", async |s| {
        s.goto("/owners/1/lock-groups").await;
        s.by_role("heading", "Lock groups").await;
        // A clean page passes.
        s.assert_no_page_errors().await;

        // What a failing page logs: the panic hook's line, a wasm `unreachable` trap
        // (a real one, from a module compiled here), and an uncaught exception.
        s.eval(
            r#"console.error('panicked at src/pages/example.rs:1:1:\nboom');
               // (module (func (export "f") unreachable))
               const bytes = new Uint8Array([0,97,115,109,1,0,0,0,1,4,1,96,0,0,3,2,1,0,
                 7,5,1,1,102,0,0,10,5,1,3,0,0,11]);
               const trap = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.f;
               setTimeout(trap, 0);
               setTimeout(() => { throw new Error('deliberate'); }, 0);
               return null;"#,
        )
        .await;
        // Each of the three fails the check, which names it (the timers fire soon after).
        // A check takes what it reports, so the failures of every look are kept.
        let seen = std::sync::Mutex::new(String::new());
        let seen = &seen;
        let message = support::eventually("the page errors fail the check", move || async move {
            let check = std::panic::AssertUnwindSafe(s.assert_no_page_errors())
                .catch_unwind()
                .await;
            if let Err(panic) = check {
                let text = panic.downcast_ref::<String>().cloned().unwrap_or_default();
                seen.lock().unwrap().push_str(&text);
            }
            let message = seen.lock().unwrap().clone();
            if ["panicked at", "RuntimeError", "deliberate"]
                .iter()
                .all(|m| message.contains(m))
            {
                Ok(message)
            } else {
                Err(message)
            }
        })
        .await;
        for what in ["panicked at", "RuntimeError", "Uncaught Error: deliberate"] {
            assert!(message.contains(what), "{what} fails the check: {message}");
        }
        // The check took them: the test itself ends clean.
    })
    .await;
}
