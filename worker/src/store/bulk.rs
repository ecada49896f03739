//! Bulk actions on a selection of customers: assign an owner, set tier or lifecycle status, add or
//! remove a tag — each one set-based batch (an audit entry per changed customer, lifecycle history
//! where the status changes), limited to the customers in the caller's scope.

use schema::bulk::BulkAction;
use serde::Deserialize;
use serde_json::json;

use super::customers::{CustomerScope, Owner};
use super::db::{Db, DbError, Sql};
use super::{Actor, now};

/// Which of `ids` the scope reaches.
pub async fn reachable(db: &impl Db, scope: &CustomerScope, ids: &[i64]) -> Result<Vec<i64>, DbError> {
    #[derive(Deserialize)]
    struct R {
        id: i64,
    }
    let (cond, mut args) = scope.clause();
    args.push(json!(ids).to_string().into());
    let text = format!(
        "SELECT c.id FROM customers c WHERE {cond} AND c.id IN (SELECT value FROM json_each(?)) ORDER BY c.id"
    );
    let rows: Vec<R> = db.all(Sql { text: text.into(), args }).await?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// Applies `action` to `ids` (already checked against the scope); `owner` is the new owner for
/// an assignment. Returns how many customers changed.
pub async fn apply(
    db: &impl Db,
    actor: &Actor,
    ids: &[i64],
    action: &BulkAction,
    owner: Option<&Owner>,
) -> Result<u64, DbError> {
    let at = now();
    let list = json!(ids).to_string();
    let list = list.as_str();
    // (condition selecting the rows that really change, SET clause, diff expression, its args)
    let (only, set, diff, args): (&str, &str, &str, Vec<super::db::Arg>) = match action {
        BulkAction::Assign { .. } => {
            let Some(o) = owner else { return Ok(0) };
            (
                "owner_id IS NOT ?1",
                "owner_id = ?1, org_id = ?2, org_path = ?3",
                "json_object('owner_id', json_object('from', owner_id, 'to', CAST(?1 AS INTEGER)))",
                vec![o.id.into(), o.org_id.into(), o.org_path.as_str().into()],
            )
        }
        BulkAction::SetTier { tier } => (
            "tier != ?1",
            "tier = ?1",
            "json_object('tier', json_object('from', tier, 'to', ?1))",
            vec![tier.as_str().into()],
        ),
        BulkAction::SetStatus { status } => (
            "status != ?1",
            "status = ?1",
            "json_object('status', json_object('from', status, 'to', ?1))",
            vec![status.as_str().into()],
        ),
        BulkAction::AddTag { tag } => (
            "NOT EXISTS (SELECT 1 FROM json_each(tags) WHERE value = ?1) AND json_array_length(tags) < 10",
            "tags = json_insert(tags, '$[#]', ?1)",
            "json_object('tags', json_object('from', json(tags), 'to', json_insert(tags, '$[#]', ?1)))",
            vec![tag.as_str().into()],
        ),
        BulkAction::RemoveTag { tag } => (
            "EXISTS (SELECT 1 FROM json_each(tags) WHERE value = ?1)",
            "tags = (SELECT json_group_array(value) FROM json_each(customers.tags) WHERE value != ?1)",
            "json_object('tags', json_object('from', json(tags), 'to',
                (SELECT json_group_array(value) FROM json_each(customers.tags) WHERE value != ?1)))",
            vec![tag.as_str().into()],
        ),
    };
    let n = args.len();
    let (p_list, p_at, p_actor, p_name) = (n + 1, n + 2, n + 3, n + 4);
    let with = |mut a: Vec<super::db::Arg>| {
        a.extend([list.into(), at.as_str().into(), actor.id.into(), actor.name.as_str().into()]);
        a
    };
    let target = format!("id IN (SELECT value FROM json_each(?{p_list})) AND {only}");
    let mut batch = vec![Sql {
        text: format!(
            "INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, diff)
             SELECT ?{p_at}, ?{p_actor}, ?{p_name}, 'bulk_update', 'customer', id, {diff}
             FROM customers WHERE {target}"
        )
        .into(),
        args: with(args.clone()),
    }];
    if let BulkAction::SetStatus { .. } = action {
        batch.push(Sql {
            text: format!(
                "INSERT INTO customer_status_history (customer_id, from_status, to_status, at, actor_id, actor_name)
                 SELECT id, status, ?1, ?{p_at}, ?{p_actor}, ?{p_name} FROM customers WHERE {target}"
            )
            .into(),
            args: with(args.clone()),
        });
    }
    let mut update_args = args;
    update_args.extend([list.into(), at.as_str().into()]);
    batch.push(Sql {
        text: format!(
            "UPDATE customers SET {set}, version = version + 1, updated_at = ?{p_at} WHERE {target}"
        )
        .into(),
        args: update_args,
    });
    let out = db.batch(batch).await?;
    Ok(out.last().map_or(0, |o| o.changes))
}
