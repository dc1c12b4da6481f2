//! Serialize/Deserialize for the TL primitives.
