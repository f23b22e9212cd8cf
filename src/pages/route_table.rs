//! The Rust side of the route table, src/pages/routes.json (written by build.rs): each
//! route's path for `app.rs` (`route_path!(members)`), and the split points it names,
//! checked by `routes.rs` at compile time.

include!(concat!(env!("OUT_DIR"), "/route_table.rs"));
pub(crate) use route_path;
