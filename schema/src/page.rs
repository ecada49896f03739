//! Keyset pagination: `limit` (1..=100, default 50) and an opaque `cursor` from the previous page.
//! Never OFFSET: page 1,000 costs what page 1 costs.

use serde::{Deserialize, Serialize};

use crate::ErrorCode;

/// Largest page a client may ask for.
pub const MAX_LIMIT: u32 = 100;
/// Page size when none is given.
pub const DEFAULT_LIMIT: u32 = 50;

crate::derive::openapi_derive! {
/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; absent on the last page.
    pub next_cursor: Option<String>,
}
}

/// A checked page request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub limit: u32,
    /// The sort key (an id) after which the page starts.
    pub after: Option<i64>,
}

impl PageRequest {
    /// Parses the raw query values; absurd sizes or foreign cursors are a 400, not clamped
    /// silently, so a client bug shows.
    pub fn parse(limit: Option<&str>, cursor: Option<&str>) -> Result<PageRequest, ErrorCode> {
        let limit = match limit {
            None | Some("") => DEFAULT_LIMIT,
            Some(s) => match s.parse::<u32>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
                _ => return Err(ErrorCode::InvalidQuery),
            },
        };
        let after = match cursor {
            None | Some("") => None,
            Some(c) => Some(decode_cursor(c).ok_or(ErrorCode::InvalidQuery)?),
        };
        Ok(PageRequest { limit, after })
    }
}

/// Cursors are `c` + the id in base 36: opaque enough that clients don't build them, cheap to check.
pub fn encode_cursor(id: i64) -> String {
    let mut n = id.unsigned_abs();
    let mut out = Vec::new();
    loop {
        let d = (n % 36) as u8;
        out.push(if d < 10 { b'0' + d } else { b'a' + d - 10 });
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.push(b'c');
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Inverse of [`encode_cursor`].
pub fn decode_cursor(c: &str) -> Option<i64> {
    let digits = c.strip_prefix('c')?;
    if digits.is_empty() || digits.len() > 12 {
        return None;
    }
    i64::from_str_radix(digits, 36).ok().filter(|n| *n >= 0)
}

/// A cursor for lists sorted by a text key (then id): `k<id>:<key>`, the key as stored (dates
/// sort as text). The id comes first so the key may hold any character.
pub fn encode_key_cursor(key: &str, id: i64) -> String {
    format!("k{id}:{key}")
}

/// Reads a [`encode_key_cursor`] cursor.
pub fn decode_key_cursor(c: &str) -> Option<(String, i64)> {
    let (id, key) = c.strip_prefix('k')?.split_once(':')?;
    let id = id.parse::<i64>().ok().filter(|n| *n >= 0)?;
    (key.len() <= 64).then(|| (key.to_string(), id))
}

/// Splits `limit + 1` fetched rows into a page: the extra row only tells that there is more.
pub fn page_from<T>(mut rows: Vec<T>, limit: u32, key: impl Fn(&T) -> i64) -> Page<T> {
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = if more { rows.last().map(|r| encode_cursor(key(r))) } else { None };
    Page { items: rows, next_cursor }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trip() {
        for id in [0, 1, 35, 36, 123_456_789] {
            assert_eq!(decode_cursor(&encode_cursor(id)), Some(id));
        }
        assert_eq!(decode_cursor("123"), None);
        assert_eq!(decode_cursor("c'; DROP TABLE staff;--"), None);
    }

    #[test]
    fn limits() {
        assert_eq!(PageRequest::parse(None, None).map(|p| p.limit), Ok(50));
        assert_eq!(PageRequest::parse(Some("100"), None).map(|p| p.limit), Ok(100));
        assert_eq!(PageRequest::parse(Some("101"), None), Err(ErrorCode::InvalidQuery));
        assert_eq!(PageRequest::parse(Some("0"), None), Err(ErrorCode::InvalidQuery));
        assert_eq!(PageRequest::parse(Some("99999999999"), None), Err(ErrorCode::InvalidQuery));
        assert_eq!(PageRequest::parse(Some("-1"), None), Err(ErrorCode::InvalidQuery));
    }

    #[test]
    fn page_split() {
        let p = page_from(vec![1, 2, 3], 2, |x| *x);
        assert_eq!(p.items, vec![1, 2]);
        assert_eq!(p.next_cursor, Some(encode_cursor(2)));
        let last = page_from(vec![1, 2], 2, |x| *x);
        assert_eq!(last.next_cursor, None);
    }
}
