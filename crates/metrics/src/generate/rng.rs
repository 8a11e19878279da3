//! The generator's random numbers: SplitMix64, integers only.
//!
//! Why SplitMix64 and not a crate: the generated book must be the same bytes for the same seed on
//! every platform and with every future version of every dependency. SplitMix64 (Steele, Lea and
//! Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014; the seeding generator of
//! xoshiro) is ten lines of wrapping integer arithmetic, passes BigCrush, and is fully specified
//! here, so nothing outside this file can change the sequence. `rand`'s `StdRng` explicitly
//! reserves the right to change algorithm between versions; `rand_chacha` would be stable but is a
//! dependency of the engine (and of the WebAssembly page) for no gain in a data generator.
//!
//! No floating point is used anywhere in the generator: probabilities are integer parts per
//! million and ranges use Lemire's multiply-shift, so results cannot depend on how a platform
//! rounds.

/// The SplitMix64 generator.
#[derive(Clone, Debug)]
pub struct SplitMix64 {
    state: u64,
}

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// An independent stream for `(seed, stream)`: every customer draws from its own stream, so
    /// a customer's history does not depend on how many customers come before it.
    pub fn stream(seed: u64, stream: u64) -> Self {
        let mut s = SplitMix64::new(seed ^ mix(stream.wrapping_add(1).wrapping_mul(GOLDEN)));
        // decorrelate nearby seeds
        s.next_u64();
        s
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN);
        mix(self.state)
    }

    /// Uniform in `0..n` (0 when `n` is 0), by Lemire's multiply-shift. The bias is below
    /// n / 2^64, irrelevant here.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi` (`lo` when `hi < lo`).
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = (hi - lo) as u64 + 1;
        lo + self.below(span) as i64
    }

    /// True with probability `ppm` parts per million.
    pub fn chance(&mut self, ppm: u32) -> bool {
        self.below(1_000_000) < u64::from(ppm)
    }

    /// An index drawn with the given integer weights (0 when they are all 0 or empty).
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        let mut x = self.below(total);
        for (i, &w) in weights.iter().enumerate() {
            let w = u64::from(w);
            if x < w {
                return i;
            }
            x -= w;
        }
        0
    }

    /// One element of a non-empty slice (the default value for an empty one).
    pub fn pick<T: Copy + Default>(&mut self, items: &[T]) -> T {
        match items.get(self.below(items.len() as u64) as usize) {
            Some(&x) => x,
            None => T::default(),
        }
    }

    /// A random (version 4) GUID in lower case.
    pub fn guid(&mut self) -> String {
        let a = self.next_u64();
        let b = self.next_u64();
        let a = (a & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000;
        let b = (b & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
        format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xFFFF,
            a & 0xFFFF,
            b >> 48,
            b & 0xFFFF_FFFF_FFFF
        )
    }
}

/// The SplitMix64 output function.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_values() {
        // SplitMix64 from seed 0: the published reference sequence.
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(r.next_u64(), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn ranges_and_guids() {
        let mut r = SplitMix64::stream(42, 7);
        for _ in 0..1000 {
            let x = r.range(3, 9);
            assert!((3..=9).contains(&x));
            assert!(r.below(5) < 5);
        }
        assert_eq!(r.below(0), 0);
        let g = r.guid();
        assert_eq!(g.len(), 36);
        assert_eq!(&g[14..15], "4");
        assert!(matches!(&g[19..20], "8" | "9" | "a" | "b"));
        assert_eq!(r.weighted(&[0, 0, 5]), 2);
    }
}
