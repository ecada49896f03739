//! The routes of `handlers::kb`.

use super::{Route, get, patch, post, s};
use crate::handlers::kb;
use crate::policy::KB_EDITORS;
use schema::kb::{Article, ArticleInput};
use schema::page::Page;

const KB_QUERY: &[(&str, &str)] = &[
    ("q", "Words of the title, category or body (Chinese from one character; a phrase)"),
    ("category", "Exact category"),
    ("kind", "Suggested for this request kind"),
    ("all", "true: inactive articles too"),
];

pub(super) const ROUTES: &[Route] = &[
    get(
        "/api/v1/kb",
        "Knowledge-base articles, newest first: search (Chinese from two characters), by category, or suggested for a request kind",
        h!(kb::list),
    )
    .paged()
    .query(KB_QUERY)
    .ok(s::<Page<Article>>),
    post("/api/v1/kb", "Write a knowledge-base article (CS supervisors and managers, admins)", h!(kb::create))
        .staff(KB_EDITORS)
        .body(s::<ArticleInput>)
        .created(s::<Article>),
    get("/api/v1/kb/categories", "The knowledge base's categories in use", h!(kb::categories))
        .ok(s::<Vec<String>>),
    get("/api/v1/kb/{id}", "One knowledge-base article", h!(kb::get)).ok(s::<Article>),
    patch(
        "/api/v1/kb/{id}",
        "Edit a knowledge-base article (with its `version`; inactive ones are hidden from agents)",
        h!(kb::update),
    )
    .staff(KB_EDITORS)
    .body(s::<ArticleInput>)
    .requires(&["version"])
    .ok(s::<Article>),
];
