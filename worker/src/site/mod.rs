//! Pages the Worker renders as HTML, for people who arrive from a link on a slow phone: public
//! tracking (`/track`, `/track/{waybill}`) and the satisfaction survey (`/survey/{token}`). No
//! wasm and no script; style inline; every interpolated value escaped ([`html::Html::text`]);
//! forms that work with JavaScript switched off. The rules (masking, throttling, validation)
//! are the API's own: these pages call the same code as `/api/v1/public/...`.

pub mod html;
pub mod strings;
pub mod survey;
pub mod track;

use schema::Locale;
use worker::{Env, Method, Request, Response};

use html::{Caching, Page};
use strings::Common;

/// Largest form body accepted (a problem report is at most 500 characters).
const MAX_FORM: usize = 16 * 1024;

/// Whether a path is one of these pages (the rest of the site is the apps and the API).
pub fn serves(path: &str) -> bool {
    path == "/track" || path.starts_with("/track/") || path.starts_with("/survey/")
}

/// What a page handler gets: the request's language, method, path segments after the page's
/// prefix, query and form.
pub struct Visit {
    pub env: Env,
    pub locale: Locale,
    pub method: Method,
    /// The path segments after the prefix, percent-decoded.
    pub rest: Vec<String>,
    pub query: Vec<(String, String)>,
    pub form: Vec<(String, String)>,
    pub ip: String,
}

impl Visit {
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    pub fn form(&self, name: &str) -> &str {
        self.form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or_default()
    }

    /// `path` with this visit's language kept (links and redirects carry `lang`, so a choice
    /// made with the switch holds across the forms).
    pub fn link(&self, path: &str, locale: Locale) -> String {
        let sep = if path.contains('?') { '&' } else { '?' };
        format!("{path}{sep}lang={}", locale.tag())
    }

    /// A page in this visit's language.
    pub fn page(&self, status: u16, caching: Caching, title: &str, here: &str, body: html::Html) -> Response {
        let switch = self.link(here, html::other(self.locale));
        let doc = Page { locale: self.locale, title, switch: &switch, body }.render();
        html::respond(status, self.locale, caching, doc)
    }

    /// A one-paragraph page (errors, refusals).
    pub fn message(&self, status: u16, title: &str, here: &str, text: &str) -> Response {
        let mut b = html::Html::default();
        b.raw("<h1>")
            .text(title)
            .raw("</h1><p class=\"card\" data-testid=\"message\">")
            .text(text)
            .raw("</p>");
        self.page(status, Caching::Private, title, here, b)
    }
}

/// Answers one page request; never fails (errors become pages).
pub async fn handle(mut req: Request, env: Env) -> Response {
    let url = match req.url() {
        Ok(u) => u,
        Err(_) => return Response::builder().with_status(400).empty(),
    };
    let query: Vec<(String, String)> =
        url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let header = |name: &str| req.headers().get(name).ok().flatten();
    let locale = query
        .iter()
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| Locale::from_tag(v))
        .unwrap_or_else(|| Locale::from_accept_language(header("Accept-Language").as_deref()));
    let ip = header("CF-Connecting-IP").unwrap_or_else(|| "unknown".into());
    let method = req.method();
    let segments: Vec<String> =
        url.path_segments().map(|s| s.map(percent_decode).collect()).unwrap_or_default();
    let mut v = Visit { env, locale, method: method.clone(), rest: segments, query, form: Vec::new(), ip };
    let c = Common::get(locale);
    if method == Method::Post {
        // A form from another site is refused: these forms write (reports, answers).
        let origin = header("Origin");
        if origin.is_some_and(|o| o != url.origin().ascii_serialization()) {
            return v.message(403, c.bad_form, url.path(), c.bad_form);
        }
        match req.bytes().await {
            Ok(b) if b.len() <= MAX_FORM => {
                v.form = url::form_urlencoded::parse(&b)
                    .map(|(k, val)| (k.into_owned(), val.into_owned()))
                    .collect();
                // The forms carry the page's language (the switch's choice) in a hidden field.
                if let Some(l) = Locale::from_tag(v.form("lang")) {
                    v.locale = l;
                }
            }
            _ => return v.message(413, c.bad_form, url.path(), c.bad_form),
        }
    }
    let c = Common::get(v.locale);
    let first = if v.rest.is_empty() { String::new() } else { v.rest.remove(0) };
    let allowed = match first.as_str() {
        "track" => track::handle(&v).await,
        "survey" => survey::handle(&v).await,
        _ => None,
    };
    match allowed {
        Some(resp) => resp,
        None => {
            let mut resp = v.message(405, c.wrong_method, url.path(), c.wrong_method);
            let _ = resp.headers_mut().set("Allow", "GET, HEAD, POST");
            resp
        }
    }
}

/// `%E6%9D%8E` → 李; invalid sequences are kept as they are.
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_decode_and_pages_are_recognised() {
        assert_eq!(percent_decode("WP%202026%E6%9D%8E"), "WP 2026李");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert!(serves("/track") && serves("/track/WP1") && serves("/survey/abc"));
        assert!(!serves("/tracking") && !serves("/api/v1/public/track/x") && !serves("/portal"));
    }
}
