//! Typed Telegram MTProto API bindings, generated at build time by tlgen.
