//! Tier 4 for the provider itself: the real `terraform` binary installs the
//! provider from a filesystem mirror and drives it over TLS.

use support::terraform::Workdir;

const PROVIDER_ONLY: &str = include_str!("../../examples/provider/provider.tf");

/// A resource, so that Terraform configures the provider.
const ONE_CONNECTION: &str = r#"resource "eventbridge_connection" "x" {
  name               = "x"
  authorization_type = "API_KEY"
  auth_parameters {
    api_key {
      key   = "k"
      value = "v"
    }
  }
}
"#;

/// A working directory with the provider alone; None (the test skips) when
/// terraform is not installed.
fn provider_only() -> Option<Workdir> {
    support::terraform::find_or_skip()?;
    let wd = Workdir::new(PROVIDER_ONLY);
    wd.env("AWS_ACCESS_KEY_ID", "testing");
    wd.env("AWS_SECRET_ACCESS_KEY", "testing");
    Some(wd)
}

#[test]
fn init_installs_from_the_mirror_and_plan_runs_over_tls_with_provider_logs() {
    let Some(wd) = provider_only() else {
        return;
    };
    let init = wd.init();
    assert!(
        init.stdout.contains(support::terraform::short_address()),
        "{}",
        init.stdout
    );
    wd.run(&["validate", "-no-color"]).ok();
    wd.env("TF_LOG", "debug");
    let plan = wd.run(&["plan", "-input=false", "-no-color"]).ok();
    assert!(plan.stdout.contains("No changes"), "{}", plan.stdout);
    // TLS was on (no TF_DISABLE_PLUGIN_TLS) and our own hclog lines show up.
    assert!(
        plan.stderr.contains("@module=eventbridge"),
        "provider log lines missing:\n{}",
        plan.stderr
    );
    assert!(!plan.stderr.contains("panic"), "{}", plan.stderr);
    // Over the transport the environment asks for: `make test` runs this
    // tier once with TF_EVENTBRIDGE_PLUGIN_TRANSPORT=tcp (Windows' transport).
    let tcp = std::env::var(terraform_provider_eventbridge::tfplugin::TRANSPORT_VARIABLE).is_ok_and(|v| v == "tcp");
    let expected = if tcp { "network=tcp" } else { "network=unix" };
    let address = plan
        .stderr
        .lines()
        .find(|l| l.contains("serving Terraform"))
        .unwrap_or_else(|| panic!("the provider logged no address:\n{}", plan.stderr));
    assert!(address.contains(expected), "{address}");
    if tcp {
        assert!(address.contains("address=127.0.0.1:"), "{address}");
    }
}

#[test]
fn an_attribute_of_the_wrong_type_points_at_the_attribute() {
    let Some(wd) = provider_only() else {
        return;
    };
    wd.write(
        "main.tf",
        &PROVIDER_ONLY.replace(
            "region = \"us-east-1\"",
            "region = \"us-east-1\"\n  max_retries = \"many\"",
        ),
    );
    wd.write("resource.tf", ONE_CONNECTION);
    wd.init();
    let out = wd.run(&["plan", "-input=false", "-no-color"]);
    assert_ne!(out.status_code, 0);
    let text = format!("{}{}", out.stdout, out.stderr);
    assert!(text.contains("max_retries"), "{text}");
    assert!(!text.contains("panic") && !text.contains("crash"), "{text}");
}

#[test]
fn a_missing_region_is_a_clear_error() {
    let Some(wd) = provider_only() else {
        return;
    };
    wd.write("main.tf", &PROVIDER_ONLY.replace("region = \"us-east-1\"", ""));
    wd.env("AWS_REGION", "");
    wd.env("AWS_DEFAULT_REGION", "");
    wd.env("AWS_EC2_METADATA_DISABLED", "true");
    wd.env("AWS_CONFIG_FILE", "/nonexistent");
    wd.env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent");
    wd.write("resource.tf", ONE_CONNECTION);
    wd.init();
    let out = wd.run(&["plan", "-input=false", "-no-color"]);
    assert_ne!(out.status_code, 0);
    let text = format!("{}{}", out.stdout, out.stderr);
    assert!(text.contains("No AWS Region"), "{text}");
    assert!(!text.contains("panic") && !text.contains("crash"), "{text}");
}

#[test]
fn plan_through_debug_mode_and_tf_reattach_providers() {
    let Some(wd) = provider_only() else {
        return;
    };
    // Over the transport the environment asks for, as the provider
    // Terraform starts would be.
    let (mut child, reattach) = support::protocol::start_debug(&[]);
    wd.env("TF_REATTACH_PROVIDERS", &reattach);
    let plan = wd.run(&["plan", "-input=false", "-no-color"]);
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(plan.status_code, 0, "{}\n{}", plan.stdout, plan.stderr);
    assert!(plan.stdout.contains("No changes"), "{}", plan.stdout);
}
