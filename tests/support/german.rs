//! The German console in tests: a browser that asks for German, and the check that a page
//! shows none of the console's English words.

use serde_json::json;

use super::Session;

/// The browser asks for German first (`navigator.languages`, Accept-Language), as an
/// Austrian admin's Chromium does; set before the console first loads.
pub async fn prefer_german(s: &Session) {
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
            .issue_cmd(super::browser::Cdp(cmd, params))
            .await
            .expect("chromedriver runs the DevTools command");
    }
    assert_eq!(
        s.eval("return navigator.languages[0]").await,
        json!("de-AT"),
        "the override took"
    );
}

/// The console's English words that German never uses: the fixed parts (two words or more)
/// of every English text in `locales/en.json` that no German text contains.
pub fn english_only_words() -> Vec<String> {
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
    let english = read(include_str!("../../locales/en.json"));
    let german = read(include_str!("../../locales/de.json")).join("\n");
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
pub async fn page_words(s: &Session) -> String {
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
pub async fn settled(s: &Session, marker: &str) {
    super::eventually(format!("the page with {marker:?}, loaded"), || async {
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

/// The console's English words on the page now, if any, said with `place`.
pub async fn english_left(s: &Session, english: &[String], place: &str) -> Option<String> {
    let words = page_words(s).await;
    let left: Vec<&String> = english
        .iter()
        .filter(|w| words.contains(w.as_str()))
        .collect();
    (!left.is_empty()).then(|| format!("{place}: {left:?}"))
}
