//! Tier 2, canned AWS: what AWS does and the emulator does not, played to a
//! resource in process from canned SDK responses (aws-smithy-mocks), and the
//! bytes the SDK puts on the wire, captured below it. No network, no tool,
//! no provider process (tests/README.md has the four tiers).
//!
//! A test belongs here when it needs an answer moto never gives: a state, an
//! error, a missing field, a time. One file per resource type
//! (`connection.rs`; `api_destination.rs` beside it), plus the topics that
//! cut across them, declared below.
//!
//! One test: `cargo test --test canned NAME`.

// eventbridge_connection: secrets absent from DescribeConnection, CREATING
// and AUTHORIZING states, duplicate names, throttling, wait timeouts,
// cancellation, deletes, which updates send the authorization.
mod connection;

// eventbridge_connection's secrets following outside changes: the times AWS
// reports after a write, an outside change and an OAuth token refresh; a
// deauthorized connection; a state without a record; refreshes that fail.
mod drift;

// What the SDK sends to AWS, captured below it.
mod wire;
