//! The only code that talks HTTP. Typed DTOs from `schema` in, typed results out, and an error
//! that tells apart "offline", "sign in again", "not allowed", "not there", "conflict" and
//! "invalid input" — so each page can show the right state.

use gloo_net::http::{Request, RequestBuilder, Response};
use schema::audit::AuditEntry;
use schema::auth::{LoginRequest, Me};
use schema::bulk::{BulkRequest, BulkResult};
use schema::custom::{CustomField, CustomFieldInput};
use schema::customer::{
    ContactInput, CustomerDetail, CustomerInput, CustomerSummary, HandoverRequest, HandoverResult,
    MergeRequest,
};
use schema::import::{ImportReport, ImportRequest};
use schema::integration::{ApiKey, ApiKeyInput, NewApiKey};
use schema::interaction::{CommentInput, Interaction, InteractionInput, TimelinePage};
use schema::location::{Location, LocationInput};
use schema::lookup::CallerLookup;
use schema::notify::{Notice, OutboxMessage};
use schema::org::{Org, OrgInput, OrgUpdate};
use schema::page::Page;
use schema::pickup::{
    AddressEntry, AddressInput, AssignRequest, CollectRequest, Pickup, PickupDetail, PickupInput,
    ReasonRequest,
};
use schema::portal::{
    CodeConfirm, CodeRequest, InviteRequest, PortalMe, PortalPrefs, PortalUser, PortalUserUpdate,
};
use schema::quality::QualityItem;
use schema::request::{
    AssignRequest as RequestAssign, CannedReply, ForwardRequest, MessageInput, RequestCount, RequestDetail,
    RequestInput, ServiceRequest, StatusChange,
};
use schema::shipment::{Commitment, EventInput, OrgAttention, Shipment, ShipmentDetail};
use schema::staff::{PasswordChange, PasswordReset, Staff, StaffInput, StaffUpdate};
use schema::{ApiErrorBody, ErrorCode};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// What can go wrong with a call.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No answer at all (network down).
    Offline,
    /// 401: the session ended.
    Unauthenticated,
    /// 403.
    Forbidden,
    /// 404.
    NotFound,
    /// 409 version conflict, with the current version.
    Conflict(ApiErrorBody),
    /// Other 4xx with the server's localized message and field messages.
    Rejected(ApiErrorBody),
    /// 5xx or an unreadable answer.
    Server(String),
}

impl ApiError {
    /// The message to show in a banner.
    pub fn message(&self) -> String {
        match self {
            ApiError::Conflict(b) | ApiError::Rejected(b) => b.message.clone(),
            ApiError::Server(m) => m.clone(),
            other => format!("{other:?}"),
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

fn with_headers(b: RequestBuilder) -> RequestBuilder {
    b.header("Accept-Language", crate::i18n::saved_locale().tag()).header("X-Waypost-Csrf", "1")
}

async fn read<T: DeserializeOwned>(resp: Response) -> ApiResult<T> {
    let status = resp.status();
    if (200..300).contains(&status) {
        if status == 204 || status == 202 {
            return serde_json::from_str("null").map_err(|e| ApiError::Server(e.to_string()));
        }
        return resp.json::<T>().await.map_err(|e| ApiError::Server(e.to_string()));
    }
    let body = resp.json::<ApiErrorBody>().await.ok();
    Err(match (status, body) {
        (401, Some(b)) if b.code == ErrorCode::LoginFailed => ApiError::Rejected(b),
        (401, _) => ApiError::Unauthenticated,
        (403, Some(b)) if b.code == ErrorCode::CsrfRejected => ApiError::Rejected(b),
        (403, _) => ApiError::Forbidden,
        (404, _) => ApiError::NotFound,
        (409, Some(b)) if b.code == ErrorCode::VersionConflict => ApiError::Conflict(b),
        (s, Some(b)) if s < 500 => ApiError::Rejected(b),
        (_, Some(b)) => ApiError::Server(b.message),
        (s, None) => ApiError::Server(format!("HTTP {s}")),
    })
}

async fn get<T: DeserializeOwned>(path: &str) -> ApiResult<T> {
    let resp = with_headers(Request::get(path)).send().await.map_err(|_| ApiError::Offline)?;
    read(resp).await
}

async fn send<B: Serialize, T: DeserializeOwned>(method: &str, path: &str, body: &B) -> ApiResult<T> {
    send_keyed(method, path, body, None).await
}

/// [`send`] with an `Idempotency-Key`: the server answers a repeat of the key with the first
/// answer instead of writing again (queued offline writes, [`crate::offline`]).
async fn send_keyed<B: Serialize, T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: &B,
    key: Option<&str>,
) -> ApiResult<T> {
    let builder = match method {
        "PATCH" => Request::patch(path),
        "PUT" => Request::put(path),
        "DELETE" => {
            let resp = with_headers(Request::delete(path)).send().await.map_err(|_| ApiError::Offline)?;
            return read(resp).await;
        }
        _ => Request::post(path),
    };
    let builder = match key {
        Some(k) => builder.header("Idempotency-Key", k),
        None => builder,
    };
    let req = with_headers(builder).json(body).map_err(|e| ApiError::Server(e.to_string()))?;
    let resp = req.send().await.map_err(|_| ApiError::Offline)?;
    read(resp).await
}

/// Builds `path?k=v&…`, leaving out empty values.
pub fn with_query(path: &str, params: &[(&str, String)]) -> String {
    let qs: Vec<String> = params
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", js_sys::encode_uri_component(v)))
        .collect();
    if qs.is_empty() { path.to_string() } else { format!("{path}?{}", qs.join("&")) }
}

pub async fn login(body: &LoginRequest) -> ApiResult<Me> {
    send("POST", "/api/v1/auth/login", body).await
}
pub async fn logout() -> ApiResult<()> {
    send("POST", "/api/v1/auth/logout", &()).await
}
pub async fn me() -> ApiResult<Me> {
    get("/api/v1/auth/me").await
}
pub async fn change_password(body: &PasswordChange) -> ApiResult<()> {
    send("POST", "/api/v1/auth/password", body).await
}

pub async fn orgs(query: &[(&str, String)]) -> ApiResult<Page<Org>> {
    get(&with_query("/api/v1/orgs", query)).await
}
pub async fn org(id: i64) -> ApiResult<Org> {
    get(&format!("/api/v1/orgs/{id}")).await
}
pub async fn create_org(body: &OrgInput) -> ApiResult<Org> {
    send("POST", "/api/v1/orgs", body).await
}
pub async fn update_org(id: i64, body: &OrgUpdate) -> ApiResult<Org> {
    send("PATCH", &format!("/api/v1/orgs/{id}"), body).await
}

pub async fn staff_list(query: &[(&str, String)]) -> ApiResult<Page<Staff>> {
    get(&with_query("/api/v1/staff", query)).await
}
pub async fn staff(id: i64) -> ApiResult<Staff> {
    get(&format!("/api/v1/staff/{id}")).await
}
pub async fn create_staff(body: &StaffInput) -> ApiResult<Staff> {
    send("POST", "/api/v1/staff", body).await
}
pub async fn update_staff(id: i64, body: &StaffUpdate) -> ApiResult<Staff> {
    send("PATCH", &format!("/api/v1/staff/{id}"), body).await
}
pub async fn reset_password(id: i64, body: &PasswordReset) -> ApiResult<()> {
    send("POST", &format!("/api/v1/staff/{id}/password"), body).await
}

/// The customer list for a query string built with [`with_query`] (`?q=…&cf.key=…`).
pub async fn customers_at(query: &str) -> ApiResult<Page<CustomerSummary>> {
    get(&format!("/api/v1/customers{query}")).await
}
pub async fn customer(id: i64) -> ApiResult<CustomerDetail> {
    get(&format!("/api/v1/customers/{id}")).await
}
pub async fn create_customer(body: &CustomerInput) -> ApiResult<CustomerDetail> {
    send("POST", "/api/v1/customers", body).await
}
pub async fn update_customer(id: i64, body: &CustomerInput) -> ApiResult<CustomerDetail> {
    send("PATCH", &format!("/api/v1/customers/{id}"), body).await
}
pub async fn customer_duplicates(
    name: &str,
    phone: &str,
    exclude: Option<i64>,
) -> ApiResult<Vec<CustomerSummary>> {
    let q = [
        ("name", name.to_string()),
        ("phone", phone.to_string()),
        ("exclude", exclude.map(|e| e.to_string()).unwrap_or_default()),
    ];
    get(&with_query("/api/v1/customers/duplicates", &q)).await
}
pub async fn handover(body: &HandoverRequest) -> ApiResult<HandoverResult> {
    send("POST", "/api/v1/customers/handover", body).await
}
/// Every active staff member within reach (for pickers).
pub async fn all_staff() -> ApiResult<Vec<Staff>> {
    all_pages(|cursor| async move {
        staff_list(&[("limit", "100".into()), ("active", "true".into()), ("cursor", cursor)]).await
    })
    .await
}
pub async fn share_customer(customer: i64, login: &str) -> ApiResult<CustomerDetail> {
    send(
        "POST",
        &format!("/api/v1/customers/{customer}/shares"),
        &schema::customer::ShareRequest { login: login.into() },
    )
    .await
}
pub async fn unshare_customer(customer: i64, staff: i64) -> ApiResult<()> {
    send("DELETE", &format!("/api/v1/customers/{customer}/shares/{staff}"), &()).await
}
pub async fn add_contact(customer: i64, body: &ContactInput) -> ApiResult<CustomerDetail> {
    send("POST", &format!("/api/v1/customers/{customer}/contacts"), body).await
}
pub async fn update_contact(customer: i64, contact: i64, body: &ContactInput) -> ApiResult<CustomerDetail> {
    send("PATCH", &format!("/api/v1/customers/{customer}/contacts/{contact}"), body).await
}
pub async fn delete_contact(customer: i64, contact: i64) -> ApiResult<()> {
    send("DELETE", &format!("/api/v1/customers/{customer}/contacts/{contact}"), &()).await
}

pub async fn add_location(customer: i64, body: &LocationInput) -> ApiResult<CustomerDetail> {
    send("POST", &format!("/api/v1/customers/{customer}/locations"), body).await
}
pub async fn update_location(customer: i64, id: i64, body: &LocationInput) -> ApiResult<CustomerDetail> {
    send("PATCH", &format!("/api/v1/customers/{customer}/locations/{id}"), body).await
}
pub async fn delete_location(customer: i64, id: i64) -> ApiResult<()> {
    send("DELETE", &format!("/api/v1/customers/{customer}/locations/{id}"), &()).await
}
pub async fn timeline(customer: i64, before: &str) -> ApiResult<TimelinePage> {
    get(&with_query(&format!("/api/v1/customers/{customer}/timeline"), &[("before", before.into())])).await
}
pub async fn add_interaction(customer: i64, body: &InteractionInput) -> ApiResult<Interaction> {
    send("POST", &format!("/api/v1/customers/{customer}/interactions"), body).await
}
pub async fn update_interaction(customer: i64, id: i64, body: &InteractionInput) -> ApiResult<Interaction> {
    send("PATCH", &format!("/api/v1/customers/{customer}/interactions/{id}"), body).await
}
pub async fn comment_interaction(customer: i64, id: i64, body: &CommentInput) -> ApiResult<Interaction> {
    send("POST", &format!("/api/v1/customers/{customer}/interactions/{id}/comment"), body).await
}
pub async fn import_customers(body: &ImportRequest) -> ApiResult<ImportReport> {
    send("POST", "/api/v1/customers/import", body).await
}
pub async fn merge_customer(customer: i64, body: &MergeRequest) -> ApiResult<CustomerDetail> {
    send("POST", &format!("/api/v1/customers/{customer}/merge"), body).await
}
pub async fn bulk(body: &BulkRequest) -> ApiResult<BulkResult> {
    send("POST", "/api/v1/customers/bulk", body).await
}
pub async fn quality(query: &[(&str, String)]) -> ApiResult<Page<QualityItem>> {
    get(&with_query("/api/v1/customers/quality", query)).await
}
pub async fn custom_fields() -> ApiResult<Vec<CustomField>> {
    get("/api/v1/custom-fields").await
}
pub async fn create_custom_field(body: &CustomFieldInput) -> ApiResult<CustomField> {
    send("POST", "/api/v1/custom-fields", body).await
}
pub async fn update_custom_field(id: i64, body: &CustomFieldInput) -> ApiResult<CustomField> {
    send("PATCH", &format!("/api/v1/custom-fields/{id}"), body).await
}
pub async fn shipments(query: &[(&str, String)]) -> ApiResult<Page<Shipment>> {
    get(&with_query("/api/v1/shipments", query)).await
}
pub async fn shipment(id: i64) -> ApiResult<ShipmentDetail> {
    get(&format!("/api/v1/shipments/{id}")).await
}
/// The answer is read as `T`: the shipment's detail for the pages, nothing for the offline queue's
/// flush (`IgnoredAny`, so the detail's parser is not in the staff app's first load).
pub async fn add_event<T: DeserializeOwned>(
    shipment: i64,
    body: &EventInput,
    key: Option<&str>,
) -> ApiResult<T> {
    send_keyed("POST", &format!("/api/v1/shipments/{shipment}/events"), body, key).await
}
pub async fn api_keys() -> ApiResult<Vec<ApiKey>> {
    get("/api/v1/api-keys").await
}
pub async fn create_api_key(name: &str) -> ApiResult<NewApiKey> {
    send("POST", "/api/v1/api-keys", &ApiKeyInput { name: name.into() }).await
}
pub async fn revoke_api_key(id: i64) -> ApiResult<()> {
    send("POST", &format!("/api/v1/api-keys/{id}/revoke"), &()).await
}
pub async fn commitments() -> ApiResult<Vec<Commitment>> {
    get("/api/v1/commitments").await
}
pub async fn save_commitments(rows: &[Commitment]) -> ApiResult<Vec<Commitment>> {
    send("PUT", "/api/v1/commitments", &rows).await
}
pub async fn follow_ups() -> ApiResult<Vec<Interaction>> {
    get("/api/v1/follow-ups").await
}

// The customer portal (its own session cookie, `wp_portal`).
pub async fn portal_code(body: &CodeRequest) -> ApiResult<()> {
    send("POST", "/api/v1/portal/auth/code", body).await
}
pub async fn portal_register(body: &CodeConfirm) -> ApiResult<PortalMe> {
    send("POST", "/api/v1/portal/auth/register", body).await
}
pub async fn portal_activate(body: &CodeConfirm) -> ApiResult<PortalMe> {
    send("POST", "/api/v1/portal/auth/activate", body).await
}
pub async fn portal_reset(body: &CodeConfirm) -> ApiResult<()> {
    send("POST", "/api/v1/portal/auth/reset", body).await
}
pub async fn portal_login(body: &LoginRequest) -> ApiResult<PortalMe> {
    send("POST", "/api/v1/portal/auth/login", body).await
}
pub async fn portal_logout() -> ApiResult<()> {
    send("POST", "/api/v1/portal/auth/logout", &()).await
}
pub async fn portal_me() -> ApiResult<PortalMe> {
    get("/api/v1/portal/me").await
}
pub async fn portal_prefs(body: &PortalPrefs) -> ApiResult<PortalMe> {
    send("PATCH", "/api/v1/portal/me", body).await
}
pub async fn portal_shipments(query: &[(&str, String)]) -> ApiResult<Page<Shipment>> {
    get(&with_query("/api/v1/portal/shipments", query)).await
}
pub async fn portal_shipment(id: i64) -> ApiResult<ShipmentDetail> {
    get(&format!("/api/v1/portal/shipments/{id}")).await
}
pub async fn portal_locations() -> ApiResult<Vec<Location>> {
    get("/api/v1/portal/locations").await
}
pub async fn portal_addresses() -> ApiResult<Vec<AddressEntry>> {
    get("/api/v1/portal/addresses").await
}
pub async fn portal_add_address(body: &AddressInput) -> ApiResult<AddressEntry> {
    send("POST", "/api/v1/portal/addresses", body).await
}
pub async fn portal_update_address(id: i64, body: &AddressInput) -> ApiResult<AddressEntry> {
    send("PATCH", &format!("/api/v1/portal/addresses/{id}"), body).await
}
pub async fn portal_delete_address(id: i64) -> ApiResult<()> {
    send("DELETE", &format!("/api/v1/portal/addresses/{id}"), &()).await
}
pub async fn portal_pickups(query: &[(&str, String)]) -> ApiResult<Page<Pickup>> {
    get(&with_query("/api/v1/portal/pickups", query)).await
}
pub async fn portal_book(body: &PickupInput) -> ApiResult<PickupDetail> {
    send("POST", "/api/v1/portal/pickups", body).await
}
pub async fn portal_pickup(id: i64) -> ApiResult<PickupDetail> {
    get(&format!("/api/v1/portal/pickups/{id}")).await
}
pub async fn portal_cancel_pickup(id: i64, body: &ReasonRequest) -> ApiResult<PickupDetail> {
    send("POST", &format!("/api/v1/portal/pickups/{id}/cancel"), body).await
}
pub async fn portal_notices() -> ApiResult<Vec<Notice>> {
    get("/api/v1/portal/notices").await
}

// Pickups and dispatch (staff).
pub async fn pickups(query: &[(&str, String)]) -> ApiResult<Page<Pickup>> {
    get(&with_query("/api/v1/pickups", query)).await
}
pub async fn pickups_today(day: &str) -> ApiResult<Vec<Pickup>> {
    get(&with_query("/api/v1/pickups/today", &[("day", day.into())])).await
}
pub async fn pickup(id: i64) -> ApiResult<PickupDetail> {
    get(&format!("/api/v1/pickups/{id}")).await
}
pub async fn create_pickup(body: &PickupInput) -> ApiResult<PickupDetail> {
    send("POST", "/api/v1/pickups", body).await
}
pub async fn assign_pickup(id: i64, body: &AssignRequest) -> ApiResult<PickupDetail> {
    send("POST", &format!("/api/v1/pickups/{id}/assign"), body).await
}
/// Read as `T`, like [`add_event`].
pub async fn collect_pickup<T: DeserializeOwned>(id: i64, body: &CollectRequest, key: &str) -> ApiResult<T> {
    send_keyed("POST", &format!("/api/v1/pickups/{id}/collect"), body, Some(key)).await
}
/// `action`: `fail` or `cancel`. Read as `T`, like [`add_event`].
pub async fn close_pickup<T: DeserializeOwned>(
    id: i64,
    action: &str,
    body: &ReasonRequest,
    key: Option<&str>,
) -> ApiResult<T> {
    send_keyed("POST", &format!("/api/v1/pickups/{id}/{action}"), body, key).await
}
pub async fn couriers() -> ApiResult<Vec<Staff>> {
    get("/api/v1/couriers").await
}
pub async fn portal_users(customer: i64) -> ApiResult<Vec<PortalUser>> {
    get(&format!("/api/v1/customers/{customer}/portal-users")).await
}
pub async fn invite_portal_user(customer: i64, body: &InviteRequest) -> ApiResult<PortalUser> {
    send("POST", &format!("/api/v1/customers/{customer}/portal-users"), body).await
}
pub async fn update_portal_user(id: i64, body: &PortalUserUpdate) -> ApiResult<PortalUser> {
    send("PATCH", &format!("/api/v1/portal-users/{id}"), body).await
}
pub async fn outbox(query: &[(&str, String)]) -> ApiResult<Page<OutboxMessage>> {
    get(&with_query("/api/v1/outbox", query)).await
}
pub async fn deliver_outbox() -> ApiResult<serde_json::Value> {
    send("POST", "/api/v1/outbox/deliver", &()).await
}
pub async fn attention() -> ApiResult<Vec<OrgAttention>> {
    get("/api/v1/shipments/attention").await
}

/// Caller lookup (来电弹屏).
pub async fn lookup(phone: &str) -> ApiResult<CallerLookup> {
    get(&with_query("/api/v1/lookup", &[("phone", phone.into())])).await
}

pub async fn canned() -> ApiResult<Vec<CannedReply>> {
    get("/api/v1/canned-replies").await
}
pub async fn save_canned(rows: &[CannedReply]) -> ApiResult<Vec<CannedReply>> {
    send("PUT", "/api/v1/canned-replies", &rows).await
}

// Service requests.
pub async fn requests(query: &[(&str, String)]) -> ApiResult<Page<ServiceRequest>> {
    get(&with_query("/api/v1/requests", query)).await
}
pub async fn request_counts() -> ApiResult<Vec<RequestCount>> {
    get("/api/v1/requests/counts").await
}
pub async fn request(id: i64) -> ApiResult<RequestDetail> {
    get(&format!("/api/v1/requests/{id}")).await
}
pub async fn create_request(body: &RequestInput) -> ApiResult<RequestDetail> {
    send("POST", "/api/v1/requests", body).await
}
pub async fn request_status(id: i64, body: &StatusChange) -> ApiResult<RequestDetail> {
    send("POST", &format!("/api/v1/requests/{id}/status"), body).await
}
pub async fn claim_request(id: i64, body: &RequestAssign) -> ApiResult<RequestDetail> {
    send("POST", &format!("/api/v1/requests/{id}/claim"), body).await
}
pub async fn forward_request(id: i64, body: &ForwardRequest) -> ApiResult<RequestDetail> {
    send("POST", &format!("/api/v1/requests/{id}/forward"), body).await
}
pub async fn request_message(id: i64, body: &MessageInput) -> ApiResult<RequestDetail> {
    send("POST", &format!("/api/v1/requests/{id}/messages"), body).await
}
pub async fn portal_requests(query: &[(&str, String)]) -> ApiResult<Page<ServiceRequest>> {
    get(&with_query("/api/v1/portal/requests", query)).await
}
pub async fn portal_request(id: i64) -> ApiResult<RequestDetail> {
    get(&format!("/api/v1/portal/requests/{id}")).await
}
pub async fn portal_create_request(body: &RequestInput) -> ApiResult<RequestDetail> {
    send("POST", "/api/v1/portal/requests", body).await
}
pub async fn portal_request_message(id: i64, body: &MessageInput) -> ApiResult<RequestDetail> {
    send("POST", &format!("/api/v1/portal/requests/{id}/messages"), body).await
}
pub async fn portal_reopen_request(id: i64, body: &RequestAssign) -> ApiResult<RequestDetail> {
    send("POST", &format!("/api/v1/portal/requests/{id}/reopen"), body).await
}

pub async fn audit(query: &[(&str, String)]) -> ApiResult<Page<AuditEntry>> {
    get(&with_query("/api/v1/audit", query)).await
}

/// Every org within reach (the tree is small; pickers need all of it).
pub async fn all_orgs() -> ApiResult<Vec<Org>> {
    all_pages(|cursor| async move { orgs(&[("limit", "100".into()), ("cursor", cursor)]).await }).await
}

/// Follows `next_cursor` until the last page.
async fn all_pages<T, F, Fut>(fetch: F) -> ApiResult<Vec<T>>
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = ApiResult<Page<T>>>,
{
    let mut out = Vec::new();
    let mut cursor = String::new();
    loop {
        let page = fetch(cursor).await?;
        out.extend(page.items);
        match page.next_cursor {
            Some(c) => cursor = c,
            None => return Ok(out),
        }
    }
}

// SLA settings and staff notices.
pub async fn sla_policies() -> ApiResult<Vec<schema::sla::SlaPolicy>> {
    get("/api/v1/sla/policies").await
}
pub async fn save_sla_policies(rows: &[schema::sla::SlaPolicy]) -> ApiResult<Vec<schema::sla::SlaPolicy>> {
    send("PUT", "/api/v1/sla/policies", &rows).await
}
pub async fn sla_calendars() -> ApiResult<Vec<schema::sla::CalendarSpec>> {
    get("/api/v1/sla/calendars").await
}
pub async fn save_sla_calendars(
    rows: &[schema::sla::CalendarSpec],
) -> ApiResult<Vec<schema::sla::CalendarSpec>> {
    send("PUT", "/api/v1/sla/calendars", &rows).await
}
pub async fn notices(cursor: String) -> ApiResult<Page<schema::sla::StaffNotice>> {
    get(&with_query("/api/v1/notices", &[("cursor", cursor)])).await
}
pub async fn unread_notices() -> ApiResult<schema::sla::UnreadCount> {
    get("/api/v1/notices/unread").await
}
pub async fn read_notices(ids: Vec<i64>) -> ApiResult<schema::sla::UnreadCount> {
    send("POST", "/api/v1/notices/read", &schema::sla::NoticesRead { ids }).await
}

// Satisfaction surveys.
pub async fn portal_survey(id: i64, body: &schema::survey::SurveyInput) -> ApiResult<RequestDetail> {
    send("POST", &format!("/api/v1/portal/requests/{id}/survey"), body).await
}

// Claims and attachments.
pub async fn file_claim(id: i64, body: &schema::claim::ClaimInput) -> ApiResult<RequestDetail> {
    send("PUT", &format!("/api/v1/requests/{id}/claim"), body).await
}
pub async fn claim_prefill(id: i64, kind: &str) -> ApiResult<schema::claim::ClaimPrefill> {
    get(&with_query(&format!("/api/v1/requests/{id}/claim/prefill"), &[("type", kind.to_string())])).await
}
pub async fn decide_claim(id: i64, body: &schema::claim::ClaimDecision) -> ApiResult<RequestDetail> {
    send("POST", &format!("/api/v1/requests/{id}/claim/decide"), body).await
}
pub async fn pay_claim(id: i64, body: &schema::claim::ClaimPayment) -> ApiResult<RequestDetail> {
    send("POST", &format!("/api/v1/requests/{id}/claim/pay"), body).await
}

/// Where a request's attachments live: staff and portal paths differ.
pub fn attachments_path(portal: bool, request: i64) -> String {
    let base = if portal { "/api/v1/portal/requests" } else { "/api/v1/requests" };
    format!("{base}/{request}/attachments")
}

/// Uploads a file as the raw body (the server judges its type by its bytes).
pub async fn upload_attachment(
    portal: bool,
    request: i64,
    file: &web_sys::File,
) -> ApiResult<Vec<schema::attachment::Attachment>> {
    let path = with_query(&attachments_path(portal, request), &[("name", file.name())]);
    let body = wasm_bindgen::JsValue::from(file.clone());
    let req = with_headers(Request::post(&path))
        .header("Content-Type", "application/octet-stream")
        .body(body)
        .map_err(|e| ApiError::Server(e.to_string()))?;
    let resp = req.send().await.map_err(|_| ApiError::Offline)?;
    read(resp).await
}
pub async fn customer_value(id: i64) -> ApiResult<schema::value::CustomerValue> {
    get(&format!("/api/v1/customers/{id}/value")).await
}
pub async fn set_customer_tier(
    id: i64,
    body: &schema::value::TierOverride,
) -> ApiResult<schema::value::CustomerValue> {
    send("PUT", &format!("/api/v1/customers/{id}/tier"), body).await
}
pub async fn pyramid(query: &[(&str, String)]) -> ApiResult<schema::value::Pyramid> {
    get(&with_query("/api/v1/reports/pyramid", query)).await
}
pub async fn at_risk(query: &[(&str, String)]) -> ApiResult<Page<schema::value::AtRiskCustomer>> {
    get(&with_query("/api/v1/reports/at-risk", query)).await
}
pub async fn credit_settings() -> ApiResult<schema::credit::CreditSettings> {
    get("/api/v1/settings/credit").await
}
pub async fn save_credit_settings(
    body: &schema::credit::CreditSettings,
) -> ApiResult<schema::credit::CreditSettings> {
    send("PUT", "/api/v1/settings/credit", body).await
}
pub async fn value_rules() -> ApiResult<schema::value::ValueRules> {
    get("/api/v1/settings/value-rules").await
}
pub async fn save_value_rules(body: &schema::value::ValueRules) -> ApiResult<schema::value::ValueRules> {
    send("PUT", "/api/v1/settings/value-rules", body).await
}
pub async fn claim_settings() -> ApiResult<schema::claim::ClaimSettings> {
    get("/api/v1/claim-settings").await
}
pub async fn save_claim_settings(
    body: &schema::claim::ClaimSettings,
) -> ApiResult<schema::claim::ClaimSettings> {
    send("PUT", "/api/v1/claim-settings", body).await
}
pub async fn auto_requests() -> ApiResult<schema::request::AutoRequestSettings> {
    get("/api/v1/auto-requests").await
}
pub async fn save_auto_requests(
    body: &schema::request::AutoRequestSettings,
) -> ApiResult<schema::request::AutoRequestSettings> {
    send("PUT", "/api/v1/auto-requests", body).await
}

// Complaints.
pub async fn complaint_causes() -> ApiResult<Vec<schema::complaint::ComplaintCause>> {
    get("/api/v1/complaint-causes").await
}
pub async fn save_complaint_causes(
    rows: &[schema::complaint::ComplaintCause],
) -> ApiResult<Vec<schema::complaint::ComplaintCause>> {
    send("PUT", "/api/v1/complaint-causes", &rows).await
}
pub async fn classify_complaint(
    id: i64,
    body: &schema::complaint::Classification,
) -> ApiResult<RequestDetail> {
    send("PUT", &format!("/api/v1/requests/{id}/complaint"), body).await
}
pub async fn complaint_stats(bucket: &str) -> ApiResult<Vec<schema::complaint::CauseCount>> {
    get(&with_query("/api/v1/complaints/stats", &[("bucket", bucket.to_string())])).await
}

// Routing rules.
pub async fn routing_rules() -> ApiResult<Vec<schema::routing::RoutingRule>> {
    get("/api/v1/routing-rules").await
}
pub async fn save_routing_rules(
    rows: &[schema::routing::RoutingRule],
) -> ApiResult<Vec<schema::routing::RoutingRule>> {
    send("PUT", "/api/v1/routing-rules", &rows).await
}

// Knowledge base.
pub async fn kb(query: &[(&str, String)]) -> ApiResult<Page<schema::kb::Article>> {
    get(&with_query("/api/v1/kb", query)).await
}
pub async fn kb_categories() -> ApiResult<Vec<String>> {
    get("/api/v1/kb/categories").await
}
pub async fn kb_article(id: i64) -> ApiResult<schema::kb::Article> {
    get(&format!("/api/v1/kb/{id}")).await
}
pub async fn create_kb_article(body: &schema::kb::ArticleInput) -> ApiResult<schema::kb::Article> {
    send("POST", "/api/v1/kb", body).await
}
pub async fn update_kb_article(id: i64, body: &schema::kb::ArticleInput) -> ApiResult<schema::kb::Article> {
    send("PATCH", &format!("/api/v1/kb/{id}"), body).await
}
