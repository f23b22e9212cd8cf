//! The example nginx configuration (`deploy/nginx/lock-groups-admin.conf`), run by the
//! real nginx binary over HTTP, checked the way an operator would with curl: the SPA
//! fallback, 404s for missing files, caching, precompressed files, MIME types and the
//! security headers (the same policy as the sandbox's). Fails, with how to install it,
//! when nginx is missing.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use reqwest::{Response, StatusCode};
use support::nginx::{console_root, Nginx};

const API: &str = "https://api.example.test";

fn header(r: &Response, name: &str) -> String {
    r.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_else(|| panic!("{}: no {name} header", r.url()))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test]
async fn the_example_nginx_configuration_serves_the_console_as_documented() {
    let config = format!(
        r#"{{"apiBaseUrl":"{API}/api/v1","signIn":{{"authorizeUrl":"{API}/connect/authorize",
             "tokenUrl":"{API}/connect/token","clientId":"c","scopes":"s","redirectUri":"/auth/callback"}}}}"#
    );
    let root = console_root(&config);
    let nginx = Nginx::start(free_port(), root.path(), API, None);
    let http = reqwest::Client::new();
    let get = |path: &str, encoding: &str| {
        http.get(format!("{}{path}", nginx.url()))
            .header("Accept-Encoding", encoding)
            .send()
    };
    let index = std::fs::read_to_string(root.path().join("index.html")).unwrap();
    let named = |suffix: &str| {
        index
            .split('"')
            .find(|p| p.starts_with('/') && p.ends_with(suffix))
            .unwrap_or_else(|| panic!("index.html names a {suffix} file"))
            .to_string()
    };
    let start = index
        .split('"')
        .find(|p| p.starts_with("/start-") && p.ends_with(".js"))
        .expect("index.html names Trunk's loader as a file")
        .to_string();
    // The pages' code (tools/split_wasm): the route table, the pieces' loader, a pack.
    let prefixed = |prefix: &str| {
        index
            .split('"')
            .find(|p| p.starts_with(prefix))
            .unwrap_or_else(|| panic!("index.html names a {prefix}… file"))
            .to_string()
    };
    let (routes, loader) = (prefixed("/routes-"), prefixed("/split-loader-"));
    let pack = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .find(|n| n.starts_with("pieces-") && n.ends_with(".wasm"))
        .map(|n| format!("/{n}"))
        .expect("dist has the pages' code in packs");
    let (wasm, js, css, icon) = (
        named("_bg.wasm"),
        named(&named("_bg.wasm").replace("_bg.wasm", ".js")),
        named(".css"),
        named(".svg"),
    );
    assert!(
        start.starts_with("/start-"),
        "the loader is a file: {start}"
    );
    assert!(
        !index.contains("<script type=\"module\">"),
        "no inline script"
    );

    // The page, and every deep link, is index.html, revalidated on each load, with the
    // security headers; the CSP is the sandbox's policy for this config.json.
    let policy = sandbox::security::policy(Some(&config), None);
    assert!(policy.contains(&format!("connect-src 'self' {API};")));
    for path in [
        "/",
        "/index.html",
        "/owners/1/lock-groups/101/members",
        "/settings",
    ] {
        let r = get(path, "identity").await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        assert!(
            header(&r, "content-type").starts_with("text/html"),
            "{path}"
        );
        assert_eq!(header(&r, "cache-control"), "no-cache", "{path}");
        assert_eq!(header(&r, "content-security-policy"), policy, "{path}");
        assert_eq!(header(&r, "x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header(&r, "referrer-policy"), "no-referrer", "{path}");
        assert_eq!(r.text().await.unwrap(), index, "{path}");
    }

    // config.json: as written, never cached.
    let r = get("/config.json", "gzip, br").await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(header(&r, "content-type"), "application/json");
    assert_eq!(header(&r, "cache-control"), "no-cache");
    assert!(r.headers().get("content-encoding").is_none());
    assert_eq!(r.text().await.unwrap(), config);

    // Hashed files: cached for a year, immutable, with their MIME type.
    for (path, mime) in [
        (&wasm, "application/wasm"),
        (&js, "application/javascript"),
        (&start, "application/javascript"),
        (&routes, "application/javascript"),
        (&loader, "application/javascript"),
        (&pack, "application/wasm"),
        (&css, "text/css"),
        (&icon, "image/svg+xml"),
    ] {
        let r = get(path, "identity").await.unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        assert_eq!(header(&r, "content-type"), mime, "{path}");
        assert_eq!(
            header(&r, "cache-control"),
            "public, max-age=31536000, immutable",
            "{path}"
        );
        assert_eq!(header(&r, "x-content-type-options"), "nosniff", "{path}");
        let on_disk = std::fs::read(root.path().join(&path[1..])).unwrap();
        assert_eq!(
            r.bytes().await.unwrap().as_ref(),
            on_disk.as_slice(),
            "{path}"
        );
    }

    // Precompressed copies, to browsers that accept them.
    for path in [&wasm, &js, &css, &"/".to_string()] {
        for (accept, want, ext) in [
            ("br, gzip", Some("br"), ".br"),
            ("gzip", Some("gzip"), ".gz"),
            ("identity", None, ""),
        ] {
            let r = get(path, accept).await.unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{path} {accept}");
            let got = r
                .headers()
                .get("content-encoding")
                .map(|v| v.to_str().unwrap());
            assert_eq!(got, want, "{path}, Accept-Encoding: {accept}");
            if want.is_some() {
                assert!(
                    header(&r, "vary").contains("Accept-Encoding"),
                    "{path} {accept}"
                );
                let file = if path == "/" {
                    "/index.html"
                } else {
                    path.as_str()
                };
                let on_disk = std::fs::read(root.path().join(format!("{}{ext}", &file[1..])))
                    .unwrap_or_else(|e| panic!("{file}{ext}: {e} (run scripts/compress-dist)"));
                assert_eq!(r.bytes().await.unwrap().as_ref(), on_disk.as_slice());
            }
        }
    }

    // A missing file is a 404, never the console; still with the security headers.
    for path in [
        "/missing.js",
        "/lock-groups-admin-0000000000000000_bg.wasm",
        "/main-0000000000000000.css",
        "/nope.json",
        "/owners/1/app.js",
    ] {
        let r = get(path, "identity").await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{path}");
        assert_eq!(header(&r, "content-security-policy"), policy, "{path}");
        assert_eq!(header(&r, "cache-control"), "no-cache", "{path}");
        assert!(
            !r.text().await.unwrap().contains("Lock Groups Admin"),
            "{path}"
        );
    }
}
