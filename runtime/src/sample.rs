//! Deterministic sample values, for round-trip tests of generated code
//! over a whole layer (the `samples` module tlgen emits with
//! `sample_values`).

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

/// Deterministic pseudo-random source for sample values.
#[derive(Debug, Clone, Default)]
pub struct SampleGen {
    state: u64,
    depth: u32,
}

impl SampleGen {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Self {
            state: seed,
            depth: 0,
        }
    }
    /// The next pseudo-random number.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self
            .state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.state >> 33
    }
    /// Whether nested values should be minimal (past the first level).
    pub fn deep(&self) -> bool {
        self.depth >= 2
    }
    /// Runs `f` one level deeper.
    pub fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        self.depth += 1;
        let v = f(self);
        self.depth -= 1;
        v
    }
}

/// A type with a deterministic sample value.
pub trait Sample: Sized {
    /// A sample value drawn from `g`.
    fn sample(g: &mut SampleGen) -> Self;
}

impl Sample for i32 {
    fn sample(g: &mut SampleGen) -> Self {
        g.next_u64() as i32
    }
}
impl Sample for i64 {
    fn sample(g: &mut SampleGen) -> Self {
        (g.next_u64() as i64).wrapping_mul(-0x1_0001)
    }
}
impl Sample for f64 {
    fn sample(g: &mut SampleGen) -> Self {
        (g.next_u64() % 100_000) as f64 / 4.0 - 1000.0
    }
}
impl Sample for bool {
    fn sample(g: &mut SampleGen) -> Self {
        g.next_u64() & 1 == 1
    }
}
impl Sample for u8 {
    fn sample(g: &mut SampleGen) -> Self {
        g.next_u64() as u8
    }
}
impl<const N: usize> Sample for [u8; N] {
    fn sample(g: &mut SampleGen) -> Self {
        core::array::from_fn(|_| g.next_u64() as u8)
    }
}
impl Sample for String {
    fn sample(g: &mut SampleGen) -> Self {
        match g.next_u64() % 4 {
            0 => String::new(),
            1 => "é ✓".into(),
            2 => "x".repeat(300),
            _ => format!("s{}", g.next_u64()),
        }
    }
}
impl<T: Sample> Sample for Vec<T> {
    fn sample(g: &mut SampleGen) -> Self {
        if g.deep() {
            Vec::new()
        } else {
            g.nested(|g| vec![T::sample(g), T::sample(g)])
        }
    }
}
impl<T: Sample> Sample for Box<T> {
    fn sample(g: &mut SampleGen) -> Self {
        Box::new(T::sample(g))
    }
}

/// Receives a sample value of every type of the generated `borrowed` module
/// (the generated `borrowed::visit_samples`), with that type's borrowed
/// decoder: `decode_borrowed` decodes bytes into the borrowed form and
/// copies it into the owned form ([`crate::ToOwnedValue`]), so that tests
/// can compare it with the owned decode of the same bytes.
pub trait BorrowedVisitor {
    /// One value, named `Type/constructor`, in its owned form.
    fn visit<T>(
        &mut self,
        name: &str,
        value: T,
        decode_borrowed: &dyn Fn(&[u8]) -> Result<T, crate::DecodeError>,
    ) where
        T: crate::Serialize + crate::Deserialize + core::fmt::Debug + PartialEq;
}

/// Defines, in the calling crate, the `Json` bound (the JSON form, where
/// the generated code has serde) and the `Visitor` trait that receives every
/// sample value:
///
/// * `json`: serde always;
/// * `no_json`: no serde (`Json` holds for every type);
/// * `json if (<cfg predicate>)`: serde where the predicate holds in the
///   calling crate (`(feature = "json")`);
/// * nothing: where the calling crate enables its `serde` feature (what
///   trees generated before the setting existed say).
#[doc(hidden)]
#[macro_export]
macro_rules! sample_visitor {
    () => {
        $crate::sample_visitor!(json if (feature = "serde"));
    };
    (json) => {
        /// Extra bounds the visitor needs: the JSON form.
        pub trait Json: ::serde::Serialize + ::serde::de::DeserializeOwned {}
        impl<T: ::serde::Serialize + ::serde::de::DeserializeOwned> Json for T {}
        $crate::sample_visitor!(@visitor);
    };
    (no_json) => {
        /// Extra bounds the visitor needs: none without serde.
        pub trait Json {}
        impl<T> Json for T {}
        $crate::sample_visitor!(@visitor);
    };
    (json if $cfg:tt) => {
        /// Extra bounds the visitor needs: the JSON form where serde is generated.
        #[cfg $cfg]
        pub trait Json: ::serde::Serialize + ::serde::de::DeserializeOwned {}
        #[cfg $cfg]
        impl<T: ::serde::Serialize + ::serde::de::DeserializeOwned> Json for T {}
        /// Extra bounds the visitor needs: the JSON form where serde is generated.
        #[cfg(not $cfg)]
        pub trait Json {}
        #[cfg(not $cfg)]
        impl<T> Json for T {}
        $crate::sample_visitor!(@visitor);
    };
    (@visitor) => {
        /// Receives every sample value.
        pub trait Visitor {
            /// One value, named by its TL name (`Type/constructor` for enum-wrapped ones).
            fn visit<T>(&mut self, name: &str, value: T)
            where
                T: $crate::Serialize
                    + $crate::Deserialize
                    + ::core::fmt::Debug
                    + ::core::cmp::PartialEq
                    + Json;
        }
    };
}

/// A boolean: the smallest boxed value.
impl Sample for crate::Object {
    fn sample(g: &mut SampleGen) -> Self {
        crate::Object::new(&(g.next_u64() & 1 == 1))
    }
}
