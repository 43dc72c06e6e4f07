//! Tier 4 for `eventbridge_connection`: the real `terraform` binary against
//! the emulator, on the registry examples (so they cannot rot) and on the
//! update, replacement, import and drift stories users depend on.
//! Only behaviour the emulator shares with AWS is asserted here.

use support::emulator::Emulator;
use support::terraform::Workdir;

const PROVIDER: &str = include_str!("../../examples/provider/provider.tf");
const RESOURCE: &str = include_str!("../../examples/resources/eventbridge_connection/resource.tf");
const BASIC: &str = include_str!("../../examples/resources/eventbridge_connection/basic.tf");
const OAUTH: &str = include_str!("../../examples/resources/eventbridge_connection/oauth.tf");
const INVOCATION: &str = include_str!("../../examples/resources/eventbridge_connection/invocation_http_parameters.tf");
const TIMEOUTS: &str = include_str!("../../examples/resources/eventbridge_connection/timeouts.tf");
const REGION: &str = include_str!("../../examples/resources/eventbridge_connection/region.tf");

/// The value of `var.crm_api_key` in resource.tf.
const CRM_API_KEY: &str = "example-api-key-value";

fn workdir(emulator: &Emulator, resources: &str) -> Workdir {
    let wd = Workdir::new(&format!("{PROVIDER}\n{resources}"));
    wd.use_endpoint(&emulator.endpoint);
    wd.env("TF_VAR_crm_api_key", CRM_API_KEY);
    wd.env("TF_VAR_orders_api_key", CRM_API_KEY);
    wd.init();
    wd
}

fn apply(wd: &Workdir) -> String {
    wd.run(&["apply", "-auto-approve", "-input=false", "-no-color"])
        .ok()
        .stdout
}

fn plan_text(wd: &Workdir) -> String {
    let out = wd.run(&["plan", "-input=false", "-no-color"]).ok();
    out.stdout
}

fn assert_no_changes(wd: &Workdir) {
    let code = wd.plan_exit_code();
    assert_eq!(code, 0, "expected no changes:\n{}", plan_text(wd));
}

/// The story every example goes through: create, no-op plan, import into
/// an empty state, update in place, rename (replace), destroy.
fn lifecycle(example: &str, address: &str, name: &str, description: &str, region: &str) {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let wd = workdir(&emulator, example);
    apply(&wd);
    assert_eq!(emulator.connection_names_in(region), [name]);
    assert_no_changes(&wd);

    // Import into an empty state: every non-secret attribute comes back, so
    // the plan can only be about the secrets to set.
    let fresh = workdir(&emulator, example);
    let id = if region == "us-east-1" {
        name.to_string()
    } else {
        format!("{name}@{region}")
    };
    fresh.run(&["import", "-input=false", "-no-color", address, &id]).ok();
    let plan = plan_text(&fresh);
    assert!(plan.contains("update in-place"), "{plan}");
    assert!(
        !plan.contains("must be replaced") && !plan.contains("will be destroyed"),
        "{plan}"
    );
    for line in plan
        .lines()
        .filter(|l| l.trim_start().starts_with('~') && l.contains('='))
    {
        assert!(
            line.contains("(sensitive value)") || line.contains("{") || line.contains("->"),
            "unexpected change {line}"
        );
    }
    fresh.run(&["state", "rm", "-no-color", address]).ok();

    // In-place update of the description.
    wd.write(
        "main.tf",
        &format!("{PROVIDER}\n{}", example.replace(description, "changed by the test")),
    );
    let out = apply(&wd);
    assert!(out.contains("1 changed"), "{out}");
    assert_eq!(
        emulator.describe(name, region).unwrap()["Description"],
        "changed by the test"
    );
    assert_no_changes(&wd);

    // A new name replaces the connection.
    let renamed = format!("{name}-renamed");
    let name_line = format!("\"{name}\"");
    wd.write(
        "main.tf",
        &format!(
            "{PROVIDER}\n{}",
            example
                .replace(description, "changed by the test")
                .replace(&name_line, &format!("\"{renamed}\""))
        ),
    );
    let out = apply(&wd);
    assert!(out.contains("1 added") && out.contains("1 destroyed"), "{out}");
    assert_eq!(emulator.connection_names_in(region), [renamed.as_str()]);
    assert_no_changes(&wd);

    wd.run(&["destroy", "-auto-approve", "-input=false", "-no-color"]).ok();
    assert!(emulator.connection_names_in(region).is_empty());
}

#[test]
fn resource_example_lifecycle() {
    lifecycle(
        RESOURCE,
        "eventbridge_connection.crm",
        "crm-api",
        "CRM webhook",
        "us-east-1",
    );
}

#[test]
fn basic_example_lifecycle() {
    lifecycle(
        BASIC,
        "eventbridge_connection.basic",
        "billing-basic",
        "Billing API, basic authorization",
        "us-east-1",
    );
}

#[test]
fn oauth_example_lifecycle() {
    lifecycle(
        OAUTH,
        "eventbridge_connection.oauth",
        "partner-oauth",
        "Partner API, OAuth client credentials",
        "us-east-1",
    );
}

#[test]
fn invocation_http_parameters_example_lifecycle() {
    lifecycle(
        INVOCATION,
        "eventbridge_connection.invocation",
        "orders-invocation",
        "Orders API with invocation parameters",
        "us-east-1",
    );
}

#[test]
fn timeouts_example_lifecycle() {
    lifecycle(
        TIMEOUTS,
        "eventbridge_connection.slow_partner",
        "slow-partner-oauth",
        "Partner whose token endpoint is slow",
        "us-east-1",
    );
}

#[test]
fn region_example_lifecycle() {
    lifecycle(
        REGION,
        "eventbridge_connection.eu",
        "crm-api-eu",
        "CRM webhook, European tenant",
        "eu-west-1",
    );
}

const SWITCHING: &str = r#"
resource "eventbridge_connection" "switch" {
  name               = "switching"
  description        = "starts as an API key"
  authorization_type = "API_KEY"
  auth_parameters {
    api_key {
      key   = "x-api-key"
      value = "first-key"
    }
    invocation_http_parameters {
      header {
        key   = "x-one"
        value = "1"
      }
    }
  }
}
"#;

#[test]
fn parameters_and_authorization_type_change_in_place() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let wd = workdir(&emulator, SWITCHING);
    apply(&wd);
    let arn = emulator.describe("switching", "us-east-1").unwrap()["ConnectionArn"].clone();

    // Add a parameter and a secret one.
    let more = SWITCHING.replace(
        "      header {\n        key   = \"x-one\"",
        "      query_string {\n        key = \"q\"\n        value = \"2\"\n      }\n      header {\n        key = \"x-secret\"\n        value = \"s\"\n        is_value_secret = true\n      }\n      header {\n        key   = \"x-one\"",
    );
    wd.write("main.tf", &format!("{PROVIDER}\n{more}"));
    assert!(apply(&wd).contains("1 changed"));
    assert_no_changes(&wd);
    let described = emulator.describe("switching", "us-east-1").unwrap();
    let headers = &described["AuthParameters"]["InvocationHttpParameters"]["HeaderParameters"];
    assert_eq!(headers.as_array().unwrap().len(), 2, "{described}");

    // Switch to BASIC in place.
    let basic = more
        .replace("authorization_type = \"API_KEY\"", "authorization_type = \"BASIC\"")
        .replace(
            "api_key {\n      key   = \"x-api-key\"\n      value = \"first-key\"",
            "basic {\n      username = \"u\"\n      password = \"p\"",
        );
    wd.write("main.tf", &format!("{PROVIDER}\n{basic}"));
    let out = apply(&wd);
    assert!(out.contains("1 changed") && out.contains("0 destroyed"), "{out}");
    let described = emulator.describe("switching", "us-east-1").unwrap();
    assert_eq!(described["AuthorizationType"], "BASIC");
    assert_eq!(described["ConnectionArn"], arn, "updated in place, not replaced");
    assert_no_changes(&wd);
}

#[test]
fn removing_description_and_invocation_parameters_clears_them_in_aws() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let wd = workdir(&emulator, SWITCHING);
    apply(&wd);
    let bare = SWITCHING
        .replace("  description        = \"starts as an API key\"\n", "")
        .replace("    invocation_http_parameters {\n      header {\n        key   = \"x-one\"\n        value = \"1\"\n      }\n    }\n", "");
    assert!(
        !bare.contains("invocation_http_parameters") && !bare.contains("description"),
        "{bare}"
    );
    wd.write("main.tf", &format!("{PROVIDER}\n{bare}"));
    assert!(apply(&wd).contains("1 changed"));
    let described = emulator.describe("switching", "us-east-1").unwrap();
    assert!(
        described["Description"].as_str().unwrap_or_default().is_empty(),
        "{described}"
    );
    let invocation = &described["AuthParameters"]["InvocationHttpParameters"];
    let remaining = ["HeaderParameters", "BodyParameters", "QueryStringParameters"]
        .iter()
        .map(|k| invocation[k].as_array().map_or(0, Vec::len))
        .sum::<usize>();
    assert_eq!(remaining, 0, "{described}");
    // No permanent diff (the reference provider's issue #37814).
    assert_no_changes(&wd);
}

#[test]
fn drift_deleted_outside_terraform_plans_a_create() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let wd = workdir(&emulator, SWITCHING);
    apply(&wd);
    emulator.delete_connection("switching", "us-east-1");
    let plan = plan_text(&wd);
    assert!(plan.contains("will be created"), "{plan}");
    apply(&wd);
    assert_eq!(emulator.connection_names(), ["switching"]);
}

#[test]
fn drift_description_changed_outside_terraform_is_restored() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let wd = workdir(&emulator, SWITCHING);
    apply(&wd);
    emulator.update_description("switching", "us-east-1", "edited in the console");
    let plan = plan_text(&wd);
    assert!(
        plan.contains("edited in the console") && plan.contains("update in-place"),
        "{plan}"
    );
    apply(&wd);
    assert_eq!(
        emulator.describe("switching", "us-east-1").unwrap()["Description"],
        "starts as an API key"
    );
    assert_no_changes(&wd);
}

#[test]
fn region_per_resource_and_import_by_name_at_region() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let elsewhere = SWITCHING.replace(
        "  authorization_type = \"API_KEY\"",
        "  authorization_type = \"API_KEY\"\n  region             = \"eu-west-1\"",
    );
    let wd = workdir(&emulator, &elsewhere);
    apply(&wd);
    assert!(emulator.describe("switching", "eu-west-1").is_some());
    assert!(emulator.describe("switching", "us-east-1").is_none());
    assert_no_changes(&wd);

    let fresh = workdir(&emulator, &elsewhere);
    fresh
        .run(&[
            "import",
            "-input=false",
            "-no-color",
            "eventbridge_connection.switch",
            "switching@eu-west-1",
        ])
        .ok();
    let plan = plan_text(&fresh);
    assert!(!plan.contains("must be replaced"), "{plan}");
    fresh
        .run(&["state", "rm", "-no-color", "eventbridge_connection.switch"])
        .ok();
    wd.run(&["destroy", "-auto-approve", "-input=false", "-no-color"]).ok();
}

#[test]
fn invalid_configurations_are_rejected_at_plan_time_pointing_at_the_attribute() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let wd = workdir(&emulator, &SWITCHING.replace("\"switching\"", "\"bad name!\""));
    let out = wd.run(&["plan", "-input=false", "-no-color"]);
    assert_ne!(out.status_code, 0);
    let text = format!("{}{}", out.stdout, out.stderr);
    assert!(text.contains("name"), "{text}");
    assert!(!text.contains("panic"), "{text}");

    wd.write(
        "main.tf",
        &format!(
            "{PROVIDER}\n{}",
            SWITCHING.replace("authorization_type = \"API_KEY\"", "authorization_type = \"BASIC\"")
        ),
    );
    let out = wd.run(&["plan", "-input=false", "-no-color"]);
    assert_ne!(out.status_code, 0);
    let text = format!("{}{}", out.stdout, out.stderr);
    assert!(text.contains("api_key") && text.contains("BASIC"), "{text}");
    assert!(!text.contains("first-key"), "secret in an error message: {text}");
    assert!(emulator.connection_names().is_empty());
}

const WRITE_ONLY: &str = include_str!("../../examples/resources/eventbridge_connection/write-only/main.tf");

/// Every file Terraform wrote in the working directory (state, backups,
/// saved plans, lock file), as text: everything but the configuration.
fn everything_written(wd: &Workdir) -> String {
    let mut all = String::new();
    for entry in std::fs::read_dir(wd.path()).unwrap().flatten() {
        let is_config = entry.path().extension().is_some_and(|e| e == "tf" || e == "tfrc");
        if entry.path().is_file() && !is_config {
            all.push_str(&String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()));
        }
    }
    all
}

#[test]
fn write_only_secrets_never_reach_plan_or_state() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let wd = workdir(&emulator, WRITE_ONLY);
    if support::terraform::terraform_version() < (1, 11) {
        // Older Terraform would store them: refused, naming the version needed.
        let out = wd.run(&["plan", "-input=false", "-no-color"]);
        assert_ne!(out.status_code, 0);
        let text = format!("{}{}", out.stdout, out.stderr);
        assert!(
            text.contains("Terraform 1.11 or later") && text.contains("value_wo"),
            "{text}"
        );
        return;
    }
    // Shown neither in the plan nor the apply output (write-only values
    // are not marked sensitive: Terraform never shows or stores them).
    let planned = wd
        .run(&["plan", "-out=tfplan", "-input=false", "-no-color"])
        .ok()
        .stdout;
    let applied = wd.run(&["apply", "-input=false", "-no-color", "tfplan"]).ok().stdout;
    let shown = wd.run(&["show", "-json", "-no-color"]).ok().stdout;
    let written = everything_written(&wd) + &shown + &planned + &applied;
    for secret in ["wo-key-first", "wo-header-first"] {
        assert!(!written.contains(secret), "{secret} reached plan or state");
    }
    let created = emulator.requests("CreateConnection");
    assert_eq!(
        created[0]["AuthParameters"]["ApiKeyAuthParameters"]["ApiKeyValue"],
        "wo-key-first"
    );
    let headers = &created[0]["AuthParameters"]["InvocationHttpParameters"]["HeaderParameters"];
    assert_eq!(headers[0]["Value"], "wo-header-first");
    assert_no_changes(&wd);

    // A new write-only value alone is invisible to Terraform: no change.
    let rotated = WRITE_ONLY.replace("wo-key-first", "wo-key-second");
    wd.write("main.tf", &format!("{PROVIDER}\n{rotated}"));
    assert_no_changes(&wd);

    // Another change without a new version leaves the stored secrets alone.
    let described = rotated.replace("secrets kept out of state", "still out of state");
    wd.write("main.tf", &format!("{PROVIDER}\n{described}"));
    apply(&wd);
    let updates = emulator.requests("UpdateConnection");
    assert_eq!(updates.len(), 1);
    assert!(!updates[0].to_string().contains("wo-key-second"), "{}", updates[0]);

    // A new version sends the current write-only values.
    let bumped = described.replace("secrets_wo_version = 1", "secrets_wo_version = 2");
    wd.write("main.tf", &format!("{PROVIDER}\n{bumped}"));
    apply(&wd);
    let updates = emulator.requests("UpdateConnection");
    assert_eq!(updates.len(), 2);
    assert_eq!(
        updates[1]["AuthParameters"]["ApiKeyAuthParameters"]["ApiKeyValue"],
        "wo-key-second"
    );
    assert_no_changes(&wd);
    assert!(!everything_written(&wd).contains("wo-key-second"));
    wd.run(&["destroy", "-auto-approve", "-input=false", "-no-color"]).ok();
}

#[test]
fn debug_logs_show_each_aws_call_and_trace_logs_show_no_secret() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let wd = workdir(&emulator, SWITCHING);
    wd.env("TF_LOG", "trace");
    let out = wd.run(&["apply", "-auto-approve", "-input=false", "-no-color"]).ok();
    let log = format!("{}{}", out.stdout, out.stderr);
    assert!(
        log.contains("AWS CreateConnection \"switching\""),
        "no call line in the log"
    );
    assert!(log.contains("AWS DescribeConnection \"switching\""));
    assert!(log.contains("request_id="), "request ids missing");
    assert!(!log.contains("first-key"), "the API key is in the trace log");
    wd.env("TF_LOG", "");
    wd.run(&["destroy", "-auto-approve", "-input=false", "-no-color"]).ok();
}

/// Every kind of secret, each a recognisable marker.
const ALL_SECRETS: &str = r#"
resource "eventbridge_connection" "oauth" {
  name               = "secret-oauth"
  authorization_type = "OAUTH_CLIENT_CREDENTIALS"
  auth_parameters {
    oauth {
      authorization_endpoint = "https://auth.example.com/token"
      http_method            = "POST"
      client_parameters {
        client_id     = "client"
        client_secret = "MARKER-client-secret"
      }
      oauth_http_parameters {
        body {
          key             = "assertion"
          value           = "MARKER-oauth-body"
          is_value_secret = true
        }
      }
    }
    invocation_http_parameters {
      header {
        key             = "x-signature"
        value           = "MARKER-invocation-header"
        is_value_secret = true
      }
    }
  }
}

resource "eventbridge_connection" "key" {
  name               = "secret-key"
  authorization_type = "API_KEY"
  auth_parameters {
    api_key {
      key   = "x-api-key"
      value = "MARKER-api-key"
    }
  }
}

resource "eventbridge_connection" "basic" {
  name               = "secret-basic"
  authorization_type = "BASIC"
  auth_parameters {
    basic {
      username = "user"
      password = "MARKER-password"
    }
  }
}
"#;

#[test]
fn no_secret_reaches_the_trace_logs_over_a_whole_lifecycle() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let wd = workdir(&emulator, ALL_SECRETS);
    wd.env("TF_LOG", "trace");
    let mut log = String::new();
    let mut step = |args: &[&str]| {
        let out = wd.run(args);
        log.push_str(&out.stdout);
        log.push_str(&out.stderr);
        out
    };
    step(&["apply", "-auto-approve", "-input=false", "-no-color"]).ok();
    step(&["plan", "-input=false", "-no-color"]).ok();
    let rotated = ALL_SECRETS
        .replace("MARKER-password", "MARKER-password-2")
        .replace("MARKER-api-key", "MARKER-api-key-2");
    wd.write("main.tf", &format!("{PROVIDER}\n{rotated}"));
    step(&["apply", "-auto-approve", "-input=false", "-no-color"]).ok();
    step(&["destroy", "-auto-approve", "-input=false", "-no-color"]).ok();
    assert!(
        log.contains("AWS CreateConnection"),
        "the provider's own trace lines are in the log"
    );
    let leaked: Vec<&str> = log.lines().filter(|l| l.contains("MARKER-")).collect();
    assert!(leaked.is_empty(), "secrets reached the log:\n{}", leaked.join("\n"));
}

/// `(Terraform 1.11 or later)` in an example's opening comment: the
/// (major, minor) version it needs.
fn needs_terraform(example: &str) -> Option<(u32, u32)> {
    let version = example.split("(Terraform ").nth(1)?.split(" or later)").next()?;
    let mut parts = version.split('.').map(|p| p.parse::<u32>().ok());
    Some((parts.next()??, parts.next()??))
}

/// Every example file under `examples/resources` and `examples/data-sources`
/// (a `*.tf` file, or `main.tf` in a subdirectory), found on disk.
fn every_example() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let entries = |dir: std::path::PathBuf| -> Vec<std::path::PathBuf> {
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("directory entry").path())
            .collect();
        paths.sort();
        paths
    };
    let mut examples = Vec::new();
    for kind in ["resources", "data-sources"] {
        for type_dir in entries(root.join(kind)) {
            for path in entries(type_dir) {
                if path.is_dir() {
                    examples.push(path.join("main.tf"));
                } else if path.extension().is_some_and(|e| e == "tf") {
                    examples.push(path);
                }
            }
        }
    }
    examples
}

/// Every example, those added later too, validates and plans with the
/// terraform under test, unless it names a newer Terraform. Those that
/// apply against the emulator have a lifecycle test above; a customer
/// managed KMS key and private endpoints need resources in an AWS account,
/// a data source and an import read AWS at plan time: those stop at what
/// the emulator can take.
#[test]
fn every_example_validates_and_plans() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let version = support::terraform::terraform_version();
    let examples = every_example();
    assert!(examples.len() >= 10, "{examples:?}");
    for path in examples {
        let example = std::fs::read_to_string(&path).expect("example");
        let shown = path.display();
        if needs_terraform(&example).is_some_and(|needed| needed > version) {
            continue;
        }
        // Composed with another provider's resources: an example only,
        // whose provider cannot be installed here; its form is checked.
        if example.contains("source  = \"hashicorp/aws\"") {
            let fmt = std::process::Command::new(support::terraform::terraform_binary())
                .args(["fmt", "-check", "-no-color"])
                .arg(&path)
                .output()
                .expect("terraform fmt");
            assert!(fmt.status.success(), "{shown} is not formatted as terraform fmt would");
            continue;
        }
        let file = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let reads_aws_at_plan = file.starts_with("import") || shown.to_string().contains("/data-sources/");
        // An import block needs the resource it imports into: its type's
        // main example.
        let config = if file.starts_with("import") {
            let main = std::fs::read_to_string(path.with_file_name("resource.tf")).expect("resource.tf");
            format!("{main}\n{example}")
        } else {
            example.clone()
        };
        let wd = workdir(&emulator, &config);
        let validate = wd.run(&["validate", "-no-color"]);
        assert_eq!(
            validate.status_code, 0,
            "{shown}:\n{}{}",
            validate.stdout, validate.stderr
        );
        if !reads_aws_at_plan {
            let plan = wd.run(&["plan", "-input=false", "-no-color"]);
            assert_eq!(plan.status_code, 0, "{shown}:\n{}{}", plan.stdout, plan.stderr);
            assert!(plan.stdout.contains("to add"), "{shown}:\n{}", plan.stdout);
        }
    }
    assert!(emulator.connection_names().is_empty());
}

#[test]
fn examples_say_which_terraform_they_need() {
    assert_eq!(
        needs_terraform("# Write-only secrets (Terraform 1.11 or later): x"),
        Some((1, 11))
    );
    assert_eq!(needs_terraform("# Basic authorization: x"), None);
}
