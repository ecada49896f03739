//! Customer and contact SQL. Each write rewrites the customer's search entry in the same batch
//! (through [`super::search`]).

use schema::customer::{
    Contact, Customer, CustomerSummary, LifecycleStatus, ValidContact, ValidCustomer, match_query,
};
use schema::ids::CustomerId;
use schema::page::{Page, PageRequest, page_from};
use serde::Deserialize;
use serde_json::json;

use super::audit::{self, EntityRef};
use super::db::{Arg, Db, DbError, Sql, guard_changed, json, names};
use super::search::{Terms, reindex, search_body, terms};
use super::{Actor, now};
use crate::store::db::sql;

/// Which customers a caller may see (from the policy).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomerScope {
    /// Every customer of the firm.
    All,
    /// Customers owned within an org subtree (by materialised path).
    Subtree(String),
    /// Customers a staff member owns or that are shared with them.
    OwnOrShared(i64),
    /// One customer: a portal user's own.
    Only(i64),
}

impl CustomerScope {
    pub(super) fn clause(&self) -> (String, Vec<Arg>) {
        match self {
            CustomerScope::All => ("1 = 1".into(), vec![]),
            CustomerScope::Subtree(p) => {
                ("c.org_path >= ? AND c.org_path < ?".into(), vec![p.into(), super::subtree_upper(p).into()])
            }
            CustomerScope::OwnOrShared(id) => (
                "(c.owner_id = ? OR c.id IN (SELECT customer_id FROM customer_shares WHERE staff_id = ?))"
                    .into(),
                vec![(*id).into(), (*id).into()],
            ),
            CustomerScope::Only(id) => ("c.id = ?".into(), vec![(*id).into()]),
        }
    }
}

pub(super) const SUMMARY: &str =
    "c.id, c.kind, c.name, c.short_name, c.city, c.status, c.tier, c.phone, c.owner_id,
    s.name AS owner_name, c.blacklisted, c.updated_at, c.custom, c.last_contact_at";
pub(super) const FULL: &str =
    "c.id, c.kind, c.name, c.short_name, c.industry, c.province, c.city, c.district, c.address,
    c.source, c.status, c.tier, c.licence_no, c.id_no, c.phone, c.email, c.tags, c.notes, c.owner_id,
    s.name AS owner_name, c.org_id, c.blacklisted, c.blacklist_reason, c.credit_limit, c.arrears, c.version,
    c.created_at, c.updated_at, c.last_contact_at, c.custom, c.org_path, c.name_key";

/// List filters.
#[derive(Debug, Clone, Default)]
pub struct CustomerFilter {
    /// Free text: names, phones, contacts, addresses (Chinese of any length).
    pub q: Option<String>,
    pub status: Option<LifecycleStatus>,
    pub tier: Option<schema::customer::Tier>,
    pub owner_id: Option<i64>,
    pub blacklisted: Option<bool>,
    /// Custom field values to match: (field id, value as indexed).
    pub custom: Vec<(i64, String)>,
    pub province: Option<String>,
    pub city: Option<String>,
    /// One tag the customer carries.
    pub tag: Option<String>,
    pub sort: Sort,
    /// Where a sorted list continues: (sort key, id) of the last row seen.
    pub after_key: Option<(String, i64)>,
}

/// List order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Oldest record first (by id): the keyset default.
    #[default]
    Id,
    /// Recently changed first.
    Updated,
    /// Longest without a logged contact first (never contacted leads).
    LastContact,
}

/// When a query is a phone number or its start (digits with optional `+ - space`, at least 4
/// digits), the stored forms it can prefix: mobiles are bare digits, landlines `area-number`
/// (see `schema::validate::Phone`).
fn phone_prefix(q: &str) -> Option<String> {
    let only = q.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' '));
    let digits: String = q.chars().filter(|c| c.is_ascii_digit()).collect();
    let digits = digits.strip_prefix("86").filter(|d| d.len() >= 11).map(str::to_string).unwrap_or(digits);
    if !only || digits.len() < 4 {
        return None;
    }
    let area = if matches!(digits.as_bytes().get(1), Some(b'1' | b'2')) { 3 } else { 4 };
    Some(if digits.starts_with('0') && digits.len() > area {
        format!("{}-{}", &digits[..area], &digits[area..])
    } else {
        digits
    })
}

/// Customers in scope matching the filters, by id.
pub async fn list(
    db: &impl Db,
    scope: &CustomerScope,
    f: &CustomerFilter,
    page: PageRequest,
) -> Result<Page<CustomerSummary>, DbError> {
    let rows: Vec<CustomerSummary> = db.all(list_sql(scope, f, page)).await?;
    let mut out = page_from(rows, page.limit, |c| c.id);
    // Sorted lists continue from their sort key, not from an id.
    if out.next_cursor.is_some() && f.sort != Sort::Id {
        out.next_cursor = out.items.last().map(|c| {
            let key = match f.sort {
                Sort::Updated => c.updated_at.clone(),
                _ => c.last_contact_at.clone().unwrap_or_default(),
            };
            schema::page::encode_key_cursor(&key, c.id)
        });
    }
    Ok(out)
}

/// The list query (separate so tests can check its plan).
pub fn list_sql(scope: &CustomerScope, f: &CustomerFilter, page: PageRequest) -> Sql {
    let (cond, mut args) = scope.clause();
    let mut text =
        format!("SELECT {SUMMARY} FROM customers c LEFT JOIN staff s ON s.id = c.owner_id WHERE {cond}");
    if let Some(q) = f.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        if let Some(p) = phone_prefix(q) {
            // Phone prefix on the customer or any of its contacts: both indexed ranges.
            let upper = format!("{p}\u{10FFFF}");
            // A UNION of two index ranges: with OR, SQLite would scan every customer.
            text.push_str(
                // `phone != ''` lets SQLite use the partial phone indexes (it cannot prove that from
                // a bound range alone).
                " AND c.id IN (SELECT id FROM customers WHERE phone != '' AND phone >= ? AND phone < ?
                               UNION SELECT customer_id FROM contacts WHERE phone != '' AND phone >= ? AND phone < ?)",
            );
            args.extend([p.clone().into(), upper.clone().into(), p.into(), upper.into()]);
        } else if let Some(m) = match_query(q) {
            text.push_str(" AND c.id IN (SELECT rowid FROM customer_search WHERE customer_search MATCH ?)");
            args.push(m.into());
        } else {
            text.push_str(" AND 0");
        }
    }
    if let Some(s) = f.status {
        text.push_str(" AND c.status = ?");
        args.push(s.as_str().into());
    }
    if let Some(t) = f.tier {
        text.push_str(" AND c.tier = ?");
        args.push(t.as_str().into());
    }
    if let Some(o) = f.owner_id {
        text.push_str(" AND c.owner_id = ?");
        args.push(o.into());
    }
    if let Some(b) = f.blacklisted {
        text.push_str(" AND c.blacklisted = ?");
        args.push(b.into());
    }
    for (field, value) in &f.custom {
        text.push_str(
            " AND c.id IN (SELECT customer_id FROM customer_field_values WHERE field_id = ? AND value = ?)",
        );
        args.extend([(*field).into(), value.as_str().into()]);
    }
    if let Some(p) = &f.province {
        text.push_str(" AND c.province = ?");
        args.push(p.as_str().into());
    }
    if let Some(city) = &f.city {
        text.push_str(" AND c.city = ?");
        args.push(city.as_str().into());
    }
    if let Some(tag) = &f.tag {
        text.push_str(" AND EXISTS (SELECT 1 FROM json_each(c.tags) WHERE value = ?)");
        args.push(tag.as_str().into());
    }
    match (f.sort, &f.after_key) {
        (Sort::Id, _) => {
            if let Some(after) = page.after {
                text.push_str(" AND c.id > ?");
                args.push(after.into());
            }
            text.push_str(" ORDER BY c.id");
        }
        (Sort::Updated, after) => {
            if let Some((key, id)) = after {
                text.push_str(" AND (c.updated_at, c.id) < (?, ?)");
                args.extend([key.as_str().into(), (*id).into()]);
            }
            text.push_str(" ORDER BY c.updated_at DESC, c.id DESC");
        }
        (Sort::LastContact, after) => {
            // NULL (never contacted) sorts first, as '' does in the cursor comparison.
            if let Some((key, id)) = after {
                text.push_str(" AND (coalesce(c.last_contact_at, ''), c.id) > (?, ?)");
                args.extend([key.as_str().into(), (*id).into()]);
            }
            text.push_str(" ORDER BY c.last_contact_at, c.id");
        }
    }
    text.push_str(" LIMIT ?");
    args.push(Arg::Int(i64::from(page.limit) + 1));
    Sql { text: text.into(), args }
}

/// A stored customer: the API shape plus what stays inside the worker.
#[derive(Debug, Clone, Deserialize)]
pub struct CustomerRow {
    #[serde(flatten)]
    pub customer: Customer,
    pub org_path: String,
    pub name_key: String,
}

impl CustomerRow {
    pub fn id(&self) -> CustomerId {
        CustomerId(self.customer.id)
    }
}

/// One customer, if in scope.
pub async fn get(db: &impl Db, scope: &CustomerScope, id: i64) -> Result<Option<CustomerRow>, DbError> {
    let (cond, mut args) = scope.clause();
    args.push(id.into());
    let text = format!(
        "SELECT {FULL} FROM customers c LEFT JOIN staff s ON s.id = c.owner_id WHERE {cond} AND c.id = ?"
    );
    db.first(Sql { text: text.into(), args }).await
}

/// A customer's contacts, primary first.
pub async fn contacts(db: &impl Db, customer_id: i64) -> Result<Vec<Contact>, DbError> {
    db.all(sql!(
        "SELECT id, customer_id, name, title, phone, email, birthday, is_primary, notes, version FROM contacts
         WHERE customer_id = ? ORDER BY is_primary DESC, id",
        customer_id
    ))
    .await
}

/// Possible duplicates: same normalised name, or the same phone on a customer or a contact — each
/// an index lookup, joined by UNION (an OR across columns would scan the table: 87 ms at 100k
/// customers, measured).
/// Firm-wide on purpose — a duplicate owned by someone else is exactly the one to warn about.
pub async fn duplicates(
    db: &impl Db,
    name_key: &str,
    phone: &str,
    exclude: Option<i64>,
) -> Result<Vec<CustomerSummary>, DbError> {
    db.all(duplicates_sql(name_key, phone, exclude)).await
}

/// The duplicates query (separate so tests can check its plan).
pub fn duplicates_sql(name_key: &str, phone: &str, exclude: Option<i64>) -> Sql {
    sql!(
        format!(
            "SELECT {SUMMARY} FROM customers c LEFT JOIN staff s ON s.id = c.owner_id
             WHERE c.id IN (SELECT id FROM customers WHERE name_key = ?1
                            UNION SELECT id FROM customers WHERE phone != '' AND phone = ?2
                            UNION SELECT customer_id FROM contacts WHERE phone != '' AND phone = ?2)
             AND c.id != ?3 ORDER BY c.id LIMIT 5"
        ),
        name_key,
        phone,
        exclude.unwrap_or(0)
    )
}

fn snapshot(v: &ValidCustomer) -> serde_json::Value {
    json!({
        "kind": v.kind, "name": v.name, "short_name": v.short_name, "industry": v.industry,
        "province": v.province, "city": v.city, "district": v.district, "address": v.address,
        "source": v.source, "status": v.status, "tier": v.tier, "licence_no": v.licence_no, "id_no": v.id_no,
        "phone": v.phone, "email": v.email, "tags": v.tags, "notes": v.notes, "owner_id": v.owner_id,
        "blacklisted": v.blacklisted, "blacklist_reason": v.blacklist_reason,
        "credit_limit": v.credit_limit, "arrears": v.arrears, "custom": v.custom,
    })
}

fn insert_contact(c: &ValidContact, customer: Arg, at: &str) -> Sql {
    Sql {
        text: "INSERT INTO contacts (customer_id, name, title, phone, email, birthday, is_primary, notes, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            .into(),
        args: vec![
            customer,
            c.name.as_str().into(),
            c.title.as_str().into(),
            c.phone.as_str().into(),
            c.email.as_str().into(),
            c.birthday.clone().into(),
            c.is_primary.into(),
            c.notes.as_str().into(),
            at.into(),
            at.into(),
        ],
    }
}

/// Where a new customer is owned.
pub struct Owner {
    /// None for customers that signed themselves up in the portal (customer service sees them).
    pub id: Option<i64>,
    pub org_id: i64,
    pub org_path: String,
}

/// Creates a customer with its first contacts, its search entry, its first lifecycle entry and the
/// audit entry — one batch. Returns the new id.
pub async fn create(
    db: &impl Db,
    actor: &Actor,
    v: &ValidCustomer,
    contacts: &[ValidContact],
    owner: &Owner,
    defs: &[schema::custom::CustomField],
) -> Result<i64, DbError> {
    let at = now();
    let tags = json(&v.tags)?;
    // Within the batch (one transaction, one writer) the new row is the highest id, which the
    // statements after the audit entry use to reach it.
    let mut batch = vec![
        sql!(
            "INSERT INTO customers (kind, name, name_key, short_name, industry, province, city, district, address,
             source, status, tier, licence_no, id_no, phone, email, tags, notes, owner_id, org_id, org_path,
             blacklisted, blacklist_reason, credit_limit, arrears, created_at, updated_at, custom)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            v.kind.as_str(), v.name.as_str(), v.name_key.as_str(), v.short_name.as_str(), v.industry.as_str(),
            v.province.as_str(), v.city.as_str(), v.district.as_str(), v.address.as_str(), v.source.as_str(),
            v.status.as_str(), v.tier.as_str(), v.licence_no.clone(), v.id_no.clone(), v.phone.as_str(),
            v.email.as_str(), tags, v.notes.as_str(), owner.id, owner.org_id, owner.org_path.as_str(),
            v.blacklisted, v.blacklist_reason.as_str(), v.credit_limit, v.arrears, at.as_str(), at.as_str(),
            json(&v.custom)?
        ),
        audit::entry(actor, &at, "create", "customer", EntityRef::JustInserted, &schema::diff::diff(
            &serde_json::Value::Null,
            &snapshot(v),
        )),
    ];
    let terms = Terms {
        contacts: contacts.iter().map(|c| (c.name.clone(), c.phone.clone(), c.email.clone())).collect(),
        places: vec![],
    };
    batch.push(sql!(
        "INSERT INTO customer_search (rowid, body) VALUES ((SELECT max(id) FROM customers), ?)",
        search_body(v, &terms)
    ));
    for c in contacts {
        let mut s = insert_contact(c, Arg::Null, &at);
        s.text = s.text.replacen("VALUES (?,", "VALUES ((SELECT max(id) FROM customers),", 1).into();
        s.args.remove(0);
        batch.push(s);
    }
    batch.push(sql!(
        "INSERT INTO customer_status_history (customer_id, from_status, to_status, at, actor_id, actor_name)
         VALUES ((SELECT max(id) FROM customers), NULL, ?, ?, ?, ?)",
        v.status.as_str(),
        at.as_str(),
        actor.id,
        actor.name.as_str()
    ));
    if !v.custom.is_empty() {
        batch.extend(super::custom_fields::reindex_values(
            ("(SELECT max(id) FROM customers)", None),
            defs,
            &v.custom,
        ));
    }
    let out = db.batch(batch).await?;
    audit::inserted_id(&out, 1, "customer")
}

/// The validated form of a stored row (for diffs and re-indexing).
pub fn as_valid(r: &CustomerRow) -> ValidCustomer {
    let c = &r.customer;
    ValidCustomer {
        kind: c.kind,
        name: c.name.clone(),
        name_key: r.name_key.clone(),
        short_name: c.short_name.clone(),
        industry: c.industry.clone(),
        province: c.province.clone(),
        city: c.city.clone(),
        district: c.district.clone(),
        address: c.address.clone(),
        source: c.source.clone(),
        status: c.status,
        tier: c.tier,
        licence_no: c.licence_no.clone(),
        id_no: c.id_no.clone(),
        phone: c.phone.clone(),
        email: c.email.clone(),
        tags: c.tags.clone(),
        notes: c.notes.clone(),
        owner_id: c.owner_id,
        blacklisted: c.blacklisted,
        blacklist_reason: c.blacklist_reason.clone(),
        credit_limit: c.credit_limit,
        arrears: c.arrears,
        custom: c.custom.clone(),
    }
}

/// Replaces a customer's fields if its version matches; re-indexes it; records a lifecycle change
/// and the audit entry — one batch. `owner` moves it to another owner (and their org).
pub async fn update(
    db: &impl Db,
    actor: &Actor,
    before: &CustomerRow,
    v: &ValidCustomer,
    version: i64,
    owner: &Owner,
    defs: &[schema::custom::CustomField],
) -> Result<(), DbError> {
    let at = now();
    let id = before.customer.id;
    let tags = json(&v.tags)?;
    let terms = terms(db, id).await?;
    let mut batch = vec![
        sql!(
            "UPDATE customers SET kind = ?, name = ?, name_key = ?, short_name = ?, industry = ?, province = ?,
             city = ?, district = ?, address = ?, source = ?, status = ?, tier = ?, licence_no = ?, id_no = ?,
             phone = ?, email = ?, tags = ?, notes = ?, owner_id = ?, org_id = ?, org_path = ?, blacklisted = ?,
             blacklist_reason = ?, credit_limit = ?, arrears = ?, custom = ?, version = version + 1, updated_at = ?
             WHERE id = ? AND version = ?",
            v.kind.as_str(), v.name.as_str(), v.name_key.as_str(), v.short_name.as_str(), v.industry.as_str(),
            v.province.as_str(), v.city.as_str(), v.district.as_str(), v.address.as_str(), v.source.as_str(),
            v.status.as_str(), v.tier.as_str(), v.licence_no.clone(), v.id_no.clone(), v.phone.as_str(),
            v.email.as_str(), tags, v.notes.as_str(), owner.id, owner.org_id, owner.org_path.as_str(),
            v.blacklisted, v.blacklist_reason.as_str(), v.credit_limit, v.arrears,
            json(&v.custom)?, at.as_str(), id, version
        ),
        guard_changed(),
    ];
    if v.custom != before.customer.custom {
        batch.extend(super::custom_fields::reindex_values(("?", Some(id)), defs, &v.custom));
    }
    batch.extend(reindex(id, search_body(v, &terms)));
    if v.status != before.customer.status {
        batch.push(sql!(
            "INSERT INTO customer_status_history (customer_id, from_status, to_status, at, actor_id, actor_name)
             VALUES (?, ?, ?, ?, ?, ?)",
            id, before.customer.status.as_str(), v.status.as_str(), at.as_str(), actor.id, actor.name.as_str()
        ));
    }
    if v.tier != before.customer.tier {
        // A person's tier sticks: the value rules leave it until it is handed back to them.
        batch.push(sql!("UPDATE customers SET tier_locked = 1 WHERE id = ?", id));
        batch.push(sql!(
            "INSERT INTO customer_tier_history (customer_id, from_tier, to_tier, at, actor_id, actor_name)
             VALUES (?, ?, ?, ?, ?, ?)",
            id,
            before.customer.tier.as_str(),
            v.tier.as_str(),
            at.as_str(),
            actor.id,
            actor.name.as_str()
        ));
    }
    let diff = schema::diff::diff(&snapshot(&as_valid(before)), &snapshot(v));
    batch.push(audit::entry(actor, &at, "update", "customer", EntityRef::Id(id), &diff));
    db.batch(batch).await.map(|_| ())
}

/// Adds (`contact_id = None`), replaces, or removes (`c = None`) a contact — keeping one primary,
/// the customer's search entry and `updated_at` current, with the audit entry, in one batch.
pub async fn write_contact(
    db: &impl Db,
    actor: &Actor,
    customer: &CustomerRow,
    contact_id: Option<i64>,
    c: Option<&ValidContact>,
    version: Option<i64>,
) -> Result<(), DbError> {
    let at = now();
    let cid = customer.customer.id;
    // The contacts as they will be after this batch, for the search entry.
    let mut terms = terms(db, cid).await?;
    terms.contacts = contacts(db, cid)
        .await?
        .into_iter()
        .filter(|r| Some(r.id) != contact_id)
        .map(|r| (r.name, r.phone, r.email))
        .collect();
    if let Some(c) = c {
        terms.contacts.push((c.name.clone(), c.phone.clone(), c.email.clone()));
    }
    let mut batch = Vec::new();
    if c.is_some_and(|c| c.is_primary) {
        batch.push(sql!("UPDATE contacts SET is_primary = 0 WHERE customer_id = ? AND is_primary = 1", cid));
    }
    let snapshot =
        |c: &ValidContact| json!({"name": c.name, "title": c.title, "phone": c.phone, "email": c.email});
    // The audit entry follows the contact statement directly, so `last_insert_rowid()` is the
    // new contact's id on an insert.
    match (contact_id, c) {
        (None, Some(c)) => {
            batch.push(insert_contact(c, cid.into(), &at));
            let diff = schema::diff::diff(&serde_json::Value::Null, &snapshot(c));
            batch.push(audit::entry(actor, &at, "create", "contact", EntityRef::JustInserted, &diff));
        }
        (Some(id), Some(c)) => {
            batch.push(sql!(
                "UPDATE contacts SET name = ?, title = ?, phone = ?, email = ?, birthday = ?, is_primary = ?, notes = ?,
                 version = version + 1, updated_at = ? WHERE id = ? AND customer_id = ? AND version = ?",
                c.name.as_str(), c.title.as_str(), c.phone.as_str(), c.email.as_str(), c.birthday.clone(),
                c.is_primary, c.notes.as_str(), at.as_str(), id, cid, version.unwrap_or(0)
            ));
            batch.push(guard_changed());
            batch.push(audit::entry(actor, &at, "update", "contact", EntityRef::Id(id), &snapshot(c)));
        }
        (Some(id), None) => {
            batch.push(sql!("DELETE FROM contacts WHERE id = ? AND customer_id = ?", id, cid));
            batch.push(guard_changed());
            batch.push(audit::entry(actor, &at, "delete", "contact", EntityRef::Id(id), &json!({})));
        }
        (None, None) => return Ok(()),
    }
    batch.extend(reindex(cid, search_body(&as_valid(customer), &terms)));
    batch.push(sql!("UPDATE customers SET updated_at = ? WHERE id = ?", at.as_str(), cid));
    db.batch(batch).await.map(|_| ())
}

/// (D1 binds every number as a JavaScript double: where no column affinity converts it, as inside
/// `json_object`, integers are CAST back, or the log would say `26.0`.)
///
/// Moves every customer `from` owns to `to` (and to `to`'s org), writing one audit entry per
/// customer and the hand-over record — set-based statements in one batch, so a hand-over of
/// thousands of customers is still a few statements and all-or-nothing. `from`'s open follow-ups
/// (planned interactions) go to `to` as well. Returns how many customers and follow-ups moved.
pub async fn handover(
    db: &impl Db,
    actor: &Actor,
    from: i64,
    to: &Owner,
    reason: &str,
) -> Result<(i64, i64), DbError> {
    let at = now();
    let out = db
        .batch(vec![
            sql!(
                "INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, diff)
                 SELECT ?, ?, ?, 'handover', 'customer', id,
                        json_object('owner_id', json_object('from', owner_id, 'to', CAST(? AS INTEGER)),
                                    'reason', json_object('from', NULL, 'to', ?))
                 FROM customers WHERE owner_id = ?",
                at.as_str(), actor.id, actor.name.as_str(), to.id, reason, from
            ),
            sql!(
                "UPDATE customers SET owner_id = ?, org_id = ?, org_path = ?, version = version + 1, updated_at = ?
                 WHERE owner_id = ?",
                to.id, to.org_id, to.org_path.as_str(), at.as_str(), from
            ),
            sql!(
                "INSERT INTO customer_handovers (from_staff_id, to_staff_id, customers, reason, at, actor_id, actor_name)
                 VALUES (?, ?, changes(), ?, ?, ?, ?) RETURNING customers",
                from, to.id, reason, at.as_str(), actor.id, actor.name.as_str()
            ),
            sql!(
                format!(
                    "UPDATE interactions SET staff_id = ?, version = version + 1, updated_at = ?
                     WHERE staff_id = ? AND status = {}",
                    names([schema::interaction::InteractionStatus::Planned])
                ),
                to.id, at.as_str(), from
            ),
        ])
        .await?;
    let customers = out
        .get(2)
        .and_then(|o| o.rows.first())
        .and_then(|r| r.get("customers"))
        .and_then(|v| v.as_f64())
        .map_or(0, |f| f as i64);
    let follow_ups = out.get(3).map_or(0, |o| o.changes as i64);
    Ok((customers, follow_ups))
}

/// Who a customer is shared with.
pub async fn shares(db: &impl Db, customer_id: i64) -> Result<Vec<schema::customer::ShareEntry>, DbError> {
    db.all(sql!(
        "SELECT s.id AS staff_id, s.name, o.name AS org_name FROM customer_shares cs
         JOIN staff s ON s.id = cs.staff_id JOIN orgs o ON o.id = s.org_id
         WHERE cs.customer_id = ? ORDER BY s.id",
        customer_id
    ))
    .await
}

/// Shares a customer with a colleague (`share = true`) or stops sharing, with the audit entry, in
/// one batch. Returns whether anything changed.
pub async fn set_share(
    db: &impl Db,
    actor: &Actor,
    customer_id: i64,
    staff_id: i64,
    share: bool,
) -> Result<bool, DbError> {
    let at = now();
    let (stmt, action, diff) = if share {
        (
            sql!(
                "INSERT OR IGNORE INTO customer_shares (customer_id, staff_id) VALUES (?, ?)",
                customer_id,
                staff_id
            ),
            "share",
            json!({"shared_with": {"from": null, "to": staff_id}}),
        )
    } else {
        (
            sql!("DELETE FROM customer_shares WHERE customer_id = ? AND staff_id = ?", customer_id, staff_id),
            "unshare",
            json!({"shared_with": {"from": staff_id, "to": null}}),
        )
    };
    let out = db
        .batch(vec![
            stmt,
            // The audit row only when the share really changed.
            Sql {
                text: "INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, diff)
                       SELECT ?, ?, ?, ?, 'customer', ?, ? WHERE changes() > 0"
                    .into(),
                args: vec![
                    at.as_str().into(),
                    actor.id.into(),
                    actor.name.as_str().into(),
                    action.into(),
                    customer_id.into(),
                    diff.to_string().into(),
                ],
            },
        ])
        .await?;
    Ok(out.first().is_some_and(|o| o.changes > 0))
}
