//! German beside English: a browser that prefers German sees the console in German (words,
//! `<html lang>`, dates and numbers through `Intl`), the header's switch turns it English at
//! once without losing what was typed, the choice is remembered, and axe passes in German.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::json;
use support::german::{english_left, english_only_words, prefer_german, settled};
use support::{Session, ESCAPE};

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
            found.extend(english_left(s, &english, page).await);
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_main_flows_in_german_meet_none_of_the_consoles_english_words() {
    support::run("i18n_flows", async |s| {
        let english = english_only_words();
        let mut found = Vec::new();
        prefer_german(s).await;
        s.goto("/owners/1/lock-groups").await;
        settled(s, "All Staff").await;

        // Create a group: the dialog, a slip named in German at its field, then the group.
        s.click("button", "Neue Schließgruppe").await;
        s.by_role("dialog", "Neue Schließgruppe").await;
        s.expect_focus("Titel", "the dialog opened in its first field")
            .await;
        s.click("button", "Schließgruppe anlegen").await;
        s.wait_for_text("Geben Sie einen Titel ein: Eine Schließgruppe braucht einen.")
            .await;
        found.extend(english_left(s, &english, "the new group's dialog").await);
        s.press("Empfang Süd").await;
        s.click("button", "Schließgruppe anlegen").await;
        s.by_role("heading", "Empfang Süd").await;
        settled(s, "Empfang Süd").await;
        found.extend(english_left(s, &english, "the new group's Overview").await);

        // Members: add a lock, and the results.
        s.click("link", "Mitglieder, 0").await;
        s.click("button", "Schlösser hinzufügen").await;
        s.by_role("dialog", "Schlösser zur Gruppe hinzufügen").await;
        s.press("Roof").await;
        s.click("checkbox", "Roof Access wählen").await;
        s.wait_for_text("1 Schloss gewählt.").await;
        found.extend(english_left(s, &english, "the Add locks dialog").await);
        s.click("button", "1 Schloss hinzufügen").await;
        s.wait_gone("dialog", "Schlösser zur Gruppe hinzufügen")
            .await;
        s.wait_row("Roof Access", "Wird aufgenommen").await;
        settled(s, "Roof Access").await;
        found.extend(english_left(s, &english, "Members after adding").await);

        // Grants: the grant dialog, a slip, then the grant.
        s.click("link", "Berechtigungen, 0").await;
        s.click("button", "Zutritt gewähren").await;
        s.by_role("dialog", "Zutritt zu dieser Schließgruppe gewähren")
            .await;
        s.press("keine-adresse").await;
        s.click("button", "Berechtigung anlegen").await;
        s.wait_for_text("„keine-adresse“ ist keine E-Mail-Adresse.")
            .await;
        found.extend(english_left(s, &english, "the grant dialog").await);
        let people = s.by_role("combobox", "Personen (E-Mail-Adressen)").await;
        s.clear(&people).await;
        people.send_keys("anna.gruber@example.com").await.unwrap();
        s.click("button", "Berechtigung anlegen").await;
        s.wait_gone("dialog", "Zutritt zu dieser Schließgruppe gewähren")
            .await;
        s.wait_row("anna.gruber@example.com", "Aktiv").await;
        found.extend(english_left(s, &english, "Grants after granting").await);

        // History tells both changes in German.
        s.click("link", "Verlauf").await;
        settled(s, "Roof Access").await;
        found.extend(english_left(s, &english, "History").await);
        assert!(
            found.is_empty(),
            "English words of the console in German flows:\n{}",
            found.join("\n")
        );
    })
    .await;
}
