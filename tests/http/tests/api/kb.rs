//! The knowledge base over HTTP: agents search it (two Chinese characters are enough) and get
//! suggestions by kind; a CS supervisor writes and edits articles (a stale version loses); agents
//! may not write; bad input is refused and changes nothing.

use schema::kb::Article;
use serde_json::json;
use waypost_http_tests::Client;

#[test]
fn agents_search_and_supervisors_write_the_knowledge_base() {
    let agent = Client::as_role("cs_agent");
    let r = agent.get("/api/v1/kb?q=%E7%90%86%E8%B5%94");
    assert_eq!(r.status, 200, "{}", r.raw);
    assert!(r.raw.contains("理赔所需材料"), "{}", r.raw);
    let s = agent.get("/api/v1/kb?kind=complaint&limit=3");
    assert!(s.raw.contains("投诉受理与回访要求"), "{}", s.raw);
    assert_eq!(agent.get("/api/v1/kb?kind=poem").status, 400);

    let title = format!("台风天气派送说明 {}", waypost_http_tests::unique());
    let body = json!({"category": "时效", "title": title, "body": "台风预警期间暂停上门取派,恢复后优先处理滞留快件。", "kinds": ["inquiry"]});
    assert_eq!(agent.post("/api/v1/kb", &body).status, 403);
    let supervisor = Client::as_role("cs_supervisor");
    let bad = supervisor.post("/api/v1/kb", &json!({"category": "", "title": "", "body": ""}));
    assert_eq!(bad.status, 422, "{}", bad.raw);
    let r = supervisor.post("/api/v1/kb", &body);
    assert_eq!(r.status, 201, "{}", r.raw);
    let a: Article = r.json();
    let found = agent.get("/api/v1/kb?q=%E5%8F%B0%E9%A3%8E");
    assert!(found.raw.contains(&title), "{}", found.raw);
    let edit = json!({"category": "时效", "title": format!("{title}(更新)"), "body": "台风过后 24 小时内恢复派送。", "kinds": ["inquiry"], "version": a.version});
    let r = supervisor.send("PATCH", &format!("/api/v1/kb/{}", a.id), &edit);
    assert_eq!(r.status, 200, "{}", r.raw);
    let stale = supervisor.send("PATCH", &format!("/api/v1/kb/{}", a.id), &edit);
    assert_eq!(stale.status, 409, "{}", stale.raw);
    let one: Article = agent.get(&format!("/api/v1/kb/{}", a.id)).json();
    assert!(one.title.ends_with("(更新)") && one.body.contains("24 小时"));
    assert_eq!(agent.get("/api/v1/kb/999999").status, 404);
}
