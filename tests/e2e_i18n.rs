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

/// The console's English words that German never uses: the fixed parts (two words or more)
/// of every English text in `locales/en.json` that no German text contains.
fn english_only_words() -> Vec<String> {
    fn leaves(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => m.values().for_each(|v| leaves(v, out)),
            serde_json::Value::String(s) => out.push(s.clone()),
            _ => {}
        }
    }
    let read = |text: &str| {
        let mut out = Vec::new();
        leaves(
            &serde_json::from_str(text).expect("a locale file is JSON"),
            &mut out,
        );
        out
    };
    let english = read(include_str!("../locales/en.json"));
    let german = read(include_str!("../locales/de.json")).join("\n");
    let mut words: Vec<String> = english
        .iter()
        // The fixed parts between the values (`{{ name }}`).
        .flat_map(|t| {
            t.split("{{")
                .map(|part| part.rsplit_once("}}").map_or(part, |(_, rest)| rest))
                .map(|part| {
                    part.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_string()
                })
                .collect::<Vec<_>>()
        })
        .filter(|w| {
            w.split_whitespace().count() >= 2 && w.len() >= 8 && !german.contains(w.as_str())
        })
        .collect();
    words.sort();
    words.dedup();
    words
}

/// The page's words as a person and a screen reader meet them: the visible text and the
/// accessible names, descriptions and hints written in attributes.
async fn page_words(s: &Session) -> String {
    s.eval(
        "return document.body.innerText + '\\n' + [...document.querySelectorAll('[aria-label], [title], [placeholder]')] \
           .flatMap(e => ['aria-label', 'title', 'placeholder'].map(a => e.getAttribute(a) || '')).join('\\n');",
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// Waits for the page to show `marker` with nothing loading any more.
async fn settled(s: &Session, marker: &str) {
    support::eventually(format!("the page with {marker:?}, loaded"), || async {
        let busy = s
            .eval("return document.querySelectorAll('[aria-busy=true], tr.skeleton').length")
            .await;
        let words = page_words(s).await;
        if words.contains(marker) && busy == json!(0) {
            Ok(())
        } else {
            Err(format!(
                "busy: {busy}, marker shown: {}",
                words.contains(marker)
            ))
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_in_german_has_none_of_the_consoles_english_words() {
    support::run("i18n_no_english", async |s| {
        let english = english_only_words();
        assert!(
            english.len() > 300,
            "the check knows the English: {}",
            english.len()
        );
        prefer_german(s).await;
        let mut found = Vec::new();
        let mut look = async |s: &Session, page: &str| {
            let words = page_words(s).await;
            let left: Vec<&String> = english
                .iter()
                .filter(|w| words.contains(w.as_str()))
                .collect();
            if !left.is_empty() {
                found.push(format!("{page}: {left:?}"));
            }
        };
        for (path, marker) in [
            ("/owners/1/lock-groups", "All Staff"),
            ("/owners/1/lock-groups/101", "All Staff"),
            ("/owners/1/lock-groups/101/members?state=all", "All Staff"),
            ("/owners/1/lock-groups/101/grants?show=all", "All Staff"),
            ("/owners/1/lock-groups/101/diagram", "All Staff"),
            ("/owners/1/lock-groups/101/history", "All Staff"),
            ("/owners/1/locks", "Main Entrance"),
            ("/owners/1/people", "@"),
            ("/settings", "Einstellungen"),
        ] {
            s.goto(path).await;
            settled(s, marker).await;
            look(s, path).await;
        }
        // A lock's page and a person's page, opened from their lists.
        s.goto("/owners/1/locks").await;
        settled(s, "Main Entrance").await;
        s.click("link", "Main Entrance").await;
        s.wait_for_path(|p| p.starts_with("/owners/1/locks/"), "a lock's page")
            .await;
        settled(s, "Main Entrance").await;
        look(s, "a lock's page").await;
        s.goto("/owners/1/people").await;
        settled(s, "@").await;
        s.eval("document.querySelector('table a[href*=\"/people/\"]').click(); return 1;")
            .await;
        s.wait_for_path(|p| p.starts_with("/owners/1/people/"), "a person's page")
            .await;
        settled(s, "@").await;
        look(s, "a person's page").await;
        assert!(
            found.is_empty(),
            "English words of the console on German pages:\n{}",
            found.join("\n")
        );
    })
    .await;
}
