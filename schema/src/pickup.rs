//! Pickup booking (预约取件) and the customer's address book (寄送清单). A pickup goes
//! requested → assigned (an outlet and a courier) → collected (creating or linking the shipment)
//! or failed (with a reason); requested and assigned pickups can be cancelled. The allowed moves
//! are defined here once and used by the worker and the front end.

use serde::{Deserialize, Serialize};

use crate::location::postcode;
use crate::validate::instant;
use crate::validate::{Phone, optional_text, required_text};
use crate::{ErrorCode, FieldErrors, FieldIssue};

/// The longest time window a booking may ask for.
pub const MAX_WINDOW_HOURS: i64 = 24;
/// How far ahead a pickup can be booked.
pub const MAX_DAYS_AHEAD: i64 = 30;

crate::derive::openapi_derive! {
/// Where a pickup is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum PickupStatus {
    Requested,
    Assigned,
    Collected,
    Failed,
    Cancelled,
}

/// A consignee the customer sends to often.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddressEntry {
    pub id: i64,
    pub customer_id: i64,
    pub label: String,
    pub name: String,
    pub phone: String,
    pub region: String,
    pub address: String,
    pub postcode: String,
    pub version: i64,
}

/// A new or changed address-book entry (`version` required when changing).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct AddressInput {
    #[serde(default, skip_serializing)]
    pub id: crate::de::ReadOnly<i64>,
    #[serde(default, skip_serializing)]
    pub customer_id: crate::de::ReadOnly<i64>,
    #[serde(default)]
    pub version: Option<i64>,
    #[serde(default)]
    pub label: String,
    pub name: String,
    pub phone: String,
    #[serde(default)]
    pub region: String,
    pub address: String,
    #[serde(default)]
    pub postcode: String,
}

/// A booking, from the portal (the customer is the caller's) or by staff (`customer_id` needed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PickupInput {
    #[serde(default)]
    pub customer_id: Option<i64>,
    /// One of the customer's locations (发货地点): address and contact are taken from it unless given.
    #[serde(default)]
    pub location_id: Option<i64>,
    #[serde(default)]
    pub contact_name: String,
    #[serde(default)]
    pub contact_phone: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub postcode: String,
    /// UTC instants; the window is at most a day, within the next 30 days.
    pub window_start: String,
    pub window_end: String,
    #[serde(default = "one")]
    pub pieces: i64,
    #[serde(default)]
    pub weight_g: i64,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub service_code: String,
    /// An address-book entry to send to: consignee taken from it.
    #[serde(default)]
    pub address_id: Option<i64>,
    #[serde(default)]
    pub consignee_name: String,
    #[serde(default)]
    pub consignee_phone: String,
    #[serde(default)]
    pub consignee_address: String,
    #[serde(default)]
    pub dest_region: String,
    #[serde(default)]
    pub dest_postcode: String,
    /// Booking for a blacklisted customer: a manager's reason for the exception (staff only;
    /// audited). Ignored in the portal.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schemars(length(max = 200)))]
    pub blacklist_override: String,
}

/// A pickup as staff and the customer see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pickup {
    pub id: i64,
    pub pickup_no: String,
    pub customer_id: i64,
    pub customer_name: String,
    /// `portal` or `phone`.
    pub channel: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub region: String,
    pub address: String,
    pub postcode: String,
    pub window_start: String,
    pub window_end: String,
    pub pieces: i64,
    pub weight_g: i64,
    pub notes: String,
    pub service_code: String,
    pub consignee_name: String,
    pub consignee_phone: String,
    pub consignee_address: String,
    pub dest_region: String,
    pub dest_postcode: String,
    pub status: PickupStatus,
    pub org_id: Option<i64>,
    pub org_name: Option<String>,
    pub courier_id: Option<i64>,
    pub courier_name: Option<String>,
    pub courier_phone: Option<String>,
    pub fail_reason: String,
    pub shipment_id: Option<i64>,
    pub waybill_no: Option<String>,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

/// One status a pickup went through.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PickupStep {
    pub at: String,
    pub status: PickupStatus,
    pub note: String,
    pub actor: String,
}

/// A pickup with its history, oldest step first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PickupDetail {
    pub pickup: Pickup,
    pub history: Vec<PickupStep>,
}

/// `POST /api/v1/pickups/{id}/assign` (also re-assigns an assigned one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct AssignRequest {
    pub version: i64,
    pub org_id: i64,
    pub courier_id: i64,
}

/// `POST /api/v1/pickups/{id}/collect`: the waybill the courier wrote. An existing shipment of
/// this customer is linked; otherwise one is created from the booking's consignee, which may be
/// completed here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CollectRequest {
    pub version: i64,
    pub waybill_no: String,
    #[serde(default)]
    pub consignee_name: String,
    #[serde(default)]
    pub consignee_phone: String,
    #[serde(default)]
    pub consignee_address: String,
    #[serde(default)]
    pub dest_region: String,
}

/// `POST /api/v1/pickups/{id}/fail` (a reason is required) and `…/cancel` (reason optional).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ReasonRequest {
    pub version: i64,
    #[serde(default)]
    pub reason: String,
}
}

fn one() -> i64 {
    1
}

impl PickupStatus {
    pub const ALL: [PickupStatus; 5] = [
        PickupStatus::Requested,
        PickupStatus::Assigned,
        PickupStatus::Collected,
        PickupStatus::Failed,
        PickupStatus::Cancelled,
    ];

    /// The statuses a pickup in this one may move to.
    pub fn next(self) -> &'static [PickupStatus] {
        use PickupStatus::*;
        match self {
            Requested => &[Assigned, Cancelled],
            Assigned => &[Assigned, Collected, Failed, Cancelled],
            // A failed pickup can be dispatched again (the customer rebooked the same parcel).
            Failed => &[Assigned, Cancelled],
            Collected | Cancelled => &[],
        }
    }

    /// Whether `self → to` is allowed.
    pub fn can_become(self, to: PickupStatus) -> bool {
        self.next().contains(&to)
    }

    crate::labels! {
        Requested: "待派单" | "Requested",
        Assigned: "已派单" | "Assigned",
        Collected: "已取件" | "Collected",
        Failed: "取件失败" | "Failed",
        Cancelled: "已取消" | "Cancelled",
    }
}

/// An address-book entry after validation.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidAddress {
    pub label: String,
    pub name: String,
    pub phone: String,
    pub region: String,
    pub address: String,
    pub postcode: String,
}

impl AddressInput {
    pub fn validate(&self) -> Result<ValidAddress, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut take = |field: &'static str, r: Result<String, FieldIssue>| {
            r.map_err(|e| errors.insert(field, e)).unwrap_or_default()
        };
        let v = ValidAddress {
            label: take("label", optional_text(&self.label, 30)),
            name: take("name", required_text(&self.name, 40)),
            phone: take("phone", Phone::parse(&self.phone).map(String::from)),
            region: take("region", optional_text(&self.region, 60)),
            address: take("address", required_text(&self.address, 200)),
            postcode: take("postcode", postcode(&self.postcode)),
        };
        if errors.is_empty() { Ok(v) } else { Err(errors) }
    }
}

/// A booking after validation, with location and address-book entries already filled in by the
/// caller (see [`PickupInput::fill_from`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ValidPickup {
    pub contact_name: String,
    pub contact_phone: String,
    pub region: String,
    pub address: String,
    pub postcode: String,
    pub window_start: String,
    pub window_end: String,
    pub pieces: i64,
    pub weight_g: i64,
    pub notes: String,
    pub service_code: String,
    pub consignee_name: String,
    pub consignee_phone: String,
    pub consignee_address: String,
    pub dest_region: String,
    pub dest_postcode: String,
    /// A manager's reason for booking although the customer is blacklisted.
    pub blacklist_override: Option<String>,
}

impl PickupInput {
    /// Fills empty address and consignee fields from a chosen location and address-book entry.
    pub fn fill_from(&mut self, location: Option<&crate::location::Location>, entry: Option<&AddressEntry>) {
        fn set(field: &mut String, value: &str) {
            if field.trim().is_empty() {
                *field = value.to_string();
            }
        }
        if let Some(l) = location {
            set(&mut self.contact_name, &l.contact_name);
            set(&mut self.contact_phone, &l.phone);
            set(&mut self.region, &[l.province.as_str(), &l.city, &l.district].concat());
            set(&mut self.address, &l.address);
            set(&mut self.postcode, &l.postcode);
        }
        if let Some(e) = entry {
            set(&mut self.consignee_name, &e.name);
            set(&mut self.consignee_phone, &e.phone);
            set(&mut self.consignee_address, &e.address);
            set(&mut self.dest_region, &e.region);
            set(&mut self.dest_postcode, &e.postcode);
        }
    }

    /// Checks every field against `now` (UTC, RFC 3339).
    pub fn validate(&self, now: &str) -> Result<ValidPickup, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut take = |field: &'static str, r: Result<String, FieldIssue>| {
            r.map_err(|e| errors.insert(field, e)).unwrap_or_default()
        };
        let contact_name = take("contact_name", required_text(&self.contact_name, 40));
        let contact_phone = take("contact_phone", Phone::parse(&self.contact_phone).map(String::from));
        let region = take("region", optional_text(&self.region, 60));
        let address = take("address", required_text(&self.address, 200));
        let postcode_v = take("postcode", postcode(&self.postcode));
        let window_start = take("window_start", instant(&self.window_start));
        let window_end = take("window_end", instant(&self.window_end));
        let notes = take("notes", optional_text(&self.notes, 500));
        let blacklist_override = take("blacklist_override", optional_text(&self.blacklist_override, 200));
        let consignee_name = take("consignee_name", optional_text(&self.consignee_name, 40));
        let consignee_phone = if self.consignee_phone.trim().is_empty() {
            String::new()
        } else {
            take("consignee_phone", Phone::parse(&self.consignee_phone).map(String::from))
        };
        let consignee_address = take("consignee_address", optional_text(&self.consignee_address, 200));
        let dest_region = take("dest_region", optional_text(&self.dest_region, 60));
        let dest_postcode = take("dest_postcode", postcode(&self.dest_postcode));
        let service_code = if self.service_code.trim().is_empty() {
            "standard".to_string()
        } else {
            self.service_code.trim().to_string()
        };
        if !window_start.is_empty() && !window_end.is_empty() {
            if window_end <= window_start {
                errors.insert("window_end", FieldIssue::EndBeforeStart);
            } else if hours_between(&window_start, &window_end) > MAX_WINDOW_HOURS {
                errors.insert("window_end", FieldIssue::InvalidDateTime);
            }
            // The window must not be over already, nor more than a month away.
            if window_end.as_str() <= now {
                errors.insert("window_end", FieldIssue::TooEarly);
            } else if hours_between(now, &window_start) > MAX_DAYS_AHEAD * 24 {
                errors.insert("window_start", FieldIssue::InvalidDateTime);
            }
        }
        if !(1..=9999).contains(&self.pieces) {
            errors.insert("pieces", FieldIssue::InvalidNumber);
        }
        if !(0..=100_000_000).contains(&self.weight_g) {
            errors.insert("weight_g", FieldIssue::InvalidNumber);
        }
        if errors.is_empty() {
            Ok(ValidPickup {
                contact_name,
                contact_phone,
                region,
                address,
                postcode: postcode_v,
                window_start,
                window_end,
                pieces: self.pieces,
                weight_g: self.weight_g,
                notes,
                service_code,
                consignee_name,
                consignee_phone,
                consignee_address,
                dest_region,
                dest_postcode,
                blacklist_override: Some(blacklist_override).filter(|r| !r.is_empty()),
            })
        } else {
            Err(errors)
        }
    }
}

/// Whether a booking may go ahead for a customer on the blacklist (digest §2.4: the blacklist is
/// a rule, not a warning). Not blacklisted: yes. Blacklisted: only with a manager's reason —
/// `Ok(true)`, the exception the store audits; a reason from someone who may not give one is
/// `Forbidden`; no reason is `Blacklisted`. The portal never gives one.
pub fn blacklist_gate(
    blacklisted: bool,
    reason: Option<&str>,
    may_override: bool,
) -> Result<bool, ErrorCode> {
    match (blacklisted, reason, may_override) {
        (false, _, _) => Ok(false),
        (true, Some(_), true) => Ok(true),
        (true, Some(_), false) => Err(ErrorCode::Forbidden),
        (true, None, _) => Err(ErrorCode::Blacklisted),
    }
}

/// Whole hours from `a` to `b` (both normalised instants, `YYYY-MM-DDTHH:MM:SS.mmmZ`).
fn hours_between(a: &str, b: &str) -> i64 {
    (epoch_hours(b) - epoch_hours(a)).max(-1_000_000)
}

/// Hours since 1970 of a normalised instant (days from the civil date, Howard Hinnant's method).
fn epoch_hours(t: &str) -> i64 {
    let n = |r: std::ops::Range<usize>| t.get(r).and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let (y, m, d, h) = (n(0..4), n(5..7), n(8..10), n(11..13));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) * 24 + h
}

impl CollectRequest {
    /// The waybill number and the consignee fields given.
    pub fn validate(&self) -> Result<String, FieldErrors> {
        let mut errors = FieldErrors::new();
        let w = crate::validate::waybill_no(&self.waybill_no)
            .map_err(|e| errors.insert("waybill_no", e))
            .unwrap_or_default();
        if !self.consignee_phone.trim().is_empty()
            && let Err(e) = Phone::parse(&self.consignee_phone)
        {
            errors.insert("consignee_phone", e);
        }
        if errors.is_empty() { Ok(w) } else { Err(errors) }
    }
}

impl ReasonRequest {
    /// The reason, required when `required` (a failed pickup says why).
    pub fn validate(&self, required: bool) -> Result<String, FieldErrors> {
        let r = if required { required_text(&self.reason, 200) } else { optional_text(&self.reason, 200) };
        r.map_err(|e| FieldErrors::from([("reason", e)]))
    }
}

crate::wire_names!(PickupStatus);

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: &str = "2026-11-25T08:00:00.000Z";

    fn booking() -> PickupInput {
        PickupInput {
            contact_name: "张伟".into(),
            contact_phone: "13800138000".into(),
            address: "沪闵路 100 号".into(),
            window_start: "2026-11-25T09:00:00.000Z".into(),
            window_end: "2026-11-25T11:00:00.000Z".into(),
            pieces: 2,
            ..Default::default()
        }
    }

    #[test]
    fn a_plain_booking_is_valid_with_the_standard_service() {
        let v = booking().validate(NOW).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(v.service_code, "standard");
        assert_eq!(v.pieces, 2);
    }

    #[test]
    fn windows_are_checked() {
        let past = PickupInput {
            window_start: "2026-11-24T09:00Z".into(),
            window_end: "2026-11-24T10:00Z".into(),
            ..booking()
        };
        assert_eq!(
            past.validate(NOW).err().unwrap_or_default().get("window_end"),
            Some(&FieldIssue::TooEarly)
        );
        let reversed = PickupInput { window_end: "2026-11-25T08:30Z".into(), ..booking() };
        assert_eq!(
            reversed.validate(NOW).err().unwrap_or_default().get("window_end"),
            Some(&FieldIssue::EndBeforeStart)
        );
        let too_long = PickupInput { window_end: "2026-11-27T09:00Z".into(), ..booking() };
        assert!(too_long.validate(NOW).err().unwrap_or_default().contains_key("window_end"));
        let far = PickupInput {
            window_start: "2027-02-01T09:00Z".into(),
            window_end: "2027-02-01T10:00Z".into(),
            ..booking()
        };
        assert!(far.validate(NOW).err().unwrap_or_default().contains_key("window_start"));
        let bad = PickupInput { pieces: 0, contact_phone: "1".into(), ..booking() };
        let e = bad.validate(NOW).err().unwrap_or_default();
        assert!(e.contains_key("pieces") && e.contains_key("contact_phone"));
    }

    #[test]
    fn location_and_address_book_fill_the_gaps_only() {
        let loc = crate::location::Location {
            id: 1,
            customer_id: 1,
            label: "仓库".into(),
            contact_name: "李仓管".into(),
            phone: "13900139000".into(),
            province: "上海市".into(),
            city: "上海市".into(),
            district: "闵行区".into(),
            address: "七莘路 1 号".into(),
            postcode: "201100".into(),
            is_default: true,
            notes: String::new(),
            version: 1,
        };
        let entry = AddressEntry {
            id: 2,
            customer_id: 1,
            label: String::new(),
            name: "王芳".into(),
            phone: "13700137000".into(),
            region: "北京市".into(),
            address: "建国路 8 号".into(),
            postcode: String::new(),
            version: 1,
        };
        let mut input = PickupInput { address: String::new(), ..booking() };
        input.fill_from(Some(&loc), Some(&entry));
        assert_eq!(input.contact_name, "张伟", "given fields win");
        assert_eq!(input.address, "七莘路 1 号");
        assert_eq!(input.region, "上海市上海市闵行区");
        assert_eq!(input.consignee_name, "王芳");
        assert_eq!(input.dest_region, "北京市");
    }

    #[test]
    fn hours_count_across_months_and_years() {
        assert_eq!(epoch_hours("1970-01-01T05:00:00.000Z"), 5);
        assert_eq!(hours_between("2026-12-31T23:00:00.000Z", "2027-01-01T01:00:00.000Z"), 2);
        assert_eq!(hours_between("2028-02-28T00:00:00.000Z", "2028-03-01T00:00:00.000Z"), 48);
    }

    #[test]
    fn transitions() {
        use PickupStatus::*;
        assert!(Requested.can_become(Assigned));
        assert!(!Requested.can_become(Collected), "collect needs a courier first");
        assert!(Assigned.can_become(Collected) && Assigned.can_become(Failed));
        assert!(Failed.can_become(Assigned));
        assert!(Collected.next().is_empty() && Cancelled.next().is_empty());
    }

    #[test]
    fn collect_needs_a_waybill() {
        let e = CollectRequest { version: 1, waybill_no: "x".into(), ..Default::default() }
            .validate()
            .err()
            .unwrap_or_default();
        assert_eq!(e.get("waybill_no"), Some(&FieldIssue::InvalidWaybill));
        assert!(ReasonRequest { version: 1, reason: " ".into() }.validate(true).is_err());
        assert!(ReasonRequest { version: 1, reason: String::new() }.validate(false).is_ok());
    }

    #[test]
    fn the_blacklist_stops_a_booking_unless_a_manager_gives_a_reason() {
        assert_eq!(blacklist_gate(false, None, false), Ok(false), "not on the list");
        assert_eq!(blacklist_gate(false, Some("x"), false), Ok(false), "a reason changes nothing then");
        assert_eq!(blacklist_gate(true, None, true), Err(ErrorCode::Blacklisted), "a manager needs a reason");
        assert_eq!(blacklist_gate(true, None, false), Err(ErrorCode::Blacklisted));
        assert_eq!(
            blacklist_gate(true, Some("补寄合同"), false),
            Err(ErrorCode::Forbidden),
            "not theirs to give"
        );
        assert_eq!(blacklist_gate(true, Some("补寄合同"), true), Ok(true), "the audited exception");
        let reason = |r: &str| {
            let input = PickupInput { blacklist_override: r.into(), ..booking() };
            input.validate(NOW).map(|v| v.blacklist_override).unwrap_or_else(|e| panic!("{e:?}"))
        };
        assert_eq!(reason("  "), None, "blank is no reason");
        assert_eq!(reason(" 补寄合同 ").as_deref(), Some("补寄合同"));
        let long = PickupInput { blacklist_override: "长".repeat(201), ..booking() };
        assert!(long.validate(NOW).is_err_and(|e| e.contains_key("blacklist_override")));
    }
}
