//! Attachments' records (the files are R2 objects under `r2_key`): listed with their request,
//! added one at a time within the per-request limit.

use schema::attachment::{Attachment, MAX_PER_REQUEST};
use schema::ids::RequestId;

use super::db::{Db, DbError, guard_changed};
use super::now;
use crate::store::db::sql;

const COLUMNS: &str = "id, name, content_type, size, from_customer, uploaded_by, created_at";

/// A request's attachments, oldest first.
pub async fn list(db: &impl Db, request_id: RequestId) -> Result<Vec<Attachment>, DbError> {
    db.all(sql!(format!("SELECT {COLUMNS} FROM attachments WHERE request_id = ? ORDER BY id"), request_id))
        .await
}

/// What a download needs of one attachment.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Stored {
    pub r2_key: String,
    pub name: String,
    pub content_type: String,
}

/// One attachment of a request, for download.
pub async fn get(db: &impl Db, request_id: RequestId, id: i64) -> Result<Option<Stored>, DbError> {
    db.first(sql!(
        "SELECT r2_key, name, content_type FROM attachments WHERE request_id = ? AND id = ?",
        request_id,
        id
    ))
    .await
}

/// A new attachment's record.
pub struct NewAttachment<'a> {
    pub request_id: RequestId,
    pub r2_key: &'a str,
    pub name: &'a str,
    pub content_type: &'static str,
    pub size: i64,
    pub from_customer: bool,
    pub uploaded_by: &'a str,
}

/// Records an attachment unless the request already holds [`MAX_PER_REQUEST`] (then the guard
/// aborts: `VersionConflict`, which the handler answers as a full request).
pub async fn add(db: &impl Db, a: &NewAttachment<'_>) -> Result<(), DbError> {
    db.batch(vec![
        sql!(
            "INSERT INTO attachments (request_id, r2_key, name, content_type, size, from_customer, uploaded_by, created_at)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8
             WHERE (SELECT count(*) FROM attachments WHERE request_id = ?1) < ?9",
            a.request_id,
            a.r2_key,
            a.name,
            a.content_type,
            a.size,
            a.from_customer,
            a.uploaded_by,
            now(),
            MAX_PER_REQUEST
        ),
        guard_changed(),
    ])
    .await
    .map(|_| ())
}
