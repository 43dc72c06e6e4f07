//! Tier 4 for `data "eventbridge_connection"`: real terraform, the emulator.

use support::terraform::Workdir;

const PROVIDER: &str = include_str!("../../examples/provider/provider.tf");
const INVOCATION: &str = include_str!("../../examples/resources/eventbridge_connection/invocation_http_parameters.tf");
const DATA_SOURCE_EXAMPLE: &str = include_str!("../../examples/data-sources/eventbridge_connection/data-source.tf");

const READ_BACK: &str = r#"
data "eventbridge_connection" "read" {
  name = eventbridge_connection.invocation.name
}

output "arn_matches" {
  value = data.eventbridge_connection.read.arn == eventbridge_connection.invocation.arn
}
output "secret_arn" {
  value = data.eventbridge_connection.read.secret_arn
}
output "authorization_type" {
  value = data.eventbridge_connection.read.authorization_type
}
output "description" {
  value = data.eventbridge_connection.read.description
}
output "state" {
  value = data.eventbridge_connection.read.connection_state
}
output "username" {
  value = data.eventbridge_connection.read.auth_parameters[0].basic[0].username
}
output "body" {
  value = data.eventbridge_connection.read.auth_parameters[0].invocation_http_parameters[0].body
}
output "created" {
  value = data.eventbridge_connection.read.creation_time
}
"#;

#[test]
fn the_data_source_reads_everything_but_the_secrets() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let wd = Workdir::new(&format!("{PROVIDER}\n{INVOCATION}\n{READ_BACK}"));
    wd.use_endpoint(&emulator.endpoint);
    wd.init();
    wd.run(&["apply", "-auto-approve", "-input=false", "-no-color"]).ok();
    let out = wd.run(&["output", "-json", "-no-color"]).ok();
    let outputs: serde_json::Value = serde_json::from_str(&out.stdout).expect("outputs");
    assert_eq!(outputs["arn_matches"]["value"], true);
    assert!(outputs["secret_arn"]["value"]
        .as_str()
        .unwrap()
        .starts_with("arn:aws:secretsmanager:"));
    assert_eq!(outputs["authorization_type"]["value"], "BASIC");
    assert_eq!(outputs["description"]["value"], "Orders API with invocation parameters");
    assert_eq!(outputs["state"]["value"], "AUTHORIZED");
    assert_eq!(outputs["username"]["value"], "orders");
    assert!(outputs["created"]["value"].as_str().unwrap().starts_with("20"));
    let body = outputs["body"]["value"].as_array().unwrap();
    assert_eq!(body[0]["value"], "eventbridge");
    assert_eq!(body[1]["key"], "signing-key");
    assert!(
        body[1]["value"].is_null(),
        "a secret value must not be exposed: {}",
        body[1]
    );
    assert!(!out.stdout.contains("example-orders-password") && !out.stdout.contains("example-signing-key"));
    wd.run(&["destroy", "-auto-approve", "-input=false", "-no-color"]).ok();
}

#[test]
fn the_registry_example_reads_a_connection_created_before() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let wd = Workdir::new(&format!("{PROVIDER}\n{INVOCATION}"));
    wd.use_endpoint(&emulator.endpoint);
    wd.init();
    wd.run(&["apply", "-auto-approve", "-input=false", "-no-color"]).ok();
    wd.write("data.tf", DATA_SOURCE_EXAMPLE);
    wd.run(&["apply", "-auto-approve", "-input=false", "-no-color"]).ok();
    let out = wd.run(&["output", "-json", "-no-color"]).ok();
    let outputs: serde_json::Value = serde_json::from_str(&out.stdout).expect("outputs");
    assert_eq!(outputs["orders_connection"]["value"]["username"], "orders");
    assert_eq!(outputs["orders_connection"]["value"]["state"], "AUTHORIZED");
}

#[test]
fn a_missing_connection_is_a_clear_error() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let wd = Workdir::new(&format!(
        "{PROVIDER}\ndata \"eventbridge_connection\" \"x\" {{\n  name = \"nope\"\n}}\n"
    ));
    wd.use_endpoint(&emulator.endpoint);
    wd.init();
    let out = wd.run(&["plan", "-input=false", "-no-color"]);
    assert_ne!(out.status_code, 0);
    let text = format!("{}{}", out.stdout, out.stderr);
    assert!(
        text.contains("Connection not found") && text.contains("\"nope\""),
        "{text}"
    );
}
