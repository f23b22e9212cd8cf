//! Bearer tokens and scopes. Tokens come from `--dev-token` (every scope), `--token
//! TOKEN=scope,...` (fixed scopes, never expire) and the OAuth server (`/connect/token`,
//! expiring after `--token-ttl` by the sandbox's [`Clock`]). Issued tokens live in memory:
//! a restart signs users out.

use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::RwLock;
use std::time::Duration;

use time::OffsetDateTime;

use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts};

use crate::error::ApiErr;
use crate::timefmt::Clock;
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
    pub expires: Option<OffsetDateTime>,
    /// The demo user it was issued to (OAuth tokens), for information.
    pub user: Option<String>,
}

pub struct Tokens {
    map: RwLock<HashMap<String, TokenInfo>>,
    clock: Clock,
}

impl Tokens {
    pub fn new(clock: Clock) -> Tokens {
        Tokens {
            map: RwLock::default(),
            clock,
        }
    }

    pub fn insert(&self, token: String, info: TokenInfo) {
        let mut map = self.map.write().unwrap_or_else(|e| e.into_inner());
        // Drop expired tokens now and then so the map cannot grow without bound.
        if map.len() > 10_000 {
            let now = self.clock.now();
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
                expires: Some(self.clock.now() + ttl),
                user,
            },
        );
        token
    }

    pub fn check(&self, token: &str) -> Result<TokenInfo, ApiErr> {
        let map = self.map.read().unwrap_or_else(|e| e.into_inner());
        match map.get(token) {
            None => Err(ApiErr::unauthorized("the access token is not valid")),
            Some(t) if t.expires.is_some_and(|e| e <= self.clock.now()) => {
                Err(ApiErr::unauthorized("the access token has expired"))
            }
            Some(t) => Ok(t.clone()),
        }
    }
}

/// An API scope, as a type: handlers name the scope they need in their signature.
pub trait Scope: Send + Sync + 'static {
    const NAME: &'static str;
}

macro_rules! scopes {
    ($($(#[$doc:meta])* $ty:ident = $name:ident;)*) => {
        $(
            $(#[$doc])*
            pub struct $ty;
            impl Scope for $ty {
                const NAME: &'static str = $name;
            }
        )*
    };
}

scopes! {
    /// `read:owneraccounts`
    OwnersRead = READ_OWNERS;
    /// `read:core:entities`
    CoreRead = READ_CORE;
    /// `write:core:entities`
    CoreWrite = WRITE_CORE;
    /// `read:grants`
    GrantsRead = READ_GRANTS;
    /// `write:grants`
    GrantsWrite = WRITE_GRANTS;
}

/// An authenticated request whose token has scope `S`: 401 when the bearer token is
/// missing, unknown or expired, 403 when it lacks the scope. Extracted first in every
/// handler, so authorization is decided before the body is looked at.
pub struct Authed<S: Scope>(pub TokenInfo, PhantomData<S>);

pub type ReadOwners = Authed<OwnersRead>;
pub type ReadCore = Authed<CoreRead>;
pub type WriteCore = Authed<CoreWrite>;
pub type ReadGrants = Authed<GrantsRead>;
pub type WriteGrants = Authed<GrantsWrite>;

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

impl<S: Scope> FromRequestParts<AppState> for Authed<S> {
    type Rejection = ApiErr;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiErr> {
        let info = bearer(parts, state)?;
        let scope = S::NAME;
        if info.scopes.iter().any(|s| s == scope) {
            Ok(Authed(info, PhantomData))
        } else {
            Err(ApiErr::forbidden(format!(
                "the access token lacks the scope this operation needs: {scope}"
            )))
        }
    }
}
