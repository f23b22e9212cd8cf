//! Reusable view pieces.

pub mod announcer;
pub mod confirm_dialog;
pub mod create_group_dialog;
pub mod delete_group_dialog;
pub mod focus_keeper;
pub mod layout;
pub mod modal;
pub mod owner_switcher;
pub mod state_diagram;
pub mod unsaved_guard;
