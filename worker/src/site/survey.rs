//! `/survey/{token}` as HTML: the customer rates a resolved request by the link in their message,
//! without signing in — four 1–5 ratings as radio buttons (overall required) and a comment,
//! answered once. The rules are [`crate::service::surveys`]'s, shared with the JSON route.

use schema::survey::{Survey as Answers, SurveyInput, SurveyView};
use schema::{ErrorCode, FieldErrors};
use worker::{Method, Response};

use super::Visit;
use super::html::{Caching, Html, see_other};
use super::strings::{Common, Survey};
use crate::error::AppError;
use crate::service::surveys::{answer_link, by_link};
use crate::store::d1::D1;

/// `None`: the method is not allowed here.
pub async fn handle(v: &Visit) -> Option<Response> {
    let [token] = v.rest.as_slice() else { return Some(not_found(v)) };
    let here =
        format!("/survey/{}", url::form_urlencoded::byte_serialize(token.as_bytes()).collect::<String>());
    let db = match v.env.d1("DB") {
        Ok(d) => D1(d),
        Err(e) => return Some(failed(v, &here, AppError::from(e))),
    };
    Some(match v.method {
        Method::Get | Method::Head => match by_link(&db, token).await {
            Ok(s) => page(v, &here, &s, 200, None),
            Err(e) => refused(v, &here, e),
        },
        Method::Post => {
            let score = |f: &str| v.form(f).trim().parse::<i64>().ok();
            let input = SurveyInput {
                overall: score("overall"),
                speed: score("speed"),
                attitude: score("attitude"),
                outcome: score("outcome"),
                comment: v.form("comment").to_string(),
            };
            match answer_link(&db, token, &input).await {
                Ok(_) => see_other(&v.link(&here, v.locale)),
                Err(AppError::Validation(errors)) => match by_link(&db, token).await {
                    Ok(s) => page(v, &here, &s, 422, Some((&input, errors))),
                    Err(e) => refused(v, &here, e),
                },
                Err(e) => refused(v, &here, e),
            }
        }
        _ => return None,
    })
}

fn not_found(v: &Visit) -> Response {
    let s = Survey::get(v.locale);
    v.message(404, s.title, "/track", s.not_found)
}

fn failed(v: &Visit, here: &str, e: AppError) -> Response {
    worker::console_error!("survey page failed: {e:?}");
    v.message(500, Survey::get(v.locale).title, here, Common::get(v.locale).failed)
}

fn refused(v: &Visit, here: &str, e: AppError) -> Response {
    let s = Survey::get(v.locale);
    match e {
        AppError::Code(ErrorCode::NotFound) => not_found(v),
        AppError::Code(ErrorCode::WrongState) => v.message(409, s.title, here, s.answered),
        e => failed(v, here, e),
    }
}

/// The five stars of one dimension.
fn stars(b: &mut Html, name: &str, label: &str, chosen: Option<i64>, error: Option<String>) {
    b.raw("<fieldset><legend id=\"l-").raw(name).raw("\">").text(label).raw("</legend><div class=\"stars\">");
    for n in 1..=5 {
        let id = format!("f-{name}-{n}");
        b.raw("<label for=\"")
            .raw(&id)
            .raw("\" data-testid=\"")
            .raw(name)
            .raw("-")
            .raw(&n.to_string())
            .raw("\">");
        b.raw("<input type=\"radio\" id=\"").raw(&id).raw("\" name=\"").raw(name).raw("\" value=\"");
        b.raw(&n.to_string()).raw("\"");
        if chosen == Some(n) {
            b.raw(" checked");
        }
        b.raw("><span>")
            .raw(&"★".repeat(n as usize))
            .raw("<span class=\"sr\"> ")
            .raw(&n.to_string())
            .raw("</span></span></label>");
    }
    b.raw("</div>");
    if let Some(m) = error {
        b.raw("<p class=\"error\" role=\"alert\">").text(&m).raw("</p>");
    }
    b.raw("</fieldset>");
}

fn result(b: &mut Html, t: &Survey, a: &Answers) {
    b.raw("<dl class=\"card\" data-testid=\"survey-result\">");
    for (label, score) in
        [(t.overall, a.overall), (t.speed, a.speed), (t.attitude, a.attitude), (t.outcome, a.outcome)]
    {
        if let Some(n) = score {
            let n = n.clamp(0, 5) as usize;
            b.raw("<dt>").text(label).raw("</dt><dd>").raw(&"★".repeat(n)).raw(&"☆".repeat(5 - n));
            b.raw(" ").raw(&n.to_string()).raw("</dd>");
        }
    }
    if !a.comment.is_empty() {
        b.raw("<dt>").text(t.comment).raw("</dt><dd>").text(&a.comment).raw("</dd>");
    }
    b.raw("</dl>");
}

/// The survey: the form while unanswered (with what was typed and the reasons after a refusal),
/// the thanks and the answers afterwards.
fn page(
    v: &Visit,
    here: &str,
    s: &SurveyView,
    status: u16,
    typed: Option<(&SurveyInput, FieldErrors)>,
) -> Response {
    let t = Survey::get(v.locale);
    let mut b = Html::default();
    b.raw("<h1>").text(t.title).raw("</h1><p class=\"muted\" data-testid=\"survey-request\">");
    b.text(&s.number).raw(" · ").text(&s.subject).raw("</p>");
    if s.survey.answered_at.is_some() {
        b.raw("<p class=\"ok\" role=\"status\">").text(t.thanks).raw("</p>");
        result(&mut b, t, &s.survey);
        return v.page(status, Caching::Private, t.title, here, b);
    }
    let (input, errors) = match &typed {
        Some((i, e)) => (Some(*i), Some(e)),
        None => (None, None),
    };
    let issue = |f: &str| errors.and_then(|e| e.get(f)).map(|i| i.message(v.locale));
    b.raw("<form method=\"post\" action=\"").text(here).raw("\" class=\"card\" data-testid=\"survey-form\">");
    b.raw("<input type=\"hidden\" name=\"lang\" value=\"")
        .raw(v.locale.tag())
        .raw("\"><p>")
        .text(t.intro)
        .raw("</p>");
    let pick = |f: fn(&SurveyInput) -> Option<i64>| input.and_then(f);
    stars(&mut b, "overall", t.overall, pick(|i| i.overall), issue("overall"));
    stars(&mut b, "speed", t.speed, pick(|i| i.speed), issue("speed"));
    stars(&mut b, "attitude", t.attitude, pick(|i| i.attitude), issue("attitude"));
    stars(&mut b, "outcome", t.outcome, pick(|i| i.outcome), issue("outcome"));
    b.raw("<label for=\"f-comment\">").text(t.comment).raw("</label>");
    b.raw("<textarea id=\"f-comment\" name=\"comment\" rows=\"3\" maxlength=\"500\">");
    b.text(input.map(|i| i.comment.as_str()).unwrap_or_default()).raw("</textarea>");
    if let Some(m) = issue("comment") {
        b.raw("<p class=\"error\" role=\"alert\">").text(&m).raw("</p>");
    }
    b.raw("<p><button type=\"submit\">").text(t.submit).raw("</button></p></form>");
    v.page(status, Caching::Private, t.title, here, b)
}
