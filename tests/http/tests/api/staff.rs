//! Staff accounts: validation, uniqueness, scope.

use schema::org::Department;
use schema::staff::{Role, StaffInput, StaffUpdate};
use waypost_http_tests::{Client, unique_phone};

use crate::helpers::{admin, all_of, new_outlet, new_staff};

fn account(role: Role, name: &str, phone: &str, password: &str) -> StaffInput {
    StaffInput {
        org_id: Some(4),
        department: None,
        role: Some(role),
        name: name.into(),
        phone: phone.into(),
        email: String::new(),
        password: password.into(),
    }
}

#[test]
fn create_validates_and_localizes() {
    let admin = admin();
    let mut en = admin.clone();
    en.lang = "en";
    let bad = account(Role::CsAgent, "", "123", "12345678");
    let r = en.staff_create(&bad);
    assert_eq!((r.status, r.code()), (422, "validation_failed"));
    assert_eq!(r.body["message"], "Please check the highlighted fields.");
    assert_eq!(r.body["fields"]["phone"], "Enter a valid mobile (11 digits) or landline number.");
    assert!(r.body["fields"]["password"].is_string());
    assert!(r.body["fields"]["name"].is_string());
    assert_eq!(admin.staff_create(&bad).body["message"], "请检查标出的字段。");
}

#[test]
fn phones_and_emails_are_unique_after_normalisation() {
    let admin = admin();
    let phone = unique_phone();
    admin.staff_create(&account(Role::Courier, "甲", &phone, "Courier-pass-01")).status_is(201);
    let spaced = format!("+86 {} {} {}", &phone[..3], &phone[3..7], &phone[7..]);
    let second = admin.staff_create(&account(Role::Courier, "乙", &spaced, "Courier-pass-02"));
    assert_eq!((second.status, second.code()), (409, "already_exists"));
    assert!(second.body["fields"]["phone"].is_string());
}

#[test]
fn supervisors_see_their_subtree_only() {
    let admin = admin();
    let oid = new_outlet(&admin).id;
    let (member, ..) = new_staff(&admin, oid, "courier");
    let (_, sphone, spass) = new_staff(&admin, oid, "cs_supervisor");
    let sup = Client::signed_in(&sphone, &spass);
    let seen: Vec<i64> = all_of(|q| sup.staff_list(q)).iter().map(|s| s.org_id).collect();
    assert!(!seen.is_empty() && seen.iter().all(|o| *o == oid), "{seen:?}");
    assert_eq!(sup.staff_get(member.id).status, 200);
    assert_eq!(sup.staff_get(1).status, 404, "the admin at HQ is out of reach");
    let any = account(Role::Courier, "丙", &unique_phone(), "Courier-pass-03");
    assert_eq!(sup.staff_create(&any).status, 403, "supervisors cannot create accounts");
}

#[test]
fn an_admin_cannot_lock_themselves_out() {
    let admin = admin();
    let me = admin.staff_get(1).ok();
    let off = StaffUpdate {
        version: me.version,
        org_id: 1,
        department: Department::ItServices,
        role: Role::Admin,
        name: me.name,
        phone: me.phone.unwrap_or_default(),
        email: me.email.unwrap_or_default(),
        active: false,
        id: Default::default(),
        org_name: Default::default(),
        last_login_at: Default::default(),
        created_at: Default::default(),
        updated_at: Default::default(),
    };
    let r = admin.staff_update(1, &off);
    assert_eq!(r.status, 422, "{}", r.raw);
}
