//! The API's timestamps (`2020-03-03T15:53:03.587Z`) read and shown, without a date crate:
//! parsing to milliseconds since the Unix epoch, exact UTC text, and relative text
//! ("3 hours ago") against a `now` the caller passes in, so everything is testable.

/// Milliseconds since 1970-01-01T00:00:00Z of an ISO 8601 / RFC 3339 date-time:
/// `YYYY-MM-DDTHH:MM[:SS[.fff…]]` followed by `Z`, `±HH:MM` or nothing (read as UTC).
/// `None` for anything else, including impossible dates (month 13, Feb 30).
pub fn parse(s: &str) -> Option<i64> {
    let s = s.trim();
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = b.get(from..from + len)?;
        part.iter().try_fold(0i64, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
        })
    };
    let sep = |at: usize, chars: &[u8]| b.get(at).is_some_and(|c| chars.contains(c));
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt ") && sep(13, b":")) {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute) = (num(11, 2)?, num(14, 2)?);
    let mut i = 16;
    let mut second = 0;
    let mut millis = 0;
    if sep(i, b":") {
        second = num(i + 1, 2)?;
        i += 3;
        if sep(i, b".,") {
            i += 1;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                // Only the first three fraction digits count (milliseconds).
                if i - start < 3 {
                    millis = millis * 10 + i64::from(b[i] - b'0');
                }
                i += 1;
            }
            match i - start {
                0 => return None,
                1 => millis *= 100,
                2 => millis *= 10,
                _ => {}
            }
        }
    }
    let offset_minutes = match b.get(i) {
        None => 0,
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) if b.len() == i + 6 && sep(i + 3, b":") => {
            let minutes = num(i + 1, 2)? * 60 + num(i + 4, 2)?;
            if *sign == b'-' {
                -minutes
            } else {
                minutes
            }
        }
        _ => return None,
    };
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
    Some(seconds * 1000 + millis)
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01 (inverse of [`days_from_civil`]).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// Exact text in UTC: `2020-03-03 15:53:03 UTC`.
pub fn exact(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (y, mo, d) = civil_from_days(secs.div_euclid(86_400));
    let t = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{mo:02}-{d:02} {:02}:{:02}:{:02} UTC",
        t / 3600,
        t / 60 % 60,
        t % 60
    )
}

/// The API's own format: `2020-03-03T15:53:03.587Z`.
pub fn to_api(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (y, mo, d) = civil_from_days(secs.div_euclid(86_400));
    let t = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        t / 3600,
        t / 60 % 60,
        t % 60,
        ms.rem_euclid(1000)
    )
}

/// The largest whole unit between `ms` and `now`, as `Intl.RelativeTimeFormat` takes it:
/// `(-3, "hour")` for three hours ago, `(2, "day")` for in two days; `None` within 45
/// seconds ("just now").
pub fn relative_parts(ms: i64, now: i64) -> Option<(i64, &'static str)> {
    let diff = now - ms;
    let abs = diff.unsigned_abs() / 1000;
    if abs < 45 {
        return None;
    }
    const UNITS: [(u64, &str); 6] = [
        (365 * 86_400, "year"),
        (30 * 86_400, "month"),
        (7 * 86_400, "week"),
        (86_400, "day"),
        (3600, "hour"),
        (60, "minute"),
    ];
    let (size, unit) = UNITS
        .iter()
        .copied()
        .find(|(size, _)| abs >= *size)
        .unwrap_or((60, "minute"));
    let n = (abs / size).max(1) as i64;
    Some((if diff >= 0 { -n } else { n }, unit))
}

/// "just now", "5 minutes ago", "in 3 days", "2 years ago": the largest whole unit, in
/// English (the pages not yet translated; translated views use `i18n::intl::relative`).
pub fn relative(ms: i64, now: i64) -> String {
    let Some((n, unit)) = relative_parts(ms, now) else {
        return "just now".into();
    };
    let plural = if n.abs() == 1 { "" } else { "s" };
    if n < 0 {
        format!("{} {unit}{plural} ago", -n)
    } else {
        format!("in {n} {unit}{plural}")
    }
}

/// Both at once for a timestamp string from the API: `(relative, exact)`, or the
/// string itself (twice) when it cannot be read.
pub fn describe(s: &str, now: i64) -> (String, String) {
    match parse(s) {
        Some(ms) => (relative(ms, now), exact(ms)),
        None => (s.to_string(), s.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: i64 = 1_583_250_783_587; // 2020-03-03T15:53:03.587Z

    #[test]
    fn parses_the_api_format() {
        assert_eq!(parse("2020-03-03T15:53:03.587Z"), Some(T));
        assert_eq!(parse("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse("1970-01-01T00:00:00.000Z"), Some(0));
        assert_eq!(parse("1969-12-31T23:59:59.999Z"), Some(-1));
        assert_eq!(parse("2020-03-03T15:53:03.5Z"), Some(T - 87));
        assert_eq!(parse("2020-03-03T15:53:03.58712345Z"), Some(T));
        assert_eq!(parse("2020-03-03T15:53Z"), Some(T - 3587));
        assert_eq!(parse("2020-03-03 15:53:03.587"), Some(T));
        assert_eq!(parse(" 2020-03-03T15:53:03.587Z "), Some(T));
    }

    #[test]
    fn applies_offsets() {
        assert_eq!(parse("2020-03-03T16:53:03.587+01:00"), Some(T));
        assert_eq!(parse("2020-03-03T10:23:03.587-05:30"), Some(T));
    }

    #[test]
    fn refuses_garbage_without_panicking() {
        for s in [
            "",
            "2020",
            "2020-13-01T00:00:00Z",
            "2019-02-29T00:00:00Z",
            "2020-02-30T00:00:00Z",
            "2020-01-01T24:00:00Z",
            "2020-01-01T00:60:00Z",
            "2020-01-01T00:00:00.Z",
            "2020-01-01T00:00:00ZZ",
            "2020-01-01T00:00:00+0100",
            "2020-01-01X00:00:00Z",
            "2020-0a-01T00:00:00Z",
            "ünïcödé-01-01T00:00:00Z",
            "2020-01-01T00:00:00.123🙂",
        ] {
            assert_eq!(parse(s), None, "{s:?}");
        }
        assert!(parse("2020-02-29T00:00:00Z").is_some());
        assert!(parse("2000-02-29T00:00:00Z").is_some());
        assert!(parse("1900-02-29T00:00:00Z").is_none());
    }

    #[test]
    fn formats_exact_and_api_text_round_trip() {
        assert_eq!(exact(T), "2020-03-03 15:53:03 UTC");
        assert_eq!(to_api(T), "2020-03-03T15:53:03.587Z");
        assert_eq!(to_api(-1), "1969-12-31T23:59:59.999Z");
        for ms in [0, T, 951_782_400_000, 4_102_444_800_000, -86_400_000 * 400] {
            assert_eq!(parse(&to_api(ms)), Some(ms));
        }
    }

    #[test]
    fn relative_text() {
        let min = 60_000;
        let hour = 60 * min;
        let day = 24 * hour;
        assert_eq!(relative(T, T), "just now");
        assert_eq!(relative(T - 30_000, T), "just now");
        assert_eq!(relative(T - min, T), "1 minute ago");
        assert_eq!(relative(T - 5 * min, T), "5 minutes ago");
        assert_eq!(relative(T - 3 * hour - 10 * min, T), "3 hours ago");
        assert_eq!(relative(T - day, T), "1 day ago");
        assert_eq!(relative(T - 10 * day, T), "1 week ago");
        assert_eq!(relative(T - 60 * day, T), "2 months ago");
        assert_eq!(relative(T - 800 * day, T), "2 years ago");
        assert_eq!(relative(T + 2 * day, T), "in 2 days");
        assert_eq!(
            relative_parts(T - 3 * hour - 10 * min, T),
            Some((-3, "hour"))
        );
        assert_eq!(relative_parts(T + 2 * day, T), Some((2, "day")));
        assert_eq!(relative_parts(T - 44_000, T), None);
        assert_eq!(
            describe("2020-03-03T15:53:03.587Z", T + hour),
            ("1 hour ago".into(), "2020-03-03 15:53:03 UTC".into())
        );
        assert_eq!(describe("soon", T), ("soon".into(), "soon".into()));
    }
}
