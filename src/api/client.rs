//! The HTTP client: builds URLs under the configured base, adds the bearer token, maps
//! every non-2xx answer to an [`ApiError`] carrying the server's text.

use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

type LocalBoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

use crate::config::SignIn;
use crate::logic::api_error::ApiError;
use crate::logic::odata::Query;

/// A handle on the API; cheap to clone, provided as context by the app shell.
#[derive(Clone)]
pub struct ApiClient {
    base: Arc<str>,
    /// The current access token (sign-in or the sandbox's dev token).
    token: RwSignal<Option<String>>,
    /// Where to renew or sign in again after a 401 (none: the 401 is just an error).
    sign_in: Option<Arc<SignIn>>,
}

#[derive(Clone, Copy)]
enum Method {
    Get,
    Put,
    Patch,
    Post,
    Delete,
}

impl ApiClient {
    pub fn new(base: &str, token: Option<String>) -> Self {
        ApiClient {
            base: base.trim_end_matches('/').into(),
            token: RwSignal::new(token),
            sign_in: None,
        }
    }

    /// With sign-in: a 401 renews the token once, else sends the admin to sign in.
    pub fn with_sign_in(mut self, sign_in: Option<SignIn>) -> Self {
        self.sign_in = sign_in.map(Arc::new);
        self
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    pub fn token(&self) -> RwSignal<Option<String>> {
        self.token
    }

    /// The base URL without its `/api/v1` path: where sandbox-only routes live.
    pub fn origin(&self) -> &str {
        self.base.strip_suffix("/api/v1").unwrap_or(&self.base)
    }

    fn url(&self, path: &str, query: &Query) -> String {
        format!("{}{}{}", self.base, path, query.to_query_string())
    }

    fn builder(&self, method: Method, url: &str, token: Option<&str>) -> RequestBuilder {
        let builder = match method {
            Method::Get => Request::get(url),
            Method::Put => Request::put(url),
            Method::Patch => Request::patch(url),
            Method::Post => Request::post(url),
            Method::Delete => Request::delete(url),
        };
        let builder = builder.header("Accept", "application/json");
        match token {
            Some(token) => builder.header("Authorization", &format!("Bearer {token}")),
            None => builder,
        }
    }

    /// The one request/response state machine: boxed and non-generic, so it is compiled
    /// once instead of being inlined into every endpoint's future (wasm size).
    fn send_to<'a>(
        &'a self,
        method: Method,
        url: String,
        body: Option<String>,
    ) -> LocalBoxFuture<'a, Result<Response, ApiError>> {
        Box::pin(async move {
            let mut retried = false;
            loop {
                let used = self.token.get_untracked();
                let builder = self.builder(method, &url, used.as_deref());
                let request = match body.as_deref() {
                    Some(json) => builder
                        .header("Content-Type", "application/json")
                        .body(json)
                        .map_err(|e| ApiError::Decode(e.to_string()))?,
                    None => builder
                        .build()
                        .map_err(|e| ApiError::Network(e.to_string()))?,
                };
                let response = request
                    .send()
                    .await
                    .map_err(|e| ApiError::Network(e.to_string()))?;
                if response.ok() {
                    return Ok(response);
                }
                // 401: renew once and retry; if that cannot be, sign in again.
                if let (401, Some(sign_in)) = (response.status(), self.sign_in.as_deref()) {
                    if !retried
                        && crate::auth::renew_after_401(sign_in, self.token, used.as_deref()).await
                    {
                        retried = true;
                        continue;
                    }
                    crate::auth::go_sign_in(sign_in);
                }
                let text = response.text().await.unwrap_or_default();
                return Err(ApiError::from_response(response.status(), &text));
            }
        })
    }

    /// Sends and reads the answer's text; non-generic like [`Self::send_to`].
    fn send_for_text<'a>(
        &'a self,
        method: Method,
        url: String,
        body: Option<String>,
    ) -> LocalBoxFuture<'a, Result<String, ApiError>> {
        Box::pin(async move {
            let _counted = InFlight::start();
            let response = self.send_to(method, url, body).await?;
            response
                .text()
                .await
                .map_err(|e| ApiError::Decode(e.to_string()))
        })
    }

    fn to_json<B: Serialize + ?Sized>(body: &B) -> Result<String, ApiError> {
        serde_json::to_string(body).map_err(|e| ApiError::Decode(e.to_string()))
    }

    fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
        serde_json::from_str(text).map_err(|e| ApiError::Decode(e.to_string()))
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str, query: &Query) -> Result<T, ApiError> {
        let text = self
            .send_for_text(Method::Get, self.url(path, query), None)
            .await?;
        Self::from_json(&text)
    }

    pub async fn put<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        let body = Self::to_json(body)?;
        let url = self.url(path, &Query::new());
        Self::from_json(&self.send_for_text(Method::Put, url, Some(body)).await?)
    }

    pub async fn patch<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        let body = Self::to_json(body)?;
        let url = self.url(path, &Query::new());
        Self::from_json(&self.send_for_text(Method::Patch, url, Some(body)).await?)
    }

    /// POST without a body whose answer is ignored (e.g. `.../Revoke`, sandbox sync).
    pub async fn post_empty(&self, path: &str) -> Result<(), ApiError> {
        self.send_to(Method::Post, self.url(path, &Query::new()), None)
            .await
            .map(drop)
    }

    /// POST without a body to a full URL outside the API base (sandbox-only routes).
    pub async fn post_absolute(&self, url: &str) -> Result<(), ApiError> {
        self.send_to(Method::Post, url.to_string(), None)
            .await
            .map(drop)
    }

    /// DELETE; success is any 2xx (the API answers 204 No Content).
    pub async fn delete(&self, path: &str, query: &Query) -> Result<(), ApiError> {
        self.send_to(Method::Delete, self.url(path, query), None)
            .await
            .map(drop)
    }
}

/// The client provided by the app shell.
pub fn use_api() -> ApiClient {
    use_context::<ApiClient>().expect("ApiClient is provided by the app shell")
}

thread_local! {
    static IN_FLIGHT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// An answer being waited for, for as long as this lives (see [`requests_in_flight`]).
struct InFlight(());

impl InFlight {
    fn start() -> Self {
        IN_FLIGHT.with(|n| n.set(n.get() + 1));
        InFlight(())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        IN_FLIGHT.with(|n| n.set(n.get().saturating_sub(1)));
    }
}

/// How many API answers (with a body) the console is waiting for now: the code the admin
/// may need next is fetched once the first screen's own answers are in, so it never
/// shares the network with them.
pub fn requests_in_flight() -> u32 {
    IN_FLIGHT.with(std::cell::Cell::get)
}
