//! `dealcheck init`: a starter catalog and deal that check cleanly, with the
//! JSON Schemas their `#:schema` directives name, so a new proposal repo
//! starts from something that works and an editor completes it.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use std::path::{Path, PathBuf};

/// The starter catalog.
pub const CATALOG: &str = include_str!("catalog.toml");
/// The starter deal.
pub const DEAL: &str = include_str!("deal.toml");

/// The "today" the templates' dates are written for: at this date `init`
/// writes them unchanged.
const WRITTEN_FOR: (i32, u32, u32) = (2026, 11, 27);

/// The files `init` writes under `dir`, with their text: the catalog, the
/// deal, and the two schemas (the deal's knows the starter catalog's ids).
/// Their dates follow `today` (see [`dated`]), so the starter checks cleanly
/// whenever it is written.
pub fn files(dir: &Path, today: NaiveDate) -> Vec<(PathBuf, String)> {
    let text = dated(CATALOG, today);
    let source = crate::source::SourceFile {
        path: PathBuf::from("catalog.toml"),
        text: text.clone(),
    };
    let catalog = crate::load::parse_catalog(&source).ok();
    let pretty = |v: serde_json::Value| format!("{v:#}\n");
    vec![
        (dir.join("catalog.toml"), text),
        (dir.join("deals").join("example.toml"), dated(DEAL, today)),
        (
            dir.join("schemas").join("catalog.schema.json"),
            pretty(crate::schema::catalog()),
        ),
        (
            dir.join("schemas").join("deal.schema.json"),
            pretty(crate::schema::deal(catalog.as_ref())),
        ),
    ]
}

/// A template with each of its dates replaced by the one that plays its
/// part relative to `today`: the coming Christmas holidays and New Year's
/// Day; the platform team's commitment, four weeks from the Monday five
/// weeks ahead; the deal's start, the Monday nine weeks ahead, and its
/// deadline 58 days later; the planned feature's roadmap date, the first of
/// the third month after the deadline. The template's own dates are these
/// for 2026-11-27, and no date occurs twice in a template.
pub fn dated(template: &str, today: NaiveDate) -> String {
    let reference = NaiveDate::from_ymd_opt(WRITTEN_FOR.0, WRITTEN_FOR.1, WRITTEN_FOR.2);
    let Some(reference) = reference else {
        return template.to_string();
    };
    let mut text = template.to_string();
    for (old, new) in roles(reference).into_iter().zip(roles(today)) {
        text = text.replace(&old.to_string(), &new.to_string());
    }
    text
}

/// The starter's dates for `today`, in a fixed order (see [`dated`]).
fn roles(today: NaiveDate) -> Vec<NaiveDate> {
    let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(today);
    let mut christmas = today.year();
    if today > ymd(christmas, 12, 24) {
        christmas += 1;
    }
    let monday_from = |days: u64| {
        let day = today + Days::new(days);
        let past_monday = day.weekday().days_since(Weekday::Mon);
        day + Days::new(u64::from((7 - past_monday) % 7))
    };
    let committed = monday_from(35);
    let start = monday_from(63);
    let deadline = start + Days::new(58);
    let eta = ymd(deadline.year(), deadline.month(), 1) + Months::new(3);
    vec![
        ymd(christmas, 12, 24),
        ymd(christmas, 12, 25),
        ymd(christmas + 1, 1, 1),
        committed,
        committed + Days::new(25),
        start,
        deadline,
        eta,
    ]
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_starter_catalog_loads_so_the_deal_schema_knows_its_ids() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let files = super::files(std::path::Path::new("x"), today);
        let deal_schema = &files[3].1;
        assert!(deal_schema.contains("\"const\": \"sso\""), "{deal_schema}");
        assert_eq!(files.len(), 4);
    }

    #[test]
    fn at_the_reference_date_the_templates_are_written_unchanged() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(super::dated(super::CATALOG, today), super::CATALOG);
        assert_eq!(super::dated(super::DEAL, today), super::DEAL);
    }

    #[test]
    fn the_dates_move_with_today() {
        let today = chrono::NaiveDate::from_ymd_opt(2031, 6, 15).unwrap();
        let deal = super::dated(super::DEAL, today);
        assert!(deal.contains("start = 2031-08-18"), "{deal}");
        assert!(deal.contains("deadline = 2031-10-15"), "{deal}");
        let catalog = super::dated(super::CATALOG, today);
        assert!(
            catalog.contains("[2031-12-24, 2031-12-25, 2032-01-01]"),
            "{catalog}"
        );
        assert!(catalog.contains("eta = 2032-01-01"), "{catalog}");
    }
}
