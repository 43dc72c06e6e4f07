//! Plan refuses what AWS refuses, also for values Terraform only knows at
//! apply: they are checked before any call, so AWS never sees them.

use support::fault_proxy::FaultProxy;
use support::terraform::Workdir;

const PROVIDER: &str = include_str!("../../examples/provider/provider.tf");

/// `late`'s description holds `early`'s ARN, unknown until `early` exists,
/// so validation can only see it at apply; it also holds a line break,
/// which AWS refuses in a description.
fn late_description() -> String {
    format!("{PROVIDER}\n{RESOURCES}")
}

const RESOURCES: &str = r#"
resource "eventbridge_connection" "early" {
  name               = "contract-early"
  authorization_type = "API_KEY"
  auth_parameters {
    api_key {
      key   = "x-api-key"
      value = "s3cr3t-key-value"
    }
  }
}

resource "eventbridge_connection" "late" {
  name               = "contract-late"
  description        = <<-EOT
    Calls the API behind ${eventbridge_connection.early.arn}
  EOT
  authorization_type = "API_KEY"
  auth_parameters {
    api_key {
      key   = "x-api-key"
      value = "s3cr3t-key-value"
    }
  }
}
"#;

#[test]
fn a_value_unknown_at_plan_is_checked_at_apply_before_any_call() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let proxy = FaultProxy::start(emulator.port);
    let wd = Workdir::new(&late_description());
    wd.use_endpoint(&proxy.endpoint);
    wd.init();
    assert_eq!(wd.plan_exit_code(), 2, "the plan cannot see the line break yet");

    let out = wd.run(&["apply", "-auto-approve", "-input=false", "-no-color"]);
    let text = out.stderr.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_ne!(out.status_code, 0);
    assert!(
        text.contains("Invalid description") && text.contains("a line break") && text.contains("heredoc"),
        "{text}"
    );
    assert_eq!(emulator.connection_names(), ["contract-early"]);
    assert_eq!(
        proxy.calls("CreateConnection"),
        1,
        "AWS never saw the refused description"
    );

    // The cure the message names; then the configuration is valid again.
    let fixed = late_description()
        .replace("= <<-EOT", "= chomp(<<-EOT")
        .replace("  EOT\n", "  EOT\n  )\n");
    wd.write("main.tf", &fixed);
    wd.run(&["apply", "-auto-approve", "-input=false", "-no-color"]).ok();
    assert_eq!(proxy.calls("CreateConnection"), 2);
    wd.run(&["destroy", "-auto-approve", "-input=false", "-no-color"]).ok();
    assert!(emulator.connection_names().is_empty());
}
