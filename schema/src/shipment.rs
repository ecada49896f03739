//! Shipments (waybills, 快件) and their tracking events: the status vocabulary, the waybill-number
//! rule, event input for the ingest API and staff, the staff and public views, and the masking
//! of names and phones for visitors who have not proven they know the shipment.

use serde::{Deserialize, Serialize};

use crate::validate::{Phone, optional_text, required_text, waybill_no};
use crate::{FieldErrors, FieldIssue};

/// Most events one ingest request may carry.
pub const MAX_EVENTS: usize = 1000;
/// Most shipments per ingest request.
pub const MAX_SHIPMENTS: usize = 500;

crate::derive::openapi_derive! {
/// Where a shipment is. Events carry the status they move the shipment to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum ShipmentStatus {
    Created,
    PickedUp,
    InTransit,
    AtHub,
    Customs,
    OutForDelivery,
    Delivered,
    Exception,
    Returned,
}

/// A stored shipment, as staff see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shipment {
    pub id: i64,
    pub waybill_no: String,
    pub customer_id: Option<i64>,
    pub customer_name: Option<String>,
    pub shipper_name: String,
    pub shipper_phone: String,
    pub consignee_name: String,
    pub consignee_phone: String,
    pub consignee_address: String,
    pub origin_region: String,
    pub origin_postcode: String,
    pub dest_region: String,
    pub dest_postcode: String,
    pub service_code: String,
    pub pieces: i64,
    /// Grams.
    pub weight_g: i64,
    /// Fen.
    pub declared_value: i64,
    pub fee: i64,
    pub cod_amount: i64,
    pub order_no: String,
    pub invoice_no: String,
    pub status: ShipmentStatus,
    /// Time of the event that set the status.
    pub status_at: String,
    pub last_location: String,
    pub committed_at: Option<String>,
    pub delivered_at: Option<String>,
    /// Open and past its committed time (set by the scheduled sweep).
    #[serde(default, deserialize_with = "crate::de::bool_or_int")]
    pub overdue: bool,
    /// Delivered after its committed time: eligible for delay compensation.
    #[serde(default, deserialize_with = "crate::de::bool_or_int")]
    pub delay_eligible: bool,
    pub version: i64,
    pub created_at: String,
}

/// A tracking event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackingEvent {
    pub id: i64,
    pub at: String,
    #[serde(rename = "type")]
    pub kind: ShipmentStatus,
    pub location: String,
    pub description: String,
    pub operator: String,
}

/// A shipment with its events (newest first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShipmentDetail {
    pub shipment: Shipment,
    pub events: Vec<TrackingEvent>,
}

/// Shipments needing attention at one org (the org that took them): for the per-org lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgAttention {
    /// `None`: shipments no org has taken (pushed by an integration without one).
    pub org_id: Option<i64>,
    pub org_name: Option<String>,
    pub overdue: i64,
    pub exception: i64,
}

/// A new shipment, entered by staff (the TMS usually creates them through events later).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ShipmentInput {
    #[cfg_attr(feature = "openapi", schemars(pattern(crate::validate::doc::WAYBILL), example = crate::validate::doc::WAYBILL_EXAMPLE))]
    pub waybill_no: String,
    #[serde(default)]
    pub customer_id: Option<i64>,
    #[serde(default)]
    pub shipper_name: String,
    #[serde(default)]
    pub shipper_phone: String,
    pub consignee_name: String,
    #[cfg_attr(feature = "openapi", schemars(pattern(crate::validate::doc::PHONE), example = crate::validate::doc::PHONE_EXAMPLE))]
    pub consignee_phone: String,
    pub consignee_address: String,
    #[serde(default)]
    pub origin_region: String,
    #[serde(default)]
    pub origin_postcode: String,
    #[serde(default)]
    pub dest_region: String,
    #[serde(default)]
    pub dest_postcode: String,
    pub service_code: String,
    #[serde(default = "one")]
    pub pieces: i64,
    #[serde(default)]
    pub weight_g: i64,
    #[serde(default)]
    pub declared_value: i64,
    #[serde(default)]
    pub fee: i64,
    #[serde(default)]
    pub cod_amount: i64,
    #[serde(default)]
    pub order_no: String,
    #[serde(default)]
    pub invoice_no: String,
    #[serde(default)]
    pub committed_at: Option<String>,
}

/// One event as the firm's systems (or staff) report it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct EventInput {
    /// The source system's id for the event; replaying it adds nothing. Without one, the event
    /// is identified by waybill, time, type and location.
    #[serde(default)]
    pub event_id: Option<String>,
    pub waybill_no: String,
    /// UTC, RFC 3339 (`…Z`).
    pub at: String,
    #[serde(rename = "type")]
    pub kind: Option<ShipmentStatus>,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub operator: String,
}

/// A batch of events (`POST /api/v1/ingest/events`, at most 1,000).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IngestRequest {
    pub events: Vec<serde_json::Value>,
}

/// A batch of new shipments from the firm's systems (`POST /api/v1/ingest/shipments`, at most
/// 500, each shaped like [`ShipmentInput`]). A waybill already on file is reported as a
/// duplicate and left as it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShipmentBatch {
    pub shipments: Vec<serde_json::Value>,
}

/// What became of one event of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IngestOutcome {
    Accepted,
    /// Already recorded (a replay): nothing added.
    Duplicate,
    Rejected,
}

/// One event's result; `field` and `message` say why it was rejected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IngestItem {
    pub index: usize,
    pub outcome: IngestOutcome,
    pub field: Option<String>,
    pub message: Option<String>,
}

/// A batch's report: counts, and an item for every event not accepted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct IngestReport {
    pub accepted: usize,
    pub duplicates: usize,
    pub rejected: usize,
    pub items: Vec<IngestItem>,
}

/// A shipment as anyone may see it by its waybill number: names and phones masked unless the
/// visitor gave the right last four digits of the consignee's or shipper's phone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicTracking {
    pub waybill_no: String,
    pub status: ShipmentStatus,
    pub status_at: String,
    pub origin_region: String,
    pub dest_region: String,
    pub service_code: String,
    pub pieces: i64,
    pub committed_at: Option<String>,
    pub delivered_at: Option<String>,
    /// Committed time passed without delivery, or delivered after it.
    pub late: bool,
    pub consignee_name: String,
    pub consignee_phone: String,
    pub shipper_name: String,
    pub unmasked: bool,
    pub events: Vec<PublicEvent>,
}

/// A visitor's "report a problem" on the public tracking page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProblemReport {
    pub description: String,
    /// How to reach the visitor (optional).
    #[serde(default)]
    pub contact_phone: String,
}

/// An event as the public page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicEvent {
    pub at: String,
    #[serde(rename = "type")]
    pub kind: ShipmentStatus,
    pub location: String,
    pub description: String,
}
}

fn one() -> i64 {
    1
}

impl ShipmentStatus {
    pub const ALL: [ShipmentStatus; 9] = [
        ShipmentStatus::Created,
        ShipmentStatus::PickedUp,
        ShipmentStatus::InTransit,
        ShipmentStatus::AtHub,
        ShipmentStatus::Customs,
        ShipmentStatus::OutForDelivery,
        ShipmentStatus::Delivered,
        ShipmentStatus::Exception,
        ShipmentStatus::Returned,
    ];

    crate::labels! {
        Created: "已下单" | "Created",
        PickedUp: "已揽收" | "Picked up",
        InTransit: "运输中" | "In transit",
        AtHub: "到达转运中心" | "At hub",
        Customs: "清关中" | "In customs",
        OutForDelivery: "派送中" | "Out for delivery",
        Delivered: "已签收" | "Delivered",
        Exception: "异常" | "Exception",
        Returned: "已退回" | "Returned",
    }
}

/// 「张三」 → 「张*」, 「欧阳娜娜」 → 「欧***」; Latin names keep their first letter.
pub fn mask_name(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        None => String::new(),
        Some(first) => {
            let rest = chars.count().max(1);
            format!("{first}{}", "*".repeat(rest))
        }
    }
}

/// 「13812345678」 → 「138****5678」; landlines keep area code and last four.
pub fn mask_phone(phone: &str) -> String {
    let n = phone.chars().count();
    if n < 8 {
        return "*".repeat(n);
    }
    let head: String = phone.chars().take(3).collect();
    let tail: String = phone.chars().skip(n - 4).collect();
    format!("{head}{}{tail}", "*".repeat(n - 7))
}

/// Whether `digits` are the last four of `phone` (digits only compared).
pub fn last_four_match(phone: &str, digits: &str) -> bool {
    let d: String = phone.chars().filter(char::is_ascii_digit).collect();
    digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) && d.len() >= 4 && d.ends_with(digits)
}

/// An event after validation.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidEvent {
    pub key: String,
    pub waybill_no: String,
    pub at: String,
    pub kind: ShipmentStatus,
    pub location: String,
    pub description: String,
    pub operator: String,
}

impl EventInput {
    /// Checks one event: a known type (not `created`), a time no later than `latest` (now plus
    /// the allowed clock skew), short texts. Returns the first problem as (field, issue).
    pub fn validate(&self, latest: &str) -> Result<ValidEvent, (&'static str, FieldIssue)> {
        let waybill_no = waybill_no(&self.waybill_no).map_err(|e| ("waybill_no", e))?;
        let at = crate::validate::instant(&self.at).map_err(|e| ("at", e))?;
        if at.as_str() > latest {
            return Err(("at", FieldIssue::InFuture));
        }
        let kind = match self.kind {
            Some(ShipmentStatus::Created) | None => return Err(("type", FieldIssue::InvalidChoice)),
            Some(k) => k,
        };
        let location = optional_text(&self.location, 60).map_err(|e| ("location", e))?;
        let description = optional_text(&self.description, 200).map_err(|e| ("description", e))?;
        let operator = optional_text(&self.operator, 40).map_err(|e| ("operator", e))?;
        let key = match self.event_id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(id) => format!("id:{}", required_text(id, 64).map_err(|e| ("event_id", e))?),
            None => format!("auto:{at}|{}|{location}", kind.as_str()),
        };
        Ok(ValidEvent { key, waybill_no, at, kind, location, description, operator })
    }
}

/// A shipment's fields after validation.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidShipment(pub ShipmentInput);

impl ShipmentInput {
    /// Checks a new shipment: waybill format, consignee name/phone/address, service code, counts
    /// and money not negative, phones canonical.
    pub fn validate(&self) -> Result<ValidShipment, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut v = self.clone();
        match waybill_no(&self.waybill_no) {
            Ok(w) => v.waybill_no = w,
            Err(e) => {
                errors.insert("waybill_no", e);
            }
        }
        let mut text = |field: &'static str, value: &mut String, max: usize, required: bool| {
            let r = if required { required_text(value, max) } else { optional_text(value, max) };
            match r {
                Ok(t) => *value = t,
                Err(e) => {
                    errors.insert(field, e);
                }
            }
        };
        text("consignee_name", &mut v.consignee_name, 40, true);
        text("consignee_address", &mut v.consignee_address, 200, true);
        text("shipper_name", &mut v.shipper_name, 40, false);
        text("origin_region", &mut v.origin_region, 40, false);
        text("dest_region", &mut v.dest_region, 40, false);
        text("service_code", &mut v.service_code, 20, true);
        text("order_no", &mut v.order_no, 40, false);
        text("invoice_no", &mut v.invoice_no, 40, false);
        for (field, value, required) in [
            ("consignee_phone", &mut v.consignee_phone, true),
            ("shipper_phone", &mut v.shipper_phone, false),
        ] {
            if value.trim().is_empty() {
                if required {
                    errors.insert(field, FieldIssue::Required);
                }
                continue;
            }
            match Phone::parse(value) {
                Ok(p) => *value = p.into(),
                Err(e) => {
                    errors.insert(field, e);
                }
            }
        }
        for (field, value) in [("origin_postcode", &v.origin_postcode), ("dest_postcode", &v.dest_postcode)] {
            if let Err(e) = crate::location::postcode(value) {
                errors.insert(field, e);
            }
        }
        if v.pieces < 1 {
            errors.insert("pieces", FieldIssue::Negative);
        }
        for (field, n) in [
            ("weight_g", v.weight_g),
            ("declared_value", v.declared_value),
            ("fee", v.fee),
            ("cod_amount", v.cod_amount),
        ] {
            if n < 0 {
                errors.insert(field, FieldIssue::Negative);
            }
        }
        if let Some(c) = v.committed_at.as_deref().filter(|c| !c.trim().is_empty()) {
            match crate::validate::instant(c) {
                Ok(t) => v.committed_at = Some(t),
                Err(e) => {
                    errors.insert("committed_at", e);
                }
            }
        } else {
            v.committed_at = None;
        }
        if errors.is_empty() { Ok(ValidShipment(v)) } else { Err(errors) }
    }
}

crate::wire_names!(ShipmentStatus);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_phones_are_masked() {
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("欧阳娜娜"), "欧***");
        assert_eq!(mask_name("王"), "王*");
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_phone("021-62345678"), "021*****5678");
        assert!(last_four_match("13812345678", "5678"));
        assert!(!last_four_match("13812345678", "1234"));
        assert!(!last_four_match("13812345678", "678"));
    }

    #[test]
    fn events_are_checked_and_keyed() {
        let limit = "2026-11-25T06:10:00.000Z";
        let e = EventInput {
            waybill_no: "wp123456789012".into(),
            at: "2026-11-25T05:00:00Z".into(),
            kind: Some(ShipmentStatus::AtHub),
            location: "虹桥转运中心".into(),
            ..Default::default()
        };
        let v = e.validate(limit).unwrap_or_else(|x| panic!("{x:?}"));
        assert_eq!(v.waybill_no, "WP123456789012");
        assert_eq!(v.key, "auto:2026-11-25T05:00:00.000Z|at_hub|虹桥转运中心");
        let with_id = EventInput { event_id: Some("tms-9".into()), ..e.clone() };
        assert_eq!(with_id.validate(limit).map(|v| v.key), Ok("id:tms-9".into()));
        let future = EventInput { at: "2026-11-26T00:00:00Z".into(), ..e.clone() };
        assert_eq!(future.validate(limit), Err(("at", FieldIssue::InFuture)));
        let created = EventInput { kind: Some(ShipmentStatus::Created), ..e };
        assert_eq!(created.validate(limit).map(|_| ()), Err(("type", FieldIssue::InvalidChoice)));
    }
}

crate::derive::openapi_derive! {
/// One row of the committed-time table (承诺时限): days from acceptance to delivery for a service
/// between two zones (`*` = any; the most specific row wins).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    pub service_code: String,
    pub origin_zone: String,
    pub dest_zone: String,
    pub days: i64,
}
}

/// Most rows the table may hold.
pub const MAX_COMMITMENTS: usize = 500;

/// Checks a whole table: zones 1–20 characters (or `*`), days 0–60, no row twice.
pub fn validate_commitments(rows: &[Commitment]) -> Result<Vec<Commitment>, FieldErrors> {
    let mut errors = FieldErrors::new();
    if rows.len() > MAX_COMMITMENTS {
        errors.insert("rows", FieldIssue::TooMany { max: MAX_COMMITMENTS });
    }
    let mut out: Vec<Commitment> = Vec::new();
    for r in rows {
        let zone = |z: &str| required_text(z, 20);
        let (o, d) = match (zone(&r.origin_zone), zone(&r.dest_zone)) {
            (Ok(o), Ok(d)) => (o, d),
            (Err(e), _) | (_, Err(e)) => {
                errors.insert("zone", e);
                continue;
            }
        };
        if !(0..=60).contains(&r.days) {
            errors.insert("days", FieldIssue::InvalidNumber);
            continue;
        }
        let row = Commitment {
            service_code: r.service_code.trim().into(),
            origin_zone: o,
            dest_zone: d,
            days: r.days,
        };
        if out.iter().any(|x| {
            (&x.service_code, &x.origin_zone, &x.dest_zone)
                == (&row.service_code, &row.origin_zone, &row.dest_zone)
        }) {
            errors.insert("rows", FieldIssue::Taken);
            continue;
        }
        out.push(row);
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

#[cfg(test)]
mod commitment_tests {
    use super::*;

    #[test]
    fn tables_are_checked() {
        let row = |o: &str, d: &str, days| Commitment {
            service_code: "express".into(),
            origin_zone: o.into(),
            dest_zone: d.into(),
            days,
        };
        assert!(validate_commitments(&[row("*", "*", 2), row("上海市", "杭州市", 1)]).is_ok());
        let e = validate_commitments(&[row("*", "*", 2), row("*", "*", 3)]).err().unwrap_or_default();
        assert_eq!(e.get("rows"), Some(&FieldIssue::Taken));
        let e = validate_commitments(&[row("", "*", 2), row("*", "*", 61)]).err().unwrap_or_default();
        assert_eq!(
            (e.get("zone"), e.get("days")),
            (Some(&FieldIssue::Required), Some(&FieldIssue::InvalidNumber))
        );
    }
}
