//! Archive upkeep over HTTP: merging duplicates (managers only, version-checked), bulk actions on
//! a selection (scope-limited), and the data-quality lists.

use schema::bulk::BulkResult;
use schema::customer::CustomerDetail;
use schema::page::Page;
use schema::quality::QualityItem;
use serde_json::json;
use waypost_http_tests::{Client, unique, unique_phone};

fn customer(c: &Client, name: &str, phone: &str) -> CustomerDetail {
    let r = c.post("/api/v1/customers", &json!({"kind": "company", "name": name, "phone": phone}));
    assert_eq!(r.status, 201, "{}", r.raw);
    r.json()
}

#[test]
fn a_manager_merges_a_duplicate_and_its_contacts_follow() {
    let rep = Client::as_role("sales_rep");
    let tag = unique();
    let keep = customer(&rep, &format!("合并{tag}物流"), "");
    let gone = customer(&rep, &format!("合并{tag}物流有限公司"), &unique_phone());
    let r = rep.post(
        &format!("/api/v1/customers/{}/contacts", gone.customer.id),
        &json!({"name": "吴静", "phone": unique_phone()}),
    );
    assert_eq!(r.status, 201);
    let gone: CustomerDetail = r.json();
    let url = format!("/api/v1/customers/{}/merge", keep.customer.id);
    let body = json!({"from_id": gone.customer.id, "version": keep.customer.version, "from_version": gone.customer.version});
    assert_eq!(rep.post(&url, &body).status, 403, "reps do not merge");
    let mgr = Client::as_role("sales_manager");
    let stale = json!({"from_id": gone.customer.id, "version": keep.customer.version, "from_version": 99});
    assert_eq!(mgr.post(&url, &stale).status, 409);
    let itself = json!({"from_id": keep.customer.id, "version": keep.customer.version, "from_version": keep.customer.version});
    assert_eq!(mgr.post(&url, &itself).status, 422);
    let ok = mgr.post(&url, &body);
    assert_eq!(ok.status, 200, "{}", ok.raw);
    let d: CustomerDetail = ok.json();
    assert_eq!(d.contacts.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["吴静"]);
    assert_eq!(d.customer.phone, gone.customer.phone, "the blank phone was filled");
    assert_eq!(mgr.get(&format!("/api/v1/customers/{}", gone.customer.id)).status, 404);
    let log = Client::as_role("admin")
        .get(&format!("/api/v1/audit?entity=customer&entity_id={}", gone.customer.id));
    assert!(log.raw.contains("merged_into"), "{}", log.raw);
}

#[test]
fn bulk_actions_touch_only_the_callers_customers() {
    let rep = Client::as_role("sales_rep");
    let a = customer(&rep, &format!("批量{}甲", unique()), "");
    let b = customer(&rep, &format!("批量{}乙", unique()), "");
    // Demo customer 3 belongs to another rep: skipped, untouched.
    let r = rep.post(
        "/api/v1/customers/bulk",
        &json!({"ids": [a.customer.id, b.customer.id, 3], "action": {"type": "add_tag", "tag": "年底回访"}}),
    );
    assert_eq!(r.status, 200, "{}", r.raw);
    let res: BulkResult = r.json();
    assert_eq!((res.changed, res.skipped), (2, vec![3]));
    let seen: CustomerDetail = rep.get(&format!("/api/v1/customers/{}", a.customer.id)).json();
    assert!(seen.customer.tags.contains(&"年底回访".to_string()));
    let tagged = rep.get("/api/v1/customers?tag=%E5%B9%B4%E5%BA%95%E5%9B%9E%E8%AE%BF&limit=100");
    let mut ids: Vec<i64> = tagged.body["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|c| c["id"].as_i64()).collect())
        .unwrap_or_default();
    ids.retain(|id| *id == a.customer.id || *id == b.customer.id);
    assert_eq!(ids.len(), 2, "the tag filter finds both: {}", tagged.raw);
    assert_eq!(seen.customer.version, a.customer.version + 1, "a bulk change bumps the version");
    let agent = Client::as_role("cs_agent");
    let three: CustomerDetail = agent.get("/api/v1/customers/3").json();
    assert!(!three.customer.tags.contains(&"年底回访".to_string()));
    // Assigning is for managers; bad values are field errors.
    let assign = json!({"ids": [a.customer.id], "action": {"type": "assign", "owner_id": 12}});
    assert_eq!(rep.post("/api/v1/customers/bulk", &assign).status, 403);
    let empty = rep
        .post("/api/v1/customers/bulk", &json!({"ids": [], "action": {"type": "set_tier", "tier": "vip"}}));
    assert_eq!((empty.status, empty.body["fields"]["ids"].is_string()), (422, true));
    let bad = rep
        .post("/api/v1/customers/bulk", &json!({"ids": [1], "action": {"type": "set_tier", "tier": "gold"}}));
    assert_eq!(bad.status, 422);
}

#[test]
fn quality_lists_show_gaps_and_refuse_bad_queries() {
    let rep = Client::as_role("sales_rep");
    let bare = customer(&rep, &format!("缺资料{}", unique()), "");
    let mut ids = Vec::new();
    let mut cursor = String::new();
    loop {
        let page: Page<QualityItem> =
            rep.get(&format!("/api/v1/customers/quality?check=missing&limit=100&cursor={cursor}")).json();
        ids.extend(page.items.iter().filter(|i| i.customer.id == bare.customer.id).map(|i| i.missing.len()));
        match page.next_cursor {
            Some(c) => cursor = c,
            None => break,
        }
    }
    assert_eq!(ids, vec![4], "no phone, no contact, no city, no licence");
    assert_eq!(rep.get("/api/v1/customers/quality?check=stale&days=30").status, 200);
    assert_eq!(rep.get("/api/v1/customers/quality?check=duplicates").status, 200);
    assert_eq!(rep.get("/api/v1/customers/quality?check=nonsense").status, 400);
    assert_eq!(rep.get("/api/v1/customers/quality?check=stale&days=0").status, 400);
}

#[test]
fn sorted_lists_page_by_their_own_cursor() {
    let rep = Client::as_role("sales_rep");
    let first = customer(&rep, &format!("排序{}", unique()), "");
    let newest = customer(&rep, &format!("排序{}", unique()), "");
    let mut seen = Vec::new();
    let mut cursor = String::new();
    loop {
        let p = rep.get(&format!("/api/v1/customers?sort=updated&limit=7&cursor={cursor}"));
        assert_eq!(p.status, 200, "{}", p.raw);
        seen.extend(
            p.body["items"].as_array().cloned().unwrap_or_default().iter().filter_map(|c| c["id"].as_i64()),
        );
        match p.body["next_cursor"].as_str() {
            Some(c) => cursor = c.bytes().map(|b| format!("%{b:02X}")).collect(),
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
    assert_eq!(rep.get("/api/v1/customers?sort=price").status, 400);
    assert_eq!(
        rep.get("/api/v1/customers?sort=updated&cursor=c12").status,
        400,
        "an id cursor is not a sorted one"
    );
}
