//! The customer archive over HTTP: create with contacts, search by two Chinese characters, scope
//! (no IDOR), masking, duplicates, versioned edits and contacts.

use schema::customer::CustomerDetail;
use serde_json::{Value, json};
use waypost_http_tests::{Client, unique, unique_phone};

fn new_customer(c: &Client, name: &str) -> CustomerDetail {
    let r = c.post(
        "/api/v1/customers",
        &json!({
            "kind": "company", "name": name, "city": "上海市", "phone": unique_phone(),
            "licence_no": "91350100M000100Y43", "tags": ["电商"],
            "contacts": [
                {"name": "周杰", "phone": unique_phone(), "title": "物流主管", "is_primary": true},
                {"name": "吴静", "email": "wu.jing@example.cn"}
            ]
        }),
    );
    assert_eq!(r.status, 201, "{}", r.raw);
    r.json()
}

fn ids(r: &waypost_http_tests::Resp) -> Vec<i64> {
    r.body["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|c| c["id"].as_i64()).collect())
        .unwrap_or_default()
}

fn q(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

#[test]
fn a_rep_creates_a_company_with_two_contacts_and_finds_it_by_two_characters() {
    let rep = Client::as_role("sales_rep");
    let name = format!("{}达速运有限公司", ["瑞", "祥", "福", "恒"][(unique() % 4) as usize]);
    let d = new_customer(&rep, &name);
    assert_eq!(d.contacts.len(), 2);
    assert_eq!(d.contacts[0].name, "周杰", "primary first");
    assert_eq!(d.customer.owner_name.as_deref(), Some("吴晓东"), "owned by its creator");
    assert_eq!(d.customer.licence_no.as_deref(), Some("91350100M000100Y43"), "the owner sees it in full");
    let two: String = name.chars().take(2).collect();
    let found = rep.get(&format!("/api/v1/customers?q={}", q(&two)));
    assert!(ids(&found).contains(&d.customer.id), "{two}: {}", found.raw);
    let by_contact = rep.get(&format!("/api/v1/customers?q={}", q("吴静")));
    assert!(ids(&by_contact).contains(&d.customer.id));
}

#[test]
fn reps_see_only_their_own_and_others_get_404() {
    let rep = Client::as_role("sales_rep");
    let mine = new_customer(&rep, &format!("独享客户{}", unique()));
    // Demo customer 3 belongs to another rep.
    assert_eq!(rep.get("/api/v1/customers/3").status, 404);
    assert_eq!(
        rep.patch("/api/v1/customers/3", &json!({"version": 1, "kind": "company", "name": "x"})).status,
        404
    );
    assert_eq!(rep.post("/api/v1/customers/3/contacts", &json!({"name": "x"})).status, 404);
    let listed = crate::helpers::all_items(&rep, "/api/v1/customers");
    assert!(listed.iter().all(|c| c["owner_name"] == "吴晓东"), "only own customers");
    // Customer service sees the firm, with identity numbers masked.
    let agent = Client::as_role("cs_agent");
    let seen = agent.get(&format!("/api/v1/customers/{}", mine.customer.id));
    assert_eq!(seen.status, 200);
    assert_eq!(seen.body["customer"]["licence_no"], "9135**********0Y43");
    // Couriers have no customer archive.
    assert_eq!(Client::as_role("courier").get("/api/v1/customers").status, 403);
}

#[test]
fn bad_numbers_are_field_errors_and_nothing_is_written() {
    let rep = Client::as_role("sales_rep");
    let name = format!("坏数据公司{}", unique());
    let r = rep.post("/api/v1/customers", &json!({
        "kind": "company", "name": name, "licence_no": "91350100M000100Y44", "id_no": "110105194902300020",
        "phone": "12345", "email": "not-mail", "contacts": [{"name": "", "phone": "1"}]
    }));
    assert_eq!((r.status, r.code()), (422, "validation_failed"));
    for f in ["licence_no", "id_no", "phone", "email", "contacts.0.name", "contacts.0.phone"] {
        assert!(r.body["fields"][f].is_string(), "{f}: {}", r.raw);
    }
    assert_eq!(r.body["fields"]["licence_no"], "请输入有效的 18 位统一社会信用代码。");
    let found = rep.get(&format!("/api/v1/customers?q={}", q(&name)));
    assert!(ids(&found).is_empty(), "nothing written");
}

#[test]
fn concurrent_edits_get_409_and_lifecycle_changes_are_audited() {
    let rep = Client::as_role("sales_rep");
    let d = new_customer(&rep, &format!("并发客户{}", unique()));
    let path = format!("/api/v1/customers/{}", d.customer.id);
    let edit = |version: i64, status: &str| {
        json!({"version": version, "kind": "company", "name": d.customer.name, "status": status,
               "licence_no": d.customer.licence_no, "phone": d.customer.phone})
    };
    let first = rep.patch(&path, &edit(d.customer.version, "contracted"));
    assert_eq!(first.status, 200, "{}", first.raw);
    let second = rep.patch(&path, &edit(d.customer.version, "lost"));
    assert_eq!((second.status, second.code()), (409, "version_conflict"));
    assert_eq!(second.body["current_version"], d.customer.version + 1);
    let now: Value = rep.get(&path).body;
    assert_eq!(now["customer"]["status"], "contracted", "the second save did not overwrite");
    let log =
        Client::as_role("admin").get(&format!("/api/v1/audit?entity=customer&entity_id={}", d.customer.id));
    assert_eq!(log.body["items"][0]["diff"]["status"]["to"], "contracted", "{}", log.raw);
}

#[test]
fn duplicates_are_flagged_on_create_and_detail() {
    let rep = Client::as_role("sales_rep");
    let base = format!("重名测试{}", unique());
    let first = new_customer(&rep, &format!("{base}有限公司"));
    let warn = rep.get(&format!("/api/v1/customers/duplicates?name={}", q(&format!("{base} 有限责任公司"))));
    assert_eq!(warn.status, 200);
    assert_eq!(
        warn.body.as_array().map(|a| a.iter().any(|c| c["id"] == first.customer.id)),
        Some(true),
        "{}",
        warn.raw
    );
    let second = new_customer(&rep, &format!("{base}（有限公司）"));
    assert!(second.duplicates.iter().any(|c| c.id == first.customer.id));
}

#[test]
fn contacts_can_be_added_edited_and_removed() {
    let rep = Client::as_role("sales_rep");
    let d = new_customer(&rep, &format!("联系人测试{}", unique()));
    let base = format!("/api/v1/customers/{}/contacts", d.customer.id);
    let added = rep.post(&base, &json!({"name": "郑秀英", "phone": "13566667777", "is_primary": true}));
    assert_eq!(added.status, 201, "{}", added.raw);
    let added: CustomerDetail = added.json();
    assert_eq!(added.contacts[0].name, "郑秀英");
    assert_eq!(added.contacts.iter().filter(|c| c.is_primary).count(), 1);
    let c = added.contacts[0].clone();
    let edited = rep.patch(
        &format!("{base}/{}", c.id),
        &json!({"version": c.version, "name": "郑秀英", "title": "总经理"}),
    );
    assert_eq!(edited.status, 200, "{}", edited.raw);
    let stale = rep.patch(&format!("{base}/{}", c.id), &json!({"version": c.version, "name": "旧"}));
    assert_eq!(stale.status, 409);
    assert_eq!(rep.request("DELETE", &format!("{base}/{}", c.id), None, &[]).status, 204);
    let found = rep.get(&format!("/api/v1/customers?q={}", q("郑秀英")));
    assert!(!ids(&found).contains(&d.customer.id), "a removed contact no longer finds the customer");
}

#[test]
fn a_manager_hands_a_departing_reps_customers_to_a_successor() {
    let admin = Client::as_role("admin");
    let (leaver, lphone, lpass) = crate::helpers::new_staff(&admin, 4, "sales_rep");
    let (successor, sphone, spass) = crate::helpers::new_staff(&admin, 5, "sales_rep");
    let leaving = Client::signed_in(&lphone, &lpass);
    let a = new_customer(&leaving, &format!("交接甲{}", unique()));
    let b = new_customer(&leaving, &format!("交接乙{}", unique()));
    let body = json!({"from_staff_id": leaver["id"], "to_staff_id": successor["id"], "reason": "离职"});
    assert_eq!(leaving.post("/api/v1/customers/handover", &body).status, 403, "reps cannot hand over");
    // The sales manager at 华东 reaches both outlets.
    let manager = Client::as_role("sales_manager");
    let r = manager.post("/api/v1/customers/handover", &body);
    assert_eq!(r.status, 200, "{}", r.raw);
    assert_eq!(r.body["moved"], 2);
    let next = Client::signed_in(&sphone, &spass);
    let theirs: Vec<i64> = crate::helpers::all_items(&next, "/api/v1/customers")
        .iter()
        .filter_map(|c| c["id"].as_i64())
        .collect();
    assert!(theirs.contains(&a.customer.id) && theirs.contains(&b.customer.id), "{theirs:?}");
    assert_eq!(
        leaving.get(&format!("/api/v1/customers/{}", a.customer.id)).status,
        404,
        "the leaver no longer sees them"
    );
    let log =
        admin.get(&format!("/api/v1/audit?entity=customer&entity_id={}&action=handover", a.customer.id));
    assert_eq!(log.body["items"][0]["diff"]["owner_id"]["to"], successor["id"], "{}", log.raw);
    // Out of reach: the 华东 manager cannot move 华南 staff's customers.
    let south = json!({"from_staff_id": 14, "to_staff_id": successor["id"]});
    let refused = manager.post("/api/v1/customers/handover", &south);
    assert_eq!(
        (refused.status, refused.body["fields"]["from_staff_id"].is_string()),
        (422, true),
        "{}",
        refused.raw
    );
}

#[test]
fn the_filtered_list_exports_as_csv_excel_can_open() {
    let rep = Client::as_role("sales_rep");
    let name = format!("导出测试{},含逗号", unique());
    let r = rep.post("/api/v1/customers", &json!({"kind": "company", "name": name}));
    assert_eq!(r.status, 201, "{}", r.raw);
    let csv = rep.get(&format!("/api/v1/customers/export.csv?q={}", q("导出测试")));
    assert_eq!(csv.status, 200);
    assert!(csv.header("Content-Type").is_some_and(|t| t.starts_with("text/csv")));
    assert!(csv.header("Content-Disposition").is_some_and(|d| d.contains("attachment")));
    assert!(csv.raw.starts_with('\u{FEFF}'), "UTF-8 BOM first");
    let lines: Vec<&str> =
        csv.raw.trim_start_matches('\u{FEFF}').split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(lines[0].starts_with("编号,客户名称"), "{}", lines[0]);
    assert!(
        lines.iter().any(|l| l.contains(&format!("\"{name}\""))),
        "quoted because of the comma: {lines:?}"
    );
    // Scope applies: another rep's customer never appears.
    let all = rep.get("/api/v1/customers/export.csv");
    assert!(!all.raw.contains("美佳电子商务有限公司"), "demo customer 3 belongs to another rep");
    let mut en = rep.clone();
    en.lang = "en";
    assert!(
        en.get("/api/v1/customers/export.csv?limit=1")
            .raw
            .trim_start_matches('\u{FEFF}')
            .starts_with("id,name")
    );
}

#[test]
fn an_owner_shares_a_customer_with_a_colleague_and_can_take_it_back() {
    let admin = Client::as_role("admin");
    let (_, bphone, bpass) = crate::helpers::new_staff(&admin, 4, "sales_rep");
    let owner = Client::as_role("sales_rep");
    let colleague = Client::signed_in(&bphone, &bpass);
    let d = new_customer(&owner, &format!("共享测试{}", unique()));
    let path = format!("/api/v1/customers/{}", d.customer.id);
    assert_eq!(colleague.get(&path).status, 404, "not shared yet");
    let unknown = owner.post(&format!("{path}/shares"), &json!({"login": "13999990000"}));
    assert_eq!((unknown.status, unknown.body["fields"]["login"].is_string()), (422, true), "{}", unknown.raw);
    let shared = owner.post(&format!("{path}/shares"), &json!({"login": bphone}));
    assert_eq!(shared.status, 201, "{}", shared.raw);
    assert_eq!(shared.body["shares"].as_array().map(Vec::len), Some(1));
    assert_eq!(colleague.get(&path).status, 200, "shared customers are visible");
    let ids: Vec<i64> = crate::helpers::all_items(&colleague, "/api/v1/customers")
        .iter()
        .filter_map(|c| c["id"].as_i64())
        .collect();
    assert!(ids.contains(&d.customer.id));
    // Only the owner (or a manager) shares further or takes it back.
    let staff_id = shared.body["shares"][0]["staff_id"].as_i64().unwrap_or_default();
    assert_eq!(colleague.request("DELETE", &format!("{path}/shares/{staff_id}"), None, &[]).status, 403);
    assert_eq!(owner.request("DELETE", &format!("{path}/shares/{staff_id}"), None, &[]).status, 204);
    assert_eq!(colleague.get(&path).status, 404);
    assert_eq!(
        owner.request("DELETE", &format!("{path}/shares/{staff_id}"), None, &[]).status,
        404,
        "nothing left to unshare"
    );
}

#[test]
fn a_manager_gives_customers_only_to_staff_within_reach() {
    let admin = crate::helpers::admin();
    let manager = Client::as_role("sales_manager"); // 华东 branch (org 2)
    let (inside, _, _) = crate::helpers::new_staff(&admin, 4, "sales_rep"); // 浦东, under 华东
    let (outside, _, _) = crate::helpers::new_staff(&admin, 3, "sales_rep"); // 华南
    let body = |owner: &Value| json!({"kind": "company", "name": format!("归属测试{}", unique()), "owner_id": owner["id"]});
    let r = manager.post("/api/v1/customers", &body(&outside));
    assert_eq!(
        (r.status, r.body["fields"]["owner_id"].is_string()),
        (422, true),
        "another branch's rep: {}",
        r.raw
    );
    let r = manager.post("/api/v1/customers", &body(&inside));
    assert_eq!(r.status, 201, "a rep of the manager's own branch: {}", r.raw);
    assert_eq!(r.body["customer"]["owner_id"], inside["id"]);
    // The admin's reach is the whole firm.
    assert_eq!(admin.post("/api/v1/customers", &body(&outside)).status, 201);
}
