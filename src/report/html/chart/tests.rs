//! The charts, read back as XML: what is drawn, where, with which title,
//! and that the table says the same.

use super::bars::{self, Fill, Flag, Flags, Period, Point, Series, Stacked, Values};
use super::timeline::{self, Marker, MarkerKind, Row, Timeline};
use super::week::{self, Hour, WeekGrid};
use super::{defs, number};
use chrono::NaiveDate;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The SVG of a figure, parsed (maud writes it as well-formed XML).
fn svg_of(html: &str) -> String {
    let start = html.find("<svg class=\"").expect("an svg");
    let end = html[start..].find("</svg>").expect("closed") + start + 6;
    html[start..end].to_string()
}

fn with_doc<T>(svg: &str, f: impl FnOnce(roxmltree::Document) -> T) -> T {
    f(roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}: {svg}")))
}

/// Every rect of a class: (x, width).
fn rects(svg: &str, class: &str) -> Vec<(f64, f64)> {
    with_doc(svg, |d| {
        d.descendants()
            .filter(|n| n.has_tag_name("rect"))
            .filter(|n| {
                n.attribute("class")
                    .is_some_and(|c| c.split(' ').any(|w| w == class))
            })
            .map(|n| {
                let num = |a| n.attribute(a).unwrap().parse::<f64>().unwrap();
                (num("x"), num("width"))
            })
            .collect()
    })
}

fn first_title(svg: &str) -> String {
    with_doc(svg, |d| {
        let root = d.root_element();
        let first = root.children().find(|n| n.is_element()).unwrap();
        assert!(first.has_tag_name("title"), "the title comes first");
        first.text().unwrap_or_default().to_string()
    })
}

fn plan(finish: &str) -> Timeline<'static> {
    Timeline {
        title: "Timeline of <b>X</b>",
        row_heading: "Work item",
        group_heading: "Team",
        rows: vec![
            Row {
                label: "setup of <img src=x onerror=alert(1)>".into(),
                group: "onboarding".into(),
                colour: 0,
                span: Some((date("2027-01-04"), date(finish))),
            },
            Row {
                label: "work on sso".into(),
                group: "platform".into(),
                colour: 1,
                span: None,
            },
        ],
        markers: vec![
            Marker {
                label: "Deadline".into(),
                date: date("2027-01-08"),
                kind: MarkerKind::Deadline,
            },
            Marker {
                label: "P85 delivery".into(),
                date: date("2027-01-12"),
                kind: MarkerKind::Estimate,
            },
        ],
        late_after: Some(date("2027-01-08")),
    }
}

#[test]
fn a_bar_spans_its_days_and_its_late_part_is_hatched() {
    let html = timeline::render(&plan("2027-01-13")).into_string();
    let svg = svg_of(&html);
    assert_eq!(first_title(&svg), "Timeline of <b>X</b>");
    let bars = rects(&svg, "s0");
    let late = rects(&svg, "late");
    assert_eq!((bars.len(), late.len()), (1, 1), "{svg}");
    // 2027-01-04 to 01-13 is 10 days of a 10-day domain: the whole plot.
    assert_eq!(bars[0], (330.0, 614.0));
    // Late from 01-09 (day 5) to the end.
    assert_eq!(late[0], (330.0 + 307.0, 307.0));
    assert!(html.contains("late: 5 days"), "{html}");
    assert!(html.contains("Deadline 2027-01-08") && html.contains("P85 delivery 2027-01-12"));
    assert!(html.contains("not scheduled within the horizon"));
    assert!(
        html.contains("late: after the deadline"),
        "the legend names the hatch"
    );
}

#[test]
fn a_bar_within_the_deadline_has_no_late_part() {
    let html = timeline::render(&plan("2027-01-08")).into_string();
    assert!(rects(&svg_of(&html), "late").is_empty());
    assert!(html.contains("on time") && !html.contains("late: "));
    assert!(!html.contains("late: after the deadline"));
}

#[test]
fn text_is_escaped_in_the_picture_and_the_table() {
    let html = timeline::render(&plan("2027-01-13")).into_string();
    assert!(!html.contains("<img") && !html.contains("<b>X"), "{html}");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    let mut hostile = plan("2027-01-13");
    hostile.rows[0].group = "a\u{1b}[31m\"".into();
    let html = timeline::render(&hostile).into_string();
    assert!(!html.contains('\u{1b}') && html.contains("a\\u{1b}[31m&quot;"));
}

#[test]
fn ticks_are_weeks_months_or_years_by_span() {
    let span = |to: &str| {
        let mut t = plan("2027-01-05");
        t.rows[0].span = Some((date("2027-01-01"), date(to)));
        timeline::domain_ticks(&t)
    };
    assert_eq!(span("2027-01-20"), ["01-04", "01-11", "01-18"]);
    assert_eq!(
        span("2027-06-30")[..2],
        ["2027-01".to_string(), "2027-02".into()]
    );
    assert_eq!(span("2031-06-30")[..2], ["2027".to_string(), "2028".into()]);
    assert!(span("2090-01-01").len() <= 12);
}

#[test]
fn a_timeline_without_dates_says_so() {
    let t = Timeline {
        rows: Vec::new(),
        markers: Vec::new(),
        ..plan("2027-01-05")
    };
    assert!(
        timeline::render(&t)
            .into_string()
            .contains("No dates to show.")
    );
}

fn office_hours() -> WeekGrid<'static> {
    let mut hours = [[Hour::default(); 24]; 7];
    for day in hours.iter_mut().take(5) {
        for h in &mut day[8..18] {
            h.first = 0b1111;
        }
        for h in &mut day[9..18] {
            h.second = 0b1111;
        }
        day[8].second = 0b1100; // from 08:30
    }
    WeekGrid {
        title: "Week",
        first: "Promised",
        second: "Tier",
        words: ["kept", "missing", "extra"],
        hours,
    }
}

#[test]
fn the_week_draws_runs_of_hours_and_tables_them_to_the_quarter() {
    let html = week::render(&office_hours()).into_string();
    let svg = svg_of(&html);
    assert_eq!(first_title(&svg), "Week");
    // Monday: 00-08 neither, 08-09 missing (a quarter of it), 09-18 kept, 18-24 neither.
    assert_eq!(rects(&svg, "late").len(), 5);
    assert_eq!(rects(&svg, "s0")[0], (44.0 + 9.0 * 36.0, 9.0 * 36.0));
    assert!(html.contains("Mon 08:00–09:00: missing"));
    assert!(html.contains("<td>08:30–18:00</td>") && html.contains("<td>08:00–08:30</td>"));
    assert!(html.contains("<td>—</td>"), "Saturday has none");
}

#[test]
fn quarter_ranges_join_and_close_at_midnight() {
    let mut day = [Hour::default(); 24];
    day[23].first = 0b1111;
    day[0].first = 0b0011;
    assert_eq!(week::ranges(&day, |h| h.first), "00:00–00:30, 23:00–24:00");
    assert_eq!(week::ranges(&[Hour::default(); 24], |h| h.first), "—");
}

const LOAD: [Series; 3] = [
    Series {
        label: "signed",
        fill: Fill::Colour(0),
    },
    Series {
        label: "proposed",
        fill: Fill::Colour(1),
    },
    Series {
        label: "free",
        fill: Fill::Free,
    },
];

fn load(limit: f64) -> Stacked<'static> {
    Stacked {
        title: "Load of platform",
        unit: "person-days",
        series: &LOAD,
        periods: vec![
            Period {
                label: "2027-W02".into(),
                values: vec![10.0, 6.0, 0.0],
                notes: vec!["A-1".into(), "<B-2>".into(), String::new()],
                limit: Some(limit),
            },
            Period {
                label: "2027-W03".into(),
                values: vec![4.0, 0.0, 8.0],
                notes: Vec::new(),
                limit: Some(12.0),
            },
        ],
    }
}

#[test]
fn a_stack_over_its_limit_is_hatched_and_said() {
    let html = bars::stacked(&load(12.0)).into_string();
    let svg = svg_of(&html);
    assert_eq!(first_title(&svg), "Load of platform");
    assert_eq!(
        rects(&svg, "over").len(),
        1,
        "only the first period is over"
    );
    assert!(html.contains("+4 over") && html.contains("overtime 4"));
    assert!(html.contains(
        "2027-W02; signed 10 person-days (A-1); proposed 6 person-days (&lt;B-2&gt;); free 0 person-days; limit 12 person-days; over by 4 person-days"
    ));
    assert!(html.contains("over the limit (overtime)"));
    // Segments stack: the proposed one sits on the signed one.
    assert_eq!(rects(&svg, "s0").len(), 2);
    assert_eq!(rects(&svg, "s1").len(), 1);
    assert_eq!(rects(&svg, "free").len(), 1);
}

#[test]
fn a_stack_within_its_limit_has_no_overtime() {
    let html = bars::stacked(&load(16.0)).into_string();
    assert!(rects(&svg_of(&html), "over").is_empty());
    assert!(!html.contains("overtime ") && !html.contains("over the limit"));
}

fn overtime(periods: Vec<Option<Flag>>) -> Flags<'static> {
    Flags {
        heading: "Overtime at deadlines",
        periods,
    }
}

fn flag(label: &str, note: &str) -> Option<Flag> {
    Some(Flag {
        label: label.into(),
        note: note.into(),
    })
}

/// The rects of a class with their y and height.
fn heights(svg: &str, class: &str) -> Vec<(f64, f64)> {
    with_doc(svg, |d| {
        d.descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("class") == Some(class))
            .map(|n| {
                let num = |a| n.attribute(a).unwrap().parse::<f64>().unwrap();
                (num("y"), num("height"))
            })
            .collect()
    })
}

#[test]
fn a_flag_is_hatched_above_its_bar_and_said_in_the_tooltip_and_the_table() {
    let flags = overtime(vec![None, flag("8 h overtime", "<T> 8 h")]);
    let html = bars::flagged(&load(16.0), &flags).into_string();
    let svg = svg_of(&html);
    let flagged = rects(&svg, "flag");
    assert_eq!(flagged.len(), 1, "only the second period is flagged");
    // Over the second bar, just above its stack (signed 4, free 8 on top).
    assert_eq!(flagged[0], rects(&svg, "s0")[1]);
    let (y, height) = heights(&svg, "over flag")[0];
    let top = heights(&svg, "bar free")[0].0;
    assert!(y + height < top, "{y} + {height} above {top}");
    assert!(
        html.contains(">8 h overtime</text>"),
        "the label on the chart"
    );
    assert!(html.contains(
        "2027-W03; signed 4 person-days; proposed 0 person-days; free 8 person-days; limit 12 person-days; Overtime at deadlines: 8 h overtime (&lt;T&gt; 8 h)"
    ));
    assert!(html.contains("<th scope=\"col\">Overtime at deadlines</th>"));
    assert!(
        html.contains("<td><strong>8 h overtime</strong><br><small>&lt;T&gt; 8 h</small></td>")
    );
    assert!(
        html.contains("<td>—</td></tr>"),
        "the first period has none"
    );
    assert!(
        html.contains("</svg> Overtime at deadlines</li>"),
        "in the legend"
    );
}

#[test]
fn without_a_flag_there_is_no_mark_column_or_legend_entry() {
    for flags in [Flags::none(), overtime(vec![None, None])] {
        let html = bars::flagged(&load(16.0), &flags).into_string();
        assert!(rects(&svg_of(&html), "flag").is_empty());
        assert!(!html.contains("Overtime at deadlines") && !html.contains("overtime"));
        assert_eq!(html, bars::stacked(&load(16.0)).into_string());
    }
}

#[test]
fn a_flag_too_long_for_its_slot_is_a_warning_sign() {
    let mut c = load(16.0);
    let one = c.periods.pop().unwrap();
    c.periods = (0..40)
        .map(|i| Period {
            label: format!("W{i}"),
            values: one.values.clone(),
            notes: Vec::new(),
            limit: None,
        })
        .collect();
    let mut periods: Vec<Option<Flag>> = (0..40).map(|_| None).collect();
    periods[3] = flag("8 h overtime", "T 8 h");
    let html = bars::flagged(&c, &overtime(periods)).into_string();
    assert!(html.contains(">⚠</text>") && !html.contains(">8 h overtime</text>"));
    assert!(html.contains(
        "W3; signed 4 person-days; proposed 0 person-days; free 8 person-days; Overtime at deadlines: 8 h overtime (T 8 h)"
    ));
}

#[test]
fn values_are_bars_with_their_band_and_percentages() {
    let c = Values {
        title: "P(overtime) of platform",
        name: "P(overtime)",
        unit: "",
        percent: true,
        max: Some(1.0),
        points: vec![
            Point {
                label: "W1".into(),
                value: 0.25,
                band: Some((0.1, 0.5)),
            },
            Point {
                label: "W2".into(),
                value: 0.0,
                band: None,
            },
        ],
    };
    let html = bars::values(&c).into_string();
    let svg = svg_of(&html);
    assert_eq!(first_title(&svg), "P(overtime) of platform");
    assert!(html.contains("W1: 25% (10% to 50%)") && html.contains("10% to 50%"));
    assert_eq!(
        with_doc(&svg, |d| d
            .descendants()
            .filter(|n| n.attribute("class") == Some("band"))
            .count()),
        3
    );
    // 25% of the 202-pixel plot, from the bottom at y = 226.
    let heights: Vec<f64> = with_doc(&svg, |d| {
        d.descendants()
            .filter(|n| n.attribute("class") == Some("bar s0"))
            .map(|n| n.attribute("height").unwrap().parse().unwrap())
            .collect()
    });
    assert_eq!(heights, [50.5, 0.0]);
}

#[test]
fn every_figure_has_a_caption_a_picture_and_a_table() {
    let figures = [
        timeline::render(&plan("2027-01-13")).into_string(),
        week::render(&office_hours()).into_string(),
        bars::stacked(&load(12.0)).into_string(),
    ];
    for f in figures {
        assert!(f.starts_with("<figure class=\"chart\"><figcaption>"), "{f}");
        assert!(f.contains("<svg class=") && f.contains("<table>"), "{f}");
    }
}

#[test]
fn the_patterns_charts_use_are_defined() {
    let d = defs().into_string();
    assert!(d.contains("id=\"hatch\"") && d.contains("id=\"dots\""));
}

#[test]
fn numbers_lose_trailing_zeros() {
    assert_eq!(number(4.0), "4");
    assert_eq!(number(0.25), "0.25");
    assert_eq!(number(2.5), "2.5");
    assert_eq!(number(-0.001), "0");
    assert_eq!(number(1.005), "1"); // rounded half to even by format
}

proptest::proptest! {
    /// Whatever a label holds, the picture stays well-formed and shows the
    /// label as text: markup characters never make an element.
    #[test]
    fn any_label_is_text(label in "[<>&\"' a-z]{0,12}\\PC{0,12}", group in "\\PC{0,8}") {
        let mut t = plan("2027-01-13");
        t.rows[0].label = label.clone();
        t.rows[0].group = group.clone();
        let html = timeline::render(&t).into_string();
        let svg = svg_of(&html);
        let shown = with_doc(&svg, |d| {
            d.descendants()
                .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("row"))
                .filter_map(|g| g.children().find(|c| c.has_tag_name("text")))
                .map(|t| t.text().unwrap_or_default().to_string())
                .next()
                .unwrap()
        });
        let expected = super::clip(&crate::text::escape_control(&format!("{label} · {group}")), 46);
        proptest::prop_assert_eq!(shown, expected);
        let elements = with_doc(&svg, |d| d.descendants().filter(|n| n.is_element()).count());
        let plain = with_doc(&svg_of(&timeline::render(&plan("2027-01-13")).into_string()), |d| {
            d.descendants().filter(|n| n.is_element()).count()
        });
        proptest::prop_assert_eq!(elements, plain);
    }
}
