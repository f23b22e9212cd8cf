//! Lock Groups Admin: the browser console for the lock groups of a Tapkey locking system.
//!
//! - `api`: the only code that talks HTTP (gloo-net), one typed function per endpoint.
//! - `logic`: pure logic (query strings, membership state, diagram layout), unit-tested natively.
//! - `components`: reusable view pieces; `pages`: one component per route.

pub mod api;
pub mod app;
pub mod auth;
pub mod components;
pub mod config;
pub mod i18n;
pub mod logic;
pub mod pages;

pub use app::App;
