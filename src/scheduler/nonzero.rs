//! Which cells of a capacity grid give anything, one bit per cell.
//!
//! A full book leaves most of a team's days at exactly 0 (a booked cell
//! within a billionth of a person-day of empty is set to 0), and a report
//! run records its usage day by day over the days it skips in bulk: over
//! years of empty days in a full book. The bits let it visit only the days
//! some of its teams can give on, 64 days per word, and say exactly what
//! the cells say (a bit is set when its cell is above 0), which sums of
//! floats could not.

/// One bit per (slot, row) of a grid: set when the cell is above 0.
#[derive(Debug, Clone)]
pub(super) struct NonZero {
    /// Words per slot.
    words: usize,
    /// `bits[slot * words + row / 64]`, bit `row % 64`.
    bits: Vec<u64>,
}

impl NonZero {
    /// The bits of `capacity`, laid out `capacity[row * width + slot]`.
    pub(super) fn of(capacity: &[f64], width: usize) -> NonZero {
        let rows = capacity.len().checked_div(width).unwrap_or(0);
        let words = rows.div_ceil(64);
        let mut bits = vec![0u64; words * width];
        for (row, cells) in capacity.chunks_exact(width.max(1)).enumerate() {
            for (slot, &cell) in cells.iter().enumerate() {
                if cell > 0.0 {
                    bits[slot * words + row / 64] |= 1 << (row % 64);
                }
            }
        }
        NonZero { words, bits }
    }

    /// Marks the cell of `slot` and `row` as giving something or not.
    pub(super) fn set(&mut self, slot: usize, row: usize, gives: bool) {
        let word = &mut self.bits[slot * self.words + row / 64];
        let bit = 1u64 << (row % 64);
        if gives {
            *word |= bit;
        } else {
            *word &= !bit;
        }
    }

    /// The first row of `rows` on which `slot` gives anything.
    pub(super) fn first_in(&self, slot: usize, rows: std::ops::Range<usize>) -> Option<usize> {
        let bits = &self.bits[slot * self.words..(slot + 1) * self.words];
        let mut w = rows.start / 64;
        let mut word = bits.get(w)? & (u64::MAX << (rows.start % 64));
        while word == 0 {
            w += 1;
            if w * 64 >= rows.end {
                return None;
            }
            word = *bits.get(w)?;
        }
        let row = w * 64 + word.trailing_zeros() as usize;
        (row < rows.end).then_some(row)
    }

    /// The last row of `rows` on which `slot` gives anything.
    pub(super) fn last_in(&self, slot: usize, rows: std::ops::Range<usize>) -> Option<usize> {
        if rows.is_empty() {
            return None;
        }
        let bits = &self.bits[slot * self.words..(slot + 1) * self.words];
        let last = rows.end - 1;
        let mut w = last / 64;
        let mut word = bits.get(w)? & (u64::MAX >> (63 - last % 64));
        while word == 0 {
            if w * 64 <= rows.start {
                return None;
            }
            w -= 1;
            word = bits[w];
        }
        let row = w * 64 + 63 - word.leading_zeros() as usize;
        (row >= rows.start).then_some(row)
    }

    /// Calls `f` with every row of `rows`, ascending, on which some of
    /// `slots` gives anything.
    pub(super) fn each_row(
        &self,
        slots: impl Iterator<Item = usize> + Clone,
        rows: std::ops::Range<usize>,
        mut f: impl FnMut(usize),
    ) {
        if rows.is_empty() {
            return;
        }
        for w in rows.start / 64..=(rows.end - 1) / 64 {
            let mut word = slots
                .clone()
                .fold(0u64, |acc, s| acc | self.bits[s * self.words + w]);
            let base = w * 64;
            if base < rows.start {
                word &= u64::MAX << (rows.start - base);
            }
            if rows.end < base + 64 {
                word &= (1u64 << (rows.end - base)) - 1;
            }
            while word != 0 {
                f(base + word.trailing_zeros() as usize);
                word &= word - 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NonZero;

    fn rows(bits: &NonZero, slots: &[usize], range: std::ops::Range<usize>) -> Vec<usize> {
        let mut out = Vec::new();
        bits.each_row(slots.iter().copied(), range, |r| out.push(r));
        out
    }

    /// 200 rows of two slots: slot 0 gives on multiples of 7, slot 1 on
    /// rows 63, 64 and 130.
    fn grid() -> Vec<f64> {
        (0..200)
            .flat_map(|r: usize| {
                let a = if r % 7 == 0 { 1.5 } else { 0.0 };
                let b = if [63, 64, 130].contains(&r) {
                    0.25
                } else {
                    0.0
                };
                [a, b]
            })
            .collect()
    }

    #[test]
    fn the_rows_are_exactly_those_whose_cells_give() {
        let bits = NonZero::of(&grid(), 2);
        let sevens: Vec<usize> = (0..200).filter(|r| r % 7 == 0).collect();
        assert_eq!(rows(&bits, &[0], 0..200), sevens);
        assert_eq!(rows(&bits, &[1], 0..200), vec![63, 64, 130]);
        let mut both: Vec<usize> = sevens.into_iter().chain([63, 64, 130]).collect();
        both.sort_unstable();
        both.dedup();
        assert_eq!(rows(&bits, &[0, 1], 0..200), both);
        assert_eq!(rows(&bits, &[], 0..200), Vec::<usize>::new());
    }

    #[test]
    fn a_range_is_cut_at_both_ends_inside_a_word_and_across_words() {
        let bits = NonZero::of(&grid(), 2);
        assert_eq!(rows(&bits, &[1], 63..64), vec![63]);
        assert_eq!(rows(&bits, &[1], 64..65), vec![64]);
        assert_eq!(rows(&bits, &[1], 64..130), vec![64]);
        assert_eq!(rows(&bits, &[1], 65..131), vec![130]);
        assert_eq!(rows(&bits, &[0], 1..14), vec![7]);
        assert_eq!(rows(&bits, &[0], 190..200), vec![196]);
        assert_eq!(rows(&bits, &[0, 1], 5..5), Vec::<usize>::new());
    }

    /// The first and last row of a range with capacity are what looking at
    /// every row says, for every range of the 200 rows.
    #[test]
    fn the_first_and_last_row_with_capacity_are_those_of_a_look_at_every_row() {
        let cells = grid();
        let bits = NonZero::of(&cells, 2);
        for slot in 0..2 {
            let gives = |r: usize| cells[r * 2 + slot] > 0.0;
            for start in 0..=200 {
                for end in start..=200 {
                    let first = (start..end).find(|&r| gives(r));
                    let last = (start..end).rev().find(|&r| gives(r));
                    assert_eq!(
                        bits.first_in(slot, start..end),
                        first,
                        "{slot} {start}..{end}"
                    );
                    assert_eq!(
                        bits.last_in(slot, start..end),
                        last,
                        "{slot} {start}..{end}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_cell_set_to_nothing_or_to_something_is_seen_so() {
        let mut bits = NonZero::of(&grid(), 2);
        bits.set(1, 64, false);
        bits.set(1, 0, true);
        bits.set(1, 199, true);
        assert_eq!(rows(&bits, &[1], 0..200), vec![0, 63, 130, 199]);
        bits.set(1, 199, true);
        assert_eq!(rows(&bits, &[1], 150..200), vec![199]);
    }

    #[test]
    fn only_cells_above_zero_give() {
        let bits = NonZero::of(&[0.0, -1.0, 1e-300, f64::NAN], 1);
        assert_eq!(rows(&bits, &[0], 0..4), vec![2]);
        assert_eq!(
            rows(&NonZero::of(&[], 3), &[0, 2], 0..0),
            Vec::<usize>::new()
        );
    }
}
