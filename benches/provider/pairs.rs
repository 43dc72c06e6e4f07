//! 200 connection + API destination pairs, the shape of every HTTP target:
//! apply, a no-op plan and destroy, with the provider's peak RSS and the
//! AWS calls each destination cost (counted at the emulator).

use std::collections::BTreeMap;

use super::{measured_run, workdir, RunCost, PROVIDER_TF};

pub const PAIRS: usize = 200;

const DESTINATION_OPERATIONS: [&str; 4] = [
    "CreateApiDestination",
    "DescribeApiDestination",
    "UpdateApiDestination",
    "DeleteApiDestination",
];

/// One step of the run: its cost, and the destination calls per pair.
pub struct Step {
    pub label: &'static str,
    pub cost: RunCost,
    pub calls_per_destination: BTreeMap<&'static str, f64>,
}

fn pairs_config(count: usize) -> String {
    format!(
        r#"{PROVIDER_TF}
resource "eventbridge_connection" "pair" {{
  count              = {count}
  name               = "pair-${{count.index}}"
  authorization_type = "API_KEY"
  auth_parameters {{
    api_key {{
      key   = "x-api-key"
      value = "pair-secret-${{count.index}}"
    }}
  }}
}}

resource "eventbridge_api_destination" "pair" {{
  count                            = {count}
  name                             = "pair-${{count.index}}"
  connection_arn                   = eventbridge_connection.pair[count.index].arn
  invocation_endpoint              = "https://hooks.example.com/${{count.index}}"
  http_method                      = "POST"
  invocation_rate_limit_per_second = 10
}}
"#
    )
}

fn destination_requests(emulator: &support::emulator::Emulator) -> BTreeMap<&'static str, usize> {
    DESTINATION_OPERATIONS
        .iter()
        .map(|op| (*op, emulator.requests(op).len()))
        .collect()
}

pub fn run(emulator: &support::emulator::Emulator, terraform: Option<&std::path::Path>) -> Vec<Step> {
    let wd = workdir(emulator, &pairs_config(PAIRS), terraform);
    let steps: [(&'static str, &[&str]); 3] = [
        (
            "apply",
            &["apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=20"],
        ),
        (
            "plan (no changes)",
            &["plan", "-input=false", "-no-color", "-parallelism=20"],
        ),
        (
            "destroy",
            &[
                "destroy",
                "-auto-approve",
                "-input=false",
                "-no-color",
                "-parallelism=20",
            ],
        ),
    ];
    let mut before = destination_requests(emulator);
    let mut measured = Vec::new();
    for (label, args) in steps {
        let cost = measured_run(&wd, args);
        let after = destination_requests(emulator);
        let calls_per_destination = after
            .iter()
            .filter_map(|(op, n)| {
                let made = n - before[op];
                (made > 0).then(|| (*op, made as f64 / PAIRS as f64))
            })
            .collect();
        before = after;
        measured.push(Step {
            label,
            cost,
            calls_per_destination,
        });
    }
    assert!(
        emulator.connection_names().is_empty(),
        "destroy left connections behind"
    );
    measured
}

/// `1 CreateApiDestination` per destination, and so on.
pub fn calls_words(calls: &BTreeMap<&'static str, f64>) -> String {
    let total: f64 = calls.values().sum();
    let parts: Vec<String> = calls.iter().map(|(op, n)| format!("{n} {op}")).collect();
    format!("**{total}** ({})", parts.join(", "))
}
