//! The knowledge base against SQLite with the real migrations: the seeded articles and their
//! index, search from two Chinese characters, suggestions by kind, edits version-checked and
//! re-indexed, inactive articles hidden from agents.

use futures::executor::block_on;
use schema::kb::ArticleInput;
use schema::page::PageRequest;
use schema::request::RequestKind;

use super::customer_tests::{actor, setup};
use super::db::{Db, DbError};
use super::kb::{self, ArticleFilter};
use crate::store::db::sql;

const PAGE: PageRequest = PageRequest { limit: 50, after: None };

fn titles(db: &super::sqlite::Sqlite, f: &ArticleFilter) -> Vec<String> {
    block_on(kb::list(db, f, PAGE))
        .unwrap_or_else(|e| panic!("{e:?}"))
        .items
        .into_iter()
        .map(|a| a.title)
        .collect()
}

#[test]
fn seeded_articles_are_indexed_as_the_worker_indexes_them() {
    let db = setup();
    #[derive(serde::Deserialize)]
    struct Row {
        id: i64,
        body: String,
    }
    let index: Vec<Row> =
        block_on(db.all(sql!("SELECT rowid AS id, body FROM kb_search ORDER BY rowid"))).unwrap_or_default();
    assert!(index.len() >= 4);
    for r in index {
        let a = block_on(kb::get(&db, r.id)).ok().flatten().unwrap_or_else(|| panic!("article {}", r.id));
        let expected = schema::customer::search_text(&[&a.title, &a.category, &a.body]);
        assert_eq!(r.body, expected, "article {}", r.id);
    }
}

#[test]
fn search_suggest_edit_and_hide() {
    let db = setup();
    let q = |s: &str| ArticleFilter { q: Some(s.into()), ..Default::default() };
    assert_eq!(titles(&db, &q("理赔")), vec!["破损与丢失理赔所需材料"]);
    assert_eq!(titles(&db, &q("赔理")), Vec::<String>::new(), "a phrase, not a bag of characters");
    let claims = ArticleFilter { kind: Some(RequestKind::Claim), ..Default::default() };
    assert_eq!(titles(&db, &claims), vec!["破损与丢失理赔所需材料"]);
    let input = ArticleInput {
        category: "时效".into(),
        title: "春节期间派送安排".into(),
        body: "除夕至初三暂停派送,节后按顺序恢复。".into(),
        kinds: vec![RequestKind::Inquiry, RequestKind::Consultation],
        active: true,
        version: None,
        ..Default::default()
    };
    let v = input.validate().unwrap_or_else(|e| panic!("{e:?}"));
    let id = block_on(kb::create(&db, &actor(), &v)).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(titles(&db, &q("春节")), vec!["春节期间派送安排"]);
    let hidden =
        schema::kb::ValidArticle { active: false, title: "春节派送安排(旧)".into(), ..v.clone() };
    assert_eq!(block_on(kb::update(&db, &actor(), id, 9, &hidden)), Err(DbError::VersionConflict));
    block_on(kb::update(&db, &actor(), id, 1, &hidden)).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(titles(&db, &q("春节")), Vec::<String>::new(), "inactive: hidden from agents");
    let all = ArticleFilter { q: Some("旧".into()), all: true, ..Default::default() };
    assert_eq!(titles(&db, &all), vec!["春节派送安排(旧)"], "re-indexed with the new title");
    let cats = block_on(kb::categories(&db)).unwrap_or_default();
    assert!(cats.contains(&"理赔".to_string()) && !cats.contains(&"时效".to_string()));
}
