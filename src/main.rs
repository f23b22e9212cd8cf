//! Entry point of the wasm bundle: mounts the console, nothing else.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(lock_groups_admin::App);
}
