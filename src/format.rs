//! How csplan writes numbers for people: grouped money with its currency label, FTE, ratios.

use std::fmt::Write as _;

/// The symbol written before amounts in `currency`, or `None` to write the code after.
pub(crate) fn symbol(currency: &str) -> Option<&'static str> {
    match currency {
        "USD" => Some("$"),
        "EUR" => Some("€"),
        "BRL" => Some("R$"),
        "GBP" => Some("£"),
        _ => None,
    }
}

/// A whole amount with thousands separators: `1234567` → `1,234,567`.
pub fn grouped(amount: i64) -> String {
    let mut out = String::with_capacity(27);
    push_grouped(&mut out, amount);
    out
}

/// [`grouped`], written at the end of `out`.
pub fn push_grouped(out: &mut String, amount: i64) {
    if amount < 0 {
        out.push('-');
    }
    push_digits_grouped(out, amount.unsigned_abs());
}

/// The decimal digits of `n` as ASCII bytes, written into the end of `buf`.
fn decimal_digits(mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &buf[at..]
}

/// The digits of `n` in groups of three, written at the end of `out`.
fn push_digits_grouped(out: &mut String, n: u64) {
    let mut buf = [0u8; 20];
    let digits = decimal_digits(n, &mut buf);
    for (i, &d) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(char::from(d));
    }
}

/// A whole number in decimal digits, written at the end of `out` (`{}` of an integer).
pub fn push_u64(out: &mut String, n: u64) {
    let mut buf = [0u8; 20];
    for &d in decimal_digits(n, &mut buf) {
        out.push(char::from(d));
    }
}

/// `{}` of a float (the shortest decimals that read back as it), written at the end of `out`.
/// Below 10^9 in size a value of at most four decimals is written from its digits, without
/// formatting the float (a 10,000-segment table writes some 30,000 of them): there, a decimal
/// of k places reads back as the value only if it is the one nearest to it, and the fewest
/// places that do are what `{}` writes.
pub fn push_float(out: &mut String, value: f64) {
    if value == 0.0 {
        out.push_str(if value.is_sign_negative() { "-0" } else { "0" });
        return;
    }
    if value.abs() < 1e9 {
        for (places, scale) in [(0, 1u64), (1, 10), (2, 100), (3, 1_000), (4, 10_000)] {
            let digits = round_half_away(value * scale as f64);
            // Integer over a power of ten, both exact: the division rounds to the float
            // nearest to the decimal, as reading it back does.
            if digits / scale as f64 == value {
                if value < 0.0 {
                    out.push('-');
                }
                let digits = digits.abs() as u64;
                push_u64(out, digits / scale);
                if places > 0 {
                    out.push('.');
                    let fraction = digits % scale;
                    let mut place = scale / 10;
                    while place > 0 {
                        out.push(char::from(b'0' + (fraction / place % 10) as u8));
                        place /= 10;
                    }
                }
                return;
            }
        }
    }
    let _ = write!(out, "{value}");
}

/// A number as a message echoes it: as written when short (`0.12`, `24000`), else in
/// scientific notation (`1e308`, not 309 digits; `5e-324`).
pub fn short_number(value: f64) -> String {
    let plain = value.to_string();
    if plain.len() <= 16 {
        plain
    } else {
        format!("{value:e}")
    }
}

/// Money rounded to whole units, grouped, with the currency: `$1,234,567`, `€45,000`,
/// `1,200 CHF`.
pub fn money(amount: f64, currency: &str) -> String {
    let mut out = String::with_capacity(32);
    push_money(&mut out, amount, currency);
    out
}

/// [`money`], written at the end of `out`.
pub fn push_money(out: &mut String, amount: f64, currency: &str) {
    let whole = round_money(amount);
    match symbol(currency) {
        Some(sym) => {
            if whole < 0 {
                out.push('-');
            }
            out.push_str(sym);
            push_digits_grouped(out, whole.unsigned_abs());
        }
        None => {
            push_grouped(out, whole);
            out.push(' ');
            out.push_str(currency);
        }
    }
}

/// A written amount with its currency: the symbol before it (after any minus sign), or the
/// code after it: `-$2.5k`, `€45,000`, `1,200 CHF`.
fn with_currency(number: &str, currency: &str) -> String {
    match symbol(currency) {
        Some(sym) => match number.strip_prefix('-') {
            Some(positive) => format!("-{sym}{positive}"),
            None => format!("{sym}{number}"),
        },
        None => format!("{number} {currency}"),
    }
}

/// Money for chart axes: `$950k`, `$1.2M`, `€30M`, `800 CHF`; one decimal below 10 of a unit.
pub fn money_compact(amount: f64, currency: &str) -> String {
    let value = if amount.is_finite() { amount } else { 0.0 };
    let size = value.abs();
    let (scaled, unit) = if size >= 1e9 {
        (value / 1e9, "B")
    } else if size >= 1e6 {
        (value / 1e6, "M")
    } else if size >= 1e3 {
        (value / 1e3, "k")
    } else {
        (value, "")
    };
    let number = if unit.is_empty() || scaled.abs() >= 10.0 || scaled.fract().abs() < 0.05 {
        format!("{}{unit}", round_to(scaled, 0))
    } else {
        format!("{:.1}{unit}", round_to(scaled, 1))
    };
    with_currency(&number, currency)
}

/// A gridline's money value on an axis whose lines are `step` apart up to `top`: one unit for
/// the whole axis (the top's: `k`, `M`, `B`) and as many decimals as the step needs, so that
/// every line reads as its own value (`$0`, `$2.5M`, `$5.0M`, … `$12.5M`, never `$13M`).
pub fn money_tick(amount: f64, step: f64, top: f64, currency: &str) -> String {
    let value = if amount.is_finite() { amount } else { 0.0 };
    if value == 0.0 {
        return with_currency("0", currency);
    }
    let size = if top.is_finite() { top.abs() } else { 0.0 };
    let (scale, unit) = if size >= 1e9 {
        (1e9, "B")
    } else if size >= 1e6 {
        (1e6, "M")
    } else if size >= 1e3 {
        (1e3, "k")
    } else {
        (1.0, "")
    };
    let scaled_step = if step.is_finite() && step > 0.0 {
        step / scale
    } else {
        1.0
    };
    // The fewest decimals (up to three) that write the step exactly.
    let decimals = (0..=3)
        .find(|&d| {
            let shifted = scaled_step * 10f64.powi(d);
            (shifted - shifted.round()).abs() < 1e-6 * shifted.max(1.0)
        })
        .unwrap_or(3) as usize;
    with_currency(&format!("{:.decimals$}{unit}", value / scale), currency)
}

/// Money in three significant figures for narrow columns: `$2.91M`, `€35.6k`, `$980`,
/// `1.25B CHF`.
pub fn short_money(amount: f64, currency: &str) -> String {
    let size = amount.abs();
    let number = if size >= 999_500_000.0 {
        format!("{:.2}B", amount / 1e9)
    } else if size >= 999_500.0 {
        format!("{:.2}M", amount / 1e6)
    } else if size >= 99_950.0 {
        format!("{:.0}k", amount / 1e3)
    } else if size >= 9_999.5 {
        format!("{:.1}k", amount / 1e3)
    } else {
        grouped(round_money(amount))
    };
    with_currency(&number, currency)
}

/// Money as a whole number of units; non-finite values (which the planner never produces)
/// become 0 rather than a wrong figure.
pub fn round_money(amount: f64) -> i64 {
    if amount.is_finite() {
        round_half_away(amount) as i64
    } else {
        0
    }
}

/// `f64::round` (halves away from zero), without the library call it compiles to on baseline
/// x86-64: a plan rounds millions of figures. Exact: below 2^52 in size, `value − trunc` is
/// computed without error, so the halves are decided exactly as `round` decides them.
fn round_half_away(value: f64) -> f64 {
    const EXACT: f64 = 4_503_599_627_370_496.0; // 2^52: every float at or above is whole
    if value.is_nan() || value.abs() >= EXACT {
        return value;
    }
    let whole = (value as i64 as f64).copysign(value);
    let fraction = value - whole;
    if fraction >= 0.5 {
        whole + 1.0
    } else if fraction <= -0.5 {
        whole - 1.0
    } else {
        whole
    }
}

/// Rounds to `decimals` places; non-finite values become 0.
pub fn round_to(value: f64, decimals: i32) -> f64 {
    if !value.is_finite() {
        return 0.0;
    }
    let scale = match decimals {
        2 => 100.0,
        4 => 10_000.0,
        _ => 10f64.powi(decimals),
    };
    let rounded = round_half_away(value * scale) / scale;
    // Never print "-0".
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// FTE rounded *up* to two decimals: a need of 2.001 FTE shows as 2.01, never as 2.00 beside
/// the 3 people it calls for. Float noise below 10^-9 is ignored, as when hiring.
pub fn fte_up(value: f64) -> f64 {
    if !value.is_finite() {
        return 0.0;
    }
    let hundredths = (value - 1e-9) * 100.0;
    let rounded = round_half_away(hundredths);
    let up = if rounded < hundredths {
        rounded + 1.0
    } else {
        rounded
    } / 100.0;
    if up <= 0.0 { 0.0 } else { up }
}

/// FTE for sentences: [`fte_up`] with two decimals, `2.04`.
pub fn fte(value: f64) -> String {
    format!("{:.2}", fte_up(value))
}

/// A fraction as a percentage with one decimal: `0.0912` → `9.1%`.
pub fn percent(ratio: f64) -> String {
    let mut out = String::with_capacity(8);
    push_percent(&mut out, ratio);
    out
}

/// [`percent`], written at the end of `out`.
pub fn push_percent(out: &mut String, ratio: f64) {
    // In whole tenths: below 10^14 % a tenth's nearest f64 prints as the tenth itself, so
    // integers give the bytes `{:.1}` gives, without formatting a float (a 10,000-segment
    // table prints some 40,000 percentages).
    let tenths = round_to(ratio * 100.0, 1) * 10.0;
    if tenths.abs() < 1e15 {
        let tenths = tenths.round() as i64;
        if tenths < 0 {
            out.push('-');
        }
        let tenths = tenths.unsigned_abs();
        push_u64(out, tenths / 10);
        out.push('.');
        out.push(char::from(b'0' + (tenths % 10) as u8));
        out.push('%');
        return;
    }
    out.push_str(&slow_percent(ratio));
}

/// [`percent`] by formatting the float.
fn slow_percent(ratio: f64) -> String {
    format!("{:.1}%", round_to(ratio * 100.0, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fixed sequence of pseudo-random bits (xorshift64), the same in every run.
    fn xorshift() -> impl FnMut() -> u64 {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        }
    }

    #[test]
    fn percent_in_tenths_is_percent_of_the_float() {
        let mut next = xorshift();
        let mut ratios = vec![
            0.0,
            -0.0,
            0.0005,
            -0.0005,
            0.00049999,
            0.00149999,
            0.0015,
            0.1234,
            -0.0004,
            1.0,
            0.999_95,
            1e12,
            -1e12,
            1e13,
            9.99e12,
            1e-300,
            f64::NAN,
            f64::INFINITY,
            0.07,
            0.145,
        ];
        for _ in 0..200_000 {
            let bits = next();
            // Ratios as plans make them, and any f64 at all.
            ratios.push((bits % 2_000_001) as f64 / 1e6 - 1.0);
            ratios.push(
                (bits >> 11) as f64 / (1u64 << 53) as f64 * 10f64.powi((bits % 30) as i32 - 10),
            );
            ratios.push(f64::from_bits(bits));
        }
        for ratio in ratios {
            assert_eq!(percent(ratio), slow_percent(ratio), "{ratio:e}");
        }
    }

    /// The written forms, as they were made by formatting: `{}` of the digits, grouped, the
    /// currency put on by [`with_currency`].
    #[test]
    fn written_in_place_as_formatted() {
        let grouped_by_format = |amount: i64| {
            let digits = amount.unsigned_abs().to_string();
            let mut out = String::new();
            if amount < 0 {
                out.push('-');
            }
            for (i, ch) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    out.push(',');
                }
                out.push(ch);
            }
            out
        };
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut amounts = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            999.0,
            1_000.0,
            -1_000.0,
            999_999.5,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e300,
            -1e300,
            9.3e18,
            -9.3e18,
        ];
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            amounts.push((x % 2_000_000_001) as f64 - 1e9);
            amounts.push(f64::from_bits(x));
        }
        for amount in amounts {
            let whole = round_money(amount);
            assert_eq!(grouped(whole), grouped_by_format(whole), "{amount:e}");
            for currency in ["USD", "EUR", "BRL", "GBP", "CHF"] {
                let formatted = with_currency(&grouped_by_format(whole), currency);
                assert_eq!(money(amount, currency), formatted, "{amount:e} {currency}");
            }
        }
        for n in [0, 1, 9, 10, 99, 100, 12_345, u64::MAX] {
            let mut out = String::new();
            push_u64(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }

    #[test]
    fn floats_written_in_place_as_formatted() {
        let mut next = xorshift();
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            0.0001,
            0.00005,
            999_999_999.999_9,
            -999_999_999.999_9,
            1e9,
            1e9 - 0.5,
            123_456_789.123_4,
            0.3 + 0.6,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for _ in 0..200_000 {
            let bits = next();
            let places = 10f64.powi((bits % 7) as i32);
            values.push((bits >> 8) as f64 % 2e13 / places - 1e13 / places);
            values.push((bits % 100_000) as f64 / places);
            values.push(
                (bits >> 11) as f64 / (1u64 << 53) as f64 * 10f64.powi((bits % 20) as i32 - 8),
            );
            values.push(f64::from_bits(bits));
        }
        for value in values {
            let mut out = String::new();
            push_float(&mut out, value);
            assert_eq!(out, format!("{value}"), "{value:e}");
        }
    }

    #[test]
    fn groups_thousands_with_the_currency() {
        assert_eq!(money(1_234_567.4, "USD"), "$1,234,567");
        assert_eq!(money(45_000.0, "EUR"), "€45,000");
        assert_eq!(money(36_000.0, "BRL"), "R$36,000");
        assert_eq!(money(1_200.0, "CHF"), "1,200 CHF");
        assert_eq!(money(-2_500.0, "USD"), "-$2,500");
        assert_eq!(money(999.0, "USD"), "$999");
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(100_000), "100,000");
        assert_eq!(money_compact(950_000.0, "USD"), "$950k");
        assert_eq!(money_compact(1_240_000.0, "USD"), "$1.2M");
        assert_eq!(money_compact(2_000_000.0, "EUR"), "€2M");
        assert_eq!(money_compact(30_400_000.0, "BRL"), "R$30M");
        assert_eq!(money_compact(800.0, "CHF"), "800 CHF");
        assert_eq!(money_compact(0.0, "USD"), "$0");
    }

    #[test]
    fn fast_rounding_agrees_with_round() {
        let cases = [
            0.0,
            0.5,
            -0.5,
            1.5,
            -1.5,
            2.5,
            0.499_999_999_999_999_94,
            -0.499_999_999_999_999_94,
            1e15 + 0.5,
            4_503_599_627_370_495.5,
            4_503_599_627_370_497.0,
            9e18,
            -9e18,
            1e300,
            123_456.789,
            -0.000_1,
            2.675 * 100.0,
        ];
        for v in cases {
            assert_eq!(round_half_away(v).to_bits(), v.round().to_bits(), "{v}");
        }
        let mut x = -1_000.0;
        while x < 1_000.0 {
            assert_eq!(round_half_away(x), x.round(), "{x}");
            x += 0.012_5;
        }
    }

    #[test]
    fn rounds_without_negative_zero_or_nan() {
        assert_eq!(round_to(-0.001, 2).to_string(), "0");
        assert_eq!(round_to(f64::NAN, 2), 0.0);
        assert_eq!(round_to(2.345_678, 4), 2.3457);
        assert_eq!(percent(0.0912), "9.1%");
        assert_eq!(fte(2.261), "2.27");
        assert_eq!(fte(1.0033), "1.01");
        assert_eq!(fte(2.0000000001), "2.00");
        assert_eq!(fte(0.0), "0.00");
    }
}
