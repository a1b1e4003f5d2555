//! A variant as edits of the asked deal: what the model value and the
//! `--format toml` rewrite both apply, so the two can never disagree.

use crate::model::{AvailabilityPromise, Deal, Requirement, RequirementValue, Scalar};
use crate::window::Window;
use chrono::NaiveDate;

/// How a variant differs from the deal as asked.
#[derive(Debug, Clone, PartialEq)]
pub struct Edits {
    /// The deadline of the variant.
    pub deadline: NaiveDate,
    /// Indices into `Deal::features` of the listed features kept, in order.
    pub features: Vec<usize>,
    /// Indices into `Deal::custom` of the custom items kept, in order.
    pub custom: Vec<usize>,
    pub availability: AvailabilityEdit,
    /// One per `Deal::requirements`, same order.
    pub requirements: Vec<RequirementEdit>,
}

/// What becomes of the `[availability]` promise.
#[derive(Debug, Clone, PartialEq)]
pub enum AvailabilityEdit {
    /// As asked (also: no promise asked).
    Keep,
    /// No tier can be sold to the variant: the promise goes.
    Remove,
    Change {
        /// Hundredths of a percent (9958 is 99.58%); `None` keeps the target.
        target: Option<u32>,
        /// A new window; `None` keeps it.
        window: Option<Window>,
        /// A new support response in minutes (`Some(None)` removes it);
        /// `None` keeps it.
        support: Option<Option<u32>>,
    },
}

/// What becomes of one requirement.
#[derive(Debug, Clone, PartialEq)]
pub enum RequirementEdit {
    Keep,
    Remove,
    /// A number lowered to the limit.
    Number(f64),
    /// Only these indices of its values are kept.
    Values(Vec<usize>),
}

impl Edits {
    /// The deal unchanged.
    pub fn none(deal: &Deal) -> Edits {
        Edits {
            deadline: deal.deadline,
            features: (0..deal.features.len()).collect(),
            custom: (0..deal.custom.len()).collect(),
            availability: AvailabilityEdit::Keep,
            requirements: vec![RequirementEdit::Keep; deal.requirements.len()],
        }
    }

    /// True when applying these edits gives the deal back.
    pub fn is_identity(&self, deal: &Deal) -> bool {
        *self == Edits::none(deal)
    }

    /// The variant as a model value, exactly as loading its deal file gives.
    /// Built field by field: the walk applies edits to one deal many
    /// times, and cloning its lists only to replace them doubled the cost.
    pub fn apply(&self, deal: &Deal) -> Deal {
        Deal {
            path: deal.path.clone(),
            id: deal.id.clone(),
            customer: deal.customer.clone(),
            owner: deal.owner.clone(),
            status: deal.status,
            probability: deal.probability,
            start: deal.start,
            deadline: self.deadline,
            features: (self.features.iter())
                .map(|&i| deal.features[i].clone())
                .collect(),
            availability: self.availability(deal),
            requirements: (deal.requirements.iter())
                .zip(&self.requirements)
                .filter_map(|(r, e)| requirement(r, e))
                .collect(),
            custom: (self.custom.iter())
                .map(|&i| deal.custom[i].clone())
                .collect(),
            location: deal.location.clone(),
            id_location: deal.id_location.clone(),
            start_location: deal.start_location.clone(),
            deadline_location: deal.deadline_location.clone(),
        }
    }

    /// The promise of the variant.
    fn availability(&self, deal: &Deal) -> Option<AvailabilityPromise> {
        match (&self.availability, &deal.availability) {
            (AvailabilityEdit::Keep, a) => a.clone(),
            (AvailabilityEdit::Remove, _) => None,
            (
                AvailabilityEdit::Change {
                    target,
                    window,
                    support,
                },
                Some(a),
            ) => Some(AvailabilityPromise {
                target: target.map_or(a.target, crate::figures::target_fraction),
                window: window.clone().unwrap_or_else(|| a.window.clone()),
                support_response: support.unwrap_or(a.support_response),
                ..a.clone()
            }),
            (AvailabilityEdit::Change { .. }, None) => None,
        }
    }
}

fn requirement(r: &Requirement, edit: &RequirementEdit) -> Option<Requirement> {
    let value = match (edit, &r.value) {
        (RequirementEdit::Keep, v) => v.clone(),
        (RequirementEdit::Remove, _) => return None,
        (RequirementEdit::Number(n), _) => RequirementValue::Number(*n),
        (RequirementEdit::Values(keep), RequirementValue::Values(v)) => {
            RequirementValue::Values(keep.iter().map(|&i| v[i].clone()).collect::<Vec<Scalar>>())
        }
        (RequirementEdit::Values(_), v) => v.clone(),
    };
    Some(Requirement { value, ..r.clone() })
}

/// A requirement's value as it was written: `25000`, `"eu"`,
/// `["eu-central", "ap-southeast"]` (a one-value list stays a list).
pub fn written(r: &Requirement) -> String {
    match &r.value {
        RequirementValue::Values(v) if v.len() == 1 && !r.list => match &v[0] {
            Scalar::Text(t) => format!("\"{t}\""),
            Scalar::Number(n) => crate::figures::number_text(*n),
        },
        v => super::requirements::value_text(v),
    }
}
