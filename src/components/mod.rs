//! Reusable view pieces.

pub mod announcer;
pub mod layout;
pub mod owner_switcher;
