//! SLA storage: the policy table and business calendars (admins replace each as a whole), the
//! clock's columns on a request, the escalation sweep, and staff notices. The clock itself is
//! computed in `schema::sla`; the sweep only compares stored instants with now.

use schema::customer::Tier;
use schema::ids::StaffId;
use schema::page::{Page, PageRequest, page_from};
use schema::request::RequestKind;
use schema::sla::{Calendar, CalendarSpec, SlaPolicy, StaffNotice, Stored, StoredValue};
use serde::Deserialize;

use super::Actor;
use super::db::{Arg, Db, DbError, Sql};
use crate::store::db::sql;

/// Requests one sweep step handles; the sweep repeats steps up to [`SWEEP_STEPS`].
pub const SWEEP_BATCH: i64 = 500;
pub const SWEEP_STEPS: usize = 20;

#[derive(Deserialize)]
struct PolicyRow {
    kind: RequestKind,
    tier: String,
    first_response_min: i64,
    resolve_min: i64,
    warn_before_min: i64,
    escalate_after_min: i64,
}

impl From<PolicyRow> for SlaPolicy {
    fn from(r: PolicyRow) -> SlaPolicy {
        SlaPolicy {
            kind: r.kind,
            tier: serde_json::from_value::<Tier>(serde_json::Value::String(r.tier)).ok(),
            first_response_min: r.first_response_min,
            resolve_min: r.resolve_min,
            warn_before_min: r.warn_before_min,
            escalate_after_min: r.escalate_after_min,
        }
    }
}

/// The policy table, by kind then tier (any-tier rows first).
pub async fn policies(db: &impl Db) -> Result<Vec<SlaPolicy>, DbError> {
    let rows: Vec<PolicyRow> = db
        .all(sql!(
            "SELECT kind, tier, first_response_min, resolve_min, warn_before_min, escalate_after_min
             FROM sla_policies ORDER BY kind, tier != '', tier"
        ))
        .await?;
    Ok(rows.into_iter().map(SlaPolicy::from).collect())
}

/// The policy for a new request of `kind` for `customer` (their tier's, else any tier's).
pub async fn policy_for(
    db: &impl Db,
    kind: RequestKind,
    customer: Option<i64>,
) -> Result<Option<SlaPolicy>, DbError> {
    let rows: Vec<PolicyRow> = db
        .all(sql!(
            "SELECT p.kind, p.tier, p.first_response_min, p.resolve_min, p.warn_before_min, p.escalate_after_min
             FROM sla_policies p
             WHERE p.kind = ?1 AND (p.tier = '' OR p.tier = (SELECT tier FROM customers WHERE id = ?2))
             ORDER BY p.tier = '' LIMIT 1",
            kind.as_str(),
            customer
        ))
        .await?;
    Ok(rows.into_iter().next().map(SlaPolicy::from))
}

/// Replaces the policy table (one batch, audited). Open requests keep the targets they started with.
pub async fn replace_policies(db: &impl Db, actor: &Actor, rows: &[SlaPolicy]) -> Result<(), DbError> {
    let insert = "INSERT INTO sla_policies (kind, tier, first_response_min, resolve_min, warn_before_min, escalate_after_min)
         SELECT value ->> 'kind', coalesce(value ->> 'tier', ''), value ->> 'first_response_min',
                value ->> 'resolve_min', value ->> 'warn_before_min', value ->> 'escalate_after_min'
         FROM json_each(?)";
    super::lists::replace(db, actor, "sla_policies", insert, rows).await
}

#[derive(Deserialize)]
struct CalendarRow {
    org_id: Option<i64>,
    org_name: Option<String>,
    org_path: Option<String>,
    spec: String,
}

async fn calendar_rows(db: &impl Db) -> Result<Vec<CalendarRow>, DbError> {
    db.all(sql!(
        "SELECT c.org_id, o.name AS org_name, o.path AS org_path, c.spec
         FROM business_calendars c LEFT JOIN orgs o ON o.id = c.org_id ORDER BY c.org_id IS NOT NULL, o.path"
    ))
    .await
}

fn spec_of(row: &CalendarRow) -> CalendarSpec {
    let mut spec: CalendarSpec = serde_json::from_str(&row.spec).unwrap_or_else(|_| CalendarSpec::standard());
    spec.org_id = row.org_id;
    spec.org_name = row.org_name.clone();
    spec
}

/// The calendars as admins edit them: the firm's default first.
pub async fn calendars(db: &impl Db) -> Result<Vec<CalendarSpec>, DbError> {
    Ok(calendar_rows(db).await?.iter().map(spec_of).collect())
}

/// Every calendar ready for arithmetic, keyed by its org's path (`None`: the firm's default);
/// [`schema::sla::calendar_for`] picks the one that applies.
pub async fn calendar_set(db: &impl Db) -> Result<Vec<(Option<String>, Calendar)>, DbError> {
    Ok(calendar_rows(db)
        .await?
        .iter()
        .filter_map(|r| spec_of(r).calendar().ok().map(|c| (r.org_path.clone(), c)))
        .collect())
}

/// Replaces the calendars (one batch, audited). Running clocks keep their deadlines until their
/// next change.
pub async fn replace_calendars(db: &impl Db, actor: &Actor, rows: &[CalendarSpec]) -> Result<(), DbError> {
    #[derive(serde::Serialize)]
    struct Row {
        org_id: Option<i64>,
        spec: String,
    }
    let rows: Vec<Row> = rows
        .iter()
        .map(|r| Row {
            org_id: r.org_id,
            spec: serde_json::json!({
                "utc_offset_min": r.utc_offset_min, "week": r.week, "holidays": r.holidays, "workdays": r.workdays,
            })
            .to_string(),
        })
        .collect();
    let insert = "INSERT INTO business_calendars (org_id, spec) SELECT value ->> 'org_id', value ->> 'spec' FROM json_each(?)";
    super::lists::replace(db, actor, "business_calendars", insert, &rows).await
}

fn arg(v: StoredValue) -> Arg {
    match v {
        StoredValue::Int(i) => i.into(),
        StoredValue::Text(t) => t.into(),
    }
}

/// The clock's column values, in [`Stored::COLUMNS`] order.
pub fn values(s: &Stored) -> Vec<Arg> {
    s.values().into_iter().map(arg).collect()
}

/// The clock's columns as `SET` assignments numbered from `?{first}`, with their arguments.
pub fn assignments(s: &Stored, first: usize) -> (String, Vec<Arg>) {
    let set: Vec<String> =
        Stored::COLUMNS.iter().enumerate().map(|(i, c)| format!("{c} = ?{}", first + i)).collect();
    (set.join(", "), values(s))
}

/// An UPDATE writing the clock of request `id` (for the batch of the change that moved it).
pub fn write(id: i64, s: &Stored) -> Sql {
    let (set, mut args) = assignments(s, 1);
    args.push(id.into());
    Sql { text: format!("UPDATE service_requests SET {set} WHERE id = ?{}", args.len()).into(), args }
}

/// The SQL of one sweep step: pick the requests whose next rung has come (at most
/// [`SWEEP_BATCH`], the rung each reaches — straight to the highest one passed), tell the
/// people of that rung, move the ladder on, forget the work list. One batch: a failure changes
/// nothing and the next run repeats it; notices are unique per deadline, so nothing is told twice.
/// Five statements a step.
fn sweep_step(now: &str) -> Vec<Sql> {
    vec![
        sql!(
            "INSERT INTO sla_sweep (request_id, level)
             SELECT id, CASE WHEN sla_escalate_at <= ?1 THEN 3 WHEN sla_due_at <= ?1 THEN 2 ELSE 1 END
             FROM service_requests WHERE sla_next_at <= ?1 ORDER BY sla_next_at LIMIT ?2",
            now,
            SWEEP_BATCH
        ),
        // Warned: the assignee, else the supervisors. Breached: the assignee and the supervisors.
        // Escalated: the managers. Supervisors and managers: the request's leads (view, 0027).
        sql!(
            "INSERT OR IGNORE INTO staff_notices (staff_id, kind, request_id, due_at, created_at)
             SELECT r.assignee_id, CASE w.level WHEN 1 THEN 'sla_warn' ELSE 'sla_breach' END, r.id, r.sla_due_at, ?1
             FROM sla_sweep w JOIN service_requests r ON r.id = w.request_id
             JOIN staff s ON s.id = r.assignee_id AND s.active = 1
             WHERE w.level < 3",
            now
        ),
        sql!(
            "INSERT OR IGNORE INTO staff_notices (staff_id, kind, request_id, due_at, created_at)
             SELECT l.staff_id, CASE w.level WHEN 1 THEN 'sla_warn' WHEN 2 THEN 'sla_breach' ELSE 'sla_escalate' END,
                    r.id, r.sla_due_at, ?1
             FROM sla_sweep w JOIN service_requests r ON r.id = w.request_id JOIN request_leads l ON l.request_id = r.id
             WHERE l.role = CASE WHEN w.level = 3 THEN 'cs_manager' ELSE 'cs_supervisor' END
               AND (w.level > 1 OR r.assignee_id IS NULL)",
            now
        ),
        // Not a user's edit: the version stays, so nobody's open form turns stale.
        sql!(
            "UPDATE service_requests SET sla_level = w.level,
                 sla_next_at = CASE w.level WHEN 1 THEN sla_due_at WHEN 2 THEN sla_escalate_at END
             FROM sla_sweep w WHERE service_requests.id = w.request_id"
        ),
        sql!("DELETE FROM sla_sweep"),
    ]
}

/// Walks the escalation ladder for every request whose next rung has come. Returns how many
/// requests moved up (bounded: [`SWEEP_STEPS`] × [`SWEEP_BATCH`] a run; the next run goes on).
pub async fn sweep(db: &impl Db, now: &str) -> Result<u64, DbError> {
    let mut total = 0;
    for _ in 0..SWEEP_STEPS {
        let out = db.batch(sweep_step(now)).await?;
        let n = out.first().map_or(0, |o| o.changes);
        total += n;
        if n < SWEEP_BATCH as u64 {
            break;
        }
    }
    Ok(total)
}

/// A staff member's notices, newest first.
pub async fn notices(
    db: &impl Db,
    staff_id: StaffId,
    page: PageRequest,
) -> Result<Page<StaffNotice>, DbError> {
    let rows: Vec<StaffNotice> = db
        .all(sql!(
            "SELECT n.id, n.kind, n.request_id, r.number, r.subject, n.due_at, n.created_at, n.read_at
             FROM staff_notices n JOIN service_requests r ON r.id = n.request_id
             WHERE n.staff_id = ?1 AND n.id < ?2 ORDER BY n.id DESC LIMIT ?3",
            staff_id,
            page.after.unwrap_or(i64::MAX),
            i64::from(page.limit) + 1
        ))
        .await?;
    Ok(page_from(rows, page.limit, |n| n.id))
}

/// How many of a staff member's notices are unread.
pub async fn unread(db: &impl Db, staff_id: StaffId) -> Result<i64, DbError> {
    #[derive(Deserialize)]
    struct N {
        n: i64,
    }
    let n: Option<N> = db
        .first(sql!(
            "SELECT count(*) AS n FROM staff_notices WHERE staff_id = ? AND read_at IS NULL",
            staff_id
        ))
        .await?;
    Ok(n.map_or(0, |n| n.n))
}

/// Marks notices read: these ids, or (empty) all of the staff member's.
pub async fn mark_read(db: &impl Db, staff_id: StaffId, ids: &[i64]) -> Result<u64, DbError> {
    let at = super::now();
    if ids.is_empty() {
        return db
            .exec(sql!(
                "UPDATE staff_notices SET read_at = ? WHERE staff_id = ? AND read_at IS NULL",
                at.as_str(),
                staff_id
            ))
            .await;
    }
    let list = super::db::json(ids)?;
    db.exec(sql!(
        "UPDATE staff_notices SET read_at = ? WHERE staff_id = ? AND read_at IS NULL
             AND id IN (SELECT value FROM json_each(?))",
        at.as_str(),
        staff_id,
        list
    ))
    .await
}

/// Requests opened by a trigger (from shipments, migration 0023) start their clock here, from
/// their `created_at`, with the policy of their kind and customer tier and their org's calendar.
/// Bounded per call; returns how many were started (the Cron sweep calls it too).
pub async fn start_pending(db: &impl Db) -> Result<u64, DbError> {
    #[derive(Deserialize)]
    struct Pending {
        id: i64,
        kind: RequestKind,
        tier: Option<String>,
        created_at: String,
        org_path: String,
    }
    let rows: Vec<Pending> = db
        .all(sql!(
            "SELECT r.id, r.kind, c.tier, r.created_at, o.path AS org_path
             FROM service_requests r JOIN orgs o ON o.id = r.org_id LEFT JOIN customers c ON c.id = r.customer_id
             WHERE r.sla_pending = 1 ORDER BY r.id LIMIT ?",
            SWEEP_BATCH
        ))
        .await?;
    if rows.is_empty() {
        return Ok(0);
    }
    let (policies, cals) = (policies(db).await?, calendar_set(db).await?);
    let batch: Vec<Sql> = rows
        .iter()
        .map(|r| {
            let tier = r.tier.as_deref().and_then(|t| serde_json::from_value(serde_json::Value::String(t.into())).ok());
            let start = schema::sla::parse_utc(&r.created_at);
            match (schema::sla::pick(&policies, r.kind, tier), start) {
                (Some(p), Some(at)) => {
                    let cal = schema::sla::calendar_for(&cals, &r.org_path);
                    let t = p.targets();
                    let stored = Stored::new(t, schema::sla::Clock::start(&t, at, cal), cal);
                    let (set, mut args) = assignments(&stored, 1);
                    args.push(r.id.into());
                    Sql {
                        text: format!(
                            "UPDATE service_requests SET {set}, sla_pending = 0 WHERE id = ?{} AND sla_pending = 1",
                            args.len()
                        )
                        .into(),
                        args,
                    }
                }
                _ => sql!("UPDATE service_requests SET sla_pending = 0 WHERE id = ?", r.id),
            }
        })
        .collect();
    Ok(db.batch(batch).await?.iter().map(|o| o.changes).sum())
}
