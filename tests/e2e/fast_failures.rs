//! Failures that end fast and say what to fix, end to end with real
//! Terraform: an endpoint nothing listens on (create, refresh, import), a
//! Region that cannot exist (provider block, resource, import id), and a
//! provider whose Terraform is killed outright.

use support::fault_proxy::FaultProxy;
use support::processes;
use support::terraform::Workdir;

const PROVIDER: &str = include_str!("../../examples/provider/provider.tf");

/// The provider example and one API-key connection.
fn connection() -> String {
    format!("{PROVIDER}\n{RESOURCE}")
}

const RESOURCE: &str = r#"
resource "eventbridge_connection" "crm" {
  name               = "fast-failures"
  authorization_type = "API_KEY"
  auth_parameters {
    api_key {
      key   = "x-api-key"
      value = "s3cr3t-key-value"
    }
  }
}
"#;

const ADDRESS: &str = "eventbridge_connection.crm";

/// Terraform wraps diagnostics at 80 columns: compare words, not lines.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn apply(wd: &Workdir) -> support::terraform::Output {
    wd.run(&["apply", "-auto-approve", "-input=false", "-no-color"])
}

/// The failure names the endpoint and the Region, says it could not be
/// reached, and came after a few attempts, not the 26 of `max_retries`.
fn assert_unreachable(out: &support::terraform::Output, endpoint: &str) {
    let text = one_line(&format!("{}{}", out.stdout, out.stderr));
    assert_ne!(out.status_code, 0, "{text}");
    for part in [
        &format!("EventBridge endpoint {endpoint}"),
        "(Region us-east-1)",
        "could not be reached",
        "Connection refused",
        "3 attempts",
    ] {
        assert!(text.contains(part), "missing {part:?} in:\n{text}");
    }
    assert!(!text.contains("s3cr3t-key-value"), "{text}");
}

#[test]
fn an_endpoint_nothing_listens_on_fails_create_refresh_and_import_in_a_few_attempts() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let proxy = FaultProxy::start(emulator.port);
    let closed = support::closed_port_endpoint();

    let create = Workdir::new(&connection());
    create.use_endpoint(&closed);
    create.init();
    assert_unreachable(&apply(&create), &closed);
    assert!(emulator.connection_names().is_empty());

    let refresh = Workdir::new(&connection());
    refresh.use_endpoint(&proxy.endpoint);
    refresh.init();
    apply(&refresh).ok();
    refresh.use_endpoint(&closed);
    let plan = refresh.run(&["plan", "-input=false", "-no-color"]);
    assert_unreachable(&plan, &closed);

    let import = Workdir::new(&connection());
    import.use_endpoint(&closed);
    import.init();
    let out = import.run(&["import", "-input=false", "-no-color", ADDRESS, "fast-failures"]);
    assert_unreachable(&out, &closed);

    refresh.use_endpoint(&proxy.endpoint);
    refresh
        .run(&["destroy", "-auto-approve", "-input=false", "-no-color"])
        .ok();
}

#[test]
fn a_region_that_cannot_exist_is_refused_before_any_call() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let proxy = FaultProxy::start(emulator.port);

    let in_provider = Workdir::new(&connection().replace("region = \"us-east-1\"", "region = \"mars-1\""));
    in_provider.use_endpoint(&proxy.endpoint);
    in_provider.init();
    let out = in_provider.run(&["plan", "-input=false", "-no-color"]);
    assert_ne!(out.status_code, 0);
    let text = one_line(&out.stderr);
    assert!(
        text.contains("Invalid AWS Region") && text.contains("\"mars-1\" is not an AWS Region name"),
        "{text}"
    );

    let in_resource = Workdir::new(&connection().replace(
        "authorization_type = \"API_KEY\"",
        "authorization_type = \"API_KEY\"\n  region             = \"us-east-1x\"",
    ));
    in_resource.use_endpoint(&proxy.endpoint);
    in_resource.init();
    let out = in_resource.run(&["plan", "-input=false", "-no-color"]);
    let text = one_line(&out.stderr);
    assert!(
        text.contains("Invalid AWS Region") && text.contains("region = \"us-east-1x\""),
        "{text}"
    );

    let import = Workdir::new(&connection());
    import.use_endpoint(&proxy.endpoint);
    import.init();
    let out = import.run(&["import", "-input=false", "-no-color", ADDRESS, "does-not-exist@mars-1"]);
    assert_ne!(out.status_code, 0);
    let text = one_line(&out.stderr);
    assert!(
        text.contains("Invalid import id") && text.contains("\"mars-1\" is not an AWS Region name"),
        "{text}"
    );
    let calls: usize = ["CreateConnection", "DescribeConnection"]
        .iter()
        .map(|op| proxy.calls(op))
        .sum();
    assert_eq!(calls, 0, "no AWS call for a Region that cannot exist");
}

#[test]
fn a_provider_whose_terraform_is_killed_exits_instead_of_living_on() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let proxy = FaultProxy::start(emulator.port);
    // The connection never leaves CREATING: apply waits (for 20 minutes).
    proxy.stuck_in("CREATING");
    let wd = Workdir::new(&connection());
    wd.use_endpoint(&proxy.endpoint);
    wd.init();
    let outlived = processes::kill_terraform_and_time_its_provider(
        wd.command(&["apply", "-auto-approve", "-input=false", "-no-color"]),
        || proxy.calls("DescribeConnection") > 0,
    );
    assert!(outlived.is_some(), "the provider outlived its Terraform");
}

#[test]
fn missing_credentials_say_where_credentials_come_from_in_one_clean_sentence() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let wd = Workdir::new(&connection());
    wd.env("AWS_ENDPOINT_URL_EVENTBRIDGE", &emulator.endpoint);
    wd.env("AWS_CONFIG_FILE", "/nonexistent/config");
    wd.env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
    wd.env("AWS_EC2_METADATA_DISABLED", "true");
    wd.init();
    let out = apply(&wd);
    assert_ne!(out.status_code, 0);
    let text = one_line(&out.stderr);
    assert!(text.contains("Check the provider's credentials"), "{text}");
    assert!(!text.contains(".."), "{text}");
    assert!(emulator.connection_names().is_empty());
}
