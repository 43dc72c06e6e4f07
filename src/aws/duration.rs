//! Durations as Terraform users write them in `timeouts` blocks, in Go's
//! `time.ParseDuration` syntax: `30s`, `20m`, `1h30m`, `1.5h`, `500ms`.
//!
//! Only the units that make sense for a timeout are accepted (`ms`, `s`,
//! `m`, `h`). The arithmetic is exact (whole nanoseconds, no floats), and the
//! largest duration is Go's: about 292 years.

use std::time::Duration;

const NANOS_PER_MILLI: u128 = 1_000_000;
const NANOS_PER_SECOND: u128 = 1_000 * NANOS_PER_MILLI;

/// Go's limit: a duration is an i64 of nanoseconds.
const MAX_NANOS: u128 = i64::MAX as u128;

/// Fraction digits past this many cannot change a whole nanosecond of an
/// hour, so they are ignored (Go also drops them) instead of overflowing.
const MAX_FRACTION_DIGITS: usize = 18;

/// Parses a Go-style duration: one or more `NUMBER UNIT` pairs, e.g. `1h30m`
/// or `1.5h`, with an optional leading `+`; a bare `0` is zero.
/// `None` when empty, negative, missing or unknown a unit, or too large.
pub fn parse_duration(text: &str) -> Option<Duration> {
    let mut rest = text.strip_prefix('+').unwrap_or(text);
    if rest == "0" {
        return Some(Duration::ZERO);
    }
    if rest.is_empty() {
        return None;
    }
    let mut total: u128 = 0;
    while !rest.is_empty() {
        let (whole, fraction, after_number) = split_number(rest)?;
        let (unit, after_unit) = split_unit(after_number);
        let unit_nanos = unit_nanos(unit)?;
        total = total
            .checked_add(whole_nanos(whole, unit_nanos)?)?
            .checked_add(fraction_nanos(fraction, unit_nanos))?;
        if total > MAX_NANOS {
            return None;
        }
        rest = after_unit;
    }
    u64::try_from(total).ok().map(Duration::from_nanos)
}

/// `"1.5h30m"` → `("1", "5", "h30m")`. Either digit run may be empty, not both
/// (Go accepts `.5s` and `5.s`).
fn split_number(text: &str) -> Option<(&str, &str, &str)> {
    let (whole, rest) = split_digits(text);
    let (fraction, rest) = match rest.strip_prefix('.') {
        Some(after_dot) => split_digits(after_dot),
        None => ("", rest),
    };
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    Some((whole, fraction, rest))
}

fn split_digits(text: &str) -> (&str, &str) {
    let n = text.bytes().take_while(u8::is_ascii_digit).count();
    text.split_at(n)
}

/// The unit runs up to the next number (ASCII digits and `.` are char
/// boundaries, so the split is always valid).
fn split_unit(text: &str) -> (&str, &str) {
    let n = text.bytes().take_while(|b| !b.is_ascii_digit() && *b != b'.').count();
    text.split_at(n)
}

fn unit_nanos(unit: &str) -> Option<u128> {
    match unit {
        "ms" => Some(NANOS_PER_MILLI),
        "s" => Some(NANOS_PER_SECOND),
        "m" => Some(60 * NANOS_PER_SECOND),
        "h" => Some(3_600 * NANOS_PER_SECOND),
        _ => None,
    }
}

fn whole_nanos(digits: &str, unit_nanos: u128) -> Option<u128> {
    let mut value: u128 = 0;
    for d in digits.bytes() {
        value = value.checked_mul(10)?.checked_add(u128::from(d - b'0'))?;
        if value > MAX_NANOS {
            return None;
        }
    }
    value.checked_mul(unit_nanos)
}

/// `digits` after the dot, in nanoseconds of `unit_nanos`, truncated.
fn fraction_nanos(digits: &str, unit_nanos: u128) -> u128 {
    let digits = &digits[..digits.len().min(MAX_FRACTION_DIGITS)];
    let (mut value, mut scale) = (0u128, 1u128);
    for d in digits.bytes() {
        value = value * 10 + u128::from(d - b'0');
        scale *= 10;
    }
    value * unit_nanos / scale
}

#[cfg(test)]
mod tests {
    use super::parse_duration;
    use std::time::Duration;

    #[test]
    fn timeouts_as_users_write_them_parse() {
        assert_eq!(parse_duration("30s"), Some(Duration::from_secs(30)));
        assert_eq!(parse_duration("90s"), Some(Duration::from_secs(90)));
        assert_eq!(parse_duration("20m"), Some(Duration::from_secs(1200)));
        assert_eq!(parse_duration("1h"), Some(Duration::from_secs(3600)));
        assert_eq!(parse_duration("250ms"), Some(Duration::from_millis(250)));
    }

    #[test]
    fn units_combine_in_sequence() {
        assert_eq!(parse_duration("1h30m"), Some(Duration::from_secs(5400)));
        assert_eq!(parse_duration("2h45m30s500ms"), Some(Duration::from_millis(9_930_500)));
        assert_eq!(parse_duration("30m1h"), Some(Duration::from_secs(5400)));
    }

    #[test]
    fn fractions_are_exact() {
        assert_eq!(parse_duration("1.5h"), Some(Duration::from_secs(5400)));
        assert_eq!(parse_duration("1.1s"), Some(Duration::from_millis(1100)));
        assert_eq!(parse_duration(".5m"), Some(Duration::from_secs(30)));
        assert_eq!(parse_duration("5.s"), Some(Duration::from_secs(5)));
        assert_eq!(parse_duration("0.0000000001s"), Some(Duration::ZERO));
        assert_eq!(
            parse_duration("1.0000000000000000000000000000000000000001h"),
            Some(Duration::from_secs(3600))
        );
    }

    #[test]
    fn zero_is_zero_with_or_without_a_unit() {
        assert_eq!(parse_duration("0s"), Some(Duration::ZERO));
        assert_eq!(parse_duration("0"), Some(Duration::ZERO));
        assert_eq!(parse_duration("+0"), Some(Duration::ZERO));
        assert_eq!(parse_duration("+5m"), Some(Duration::from_secs(300)));
    }

    #[test]
    fn empty_negative_and_unitless_durations_are_rejected() {
        for bad in ["", "+", "-5m", "-0s", "10", "1h30", ".", ".s", "m", "h1"] {
            assert_eq!(parse_duration(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn unknown_units_and_spelling_are_rejected() {
        for bad in [
            "5 minutes",
            "5min",
            "1d",
            "1x",
            "10us",
            "1e9h",
            "1..5s",
            " 5m",
            "5m ",
            "1h 30m",
            "5M",
            "5é",
        ] {
            assert_eq!(parse_duration(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn durations_beyond_gos_range_overflow() {
        // Go's largest duration is 2^63-1 ns, about 2,562,047 hours.
        assert_eq!(parse_duration("2562047h"), Some(Duration::from_secs(2_562_047 * 3600)));
        assert_eq!(parse_duration("2562048h"), None);
        assert_eq!(
            parse_duration("2562047h47m16.854775807s"),
            Some(Duration::from_nanos(i64::MAX as u64))
        );
        assert_eq!(parse_duration("2562047h47m16.854775808s"), None);
        assert_eq!(parse_duration("99999999999999999999999999999999999999999h"), None);
        assert_eq!(parse_duration(&format!("{}s", "9".repeat(400))), None);
    }
}
