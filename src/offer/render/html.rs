//! `offer --format html`: per deal the two variants side by side (deadline,
//! scope, availability, verdict), phase 2 on a timeline, what changed and
//! why, what was left out, better tiers, and the cost of yes. Written offer
//! by offer as the deals are judged; only the files that could not be
//! judged wait for the end.

use super::{OfferRun, Offered, VariantChoice, human};
use crate::check::work_start;
use crate::offer::{Offer, Variant};
use crate::report::html::chart::number;
use crate::report::html::chart::timeline::{self, Marker, MarkerKind, Row, Timeline};
use crate::report::html::{Text, foot, head, not_checked, verdict, write};
use crate::report::{FileError, Renderer, RunHeader};
use crate::text::plural;
use chrono::NaiveDate;
use maud::{Markup, html};
use std::io::{self, Write};

/// The page of an `offer` run.
#[derive(Default)]
pub(super) struct Page {
    /// The only variant to show (`--variant`), as `human` does; both when
    /// `None`.
    only: Option<VariantChoice>,
    as_of: Option<NaiveDate>,
    offers: usize,
    as_asked: usize,
    unjudged: Vec<FileError>,
}

impl Page {
    pub(super) fn new(only: Option<VariantChoice>) -> Page {
        Page {
            only,
            ..Page::default()
        }
    }
}

impl Renderer<OfferRun> for Page {
    fn begin(&mut self, header: &RunHeader, out: &mut dyn Write) -> io::Result<()> {
        self.as_of = Some(header.as_of);
        let against = match &header.catalog {
            Some(c) => format!(" against {} ({})", c.name, c.path),
            None => String::new(),
        };
        let subtitle = format!(
            "What operations can sign: {}{against}, as of {}",
            plural(header.deals, "deal file"),
            header.as_of
        );
        write(head("dealcheck offer", &subtitle), out)
    }

    fn item(&mut self, item: &Offered, out: &mut dyn Write) -> io::Result<()> {
        let as_of = self.as_of.ok_or_else(crate::report::stream::not_begun)?;
        self.offers += 1;
        self.as_asked += usize::from(item.signable_as_asked());
        let start = work_start(&item.deal, as_of);
        write(
            section(&item.offer, self.only, start, item.deal.deadline),
            out,
        )
    }

    fn unjudged(&mut self, file: &FileError, _: &mut dyn Write) -> io::Result<()> {
        self.unjudged.push(file.clone());
        Ok(())
    }

    fn finish(&mut self, _: &(), out: &mut dyn Write) -> io::Result<()> {
        for file in &self.unjudged {
            write(not_checked(file), out)?;
        }
        let summary = html! {
            h2 { "Summary" }
            p {
                (plural(self.offers, "offer")) ": "
                strong { (self.as_asked) " signable as asked" } ", "
                strong { (self.offers - self.as_asked) " changed" }
                @if !self.unjudged.is_empty() {
                    ", " strong { (plural(self.unjudged.len(), "file")) " not checked" }
                }
                "."
            }
        };
        write(foot(summary), out)
    }
}

/// One deal's offer.
fn section(
    offer: &Offer,
    only: Option<VariantChoice>,
    start: NaiveDate,
    asked: NaiveDate,
) -> Markup {
    let shown = |v: VariantChoice| only.is_none_or(|o| o == v);
    html! {
        section class="deal offer" {
            h2 {
                "Offer for " (Text(&offer.id))
                @if !offer.customer.is_empty() { " · " (Text(&offer.customer)) }
            }
            p class="muted" { (Text(&offer.path)) " · as asked: " (verdict(offer.asked_verdict)) }
            div class="variants" {
                @if shown(VariantChoice::OnDate) {
                    (variant("Keep the date", "on-date", offer.on_date.as_ref()))
                }
                @if shown(VariantChoice::Complete) {
                    (variant("Deliver everything", "complete", Some(&offer.complete)))
                }
            }
            (timeline::render(&phases(offer, only, start, asked, &timeline_title(offer))))
            (changes(offer, only))
            (dropped(offer))
            (alternatives(offer))
            (cost_of_yes(offer))
        }
    }
}

fn variant(title: &str, name: &str, v: Option<&Variant>) -> Markup {
    html! {
        div class="variant" {
            h3 { (title) " " small class="muted" { "(" (name) ")" } }
            @match v {
                None => p { "None: the deadline is before work can start." }
                Some(v) => dl {
                    dt { "Deadline" } dd { (v.deadline) }
                    dt { "Features" } dd { (Text(&list(&v.features))) }
                    dt { "Custom work" } dd { (Text(&list(&v.custom))) }
                    dt { "Availability" } dd { (Text(&human::availability(v))) }
                    @if let Some(a) = &v.availability { dt { "Tier" } dd { (Text(&a.tier)) } }
                    dt { "Requirements" } dd { (Text(&human::requirements(v))) }
                    dt { "Verdict" } dd { (verdict(v.verdict)) }
                    @if let Some(p) = v.on_time_probability {
                        dt { "On time" } dd { (number(p * 100.0)) "%" }
                    }
                    @if !v.phase_2.is_empty() {
                        dt { "Phase 2" }
                        dd { @for p in &v.phase_2 { (Text(&p.id)) " by " (p.date) br; } }
                    }
                    @if !v.warnings.is_empty() {
                        dt { "Warnings" }
                        dd { @for w in &v.warnings { (w.code) " " (Text(&w.message)) br; } }
                    }
                }
            }
        }
    }
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}

fn timeline_title(offer: &Offer) -> String {
    format!(
        "Timeline of {}: what is delivered by the date, what follows in phase 2, and everything",
        offer.id
    )
}

/// The variants over time, from the day work starts: the `on_date` scope to
/// its deadline, each phase 2 item after it to its date, and the
/// `complete` variant to its own deadline; the asked deadline marked.
fn phases<'a>(
    offer: &Offer,
    only: Option<VariantChoice>,
    start: NaiveDate,
    asked: NaiveDate,
    title: &'a str,
) -> Timeline<'a> {
    let mut rows = Vec::new();
    let on_date = offer
        .on_date
        .as_ref()
        .filter(|_| only != Some(VariantChoice::Complete));
    if let Some(v) = on_date {
        rows.push(Row {
            label: "everything but phase 2".to_string(),
            group: "on-date".to_string(),
            colour: 0,
            span: (start <= v.deadline).then_some((start, v.deadline)),
        });
        for p in &v.phase_2 {
            let from = v.deadline.succ_opt().unwrap_or(v.deadline);
            rows.push(Row {
                label: format!("{} ({})", p.id, p.code),
                group: "on-date, phase 2".to_string(),
                colour: 1,
                span: (from <= p.date).then_some((from, p.date)),
            });
        }
    }
    if only != Some(VariantChoice::OnDate) {
        rows.push(Row {
            label: "everything deliverable".to_string(),
            group: "complete".to_string(),
            colour: 2,
            span: (start <= offer.complete.deadline).then_some((start, offer.complete.deadline)),
        });
    }
    let mut markers = vec![Marker {
        label: "Asked deadline".to_string(),
        date: asked,
        kind: MarkerKind::Deadline,
    }];
    if asked != offer.complete.deadline {
        markers.push(Marker {
            label: "Everything by".to_string(),
            date: offer.complete.deadline,
            kind: MarkerKind::Note,
        });
    }
    Timeline {
        title,
        row_heading: "What",
        group_heading: "Variant",
        rows,
        markers,
        late_after: None,
    }
}

/// The changes of the variants shown: those of both, and those of the one
/// variant `--variant` names.
fn changes(offer: &Offer, only: Option<VariantChoice>) -> Markup {
    let tag = only.map(|v| match v {
        VariantChoice::OnDate => "on_date",
        VariantChoice::Complete => "complete",
    });
    let changes: Vec<&crate::offer::Change> = offer
        .changes
        .iter()
        .filter(|c| tag.is_none() || c.variant.is_none() || c.variant.as_deref() == tag)
        .collect();
    html! {
        h3 { "What changed and why" }
        @if changes.is_empty() {
            p { "Nothing: operations can sign the deal as asked." }
        } @else {
            table {
                thead {
                    tr {
                        th scope="col" { "What" } th scope="col" { "Asked" } th scope="col" { "Offered" }
                        th scope="col" { "Why" } th scope="col" { "Variant" }
                    }
                }
                tbody {
                    @for c in changes {
                        tr {
                            th scope="row" { code { (Text(&c.subject)) } }
                            td { (Text(&c.asked)) }
                            td { @match &c.offered { Some(o) => (Text(o)), None => em { "removed" } } }
                            td { (Text(&c.why)) " (" (c.code) ")" }
                            td { (Text(c.variant.as_deref().unwrap_or("both"))) }
                        }
                    }
                }
            }
        }
    }
}

fn dropped(offer: &Offer) -> Markup {
    html! {
        @if !offer.dropped.is_empty() {
            h3 { "Left out of both (cannot be delivered)" }
            ul class="lines" {
                @for d in &offer.dropped {
                    li { "✗ " code { (Text(&d.subject)) } ": " (Text(&d.why)) " (" (d.code) ")" }
                }
            }
        }
    }
}

fn alternatives(offer: &Offer) -> Markup {
    html! {
        @if !offer.alternatives.is_empty() {
            h3 { "Better availability with more features" }
            ul class="lines" {
                @for a in &offer.alternatives {
                    li {
                        "add " (Text(&a.add_features.join(", "))) ": " (number(a.target)) "% over "
                        (Text(&a.window))
                        @if let Some(s) = &a.support_response { ", support " (Text(s)) }
                        " (tier \"" (Text(&a.tier)) "\")"
                    }
                }
            }
        }
    }
}

fn cost_of_yes(offer: &Offer) -> Markup {
    let cost = &offer.cost_of_yes;
    html! {
        h3 { "The cost of yes (signing as asked)" }
        @if cost.overtime_hours > 0.0 || cost.shortfall_person_days > 0.0 {
            p {
                strong { (number(cost.overtime_hours)) " hours of overtime" } ": "
                (number(cost.shortfall_person_days)) " person-days still open at the deadline."
            }
            table {
                thead { tr { th scope="col" { "Team" } th scope="col" { "Person-days open" } th scope="col" { "Overtime hours" } } }
                tbody {
                    @for t in &cost.teams {
                        tr {
                            th scope="row" { (Text(&t.team)) }
                            td { (number(t.shortfall_person_days)) }
                            td { (number(t.overtime_hours)) }
                        }
                    }
                }
            }
        } @else if cost.impossible.iter().any(|s| s == "deal.deadline") {
            p { "No overtime helps: work cannot start before the deadline." }
        } @else {
            p { "No overtime: the teams finish the work by the deadline." }
        }
        @if !cost.impossible.is_empty() {
            p { "No amount of overtime buys: " (Text(&cost.impossible.join(", "))) "." }
        }
    }
}
