//! The one route table. Each row says who may call the route (realm/roles), how org scope
//! applies, what it takes and returns (for the OpenAPI document), and which handler runs.

use std::future::Future;
use std::pin::Pin;

use worker::{Method, Response};

use crate::ctx::Ctx;
use crate::error::Result;
use crate::handlers::{
    api_keys, archive, audit, auth, custom_fields, customers, health, imports, lookup, orgs, pickups, portal,
    portal_auth, portal_requests, portal_users, requests, shipments, staff, timeline, track,
};
use crate::policy::{
    ADMIN, ANY_STAFF, Access, CUSTOMER_ASSIGNERS, CUSTOMER_ROLES, DISPATCHERS, EVENT_RECORDERS, PEOPLE_LEADS,
    PICKUP_BOOKERS, PICKUP_ROLES, ScopeRule,
};

/// A handler: takes the context, returns a response or an error (turned into HTTP centrally).
pub type Handler = fn(Ctx) -> Pin<Box<dyn Future<Output = Result<Response>>>>;
pub use schema_fn::SchemaFn;
use schema_fn::s;

/// Natively a route row carries the JSON Schema of its body and answer, for the OpenAPI document.
#[cfg(not(target_arch = "wasm32"))]
mod schema_fn {
    use schemars::{JsonSchema, Schema, SchemaGenerator};

    /// Produces a JSON Schema for the OpenAPI document.
    pub type SchemaFn = fn(&mut SchemaGenerator) -> Schema;

    pub fn s<T: JsonSchema>(g: &mut SchemaGenerator) -> Schema {
        g.subschema_for::<T>()
    }
}

/// In the Worker the document is served pre-built (`handlers::openapi`), so the rows carry no
/// schema code: ~ the size of every type's JSON Schema, kept out of the wasm.
#[cfg(target_arch = "wasm32")]
mod schema_fn {
    pub type SchemaFn = fn();

    pub fn s<T>() {}
}

/// One API route.
pub struct Route {
    pub method: Method,
    /// Path with `{name}` parameters.
    pub path: &'static str,
    pub access: Access,
    pub scope: ScopeRule,
    /// One line for the OpenAPI document.
    pub summary: &'static str,
    /// Query parameters: (name, description).
    pub query: &'static [(&'static str, &'static str)],
    pub body: Option<SchemaFn>,
    /// Success status and schema.
    pub ok: (u16, SchemaFn),
    pub handler: Handler,
}

macro_rules! h {
    ($f:path) => {
        |ctx| Box::pin($f(ctx))
    };
}

const ORG_QUERY: &[(&str, &str)] = &[
    ("limit", "Page size, 1–100 (default 50)"),
    ("cursor", "`next_cursor` of the previous page"),
    ("q", "Substring of name or code"),
    ("kind", "hq | branch | outlet | hub | service_center"),
    ("active", "true | false"),
];
const STAFF_QUERY: &[(&str, &str)] = &[
    ("limit", "Page size, 1–100 (default 50)"),
    ("cursor", "`next_cursor` of the previous page"),
    ("q", "Substring of name, or prefix of phone / e-mail"),
    ("role", "A role"),
    ("org_id", "Only this org"),
    ("active", "true | false"),
];
const CUSTOMER_QUERY: &[(&str, &str)] = &[
    ("limit", "Page size, 1–100 (default 50)"),
    ("cursor", "`next_cursor` of the previous page"),
    ("q", "Name, short name, contact, address (Chinese of any length) or a phone prefix"),
    ("status", "prospect | registered | active | contracted | at_risk | lost | won_back"),
    ("tier", "vip | key | regular | potential"),
    ("owner_id", "Owner's staff id"),
    ("blacklisted", "true | false"),
    ("province", "Exact province"),
    ("city", "Exact city"),
    ("tag", "Carries this tag"),
    (
        "sort",
        "id (default, oldest first) | updated (recently changed first) | last_contact (longest without contact first)",
    ),
    ("cf.<key>", "A custom field's value: a select option, text, number or date (repeatable)"),
];
const AUDIT_QUERY: &[(&str, &str)] = &[
    ("limit", "Page size, 1–100 (default 50)"),
    ("cursor", "`next_cursor` of the previous page"),
    ("entity", "org | staff | …"),
    ("entity_id", "The record's id"),
    ("actor_id", "Who made the change"),
    ("action", "create | update | deactivate | password_reset | password_change"),
    ("since", "From this time (RFC 3339 or YYYY-MM-DD), inclusive"),
    ("until", "Before this time, exclusive"),
];

use schema::audit::AuditEntry;
use schema::auth::{LoginRequest, Me};
use schema::bulk::{BulkRequest, BulkResult};
use schema::custom::{CustomField, CustomFieldInput};
use schema::customer::{
    ContactInput, CustomerDetail, CustomerInput, CustomerSummary, HandoverRequest, HandoverResult,
    MergeRequest, ShareRequest,
};
use schema::health::Health;
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
use schema::shipment::{
    Commitment, EventInput, IngestReport, IngestRequest, OrgAttention, ProblemReport, PublicTracking,
    Shipment, ShipmentBatch, ShipmentDetail, ShipmentInput,
};
use schema::staff::{PasswordChange, PasswordReset, Staff, StaffInput, StaffUpdate};

const PORTAL_SHIPMENT_QUERY: &[(&str, &str)] = &[
    ("limit", "Page size, 1–100 (default 50)"),
    ("cursor", "`next_cursor` of the previous page"),
    ("q", "Waybill number (or its start), or a consignee phone"),
    ("status", "A shipment status"),
];
const PICKUP_STATUS_QUERY: &[(&str, &str)] = &[
    ("limit", "Page size, 1–100 (default 50)"),
    ("cursor", "`next_cursor` of the previous page"),
    ("status", "requested | assigned | collected | failed | cancelled"),
];
const PICKUP_QUERY: &[(&str, &str)] = &[
    ("limit", "Page size, 1–100 (default 50)"),
    ("cursor", "`next_cursor` of the previous page"),
    ("status", "requested | assigned | collected | failed | cancelled"),
    ("day", "Local (Beijing) day of the window start, YYYY-MM-DD"),
    ("org_id", "Dispatched to this org"),
    ("courier_id", "Dispatched to this courier"),
    ("customer_id", "Booked for this customer"),
];
const REQUEST_QUERY: &[(&str, &str)] = &[
    ("limit", "Page size, 1–100 (default 50)"),
    ("cursor", "`next_cursor` of the previous page"),
    ("view", "mine | queue (unclaimed, the caller's org or `org_id`) | all (default)"),
    ("org_id", "The queue's org (view=queue)"),
    ("status", "A request status"),
    ("kind", "inquiry | complaint | claim | consultation | suggestion | pickup_problem"),
    ("customer_id", "A customer's requests"),
    ("open", "true: not resolved or closed"),
    ("q", "A request number (or its start) or a waybill number"),
];
const DAY_QUERY: &[(&str, &str)] = &[("day", "Local (Beijing) day, YYYY-MM-DD (default today)")];
const OUTBOX_QUERY: &[(&str, &str)] = &[
    ("limit", "Page size, 1–100 (default 50)"),
    ("cursor", "`next_cursor` of the previous page"),
    ("status", "pending | sent | failed"),
    ("channel", "email | sms | portal"),
    ("recipient", "Exact phone or e-mail"),
];

/// Every route of the API. The OpenAPI document and the route-by-role tests iterate this.
pub static ROUTES: &[Route] = &[
    Route {
        method: Method::Get,
        path: "/api/v1/health",
        access: Access::Public,
        scope: ScopeRule::None,
        summary: "Version, and whether D1 and KV answer",
        query: &[],
        body: None,
        ok: (200, s::<Health>),
        handler: h!(health::get),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/auth/login",
        access: Access::Public,
        scope: ScopeRule::None,
        summary: "Sign in with phone or e-mail and password; sets the session cookie",
        query: &[],
        body: Some(s::<LoginRequest>),
        ok: (200, s::<Me>),
        handler: h!(auth::login),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/auth/logout",
        access: Access::Staff(ANY_STAFF),
        scope: ScopeRule::None,
        summary: "End this session everywhere",
        query: &[],
        body: None,
        ok: (204, s::<()>),
        handler: h!(auth::logout),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/auth/me",
        access: Access::Staff(ANY_STAFF),
        scope: ScopeRule::None,
        summary: "The signed-in caller",
        query: &[],
        body: None,
        ok: (200, s::<Me>),
        handler: h!(auth::me),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/auth/password",
        access: Access::Staff(ANY_STAFF),
        scope: ScopeRule::None,
        summary: "Change one's own password; ends one's other sessions",
        query: &[],
        body: Some(s::<PasswordChange>),
        ok: (204, s::<()>),
        handler: h!(auth::change_password),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/orgs",
        access: Access::Staff(ANY_STAFF),
        scope: ScopeRule::Reach,
        summary: "Organisations within the caller's reach",
        query: ORG_QUERY,
        body: None,
        ok: (200, s::<Page<Org>>),
        handler: h!(orgs::list),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/orgs",
        access: Access::Staff(ADMIN),
        scope: ScopeRule::None,
        summary: "Create an organisation",
        query: &[],
        body: Some(s::<OrgInput>),
        ok: (201, s::<Org>),
        handler: h!(orgs::create),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/orgs/{id}",
        access: Access::Staff(ANY_STAFF),
        scope: ScopeRule::Reach,
        summary: "One organisation (404 outside the caller's reach)",
        query: &[],
        body: None,
        ok: (200, s::<Org>),
        handler: h!(orgs::get),
    },
    Route {
        method: Method::Patch,
        path: "/api/v1/orgs/{id}",
        access: Access::Staff(ADMIN),
        scope: ScopeRule::None,
        summary: "Edit, move or deactivate an organisation (version-checked)",
        query: &[],
        body: Some(s::<OrgUpdate>),
        ok: (200, s::<Org>),
        handler: h!(orgs::update),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/staff",
        access: Access::Staff(PEOPLE_LEADS),
        scope: ScopeRule::Reach,
        summary: "Staff within the caller's reach",
        query: STAFF_QUERY,
        body: None,
        ok: (200, s::<Page<Staff>>),
        handler: h!(staff::list),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/staff",
        access: Access::Staff(ADMIN),
        scope: ScopeRule::None,
        summary: "Create a staff account",
        query: &[],
        body: Some(s::<StaffInput>),
        ok: (201, s::<Staff>),
        handler: h!(staff::create),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/staff/{id}",
        access: Access::Staff(PEOPLE_LEADS),
        scope: ScopeRule::Reach,
        summary: "One staff member (404 outside the caller's reach)",
        query: &[],
        body: None,
        ok: (200, s::<Staff>),
        handler: h!(staff::get),
    },
    Route {
        method: Method::Patch,
        path: "/api/v1/staff/{id}",
        access: Access::Staff(ADMIN),
        scope: ScopeRule::None,
        summary: "Edit, move, change role or deactivate (version-checked; ends their sessions when access changes)",
        query: &[],
        body: Some(s::<StaffUpdate>),
        ok: (200, s::<Staff>),
        handler: h!(staff::update),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/staff/{id}/password",
        access: Access::Staff(ADMIN),
        scope: ScopeRule::None,
        summary: "Set a new password for someone; ends their sessions",
        query: &[],
        body: Some(s::<PasswordReset>),
        ok: (204, s::<()>),
        handler: h!(staff::reset_password),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/customers",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::Customers,
        summary: "Customers within the caller's scope; search and filters",
        query: CUSTOMER_QUERY,
        body: None,
        ok: (200, s::<Page<CustomerSummary>>),
        handler: h!(customers::list),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/customers",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::Customers,
        summary: "Create a customer with its first contacts (owner: the caller unless a manager assigns)",
        query: &[],
        body: Some(s::<CustomerInput>),
        ok: (201, s::<CustomerDetail>),
        handler: h!(customers::create),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/customers/handover",
        access: Access::Staff(CUSTOMER_ASSIGNERS),
        scope: ScopeRule::Reach,
        summary: "Hand every customer of one staff member to a successor (both within reach)",
        query: &[],
        body: Some(s::<HandoverRequest>),
        ok: (200, s::<HandoverResult>),
        handler: h!(customers::handover),
    },
    // Before `/customers/{id}`: the first matching row wins.
    Route {
        method: Method::Post,
        path: "/api/v1/customers/bulk",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::Customers,
        summary: "One action (assign, set tier or status, add or remove a tag) on up to 100 customers in scope",
        query: &[],
        body: Some(s::<BulkRequest>),
        ok: (200, s::<BulkResult>),
        handler: h!(archive::bulk_action),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/customers/quality",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::Customers,
        summary: "Data quality: customers missing key fields, suspected duplicates, or not contacted for N days",
        query: &[
            ("check", "missing | duplicates | stale"),
            ("days", "For `stale`: not contacted for this many days (default 30)"),
            ("limit", "Page size, 1–100 (default 50)"),
            ("cursor", "`next_cursor` of the previous page"),
        ],
        body: None,
        ok: (200, s::<Page<QualityItem>>),
        handler: h!(archive::quality),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/customers/import",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::Customers,
        summary: "Import one chunk (≤ 200 rows) of a CSV: per-row report; valid rows committed in one batch; \
                  replaying a chunk returns its stored report",
        query: &[],
        body: Some(s::<ImportRequest>),
        ok: (200, s::<ImportReport>),
        handler: h!(imports::import),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/customers/export.csv",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::Customers,
        summary: "The filtered list as CSV (UTF-8 with BOM; at most 10,000 rows)",
        query: CUSTOMER_QUERY,
        body: None,
        ok: (200, s::<String>),
        handler: h!(customers::export),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/customers/duplicates",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::None,
        summary: "Possible duplicates of a name and/or phone (firm-wide warnings)",
        query: &[("name", "Customer name"), ("phone", "Phone"), ("exclude", "A customer id to leave out")],
        body: None,
        ok: (200, s::<Vec<CustomerSummary>>),
        handler: h!(customers::duplicates),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/customers/{id}",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::Customers,
        summary: "A customer with contacts and duplicate warnings (licence/ID masked unless owner or manager)",
        query: &[],
        body: None,
        ok: (200, s::<CustomerDetail>),
        handler: h!(customers::get),
    },
    Route {
        method: Method::Patch,
        path: "/api/v1/customers/{id}",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::Customers,
        summary: "Edit a customer (version-checked; lifecycle changes are kept in its history)",
        query: &[],
        body: Some(s::<CustomerInput>),
        ok: (200, s::<CustomerDetail>),
        handler: h!(customers::update),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/customers/{id}/contacts",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::Customers,
        summary: "Add a contact",
        query: &[],
        body: Some(s::<ContactInput>),
        ok: (201, s::<CustomerDetail>),
        handler: h!(customers::add_contact),
    },
    Route {
        method: Method::Patch,
        path: "/api/v1/customers/{id}/contacts/{contact_id}",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::Customers,
        summary: "Edit a contact (version-checked)",
        query: &[],
        body: Some(s::<ContactInput>),
        ok: (200, s::<CustomerDetail>),
        handler: h!(customers::update_contact),
    },
    Route {
        method: Method::Delete,
        path: "/api/v1/customers/{id}/contacts/{contact_id}",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::Customers,
        summary: "Remove a contact",
        query: &[],
        body: None,
        ok: (204, s::<()>),
        handler: h!(customers::delete_contact),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/customers/{id}/shares",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::Customers,
        summary: "Share with a colleague by phone or e-mail (owner or managers)",
        query: &[],
        body: Some(s::<ShareRequest>),
        ok: (201, s::<CustomerDetail>),
        handler: h!(customers::share),
    },
    Route {
        method: Method::Delete,
        path: "/api/v1/customers/{id}/shares/{staff_id}",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::Customers,
        summary: "Stop sharing (owner or managers)",
        query: &[],
        body: None,
        ok: (204, s::<()>),
        handler: h!(customers::unshare),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/customers/{id}/merge",
        access: Access::Staff(CUSTOMER_ASSIGNERS),
        scope: ScopeRule::Customers,
        summary: "Merge another customer into this one (contacts, locations, timeline, shares move; both version-checked)",
        query: &[],
        body: Some(s::<MergeRequest>),
        ok: (200, s::<CustomerDetail>),
        handler: h!(archive::merge),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/customers/{id}/locations",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::Customers,
        summary: "Add a shipping / pickup location (the first becomes the default)",
        query: &[],
        body: Some(s::<LocationInput>),
        ok: (201, s::<CustomerDetail>),
        handler: h!(timeline::add_location),
    },
    Route {
        method: Method::Patch,
        path: "/api/v1/customers/{id}/locations/{location_id}",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::Customers,
        summary: "Edit a location (version-checked); `is_default` moves the default here",
        query: &[],
        body: Some(s::<LocationInput>),
        ok: (200, s::<CustomerDetail>),
        handler: h!(timeline::update_location),
    },
    Route {
        method: Method::Delete,
        path: "/api/v1/customers/{id}/locations/{location_id}",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::Customers,
        summary: "Remove a location (removing the default promotes the oldest other one)",
        query: &[],
        body: None,
        ok: (204, s::<()>),
        handler: h!(timeline::delete_location),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/customers/{id}/timeline",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::Customers,
        summary: "Interactions and lifecycle changes, newest first",
        query: &[
            ("limit", "Page size, 1–100 (default 50)"),
            ("before", "`next_before` of the previous page"),
        ],
        body: None,
        ok: (200, s::<TimelinePage>),
        handler: h!(timeline::timeline),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/customers/{id}/interactions",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::Customers,
        summary: "Log an interaction (visit, call, e-mail, SMS, meeting, note) or plan a follow-up",
        query: &[],
        body: Some(s::<InteractionInput>),
        ok: (201, s::<Interaction>),
        handler: h!(timeline::add_interaction),
    },
    Route {
        method: Method::Patch,
        path: "/api/v1/customers/{id}/interactions/{interaction_id}",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::Customers,
        summary: "Edit an interaction, e.g. mark a follow-up done (its author or a manager; version-checked)",
        query: &[],
        body: Some(s::<InteractionInput>),
        ok: (200, s::<Interaction>),
        handler: h!(timeline::update_interaction),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/customers/{id}/interactions/{interaction_id}/comment",
        access: Access::Staff(CUSTOMER_ASSIGNERS),
        scope: ScopeRule::Customers,
        summary: "A manager's comment on an interaction (批复; version-checked)",
        query: &[],
        body: Some(s::<CommentInput>),
        ok: (200, s::<Interaction>),
        handler: h!(timeline::comment),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/follow-ups",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::None,
        summary: "The caller's planned interactions, overdue first",
        query: &[("limit", "At most this many, 1–100 (default 50)")],
        body: None,
        ok: (200, s::<Vec<Interaction>>),
        handler: h!(timeline::follow_ups),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/custom-fields",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::None,
        summary: "Custom customer field definitions, in form order (inactive ones too)",
        query: &[],
        body: None,
        ok: (200, s::<Vec<CustomField>>),
        handler: h!(custom_fields::list),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/custom-fields",
        access: Access::Staff(ADMIN),
        scope: ScopeRule::None,
        summary: "Define a custom customer field (at most 20)",
        query: &[],
        body: Some(s::<CustomFieldInput>),
        ok: (201, s::<CustomField>),
        handler: h!(custom_fields::create),
    },
    Route {
        method: Method::Patch,
        path: "/api/v1/custom-fields/{id}",
        access: Access::Staff(ADMIN),
        scope: ScopeRule::None,
        summary: "Change a field's labels, options, order, required and active flags (version-checked)",
        query: &[],
        body: Some(s::<CustomFieldInput>),
        ok: (200, s::<CustomField>),
        handler: h!(custom_fields::update),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/public/track/{waybill_no}",
        access: Access::Public,
        scope: ScopeRule::None,
        summary: "Track a waybill without signing in; names and phones masked unless `last4` matches",
        query: &[("last4", "Last four digits of the consignee's or shipper's phone: unmasks the details")],
        body: None,
        ok: (200, s::<PublicTracking>),
        handler: h!(track::track),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/public/track/{waybill_no}/report",
        access: Access::Public,
        scope: ScopeRule::None,
        summary: "Report a problem with a shipment from the public tracking page",
        query: &[],
        body: Some(s::<ProblemReport>),
        ok: (204, s::<()>),
        handler: h!(track::report),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/ingest/shipments",
        access: Access::Integration,
        scope: ScopeRule::None,
        summary: "New shipments from the firm's systems (≤ 500; a waybill on file is a duplicate; per-item report)",
        query: &[],
        body: Some(s::<ShipmentBatch>),
        ok: (200, s::<IngestReport>),
        handler: h!(shipments::ingest_shipments),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/ingest/events",
        access: Access::Integration,
        scope: ScopeRule::None,
        summary: "Tracking events from the firm's systems (≤ 1,000; idempotent; per-item report)",
        query: &[],
        body: Some(s::<IngestRequest>),
        ok: (200, s::<IngestReport>),
        handler: h!(shipments::ingest),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/shipments",
        access: Access::Staff(ANY_STAFF),
        scope: ScopeRule::Customers,
        summary: "Shipments by waybill (or its start), phone or customer, newest first (sales: their customers')",
        query: &[
            ("q", "Waybill number or its start, or a consignee/shipper phone"),
            ("customer_id", "Shipper customer"),
            ("overdue", "true: only open shipments past their committed time"),
            ("org_id", "Only shipments taken by this org or below it"),
            (
                "status",
                "created | picked_up | in_transit | at_hub | customs | out_for_delivery | delivered | exception | returned",
            ),
            ("limit", "Page size, 1–100 (default 50)"),
            ("cursor", "`next_cursor` of the previous page"),
        ],
        body: None,
        ok: (200, s::<Page<Shipment>>),
        handler: h!(shipments::search),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/shipments",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::Customers,
        summary: "Create a shipment (waybill)",
        query: &[],
        body: Some(s::<ShipmentInput>),
        ok: (201, s::<ShipmentDetail>),
        handler: h!(shipments::create),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/shipments/attention",
        access: Access::Staff(ANY_STAFF),
        scope: ScopeRule::Reach,
        summary: "Overdue and exception counts per org (the org that took the shipment) in the caller's reach",
        query: &[],
        body: None,
        ok: (200, s::<Vec<OrgAttention>>),
        handler: h!(shipments::attention),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/shipments/{id}",
        access: Access::Staff(ANY_STAFF),
        scope: ScopeRule::Customers,
        summary: "A shipment with its tracking events, newest first",
        query: &[],
        body: None,
        ok: (200, s::<ShipmentDetail>),
        handler: h!(shipments::get),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/shipments/{id}/events",
        access: Access::Staff(EVENT_RECORDERS),
        scope: ScopeRule::Customers,
        summary: "Record a tracking event by hand (hub, courier, service)",
        query: &[],
        body: Some(s::<EventInput>),
        ok: (201, s::<ShipmentDetail>),
        handler: h!(shipments::add_event),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/commitments",
        access: Access::Staff(ANY_STAFF),
        scope: ScopeRule::None,
        summary: "The committed-time table (承诺时限): days per service between zones; `*` = any",
        query: &[],
        body: None,
        ok: (200, s::<Vec<Commitment>>),
        handler: h!(shipments::commitments),
    },
    Route {
        method: Method::Put,
        path: "/api/v1/commitments",
        access: Access::Staff(ADMIN),
        scope: ScopeRule::None,
        summary: "Replace the committed-time table (new shipments use it at once)",
        query: &[],
        body: Some(s::<Vec<Commitment>>),
        ok: (200, s::<Vec<Commitment>>),
        handler: h!(shipments::replace_commitments),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/api-keys",
        access: Access::Staff(ADMIN),
        scope: ScopeRule::None,
        summary: "Integration keys (secrets are never shown again)",
        query: &[],
        body: None,
        ok: (200, s::<Vec<ApiKey>>),
        handler: h!(api_keys::list),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/api-keys",
        access: Access::Staff(ADMIN),
        scope: ScopeRule::None,
        summary: "Create an integration key; the answer holds the key, once",
        query: &[],
        body: Some(s::<ApiKeyInput>),
        ok: (201, s::<NewApiKey>),
        handler: h!(api_keys::create),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/api-keys/{id}/revoke",
        access: Access::Staff(ADMIN),
        scope: ScopeRule::None,
        summary: "Revoke an integration key: its next request is refused",
        query: &[],
        body: None,
        ok: (204, s::<()>),
        handler: h!(api_keys::revoke),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/audit",
        access: Access::Staff(ADMIN),
        scope: ScopeRule::None,
        summary: "The audit log, newest first",
        query: AUDIT_QUERY,
        body: None,
        ok: (200, s::<Page<AuditEntry>>),
        handler: h!(audit::list),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/portal/auth/code",
        access: Access::Public,
        scope: ScopeRule::None,
        summary: "Send a sign-up or password-reset code to a phone or e-mail (always 202)",
        query: &[],
        body: Some(s::<CodeRequest>),
        ok: (202, s::<()>),
        handler: h!(portal_auth::request_code),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/portal/auth/register",
        access: Access::Public,
        scope: ScopeRule::None,
        summary: "Create a portal account with a sign-up code; signs in",
        query: &[],
        body: Some(s::<CodeConfirm>),
        ok: (201, s::<PortalMe>),
        handler: h!(portal_auth::register),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/portal/auth/activate",
        access: Access::Public,
        scope: ScopeRule::None,
        summary: "Accept a staff invitation (set the password with its code); signs in",
        query: &[],
        body: Some(s::<CodeConfirm>),
        ok: (200, s::<PortalMe>),
        handler: h!(portal_auth::activate),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/portal/auth/reset",
        access: Access::Public,
        scope: ScopeRule::None,
        summary: "Set a new password with a reset code; ends every session",
        query: &[],
        body: Some(s::<CodeConfirm>),
        ok: (204, s::<()>),
        handler: h!(portal_auth::reset),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/portal/auth/login",
        access: Access::Public,
        scope: ScopeRule::None,
        summary: "Portal sign-in (sets the `wp_portal` cookie); throttled",
        query: &[],
        body: Some(s::<LoginRequest>),
        ok: (200, s::<PortalMe>),
        handler: h!(portal_auth::login),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/portal/auth/logout",
        access: Access::Portal,
        scope: ScopeRule::None,
        summary: "Portal sign-out",
        query: &[],
        body: None,
        ok: (204, s::<()>),
        handler: h!(portal_auth::logout),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/portal/me",
        access: Access::Portal,
        scope: ScopeRule::None,
        summary: "The signed-in portal user",
        query: &[],
        body: None,
        ok: (200, s::<PortalMe>),
        handler: h!(portal_auth::me),
    },
    Route {
        method: Method::Patch,
        path: "/api/v1/portal/me",
        access: Access::Portal,
        scope: ScopeRule::None,
        summary: "Notification opt-ins and language",
        query: &[],
        body: Some(s::<PortalPrefs>),
        ok: (200, s::<PortalMe>),
        handler: h!(portal_auth::prefs),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/portal/shipments",
        access: Access::Portal,
        scope: ScopeRule::None,
        summary: "My shipments, newest first",
        query: PORTAL_SHIPMENT_QUERY,
        body: None,
        ok: (200, s::<Page<Shipment>>),
        handler: h!(portal::shipments),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/portal/shipments/{id}",
        access: Access::Portal,
        scope: ScopeRule::None,
        summary: "One of my shipments with its timeline",
        query: &[],
        body: None,
        ok: (200, s::<ShipmentDetail>),
        handler: h!(portal::shipment),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/portal/locations",
        access: Access::Portal,
        scope: ScopeRule::None,
        summary: "My pickup locations (发货地点)",
        query: &[],
        body: None,
        ok: (200, s::<Vec<Location>>),
        handler: h!(portal::locations),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/portal/addresses",
        access: Access::Portal,
        scope: ScopeRule::None,
        summary: "My address book (寄送清单)",
        query: &[],
        body: None,
        ok: (200, s::<Vec<AddressEntry>>),
        handler: h!(portal::addresses),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/portal/addresses",
        access: Access::Portal,
        scope: ScopeRule::None,
        summary: "Add an address-book entry",
        query: &[],
        body: Some(s::<AddressInput>),
        ok: (201, s::<AddressEntry>),
        handler: h!(portal::add_address),
    },
    Route {
        method: Method::Patch,
        path: "/api/v1/portal/addresses/{id}",
        access: Access::Portal,
        scope: ScopeRule::None,
        summary: "Change an address-book entry (version-checked)",
        query: &[],
        body: Some(s::<AddressInput>),
        ok: (200, s::<AddressEntry>),
        handler: h!(portal::update_address),
    },
    Route {
        method: Method::Delete,
        path: "/api/v1/portal/addresses/{id}",
        access: Access::Portal,
        scope: ScopeRule::None,
        summary: "Remove an address-book entry",
        query: &[],
        body: None,
        ok: (204, s::<()>),
        handler: h!(portal::delete_address),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/portal/pickups",
        access: Access::Portal,
        scope: ScopeRule::None,
        summary: "My pickups, newest first",
        query: PICKUP_STATUS_QUERY,
        body: None,
        ok: (200, s::<Page<Pickup>>),
        handler: h!(portal::pickups),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/portal/pickups",
        access: Access::Portal,
        scope: ScopeRule::None,
        summary: "Book a pickup",
        query: &[],
        body: Some(s::<PickupInput>),
        ok: (201, s::<PickupDetail>),
        handler: h!(portal::book_pickup),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/portal/pickups/{id}",
        access: Access::Portal,
        scope: ScopeRule::None,
        summary: "One of my pickups with its history",
        query: &[],
        body: None,
        ok: (200, s::<PickupDetail>),
        handler: h!(portal::pickup),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/portal/pickups/{id}/cancel",
        access: Access::Portal,
        scope: ScopeRule::None,
        summary: "Cancel one of my pickups before collection",
        query: &[],
        body: Some(s::<ReasonRequest>),
        ok: (200, s::<PickupDetail>),
        handler: h!(portal::cancel_pickup),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/portal/notices",
        access: Access::Portal,
        scope: ScopeRule::None,
        summary: "My latest notices (shipment and pickup updates)",
        query: &[],
        body: None,
        ok: (200, s::<Vec<Notice>>),
        handler: h!(portal::notices),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/customers/{id}/portal-users",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::Customers,
        summary: "The customer's portal users",
        query: &[],
        body: None,
        ok: (200, s::<Vec<PortalUser>>),
        handler: h!(portal_users::list),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/customers/{id}/portal-users",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::Customers,
        summary: "Invite a person of the customer to the portal (code sent to their login)",
        query: &[],
        body: Some(s::<InviteRequest>),
        ok: (201, s::<PortalUser>),
        handler: h!(portal_users::invite),
    },
    Route {
        method: Method::Patch,
        path: "/api/v1/portal-users/{id}",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::Customers,
        summary: "Switch a portal account off or on (version-checked); ends its sessions",
        query: &[],
        body: Some(s::<PortalUserUpdate>),
        ok: (200, s::<PortalUser>),
        handler: h!(portal_users::update),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/pickups",
        access: Access::Staff(PICKUP_BOOKERS),
        scope: ScopeRule::Customers,
        summary: "Book a pickup for a customer (phone booking)",
        query: &[],
        body: Some(s::<PickupInput>),
        ok: (201, s::<PickupDetail>),
        handler: h!(pickups::create),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/pickups",
        access: Access::Staff(PICKUP_ROLES),
        scope: ScopeRule::None,
        summary: "Pickups (dispatchers: all; couriers: their own), newest first",
        query: PICKUP_QUERY,
        body: None,
        ok: (200, s::<Page<Pickup>>),
        handler: h!(pickups::list),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/pickups/today",
        access: Access::Staff(PICKUP_ROLES),
        scope: ScopeRule::None,
        summary: "The caller's pickups of a local day, in window order (the courier's route)",
        query: DAY_QUERY,
        body: None,
        ok: (200, s::<Vec<Pickup>>),
        handler: h!(pickups::today),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/pickups/{id}",
        access: Access::Staff(PICKUP_ROLES),
        scope: ScopeRule::None,
        summary: "One pickup with its history",
        query: &[],
        body: None,
        ok: (200, s::<PickupDetail>),
        handler: h!(pickups::get),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/pickups/{id}/assign",
        access: Access::Staff(DISPATCHERS),
        scope: ScopeRule::None,
        summary: "Dispatch (or re-dispatch) to an outlet and a courier",
        query: &[],
        body: Some(s::<AssignRequest>),
        ok: (200, s::<PickupDetail>),
        handler: h!(pickups::assign),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/pickups/{id}/collect",
        access: Access::Staff(PICKUP_ROLES),
        scope: ScopeRule::None,
        summary: "Collected: creates or links the shipment and records `picked_up`",
        query: &[],
        body: Some(s::<CollectRequest>),
        ok: (200, s::<PickupDetail>),
        handler: h!(pickups::collect),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/pickups/{id}/fail",
        access: Access::Staff(PICKUP_ROLES),
        scope: ScopeRule::None,
        summary: "Could not collect (reason required)",
        query: &[],
        body: Some(s::<ReasonRequest>),
        ok: (200, s::<PickupDetail>),
        handler: h!(pickups::fail),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/pickups/{id}/cancel",
        access: Access::Staff(DISPATCHERS),
        scope: ScopeRule::None,
        summary: "Cancel a pickup before collection",
        query: &[],
        body: Some(s::<ReasonRequest>),
        ok: (200, s::<PickupDetail>),
        handler: h!(pickups::cancel),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/couriers",
        access: Access::Staff(DISPATCHERS),
        scope: ScopeRule::None,
        summary: "Active couriers with their orgs (for dispatching pickups)",
        query: &[],
        body: None,
        ok: (200, s::<Vec<Staff>>),
        handler: h!(pickups::couriers),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/outbox",
        access: Access::Staff(ADMIN),
        scope: ScopeRule::None,
        summary: "The notification outbox, newest first (the development provider's record)",
        query: OUTBOX_QUERY,
        body: None,
        ok: (200, s::<Page<OutboxMessage>>),
        handler: h!(portal_users::outbox_list),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/outbox/deliver",
        access: Access::Staff(ADMIN),
        scope: ScopeRule::None,
        summary: "Deliver due messages now (otherwise the sweep does)",
        query: &[],
        body: None,
        ok: (200, s::<serde_json::Value>),
        handler: h!(portal_users::deliver_now),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/requests",
        access: Access::Staff(ANY_STAFF),
        scope: ScopeRule::Customers,
        summary: "Open a service request (phone, walk-in, e-mail)",
        query: &[],
        body: Some(s::<RequestInput>),
        ok: (201, s::<RequestDetail>),
        handler: h!(requests::create),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/requests",
        access: Access::Staff(ANY_STAFF),
        scope: ScopeRule::Reach,
        summary: "Service requests: mine, my org's queue, or all in reach; newest first",
        query: REQUEST_QUERY,
        body: None,
        ok: (200, s::<Page<ServiceRequest>>),
        handler: h!(requests::list),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/requests/counts",
        access: Access::Staff(ANY_STAFF),
        scope: ScopeRule::Reach,
        summary: "Open requests in reach, per kind and status",
        query: &[],
        body: None,
        ok: (200, s::<Vec<RequestCount>>),
        handler: h!(requests::counts),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/requests/{id}",
        access: Access::Staff(ANY_STAFF),
        scope: ScopeRule::Reach,
        summary: "A request with its history and the statuses it may move to",
        query: &[],
        body: None,
        ok: (200, s::<RequestDetail>),
        handler: h!(requests::get),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/requests/{id}/status",
        access: Access::Staff(ANY_STAFF),
        scope: ScopeRule::Reach,
        summary: "Move a request (409 naming the allowed statuses otherwise; resolving needs a note)",
        query: &[],
        body: Some(s::<StatusChange>),
        ok: (200, s::<RequestDetail>),
        handler: h!(requests::set_status),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/requests/{id}/claim",
        access: Access::Staff(ANY_STAFF),
        scope: ScopeRule::Reach,
        summary: "Take a request from the queue",
        query: &[],
        body: Some(s::<RequestAssign>),
        ok: (200, s::<RequestDetail>),
        handler: h!(requests::claim),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/requests/{id}/assign",
        access: Access::Staff(ANY_STAFF),
        scope: ScopeRule::Reach,
        summary: "Give a request to a colleague",
        query: &[],
        body: Some(s::<RequestAssign>),
        ok: (200, s::<RequestDetail>),
        handler: h!(requests::assign),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/requests/{id}/forward",
        access: Access::Staff(ANY_STAFF),
        scope: ScopeRule::Reach,
        summary: "Forward a request to another org's queue, with the reason",
        query: &[],
        body: Some(s::<ForwardRequest>),
        ok: (200, s::<RequestDetail>),
        handler: h!(requests::forward),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/requests/{id}/messages",
        access: Access::Staff(ANY_STAFF),
        scope: ScopeRule::Reach,
        summary: "A public reply (the customer is notified) or an internal note",
        query: &[],
        body: Some(s::<MessageInput>),
        ok: (201, s::<RequestDetail>),
        handler: h!(requests::message),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/portal/requests",
        access: Access::Portal,
        scope: ScopeRule::None,
        summary: "My service requests, newest first",
        query: &[],
        body: None,
        ok: (200, s::<Page<ServiceRequest>>),
        handler: h!(portal_requests::list),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/portal/requests",
        access: Access::Portal,
        scope: ScopeRule::None,
        summary: "Open a service request",
        query: &[],
        body: Some(s::<RequestInput>),
        ok: (201, s::<RequestDetail>),
        handler: h!(portal_requests::create),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/portal/requests/{id}",
        access: Access::Portal,
        scope: ScopeRule::None,
        summary: "One of my requests with its public history",
        query: &[],
        body: None,
        ok: (200, s::<RequestDetail>),
        handler: h!(portal_requests::get),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/portal/requests/{id}/messages",
        access: Access::Portal,
        scope: ScopeRule::None,
        summary: "Answer on one of my requests",
        query: &[],
        body: Some(s::<MessageInput>),
        ok: (201, s::<RequestDetail>),
        handler: h!(portal_requests::message),
    },
    Route {
        method: Method::Post,
        path: "/api/v1/portal/requests/{id}/reopen",
        access: Access::Portal,
        scope: ScopeRule::None,
        summary: "Reopen a request resolved within the last 7 days",
        query: &[],
        body: Some(s::<RequestAssign>),
        ok: (200, s::<RequestDetail>),
        handler: h!(portal_requests::reopen),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/lookup",
        access: Access::Staff(CUSTOMER_ROLES),
        scope: ScopeRule::Customers,
        summary: "Caller lookup: the customers a phone number belongs to, their contacts, open requests and recent shipments, and shipments addressed to it",
        query: &[("phone", "The caller's number (mobile or landline)")],
        body: None,
        ok: (200, s::<CallerLookup>),
        handler: h!(lookup::lookup),
    },
    Route {
        method: Method::Get,
        path: "/api/v1/canned-replies",
        access: Access::Staff(ANY_STAFF),
        scope: ScopeRule::None,
        summary: "Canned replies and phone scripts (scripts first)",
        query: &[],
        body: None,
        ok: (200, s::<Vec<CannedReply>>),
        handler: h!(requests::canned),
    },
    Route {
        method: Method::Put,
        path: "/api/v1/canned-replies",
        access: Access::Staff(ADMIN),
        scope: ScopeRule::None,
        summary: "Replace the canned replies and phone scripts (admins)",
        query: &[],
        body: Some(s::<Vec<CannedReply>>),
        ok: (200, s::<Vec<CannedReply>>),
        handler: h!(requests::replace_canned),
    },
];

/// The outcome of matching a request against the table.
pub enum Matched {
    Route(&'static Route, Vec<(&'static str, String)>),
    /// The path exists, with other methods.
    WrongMethod,
    NotFound,
}

/// Matches `{name}` segments literally segment by segment; no regexes, no allocation per route.
pub fn find(method: &Method, path: &str) -> Matched {
    let segs: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let mut path_matched = false;
    for r in ROUTES {
        let Some(params) = match_path(r.path, &segs) else { continue };
        path_matched = true;
        if r.method == *method {
            return Matched::Route(r, params);
        }
    }
    if path_matched { Matched::WrongMethod } else { Matched::NotFound }
}

fn match_path(pattern: &'static str, segs: &[&str]) -> Option<Vec<(&'static str, String)>> {
    let pat: Vec<&'static str> = pattern.split('/').collect();
    if pat.len() != segs.len() {
        return None;
    }
    let mut params = Vec::new();
    for (p, s) in pat.iter().zip(segs) {
        if let Some(name) = p.strip_prefix('{').and_then(|n| n.strip_suffix('}')) {
            if s.is_empty() {
                return None;
            }
            params.push((name, (*s).to_string()));
        } else if p != s {
            return None;
        }
    }
    Some(params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matching() {
        assert!(
            matches!(find(&Method::Get, "/api/v1/orgs/12"), Matched::Route(r, p) if r.path == "/api/v1/orgs/{id}" && p == vec![("id", "12".to_string())])
        );
        assert!(
            matches!(find(&Method::Get, "/api/v1/orgs/"), Matched::Route(r, _) if r.path == "/api/v1/orgs")
        );
        assert!(matches!(find(&Method::Delete, "/api/v1/orgs/12"), Matched::WrongMethod));
        assert!(matches!(find(&Method::Get, "/api/v1/nope"), Matched::NotFound));
        assert!(matches!(find(&Method::Get, "/api/v1/orgs/1/2"), Matched::NotFound));
    }

    #[test]
    fn routes_are_unique() {
        for (i, a) in ROUTES.iter().enumerate() {
            for b in &ROUTES[i + 1..] {
                assert!(!(a.method == b.method && a.path == b.path), "duplicate {:?} {}", a.method, a.path);
            }
        }
    }

    #[test]
    fn only_health_login_and_tracking_are_public() {
        let public: Vec<&str> =
            ROUTES.iter().filter(|r| r.access == Access::Public).map(|r| r.path).collect();
        assert_eq!(
            public,
            vec![
                "/api/v1/health",
                "/api/v1/auth/login",
                "/api/v1/public/track/{waybill_no}",
                "/api/v1/public/track/{waybill_no}/report",
                "/api/v1/portal/auth/code",
                "/api/v1/portal/auth/register",
                "/api/v1/portal/auth/activate",
                "/api/v1/portal/auth/reset",
                "/api/v1/portal/auth/login",
            ]
        );
        let integration: Vec<&str> =
            ROUTES.iter().filter(|r| r.access == Access::Integration).map(|r| r.path).collect();
        assert_eq!(integration, vec!["/api/v1/ingest/shipments", "/api/v1/ingest/events"]);
    }
}
