//! An in-process sandbox on a free port with a fresh demo database, and a small client.
#![allow(dead_code)]

use reqwest::Method;
use serde_json::Value;

pub const DEV: &str = "dev-token";
pub const READER: &str = "reader-token";
pub const ORIGIN: &str = "http://console.example:8081";

pub struct Sb {
    pub server: Option<sandbox::Server>,
    pub url: String,
    pub client: reqwest::Client,
    pub dir: tempfile::TempDir,
}

impl Sb {
    pub async fn start() -> Sb {
        Sb::start_with(|_| {}).await
    }

    pub async fn start_with(f: impl FnOnce(&mut sandbox::Config)) -> Sb {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut cfg = sandbox::Config {
            addr: "127.0.0.1:0".parse().unwrap(),
            db: dir.path().join("data/db.sqlite3"),
            static_dir: dir.path().join("dist"),
            dev_token: Some(DEV.to_string()),
            tokens: vec![(
                READER.to_string(),
                vec![
                    "read:owneraccounts".into(),
                    "read:core:entities".into(),
                    "read:grants".into(),
                ],
            )],
            demo: true,
            cors_origins: vec![ORIGIN.to_string()],
            ..Default::default()
        };
        f(&mut cfg);
        let server = sandbox::start(cfg).await.expect("sandbox starts");
        Sb {
            url: server.url(),
            server: Some(server),
            client: reqwest::Client::new(),
            dir,
        }
    }

    pub async fn stop(mut self) {
        if let Some(s) = self.server.take() {
            s.shutdown().await;
        }
    }

    /// A request with the dev token; JSON body when given. Returns status and JSON (or
    /// `Value::Null` for an empty body, `Value::String` for non-JSON).
    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
        self.call_as(Some(DEV), method, path, body).await
    }

    pub async fn call_as(
        &self,
        token: Option<&str>,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut rb = self.client.request(method, format!("{}{}", self.url, path));
        if let Some(t) = token {
            rb = rb.bearer_auth(t);
        }
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        let resp = rb.send().await.expect("request sent");
        let status = resp.status().as_u16();
        let text = resp.text().await.expect("body read");
        (status, parse(&text))
    }

    pub async fn raw(&self, method: Method, path: &str, body: &str) -> (u16, Value) {
        let resp = self
            .client
            .request(method, format!("{}{}", self.url, path))
            .bearer_auth(DEV)
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .expect("request sent");
        let status = resp.status().as_u16();
        let text = resp.text().await.expect("body read");
        (status, parse(&text))
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        self.call(Method::GET, path, None).await
    }
    pub async fn put(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(Method::PUT, path, Some(body)).await
    }
    pub async fn patch(&self, path: &str, body: Value) -> (u16, Value) {
        self.call(Method::PATCH, path, Some(body)).await
    }
    pub async fn delete(&self, path: &str) -> (u16, Value) {
        self.call(Method::DELETE, path, None).await
    }
    pub async fn post(&self, path: &str) -> (u16, Value) {
        self.call(Method::POST, path, None).await
    }

    pub async fn sync(&self, owner: &str, lock: &str) -> Value {
        let (s, v) = self
            .post(&format!("/sandbox/Owners/{owner}/BoundLocks/{lock}/Sync"))
            .await;
        assert_eq!(s, 200, "sync: {v}");
        v
    }

    /// Creates a group in owner 1, returns its id.
    pub async fn new_group(&self, title: &str) -> String {
        let (s, v) = self
            .put(
                "/api/v1/Owners/1/LockGroups",
                serde_json::json!({"title": title}),
            )
            .await;
        assert_eq!(s, 200, "{v}");
        v["id"].as_str().unwrap().to_string()
    }

    /// Adds a lock to a group of owner 1, returns the membership.
    pub async fn add(&self, group: &str, lock: &str) -> (u16, Value) {
        self.put(
            &format!("/api/v1/Owners/1/LockGroups/{group}/Memberships"),
            serde_json::json!({"boundLockId": lock}),
        )
        .await
    }
}

pub fn parse(text: &str) -> Value {
    if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_string()))
    }
}

/// Asserts a documented error: status and exact message.
#[track_caller]
pub fn assert_err(got: &(u16, Value), status: u16, message: &str) {
    assert_eq!(got.0, status, "status of {}", got.1);
    assert_eq!(got.1["Message"], message, "message of {}", got.1);
    assert!(got.1["ErrorCode"].is_string(), "ErrorCode in {}", got.1);
}

/// The ids in a list.
pub fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("a JSON array")
        .iter()
        .map(|x| x["id"].as_str().expect("string id").to_string())
        .collect()
}
