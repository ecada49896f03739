//! Organisations: the firm's tree (HQ → branch → outlet / hub / service center) and the
//! departments named in the customer's documents. Staff see data by their place in this tree.

use serde::{Deserialize, Serialize};

use crate::validate::{Phone, optional_text, org_code, required_text};
use crate::{FieldErrors, FieldIssue};

crate::derive::openapi_derive! {
/// What an organisation is; decides where it may sit in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// Headquarters (总部): the single root.
    Hq,
    /// Regional branch (分公司).
    Branch,
    /// Outlet (营业网点): pickups and deliveries.
    Outlet,
    /// Hub / port operations (口岸/转运中心).
    Hub,
    /// Express service center (快件服务中心 / 客服中心).
    ServiceCenter,
}

/// The five departments of the customer's documents (迅捷物流 case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Department {
    /// 市场销售部
    SalesMarketing,
    /// 口岸作业部
    HubOperations,
    /// 快件服务中心
    ExpressServiceCenter,
    /// 客户服务部
    CustomerService,
    /// 电脑服务部
    ItServices,
}

/// An organisation as the API returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Org {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: OrgKind,
    #[cfg_attr(feature = "openapi", schemars(pattern(crate::validate::doc::ORG_CODE), example = crate::validate::doc::ORG_CODE_EXAMPLE))]
    pub code: String,
    pub name: String,
    pub region: String,
    pub address: String,
    pub phone: String,
    #[serde(deserialize_with = "crate::de::bool_or_int")]
    pub active: bool,
    /// Optimistic-concurrency version: send it back with an update.
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

/// Create an organisation (admin).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct OrgInput {
    /// Required for everything but the HQ.
    pub parent_id: Option<i64>,
    pub kind: Option<OrgKind>,
    #[cfg_attr(feature = "openapi", schemars(pattern(crate::validate::doc::ORG_CODE), example = crate::validate::doc::ORG_CODE_EXAMPLE))]
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
}

/// Replace an organisation's editable fields (admin). `kind` never changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct OrgUpdate {
    #[serde(default, skip_serializing)]
    pub id: crate::de::ReadOnly<i64>,
    #[serde(default, skip_serializing)]
    pub kind: crate::de::ReadOnly<OrgKind>,
    #[serde(default, skip_serializing)]
    pub created_at: crate::de::ReadOnly<String>,
    #[serde(default, skip_serializing)]
    pub updated_at: crate::de::ReadOnly<String>,
    pub version: i64,
    pub parent_id: Option<i64>,
    #[cfg_attr(feature = "openapi", schemars(pattern(crate::validate::doc::ORG_CODE), example = crate::validate::doc::ORG_CODE_EXAMPLE))]
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
    pub active: bool,
}
}

impl OrgKind {
    /// All kinds, in tree order.
    pub const ALL: [OrgKind; 5] =
        [OrgKind::Hq, OrgKind::Branch, OrgKind::Outlet, OrgKind::Hub, OrgKind::ServiceCenter];

    /// Whether an org of this kind may sit under `parent` (`None` = the root).
    pub fn may_have_parent(self, parent: Option<OrgKind>) -> bool {
        match (self, parent) {
            (OrgKind::Hq, None) => true,
            (OrgKind::Hq, Some(_)) | (_, None) => false,
            (OrgKind::Branch, Some(p)) => p == OrgKind::Hq,
            (_, Some(p)) => matches!(p, OrgKind::Hq | OrgKind::Branch),
        }
    }

    crate::labels! {
        Hq: "总部" | "Headquarters",
        Branch: "分公司" | "Branch",
        Outlet: "营业网点" | "Outlet",
        Hub: "转运中心" | "Hub",
        ServiceCenter: "快件服务中心" | "Service center",
    }
}

impl Department {
    /// All departments.
    pub const ALL: [Department; 5] = [
        Department::SalesMarketing,
        Department::HubOperations,
        Department::ExpressServiceCenter,
        Department::CustomerService,
        Department::ItServices,
    ];

    crate::labels! {
        SalesMarketing: "市场销售部" | "Sales & marketing",
        HubOperations: "口岸作业部" | "Hub operations",
        ExpressServiceCenter: "快件服务中心" | "Express service center",
        CustomerService: "客户服务部" | "Customer service",
        ItServices: "电脑服务部" | "IT services",
    }
}

/// An org's fields after validation, ready for storage.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidOrg {
    pub parent_id: Option<i64>,
    pub code: String,
    pub name: String,
    pub region: String,
    pub address: String,
    pub phone: String,
}

fn validate_common(
    parent_id: Option<i64>,
    code: &str,
    name: &str,
    region: &str,
    address: &str,
    phone: &str,
    errors: &mut FieldErrors,
) -> Option<ValidOrg> {
    let code = org_code(code).map_err(|e| errors.insert("code", e)).ok();
    let name = required_text(name, 60).map_err(|e| errors.insert("name", e)).ok();
    let region = optional_text(region, 60).map_err(|e| errors.insert("region", e)).ok();
    let address = optional_text(address, 200).map_err(|e| errors.insert("address", e)).ok();
    let phone = if phone.trim().is_empty() {
        Some(String::new())
    } else {
        Phone::parse(phone).map(String::from).map_err(|e| errors.insert("phone", e)).ok()
    };
    Some(ValidOrg { parent_id, code: code?, name: name?, region: region?, address: address?, phone: phone? })
}

impl OrgInput {
    /// Checks every field, collecting all problems at once (a form shows them together).
    pub fn validate(&self) -> Result<(OrgKind, ValidOrg), FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.kind.is_none() {
            errors.insert("kind", FieldIssue::Required);
        }
        if self.kind.is_some_and(|k| k != OrgKind::Hq) && self.parent_id.is_none() {
            errors.insert("parent_id", FieldIssue::Required);
        }
        let v = validate_common(
            self.parent_id,
            &self.code,
            &self.name,
            &self.region,
            &self.address,
            &self.phone,
            &mut errors,
        );
        match (self.kind, v) {
            (Some(kind), Some(v)) if errors.is_empty() => Ok((kind, v)),
            _ => Err(errors),
        }
    }
}

impl OrgUpdate {
    /// Checks every field.
    pub fn validate(&self) -> Result<ValidOrg, FieldErrors> {
        let mut errors = FieldErrors::new();
        let v = validate_common(
            self.parent_id,
            &self.code,
            &self.name,
            &self.region,
            &self.address,
            &self.phone,
            &mut errors,
        );
        match v {
            Some(v) if errors.is_empty() => Ok(v),
            _ => Err(errors),
        }
    }
}

crate::wire_names!(OrgKind, Department);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_rules() {
        use OrgKind::*;
        assert!(Hq.may_have_parent(None));
        assert!(!Hq.may_have_parent(Some(Hq)));
        assert!(Branch.may_have_parent(Some(Hq)));
        assert!(!Branch.may_have_parent(Some(Branch)));
        assert!(Outlet.may_have_parent(Some(Branch)));
        assert!(Hub.may_have_parent(Some(Hq)));
        assert!(!ServiceCenter.may_have_parent(Some(Outlet)));
        assert!(!Outlet.may_have_parent(None));
    }

    #[test]
    fn input_collects_all_errors() {
        let input = OrgInput {
            parent_id: None,
            kind: Some(OrgKind::Outlet),
            code: "x".into(),
            name: " ".into(),
            phone: "12".into(),
            ..Default::default()
        };
        let errors = input.validate().err().unwrap_or_default();
        assert_eq!(errors.get("parent_id"), Some(&FieldIssue::Required));
        assert_eq!(errors.get("code"), Some(&FieldIssue::InvalidCode));
        assert_eq!(errors.get("name"), Some(&FieldIssue::Required));
        assert_eq!(errors.get("phone"), Some(&FieldIssue::InvalidPhone));
    }

    #[test]
    fn valid_input_normalises() {
        let input = OrgInput {
            parent_id: Some(1),
            kind: Some(OrgKind::Outlet),
            code: "sh-pd-01".into(),
            name: " 浦东营业部 ".into(),
            phone: "021 5888 1234".into(),
            ..Default::default()
        };
        let (kind, v) = input.validate().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(kind, OrgKind::Outlet);
        assert_eq!(v.code, "SH-PD-01");
        assert_eq!(v.name, "浦东营业部");
        assert_eq!(v.phone, "021-58881234");
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let r: Result<OrgInput, _> = serde_json::from_str(r#"{"code":"A1","name":"n","evil":1}"#);
        assert!(r.is_err());
    }
}
