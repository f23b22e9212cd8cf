//! Timestamps in the API's own format, `2020-03-03T15:53:03.587Z`: fixed width, UTC,
//! millisecond precision, so that string order is time order (they are stored as TEXT).

use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// Now, formatted.
pub fn now() -> String {
    format_ms(now_ms())
}

/// Formats milliseconds since the epoch as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
pub fn format_ms(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let millis = ms.rem_euclid(1000);
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        sod / 3600,
        (sod % 3600) / 60,
        sod % 60
    )
}

/// Parses an ISO 8601 / RFC 3339 date-time (`2020-03-03T15:53:03Z`,
/// `2020-03-03T15:53:03.5+01:00`, `2020-03-03`) into milliseconds since the epoch.
pub fn parse_ms(s: &str) -> Option<i64> {
    let b = s.trim().as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(r)?;
        if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    let y = num(0..4)?;
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let mo = num(5..7)?;
    let d = num(8..10)?;
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) {
        return None;
    }
    let days = days_from_civil(y, mo, d);
    if b.len() == 10 {
        return Some(days * 86_400_000);
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let h = num(11..13)?;
    if b.get(13) != Some(&b':') {
        return None;
    }
    let mi = num(14..16)?;
    let (sec, mut i) = if b.get(16) == Some(&b':') {
        (num(17..19)?, 19)
    } else {
        (0, 16)
    };
    if h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let mut frac_ms = 0i64;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return None;
        }
        let digits = &b[start..i.min(start + 3)];
        let mut v = 0i64;
        for (k, c) in digits.iter().enumerate() {
            v += i64::from(c - b'0') * [100, 10, 1][k];
        }
        frac_ms = v;
    }
    let offset_min = match b.get(i) {
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) if i + 6 == b.len() && b[i + 3] == b':' => {
            let oh = num(i + 1..i + 3)?;
            let om = num(i + 4..i + 6)?;
            let v = oh * 60 + om;
            if *sign == b'-' {
                -v
            } else {
                v
            }
        }
        _ => return None,
    };
    Some(days * 86_400_000 + (h * 3600 + mi * 60 + sec) * 1000 + frac_ms - offset_min * 60_000)
}

/// Normalises a client-supplied date-time to the stored format.
pub fn normalize(s: &str) -> Option<String> {
    parse_ms(s).map(format_ms)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

// Howard Hinnant's algorithms.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let s = "2020-03-03T15:53:03.587Z";
        assert_eq!(format_ms(parse_ms(s).unwrap()), s);
        assert_eq!(
            normalize("2020-03-03T16:53:03.5+01:00").as_deref(),
            Some("2020-03-03T15:53:03.500Z")
        );
        assert_eq!(
            normalize("2020-02-29").as_deref(),
            Some("2020-02-29T00:00:00.000Z")
        );
        assert_eq!(
            normalize("1970-01-01T00:00:00Z").as_deref(),
            Some("1970-01-01T00:00:00.000Z")
        );
        for bad in [
            "",
            "2020-02-30",
            "2020-13-01T00:00:00Z",
            "2020-01-01T00:00:00",
            "x",
            "2020-01-01T25:00Z",
            "2020-01-01T00:00:00.Z",
            "2020-01-01T00:00:00+0100",
        ] {
            assert_eq!(parse_ms(bad), None, "{bad}");
        }
        assert_eq!(now().len(), 24);
    }
}
