//! A cursor over untrusted bytes.

use crate::DecodeError;

/// How many bytes `gzip_packed` payloads may inflate to, in total, while one
/// [`Reader`] (and the readers it spawns for unpacked payloads) decodes a value.
pub const DEFAULT_GZIP_LIMIT: usize = 16 << 20;

/// How deeply objects may nest before decoding is refused. Real Telegram
/// objects stay far below this; the limit exists so hostile input cannot
/// overflow the stack.
pub const DEFAULT_MAX_DEPTH: u32 = 64;

/// A cursor over a byte slice that reads TL values without ever panicking.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    depth: u32,
    max_depth: u32,
    gzip_budget: usize,
}

impl<'a> Reader<'a> {
    /// A reader over `bytes` with [`DEFAULT_MAX_DEPTH`] and [`DEFAULT_GZIP_LIMIT`].
    pub fn new(bytes: &'a [u8]) -> Self {
        Self::with_max_depth(bytes, DEFAULT_MAX_DEPTH)
    }

    /// A reader over `bytes` that refuses objects nested deeper than `max_depth`.
    pub fn with_max_depth(bytes: &'a [u8], max_depth: u32) -> Self {
        Self {
            bytes,
            pos: 0,
            depth: 0,
            max_depth,
            gzip_budget: DEFAULT_GZIP_LIMIT,
        }
    }

    /// Sets how many bytes `gzip_packed` payloads may inflate to in total while
    /// this reader decodes (default [`DEFAULT_GZIP_LIMIT`]).
    #[must_use]
    pub fn with_gzip_limit(mut self, limit: usize) -> Self {
        self.gzip_budget = limit;
        self
    }

    /// How many more bytes `gzip_packed` payloads may still inflate to.
    pub fn gzip_budget(&self) -> usize {
        self.gzip_budget
    }

    /// The current nesting depth (how many [`Reader::nested`] calls are active).
    pub fn depth(&self) -> u32 {
        self.depth
    }

    /// The nesting-depth limit in force.
    pub fn max_depth(&self) -> u32 {
        self.max_depth
    }

    /// A reader over other bytes (an unpacked `gzip_packed` payload) that
    /// inherits this reader's depth, depth limit and gzip budget.
    pub(crate) fn sub_reader<'b>(&self, bytes: &'b [u8]) -> Reader<'b> {
        Reader {
            bytes,
            pos: 0,
            depth: self.depth,
            max_depth: self.max_depth,
            gzip_budget: self.gzip_budget,
        }
    }

    /// The same reader, `depth` levels deep already (a payload unpacked
    /// from `depth` nested `gzip_packed` objects).
    pub(crate) fn at_depth(mut self, depth: u32) -> Self {
        self.depth = depth;
        self
    }

    /// Replaces the gzip budget (after a sub-reader has spent some of it).
    pub(crate) fn set_gzip_budget(&mut self, budget: usize) {
        self.gzip_budget = budget;
    }

    /// The input not yet read, without consuming it.
    #[inline]
    pub fn rest(&self) -> &'a [u8] {
        &self.bytes[self.pos..]
    }

    /// Takes all remaining input.
    pub fn read_rest(&mut self) -> &'a [u8] {
        let rest = self.rest();
        self.pos = self.bytes.len();
        rest
    }

    /// The current offset into the input.
    #[inline]
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Bytes not yet read.
    #[inline]
    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    /// Fails with [`DecodeError::TrailingBytes`] unless all input was consumed.
    pub fn finish(&self) -> Result<(), DecodeError> {
        match self.remaining() {
            0 => Ok(()),
            count => Err(DecodeError::TrailingBytes { count }),
        }
    }

    /// Takes the next `n` bytes.
    #[inline]
    pub fn read_slice(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        if n > self.remaining() {
            return Err(DecodeError::UnexpectedEof {
                offset: self.pos,
                needed: n,
            });
        }
        let slice = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(slice)
    }

    /// Takes the next `N` bytes as an array.
    #[inline]
    pub fn read_array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.read_slice(N)?);
        Ok(out)
    }

    /// Reads a little-endian `u32` (a constructor ID or a flags word).
    #[inline]
    pub fn read_u32(&mut self) -> Result<u32, DecodeError> {
        self.read_array().map(u32::from_le_bytes)
    }

    /// Reads the next constructor ID without consuming it.
    #[inline]
    pub fn peek_u32(&self) -> Result<u32, DecodeError> {
        self.clone().read_u32()
    }

    /// Whether the next four bytes are the constructor ID `id` (not consumed;
    /// `false` when fewer than four bytes are left).
    #[inline]
    pub(crate) fn next_is(&self, id: u32) -> bool {
        self.peek_u32().ok() == Some(id)
    }

    /// Runs `f` one nesting level deeper, failing once the depth limit is hit.
    /// Generated code wraps every boxed object it decodes in this call.
    pub fn nested<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, DecodeError>,
    ) -> Result<T, DecodeError> {
        if self.depth >= self.max_depth {
            return Err(DecodeError::DepthLimitExceeded {
                limit: self.max_depth,
            });
        }
        self.depth += 1;
        let result = f(self);
        self.depth -= 1;
        result
    }

    /// Checks that `count` items of at least `min_item_size` bytes each can fit
    /// in the remaining input, so a hostile count cannot make the caller reserve
    /// memory the input does not justify.
    #[inline]
    pub fn check_count(&self, count: usize, min_item_size: usize) -> Result<(), DecodeError> {
        let remaining = self.remaining();
        match count.checked_mul(min_item_size.max(1)) {
            Some(total) if total <= remaining => Ok(()),
            _ => Err(DecodeError::LengthTooLarge {
                offset: self.pos,
                declared: count,
                remaining,
            }),
        }
    }
}
