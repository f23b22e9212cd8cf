//! The weekly time restriction of a grant: days of the week and hours where the group's
//! locks can apply one, else a note saying why there is none. Shared by "Grant access"
//! and "Give the same access to…" (one per copied grant, hence the ids' prefix).

use leptos::prelude::*;
use wire::FeatureSupport;

use crate::components::field_error::field_error;
use crate::logic::schedule::Weekday;

#[component]
pub fn ScheduleFields(
    /// Whether the group's locks can apply a time restriction.
    support: Memo<FeatureSupport>,
    days: RwSignal<Vec<Weekday>>,
    hours_from: RwSignal<String>,
    hours_to: RwSignal<String>,
    /// What is wrong with the days or hours.
    error: Signal<Option<String>>,
    /// The start of the fields' ids, unique in the page (`grant-day-MO`, `grant-hours-from`).
    #[prop(default = "grant".into(), into)]
    prefix: String,
) -> impl IntoView {
    let schedule_error = error;
    let day_prefix = prefix.clone();
    let day_box = move |day: Weekday| {
        let id = format!("{day_prefix}-day-{}", day.ical());
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

    let ids = move |part: &str| format!("{prefix}-{part}");
    let (hint, from_id, to_id, error_id) = (
        ids("schedule-hint"),
        ids("hours-from"),
        ids("hours-to"),
        ids("schedule-error"),
    );
    view! {
    {move || match support.get() {
        FeatureSupport::Supported => {
            let error_id = error_id.clone();
            let described = error_id.clone();
            view! {
            <fieldset class="schedule" aria-describedby=hint.clone()>
                <legend>"Time restriction (optional)"</legend>
                <p id=hint.clone() class="hint">
                    "Access only on these days, between these times (the lock's local time)."
                </p>
                <div class="days" role="group" aria-label="Days of the week">
                    {Weekday::ALL.map(day_box.clone())}
                </div>
                <div class="hours">
                    <label for=from_id.clone()>"From"</label>
                    <input id=from_id.clone() type="time"
                        prop:value=move || hours_from.get()
                        on:input=move |ev| hours_from.set(event_target_value(&ev))/>
                    <label for=to_id.clone()>"To"</label>
                    <input id=to_id.clone() type="time"
                        aria-invalid=move || schedule_error.get().is_some().to_string()
                        aria-describedby=move || schedule_error.get().map(|_| described.clone())
                        prop:value=move || hours_to.get()
                        on:input=move |ev| hours_to.set(event_target_value(&ev))/>
                </div>
                {field_error(error_id, schedule_error)}
            </fieldset>
            }
            .into_any()
        }
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
