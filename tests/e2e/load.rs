//! Load: 100 connections with `count` and -parallelism=20 — apply, no-op
//! plan, destroy, nothing leaked — and proof that the provider serves
//! requests concurrently (no lock held across AWS calls).

use std::time::Duration;

use support::fault_proxy::{Fault, FaultProxy};
use support::terraform::Workdir;

const PROVIDER: &str = include_str!("../../examples/provider/provider.tf");

const HUNDRED: &str = r#"
resource "eventbridge_connection" "many" {
  count              = 100
  name               = "load-${count.index}"
  description        = "load test ${count.index}"
  authorization_type = "BASIC"
  auth_parameters {
    basic {
      username = "user-${count.index}"
      password = "load-secret-${count.index}"
    }
    invocation_http_parameters {
      query_string {
        key   = "n"
        value = "${count.index}"
      }
    }
  }
}
"#;

#[test]
fn a_hundred_connections_apply_plan_and_destroy_concurrently_without_leaks() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let proxy = FaultProxy::start(emulator.port);
    // Every create takes a while, as real AWS calls do: only concurrent
    // serving lets several be in flight at once.
    proxy.fail_always("CreateConnection", Fault::Slow(Duration::from_millis(200)));
    let wd = Workdir::new(&format!("{PROVIDER}\n{HUNDRED}"));
    wd.use_endpoint(&proxy.endpoint);
    wd.init();

    let out = wd
        .run(&["apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=20"])
        .ok();
    assert!(out.stdout.contains("100 added"), "{}", out.stdout);
    assert_eq!(emulator.connection_names().len(), 100);
    assert!(
        proxy.max_in_flight() >= 5,
        "the provider served only {} call(s) at a time",
        proxy.max_in_flight()
    );

    let plan = wd.run(&[
        "plan",
        "-detailed-exitcode",
        "-input=false",
        "-no-color",
        "-parallelism=20",
    ]);
    assert_eq!(plan.status_code, 0, "{}", plan.stdout);

    wd.run(&[
        "destroy",
        "-auto-approve",
        "-input=false",
        "-no-color",
        "-parallelism=20",
    ])
    .ok();
    assert!(emulator.connection_names().is_empty(), "connections leaked");
    // Counted where AWS would count them: on a loaded machine the proxy may
    // see a retry whose first attempt never reached the emulator.
    assert_eq!(emulator.requests("CreateConnection").len(), 100, "no duplicate creates");
}
