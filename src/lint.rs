//! `dealcheck catalog lint`: a broken catalog is every load error (exit 2);
//! beyond that, likely mistakes that still load are warnings (exit 1).

use crate::load::{self, Location};
use crate::model::{Catalog, FeatureStatus};
use crate::run::Exit;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A likely mistake in a catalog that loads.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub location: Location,
    pub message: String,
}

/// Lints the catalog at `path` (or the discovered one) and prints the result.
pub fn run(path: Option<&Path>, color: bool) -> anyhow::Result<Exit> {
    let env = std::env::var_os(load::CATALOG_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    let path = match path.map(Path::to_path_buf).or(env) {
        Some(p) => p,
        None => match load::discover_catalog(None, Path::new(".")) {
            Ok(p) => p,
            Err(e) => {
                eprint!("{}", e.render(color));
                return Ok(Exit::Input);
            }
        },
    };
    let catalog = match load::load_catalog(&path) {
        Ok(c) => c,
        Err(e) => {
            eprint!("{}", e.render(color));
            return Ok(Exit::Input);
        }
    };
    let warnings = lint(&catalog);
    let mut out = std::io::stdout().lock();
    for w in &warnings {
        writeln!(
            out,
            "{}: warning: {}",
            w.location,
            crate::text::escape_control(&w.message)
        )?;
    }
    let c = &catalog;
    writeln!(
        out,
        "{}: {} features, {} teams, {} components, {} tiers, {} limits; {} warning{}",
        path.display(),
        c.features.len(),
        c.teams.len(),
        c.components.len(),
        c.tiers.len(),
        c.limits.len(),
        warnings.len(),
        if warnings.len() == 1 { "" } else { "s" }
    )?;
    Ok(if warnings.is_empty() {
        Exit::Pass
    } else {
        Exit::Fail
    })
}

/// Every warning about a catalog that loads.
pub fn lint(c: &Catalog) -> Vec<Warning> {
    let mut out = Vec::new();
    for f in &c.features {
        let warn = |message: String| Warning {
            location: f.location.clone(),
            message,
        };
        if f.status == FeatureStatus::Planned && f.eta.is_none() {
            out.push(warn(format!(
                "planned feature \"{}\" has no `eta`: deals that include it cannot be dated",
                f.id
            )));
        }
        if f.work.is_some() && f.status != FeatureStatus::Planned {
            out.push(warn(format!(
                "feature \"{}\" has `work` but is not planned: the work is never scheduled",
                f.id
            )));
        }
        if f.eta.is_some() && f.status != FeatureStatus::Planned {
            out.push(warn(format!(
                "feature \"{}\" has an `eta` but is {}: the eta is ignored",
                f.id,
                f.status.as_str()
            )));
        }
        for conflict in self_conflicts(c, f) {
            out.push(warn(format!("feature \"{}\" requires \"{conflict}\" but conflicts with it: it can never be sold", f.id)));
        }
    }
    for t in &c.teams {
        let warn = |message: String| Warning {
            location: t.location.clone(),
            message,
        };
        if t.people == 0 {
            out.push(warn(format!(
                "team \"{}\" has no people: work for it never finishes",
                t.id
            )));
        }
        for cm in t.commitments.iter().filter(|cm| cm.people > t.people) {
            out.push(warn(format!(
                "team \"{}\" commits {} people to \"{}\" but has only {}",
                t.id, cm.people, cm.what, t.people
            )));
        }
    }
    out
}

/// Features that `f` requires (transitively) and also conflicts with.
fn self_conflicts<'a>(c: &'a Catalog, f: &crate::model::Feature) -> Vec<&'a str> {
    let mut seen = vec![false; c.features.len()];
    let mut stack = f.requires.clone();
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        stack.extend(&c.features[i].requires);
    }
    let mut names: Vec<&str> = (0..c.features.len())
        .filter(|&i| {
            seen[i]
                && (f.conflicts.contains(&i)
                    || c.features[i]
                        .conflicts
                        .iter()
                        .any(|&j| c.features[j].id == f.id))
        })
        .map(|i| c.features[i].id.as_str())
        .collect();
    names.sort_unstable();
    names
}
