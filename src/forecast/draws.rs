//! The uniforms sampled outcomes draw from: blocks of [`BLOCK`] outcomes,
//! each a Latin hypercube over every uniform an outcome uses (one per
//! proposed deal for its win, then one per drawn effort in booking order),
//! so that in each block every deal is won in its share of the outcomes
//! and every effort covers its whole distribution, one draw in each
//! `1/BLOCK` of it.
//!
//! Block `b` draws from its own generator seeded from `(seed, b)`: the
//! answer depends on the seed and the cap, never on the number of threads.

pub(crate) use crate::montecarlo::stratified;

/// Outcomes per stratified block (a look falls on whole blocks: looks are
/// multiples of 128; the cap may end on a smaller block).
pub(crate) const BLOCK: usize = 64;

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
