//! Property-style robustness tests (being written).
