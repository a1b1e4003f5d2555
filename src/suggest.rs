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
    let allowed_edits = (typed.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter_map(|c| {
            let lower: std::borrow::Cow<str> = if c.bytes().any(|b| b.is_ascii_uppercase()) {
                c.to_ascii_lowercase().into()
            } else {
                c.into()
            };
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
