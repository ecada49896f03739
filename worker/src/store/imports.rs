//! CSV import SQL: duplicate lookup for a whole chunk at once, and the chunk's writes as a few
//! set-based statements over JSON arrays (`json_each`) — one batch, so a chunk is all-or-nothing
//! and its statement count does not grow with its rows (D1 allows 1,000 queries per invocation
//! and 100 bound parameters per statement).

use schema::customer::{ValidContact, ValidCustomer};
use schema::import::ImportReport;
use serde::Deserialize;
use serde_json::{Value, json};

use super::customers::{CustomerRow, CustomerScope, Owner};
use super::db::{Db, DbError, Sql};
use super::search::{Terms, search_body};
use super::{Actor, now};
use crate::store::db::sql;

/// An existing customer a row may duplicate: by normalised name, its phone, or a contact's phone.
#[derive(Debug, Clone, Deserialize)]
pub struct Match {
    pub id: i64,
    pub name_key: String,
    pub phone: String,
}

/// Every existing customer whose normalised name is among `keys` or with a phone (its own or a
/// contact's) among `phones` — three index lookups in one query.
pub async fn matches(db: &impl Db, keys: &[String], phones: &[String]) -> Result<Vec<Match>, DbError> {
    db.all(sql!(
        "SELECT id, name_key, '' AS phone FROM customers WHERE name_key IN (SELECT value FROM json_each(?1))
         UNION ALL SELECT id, '', phone FROM customers
                   WHERE phone != '' AND phone IN (SELECT value FROM json_each(?2))
         UNION ALL SELECT customer_id, '', phone FROM contacts
                   WHERE phone != '' AND phone IN (SELECT value FROM json_each(?2))",
        json!(keys).to_string(),
        json!(phones).to_string()
    ))
    .await
}

/// The in-scope customers among `ids`, in full (merge targets).
pub async fn in_scope(db: &impl Db, scope: &CustomerScope, ids: &[i64]) -> Result<Vec<CustomerRow>, DbError> {
    let (cond, mut args) = scope.clause();
    args.push(json!(ids).to_string().into());
    let text = format!(
        "SELECT {} FROM customers c LEFT JOIN staff s ON s.id = c.owner_id
         WHERE {cond} AND c.id IN (SELECT value FROM json_each(?))",
        super::customers::FULL
    );
    db.all(Sql { text: text.into(), args }).await
}

/// The search terms (contacts, locations) of several customers at once.
pub async fn terms_of(db: &impl Db, ids: &[i64]) -> Result<Vec<(i64, Terms)>, DbError> {
    #[derive(Deserialize)]
    struct T {
        customer_id: i64,
        name: String,
        phone: String,
        email: String,
    }
    let list = json!(ids).to_string();
    let contacts: Vec<T> = db
        .all(sql!(
            "SELECT customer_id, name, phone, email FROM contacts
             WHERE customer_id IN (SELECT value FROM json_each(?))",
            list.as_str()
        ))
        .await?;
    let places: Vec<schema::location::Location> = db
        .all(sql!(
            "SELECT id, customer_id, label, contact_name, phone, province, city, district, address, postcode,
             is_default, notes, version FROM customer_locations WHERE customer_id IN (SELECT value FROM json_each(?))",
            list.as_str()
        ))
        .await?;
    Ok(ids
        .iter()
        .map(|id| {
            let t = Terms {
                contacts: contacts
                    .iter()
                    .filter(|c| c.customer_id == *id)
                    .map(|c| (c.name.clone(), c.phone.clone(), c.email.clone()))
                    .collect(),
                places: places.iter().filter(|p| p.customer_id == *id).map(super::search::place).collect(),
            };
            (*id, t)
        })
        .collect())
}

/// A valid row to create.
pub struct NewRow<'a> {
    pub v: &'a ValidCustomer,
    pub contacts: &'a [ValidContact],
}

/// A merge: the stored customer, the merged fields, and the row's contact if it is new there.
pub struct MergeRow {
    pub before: CustomerRow,
    pub after: ValidCustomer,
    pub contact: Option<ValidContact>,
    pub terms: Terms,
}

fn customer_json(v: &ValidCustomer) -> Value {
    json!({
        "kind": v.kind.as_str(), "name": v.name, "name_key": v.name_key, "short_name": v.short_name,
        "industry": v.industry, "province": v.province, "city": v.city, "district": v.district,
        "address": v.address, "source": v.source, "status": v.status.as_str(), "tier": v.tier.as_str(),
        "licence_no": v.licence_no, "id_no": v.id_no, "phone": v.phone, "email": v.email,
        // Lists and objects go in as JSON; `json_extract` hands them to the columns as JSON text.
        "tags": v.tags, "notes": v.notes, "credit_limit": v.credit_limit, "custom": v.custom,
    })
}

fn contact_json(row: usize, c: &ValidContact) -> Value {
    json!({"row": row, "name": c.name, "title": c.title, "phone": c.phone, "email": c.email,
           "is_primary": c.is_primary})
}

/// `json_extract(value, '$.f') AS f` for each field of a customer element.
const CUSTOMER_FIELDS: &str = "kind, name, name_key, short_name, industry, province, city, district, address,
    source, status, tier, licence_no, id_no, phone, email, tags, notes, credit_limit, custom";

fn extract(fields: &str) -> String {
    fields
        .split(',')
        .map(str::trim)
        .map(|f| format!("json_extract(value, '$.{f}')"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The highest customer id now: new customers of a chunk get the ids after it.
pub async fn max_id(db: &impl Db) -> Result<i64, DbError> {
    #[derive(Deserialize)]
    struct M {
        m: i64,
    }
    let m: Option<M> = db.first(sql!("SELECT coalesce(max(id), 0) AS m FROM customers")).await?;
    Ok(m.map_or(0, |m| m.m))
}

/// Writes one chunk: the creates (ids `base + 1 …` in row order) and merges, their contacts,
/// search entries, lifecycle starts and audit entries, and the chunk's report (its idempotency
/// key) — one batch. If anyone created a customer since `base` was read, the batch aborts as a
/// version conflict and the client sends the chunk again.
#[allow(clippy::too_many_arguments)]
pub async fn commit(
    db: &impl Db,
    actor: &Actor,
    owner: &Owner,
    (import_id, chunk): (&str, u32),
    base: i64,
    creates: &[NewRow<'_>],
    merges: &[MergeRow],
    report: &ImportReport,
    defs: &[schema::custom::CustomField],
) -> Result<(), DbError> {
    let at = now();
    let n = creates.len() as i64;
    let rows: Vec<Value> = creates
        .iter()
        .map(|r| {
            let mut j = customer_json(r.v);
            let terms = Terms {
                contacts: r
                    .contacts
                    .iter()
                    .map(|c| (c.name.clone(), c.phone.clone(), c.email.clone()))
                    .collect(),
                places: vec![],
            };
            j["search"] = search_body(r.v, &terms).into();
            j["diff"] = schema::diff::diff(&Value::Null, &json!({"name": r.v.name, "phone": r.v.phone}))
                .to_string()
                .into();
            j
        })
        .collect();
    let rows = Value::Array(rows).to_string();
    let contacts: Vec<Value> = creates
        .iter()
        .enumerate()
        .flat_map(|(i, r)| r.contacts.iter().map(move |c| contact_json(i, c)))
        .collect();
    let contacts = Value::Array(contacts).to_string();
    // Row k (0-based) becomes customer `base + 1 + k`; `base` is an integer from the database.
    let new_id = format!("{base} + 1 +");
    let mut batch = vec![sql!(
        "INSERT INTO import_chunks (import_id, chunk, staff_id, report, at) VALUES (?, ?, ?, ?, ?)",
        import_id,
        i64::from(chunk),
        actor.id,
        super::db::json(report)?,
        at.as_str()
    )];
    if n > 0 {
        batch.extend([
            sql!("INSERT INTO guard(ok) VALUES ((SELECT coalesce(max(id), 0) FROM customers) = ?)", base),
            sql!(
                format!(
                    "INSERT INTO customers (id, {CUSTOMER_FIELDS}, owner_id, org_id, org_path, created_at, updated_at)
                     SELECT {new_id} key, {}, ?2, ?3, ?4, ?5, ?5 FROM json_each(?1)",
                    extract(CUSTOMER_FIELDS)
                ),
                rows.as_str(),
                owner.id,
                owner.org_id,
                owner.org_path.as_str(),
                at.as_str()
            ),
            sql!(
                format!(
                    "INSERT INTO customer_search (rowid, body)
                     SELECT {new_id} key, json_extract(value, '$.search') FROM json_each(?)"
                ),
                rows.as_str()
            ),
            sql!(
                format!(
                    "INSERT INTO contacts (customer_id, name, title, phone, email, is_primary, created_at, updated_at)
                     SELECT {new_id} json_extract(value, '$.row'), {}, ?2, ?2 FROM json_each(?1)",
                    extract("name, title, phone, email, is_primary")
                ),
                contacts.as_str(),
                at.as_str()
            ),
            sql!(
                format!(
                    "INSERT INTO customer_status_history (customer_id, from_status, to_status, at, actor_id, actor_name)
                     SELECT {new_id} key, NULL, json_extract(value, '$.status'), ?2, ?3, ?4 FROM json_each(?1)"
                ),
                rows.as_str(),
                at.as_str(),
                actor.id,
                actor.name.as_str()
            ),
            sql!(
                format!(
                    "INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, diff)
                     SELECT ?2, ?3, ?4, 'import', 'customer', {new_id} key, json_extract(value, '$.diff')
                     FROM json_each(?1)"
                ),
                rows.as_str(),
                at.as_str(),
                actor.id,
                actor.name.as_str()
            ),
        ]);
    }
    // Custom field index rows of the new customers: [row, field, value].
    let values: Vec<Value> = creates
        .iter()
        .enumerate()
        .flat_map(|(k, r)| {
            schema::custom::index_rows(defs, &r.v.custom).into_iter().map(move |(f, v)| json!([k, f, v]))
        })
        .collect();
    if !values.is_empty() {
        batch.push(sql!(
            format!(
                "INSERT OR IGNORE INTO customer_field_values (customer_id, field_id, value)
                 SELECT {new_id} json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]')
                 FROM json_each(?)"
            ),
            Value::Array(values).to_string()
        ));
    }
    if !merges.is_empty() {
        batch.extend(merge_statements(actor, &at, merges, defs));
    }
    db.batch(batch).await.map(|_| ())
}

/// The merges of a chunk as set-based statements: version-checked updates (a guard aborts the
/// batch unless every one matched), re-indexing, new contacts, audit entries.
fn merge_statements(
    actor: &Actor,
    at: &str,
    merges: &[MergeRow],
    defs: &[schema::custom::CustomField],
) -> Vec<Sql> {
    let m = merges.len() as i64;
    let rows: Vec<Value> = merges
        .iter()
        .map(|r| {
            let mut j = customer_json(&r.after);
            j["id"] = r.before.customer.id.into();
            j["version"] = r.before.customer.version.into();
            let mut terms = r.terms.clone();
            if let Some(c) = &r.contact {
                terms.contacts.push((c.name.clone(), c.phone.clone(), c.email.clone()));
            }
            j["search"] = search_body(&r.after, &terms).into();
            let before = super::customers::as_valid(&r.before);
            j["diff"] =
                schema::diff::diff(&customer_json(&before), &customer_json(&r.after)).to_string().into();
            j
        })
        .collect();
    let rows = Value::Array(rows).to_string();
    let contacts: Vec<Value> = merges
        .iter()
        .filter_map(|r| r.contact.as_ref().map(|c| (r.before.customer.id, c)))
        .map(|(id, c)| {
            let mut j = contact_json(0, c);
            j["customer_id"] = id.into();
            j["is_primary"] = false.into();
            j
        })
        .collect();
    let contacts = Value::Array(contacts).to_string();
    let values: Vec<Value> = merges
        .iter()
        .flat_map(|r| {
            let id = r.before.customer.id;
            schema::custom::index_rows(defs, &r.after.custom).into_iter().map(move |(f, v)| json!([id, f, v]))
        })
        .collect();
    let values = Value::Array(values).to_string();
    let sets = CUSTOMER_FIELDS
        .split(',')
        .map(str::trim)
        .filter(|f| !matches!(*f, "kind" | "status" | "tier"))
        .map(|f| format!("{f} = json_extract(j.value, '$.{f}')"))
        .collect::<Vec<_>>()
        .join(", ");
    vec![
        sql!(
            format!(
                "UPDATE customers SET {sets}, version = customers.version + 1, updated_at = ?2
                 FROM json_each(?1) AS j
                 WHERE customers.id = json_extract(j.value, '$.id')
                 AND customers.version = json_extract(j.value, '$.version')"
            ),
            rows.as_str(),
            at
        ),
        sql!("INSERT INTO guard(ok) VALUES (changes() = ?)", m),
        sql!(
            "DELETE FROM customer_search WHERE rowid IN (SELECT json_extract(value, '$.id') FROM json_each(?))",
            rows.as_str()
        ),
        sql!(
            "INSERT INTO customer_search (rowid, body)
             SELECT json_extract(value, '$.id'), json_extract(value, '$.search') FROM json_each(?)",
            rows.as_str()
        ),
        sql!(
            format!(
                "INSERT INTO contacts (customer_id, name, title, phone, email, is_primary, created_at, updated_at)
                 SELECT json_extract(value, '$.customer_id'), {}, ?2, ?2 FROM json_each(?1)",
                extract("name, title, phone, email, is_primary")
            ),
            contacts.as_str(),
            at
        ),
        sql!(
            "DELETE FROM customer_field_values WHERE customer_id IN (SELECT json_extract(value, '$.id') FROM json_each(?))",
            rows.as_str()
        ),
        sql!(
            "INSERT OR IGNORE INTO customer_field_values (customer_id, field_id, value)
             SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(?)",
            values.as_str()
        ),
        sql!(
            "INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, diff)
             SELECT ?2, ?3, ?4, 'import_merge', 'customer', json_extract(value, '$.id'), json_extract(value, '$.diff')
             FROM json_each(?1)",
            rows.as_str(),
            at,
            actor.id,
            actor.name.as_str()
        ),
    ]
}

/// The stored report of a committed chunk, if this caller committed it.
pub async fn stored_report(
    db: &impl Db,
    import_id: &str,
    chunk: u32,
    staff_id: i64,
) -> Result<Option<Result<ImportReport, ()>>, DbError> {
    #[derive(Deserialize)]
    struct R {
        staff_id: i64,
        report: String,
    }
    let r: Option<R> = db
        .first(sql!(
            "SELECT staff_id, report FROM import_chunks WHERE import_id = ? AND chunk = ?",
            import_id,
            i64::from(chunk)
        ))
        .await?;
    Ok(r.map(
        |r| {
            if r.staff_id == staff_id { serde_json::from_str(&r.report).map_err(|_| ()) } else { Err(()) }
        },
    ))
}

/// Forgets chunk records older than `before` (the scheduled sweep).
pub async fn forget_chunks(db: &impl Db, before: &str) -> Result<u64, DbError> {
    db.exec(sql!("DELETE FROM import_chunks WHERE at < ?", before)).await
}
