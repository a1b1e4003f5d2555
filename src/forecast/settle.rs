//! When sampled outcomes know a figure well enough to stop: 98% intervals
//! within ±[`PROBABILITY_TOLERANCE`] for shares and within a team's working
//! day for amounts (docs/reference.md, "The forecast").
//!
//! Each figure has two ways to settle, and settles by either:
//! - **as if the outcomes were independent** (Wilson, normal or
//!   distribution-free rank intervals): still valid for stratified blocks,
//!   whose estimates never spread much more than independent ones (a Latin
//!   hypercube's variance is at most `n / (n − 1)` times that of as many
//!   independent draws: Owen, 1997);
//! - **from the spread between whole blocks** (a Student t interval over at
//!   least [`MIN_BLOCKS`] blocks): the blocks are independent, and
//!   stratification makes them agree more than independent outcomes would
//!   where the strata explain a figure, so it settles sooner.

use crate::montecarlo::{share_settled, student_t};

/// How far a reported probability may be from the exact one.
pub const PROBABILITY_TOLERANCE: f64 = 0.02;
/// Two-sided 98% normal quantile (1% on each side).
const Z: f64 = 2.326;
/// Whole blocks the between-block rule needs (as `check`'s Monte Carlo).
pub(crate) const MIN_BLOCKS: usize = 16;

/// True when a 98% interval for a share of `k` in `n` lies within
/// ±[`PROBABILITY_TOLERANCE`]: the exact one-sided bound when all or none
/// are in it, the Wilson score interval otherwise.
pub(crate) fn probability_settled(k: usize, n: usize) -> bool {
    share_settled(k, n, PROBABILITY_TOLERANCE)
}

/// True when a 98% interval for the mean of `n` values (those not given
/// are 0) lies within ±`tolerance`.
pub(crate) fn mean_settled(values: impl Iterator<Item = f64>, n: usize, tolerance: f64) -> bool {
    if n < 2 {
        return false;
    }
    let (mut sum, mut squares) = (0.0, 0.0);
    for v in values {
        sum += v;
        squares += v * v;
    }
    let nf = n as f64;
    let mean = sum / nf;
    let variance = ((squares - nf * mean * mean) / (nf - 1.0)).max(0.0);
    Z * (variance / nf).sqrt() <= tolerance
}

/// True when a 98% distribution-free interval for quantile `q` of the
/// values (unit weights; `zeros` outcomes at 0, `sorted` the others in
/// order) puts the reported value within ±`tolerance` of the quantile, or
/// within ±[`PROBABILITY_TOLERANCE`] of `q` in level: a P85 known to be
/// the P83–P87 is known as well as a probability is, even where the
/// outcomes jump (a deal won or not) and no number of them pins the value.
pub(crate) fn quantile_settled(zeros: f64, sorted: &[(f64, f64)], q: f64, tolerance: f64) -> bool {
    let zeros = zeros.round() as usize;
    let n = zeros + sorted.len();
    let value = |rank: usize| {
        if rank <= zeros {
            0.0
        } else {
            sorted[rank - zeros - 1].0
        }
    };
    let nf = n as f64;
    let mean = nf * q;
    let spread = Z * (mean * (1.0 - q)).sqrt();
    let at = ((q * nf).ceil() as usize).clamp(1, n.max(1));
    let lo = ((mean - spread).floor().max(1.0) as usize).min(at);
    let hi = (mean + spread).ceil() as usize + 1;
    if n == 0 || hi > n {
        return false;
    }
    let hi = hi.max(at);
    let level = (hi - at).max(at - lo) as f64 <= PROBABILITY_TOLERANCE * nf;
    level || (value(hi) - value(at) <= tolerance && value(at) - value(lo) <= tolerance)
}

/// True when, over at least [`MIN_BLOCKS`] whole blocks, a 98% Student t
/// interval for the mean of the blocks' own means lies within ±`tolerance`.
pub(crate) fn blocks_settled(means: &[f64], tolerance: f64) -> bool {
    let m = means.len();
    if m < MIN_BLOCKS {
        return false;
    }
    let mf = m as f64;
    let mean = means.iter().sum::<f64>() / mf;
    let variance = means.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (mf - 1.0);
    student_t(mf - 1.0) * (variance / mf).sqrt() <= tolerance
}

/// The ratio estimate `Σ hits / Σ of` over whole blocks (a share among the
/// outcomes in which something holds, such as a deal won): true when its
/// 98% interval (Student t over at least [`MIN_BLOCKS`] blocks, the
/// ratio's linearised spread) lies within ±[`PROBABILITY_TOLERANCE`].
pub(crate) fn ratio_settled(blocks: &[(f64, f64)]) -> bool {
    let m = blocks.len();
    let of: f64 = blocks.iter().map(|b| b.1).sum();
    if m < MIN_BLOCKS || of <= 0.0 {
        return false;
    }
    let mf = m as f64;
    let ratio = blocks.iter().map(|b| b.0).sum::<f64>() / of;
    let spread = blocks
        .iter()
        .map(|(hits, of)| (hits - ratio * of).powi(2))
        .sum::<f64>()
        / (mf - 1.0);
    student_t(mf - 1.0) * (spread / mf).sqrt() / (of / mf) <= PROBABILITY_TOLERANCE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_settles_to_two_hundredths() {
        assert!(!probability_settled(0, 200));
        assert!(probability_settled(0, 250));
        assert!(!probability_settled(500, 1000));
        assert!(probability_settled(1700, 3400));
    }

    /// Outcomes that jump from 0 to 10 days at the 85th percentile never
    /// pin the P85's value; its level settles once the rank interval is
    /// within 0.02 of 0.85 (about 1,800 outcomes), not before.
    #[test]
    fn a_quantile_settles_in_value_or_in_level() {
        let jump = |n: usize| {
            let sorted: Vec<(f64, f64)> = vec![(10.0, 1.0); n * 15 / 100];
            quantile_settled((n - sorted.len()) as f64, &sorted, 0.85, 1.0)
        };
        assert!(!jump(1000));
        assert!(jump(2000));
        let smooth: Vec<(f64, f64)> = (0..500).map(|i| (f64::from(i) / 1000.0, 1.0)).collect();
        assert!(
            quantile_settled(0.0, &smooth, 0.85, 1.0),
            "values within a day"
        );
        assert!(
            !quantile_settled(0.0, &smooth[..5], 0.85, 1.0),
            "too few outcomes"
        );
    }

    #[test]
    fn blocks_that_agree_settle_and_too_few_never_do() {
        let agree: Vec<f64> = (0..16).map(|b| 0.5 + f64::from(b % 2) * 0.01).collect();
        assert!(blocks_settled(&agree, PROBABILITY_TOLERANCE));
        assert!(!blocks_settled(&agree[..15], PROBABILITY_TOLERANCE));
        let spread: Vec<f64> = (0..16).map(|b| f64::from(b % 2)).collect();
        assert!(!blocks_settled(&spread, PROBABILITY_TOLERANCE));
        let ratios: Vec<(f64, f64)> = (0..16).map(|b| (16.0 + f64::from(b % 2), 32.0)).collect();
        assert!(ratio_settled(&ratios));
        assert!(!ratio_settled(&vec![(1.0, 2.0); 15]));
        assert!(!ratio_settled(&vec![(0.0, 0.0); 16]), "never seen");
        let wide: Vec<(f64, f64)> = (0..16).map(|b| (f64::from(b % 2) * 2.0, 2.0)).collect();
        assert!(!ratio_settled(&wide));
    }
}
