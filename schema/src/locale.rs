//! The two languages Waypost speaks. zh-CN is the default: the firms using it are Chinese.

use serde::{Deserialize, Serialize};

/// A user-facing language. Every message catalogue matches on this exhaustively, so adding a
/// locale is a compile error until every string has a translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Hash)]
pub enum Locale {
    /// Simplified Chinese, the default.
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Locale {
    /// The BCP 47 tag, as sent in `Accept-Language` and stored in the browser.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }

    /// Parses a single tag leniently (`en-US` → en, `zh` → zh-CN).
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Locale::ZhCn),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// Picks the best supported locale from an `Accept-Language` header, honouring q-values;
    /// falls back to zh-CN.
    pub fn from_accept_language(header: Option<&str>) -> Locale {
        let Some(header) = header else { return Locale::default() };
        let mut best: Option<(f32, Locale)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("");
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q=").and_then(|v| v.parse::<f32>().ok()))
                .unwrap_or(1.0);
            if let Some(locale) = Locale::from_tag(tag)
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, locale));
            }
        }
        best.map(|(_, l)| l).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_highest_q() {
        assert_eq!(Locale::from_accept_language(Some("en-US,en;q=0.9,zh-CN;q=0.8")), Locale::En);
        assert_eq!(Locale::from_accept_language(Some("fr, zh;q=0.5, en;q=0.4")), Locale::ZhCn);
        assert_eq!(Locale::from_accept_language(Some("fr")), Locale::ZhCn);
        assert_eq!(Locale::from_accept_language(None), Locale::ZhCn);
        assert_eq!(Locale::from_accept_language(Some("zh-CN")), Locale::ZhCn);
    }
}
