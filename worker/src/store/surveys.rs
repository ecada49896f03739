//! Satisfaction surveys: opened by trigger when a request is resolved (migration 0018), read with
//! the request, found by their link's token, answered once.

use schema::survey::{Survey, ValidSurvey};

use super::db::{Db, DbError, guard_changed};
use crate::sql;

const COLUMNS: &str = "created_at, answered_at, overall, speed, attitude, outcome, comment";

/// The survey of a request, if it was resolved at least once.
pub async fn for_request(db: &impl Db, request_id: i64) -> Result<Option<Survey>, DbError> {
    db.first(sql!(format!("SELECT {COLUMNS} FROM request_surveys WHERE request_id = ?"), request_id)).await
}

/// A survey by its link's token: the request's id, number and subject, and the survey.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ByToken {
    pub request_id: i64,
    pub number: String,
    pub subject: String,
    pub created_at: String,
    pub answered_at: Option<String>,
    pub overall: Option<i64>,
    pub speed: Option<i64>,
    pub attitude: Option<i64>,
    pub outcome: Option<i64>,
    pub comment: String,
}

impl ByToken {
    pub fn survey(&self) -> Survey {
        Survey {
            created_at: self.created_at.clone(),
            answered_at: self.answered_at.clone(),
            overall: self.overall,
            speed: self.speed,
            attitude: self.attitude,
            outcome: self.outcome,
            comment: self.comment.clone(),
        }
    }
}

pub async fn by_token(db: &impl Db, token: &str) -> Result<Option<ByToken>, DbError> {
    db.first(sql!(
        "SELECT s.request_id, r.number, r.subject, s.created_at, s.answered_at, s.overall, s.speed, s.attitude,
                s.outcome, s.comment
         FROM request_surveys s JOIN service_requests r ON r.id = s.request_id WHERE s.token = ?",
        token
    ))
    .await
}

/// Records the answers; a survey already answered (or none) is a conflict and changes nothing.
pub async fn answer(db: &impl Db, request_id: i64, v: &ValidSurvey) -> Result<(), DbError> {
    db.batch(vec![
        sql!(
            "UPDATE request_surveys SET answered_at = ?, overall = ?, speed = ?, attitude = ?, outcome = ?, comment = ?
             WHERE request_id = ? AND answered_at IS NULL",
            super::now(),
            v.overall,
            v.speed,
            v.attitude,
            v.outcome,
            v.comment.as_str(),
            request_id
        ),
        guard_changed(),
    ])
    .await
    .map(|_| ())
}
