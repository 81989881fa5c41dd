//! Deterministic random draws keyed by what they are about, so every policy meets the
//! same luck: the same proposal (request, companion) is accepted or declined alike in
//! every policy, whichever order the policies make their proposals in.

/// SplitMix64 finaliser.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A uniform number in [0, 1) for a purpose and up to three keys.
pub fn uniform(seed: u64, purpose: u64, a: u64, b: u64) -> f64 {
    let h = mix(mix(mix(seed ^ purpose.rotate_left(17)) ^ a) ^ b.rotate_left(29));
    (h >> 11) as f64 / (1u64 << 53) as f64
}

pub const ACCEPT: u64 = 1;
pub const THANKS: u64 = 2;
pub const HELP_BACK: u64 = 3;
pub const RANDOM_PICK: u64 = 4;
pub const STOP: u64 = 5;
pub const TIE: u64 = 6;
