//! Reusable view pieces.

pub mod announcer;
pub mod batch_progress;
pub mod code_missing;
pub mod confirm_dialog;
pub mod delete_group_dialog;
pub mod download;
pub mod export;
pub mod focus_keeper;
pub mod group_context;
pub mod group_form_dialog;
pub mod import_source;
pub mod layout;
pub mod loaded;
pub mod modal;
pub mod outcomes;
pub mod owner_switcher;
pub mod page_code;
pub mod pager;
pub mod relative_time;
pub mod search_box;
pub mod state_diagram;
pub mod table_head;
pub mod timestamp;
pub mod unsaved_guard;
pub mod url_state;
