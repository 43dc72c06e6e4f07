//! Data sources.

pub mod connection;
