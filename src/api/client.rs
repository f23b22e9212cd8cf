//! The HTTP client: builds URLs under the configured base, adds the bearer token, maps
//! every non-2xx answer to an [`ApiError`] carrying the server's text.

use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};
use std::sync::Arc;

use super::error::ApiError;
use super::query::Query;

/// A handle on the API; cheap to clone, provided as context by the app shell.
#[derive(Clone)]
pub struct ApiClient {
    base: Arc<str>,
    /// The current access token (sign-in or the sandbox's dev token).
    token: RwSignal<Option<String>>,
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
        }
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

    fn builder(&self, method: Method, url: &str) -> RequestBuilder {
        let builder = match method {
            Method::Get => Request::get(url),
            Method::Put => Request::put(url),
            Method::Patch => Request::patch(url),
            Method::Post => Request::post(url),
            Method::Delete => Request::delete(url),
        };
        let builder = builder.header("Accept", "application/json");
        match self.token.get_untracked() {
            Some(token) => builder.header("Authorization", &format!("Bearer {token}")),
            None => builder,
        }
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        query: &Query,
        body: Option<&(impl Serialize + ?Sized)>,
    ) -> Result<Response, ApiError> {
        self.send_to(method, &self.url(path, query), body).await
    }

    async fn send_to(
        &self,
        method: Method,
        url: &str,
        body: Option<&(impl Serialize + ?Sized)>,
    ) -> Result<Response, ApiError> {
        let builder = self.builder(method, url);
        let request = match body {
            Some(body) => builder
                .json(body)
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
            Ok(response)
        } else {
            let text = response.text().await.unwrap_or_default();
            Err(ApiError::from_response(response.status(), &text))
        }
    }

    async fn json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
        response
            .json::<T>()
            .await
            .map_err(|e| ApiError::Decode(e.to_string()))
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str, query: &Query) -> Result<T, ApiError> {
        Self::json(self.send(Method::Get, path, query, None::<&()>).await?).await
    }

    pub async fn put<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        Self::json(
            self.send(Method::Put, path, &Query::new(), Some(body))
                .await?,
        )
        .await
    }

    pub async fn patch<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        Self::json(
            self.send(Method::Patch, path, &Query::new(), Some(body))
                .await?,
        )
        .await
    }

    /// POST without a body whose answer is ignored (e.g. `.../Revoke`, sandbox sync).
    pub async fn post_empty(&self, path: &str) -> Result<(), ApiError> {
        self.send(Method::Post, path, &Query::new(), None::<&()>)
            .await
            .map(drop)
    }

    /// POST without a body to a full URL outside the API base (sandbox-only routes).
    pub async fn post_absolute(&self, url: &str) -> Result<(), ApiError> {
        self.send_to(Method::Post, url, None::<&()>).await.map(drop)
    }

    /// DELETE; success is any 2xx (the API answers 204 No Content).
    pub async fn delete(&self, path: &str, query: &Query) -> Result<(), ApiError> {
        self.send(Method::Delete, path, query, None::<&()>)
            .await
            .map(drop)
    }
}

/// The client provided by the app shell.
pub fn use_api() -> ApiClient {
    use_context::<ApiClient>().expect("ApiClient is provided by the app shell")
}
