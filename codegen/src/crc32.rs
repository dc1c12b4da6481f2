//! CRC-32 (IEEE 802.3, the checksum TL constructor IDs are): sixteen bytes
//! at a time through sixteen tables, and the combination of two checksums without
//! the bytes (what `merge::references` needs to extend a definition's
//! checksum by a whole run of text in logarithmic time).
//!
//! Written out here, not taken from a crate, because a build script on
//! tlgen compiles it: one more dependency costs more build time than the
//! tables save over a byte loop. A test checks it against the crc32fast
//! crate (a dev-dependency).

/// The reflected polynomial.
const POLY: u32 = 0xedb8_8320;

/// `TABLES[k][n]`: the checksum update of byte `n` followed by `k` zero
/// bytes. `TABLES[0]` is the classic byte-at-a-time table; all sixteen
/// together take sixteen bytes per step ("slicing by 16"), which matters in
/// an unoptimized build script that checksums every file it writes.
static TABLES: [[u32; 256]; 16] = tables();

const fn tables() -> [[u32; 256]; 16] {
    let mut tables = [[0u32; 256]; 16];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut bit = 0;
        while bit < 8 {
            c = if c & 1 == 1 { POLY ^ (c >> 1) } else { c >> 1 };
            bit += 1;
        }
        tables[0][n] = c;
        n += 1;
    }
    let mut k = 1;
    while k < 16 {
        let mut n = 0;
        while n < 256 {
            let prev = tables[k - 1][n];
            tables[k][n] = (prev >> 8) ^ tables[0][(prev & 0xff) as usize];
            n += 1;
        }
        k += 1;
    }
    tables
}

/// The CRC-32 of `bytes`.
pub(crate) fn hash(bytes: &[u8]) -> u32 {
    let mut crc = Crc32::new();
    crc.update(bytes);
    crc.finalize()
}

/// A running CRC-32 and the number of bytes it covers.
#[derive(Clone, Debug)]
pub(crate) struct Crc32 {
    /// The checksum of the bytes so far (final form: inverted).
    crc: u32,
    len: u64,
}

impl Crc32 {
    pub(crate) fn new() -> Self {
        Crc32 { crc: 0, len: 0 }
    }

    pub(crate) fn update(&mut self, bytes: &[u8]) {
        let t = &TABLES;
        let mut c = !self.crc;
        // An index loop: slice iterators cost more than the table lookups
        // in an unoptimized build.
        let whole = bytes.len() - bytes.len() % 16;
        let mut i = 0;
        while i < whole {
            let b: &[u8; 16] = bytes[i..i + 16].try_into().expect("16 bytes");
            let w = c ^ u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            c = t[15][(w & 0xff) as usize]
                ^ t[14][((w >> 8) & 0xff) as usize]
                ^ t[13][((w >> 16) & 0xff) as usize]
                ^ t[12][(w >> 24) as usize]
                ^ t[11][b[4] as usize]
                ^ t[10][b[5] as usize]
                ^ t[9][b[6] as usize]
                ^ t[8][b[7] as usize]
                ^ t[7][b[8] as usize]
                ^ t[6][b[9] as usize]
                ^ t[5][b[10] as usize]
                ^ t[4][b[11] as usize]
                ^ t[3][b[12] as usize]
                ^ t[2][b[13] as usize]
                ^ t[1][b[14] as usize]
                ^ t[0][b[15] as usize];
            i += 16;
        }
        while i < bytes.len() {
            c = t[0][((c ^ u32::from(bytes[i])) & 0xff) as usize] ^ (c >> 8);
            i += 1;
        }
        self.crc = !c;
        self.len += bytes.len() as u64;
    }

    /// Appends the bytes `other` covers, knowing only their checksum and
    /// length: the checksum of the concatenation is this checksum shifted
    /// through `other.len` zero bytes (a linear map over GF(2), applied by
    /// repeated squaring), plus `other`'s.
    pub(crate) fn combine(&mut self, other: &Crc32) {
        if other.len == 0 {
            return;
        }
        // The operator that shifts a checksum through one zero bit, squared
        // three times: through one zero byte. Squared again after each bit
        // of the length, it shifts through 2, 4, 8, ... bytes.
        let mut op = [0u32; 32];
        op[0] = POLY;
        for (n, row) in op.iter_mut().enumerate().skip(1) {
            *row = 1 << (n - 1);
        }
        for _ in 0..3 {
            op = square(&op);
        }
        let mut crc = self.crc;
        let mut len = other.len;
        loop {
            if len & 1 == 1 {
                crc = apply(&op, crc);
            }
            len >>= 1;
            if len == 0 {
                break;
            }
            op = square(&op);
        }
        self.crc = crc ^ other.crc;
        self.len += other.len;
    }

    pub(crate) fn finalize(&self) -> u32 {
        self.crc
    }
}

/// `matrix` (one column per bit) applied to `vector`.
fn apply(matrix: &[u32; 32], mut vector: u32) -> u32 {
    let mut sum = 0;
    let mut column = 0;
    while vector != 0 {
        if vector & 1 == 1 {
            sum ^= matrix[column];
        }
        vector >>= 1;
        column += 1;
    }
    sum
}

fn square(matrix: &[u32; 32]) -> [u32; 32] {
    let mut out = [0u32; 32];
    for (row, &column) in out.iter_mut().zip(matrix) {
        *row = apply(matrix, column);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_checksums() {
        assert_eq!(hash(b""), 0);
        assert_eq!(hash(b"123456789"), 0xcbf4_3926);
        // A TL constructor ID (docs/FORMATS-NOTES.md, "Schema files").
        assert_eq!(
            hash(b"inputPeerUser user_id:long access_hash:long = InputPeer"),
            0xdde8_a54c
        );
    }

    /// crc32fast as the oracle, over lengths around every table and
    /// combination boundary.
    #[test]
    fn matches_crc32fast_and_combines_like_it() {
        let bytes: Vec<u8> = (0..3000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        for len in (0..70).chain([255, 256, 257, 1023, 1024, 1025, 2999]) {
            let data = &bytes[..len];
            assert_eq!(hash(data), crc32fast::hash(data), "len {len}");
            for split in [0, 1, len / 3, len / 2, len] {
                let (a, b) = data.split_at(split.min(len));
                let mut ours = Crc32::new();
                ours.update(a);
                let mut tail = Crc32::new();
                tail.update(b);
                ours.combine(&tail);
                assert_eq!(
                    ours.finalize(),
                    crc32fast::hash(data),
                    "len {len} split {split}"
                );
                assert_eq!(ours.len, len as u64);
            }
        }
    }
}
