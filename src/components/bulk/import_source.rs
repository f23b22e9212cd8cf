//! Where an import's lines come from: text pasted into a labelled textarea, or a CSV file
//! chosen with a file input and read in the browser (nothing is uploaded). Whichever was
//! changed last is used, and the line under them says which.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{t_string, use_i18n};
use crate::logic::csv_import::{check_size, text_of, ImportError, Problem};
use crate::logic::import::Source;

/// The textarea and the file input. `id` prefixes the two controls' ids.
#[component]
pub fn ImportSource(
    source: RwSignal<Source>,
    id: &'static str,
    /// The textarea's label.
    text_label: TextProp,
    /// The file input's label.
    file_label: TextProp,
) -> impl IntoView {
    let i18n = use_i18n();
    let text_id = format!("{id}-text");
    let file_id = format!("{id}-file");
    let on_text = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        source.set(if text.trim().is_empty() {
            Source::Empty
        } else {
            Source::Pasted(text)
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        let file = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        let Some(file) = file else {
            source.set(Source::Empty);
            return;
        };
        let name = file.name();
        // Too big: refused before reading it.
        if let Err(e) = check_size(file.size() as u64) {
            source.set(Source::File { name, text: Err(e) });
            return;
        }
        leptos::task::spawn_local(async move {
            let read = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
            let text = match read {
                Ok(buffer) => text_of(&js_sys::Uint8Array::new(&buffer).to_vec()),
                Err(_) => Err(ImportError::whole(Problem::Unreadable)),
            };
            _ = source.try_set(Source::File { name, text });
        });
    };
    // Shown again after "Back" from the preview: the text as last typed.
    let typed = match source.get_untracked() {
        Source::Pasted(text) => text,
        _ => String::new(),
    };
    let using = move || match source.get() {
        Source::Empty => t_string!(i18n, import.nothing_yet).to_string(),
        Source::Pasted(_) => t_string!(i18n, import.using_pasted).to_string(),
        Source::File { name, .. } => t_string!(i18n, import.using_file, name).to_string(),
    };
    view! {
        <div class="field">
            <label for=text_id.clone()>{move || text_label.get()}</label>
            <textarea id=text_id rows="6" spellcheck="false" prop:value=typed on:input=on_text></textarea>
        </div>
        <div class="field">
            <label for=file_id.clone()>{move || file_label.get()}</label>
            <input id=file_id type="file" accept=".csv,text/csv,text/plain" on:change=on_file/>
        </div>
        <p class="hint">{using}</p>
    }
}
