//! Knowledge-base articles: listed by category or suggested by request kind, searched through the
//! per-character index (written in the same batch as every change), created and edited by
//! customer-service leads with a version check and an audit entry.

use schema::customer::match_query;
use schema::kb::{Article, ValidArticle};
use schema::page::{Page, PageRequest, page_from};
use schema::request::RequestKind;

use super::db::{Arg, Db, DbError, Sql, guard_changed};
use super::{Actor, audit, now};
use crate::store::db::sql;

const SELECT: &str =
    "SELECT id, category, title, body, kinds, active, version, updated_at, updated_by FROM kb_articles a";

/// List filters.
#[derive(Debug, Clone, Default)]
pub struct ArticleFilter {
    pub q: Option<String>,
    pub category: Option<String>,
    /// Suggested for this request kind.
    pub kind: Option<RequestKind>,
    /// Inactive ones too (editors).
    pub all: bool,
}

/// Articles, newest first.
pub async fn list(db: &impl Db, f: &ArticleFilter, page: PageRequest) -> Result<Page<Article>, DbError> {
    let mut text = format!("{SELECT} WHERE 1 = 1");
    let mut args: Vec<Arg> = Vec::new();
    if !f.all {
        text.push_str(" AND a.active = 1");
    }
    if let Some(c) = f.category.as_deref().filter(|c| !c.is_empty()) {
        text.push_str(" AND a.category = ?");
        args.push(c.into());
    }
    if let Some(k) = f.kind {
        text.push_str(" AND EXISTS (SELECT 1 FROM json_each(a.kinds) WHERE value = ?)");
        args.push(k.as_str().into());
    }
    if let Some(q) = f.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        match match_query(q) {
            Some(m) => {
                text.push_str(" AND a.id IN (SELECT rowid FROM kb_search WHERE kb_search MATCH ?)");
                args.push(m.into());
            }
            None => text.push_str(" AND 0"),
        }
    }
    if let Some(after) = page.after {
        text.push_str(" AND a.id < ?");
        args.push(after.into());
    }
    text.push_str(" ORDER BY a.id DESC LIMIT ?");
    args.push(Arg::Int(i64::from(page.limit) + 1));
    let rows: Vec<Article> = db.all(Sql { text: text.into(), args }).await?;
    Ok(page_from(rows, page.limit, |a| a.id))
}

pub async fn get(db: &impl Db, id: i64) -> Result<Option<Article>, DbError> {
    db.first(sql!(format!("{SELECT} WHERE a.id = ?"), id)).await
}

fn kinds_json(v: &ValidArticle) -> Result<String, DbError> {
    super::db::json(&v.kinds)
}

/// Creates an article with its index row and audit entry; returns its id.
pub async fn create(db: &impl Db, actor: &Actor, v: &ValidArticle) -> Result<i64, DbError> {
    let at = now();
    let out = db
        .batch(vec![
            sql!(
                "INSERT INTO kb_articles (category, title, body, kinds, active, updated_at, updated_by)
                 VALUES (?, ?, ?, ?, ?, ?, ?)",
                v.category.as_str(),
                v.title.as_str(),
                v.body.as_str(),
                kinds_json(v)?,
                v.active,
                at.as_str(),
                actor.name.as_str()
            ),
            sql!(
                "INSERT INTO kb_search (rowid, body) VALUES ((SELECT max(id) FROM kb_articles), ?)",
                v.search_text()
            ),
            // The index row's rowid is the article's id, so `last_insert_rowid()` still names it.
            audit::entry(
                actor,
                &at,
                "create",
                "kb_article",
                audit::EntityRef::JustInserted,
                &serde_json::json!({"title": {"from": null, "to": v.title}}),
            ),
        ])
        .await?;
    out.into_iter()
        .flat_map(|o| o.rows)
        .find_map(|r| r.get("entity_id").and_then(serde_json::Value::as_i64))
        .ok_or_else(|| DbError::Other("article insert returned no id".into()))
}

/// Updates an article (version-checked) and re-indexes it.
pub async fn update(
    db: &impl Db,
    actor: &Actor,
    id: i64,
    version: i64,
    v: &ValidArticle,
) -> Result<(), DbError> {
    let at = now();
    db.batch(vec![
        sql!(
            "UPDATE kb_articles SET category = ?, title = ?, body = ?, kinds = ?, active = ?, updated_at = ?,
                 updated_by = ?, version = version + 1
             WHERE id = ? AND version = ?",
            v.category.as_str(),
            v.title.as_str(),
            v.body.as_str(),
            kinds_json(v)?,
            v.active,
            at.as_str(),
            actor.name.as_str(),
            id,
            version
        ),
        guard_changed(),
        sql!("DELETE FROM kb_search WHERE rowid = ?", id),
        sql!("INSERT INTO kb_search (rowid, body) VALUES (?, ?)", id, v.search_text()),
        audit::entry(
            actor,
            &at,
            "update",
            "kb_article",
            audit::EntityRef::Id(id),
            &serde_json::json!({"title": {"from": null, "to": v.title}}),
        ),
    ])
    .await
    .map(|_| ())
}

/// The categories in use, alphabetically.
pub async fn categories(db: &impl Db) -> Result<Vec<String>, DbError> {
    #[derive(serde::Deserialize)]
    struct C {
        category: String,
    }
    let rows: Vec<C> =
        db.all(sql!("SELECT DISTINCT category FROM kb_articles WHERE active = 1 ORDER BY category")).await?;
    Ok(rows.into_iter().map(|c| c.category).collect())
}
