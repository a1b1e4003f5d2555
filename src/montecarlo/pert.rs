//! Drawing an item's effort: a constant, or PERT (shape 4) by its inverse
//! CDF, so a stratified uniform gives a stratified effort.
//!
//! The PERT density on `[low, high]` is Beta(α, β) stretched, with
//! `α = 1 + 4 (likely − low) / (high − low)` and `α + β = 6`, so both shapes
//! lie in `[1, 5]` and the density is bounded. The CDF is tabulated once per
//! item on 128 equal cells (Simpson's rule inside, the end cells integrated
//! as powers, normalised), and a draw inverts it linearly inside its cell:
//! the tests hold the table within 10⁻³ of the exact CDF for every shape,
//! far inside the ±0.01 the on-time probability is reported to.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Cells of the tabulated CDF.
const CELLS: usize = 128;

/// A ready-to-draw estimate.
pub(super) enum Sampler {
    Const(f64),
    Pert(Box<PertTable>),
}

impl Sampler {
    /// Degenerate or odd estimates become constants rather than errors: equal
    /// bounds give that value, a `likely` outside the bounds is clamped,
    /// reversed bounds are swapped, NaN stays NaN (never finishes) and
    /// infinite bounds give the larger bound.
    pub(super) fn new(estimate: super::Estimate) -> Sampler {
        let (low, likely, high) = match estimate {
            super::Estimate::Fixed(x) => return Sampler::Const(x),
            super::Estimate::ThreePoint { low, likely, high } => (low, likely, high),
        };
        if low.is_nan() || likely.is_nan() || high.is_nan() {
            return Sampler::Const(f64::NAN);
        }
        let (low, high) = (low.min(high), low.max(high));
        if !(low.is_finite() && high.is_finite() && likely.is_finite()) {
            return Sampler::Const(high.max(likely));
        }
        let mode = likely.clamp(low, high);
        let width = high - low;
        if !(width > 0.0 && width.is_finite()) {
            return Sampler::Const(if width > 0.0 { mode } else { low });
        }
        Sampler::Pert(Box::new(PertTable::new(low, mode, width)))
    }

    /// True when draws differ.
    pub(super) fn is_random(&self) -> bool {
        matches!(self, Sampler::Pert(_))
    }

    /// The effort at quantile `u` (any `u` for a constant).
    pub(super) fn at(&self, u: f64) -> f64 {
        match self {
            Sampler::Const(x) => *x,
            Sampler::Pert(table) => table.quantile(u),
        }
    }
}

/// PERT(low, mode, low + width) as a tabulated CDF.
pub(super) struct PertTable {
    low: f64,
    width: f64,
    /// CDF at `k / CELLS`, `cdf[0] = 0`, `cdf[CELLS] = 1`, increasing.
    cdf: [f64; CELLS + 1],
    /// `guide[j]`: the first cell whose upper CDF value exceeds `j / CELLS`,
    /// where the search for a quantile in `[j / CELLS, (j + 1) / CELLS)` starts.
    guide: [u8; CELLS],
}

/// `ln t` and `ln (1 − t)` at `t = i / (2 · CELLS)`: cell ends and midpoints.
fn logs() -> &'static [(f64, f64)] {
    static LOGS: OnceLock<Vec<(f64, f64)>> = OnceLock::new();
    LOGS.get_or_init(|| {
        (0..=2 * CELLS)
            .map(|i| {
                let t = i as f64 / (2 * CELLS) as f64;
                (t.ln(), (1.0 - t).ln())
            })
            .collect()
    })
}

impl PertTable {
    /// Needs `width > 0` finite and `low ≤ mode ≤ low + width`.
    pub(super) fn new(low: f64, mode: f64, width: f64) -> PertTable {
        let a1 = (4.0 * (mode - low) / width).clamp(0.0, 4.0); // α − 1
        let (cdf, guide) = shape(a1);
        PertTable {
            low,
            width,
            cdf,
            guide,
        }
    }

    /// The effort whose CDF is `u` (clamped to `[0, 1]`).
    pub(super) fn quantile(&self, u: f64) -> f64 {
        let u = u.clamp(0.0, 1.0);
        let j = ((u * CELLS as f64) as usize).min(CELLS - 1);
        let mut k = usize::from(self.guide[j]);
        while k + 1 < CELLS && self.cdf[k + 1] <= u {
            k += 1;
        }
        let (lo, hi) = (self.cdf[k], self.cdf[k + 1]);
        let frac = if hi > lo {
            ((u - lo) / (hi - lo)).clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.low + self.width * ((k as f64 + frac) / CELLS as f64)
    }

    /// The tabulated CDF at effort `x` (for tests).
    #[cfg(test)]
    pub(super) fn cdf(&self, x: f64) -> f64 {
        let t = ((x - self.low) / self.width).clamp(0.0, 1.0) * CELLS as f64;
        let k = (t as usize).min(CELLS - 1);
        self.cdf[k] + (self.cdf[k + 1] - self.cdf[k]) * (t - k as f64)
    }
}

/// The tabulated CDF and guide of PERT's shape `α − 1 = a1` on `[0, 1]`:
/// the same for every estimate with that shape, so each thread keeps the
/// ones it has worked out (a catalog's estimates share few shapes; 257
/// `exp`s a table were 3% of a Monte Carlo run).
fn shape(a1: f64) -> ([f64; CELLS + 1], [u8; CELLS]) {
    type Shape = ([f64; CELLS + 1], [u8; CELLS]);
    thread_local! {
        static SHAPES: RefCell<HashMap<u64, Box<Shape>>> = RefCell::new(HashMap::new());
    }
    SHAPES.with(|shapes| {
        let mut shapes = shapes.borrow_mut();
        if shapes.len() >= 4096 {
            shapes.clear(); // a bound, never reached by a real catalog
        }
        **shapes
            .entry(a1.to_bits())
            .or_insert_with(|| Box::new(tabulate(a1)))
    })
}

/// See [`shape`].
fn tabulate(a1: f64) -> ([f64; CELLS + 1], [u8; CELLS]) {
    let b1 = 4.0 - a1; // β − 1
    let term = |e: f64, ln: f64| if e == 0.0 { 0.0 } else { e * ln };
    let pdf: Vec<f64> = logs()
        .iter()
        .map(|&(lt, l1t)| (term(a1, lt) + term(b1, l1t)).exp())
        .collect();
    // Simpson's rule inside; the end cells, where the density may rise
    // like t^(α−1) with α − 1 < 1 (unbounded slope), integrate that
    // power exactly and the smooth factor at the power's centroid.
    let h = 1.0 / CELLS as f64;
    let end = |e: f64, other: f64| {
        let centroid = h * (e + 1.0) / (e + 2.0);
        h.powf(e + 1.0) / (e + 1.0) * (1.0 - centroid).powf(other) * 6.0 / h
    };
    let mut cdf = [0.0; CELLS + 1];
    for k in 0..CELLS {
        let mass = match k {
            0 => end(a1, b1),
            _ if k == CELLS - 1 => end(b1, a1),
            _ => pdf[2 * k] + 4.0 * pdf[2 * k + 1] + pdf[2 * k + 2],
        };
        cdf[k + 1] = cdf[k] + mass;
    }
    let total = cdf[CELLS];
    for c in &mut cdf {
        *c /= total;
    }
    cdf[CELLS] = 1.0;
    let mut guide = [0u8; CELLS];
    let mut k = 0;
    for (j, g) in guide.iter_mut().enumerate() {
        let target = j as f64 / CELLS as f64;
        while k + 1 < CELLS && cdf[k + 1] <= target {
            k += 1;
        }
        *g = u8::try_from(k).unwrap_or(u8::MAX);
    }
    (cdf, guide)
}
