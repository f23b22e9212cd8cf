//! What one kind of import tells the import dialog (`import_wizard`) and its results
//! (`import_results`): its steps, requests, preview table and words.

use std::future::Future;

use leptos::prelude::*;

use crate::api::{ApiClient, ApiError};
use crate::i18n::I18n;
use crate::logic::import::{Counts, Import, Picks};

type Known<I> = <<I as Importer>::Steps as Import>::Known;
type Checked<I> = <<I as Importer>::Steps as Import>::Checked;
type Item<I> = <<I as Importer>::Steps as Import>::Item;
type Answer<I> = <<I as Importer>::Steps as Import>::Answer;
type Row<I> = <<I as Importer>::Steps as Import>::Result;

/// One kind of import as the dialog runs it: its steps, its requests, its preview table.
pub trait Importer: Clone + Send + Sync + 'static {
    type Steps: Import;
    const TEXTS: &'static Texts;
    /// What the check needs from the server.
    fn known(&self, api: &ApiClient) -> impl Future<Output = Result<Known<Self>, ApiError>>;
    /// One line's request.
    fn send(
        &self,
        api: &ApiClient,
        item: &Item<Self>,
    ) -> impl Future<Output = Result<Answer<Self>, ApiError>>;
    /// The preview's table; `picks` takes the admin's choices where a line needs one.
    fn preview(rows: Vec<Checked<Self>>, picks: RwSignal<Picks>) -> AnyView;
    /// What became of a line, in the language (the results table and file).
    fn result(i18n: I18n, row: &Row<Self>) -> String;
}

/// The words of one import's dialog, in the language shown; `id` prefixes its elements'
/// ids (and names the results file).
pub struct Texts {
    pub id: &'static str,
    pub title: fn(I18n) -> String,
    pub intro: fn(I18n) -> String,
    pub text_label: fn(I18n) -> String,
    /// The label of a file's column picker (with `Import::COLUMNS`).
    pub column_label: fn(I18n) -> String,
    /// The Preview button while the check loads: "Checking…".
    pub checking: fn(I18n) -> String,
    /// "The locks could not be loaded" (the reason follows).
    pub load_failed: fn(I18n) -> String,
    /// The progress: "Adding… 3 of 10".
    pub verb: fn(I18n) -> String,
    /// The results' summary: "3 added, …".
    pub done: fn(I18n) -> String,
    /// The results table's column of what each line said.
    pub input_header: fn(I18n) -> String,
    /// The confirm button for `n` lines: "Add 3 locks".
    pub confirm: fn(I18n, usize) -> String,
    /// What to do when nothing was entered.
    pub nothing_entered: fn(I18n) -> String,
    /// The preview's counts: "3 locks to add, 1 skipped".
    pub counts: fn(I18n, Counts) -> String,
}
