//! Runtime configuration, read from `config.json` next to `index.html` at start, so one
//! build serves any API: deploying elsewhere means replacing that file, never rebuilding.

use std::fmt;

use serde::Deserialize;

/// Why `config.json` could not be used (the boot screen says it in the language shown;
/// `Display` is the English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// Not valid JSON, or not the config's fields: the parser's text.
    Invalid(String),
    NoApiBase,
    /// The request failed: the browser's text.
    Unreachable(String),
    /// The server answered with this status.
    Http(u16),
    /// The body could not be read: the browser's text.
    Unreadable(String),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = Config::URL;
        match self {
            ConfigError::Invalid(e) => write!(f, "config.json is not valid: {e}"),
            ConfigError::NoApiBase => f.write_str("config.json: apiBaseUrl is empty"),
            ConfigError::Unreachable(e) => write!(f, "could not load {url}: {e}"),
            ConfigError::Http(status) => write!(f, "could not load {url}: HTTP {status}"),
            ConfigError::Unreadable(e) => write!(f, "could not read {url}: {e}"),
        }
    }
}

/// Contents of `config.json`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Config {
    /// Base URL of the API, e.g. `https://my.tapkey.com/api/v1` or `/api/v1` (same origin).
    pub api_base_url: String,
    /// True when the API is this project's sandbox: enables sandbox-only actions
    /// (simulated lock sync) and the sandbox's sign-in shortcuts.
    #[serde(default)]
    pub sandbox: bool,
    /// A bearer token to use without signing in. Only ever set for the local sandbox.
    #[serde(default)]
    pub dev_token: Option<String>,
    /// OAuth 2.0 (Authorization Code + PKCE) settings.
    #[serde(default)]
    pub sign_in: Option<SignIn>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignIn {
    pub authorize_url: String,
    pub token_url: String,
    pub client_id: String,
    pub scopes: String,
    pub redirect_uri: String,
}

impl Config {
    /// Where the config lives, relative to the page's origin.
    pub const URL: &'static str = "/config.json";

    /// Parses and checks a `config.json` text.
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        let config: Config =
            serde_json::from_str(text).map_err(|e| ConfigError::Invalid(e.to_string()))?;
        if config.api_base_url.trim().is_empty() {
            return Err(ConfigError::NoApiBase);
        }
        Ok(config)
    }

    /// The API base URL without a trailing slash, so paths can be appended.
    pub fn api_base(&self) -> &str {
        self.api_base_url.trim_end_matches('/')
    }

    /// Fetches `config.json` from the page's origin.
    pub async fn load() -> Result<Config, ConfigError> {
        let response = gloo_net::http::Request::get(Self::URL)
            .cache(web_sys::RequestCache::NoCache)
            .send()
            .await
            .map_err(|e| ConfigError::Unreachable(e.to_string()))?;
        if !response.ok() {
            return Err(ConfigError::Http(response.status()));
        }
        let text = response
            .text()
            .await
            .map_err(|e| ConfigError::Unreadable(e.to_string()))?;
        Config::parse(&text)
    }
}

/// Whether the console talks to this project's sandbox (sandbox-only actions).
pub fn is_sandbox() -> bool {
    leptos::prelude::use_context::<Config>().is_some_and(|c| c.sandbox)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_shipped_sandbox_config() {
        let text = include_str!("../public/config.json");
        let config = Config::parse(text).unwrap();
        assert_eq!(config.api_base(), "/api/v1");
        assert!(config.sandbox);
        assert!(config.sign_in.is_some());
    }

    #[test]
    fn trims_trailing_slash_and_ignores_unknown_keys() {
        let config =
            Config::parse(r#"{"apiBaseUrl":"https://my.tapkey.com/api/v1/","future":1}"#).unwrap();
        assert_eq!(config.api_base(), "https://my.tapkey.com/api/v1");
        assert!(!config.sandbox);
        assert_eq!(config.dev_token, None);
    }

    #[test]
    fn refuses_broken_config_with_a_message() {
        assert!(Config::parse("{")
            .unwrap_err()
            .to_string()
            .contains("not valid"));
        assert_eq!(
            Config::parse(r#"{"apiBaseUrl":" "}"#).unwrap_err(),
            ConfigError::NoApiBase
        );
    }
}
