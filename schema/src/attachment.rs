//! Attachments of service requests (evidence for claims: photos, PDFs), stored in R2. The type
//! is decided by the bytes, not by what the client claims, and checked on both sides.

use serde::{Deserialize, Serialize};

crate::derive::openapi_derive! {
/// One file of a request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attachment {
    pub id: i64,
    pub name: String,
    pub content_type: String,
    /// Bytes.
    pub size: i64,
    #[serde(deserialize_with = "crate::de::bool_or_int")]
    pub from_customer: bool,
    pub uploaded_by: String,
    pub created_at: String,
}
}

/// Largest file accepted: 10 MiB (a phone photo; larger answers 413).
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// Most files on one request.
pub const MAX_PER_REQUEST: i64 = 20;

/// The type of a file by its first bytes: JPEG, PNG, WebP or PDF; anything else is refused (415).
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

/// A file name safe to store and show: the last path segment, no control characters, at most
/// 100 characters; `attachment` when nothing is left.
pub fn clean_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let name: String = last.chars().filter(|c| !c.is_control() && *c != '"').take(100).collect();
    let name = name.trim();
    if name.is_empty() || name == "." || name == ".." { "attachment".into() } else { name.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_bytes_and_names_are_cleaned() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), Some("image/jpeg"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniff(b"%PDF-1.7\n"), Some("application/pdf"));
        assert_eq!(sniff(b"<html><script>"), None);
        assert_eq!(sniff(b"MZ\x90\0"), None);
        assert_eq!(clean_name("C:\\Users\\张伟\\破损照片.jpg"), "破损照片.jpg");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\"b\n.png"), "ab.png");
        assert_eq!(clean_name(".."), "attachment");
    }
}
