//! Reusable view pieces.

pub mod announcer;
pub mod bulk;
pub mod code_missing;
pub mod confirm_dialog;
pub mod delete_group_dialog;
pub mod field_error;
pub mod focus_keeper;
pub mod group_context;
pub mod group_form;
pub mod group_form_dialog;
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
pub mod url_list;
pub mod url_state;
