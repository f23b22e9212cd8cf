//! Entry point of the wasm bundle: mounts the console, nothing else.

fn main() {
    console_error_panic_hook::set_once();
    // Leptos's executor starts with the mount; the config is loaded before that.
    wasm_bindgen_futures::spawn_local(lock_groups_admin::app::start());
}
