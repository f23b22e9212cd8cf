//! The weekly time restriction of a grant: days of the week and hours where the group's
//! locks can apply one, else a note saying why there is none.

use leptos::prelude::*;
use wire::FeatureSupport;

use crate::components::field_error::field_error;
use crate::logic::schedule::Weekday;

#[component]
pub(super) fn ScheduleFields(
    /// Whether the group's locks can apply a time restriction.
    support: Memo<FeatureSupport>,
    days: RwSignal<Vec<Weekday>>,
    hours_from: RwSignal<String>,
    hours_to: RwSignal<String>,
    /// What is wrong with the days or hours.
    error: Signal<Option<String>>,
) -> impl IntoView {
    let schedule_error = error;
    let day_box = move |day: Weekday| {
        let id = format!("grant-day-{}", day.ical());
        let label_for = id.clone();
        view! {
            <label class="check" for=label_for>
                <input
                    id=id
                    type="checkbox"
                    prop:checked=move || days.read().contains(&day)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        days.update(|d| {
                            d.retain(|x| *x != day);
                            if on {
                                d.push(day);
                            }
                        });
                    }
                />
                <abbr title=day.name()>{day.short()}</abbr>
            </label>
        }
    };

    view! {
    {move || match support.get() {
        FeatureSupport::Supported => view! {
            <fieldset class="schedule" aria-describedby="grant-schedule-hint">
                <legend>"Time restriction (optional)"</legend>
                <p id="grant-schedule-hint" class="hint">
                    "Access only on these days, between these times (the lock's local time)."
                </p>
                <div class="days" role="group" aria-label="Days of the week">
                    {Weekday::ALL.map(day_box)}
                </div>
                <div class="hours">
                    <label for="grant-hours-from">"From"</label>
                    <input id="grant-hours-from" type="time"
                        prop:value=move || hours_from.get()
                        on:input=move |ev| hours_from.set(event_target_value(&ev))/>
                    <label for="grant-hours-to">"To"</label>
                    <input id="grant-hours-to" type="time"
                        aria-invalid=move || schedule_error.get().is_some().to_string()
                        aria-describedby=move || schedule_error.get().map(|_| "grant-schedule-error")
                        prop:value=move || hours_to.get()
                        on:input=move |ev| hours_to.set(event_target_value(&ev))/>
                </div>
                {field_error("grant-schedule-error", schedule_error)}
            </fieldset>
        }
        .into_any(),
        FeatureSupport::NotSupported => view! {
            <p class="note">
                "No time restriction: at least one lock in this group cannot apply one, so grants on this group are valid at any time of day."
            </p>
        }
        .into_any(),
        FeatureSupport::Unknown => view! {
            <p class="note">
                "No time restriction: the service did not say whether this group's locks can apply one."
            </p>
        }
        .into_any(),
    }}
    }
}
