//! wasm-bindgen tests, run inside headless Chromium: behaviour that needs a real browser
//! (fetch, the DOM, timers) without the sandbox.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use lock_groups_admin::api::{owners::list_owners, ApiClient, ApiError};
use lock_groups_admin::components::announcer::{Announcer, AnnouncerRegion};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn unreachable_api_is_a_network_error_with_text() {
    // Port 9 (discard) on loopback: nothing listens, the browser's fetch fails.
    let api = ApiClient::new("http://127.0.0.1:9/api/v1", Some("t".into()));
    let err = list_owners(&api).await.unwrap_err();
    assert!(matches!(err, ApiError::Network(_)), "{err:?}");
    assert!(err.to_string().starts_with("Could not reach the API"));
}

#[wasm_bindgen_test]
async fn a_missing_endpoint_is_a_404_error() {
    // The test runner's own server answers 404 for unknown paths.
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    let api = ApiClient::new(&format!("{origin}/no-such-api"), None);
    let err = list_owners(&api).await.unwrap_err();
    assert_eq!(err.status(), Some(404), "{err:?}");
}

#[wasm_bindgen_test]
async fn announcements_reach_the_live_region() {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let announcer = Announcer::new();
    let _mounted = leptos::mount::mount_to(host.clone().unchecked_into(), move || {
        provide_context(announcer);
        view! { <AnnouncerRegion/> }
    });
    announcer.say("Lock group created");
    // The text is set on the next animation frame: wait for that frame, not a time.
    next_frame().await;
    next_frame().await;
    let region = host.query_selector("[role=status]").unwrap().unwrap();
    assert_eq!(region.get_attribute("aria-live").as_deref(), Some("polite"));
    assert_eq!(
        region.text_content().unwrap_or_default(),
        "Lock group created"
    );
}

/// Resolves on the browser's next animation frame.
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .request_animation_frame(&resolve)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}
