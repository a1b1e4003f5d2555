//! Every gap dealcheck can report, in one table.
//!
//! A row is a gap: its code (`F001`), the [`GapKind`] variant and the payload
//! type that carries its facts, the kebab-case name, the severity, the area,
//! which codes it hides, and the explanation. Everything else follows from
//! the rows: [`GapCode`] and [`GapCode::ALL`], [`GapKind`] and the schema of
//! each code's JSON `data`, the JSON schema's one branch per code, SARIF's
//! rules, `explain`, and the suppression of one gap by another. Adding a row
//! is adding a gap; a test holds the table to docs/reference.md, which
//! documents every code and nothing else.

use super::kinds::*;
use super::{Area, Severity};
use std::fmt;

/// The explanation `dealcheck explain` prints: what, why, how to fix.
pub struct Explanation {
    pub what: &'static str,
    pub why: &'static str,
    pub fix: &'static str,
}

macro_rules! gap_table {
    ($( $code:ident $kind:ident($payload:ty), $name:literal, $sev:ident, $area:ident,
        $(hides: [$($hidden:ident),*],)?
        what: $what:literal, why: $why:literal, fix: $fix:literal; )*) => {
        /// A stable gap code. Never renumber or rename: scripts match on them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum GapCode { $( $code, )* }

        impl GapCode {
            /// Every code, in table order.
            pub const ALL: &'static [GapCode] = &[ $( GapCode::$code, )* ];

            /// Position in [`GapCode::ALL`].
            pub fn index(self) -> usize {
                self as usize
            }
            pub fn code(self) -> &'static str {
                match self { $( GapCode::$code => stringify!($code), )* }
            }
            pub fn name(self) -> &'static str {
                match self { $( GapCode::$code => $name, )* }
            }
            pub fn severity(self) -> Severity {
                match self { $( GapCode::$code => Severity::$sev, )* }
            }
            pub fn area(self) -> Area {
                match self { $( GapCode::$code => Area::$area, )* }
            }
            pub fn explanation(self) -> Explanation {
                match self { $( GapCode::$code => Explanation { what: $what, why: $why, fix: $fix }, )* }
            }
            /// The codes this one makes redundant: one root cause, one gap.
            /// When both are found for a deal, only this one is reported.
            pub fn hides(self) -> &'static [GapCode] {
                match self { $( GapCode::$code => &[$($(GapCode::$hidden),*)?], )* }
            }
        }

        /// What a gap is, with its typed facts: one variant per code.
        #[derive(Debug, Clone, PartialEq)]
        pub enum GapKind { $( $kind($payload), )* }

        impl GapKind {
            pub fn code(&self) -> GapCode {
                match self { $( GapKind::$kind(_) => GapCode::$code, )* }
            }
            /// Serialises the facts straight into a report (the gap's `data`).
            pub(in crate::gap) fn serialize_data<S: serde::Serializer>(
                &self,
                s: S,
            ) -> Result<S::Ok, S::Error> {
                match self { $( GapKind::$kind(p) => serde::Serialize::serialize(p, s), )* }
            }
            /// The facts as JSON (the gap's `data`).
            pub fn data(&self) -> serde_json::Value {
                match self {
                    $( GapKind::$kind(p) => serde_json::to_value(p).unwrap_or_default(), )*
                }
            }
            pub(in crate::gap) fn text(&self) -> Text {
                match self { $( GapKind::$kind(p) => p.text(GapCode::$code), )* }
            }
        }

        /// The schema of `data` for every code, in table order.
        pub(in crate::gap) fn data_schemas(
            generator: &mut schemars::SchemaGenerator,
        ) -> Vec<(GapCode, schemars::Schema)> {
            vec![ $( (GapCode::$code, generator.subschema_for::<$payload>()), )* ]
        }
    };
}

gap_table! {
    F001 UnknownFeature(UnknownFeature), "unknown-feature", Error, Features,
        what: "The deal lists a feature id that the catalog does not have.",
        why: "Operations cannot deliver something it has never described; usually it is a typo or a name from a sales deck.",
        fix: "Use the catalog's id (dealcheck suggests the nearest one), or ask operations to add the feature to the catalog.";
    F002 UnplannedFeature(FeatureState), "unplanned-feature", Error, Features,
        what: "The deal includes a feature the catalog marks `unplanned`: it is not offered and has no date.",
        why: "Promising it commits engineering to work nobody has scheduled; the date you give the customer is a guess.",
        fix: "Drop the feature, or agree with operations on a plan (status `planned` with an `eta`, or custom work in the deal) before quoting.";
    F003 RetiredFeature(FeatureState), "retired-feature", Error, Features,
        what: "The deal includes a feature the catalog marks `retired`.",
        why: "Retired features are being switched off; selling one means a migration problem the day the contract starts.",
        fix: "Remove it and offer its replacement (see the catalog).";
    F004 RoadmapTooLate(FeatureState), "roadmap-too-late", Error, Features,
        what: "A planned feature's roadmap date (`eta`) is after the deal's deadline, and the catalog has no `work` estimate to pull it forward.",
        why: "The feature will not exist on the go-live date you promise.",
        fix: "Move the deadline to the eta or later (dealcheck suggests the date), drop the feature, or ask operations for a `work` estimate so it can be scheduled.";
    F005 RoadmapPulledForward(FeatureState), "roadmap-pulled-forward", Warning, Features,
        what: "A planned feature's `eta` is after the deadline, so its `work` is scheduled against team capacity to finish in time.",
        why: "Pulling roadmap work forward takes people from other plans; it is feasible only if the schedule says so.",
        fix: "Check the schedule section; confirm with operations that the work may be pulled forward, or move the deadline past the eta.";
    F006 RoadmapDependency(FeatureState), "roadmap-dependency", Warning, Features,
        what: "A planned feature's `eta` is on or before the deadline: the deal relies on the roadmap holding.",
        why: "Roadmap dates slip; if this one does, the go-live slips with it.",
        fix: "Leave room between the eta and the deadline, or write the dependency into the contract.";
    F007 BetaFeature(FeatureState), "beta-feature", Warning, Features,
        what: "The deal includes a feature in `beta`.",
        why: "Beta features can change, have weaker support and no availability record; customers read a quote as a promise of GA quality.",
        fix: "Say in the quote that the feature is beta, or wait until it is GA.";
    F008 ImpliedFeature(Implied), "implied-feature", Info, Features,
        what: "A feature is pulled in because a listed feature `requires` it, but the deal does not list it.",
        why: "It is part of the delivery (its setup work and status count too), and the customer should know it is included.",
        fix: "Nothing is required; list it in the deal to make the scope explicit.";
    F009 ConflictingFeatures(Conflict), "conflicting-features", Error, Features,
        what: "Two features in the deal (listed or implied) are marked as `conflicts` in the catalog.",
        why: "They cannot run together for one customer; one of them will not be delivered.",
        fix: "Choose one of the two.";
    S001 LateDelivery(Late), "late-delivery", Error, Schedule,
        hides: [S003],
        what: "With the teams' real capacity, the work finishes after the deadline.",
        why: "Operations would have to find the missing person-days in overtime, or the go-live slips.",
        fix: "Promise the earliest delivery date dealcheck computes, cut scope, or agree extra people with operations (the shortfall and overtime hours say how much).";
    S002 DeadlineBeforeStart(StartAndDeadline), "deadline-before-start", Error, Schedule,
        what: "The deal's deadline is before the day work may start.",
        why: "No amount of capacity delivers before work begins; the dates are probably swapped or mistyped.",
        fix: "Fix `deal.start` or `deal.deadline`.";
    S003 LowConfidence(LowConfidence), "low-confidence", Warning, Schedule,
        what: "The schedule meets the deadline with the likely estimates, but the chance of finishing on time is below the catalog's `confidence`.",
        why: "Three-point estimates say the deadline is plausible, not safe: it depends on nothing going wrong.",
        fix: "Promise the P85 date dealcheck shows, or reduce the uncertain work.";
    S004 UnknownTeam(UnknownTeam), "unknown-team", Error, Schedule,
        what: "Custom work in the deal names a team that the catalog does not have.",
        why: "Nobody is there to do the work, so its capacity cannot be checked.",
        fix: "Use one of the catalog's team ids (dealcheck suggests the nearest).";
    S005 UnknownDependency(UnknownDependency), "unknown-dependency", Error, Schedule,
        what: "Custom work's `after` names something that is neither a feature in the deal nor another custom item.",
        why: "The order of work is unclear, so the schedule cannot be trusted.",
        fix: "Name a feature id of the deal or the `name` of another `[[custom]]` item.";
    S006 DeadlinePassed(DeadlinePassed), "deadline-passed", Error, Schedule,
        hides: [S001, S002, S003],
        what: "The deal's deadline is before today (`--as-of`).",
        why: "Work never starts in the past: a go-live date that has already gone by cannot be met, whatever the capacity.",
        fix: "Agree a new deadline with the customer; for a signed deal, tell operations it is overdue.";
    A001 AvailabilityOverPromise(OverPromise), "availability-over-promise", Error, Availability,
        what: "The promised availability is above what any eligible tier guarantees inside the promised window.",
        why: "A tier's allowed downtime may all fall inside the hours you promise; operations would breach the SLA while meeting its own.",
        fix: "Promise the best guarantee dealcheck shows, or a tier with a higher figure.";
    A002 PerfectAvailability(Target), "perfect-availability", Error, Availability,
        hides: [A001, A004, A005, A006],
        what: "The deal promises 100% availability.",
        why: "No system has zero downtime; a 100% SLA is breached by the first minute of maintenance.",
        fix: "Promise a real figure such as 99.9%, which allows 43m 50s of downtime a month over 24x7.";
    A003 WindowNotCovered(NotCovered), "window-not-covered", Error, Availability,
        hides: [A001, A004, A005],
        what: "The promised window is not covered by any tier's window (time zones and daylight saving included).",
        why: "Outside a tier's hours operations promises nothing, e.g. a 24x7 promise on a business-hours tier.",
        fix: "Narrow the promised window to one a tier covers, or choose a tier with a wider window.";
    A004 TierNeedsFeatures(NeedsFeatures), "tier-needs-features", Error, Availability,
        what: "Only a tier whose `requires` the deal lacks would meet the promise.",
        why: "That tier's figure depends on architecture (e.g. multi-region) the customer is not buying.",
        fix: "Add the features dealcheck names to the deal, or lower the promise.";
    A005 AboveTrackRecord(TrackRecord), "above-track-record", Warning, Availability,
        what: "The promise is above the chosen tier's `measured` trailing-12-month record.",
        why: "The tier's guarantee says yes, but operations has not actually achieved this figure lately.",
        fix: "Promise at most the measured record, or talk to operations about the gap.";
    A006 ArchitectureLimit(Architecture), "architecture-limit", Error, Availability,
        what: "The promise is above the composite availability of the components the deal's features run on.",
        why: "A chain of components is only as available as the product of their availabilities; no tier can beat the architecture.",
        fix: "Lower the promise to the composite figure dealcheck shows, or remove the feature whose component limits it.";
    A007 SupportTooFast(Support), "support-too-fast", Error, Availability,
        what: "The promised support response is faster than the chosen tier offers.",
        why: "Support staffing is sized per tier; a faster response means someone on call who is not.",
        fix: "Promise the tier's response time, or choose a tier with faster support.";
    L001 OverLimit(OverLimit), "over-limit", Error, Limits,
        what: "A requirement is above the catalog's numeric limit.",
        why: "Limits are what operations has tested and sized for; beyond them performance and cost are unknown.",
        fix: "Lower the requirement to the limit or ask operations to raise it.";
    L002 NotOffered(NotOffered), "not-offered", Error, Limits,
        what: "A requirement value is not in the set the catalog offers (e.g. a region).",
        why: "Operations does not run that option; delivering it is a project, not a configuration.",
        fix: "Pick one of the offered values dealcheck lists.";
    L003 UnknownRequirement(UnknownRequirement), "unknown-requirement", Warning, Limits,
        what: "The deal has a requirement for which the catalog has no limit.",
        why: "Operations cannot vouch for something it has not described.",
        fix: "Ask operations to add a limit to the catalog, or remove the requirement.";
    C001 PlannedWithoutDate(CatalogFeature), "planned-without-date", Warning, Catalog,
        what: "A planned feature has neither a roadmap date (`eta`) nor a `work` estimate.",
        why: "Deals that include it can never be dated: every such deal gets F004.",
        fix: "Give the feature an `eta`, or a `work` estimate so deals can pull it forward.";
    C002 WorkNeverScheduled(CatalogFeature), "work-never-scheduled", Warning, Catalog,
        what: "A feature that is not `planned` has a `work` estimate.",
        why: "Only planned features are pulled forward, so this work is never scheduled; it is probably meant as `setup`.",
        fix: "Remove `work`, turn it into `setup`, or set the status to `planned`.";
    C003 EtaIgnored(CatalogFeature), "eta-ignored", Warning, Catalog,
        what: "A feature that is not `planned` has a roadmap date (`eta`).",
        why: "Only planned features have a roadmap date; the eta is ignored and may mislead readers of the catalog.",
        fix: "Remove the `eta`, or set the status to `planned`.";
    C004 RequiresConflict(RequiresConflict), "requires-conflict", Warning, Catalog,
        what: "A feature requires (directly or through others) a feature it conflicts with.",
        why: "Every deal that includes it gets F009: it can never be sold.",
        fix: "Remove the conflict or the requirement.";
    C005 TeamWithoutPeople(CatalogTeam), "team-without-people", Warning, Catalog,
        what: "A team has no people.",
        why: "Work for it never finishes: every deal with work for this team is late.",
        fix: "Give the team its real head count, or move its work to another team.";
    C006 OvercommittedTeam(Overcommitted), "overcommitted-team", Warning, Catalog,
        what: "A team commits more people than it has.",
        why: "The team has no capacity at all while the commitment lasts, and the catalog probably has a typo.",
        fix: "Check the commitment's `people` and the team's `people`.";
}

impl GapCode {
    /// Finds a code by its code (`F001`, case-insensitive) or name (`unknown-feature`).
    pub fn lookup(text: &str) -> Option<GapCode> {
        let t = text.trim();
        GapCode::ALL
            .iter()
            .copied()
            .find(|c| c.code().eq_ignore_ascii_case(t) || c.name().eq_ignore_ascii_case(t))
    }

    /// The nearest code or name, for "did you mean" on a mistyped `explain`.
    pub fn nearest(text: &str) -> Option<&'static str> {
        crate::suggest::nearest(text, Self::words())
    }

    /// "did you mean "over-limit"?" for a mistyped code or name.
    pub fn did_you_mean(text: &str) -> Option<String> {
        crate::suggest::did_you_mean(text, Self::words())
    }

    fn words() -> impl Iterator<Item = &'static str> + Clone {
        GapCode::ALL.iter().flat_map(|c| [c.code(), c.name()])
    }
}

impl fmt::Display for GapCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique() {
        let codes: HashSet<_> = GapCode::ALL.iter().map(|c| c.code()).collect();
        let names: HashSet<_> = GapCode::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(codes.len(), GapCode::ALL.len());
        assert_eq!(names.len(), GapCode::ALL.len());
    }

    #[test]
    fn every_code_has_an_explanation_and_kebab_name() {
        for c in GapCode::ALL {
            let e = c.explanation();
            assert!(!e.what.is_empty() && !e.why.is_empty() && !e.fix.is_empty());
            assert!(
                c.name()
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch == '-')
            );
            assert_eq!(format!("{c:?}"), c.code());
        }
    }

    #[test]
    fn codes_and_names_are_found_by_lookup() {
        assert_eq!(GapCode::lookup("a002"), Some(GapCode::A002));
        assert_eq!(GapCode::lookup("over-limit"), Some(GapCode::L001));
        assert_eq!(GapCode::lookup("nope"), None);
        assert_eq!(GapCode::nearest("over-limt"), Some("over-limit"));
    }

    /// The rows of docs/reference.md's "Gaps" section: each code with its
    /// name and, in the gap table, its severity; and the "hides" table.
    struct Reference {
        codes: Vec<(String, String, Option<String>)>,
        hides: Vec<(String, Vec<String>)>,
    }

    fn reference() -> Reference {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/reference.md");
        let doc = std::fs::read_to_string(path).unwrap();
        let start = doc.find("\n## Gaps\n").expect("a Gaps section");
        let section = &doc[start + 1..];
        let section = &section[..section[1..].find("\n## ").map_or(section.len(), |e| e + 1)];
        let mut r = Reference {
            codes: Vec::new(),
            hides: Vec::new(),
        };
        for line in section.lines().filter(|l| l.starts_with("| ")) {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let code = cells[1];
            let is_code = code.len() == 4
                && code.starts_with(|c: char| c.is_ascii_uppercase())
                && code[1..].chars().all(|c| c.is_ascii_digit());
            if !is_code {
                continue;
            }
            if let Some(name) = cells[2].strip_prefix('`') {
                let severity = ["info", "warning", "error"]
                    .contains(&cells[3])
                    .then(|| cells[3].to_string());
                r.codes
                    .push((code.into(), name.trim_end_matches('`').into(), severity));
            } else {
                let list = cells[2].split('(').next().unwrap_or_default();
                let hidden = list.split(',').map(|c| c.trim().to_string()).collect();
                r.hides.push((code.into(), hidden));
            }
        }
        r
    }

    /// docs/reference.md documents every code of the table, in table order,
    /// with its name, severity and what it hides, and no code the table lacks:
    /// a new row needs its line in the reference, and nothing else counts.
    #[test]
    fn the_table_is_the_reference() {
        let r = reference();
        let documented: Vec<(&str, &str)> = r
            .codes
            .iter()
            .map(|(c, n, _)| (c.as_str(), n.as_str()))
            .collect();
        let table: Vec<(&str, &str)> = GapCode::ALL.iter().map(|c| (c.code(), c.name())).collect();
        let undocumented: Vec<_> = table.iter().filter(|t| !documented.contains(t)).collect();
        let unknown: Vec<_> = documented.iter().filter(|d| !table.contains(d)).collect();
        assert!(
            undocumented.is_empty() && unknown.is_empty(),
            "not in docs/reference.md: {undocumented:?}; in docs/reference.md but not in the table: {unknown:?}"
        );
        assert_eq!(
            documented, table,
            "the reference lists codes in table order"
        );
        for ((_, _, severity), code) in r.codes.iter().zip(GapCode::ALL) {
            // The catalog findings' table has no severity column: "all warnings".
            let want = severity.as_deref().unwrap_or("warning");
            assert_eq!(code.severity().as_str(), want, "{code}");
        }
        let mut documented: Vec<(String, Vec<String>)> = r.hides;
        documented.sort();
        let mut table: Vec<(String, Vec<String>)> = GapCode::ALL
            .iter()
            .filter(|c| !c.hides().is_empty())
            .map(|c| {
                (
                    c.to_string(),
                    c.hides().iter().map(|h| h.to_string()).collect(),
                )
            })
            .collect();
        table.sort();
        assert_eq!(documented, table);
    }
}
