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
use crate::i18n::{schedule as say, t, t_string, use_i18n};
use crate::logic::grant_form::window_error;
use crate::logic::same_access::{
    blocked, schedule_editable, schedule_to_send, Copied, ToSend, WeekFields,
};
use crate::logic::schedule::{ScheduleError, Weekday};

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
    /// "Valid before" is not after "Valid from" (said in the language shown).
    window_wrong: RwSignal<bool>,
    schedule_wrong: RwSignal<Option<ScheduleError>>,
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
            window_wrong: RwSignal::new(false),
            schedule_wrong: RwSignal::new(None),
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
        self.window_wrong.set(false);
        self.schedule_wrong.set(None);
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
        let window = window_error(from.as_deref(), before.as_deref()).is_some();
        let week = WeekFields {
            days: self.days.get_untracked(),
            from: self.hours_from.get_untracked(),
            to: self.hours_to.get_untracked(),
        };
        let day = start_day(from.as_deref());
        let ical = schedule_to_send(c.ical.as_deref(), &week, &day, self.support.get_untracked());
        self.schedule_wrong.set(ical.as_ref().err().copied());
        let failed = window || ical.is_err();
        self.window_wrong.set(window);
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
    let i18n = use_i18n();
    let window_error = Signal::derive(move || {
        row.window_wrong
            .get()
            .then(|| t_string!(i18n, grant_form.window).to_string())
    });
    let schedule_error = Signal::derive(move || {
        row.schedule_wrong
            .get()
            .map(|e| say::schedule_error(i18n, e))
    });
    let title = c.title.clone();
    let ids = move |part: &str| format!("same-{index}-{part}");
    let (from_id, before_id, error_id) = (ids("from"), ids("before"), ids("before-error"));
    let described = error_id.clone();
    let support = Memo::new(move |_| row.support.get());
    let copied_ical = c.ical.clone();
    let schedule = move || {
        let s = support.get();
        let ical = copied_ical.clone();
        let words = ical.as_deref().map(|i| say::restriction(i18n, i));
        let copied = row.copied.get_value();
        if blocked(&copied, s) {
            return view! {
                <p class="note">
                    {move || {
                        let schedule = words.clone().unwrap_or_default();
                        t_string!(i18n, same_access.blocked, schedule).to_string()
                    }}
                </p>
            }
            .into_any();
        }
        match (s, schedule_editable(ical.as_deref())) {
            (FeatureSupport::Supported, true) | (FeatureSupport::NotSupported, _) => view! {
                <ScheduleFields support days=row.days hours_from=row.hours_from
                    hours_to=row.hours_to error=schedule_error prefix=ids("grant")/>
            }
            .into_any(),
            // Not known yet (or not said): the schedule goes as copied.
            _ => {
                let text = move || match words.clone() {
                    Some(schedule) => t_string!(i18n, same_access.as_copied, schedule).to_string(),
                    None => t_string!(i18n, same_access.none_copied).to_string(),
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
                    {t!(i18n, person.kind.group)} {title.clone()}
                </label>
            </legend>
            <div class="window">
                <div class="field">
                    <label for=from_id.clone()>
                        {t!(i18n, grants.table.valid_from)}<span class="visually-hidden">{format!(" ({title})")}</span>
                    </label>
                    <input id=from_id type="datetime-local"
                        prop:value=move || row.from.get()
                        on:input=move |ev| row.from.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for=before_id.clone()>
                        {t!(i18n, grants.table.valid_before)}<span class="visually-hidden">{format!(" ({})", c.title)}</span>
                    </label>
                    <input id=before_id type="datetime-local"
                        aria-invalid=move || row.window_wrong.get().to_string()
                        aria-describedby=move || row.window_wrong.get().then(|| described.clone())
                        prop:value=move || row.before.get()
                        on:input=move |ev| row.before.set(event_target_value(&ev))/>
                    {field_error(error_id, window_error)}
                </div>
            </div>
            {schedule}
        </fieldset>
    }
}
