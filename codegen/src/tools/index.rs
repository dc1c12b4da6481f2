//! The wire-level [`Model`] the tools read.

use std::ops::Deref;

use crate::ir::Api;
use crate::model::Model;

/// The [`Model`] of an API plus the MTProto service constructors
/// (`rpc_error`, `rpc_result`, `gzip_packed`, the `message` envelope), which
/// real traffic carries even when the schema lacks them. Build it once with
/// [`ApiIndex::new`] and pass it to every encode/decode call; it derefs to
/// the model for every lookup.
#[derive(Debug)]
pub struct ApiIndex<'a>(Model<'a>);

impl<'a> ApiIndex<'a> {
    /// Resolves every method and constructor of `api`, plus the service
    /// constructors it lacks. When two entries claim one ID, the first
    /// (methods before constructors, in IR order) keeps it.
    pub fn new(api: &'a Api) -> ApiIndex<'a> {
        ApiIndex(Model::with_service_constructors(api))
    }
}

impl<'a> Deref for ApiIndex<'a> {
    type Target = Model<'a>;

    fn deref(&self) -> &Model<'a> {
        &self.0
    }
}
