//! The knowledge base over HTTP: agents search it (two Chinese characters are enough) and get
//! suggestions by kind; a CS supervisor writes and edits articles (a stale version loses); agents
//! may not write; bad input is refused and changes nothing.

use schema::kb::{Article, ArticleInput};
use schema::request::RequestKind;
use waypost_http_tests::{Client, unique};

#[test]
fn agents_search_and_supervisors_write_the_knowledge_base() {
    let agent = Client::as_role("cs_agent");
    let found = agent.kb_list(&[("q", "理赔")]).ok();
    assert!(found.items.iter().any(|a| a.title.contains("理赔所需材料")), "{found:?}");
    let suggested = agent.kb_list(&[("kind", "complaint"), ("limit", "3")]).ok();
    assert!(suggested.items.iter().any(|a| a.title.contains("投诉受理与回访要求")), "{suggested:?}");
    assert_eq!(agent.kb_list(&[("kind", "poem")]).status, 400);

    let title = format!("台风天气派送说明 {}", unique());
    let body = ArticleInput {
        category: "时效".into(),
        title: title.clone(),
        body: "台风预警期间暂停上门取派,恢复后优先处理滞留快件。".into(),
        kinds: vec![RequestKind::Inquiry],
        active: true,
        ..Default::default()
    };
    assert_eq!(agent.kb_create(&body).status, 403);
    let supervisor = Client::as_role("cs_supervisor");
    let bad = supervisor.kb_create(&ArticleInput::default());
    assert_eq!(bad.status, 422, "{}", bad.raw);
    let a: Article = supervisor.kb_create(&body).status_is(201).json();
    let found = agent.kb_list(&[("q", "台风")]).ok();
    assert!(found.items.iter().any(|x| x.title == title), "{found:?}");
    let edit = ArticleInput {
        title: format!("{title}(更新)"),
        body: "台风过后 24 小时内恢复派送。".into(),
        version: Some(a.version),
        ..body
    };
    supervisor.kb_update(a.id, &edit).ok();
    let stale = supervisor.kb_update(a.id, &edit);
    assert_eq!(stale.status, 409, "{}", stale.raw);
    let one = agent.kb_get(a.id).ok();
    assert!(one.title.ends_with("(更新)") && one.body.contains("24 小时"));
    assert_eq!(agent.kb_get(999_999).status, 404);
}
