//! Pure logic, free of the DOM and of HTTP, unit-tested natively.

pub mod routes;
