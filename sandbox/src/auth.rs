//! Bearer tokens and scopes. Tokens come from `--dev-token` (every scope), `--token
//! TOKEN=scope,...` (fixed scopes, never expire) and the OAuth server (`/connect/token`,
//! expiring after `--token-ttl`). Issued tokens live in memory: a restart signs users out.

use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts};

use crate::error::ApiErr;
use crate::AppState;

pub const READ_OWNERS: &str = "read:owneraccounts";
pub const READ_CORE: &str = "read:core:entities";
pub const WRITE_CORE: &str = "write:core:entities";
pub const READ_GRANTS: &str = "read:grants";
pub const WRITE_GRANTS: &str = "write:grants";
/// Every API scope.
pub const ALL_SCOPES: [&str; 5] = [
    READ_OWNERS,
    READ_CORE,
    WRITE_CORE,
    READ_GRANTS,
    WRITE_GRANTS,
];

#[derive(Debug, Clone)]
pub struct TokenInfo {
    pub scopes: Vec<String>,
    /// `None`: never expires.
    pub expires: Option<Instant>,
    /// The demo user it was issued to (OAuth tokens), for information.
    pub user: Option<String>,
}

#[derive(Default)]
pub struct Tokens {
    map: RwLock<HashMap<String, TokenInfo>>,
}

impl Tokens {
    pub fn insert(&self, token: String, info: TokenInfo) {
        let mut map = self.map.write().unwrap_or_else(|e| e.into_inner());
        // Drop expired tokens now and then so the map cannot grow without bound.
        if map.len() > 10_000 {
            let now = Instant::now();
            map.retain(|_, t| t.expires.is_none_or(|e| e > now));
        }
        map.insert(token, info);
    }

    pub fn add_static(&self, token: &str, scopes: Vec<String>) {
        self.insert(
            token.to_string(),
            TokenInfo {
                scopes,
                expires: None,
                user: None,
            },
        );
    }

    pub fn issue(&self, scopes: Vec<String>, ttl: Duration, user: Option<String>) -> String {
        let token = crate::random_token(32);
        self.insert(
            token.clone(),
            TokenInfo {
                scopes,
                expires: Some(Instant::now() + ttl),
                user,
            },
        );
        token
    }

    pub fn check(&self, token: &str) -> Result<TokenInfo, ApiErr> {
        let map = self.map.read().unwrap_or_else(|e| e.into_inner());
        match map.get(token) {
            None => Err(ApiErr::unauthorized("the access token is not valid")),
            Some(t) if t.expires.is_some_and(|e| e <= Instant::now()) => {
                Err(ApiErr::unauthorized("the access token has expired"))
            }
            Some(t) => Ok(t.clone()),
        }
    }
}

/// An authenticated request whose token has scope `ALL_SCOPES[S]`: 401 when the bearer
/// token is missing, unknown or expired, 403 when it lacks the scope. Extracted first in
/// every handler, so authorization is decided before the body is looked at.
pub struct Authed<const S: usize>(pub TokenInfo);

pub type ReadOwners = Authed<0>;
pub type ReadCore = Authed<1>;
pub type WriteCore = Authed<2>;
pub type ReadGrants = Authed<3>;
pub type WriteGrants = Authed<4>;

/// The token of a request (401 when missing, unknown or expired).
pub fn bearer(parts: &Parts, state: &AppState) -> Result<TokenInfo, ApiErr> {
    let value = parts
        .headers
        .get(header::AUTHORIZATION)
        .ok_or_else(|| ApiErr::unauthorized("an Authorization: Bearer token is required"))?;
    let value = value
        .to_str()
        .map_err(|_| ApiErr::unauthorized("the Authorization header is not valid"))?;
    let token = match value.split_once(' ') {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => rest.trim(),
        _ => {
            return Err(ApiErr::unauthorized(
                "the Authorization header must be 'Bearer <token>'",
            ))
        }
    };
    if token.is_empty() {
        return Err(ApiErr::unauthorized(
            "an Authorization: Bearer token is required",
        ));
    }
    state.tokens.check(token)
}

impl<const S: usize> FromRequestParts<AppState> for Authed<S> {
    type Rejection = ApiErr;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiErr> {
        let info = bearer(parts, state)?;
        let scope = ALL_SCOPES[S];
        if info.scopes.iter().any(|s| s == scope) {
            Ok(Authed(info))
        } else {
            Err(ApiErr::forbidden(format!(
                "the access token lacks the scope this operation needs: {scope}"
            )))
        }
    }
}
