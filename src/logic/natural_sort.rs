//! Natural order for names people give locks and groups: "Lock 2" before "Lock 10",
//! case ignored, so a picker reads the way the doors are numbered.

use std::cmp::Ordering;

/// Compares two names, runs of digits by their number, the rest letter by letter without
/// regard to case; equal names fall back to plain order so the sort is total.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (x.peek().copied(), y.peek().copied()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let (m, n) = (digits(&mut x), digits(&mut y));
                // Compare as numbers of any length: strip leading zeros, longer is larger.
                let (m0, n0) = (m.trim_start_matches('0'), n.trim_start_matches('0'));
                let by_value = m0.len().cmp(&n0.len()).then_with(|| m0.cmp(n0));
                if by_value != Ordering::Equal {
                    return by_value;
                }
            }
            (Some(c), Some(d)) => {
                let by_letter = c.to_lowercase().cmp(d.to_lowercase());
                if by_letter != Ordering::Equal {
                    return by_letter;
                }
                x.next();
                y.next();
            }
        }
    }
}

fn digits(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> String {
    let mut run = String::new();
    while let Some(c) = chars.next_if(char::is_ascii_digit) {
        run.push(c);
    }
    run
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort_by(|a, b| natural_cmp(a, b));
        v
    }

    #[test]
    fn numbers_sort_by_value() {
        assert_eq!(
            sorted(&["Lock 10", "Lock 2", "Lock 1", "Lock 0", "Lock 11"]),
            ["Lock 0", "Lock 1", "Lock 2", "Lock 10", "Lock 11"]
        );
        assert_eq!(
            sorted(&["Floor 2 Room 10", "Floor 2 Room 9"]),
            ["Floor 2 Room 9", "Floor 2 Room 10"]
        );
    }

    #[test]
    fn case_is_ignored_and_the_order_is_total() {
        assert_eq!(sorted(&["b", "A", "a", "B"]), ["A", "a", "B", "b"]);
        assert_eq!(sorted(&["Lock 007", "Lock 7"]), ["Lock 007", "Lock 7"]);
        assert_eq!(natural_cmp("Tür 1", "tür 1"), "Tür 1".cmp("tür 1"));
    }

    #[test]
    fn long_numbers_do_not_overflow() {
        let big = "Lock 123456789012345678901234567890";
        assert_eq!(natural_cmp("Lock 9", big), Ordering::Less);
    }
}
