//! Timestamps, read and written in one place on the `time` crate, and the sandbox's clock.
//!
//! Stored and sent in the API's own format, `2020-03-03T15:53:03.587Z`: fixed width, UTC,
//! millisecond precision, so that string order is time order (they are stored as TEXT).
//!
//! Read (request bodies such as a grant's `validFrom`, and `$filter` literals alike):
//! `YYYY-MM-DDTHH:MM[:SS[.fraction]]` then `Z` or an offset `±HH:MM` (at most ±14:00).
//! The fraction (one digit or more) is truncated to milliseconds. Refused: a date
//! without a time, a time without a zone, second 60 (leap seconds: the API never sends
//! them), and anything outside the years 0000 to 9999 once converted to UTC.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

/// What a client may send, once a trailing `Z` is spelled `+00:00`.
const INPUT: &[BorrowedFormatItem<'static>] = format_description!(
    version = 2,
    "[year repr:full sign:automatic]-[month]-[day]T[hour]:[minute][optional [:[second][optional [.[subsecond digits:1+]]]]][offset_hour sign:mandatory]:[offset_minute]"
);

/// What the sandbox stores and sends (after conversion to UTC).
const OUTPUT: &[BorrowedFormatItem<'static>] = format_description!(
    version = 2,
    "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
);

/// The shape a client should send, for error messages.
pub const EXPECTED: &str = "expected YYYY-MM-DDTHH:MM:SS[.fff]Z or an offset like +01:00";

/// Reads a client's date-time (see the module documentation); the reason when refused.
pub fn parse(text: &str) -> Result<OffsetDateTime, String> {
    if text.len() == 10 && text.as_bytes().get(4) == Some(&b'-') {
        return Err(format!(
            "a date alone is not a date-time: add a time and zone, e.g. {text}T00:00:00Z"
        ));
    }
    let time_part = text.split_once('T').map_or("", |(_, t)| t);
    if time_part.ends_with(|c: char| c.is_ascii_digit()) && !time_part.contains(['+', '-']) {
        return Err("missing time zone: add Z (UTC) or an offset like +01:00".to_string());
    }
    let spelled = match text.strip_suffix('Z') {
        Some(local) => format!("{local}+00:00"),
        None => text.to_string(),
    };
    let t = OffsetDateTime::parse(&spelled, INPUT).map_err(|e| match e {
        time::error::Parse::TryFromParsed(time::error::TryFromParsed::ComponentRange(r)) => {
            format!("{} out of range", r.name())
        }
        time::error::Parse::ParseFromDescription(
            time::error::ParseFromDescription::InvalidComponent(name),
        ) => format!("{name} out of range or malformed ({EXPECTED})"),
        _ => EXPECTED.to_string(),
    })?;
    if t.offset().whole_hours().abs() > 14
        || (t.offset().whole_hours().abs() == 14 && t.offset().minutes_past_hour() != 0)
    {
        return Err("time zone offset out of range (at most ±14:00)".to_string());
    }
    match t.checked_to_offset(UtcOffset::UTC) {
        Some(utc) if (0..=9999).contains(&utc.year()) => Ok(utc),
        _ => Err("year out of range after conversion to UTC".to_string()),
    }
}

/// Writes a moment in the stored format.
pub fn format(t: OffsetDateTime) -> String {
    t.checked_to_offset(UtcOffset::UTC)
        .and_then(|t| t.format(OUTPUT).ok())
        .unwrap_or_else(|| "0000-01-01T00:00:00.000Z".to_string())
}

/// A client's date-time in the stored format.
pub fn normalize(text: &str) -> Result<String, String> {
    parse(text).map(format)
}

/// Milliseconds since the Unix epoch of a moment.
pub fn millis(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}

/// Formats milliseconds since the epoch (the seed data computes times this way).
pub fn format_ms(ms: i64) -> String {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .map(format)
        .unwrap_or_else(|_| "0000-01-01T00:00:00.000Z".to_string())
}

/// The system's time now, in the stored format (the API's own dates; only the sign-in
/// server reads the [`Clock`], see there).
pub fn now() -> String {
    format(OffsetDateTime::now_utc())
}

/// The system's time now, in milliseconds since the epoch.
pub fn now_ms() -> i64 {
    millis(OffsetDateTime::now_utc())
}

/// The sandbox's clock: the system's, moved forward by what tests asked for, so token
/// expiry is tested without waiting. Clones share one offset.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_ms: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
            + time::Duration::milliseconds(self.offset_ms.load(Ordering::Relaxed))
    }

    /// Moves this clock (and every clone of it) forward.
    pub fn advance(&self, by: Duration) {
        let ms = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
        self.offset_ms.fetch_add(ms, Ordering::Relaxed);
    }

    /// Now, in the stored format.
    pub fn now_text(&self) -> String {
        format(self.now())
    }

    /// Milliseconds since the epoch, now.
    pub fn now_ms(&self) -> i64 {
        millis(self.now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_fixed_width_utc_milliseconds() {
        let s = "2020-03-03T15:53:03.587Z";
        assert_eq!(normalize(s).as_deref(), Ok(s));
        assert_eq!(format_ms(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(format_ms(millis(parse(s).unwrap())), s);
        assert_eq!(Clock::default().now_text().len(), s.len());
    }

    #[test]
    fn reads_offsets_fractions_and_short_times() {
        let cases = [
            ("2020-03-03T16:53:03.5+01:00", "2020-03-03T15:53:03.500Z"),
            ("2020-03-03T15:53Z", "2020-03-03T15:53:00.000Z"),
            ("2020-03-03T15:53:03.587999999Z", "2020-03-03T15:53:03.587Z"),
            ("2020-03-01T00:30:00+01:00", "2020-02-29T23:30:00.000Z"),
            ("2021-01-01T00:00:00+14:00", "2020-12-31T10:00:00.000Z"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input).as_deref(), Ok(want), "{input}");
        }
    }

    #[test]
    fn refuses_date_only_second_60_and_other_malformed_values() {
        let cases = [
            ("2020-02-29", "a date alone"),
            ("2020-01-01T12:00:60Z", "second"),
            ("2020-01-01T23:59:60Z", "second"),
            ("2020-02-30T00:00:00Z", "day"),
            ("2020-13-01T00:00:00Z", "month"),
            ("2020-01-01T24:00:00Z", "hour"),
            ("2020-01-01T12:00:00", "missing time zone"),
            ("2020-01-01T12:00:00+15:00", "offset"),
            ("2020-01-01T12:00:00.Z", "expected"),
            ("2020-01-01T12:00:00z", "expected"),
            ("0000-01-01T00:00:00+01:00", "year out of range"),
            ("", "expected"),
            ("x", "expected"),
        ];
        for (input, why) in cases {
            let e = normalize(input).expect_err(input);
            assert!(e.contains(why), "{input}: {e}");
        }
    }

    #[test]
    fn the_clock_moves_forward_when_told_and_clones_share_it() {
        let clock = Clock::default();
        let other = clock.clone();
        let before = clock.now_ms();
        other.advance(Duration::from_secs(3600));
        let after = clock.now_ms();
        assert!(after - before >= 3_600_000, "{before} {after}");
        assert!(after - before < 3_700_000, "{before} {after}");
    }

    proptest::proptest! {
        /// Every moment in the years 0000 to 9999 is written fixed-width and read back
        /// unchanged; string order is time order.
        #[test]
        fn written_moments_read_back_and_sort_as_text(
            a in -62_167_219_200_000i64..253_402_300_800_000,
            b in -62_167_219_200_000i64..253_402_300_800_000,
        ) {
            let (ta, tb) = (format_ms(a), format_ms(b));
            proptest::prop_assert_eq!(ta.len(), 24);
            proptest::prop_assert_eq!(normalize(&ta), Ok(ta.clone()));
            proptest::prop_assert_eq!(ta.cmp(&tb), a.cmp(&b));
        }

        /// Any text is a date-time or a reason, never a panic.
        #[test]
        fn any_text_is_read_or_refused(text in "[0-9T:.Zz+-]{0,30}|\\PC{0,30}") {
            if let Err(why) = normalize(&text) {
                proptest::prop_assert!(!why.is_empty());
            }
        }
    }
}
