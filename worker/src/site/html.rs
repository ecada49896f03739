//! HTML for the Worker-rendered pages: escaping, the page frame with its inline style, and the
//! response with the headers every page carries. No templates and no script: a page is a string
//! built with [`Html::text`] (escaped) and [`Html::raw`] (markup written here).

use schema::Locale;
use worker::{Headers, Response};

use super::strings::Common;

/// An HTML document being written.
#[derive(Default)]
pub struct Html(String);

impl Html {
    /// Markup written in this module's callers, never user data.
    pub fn raw(&mut self, s: &str) -> &mut Self {
        self.0.push_str(s);
        self
    }

    /// Text (or an attribute value): `& < > " '` escaped, so nothing a visitor, an integration
    /// or a staff member typed can open a tag or leave an attribute.
    pub fn text(&mut self, s: &str) -> &mut Self {
        for c in s.chars() {
            match c {
                '&' => self.0.push_str("&amp;"),
                '<' => self.0.push_str("&lt;"),
                '>' => self.0.push_str("&gt;"),
                '"' => self.0.push_str("&quot;"),
                '\'' => self.0.push_str("&#39;"),
                c => self.0.push(c),
            }
        }
        self
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// Kept small: the whole page, style included, is one response of a few KB.
const STYLE: &str = "\
*{box-sizing:border-box}\
body{margin:0;font:16px/1.5 system-ui,-apple-system,\"PingFang SC\",\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;color:#1c2430;background:#f3f5f8}\
header{display:flex;justify-content:space-between;align-items:center;padding:.75rem 1rem;background:#0b5cad;color:#fff}\
header a{color:#fff}.brand{font-weight:600;text-decoration:none}\
main{max-width:40rem;margin:0 auto;padding:1rem}\
h1{font-size:1.4rem;margin:.5rem 0 1rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}\
.card{background:#fff;border:1px solid #d8dee6;border-radius:8px;padding:1rem;margin:0 0 1rem}\
.row{display:flex;gap:.5rem}.row input{flex:1;min-width:0}\
input,textarea{font:inherit;padding:.6rem;border:1px solid #8a96a6;border-radius:6px;width:100%;background:#fff;color:inherit}\
button{font:inherit;min-height:44px;padding:.5rem 1rem;border:0;border-radius:6px;background:#0b5cad;color:#fff;cursor:pointer}\
label{display:block;margin:.75rem 0 .25rem}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;margin:0}dt{color:#4a5566}dd{margin:0}\
.title{display:flex;justify-content:space-between;align-items:center;gap:.5rem;font-weight:600;margin-bottom:.75rem}\
.tag{display:inline-block;padding:.1rem .5rem;border-radius:999px;background:#e3edf9;color:#0b4a8c;font-size:.875rem}\
.warn{background:#fde8d7;color:#8a3200}\
.muted{color:#4a5566}.error{color:#a11d1d}\
.ok{background:#e2f4e8;color:#17572c;border-radius:6px;padding:.75rem}\
ol{list-style:none;padding:0;margin:0}ol li{border-left:3px solid #0b5cad;padding:.25rem 0 .75rem .75rem}\
ol li:not(:first-child){border-left-color:#b7c3d3}.when{color:#4a5566;font-size:.875rem}\
fieldset{border:0;padding:0;margin:.75rem 0}legend{padding:0;margin-bottom:.25rem}\
.stars{display:flex;gap:.25rem}.stars label{margin:0;display:flex;align-items:center;justify-content:center;min-width:44px;min-height:44px;border:1px solid #8a96a6;border-radius:6px;background:#fff}\
.stars input{position:absolute;opacity:0;width:1px}.stars input:checked+span{font-weight:700;color:#0b5cad}\
.stars input:focus-visible+span{outline:2px solid #0b5cad;outline-offset:4px}\
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}";

/// A page: frame, title and body; `switch` is this page's address in the other language.
pub struct Page<'a> {
    pub locale: Locale,
    pub title: &'a str,
    pub switch: &'a str,
    pub body: Html,
}

impl Page<'_> {
    /// The document.
    pub fn render(self) -> String {
        let c = Common::get(self.locale);
        let mut h = Html::default();
        h.raw("<!DOCTYPE html><html lang=\"")
            .raw(self.locale.tag())
            .raw("\"><head><meta charset=\"utf-8\">")
            .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .raw("<meta name=\"theme-color\" content=\"#0b5cad\"><title>")
            .text(self.title)
            .raw(" · ")
            .text(c.brand)
            .raw("</title><style>")
            .raw(STYLE)
            .raw("</style></head><body><header><a class=\"brand\" href=\"/track\">")
            .text(c.brand)
            .raw("</a><a href=\"")
            .text(self.switch)
            .raw("\" data-testid=\"lang-switch\" lang=\"")
            .raw(other(self.locale).tag())
            .raw("\">")
            .text(c.switch_to)
            .raw("</a></header><main>");
        h.0.push_str(&self.body.0);
        h.raw("</main></body></html>");
        h.into_string()
    }
}

/// The other language (the switch's target).
pub fn other(l: Locale) -> Locale {
    match l {
        Locale::ZhCn => Locale::En,
        Locale::En => Locale::ZhCn,
    }
}

/// How long a page may be kept.
#[derive(Clone, Copy)]
pub enum Caching {
    /// The masked tracking view: shared caches may keep it briefly (per language).
    Public(u32),
    /// Anything with personal data or a form's outcome.
    Private,
}

/// The response: status, HTML, and the headers every page carries — a policy that allows no
/// script at all and forms only to this origin.
pub fn respond(status: u16, locale: Locale, caching: Caching, doc: String) -> Response {
    let h = Headers::new();
    let cache = match caching {
        Caching::Public(secs) => format!("public, max-age={secs}"),
        Caching::Private => "no-store".to_string(),
    };
    for (k, v) in [
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Language", locale.tag()),
        ("Vary", "Accept-Language"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        (
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        ),
        ("Cache-Control", cache.as_str()),
    ] {
        let _ = h.set(k, v);
    }
    Response::builder().with_status(status).with_headers(h).fixed(doc.into_bytes())
}

/// A redirect after a form was taken (303: the browser follows with a GET).
pub fn see_other(location: &str) -> Response {
    let h = Headers::new();
    let _ = h.set("Location", location);
    let _ = h.set("Cache-Control", "no-store");
    Response::builder().with_status(303).with_headers(h).empty()
}

/// An instant in UTC as the firm's clock shows it (Asia/Shanghai, UTC+8, no daylight saving).
pub fn local_time(iso: &str) -> String {
    let Ok(t) = chrono::DateTime::parse_from_rfc3339(iso) else { return iso.to_string() };
    match chrono::FixedOffset::east_opt(8 * 3600) {
        Some(tz) => t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string(),
        None => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_markup_is_not() {
        let mut h = Html::default();
        h.raw("<p title=\"").text("\"><script>alert('x')</script>&").raw("\">");
        assert_eq!(
            h.into_string(),
            "<p title=\"&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;\">"
        );
    }

    #[test]
    fn times_show_in_beijing_time() {
        assert_eq!(local_time("2026-11-20T16:30:00.000Z"), "2026-11-21 00:30");
        assert_eq!(local_time("not a time"), "not a time");
    }
}
