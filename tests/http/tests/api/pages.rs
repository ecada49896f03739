//! The pages the Worker renders (no wasm, no script): public tracking — masked, unmasked with
//! the right digits only, an unknown waybill, the problem report, hostile text escaped — and the
//! survey link, answered by a plain form post.

use serde_json::json;
use waypost_http_tests::{Client, Resp};

use crate::shipments::{new_shipment, soon, waybill};
use crate::surveys::{link_token, portal, resolved_request};

fn html(r: &Resp) -> &str {
    assert!(
        r.header("Content-Type").is_some_and(|t| t.starts_with("text/html")),
        "{:?}: {}",
        r.headers,
        r.raw
    );
    // No script at all: the page works with JavaScript switched off, and the policy forbids any.
    assert!(!r.raw.contains("<script"), "{}", r.raw);
    assert!(r.header("Content-Security-Policy").is_some_and(|p| p.contains("default-src 'none'")));
    &r.raw
}

#[test]
fn the_tracking_page_is_masked_until_the_right_digits() {
    let agent = Client::as_role("cs_agent");
    let w = waybill();
    let phone = waypost_http_tests::unique_phone();
    new_shipment(&agent, &w, &phone, None);
    let visitor = Client::new();

    // The search form takes the number as people type it and lands on its page.
    let found = visitor.get(&format!("/track?waybill={}", w.to_lowercase().replace("wp", "wp%20")));
    assert_eq!(found.status, 303, "{}", found.raw);
    assert_eq!(found.header("Location"), Some(format!("/track/{w}?lang=zh-CN").as_str()));

    let r = visitor.get(&format!("/track/{w}"));
    assert_eq!(r.status, 200, "{}", r.raw);
    let page = html(&r);
    assert!(page.contains("<html lang=\"zh-CN\">") && page.contains("运单查询"));
    assert!(page.contains("张*") && !page.contains("张三"), "masked: {page}");
    assert!(page.contains(&format!("{}****{}", &phone[..3], &phone[7..])) && !page.contains(&phone));
    assert!(page.contains("已超时"), "committed in the past and not delivered");
    assert_eq!(r.header("Cache-Control"), Some("public, max-age=30"));

    let wrong = visitor.form(&format!("/track/{w}"), &[("last4", "0000")], &[]);
    assert_eq!(wrong.status, 422, "{}", wrong.raw);
    assert!(html(&wrong).contains("手机号后四位不正确") && !wrong.raw.contains("张三"));

    let right = visitor.form(&format!("/track/{w}"), &[("last4", &phone[7..])], &[]);
    assert_eq!(right.status, 200, "{}", right.raw);
    assert!(html(&right).contains("张三") && right.raw.contains(&phone), "{}", right.raw);
    assert!(!right.raw.contains("unmask-form"), "no digits asked once shown");
    assert_eq!(right.header("Cache-Control"), Some("no-store"), "personal data is never cached");

    // English by the browser's language, or by the switch (which the forms keep).
    let mut en = Client::new();
    en.lang = "en-US,en;q=0.9";
    let r = en.get(&format!("/track/{w}"));
    assert!(html(&r).contains("Track a parcel") && r.raw.contains("<html lang=\"en\">"));
    assert!(r.raw.contains(&format!("href=\"/track/{w}?lang=zh-CN\"")), "the switch: {}", r.raw);
    let r = visitor.get(&format!("/track/{w}?lang=en"));
    assert!(html(&r).contains("Consignee") && r.raw.contains("name=\"lang\" value=\"en\""));

    // Unknown and malformed numbers: the not-found page with the search form.
    let none = visitor.get("/track/WP000000000000");
    assert_eq!(none.status, 404);
    assert!(html(&none).contains("没有找到这个运单号") && none.raw.contains("name=\"waybill\""));
    assert_eq!(visitor.get("/track/abc").status, 404);
    let bad = visitor.get("/track?waybill=12");
    assert_eq!(bad.status, 400);
    assert!(html(&bad).contains("运单号格式不正确"));
    let empty = visitor.get("/track");
    assert_eq!(empty.status, 200);
    assert!(html(&empty).contains("无需登录"));
}

#[test]
fn a_problem_report_by_form_opens_a_request() {
    let agent = Client::as_role("cs_agent");
    let w = waybill();
    new_shipment(&agent, &w, &waypost_http_tests::unique_phone(), None);
    let visitor = Client::new();
    let path = format!("/track/{w}/report");

    let empty = visitor.form(&path, &[("description", "  "), ("contact_phone", "12")], &[]);
    assert_eq!(empty.status, 422, "{}", empty.raw);
    let page = html(&empty);
    assert!(page.contains("id=\"f-report-error\"") && page.contains("id=\"f-report-phone-error\""), "{page}");
    assert!(page.contains("value=\"12\""), "what was typed stays");

    let ok =
        visitor.form(&path, &[("description", "三天没有更新"), ("contact_phone", ""), ("lang", "en")], &[]);
    assert_eq!(ok.status, 303, "{}", ok.raw);
    let back = ok.header("Location").unwrap_or_default().to_string();
    assert_eq!(back, format!("/track/{w}?reported=1&lang=en"));
    let shown = visitor.get(&back);
    assert!(html(&shown).contains("Customer service will contact you soon"), "{}", shown.raw);

    let opened = agent.get(&format!("/api/v1/requests?q={w}"));
    let items = opened.body["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), 1, "one request from one report: {}", opened.raw);
    assert_eq!(items[0]["channel"], "tracking_page");

    // A form posted from another site is refused and records nothing.
    let foreign = visitor.form(&path, &[("description", "x")], &[("Origin", "https://evil.example")]);
    assert_eq!(foreign.status, 403);
    assert_eq!(agent.get(&format!("/api/v1/requests?q={w}")).body["items"].as_array().map(Vec::len), Some(1));
    // Other methods: 405 naming the allowed ones.
    let put = visitor.request("PUT", &format!("/track/{w}"), Some(b""), &[]);
    assert_eq!(put.status, 405);
    assert!(put.header("Allow").is_some_and(|a| a.contains("GET") && a.contains("POST")));
}

#[test]
fn hostile_text_in_an_event_is_escaped() {
    let agent = Client::as_role("cs_agent");
    let w = waybill();
    let s = new_shipment(&agent, &w, &waypost_http_tests::unique_phone(), None);
    let hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>&'";
    let ev = Client::as_role("courier").post(
        &format!("/api/v1/shipments/{}/events", s.shipment.id),
        &json!({"waybill_no": "", "at": soon(1), "type": "at_hub", "location": hostile, "description": hostile}),
    );
    assert_eq!(ev.status, 201, "{}", ev.raw);
    let r = Client::new().get(&format!("/track/{w}"));
    let page = html(&r);
    assert!(!page.contains("<img") && !page.contains("onerror=alert(2)>"), "{page}");
    assert!(page.contains(
        "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;&amp;&#39;"
    ));
}

#[test]
fn a_survey_is_answered_by_a_plain_form() {
    let customer = portal();
    let d = resolved_request(&customer, &format!("页面评价 #{}", waypost_http_tests::unique()));
    let token = link_token(&customer, &d.request.number);
    let visitor = Client::new();
    let path = format!("/survey/{token}");
    let r = visitor.get(&path);
    assert_eq!(r.status, 200, "{}", r.raw);
    assert!(html(&r).contains(&d.request.number) && r.raw.contains("name=\"overall\""));
    assert_eq!(r.header("Cache-Control"), Some("no-store"));

    // Without the overall score: refused, nothing saved, the other answers kept.
    let missing = visitor.form(&path, &[("speed", "4"), ("comment", "很快")], &[]);
    assert_eq!(missing.status, 422, "{}", missing.raw);
    assert!(html(&missing).contains("role=\"alert\"") && missing.raw.contains("很快"));
    assert!(missing.raw.contains("id=\"f-speed-4\" name=\"speed\" value=\"4\" checked"), "{}", missing.raw);
    assert!(visitor.get(&format!("/api/v1/public/survey/{token}")).body["survey"]["answered_at"].is_null());

    let ok = visitor.form(&path, &[("overall", "5"), ("speed", "4"), ("comment", "处理很快")], &[]);
    assert_eq!(ok.status, 303, "{}", ok.raw);
    let done = visitor.get(ok.header("Location").unwrap_or_default());
    assert!(html(&done).contains("感谢您的评价") && done.raw.contains("处理很快"));
    let saved = visitor.get(&format!("/api/v1/public/survey/{token}"));
    assert_eq!(
        (saved.body["survey"]["overall"].as_i64(), saved.body["survey"]["speed"].as_i64()),
        (Some(5), Some(4))
    );

    let again = visitor.form(&path, &[("overall", "1")], &[]);
    assert_eq!(again.status, 409);
    assert!(html(&again).contains("已经提交过"));
    assert_eq!(visitor.get("/survey/0123456789abcdef0123456789abcdef").status, 404);
    assert_eq!(visitor.get("/survey/not-a-token").status, 404);
}

/// The `/assets/...` files an HTML shell references (the prefetch list, one attribute, included).
fn assets_of(html: &str) -> Vec<String> {
    html.split('"')
        .flat_map(str::split_whitespace)
        .filter(|p| p.starts_with("/assets/"))
        .map(String::from)
        .collect()
}

#[test]
fn each_audience_gets_its_own_bundle_and_hashed_files_are_cached_for_a_year() {
    let c = Client::new();
    let staff = c.get("/customers");
    assert_eq!(staff.status, 200);
    let portal = c.get("/portal/shipments/12");
    assert_eq!(portal.status, 200);
    let (s, p) = (assets_of(&staff.raw), assets_of(&portal.raw));
    assert!(s.iter().any(|a| a.starts_with("/assets/staff-") && a.ends_with(".wasm")), "{s:?}");
    assert!(p.iter().any(|a| a.starts_with("/assets/portal-") && a.ends_with(".wasm")), "{p:?}");
    assert!(!p.iter().any(|a| a.contains("staff-")) && !s.iter().any(|a| a.contains("portal-")));
    // Each shell lists its own chunks for the idle prefetch once signed in.
    assert!(s.iter().filter(|a| a.contains("/split_")).count() >= 5, "{s:?}");
    assert!(p.iter().any(|a| a.starts_with("/assets/portal-") && a.contains("/split_")), "{p:?}");
    assert_eq!(c.get("/portal").raw, portal.raw, "the portal's root too");
    // The shells revalidate (a deploy shows at the next load); hashed files never need to.
    assert!(staff.header("Cache-Control").is_some_and(|v| v.contains("max-age=0")), "{:?}", staff.headers);
    for a in s.iter().chain(&p) {
        let r = c.get(a);
        assert_eq!(r.status, 200, "{a}");
        assert_eq!(r.header("Cache-Control"), Some("public, max-age=31536000, immutable"), "{a}");
    }
    // The staff app is installable and precaches exactly its own shell.
    let sw = c.get("/sw.js");
    assert_eq!(sw.status, 200);
    assert!(s.iter().all(|a| sw.raw.contains(a.as_str())) && !sw.raw.contains("portal-"), "{}", sw.raw);
    assert!(!sw.raw.contains("__PRECACHE__") && !sw.raw.contains("__VERSION__"));
    // …and every chunk of the staff app (a courier's phone has every page before going
    // underground), each from the same hashed directory and cached for a year too.
    let dir =
        s.iter().find(|a| a.ends_with("/staff.js")).and_then(|a| a.strip_suffix("staff.js")).unwrap_or("?");
    let chunks: Vec<&str> =
        sw.raw.split('"').filter(|p| p.starts_with(dir) && p.contains("/split_")).collect();
    assert!(chunks.len() >= 5, "the staff app's area chunks are precached: {}", sw.raw);
    for a in chunks.iter().chain([format!("{dir}__wasm_split.js").as_str()].iter()) {
        let r = c.get(a);
        assert_eq!(r.status, 200, "{a}");
        assert_eq!(r.header("Cache-Control"), Some("public, max-age=31536000, immutable"), "{a}");
    }
    let m = c.get("/manifest.webmanifest");
    assert_eq!((m.status, m.body["start_url"].as_str()), (200, Some("/")), "{}", m.raw);
    let icons = m.body["icons"].as_array().cloned().unwrap_or_default();
    assert!(icons.iter().any(|i| i["sizes"] == "512x512"));
    for i in icons {
        assert_eq!(c.get(i["src"].as_str().unwrap_or_default()).status, 200);
    }
    assert_eq!(c.get("/offline").status, 200);
}
