//! Satisfaction surveys: opened by trigger when a request is resolved (migration 0018), read with
//! the request, found by their link's token, answered once.

use schema::survey::{Survey, ValidSurvey};

use super::db::{Db, DbError, guard_changed};
use crate::store::db::sql;

const COLUMNS: &str = "created_at, answered_at, overall, speed, attitude, outcome, comment";

/// The survey of a request, if it was resolved at least once.
pub async fn for_request(db: &impl Db, request_id: i64) -> Result<Option<Survey>, DbError> {
    db.first(sql!(format!("SELECT {COLUMNS} FROM request_surveys WHERE request_id = ?"), request_id)).await
}

/// The request a survey link's token belongs to.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct ByToken {
    pub request_id: i64,
    pub number: String,
    pub subject: String,
}

pub async fn by_token(db: &impl Db, token: &str) -> Result<Option<ByToken>, DbError> {
    db.first(sql!(
        "SELECT s.request_id, r.number, r.subject
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
