//! Pickup bookings and dispatch. Every status change is one version-checked UPDATE that also
//! requires the current status to allow it (so two dispatchers, or a dispatcher and the courier,
//! cannot both win); history rows and customer notices come from triggers (migration 0013).

use schema::ids::CustomerId;
use schema::page::{Page, PageRequest, page_from};
use schema::pickup::{Pickup, PickupDetail, PickupStatus, PickupStep, ValidPickup};
use schema::shipment::ValidShipment;

use super::audit::{self, EntityRef};
use super::db::{Arg, Db, DbError, Sql, guard_changed, names};
use super::{Actor, now};
use crate::store::db::sql;

const SELECT: &str = "SELECT p.id, p.pickup_no, p.customer_id, c.name AS customer_name, p.channel, p.contact_name,
    p.contact_phone, p.region, p.address, p.postcode, p.window_start, p.window_end, p.pieces, p.weight_g, p.notes,
    p.service_code, p.consignee_name, p.consignee_phone, p.consignee_address, p.dest_region, p.dest_postcode,
    p.status, p.org_id, o.name AS org_name, p.courier_id, s.name AS courier_name, s.phone AS courier_phone,
    p.fail_reason, p.shipment_id, sh.waybill_no, p.version, p.created_at, p.updated_at
    FROM pickups p JOIN customers c ON c.id = p.customer_id LEFT JOIN orgs o ON o.id = p.org_id
    LEFT JOIN staff s ON s.id = p.courier_id LEFT JOIN shipments sh ON sh.id = p.shipment_id";

/// Which pickups a caller sees.
#[derive(Debug, Clone, PartialEq)]
pub enum PickupScope {
    /// Dispatchers: every pickup.
    All,
    /// A courier: the pickups assigned to them.
    Courier(i64),
    /// A portal user: their customer's.
    Customer(i64),
}

impl PickupScope {
    fn clause(&self) -> (&'static str, Vec<Arg>) {
        match self {
            PickupScope::All => ("1 = 1", vec![]),
            PickupScope::Courier(id) => ("p.courier_id = ?", vec![(*id).into()]),
            PickupScope::Customer(id) => ("p.customer_id = ?", vec![(*id).into()]),
        }
    }
}

/// Who booked it.
#[derive(Debug, Clone)]
pub enum Booker {
    Portal { user_id: i64, name: String },
    Staff(Actor),
}

/// Books a pickup; returns its id. The number is `PU<yyyymmdd>-<n>` with n counting the day's
/// bookings (the UNIQUE index settles a race).
pub async fn create(
    db: &impl Db,
    customer_id: CustomerId,
    by: &Booker,
    v: &ValidPickup,
) -> Result<i64, DbError> {
    #[derive(serde::Deserialize)]
    struct Id {
        id: i64,
    }
    let at = now();
    let day: String = at.chars().take(10).filter(|c| *c != '-').collect();
    let (channel, portal_user, changed_by) = match by {
        Booker::Portal { user_id, name } => ("portal", Some(*user_id), name.clone()),
        Booker::Staff(a) => ("phone", None, a.name.clone()),
    };
    let mut batch = vec![sql!(
            "INSERT INTO pickups (pickup_no, customer_id, channel, portal_user_id, contact_name, contact_phone, region,
                 address, postcode, window_start, window_end, pieces, weight_g, notes, service_code, consignee_name,
                 consignee_phone, consignee_address, dest_region, dest_postcode, changed_by, created_at, updated_at)
             VALUES ('PU' || ?1 || '-' || printf('%04d', 1 + (SELECT count(*) FROM pickups
                         WHERE pickup_no >= 'PU' || ?1 || '-' AND pickup_no < 'PU' || ?1 || '.')),
                     ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?22)
             RETURNING id",
            day.as_str(), customer_id, channel, portal_user, v.contact_name.as_str(), v.contact_phone.as_str(),
            v.region.as_str(), v.address.as_str(), v.postcode.as_str(), v.window_start.as_str(),
            v.window_end.as_str(), v.pieces, v.weight_g, v.notes.as_str(), v.service_code.as_str(),
            v.consignee_name.as_str(), v.consignee_phone.as_str(), v.consignee_address.as_str(),
            v.dest_region.as_str(), v.dest_postcode.as_str(), changed_by, at.as_str()
        )];
    // A blacklisted customer's booking exists only with a manager's reason, on record with it.
    if let (Some(reason), Booker::Staff(actor)) = (&v.blacklist_override, by) {
        let diff = serde_json::json!({"customer_id": customer_id, "reason": reason});
        batch.push(audit::entry(actor, &at, "blacklist_override", "pickup", EntityRef::JustInserted, &diff));
    }
    let out = db.batch(batch).await?;
    out.into_iter()
        .flat_map(|o| o.rows)
        .find_map(|r| serde_json::from_value::<Id>(r).ok())
        .map(|i| i.id)
        .ok_or_else(|| DbError::Other("pickup insert returned no id".into()))
}

/// One pickup in scope.
pub async fn get(db: &impl Db, scope: &PickupScope, id: i64) -> Result<Option<Pickup>, DbError> {
    let (cond, mut args) = scope.clause();
    args.push(id.into());
    db.first(Sql { text: format!("{SELECT} WHERE {cond} AND p.id = ?").into(), args }).await
}

/// A pickup with its history.
pub async fn detail(db: &impl Db, pickup: Pickup) -> Result<PickupDetail, DbError> {
    let history: Vec<PickupStep> = db
        .all(sql!(
            "SELECT at, status, note, actor FROM pickup_history WHERE pickup_id = ? ORDER BY id",
            pickup.id
        ))
        .await?;
    Ok(PickupDetail { pickup, history })
}

/// List filters.
#[derive(Debug, Clone, Default)]
pub struct PickupFilter {
    pub status: Option<PickupStatus>,
    /// Windows starting in `[from, to)` (a local day, converted by the caller).
    pub window: Option<(String, String)>,
    pub org_id: Option<i64>,
    pub courier_id: Option<i64>,
    pub customer_id: Option<i64>,
}

/// Pickups, newest booking first.
pub async fn list(
    db: &impl Db,
    scope: &PickupScope,
    f: &PickupFilter,
    page: PageRequest,
) -> Result<Page<Pickup>, DbError> {
    let (cond, mut args) = scope.clause();
    let mut text = format!("{SELECT} WHERE {cond}");
    if let Some(s) = f.status {
        text.push_str(" AND p.status = ?");
        args.push(s.as_str().into());
    }
    if let Some((from, to)) = &f.window {
        text.push_str(" AND p.window_start >= ? AND p.window_start < ?");
        args.extend([from.into(), to.into()]);
    }
    for (col, v) in [("p.org_id", f.org_id), ("p.courier_id", f.courier_id), ("p.customer_id", f.customer_id)]
    {
        if let Some(v) = v {
            text.push_str(&format!(" AND {col} = ?"));
            args.push(v.into());
        }
    }
    if let Some(after) = page.after {
        text.push_str(" AND p.id < ?");
        args.push(after.into());
    }
    text.push_str(" ORDER BY p.id DESC LIMIT ?");
    args.push(Arg::Int(i64::from(page.limit) + 1));
    let rows: Vec<Pickup> = db.all(Sql { text: text.into(), args }).await?;
    Ok(page_from(rows, page.limit, |p| p.id))
}

/// A courier's pickups with windows starting in `[from, to)`, in window order (the day's route).
pub async fn courier_day(
    db: &impl Db,
    courier_id: i64,
    from: &str,
    to: &str,
) -> Result<Vec<Pickup>, DbError> {
    db.all(sql!(
        format!(
            "{SELECT} WHERE p.courier_id = ? AND p.window_start >= ? AND p.window_start < ?
             ORDER BY p.window_start, p.id LIMIT 200"
        ),
        courier_id,
        from,
        to
    ))
    .await
}

/// The statuses a move may start from, as SQL.
fn from_list(to: PickupStatus) -> String {
    names(PickupStatus::ALL.into_iter().filter(|s| s.can_become(to)))
}

/// Assigns (or re-assigns) an outlet and a courier.
pub async fn assign(
    db: &impl Db,
    actor: &Actor,
    id: i64,
    version: i64,
    org_id: i64,
    courier_id: i64,
) -> Result<(), DbError> {
    db.batch(vec![
        sql!(
            format!(
                "UPDATE pickups SET status = 'assigned', org_id = ?, courier_id = ?, fail_reason = '', changed_by = ?,
                     version = version + 1, updated_at = ?
                 WHERE id = ? AND version = ? AND status IN ({})",
                from_list(PickupStatus::Assigned)
            ),
            org_id,
            courier_id,
            actor.name.as_str(),
            now(),
            id,
            version
        ),
        guard_changed(),
    ])
    .await
    .map(|_| ())
}

/// Fails or cancels a pickup with a reason.
pub async fn close(
    db: &impl Db,
    changed_by: &str,
    id: i64,
    version: i64,
    to: PickupStatus,
    reason: &str,
) -> Result<(), DbError> {
    db.batch(vec![
        sql!(
            format!(
                "UPDATE pickups SET status = ?, fail_reason = ?, changed_by = ?, version = version + 1, updated_at = ?
                 WHERE id = ? AND version = ? AND status IN ({})",
                from_list(to)
            ),
            to.as_str(),
            reason,
            changed_by,
            now(),
            id,
            version
        ),
        guard_changed(),
    ])
    .await
    .map(|_| ())
}

/// What collecting does to the shipment.
#[derive(Debug, Clone)]
pub enum Collected {
    /// A shipment with this waybill already exists (and is this customer's): link it.
    Link(String),
    /// Create it (insert + audit, from `shipments::insert`).
    Create(Box<ValidShipment>, Option<String>),
}

/// Marks a pickup collected, creating or linking its shipment and recording the `picked_up`
/// event — one batch, so there is never a shipment without its pickup or the other way round.
pub async fn collect(
    db: &impl Db,
    actor: &Actor,
    id: i64,
    version: i64,
    org_id: Option<i64>,
    what: &Collected,
) -> Result<(), DbError> {
    let at = now();
    let waybill = match what {
        Collected::Link(w) => w.clone(),
        Collected::Create(v, _) => v.0.waybill_no.clone(),
    };
    let mut batch = vec![
        sql!(
            format!(
                "UPDATE pickups SET status = {}, changed_by = ?, version = version + 1, updated_at = ?
                 WHERE id = ? AND version = ? AND status IN ({})",
                names([PickupStatus::Collected]),
                from_list(PickupStatus::Collected)
            ),
            actor.name.as_str(),
            at.as_str(),
            id,
            version
        ),
        guard_changed(),
    ];
    if let Collected::Create(v, committed) = what {
        batch.extend(super::shipments::insert(actor, v, committed.clone(), org_id, &at));
    }
    batch.push(sql!(
        "UPDATE pickups SET shipment_id = (SELECT id FROM shipments WHERE waybill_no = ?) WHERE id = ?",
        waybill.as_str(),
        id
    ));
    batch.push(sql!(
        "INSERT OR IGNORE INTO tracking_events
             (shipment_id, event_key, at, type, location, description, operator, source, created_at)
         SELECT s.id, 'pickup:' || ?2, ?3, 'picked_up', coalesce(o.name, ''), '', ?4, 'staff:' || ?5, ?3
         FROM shipments s LEFT JOIN orgs o ON o.id = ?6 WHERE s.waybill_no = ?1",
        waybill.as_str(),
        id,
        at.as_str(),
        actor.name.as_str(),
        actor.id,
        org_id
    ));
    batch.push(super::tracking::latest_status(
        "SELECT id FROM shipments WHERE waybill_no = ?1",
        waybill.as_str().into(),
        &at,
    ));
    // A shipment linked by collection is this outlet's and this customer's from now on, if no
    // org or customer had been recorded for it.
    batch.push(sql!(
        "UPDATE shipments SET org_id = coalesce(org_id, ?), customer_id = coalesce(customer_id,
             (SELECT customer_id FROM pickups WHERE id = ?)) WHERE waybill_no = ?",
        org_id,
        id,
        waybill.as_str()
    ));
    db.batch(batch).await.map(|_| ())
}
