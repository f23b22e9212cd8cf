//! A grant's time restriction and the grant form's mistakes in the language shown: the
//! days of the week ("Mon" / "Mo"), a schedule ("Mon–Fri 07:00–19:00" / "Mo–Fr
//! 07:00–19:00"), other iCal rules as far as they can be read, the presets, and what is
//! wrong with a field. The reading itself is `logic::schedule` and `logic::grants_query`
//! (tested natively); here only the words. Called inside a view's closure.

use crate::i18n::{t_string, I18n};
use crate::logic::grant_form::PeopleError;
use crate::logic::grants_query::{read_ical, Freq, Restriction};
use crate::logic::schedule::{PresetKind, ScheduleError, Weekday, Weekly};

/// "Mon" / "Mo".
pub fn short_day(i18n: I18n, d: Weekday) -> String {
    match d {
        Weekday::Mon => t_string!(i18n, days.short.mon),
        Weekday::Tue => t_string!(i18n, days.short.tue),
        Weekday::Wed => t_string!(i18n, days.short.wed),
        Weekday::Thu => t_string!(i18n, days.short.thu),
        Weekday::Fri => t_string!(i18n, days.short.fri),
        Weekday::Sat => t_string!(i18n, days.short.sat),
        Weekday::Sun => t_string!(i18n, days.short.sun),
    }
    .to_string()
}

/// "Monday" / "Montag".
pub fn day_name(i18n: I18n, d: Weekday) -> String {
    match d {
        Weekday::Mon => t_string!(i18n, days.name.mon),
        Weekday::Tue => t_string!(i18n, days.name.tue),
        Weekday::Wed => t_string!(i18n, days.name.wed),
        Weekday::Thu => t_string!(i18n, days.name.thu),
        Weekday::Fri => t_string!(i18n, days.name.fri),
        Weekday::Sat => t_string!(i18n, days.name.sat),
        Weekday::Sun => t_string!(i18n, days.name.sun),
    }
    .to_string()
}

/// "Mon–Fri 07:00–19:00", "Every day 08:00–12:00".
pub fn weekly(i18n: I18n, w: &Weekly) -> String {
    let every_day = t_string!(i18n, schedule.every_day).to_string();
    w.describe_with(|d| short_day(i18n, d), &every_day)
}

/// A grant's `timeRestrictionIcal` in words (see [`read_ical`]).
pub fn restriction(i18n: I18n, ical: &str) -> String {
    let (freq, days, hours) = match read_ical(ical) {
        Restriction::Weekly(w) => return weekly(i18n, &w),
        Restriction::Custom => return t_string!(i18n, schedule.custom).to_string(),
        Restriction::Parts { freq, days, hours } => (freq, days, hours),
    };
    let days = days.map(|d| {
        d.iter()
            .map(|code| Weekday::from_ical(code).map_or(code.clone(), |w| short_day(i18n, w)))
            .collect::<Vec<_>>()
            .join(", ")
    });
    let freq = freq.map(|f| {
        match f {
            Freq::Daily => t_string!(i18n, schedule.daily),
            Freq::Weekly => t_string!(i18n, schedule.weekly),
            Freq::Monthly => t_string!(i18n, schedule.monthly),
        }
        .to_string()
    });
    let mut out = Vec::new();
    match (freq, days) {
        (Some(freq), Some(days)) => {
            out.push(t_string!(i18n, schedule.freq_on, freq, days).to_string())
        }
        (Some(freq), None) => out.push(freq),
        (None, Some(days)) => out.push(t_string!(i18n, schedule.on, days).to_string()),
        (None, None) => {}
    }
    if let Some((s, e)) = hours {
        out.push(format!("{s}–{e}"));
    }
    out.join(", ")
}

/// A preset's name: "Weekdays" / "Werktags".
pub fn preset(i18n: I18n, p: PresetKind) -> String {
    match p {
        PresetKind::Weekdays => t_string!(i18n, schedule.preset.weekdays),
        PresetKind::EveryDay => t_string!(i18n, schedule.preset.every_day),
        PresetKind::Weekends => t_string!(i18n, schedule.preset.weekends),
    }
    .to_string()
}

/// Why the days and hours cannot be sent.
pub fn schedule_error(i18n: I18n, e: ScheduleError) -> String {
    match e {
        ScheduleError::NoDays => t_string!(i18n, schedule.no_days),
        ScheduleError::BadTime => t_string!(i18n, schedule.bad_times),
        ScheduleError::EndsBeforeStart => t_string!(i18n, schedule.ends_before_start),
    }
    .to_string()
}

/// "“7pm” is not a 24-hour time: …", for the time as typed.
pub fn bad_time(i18n: I18n, typed: &str) -> String {
    t_string!(i18n, schedule.bad_time, typed = typed.to_string()).to_string()
}

/// What is wrong with the people field.
pub fn people_error(i18n: I18n, e: &PeopleError) -> String {
    match e {
        PeopleError::NoOne => t_string!(i18n, grant_form.no_one).to_string(),
        PeopleError::NotEmail(bad) => match bad.as_slice() {
            [one] => t_string!(i18n, grant_form.not_email, entry = one.clone()).to_string(),
            many => {
                let quote =
                    |p: &String| t_string!(i18n, grant_form.quoted, entry = p.clone()).to_string();
                let entries = many.iter().map(quote).collect::<Vec<_>>().join(", ");
                t_string!(i18n, grant_form.not_emails, entries).to_string()
            }
        },
    }
}
