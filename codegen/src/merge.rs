//! Joins pages to schema definitions into the IR, reporting every disagreement.
