//! Generators for demo and bulk data: Chinese names, phones and addresses that look real, from a
//! small deterministic PRNG so every run produces the same firm.

use waypost_worker::auth::password;

/// The password of every demo account (listed in the README). Passes the password rules.
pub const DEMO_PASSWORD: &str = "Waypost-Demo-2026";

pub(crate) const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何",
    "林", "罗", "高",
];
pub(crate) const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英",
    "丽", "建华", "志强", "海燕", "晓东", "文博", "雨涵",
];
const PINYIN: &[&str] = &[
    "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu",
    "hu", "guo", "he", "lin", "luo", "gao",
];

/// xorshift64*: deterministic, dependency-free.
pub(crate) struct Rng(pub(crate) u64);
impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub(crate) fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

/// SQL string literal.
fn q(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn opt(s: Option<&str>) -> String {
    s.map_or("NULL".into(), q)
}

const AT: &str = "2026-11-01T08:00:00.000Z";

struct Org<'a> {
    id: i64,
    parent: Option<i64>,
    kind: &'a str,
    code: &'a str,
    name: &'a str,
    region: &'a str,
    address: &'a str,
    phone: &'a str,
}

fn org_sql(o: &Org, path: &str) -> String {
    format!(
        "INSERT OR IGNORE INTO orgs (id, parent_id, path, kind, code, name, region, address, phone, created_at, updated_at) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, '{AT}', '{AT}');\n",
        o.id,
        o.parent.map_or("NULL".into(), |p| p.to_string()),
        q(path),
        q(o.kind),
        q(o.code),
        q(o.name),
        q(o.region),
        q(o.address),
        q(o.phone)
    )
}

#[allow(clippy::too_many_arguments)]
fn staff_sql(
    id: i64,
    org: i64,
    role: &str,
    dept: &str,
    name: &str,
    phone: &str,
    email: Option<&str>,
    hash: &str,
) -> String {
    format!(
        "INSERT OR IGNORE INTO staff (id, org_id, department, role, name, phone, email, password_hash, created_at, updated_at) VALUES ({id}, {org}, {}, {}, {}, {}, {}, {}, '{AT}', '{AT}');\n",
        q(dept),
        q(role),
        q(name),
        q(phone),
        opt(email),
        q(hash)
    )
}

fn dept(role: &str) -> &'static str {
    schema::staff::Role::parse(role).map_or("customer_service", |r| r.default_department().as_str())
}

/// The demo firm: 迅捷速运 with HQ, 2 branches, 4 outlets, a hub and a service center, and 20
/// staff covering every role (the first eight are the README's demo accounts).
pub fn demo() -> String {
    let orgs = [
        Org {
            id: 1,
            parent: None,
            kind: "hq",
            code: "HQ",
            name: "迅捷速运总部",
            region: "上海市",
            address: "上海市闵行区申长路 988 号",
            phone: "021-52881000",
        },
        Org {
            id: 2,
            parent: Some(1),
            kind: "branch",
            code: "EC",
            name: "华东分公司",
            region: "上海市",
            address: "上海市普陀区真北路 1200 号",
            phone: "021-62001234",
        },
        Org {
            id: 3,
            parent: Some(1),
            kind: "branch",
            code: "SC",
            name: "华南分公司",
            region: "广东省广州市",
            address: "广州市天河区天河北路 233 号",
            phone: "020-38001234",
        },
        Org {
            id: 4,
            parent: Some(2),
            kind: "outlet",
            code: "SH-PD",
            name: "浦东营业部",
            region: "上海市浦东新区",
            address: "上海市浦东新区张杨路 500 号",
            phone: "021-58881234",
        },
        Org {
            id: 5,
            parent: Some(2),
            kind: "outlet",
            code: "SH-XH",
            name: "徐汇营业部",
            region: "上海市徐汇区",
            address: "上海市徐汇区漕溪北路 88 号",
            phone: "021-64001234",
        },
        Org {
            id: 6,
            parent: Some(3),
            kind: "outlet",
            code: "GZ-TH",
            name: "天河营业部",
            region: "广东省广州市天河区",
            address: "广州市天河区体育西路 101 号",
            phone: "020-38881234",
        },
        Org {
            id: 7,
            parent: Some(3),
            kind: "outlet",
            code: "GZ-BY",
            name: "白云营业部",
            region: "广东省广州市白云区",
            address: "广州市白云区机场路 1688 号",
            phone: "020-36001234",
        },
        Org {
            id: 8,
            parent: Some(1),
            kind: "hub",
            code: "HUB-SH",
            name: "虹桥转运中心",
            region: "上海市闵行区",
            address: "上海市闵行区华翔路 2000 号",
            phone: "021-52001234",
        },
        Org {
            id: 9,
            parent: Some(1),
            kind: "service_center",
            code: "CS-CENTER",
            name: "快件服务中心",
            region: "上海市",
            address: "上海市闵行区申长路 990 号",
            phone: "021-52882000",
        },
    ];
    let mut sql = String::from("-- Waypost demo data (generated by `cargo run -p xtask -- demo`).\n");
    let mut paths = std::collections::HashMap::new();
    for o in &orgs {
        let path = match o.parent {
            Some(p) => format!("{}{}/", paths.get(&p).cloned().unwrap_or_default(), o.id),
            None => format!("/{}/", o.id),
        };
        sql.push_str(&org_sql(o, &path));
        paths.insert(o.id, path);
    }
    let hash = password::hash(DEMO_PASSWORD).unwrap_or_else(|e| panic!("hash: {e}"));
    // (role, org, name, phone, email): one per role first — the README's demo accounts.
    let accounts: [(&str, i64, &str, &str, &str); 8] = [
        ("admin", 1, "赵志强", "13800000001", "admin@xunjie.example.cn"),
        ("cs_manager", 9, "钱丽", "13800000002", "cs.manager@xunjie.example.cn"),
        ("cs_supervisor", 9, "孙海燕", "13800000003", "cs.supervisor@xunjie.example.cn"),
        ("cs_agent", 9, "李娜", "13800000004", "cs.agent@xunjie.example.cn"),
        ("sales_manager", 2, "周建华", "13800000005", "sales.manager@xunjie.example.cn"),
        ("sales_rep", 4, "吴晓东", "13800000006", "sales.rep@xunjie.example.cn"),
        ("courier", 4, "郑勇", "13800000007", "courier@xunjie.example.cn"),
        ("hub_ops", 8, "王磊", "13800000008", "hub.ops@xunjie.example.cn"),
    ];
    for (i, (role, org, name, phone, email)) in accounts.iter().enumerate() {
        sql.push_str(&staff_sql(i as i64 + 1, *org, role, dept(role), name, phone, Some(email), &hash));
    }
    let mut rng = Rng(0x5EED_CAFE);
    let more: [(&str, i64); 12] = [
        ("cs_agent", 9),
        ("cs_agent", 9),
        ("cs_agent", 6),
        ("sales_rep", 5),
        ("sales_rep", 6),
        ("sales_rep", 7),
        ("courier", 5),
        ("courier", 6),
        ("courier", 7),
        ("hub_ops", 8),
        ("cs_supervisor", 3),
        ("sales_manager", 3),
    ];
    for (i, (role, org)) in more.iter().enumerate() {
        let id = 9 + i as i64;
        let name = format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN));
        let phone = format!("139{:08}", rng.next() % 100_000_000);
        sql.push_str(&staff_sql(id, *org, role, dept(role), &name, &phone, None, &hash));
    }
    // Customers go to the sales staff, in their orgs: (staff id, org id, org path).
    let mut sales: Vec<(i64, i64, String)> = Vec::new();
    for (i, (role, org, ..)) in accounts.iter().enumerate() {
        if *role == "sales_rep" {
            sales.push((i as i64 + 1, *org, paths.get(org).cloned().unwrap_or_default()));
        }
    }
    for (i, (role, org)) in more.iter().enumerate() {
        if *role == "sales_rep" {
            sales.push((9 + i as i64, *org, paths.get(org).cloned().unwrap_or_default()));
        }
    }
    sales.push((5, 2, paths.get(&2).cloned().unwrap_or_default()));
    sql.push_str(&demo_customers(&sales));
    sql.push_str(DEMO_FIELDS);
    sql.push_str(DEMO_SHIPMENTS);
    sql.push_str(&crate::history::demo_history(chrono::Utc::now().timestamp()));
    // The portal: 顺达物流's 张伟 signs in at /portal with the demo password; one consignee in the
    // address book and one pickup waiting for dispatch.
    sql.push_str(&format!(
        "INSERT OR IGNORE INTO portal_users (id, customer_id, name, login, password_hash, status, notify_portal, notify_message, created_at, updated_at) VALUES (1, 1, '张伟', '13912345678', {}, 'active', 1, 1, '{AT}', '{AT}');\n",
        q(&hash)
    ));
    sql.push_str(DEMO_PORTAL);
    sql
}

/// The demo customer's address book entry and a pickup booked in the portal, not yet dispatched.
const DEMO_PORTAL: &str = "INSERT OR IGNORE INTO address_book (id, customer_id, label, name, phone, region, address, postcode, created_at, updated_at) VALUES
    (1, 1, '杭州仓', '王建国', '13900000001', '浙江省杭州市', '西湖区文三路 100 号', '310000', '2026-11-20T00:00:00.000Z', '2026-11-20T00:00:00.000Z');
INSERT OR IGNORE INTO pickups (id, pickup_no, customer_id, channel, portal_user_id, contact_name, contact_phone, region, address, window_start, window_end, pieces, weight_g, consignee_name, consignee_phone, consignee_address, dest_region, changed_by, created_at, updated_at) VALUES
    (1, 'PU20261125-0001', 1, 'portal', 1, '张伟', '13912345678', '上海市普陀区', '真北路 1200 号 B 座', '2026-11-26T01:00:00.000Z', '2026-11-26T03:00:00.000Z', 2, 3000, '王建国', '13900000001', '西湖区文三路 100 号', '浙江省杭州市', '张伟', '2026-11-25T02:00:00.000Z', '2026-11-25T02:00:00.000Z');
";

/// Three waybills of customer 1 (顺达物流) for the tracking pages: delivered, at a hub, and an
/// exception; the consignee phones end in 0001, 0002 and 0003.
const DEMO_SHIPMENTS: &str = "INSERT OR IGNORE INTO shipments
    (id, waybill_no, customer_id, shipper_name, shipper_phone, consignee_name, consignee_phone, consignee_address,
     origin_region, dest_region, service_code, pieces, weight_g, fee, status, status_at, last_location,
     committed_at, delivered_at, created_at, updated_at) VALUES
    (1, 'WP202611200001', 1, '顺达物流', '021-62345678', '王建国', '13900000001', '杭州市西湖区文三路 100 号',
     '上海市', '杭州市', 'express', 1, 1200, 1800, 'delivered', '2026-11-21T06:30:00.000Z', '杭州西湖营业部',
     '2026-11-21T10:00:00.000Z', '2026-11-21T06:30:00.000Z', '2026-11-20T02:00:00.000Z', '2026-11-21T06:30:00.000Z'),
    (2, 'WP202611200002', 1, '顺达物流', '021-62345678', '李秀英', '13900000002', '南京市鼓楼区中山北路 8 号',
     '上海市', '南京市', 'standard', 2, 5400, 2600, 'at_hub', '2026-11-20T20:00:00.000Z', '虹桥转运中心',
     '2026-11-22T10:00:00.000Z', NULL, '2026-11-20T03:00:00.000Z', '2026-11-20T20:00:00.000Z'),
    (3, 'WP202611200003', 1, '顺达物流', '021-62345678', '赵敏', '13900000003', '苏州市工业园区星湖街 1 号',
     '上海市', '苏州市', 'standard', 1, 800, 1200, 'exception', '2026-11-21T01:00:00.000Z', '苏州园区营业部',
     '2026-11-21T10:00:00.000Z', NULL, '2026-11-20T04:00:00.000Z', '2026-11-21T01:00:00.000Z');
INSERT OR IGNORE INTO tracking_events (shipment_id, event_key, at, type, location, description, operator, source, created_at) VALUES
    (1, 'demo:1', '2026-11-20T03:00:00.000Z', 'picked_up', '浦东营业部', '快件已揽收', '郑勇', 'staff:7', '2026-11-20T03:00:00.000Z'),
    (1, 'demo:2', '2026-11-20T12:00:00.000Z', 'at_hub', '虹桥转运中心', '到达转运中心', '', 'staff:8', '2026-11-20T12:00:00.000Z'),
    (1, 'demo:3', '2026-11-21T01:00:00.000Z', 'out_for_delivery', '杭州西湖营业部', '派送中', '', 'staff:7', '2026-11-21T01:00:00.000Z'),
    (1, 'demo:4', '2026-11-21T06:30:00.000Z', 'delivered', '杭州西湖营业部', '本人签收', '', 'staff:7', '2026-11-21T06:30:00.000Z'),
    (2, 'demo:1', '2026-11-20T05:00:00.000Z', 'picked_up', '浦东营业部', '快件已揽收', '郑勇', 'staff:7', '2026-11-20T05:00:00.000Z'),
    (2, 'demo:2', '2026-11-20T20:00:00.000Z', 'at_hub', '虹桥转运中心', '到达转运中心', '', 'staff:8', '2026-11-20T20:00:00.000Z'),
    (3, 'demo:1', '2026-11-20T06:00:00.000Z', 'picked_up', '浦东营业部', '快件已揽收', '郑勇', 'staff:7', '2026-11-20T06:00:00.000Z'),
    (3, 'demo:2', '2026-11-21T01:00:00.000Z', 'exception', '苏州园区营业部', '地址不详,联系收件人中', '', 'staff:7', '2026-11-21T01:00:00.000Z');
";

/// Custom customer fields a courier firm would add: monthly volume, the channel a customer ships
/// through, the services it uses, and its contract's end.
const DEMO_FIELDS: &str = "INSERT OR IGNORE INTO custom_fields
    (id, key, label_zh, label_en, kind, options, required, position, active, created_at, updated_at) VALUES
    (1, 'monthly_volume', '月均票量', 'Monthly parcels', 'number', '[]', 0, 1, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    (2, 'channel', '合作渠道', 'Channel', 'select', '[\"电商\",\"门店\",\"批发\",\"其他\"]', 0, 2, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    (3, 'services', '开通服务', 'Services', 'multi_select', '[\"冷链\",\"大件\",\"国际\",\"代收货款\"]', 0, 3, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
    (4, 'contract_end', '合同到期', 'Contract ends', 'date', '[]', 0, 4, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
";

/// The demo customers' lifecycle stage and tier, by id - 1 modulo 8 ([`crate::history`] gives
/// them the shipments that make the value rules agree).
pub const DEMO_STATUSES: [&str; 8] =
    ["active", "contracted", "prospect", "registered", "at_risk", "active", "contracted", "lost"];
pub const DEMO_TIERS: [&str; 8] =
    ["vip", "key", "regular", "regular", "potential", "key", "regular", "regular"];
/// How many demo customers there are (ids 1…).
pub const DEMO_CUSTOMERS: i64 = 16;

/// Customers of the demo firm, spread over the sales staff (owner id, org id, org path), each with
/// one or two contacts and its search entry.
fn demo_customers(owners: &[(i64, i64, String)]) -> String {
    let companies: [(&str, &str, &str, &str); 16] = [
        ("顺达物流有限公司", "顺达", "上海市", "浦东新区"),
        ("华联商贸有限公司", "华联", "上海市", "徐汇区"),
        ("美佳电子商务有限公司", "美佳电商", "上海市", "闵行区"),
        ("东方精密仪器有限公司", "东方精密", "上海市", "嘉定区"),
        ("锦绣服饰有限责任公司", "锦绣服饰", "广东省广州市", "天河区"),
        ("南粤食品有限公司", "南粤食品", "广东省广州市", "白云区"),
        ("恒通汽配有限公司", "恒通汽配", "广东省广州市", "番禺区"),
        ("百草堂医药连锁有限公司", "百草堂", "上海市", "静安区"),
        ("云端科技股份有限公司", "云端科技", "上海市", "浦东新区"),
        ("安心母婴用品有限公司", "安心母婴", "广东省广州市", "海珠区"),
        ("金桥建材有限公司", "金桥建材", "上海市", "宝山区"),
        ("星河文具有限公司", "星河文具", "广东省广州市", "越秀区"),
        ("佳品生鲜配送有限公司", "佳品生鲜", "上海市", "普陀区"),
        ("鸿运家具有限公司", "鸿运家具", "广东省广州市", "白云区"),
        ("极速数码有限公司", "极速数码", "上海市", "长宁区"),
        ("丰收农产品合作社", "丰收农产", "广东省广州市", "从化区"),
    ];
    let (statuses, tiers) = (DEMO_STATUSES, DEMO_TIERS);
    let mut rng = Rng(0xC0FF_EE00);
    let mut sql = String::new();
    let mut contact_id = 1;
    for (i, (name, short, city, district)) in companies.iter().enumerate() {
        let id = i as i64 + 1;
        let (owner, org, path) = &owners[i % owners.len()];
        let phone = format!(
            "{}-{}",
            if city.starts_with("上海") { "021" } else { "020" },
            60_000_000 + rng.next() % 9_000_000
        );
        let key = schema::customer::name_key(name);
        let mut contacts = Vec::new();
        for _ in 0..(1 + i % 2) {
            let s = rng.pick(SURNAMES);
            contacts.push((
                contact_id,
                format!("{s}{}", rng.pick(GIVEN)),
                format!("135{:08}", rng.next() % 100_000_000),
            ));
            contact_id += 1;
        }
        let address = format!(
            "{city}{district}{}路 {} 号",
            rng.pick(&["人民", "解放", "中山", "建设", "和平"]),
            rng.next() % 999 + 1
        );
        sql.push_str(&format!(
            "INSERT OR IGNORE INTO customers (id, kind, name, name_key, short_name, industry, province, city, district, address, source, status, tier, phone, owner_id, org_id, org_path, created_at, updated_at) VALUES ({id}, 'company', {}, {}, {}, '', {}, {}, {}, {}, '电话营销', '{}', '{}', {}, {owner}, {org}, '{path}', '{AT}', '{AT}');\n",
            q(name), q(&key), q(short), q(if city.starts_with("上海") { "上海市" } else { "广东省" }), q(city), q(district), q(&address),
            statuses[i % statuses.len()], tiers[i % tiers.len()], q(&phone)
        ));
        let mut terms: Vec<&str> = vec![name, short, &phone, city, district, &address];
        for (cid, cname, cphone) in &contacts {
            sql.push_str(&format!(
                "INSERT OR IGNORE INTO contacts (id, customer_id, name, title, phone, is_primary, created_at, updated_at) VALUES ({cid}, {id}, {}, '物流经理', '{cphone}', {}, '{AT}', '{AT}');\n",
                q(cname), i64::from(*cid == contacts[0].0)
            ));
        }
        for (_, cname, cphone) in &contacts {
            terms.push(cname);
            terms.push(cphone);
        }
        sql.push_str(&format!(
            "INSERT INTO customer_search (rowid, body) SELECT {id}, {} WHERE NOT EXISTS (SELECT 1 FROM customer_search WHERE rowid = {id});\n",
            q(&schema::customer::search_text(&terms))
        ));
    }
    sql
}

/// Benchmark volumes: `orgs` outlets under two branches, `staff` accounts spread over them, and
/// `audit` log entries. Ids start at 1000 so they never collide with the demo firm. One shared
/// hash keeps generation fast; these accounts are for reading, not signing in.
pub fn bulk(orgs: usize, staff: usize, audit: usize) -> String {
    let mut rng = Rng(0xB01D_FACE);
    let hash = password::hash(DEMO_PASSWORD).unwrap_or_else(|e| panic!("hash: {e}"));
    let mut sql = String::new();
    let cities = [("上海市", "EC", 2), ("广东省广州市", "SC", 3)];
    for i in 0..orgs {
        let id = 1000 + i as i64;
        let (region, prefix, parent) = cities[i % 2];
        let code = format!("{prefix}-B{i:04}");
        let name = format!("{}第{}营业部", if parent == 2 { "华东" } else { "华南" }, i + 1);
        let path = format!("/1/{parent}/{id}/");
        let address = format!(
            "{region}{}路 {} 号",
            rng.pick(&["人民", "解放", "中山", "建设", "和平"]),
            rng.next() % 999 + 1
        );
        sql.push_str(&org_sql(
            &Org {
                id,
                parent: Some(parent),
                kind: "outlet",
                code: &code,
                name: &name,
                region,
                address: &address,
                phone: "",
            },
            &path,
        ));
    }
    let roles = ["cs_agent", "sales_rep", "courier", "courier", "hub_ops", "cs_supervisor"];
    for i in 0..staff {
        let id = 1000 + i as i64;
        let org = 1000 + (rng.next() % orgs.max(1) as u64) as i64;
        let role = roles[i % roles.len()];
        let s = rng.next() as usize % SURNAMES.len();
        let name = format!("{}{}", SURNAMES[s], rng.pick(GIVEN));
        let phone = format!("137{:08}", i);
        let email = format!("{}{}@bulk.example.cn", PINYIN[s], i);
        sql.push_str(&staff_sql(id, org, role, dept(role), &name, &phone, Some(&email), &hash));
    }
    for i in 0..audit {
        let entity_id = 1000 + (i % staff.max(1)) as i64;
        sql.push_str(&format!(
            "INSERT OR IGNORE INTO audit_log (id, at, actor_id, actor_name, action, entity, entity_id, diff) VALUES ({}, '{AT}', 1, '赵志强', 'update', 'staff', {entity_id}, '{{\"name\":{{\"from\":\"a\",\"to\":\"b\"}}}}');\n",
            100_000 + i
        ));
    }
    sql
}

/// SQL for an empty database: the HQ org and its first administrator, checked by the same rules
/// as the API (phone/e-mail format, password policy). The password comes from the environment so
/// it stays out of shell history.
pub fn first_admin(
    firm: &str,
    name: &str,
    phone: &str,
    email: &str,
    password: &str,
) -> Result<String, String> {
    use schema::validate::{Email, Phone, required_text};
    let firm = required_text(firm, 60).map_err(|_| "--firm is required (≤ 60 characters)")?;
    let name = required_text(name, 40).map_err(|_| "--name is required (≤ 40 characters)")?;
    let phone = Phone::parse(phone).map_err(|_| "--phone must be a mainland mobile or landline number")?;
    let email = if email.is_empty() {
        None
    } else {
        Some(Email::parse(email).map_err(|_| "--email is not an e-mail")?)
    };
    let parts = schema::staff::login_parts(Some(&phone), email.as_ref());
    schema::password::check(password, &parts)
        .map_err(|_| "WAYPOST_ADMIN_PASSWORD is missing or too weak (≥ 8 characters, not common)")?;
    let hash = password::hash(password)?;
    let mut sql = org_sql(
        &Org { id: 1, parent: None, kind: "hq", code: "HQ", name: &firm, region: "", address: "", phone: "" },
        "/1/",
    );
    sql.push_str(&staff_sql(
        1,
        1,
        "admin",
        "it_services",
        &name,
        phone.as_str(),
        email.as_ref().map(|e| e.as_str()),
        &hash,
    ));
    Ok(sql)
}

/// Benchmark customers: `n` companies with three contacts each, spread over the demo sales staff,
/// with their search entries. Multi-row INSERTs (200 rows a statement) keep the file loadable in
/// minutes; ids start at 100,000 so they never meet the demo's.
pub fn bulk_customers(n: usize) -> String {
    let owners: [(i64, i64, &str); 5] =
        [(6, 4, "/1/2/4/"), (12, 5, "/1/2/5/"), (13, 6, "/1/3/6/"), (14, 7, "/1/3/7/"), (5, 2, "/1/2/")];
    let words = [
        "顺", "达", "华", "联", "美", "佳", "东", "方", "锦", "绣", "南", "粤", "恒", "通", "百", "草", "云",
        "端", "安", "心", "金", "桥", "星", "河", "鸿", "运", "极", "速", "丰", "收", "汇", "丰", "长", "城",
        "远", "洋", "新", "世", "纪", "天",
    ];
    let trades = [
        "物流",
        "商贸",
        "电子商务",
        "精密仪器",
        "服饰",
        "食品",
        "汽配",
        "医药",
        "科技",
        "母婴用品",
        "建材",
        "文具",
        "生鲜",
        "家具",
        "数码",
    ];
    let forms = ["有限公司", "有限责任公司", "股份有限公司", "商行"];
    let cities = [
        ("上海市", "浦东新区"),
        ("上海市", "徐汇区"),
        ("广东省广州市", "天河区"),
        ("广东省广州市", "白云区"),
        ("浙江省杭州市", "西湖区"),
    ];
    let mut rng = Rng(0xB16_C0DE);
    let mut sql = String::new();
    let mut customers = Vec::new();
    let mut contacts = Vec::new();
    let mut search = Vec::new();
    for i in 0..n {
        let id = 100_000 + i as i64;
        let (owner, org, path) = owners[i % owners.len()];
        let name =
            format!("{}{}{}{}", rng.pick(&words), rng.pick(&words), rng.pick(&trades), rng.pick(&forms));
        let key = schema::customer::name_key(&name);
        let (city, district) = cities[(rng.next() % cities.len() as u64) as usize];
        let phone = format!("0{}-{}", 20 + rng.next() % 60, 60_000_000 + rng.next() % 9_000_000);
        let status = ["prospect", "registered", "active", "contracted", "at_risk", "lost", "won_back"]
            [(rng.next() % 7) as usize];
        let tier = ["vip", "key", "regular", "regular", "potential"][(rng.next() % 5) as usize];
        customers.push(format!(
            "({id}, 'company', {}, {}, '', {}, {}, '{status}', '{tier}', {}, {owner}, {org}, '{path}', '{AT}', '{AT}')",
            q(&name), q(&key), q(city), q(district), q(&phone)
        ));
        let mut terms = vec![name.clone(), phone.clone(), city.to_string(), district.to_string()];
        for k in 0..3 {
            let cname = format!("{}{}", rng.pick(SURNAMES), rng.pick(GIVEN));
            let cphone = format!("13{}{:08}", 5 + k, (i * 3 + k) % 100_000_000);
            contacts.push(format!(
                "({id}, {}, '{cphone}', {}, '{AT}', '{AT}')",
                q(&cname),
                i64::from(k == 0)
            ));
            terms.push(cname);
            terms.push(cphone);
        }
        let refs: Vec<&str> = terms.iter().map(String::as_str).collect();
        search.push(format!("({id}, {})", q(&schema::customer::search_text(&refs))));
    }
    for chunk in customers.chunks(200) {
        sql.push_str("INSERT OR IGNORE INTO customers (id, kind, name, name_key, short_name, city, district, status, tier, phone, owner_id, org_id, org_path, created_at, updated_at) VALUES ");
        sql.push_str(&chunk.join(", "));
        sql.push_str(";\n");
    }
    for chunk in contacts.chunks(200) {
        sql.push_str(
            "INSERT INTO contacts (customer_id, name, phone, is_primary, created_at, updated_at) VALUES ",
        );
        sql.push_str(&chunk.join(", "));
        sql.push_str(";\n");
    }
    for chunk in search.chunks(200) {
        sql.push_str("INSERT INTO customer_search (rowid, body) VALUES ");
        sql.push_str(&chunk.join(", "));
        sql.push_str(";\n");
    }
    sql
}

/// A customer CSV as a firm's spreadsheet would hold it: Chinese headers, Chinese names, mobile
/// and landline numbers, tags, and `bad` invalid rows spread through the file (a bad phone, a
/// missing name, an unknown tier, in turn). `prefix` keeps names and phones apart between runs.
pub fn sample_csv(rows: usize, bad: usize, prefix: &str) -> String {
    const TRADES: [&str; 6] = ["商贸", "电子", "服饰", "食品", "家居", "医药"];
    const CITIES: [&str; 5] = ["上海市", "杭州市", "苏州市", "南京市", "宁波市"];
    const SURNAMES: [&str; 8] = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵"];
    const GIVEN: [&str; 6] = ["伟", "芳", "娜", "敏", "静", "磊"];
    // Phone numbers unique to this prefix: 8 digits from the prefix's hash, then the row.
    let seed = prefix.chars().fold(7u64, |h, c| h.wrapping_mul(31).wrapping_add(u64::from(c))) % 900 + 100;
    let mut out = String::from("客户名称,客户类型,城市,电话,联系人,联系人手机,客户等级,标签,备注\r\n");
    let every = rows.checked_div(bad).map_or(usize::MAX, |e| e.max(1));
    for i in 0..rows {
        let n = i + 1;
        let name = format!("{prefix}{n}号{}有限公司", TRADES[i % TRADES.len()]);
        let city = CITIES[i % CITIES.len()];
        let phone = format!("0571-{seed}{n:05}");
        let contact = format!("{}{}", SURNAMES[i % SURNAMES.len()], GIVEN[i % GIVEN.len()]);
        let mobile = format!("139{seed}{n:05}");
        let tier = ["VIP", "重点客户", "普通客户", "潜力客户"][i % 4];
        let k = if i % every == every / 2 && i / every < bad { Some(i / every % 3) } else { None };
        let (name, mobile, tier) = match k {
            Some(0) => (name, "12345".to_string(), tier),
            Some(1) => (String::new(), mobile, tier),
            Some(_) => (name, mobile, "金牌"),
            None => (name, mobile, tier),
        };
        out.push_str(&format!(
            "{name},企业,{city},{phone},{contact},{mobile},{tier},\"电商,月结\",\"第 {n} 行导入\"\r\n"
        ));
    }
    out
}

/// `n` shipments `WPB000000000001…` of bulk customers (ids from 100000), created a week ago,
/// for the ingest and search benches. Multi-row INSERTs of 100 rows (D1's statement limit is 100 KB).
pub fn bulk_shipments(n: usize) -> String {
    let mut sql = String::new();
    let rows: Vec<String> = (1..=n)
        .map(|i| {
            format!(
                "({id}, 'WPB{i:012}', {cust}, '', '', '收件人{i}', '139{phone:08}', '测试地址 {i} 号', '上海市', '杭州市', 'standard', 1, 500, 'created', '2026-11-18T00:00:00.000Z', '2026-11-18T00:00:00.000Z', '2026-11-18T00:00:00.000Z')",
                id = 1_000_000 + i,
                cust = 100_000 + (i % 100_000),
                phone = i % 100_000_000,
            )
        })
        .collect();
    for chunk in rows.chunks(100) {
        sql.push_str(
            "INSERT OR IGNORE INTO shipments (id, waybill_no, customer_id, shipper_name, shipper_phone, consignee_name, consignee_phone, consignee_address, origin_region, dest_region, service_code, pieces, weight_g, status, status_at, created_at, updated_at) VALUES ",
        );
        sql.push_str(&chunk.join(", "));
        sql.push_str(";\n");
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_covers_every_role_and_is_idempotent_sql() {
        let sql = demo();
        for role in schema::staff::Role::ALL {
            assert!(sql.contains(&format!("'{}'", role.as_str())), "{role:?} missing from the demo firm");
        }
        assert!(
            sql.lines()
                .filter(|l| l.starts_with("INSERT"))
                .all(|l| l.starts_with("INSERT OR IGNORE") || l.contains("WHERE NOT EXISTS")),
            "every insert is idempotent"
        );
        assert_eq!(sql.matches("INTO customers").count(), 16);
        // Every customer is owned by a sales rep or manager, in that person's org.
        for line in sql.lines().filter(|l| l.contains("INTO customers")) {
            let owner = line.split(", '/1/").next().and_then(|h| h.rsplit(", ").nth(1)).unwrap_or("");
            assert!(["5", "6", "12", "13", "14"].contains(&owner), "owner {owner} in {line}");
        }
        assert_eq!(sql.matches("INTO orgs").count(), 9);
        assert_eq!(sql.matches("INTO staff").count(), 20);
    }

    #[test]
    fn first_admin_applies_the_rules() {
        assert!(first_admin("迅捷速运", "赵志强", "13800000001", "", "password").is_err());
        assert!(first_admin("", "赵志强", "13800000001", "", "Long-enough-1").is_err());
        let sql =
            first_admin("迅捷速运", "赵志强", "138 0000 0001", "a@b.cn", "Long-enough-1").unwrap_or_default();
        assert!(sql.contains("'13800000001'") && sql.contains("'admin'") && sql.contains("$argon2id$"));
    }
}
