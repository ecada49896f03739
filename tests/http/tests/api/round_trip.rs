//! What a `GET` answers can be sent back to the `PATCH` of the same record as it is: read-only
//! fields (`id`, `created_at`, names of related records, …) are accepted and ignored, a `null`
//! reads as none. One record of every resource that is both read and edited whole.

use schema::custom::{CustomFieldInput, FieldKind};
use schema::customer::{ContactInput, CustomerInput, CustomerKind};
use schema::interaction::{InteractionInput, InteractionKind, InteractionStatus};
use schema::kb::ArticleInput;
use schema::location::LocationInput;
use schema::pickup::AddressInput;
use schema::request::RequestKind;
use serde_json::{Value, json};
use waypost_http_tests::{Client, DEMO_PASSWORD, unique};

use crate::helpers::{admin, new_outlet, new_staff};

/// Sends `read` back to `path` unchanged but for `change` (one field, so the save does
/// something), and checks it is taken: 200, the change kept, the version one up.
#[track_caller]
fn sent_back(c: &Client, path: &str, read: &Value, change: (&str, Value)) -> Value {
    let mut body = read.clone();
    body[change.0] = change.1.clone();
    let r = c.send("PATCH", path, &body);
    assert_eq!(r.status, 200, "{path}: {}", r.raw);
    r.body
}

#[test]
fn an_org_and_a_staff_member_read_go_back_as_they_are() {
    let admin = admin();
    let outlet = new_outlet(&admin);
    let read = admin.orgs_get(outlet.id).resp.body;
    let saved =
        sent_back(&admin, &format!("/api/v1/orgs/{}", outlet.id), &read, ("name", json!("回写营业部")));
    assert_eq!((saved["name"].as_str(), saved["version"].as_i64()), (Some("回写营业部"), Some(2)));

    let (staff, ..) = new_staff(&admin, outlet.id, "courier");
    let read = admin.staff_get(staff.id).resp.body;
    assert!(read["email"].is_null(), "no e-mail reads as null: {read}");
    let saved = sent_back(&admin, &format!("/api/v1/staff/{}", staff.id), &read, ("name", json!("回写员工")));
    assert_eq!(
        (saved["name"].as_str(), saved["version"].as_i64()),
        (Some("回写员工"), Some(staff.version + 1))
    );
}

#[test]
fn a_customer_its_contact_location_and_follow_up_go_back_as_they_are() {
    let rep = Client::as_role("sales_rep");
    let made = rep
        .customers_create(&CustomerInput {
            kind: Some(CustomerKind::Company),
            name: format!("回写客户{}", unique()),
            contacts: vec![ContactInput {
                name: "周杰".into(),
                phone: "13512345678".into(),
                ..Default::default()
            }],
            ..Default::default()
        })
        .ok();
    let id = made.customer.id;
    let read = rep.customers_get(id).resp.body;
    assert!(read["customer"]["licence_no"].is_null());
    let saved =
        sent_back(&rep, &format!("/api/v1/customers/{id}"), &read["customer"], ("notes", json!("原样回写")));
    assert_eq!(saved["customer"]["notes"], "原样回写");

    let contact = &saved["contacts"][0];
    let path = format!("/api/v1/customers/{id}/contacts/{}", contact["id"]);
    let saved = sent_back(&rep, &path, contact, ("title", json!("经理")));
    assert_eq!(saved["contacts"][0]["title"], "经理");

    let place =
        LocationInput {
            label: "仓库".into(), address: "闵行区沪闵路 100 号".into(), ..Default::default()
        };
    let with_place = rep.timeline_add_location(id, &place).status_is(201).body;
    let location = &with_place["locations"][0];
    let path = format!("/api/v1/customers/{id}/locations/{}", location["id"]);
    let saved = sent_back(&rep, &path, location, ("label", json!("主仓")));
    assert_eq!(saved["locations"][0]["label"], "主仓");

    let planned = InteractionInput {
        kind: Some(InteractionKind::Visit),
        status: Some(InteractionStatus::Planned),
        summary: "上门洽谈".into(),
        due_at: Some("2030-01-02T02:00:00Z".into()),
        ..Default::default()
    };
    let follow_up = rep.timeline_add_interaction(id, &planned).status_is(201).body;
    let path = format!("/api/v1/customers/{id}/interactions/{}", follow_up["id"]);
    let saved = sent_back(&rep, &path, &follow_up, ("summary", json!("上门洽谈月结")));
    assert_eq!(saved["summary"], "上门洽谈月结");
}

#[test]
fn a_custom_field_and_an_article_go_back_as_they_are() {
    let admin = admin();
    let field = CustomFieldInput {
        key: format!("rt_{}", unique()),
        label_zh: "回写".into(),
        label_en: "Round trip".into(),
        kind: Some(FieldKind::Text),
        ..Default::default()
    };
    let made = admin.custom_fields_create(&field).status_is(201).body;
    let path = format!("/api/v1/custom-fields/{}", made["id"]);
    let saved = sent_back(&admin, &path, &made, ("label_en", json!("Sent back")));
    assert_eq!(saved["label_en"], "Sent back");

    let article = ArticleInput {
        category: "时效".into(),
        title: format!("回写文章{}", unique()),
        body: "原样回写".into(),
        kinds: vec![RequestKind::Inquiry],
        active: true,
        ..Default::default()
    };
    let made = admin.kb_create(&article).status_is(201).body;
    let read = admin.kb_get(made["id"].as_i64().unwrap_or_default()).resp.body;
    let saved = sent_back(&admin, &format!("/api/v1/kb/{}", made["id"]), &read, ("body", json!("再次回写")));
    assert_eq!(saved["body"], "再次回写");
}

#[test]
fn a_portal_address_goes_back_as_it_is() {
    let mut portal = Client::new();
    assert_eq!(portal.portal_login("13912345678", DEMO_PASSWORD).status, 200);
    let entry = AddressInput {
        name: "王芳".into(),
        phone: "13700137000".into(),
        region: "北京市".into(),
        address: format!("朝阳区建国路 {} 号", unique() % 1000),
        ..Default::default()
    };
    let made = portal.portal_add_address(&entry).status_is(201).body;
    let path = format!("/api/v1/portal/addresses/{}", made["id"]);
    let saved = sent_back(&portal, &path, &made, ("label", json!("公司")));
    assert_eq!(saved["label"], "公司");
    portal.portal_delete_address(made["id"].as_i64().unwrap_or_default()).status_is(204);
}
