//! The weekly time restriction of a grant: presets, days of the week and 24-hour times
//! where the group's locks can apply one, else a note saying why there is none. Shared by
//! "Grant access" and "Give the same access to…" (one per copied grant, hence the ids'
//! prefix).
//!
//! The times are text fields, not `<input type="time">`: that one shows the browser
//! locale's form (AM/PM in US English), while schedules are written 24-hour everywhere
//! else in the console ("Mon–Fri 07:00–19:00").

use leptos::prelude::*;
use wire::FeatureSupport;

use crate::components::field_error::field_error;
use crate::i18n::{schedule, t, t_string, use_i18n};
use crate::logic::schedule::{bad_time, Weekday, PRESETS};

#[component]
pub fn ScheduleFields(
    /// Whether the group's locks can apply a time restriction.
    support: Memo<FeatureSupport>,
    days: RwSignal<Vec<Weekday>>,
    hours_from: RwSignal<String>,
    hours_to: RwSignal<String>,
    /// What is wrong with the days or hours (after a submit).
    error: Signal<Option<String>>,
    /// The start of the fields' ids, unique in the page (`grant-day-MO`, `grant-hours-from`).
    #[prop(default = "grant".into(), into)]
    prefix: String,
) -> impl IntoView {
    let schedule_error = error;
    let i18n = use_i18n();
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
                <abbr title=move || schedule::day_name(i18n, day)>
                    {move || schedule::short_day(i18n, day)}
                </abbr>
            </label>
        }
    };
    let presets = move || {
        PRESETS
            .iter()
            .map(|p| {
                let choose = move |_| {
                    let (d, from, to) =
                        p.apply(&hours_from.get_untracked(), &hours_to.get_untracked());
                    days.set(d);
                    hours_from.set(from);
                    hours_to.set(to);
                };
                let kind = p.kind;
                view! {
                    <button type="button" on:click=choose>
                        {move || schedule::preset(i18n, kind)}
                    </button>
                }
            })
            .collect_view()
    };

    let ids = move |part: &str| format!("{prefix}-{part}");
    let (hint, error_id) = (ids("schedule-hint"), ids("schedule-error"));
    let (from_id, to_id) = (ids("hours-from"), ids("hours-to"));
    view! {
    {move || match support.get() {
        FeatureSupport::Supported => {
            let error_id = error_id.clone();
            view! {
            <fieldset class="schedule" aria-describedby=hint.clone()>
                <legend>{t!(i18n, schedule.legend)}</legend>
                <p id=hint.clone() class="hint">{t!(i18n, schedule.hint)}</p>
                <div class="presets" role="group" aria-label=move || t_string!(i18n, schedule.presets)>
                    {presets}
                </div>
                <div class="days" role="group" aria-label=move || t_string!(i18n, schedule.days)>
                    {Weekday::ALL.map(day_box.clone())}
                </div>
                <div class="hours">
                    <TimeField id=from_id.clone() label=move || t_string!(i18n, schedule.from)
                        value=hours_from submitted=schedule_error/>
                    <TimeField id=to_id.clone() label=move || t_string!(i18n, schedule.to)
                        value=hours_to submitted=schedule_error
                        schedule_error_id=error_id.clone()/>
                </div>
                {field_error(error_id, schedule_error)}
            </fieldset>
            }
            .into_any()
        }
        FeatureSupport::NotSupported => view! {
            <p class="note">{t!(i18n, schedule.not_supported)}</p>
        }
        .into_any(),
        FeatureSupport::Unknown => view! {
            <p class="note">{t!(i18n, schedule.support_unknown)}</p>
        }
        .into_any(),
    }}
    }
}

/// One 24-hour time field. What is wrong with it shows next to it once the admin leaves
/// the field (or the form was sent), and the typing stays as typed.
#[component]
fn TimeField(
    id: String,
    #[prop(into)] label: TextProp,
    value: RwSignal<String>,
    /// The schedule's error after a submit: every field then says what is wrong with it.
    submitted: Signal<Option<String>>,
    /// Where that error is shown, when it concerns this field ("To": the end before the
    /// start), so the field is described by it too.
    #[prop(optional)]
    schedule_error_id: Option<String>,
) -> impl IntoView {
    let left = RwSignal::new(false);
    let i18n = use_i18n();
    let error_id = format!("{id}-error");
    let error = Signal::derive(move || {
        (left.get() || submitted.read().is_some())
            .then(|| bad_time(&value.read()))
            .flatten()
            .map(|typed| schedule::bad_time(i18n, &typed))
    });
    let described = error_id.clone();
    view! {
        <div class="field time">
            <label for=id.clone()>{move || label.get().to_string()}</label>
            <input id=id type="text" inputmode="numeric" autocomplete="off" placeholder="HH:MM"
                maxlength="5" size="5" pattern="([01]?[0-9]|2[0-3])[:.]?[0-5][0-9]"
                aria-invalid=move || error.read().is_some().to_string()
                aria-describedby=move || {
                    let own = error.read().is_some().then_some(described.as_str());
                    let schedule = schedule_error_id.as_deref().filter(|_| submitted.read().is_some());
                    let ids: Vec<&str> = own.into_iter().chain(schedule).collect();
                    (!ids.is_empty()).then(|| ids.join(" "))
                }
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                on:change=move |_| left.set(true)/>
            {field_error(error_id, error)}
        </div>
    }
}
