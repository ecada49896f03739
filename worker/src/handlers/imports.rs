//! `POST /api/v1/customers/import`: one chunk of a CSV import. Rows are validated with the form's
//! rules, checked against existing customers (and earlier rows of the chunk) for duplicates, and
//! handled per the chosen mode; the valid rows of a chunk are committed in one batch, so a bad row
//! never leaves a half-written record and a failed chunk leaves nothing. Replaying a committed
//! chunk returns its stored report.

use std::collections::{BTreeMap, HashMap};

use schema::custom::validate_values;
use schema::customer::{ValidContact, ValidCustomer};
use schema::import::{
    CHUNK_ROWS, DuplicateMode, ImportReport, ImportRequest, RowOutcome, RowReport, import_id, merge_fill,
};
use schema::{FieldIssue, Locale};
use worker::Response;

use crate::ctx::Ctx;
use crate::error::{AppError, Result};
use crate::service::customers::owner_for;
use crate::store::customers::as_valid;
use crate::store::db::DbError;
use crate::store::imports::{self, MergeRow, NewRow};

/// What the chunk will do with one valid row.
enum Plan {
    Create,
    /// Merge into this in-scope customer.
    Merge(i64),
    Skip(i64),
}

fn messages(e: schema::FieldErrors, l: Locale) -> BTreeMap<String, String> {
    e.into_iter().map(|(k, v)| (k.to_string(), v.message(l))).collect()
}

pub async fn import(mut ctx: Ctx) -> Result<Response> {
    let req: ImportRequest = ctx.json().await?;
    let id = import_id(&req.import_id).map_err(|e| AppError::field("import_id", e))?;
    if req.rows.is_empty() {
        return Err(AppError::field("rows", FieldIssue::Required));
    }
    if req.rows.len() > CHUNK_ROWS {
        return Err(AppError::field("rows", FieldIssue::TooMany { max: CHUNK_ROWS }));
    }
    let db = ctx.db()?;
    let caller = ctx.caller()?.clone();
    if !req.dry_run {
        match imports::stored_report(&db, &id, req.chunk, caller.id).await? {
            Some(Ok(report)) => return ctx.ok(&report),
            Some(Err(())) => return Err(AppError::field("import_id", FieldIssue::Taken)),
            None => {}
        }
    }
    let l = ctx.locale;
    let defs = crate::store::custom_fields::all(&db).await?;
    // Validate every row (custom columns `cf.<key>` too); keep the valid ones with their index.
    let mut reports: Vec<RowReport> = Vec::with_capacity(req.rows.len());
    let mut valid: Vec<(usize, ValidCustomer, Vec<ValidContact>)> = Vec::new();
    for (i, row) in req.rows.iter().enumerate() {
        let mut r = RowReport {
            line: row.line,
            outcome: RowOutcome::Invalid,
            customer_id: None,
            duplicate_of: None,
            errors: BTreeMap::new(),
        };
        let custom = validate_values(&defs, &row.custom_raw());
        match (row.validate(), custom) {
            (Ok((mut v, c)), Ok(custom)) => {
                v.custom = custom;
                valid.push((i, v, c));
            }
            (a, b) => {
                r.errors = messages(a.err().unwrap_or_default(), l);
                for (k, issue) in b.err().unwrap_or_default() {
                    // `custom.N` → the column's name, `cf.<key>`.
                    let name = k
                        .strip_prefix("custom.")
                        .and_then(|n| n.parse::<usize>().ok())
                        .and_then(|n| defs.get(n))
                        .map_or_else(|| "cf".to_string(), |d| format!("cf.{}", d.key));
                    r.errors.insert(name, issue.message(l));
                }
            }
        }
        reports.push(r);
    }
    // Duplicates among existing customers, by normalised name or any phone of the row.
    let phones_of = |v: &ValidCustomer, c: &[ValidContact]| -> Vec<String> {
        std::iter::once(v.phone.clone())
            .chain(c.iter().map(|c| c.phone.clone()))
            .filter(|p| !p.is_empty())
            .collect()
    };
    let keys: Vec<String> = valid.iter().map(|(_, v, _)| v.name_key.clone()).collect();
    let phones: Vec<String> = valid.iter().flat_map(|(_, v, c)| phones_of(v, c)).collect();
    let found = imports::matches(&db, &keys, &phones).await?;
    let mut by_key: HashMap<&str, i64> = HashMap::new();
    let mut by_phone: HashMap<&str, i64> = HashMap::new();
    for m in &found {
        if !m.name_key.is_empty() {
            by_key.entry(m.name_key.as_str()).or_insert(m.id);
        }
        if !m.phone.is_empty() {
            by_phone.entry(m.phone.as_str()).or_insert(m.id);
        }
    }
    // Merge targets must be within the caller's scope.
    let scope = ctx.scope.customers()?.clone();
    let mut plans: Vec<Plan> = Vec::with_capacity(valid.len());
    // Earlier rows of this chunk, by name and phone: (index into `valid`).
    let mut seen_key: HashMap<String, usize> = HashMap::new();
    let mut seen_phone: HashMap<String, usize> = HashMap::new();
    let mut earlier: Vec<Option<usize>> = Vec::with_capacity(valid.len());
    for (k, (_, v, c)) in valid.iter().enumerate() {
        let ph = phones_of(v, c);
        let existing = by_key
            .get(v.name_key.as_str())
            .or_else(|| ph.iter().find_map(|p| by_phone.get(p.as_str())))
            .copied();
        let prior = seen_key.get(&v.name_key).or_else(|| ph.iter().find_map(|p| seen_phone.get(p))).copied();
        earlier.push(prior);
        plans.push(match (req.mode, existing, prior) {
            (DuplicateMode::Create, _, _) | (_, None, None) => Plan::Create,
            (DuplicateMode::Merge, Some(id), _) => Plan::Merge(id),
            (_, Some(id), _) => Plan::Skip(id),
            (_, None, Some(_)) => Plan::Skip(0),
        });
        seen_key.entry(v.name_key.clone()).or_insert(k);
        for p in ph {
            seen_phone.entry(p).or_insert(k);
        }
    }
    let merge_ids: Vec<i64> =
        plans.iter().filter_map(|p| if let Plan::Merge(id) = p { Some(*id) } else { None }).collect();
    let targets = imports::in_scope(&db, &scope, &merge_ids).await?;
    let mut terms: HashMap<i64, crate::store::search::Terms> =
        imports::terms_of(&db, &merge_ids).await?.into_iter().collect();
    let base = if req.dry_run { 0 } else { imports::max_id(&db).await? };
    // Ids of the rows this chunk creates, in order.
    let mut created_ids: Vec<Option<i64>> = vec![None; valid.len()];
    let mut next = base;
    let mut merges: Vec<MergeRow> = Vec::new();
    let mut creates: Vec<NewRow> = Vec::new();
    for (k, plan) in plans.iter().enumerate() {
        let (i, v, c) = &valid[k];
        let r = &mut reports[*i];
        match plan {
            Plan::Create => {
                next += 1;
                created_ids[k] = Some(next);
                r.outcome = RowOutcome::Created;
                r.customer_id = (!req.dry_run).then_some(next);
                creates.push(NewRow { v, contacts: c });
            }
            Plan::Merge(id) => match targets.iter().find(|t| t.customer.id == *id) {
                Some(t) if !merges.iter().any(|m| m.before.customer.id == *id) => {
                    let t_terms = terms.remove(id).unwrap_or_default();
                    let contact = c.first().filter(|new| {
                        !t_terms.contacts.iter().any(|(name, phone, _)| {
                            (!new.phone.is_empty() && *phone == new.phone) || *name == new.name
                        })
                    });
                    merges.push(MergeRow {
                        before: t.clone(),
                        after: merge_fill(&as_valid(t), v),
                        contact: contact.cloned(),
                        terms: t_terms,
                    });
                    r.outcome = RowOutcome::Merged;
                    r.customer_id = Some(*id);
                }
                // Out of scope, or already merged by an earlier row of this chunk.
                _ => {
                    r.outcome = RowOutcome::Skipped;
                    r.duplicate_of = Some(*id);
                }
            },
            Plan::Skip(id) => {
                r.outcome = RowOutcome::Skipped;
                r.duplicate_of = match (*id, earlier[k]) {
                    (0, Some(e)) => created_ids[e],
                    (id, _) => Some(id),
                };
            }
        }
    }
    let mut report = ImportReport::default();
    for r in reports {
        report.push(r);
    }
    if req.dry_run || (creates.is_empty() && merges.is_empty()) {
        // Nothing to write (a check, or only bad and skipped rows): the report alone.
        return ctx.ok(&report);
    }
    let owner = owner_for(&db, &caller, None, None).await?;
    let actor = ctx.actor()?;
    match imports::commit(&db, &actor, &owner, (&id, req.chunk), base, &creates, &merges, &report, &defs)
        .await
    {
        Ok(()) => ctx.ok(&report),
        Err(DbError::VersionConflict) => Err(AppError::Conflict { current_version: None }),
        // The same chunk committed meanwhile by a concurrent copy of this request.
        Err(DbError::Unique(t)) if t.starts_with("import_chunks") => {
            match imports::stored_report(&db, &id, req.chunk, caller.id).await? {
                Some(Ok(r)) => ctx.ok(&r),
                _ => Err(AppError::field("import_id", FieldIssue::Taken)),
            }
        }
        Err(e) => Err(e.into()),
    }
}
