//! Sign-in (OAuth 2.0 Authorization Code + PKCE): the pure parts. Randomness, SHA-256,
//! storage and redirects are the browser's (`crate::auth`); everything that can be got
//! wrong by formatting lives here and is unit-tested natively.

use crate::config::SignIn;
use crate::logic::odata::encode_component;

/// base64url without padding (RFC 4648 §5), as PKCE and `state` need.
pub fn base64url(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// A URL from `config.json` made absolute: relative ones (`/connect/token`) are on the
/// console's own origin.
pub fn absolute(origin: &str, url: &str) -> String {
    if url.starts_with("http://") || url.starts_with("https://") {
        url.to_string()
    } else {
        format!(
            "{}/{}",
            origin.trim_end_matches('/'),
            url.trim_start_matches('/')
        )
    }
}

/// The authorization request: where the browser goes to sign in.
pub fn authorize_url(sign_in: &SignIn, origin: &str, state: &str, challenge: &str) -> String {
    let base = absolute(origin, &sign_in.authorize_url);
    let pairs = [
        ("response_type", "code"),
        ("client_id", sign_in.client_id.as_str()),
        ("redirect_uri", &absolute(origin, &sign_in.redirect_uri)),
        ("scope", sign_in.scopes.as_str()),
        ("state", state),
        ("code_challenge", challenge),
        ("code_challenge_method", "S256"),
    ];
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode_component(v)))
        .collect();
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}{}", query.join("&"))
}

/// `return_to` when it is a path on this origin, else `/` (never an open redirect).
pub fn safe_return(return_to: &str) -> &str {
    if return_to.starts_with('/') && !return_to.starts_with("//") && !return_to.contains('\\') {
        return_to
    } else {
        "/"
    }
}

/// A form-encoded body (`application/x-www-form-urlencoded`) for the token endpoint.
pub fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// One query parameter, decoded (`+` is a space), from a query string with or without `?`.
pub fn query_param(query: &str, name: &str) -> Option<String> {
    query.trim_start_matches('?').split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == name).then(|| crate::logic::routes::percent_decode(&v.replace('+', " ")))
    })
}

/// What the console remembers (in `sessionStorage`) between leaving for the sign-in page
/// and coming back to `/auth/callback`.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub state: String,
    pub verifier: String,
    /// Path and query to bring the admin back to.
    pub return_to: String,
}

impl Pending {
    /// One line each (none of them can hold a line break); no serde code for this.
    pub fn encode(&self) -> String {
        format!("{}\n{}\n{}", self.state, self.verifier, self.return_to)
    }

    pub fn decode(text: &str) -> Option<Pending> {
        let mut lines = text.splitn(3, '\n');
        Some(Pending {
            state: lines.next()?.to_string(),
            verifier: lines.next()?.to_string(),
            return_to: lines.next()?.to_string(),
        })
    }
}

/// Why a sign-in did not complete, for the boot error screen (which says it in the
/// language, `app::BootFailure`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInError {
    /// No sign-in was started in this browser tab.
    NotStarted,
    /// The answer's `state` is not the one this tab sent.
    StateMismatch,
    /// The sign-in server said why (its `error_description`, else its `error`).
    NotCompleted(String),
    /// The sign-in server sent no authorization code.
    NoCode,
    /// Redeeming the code failed.
    Token(TokenError),
}

/// Why the token endpoint gave no session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenError {
    /// The request did not reach the sign-in server (the browser's reason).
    Unreachable(String),
    /// An error status without a readable reason.
    Status(u16),
    /// The server's own text, or a technical reason, as it came.
    Said(String),
    /// The answer has no access token.
    NoAccessToken,
}

/// Reads the callback's query: the authorization code, after checking that `state` is the
/// one this tab sent.
pub fn parse_callback(query: &str, pending: Option<&Pending>) -> Result<String, SignInError> {
    let Some(pending) = pending else {
        return Err(SignInError::NotStarted);
    };
    if query_param(query, "state").as_deref() != Some(pending.state.as_str()) {
        return Err(SignInError::StateMismatch);
    }
    if let Some(error) = query_param(query, "error") {
        let why = query_param(query, "error_description").unwrap_or(error);
        return Err(SignInError::NotCompleted(why));
    }
    match query_param(query, "code") {
        Some(code) if !code.is_empty() => Ok(code),
        _ => Err(SignInError::NoCode),
    }
}

/// A signed-in session, kept in `sessionStorage` only.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub access_token: String,
    pub refresh_token: Option<String>,
    /// When the access token expires (ms since the epoch).
    pub expires_at: i64,
    /// The access token's lifetime when issued (ms).
    pub lifetime_ms: i64,
    /// The scopes granted, space-separated.
    pub scope: String,
}

impl Session {
    /// A session from a token endpoint answer (RFC 6749 §5.1) received at `now` (ms).
    /// Read through `serde_json::Value`, which the bundle has anyway (wasm size).
    pub fn from_token_json(text: &str, now: i64) -> Result<Session, TokenError> {
        let v: serde_json::Value =
            serde_json::from_str(text).map_err(|e| TokenError::Said(e.to_string()))?;
        let text_of = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        let access_token = text_of("access_token")
            .filter(|t| !t.is_empty())
            .ok_or(TokenError::NoAccessToken)?;
        let lifetime_ms = v.get("expires_in").and_then(|x| x.as_i64()).unwrap_or(3600) * 1000;
        Ok(Session {
            access_token,
            refresh_token: text_of("refresh_token"),
            expires_at: now + lifetime_ms,
            lifetime_ms,
            scope: text_of("scope").unwrap_or_default(),
        })
    }

    /// One field a line (tokens and scopes hold no line breaks); no serde code for this.
    pub fn encode(&self) -> String {
        format!(
            "{}\n{}\n{}\n{}\n{}",
            self.access_token,
            self.refresh_token.as_deref().unwrap_or(""),
            self.expires_at,
            self.lifetime_ms,
            self.scope
        )
    }

    pub fn decode(text: &str) -> Option<Session> {
        let mut lines = text.splitn(5, '\n');
        let access_token = lines.next().filter(|t| !t.is_empty())?.to_string();
        let refresh_token = lines.next().filter(|t| !t.is_empty()).map(str::to_string);
        Some(Session {
            access_token,
            refresh_token,
            expires_at: lines.next()?.parse().ok()?,
            lifetime_ms: lines.next()?.parse().ok()?,
            scope: lines.next().unwrap_or("").to_string(),
        })
    }

    /// How long from `now` to wait before renewing: a quarter of the lifetime before it
    /// ends, at most a minute before, never negative.
    pub fn renew_in_ms(&self, now: i64) -> i64 {
        let margin = (self.lifetime_ms / 4).min(60_000);
        (self.expires_at - margin - now).max(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sign_in() -> SignIn {
        SignIn {
            authorize_url: "/connect/authorize".into(),
            token_url: "/connect/token".into(),
            client_id: "lock-groups-admin".into(),
            scopes: "read:grants offline_access".into(),
            redirect_uri: "/auth/callback".into(),
        }
    }

    #[test]
    fn base64url_has_no_padding_and_url_safe_letters() {
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(b"foob"), "Zm9vYg");
        assert_eq!(base64url(&[0xfb, 0xff, 0xfe]), "-__-");
        // 32 random bytes make a 43-character verifier (RFC 7636's minimum).
        assert_eq!(base64url(&[7u8; 32]).len(), 43);
    }

    #[test]
    fn s256_challenge_matches_rfc_7636_appendix_b() {
        // SHA-256 of the RFC's verifier, as SubtleCrypto returns it.
        let digest: [u8; 32] = [
            19, 211, 30, 150, 26, 26, 216, 236, 47, 22, 177, 12, 76, 152, 46, 8, 118, 168, 120,
            173, 109, 241, 68, 86, 110, 225, 137, 74, 203, 112, 249, 195,
        ];
        assert_eq!(
            base64url(&digest),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn authorize_url_carries_every_parameter_encoded() {
        let url = authorize_url(&sign_in(), "http://127.0.0.1:8080", "st8", "chal");
        assert_eq!(
            url,
            "http://127.0.0.1:8080/connect/authorize?response_type=code&client_id=lock-groups-admin\
             &redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fauth%2Fcallback\
             &scope=read%3Agrants%20offline_access&state=st8&code_challenge=chal\
             &code_challenge_method=S256"
        );
        let mut remote = sign_in();
        remote.authorize_url = "https://login.tapkey.com/connect/authorize?x=1".into();
        let url = authorize_url(&remote, "https://admin.example", "s", "c");
        assert!(url.starts_with("https://login.tapkey.com/connect/authorize?x=1&response_type="));
        assert!(url.contains("redirect_uri=https%3A%2F%2Fadmin.example%2Fauth%2Fcallback"));
    }

    #[test]
    fn returns_only_to_paths_of_this_origin() {
        assert_eq!(
            safe_return("/owners/1/lock-groups?q=a"),
            "/owners/1/lock-groups?q=a"
        );
        assert_eq!(safe_return("//evil.example/"), "/");
        assert_eq!(safe_return("/\\evil.example/"), "/");
        assert_eq!(safe_return("https://evil.example/"), "/");
        assert_eq!(safe_return(""), "/");
    }

    #[test]
    fn form_bodies_are_encoded() {
        assert_eq!(
            form(&[("grant_type", "refresh_token"), ("refresh_token", "a+b/c=")]),
            "grant_type=refresh_token&refresh_token=a%2Bb%2Fc%3D"
        );
    }

    #[test]
    fn callback_checks_state_and_reads_the_code() {
        let pending = Pending {
            state: "abc".into(),
            verifier: "v".into(),
            return_to: "/settings".into(),
        };
        assert_eq!(Pending::decode(&pending.encode()), Some(pending.clone()));
        assert_eq!(Pending::decode("only-state"), None);
        assert_eq!(
            parse_callback("?code=x%2By&state=abc", Some(&pending)),
            Ok("x+y".into())
        );
        let wrong = parse_callback("?code=x&state=abd", Some(&pending));
        assert_eq!(wrong, Err(SignInError::StateMismatch));
        let none = parse_callback("?code=x&state=abc", None);
        assert_eq!(none, Err(SignInError::NotStarted));
        let denied = parse_callback("?error=access_denied&state=abc", Some(&pending));
        assert_eq!(
            denied,
            Err(SignInError::NotCompleted("access_denied".into()))
        );
        let described = "?error=access_denied&error_description=Nope&state=abc";
        let described = parse_callback(described, Some(&pending));
        assert_eq!(described, Err(SignInError::NotCompleted("Nope".into())));
        assert_eq!(
            parse_callback("?state=abc", Some(&pending)),
            Err(SignInError::NoCode)
        );
        assert_eq!(query_param("a=1&b=%zz+q", "b").as_deref(), Some("%zz q"));
        assert_eq!(query_param("a=1", "b"), None);
    }

    #[test]
    fn renews_before_expiry() {
        let s = Session::from_token_json(
            r#"{"access_token":"a","token_type":"Bearer","expires_in":3600,"refresh_token":"r"}"#,
            1_000,
        )
        .unwrap();
        assert_eq!(s.refresh_token.as_deref(), Some("r"));
        assert_eq!(Session::decode(&s.encode()), Some(s.clone()));
        let bare = Session {
            refresh_token: None,
            scope: "read:grants offline_access".into(),
            ..s.clone()
        };
        assert_eq!(Session::decode(&bare.encode()), Some(bare));
        assert_eq!(Session::decode("a\nr\nnot-a-number\n0\n"), None);
        assert!(Session::from_token_json(r#"{"error":"invalid_grant"}"#, 0).is_err());
        assert_eq!(s.expires_at, 3_601_000);
        // An hour-long token: a minute before it ends.
        assert_eq!(s.renew_in_ms(1_000), 3_540_000);
        // A 4-second token: one second before.
        let short = Session {
            expires_at: 5_000,
            lifetime_ms: 4_000,
            ..s.clone()
        };
        assert_eq!(short.renew_in_ms(1_000), 3_000);
        // Already expired: at once.
        assert_eq!(short.renew_in_ms(9_000), 0);
    }
}
