//! `/track` and `/track/{waybill}` as HTML: the search form, the masked view (names and phones
//! hidden), the view with the last four digits (a POST, so the digits stay out of addresses and
//! logs), and "report a problem" (a POST answered with a redirect back to the view). The rules
//! are [`crate::service::tracking`]'s, shared with the JSON lookup.

use schema::shipment::{ProblemReport, PublicTracking, ShipmentStatus};
use schema::validate::waybill_no;
use schema::{ErrorCode, FieldErrors, FieldIssue};
use worker::{Method, Response};

use super::Visit;
use super::html::{Caching, Html, local_time, see_other};
use super::strings::{Common, Track};
use crate::error::AppError;
use crate::service::tracking::{Unmasked, Visitor};

/// How long a shared cache may keep a masked view: a consignee pressing reload sees a new event
/// within half a minute.
const VIEW_SECS: u32 = 30;

/// What the page shows around the shipment.
#[derive(Default)]
struct State<'a> {
    /// The last four digits were wrong.
    wrong_digits: bool,
    /// The report was taken.
    reported: bool,
    /// The report's fields as typed, and what was wrong with them.
    report: Option<(&'a str, &'a str, FieldErrors)>,
}

/// `None`: the method is not allowed here.
pub async fn handle(v: &Visit) -> Option<Response> {
    let get = matches!(v.method, Method::Get | Method::Head);
    let post = v.method == Method::Post;
    Some(match (v.rest.as_slice(), get, post) {
        ([], true, _) => search(v),
        ([w], true, _) => masked(v, w).await,
        ([w], _, true) => unmask(v, w).await,
        ([w, r], _, true) if r == "report" => report(v, w).await,
        ([w, r], true, _) if r == "report" => see_other(&v.link(&format!("/track/{}", enc(w)), v.locale)),
        (_, true, _) | (_, _, true) => not_found(v, ""),
        _ => return None,
    })
}

fn visitor(v: &Visit) -> Visitor<'_> {
    Visitor { env: &v.env, ip: v.ip.clone() }
}

/// A waybill number safe in a path (it is letters and digits once parsed; anything else a
/// visitor typed is percent-encoded).
fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The search form, optionally with the typed value and a message under it.
fn form(b: &mut Html, t: &Track, typed: &str, error: Option<&str>) {
    b.raw("<h1>").text(t.title).raw("</h1>");
    b.raw("<form method=\"get\" action=\"/track\" role=\"search\" class=\"card\"><label for=\"f-waybill\">")
        .text(t.waybill)
        .raw("</label><div class=\"row\"><input id=\"f-waybill\" name=\"waybill\" data-testid=\"track-input\" autocomplete=\"off\" autocapitalize=\"characters\" placeholder=\"")
        .text(t.hint)
        .raw("\" value=\"")
        .text(typed)
        .raw("\"");
    if error.is_some() {
        b.raw(" aria-invalid=\"true\" aria-describedby=\"f-waybill-error\"");
    }
    b.raw("><button type=\"submit\">").text(t.submit).raw("</button></div>");
    if let Some(e) = error {
        b.raw("<p class=\"error\" id=\"f-waybill-error\" role=\"alert\" data-testid=\"track-none\">")
            .text(e)
            .raw("</p>");
    }
    b.raw("</form>");
}

/// `GET /track[?waybill=...]`.
fn search(v: &Visit) -> Response {
    let t = Track::get(v.locale);
    let typed = v.query("waybill").unwrap_or_default().trim();
    let mut b = Html::default();
    if typed.is_empty() {
        form(&mut b, t, "", None);
        b.raw("<p class=\"muted\">").text(t.intro).raw("</p>");
        return v.page(200, Caching::Public(3600), t.title, "/track", b);
    }
    match waybill_no(typed) {
        Ok(w) => see_other(&v.link(&format!("/track/{w}"), v.locale)),
        Err(_) => {
            form(&mut b, t, typed, Some(t.bad_waybill));
            v.page(400, Caching::Private, t.title, "/track", b)
        }
    }
}

fn not_found(v: &Visit, typed: &str) -> Response {
    let t = Track::get(v.locale);
    let mut b = Html::default();
    form(&mut b, t, typed, Some(t.not_found));
    v.page(404, Caching::Private, t.title, "/track", b)
}

/// The answer to an error from the shared rules: throttled, or the service failing.
fn refused(v: &Visit, e: AppError, here: &str) -> Response {
    let c = Common::get(v.locale);
    match e {
        AppError::Code(ErrorCode::TooManyAttempts) | AppError::TooMany { .. } => {
            v.message(429, Track::get(v.locale).title, here, c.throttled)
        }
        e => {
            worker::console_error!("tracking page failed: {e:?}");
            v.message(500, Track::get(v.locale).title, here, c.failed)
        }
    }
}

/// `GET /track/{waybill}`: the masked view.
async fn masked(v: &Visit, raw: &str) -> Response {
    let Ok(w) = waybill_no(raw) else { return not_found(v, raw) };
    let here = format!("/track/{w}");
    let json = match visitor(v).masked_json(&w).await {
        Ok(Some(j)) => j,
        Ok(None) => return not_found(v, &w),
        Err(e) => return refused(v, e, &here),
    };
    let Ok(t) = serde_json::from_str::<PublicTracking>(&json) else {
        return refused(v, AppError::Internal("unreadable tracking snapshot".into()), &here);
    };
    let reported = v.query("reported").is_some();
    let caching = if reported { Caching::Private } else { Caching::Public(VIEW_SECS) };
    let state = State { reported, ..Default::default() };
    v.page(200, caching, Track::get(v.locale).title, &here, view(v, &t, &state))
}

/// `POST /track/{waybill}` with `last4`: the full view, or the masked one with a message.
async fn unmask(v: &Visit, raw: &str) -> Response {
    let Ok(w) = waybill_no(raw) else { return not_found(v, raw) };
    let here = format!("/track/{w}");
    let title = Track::get(v.locale).title;
    let digits = v.form("last4").trim();
    match visitor(v).unmasked(&w, digits).await {
        Ok(Unmasked::Shown(t)) => v.page(200, Caching::Private, title, &here, view(v, &t, &State::default())),
        Ok(Unmasked::Unknown) => not_found(v, &w),
        Ok(Unmasked::WrongDigits) => match masked_view(v, &w).await {
            Ok(Some(t)) => {
                let state = State { wrong_digits: true, ..Default::default() };
                v.page(422, Caching::Private, title, &here, view(v, &t, &state))
            }
            Ok(None) => not_found(v, &w),
            Err(e) => refused(v, e, &here),
        },
        Err(e) => refused(v, e, &here),
    }
}

async fn masked_view(v: &Visit, w: &str) -> Result<Option<PublicTracking>, AppError> {
    let Some(json) = visitor(v).masked_json(w).await? else { return Ok(None) };
    serde_json::from_str(&json).map(Some).map_err(|e| AppError::Internal(e.to_string()))
}

/// `POST /track/{waybill}/report`: taken → back to the view with a confirmation; refused → the
/// view with the form as typed and the reasons.
async fn report(v: &Visit, raw: &str) -> Response {
    let Ok(w) = waybill_no(raw) else { return not_found(v, raw) };
    let here = format!("/track/{w}");
    let input = ProblemReport {
        description: v.form("description").to_string(),
        contact_phone: v.form("contact_phone").to_string(),
    };
    match visitor(v).report(&w, &input, v.locale).await {
        Ok(Some(())) => see_other(&v.link(&format!("{here}?reported=1"), v.locale)),
        Ok(None) => not_found(v, &w),
        Err(AppError::Validation(errors)) => match masked_view(v, &w).await {
            Ok(Some(t)) => {
                let state = State {
                    report: Some((v.form("description"), v.form("contact_phone"), errors)),
                    ..Default::default()
                };
                v.page(422, Caching::Private, Track::get(v.locale).title, &here, view(v, &t, &state))
            }
            Ok(None) => not_found(v, &w),
            Err(e) => refused(v, e, &here),
        },
        Err(e) => refused(v, e, &here),
    }
}

/// The shipment: facts, the unmask form (while masked), the events, the report form.
fn view(v: &Visit, s: &PublicTracking, state: &State) -> Html {
    let (l, t) = (v.locale, Track::get(v.locale));
    let mut b = Html::default();
    form(&mut b, t, &s.waybill_no, None);
    let warn = s.status == ShipmentStatus::Exception || s.late;
    b.raw("<section class=\"card\" data-testid=\"track-result\"><div class=\"title\"><span>")
        .text(&s.waybill_no)
        .raw("</span><span class=\"tag")
        .raw(if warn { " warn" } else { "" })
        .raw("\" data-testid=\"track-status\">")
        .text(s.status.label(l))
        .raw("</span></div><dl><dt>")
        .text(t.route)
        .raw("</dt><dd>")
        .text(&s.origin_region)
        .raw(" → ")
        .text(&s.dest_region)
        .raw("</dd><dt>")
        .text(t.pieces)
        .raw("</dt><dd>")
        .text(&s.pieces.to_string())
        .raw("</dd>");
    if let Some(c) = &s.committed_at {
        b.raw("<dt>").text(t.committed).raw("</dt><dd>").text(&local_time(c));
        if s.late {
            b.raw(" <span class=\"tag warn\" data-testid=\"track-late\">").text(t.late).raw("</span>");
        }
        b.raw("</dd>");
    }
    if let Some(d) = &s.delivered_at {
        b.raw("<dt>").text(t.delivered).raw("</dt><dd>").text(&local_time(d)).raw("</dd>");
    }
    b.raw("<dt>")
        .text(t.consignee)
        .raw("</dt><dd data-testid=\"track-consignee\">")
        .text(&s.consignee_name)
        .raw(" ")
        .text(&s.consignee_phone)
        .raw("</dd><dt>")
        .text(t.shipper)
        .raw("</dt><dd>")
        .text(&s.shipper_name)
        .raw("</dd></dl></section>");
    let here = format!("/track/{}", s.waybill_no);
    if !s.unmasked {
        b.raw("<form method=\"post\" action=\"")
            .text(&here)
            .raw("\" class=\"card\" data-testid=\"unmask-form\">")
            .raw("<input type=\"hidden\" name=\"lang\" value=\"")
            .raw(l.tag())
            .raw("\"><label for=\"f-last4\">")
            .text(t.last4)
            .raw("</label><div class=\"row\"><input id=\"f-last4\" name=\"last4\" inputmode=\"numeric\" pattern=\"[0-9]{4}\" maxlength=\"4\" autocomplete=\"off\" required");
        if state.wrong_digits {
            b.raw(" aria-invalid=\"true\" aria-describedby=\"unmask-error\"");
        }
        b.raw("><button type=\"submit\">").text(t.unmask).raw("</button></div>");
        if state.wrong_digits {
            b.raw("<p class=\"error\" id=\"unmask-error\" role=\"alert\" data-testid=\"unmask-error\">")
                .text(t.wrong_digits)
                .raw("</p>");
        }
        b.raw("</form>");
    }
    b.raw("<h2>").text(t.events).raw("</h2>");
    if s.events.is_empty() {
        b.raw("<p class=\"muted\">").text(t.no_events).raw("</p>");
    } else {
        b.raw("<ol class=\"card\" data-testid=\"track-events\">");
        for e in &s.events {
            b.raw("<li><div class=\"when\">").text(&local_time(&e.at)).raw(" · ").text(&e.location);
            b.raw("</div><strong>").text(e.kind.label(l)).raw("</strong> ").text(&e.description).raw("</li>");
        }
        b.raw("</ol>");
    }
    report_form(&mut b, v, &here, state);
    b
}

fn report_form(b: &mut Html, v: &Visit, here: &str, state: &State) {
    let t = Track::get(v.locale);
    b.raw("<h2>").text(t.report).raw("</h2>");
    if state.reported {
        b.raw("<p class=\"ok\" role=\"status\" data-testid=\"report-ok\">").text(t.report_done).raw("</p>");
    }
    let (desc, phone, errors) = match &state.report {
        Some((d, p, e)) => (*d, *p, Some(e)),
        None => ("", "", None),
    };
    let issue = |f: &str| errors.and_then(|e| e.get(f)).map(|i: &FieldIssue| i.message(v.locale));
    b.raw("<form method=\"post\" action=\"")
        .text(here)
        .raw("/report\" class=\"card\" data-testid=\"report-form\"><input type=\"hidden\" name=\"lang\" value=\"")
        .raw(v.locale.tag())
        .raw("\"><label for=\"f-report\">")
        .text(t.report_hint)
        .raw("</label><textarea id=\"f-report\" name=\"description\" rows=\"3\" maxlength=\"500\" required");
    if issue("description").is_some() {
        b.raw(" aria-invalid=\"true\" aria-describedby=\"f-report-error\"");
    }
    b.raw(">").text(desc).raw("</textarea>");
    if let Some(m) = issue("description") {
        b.raw("<p class=\"error\" id=\"f-report-error\" role=\"alert\">").text(&m).raw("</p>");
    }
    b.raw("<label for=\"f-report-phone\">")
        .text(t.report_phone)
        .raw("</label><input id=\"f-report-phone\" name=\"contact_phone\" type=\"tel\" autocomplete=\"tel\" value=\"")
        .text(phone)
        .raw("\"");
    if issue("contact_phone").is_some() {
        b.raw(" aria-invalid=\"true\" aria-describedby=\"f-report-phone-error\"");
    }
    b.raw(">");
    if let Some(m) = issue("contact_phone") {
        b.raw("<p class=\"error\" id=\"f-report-phone-error\" role=\"alert\">").text(&m).raw("</p>");
    }
    b.raw("<p><button type=\"submit\">").text(t.report_submit).raw("</button></p></form>");
}
