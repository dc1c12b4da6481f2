//! Deterministic sample values for any method or constructor: the oracle
//! inputs for round-trip tests (here, and against the generated crate).

use serde_json::{Map, Value};

use super::{to_hex, ApiIndex, ToolError};
use crate::model::heights::INFINITE;
use crate::model::{FieldKind, Handle, Heights, Prim, Ty, GZIP_PACKED_ID};

/// Objects nested deeper than this get the shallowest constructor, no
/// flags and empty vectors, so every sample stays small and finite.
const RICH_DEPTH: u32 = 3;

/// A sample JSON value for the method or constructor `name` (its IR name),
/// in the form [`super::decode_bytes`] produces, so that
/// `decode(encode(sample)) == sample` must hold.
///
/// `variant_seed` picks the variant: `0` sets no flag and writes empty
/// vectors and zero values; `1` sets every flag and writes two-element
/// vectors; any other seed picks flags (per bit, so fields sharing a bit
/// agree), vector lengths (0-3), constructors and values pseudo-randomly,
/// including edge cases (`i64::MIN`, strings and bytes of 253/254/255 bytes,
/// non-ASCII text, non-finite doubles). Nested objects past a small depth use
/// the shallowest constructor of their type with no flags.
///
/// Fails for unknown names and for types no constructor can build.
pub fn sample_value(
    index: &ApiIndex<'_>,
    name: &str,
    variant_seed: u64,
) -> Result<Value, ToolError> {
    let entry = index
        .named(name)
        .ok_or_else(|| ToolError::unknown_name(index, name))?;
    let heights = index.heights();
    let mut rng = Rng::new(variant_seed ^ hash(name));
    let mode = match variant_seed {
        0 => Mode::None,
        1 => Mode::All,
        _ => Mode::Random,
    };
    let mut sampler = Sampler {
        index,
        heights,
        rng: &mut rng,
        mode,
    };
    sampler.object(entry, 0)
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    None,
    All,
    Random,
}

struct Sampler<'a, 'm> {
    index: &'a ApiIndex<'m>,
    heights: &'a Heights,
    rng: &'a mut Rng,
    mode: Mode,
}

impl<'a, 'm> Sampler<'a, 'm> {
    /// Whether this depth still gets the variant's full treatment.
    fn rich(&self, depth: u32) -> bool {
        depth < RICH_DEPTH
    }

    fn object(&mut self, at: Handle, depth: u32) -> Result<Value, ToolError> {
        let entry = self.index.entry(at);
        let mut map = Map::new();
        map.insert("_".into(), self.index.json_name(at).into());
        // Decide every flag bit once, so that fields sharing a bit agree.
        let mut bits: Vec<(&str, u8, bool)> = Vec::new();
        for f in entry.fields() {
            let Some(flag) = f.flag() else { continue };
            if bits
                .iter()
                .any(|(f, b, _)| *f == flag.field && *b == flag.bit)
            {
                continue;
            }
            let on = self.rich(depth)
                && match self.mode {
                    Mode::None => false,
                    Mode::All => true,
                    Mode::Random => self.rng.next() & 1 == 1,
                };
            bits.push((&flag.field, flag.bit, on));
        }
        for f in entry.fields() {
            let ty = match &f.kind {
                FieldKind::DocsOnly
                | FieldKind::FlagsWord
                | FieldKind::ObjectLength
                | FieldKind::ConstTrue => continue,
                FieldKind::TrueFlag(_) => None,
                FieldKind::Value { ty, .. } => Some(ty),
            };
            if let Some(flag) = f.flag() {
                let on = bits
                    .iter()
                    .any(|(w, b, on)| *w == flag.field && *b == flag.bit && *on);
                if !on {
                    continue;
                }
            }
            let value = match ty {
                Some(ty) => self.value(ty, depth)?,
                None => Value::Bool(true),
            };
            map.insert(f.tl_name().to_owned(), value);
        }
        Ok(Value::Object(map))
    }

    fn value(&mut self, ty: &Ty, depth: u32) -> Result<Value, ToolError> {
        let plain = !self.rich(depth) || self.mode == Mode::None;
        Ok(match ty {
            Ty::Prim(Prim::Int) if plain => 0.into(),
            Ty::Prim(Prim::Int) => {
                let choices = [1, -1, i32::MAX, i32::MIN, self.rng.next() as i32];
                choices[self.rng.below(choices.len())].into()
            }
            Ty::Prim(Prim::Long) if plain => 0.into(),
            Ty::Prim(Prim::Long) => {
                let choices = [1, i64::MAX, i64::MIN, self.rng.next() as i64];
                choices[self.rng.below(choices.len())].into()
            }
            Ty::Prim(Prim::Double) if plain => 0.0.into(),
            Ty::Prim(Prim::Double) => match self.rng.below(6) {
                0 => "NaN".into(),
                1 => "-Infinity".into(),
                2 => 1.5.into(),
                3 => (-2.25e-300).into(),
                _ => {
                    let x = f64::from_bits(self.rng.next());
                    if x.is_finite() {
                        x.into()
                    } else {
                        "Infinity".into()
                    }
                }
            },
            Ty::Prim(Prim::Int128) => self.hex(16, plain),
            Ty::Prim(Prim::Int256) => self.hex(32, plain),
            Ty::Prim(Prim::String) => {
                if plain {
                    "".into()
                } else {
                    self.text().into()
                }
            }
            // Byte data: text, or bytes that are not UTF-8 (so that the
            // decoder shows them in the `bytes` form too).
            Ty::Prim(Prim::StringBytes) if plain || self.rng.next() & 1 == 0 => {
                if plain {
                    "".into()
                } else {
                    self.text().into()
                }
            }
            Ty::Prim(Prim::StringBytes) => {
                let mut data = self.blob();
                data.insert(0, 0xff);
                super::format::bytes_json(&data)
            }
            Ty::Prim(Prim::Bytes) => {
                let data = if plain { Vec::new() } else { self.blob() };
                super::format::bytes_json(&data)
            }
            Ty::Prim(Prim::Bool) => Value::Bool(!plain && self.rng.next() & 1 == 1),
            Ty::Vector { elem, .. } => {
                let len = if plain {
                    0
                } else if self.mode == Mode::All {
                    2
                } else {
                    self.rng.below(4)
                };
                let mut items = Vec::with_capacity(len);
                for _ in 0..len {
                    items.push(self.value(elem, depth + 1)?);
                }
                Value::Array(items)
            }
            Ty::Query(_) => {
                let index = self.index;
                let methods = index.handles().filter(|&at| {
                    let e = index.entry(at);
                    e.is_method() && e.id().is_some()
                });
                let entry = self.pick(depth, methods)?;
                self.object(entry, depth + 1)?
            }
            _ if self.index.open_position(ty).is_some() => {
                let index = self.index;
                let constructors = index.handles().filter(|&at| {
                    let e = index.entry(at);
                    !e.is_method() && e.id().is_some_and(|id| id != GZIP_PACKED_ID)
                });
                let entry = self.pick(depth, constructors)?;
                self.object(entry, depth + 1)?
            }
            Ty::Enum(t) => {
                let index = self.index;
                let of_type = index.ty(*t).ctors.iter().map(|&c| Handle::Ctor(c));
                let entry = self.pick(depth, of_type)?;
                self.object(entry, depth + 1)?
            }
            Ty::QueryResult(_) | Ty::Object => {
                unreachable!("a query's result and `Object` are open positions")
            }
            Ty::Struct(c) => self.object(Handle::Ctor(*c), depth + 1)?,
            Ty::Unresolved(written) => {
                return Err(ToolError::Invalid(super::unresolved_message(written)))
            }
        })
    }

    /// Chooses an entry among `candidates` (in model order): the variant's
    /// choice among the ones whose ID decodes back to them at a rich depth,
    /// else the shallowest (first in model order on a tie).
    fn pick(
        &mut self,
        depth: u32,
        candidates: impl Iterator<Item = Handle>,
    ) -> Result<Handle, ToolError> {
        let index = self.index;
        let candidates: Vec<Handle> = candidates
            .filter(|&at| self.heights.of(at) != INFINITE)
            .collect();
        let shallowest = self.heights.shallowest(candidates.iter().copied());
        let Some(shallowest) = shallowest else {
            return Err(ToolError::Invalid(
                "no constructor can build a sample of this type".into(),
            ));
        };
        if !self.rich(depth + 1) || self.mode == Mode::None {
            return Ok(shallowest);
        }
        let decodable: Vec<Handle> = candidates
            .into_iter()
            .filter(|&at| {
                let id = index.entry(at).id();
                id.and_then(|id| index.by_id(id)) == Some(at)
            })
            .collect();
        if decodable.is_empty() {
            return Ok(shallowest);
        }
        Ok(decodable[self.rng.below(decodable.len())])
    }

    fn hex(&mut self, len: usize, plain: bool) -> Value {
        let bytes: Vec<u8> = (0..len)
            .map(|_| if plain { 0 } else { self.rng.next() as u8 })
            .collect();
        to_hex(&bytes).into()
    }

    /// A byte length, biased to the 1-byte/4-byte length-prefix boundary.
    fn length(&mut self) -> usize {
        let choices = [0, 1, 3, 4, 253, 254, 255, 256, 1000];
        match self.rng.below(choices.len() + 3) {
            i if i < choices.len() => choices[i],
            _ => self.rng.below(300),
        }
    }

    fn text(&mut self) -> String {
        let len = self.length();
        let mut text = String::with_capacity(len);
        if len >= 8 && self.rng.next() & 1 == 1 {
            text.push_str("é😀\"\\\n");
        }
        while text.len() < len {
            text.push(char::from(b'a' + self.rng.below(26) as u8));
        }
        text
    }

    fn blob(&mut self) -> Vec<u8> {
        let len = self.length();
        (0..len).map(|_| self.rng.next() as u8).collect()
    }
}

/// FNV-1a, to give every name its own stream.
fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

/// splitmix64: small, deterministic, good enough for test data.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform-ish in `0..n` (`n > 0`).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}
