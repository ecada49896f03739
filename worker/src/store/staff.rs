//! Staff SQL. The password hash is read only by sign-in; every other query leaves it out.

use schema::page::{Page, PageRequest, page_from};
use schema::staff::{Role, Staff, ValidStaff};
use serde::Deserialize;
use serde_json::json;

use super::audit::{self, EntityRef};
use super::db::{Arg, Db, DbError, Sql, guard_changed};
use super::orgs::new_id;
use super::{Actor, Scope, now};
use crate::store::db::sql;

const COLUMNS: &str = "s.id, s.org_id, o.name AS org_name, s.department, s.role, s.name, s.phone, s.email,
    s.active, s.version, s.last_login_at, s.created_at, s.updated_at";

/// What sign-in and token renewal need: the account, its org path and its hash.
#[derive(Debug, Clone, Deserialize)]
pub struct Credentials {
    #[serde(flatten)]
    pub staff: Staff,
    pub org_path: String,
    pub password_hash: String,
}

/// List filters.
#[derive(Debug, Clone, Default)]
pub struct StaffFilter {
    /// Substring of name, or a phone/e-mail prefix.
    pub q: Option<String>,
    pub role: Option<Role>,
    pub org_id: Option<i64>,
    pub active: Option<bool>,
}

/// Staff whose org lies in `scope`, by id.
pub async fn list(
    db: &impl Db,
    scope: &Scope,
    f: &StaffFilter,
    page: PageRequest,
) -> Result<Page<Staff>, DbError> {
    let (cond, mut args) = scope.clause("o.path", "o.id");
    let mut text = format!("SELECT {COLUMNS} FROM staff s JOIN orgs o ON o.id = s.org_id WHERE {cond}");
    if let Some(q) = f.q.as_deref().filter(|q| !q.is_empty()) {
        text.push_str(" AND (instr(s.name, ?) > 0 OR instr(s.phone, ?) = 1 OR instr(s.email, lower(?)) = 1)");
        args.extend([q.into(), q.into(), q.into()]);
    }
    if let Some(r) = f.role {
        text.push_str(" AND s.role = ?");
        args.push(r.as_str().into());
    }
    if let Some(o) = f.org_id {
        text.push_str(" AND s.org_id = ?");
        args.push(o.into());
    }
    if let Some(a) = f.active {
        text.push_str(" AND s.active = ?");
        args.push(a.into());
    }
    if let Some(after) = page.after {
        text.push_str(" AND s.id > ?");
        args.push(after.into());
    }
    text.push_str(" ORDER BY s.id LIMIT ?");
    args.push(Arg::Int(i64::from(page.limit) + 1));
    let rows: Vec<Staff> = db.all(Sql { text: text.into(), args }).await?;
    Ok(page_from(rows, page.limit, |s| s.id))
}

/// One staff member, if their org lies in `scope`.
pub async fn get(db: &impl Db, scope: &Scope, id: i64) -> Result<Option<Staff>, DbError> {
    let (cond, mut args) = scope.clause("o.path", "o.id");
    args.push(id.into());
    let text =
        format!("SELECT {COLUMNS} FROM staff s JOIN orgs o ON o.id = s.org_id WHERE {cond} AND s.id = ?");
    db.first(Sql { text: text.into(), args }).await
}

/// The account a login names (normalised phone or e-mail), with its hash.
pub async fn credentials_by_login(db: &impl Db, login: &str) -> Result<Option<Credentials>, DbError> {
    db.first(sql!(
        format!(
            "SELECT {COLUMNS}, o.path AS org_path, s.password_hash FROM staff s JOIN orgs o ON o.id = s.org_id
             WHERE s.phone = ? OR s.email = ?"
        ),
        login,
        login
    ))
    .await
}

/// The account by id, with its hash (renewal, password change).
pub async fn credentials_by_id(db: &impl Db, id: i64) -> Result<Option<Credentials>, DbError> {
    db.first(sql!(
        format!(
            "SELECT {COLUMNS}, o.path AS org_path, s.password_hash FROM staff s JOIN orgs o ON o.id = s.org_id
             WHERE s.id = ?"
        ),
        id
    ))
    .await
}

fn snapshot(v: &ValidStaff, active: bool) -> serde_json::Value {
    json!({
        "org_id": v.org_id, "department": v.department, "role": v.role, "name": v.name,
        "phone": v.phone, "email": v.email, "active": active,
    })
}

fn from_staff(s: &Staff) -> ValidStaff {
    ValidStaff {
        org_id: s.org_id,
        department: s.department,
        role: s.role,
        name: s.name.clone(),
        phone: s.phone.as_deref().and_then(|p| schema::validate::Phone::parse(p).ok()),
        email: s.email.as_deref().and_then(|e| schema::validate::Email::parse(e).ok()),
    }
}

/// Creates an account with its audit entry; returns the new id.
pub async fn create(
    db: &impl Db,
    actor: &Actor,
    v: &ValidStaff,
    password_hash: &str,
) -> Result<i64, DbError> {
    let at = now();
    let out = db
        .batch(vec![
            sql!(
                "INSERT INTO staff (org_id, department, role, name, phone, email, password_hash, created_at, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                v.org_id, v.department.as_str(), v.role.as_str(), v.name.as_str(),
                v.phone.as_ref().map(|p| p.as_str()), v.email.as_ref().map(|e| e.as_str()),
                password_hash, at.as_str(), at.as_str()
            ),
            audit::entry(actor, &at, "create", "staff", EntityRef::JustInserted, &schema::diff::diff(
                &serde_json::Value::Null,
                &snapshot(v, true),
            )),
        ])
        .await?;
    new_id(&out)
}

/// Replaces editable fields if the version matches, with the audit entry, in one batch.
pub async fn update(
    db: &impl Db,
    actor: &Actor,
    before: &Staff,
    v: &ValidStaff,
    active: bool,
    version: i64,
) -> Result<(), DbError> {
    let at = now();
    let diff = schema::diff::diff(&snapshot(&from_staff(before), before.active), &snapshot(v, active));
    let action = if before.active && !active { "deactivate" } else { "update" };
    db.batch(vec![
        sql!(
            "UPDATE staff SET org_id = ?, department = ?, role = ?, name = ?, phone = ?, email = ?, active = ?,
             version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
            v.org_id, v.department.as_str(), v.role.as_str(), v.name.as_str(),
            v.phone.as_ref().map(|p| p.as_str()), v.email.as_ref().map(|e| e.as_str()), active,
            at.as_str(), before.id, version
        ),
        guard_changed(),
        // A person's customers are scoped by their org: when they move, their customers move too.
        sql!(
            "UPDATE customers SET org_id = ?, org_path = (SELECT path FROM orgs WHERE id = ?)
             WHERE owner_id = ? AND org_id != ?",
            v.org_id, v.org_id, before.id, v.org_id
        ),
        audit::entry(actor, &at, action, "staff", EntityRef::Id(before.id), &diff),
    ])
    .await
    .map(|_| ())
}

/// Sets a new hash (reset by an admin, or changed by its owner), bumps the version, records it.
pub async fn set_password(
    db: &impl Db,
    actor: &Actor,
    id: i64,
    hash: &str,
    action: &str,
) -> Result<(), DbError> {
    let at = now();
    db.batch(vec![
        sql!(
            "UPDATE staff SET password_hash = ?, version = version + 1, updated_at = ? WHERE id = ?",
            hash,
            at.as_str(),
            id
        ),
        guard_changed(),
        audit::entry(
            actor,
            &at,
            action,
            "staff",
            EntityRef::Id(id),
            &json!({"password": {"from": "***", "to": "***"}}),
        ),
    ])
    .await
    .map(|_| ())
}

/// Records a successful sign-in.
pub async fn touch_login(db: &impl Db, id: i64) -> Result<(), DbError> {
    db.exec(sql!("UPDATE staff SET last_login_at = ? WHERE id = ?", now(), id)).await.map(|_| ())
}

/// Active couriers, by org then name: who a dispatcher can send (any dispatcher sees them all).
pub async fn couriers(db: &impl Db) -> Result<Vec<Staff>, DbError> {
    db.all(sql!(format!(
        "SELECT {COLUMNS} FROM staff s JOIN orgs o ON o.id = s.org_id
         WHERE s.role = 'courier' AND s.active = 1 ORDER BY o.path, s.name LIMIT 1000"
    )))
    .await
}
