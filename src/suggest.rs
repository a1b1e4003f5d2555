//! "Did you mean" suggestions for mistyped ids, keys and codes.

/// The candidate closest to `typed`, if it is close enough to be a likely typo.
///
/// Jaro-Winkler favours shared prefixes, which matches how ids get mistyped
/// (`audit-logs` for `audit-log`); the 0.8 floor keeps wild guesses out.
pub fn nearest<'a, I>(typed: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let typed = typed.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&typed, &c.to_ascii_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn finds_close_ids_and_rejects_far_ones() {
        let ids = ["sso", "audit-log", "eu-residency"];
        assert_eq!(nearest("audit-logs", ids), Some("audit-log"));
        assert_eq!(nearest("EU-Residency", ids), Some("eu-residency"));
        assert_eq!(nearest("billing", ids), None);
    }
}
