//! The little JSON the Function needs, by hand (docs/decisions/0019-discount-function-wasm.md):
//! a reader that walks Shopify's input in place, borrowing its strings and skipping what the
//! Function does not read; a tree for the one untrusted value, the metafield, read the way
//! JavaScript's `JSON.parse` reads it; and a writer that escapes strings exactly as
//! `JSON.stringify` does. serde_json did the same work with several times the instructions
//! and half again the module size.
//!
//! Shopify sends well-formed JSON (the whole input is checked to be UTF-8 first). The reader
//! checks the structure it walks and traps on anything that is not the query's shape; what it
//! skips it only delimits.
use std::borrow::Cow;

/// Stops the run: Shopify then applies nothing. The reason goes to stderr (the run's log).
#[cold]
pub fn fail(reason: &str) -> ! {
    crate::io::write_all(2, b"wafa-discount: ");
    crate::io::write_all(2, reason.as_bytes());
    crate::io::write_all(2, b"\n");
    std::process::abort()
}

/// The metafield's nesting limit (serde_json's, which this replaces; JSON.parse has none
/// that Shopify's 10 KB metafields reach).
const MAX_DEPTH: usize = 128;

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `word` that is below `limit` (at most 0x80), exact up to the
/// first such byte (the lowest set bit is always right; bits above it may not be).
#[inline(always)]
fn bytes_below(word: u64, limit: u8) -> u64 {
    word.wrapping_sub(ONES * u64::from(limit)) & !word & HIGHS
}

/// The high bit of each byte of `word` equal to `byte`, exact up to the first one.
#[inline(always)]
fn bytes_equal(word: u64, byte: u8) -> u64 {
    bytes_below(word ^ (ONES * u64::from(byte)), 1)
}

#[inline(always)]
fn word_at(bytes: &[u8], at: usize) -> u64 {
    let word = &bytes[at..at + 8];
    // SAFETY: eight bytes in bounds (checked just above); Wasm loads may be unaligned and
    // are little-endian.
    unsafe { (word.as_ptr() as *const u64).read_unaligned() }
}

/// Whether two byte strings are equal, eight bytes at a time (the keys of the input are
/// compared with this: a call to memcmp costs more than the comparison).
#[inline]
pub fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut at = 0;
    while at + 8 <= a.len() {
        if word_at(a, at) != word_at(b, at) {
            return false;
        }
        at += 8;
    }
    while at < a.len() {
        if a[at] != b[at] {
            return false;
        }
        at += 1;
    }
    true
}

/// Where the string starting at `at` (just past its opening quote) stops: the index of its
/// closing quote or of its first backslash, and whether a byte before that is not ASCII.
#[inline]
fn scan_string(bytes: &[u8], mut at: usize) -> (usize, bool) {
    let mut high = 0;
    while at + 8 <= bytes.len() {
        let word = word_at(bytes, at);
        let stops = bytes_equal(word, b'"') | bytes_equal(word, b'\\');
        if stops != 0 {
            let length = (stops.trailing_zeros() / 8) as usize;
            let before = if length == 0 { 0 } else { u64::MAX >> (64 - 8 * length) };
            return (at + length, (high | (word & before & HIGHS)) != 0);
        }
        high |= word & HIGHS;
        at += 8;
    }
    while at < bytes.len() && bytes[at] != b'"' && bytes[at] != b'\\' {
        high |= u64::from(bytes[at] & 0x80);
        at += 1;
    }
    (at, high != 0)
}

/// A slice of the input as text: checked only if it has a byte that is not ASCII.
fn text_of(bytes: &[u8], non_ascii: bool) -> &str {
    if non_ascii {
        std::str::from_utf8(bytes).unwrap_or_else(|_| fail("the input is not UTF-8"))
    } else {
        // SAFETY: ASCII is UTF-8.
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }
}

pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    #[inline(always)]
    fn byte(&self) -> u8 {
        // 0 past the end: never a byte of valid JSON structure, so it fails where it is used.
        if self.at < self.bytes.len() {
            self.bytes[self.at]
        } else {
            0
        }
    }

    /// The next byte that is not JSON whitespace (0 at the end).
    #[inline(always)]
    pub fn peek(&mut self) -> u8 {
        let byte = self.byte();
        if byte > b' ' {
            return byte;
        }
        self.peek_after_space()
    }

    #[inline(never)]
    fn peek_after_space(&mut self) -> u8 {
        loop {
            match self.byte() {
                b' ' | b'\n' | b'\r' | b'\t' => self.at += 1,
                byte => return byte,
            }
        }
    }

    #[inline(always)]
    fn expect(&mut self, byte: u8) {
        if self.peek() != byte {
            fail("the input is not the JSON of src/run.graphql");
        }
        self.at += 1;
    }

    pub fn end(&mut self) {
        if self.peek() != 0 || self.at != self.bytes.len() {
            fail("trailing characters after the input");
        }
    }

    fn literal(&mut self, word: &[u8]) -> bool {
        if self.bytes[self.at..].starts_with(word) {
            self.at += word.len();
            true
        } else {
            false
        }
    }

    /// Consumes `null` if it is next.
    pub fn null(&mut self) -> bool {
        self.peek() == b'n' && self.literal(b"null")
    }

    pub fn boolean(&mut self) -> bool {
        match self.peek() {
            b't' if self.literal(b"true") => true,
            b'f' if self.literal(b"false") => false,
            _ => fail("expected a boolean"),
        }
    }

    /// A number's text, as written (for `number_value`).
    pub fn number(&mut self) -> &'a str {
        self.peek();
        let start = self.at;
        while matches!(self.byte(), b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') {
            self.at += 1;
        }
        if start == self.at {
            fail("expected a number");
        }
        text_of(&self.bytes[start..self.at], false)
    }

    /// A string, borrowed from the input unless it has escapes.
    pub fn string(&mut self) -> Cow<'a, str> {
        self.expect(b'"');
        let start = self.at;
        let (stop, non_ascii) = scan_string(self.bytes, start);
        match self.bytes.get(stop) {
            Some(b'"') => {
                self.at = stop + 1;
                Cow::Borrowed(text_of(&self.bytes[start..stop], non_ascii))
            }
            Some(_) => Cow::Owned(self.escaped_string(start)),
            None => fail("unterminated string"),
        }
    }

    /// A string that has a backslash, decoded (`start` is just past its opening quote).
    fn escaped_string(&mut self, start: usize) -> String {
        let mut text = String::new();
        let mut at = start;
        loop {
            let (stop, non_ascii) = scan_string(self.bytes, at);
            text.push_str(text_of(&self.bytes[at..stop], non_ascii));
            match self.bytes.get(stop) {
                Some(b'"') => {
                    self.at = stop + 1;
                    return text;
                }
                Some(_) => {
                    self.at = stop + 1;
                    let escape = self.byte();
                    self.at += 1;
                    let decoded = match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{C}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape(),
                        _ => fail("invalid escape in a string"),
                    };
                    text.push(decoded);
                    at = self.at;
                }
                None => fail("unterminated string"),
            }
        }
    }

    fn hex4(&mut self) -> u32 {
        let mut value = 0;
        for _ in 0..4 {
            let digit = match self.byte() {
                byte @ b'0'..=b'9' => byte - b'0',
                byte @ b'a'..=b'f' => byte - b'a' + 10,
                byte @ b'A'..=b'F' => byte - b'A' + 10,
                _ => fail("invalid \\u escape"),
            };
            value = value * 16 + u32::from(digit);
            self.at += 1;
        }
        value
    }

    /// After `\u`: one character, a surrogate pair taking two escapes. A lone surrogate has
    /// no Rust `char` (a known limit; Shopify's strings are well-formed UTF-16).
    fn unicode_escape(&mut self) -> char {
        let first = self.hex4();
        let code = if (0xD800..0xDC00).contains(&first) {
            if !self.literal(b"\\u") {
                fail("lone surrogate in a string");
            }
            let second = self.hex4();
            if !(0xDC00..0xE000).contains(&second) {
                fail("lone surrogate in a string");
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).unwrap_or_else(|| fail("lone surrogate in a string"))
    }

    /// An object's key as bytes: borrowed, or decoded if it has escapes (never in Shopify's
    /// input, but JSON allows them).
    #[inline]
    fn key(&mut self) -> Cow<'a, [u8]> {
        match self.string() {
            Cow::Borrowed(text) => Cow::Borrowed(text.as_bytes()),
            Cow::Owned(text) => Cow::Owned(text.into_bytes()),
        }
    }

    /// Walks an object, calling `field` with each key; `field` must read (or skip) its value.
    #[inline]
    pub fn object(&mut self, mut field: impl FnMut(&mut Self, &[u8])) {
        self.expect(b'{');
        if self.peek() == b'}' {
            self.at += 1;
            return;
        }
        loop {
            let key = self.key();
            self.expect(b':');
            field(self, &key);
            match self.peek() {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return;
                }
                _ => fail("expected , or } in an object"),
            }
        }
    }

    /// Walks an array, calling `item` for each element; `item` must read (or skip) it.
    #[inline]
    pub fn array(&mut self, mut item: impl FnMut(&mut Self)) {
        self.expect(b'[');
        if self.peek() == b']' {
            self.at += 1;
            return;
        }
        loop {
            item(self);
            match self.peek() {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return;
                }
                _ => fail("expected , or ] in an array"),
            }
        }
    }

    /// Steps over a value the Function does not read.
    pub fn skip(&mut self) {
        match self.peek() {
            b'"' => {
                self.at += 1;
                self.skip_string_rest();
            }
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.byte() {
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.at += 1;
                                return;
                            }
                        }
                        b'"' => {
                            self.at += 1;
                            self.skip_string_rest();
                            continue;
                        }
                        0 if self.at >= self.bytes.len() => fail("unterminated value"),
                        _ => {}
                    }
                    self.at += 1;
                }
            }
            _ => {
                let start = self.at;
                while !matches!(self.byte(), b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t' | 0) {
                    self.at += 1;
                }
                if start == self.at {
                    fail("expected a value");
                }
            }
        }
    }

    /// After a string's opening quote: to just past its closing one.
    fn skip_string_rest(&mut self) {
        loop {
            let (stop, _) = scan_string(self.bytes, self.at);
            match self.bytes.get(stop) {
                Some(b'"') => {
                    self.at = stop + 1;
                    return;
                }
                Some(_) => self.at = stop + 2,
                None => fail("unterminated string"),
            }
        }
    }

    /// Any JSON value, as a tree (the metafield).
    pub fn value(&mut self) -> Json<'a> {
        self.value_at(0)
    }

    fn value_at(&mut self, depth: usize) -> Json<'a> {
        if depth > MAX_DEPTH {
            fail("the metafield is nested too deeply");
        }
        match self.peek() {
            b'"' => Json::String(self.string()),
            b'{' => {
                let mut fields = Vec::new();
                self.object(|reader, key| {
                    let value = reader.value_at(depth + 1);
                    fields.push((key.to_vec(), value));
                });
                Json::Object(Object(fields))
            }
            b'[' => {
                let mut items = Vec::new();
                self.array(|reader| items.push(reader.value_at(depth + 1)));
                Json::Array(items)
            }
            b't' | b'f' => {
                self.boolean();
                Json::Bool
            }
            b'n' if self.null() => Json::Null,
            _ => Json::Number(self.number()),
        }
    }
}

/// A JSON number's value as `JSON.parse` gives it: the nearest double (Rust's parser rounds
/// correctly, as JavaScript's does).
pub fn number_value(text: &str) -> f64 {
    let digits = text.strip_prefix('-').unwrap_or(text);
    // Short integers are exact as doubles: no need for the general parser.
    if !digits.is_empty() && digits.len() <= 15 && digits.bytes().all(|byte| byte.is_ascii_digit()) {
        let magnitude = digits.bytes().fold(0u64, |sum, byte| sum * 10 + u64::from(byte - b'0')) as f64;
        return if digits.len() < text.len() { -magnitude } else { magnitude };
    }
    text.parse().unwrap_or_else(|_| fail("invalid number"))
}

/// A JSON value, as `JSON.parse` would build it for the checks of src/reservation.ts.
pub enum Json<'a> {
    Null,
    /// `true` or `false`: no check reads which.
    Bool,
    /// The number's text; `number_value` reads it when a check needs it.
    Number(&'a str),
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Object<'a>),
}

/// An object's members in order. Keys may repeat; as in `JSON.parse`, the last one counts.
pub struct Object<'a>(Vec<(Vec<u8>, Json<'a>)>);

impl<'a> Object<'a> {
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.0.iter().rev().find(|(name, _)| same(name, key.as_bytes())).map(|(_, value)| value)
    }
}

pub static NULL: Json<'static> = Json::Null;

impl<'a> Json<'a> {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(text) => Some(number_value(text)),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Json<'a>]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Json::Object(object) => Some(object),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }
}

/// Output JSON, written as it is built.
pub struct Writer {
    pub out: Vec<u8>,
}

impl Writer {
    pub fn with_capacity(capacity: usize) -> Writer {
        Writer { out: Vec::with_capacity(capacity) }
    }

    /// JSON text the caller vouches for (keys, punctuation, numbers).
    #[inline]
    pub fn raw(&mut self, text: &str) {
        self.out.extend_from_slice(text.as_bytes());
    }

    /// A string, escaped as `JSON.stringify` escapes it: `"` and `\`, the short escapes
    /// `\b \f \n \r \t`, other control characters as `\u00xx` (lowercase), everything else
    /// (DEL, non-ASCII, U+2028, U+2029) as it is.
    pub fn string(&mut self, text: &str) {
        let bytes = text.as_bytes();
        self.out.reserve(bytes.len() + 2);
        self.out.push(b'"');
        // Eight bytes at a time while none needs escaping (ids and most titles).
        let mut clean = 0;
        while clean + 8 <= bytes.len() {
            let word = word_at(bytes, clean);
            if bytes_below(word, 0x20) | bytes_equal(word, b'"') | bytes_equal(word, b'\\') != 0 {
                break;
            }
            clean += 8;
        }
        self.out.extend_from_slice(&bytes[..clean]);
        if clean < bytes.len() {
            self.escaped(&bytes[clean..]);
        }
        self.out.push(b'"');
    }

    #[inline(never)]
    fn escaped(&mut self, bytes: &[u8]) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut chunk = 0;
        for (index, &byte) in bytes.iter().enumerate() {
            let short = match byte {
                b'"' => b'"',
                b'\\' => b'\\',
                0x08 => b'b',
                0x0C => b'f',
                b'\n' => b'n',
                b'\r' => b'r',
                b'\t' => b't',
                0x00..=0x1F => 0,
                _ => continue,
            };
            self.out.extend_from_slice(&bytes[chunk..index]);
            if short != 0 {
                self.out.extend_from_slice(&[b'\\', short]);
            } else {
                self.out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xF)]]);
            }
            chunk = index + 1;
        }
        self.out.extend_from_slice(&bytes[chunk..]);
    }
}
