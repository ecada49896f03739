//! Attachments of service requests (claim evidence) in R2: staff and the request's customer
//! upload photos and PDFs (the type judged by the bytes: 415 otherwise; over 10 MiB: 413) and
//! download them; anyone else gets 404.

use schema::ErrorCode;
use schema::attachment::{MAX_BYTES, clean_name, sniff};
use schema::ids::RequestId;
use worker::{HttpMetadata, Response};

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::store::attachments::{self, NewAttachment};
use crate::store::db::DbError;
use crate::store::requests;

/// The R2 binding (wrangler.toml `[[r2_buckets]]`).
const BUCKET: &str = "FILES";

/// Who uploads: their name, and whether they are the customer.
struct Uploader {
    name: String,
    customer: bool,
}

fn staff_side(ctx: &Ctx) -> Result<Uploader> {
    Ok(Uploader { name: ctx.caller()?.name.clone(), customer: false })
}

fn portal_side(ctx: &Ctx) -> Result<Uploader> {
    Ok(Uploader { name: ctx.portal()?.name.clone(), customer: true })
}

/// Upload to a request in the caller's scope (the route declares it: staff or portal).
async fn upload(mut ctx: Ctx, by: Uploader) -> Result<Response> {
    let db = ctx.db()?;
    let id = ctx.id("id")?;
    requests::get(&db, ctx.scope.requests()?, id).await?.ok_or(ErrorCode::NotFound)?;
    let request = RequestId(id); // in the caller's scope
    let declared =
        ctx.req.headers().get("Content-Length").ok().flatten().and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BYTES) {
        return Err(ErrorCode::FileTooLarge.into());
    }
    let bytes = ctx.req.bytes().await.map_err(|_| AppError::Code(ErrorCode::UnsupportedFileType))?;
    if bytes.len() > MAX_BYTES {
        return Err(ErrorCode::FileTooLarge.into());
    }
    let content_type = sniff(&bytes).ok_or(ErrorCode::UnsupportedFileType)?;
    let name = clean_name(&ctx.query("name").unwrap_or_default());
    let key = format!("req/{id}/{}", crate::auth::random_id().map_err(AppError::Internal)?);
    let size = bytes.len() as i64;
    let bucket = ctx.env.bucket(BUCKET)?;
    let meta = HttpMetadata { content_type: Some(content_type.into()), ..Default::default() };
    bucket.put(&key, bytes).http_metadata(meta).execute().await?;
    let record = NewAttachment {
        request_id: request,
        r2_key: &key,
        name: &name,
        content_type,
        size,
        from_customer: by.customer,
        uploaded_by: &by.name,
    };
    if let Err(e) = attachments::add(&db, &record).await {
        // The record decides whether the file exists: without one, the object goes again.
        let _ = bucket.delete(&key).await;
        return Err(match e {
            DbError::VersionConflict => AppError::field(
                "file",
                schema::FieldIssue::TooMany { max: schema::attachment::MAX_PER_REQUEST as usize },
            ),
            e => e.into(),
        });
    }
    ctx.created(&attachments::list(&db, request).await?)
}

/// `filename*=` of RFC 5987: UTF-8, percent-encoded.
fn disposition(name: &str) -> String {
    let enc: String = name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("inline; filename*=UTF-8''{enc}")
}

async fn download(ctx: Ctx) -> Result<Response> {
    let db = ctx.db()?;
    let id = ctx.id("id")?;
    requests::get(&db, ctx.scope.requests()?, id).await?.ok_or(ErrorCode::NotFound)?;
    let request = RequestId(id); // in the caller's scope
    let a = attachments::get(&db, request, ctx.id("attachment_id")?).await?.ok_or(ErrorCode::NotFound)?;
    let object = ctx.env.bucket(BUCKET)?.get(&a.r2_key).execute().await?.ok_or(ErrorCode::NotFound)?;
    let body = object.body().ok_or(ErrorCode::NotFound)?.response_body()?;
    let mut resp = Response::from_body(body)?;
    let h = resp.headers_mut();
    h.set("Content-Type", &a.content_type)?;
    h.set("Content-Disposition", &disposition(&a.name))?;
    h.set("X-Content-Type-Options", "nosniff")?;
    // A PDF opened in the browser runs no script with the app's origin.
    h.set("Content-Security-Policy", "sandbox")?;
    h.set("Cache-Control", "private, max-age=300")?;
    Ok(resp)
}

/// `POST /api/v1/requests/{id}/attachments?name=`: the file as the raw body.
pub async fn staff_upload(ctx: Ctx) -> Result<Response> {
    let by = staff_side(&ctx)?;
    upload(ctx, by).await
}

/// `GET /api/v1/requests/{id}/attachments/{attachment_id}`.
pub async fn staff_download(ctx: Ctx) -> Result<Response> {
    download(ctx).await
}

/// `POST /api/v1/portal/requests/{id}/attachments?name=`: evidence for one of my requests.
pub async fn portal_upload(ctx: Ctx) -> Result<Response> {
    let by = portal_side(&ctx)?;
    upload(ctx, by).await
}

/// `GET /api/v1/portal/requests/{id}/attachments/{attachment_id}`.
pub async fn portal_download(ctx: Ctx) -> Result<Response> {
    download(ctx).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_travel_percent_encoded() {
        assert_eq!(super::disposition("破损.jpg"), "inline; filename*=UTF-8''%E7%A0%B4%E6%8D%9F.jpg");
        assert_eq!(super::disposition("a b\";.pdf"), "inline; filename*=UTF-8''a%20b%22%3B.pdf");
    }
}
