//! One component per route.

pub mod home;
pub mod lock;
pub mod lock_group;
pub mod lock_groups;
pub mod locks;
pub mod not_found;
pub mod people;
pub mod person;
pub mod route_table;
pub mod routes;
pub mod settings;
