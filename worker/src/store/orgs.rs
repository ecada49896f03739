//! Organisation SQL.

use schema::org::{Org, OrgKind, ValidOrg};
use schema::page::{Page, PageRequest, page_from};
use serde::Deserialize;
use serde_json::json;

use super::audit::{self, EntityRef};
use super::db::{Arg, Db, DbError, Sql, guard_changed};
use super::{Actor, Scope, now};
use crate::store::db::sql;

const COLUMNS: &str =
    "id, parent_id, path, kind, code, name, region, address, phone, active, version, created_at, updated_at";

/// An org row with its tree path (the path stays inside the worker).
#[derive(Debug, Clone, Deserialize)]
pub struct OrgRow {
    #[serde(flatten)]
    pub org: Org,
    pub path: String,
}

/// List filters.
#[derive(Debug, Clone, Default)]
pub struct OrgFilter {
    /// Substring of name or code.
    pub q: Option<String>,
    pub kind: Option<OrgKind>,
    pub active: Option<bool>,
}

/// Orgs in `scope`, in tree order (by path, then id) — keyset on id within path order would need
/// a compound cursor; the tree is small (hundreds of orgs), so order by id and let the client sort.
pub async fn list(
    db: &impl Db,
    scope: &Scope,
    f: &OrgFilter,
    page: PageRequest,
) -> Result<Page<Org>, DbError> {
    let (cond, mut args) = scope.clause("path", "id");
    let mut text = format!("SELECT {COLUMNS} FROM orgs WHERE {cond}");
    if let Some(q) = f.q.as_deref().filter(|q| !q.is_empty()) {
        // instr() rather than LIKE: no wildcard characters to escape in user input.
        text.push_str(" AND (instr(name, ?) > 0 OR instr(code, upper(?)) > 0)");
        args.push(q.into());
        args.push(q.into());
    }
    if let Some(k) = f.kind {
        text.push_str(" AND kind = ?");
        args.push(k.as_str().into());
    }
    if let Some(a) = f.active {
        text.push_str(" AND active = ?");
        args.push(a.into());
    }
    if let Some(after) = page.after {
        text.push_str(" AND id > ?");
        args.push(after.into());
    }
    text.push_str(" ORDER BY id LIMIT ?");
    args.push(Arg::Int(i64::from(page.limit) + 1));
    let rows: Vec<OrgRow> = db.all(Sql { text: text.into(), args }).await?;
    Ok(page_from(rows.into_iter().map(|r| r.org).collect(), page.limit, |o| o.id))
}

/// One org, if it exists inside `scope`.
pub async fn get(db: &impl Db, scope: &Scope, id: i64) -> Result<Option<OrgRow>, DbError> {
    let (cond, mut args) = scope.clause("path", "id");
    args.push(id.into());
    db.first(Sql { text: format!("SELECT {COLUMNS} FROM orgs WHERE {cond} AND id = ?").into(), args }).await
}

fn snapshot(kind: OrgKind, v: &ValidOrg, active: bool) -> serde_json::Value {
    json!({
        "parent_id": v.parent_id, "kind": kind, "code": v.code, "name": v.name,
        "region": v.region, "address": v.address, "phone": v.phone, "active": active,
    })
}

/// Inserts an org, sets its path from its parent's, and records the audit entry — one batch.
/// Returns the new id.
pub async fn create(db: &impl Db, actor: &Actor, kind: OrgKind, v: &ValidOrg) -> Result<i64, DbError> {
    let at = now();
    let out = db
        .batch(vec![
            sql!(
                "INSERT INTO orgs (parent_id, kind, code, name, region, address, phone, created_at, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                v.parent_id, kind.as_str(), v.code.as_str(), v.name.as_str(), v.region.as_str(),
                v.address.as_str(), v.phone.as_str(), at.as_str(), at.as_str()
            ),
            sql!(
                "UPDATE orgs SET path = coalesce((SELECT p.path FROM orgs p WHERE p.id = orgs.parent_id), '/')
                 || id || '/' WHERE id = last_insert_rowid()"
            ),
            audit::entry(actor, &at, "create", "org", EntityRef::JustInserted, &schema::diff::diff(
                &serde_json::Value::Null,
                &snapshot(kind, v, true),
            )),
        ])
        .await?;
    new_id(&out)
}

/// The id an audit entry's `RETURNING entity_id` gave back (last statement of a create batch).
pub fn new_id(out: &[super::db::BatchOut]) -> Result<i64, DbError> {
    super::audit::inserted_id(out, out.len().saturating_sub(1), "create")
}

/// Replaces an org's fields if its version is still `version`; moves its subtree when the parent
/// changes. Everything in one batch, guarded, with the audit entry.
pub async fn update(
    db: &impl Db,
    actor: &Actor,
    before: &OrgRow,
    v: &ValidOrg,
    active: bool,
    version: i64,
    new_parent_path: Option<&str>,
) -> Result<(), DbError> {
    let at = now();
    let id = before.org.id;
    let mut batch = vec![
        sql!(
            "UPDATE orgs SET parent_id = ?, code = ?, name = ?, region = ?, address = ?, phone = ?, active = ?,
             version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
            v.parent_id, v.code.as_str(), v.name.as_str(), v.region.as_str(), v.address.as_str(),
            v.phone.as_str(), active, at.as_str(), id, version
        ),
        guard_changed(),
    ];
    if let Some(parent_path) = new_parent_path {
        let new_path = format!("{parent_path}{id}/");
        if new_path != before.path {
            // Everything that carries a tree path moves with the subtree: the orgs themselves and
            // the customers scoped by their owner's org.
            for (table, col) in [("orgs", "path"), ("customers", "org_path")] {
                batch.push(sql!(
                    format!(
                        "UPDATE {table} SET {col} = ? || substr({col}, ?) WHERE {col} >= ? AND {col} < ?"
                    ),
                    new_path.as_str(),
                    before.path.len() as i64 + 1,
                    before.path.as_str(),
                    super::subtree_upper(&before.path)
                ));
            }
        }
    }
    let o = &before.org;
    let old = ValidOrg {
        parent_id: o.parent_id,
        code: o.code.clone(),
        name: o.name.clone(),
        region: o.region.clone(),
        address: o.address.clone(),
        phone: o.phone.clone(),
    };
    let diff = schema::diff::diff(&snapshot(o.kind, &old, o.active), &snapshot(o.kind, v, active));
    let action = if o.active && !active { "deactivate" } else { "update" };
    batch.push(audit::entry(actor, &at, action, "org", EntityRef::Id(id), &diff));
    db.batch(batch).await.map(|_| ())
}

/// Active children and active staff under an org: an org in use cannot be deactivated.
pub async fn in_use(db: &impl Db, id: i64) -> Result<bool, DbError> {
    #[derive(Deserialize)]
    struct N {
        n: i64,
    }
    let n: Option<N> = db
        .first(sql!(
            "SELECT (SELECT count(*) FROM orgs WHERE parent_id = ? AND active = 1)
                  + (SELECT count(*) FROM staff WHERE org_id = ? AND active = 1) AS n",
            id,
            id
        ))
        .await?;
    Ok(n.is_some_and(|n| n.n > 0))
}
