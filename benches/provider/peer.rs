//! Side by side with hashicorp/aws (the 5.100.0 of the machine image's
//! filesystem mirror, `support::peer_aws`): the same configuration applied,
//! planned with no change and destroyed once with each provider, with the
//! same Terraform, against the same emulator behind the same kind of fault
//! proxy (which counts the calls per operation), at -parallelism=10. Per
//! command: wall time, the provider's peak RSS and CPU seconds (measured
//! as for this provider's other rows, [`measured_run`]), AWS calls by
//! operation.
//!
//! Two configurations, each a table of (resource kind, count, arguments)
//! written once for both providers: 50 connections with 50 API
//! destinations, and 200 rules with one target each.
//!
//! Without hashicorp/aws there is no section; one line says why.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use support::emulator::Emulator;
use support::fault_proxy::FaultProxy;
use support::peer_aws::{self, Kind, Side, API_DESTINATION, CONNECTION, RULE, TARGET};
use support::terraform::Workdir;

use super::{measured_run, release_binary, RunCost, PROVIDER_TF};

const PARALLELISM: &str = "-parallelism=10";

/// `count` resources of `kind` named `name`, with `body` for arguments
/// (the same for both providers).
struct Row {
    kind: &'static Kind,
    name: &'static str,
    count: usize,
    body: &'static str,
}

/// One configuration of the comparison.
pub struct Workload {
    pub label: &'static str,
    rows: &'static [Row],
}

const PAIRS: [Row; 2] = [
    Row {
        kind: &CONNECTION,
        name: "pair",
        count: 50,
        body: r#"
  name               = "peer-${count.index}"
  description        = "side by side ${count.index}"
  authorization_type = "API_KEY"
  auth_parameters {
    api_key {
      key   = "x-api-key"
      value = "peer-secret-${count.index}"
    }
    invocation_http_parameters {
      header {
        key             = "x-tenant"
        value           = "bench"
        is_value_secret = false
      }
    }
  }
"#,
    },
    Row {
        kind: &API_DESTINATION,
        name: "pair",
        count: 50,
        body: r#"
  name                             = "peer-${count.index}"
  connection_arn                   = {connection}.pair[count.index].arn
  invocation_endpoint              = "https://hooks.example.com/${count.index}"
  http_method                      = "POST"
  invocation_rate_limit_per_second = 10
"#,
    },
];

/// 200 rules on the default bus, each with one target (a queue).
const RULES: [Row; 2] = [
    Row {
        kind: &RULE,
        name: "many",
        count: 200,
        body: r#"
  name        = "peer-rule-${count.index}"
  description = "side by side ${count.index}"
  event_pattern = jsonencode({
    source        = ["bench.orders"]
    "detail-type" = ["Order ${count.index}"]
  })
"#,
    },
    Row {
        kind: &TARGET,
        name: "many",
        count: 200,
        body: r#"
  rule      = {rule}.many[count.index].name
  target_id = "queue"
  arn       = "arn:aws:sqs:us-east-1:123456789012:bench-orders"
  retry_policy {
    maximum_event_age_in_seconds = 3600
    maximum_retry_attempts       = 3
  }
"#,
    },
];

pub const WORKLOADS: [Workload; 2] = [
    Workload {
        label: "50 connections + 50 API destinations",
        rows: &PAIRS,
    },
    Workload {
        label: "200 rules with one target each",
        rows: &RULES,
    },
];

/// The operations whose calls are counted.
const OPERATIONS: [&str; 23] = [
    "CreateConnection",
    "DescribeConnection",
    "UpdateConnection",
    "DeleteConnection",
    "ListConnections",
    "CreateApiDestination",
    "DescribeApiDestination",
    "UpdateApiDestination",
    "DeleteApiDestination",
    "ListApiDestinations",
    "PutRule",
    "DescribeRule",
    "DeleteRule",
    "EnableRule",
    "DisableRule",
    "ListRules",
    "TagResource",
    "UntagResource",
    "ListTagsForResource",
    "PutTargets",
    "RemoveTargets",
    "ListTargetsByRule",
    "DescribeEventBus",
];

fn provider_label(side: Side) -> String {
    match side {
        Side::Aws => format!("hashicorp/aws {}", peer_aws::VERSION),
        Side::Ours => "this provider".to_string(),
    }
}

/// One command of one provider on one workload.
pub struct Measured {
    pub workload: &'static str,
    pub provider: Side,
    pub command: &'static str,
    pub cost: RunCost,
    pub calls: BTreeMap<&'static str, usize>,
}

fn configuration(workload: &Workload, side: Side, endpoint: &str) -> String {
    let mut tf = match side {
        Side::Ours => PROVIDER_TF.to_string(),
        Side::Aws => peer_aws::providers_tf(endpoint, false),
    };
    for row in workload.rows {
        let body = format!("\n  count = {}{}", row.count, row.body);
        tf.push_str(&peer_aws::resource(row.kind, side, row.name, &body));
    }
    tf
}

fn calls(proxy: &FaultProxy) -> BTreeMap<&'static str, usize> {
    OPERATIONS.iter().map(|op| (*op, proxy.calls(op))).collect()
}

/// Apply, a plan that must find no change, and destroy of `workload` with
/// `provider`.
fn measure(
    emulator: &Emulator,
    terraform: &Path,
    peer: &peer_aws::PeerAws,
    workload: &'static Workload,
    provider: Side,
) -> Vec<Measured> {
    let proxy = FaultProxy::start(emulator.port);
    let mut wd = Workdir::with_provider_binary(&configuration(workload, provider, &proxy.endpoint), &release_binary());
    wd.use_terraform(terraform);
    wd.also_install_from(&peer.mirror, peer_aws::ADDRESS);
    wd.use_endpoint(&proxy.endpoint);
    for (key, value) in peer_aws::ENV {
        wd.env(key, value);
    }
    wd.init();
    let commands: [(&'static str, Vec<&str>); 3] = [
        ("apply", vec!["apply", "-auto-approve", PARALLELISM]),
        // A change found (exit code 2) fails the bench: the rows compare
        // plans with no change.
        ("plan (no changes)", vec!["plan", "-detailed-exitcode", PARALLELISM]),
        ("destroy", vec!["destroy", "-auto-approve", PARALLELISM]),
    ];
    let mut measured = Vec::new();
    let mut before = calls(&proxy);
    for (command, mut args) in commands {
        args.extend(["-input=false", "-no-color"]);
        let cost = measured_run(&wd, &args);
        let after = calls(&proxy);
        let made = after
            .iter()
            .map(|(op, n)| (*op, n - before[op]))
            .filter(|(_, n)| *n > 0)
            .collect();
        before = after;
        measured.push(Measured {
            workload: workload.label,
            provider,
            command,
            cost,
            calls: made,
        });
    }
    assert!(
        emulator.connection_names().is_empty() && emulator.destination_names().is_empty(),
        "destroy left connections or API destinations behind"
    );
    measured
}

/// Every workload, hashicorp/aws first then this provider, one run each;
/// None (one line said why) without hashicorp/aws.
pub fn run(emulator: &Emulator, terraform: &Path) -> Option<Vec<Measured>> {
    let peer = peer_aws::find_or_skip()?;
    let mut all = Vec::new();
    for workload in &WORKLOADS {
        for provider in [Side::Aws, Side::Ours] {
            eprintln!("bench: {}, {}", workload.label, provider_label(provider));
            all.extend(measure(emulator, terraform, &peer, workload, provider));
        }
    }
    Some(all)
}

/// `**150** (50 CreateConnection, 100 DescribeConnection)`: the calls of
/// one command, as counted.
fn calls_words(calls: &BTreeMap<&'static str, usize>) -> String {
    let total: usize = calls.values().sum();
    let parts: Vec<String> = calls.iter().map(|(op, n)| format!("{n} {op}")).collect();
    format!("**{total}** ({})", parts.join(", "))
}

fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

/// The section of bench/RESULTS.md: a heading, one table, a note; or the
/// heading and why there is no table.
pub fn section(measured: Option<&[Measured]>, terraform_version: &str) -> String {
    let mut md = format!("## {HEADING}\n\n");
    let Some(measured) = measured else {
        md.push_str(&format!(
            "Skipped: hashicorp/aws {} is not in a filesystem mirror (`/opt/tf-plugins`, or \
             `EVB_AWS_PROVIDER_MIRROR`).\n",
            peer_aws::VERSION
        ));
        return md;
    };
    md.push_str(&format!(
        "The same configuration once with each provider: Terraform {terraform_version}, moto behind the fault \
         proxy, `-parallelism=10`, one run each (`cargo bench --bench provider -- --peer`).\n\n\
         | configuration, command | provider | wall | provider peak RSS | provider CPU | AWS calls |\n\
         |---|---|---|---|---|---|\n"
    ));
    for m in measured {
        md.push_str(&format!(
            "| {}, `{}` | {} | {} | **{:.1} MB** | **{:.2} s** ({} process(es)) | {} |\n",
            m.workload,
            m.command,
            provider_label(m.provider),
            secs(m.cost.wall),
            m.cost.provider_peak_rss_kib as f64 / 1024.0,
            m.cost.provider_cpu,
            m.cost.providers_seen,
            calls_words(&m.calls)
        ));
    }
    md.push_str(
        "\nNotes: peak RSS is the largest VmHWM of the provider processes Terraform started for the command; \
         CPU is the sum over them (threads' run time, or the process's user + system ticks when larger: a Go \
         provider's threads may end before the last sample). AWS calls are counted at the proxy, STS and \
         metadata calls excluded (hashicorp/aws is told to skip them). Figures of one run each; not asserted \
         anywhere.\n",
    );
    md
}

pub const HEADING: &str = "Side by side with hashicorp/aws";
