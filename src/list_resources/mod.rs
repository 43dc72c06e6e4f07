//! List resources (protocol 6.10): what `terraform query` can find of the
//! objects this provider manages.

pub mod connection;
