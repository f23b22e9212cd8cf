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

    fn from_ical(s: &str) -> Option<Weekday> {
        Weekday::ALL.into_iter().find(|d| d.ical() == s)
    }
}

/// A time of day, minutes after midnight (0..1440).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Clock(u16);

impl Clock {
    /// Reads `HH:MM` (what `<input type="time">` gives).
    pub fn parse(s: &str) -> Option<Clock> {
        let (h, m) = s.trim().split_once(':')?;
        let (h, m): (u16, u16) = (h.parse().ok()?, m.get(..2)?.parse().ok()?);
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
            ScheduleError::BadTime => "Enter both times as hours and minutes, e.g. 07:00.",
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
        format!("{} {}–{}", describe_days(&self.days), self.from, self.to)
    }
}

/// Days in words, runs of three or more consecutive days joined with a dash.
fn describe_days(days: &[Weekday]) -> String {
    if days.len() == 7 {
        return "Every day".into();
    }
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < days.len() {
        let mut j = i;
        while j + 1 < days.len() && days[j + 1] as usize == days[j] as usize + 1 {
            j += 1;
        }
        if j - i >= 2 {
            parts.push(format!("{}–{}", days[i].short(), days[j].short()));
        } else {
            parts.extend(days[i..=j].iter().map(|d| d.short().to_string()));
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
