//! The notification outbox: what is sent to customers (e-mail, SMS, portal notices), and the text
//! of each kind of message in both languages. Messages are stored as a kind plus parameters and
//! rendered when sent (or, for portal notices, when shown), in the recipient's language.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Locale;
use crate::pickup::PickupStatus;
use crate::shipment::ShipmentStatus;

/// Sending attempts before a message is given up as failed.
pub const MAX_ATTEMPTS: i64 = 5;

crate::derive::openapi_derive! {
/// How a message travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Email,
    Sms,
    /// A notice in the customer portal (needs no provider).
    Portal,
}

/// Where a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageStatus {
    Pending,
    Sent,
    Failed,
}

/// An outbox row as admins see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxMessage {
    pub id: i64,
    pub channel: Channel,
    pub recipient: String,
    pub customer_id: Option<i64>,
    pub kind: String,
    pub locale: String,
    pub status: MessageStatus,
    pub attempts: i64,
    pub next_attempt_at: String,
    pub last_error: String,
    /// Which provider took it (`record` in development).
    pub provider: String,
    /// The text as sent.
    pub body: String,
    pub created_at: String,
    pub sent_at: Option<String>,
}

/// A portal notice, rendered in the reader's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notice {
    pub id: i64,
    pub kind: String,
    pub text: String,
    /// The portal page it is about.
    pub link: Option<String>,
    pub created_at: String,
}
}

fn param<'a>(params: &'a BTreeMap<String, Value>, key: &str) -> &'a str {
    params.get(key).and_then(Value::as_str).unwrap_or("")
}

fn enum_label<T: for<'de> Deserialize<'de>>(raw: &str) -> Option<T> {
    serde_json::from_value(Value::String(raw.to_string())).ok()
}

/// The text of a message.
#[rustfmt::skip]
pub fn render(kind: &str, params: &BTreeMap<String, Value>, locale: Locale) -> String {
    let zh = locale == Locale::ZhCn;
    let p = |k: &str| param(params, k);
    match kind {
        "code_register" => if zh {
            format!("【Waypost】您的注册验证码是 {},{} 分钟内有效。如非本人操作请忽略。", p("code"), crate::portal::CODE_MINUTES)
        } else {
            format!("[Waypost] Your sign-up code is {}. It is valid for {} minutes.", p("code"), crate::portal::CODE_MINUTES)
        },
        "code_reset" => if zh {
            format!("【Waypost】您的重置密码验证码是 {},{} 分钟内有效。如非本人操作请忽略。", p("code"), crate::portal::CODE_MINUTES)
        } else {
            format!("[Waypost] Your password reset code is {}. It is valid for {} minutes.", p("code"), crate::portal::CODE_MINUTES)
        },
        "invite" => if zh {
            format!("【Waypost】{} 邀请您使用客户自助平台:打开 /portal/activate 输入激活码 {} 设置密码({} 天内有效)。", p("customer"), p("code"), crate::portal::INVITE_DAYS)
        } else {
            format!("[Waypost] You are invited to the customer portal for {}: open /portal/activate and enter code {} to set your password (valid {} days).", p("customer"), p("code"), crate::portal::INVITE_DAYS)
        },
        "shipment_status" => {
            let status = enum_label::<ShipmentStatus>(p("status")).map(|s| s.label(locale)).unwrap_or("");
            if zh { format!("您的运单 {} 状态更新:{}。", p("waybill_no"), status) }
            else { format!("Waybill {}: {}.", p("waybill_no"), status) }
        }
        "pickup_status" => {
            let status = enum_label::<PickupStatus>(p("status"));
            let label = status.map(|s| s.label(locale)).unwrap_or("");
            let reason = p("reason");
            match (zh, reason.is_empty()) {
                (true, true) => format!("取件预约 {}:{}。", p("pickup_no"), label),
                (true, false) => format!("取件预约 {}:{}({})。", p("pickup_no"), label, reason),
                (false, true) => format!("Pickup {}: {}.", p("pickup_no"), label),
                (false, false) => format!("Pickup {}: {} ({}).", p("pickup_no"), label, reason),
            }
        }
        "request_update" => {
            let status = enum_label::<crate::request::RequestStatus>(p("status")).map(|s| s.label(locale));
            match (zh, status) {
                (true, Some(s)) => format!("您的工单 {}:{}。", p("number"), s),
                (true, None) => format!("您的工单 {} 有新的回复。", p("number")),
                (false, Some(s)) => format!("Your request {}: {}.", p("number"), s),
                (false, None) => format!("Your request {} has a new reply.", p("number")),
            }
        }
        "claim_update" => {
            let status = enum_label::<crate::claim::ClaimStatus>(p("status")).map(|s| s.label(locale)).unwrap_or_default();
            let amount = params.get("amount").and_then(Value::as_i64).map(crate::customer::fen_to_yuan);
            match (zh, amount) {
                (true, Some(a)) => format!("您的索赔(工单 {}):{},金额 ¥{}。", p("number"), status, a),
                (true, None) => format!("您的索赔(工单 {}):{}。", p("number"), status),
                (false, Some(a)) => format!("Your claim (request {}): {}, ¥{}.", p("number"), status, a),
                (false, None) => format!("Your claim (request {}): {}.", p("number"), status),
            }
        }
        "request_survey" => if zh {
            format!("您的工单 {} 已解决,请为我们的服务评分:/survey/{}", p("number"), p("token"))
        } else {
            format!("Your request {} is resolved. Please rate our service: /survey/{}", p("number"), p("token"))
        },
        other => other.to_string(),
    }
}

/// The portal page a notice points to.
pub fn link(kind: &str, params: &BTreeMap<String, Value>) -> Option<String> {
    let id = |k: &str| params.get(k).and_then(Value::as_i64);
    match kind {
        "shipment_status" => id("shipment_id").map(|i| format!("/portal/shipments/{i}")),
        "pickup_status" => id("pickup_id").map(|i| format!("/portal/pickups/{i}")),
        "request_update" => id("request_id").map(|i| format!("/portal/requests/{i}")),
        "request_survey" | "claim_update" => id("request_id").map(|i| format!("/portal/requests/{i}")),
        _ => None,
    }
}

/// Whether a message carries a secret (a code) that should not outlive its delivery.
pub fn carries_secret(kind: &str) -> bool {
    matches!(kind, "code_register" | "code_reset" | "invite")
}

/// The delay before retry `attempt` (1-based): 1, 4, 16, 64 minutes.
pub fn retry_minutes(attempt: i64) -> i64 {
    4_i64.pow(attempt.clamp(1, 5) as u32 - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn params(v: Value) -> BTreeMap<String, Value> {
        v.as_object().cloned().unwrap_or_default().into_iter().collect()
    }

    #[test]
    fn messages_render_in_both_languages() {
        let p =
            params(json!({"waybill_no": "WP202611200001", "status": "out_for_delivery", "shipment_id": 3}));
        assert_eq!(render("shipment_status", &p, Locale::ZhCn), "您的运单 WP202611200001 状态更新:派送中。");
        assert_eq!(render("shipment_status", &p, Locale::En), "Waybill WP202611200001: Out for delivery.");
        assert_eq!(link("shipment_status", &p).as_deref(), Some("/portal/shipments/3"));
        let f = params(
            json!({"pickup_no": "PU20261125-0001", "status": "failed", "reason": "无人", "pickup_id": 9}),
        );
        assert_eq!(render("pickup_status", &f, Locale::ZhCn), "取件预约 PU20261125-0001:取件失败(无人)。");
        let r = params(
            json!({"request_id": 4, "number": "SR-20261125-0001", "status": "resolved", "entry": "status"}),
        );
        assert_eq!(render("request_update", &r, Locale::ZhCn), "您的工单 SR-20261125-0001:已解决。");
        assert_eq!(link("request_update", &r).as_deref(), Some("/portal/requests/4"));
        assert!(render("code_register", &params(json!({"code": "123456"})), Locale::En).contains("123456"));
        assert!(carries_secret("code_reset") && !carries_secret("shipment_status"));
    }

    #[test]
    fn retries_back_off() {
        assert_eq!((1..=4).map(retry_minutes).collect::<Vec<_>>(), vec![1, 4, 16, 64]);
    }
}
