//! German beside English: a browser that prefers German sees the console in German (words,
//! `<html lang>`, dates and numbers through `Intl`), the header's switch turns it English at
//! once without losing what was typed, the choice is remembered, and axe passes in German.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::json;
use support::{Session, ESCAPE};

/// The browser asks for German first (`navigator.languages`, Accept-Language), as an
/// Austrian admin's Chromium does; set before the console first loads.
async fn prefer_german(s: &Session) {
    s.goto("/favicon.ico").await;
    let agent = s.eval("return navigator.userAgent").await;
    for (cmd, params) in [
        ("Network.enable", json!({})),
        (
            "Network.setUserAgentOverride",
            json!({ "userAgent": agent, "acceptLanguage": "de-AT,de;q=0.9,en;q=0.5" }),
        ),
    ] {
        s.browser
            .issue_cmd(support::browser::Cdp(cmd, params))
            .await
            .expect("chromedriver runs the DevTools command");
    }
    assert_eq!(
        s.eval("return navigator.languages[0]").await,
        json!("de-AT"),
        "the override took"
    );
}

async fn html_lang(s: &Session) -> String {
    s.eval("return document.documentElement.lang")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_german_browser_gets_german_and_the_switch_turns_it_english_at_once() {
    support::run("i18n_german", async |s| {
        prefer_german(s).await;
        s.goto("/owners/1/lock-groups").await;

        // The list, the header and the table in German.
        s.by_role("heading", "Schließgruppen").await;
        let caption = s
            .by_role_prefix(
                "table",
                "Schließgruppen, nach Titel sortiert (A bis Z). Zeilen 1–",
            )
            .await;
        assert!(caption.text().await.unwrap().starts_with("Schließgruppen"));
        assert_eq!(html_lang(s).await, "de");
        for (role, name) in [
            ("link", "Schlösser"),
            ("link", "Personen"),
            ("link", "Einstellungen"),
            ("button", "Neue Schließgruppe"),
            ("button", "Gruppen importieren"),
            ("button", "CSV exportieren"),
            ("searchbox", "Nach Titel suchen"),
            ("combobox", "Sprache"),
            ("combobox", "Zeilen pro Seite"),
            ("navigation", "Seiten"),
            ("columnheader", "Aktiv"),
            ("columnheader", "Wird aufgenommen"),
            ("columnheader", "Zeitbeschränkungen"),
        ] {
            s.by_role(role, name).await;
        }
        // German Excel opens semicolons: the export's default follows the language.
        let separator = s
            .eval("return document.getElementById('export-separator').value")
            .await;
        assert_eq!(separator, json!("semicolon"));
        // A count's name, with the state in German.
        let links = s.names_of_role("link").await;
        assert!(
            links.iter().any(|l| l.contains(" Aktiv in ")),
            "a count named in German: {links:?}"
        );
        s.assert_no_axe_violations("the lock group list in German")
            .await;

        // The create dialog in German, its refusal too.
        s.click("button", "Neue Schließgruppe").await;
        s.by_role("dialog", "Neue Schließgruppe").await;
        s.by_role("textbox", "Titel").await;
        s.click("button", "Schließgruppe anlegen").await;
        s.wait_for_text("Geben Sie einen Titel ein: Eine Schließgruppe braucht einen.")
            .await;
        s.assert_no_axe_violations("the create dialog in German")
            .await;
        s.press(ESCAPE).await;
        s.wait_gone("dialog", "Neue Schließgruppe").await;

        // Typed search text stays when the language changes: no reload, no re-mount.
        let search = s.by_role("searchbox", "Nach Titel suchen").await;
        search.send_keys("Bür").await.unwrap();
        s.by_role("combobox", "Sprache")
            .await
            .select_by_value("en")
            .await
            .unwrap();
        s.by_role("heading", "Lock groups").await;
        let search = s.by_role("searchbox", "Search by title").await;
        assert_eq!(search.prop("value").await.unwrap().as_deref(), Some("Bür"));
        assert_eq!(html_lang(s).await, "en");
        s.by_role("link", "Locks").await;
        s.by_role("button", "New lock group").await;
        let separator = s
            .eval("return document.getElementById('export-separator').value")
            .await;
        assert_eq!(separator, json!("comma"));

        // Remembered: a reload stays English although the browser prefers German.
        s.reload().await;
        s.by_role("heading", "Lock groups").await;
        assert_eq!(html_lang(s).await, "en");
        assert_eq!(
            s.eval("return localStorage.getItem('lga.language')").await,
            json!("en")
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dates_and_plurals_in_german() {
    support::run("i18n_dates", async |s| {
        prefer_german(s).await;
        s.goto("/owners/1/lock-groups/101").await;
        s.by_role("heading", "All Staff").await;
        // The group's Details: its change date, relative ("vor 3 Stunden") with the exact
        // time in German form ("02.12.2026, 07:05 UTC").
        let stamp = support::eventually("a German date on the group's page", || async {
            let text = s
                .eval(
                    "const t = document.querySelector('time + .exact'); \
                     return t ? t.previousElementSibling.textContent + ' ' + t.textContent : ''",
                )
                .await
                .as_str()
                .unwrap_or_default()
                .to_string();
            if text.is_empty() {
                Err("no timestamp yet".to_string())
            } else {
                Ok(text)
            }
        })
        .await;
        let exact = stamp.rsplit_once('(').map(|(_, e)| e).unwrap_or_default();
        let digits: Vec<bool> = exact.chars().take(17).map(|c| c.is_ascii_digit()).collect();
        assert!(
            exact.len() > 17 && &exact[2..3] == "." && &exact[5..6] == "." && &exact[10..12] == ", "
                && digits.iter().filter(|d| **d).count() == 12,
            "German form dd.mm.yyyy, hh:mm: {stamp}"
        );
        assert!(exact.ends_with("UTC)"), "{stamp}");
        assert!(
            stamp.starts_with("vor ") || stamp.starts_with("gerade eben") || stamp.starts_with("in "),
            "relative in German: {stamp}"
        );

        // The delete dialog counts in German plurals.
        s.click("button", "Löschen").await;
        let summary = support::eventually("the delete summary", || async {
            let t = s
                .eval("const p = document.getElementById('delete-group-summary'); return p ? p.textContent : ''")
                .await
                .as_str()
                .unwrap_or_default()
                .to_string();
            if t.contains("Berechtigung") { Ok(t) } else { Err(format!("now: {t:?}")) }
        })
        .await;
        assert!(summary.starts_with("Diese Gruppe hat "), "{summary}");
        assert!(summary.contains(" Schlösser ") || summary.contains(" Schloss "), "{summary}");
        s.by_role("button", "Abbrechen").await;
    })
    .await;
}
