//! Tier 3, protocol: the built provider binary, started and spoken to
//! exactly as Terraform does it: magic cookie, go-plugin handshake, TLS
//! pinned to Terraform's client certificate, tfplugin6 over a unix socket
//! or TCP (`support::protocol`). Cargo builds the binary, so this tier runs under
//! plain `cargo test`; the tests that configure the provider against the
//! emulator skip with one line without it (tests/README.md has the four
//! tiers).
//!
//! A test belongs here when it is about an RPC that Terraform's own output
//! cannot show, or that the Terraform under test never sends. A new
//! resource type gets a file named for it (`api_destination.rs`), declared
//! below.
//!
//! One test: `cargo test --test protocol NAME`.

// The plugin process: handshake, TLS, schema, configure, a read, errors as
// diagnostics, StopProvider, shutdown, signals, debug mode.
mod plugin;

// go-plugin's TCP transport (Windows' own): the handshake line, the port
// range rules, the certificate pin, Shutdown; and the provider stopping when
// Terraform hangs up without Shutdown, on both transports.
mod transport;

// What Terraform 1.0.3 never sends: write-only values, moves from
// hashicorp/aws, resource identity, state upgrades.
mod newer_terraform;

// Protocol 6.10's list resource (`terraform query`): filters, pages, the
// limit, a failing page, StopProvider.
mod list_resource;

// A corpus of invalid configurations (tests/fixtures/invalid_configs.json),
// each refused at its attribute without one AWS call.
mod invalid_configs;

// eventbridge_api_destination's list resource (filters, pages, described
// objects) and its move from hashicorp/aws followed by a plan without
// changes.
mod api_destination;

// eventbridge_rule: its list resource on one bus and every bus, moves from
// hashicorp/aws (v5 and v6 states).
mod rule;

// eventbridge_target: its list resource by rule and by target ARN (one bus,
// every bus), identity, moves from hashicorp/aws (v5 and v6 states).
mod target;
