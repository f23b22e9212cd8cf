//! One copied grant in "Give the same access to…": a checkbox with the group's title, its
//! validity window and its weekly schedule as copied, each editable here.
//!
//! Why a full editor per row rather than one shared editor with "keep as copied": the
//! grants being copied usually differ (a window on one group, office hours on another),
//! and a row that shows exactly what the other person will get, where it is changed, is
//! the clearest reading of "the same access". The fields are the Grants tab's own
//! (`ScheduleFields`, the same `datetime-local` inputs and checks).

use leptos::prelude::*;
use wire::FeatureSupport;

use crate::components::field_error::field_error;
use crate::components::local_time::{api_to_local, local_to_api, start_day};
use crate::components::schedule_fields::ScheduleFields;
use crate::logic::grant_form::window_error;
use crate::logic::grants_query::describe_ical;
use crate::logic::same_access::{
    blocked, schedule_editable, schedule_to_send, Copied, ToSend, WeekFields,
};
use crate::logic::schedule::Weekday;

/// A row's fields, kept by the dialog across its steps (a refused send loses nothing).
#[derive(Clone, Copy)]
pub struct RowState {
    pub copied: StoredValue<Copied>,
    pub send: RwSignal<bool>,
    from: RwSignal<String>,
    before: RwSignal<String>,
    days: RwSignal<Vec<Weekday>>,
    hours_from: RwSignal<String>,
    hours_to: RwSignal<String>,
    window_error: RwSignal<Option<String>>,
    schedule_error: RwSignal<Option<String>>,
    /// Whether the group's locks can apply a schedule: asked when the dialog opens.
    pub support: RwSignal<FeatureSupport>,
}

impl RowState {
    pub fn new(c: Copied) -> RowState {
        let week = WeekFields::of(c.ical.as_deref());
        RowState {
            send: RwSignal::new(true),
            from: RwSignal::new(api_to_local(c.valid_from.as_deref())),
            before: RwSignal::new(api_to_local(c.valid_before.as_deref())),
            days: RwSignal::new(week.days),
            hours_from: RwSignal::new(week.from),
            hours_to: RwSignal::new(week.to),
            window_error: RwSignal::new(None),
            schedule_error: RwSignal::new(None),
            support: RwSignal::new(FeatureSupport::Unknown),
            copied: StoredValue::new(c),
        }
    }

    /// The group's support, once known: a scheduled grant its locks cannot apply is not
    /// sent (see `blocked`).
    pub fn set_support(&self, support: FeatureSupport) {
        _ = self.support.try_set(support);
        if self.copied.try_with_value(|c| blocked(c, support)) == Some(true) {
            _ = self.send.try_set(false);
        }
    }

    /// What this row sends (`Ok(None)`: unchecked), or `Err` after showing its errors. A
    /// date left as copied is sent as copied, to the millisecond.
    pub fn check(&self) -> Result<Option<ToSend>, ()> {
        self.window_error.set(None);
        self.schedule_error.set(None);
        if !self.send.get_untracked() {
            return Ok(None);
        }
        let c = self.copied.get_value();
        let date = |typed: String, copied: &Option<String>| {
            if typed == api_to_local(copied.as_deref()) {
                copied.clone()
            } else {
                local_to_api(&typed)
            }
        };
        let from = date(self.from.get_untracked(), &c.valid_from);
        let before = date(self.before.get_untracked(), &c.valid_before);
        let window = window_error(from.as_deref(), before.as_deref()).map(String::from);
        let week = WeekFields {
            days: self.days.get_untracked(),
            from: self.hours_from.get_untracked(),
            to: self.hours_to.get_untracked(),
        };
        let day = start_day(from.as_deref());
        let ical = schedule_to_send(c.ical.as_deref(), &week, &day, self.support.get_untracked());
        self.schedule_error
            .set(ical.as_ref().err().map(ToString::to_string));
        let failed = window.is_some() || ical.is_err();
        self.window_error.set(window);
        match ical {
            Ok(ical) if !failed => Ok(Some(ToSend {
                group_id: c.group_id,
                title: c.title,
                valid_from: from,
                valid_before: before,
                ical,
            })),
            _ => Err(()),
        }
    }
}

#[component]
pub fn CopyRow(row: RowState, index: usize) -> impl IntoView {
    let c = row.copied.get_value();
    let title = c.title.clone();
    let ids = move |part: &str| format!("same-{index}-{part}");
    let (from_id, before_id, error_id) = (ids("from"), ids("before"), ids("before-error"));
    let described = error_id.clone();
    let support = Memo::new(move |_| row.support.get());
    let copied_ical = c.ical.clone();
    let schedule = move || {
        let s = support.get();
        let ical = copied_ical.clone();
        let words = ical.as_deref().map(describe_ical);
        let copied = row.copied.get_value();
        if blocked(&copied, s) {
            return view! {
                <p class="note">
                    "Not copied: this grant has a time restriction ("
                    {words.unwrap_or_default()}
                    "), and at least one lock in this group cannot apply one, so the other person would get access at any time of day."
                </p>
            }
            .into_any();
        }
        match (s, schedule_editable(ical.as_deref())) {
            (FeatureSupport::Supported, true) | (FeatureSupport::NotSupported, _) => view! {
                <ScheduleFields support days=row.days hours_from=row.hours_from
                    hours_to=row.hours_to error=row.schedule_error.into() prefix=ids("grant")/>
            }
            .into_any(),
            // Not known yet (or not said): the schedule goes as copied.
            _ => {
                let text = match words {
                    Some(w) => format!("Time restriction: {w}, as copied."),
                    None => "No time restriction, as copied.".to_string(),
                };
                view! { <p class="hint">{text}</p> }.into_any()
            }
        }
    };
    view! {
        <fieldset class="copy-row" prop:disabled=move || !row.send.get()>
            <legend>
                <label class="check">
                    <input type="checkbox"
                        prop:checked=move || row.send.get()
                        prop:disabled=move || row.copied.with_value(|c| blocked(c, support.get()))
                        on:change=move |ev| row.send.set(event_target_checked(&ev))/>
                    "Group " {title.clone()}
                </label>
            </legend>
            <div class="window">
                <div class="field">
                    <label for=from_id.clone()>
                        "Valid from"<span class="visually-hidden">{format!(" ({title})")}</span>
                    </label>
                    <input id=from_id type="datetime-local"
                        prop:value=move || row.from.get()
                        on:input=move |ev| row.from.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for=before_id.clone()>
                        "Valid before"<span class="visually-hidden">{format!(" ({})", c.title)}</span>
                    </label>
                    <input id=before_id type="datetime-local"
                        aria-invalid=move || row.window_error.get().is_some().to_string()
                        aria-describedby=move || row.window_error.get().map(|_| described.clone())
                        prop:value=move || row.before.get()
                        on:input=move |ev| row.before.set(event_target_value(&ev))/>
                    {field_error(error_id, row.window_error.into())}
                </div>
            </div>
            {schedule}
        </fieldset>
    }
}
