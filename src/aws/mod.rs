//! Shared AWS plumbing used by the provider and its resources: what a
//! Region name looks like, and how calls that cannot reach AWS end.
//! Knows nothing of Terraform's protocol beyond plain values.

pub mod region;
pub mod unreachable;
