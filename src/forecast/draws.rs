//! The uniforms sampled outcomes draw from: blocks of [`BLOCK`] outcomes,
//! each a Latin hypercube over every uniform an outcome uses (one per
//! proposed deal for its win, then one per drawn effort in booking order),
//! so that in each block every deal is won in its share of the outcomes
//! and every effort covers its whole distribution, one draw in each
//! `1/BLOCK` of it.
//!
//! Block `b` draws from its own generator seeded from `(seed, b)`: the
//! answer depends on the seed and the cap, never on the number of threads.

use crate::montecarlo::seed_of;
use rand::rngs::Xoshiro256PlusPlus;
use rand::{Rng, RngExt, SeedableRng};

/// Outcomes per stratified block (a look falls on whole blocks: looks are
/// multiples of 128; the cap may end on a smaller block).
pub(crate) const BLOCK: usize = 64;

/// Block `block` of `size` outcomes with `dims` uniforms each, row-major:
/// in each column exactly one value in each `1/size` of `[0, 1)`.
pub(crate) fn stratified(seed: u64, block: usize, size: usize, dims: usize) -> Vec<f64> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed_of(seed, block as u64));
    let mut u = vec![0.0; size * dims];
    let mut perm: Vec<u32> = (0..size as u32).collect();
    for d in 0..dims {
        for i in (1..size).rev() {
            perm.swap(i, rng.random_range(0..=i));
        }
        for (row, &stratum) in perm.iter().enumerate() {
            let jitter = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
            u[row * dims + d] = (f64::from(stratum) + jitter) / size as f64;
        }
    }
    u
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_column_has_one_draw_in_each_stratum() {
        let (size, dims) = (BLOCK, 5);
        let u = stratified(7, 3, size, dims);
        for d in 0..dims {
            let mut strata: Vec<usize> = (0..size)
                .map(|row| (u[row * dims + d] * size as f64) as usize)
                .collect();
            strata.sort_unstable();
            assert_eq!(strata, (0..size).collect::<Vec<_>>());
        }
        assert_eq!(u, stratified(7, 3, size, dims), "seeded");
        assert_ne!(
            u,
            stratified(7, 4, size, dims),
            "another block, other draws"
        );
    }
}
