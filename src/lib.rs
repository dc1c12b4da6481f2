//! Host package of the workspace integration tests (`tests/`), and a user of
//! the `tlgen::config::Config` builder (see `build.rs`).

/// The sample API narrowed to `messages.importChatInvite` and the types it needs.
#[allow(missing_docs, clippy::all)]
pub mod selected {
    include!(concat!(env!("OUT_DIR"), "/selected/mod.rs"));
}
