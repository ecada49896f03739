//! The knowledge base (知识库): articles agents read while answering — by category, searchable in
//! Chinese from two characters (the same per-character index as customers), and suggested on a
//! request by its kind.

use serde::{Deserialize, Serialize};

use crate::request::RequestKind;
use crate::validate::required_text;
use crate::{FieldErrors, FieldIssue};

crate::derive::openapi_derive! {
/// An article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: i64,
    pub category: String,
    pub title: String,
    pub body: String,
    /// The request kinds it is suggested for.
    #[serde(deserialize_with = "crate::de::string_list")]
    pub kinds: Vec<String>,
    #[serde(deserialize_with = "crate::de::bool_or_int")]
    pub active: bool,
    pub version: i64,
    pub updated_at: String,
    pub updated_by: String,
}

/// `POST /api/v1/kb` and `PATCH /api/v1/kb/{id}` (with `version`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ArticleInput {
    #[serde(default, skip_serializing)]
    pub id: crate::de::ReadOnly<i64>,
    #[serde(default, skip_serializing)]
    pub updated_at: crate::de::ReadOnly<String>,
    #[serde(default, skip_serializing)]
    pub updated_by: crate::de::ReadOnly<String>,
    pub category: String,
    pub title: String,
    pub body: String,
    #[serde(default)]
    pub kinds: Vec<RequestKind>,
    #[serde(default = "yes")]
    pub active: bool,
    #[serde(default)]
    pub version: Option<i64>,
}
}

fn yes() -> bool {
    true
}

/// A checked article.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidArticle {
    pub category: String,
    pub title: String,
    pub body: String,
    pub kinds: Vec<RequestKind>,
    pub active: bool,
}

impl ArticleInput {
    /// Category ≤ 20, title ≤ 80, body ≤ 10,000 characters; kinds without repeats.
    pub fn validate(&self) -> Result<ValidArticle, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut take = |field: &'static str, r: Result<String, FieldIssue>| {
            r.map_err(|e| errors.insert(field, e)).unwrap_or_default()
        };
        let category = take("category", required_text(&self.category, 20));
        let title = take("title", required_text(&self.title, 80));
        let body = take("body", required_text(&self.body, 10_000));
        let mut kinds = self.kinds.clone();
        kinds.dedup();
        if errors.is_empty() {
            Ok(ValidArticle { category, title, body, kinds, active: self.active })
        } else {
            Err(errors)
        }
    }
}

impl ValidArticle {
    /// The index's text: title, category and body, Chinese characters one token each.
    pub fn search_text(&self) -> String {
        crate::customer::search_text(&[&self.title, &self.category, &self.body])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_checked_and_indexed_per_character() {
        let e = ArticleInput { title: " ".into(), ..Default::default() }.validate().err().unwrap_or_default();
        assert_eq!(
            (e.get("title"), e.get("category")),
            (Some(&FieldIssue::Required), Some(&FieldIssue::Required))
        );
        let v = ArticleInput {
            category: "理赔".into(),
            title: "破损理赔材料".into(),
            body: "请提供外包装照片".into(),
            kinds: vec![RequestKind::Claim, RequestKind::Claim],
            ..Default::default()
        }
        .validate()
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(v.kinds, vec![RequestKind::Claim]);
        assert!(v.search_text().starts_with("破 损 理 赔"));
    }
}
