//! A grant's weekly time restriction as admins think of it (days of the week and a
//! from–to time) and as the API takes it (`timeRestrictionIcal`: an iCal event with a
//! weekly `RRULE`), both ways, and read back in words.

use std::fmt;

/// A day of the week, in iCal's order and spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];

    /// iCal's two letters (`BYDAY=MO,TU`).
    pub fn ical(self) -> &'static str {
        ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][self as usize]
    }

    /// Short English name, as people write it in schedules.
    pub fn short(self) -> &'static str {
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][self as usize]
    }

    /// The full name, for labels of checkboxes.
    pub fn name(self) -> &'static str {
        [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][self as usize]
    }

    pub fn from_ical(s: &str) -> Option<Weekday> {
        Weekday::ALL.into_iter().find(|d| d.ical() == s)
    }
}

/// A time of day, minutes after midnight (0..1440).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Clock(u16);

impl Clock {
    /// Reads a 24-hour time: `HH:MM` or `H:MM`, also with a dot (`07.30`) or without a
    /// separator (`0730`, `730`), as typed on a phone's number pad.
    pub fn parse(s: &str) -> Option<Clock> {
        let s = s.trim();
        let (h, m) = match s.split_once([':', '.']) {
            Some(parts) => parts,
            None if (3..=4).contains(&s.len()) => s.split_at(s.len() - 2),
            None => return None,
        };
        let digits = |t: &str, n: std::ops::RangeInclusive<usize>| {
            n.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
        };
        if !digits(h, 1..=2) || !digits(m, 2..=2) {
            return None;
        }
        let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
        (h < 24 && m < 60).then_some(Clock(h * 60 + m))
    }

    fn hhmm(self) -> (u16, u16) {
        (self.0 / 60, self.0 % 60)
    }
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m) = self.hhmm();
        write!(f, "{h:02}:{m:02}")
    }
}

/// Access on some days of the week, between two times of day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weekly {
    /// In week order, no repeats.
    pub days: Vec<Weekday>,
    pub from: Clock,
    pub to: Clock,
}

/// Why a schedule cannot be written, in words for the field it concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleError {
    NoDays,
    BadTime,
    EndsBeforeStart,
}

impl fmt::Display for ScheduleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ScheduleError::NoDays => "Choose at least one day of the week.",
            ScheduleError::BadTime => "Enter both times as 24-hour HH:MM, e.g. 07:00 and 19:00.",
            ScheduleError::EndsBeforeStart => "The end time must be after the start time.",
        })
    }
}

impl Weekly {
    /// A schedule from a form: checked days, and the two time fields' text.
    pub fn new(days: &[Weekday], from: &str, to: &str) -> Result<Weekly, ScheduleError> {
        let mut days = days.to_vec();
        days.sort();
        days.dedup();
        if days.is_empty() {
            return Err(ScheduleError::NoDays);
        }
        let (Some(from), Some(to)) = (Clock::parse(from), Clock::parse(to)) else {
            return Err(ScheduleError::BadTime);
        };
        if to <= from {
            return Err(ScheduleError::EndsBeforeStart);
        }
        Ok(Weekly { days, from, to })
    }

    /// The iCal event the API takes: a weekly recurrence from `start_date` (`YYYYMMDD`,
    /// the grant's first day), in the lock's local time (no `Z`, no time zone).
    pub fn to_ical(&self, start_date: &str) -> String {
        let stamp = |c: Clock| {
            let (h, m) = c.hhmm();
            format!("{start_date}T{h:02}{m:02}00")
        };
        let days: Vec<_> = self.days.iter().map(|d| d.ical()).collect();
        format!(
            "BEGIN:VEVENT\r\nDTSTART:{}\r\nDTEND:{}\r\nRRULE:FREQ=WEEKLY;BYDAY={}\r\nEND:VEVENT",
            stamp(self.from),
            stamp(self.to),
            days.join(",")
        )
    }

    /// Reads back a weekly iCal event (as [`Weekly::to_ical`] writes it, or the service
    /// returns it); `None` for any other rule, which is then shown as written.
    pub fn from_ical(ical: &str) -> Option<Weekly> {
        let field = |name: &str| {
            ical.lines()
                .map(str::trim)
                .find_map(|l| l.strip_prefix(name)?.strip_prefix(':'))
        };
        let clock = |v: &str| {
            let t = v.split('T').nth(1)?;
            Clock::parse(&format!("{}:{}", t.get(..2)?, t.get(2..4)?))
        };
        let rule = field("RRULE")?;
        let part = |key: &str| {
            rule.split(';')
                .find_map(|p| p.strip_prefix(key)?.strip_prefix('='))
        };
        if part("FREQ")? != "WEEKLY" {
            return None;
        }
        let days = part("BYDAY")?
            .split(',')
            .map(Weekday::from_ical)
            .collect::<Option<Vec<_>>>()?;
        let (from, to) = (clock(field("DTSTART")?)?, clock(field("DTEND")?)?);
        Weekly::new(&days, &from.to_string(), &to.to_string()).ok()
    }

    /// In words: "Mon–Fri 07:00–19:00", "Mon, Wed, Sat 08:00–12:00", "Every day …".
    pub fn describe(&self) -> String {
        self.describe_with(|d| d.short().to_string(), "Every day")
    }

    /// As [`Weekly::describe`] with the days' short names and "every day" given (the
    /// language shown's words).
    pub fn describe_with(&self, short: impl Fn(Weekday) -> String, every_day: &str) -> String {
        let days = describe_days(&self.days, short, every_day);
        format!("{days} {}–{}", self.from, self.to)
    }
}

/// Whether one time field's text is wrong: the text (trimmed), said next to the field in
/// the view's words; `None` for a time, or for nothing typed yet (the form as a whole says
/// when a time is missing). The typing stays.
pub fn bad_time(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty() && Clock::parse(t).is_none()).then(|| t.to_string())
}

/// Which preset: the view names it in the language shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresetKind {
    Weekdays,
    EveryDay,
    Weekends,
}

/// A common weekly restriction, one click away in the form.
pub struct Preset {
    pub kind: PresetKind,
    pub days: &'static [Weekday],
    pub from: &'static str,
    pub to: &'static str,
}

pub static PRESETS: [Preset; 3] = [
    Preset {
        kind: PresetKind::Weekdays,
        days: &[
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ],
        from: "07:00",
        to: "19:00",
    },
    Preset {
        kind: PresetKind::EveryDay,
        days: &Weekday::ALL,
        from: "07:00",
        to: "19:00",
    },
    Preset {
        kind: PresetKind::Weekends,
        days: &[Weekday::Sat, Weekday::Sun],
        from: "09:00",
        to: "17:00",
    },
];

impl Preset {
    /// The days, from and to after choosing this preset: its days, and its times where
    /// the field holds no time yet (hours the admin typed are kept).
    pub fn apply(&self, from: &str, to: &str) -> (Vec<Weekday>, String, String) {
        let keep = |typed: &str, preset: &str| match Clock::parse(typed) {
            Some(c) => c.to_string(),
            None => preset.to_string(),
        };
        (self.days.to_vec(), keep(from, self.from), keep(to, self.to))
    }
}

/// Days in words, runs of three or more consecutive days joined with a dash; `short`
/// names a day, `every_day` says all seven.
fn describe_days(days: &[Weekday], short: impl Fn(Weekday) -> String, every_day: &str) -> String {
    if days.len() == 7 {
        return every_day.into();
    }
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < days.len() {
        let mut j = i;
        while j + 1 < days.len() && days[j + 1] as usize == days[j] as usize + 1 {
            j += 1;
        }
        if j - i >= 2 {
            parts.push(format!("{}–{}", short(days[i]), short(days[j])));
        } else {
            parts.extend(days[i..=j].iter().map(|&d| short(d)));
        }
        i = j + 1;
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::Weekday::*;
    use super::*;

    #[test]
    fn office_hours_round_trip_through_ical() {
        let w = Weekly::new(&[Fri, Mon, Tue, Wed, Thu], "07:00", "19:00").unwrap();
        let ical = w.to_ical("20261201");
        assert_eq!(
            ical,
            "BEGIN:VEVENT\r\nDTSTART:20261201T070000\r\nDTEND:20261201T190000\r\n\
             RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\r\nEND:VEVENT"
        );
        assert_eq!(Weekly::from_ical(&ical), Some(w.clone()));
        assert_eq!(w.describe(), "Mon–Fri 07:00–19:00");
    }

    #[test]
    fn days_read_like_a_schedule() {
        let d = |days: &[Weekday]| Weekly::new(days, "08:00", "12:30").unwrap().describe();
        assert_eq!(d(&[Mon, Wed, Sat]), "Mon, Wed, Sat 08:00–12:30");
        assert_eq!(d(&[Sat, Sun]), "Sat, Sun 08:00–12:30");
        assert_eq!(d(&[Mon, Tue, Wed, Fri]), "Mon–Wed, Fri 08:00–12:30");
        assert_eq!(d(&Weekday::ALL), "Every day 08:00–12:30");
        let german =
            |d: Weekday| ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"][d as usize].to_string();
        let w = Weekly::new(&[Mon, Tue, Wed, Sat], "08:00", "12:30").unwrap();
        assert_eq!(w.describe_with(german, "Täglich"), "Mo–Mi, Sa 08:00–12:30");
    }

    #[test]
    fn bad_forms_say_what_to_fix() {
        assert_eq!(
            Weekly::new(&[], "07:00", "19:00"),
            Err(ScheduleError::NoDays)
        );
        assert_eq!(
            Weekly::new(&[Mon], "7", "19:00"),
            Err(ScheduleError::BadTime)
        );
        assert_eq!(
            Weekly::new(&[Mon], "24:00", "19:00"),
            Err(ScheduleError::BadTime)
        );
        assert_eq!(
            Weekly::new(&[Mon], "19:00", "07:00"),
            Err(ScheduleError::EndsBeforeStart)
        );
        assert_eq!(
            Weekly::new(&[Mon], "07:00", "07:00"),
            Err(ScheduleError::EndsBeforeStart)
        );
    }

    #[test]
    fn times_are_read_as_24_hour_clocks() {
        let read = |s: &str| Clock::parse(s).map(|c| c.to_string());
        for (typed, want) in [("07:00", "07:00"), ("7:05", "07:05"), ("19.30", "19:30")] {
            assert_eq!(read(typed).as_deref(), Some(want), "{typed}");
        }
        assert_eq!(read("0730").as_deref(), Some("07:30"));
        assert_eq!(read(" 730 ").as_deref(), Some("07:30"));
        assert_eq!(read("23:59").as_deref(), Some("23:59"));
        for bad in [
            "", "7", "7pm", "07:0", "07:005", "24:00", "12:60", "1:2:3", "ab:cd", "+7:00",
        ] {
            assert_eq!(read(bad), None, "{bad}");
        }
        assert_eq!(bad_time("  "), None);
        assert_eq!(bad_time("19:30"), None);
        assert_eq!(bad_time(" 7pm ").as_deref(), Some("7pm"));
    }

    #[test]
    fn presets_fill_the_days_and_the_missing_times() {
        let [weekdays, every_day, weekends] = &PRESETS;
        assert_eq!(weekdays.kind, PresetKind::Weekdays);
        assert_eq!(
            weekdays.apply("", ""),
            (
                vec![Mon, Tue, Wed, Thu, Fri],
                "07:00".into(),
                "19:00".into()
            )
        );
        assert_eq!(every_day.apply("", "").0, Weekday::ALL.to_vec());
        // Hours already typed stay; a field that holds no time takes the preset's.
        assert_eq!(
            weekends.apply("8:00", "7pm"),
            (vec![Sat, Sun], "08:00".into(), "17:00".into())
        );
        let w = Weekly::new(&weekdays.apply("", "").0, "07:00", "19:00").unwrap();
        assert_eq!(w.describe(), "Mon–Fri 07:00–19:00");
    }

    #[test]
    fn other_rules_are_not_taken_for_weekly_ones() {
        assert_eq!(Weekly::from_ical("RRULE:FREQ=DAILY"), None);
        assert_eq!(
            Weekly::from_ical(
                "DTSTART:20260101T070000\nDTEND:20260101T190000\nRRULE:FREQ=WEEKLY;BYDAY=XX"
            ),
            None
        );
        assert_eq!(Weekly::from_ical("garbage"), None);
    }
}
