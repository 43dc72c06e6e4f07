//! 1000 connections with `-parallelism=50`: apply, a plan with no changes,
//! and destroy, each measured for wall time, provider peak RSS, AWS calls,
//! and provider CPU as a ratio to the floor model of bench/PROFILE.md:
//! provider processes × one process start + per connection (RPCs × one RPC
//! over the socket + AWS calls × the bare HTTP exchange), with the parts
//! measured in the same run ("Where the provider's CPU goes").
//!
//! RPCs per connection are counted, not assumed: two small runs (10 and 20
//! connections) of the same Terraform with `TF_LOG=trace`, and the
//! difference of their per-RPC counts divided by 10, which leaves out what
//! every provider process asks once (schema, provider configuration).

use std::collections::BTreeMap;
use std::path::Path;

use crate::breakdown::Breakdown;
use crate::{many_connections, measured_run, total_requests, workdir, RunCost};
use support::emulator::Emulator;

pub const CONNECTIONS: usize = 1000;
const PARALLELISM: &str = "-parallelism=50";

/// RPCs Terraform sends once per provider process, whatever the size.
const PER_PROCESS: [&str; 5] = [
    "GetProviderSchema",
    "ValidateProviderConfig",
    "ConfigureProvider",
    "Close",
    "StopProvider",
];

/// One command of the 1000-connection run.
pub struct ScaleRun {
    pub label: &'static str,
    pub cost: RunCost,
    pub aws_calls: usize,
    pub rpcs_per_connection: f64,
    /// The floor model's provider CPU for this command, in seconds.
    pub floor: f64,
}

/// The three commands that make up one run: label and arguments.
fn commands() -> [(&'static str, Vec<&'static str>); 3] {
    [
        (
            "apply",
            vec!["apply", "-auto-approve", "-input=false", "-no-color", PARALLELISM],
        ),
        (
            "plan (no changes)",
            vec!["plan", "-input=false", "-no-color", PARALLELISM],
        ),
        (
            "destroy",
            vec!["destroy", "-auto-approve", "-input=false", "-no-color", PARALLELISM],
        ),
    ]
}

/// Per-connection RPCs of each command, from the trace logs of a 10- and a
/// 20-connection run (per-process RPCs left out).
fn rpcs_per_connection(emulator: &Emulator, terraform: Option<&Path>) -> Vec<f64> {
    let counts = |n: usize| -> Vec<BTreeMap<String, usize>> {
        let wd = workdir(emulator, &many_connections(n), terraform);
        commands()
            .iter()
            .enumerate()
            .map(|(i, (_, args))| {
                let log = wd.path().join(format!("trace-{i}.log"));
                wd.env("TF_LOG", "trace");
                wd.env("TF_LOG_PATH", &log.to_string_lossy());
                wd.run(args).ok();
                let text = std::fs::read_to_string(&log).unwrap_or_default();
                let mut per_rpc = BTreeMap::new();
                for rest in text.split("GRPCProvider.v6: ").skip(1) {
                    let rpc: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
                    if !PER_PROCESS.contains(&rpc.as_str()) {
                        *per_rpc.entry(rpc).or_default() += 1;
                    }
                }
                per_rpc
            })
            .collect()
    };
    let (small, large) = (counts(10), counts(20));
    small
        .iter()
        .zip(&large)
        .map(|(s, l)| {
            let total = |m: &BTreeMap<String, usize>| m.values().sum::<usize>() as f64;
            (total(l) - total(s)) / 10.0
        })
        .collect()
}

/// Apply, no-op plan and destroy of [`CONNECTIONS`] connections.
pub fn run(emulator: &Emulator, terraform: Option<&Path>, parts: &Breakdown) -> Vec<ScaleRun> {
    let rpcs = rpcs_per_connection(emulator, terraform);
    let wd = workdir(emulator, &many_connections(CONNECTIONS), terraform);
    let mut runs = Vec::new();
    for ((label, args), rpcs_per_connection) in commands().into_iter().zip(rpcs) {
        let before = total_requests(emulator);
        let cost = measured_run(&wd, &args);
        let after = total_requests(emulator);
        let aws_calls = after.values().sum::<usize>() - before.values().sum::<usize>();
        let n = CONNECTIONS as f64;
        let floor = cost.providers_seen as f64 * parts.process_start.p50.as_secs_f64()
            + n * rpcs_per_connection * parts.rpc_over_socket.as_secs_f64()
            + aws_calls as f64 * parts.bare_call.as_secs_f64();
        runs.push(ScaleRun {
            label,
            cost,
            aws_calls,
            rpcs_per_connection,
            floor,
        });
    }
    assert!(
        emulator.connection_names().is_empty(),
        "destroy left connections behind"
    );
    runs
}
