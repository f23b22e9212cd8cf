//! Which language the console speaks: the admin's remembered choice, else the browser's
//! preference (`navigator.languages`), else English. Pure, so the choice is tested here;
//! `i18n::choice` reads the browser and storage.

/// The languages the console has translations for, by their BCP 47 code.
pub const CODES: [&str; 2] = ["en", "de"];

/// The language a code names (`de`, `de-AT`, `DE_ch` → `de`), if the console has it.
pub fn supported(code: &str) -> Option<&'static str> {
    let primary = code.split(['-', '_']).next()?.trim().to_ascii_lowercase();
    CODES.into_iter().find(|c| *c == primary)
}

/// The stored choice when it is one the console has; else the first of the browser's
/// preferred languages the console has; else English. German only when the browser asks
/// for it before English (`["en-US", "de"]` stays English).
pub fn pick<'a>(
    stored: Option<&str>,
    preferred: impl IntoIterator<Item = &'a str>,
) -> &'static str {
    stored
        .and_then(supported)
        .or_else(|| preferred.into_iter().find_map(supported))
        .unwrap_or("en")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_decides_on_first_visit() {
        assert_eq!(pick(None, ["de-AT", "en"]), "de");
        assert_eq!(pick(None, ["de"]), "de");
        assert_eq!(pick(None, ["en-US", "de"]), "en");
        assert_eq!(pick(None, ["fr-FR", "de-CH"]), "de");
        assert_eq!(pick(None, ["fr-FR", "it"]), "en");
        assert_eq!(pick(None, []), "en");
    }

    #[test]
    fn the_remembered_choice_wins() {
        assert_eq!(pick(Some("en"), ["de-AT"]), "en");
        assert_eq!(pick(Some("de"), ["en-GB"]), "de");
        // Anything else stored (an old value, a typo) is ignored.
        assert_eq!(pick(Some("klingon"), ["de-AT"]), "de");
        assert_eq!(pick(Some(""), ["en"]), "en");
    }

    #[test]
    fn codes_are_read_loosely() {
        assert_eq!(supported("DE_de"), Some("de"));
        assert_eq!(supported("en"), Some("en"));
        assert_eq!(supported("deu"), None);
        assert_eq!(supported(""), None);
    }
}
