//! Shared by the integration tests (and the cargo-fuzz targets in `fuzz/`).

pub mod front_end;
