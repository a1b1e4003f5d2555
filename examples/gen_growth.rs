//! Writes one growth case for `bench/growth.sh`: a catalog and a deal whose
//! size grows with N in one direction only, so timing N against 4N shows
//! whether that direction costs linear time (ratio near 4) or worse.
//!
//! ```text
//! cargo run --release --example gen_growth -- CASE N OUT_DIR
//! ```
//!
//! Writes `OUT_DIR/catalog.toml` and `OUT_DIR/deal.toml`. Cases:
//!
//! - `unused-features`: N catalog features, the deal uses one.
//! - `after-chain`: N `[[custom]]` items, each `after` the one before.
//! - `unknown-features`: the deal lists N feature ids the catalog lacks.
//! - `requires-chain`: N catalog features, each requiring the next; the deal
//!   lists the first.
//! - `listed-features`: N catalog features with (zero-day) setup work, all listed in
//!   the deal, which has the room for them, and one unknown id (so the
//!   offer walks the whole list instead of offering the deal unchanged).
//! - `located-errors`: N `[[custom]]` items with a negative `days`: N input
//!   errors in one deal (exit 2).
//! - `duplicate-teams`: N catalog teams with the same id (exit 2).
//! - `comment-prefix`: N KiB of comments before the deal's tables.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

const HEADER: &str = "[catalog]\nname = \"Growth\"\ntimezone = \"UTC\"\n\n[[team]]\nid = \"platform\"\npeople = 5\n\n";
const CORE: &str = "[[feature]]\nid = \"core\"\nstatus = \"ga\"\n\n";
const DEAL: &str = "[deal]\nid = \"GROWTH-1\"\ndeadline = 2027-06-30\n";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [case, n, out] = args.as_slice() else {
        eprintln!("usage: gen_growth CASE N OUT_DIR");
        return ExitCode::from(2);
    };
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("N must be a whole number, found {n}");
        return ExitCode::from(2);
    };
    let Some((catalog, deal)) = generate(case, n) else {
        eprintln!("unknown case {case}");
        return ExitCode::from(2);
    };
    let out = Path::new(out);
    let written = std::fs::create_dir_all(out)
        .and_then(|()| std::fs::write(out.join("catalog.toml"), catalog))
        .and_then(|()| std::fs::write(out.join("deal.toml"), deal));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cannot write {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

/// The catalog and deal text of a case at size `n`.
fn generate(case: &str, n: usize) -> Option<(String, String)> {
    let mut catalog = String::from(HEADER);
    let mut deal = String::new();
    match case {
        "unused-features" => {
            catalog.push_str(CORE);
            for i in 0..n {
                let _ = write!(
                    catalog,
                    "[[feature]]\nid = \"feature-{i}\"\nname = \"Feature {i}\"\nstatus = \"ga\"\n\n"
                );
            }
            deal.push_str(DEAL);
            deal.push_str("features = [\"core\"]\n");
        }
        "after-chain" => {
            catalog.push_str(CORE);
            deal.push_str(DEAL);
            deal.push_str("features = [\"core\"]\n");
            for i in 0..n {
                let _ = write!(
                    deal,
                    "\n[[custom]]\nname = \"step-{i}\"\nteam = \"platform\"\ndays = 0\n"
                );
                if i > 0 {
                    let _ = writeln!(deal, "after = [\"step-{}\"]", i - 1);
                }
            }
        }
        "unknown-features" => {
            catalog.push_str(CORE);
            deal.push_str(DEAL);
            deal.push_str("features = [\n");
            for i in 0..n {
                let _ = writeln!(deal, "  \"unknown-{i}\",");
            }
            deal.push_str("]\n");
        }
        "requires-chain" => {
            for i in 0..n {
                let _ = write!(catalog, "[[feature]]\nid = \"f{i}\"\nstatus = \"ga\"\n");
                if i + 1 < n {
                    let _ = writeln!(catalog, "requires = [\"f{}\"]", i + 1);
                }
                catalog.push('\n');
            }
            deal.push_str(DEAL);
            deal.push_str("features = [\"f0\"]\n");
        }
        "listed-features" => {
            for i in 0..n {
                let _ = write!(
                    catalog,
                    "[[feature]]\nid = \"f{i}\"\nstatus = \"ga\"\nsetup = {{ team = \"platform\", days = 0 }}\n\n"
                );
            }
            deal.push_str(DEAL);
            deal.push_str("features = [\n");
            for i in 0..n {
                let _ = writeln!(deal, "  \"f{i}\",");
            }
            deal.push_str("  \"typo-feature\",\n]\n");
        }
        "located-errors" => {
            catalog.push_str(CORE);
            deal.push_str(DEAL);
            deal.push_str("features = [\"core\"]\n");
            for i in 0..n {
                let _ = write!(
                    deal,
                    "\n[[custom]]\nname = \"bad-{i}\"\nteam = \"platform\"\ndays = -1\n"
                );
            }
        }
        "duplicate-teams" => {
            catalog.push_str(CORE);
            for _ in 0..n {
                catalog.push_str("[[team]]\nid = \"twin\"\npeople = 1\n\n");
            }
            deal.push_str(DEAL);
            deal.push_str("features = [\"core\"]\n");
        }
        "comment-prefix" => {
            catalog.push_str(CORE);
            let line = "# an old note about this deal, kept for the record ...........\n";
            for _ in 0..(n * 1024).div_ceil(line.len()) {
                deal.push_str(line);
            }
            deal.push_str(DEAL);
            deal.push_str("features = [\"core\", \"typo-feature\"]\n");
            deal.push_str("[requirements]\nseats = 10\n");
        }
        _ => return None,
    }
    Some((catalog, deal))
}
