//! Exit codes, a tested policy: 0 pass, 1 a deal fails `--fail-on` (or lint
//! found warnings), 2 something could not be judged.

use crate::gap::Verdict;

/// How a run ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Every deal passes `--fail-on`.
    Pass = 0,
    /// Some deal fails `--fail-on` (or lint found warnings).
    Fail = 1,
    /// Something could not be judged: bad input or a bad call.
    Input = 2,
}

crate::choice::choice! {
    /// The verdict from which a deal makes the run fail.
    pub enum FailOn {
        Infeasible = "infeasible" => "Fail when a deal is infeasible (at-risk passes)",
        AtRisk = "at-risk" => "Fail when a deal is at risk or infeasible",
        Never = "never" => "Never fail on a verdict (bad input still exits 2)",
    }
}

impl FailOn {
    /// True when a deal with this verdict fails the run.
    pub fn fails(self, verdict: Verdict) -> bool {
        match self {
            FailOn::Infeasible => verdict == Verdict::Infeasible,
            FailOn::AtRisk => verdict >= Verdict::AtRisk,
            FailOn::Never => false,
        }
    }
}

/// 2 if a file could not be judged, else 1 if the worst verdict fails, else 0.
pub fn exit_for(unjudged: bool, worst: Option<Verdict>, fail_on: FailOn) -> Exit {
    if unjudged {
        Exit::Input
    } else if worst.is_some_and(|w| fail_on.fails(w)) {
        Exit::Fail
    } else {
        Exit::Pass
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy() {
        use Verdict::*;
        assert_eq!(exit_for(true, Some(Feasible), FailOn::Never), Exit::Input);
        assert_eq!(exit_for(false, None, FailOn::AtRisk), Exit::Pass);
        assert_eq!(
            exit_for(false, Some(AtRisk), FailOn::Infeasible),
            Exit::Pass
        );
        assert_eq!(exit_for(false, Some(AtRisk), FailOn::AtRisk), Exit::Fail);
        assert_eq!(exit_for(false, Some(Feasible), FailOn::AtRisk), Exit::Pass);
        assert_eq!(
            exit_for(false, Some(Infeasible), FailOn::Infeasible),
            Exit::Fail
        );
        assert_eq!(exit_for(false, Some(Infeasible), FailOn::Never), Exit::Pass);
    }
}
