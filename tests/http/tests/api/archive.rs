//! Archive upkeep over HTTP: merging duplicates (managers only, version-checked), bulk actions on
//! a selection (scope-limited), and the data-quality lists.

use schema::bulk::{BulkAction, BulkRequest};
use schema::customer::{ContactInput, CustomerDetail, CustomerInput, CustomerKind, MergeRequest, Tier};
use serde_json::json;
use waypost_http_tests::{Client, unique, unique_phone};

use crate::helpers::all_of;

fn customer(c: &Client, name: &str, phone: &str) -> CustomerDetail {
    let company = CustomerInput {
        kind: Some(CustomerKind::Company),
        name: name.into(),
        phone: phone.into(),
        ..Default::default()
    };
    c.customers_create(&company).ok()
}

#[test]
fn a_manager_merges_a_duplicate_and_its_contacts_follow() {
    let rep = Client::as_role("sales_rep");
    let tag = unique();
    let keep = customer(&rep, &format!("合并{tag}物流"), "");
    let gone = customer(&rep, &format!("合并{tag}物流有限公司"), &unique_phone());
    let contact = ContactInput { name: "吴静".into(), phone: unique_phone(), ..Default::default() };
    let gone: CustomerDetail = rep.customers_add_contact(gone.customer.id, &contact).status_is(201).json();
    let (k, g) = (&keep.customer, &gone.customer);
    let merge = |from_id, from_version| MergeRequest { from_id, version: k.version, from_version };
    assert_eq!(rep.archive_merge(k.id, &merge(g.id, g.version)).status, 403, "reps do not merge");
    let mgr = Client::as_role("sales_manager");
    assert_eq!(mgr.archive_merge(k.id, &merge(g.id, 99)).status, 409);
    assert_eq!(mgr.archive_merge(k.id, &merge(k.id, k.version)).status, 422);
    let d = mgr.archive_merge(k.id, &merge(g.id, g.version)).ok();
    assert_eq!(d.contacts.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["吴静"]);
    assert_eq!(d.customer.phone, g.phone, "the blank phone was filled");
    assert_eq!(mgr.customers_get(g.id).status, 404);
    let entity_id = g.id.to_string();
    let log = Client::as_role("admin").audit_list(&[("entity", "customer"), ("entity_id", &entity_id)]).ok();
    assert!(
        log.items.iter().any(|e| e.action == "merged_into" && e.diff["merged_into"]["to"] == k.id),
        "{log:?}"
    );
}

#[test]
fn bulk_actions_touch_only_the_callers_customers() {
    let rep = Client::as_role("sales_rep");
    let a = customer(&rep, &format!("批量{}甲", unique()), "");
    let b = customer(&rep, &format!("批量{}乙", unique()), "");
    // Demo customer 3 belongs to another rep: skipped, untouched.
    let tag = BulkAction::AddTag { tag: "年底回访".into() };
    let res = rep
        .archive_bulk_action(&BulkRequest { ids: vec![a.customer.id, b.customer.id, 3], action: tag })
        .ok();
    assert_eq!((res.changed, res.skipped), (2, vec![3]));
    let seen = rep.customers_get(a.customer.id).ok();
    assert!(seen.customer.tags.contains(&"年底回访".to_string()));
    let tagged = all_of(|q| rep.customers_list(&[q, &[("tag", "年底回访")]].concat()));
    let both = tagged.iter().filter(|c| c.id == a.customer.id || c.id == b.customer.id).count();
    assert_eq!(both, 2, "the tag filter finds both");
    assert_eq!(seen.customer.version, a.customer.version + 1, "a bulk change bumps the version");
    let three = Client::as_role("cs_agent").customers_get(3).ok();
    assert!(!three.customer.tags.contains(&"年底回访".to_string()));
    // Assigning is for managers; bad values are field errors.
    let assign = BulkRequest { ids: vec![a.customer.id], action: BulkAction::Assign { owner_id: 12 } };
    assert_eq!(rep.archive_bulk_action(&assign).status, 403);
    let empty = BulkRequest { ids: vec![], action: BulkAction::SetTier { tier: Tier::Vip } };
    let empty = rep.archive_bulk_action(&empty);
    assert_eq!((empty.status, empty.body["fields"]["ids"].is_string()), (422, true));
    let gold = json!({"ids": [1], "action": {"type": "set_tier", "tier": "gold"}});
    assert_eq!(rep.send("POST", "/api/v1/customers/bulk", &gold).status, 422);
}

#[test]
fn quality_lists_show_gaps_and_refuse_bad_queries() {
    let rep = Client::as_role("sales_rep");
    let bare = customer(&rep, &format!("缺资料{}", unique()), "");
    let missing: Vec<usize> = all_of(|q| rep.archive_quality(&[q, &[("check", "missing")]].concat()))
        .iter()
        .filter(|i| i.customer.id == bare.customer.id)
        .map(|i| i.missing.len())
        .collect();
    assert_eq!(missing, vec![4], "no phone, no contact, no city, no licence");
    assert_eq!(rep.archive_quality(&[("check", "stale"), ("days", "30")]).status, 200);
    assert_eq!(rep.archive_quality(&[("check", "duplicates")]).status, 200);
    assert_eq!(rep.archive_quality(&[("check", "nonsense")]).status, 400);
    assert_eq!(rep.archive_quality(&[("check", "stale"), ("days", "0")]).status, 400);
}

#[test]
fn sorted_lists_page_by_their_own_cursor() {
    let rep = Client::as_role("sales_rep");
    let first = customer(&rep, &format!("排序{}", unique()), "");
    let newest = customer(&rep, &format!("排序{}", unique()), "");
    let mut seen = Vec::new();
    let mut cursor = String::new();
    loop {
        let p = rep.customers_list(&[("sort", "updated"), ("limit", "7"), ("cursor", &cursor)]).ok();
        seen.extend(p.items.iter().map(|c| c.id));
        match p.next_cursor {
            Some(c) => cursor = c,
            None => break,
        }
    }
    let at = |id: i64| seen.iter().position(|x| *x == id);
    assert!(at(newest.customer.id) < at(first.customer.id), "recently changed first");
    assert!(at(first.customer.id).is_some());
    let total = seen.len();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), total, "no repeats across pages");
    assert!(seen.contains(&first.customer.id));
    assert_eq!(rep.customers_list(&[("sort", "price")]).status, 400);
    let id_cursor = rep.customers_list(&[("sort", "updated"), ("cursor", "c12")]);
    assert_eq!(id_cursor.status, 400, "an id cursor is not a sorted one");
}
