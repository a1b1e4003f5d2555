//! A catalog prepared for checking: the catalog (plain data, as `load` built
//! it) and everything a run works out from it once and shares between all
//! the deals and threads that check against it.
//!
//! - the working-day [`Calendars`] the scheduler takes,
//! - capacity grids per span of start years ([`CapacityGrids`]),
//! - tier coverage answers across time zones ([`CoverageCache`]),
//! - the did-you-mean indexes of feature and team ids.
//!
//! The last three fill up as deals ask. They are caches: an answer taken from
//! them is the answer working it out again would give (their own tests say
//! so), so sharing them changes speed, never output.
//!
//! **Shared, never copied.** A [`Prepared`] is not `Clone`: a copy of a cache
//! would either have to share it (then say so with an `Arc`) or start empty
//! (an invisible loss of the work done). A run builds one per catalog path
//! ([`crate::run::Inputs`]) and lends it out by reference; the caches inside
//! are behind locks so every thread of the run reads and fills the same ones.
//! The catalog itself stays data that can be cloned and compared.

use crate::calendar::{Commitment as Committed, TeamCalendar, WorkCalendar};
use crate::model::{Catalog, Team};
use crate::scheduler::{CapacityGrids, Holdings};
use crate::suggest::Index;
use crate::window::{CoverageCache, Window};
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::ops::Deref;

/// A catalog and what is worked out from it once per run (see the module).
#[derive(Debug)]
pub struct Prepared {
    catalog: Catalog,
    calendars: Calendars,
    grids: CapacityGrids,
    /// Who holds what the grids leave out (the book's signed deals).
    holdings: Option<Holdings>,
    coverage: CoverageCache,
    feature_names: Index,
    team_names: Index,
    /// Each tier's window in words, in catalog order: every deal's report
    /// names its tier's.
    tier_windows: Vec<String>,
}

/// The catalog's calendar and each team's (in catalog order), in the form
/// the pure scheduler takes.
#[derive(Debug, Clone, PartialEq)]
pub struct Calendars {
    pub work: WorkCalendar,
    pub teams: Vec<TeamCalendar>,
}

impl Calendars {
    /// Converts the catalog's settings and teams, once.
    pub fn of(
        business_days: [bool; 7],
        holidays: &BTreeSet<NaiveDate>,
        teams: &[Team],
    ) -> Calendars {
        Calendars {
            work: WorkCalendar {
                weekdays: business_days,
                holidays: holidays.clone(),
            },
            teams: teams
                .iter()
                .map(|t| TeamCalendar {
                    people: t.people,
                    focus: t.focus,
                    hours_per_day: t.hours_per_day,
                    holidays: t.holidays.clone(),
                    commitments: t
                        .commitments
                        .iter()
                        .map(|c| Committed {
                            from: c.from,
                            until: c.until,
                            people: c.people,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

impl Prepared {
    /// Prepares a catalog: calendars and name indexes now, the caches empty.
    pub fn new(catalog: Catalog) -> Prepared {
        Prepared {
            calendars: Calendars::of(
                catalog.business_hours.days(),
                &catalog.holidays,
                &catalog.teams,
            ),
            grids: CapacityGrids::default(),
            holdings: None,
            coverage: CoverageCache::default(),
            feature_names: Index::new(catalog.features.iter().map(|f| f.id.as_str())),
            team_names: Index::new(catalog.teams.iter().map(|t| t.id.as_str())),
            tier_windows: catalog.tiers.iter().map(|t| t.window.to_string()).collect(),
            catalog,
        }
    }

    /// The catalog as loaded.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The catalog back, its prepared parts dropped.
    pub fn into_catalog(self) -> Catalog {
        self.catalog
    }

    /// The calendars the schedule runs on.
    pub fn calendars(&self) -> &Calendars {
        &self.calendars
    }

    /// The capacity grids every plan of this catalog shares: what is left
    /// once the book's reservations are taken off (see [`Prepared::reserve`]).
    pub fn grids(&self) -> &CapacityGrids {
        &self.grids
    }

    /// Who holds the capacity the grids leave out, once reserved.
    pub fn holdings(&self) -> Option<&Holdings> {
        self.holdings.as_ref()
    }

    /// Checks from now on run in `grids`, what the book of signed deals
    /// leaves, held by `holdings`. Called once per run, before any check.
    pub fn reserve(&mut self, grids: CapacityGrids, mut holdings: Holdings) {
        holdings.sort_by_day();
        self.grids = grids;
        self.holdings = Some(holdings);
    }

    /// Whether tier `tier` (its catalog position) covers the promised window
    /// in the year after `from`: [`Window::covers`], remembered per tier,
    /// promised window and year.
    pub fn tier_covers(&self, tier: usize, promise: &Window, from: NaiveDate) -> bool {
        let window = &self.catalog.tiers[tier].window;
        self.coverage.covers(tier, window, promise, from)
    }

    /// Tier `tier`'s window in words (its catalog position), as
    /// `Display` writes it.
    pub fn tier_window(&self, tier: usize) -> &str {
        &self.tier_windows[tier]
    }

    /// The catalog's feature id nearest to a mistyped one, if any is close.
    pub fn nearest_feature(&self, typed: &str) -> Option<&str> {
        let i = self.feature_names.nearest(typed)?;
        self.catalog.features.get(i).map(|f| f.id.as_str())
    }

    /// The catalog's team id nearest to a mistyped one, if any is close.
    pub fn nearest_team(&self, typed: &str) -> Option<&str> {
        let i = self.team_names.nearest(typed)?;
        self.catalog.teams.get(i).map(|t| t.id.as_str())
    }
}

impl From<Catalog> for Prepared {
    fn from(catalog: Catalog) -> Prepared {
        Prepared::new(catalog)
    }
}

/// The catalog's data reads through: `prepared.features`, `prepared.feature(id)`.
impl Deref for Prepared {
    type Target = Catalog;
    fn deref(&self) -> &Catalog {
        &self.catalog
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{SourceFile, parse_catalog};
    use crate::testing::d;
    use chrono_tz::Tz;

    fn example() -> Prepared {
        Prepared::new(
            parse_catalog(&SourceFile {
                path: "catalog.toml".into(),
                text: include_str!("../../examples/catalog.toml").into(),
            })
            .expect("the example catalog"),
        )
    }

    /// What the prepared parts answer is what the catalog's data says,
    /// asked twice (the second answer from the caches) and across zones.
    #[test]
    fn prepared_answers_are_the_catalogs() {
        let c = example();
        let zones = [Tz::UTC, Tz::America__New_York, Tz::Asia__Tokyo];
        for tz in zones {
            for text in ["24x7", "mon-fri 08:00-20:00", "mon-sun 06:00-22:00"] {
                let promise = Window::parse(text, None, tz).expect("a window");
                for from in [d(2027, 3, 1), d(2027, 10, 30), d(2031, 12, 31)] {
                    for (i, tier) in c.tiers.iter().enumerate() {
                        let exact = tier.window.covers(&promise, from);
                        assert_eq!(c.tier_covers(i, &promise, from), exact);
                        assert_eq!(c.tier_covers(i, &promise, from), exact);
                    }
                }
            }
        }
        let teams = c.teams.iter().map(|t| t.id.as_str());
        for typed in ["platfrom", "onboard", "integration", "zzz"] {
            let ids = c.features.iter().map(|f| f.id.as_str());
            assert_eq!(
                c.nearest_feature(typed),
                crate::suggest::nearest(typed, ids)
            );
            assert_eq!(
                c.nearest_team(typed),
                crate::suggest::nearest(typed, teams.clone())
            );
        }
        assert_eq!(c.nearest_team("platfrom"), Some("platform"));
        let calendars = c.calendars();
        assert_eq!(calendars.teams.len(), c.teams.len());
        assert_eq!(calendars.work.weekdays, c.business_hours.days());
        let data = c.catalog().clone();
        assert_eq!(Prepared::from(data.clone()).into_catalog(), data);
    }

    /// A check of a deal builds its capacity grid once, in the prepared
    /// catalog, and every later check of a deal starting that year reuses it.
    #[test]
    fn checks_share_the_prepared_grids() {
        let c = example();
        assert!(c.grids().is_empty());
        let deal = crate::load::parse_deal(
            &SourceFile {
                path: "deal.toml".into(),
                text: include_str!("../../examples/deals/acme-standard.toml").into(),
            },
            &c,
        )
        .expect("the example deal");
        let options = crate::check::CheckOptions {
            as_of: d(2026, 11, 27),
            trials: 0,
            seed: crate::check::DEFAULT_SEED,
        };
        crate::check::check_deal(&c, &deal, &options);
        assert_eq!(c.grids().len(), 1);
        crate::check::check_deal(&c, &deal, &options);
        assert_eq!(c.grids().len(), 1);
    }
}
