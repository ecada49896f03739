//! Service requests: create (numbered per day), lists (mine, my org's queue, all, a customer's),
//! detail with history, status changes checked against `schema::request::RequestStatus::next`
//! in SQL as well as in the handler, claiming, assigning, forwarding to another org, replies and
//! notes. Every change is one version-checked batch; status entries come from a trigger.

use schema::page::{Page, PageRequest, page_from};
use schema::request::{
    RequestDetail, RequestEntry, RequestKind, RequestStatus, ServiceRequest, ValidRequest,
};

use schema::sla::{self as rules, Calendar, Clock, Stored};

use super::db::{Arg, Db, DbError, Sql, guard_changed, names};
use super::now;
use super::sla;
use crate::store::db::sql;

const SELECT: &str = "SELECT r.id, r.number, r.kind, r.status, r.priority, r.channel, r.customer_id,
    c.name AS customer_name, r.contact_name, r.contact_phone, r.waybill_no, r.shipment_id, r.subject, r.description,
    r.org_id, o.name AS org_name, r.assignee_id, s.name AS assignee_name, r.version, r.created_at, r.updated_at,
    r.resolved_at, r.complaint_target, r.complaint_cause, r.severity,
    CASE WHEN r.sla_resolve_min IS NOT NULL THEN json_object('first_response_min', r.sla_fr_min,
        'resolve_min', r.sla_resolve_min, 'warn_before_min', r.sla_warn_min, 'escalate_after_min', r.sla_escalate_min,
        'first_response_due', r.fr_due_at, 'first_response_at', r.fr_at, 'resolve_due', r.resolve_due_at,
        'remaining_s', r.sla_remaining_s, 'level', r.sla_level, 'org_path', o.path) END AS sla
    FROM service_requests r LEFT JOIN customers c ON c.id = r.customer_id JOIN orgs o ON o.id = r.org_id
    LEFT JOIN staff s ON s.id = r.assignee_id";

/// Which requests a caller sees.
#[derive(Debug, Clone, PartialEq)]
pub enum RequestScope {
    /// Customer service and admins: every request.
    All,
    /// Other staff: requests held by their org (or below, for managers) or assigned to them.
    Orgs { path: String, staff_id: i64 },
    /// A portal user: their customer's.
    Customer(i64),
}

impl RequestScope {
    pub(super) fn clause(&self) -> (String, Vec<Arg>) {
        self.clause_with("")
    }

    /// The same condition with `+` on org and assignee, so the planner keeps to an index that
    /// already holds both (the open-requests index the counts read, 0020) instead of reading
    /// every request of the org through the org index.
    fn clause_unindexed(&self) -> (String, Vec<Arg>) {
        self.clause_with("+")
    }

    fn clause_with(&self, plus: &str) -> (String, Vec<Arg>) {
        match self {
            RequestScope::All => ("1 = 1".into(), vec![]),
            RequestScope::Orgs { path, staff_id } => (
                format!(
                    "({plus}r.org_id IN (SELECT id FROM orgs WHERE path >= ? AND path < ?) OR {plus}r.assignee_id = ?)"
                ),
                vec![path.into(), super::subtree_upper(path).into(), (*staff_id).into()],
            ),
            RequestScope::Customer(id) => ("r.customer_id = ?".into(), vec![(*id).into()]),
        }
    }
}

/// Who did something (by name, as the history shows it): staff or the customer.
#[derive(Debug, Clone)]
pub enum Author {
    Staff(String),
    Customer(String),
}

impl Author {
    pub(super) fn name(&self) -> &str {
        match self {
            Author::Staff(name) | Author::Customer(name) => name,
        }
    }
}

/// Who opens a new request, as far as where it lands and whose it is depends on them.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// The customer it is for (already checked against the opener's scope); without one, the
    /// waybill's shipper.
    pub customer_id: Option<i64>,
    /// The portal user who opened it.
    pub portal_user_id: Option<i64>,
    /// The queue when no org takes requests (a staff member's own org); without one that case is
    /// an error.
    pub fallback_org: Option<i64>,
}

/// Where a new request goes and whose it is, as [`place`] decided.
#[derive(Debug, Clone)]
pub struct Placement {
    pub org_id: i64,
    pub customer_id: Option<i64>,
    pub portal_user_id: Option<i64>,
    pub shipment_id: Option<i64>,
}

/// Where a request lands — the one place this is decided, for staff, the portal and the
/// tracking page alike: the first routing rule that matches (by kind, region, location), else
/// the intake org (the first service center, else the top of the tree), else the origin's
/// fallback. It is the given customer's, else the shipper's of its waybill.
pub async fn place(db: &impl Db, v: &ValidRequest, origin: &Origin) -> Result<Placement, DbError> {
    #[derive(serde::Deserialize)]
    struct S {
        id: i64,
        customer_id: Option<i64>,
    }
    let shipment: Option<S> = match &v.waybill_no {
        Some(w) => {
            db.first(sql!("SELECT id, customer_id FROM shipments WHERE waybill_no = ?", w.as_str())).await?
        }
        None => None,
    };
    let customer_id = origin.customer_id.or(shipment.as_ref().and_then(|s| s.customer_id));
    let shipment_id = shipment.map(|s| s.id);
    let org_id = match route(db, v.kind, customer_id, shipment_id).await? {
        Some(org) => org,
        None => intake_org(db)
            .await?
            .or(origin.fallback_org)
            .ok_or_else(|| DbError::Other("no active org takes requests".into()))?,
    };
    Ok(Placement { org_id, customer_id, portal_user_id: origin.portal_user_id, shipment_id })
}

/// Opens a request where [`place`] puts it; returns its id.
pub async fn create(db: &impl Db, v: &ValidRequest, origin: &Origin, by: &Author) -> Result<i64, DbError> {
    insert(db, v, &place(db, v, origin).await?, by).await
}

/// Writes a placed request, its SLA clock started (the tests place requests themselves). The
/// number is `SR-<yyyymmdd>-<n>` counting the day's.
pub(super) async fn insert(
    db: &impl Db,
    v: &ValidRequest,
    at_place: &Placement,
    by: &Author,
) -> Result<i64, DbError> {
    #[derive(serde::Deserialize)]
    struct Id {
        id: i64,
    }
    let at = now();
    let day: String = at.chars().take(10).filter(|c| *c != '-').collect();
    // The clock starts now, in the calendar of the org that takes the request.
    let policy = sla::policy_for(db, v.kind, at_place.customer_id).await?;
    let clock = match (&policy, rules::parse_utc(&at)) {
        (Some(p), Some(t)) => {
            let cals = sla::calendar_set(db).await?;
            let cal = rules::calendar_for(&cals, &org_path(db, at_place.org_id).await?);
            Some(Stored::new(p.targets(), Clock::start(&p.targets(), t, cal), cal))
        }
        _ => None,
    };
    // A VIP's request takes the green channel: at least high priority.
    let vip = matches!(policy.as_ref().and_then(|p| p.tier), Some(schema::customer::Tier::Vip));
    let priority = if vip { v.priority.max(schema::request::Priority::High) } else { v.priority };
    let (clock_cols, clock_vals, clock_args) = match &clock {
        Some(c) => {
            let args = sla::values(c);
            let vals: String = (16..16 + args.len()).map(|i| format!(", ?{i}")).collect();
            (format!(", {}", Stored::COLUMNS.join(", ")), vals, args)
        }
        None => (String::new(), String::new(), vec![]),
    };
    let mut insert = sql!(
        format!(
            "INSERT INTO service_requests (number, kind, priority, channel, customer_id, portal_user_id, contact_name,
                 contact_phone, waybill_no, shipment_id, subject, description, org_id, changed_by, created_at, updated_at
                 {clock_cols})
             VALUES ('SR-' || ?1 || '-' || printf('%04d', 1 + (SELECT count(*) FROM service_requests
                         WHERE number >= 'SR-' || ?1 || '-' AND number < 'SR-' || ?1 || '.')),
                     ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15 {clock_vals})
             RETURNING id"
        ),
        day.as_str(), v.kind.as_str(), priority.as_str(), v.channel.as_str(), at_place.customer_id,
        at_place.portal_user_id, v.contact_name.as_str(), v.contact_phone.as_str(), v.waybill_no.clone(),
        at_place.shipment_id, v.subject.as_str(), v.description.as_str(), at_place.org_id, by.name(), at.as_str()
    );
    insert.args.extend(clock_args);
    let out = db.batch(vec![insert]).await?;
    out.into_iter()
        .flat_map(|o| o.rows)
        .find_map(|r| serde_json::from_value::<Id>(r).ok())
        .map(|i| i.id)
        .ok_or_else(|| DbError::Other("request insert returned no id".into()))
}

/// One request in scope.
pub async fn get(db: &impl Db, scope: &RequestScope, id: i64) -> Result<Option<ServiceRequest>, DbError> {
    let (cond, mut args) = scope.clause();
    args.push(id.into());
    let mut rows: Vec<ServiceRequest> =
        db.all(Sql { text: format!("{SELECT} WHERE {cond} AND r.id = ?").into(), args }).await?;
    with_clocks(db, &mut rows).await?;
    Ok(rows.pop())
}

/// A request with everything its page shows: the entries (the public ones only, for the
/// customer), the statuses it may move to, its survey, its claim and its attachments.
pub async fn detail(
    db: &impl Db,
    scope: &RequestScope,
    id: i64,
    public_only: bool,
) -> Result<Option<RequestDetail>, DbError> {
    let Some(request) = get(db, scope, id).await? else { return Ok(None) };
    let next = request.status.next().to_vec();
    // The parts are independent reads: in flight together, one round trip's wait instead of four.
    let claim = async {
        if request.kind == RequestKind::Claim { super::claims::get(db, id).await } else { Ok(None) }
    };
    let (entries, survey, claim, attachments) = futures::future::try_join4(
        entries(db, id, public_only),
        super::surveys::for_request(db, id),
        claim,
        super::attachments::list(db, schema::ids::RequestId(id)),
    )
    .await?;
    Ok(Some(RequestDetail { request, entries, next, survey, claim, attachments }))
}

/// The path of an org (the calendar that applies follows it).
async fn org_path(db: &impl Db, id: i64) -> Result<String, DbError> {
    #[derive(serde::Deserialize)]
    struct P {
        path: String,
    }
    let p: Option<P> = db.first(sql!("SELECT path FROM orgs WHERE id = ?", id)).await?;
    Ok(p.map(|p| p.path).unwrap_or_default())
}

/// Fills each request's time left and breach flag for now, in the calendar of its org.
async fn with_clocks(db: &impl Db, rows: &mut [ServiceRequest]) -> Result<(), DbError> {
    if rows.iter().all(|r| r.sla.is_none()) {
        return Ok(());
    }
    let cals = sla::calendar_set(db).await?;
    let now = rules::parse_utc(&now()).unwrap_or_default();
    for r in rows.iter_mut() {
        let status = r.status;
        if let Some(s) = r.sla.as_mut() {
            let cal = rules::calendar_for(&cals, &s.org_path);
            s.compute(status, now, cal);
        }
    }
    Ok(())
}

/// The UPDATE that writes a request's clock after a change at `at` (none without an SLA):
/// `change` gets the stored clock and the calendar of the request's org. With `version`, it
/// applies only if nobody changed the request since it was read.
async fn clock_after(
    db: &impl Db,
    current: &ServiceRequest,
    at: &str,
    version: Option<i64>,
    change: impl FnOnce(Clock, i64, &Calendar, &[(Option<String>, Calendar)]) -> (Clock, Option<String>),
) -> Result<Option<Sql>, DbError> {
    let (Some(s), Some(t)) = (current.sla.as_ref(), rules::parse_utc(at)) else { return Ok(None) };
    let cals = sla::calendar_set(db).await?;
    let cal = rules::calendar_for(&cals, &s.org_path);
    let (clock, new_path) = change(s.clock(), t, cal, &cals);
    let cal = new_path.as_deref().map_or(cal, |p| rules::calendar_for(&cals, p));
    let stored = Stored::new(s.targets(), clock, cal);
    let mut q = sla::write(current.id, &stored);
    if let Some(v) = version {
        q.text = format!("{} AND version = ?{}", q.text, q.args.len() + 1).into();
        q.args.push(v.into());
    }
    Ok(Some(q))
}

/// A request's history, oldest first; `public_only` for the customer.
pub async fn entries(db: &impl Db, id: i64, public_only: bool) -> Result<Vec<RequestEntry>, DbError> {
    db.all(sql!(
        format!(
            "SELECT e.id, e.at, e.kind, e.body, e.author, e.from_customer, e.status, o.name AS org_name
             FROM request_entries e LEFT JOIN orgs o ON o.id = e.org_id
             WHERE e.request_id = ?{} ORDER BY e.id",
            if public_only { " AND e.public = 1" } else { "" }
        ),
        id
    ))
    .await
}

/// Which list.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum View {
    /// Everything in scope.
    #[default]
    All,
    /// Assigned to the caller.
    Mine(i64),
    /// Unclaimed open requests of an org's queue.
    Queue(i64),
    /// Open requests whose watched deadline falls before this instant (or has passed), soonest
    /// first: the "breaching soon" list. One page, no cursor.
    Breaching(String),
}

/// List filters.
#[derive(Debug, Clone, Default)]
pub struct RequestFilter {
    pub view: View,
    pub status: Option<RequestStatus>,
    pub kind: Option<RequestKind>,
    pub customer_id: Option<i64>,
    /// Only open ones (not resolved or closed).
    pub open: bool,
    /// A request number (or its start) or a waybill number.
    pub q: Option<String>,
}

/// Requests, newest first.
pub async fn list(
    db: &impl Db,
    scope: &RequestScope,
    f: &RequestFilter,
    page: PageRequest,
) -> Result<Page<ServiceRequest>, DbError> {
    let mut rows: Vec<ServiceRequest> = db.all(list_sql(scope, f, page)).await?;
    with_clocks(db, &mut rows).await?;
    Ok(page_from(rows, page.limit, |r| r.id))
}

/// The list's statement (its plan is tested natively).
pub fn list_sql(scope: &RequestScope, f: &RequestFilter, page: PageRequest) -> Sql {
    let (filters, fargs) = filter_clause(f, page);
    let breaching = matches!(f.view, View::Breaching(_));
    let order = if breaching { "r.sla_due_at, r.id" } else { "r.id DESC" };
    let limit = Arg::Int(i64::from(page.limit) + i64::from(!breaching));
    let (text, args) = match scope {
        // "My org's (subtree's) or assigned to me" as one OR defeats both indexes and sorts every
        // request of the org; each half alone is an ordered index range cut at the page size,
        // and their union is at most two pages.
        RequestScope::Orgs { path, staff_id } => {
            let half = |cond: &str| {
                format!(
                    "SELECT id FROM (SELECT r.id FROM service_requests r WHERE {cond}{filters} ORDER BY {order} LIMIT ?)"
                )
            };
            let text = format!(
                "{SELECT} WHERE r.id IN ({} UNION ALL {}) ORDER BY {order} LIMIT ?",
                half("r.org_id IN (SELECT id FROM orgs WHERE path >= ? AND path < ?)"),
                half("r.assignee_id = ?")
            );
            let mut args: Vec<Arg> = vec![path.into(), super::subtree_upper(path).into()];
            args.extend(fargs.iter().cloned());
            args.extend([limit.clone(), (*staff_id).into()]);
            args.extend(fargs);
            args.extend([limit.clone(), limit]);
            (text, args)
        }
        _ => {
            let (cond, mut args) = scope.clause();
            args.extend(fargs);
            args.push(limit);
            (format!("{SELECT} WHERE {cond}{filters} ORDER BY {order} LIMIT ?"), args)
        }
    };
    Sql { text: text.into(), args }
}

/// The list's filters (all but the scope) as ` AND …` on `r`, with their arguments; the keyset
/// cursor too, except for "breaching soon" (one page in deadline order).
fn filter_clause(f: &RequestFilter, page: PageRequest) -> (String, Vec<Arg>) {
    let mut text = String::new();
    let mut args: Vec<Arg> = Vec::new();
    match f.view {
        View::All => {}
        View::Mine(staff) => {
            text.push_str(" AND r.assignee_id = ?");
            args.push(staff.into());
        }
        View::Queue(org) => {
            text.push_str(&format!(
                " AND r.org_id = ? AND r.assignee_id IS NULL AND r.status NOT IN ({})",
                names(RequestStatus::DONE)
            ));
            args.push(org.into());
        }
        View::Breaching(ref until) => {
            text.push_str(" AND r.sla_due_at IS NOT NULL AND r.sla_due_at <= ?");
            args.push(until.as_str().into());
        }
    }
    if let Some(s) = f.status {
        text.push_str(" AND r.status = ?");
        args.push(s.as_str().into());
    }
    if f.open {
        text.push_str(&format!(" AND r.status NOT IN ({})", names(RequestStatus::DONE)));
    }
    if let Some(k) = f.kind {
        text.push_str(" AND r.kind = ?");
        args.push(k.as_str().into());
    }
    if let Some(c) = f.customer_id {
        text.push_str(" AND r.customer_id = ?");
        args.push(c.into());
    }
    if let Some(q) = f.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let upper = q.to_uppercase();
        text.push_str(" AND (r.number >= ? AND r.number < ? OR r.waybill_no = ?)");
        args.extend([upper.clone().into(), format!("{upper}\u{10FFFF}").into(), upper.into()]);
    }
    if let (Some(after), false) = (page.after, matches!(f.view, View::Breaching(_))) {
        text.push_str(" AND r.id < ?");
        args.push(after.into());
    }
    (text, args)
}

/// The request as it is now, for a change to start from (404 is the handler's business: a
/// missing request here is a conflict).
async fn current(db: &impl Db, id: i64) -> Result<ServiceRequest, DbError> {
    get(db, &RequestScope::All, id).await?.ok_or(DbError::VersionConflict)
}

/// The statuses a move to `to` may start from, as SQL: the rule `can_become` states, so SQL and
/// UI agree.
fn from_list(to: RequestStatus) -> String {
    names(RequestStatus::ALL.into_iter().filter(|s| s.can_become(to)))
}

/// Moves a request to `to` (version-checked; the current status must allow it). The SLA clock
/// pauses, stops or resumes with the move, in the same batch.
pub async fn set_status(
    db: &impl Db,
    id: i64,
    version: i64,
    to: RequestStatus,
    note: &str,
    by: &Author,
) -> Result<(), DbError> {
    let at = now();
    let cur = current(db, id).await?;
    let from = cur.status;
    let clock = clock_after(db, &cur, &at, None, |c, t, cal, _| (c.on_move(from, to, t, cal), None)).await?;
    let mut batch = vec![
        sql!(
            format!(
                "UPDATE service_requests SET status = ?1, change_note = ?2, changed_by = ?3, version = version + 1,
                     updated_at = ?4,
                     resolved_at = CASE WHEN ?1 = {resolved} THEN ?4 WHEN ?1 = {reopened} THEN NULL ELSE resolved_at END
                 WHERE id = ?5 AND version = ?6 AND status = ?7 AND status IN ({from})",
                resolved = names([RequestStatus::Resolved]),
                reopened = names([RequestStatus::Reopened]),
                from = from_list(to)
            ),
            to.as_str(),
            note,
            by.name(),
            at.as_str(),
            id,
            version,
            from.as_str()
        ),
        guard_changed(),
    ];
    batch.extend(clock);
    db.batch(batch).await.map(|_| ())
}

/// Gives a request to a staff member (claiming: oneself). A new or reopened request becomes
/// `assigned`; one already being worked on keeps its status.
pub async fn assign(
    db: &impl Db,
    id: i64,
    version: i64,
    assignee: (i64, &str),
    by: &Author,
) -> Result<(), DbError> {
    let at = now();
    db.batch(vec![
        sql!(
            format!(
                "UPDATE service_requests SET assignee_id = ?1, changed_by = ?2, change_note = '',
                     status = CASE WHEN status IN ({unassigned}) THEN {assigned} ELSE status END,
                     version = version + 1, updated_at = ?3
                 WHERE id = ?4 AND version = ?5 AND status NOT IN ({done})",
                unassigned = names([RequestStatus::New, RequestStatus::Reopened]),
                assigned = names([RequestStatus::Assigned]),
                done = names(RequestStatus::DONE)
            ),
            assignee.0,
            by.name(),
            at.as_str(),
            id,
            version
        ),
        guard_changed(),
        sql!(
            "INSERT INTO request_entries (request_id, at, kind, body, public, author) VALUES (?, ?, 'assign', ?, 0, ?)",
            id,
            at.as_str(),
            assignee.1,
            by.name()
        ),
    ])
    .await
    .map(|_| ())
}

/// Forwards a request to another org's queue (unassigned, back to `new` unless it waits for the
/// customer), recording the hop and its reason. The clock carries the business time it had left
/// into the new org's calendar.
pub async fn forward(
    db: &impl Db,
    id: i64,
    version: i64,
    org_id: i64,
    reason: &str,
    by: &Author,
) -> Result<(), DbError> {
    let at = now();
    let cur = current(db, id).await?;
    let to_path = org_path(db, org_id).await?;
    let clock = clock_after(db, &cur, &at, None, |c, t, from, cals| {
        (c.rehome(t, from, rules::calendar_for(cals, &to_path)), Some(to_path.clone()))
    })
    .await?;
    let mut batch = vec![
        sql!(
            // The reason is internal (the hop entry below): the status entry the trigger writes is
            // public, so it carries no note.
            format!(
                "UPDATE service_requests SET org_id = ?1, assignee_id = NULL, changed_by = ?2, change_note = '',
                     status = CASE WHEN status = {waiting} THEN status ELSE {new} END,
                     version = version + 1, updated_at = ?3
                 WHERE id = ?4 AND version = ?5 AND status NOT IN ({done}) AND org_id != ?1",
                waiting = names([RequestStatus::WaitingCustomer]),
                new = names([RequestStatus::New]),
                done = names(RequestStatus::DONE)
            ),
            org_id,
            by.name(),
            at.as_str(),
            id,
            version
        ),
        guard_changed(),
        sql!(
            "INSERT INTO request_entries (request_id, at, kind, body, public, author, org_id)
             VALUES (?, ?, 'forward', ?, 0, ?, ?)",
            id,
            at.as_str(),
            reason,
            by.name(),
            org_id
        ),
    ];
    batch.extend(clock);
    db.batch(batch).await.map(|_| ())
}

/// Adds a reply (public) or a note (internal). A staff member's public reply is the first
/// response if none came yet; a customer's reply to a request waiting for them puts it back in
/// progress and restarts the clock, in the same batch.
pub async fn message(db: &impl Db, id: i64, body: &str, public: bool, by: &Author) -> Result<(), DbError> {
    let at = now();
    let customer = matches!(by, Author::Customer(_));
    let cur = current(db, id).await?;
    let resumes = customer && cur.status == RequestStatus::WaitingCustomer;
    let answers = !customer && public;
    // Applied only if nothing changed the request in between (a concurrent move wrote its own clock).
    let clock = if resumes || answers {
        clock_after(db, &cur, &at, Some(cur.version), |c, t, cal, _| {
            let c = if resumes {
                c.on_move(RequestStatus::WaitingCustomer, RequestStatus::InProgress, t, cal)
            } else {
                c.respond(t)
            };
            (c, None)
        })
        .await?
    } else {
        None
    };
    let mut batch = vec![sql!(
        "INSERT INTO request_entries (request_id, at, kind, body, public, author, from_customer)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
        id,
        at.as_str(),
        if public { "reply" } else { "note" },
        body,
        public,
        by.name(),
        customer
    )];
    batch.extend(clock);
    // A customer's reply puts a request that waited for them back in progress.
    let touch = if customer {
        format!(
            "UPDATE service_requests SET status = CASE WHEN status = {waiting} THEN {progress} ELSE status END,
                 changed_by = ?, change_note = '', version = version + 1, updated_at = ? WHERE id = ?",
            waiting = names([RequestStatus::WaitingCustomer]),
            progress = names([RequestStatus::InProgress])
        )
    } else {
        "UPDATE service_requests SET changed_by = ?, change_note = '', version = version + 1, updated_at = ? WHERE id = ?"
            .to_string()
    };
    batch.push(sql!(touch, by.name(), at.as_str(), id));
    db.batch(batch).await.map(|_| ())
}

/// The org new requests land in when no rule routes them: the first service center, else the
/// top of the tree.
async fn intake_org(db: &impl Db) -> Result<Option<i64>, DbError> {
    #[derive(serde::Deserialize)]
    struct O {
        id: i64,
    }
    let o: Option<O> = db
        .first(sql!(format!(
            "SELECT id FROM orgs WHERE active = 1 ORDER BY kind != {}, parent_id IS NOT NULL, id LIMIT 1",
            names([schema::org::OrgKind::ServiceCenter])
        )))
        .await?;
    Ok(o.map(|o| o.id))
}

/// The org a routing rule sends a new request to (the first rule, by position, whose
/// conditions all hold), if any — an active org only.
async fn route(
    db: &impl Db,
    kind: RequestKind,
    customer_id: Option<i64>,
    shipment_id: Option<i64>,
) -> Result<Option<i64>, DbError> {
    #[derive(serde::Deserialize)]
    struct O {
        org_id: i64,
    }
    let o: Option<O> = db
        .first(sql!(
            "SELECT r.org_id FROM routing_rules r JOIN orgs o ON o.id = r.org_id AND o.active = 1
             WHERE (r.kind = '' OR r.kind = ?1)
               AND (r.region = '' OR instr(coalesce((SELECT province || city FROM customers WHERE id = ?2), '') || ' '
                        || coalesce((SELECT dest_region FROM shipments WHERE id = ?3), ''), r.region) > 0)
               AND (r.location = '' OR instr(coalesce((SELECT last_location FROM shipments WHERE id = ?3), ''), r.location) > 0)
             ORDER BY r.position LIMIT 1",
            kind.as_str(),
            customer_id,
            shipment_id
        ))
        .await?;
    Ok(o.map(|o| o.org_id))
}

/// The routing rules in order, with their orgs' names.
pub async fn routing_rules(db: &impl Db) -> Result<Vec<schema::routing::RoutingRule>, DbError> {
    #[derive(serde::Deserialize)]
    struct R {
        kind: String,
        region: String,
        location: String,
        org_id: i64,
        org_name: Option<String>,
    }
    let rows: Vec<R> = db
        .all(sql!(
            "SELECT r.kind, r.region, r.location, r.org_id, o.name AS org_name
             FROM routing_rules r LEFT JOIN orgs o ON o.id = r.org_id ORDER BY r.position"
        ))
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| schema::routing::RoutingRule {
            kind: serde_json::from_value(serde_json::Value::String(r.kind)).ok(),
            region: r.region,
            location: r.location,
            org_id: r.org_id,
            org_name: r.org_name,
        })
        .collect())
}

/// Replaces the routing rules (one batch, audited).
pub async fn replace_routing_rules(
    db: &impl Db,
    actor: &super::Actor,
    rows: &[schema::routing::RoutingRule],
) -> Result<(), DbError> {
    let insert = "INSERT INTO routing_rules (position, kind, region, location, org_id)
         SELECT key, coalesce(value ->> 'kind', ''), value ->> 'region', value ->> 'location', value ->> 'org_id'
         FROM json_each(?)";
    super::lists::replace(db, actor, "routing_rules", insert, rows).await
}

/// Which shipment events open requests by themselves.
pub async fn auto_settings(db: &impl Db) -> Result<schema::request::AutoRequestSettings, DbError> {
    let s = db.first(sql!("SELECT on_exception, on_overdue FROM auto_request_settings WHERE id = 1")).await?;
    Ok(s.unwrap_or(schema::request::AutoRequestSettings { on_exception: false, on_overdue: false }))
}

/// Switches the automatic requests (audited).
pub async fn set_auto_settings(
    db: &impl Db,
    actor: &super::Actor,
    v: schema::request::AutoRequestSettings,
) -> Result<(), DbError> {
    let at = now();
    db.batch(vec![
        sql!(
            "UPDATE auto_request_settings SET on_exception = ?, on_overdue = ? WHERE id = 1",
            v.on_exception,
            v.on_overdue
        ),
        super::audit::entry(
            actor,
            &at,
            "update",
            "auto_request_settings",
            super::audit::EntityRef::Id(1),
            &serde_json::json!({"on_exception": {"from": null, "to": v.on_exception}, "on_overdue": {"from": null, "to": v.on_overdue}}),
        ),
    ])
    .await
    .map(|_| ())
}

/// Canned replies and scripts, scripts first, in their order.
pub async fn canned(db: &impl Db) -> Result<Vec<schema::request::CannedReply>, DbError> {
    // Scripts first (read out on a call), then the replies.
    db.all(sql!(format!(
        "SELECT kind, title, body FROM canned_replies ORDER BY kind = {}, position, id",
        names([schema::request::CannedKind::Reply])
    )))
    .await
}

/// Replaces the whole list (one batch, with the audit entry).
pub async fn replace_canned(
    db: &impl Db,
    actor: &super::Actor,
    rows: &[schema::request::CannedReply],
) -> Result<(), DbError> {
    let insert = "INSERT INTO canned_replies (kind, title, body, position)
         SELECT value ->> 'kind', value ->> 'title', value ->> 'body', key FROM json_each(?)";
    super::lists::replace(db, actor, "canned_replies", insert, rows).await
}

/// Open requests in scope per kind and status.
pub async fn counts(
    db: &impl Db,
    scope: &RequestScope,
) -> Result<Vec<schema::request::RequestCount>, DbError> {
    db.all(counts_sql(scope)).await
}

/// The counts' statement: the open-requests index alone (0020), whatever the scope.
pub fn counts_sql(scope: &RequestScope) -> Sql {
    let (cond, args) = scope.clause_unindexed();
    Sql {
        text: format!(
            "SELECT r.kind, r.status, count(*) AS n FROM service_requests r
             WHERE {cond} AND r.status NOT IN ({done}) GROUP BY r.kind, r.status ORDER BY r.kind, r.status",
            done = names(RequestStatus::DONE)
        )
        .into(),
        args,
    }
}
