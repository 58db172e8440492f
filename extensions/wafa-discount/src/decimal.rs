//! Exact decimals, as src/decimal.ts: a sign, the digits of the magnitude and a scale. The
//! digits are kept as decimal digits (not machine integers) so that any length the
//! reference's BigInt accepts gives the same answer; the sums are a few products of short
//! numbers, so schoolbook arithmetic on digits is cheap.
use std::cmp::Ordering;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decimal {
    negative: bool,
    /// Most significant first, no leading zeros; empty for zero.
    digits: Vec<u8>,
    scale: usize,
}

/// JavaScript's `String.prototype.trim` set (WhiteSpace and LineTerminator), which is not
/// Rust's `char::is_whitespace` (that one has U+0085 and lacks U+FEFF).
fn is_js_whitespace(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{B}' | '\u{C}' | '\r' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{FEFF}')
}

fn all_ascii_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit())
}

impl Decimal {
    /// `^(-?)(\d+)(?:\.(\d+))?$` after trimming; Shopify's Decimal is a string, and so is
    /// every amount the app writes.
    pub fn parse(text: &str) -> Option<Decimal> {
        let trimmed = text.trim_matches(is_js_whitespace);
        let (negative, unsigned) = match trimmed.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        let (whole, fraction) = match unsigned.split_once('.') {
            Some((whole, fraction)) if all_ascii_digits(fraction) => (whole, fraction),
            Some(_) => return None,
            None => (unsigned, ""),
        };
        if !all_ascii_digits(whole) {
            return None;
        }
        let digits = whole.bytes().chain(fraction.bytes()).map(|byte| byte - b'0').collect();
        Some(Decimal::new(negative, digits, fraction.len()))
    }

    fn new(negative: bool, mut digits: Vec<u8>, scale: usize) -> Decimal {
        let leading_zeros = digits.iter().take_while(|&&digit| digit == 0).count();
        digits.drain(..leading_zeros);
        // BigInt has no negative zero.
        Decimal { negative: negative && !digits.is_empty(), digits, scale }
    }

    pub fn is_positive(&self) -> bool {
        !self.negative && !self.digits.is_empty()
    }

    pub fn is_negative(&self) -> bool {
        self.negative
    }

    pub fn multiply(&self, other: &Decimal) -> Decimal {
        let mut product = vec![0u32; self.digits.len() + other.digits.len()];
        // Least significant first while summing, so carries move toward higher indexes.
        for (i, &a) in self.digits.iter().rev().enumerate() {
            let mut carry = 0u32;
            for (j, &b) in other.digits.iter().rev().enumerate() {
                let sum = product[i + j] + u32::from(a) * u32::from(b) + carry;
                product[i + j] = sum % 10;
                carry = sum / 10;
            }
            let mut k = i + other.digits.len();
            while carry > 0 {
                let sum = product[k] + carry;
                product[k] = sum % 10;
                carry = sum / 10;
                k += 1;
            }
        }
        let digits = product.iter().rev().map(|&digit| digit as u8).collect();
        Decimal::new(self.negative != other.negative, digits, self.scale + other.scale)
    }

    /// The magnitudes compared once both have `max(scale)` fraction digits.
    fn compare_magnitude(&self, other: &Decimal) -> Ordering {
        let scale = self.scale.max(other.scale);
        let aligned_len = |a: &Decimal| if a.digits.is_empty() { 0 } else { a.digits.len() + scale - a.scale };
        let (len_a, len_b) = (aligned_len(self), aligned_len(other));
        if len_a != len_b {
            return len_a.cmp(&len_b);
        }
        let digit = |a: &Decimal, index: usize| a.digits.get(index).copied().unwrap_or(0);
        (0..len_a).map(|index| digit(self, index).cmp(&digit(other, index))).find(|order| order.is_ne()).unwrap_or(Ordering::Equal)
    }

    pub fn compare(&self, other: &Decimal) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.compare_magnitude(other),
            (true, true) => other.compare_magnitude(self),
        }
    }

    /// Toward zero, to at most `scale` fraction digits (never more off than the exact value).
    pub fn truncate(&self, scale: usize) -> Decimal {
        if self.scale <= scale {
            return self.clone();
        }
        let dropped = self.scale - scale;
        let kept = self.digits.len().saturating_sub(dropped);
        Decimal::new(self.negative, self.digits[..kept].to_vec(), scale)
    }

    pub fn format(&self) -> String {
        let mut text: String = self.digits.iter().map(|&digit| char::from(b'0' + digit)).collect();
        if text.is_empty() {
            text.push('0');
        }
        if text.len() < self.scale + 1 {
            text.insert_str(0, &"0".repeat(self.scale + 1 - text.len()));
        }
        if self.scale > 0 {
            text.insert(text.len() - self.scale, '.');
        }
        if self.negative {
            text.insert(0, '-');
        }
        text
    }
}
