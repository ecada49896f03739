//! Satisfaction surveys (满意度回访): resolving a request opens one survey for it; the customer
//! answers once — in the portal or by the link sent to them — with 1–5 for the whole and for
//! speed, attitude and outcome, plus a comment. Results show on the request and the customer's
//! timeline.

use serde::{Deserialize, Serialize};

use crate::validate::optional_text;
use crate::{FieldErrors, FieldIssue};

crate::derive::openapi_derive! {
/// A survey's answers (`None` until answered).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Survey {
    pub created_at: String,
    pub answered_at: Option<String>,
    pub overall: Option<i64>,
    pub speed: Option<i64>,
    pub attitude: Option<i64>,
    pub outcome: Option<i64>,
    pub comment: String,
}

/// What the survey link shows: which request, and whether it was answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyView {
    pub number: String,
    pub subject: String,
    pub survey: Survey,
}

/// The customer's answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SurveyInput {
    /// 1 (poor) to 5 (excellent).
    #[cfg_attr(feature = "openapi", schemars(with = "i64", range(min = 1, max = 5)))]
    pub overall: Option<i64>,
    #[serde(default)]
    pub speed: Option<i64>,
    #[serde(default)]
    pub attitude: Option<i64>,
    #[serde(default)]
    pub outcome: Option<i64>,
    #[serde(default)]
    pub comment: String,
}
}

/// Checked answers: every score 1–5 (overall required, the others optional), comment ≤ 500.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidSurvey {
    pub overall: i64,
    pub speed: Option<i64>,
    pub attitude: Option<i64>,
    pub outcome: Option<i64>,
    pub comment: String,
}

impl SurveyInput {
    pub fn validate(&self) -> Result<ValidSurvey, FieldErrors> {
        let mut errors = FieldErrors::new();
        let score = |errors: &mut FieldErrors, field: &'static str, v: Option<i64>| -> Option<i64> {
            match v {
                Some(n) if (1..=5).contains(&n) => Some(n),
                Some(_) => {
                    errors.insert(field, FieldIssue::InvalidChoice);
                    None
                }
                None => None,
            }
        };
        let overall = score(&mut errors, "overall", self.overall);
        if self.overall.is_none() {
            errors.insert("overall", FieldIssue::Required);
        }
        let speed = score(&mut errors, "speed", self.speed);
        let attitude = score(&mut errors, "attitude", self.attitude);
        let outcome = score(&mut errors, "outcome", self.outcome);
        let comment =
            optional_text(&self.comment, 500).map_err(|e| errors.insert("comment", e)).unwrap_or_default();
        match overall {
            Some(overall) if errors.is_empty() => {
                Ok(ValidSurvey { overall, speed, attitude, outcome, comment })
            }
            _ => Err(errors),
        }
    }
}

/// Survey links carry 32 lower-case hex digits (128 random bits).
pub fn is_token(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_one_to_five_and_overall_is_required() {
        let ok =
            SurveyInput {
                overall: Some(5), speed: Some(4), comment: " 很好 ".into(), ..Default::default()
            };
        let v = ok.validate().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((v.overall, v.speed, v.attitude, v.comment.as_str()), (5, Some(4), None, "很好"));
        let e = SurveyInput { speed: Some(6), ..Default::default() }.validate().err().unwrap_or_default();
        assert_eq!(e.get("overall"), Some(&FieldIssue::Required));
        assert_eq!(e.get("speed"), Some(&FieldIssue::InvalidChoice));
        assert!(SurveyInput { overall: Some(0), ..Default::default() }.validate().is_err());
        assert!(is_token("0123456789abcdef0123456789abcdef") && !is_token("../etc/passwd"));
    }
}
