//! Rows of month bits: row r, bit k = "true in month T0 + k".

/// A matrix of `rows` x `months` bits, one row of 64-bit words per row.
#[derive(Clone, Debug)]
pub(crate) struct Bits {
    words: usize,
    months: usize,
    data: Vec<u64>,
}

impl Bits {
    pub(crate) fn new(rows: usize, months: usize) -> Bits {
        let words = months.div_ceil(64).max(1);
        Bits {
            words,
            months,
            data: vec![0; rows * words],
        }
    }

    /// Adds a row and returns its index.
    pub(crate) fn push_row(&mut self) -> usize {
        self.data.extend(std::iter::repeat_n(0, self.words));
        self.data.len() / self.words - 1
    }

    /// Sets bits `[s, e)` of `row` (clamped to the width).
    pub(crate) fn set_range(&mut self, row: usize, s: usize, e: usize) {
        let e = e.min(self.months);
        if s >= e {
            return;
        }
        let base = row * self.words;
        let Some(r) = self.data.get_mut(base..base + self.words) else {
            return;
        };
        let (ws, we) = (s / 64, (e - 1) / 64);
        for (w, word) in r.iter_mut().enumerate().take(we + 1).skip(ws) {
            let lo = if w == ws { s % 64 } else { 0 };
            let hi = if w == we { (e - 1) % 64 + 1 } else { 64 };
            let mask = if hi - lo == 64 {
                u64::MAX
            } else {
                ((1u64 << (hi - lo)) - 1) << lo
            };
            *word |= mask;
        }
    }

    pub(crate) fn set(&mut self, row: usize, k: usize) {
        if k < self.months {
            if let Some(w) = self.data.get_mut(row * self.words + k / 64) {
                *w |= 1 << (k % 64);
            }
        }
    }

    pub(crate) fn get(&self, row: usize, k: usize) -> bool {
        if k >= self.months {
            return false;
        }
        self.data
            .get(row * self.words + k / 64)
            .is_some_and(|w| w >> (k % 64) & 1 == 1)
    }

    pub(crate) fn row(&self, row: usize) -> &[u64] {
        self.data
            .get(row * self.words..(row + 1) * self.words)
            .unwrap_or(&[])
    }

    /// The set bits of a row, ascending.
    pub(crate) fn ones(&self, row: usize) -> Ones<'_> {
        Ones::new(self.row(row))
    }
}

/// Iterator over the set bits of a slice of words.
pub(crate) struct Ones<'a> {
    words: &'a [u64],
    w: usize,
    cur: u64,
}

impl<'a> Ones<'a> {
    pub(crate) fn new(words: &'a [u64]) -> Self {
        Ones {
            words,
            w: 0,
            cur: words.first().copied().unwrap_or(0),
        }
    }
}

impl Iterator for Ones<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        loop {
            if self.cur != 0 {
                let t = self.cur.trailing_zeros() as usize;
                self.cur &= self.cur - 1;
                return Some(self.w * 64 + t);
            }
            self.w += 1;
            self.cur = *self.words.get(self.w)?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_across_words() {
        let mut b = Bits::new(2, 130);
        b.set_range(1, 60, 70);
        b.set_range(1, 128, 200);
        let ones: Vec<usize> = b.ones(1).collect();
        let mut want: Vec<usize> = (60..70).collect();
        want.extend([128, 129]);
        assert_eq!(ones, want);
        assert!(b.ones(0).next().is_none());
        assert!(b.get(1, 65) && !b.get(1, 70) && !b.get(0, 65));
        b.set_range(0, 0, 64);
        assert_eq!(b.ones(0).count(), 64);
        let r = b.push_row();
        assert_eq!(r, 2);
        b.set(r, 3);
        assert_eq!(b.ones(2).collect::<Vec<_>>(), vec![3]);
    }
}
