//! The stopping rule's statistics: when the trials so far settle the
//! on-time probability and the reported dates to the precision promised.

use super::{ALPHA_PER_SIDE, BLOCK, PROBABILITY_TOLERANCE, Z, nearest_rank_index};

/// The 1-based ranks `(lo, at, hi)` of a 98% distribution-free confidence
/// interval for the quantile `ppm` (parts per million) from `n` sorted
/// values, around the estimate's nearest rank `at`; `lo` is 0 and `hi` above
/// `n` when that side is not bounded yet.
pub(super) fn rank_interval(n: usize, ppm: u32) -> (usize, usize, usize) {
    let q = f64::from(ppm) / 1e6;
    let mean = n as f64 * q;
    let spread = Z * (mean * (1.0 - q)).sqrt();
    let at = nearest_rank_index(n, ppm);
    let lo = ((mean - spread).floor().max(0.0) as usize).min(at);
    let hi = ((mean + spread).ceil() as usize + 1).max(at);
    (lo, at, hi)
}

/// True when a 98% confidence interval for the on-time probability, from
/// `on_time` of `n` trials, lies within ±[`PROBABILITY_TOLERANCE`] of the
/// estimate: the exact (Clopper–Pearson) one-sided bound when all or none
/// are on time, the Wilson score interval otherwise.
pub(super) fn probability_settled(on_time: usize, n: usize) -> bool {
    share_settled(on_time, n, PROBABILITY_TOLERANCE)
}

/// True when a 98% interval for a share of `k` in `n` lies within
/// ±`tolerance` of it (the forecast asks for ±0.02).
pub(crate) fn share_settled(k: usize, n: usize, tolerance: f64) -> bool {
    if n == 0 {
        return false;
    }
    let nf = n as f64;
    if k == 0 || k == n {
        return 1.0 - ALPHA_PER_SIDE.powf(1.0 / nf) <= tolerance;
    }
    let p = k as f64 / nf;
    let z2 = Z * Z;
    let centre = (p + z2 / (2.0 * nf)) / (1.0 + z2 / nf);
    let half = Z / (1.0 + z2 / nf) * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt();
    p - (centre - half) <= tolerance && centre + half - p <= tolerance
}

/// True when, over at least 16 whole blocks, the spread between the blocks'
/// on-time shares puts a 98% (Student t) interval for their mean within
/// ±[`PROBABILITY_TOLERANCE`]. Stratified draws make the blocks agree more
/// than independent trials would, so this settles sooner than
/// [`probability_settled`] where the strata explain the outcome.
pub(super) fn blocks_settle_probability(keys: &[i64], deadline: i64) -> bool {
    let shares: Vec<f64> = keys
        .chunks_exact(BLOCK as usize)
        .map(|b| b.iter().filter(|k| **k <= deadline).count() as f64 / f64::from(BLOCK))
        .collect();
    let blocks = shares.len();
    if blocks < 16 {
        return false;
    }
    let b = blocks as f64;
    let mean = shares.iter().sum::<f64>() / b;
    let variance = shares.iter().map(|s| (s - mean).powi(2)).sum::<f64>() / (b - 1.0);
    student_t(b - 1.0) * (variance / b).sqrt() <= PROBABILITY_TOLERANCE
}

/// The one-sided 99% quantile of Student's t with `df` degrees of freedom
/// (Cornish–Fisher expansion around [`Z`]; within 0.01 from 15 df on).
/// The forecast's block intervals use it too.
pub(crate) fn student_t(df: f64) -> f64 {
    let z = Z;
    let (z3, z5) = (z.powi(3), z.powi(5));
    z + (z3 + z) / (4.0 * df) + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * df * df)
}
