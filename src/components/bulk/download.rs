//! Saving a file the console made (an export, a results file) the way browsers save
//! downloads: a Blob, an object URL and a temporary `<a download>` clicked once.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::logic::csv_export::ExportFailure;

/// How long the object URL stays valid after the click (the browser reads it at once;
/// this only frees the memory).
const KEEP_URL: std::time::Duration = std::time::Duration::from_secs(60);

/// Offers `bytes` as a file named `name` of type `mime`.
pub fn save_file(name: &str, bytes: &[u8], mime: &str) -> Result<(), ExportFailure> {
    let failed = |_| ExportFailure::NotSaved;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(failed)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(failed)?;
    let doc = document();
    let link = doc
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or(ExportFailure::NotSaved)?;
    link.set_href(&url);
    link.set_download(name);
    link.set_class_name("visually-hidden");
    let body = doc.body().ok_or(ExportFailure::NotSaved)?;
    body.append_child(&link).map_err(failed)?;
    link.click();
    link.remove();
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        KEEP_URL,
    );
    Ok(())
}

/// Milliseconds since the epoch, now (for file names).
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}
