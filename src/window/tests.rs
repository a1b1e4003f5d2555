//! Unit and property tests of the window parser, display and coverage.

use super::coverage::Horizon;
use super::display::hhmm;
use super::*;
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeZone, Timelike};
use chrono_tz::America::New_York;
use chrono_tz::Europe::Berlin;
use proptest::prelude::*;

fn w(text: &str) -> Window {
    match Window::parse(text, None, Berlin) {
        Ok(window) => window,
        Err(e) => panic!("`{text}` should parse: {e:?}"),
    }
}

fn err(text: &str) -> WindowError {
    match Window::parse(text, None, Berlin) {
        Ok(window) => panic!("`{text}` should not parse, got {window}"),
        Err(e) => e,
    }
}

fn ivs(window: &Window) -> Vec<(u32, u32)> {
    window
        .intervals()
        .iter()
        .map(|iv| (iv.start, iv.end))
        .collect()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

const H: u32 = 60;
const D: u32 = MINUTES_PER_DAY;

#[test]
fn parses_24x7() {
    let window = w("24x7");
    assert!(window.is_full_week());
    assert_eq!(window.weekly_minutes(), 10_080);
    assert_eq!(window.to_string(), "24x7");
    assert_eq!(w(" 24X7 America/New_York ").tz(), New_York);
}

#[test]
fn parses_business_hours_through_the_catalog() {
    let business = w("mon-fri 08:00-18:00");
    let window = Window::parse("Business-Hours", Some(&business), New_York).expect("parses");
    assert_eq!(window, business);
    assert_eq!(window.text(), "Business-Hours");
    let e = err("business-hours");
    assert_eq!((e.offset, e.len), (0, 14));
    let e = Window::parse("business-hours UTC", Some(&business), Berlin).unwrap_err();
    assert_eq!((e.offset, e.len), (15, 3));
}

#[test]
fn parses_a_weekday_range_in_the_default_zone() {
    let window = w("mon-fri 08:00-18:00");
    assert_eq!(window.tz(), Berlin);
    assert_eq!(window.weekly_minutes(), 3_000);
    assert_eq!(ivs(&window)[0], (8 * H, 18 * H));
    assert_eq!(ivs(&window)[4], (4 * D + 8 * H, 4 * D + 18 * H));
    assert_eq!(window.days(), [true, true, true, true, true, false, false]);
    assert_eq!(window.to_string(), "mon-fri 08:00-18:00 Europe/Berlin");
}

#[test]
fn parses_zone_case_and_full_day_names() {
    let window = w("Monday-SUNDAY 06:00-22:00 america/new_york");
    assert_eq!(window.tz(), New_York);
    assert_eq!(window.weekly_minutes(), 7 * 16 * H);
    assert_eq!(window.to_string(), "mon-sun 06:00-22:00 America/New_York");
}

#[test]
fn parses_single_days_lists_and_several_ranges() {
    assert_eq!(
        ivs(&w("sat 09:00-13:00")),
        vec![(5 * D + 9 * H, 5 * D + 13 * H)]
    );
    let split = w("mon-fri 08:00-12:00, mon-fri 13:00-17:00");
    assert_eq!(split.weekly_minutes(), 5 * 8 * H);
    assert_eq!(
        split.to_string(),
        "mon-fri 08:00-12:00, mon-fri 13:00-17:00 Europe/Berlin"
    );
    let list = w("mon,wed , fri 9:00-17:00, sat 10:00-12:00 UTC");
    assert_eq!(list.weekly_minutes(), 3 * 8 * H + 2 * H);
    assert_eq!(
        list.to_string(),
        "mon,wed,fri 09:00-17:00, sat 10:00-12:00 UTC"
    );
    assert_eq!(
        w("mon-wed,fri 09:00-10:00").days(),
        [true, true, true, false, true, false, false]
    );
}

#[test]
fn ranges_cross_midnight_into_the_next_day() {
    let window = w("mon-fri 22:00-06:00");
    assert_eq!(window.weekly_minutes(), 5 * 8 * H);
    assert_eq!(ivs(&window).last(), Some(&(4 * D + 22 * H, 5 * D + 6 * H)));
    assert_eq!(window.days(), [true, true, true, true, true, false, false]);
    assert_eq!(window.to_string(), "mon-fri 22:00-06:00 Europe/Berlin");
}

#[test]
fn sunday_night_wraps_into_monday_morning() {
    let window = w("sun 22:00-06:00");
    assert_eq!(
        ivs(&window),
        vec![(0, 6 * H), (6 * D + 22 * H, MINUTES_PER_WEEK)]
    );
    assert_eq!(window.to_string(), "sun 22:00-06:00 Europe/Berlin");
    let weekend = w("fri-mon 00:00-24:00");
    assert_eq!(ivs(&weekend), vec![(0, D), (4 * D, MINUTES_PER_WEEK)]);
    assert_eq!(weekend.to_string(), "fri-mon 00:00-24:00 Europe/Berlin");
    assert_eq!(
        w("sat-sun 00:00-24:00").to_string(),
        "sat-sun 00:00-24:00 Europe/Berlin"
    );
}

#[test]
fn overlaps_and_touching_ranges_merge() {
    let window = w("mon 08:00-12:00, mon 10:00-14:00, mon 14:00-15:00");
    assert_eq!(ivs(&window), vec![(8 * H, 15 * H)]);
    assert_eq!(window, w("mon 08:00-15:00"));
    assert_eq!(window.to_string(), "mon 08:00-15:00 Europe/Berlin");
    assert!(w("mon-sun 00:00-24:00").is_full_week());
    assert_eq!(w("mon-sun 00:00-24:00").to_string(), "24x7");
    let long = w("mon 08:00-24:00, tue 00:00-24:00, wed 00:00-10:00");
    assert_eq!(ivs(&long), vec![(8 * H, 2 * D + 10 * H)]);
    assert_eq!(
        long.to_string(),
        "mon 08:00-24:00, tue 00:00-24:00, wed 00:00-10:00 Europe/Berlin"
    );
}

#[test]
fn whole_day_and_24_00_end() {
    assert_eq!(w("tue 00:00-24:00").weekly_minutes(), D);
    assert_eq!(w("tue 18:00-24:00").weekly_minutes(), 6 * H);
    assert_eq!(
        w("tue 18:00-24:00").to_string(),
        "tue 18:00-24:00 Europe/Berlin"
    );
}

#[test]
fn errors_point_at_the_offending_text() {
    let e = err("mon-fri 08:00-18:00 Europe/Berln");
    assert_eq!((e.offset, e.len), (20, 12));
    assert_eq!(
        e.message,
        "unknown time zone `Europe/Berln` (did you mean \"Europe/Berlin\"?)"
    );
    let e = err("mnday-fri 08:00-18:00");
    assert_eq!((e.offset, e.len), (0, 5));
    assert!(
        e.message
            .starts_with("unknown day `mnday` (did you mean \"monday\"?)"),
        "{}",
        e.message
    );
    let e = err("mon-fri 08:00-08:00");
    assert_eq!((e.offset, e.len), (8, 11));
    assert!(e.message.contains("empty range"));
    let e = err("mon-fri 08:00-18:60");
    assert_eq!((e.offset, e.len), (14, 5));
    let e = err("mon-fri 25:00-18:00");
    assert_eq!((e.offset, e.len), (8, 5));
    let e = err("mon-fri 24:00-06:00");
    assert_eq!((e.offset, e.len), (8, 5));
    let e = err("mon-fri 8am-5pm");
    assert_eq!((e.offset, e.len), (8, 7));
    let e = err("mon-fri 08:00 18:00");
    assert_eq!((e.offset, e.len), (14, 5));
    let e = err("mon-mon 08:00-18:00");
    assert_eq!((e.offset, e.len), (0, 7));
    let e = err("mon-fri 08:00-18:00 sat 09:00-12:00");
    assert_eq!((e.offset, e.len), (20, 3));
    assert!(e.message.contains("`,`"));
    let e = err("mon-fri 08:00-18:00, Europe/Berlin");
    assert_eq!((e.offset, e.len), (21, 13));
    let e = err("mon-fri 08:00-18:00 UTC, sat 09:00-12:00");
    assert_eq!((e.offset, e.len), (20, 3));
    assert!(e.message.contains("whole window"), "{}", e.message);
    let e = err("mon-fri 08:00-18:00 UTC , sat 09:00-12:00");
    assert_eq!((e.offset, e.len), (24, 17));
    assert!(e.message.contains("whole window"), "{}", e.message);
    let e = err("mon-fri 08:00-18:00 UTC extra");
    assert_eq!((e.offset, e.len), (24, 5));
    let e = err("08:00-18:00");
    assert_eq!((e.offset, e.len), (0, 11));
    let e = err("   ");
    assert_eq!((e.offset, e.len), (0, 3));
    let e = err("mon-fri 08:00-");
    assert_eq!((e.offset, e.len), (14, 0));
    assert!(e.message.ends_with("found the end of the text"));
    let e = err("mon-fri 08:00-18:00 Berlin");
    assert!(
        e.message.contains("did you mean \"Europe/Berlin\"?"),
        "{}",
        e.message
    );
}

#[test]
fn error_offsets_are_bytes_in_non_ascii_text() {
    let e = err("lün-fri 08:00-18:00");
    assert_eq!((e.offset, e.len), (0, 4));
    let e = err("mon-fri 08:00-18:00 Zürich");
    assert_eq!((e.offset, e.len), (20, 7));
}

// ---- coverage ----

/// The first stretch of `promise` that `tier` leaves uncovered in the year
/// after `from`, both ends in the promise's zone.
fn first_gap(
    tier: &Window,
    promise: &Window,
    from: NaiveDate,
) -> Option<(DateTime<Tz>, DateTime<Tz>)> {
    let (start, end) = tier.first_gap(promise, from)?;
    let local = |secs| instant(promise.tz(), secs).expect("instant in range");
    Some((local(start), local(end)))
}

fn instant(tz: Tz, secs: i64) -> Option<DateTime<Tz>> {
    DateTime::from_timestamp(secs, 0).map(|t| t.with_timezone(&tz))
}

fn covers(tier: &str, promise: &str) -> bool {
    w(tier).covers(&w(promise), date(2026, 11, 30))
}

#[test]
fn full_week_tier_covers_everything() {
    assert!(covers("24x7", "24x7 America/New_York"));
    assert!(covers(
        "24x7 Asia/Tokyo",
        "mon-fri 22:00-06:00 America/New_York"
    ));
    assert!(!covers("mon-sun 00:00-23:59", "24x7"));
    assert!(!covers("mon-fri 08:00-18:00", "24x7 UTC"));
}

#[test]
fn same_zone_is_local_containment() {
    assert!(covers("mon-fri 08:00-18:00", "mon-fri 09:00-17:00"));
    assert!(covers("mon-fri 08:00-18:00", "mon-fri 08:00-18:00"));
    assert!(!covers("mon-fri 08:00-18:00", "mon-fri 07:00-17:00"));
    assert!(!covers("mon-fri 08:00-18:00", "sat 09:00-10:00"));
    assert!(covers(
        "mon-fri 08:00-12:00, mon-fri 12:00-18:00",
        "mon 11:00-13:00"
    ));
    assert!(covers(
        "sun 20:00-08:00",
        "mon 00:00-02:00, sun 23:00-24:00"
    ));
    assert!(!covers(
        "mon-fri 08:00-12:00, mon-fri 13:00-18:00",
        "mon 11:00-14:00"
    ));
}

#[test]
fn new_york_business_hours_are_not_berlin_business_hours() {
    let tier = w("mon-fri 08:00-18:00 Europe/Berlin");
    let promise = w("mon-fri 08:00-18:00 America/New_York");
    assert!(!tier.covers(&promise, date(2026, 11, 30)));
}

#[test]
fn morning_in_new_york_is_covered_by_long_berlin_days_through_dst_mismatch() {
    // NY 09:00-11:00 is Berlin 15:00-17:00, and 14:00-16:00 in the weeks
    // between the US and EU clock changes (March, late Oct to early Nov).
    let tier = w("mon-fri 08:00-22:00 Europe/Berlin");
    let promise = w("mon-fri 09:00-11:00 America/New_York");
    assert!(tier.covers(&promise, date(2026, 11, 30)));
    assert_eq!(first_gap(&tier, &promise, date(2026, 11, 30)), None);
}

#[test]
fn new_york_noon_overruns_berlin_evening() {
    // NY 12:00-13:00 is Berlin 18:00-19:00 most weeks, 17:00-18:00 in mismatch weeks.
    let tier = w("mon-fri 08:00-18:00 Europe/Berlin");
    let promise = w("mon-fri 12:00-13:00 America/New_York");
    let from = date(2026, 11, 30);
    assert!(!tier.covers(&promise, from));
    let gap = first_gap(&tier, &promise, from).expect("not covered");
    assert_eq!(
        gap.0.naive_local(),
        date(2026, 12, 1).and_hms_opt(12, 0, 0).expect("time")
    );
    assert_eq!(
        gap.1.naive_local(),
        date(2026, 12, 1).and_hms_opt(13, 0, 0).expect("time")
    );
    assert_eq!(gap.0.timezone(), New_York);
}

#[test]
fn only_the_dst_mismatch_weeks_fail() {
    // NY 09:00-11:00 is Berlin 15:00-17:00, but 14:00-16:00 from the US
    // change (Sun 2027-03-14) until the EU one (Sun 2027-03-28).
    let tier = w("mon-fri 15:00-22:00 Europe/Berlin");
    let promise = w("mon-fri 09:00-11:00 America/New_York");
    let gap = first_gap(&tier, &promise, date(2026, 11, 30)).expect("not covered");
    assert_eq!(
        gap.0.naive_local(),
        date(2027, 3, 15).and_hms_opt(9, 0, 0).expect("time")
    );
    assert_eq!(
        gap.1.naive_local(),
        date(2027, 3, 15).and_hms_opt(10, 0, 0).expect("time")
    );
    // Starting after the spring mismatch, the autumn one (EU back on Oct 31,
    // US on Nov 7) still fails.
    let gap = first_gap(&tier, &promise, date(2027, 4, 1)).expect("not covered");
    assert_eq!(
        gap.0.naive_local(),
        date(2027, 11, 1).and_hms_opt(9, 0, 0).expect("time")
    );
}

#[test]
fn the_horizon_is_one_year_from_the_next_local_midnight() {
    let h = Horizon::after(date(2026, 12, 1), New_York).expect("horizon");
    let midnight = |d: NaiveDate| {
        New_York
            .from_local_datetime(&d.and_time(NaiveTime::MIN))
            .unwrap()
    };
    assert_eq!(h.start, midnight(date(2026, 12, 2)).timestamp());
    assert_eq!(h.end, midnight(date(2027, 12, 2)).timestamp());
    assert_eq!(h.first_monday, date(2026, 11, 30));
    // The day of `from` itself is not checked: the first gap is the next day's.
    let tier = w("mon-fri 08:00-18:00 Europe/Berlin");
    let promise = w("mon-fri 12:00-13:00 America/New_York");
    let gap = first_gap(&tier, &promise, date(2026, 12, 1)).expect("not covered");
    assert_eq!(
        gap.0.naive_local(),
        date(2026, 12, 2).and_hms_opt(12, 0, 0).expect("time")
    );
    assert!(Horizon::after(NaiveDate::MAX, New_York).is_none());
    assert!(tier.covers(&promise, NaiveDate::MAX));
}

#[test]
fn gap_and_fold_hours_do_not_panic_and_are_exact() {
    // 02:00-03:00 Berlin does not exist on the spring-forward night and happens
    // twice in autumn; UTC always has those instants.
    let tier = w("sun 00:00-24:00 UTC");
    let promise = w("sun 02:00-03:00 Europe/Berlin");
    assert!(tier.covers(&promise, date(2026, 11, 30)));
    let tier = w("sun 01:00-02:00 UTC");
    // Berlin 02:00-03:00 is 01:00-02:00 UTC in winter: not in summer (00:00-01:00).
    assert!(!tier.covers(&promise, date(2026, 11, 30)));
}

#[test]
fn dst_weeks_are_checked_in_real_time() {
    // A UTC tier of Berlin winter office hours misses summer time.
    let tier = w("mon-fri 07:00-17:00 UTC");
    assert!(!tier.covers(&w("mon-fri 08:00-18:00 Europe/Berlin"), date(2026, 11, 30)));
    let tier = w("mon-fri 06:00-17:00 UTC");
    assert!(tier.covers(&w("mon-fri 08:00-18:00 Europe/Berlin"), date(2026, 11, 30)));
}

/// A cross-zone check walks one year of weeks per window, whatever the date:
/// that bounded amount of work, not a stopwatch, is what is asserted here
/// (wall-clock speed is measured by `bench/scale.sh`, whose tiers cross zones).
#[test]
fn a_cross_zone_check_walks_one_year_of_weeks_and_answers_right() {
    // NY 09:00-11:00 and 12:00-13:00 are Berlin 15:00-17:00 and 18:00-19:00,
    // an hour earlier in DST mismatch weeks: always inside 08:00-22:00.
    let tier = w("mon-fri 08:00-22:00, sat 10:00-14:00 Europe/Berlin");
    let promise = w("mon-fri 09:00-11:00, mon-fri 12:00-13:00 America/New_York");
    for k in 0..200 {
        let from = date(2026, 1, 1) + chrono::Duration::days(k);
        assert!(tier.covers(&promise, from), "{from}");
        let weeks = Horizon::after(from, promise.tz()).expect("horizon").weeks;
        assert!((53..=54).contains(&weeks), "{from}: {weeks} weeks");
    }
    // New York 16:00-17:00 is Berlin 22:00-23:00 most weeks: past the tier.
    let late = w("mon-fri 09:00-11:00, mon-fri 16:00-17:00 America/New_York");
    assert!(!tier.covers(&late, date(2026, 11, 30)));
}

// ---- brute force reference ----

fn minute_of_week(t: DateTime<Tz>) -> u32 {
    t.weekday().num_days_from_monday() * D + t.hour() * 60 + t.minute()
}

fn open_at(window: &Window, utc: i64) -> bool {
    let Some(t) = instant(window.tz(), utc) else {
        return false;
    };
    let m = minute_of_week(t);
    window
        .intervals()
        .iter()
        .any(|iv| iv.start <= m && m < iv.end)
}

/// Samples every 15 minutes of the horizon: exact for windows on a 15-minute
/// grid, since zone offsets and clock changes are on it too.
fn brute_force_covers(tier: &Window, promise: &Window, from: NaiveDate) -> bool {
    let h = Horizon::after(from, promise.tz()).expect("horizon");
    (h.start..h.end)
        .step_by(900)
        .all(|u| !open_at(promise, u) || open_at(tier, u))
}

const ZONES: [Tz; 9] = [
    Berlin,
    New_York,
    chrono_tz::UTC,
    chrono_tz::Australia::Sydney,
    chrono_tz::Australia::Lord_Howe,
    chrono_tz::Asia::Kolkata,
    chrono_tz::Asia::Kathmandu,
    chrono_tz::America::Santiago,
    chrono_tz::Pacific::Chatham,
];

/// (first day, last day, start half-hour, length in half-hours)
type Spec = (usize, usize, u32, u32);

fn spec_text((a, b, start, len): Spec) -> String {
    let days = if a == b {
        DAY_NAMES[a].to_string()
    } else {
        format!("{}-{}", DAY_NAMES[a], DAY_NAMES[b])
    };
    let end = start + len;
    let end = if end > 48 { end - 48 } else { end };
    format!("{days} {}-{}", hhmm(start * 30), hhmm(end * 30))
}

fn window_text(specs: &[Spec], tz: Tz) -> String {
    let ranges: Vec<String> = specs.iter().map(|&s| spec_text(s)).collect();
    format!("{} {}", ranges.join(", "), tz.name())
}

fn spec(min_len: u32) -> impl Strategy<Value = Spec> {
    short_spec(min_len, 48)
}

fn short_spec(min_len: u32, max_len: u32) -> impl Strategy<Value = Spec> {
    (0usize..7, 0usize..7, 0u32..48, min_len..max_len)
}

fn zone() -> impl Strategy<Value = Tz> {
    proptest::sample::select(ZONES.to_vec())
}

fn from_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..4_000).prop_map(|d| date(2024, 1, 1) + chrono::Duration::days(d))
}

#[test]
fn agrees_with_brute_force_on_known_cases() {
    let cases = [
        (
            "mon-fri 08:00-18:00 Europe/Berlin",
            "mon-fri 12:00-13:00 America/New_York",
        ),
        (
            "mon-fri 08:00-22:00 Europe/Berlin",
            "mon-fri 09:00-11:00 America/New_York",
        ),
        (
            "mon-fri 15:00-22:00 Europe/Berlin",
            "mon-fri 09:00-11:00 America/New_York",
        ),
        ("sun 01:00-02:00 UTC", "sun 02:00-03:00 Europe/Berlin"),
        ("sun 00:30-01:00 UTC", "sun 02:00-03:00 Europe/Berlin"),
    ];
    for (tier, promise) in cases {
        let (tier, promise) = (w(tier), w(promise));
        let from = date(2026, 11, 30);
        assert_eq!(
            tier.covers(&promise, from),
            brute_force_covers(&tier, &promise, from),
            "{tier} / {promise}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn agrees_with_brute_force(
        tier in prop::collection::vec(spec(8), 1..4), tier_tz in zone(),
        promise in prop::collection::vec(spec(1), 1..3), promise_tz in zone(),
        from in from_date(),
    ) {
        let tier = w(&window_text(&tier, tier_tz));
        let promise = w(&window_text(&promise, promise_tz));
        prop_assert_eq!(tier.covers(&promise, from), brute_force_covers(&tier, &promise, from));
    }
}

proptest! {
    #[test]
    fn narrowing_a_promise_keeps_it_covered(
        tier in prop::collection::vec(spec(30), 2..5), tier_tz in zone(),
        promise in prop::collection::vec(short_spec(1, 12), 1..4), promise_tz in zone(),
        pick in 0usize..4, shrink in 0u32..48, from in from_date(),
    ) {
        let tier = w(&window_text(&tier, tier_tz));
        let wide = w(&window_text(&promise, promise_tz));
        let i = pick % promise.len();
        let mut removed = promise.clone();
        removed.remove(i);
        let mut shortened = promise.clone();
        let (a, b, start, len) = shortened[i];
        let cut = shrink % len;
        // Move the start later too, while it stays on the same day.
        let later = if start + cut / 2 < 48 { cut / 2 } else { 0 };
        shortened[i] = (a, b, start + later, len - cut);
        if tier.covers(&wide, from) {
            prop_assert!(tier.covers(&w(&window_text(&shortened, promise_tz)), from));
            if !removed.is_empty() {
                prop_assert!(tier.covers(&w(&window_text(&removed, promise_tz)), from));
            }
        }
    }

    #[test]
    fn same_zone_fast_path_matches_the_general_one(
        tier in prop::collection::vec(spec(1), 1..4),
        promise in prop::collection::vec(spec(1), 1..4),
        tz in zone(), from in from_date(),
    ) {
        let tier = w(&window_text(&tier, tz));
        let promise = w(&window_text(&promise, tz));
        prop_assert_eq!(tier.covers(&promise, from), tier.first_gap(&promise, from).is_none());
    }

    #[test]
    fn first_gap_is_a_real_gap_and_agrees_with_covers(
        tier in prop::collection::vec(spec(8), 1..4), tier_tz in zone(),
        promise in prop::collection::vec(spec(1), 1..3), promise_tz in zone(),
        from in from_date(),
    ) {
        let tier = w(&window_text(&tier, tier_tz));
        let promise = w(&window_text(&promise, promise_tz));
        let example = first_gap(&tier, &promise, from);
        prop_assert_eq!(tier.covers(&promise, from), example.is_none());
        if let Some(gap) = example {
            prop_assert!(gap.0 < gap.1);
            prop_assert!(open_at(&promise, gap.0.timestamp()));
            prop_assert!(!open_at(&tier, gap.0.timestamp()));
        }
    }

    #[test]
    fn display_parses_back_to_the_same_window(
        specs in prop::collection::vec(spec(1), 1..5), tz in zone(),
    ) {
        let window = w(&window_text(&specs, tz));
        let again = Window::parse(&window.to_string(), None, chrono_tz::UTC);
        prop_assert_eq!(again, Ok(window));
    }

    #[test]
    fn weekly_minutes_never_exceed_a_week(specs in prop::collection::vec(spec(1), 1..6)) {
        let window = w(&window_text(&specs, Berlin));
        prop_assert!(window.weekly_minutes() <= MINUTES_PER_WEEK);
        prop_assert!(window.intervals().windows(2).all(|p| p[0].end < p[1].start));
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let _ = Window::parse(&text, None, Berlin);
    }

    #[test]
    fn token_soup_never_panics_and_errors_stay_in_bounds(
        tokens in prop::collection::vec(prop::sample::select(vec![
            "mon", "fri", "Sunday", "mnday", "-", ",", " ", "08:00", "24:00", "00:00",
            "7:5", "99:99", "24x7", "business-hours", "Europe/Berlin", "Europe/Berln",
            "ü", "\t", ":", "0", "America/New_York", "UTC", "x",
        ]), 0..12),
    ) {
        let text: String = tokens.concat();
        let business = w("mon-fri 08:00-18:00");
        if let Err(e) = Window::parse(&text, Some(&business), Berlin) {
            prop_assert!(e.offset + e.len <= text.len());
            prop_assert!(text.is_char_boundary(e.offset));
            prop_assert!(text.is_char_boundary(e.offset + e.len));
            prop_assert!(!e.message.is_empty());
        }
    }
}
