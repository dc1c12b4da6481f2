//! RPC errors a caller can act on.
//!
//! A method's [`crate::Method::Error`] is a [`MethodError<K>`]: the
//! [`RpcError`] exactly as the server sent it, plus its kind `K`, a plain
//! `Copy` enum to `match` on. Generated crates give every method that
//! documents its errors its own kind enum (documented names, then
//! [`CommonError`], then `Other`); methods with no documented errors use
//! `Option<CommonError>`.
//!
//! Kinds are matched by **name only**: the docs may list `CHANNEL_PRIVATE`
//! as 400 while the server sends 403, and it is the same error. The code is
//! on the [`RpcError`] ([`MethodError::code`]).
//!
//! ```
//! use tlgen_runtime::{CommonError, MethodError, RpcError};
//!
//! let err: MethodError<Option<CommonError>> = RpcError::parse(420, "FLOOD_WAIT_30").into();
//! assert_eq!(err.kind(), &Some(CommonError::FloodWait { seconds: 30 }));
//! assert_eq!(err.rpc().message, "FLOOD_WAIT_30");
//! assert_eq!(err.to_string(), "RPC error 420: FLOOD_WAIT_30");
//! ```

use core::fmt;

use crate::RpcError;

/// A classification of RPC errors by name: what generated per-method error
/// enums implement, and what [`MethodError`] is generic over.
pub trait ErrorKind: Sized + Clone + fmt::Debug {
    /// Classifies `err` by its [`RpcError::name`] (numeric part already
    /// split off), whatever its code. Never fails: names nobody documented
    /// land in the kind's catch-all.
    fn classify(err: &RpcError) -> Self;
}

/// An RPC error a method call failed with: its kind to match on, and the
/// error exactly as received.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MethodError<K> {
    kind: K,
    rpc: RpcError,
}

impl<K> MethodError<K> {
    /// What kind of error this is.
    #[must_use]
    pub fn kind(&self) -> &K {
        &self.kind
    }

    /// The error as the server sent it.
    #[must_use]
    pub fn rpc(&self) -> &RpcError {
        &self.rpc
    }

    /// The error code as the server sent it (400, 403, 420, -503, ...).
    #[must_use]
    pub fn code(&self) -> i32 {
        self.rpc.code
    }

    /// The message as the server sent it (`FLOOD_WAIT_30`).
    #[must_use]
    pub fn message(&self) -> &str {
        &self.rpc.message
    }

    /// The kind and the received error.
    #[must_use]
    pub fn into_parts(self) -> (K, RpcError) {
        (self.kind, self.rpc)
    }

    /// The error as the server sent it.
    #[must_use]
    pub fn into_rpc(self) -> RpcError {
        self.rpc
    }
}

impl<K: ErrorKind> From<RpcError> for MethodError<K> {
    fn from(rpc: RpcError) -> Self {
        MethodError {
            kind: K::classify(&rpc),
            rpc,
        }
    }
}

impl<K> From<MethodError<K>> for RpcError {
    fn from(err: MethodError<K>) -> Self {
        err.rpc
    }
}

impl<K> fmt::Display for MethodError<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.rpc, f)
    }
}

impl<K: fmt::Debug> core::error::Error for MethodError<K> {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        Some(&self.rpc)
    }
}

macro_rules! common_errors {
    ($(
        $(#[$doc:meta])*
        $name:literal => $variant:ident $({ $field:ident })?,
    )*) => {
        /// The errors any method can raise, whatever its documentation says:
        /// flood waits, data-center migrations, authorization and session
        /// failures (Telegram's "Error handling" page describes each family).
        /// `_X` names carry their number.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum CommonError {
            $(
                $(#[$doc])*
                $variant $({
                    /// The number the `X` of the name stands for.
                    $field: u64
                })?,
            )*
        }

        impl CommonError {
            /// Every name, `X` form, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$($name),*];

            /// The kind `err` is, if it is one of these (by name).
            #[must_use]
            pub fn from_rpc(err: &RpcError) -> Option<Self> {
                Self::from_name(&err.name, err.value)
            }

            /// The kind called `name` (`X` form), with the number for `_X`
            /// names (a `_X` name without one is not a match).
            #[must_use]
            pub fn from_name(name: &str, value: Option<u64>) -> Option<Self> {
                #[allow(unused_variables)]
                match name {
                    $($name => Some(common_errors!(@build $variant value $($field)?)),)*
                    _ => None,
                }
            }

            /// The name, `X` form (`FLOOD_WAIT_X`).
            #[must_use]
            pub fn name(&self) -> &'static str {
                match self {
                    $(Self::$variant { .. } => $name,)*
                }
            }

            /// The number the `X` of the name stands for, if it has one.
            #[must_use]
            pub fn value(&self) -> Option<u64> {
                match *self {
                    $(common_errors!(@pat $variant $($field)?) => common_errors!(@value $($field)?),)*
                }
            }
        }
    };
    (@build $variant:ident $value:ident $field:ident) => { Self::$variant { $field: $value? } };
    (@build $variant:ident $value:ident) => { Self::$variant };
    (@pat $variant:ident $field:ident) => { Self::$variant { $field } };
    (@pat $variant:ident) => { Self::$variant };
    (@value $field:ident) => { Some($field) };
    (@value) => { None };
}

common_errors! {
    /// `FLOOD_WAIT_X` (420): wait `seconds` before repeating the call.
    "FLOOD_WAIT_X" => FloodWait { seconds },
    /// `FLOOD_PREMIUM_WAIT_X` (420): a non-Premium account must wait `seconds`.
    "FLOOD_PREMIUM_WAIT_X" => FloodPremiumWait { seconds },
    /// `FILE_MIGRATE_X` (303): the file lives on data center `dc`.
    "FILE_MIGRATE_X" => FileMigrate { dc },
    /// `PHONE_MIGRATE_X` (303): the phone number belongs to data center `dc`.
    "PHONE_MIGRATE_X" => PhoneMigrate { dc },
    /// `NETWORK_MIGRATE_X` (303): repeat the call on data center `dc`.
    "NETWORK_MIGRATE_X" => NetworkMigrate { dc },
    /// `USER_MIGRATE_X` (303): the account belongs to data center `dc`.
    "USER_MIGRATE_X" => UserMigrate { dc },
    /// `STATS_MIGRATE_X` (303): the statistics live on data center `dc`.
    "STATS_MIGRATE_X" => StatsMigrate { dc },
    /// `AUTH_KEY_UNREGISTERED` (401): the key is not registered; log in.
    "AUTH_KEY_UNREGISTERED" => AuthKeyUnregistered,
    /// `AUTH_KEY_INVALID` (401): the key is invalid.
    "AUTH_KEY_INVALID" => AuthKeyInvalid,
    /// `AUTH_KEY_PERM_EMPTY` (401): a temporary key is not bound to a permanent one.
    "AUTH_KEY_PERM_EMPTY" => AuthKeyPermEmpty,
    /// `AUTH_KEY_DUPLICATED` (406): the key is used by another connection at once.
    "AUTH_KEY_DUPLICATED" => AuthKeyDuplicated,
    /// `SESSION_REVOKED` (401): the user logged this session out.
    "SESSION_REVOKED" => SessionRevoked,
    /// `SESSION_EXPIRED` (401): the session expired.
    "SESSION_EXPIRED" => SessionExpired,
    /// `SESSION_PASSWORD_NEEDED` (401): two-step verification is enabled.
    "SESSION_PASSWORD_NEEDED" => SessionPasswordNeeded,
    /// `USER_DEACTIVATED` (401): the account was deleted.
    "USER_DEACTIVATED" => UserDeactivated,
    /// `USER_DEACTIVATED_BAN` (401): the account was banned.
    "USER_DEACTIVATED_BAN" => UserDeactivatedBan,
    /// `Timeout` (-503): the server did not answer in time; the call may
    /// still have taken effect.
    "Timeout" => Timeout,
}

impl ErrorKind for Option<CommonError> {
    fn classify(err: &RpcError) -> Self {
        CommonError::from_rpc(err)
    }
}

impl fmt::Display for CommonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.value() {
            Some(value) => write!(f, "{} (X = {value})", self.name()),
            None => f.write_str(self.name()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn every_name_round_trips() {
        for &name in CommonError::NAMES {
            let value = name.ends_with("_X").then_some(7);
            let kind = CommonError::from_name(name, value).expect(name);
            assert_eq!(kind.name(), name);
            assert_eq!(kind.value(), value);
        }
    }

    #[test]
    fn numbered_name_needs_its_number() {
        assert_eq!(CommonError::from_name("FLOOD_WAIT_X", None), None);
        assert_eq!(
            CommonError::from_rpc(&RpcError::parse(303, "USER_MIGRATE_4")),
            Some(CommonError::UserMigrate { dc: 4 })
        );
    }

    #[test]
    fn matched_by_name_whatever_the_code() {
        for code in [400, 401, 403, 500] {
            let err: MethodError<Option<CommonError>> =
                RpcError::parse(code, "SESSION_REVOKED").into();
            assert_eq!(err.kind(), &Some(CommonError::SessionRevoked));
            assert_eq!(err.code(), code);
        }
    }

    #[test]
    fn unknown_names_keep_the_server_text() {
        let err: MethodError<Option<CommonError>> = RpcError::parse(400, "PEER_ID_INVALID").into();
        assert_eq!(err.kind(), &None);
        assert_eq!(err.message(), "PEER_ID_INVALID");
        assert_eq!(
            err.clone().into_rpc(),
            RpcError::parse(400, "PEER_ID_INVALID")
        );
        assert_eq!(err.to_string(), "RPC error 400: PEER_ID_INVALID");
        let source = core::error::Error::source(&err).expect("source");
        assert_eq!(source.to_string(), "RPC error 400: PEER_ID_INVALID");
    }
}
