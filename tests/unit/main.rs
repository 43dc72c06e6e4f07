//! Tier 1, unit: tests that need no network and no tool (tests/README.md
//! has the four tiers). Most unit tests sit beside their code, in
//! `#[cfg(test)]` modules under `src/`; this binary holds the ones that look
//! at the crate from outside: across a whole schema, against AWS's service
//! model, against the repository's own files.
//!
//! A test belongs here when it calls the crate or reads the repository and
//! starts nothing: no provider process, no emulator, no terraform, no
//! socket. A new resource type's schema-wide tests go in a file named for it
//! (`api_destination.rs`), declared below.
//!
//! One test: `cargo test --test unit NAME`.

// Bounded property tests: arbitrary bytes never panic the decoders;
// arbitrary well-typed values round-trip, validate and plan.
mod property;

// The connection's validation against AWS's service model, value by value
// (botocore's model, installed with the emulator; without it these skip
// with one line).
mod model_differential;

// docs/ is up to date with the schemas and examples/, the README shows the
// registry example and its configuration section declares what it uses
// (the extraction only: tests/e2e/readme.rs validates it), and links stay
// inside the repository.
mod docs;

// The scripts and the Makefile name the provider by the address the crate
// exports.
mod scripts;
