//! One method per API route, typed by the `schema` types the route table declares: its path
//! parameters, its query (for lists and searches), its body and its answer. A method is named
//! after the route's handler (`handlers::customers::update` → [`Client::customers_update`]), so
//! the route row, the handler and the client method of a feature share one name. The table
//! below mirrors `worker/src/routes/`; [`tests::every_route_has_one_method`] fails when they
//! drift apart.
//!
//! Each method answers an [`Answer`]: [`Answer::ok`] asserts a 2xx and reads the typed body,
//! the [`Resp`] inside (`status`, `code()`, `body`) serves the tests of refusals. Bodies of the
//! wrong shape on purpose go through [`Client::send`] instead.

use std::fmt::Display;
use std::marker::PhantomData;

use schema::page::Page;
use schema::{
    attachment, audit, auth, bulk, claim, complaint, credit, custom, customer, health, import, integration,
    interaction, kb, location, lookup, notify, org, pickup, portal, quality, request, routing, shipment, sla,
    staff, survey, value,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::{Client, Resp};

/// A route's answer: the response, and the type its success body has.
#[derive(Debug, Clone)]
pub struct Answer<T> {
    pub resp: Resp,
    answer: PhantomData<T>,
}

impl<T> Answer<T> {
    /// The response, which must be a 2xx (the test fails with the raw answer otherwise).
    #[track_caller]
    fn success(self) -> Resp {
        let r = self.resp;
        assert!((200..300).contains(&r.status), "expected a 2xx, got {}: {}", r.status, r.raw);
        r
    }
}

impl<T> std::ops::Deref for Answer<T> {
    type Target = Resp;
    fn deref(&self) -> &Resp {
        &self.resp
    }
}

impl<T: DeserializeOwned> Answer<T> {
    /// The typed body of a 2xx answer; any other status fails the test with the raw answer.
    #[track_caller]
    pub fn ok(self) -> T {
        self.success().json()
    }

    /// The answer must be this status (a refusal, usually); it is returned for further checks.
    #[track_caller]
    pub fn status_is(self, status: u16) -> Resp {
        assert_eq!(self.resp.status, status, "{}", self.resp.raw);
        self.resp
    }
}

impl Answer<String> {
    /// The body of a 2xx text answer (CSV, a downloaded file).
    #[track_caller]
    pub fn text(self) -> String {
        self.success().raw
    }
}

/// `template` with each `{name}` replaced by its value.
fn fill(template: &str, params: &[(&str, String)]) -> String {
    params
        .iter()
        .fold(template.to_string(), |path, (name, value)| path.replace(&format!("{{{name}}}"), value))
}

/// `path` with a query string (values percent-encoded; none, no `?`).
fn with_query(path: String, query: &[(&str, &str)]) -> String {
    if query.is_empty() {
        return path;
    }
    let q: String = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(query).finish();
    format!("{path}?{q}")
}

macro_rules! api {
    ($(
        $(#[$doc:meta])*
        $name:ident : $method:ident $path:literal [$($param:ident),* $(; $query:ident)?] $(body $body:ty)? => $out:ty;
    )*) => {
        /// (method, path) of every route a [`Client`] method calls, in the table's order.
        pub const ROUTES: &[(&str, &str)] = &[$((stringify!($method), $path),)* UPLOADS[0], UPLOADS[1]];

        impl Client {$(
            #[doc = concat!("`", stringify!($method), " ", $path, "`")]
            $(#[$doc])*
            #[allow(clippy::too_many_arguments)]
            pub fn $name(&self, $($param: impl Display,)* $($query: &[(&str, &str)],)? $(body: &$body)?) -> Answer<$out> {
                let path = fill($path, &[$((stringify!($param), $param.to_string())),*]);
                $(let path = with_query(path, $query);)?
                let resp = api!(@send self, stringify!($method), &path $(, body as &$body)?);
                Answer { resp, answer: PhantomData }
            }
        )*}
    };
    (@send $client:ident, $method:expr, $path:expr) => { $client.request($method, $path, None, &[]) };
    (@send $client:ident, $method:expr, $path:expr, $body:expr) => { $client.send($method, $path, $body) };
}

/// The two routes that take a file's bytes rather than JSON ([`Client::attachments_staff_upload`],
/// [`Client::attachments_portal_upload`]).
const UPLOADS: [(&str, &str); 2] =
    [("POST", "/api/v1/requests/{id}/attachments"), ("POST", "/api/v1/portal/requests/{id}/attachments")];

impl Client {
    /// `POST /api/v1/requests/{id}/attachments?name=…`: a file as its bytes.
    pub fn attachments_staff_upload(
        &self,
        id: impl Display,
        name: &str,
        content_type: &str,
        bytes: &[u8],
    ) -> Answer<Vec<attachment::Attachment>> {
        self.upload(UPLOADS[0].1, id, name, content_type, bytes)
    }

    /// `POST /api/v1/portal/requests/{id}/attachments?name=…`: a file as its bytes.
    pub fn attachments_portal_upload(
        &self,
        id: impl Display,
        name: &str,
        content_type: &str,
        bytes: &[u8],
    ) -> Answer<Vec<attachment::Attachment>> {
        self.upload(UPLOADS[1].1, id, name, content_type, bytes)
    }

    fn upload<T>(
        &self,
        template: &str,
        id: impl Display,
        name: &str,
        content_type: &str,
        bytes: &[u8],
    ) -> Answer<T> {
        let path = with_query(fill(template, &[("id", id.to_string())]), &[("name", name)]);
        let resp = self.request("POST", &path, Some(bytes), &[("Content-Type", content_type)]);
        Answer { resp, answer: PhantomData }
    }
}

api! {
    // health
    health_get: GET "/api/v1/health" [] => health::Health;
    // auth
    auth_login: POST "/api/v1/auth/login" [] body auth::LoginRequest => auth::Me;
    auth_logout: POST "/api/v1/auth/logout" [] => ();
    auth_me: GET "/api/v1/auth/me" [] => auth::Me;
    auth_change_password: POST "/api/v1/auth/password" [] body staff::PasswordChange => ();
    // orgs
    orgs_list: GET "/api/v1/orgs" [; query] => Page<org::Org>;
    orgs_create: POST "/api/v1/orgs" [] body org::OrgInput => org::Org;
    orgs_get: GET "/api/v1/orgs/{id}" [id] => org::Org;
    orgs_update: PATCH "/api/v1/orgs/{id}" [id] body org::OrgUpdate => org::Org;
    // staff
    staff_list: GET "/api/v1/staff" [; query] => Page<staff::Staff>;
    staff_create: POST "/api/v1/staff" [] body staff::StaffInput => staff::Staff;
    staff_get: GET "/api/v1/staff/{id}" [id] => staff::Staff;
    staff_update: PATCH "/api/v1/staff/{id}" [id] body staff::StaffUpdate => staff::Staff;
    staff_reset_password: POST "/api/v1/staff/{id}/password" [id] body staff::PasswordReset => ();
    // customers
    customers_list: GET "/api/v1/customers" [; query] => Page<customer::CustomerSummary>;
    customers_create: POST "/api/v1/customers" [] body customer::CustomerInput => customer::CustomerDetail;
    customers_handover: POST "/api/v1/customers/handover" [] body customer::HandoverRequest => customer::HandoverResult;
    customers_export: GET "/api/v1/customers/export.csv" [; query] => String;
    customers_duplicates: GET "/api/v1/customers/duplicates" [; query] => Vec<customer::CustomerSummary>;
    customers_get: GET "/api/v1/customers/{id}" [id] => customer::CustomerDetail;
    customers_update: PATCH "/api/v1/customers/{id}" [id] body customer::CustomerInput => customer::CustomerDetail;
    customers_add_contact: POST "/api/v1/customers/{id}/contacts" [id] body customer::ContactInput => customer::CustomerDetail;
    customers_update_contact: PATCH "/api/v1/customers/{id}/contacts/{contact_id}" [id, contact_id] body customer::ContactInput => customer::CustomerDetail;
    customers_delete_contact: DELETE "/api/v1/customers/{id}/contacts/{contact_id}" [id, contact_id] => ();
    customers_share: POST "/api/v1/customers/{id}/shares" [id] body customer::ShareRequest => customer::CustomerDetail;
    customers_unshare: DELETE "/api/v1/customers/{id}/shares/{staff_id}" [id, staff_id] => ();
    // archive
    archive_bulk_action: POST "/api/v1/customers/bulk" [] body bulk::BulkRequest => bulk::BulkResult;
    archive_quality: GET "/api/v1/customers/quality" [; query] => Page<quality::QualityItem>;
    archive_merge: POST "/api/v1/customers/{id}/merge" [id] body customer::MergeRequest => customer::CustomerDetail;
    // imports
    imports_import: POST "/api/v1/customers/import" [] body import::ImportRequest => import::ImportReport;
    // timeline
    timeline_add_location: POST "/api/v1/customers/{id}/locations" [id] body location::LocationInput => customer::CustomerDetail;
    timeline_update_location: PATCH "/api/v1/customers/{id}/locations/{location_id}" [id, location_id] body location::LocationInput => customer::CustomerDetail;
    timeline_delete_location: DELETE "/api/v1/customers/{id}/locations/{location_id}" [id, location_id] => ();
    timeline_timeline: GET "/api/v1/customers/{id}/timeline" [id; query] => interaction::TimelinePage;
    timeline_add_interaction: POST "/api/v1/customers/{id}/interactions" [id] body interaction::InteractionInput => interaction::Interaction;
    timeline_update_interaction: PATCH "/api/v1/customers/{id}/interactions/{interaction_id}" [id, interaction_id] body interaction::InteractionInput => interaction::Interaction;
    timeline_comment: POST "/api/v1/customers/{id}/interactions/{interaction_id}/comment" [id, interaction_id] body interaction::CommentInput => interaction::Interaction;
    timeline_follow_ups: GET "/api/v1/follow-ups" [; query] => Vec<interaction::Interaction>;
    // custom_fields
    custom_fields_list: GET "/api/v1/custom-fields" [] => Vec<custom::CustomField>;
    custom_fields_create: POST "/api/v1/custom-fields" [] body custom::CustomFieldInput => custom::CustomField;
    custom_fields_update: PATCH "/api/v1/custom-fields/{id}" [id] body custom::CustomFieldInput => custom::CustomField;
    // track
    track_track: GET "/api/v1/public/track/{waybill_no}" [waybill_no; query] => shipment::PublicTracking;
    track_report: POST "/api/v1/public/track/{waybill_no}/report" [waybill_no] body shipment::ProblemReport => ();
    // shipments
    shipments_ingest_shipments: POST "/api/v1/ingest/shipments" [] body shipment::ShipmentBatch => shipment::IngestReport;
    shipments_ingest: POST "/api/v1/ingest/events" [] body shipment::IngestRequest => shipment::IngestReport;
    shipments_search: GET "/api/v1/shipments" [; query] => Page<shipment::Shipment>;
    shipments_create: POST "/api/v1/shipments" [] body shipment::ShipmentInput => shipment::ShipmentDetail;
    shipments_attention: GET "/api/v1/shipments/attention" [] => Vec<shipment::OrgAttention>;
    shipments_get: GET "/api/v1/shipments/{id}" [id] => shipment::ShipmentDetail;
    shipments_add_event: POST "/api/v1/shipments/{id}/events" [id] body shipment::EventInput => shipment::ShipmentDetail;
    shipments_commitments: GET "/api/v1/commitments" [] => Vec<shipment::Commitment>;
    shipments_replace_commitments: PUT "/api/v1/commitments" [] body Vec<shipment::Commitment> => Vec<shipment::Commitment>;
    // api_keys
    api_keys_list: GET "/api/v1/api-keys" [] => Vec<integration::ApiKey>;
    api_keys_create: POST "/api/v1/api-keys" [] body integration::ApiKeyInput => integration::NewApiKey;
    api_keys_revoke: POST "/api/v1/api-keys/{id}/revoke" [id] => ();
    // audit
    audit_list: GET "/api/v1/audit" [; query] => Page<audit::AuditEntry>;
    // portal_auth
    portal_auth_request_code: POST "/api/v1/portal/auth/code" [] body portal::CodeRequest => ();
    portal_auth_register: POST "/api/v1/portal/auth/register" [] body portal::CodeConfirm => portal::PortalMe;
    portal_auth_activate: POST "/api/v1/portal/auth/activate" [] body portal::CodeConfirm => portal::PortalMe;
    portal_auth_reset: POST "/api/v1/portal/auth/reset" [] body portal::CodeConfirm => ();
    portal_auth_login: POST "/api/v1/portal/auth/login" [] body auth::LoginRequest => portal::PortalMe;
    portal_auth_logout: POST "/api/v1/portal/auth/logout" [] => ();
    portal_auth_me: GET "/api/v1/portal/me" [] => portal::PortalMe;
    portal_auth_prefs: PATCH "/api/v1/portal/me" [] body portal::PortalPrefs => portal::PortalMe;
    // portal
    portal_shipments: GET "/api/v1/portal/shipments" [; query] => Page<shipment::Shipment>;
    portal_shipment: GET "/api/v1/portal/shipments/{id}" [id] => shipment::ShipmentDetail;
    portal_locations: GET "/api/v1/portal/locations" [] => Vec<location::Location>;
    portal_addresses: GET "/api/v1/portal/addresses" [] => Vec<pickup::AddressEntry>;
    portal_add_address: POST "/api/v1/portal/addresses" [] body pickup::AddressInput => pickup::AddressEntry;
    portal_update_address: PATCH "/api/v1/portal/addresses/{id}" [id] body pickup::AddressInput => pickup::AddressEntry;
    portal_delete_address: DELETE "/api/v1/portal/addresses/{id}" [id] => ();
    portal_pickups: GET "/api/v1/portal/pickups" [; query] => Page<pickup::Pickup>;
    portal_book_pickup: POST "/api/v1/portal/pickups" [] body pickup::PickupInput => pickup::PickupDetail;
    portal_pickup: GET "/api/v1/portal/pickups/{id}" [id] => pickup::PickupDetail;
    portal_cancel_pickup: POST "/api/v1/portal/pickups/{id}/cancel" [id] body pickup::ReasonRequest => pickup::PickupDetail;
    portal_notices: GET "/api/v1/portal/notices" [] => Vec<notify::Notice>;
    // portal_users
    portal_users_list: GET "/api/v1/customers/{id}/portal-users" [id] => Vec<portal::PortalUser>;
    portal_users_invite: POST "/api/v1/customers/{id}/portal-users" [id] body portal::InviteRequest => portal::PortalUser;
    portal_users_update: PATCH "/api/v1/portal-users/{id}" [id] body portal::PortalUserUpdate => portal::PortalUser;
    portal_users_outbox_list: GET "/api/v1/outbox" [; query] => Page<notify::OutboxMessage>;
    portal_users_deliver_now: POST "/api/v1/outbox/deliver" [] => Value;
    // pickups
    pickups_create: POST "/api/v1/pickups" [] body pickup::PickupInput => pickup::PickupDetail;
    pickups_list: GET "/api/v1/pickups" [; query] => Page<pickup::Pickup>;
    pickups_today: GET "/api/v1/pickups/today" [; query] => Vec<pickup::Pickup>;
    pickups_get: GET "/api/v1/pickups/{id}" [id] => pickup::PickupDetail;
    pickups_assign: POST "/api/v1/pickups/{id}/assign" [id] body pickup::AssignRequest => pickup::PickupDetail;
    pickups_collect: POST "/api/v1/pickups/{id}/collect" [id] body pickup::CollectRequest => pickup::PickupDetail;
    pickups_fail: POST "/api/v1/pickups/{id}/fail" [id] body pickup::ReasonRequest => pickup::PickupDetail;
    pickups_cancel: POST "/api/v1/pickups/{id}/cancel" [id] body pickup::ReasonRequest => pickup::PickupDetail;
    pickups_couriers: GET "/api/v1/couriers" [] => Vec<staff::Staff>;
    // requests
    requests_create: POST "/api/v1/requests" [] body request::RequestInput => request::RequestDetail;
    requests_list: GET "/api/v1/requests" [; query] => Page<request::ServiceRequest>;
    requests_counts: GET "/api/v1/requests/counts" [] => Vec<request::RequestCount>;
    requests_get: GET "/api/v1/requests/{id}" [id] => request::RequestDetail;
    requests_set_status: POST "/api/v1/requests/{id}/status" [id] body request::StatusChange => request::RequestDetail;
    requests_claim: POST "/api/v1/requests/{id}/claim" [id] body request::AssignRequest => request::RequestDetail;
    requests_assign: POST "/api/v1/requests/{id}/assign" [id] body request::AssignRequest => request::RequestDetail;
    requests_forward: POST "/api/v1/requests/{id}/forward" [id] body request::ForwardRequest => request::RequestDetail;
    requests_message: POST "/api/v1/requests/{id}/messages" [id] body request::MessageInput => request::RequestDetail;
    requests_routing_rules: GET "/api/v1/routing-rules" [] => Vec<routing::RoutingRule>;
    requests_replace_routing_rules: PUT "/api/v1/routing-rules" [] body Vec<routing::RoutingRule> => Vec<routing::RoutingRule>;
    requests_auto_settings: GET "/api/v1/auto-requests" [] => request::AutoRequestSettings;
    requests_set_auto_settings: PUT "/api/v1/auto-requests" [] body request::AutoRequestSettings => request::AutoRequestSettings;
    requests_canned: GET "/api/v1/canned-replies" [] => Vec<request::CannedReply>;
    requests_replace_canned: PUT "/api/v1/canned-replies" [] body Vec<request::CannedReply> => Vec<request::CannedReply>;
    // portal_requests
    portal_requests_list: GET "/api/v1/portal/requests" [] => Page<request::ServiceRequest>;
    portal_requests_create: POST "/api/v1/portal/requests" [] body request::RequestInput => request::RequestDetail;
    portal_requests_get: GET "/api/v1/portal/requests/{id}" [id] => request::RequestDetail;
    portal_requests_message: POST "/api/v1/portal/requests/{id}/messages" [id] body request::MessageInput => request::RequestDetail;
    portal_requests_reopen: POST "/api/v1/portal/requests/{id}/reopen" [id] body request::AssignRequest => request::RequestDetail;
    // surveys
    surveys_answer_in_portal: POST "/api/v1/portal/requests/{id}/survey" [id] body survey::SurveyInput => request::RequestDetail;
    surveys_show: GET "/api/v1/public/survey/{token}" [token] => survey::SurveyView;
    surveys_answer_by_link: POST "/api/v1/public/survey/{token}" [token] body survey::SurveyInput => survey::SurveyView;
    // lookup
    lookup_lookup: GET "/api/v1/lookup" [; query] => lookup::CallerLookup;
    // claims
    claims_file: PUT "/api/v1/requests/{id}/claim" [id] body claim::ClaimInput => request::RequestDetail;
    claims_prefill: GET "/api/v1/requests/{id}/claim/prefill" [id; query] => claim::ClaimPrefill;
    claims_decide: POST "/api/v1/requests/{id}/claim/decide" [id] body claim::ClaimDecision => request::RequestDetail;
    claims_pay: POST "/api/v1/requests/{id}/claim/pay" [id] body claim::ClaimPayment => request::RequestDetail;
    claims_settings: GET "/api/v1/claim-settings" [] => claim::ClaimSettings;
    claims_set_settings: PUT "/api/v1/claim-settings" [] body claim::ClaimSettings => claim::ClaimSettings;
    // attachments
    attachments_staff_download: GET "/api/v1/requests/{id}/attachments/{attachment_id}" [id, attachment_id] => String;
    attachments_portal_download: GET "/api/v1/portal/requests/{id}/attachments/{attachment_id}" [id, attachment_id] => String;
    // complaints
    complaints_classify: PUT "/api/v1/requests/{id}/complaint" [id] body complaint::Classification => request::RequestDetail;
    complaints_stats: GET "/api/v1/complaints/stats" [; query] => Vec<complaint::CauseCount>;
    complaints_causes: GET "/api/v1/complaint-causes" [] => Vec<complaint::ComplaintCause>;
    complaints_replace_causes: PUT "/api/v1/complaint-causes" [] body Vec<complaint::ComplaintCause> => Vec<complaint::ComplaintCause>;
    // kb
    kb_list: GET "/api/v1/kb" [; query] => Page<kb::Article>;
    kb_create: POST "/api/v1/kb" [] body kb::ArticleInput => kb::Article;
    kb_categories: GET "/api/v1/kb/categories" [] => Vec<String>;
    kb_get: GET "/api/v1/kb/{id}" [id] => kb::Article;
    kb_update: PATCH "/api/v1/kb/{id}" [id] body kb::ArticleInput => kb::Article;
    // sla
    sla_policies: GET "/api/v1/sla/policies" [] => Vec<sla::SlaPolicy>;
    sla_replace_policies: PUT "/api/v1/sla/policies" [] body Vec<sla::SlaPolicy> => Vec<sla::SlaPolicy>;
    sla_calendars: GET "/api/v1/sla/calendars" [] => Vec<sla::CalendarSpec>;
    sla_replace_calendars: PUT "/api/v1/sla/calendars" [] body Vec<sla::CalendarSpec> => Vec<sla::CalendarSpec>;
    sla_notices: GET "/api/v1/notices" [; query] => Page<sla::StaffNotice>;
    sla_unread: GET "/api/v1/notices/unread" [] => sla::UnreadCount;
    sla_mark_read: POST "/api/v1/notices/read" [] body sla::NoticesRead => sla::UnreadCount;
    value_get: GET "/api/v1/customers/{id}/value" [id] => value::CustomerValue;
    value_set_tier: PUT "/api/v1/customers/{id}/tier" [id] body value::TierOverride => value::CustomerValue;
    value_rules: GET "/api/v1/settings/value-rules" [] => value::ValueRules;
    value_save_rules: PUT "/api/v1/settings/value-rules" [] body value::ValueRules => value::ValueRules;
    reports_pyramid: GET "/api/v1/reports/pyramid" [; query] => value::Pyramid;
    reports_pyramid_csv: GET "/api/v1/reports/pyramid.csv" [; query] => String;
    reports_at_risk: GET "/api/v1/reports/at-risk" [; query] => Page<value::AtRiskCustomer>;
    credit_get: GET "/api/v1/settings/credit" [] => credit::CreditSettings;
    credit_set: PUT "/api/v1/settings/credit" [] body credit::CreditSettings => credit::CreditSettings;
}

#[cfg(test)]
mod tests {
    use super::ROUTES;
    use waypost_worker::routes::openapi::method_key;

    /// The client's table and the Worker's route table name the same routes, once each.
    #[test]
    fn every_route_has_one_method() {
        let mut client: Vec<String> = ROUTES.iter().map(|(m, p)| format!("{m} {p}")).collect();
        let mut server: Vec<String> = waypost_worker::routes::all()
            .map(|r| format!("{} {}", method_key(&r.method).to_uppercase(), r.path))
            .collect();
        client.sort();
        server.sort();
        let mut once = client.clone();
        once.dedup();
        assert_eq!(once.len(), client.len(), "a route listed twice");
        assert_eq!(client, server);
    }
}
