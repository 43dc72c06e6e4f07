//! Tier 4, end to end: the real `terraform` (`TERRAFORM`, else the 1.0.3
//! that `scripts/install-terraform.sh` puts in `target/terraform/`) installs
//! the provider from a filesystem mirror and drives it against moto on
//! loopback, often behind the fault proxy, which checks every request
//! against AWS's service model (tests/README.md has the four tiers).
//!
//! Every test asks `support` for its tools first and returns when it says
//! no (`support::terraform_and_emulator()`,
//! `support::terraform::find_or_skip()`): one `skipped …` line, or a
//! failure under `TF_ACC` / CI. Nothing may end the process early: all the
//! tests of this tier share it.
//!
//! A test belongs here when only the real Terraform can show it. A new
//! resource type gets a file named for it (`api_destination.rs`), declared
//! below. `scripts/test.sh` (`make test`) runs this binary a first time
//! with a newer Terraform when one is on the PATH.
//!
//! One test: `TF_ACC=1 cargo test --test e2e NAME`, or
//! `make testacc TESTARGS='--test e2e NAME'`.

// The harness itself: the emulator, the terraform under test, a working
// directory's mirror, the AWS model, the fault proxy. When these fail, the
// other failures are about the machine or the harness.
mod harness_selfcheck;

// The fault proxy's API destinations: what it adds to moto to be AWS
// (the model check, duplicates, missing connections, the default rate
// limit, LastModifiedTime, INACTIVE on an OAuth connection still
// authorizing, list filters and pages, faults).
mod harness_destinations;

// The fault proxy's rules: moto refusing to delete a rule with targets as
// AWS does, the rule faults (quota, role not yet assumable, lingering
// targets, not found yet), the model check of rule requests.
mod harness_rules;

// The fault proxy's targets: at most 5 per rule, failed entries a test
// scripts (`FaultProxy::fail_entry`), a missing rule named with its bus,
// pages by position; DeleteRule refused while the rule has targets.
mod harness_targets;

// The provider: installed from the mirror, served over TLS, its errors, and
// debug mode with TF_REATTACH_PROVIDERS.
mod provider;

// A hashicorp/aws-style provider block: role chains, web identity, the
// metadata service, account guards, CA bundles, proxies, FIPS and
// dual-stack endpoints.
mod provider_block;

// eventbridge_connection: every example through plan, apply, import,
// update, replace and destroy; drift; write-only secrets; no secret in any
// log.
mod connection;

// eventbridge_connection's secrets sent again after outside changes (a
// rotated key, a deauthorization).
mod drift;

// data "eventbridge_connection".
mod data_source;

// eventbridge_api_destination and its data source: lifecycle, updates in
// one call, imports, drift, its connection replaced under it, bad input,
// quotas and conflicts.
mod api_destination;

// eventbridge_rule on the default bus and another: lifecycle, the bus by
// name or ARN, drift, imports, tags, bad input, quotas, a rule that exists,
// IAM propagation, deletes refused while the rule has targets.
mod rule;

// eventbridge_target: the whole HTTP target and a target on another bus:
// lifecycle, the bus by name or ARN, drift, imports, the data source, bad
// input, a target id in use, five targets per rule at plan and at apply,
// FailedEntries, eventual consistency.
mod target;

// Moving from hashicorp/aws (its real provider from the machine image's
// filesystem mirror; skipped with one line without it or before Terraform
// 1.8): what it made moves to this provider's types with `moved` blocks,
// with no change planned, no AWS call that changes anything, the
// connection's secret kept.
mod peer_moves;

// list "eventbridge_connection" run by `terraform query` (Terraform 1.14 or
// later; skipped with one line on older ones).
mod query;

// What the README tells a user to write: its configuration section
// validates as one configuration; its `terraform test` mock block works
// (Terraform 1.7 or later; skipped with one line on older ones), and is
// needed.
mod readme;

// Faults injected by the proxy: throttling, server errors, resets, stalls,
// states that never settle, Ctrl-C.
mod faults;

// Failures that end fast and say what to fix: an endpoint nothing listens
// on, a Region that cannot exist, no credentials, a killed Terraform.
mod fast_failures;

// Values only known at apply are checked before any AWS call.
mod contract;

// AWS's error contract with AWS's own errors: a quota fails at once, a
// conflict converges, denied and failed calls keep the state, import by ARN.
mod error_contract;

// Reads that say what AWS holds: the KMS key and private endpoints, imports
// checked attribute by attribute, a refresh after an apply changes nothing.
mod truthful_reads;

// 100 connections at once.
mod load;

// The release: its binary starts on glibc 2.17, it is packaged and signed
// as registries want it, and installed from a packed mirror.
mod release;

// windows_amd64: the Windows build served to a real Terraform under Wine over
// TCP: init, apply, plan, import, destroy, and a killed Terraform.
mod windows;

// The signed release served by a provider registry and a network mirror on
// loopback: terraform init checks its checksums and signature.
mod registry;
