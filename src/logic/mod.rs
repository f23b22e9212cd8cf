//! Pure logic, free of the DOM and of HTTP, unit-tested natively.

pub mod api_error;
pub mod auth;
pub mod batch;
pub mod csv_export;
pub mod csv_import;
pub mod diagram_layout;
pub mod export_columns;
pub mod grant_form;
pub mod grants_query;
pub mod group_delete;
pub mod group_form;
pub mod group_import;
pub mod group_overview;
pub mod history;
pub mod list_params;
pub mod lock_matcher;
pub mod lock_scan;
pub mod locks_list;
pub mod membership_state;
pub mod natural_sort;
pub mod odata;
pub mod routes;
pub mod schedule;
pub mod time;
pub mod url_state;
