//! What the README tells a user to write, run by the real terraform: the
//! HCL blocks of "Write a configuration", together, are a configuration
//! `terraform validate` accepts; the mock block of "Testing your
//! configuration with `terraform test`" makes `terraform test` pass with a
//! mocked provider (Terraform 1.7 or later), and the run fails without it.
//! The blocks are read from README.md itself (`support::readme`), so the
//! README cannot drift from what is tested.

use support::readme;
use support::terraform::{Output, Workdir};

const PROVIDER: &str = include_str!("../../examples/provider/provider.tf");
/// A connection and an API destination on it.
const MODULE: &str = include_str!("../../examples/resources/eventbridge_api_destination/resource.tf");

#[test]
fn the_readme_configuration_section_validates_as_one_configuration() {
    if support::terraform::find_or_skip().is_none() {
        return;
    }
    let wd = Workdir::new(&readme::hcl_of_section(readme::WRITE_A_CONFIGURATION));
    wd.init();
    let out = wd.run(&["validate", "-no-color"]);
    assert_eq!(
        out.status_code,
        0,
        "README.md's {:?} is not a valid configuration:\n{}{}",
        readme::WRITE_A_CONFIGURATION,
        out.stdout,
        out.stderr
    );
    assert!(out.stdout.contains("The configuration is valid"), "{}", out.stdout);
}

/// `terraform test` on [`MODULE`] with `mock` as the mocked provider.
fn terraform_test(mock: &str) -> Output {
    let wd = Workdir::new(&format!("{PROVIDER}\n{MODULE}"));
    wd.write(
        "orders.tftest.hcl",
        &format!(
            r#"{mock}
run "the_destination_uses_its_connection" {{
  assert {{
    condition     = eventbridge_api_destination.orders.connection_arn == eventbridge_connection.orders.arn
    error_message = "the API destination does not name its connection"
  }}
}}
"#
        ),
    );
    wd.init();
    wd.run(&["test", "-no-color"])
}

#[test]
fn terraform_test_with_a_mocked_provider_needs_the_readmes_connection_arn() {
    if support::terraform::find_or_skip().is_none() {
        return;
    }
    if !support::terraform::at_least_or_skip((1, 7), "mock_provider in terraform test") {
        return;
    }
    let mock = readme::hcl_of_section(readme::TESTING);
    assert!(mock.contains("mock_provider \"eventbridge\""), "{mock}");

    let passed = terraform_test(&mock);
    assert_eq!(
        passed.status_code, 0,
        "the README's mock block:\n{}{}",
        passed.stdout, passed.stderr
    );
    assert!(passed.stdout.contains("1 passed, 0 failed"), "{}", passed.stdout);

    // Without the defaults, the mocked ARN is a random string.
    let bare = terraform_test("mock_provider \"eventbridge\" {}\n");
    assert_ne!(bare.status_code, 0, "{}", bare.stdout);
    let text = format!("{}{}", bare.stdout, bare.stderr);
    assert!(text.contains("Invalid connection ARN"), "{text}");
}
