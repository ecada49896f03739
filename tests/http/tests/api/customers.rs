//! The customer archive over HTTP: create with contacts, search by two Chinese characters, scope
//! (no IDOR), masking, duplicates, versioned edits and contacts, what a read sends back.

use schema::customer::{
    ContactInput, CustomerDetail, CustomerInput, CustomerKind, CustomerSummary, HandoverRequest,
    LifecycleStatus, ShareRequest,
};
use schema::page::Page;
use serde_json::{Value, json};
use waypost_http_tests::{Client, unique, unique_phone};

use crate::helpers::{admin, all_of, new_staff};

/// A company with nothing but its name.
fn company(name: &str) -> CustomerInput {
    CustomerInput { kind: Some(CustomerKind::Company), name: name.into(), ..Default::default() }
}

fn contact(name: &str) -> ContactInput {
    ContactInput { name: name.into(), ..Default::default() }
}

fn new_customer(c: &Client, name: &str) -> CustomerDetail {
    c.customers_create(&CustomerInput {
        city: "上海市".into(),
        phone: unique_phone(),
        licence_no: "91350100M000100Y43".into(),
        tags: vec!["电商".into()],
        contacts: vec![
            ContactInput {
                phone: unique_phone(),
                title: "物流主管".into(),
                is_primary: true,
                ..contact("周杰")
            },
            ContactInput { email: "wu.jing@example.cn".into(), ..contact("吴静") },
        ],
        ..company(name)
    })
    .ok()
}

fn ids(page: &Page<CustomerSummary>) -> Vec<i64> {
    page.items.iter().map(|c| c.id).collect()
}

fn search(c: &Client, q: &str) -> Page<CustomerSummary> {
    c.customers_list(&[("q", q)]).ok()
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
    assert!(ids(&search(&rep, &two)).contains(&d.customer.id), "{two}");
    assert!(ids(&search(&rep, "吴静")).contains(&d.customer.id), "by a contact's name");
}

#[test]
fn reps_see_only_their_own_and_others_get_404() {
    let rep = Client::as_role("sales_rep");
    let mine = new_customer(&rep, &format!("独享客户{}", unique()));
    // Demo customer 3 belongs to another rep.
    assert_eq!(rep.customers_get(3).status, 404);
    let edit = CustomerInput { version: Some(1), ..company("x") };
    assert_eq!(rep.customers_update(3, &edit).status, 404);
    assert_eq!(rep.customers_add_contact(3, &contact("x")).status, 404);
    let listed = all_of(|q| rep.customers_list(q));
    assert!(listed.iter().all(|c| c.owner_name.as_deref() == Some("吴晓东")), "only own customers");
    // Customer service sees the firm, with identity numbers masked.
    let seen = Client::as_role("cs_agent").customers_get(mine.customer.id).ok();
    assert_eq!(seen.customer.licence_no.as_deref(), Some("9135**********0Y43"));
    // Couriers have no customer archive.
    assert_eq!(Client::as_role("courier").customers_list(&[]).status, 403);
}

#[test]
fn bad_numbers_are_field_errors_and_nothing_is_written() {
    let rep = Client::as_role("sales_rep");
    let name = format!("坏数据公司{}", unique());
    let r = rep.customers_create(&CustomerInput {
        licence_no: "91350100M000100Y44".into(),
        id_no: "110105194902300020".into(),
        phone: "12345".into(),
        email: "not-mail".into(),
        contacts: vec![ContactInput { phone: "1".into(), ..contact("") }],
        ..company(&name)
    });
    assert_eq!((r.status, r.code()), (422, "validation_failed"));
    for f in ["licence_no", "id_no", "phone", "email", "contacts.0.name", "contacts.0.phone"] {
        assert!(r.body["fields"][f].is_string(), "{f}: {}", r.raw);
    }
    assert_eq!(r.body["fields"]["licence_no"], "请输入有效的 18 位统一社会信用代码。");
    assert!(search(&rep, &name).items.is_empty(), "nothing written");
}

#[test]
fn concurrent_edits_get_409_and_lifecycle_changes_are_audited() {
    let rep = Client::as_role("sales_rep");
    let d = new_customer(&rep, &format!("并发客户{}", unique()));
    let c = &d.customer;
    let edit = |status| CustomerInput {
        version: Some(c.version),
        status: Some(status),
        licence_no: c.licence_no.clone().unwrap_or_default(),
        phone: c.phone.clone(),
        ..company(&c.name)
    };
    rep.customers_update(c.id, &edit(LifecycleStatus::Contracted)).ok();
    let second = rep.customers_update(c.id, &edit(LifecycleStatus::Lost));
    assert_eq!((second.status, second.code()), (409, "version_conflict"));
    assert_eq!(second.body["current_version"], c.version + 1);
    let now = rep.customers_get(c.id).ok();
    assert_eq!(now.customer.status, LifecycleStatus::Contracted, "the second save did not overwrite");
    let entity_id = c.id.to_string();
    let log = admin().audit_list(&[("entity", "customer"), ("entity_id", &entity_id)]).ok();
    assert_eq!(log.items[0].diff["status"]["to"], "contracted", "{log:?}");
}

/// What `GET` answers, sent back to `PATCH` as it is, is accepted: the read-only fields are
/// ignored, a null number reads as none, and a number masked for this caller means "keep it".
#[test]
fn a_customer_read_is_sent_back_as_it_is() {
    let rep = Client::as_role("sales_rep");
    let d = new_customer(&rep, &format!("原样回写{}", unique()));
    let agent = Client::as_role("cs_agent");
    let read = agent.customers_get(d.customer.id);
    let mut body = read.body["customer"].clone();
    assert_eq!(body["licence_no"], "9135**********0Y43", "masked for the agent");
    assert!(body["id_no"].is_null());
    body["notes"] = json!("回访:客户要求月结");
    let saved = agent.send("PATCH", &format!("/api/v1/customers/{}", d.customer.id), &body);
    assert_eq!(saved.status, 200, "{}", saved.raw);
    let after = rep.customers_get(d.customer.id).ok().customer;
    assert_eq!(after.notes, "回访:客户要求月结");
    assert_eq!(
        after.licence_no.as_deref(),
        Some("91350100M000100Y43"),
        "the masked number kept what was stored"
    );
    assert_eq!(after.version, d.customer.version + 1);
    // A masked number that is not the stored one's mask is refused, not kept.
    let mut other = read.body["customer"].clone();
    other["version"] = json!(after.version);
    other["licence_no"] = json!("9111**********0Y43");
    let refused = agent.send("PATCH", &format!("/api/v1/customers/{}", d.customer.id), &other);
    assert_eq!(
        (refused.status, refused.body["fields"]["licence_no"].is_string()),
        (422, true),
        "{}",
        refused.raw
    );
    // A contact read is sent back the same way.
    let person = &after_contacts(&rep, d.customer.id)[0];
    let path = format!("/api/v1/customers/{}/contacts/{}", d.customer.id, person["id"]);
    let mut contact = person.clone();
    contact["title"] = json!("总经理");
    let r = rep.send("PATCH", &path, &contact);
    assert_eq!(r.status, 200, "{}", r.raw);
}

fn after_contacts(c: &Client, id: i64) -> Vec<Value> {
    c.customers_get(id).body["contacts"].as_array().cloned().unwrap_or_default()
}

#[test]
fn duplicates_are_flagged_on_create_and_detail() {
    let rep = Client::as_role("sales_rep");
    let base = format!("重名测试{}", unique());
    let first = new_customer(&rep, &format!("{base}有限公司"));
    let warn = rep.customers_duplicates(&[("name", &format!("{base} 有限责任公司"))]).ok();
    assert!(warn.iter().any(|c| c.id == first.customer.id), "{warn:?}");
    let second = new_customer(&rep, &format!("{base}（有限公司）"));
    assert!(second.duplicates.iter().any(|c| c.id == first.customer.id));
}

#[test]
fn contacts_can_be_added_edited_and_removed() {
    let rep = Client::as_role("sales_rep");
    let d = new_customer(&rep, &format!("联系人测试{}", unique()));
    let id = d.customer.id;
    let new = ContactInput { phone: "13566667777".into(), is_primary: true, ..contact("郑秀英") };
    let added = rep.customers_add_contact(id, &new).status_is(201).json::<CustomerDetail>();
    assert_eq!(added.contacts[0].name, "郑秀英");
    assert_eq!(added.contacts.iter().filter(|c| c.is_primary).count(), 1);
    let c = added.contacts[0].clone();
    let title = ContactInput { version: Some(c.version), title: "总经理".into(), ..contact("郑秀英") };
    rep.customers_update_contact(id, c.id, &title).ok();
    let stale = ContactInput { version: Some(c.version), ..contact("旧") };
    assert_eq!(rep.customers_update_contact(id, c.id, &stale).status, 409);
    rep.customers_delete_contact(id, c.id).status_is(204);
    assert!(!ids(&search(&rep, "郑秀英")).contains(&id), "a removed contact no longer finds the customer");
}

#[test]
fn a_manager_hands_a_departing_reps_customers_to_a_successor() {
    let admin = admin();
    let (leaver, lphone, lpass) = new_staff(&admin, 4, "sales_rep");
    let (successor, sphone, spass) = new_staff(&admin, 5, "sales_rep");
    let leaving = Client::signed_in(&lphone, &lpass);
    let a = new_customer(&leaving, &format!("交接甲{}", unique()));
    let b = new_customer(&leaving, &format!("交接乙{}", unique()));
    let body =
        HandoverRequest { from_staff_id: leaver.id, to_staff_id: successor.id, reason: "离职".into() };
    assert_eq!(leaving.customers_handover(&body).status, 403, "reps cannot hand over");
    // The sales manager at 华东 reaches both outlets.
    let manager = Client::as_role("sales_manager");
    assert_eq!(manager.customers_handover(&body).ok().moved, 2);
    let next = Client::signed_in(&sphone, &spass);
    let theirs: Vec<i64> = all_of(|q| next.customers_list(q)).iter().map(|c| c.id).collect();
    assert!(theirs.contains(&a.customer.id) && theirs.contains(&b.customer.id), "{theirs:?}");
    assert_eq!(leaving.customers_get(a.customer.id).status, 404, "the leaver no longer sees them");
    let entity_id = a.customer.id.to_string();
    let log =
        admin.audit_list(&[("entity", "customer"), ("entity_id", &entity_id), ("action", "handover")]).ok();
    assert_eq!(log.items[0].diff["owner_id"]["to"], successor.id, "{log:?}");
    // Out of reach: the 华东 manager cannot move 华南 staff's customers.
    let south = HandoverRequest { from_staff_id: 14, to_staff_id: successor.id, reason: String::new() };
    let refused = manager.customers_handover(&south);
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
    rep.customers_create(&company(&name)).status_is(201);
    let csv = rep.customers_export(&[("q", "导出测试")]);
    assert!(csv.header("Content-Type").is_some_and(|t| t.starts_with("text/csv")));
    assert!(csv.header("Content-Disposition").is_some_and(|d| d.contains("attachment")));
    let csv = csv.text();
    assert!(csv.starts_with('\u{FEFF}'), "UTF-8 BOM first");
    let lines: Vec<&str> =
        csv.trim_start_matches('\u{FEFF}').split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(lines[0].starts_with("编号,客户名称"), "{}", lines[0]);
    assert!(
        lines.iter().any(|l| l.contains(&format!("\"{name}\""))),
        "quoted because of the comma: {lines:?}"
    );
    // Scope applies: another rep's customer never appears.
    let all = rep.customers_export(&[]).text();
    assert!(!all.contains("美佳电子商务有限公司"), "demo customer 3 belongs to another rep");
    let mut en = rep.clone();
    en.lang = "en";
    assert!(
        en.customers_export(&[("limit", "1")]).text().trim_start_matches('\u{FEFF}').starts_with("id,name")
    );
}

#[test]
fn an_owner_shares_a_customer_with_a_colleague_and_can_take_it_back() {
    let (_, bphone, bpass) = new_staff(&admin(), 4, "sales_rep");
    let owner = Client::as_role("sales_rep");
    let colleague = Client::signed_in(&bphone, &bpass);
    let id = new_customer(&owner, &format!("共享测试{}", unique())).customer.id;
    assert_eq!(colleague.customers_get(id).status, 404, "not shared yet");
    let unknown = owner.customers_share(id, &ShareRequest { login: "13999990000".into() });
    assert_eq!((unknown.status, unknown.body["fields"]["login"].is_string()), (422, true), "{}", unknown.raw);
    let shared = owner.customers_share(id, &ShareRequest { login: bphone.clone() }).status_is(201);
    let shared: CustomerDetail = shared.json();
    assert_eq!(shared.shares.len(), 1);
    assert_eq!(colleague.customers_get(id).status, 200, "shared customers are visible");
    assert!(all_of(|q| colleague.customers_list(q)).iter().any(|c| c.id == id));
    // Only the owner (or a manager) shares further or takes it back.
    let staff_id = shared.shares[0].staff_id;
    assert_eq!(colleague.customers_unshare(id, staff_id).status, 403);
    owner.customers_unshare(id, staff_id).status_is(204);
    assert_eq!(colleague.customers_get(id).status, 404);
    assert_eq!(owner.customers_unshare(id, staff_id).status, 404, "nothing left to unshare");
}

#[test]
fn a_manager_gives_customers_only_to_staff_within_reach() {
    let admin = admin();
    let manager = Client::as_role("sales_manager"); // 华东 branch (org 2)
    let (inside, _, _) = new_staff(&admin, 4, "sales_rep"); // 浦东, under 华东
    let (outside, _, _) = new_staff(&admin, 3, "sales_rep"); // 华南
    let owned_by =
        |owner: i64| CustomerInput { owner_id: Some(owner), ..company(&format!("归属测试{}", unique())) };
    let r = manager.customers_create(&owned_by(outside.id));
    assert_eq!(
        (r.status, r.body["fields"]["owner_id"].is_string()),
        (422, true),
        "another branch's rep: {}",
        r.raw
    );
    let made = manager.customers_create(&owned_by(inside.id)).ok();
    assert_eq!(made.customer.owner_id, Some(inside.id), "a rep of the manager's own branch");
    // The admin's reach is the whole firm.
    assert_eq!(admin.customers_create(&owned_by(outside.id)).status, 201);
}
