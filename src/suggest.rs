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
    let typed = typed.to_ascii_lowercase();
    let typed_len = typed.chars().count();
    let typed_hist = histogram(&typed);
    let allowed_edits = (typed_len / 3).max(1);
    candidates
        .into_iter()
        .filter_map(|c| {
            let lower: std::borrow::Cow<str> = if c.bytes().any(|b| b.is_ascii_uppercase()) {
                c.to_ascii_lowercase().into()
            } else {
                c.into()
            };
            if hopeless(&typed_hist, typed_len, &lower, allowed_edits) {
                return None;
            }
            let similarity = strsim::jaro_winkler(&typed, &lower);
            // Edit distance is quadratic: only worth it for short ids or
            // candidates that already look alike.
            let edits = if typed.len() <= 6 || similarity >= 0.7 {
                strsim::osa_distance(&typed, &lower)
            } else {
                usize::MAX
            };
            (edits <= allowed_edits || similarity >= 0.88).then_some((edits, -similarity, c))
        })
        .min_by(|a, b| {
            (a.0, a.1)
                .partial_cmp(&(b.0, b.1))
                .unwrap_or(std::cmp::Ordering::Equal)
        })
        .map(|(_, _, c)| c)
}

/// Characters counted into 64 buckets: two strings share at most as many
/// characters as the bucket counts have in common.
fn histogram(s: &str) -> [u16; 64] {
    let mut h = [0u16; 64];
    for c in s.chars() {
        let bucket = (c as u32 % 64) as usize;
        h[bucket] = h[bucket].saturating_add(1);
    }
    h
}

/// True when `candidate` can pass neither test of [`nearest`], judged from
/// the characters the two share: Jaro–Winkler is at most
/// `0.6 × (c/|a| + c/|b| + 1)/3 + 0.4` and the edit distance at least
/// `max(|a|, |b|) − c` for `c` shared characters. A catalog of hundreds of
/// ids is mostly ruled out this way, without the quadratic comparisons.
fn hopeless(typed: &[u16; 64], typed_len: usize, candidate: &str, allowed_edits: usize) -> bool {
    let other = histogram(candidate);
    let len = candidate.chars().count();
    let common: usize = typed
        .iter()
        .zip(&other)
        .map(|(a, b)| usize::from(*a.min(b)))
        .sum();
    if typed_len == 0 || len == 0 {
        return false;
    }
    let jaro = (common as f64 / typed_len as f64 + common as f64 / len as f64 + 1.0) / 3.0;
    let jaro = if common == 0 { 0.0 } else { jaro };
    let best_similarity = 0.6 * jaro + 0.4;
    let fewest_edits = typed_len.max(len) - common.min(typed_len.max(len));
    let no_edit_path = fewest_edits > allowed_edits || (typed_len > 6 && best_similarity < 0.7);
    best_similarity < 0.88 - 1e-9 && no_edit_path
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

    use super::{did_you_mean, nearest};

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
