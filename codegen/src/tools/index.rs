//! The wire-level [`Registry`] the tools read.

use std::ops::Deref;

use crate::ir::Api;
use crate::registry::Registry;

/// The [`Registry`] of an API plus the MTProto service constructors
/// (`rpc_error`, `rpc_result`, `gzip_packed`, the `message` envelope), which
/// real traffic carries even when the schema lacks them. Build it once with
/// [`ApiIndex::new`] and pass it to every encode/decode call; it derefs to
/// the registry for every lookup.
#[derive(Debug, Clone, Default)]
pub struct ApiIndex(Registry);

impl ApiIndex {
    /// Indexes every method and constructor of `api`, plus the service
    /// constructors it lacks. When two entries claim one ID, the first
    /// (methods before constructors, in IR order) keeps it.
    pub fn new(api: &Api) -> ApiIndex {
        ApiIndex(Registry::with_service_constructors(api))
    }
}

impl Deref for ApiIndex {
    type Target = Registry;

    fn deref(&self) -> &Registry {
        &self.0
    }
}
