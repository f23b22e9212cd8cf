//! German beside English. The words live in `locales/en.json` and `locales/de.json`
//! (`keys`, generated at compile time by leptos_i18n); here the rest of the job:
//!
//! - `choice`: which language on first visit (the browser's preference), remembered after;
//! - `intl`: dates, relative times, numbers and plurals through the browser's `Intl`;
//! - `words`: the console's shared words (states, feature support, errors it explains);
//! - `csv`: the CSV files' header rows and file names in a language;
//! - `import`: the imports' words (unreadable input, a line's result);
//! - `schedule`: a grant's time restriction, the days of the week, the grant form's mistakes.
//!
//! The switch itself is `components::language_switch`. Views write `t!(i18n, key)` / `t_string!(i18n, key)` with `let i18n = use_i18n();`.

pub mod choice;
pub mod csv;
pub mod import;
pub mod intl;
mod keys;
pub mod schedule;
pub mod words;

pub use keys::i18n::{t, t_string, td_string, use_i18n, Locale};

/// The language context: which language is shown, a signal every translated text reads.
pub type I18n = leptos_i18n::I18nContext<Locale>;

/// The language shown now, as its BCP 47 code (`"en"`, `"de"`): what `Intl` is given.
/// Tracked: a view reading it follows the switch.
pub fn code_of(i18n: I18n) -> &'static str {
    use keys::i18n::I18nLocaleTrait;
    i18n.get_locale().as_str()
}
