//! Host package of the workspace integration tests (`tests/`).
