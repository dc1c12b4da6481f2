//! The boxed wire form of constructor structs, for generated code.

use alloc::vec::Vec;

use crate::{
    BareDeserialize, BareSerialize, DecodeError, Deserialize, Identifiable, Reader, Serialize,
};

/// A constructor struct in its boxed wire form: the constructor ID, then the
/// fields. Type enums (`enums::*`) are boxed already; this wrapper serves a
/// single constructor: `Boxed(types::InputPeerUser { .. }).to_bytes()`,
/// `Boxed::<types::InputPeerUser>::from_bytes(..)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Boxed<T>(pub T);

impl<T: Identifiable + BareSerialize> Serialize for Boxed<T> {
    #[inline]
    fn serialized_len(&self) -> usize {
        4 + BareSerialize::bare_len(&self.0)
    }
    #[inline]
    fn serialize(&self, out: &mut Vec<u8>) {
        BareSerialize::serialize_boxed(&self.0, out)
    }
}

impl<T: Identifiable + BareDeserialize> Deserialize for Boxed<T> {
    #[inline]
    fn deserialize(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        crate::wire::expect_constructor(r, T::CONSTRUCTOR_ID, ::core::any::type_name::<T>())?;
        r.nested(T::deserialize_bare).map(Boxed)
    }
}

/// Implements `Identifiable` for the constructor structs of one generated
/// file; for `fn` lists (methods) also the boxed (constructor ID + bare
/// fields) `Serialize`, and `Deserialize` as the generator was told:
///
/// * `fn[no_de] A = 0x..`: none;
/// * `fn[de] A = 0x..`: always;
/// * `fn[de if (<cfg predicate>)] A = 0x..`: where the predicate holds in
///   the *calling* crate (`(feature = "server")`);
/// * `fn A = 0x..`: where the calling crate enables its
///   `deserializable-functions` feature (what trees generated before the
///   setting existed say).
///
/// Constructor structs get their boxed form from [`Boxed`] or their type
/// enum instead: one generic impl instead of three per constructor.
#[doc(hidden)]
#[macro_export]
macro_rules! tl_boxed {
    (fn[no_de] $($t:ident = $id:literal),* $(,)?) => {$(
        $crate::tl_boxed!(@id $t = $id);
        $crate::tl_boxed!(@ser $t);
    )*};
    (fn[de] $($t:ident = $id:literal),* $(,)?) => {$(
        $crate::tl_boxed!(@id $t = $id);
        $crate::tl_boxed!(@ser $t);
        $crate::tl_boxed!(@de $t);
    )*};
    (fn[de if $cfg:tt] $($t:ident = $id:literal),* $(,)?) => {$(
        $crate::tl_boxed!(@id $t = $id);
        $crate::tl_boxed!(@ser $t);
        #[cfg $cfg]
        $crate::tl_boxed!(@de $t);
    )*};
    (fn $($t:ident = $id:literal),* $(,)?) => {
        $crate::tl_boxed!(fn[de if (feature = "deserializable-functions")] $($t = $id),*);
    };
    (@id $t:ident = $id:literal) => {
        impl $crate::Identifiable for $t {
            const CONSTRUCTOR_ID: u32 = $id;
        }
    };
    (@ser $t:ident) => {
        impl $crate::Serialize for $t {
            #[inline]
            fn serialized_len(&self) -> usize {
                4 + $crate::BareSerialize::bare_len(self)
            }
            #[inline]
            fn serialize(&self, out: &mut $crate::__private::Vec<u8>) {
                $crate::BareSerialize::serialize_boxed(self, out)
            }
        }
    };
    (@de $t:ident) => {
        impl $crate::Deserialize for $t {
            #[inline]
            fn deserialize(
                r: &mut $crate::Reader<'_>,
            ) -> ::core::result::Result<Self, $crate::DecodeError> {
                $crate::wire::expect_constructor(
                    r,
                    <Self as $crate::Identifiable>::CONSTRUCTOR_ID,
                    ::core::any::type_name::<Self>(),
                )?;
                <Self as $crate::BareDeserialize>::deserialize_bare(r)
            }
        }
    };
    ($($t:ident = $id:literal),* $(,)?) => {$(
        $crate::tl_boxed!(@id $t = $id);
    )*};
}
