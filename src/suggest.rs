//! "Did you mean" suggestions for mistyped ids, keys and codes.

/// The candidate closest to `typed`, if it is close enough to be a likely typo.
///
/// Edit distance catches swapped or missing letters in short ids (`sos` for
/// `sso`); Jaro-Winkler catches shared prefixes in long ones (`audit-logs`
/// for `audit-log`). Wild guesses stay out.
pub fn nearest<'a, I>(typed: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let candidates: Vec<&str> = candidates.into_iter().collect();
    Index::new(candidates.iter().copied())
        .nearest(typed)
        .map(|i| candidates[i])
}

/// Candidates prepared once for many look-ups (a catalog's feature ids):
/// each lower-cased, with its length and character histogram.
#[derive(Debug, Clone, Default)]
pub struct Index {
    entries: Vec<Entry>,
}

#[derive(Debug, Clone)]
struct Entry {
    lower: String,
    len: usize,
    histogram: Histogram,
}

impl Index {
    pub fn new<'a>(candidates: impl IntoIterator<Item = &'a str>) -> Index {
        let entries = candidates
            .into_iter()
            .map(|c| {
                let lower = c.to_ascii_lowercase();
                Entry {
                    len: lower.chars().count(),
                    histogram: histogram(&lower),
                    lower,
                }
            })
            .collect();
        Index { entries }
    }

    /// Position of the candidate [`nearest`] picks, if any.
    ///
    /// Candidates are compared in order of the fewest edits their shared
    /// characters allow, and the comparison stops once that bound exceeds
    /// the edits of the best match so far: the winner has the fewest edits,
    /// then the highest similarity, then the first position, so the order
    /// of comparison cannot change it.
    pub fn nearest(&self, typed: &str) -> Option<usize> {
        self.search(typed).0
    }

    /// [`Index::nearest`], and how many candidates it compared in full
    /// (what the bounds exist to keep small; tests count it).
    fn search(&self, typed: &str) -> (Option<usize>, usize) {
        let typed = typed.to_ascii_lowercase();
        let me = Entry {
            len: typed.chars().count(),
            histogram: histogram(&typed),
            lower: typed,
        };
        let allowed_edits = (me.len / 3).max(1);
        let mut order: Vec<(usize, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, c)| bounds(&me, c, allowed_edits).map(|fewest| (fewest, i)))
            .collect();
        order.sort_unstable();
        let mut best: Option<(usize, f64, usize)> = None;
        let mut compared = 0;
        for (fewest, i) in order {
            if best.is_some_and(|(edits, _, _)| fewest > edits) {
                break;
            }
            compared += 1;
            let Some((edits, similarity)) = score(&me, &self.entries[i], allowed_edits) else {
                continue;
            };
            let better = best.is_none_or(|(e, s, at)| {
                (edits, -similarity, i)
                    .partial_cmp(&(e, -s, at))
                    .is_some_and(|o| o.is_lt())
            });
            if better {
                best = Some((edits, similarity, i));
            }
        }
        (best.map(|(_, _, i)| i), compared)
    }
}

/// Edits and similarity of a candidate that passes either test, else `None`.
fn score(typed: &Entry, candidate: &Entry, allowed_edits: usize) -> Option<(usize, f64)> {
    let similarity = strsim::jaro_winkler(&typed.lower, &candidate.lower);
    // Edit distance is quadratic: only worth it for short ids or candidates
    // that already look alike.
    let edits = if typed.lower.len() <= 6 || similarity >= 0.7 {
        strsim::osa_distance(&typed.lower, &candidate.lower)
    } else {
        usize::MAX
    };
    (edits <= allowed_edits || similarity >= 0.88).then_some((edits, similarity))
}

/// Characters counted into 64 one-byte buckets (the minimum of two is one
/// vector instruction), or `None` when some bucket passes 255.
type Histogram = Option<[u8; 64]>;

/// Two strings share at most as many characters as their bucket counts
/// have in common.
fn histogram(s: &str) -> Histogram {
    let mut h = [0u8; 64];
    for c in s.chars() {
        let bucket = (c as u32 % 64) as usize;
        h[bucket] = h[bucket].checked_add(1)?;
    }
    Some(h)
}

/// The fewest edits `candidate` can be from `typed`, judged from the
/// characters the two share, or `None` when it can pass neither test of
/// [`nearest`]: Jaro–Winkler is at most `0.6 × (c/|a| + c/|b| + 1)/3 + 0.4`
/// and the edit distance at least `max(|a|, |b|) − c` for `c` shared
/// characters. A catalog of hundreds of ids is mostly ruled out this way,
/// without the quadratic comparisons.
fn bounds(typed: &Entry, candidate: &Entry, allowed_edits: usize) -> Option<usize> {
    let (typed_len, len) = (typed.len, candidate.len);
    let common = match (&typed.histogram, &candidate.histogram) {
        (Some(a), Some(b)) => a
            .iter()
            .zip(b)
            .map(|(a, b)| u32::from(*a.min(b)))
            .sum::<u32>() as usize,
        // Uncounted: assume everything shared, which rules nothing out.
        _ => typed_len.min(len),
    };
    let longest = typed_len.max(len);
    let fewest_edits = longest - common.min(longest);
    if typed_len == 0 || len == 0 {
        return Some(fewest_edits);
    }
    let jaro = (common as f64 / typed_len as f64 + common as f64 / len as f64 + 1.0) / 3.0;
    let jaro = if common == 0 { 0.0 } else { jaro };
    let best_similarity = 0.6 * jaro + 0.4;
    let no_edit_path = fewest_edits > allowed_edits || (typed_len > 6 && best_similarity < 0.7);
    let hopeless = best_similarity < 0.88 - 1e-9 && no_edit_path;
    (!hopeless).then_some(fewest_edits)
}

/// `did you mean "x"?` for the [`nearest`] candidate, so every suggestion is
/// worded the same way; `None` when nothing is close enough.
pub fn did_you_mean<'a>(
    typed: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    nearest(typed, candidates).map(meant)
}

/// The one wording of a suggestion: `did you mean "x"?`.
pub fn meant(best: &str) -> String {
    format!("did you mean \"{best}\"?")
}

#[cfg(test)]
mod tests {
    /// The filter only skips what the full comparison would reject: the
    /// same answers as comparing every candidate, over many near and far ids.
    #[test]
    fn the_prefilter_never_changes_the_answer() {
        let ids: Vec<String> = [
            "sso",
            "audit-log",
            "eu-residency",
            "search-233",
            "sso-000",
            "mobile-262",
        ]
        .iter()
        .map(|s| s.to_string())
        .chain((0..300).map(|i| format!("feature-{i:03}")))
        .collect();
        let typed = [
            "sos",
            "audit-logs",
            "featrue-007",
            "feature-07",
            "searhc-233",
            "x",
            "mobile262",
            "EU-Residency",
            "zzzzzzzz",
        ];
        for t in typed {
            let fast = super::nearest(t, ids.iter().map(String::as_str));
            let slow = slow_nearest(t, &ids);
            assert_eq!(fast, slow.as_deref(), "{t}");
        }
    }

    fn slow_nearest(typed: &str, ids: &[String]) -> Option<String> {
        let typed = typed.to_ascii_lowercase();
        let allowed = (typed.chars().count() / 3).max(1);
        ids.iter()
            .filter_map(|c| {
                let lower = c.to_ascii_lowercase();
                let sim = strsim::jaro_winkler(&typed, &lower);
                let edits = if typed.len() <= 6 || sim >= 0.7 {
                    strsim::osa_distance(&typed, &lower)
                } else {
                    usize::MAX
                };
                (edits <= allowed || sim >= 0.88).then_some((edits, -sim, c.clone()))
            })
            .min_by(|a, b| (a.0, a.1).partial_cmp(&(b.0, b.1)).unwrap())
            .map(|(_, _, c)| c)
    }

    use super::{Index, did_you_mean, nearest};
    use proptest::prelude::*;

    /// Among 500 ids alike in shape, a typo is compared in full with a
    /// handful of them: the shared letters rule the rest out, and the search
    /// stops once no candidate left can have fewer edits than the best.
    #[test]
    fn a_typo_is_compared_with_few_candidates() {
        let words = ["alerts", "audit", "billing", "export", "import", "search"];
        let ids: Vec<String> = (0..500)
            .map(|i| format!("{}-{i:03}", words[i % words.len()]))
            .collect();
        let index = Index::new(ids.iter().map(String::as_str));
        let (found, compared) = index.search("alrets-294");
        assert_eq!(found.map(|i| ids[i].as_str()), Some("alerts-294"));
        assert!(
            (1..=40).contains(&compared),
            "{compared} of 500 candidates compared in full"
        );
        let (found, compared) = index.search("zzzzzzzzzzzz");
        assert_eq!(found, None);
        assert_eq!(compared, 0, "nothing shares enough letters");
    }

    proptest! {
        /// Over a small alphabet, where ties and near misses abound, the
        /// bounded search picks what comparing every candidate in order picks.
        #[test]
        fn the_bounded_search_picks_what_a_full_scan_picks(
            ids in proptest::collection::vec("[a-cA]{0,5}(-[0-9]{1,2})?", 0..40),
            typed in "[a-cA]{0,6}(-[0-9]{1,2})?",
        ) {
            let fast = nearest(&typed, ids.iter().map(String::as_str));
            prop_assert_eq!(fast.map(str::to_string), slow_nearest(&typed, &ids));
        }
    }

    #[test]
    fn finds_close_ids_and_rejects_far_ones() {
        let ids = ["sso", "audit-log", "eu-residency"];
        assert_eq!(nearest("audit-logs", ids), Some("audit-log"));
        assert_eq!(nearest("EU-Residency", ids), Some("eu-residency"));
        assert_eq!(nearest("sos", ids), Some("sso"));
        assert_eq!(nearest("billing", ids), None);
        assert_eq!(nearest("x", ids), None);
    }

    #[test]
    fn did_you_mean_words_the_nearest_candidate() {
        let ids = ["sso", "audit-log"];
        assert_eq!(
            did_you_mean("audit-logs", ids).as_deref(),
            Some("did you mean \"audit-log\"?")
        );
        assert_eq!(did_you_mean("billing", ids), None);
    }
}
