//! What a value is: every field's type resolved once to a [`Ty`], and the
//! one table of TL primitives ([`Prim`]) that every back end reads for a
//! primitive's Rust type, wire size and traits.

use crate::ir::TlType;

use super::{CtorId, TypeId};

/// `vector#1cb5c415`, the boxed vector ID.
pub const VECTOR_ID: u32 = 0x1cb5_c415;
/// `boolTrue#997275b5`.
pub const BOOL_TRUE_ID: u32 = 0x9972_75b5;
/// `boolFalse#bc799737`.
pub const BOOL_FALSE_ID: u32 = 0xbc79_9737;
/// `gzip_packed#3072cfa1 packed_data:bytes = Object`.
pub const GZIP_PACKED_ID: u32 = 0x3072_cfa1;

/// A TL primitive: a value with a fixed or length-prefixed wire form and a
/// Rust type of its own. Everything about one lives in its [`PrimInfo`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Prim {
    /// `int`.
    Int,
    /// `long`.
    Long,
    /// `double`.
    Double,
    /// `int128`.
    Int128,
    /// `int256`.
    Int256,
    /// `string`.
    String,
    /// `bytes`.
    Bytes,
    /// Boxed `Bool` (`boolTrue`/`boolFalse`).
    Bool,
    /// `string` of the MTProto service schema: byte data on the wire (the
    /// auth-key exchange's numbers and ciphertext are no text), `Vec<u8>`
    /// in Rust, a JSON string when the bytes are UTF-8 and the `bytes`
    /// form otherwise.
    StringBytes,
}

/// Everything the back ends need to know of a [`Prim`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrimInfo {
    /// The TL name.
    pub tl: &'static str,
    /// The Rust type, as generated code writes it.
    pub rust: &'static str,
    /// The wire size when every value has the same one.
    pub fixed_size: Option<usize>,
    /// The fewest bytes a value takes on the wire (a length-prefixed empty
    /// value is 4: one length byte, three of padding).
    pub min_size: usize,
    /// Whether the Rust type is `Copy` and so passed by value (numbers,
    /// byte arrays, `bool`) rather than as `impl Into<T>`.
    pub copy: bool,
    /// Whether the Rust type has `Eq` and `Hash` (`f64` has neither).
    pub eq_hash: bool,
    /// Whether the Rust type implements the runtime's `Serialize` and
    /// `Deserialize` itself (`Vec<u8>` does not: `bytes` goes through the
    /// runtime's byte helpers).
    pub wire_traits: bool,
    /// The Rust type of the borrowed form (the generated `borrowed`
    /// module) where it differs from [`PrimInfo::rust`]: a reference into
    /// the input, with the lifetime `'a`.
    pub borrowed: Option<&'static str>,
    /// The Rust number type for the `to_le_bytes`/`from_le_bytes`
    /// conversions of a fixed-width field (`int128`/`int256` are byte
    /// arrays already).
    pub number: Option<&'static str>,
    /// The estimated `size_of` of the Rust type, for the boxing rule.
    pub rust_size: usize,
    /// The runtime's serde helper module (`tlgen_runtime::serde::<name>`)
    /// for the JSON form of a field of this type: bytes as `{"_": "bytes",
    /// ...}`, `int128`/`int256` as hex.
    pub serde_with: Option<&'static str>,
}

impl PrimInfo {
    /// Whether an unconditional field of this type joins a run of
    /// fixed-width writes and reads that the emitter coalesces (`Bool` is
    /// fixed-width too, but its wire form is a constructor ID).
    pub fn joins_run(&self) -> bool {
        self.fixed_size.is_some() && self.tl != "Bool"
    }
}

/// The row of a fixed-width primitive: `size` bytes on the wire and in
/// Rust, a `Copy` Rust type with `Eq`, `Hash` and the runtime's traits;
/// the rows below override what differs.
const fn fixed(tl: &'static str, rust: &'static str, size: usize) -> PrimInfo {
    PrimInfo {
        tl,
        rust,
        fixed_size: Some(size),
        min_size: size,
        copy: true,
        eq_hash: true,
        wire_traits: true,
        borrowed: None,
        number: None,
        rust_size: size,
        serde_with: None,
    }
}

/// `bytes`' row, the base of the other length-prefixed ones: the API's
/// `string` and MTProto's ([`Prim::StringBytes`]).
const BYTES: PrimInfo = PrimInfo {
    tl: "bytes",
    rust: "Vec<u8>",
    fixed_size: None,
    min_size: 4,
    copy: false,
    eq_hash: true,
    wire_traits: false,
    borrowed: Some("&'a [u8]"),
    number: None,
    rust_size: 24,
    serde_with: Some("bytes"),
};

/// The table, in [`Prim`] order.
const PRIMS: [PrimInfo; 9] = [
    PrimInfo {
        number: Some("i32"),
        ..fixed("int", "i32", 4)
    },
    PrimInfo {
        number: Some("i64"),
        ..fixed("long", "i64", 8)
    },
    PrimInfo {
        eq_hash: false,
        number: Some("f64"),
        ..fixed("double", "f64", 8)
    },
    PrimInfo {
        serde_with: Some("int128"),
        ..fixed("int128", "[u8; 16]", 16)
    },
    PrimInfo {
        serde_with: Some("int256"),
        ..fixed("int256", "[u8; 32]", 32)
    },
    PrimInfo {
        tl: "string",
        rust: "String",
        wire_traits: true,
        borrowed: Some("&'a str"),
        serde_with: None,
        ..BYTES
    },
    BYTES,
    // `Bool` is a constructor ID on the wire, a one-byte `bool` in Rust.
    PrimInfo {
        rust_size: 1,
        ..fixed("Bool", "bool", 4)
    },
    // MTProto's `string` is `bytes` on the wire and in Rust; only its TL
    // name and its JSON form differ.
    PrimInfo {
        tl: "string",
        serde_with: Some("string_bytes"),
        ..BYTES
    },
];

impl Prim {
    /// Every primitive, in table order.
    pub const ALL: [Prim; 9] = [
        Prim::Int,
        Prim::Long,
        Prim::Double,
        Prim::Int128,
        Prim::Int256,
        Prim::String,
        Prim::Bytes,
        Prim::Bool,
        Prim::StringBytes,
    ];

    /// Its row of the table.
    pub fn info(self) -> &'static PrimInfo {
        &PRIMS[self as usize]
    }

    /// The primitive a parsed TL type is, if it is one (an API `string`:
    /// the model makes MTProto's [`Prim::StringBytes`]).
    pub fn of(ty: &TlType) -> Option<Prim> {
        Some(match ty {
            TlType::Int => Prim::Int,
            TlType::Long => Prim::Long,
            TlType::Double => Prim::Double,
            TlType::Int128 => Prim::Int128,
            TlType::Int256 => Prim::Int256,
            TlType::String => Prim::String,
            TlType::Bytes => Prim::Bytes,
            TlType::Bool => Prim::Bool,
            _ => return None,
        })
    }
}

/// A value's type, resolved: what every back end matches on instead of
/// re-resolving type names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ty {
    /// A primitive.
    Prim(Prim),
    /// A boxed type: its enum (for an open type such as `Object`, any
    /// constructor; see [`super::Type::open`]).
    Enum(TypeId),
    /// A bare constructor (`future_salt`, `%Message`): its struct, no ID.
    Struct(CtorId),
    /// `Vector<T>` (boxed: the vector ID first) or `vector<t>` (bare).
    Vector {
        /// Whether the vector ID comes first.
        boxed: bool,
        /// The element type.
        elem: Box<Ty>,
    },
    /// `!X`: the query of an `invokeWith*`-style method, any method call.
    Query(String),
    /// `X` as the result of a method with a `{X:Type}` parameter: what
    /// its query returns.
    QueryResult(String),
    /// `Object`: any boxed value (`rpc_result result:Object`), the
    /// runtime's `Object` in Rust. Its extent is the rest of its frame, or
    /// the length an `int` field before it gives ([`super::FieldKind::ObjectLength`]).
    Object,
    /// A name nothing defines, or a type that cannot be a value (`#` or
    /// `true` outside a flags position): the model lists it as a problem,
    /// and a reader of the lenient model treats a boxed one as open.
    Unresolved(TlType),
}

impl Ty {
    /// The primitive, if it is one.
    pub fn prim(&self) -> Option<Prim> {
        match self {
            Ty::Prim(p) => Some(*p),
            _ => None,
        }
    }

    /// The fixed wire size, when every value has the same one.
    pub fn fixed_size(&self) -> Option<usize> {
        self.prim().and_then(|p| p.info().fixed_size)
    }

    /// Whether the Rust value implements the runtime's `Serialize` and
    /// `Deserialize` itself (primitives but `bytes`, type enums, queries,
    /// and boxed vectors of such), so that generated code calls the traits
    /// rather than a wire helper.
    pub fn has_wire_traits(&self) -> bool {
        match self {
            Ty::Prim(p) => p.info().wire_traits,
            Ty::Enum(_) | Ty::Query(_) | Ty::QueryResult(_) | Ty::Object => true,
            Ty::Vector { boxed: true, elem } => elem.has_wire_traits(),
            Ty::Vector { boxed: false, .. } | Ty::Struct(_) | Ty::Unresolved(_) => false,
        }
    }

    /// Whether the Rust value is `Copy` (numbers, byte arrays, `bool`).
    pub fn is_copy(&self) -> bool {
        self.prim().is_some_and(|p| p.info().copy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_enum_order_and_parses_back() {
        for prim in Prim::ALL {
            let info = prim.info();
            let parsed = match prim {
                Prim::StringBytes => Some(Prim::String),
                _ => Some(prim),
            };
            assert_eq!(Prim::of(&TlType::parse(info.tl)), parsed, "{}", info.tl);
            if let Some(size) = info.fixed_size {
                assert_eq!(size, info.min_size, "{}", info.tl);
            }
        }
        assert_eq!(Prim::of(&TlType::True), None);
        assert_eq!(Prim::of(&TlType::Flags), None);
    }

    /// The wire constants are the runtime's (the generator does not depend
    /// on the runtime, so that a build script need not compile it).
    #[test]
    fn wire_constants_are_the_runtimes() {
        assert_eq!(VECTOR_ID, tlgen_runtime::wire::VECTOR_ID);
        assert_eq!(BOOL_TRUE_ID, tlgen_runtime::wire::BOOL_TRUE_ID);
        assert_eq!(BOOL_FALSE_ID, tlgen_runtime::wire::BOOL_FALSE_ID);
        assert_eq!(GZIP_PACKED_ID, tlgen_runtime::GZIP_PACKED_ID);
    }
}
