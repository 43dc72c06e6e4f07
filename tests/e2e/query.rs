//! `terraform query` end to end (list resources, Terraform 1.14 or later):
//! the example query file run by the real Terraform against the emulator
//! behind the fault proxy. Skipped, with one line, when the Terraform under
//! test (`TERRAFORM`) is older: none installable here speaks protocol 6.10,
//! so the protocol tier's tests in `tests/protocol/list_resource.rs` carry
//! the proof.

use support::fault_proxy::FaultProxy;
use support::terraform::Workdir;

const PROVIDER: &str = include_str!("../../examples/provider/provider.tf");
const QUERY: &str = include_str!("../../examples/list-resources/eventbridge_connection/list-resource.tfquery.hcl");

#[test]
fn terraform_query_lists_connections_and_generates_import_configuration() {
    if support::terraform::find_or_skip().is_none() {
        return;
    }
    if !support::terraform::at_least_or_skip((1, 14), "terraform query") {
        return;
    }
    let Some(emulator) = support::emulator::start_or_skip() else {
        return;
    };
    let proxy = FaultProxy::start(emulator.port);
    for name in ["crm-orders", "crm-billing", "erp-ledger"] {
        let (status, body) = proxy.call(
            "us-east-1",
            "CreateConnection",
            serde_json::json!({"Name": name, "AuthorizationType": "API_KEY",
                "AuthParameters": {"ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "query-secret"}}}),
        );
        assert_eq!(status, 200, "{body}");
    }
    let wd = Workdir::new(PROVIDER);
    wd.write("list.tfquery.hcl", QUERY);
    wd.use_endpoint(&proxy.endpoint);
    wd.init();

    let listed = wd.run(&["query", "-no-color"]).ok();
    let text = format!("{}{}", listed.stdout, listed.stderr);
    assert!(text.contains("crm-orders") && text.contains("crm-billing"), "{text}");
    assert!(!text.contains("erp-ledger"), "the name prefix filters: {text}");
    assert!(!text.contains("query-secret"), "{text}");

    wd.run(&["query", "-no-color", "-generate-config-out=generated.tf"])
        .ok();
    let generated = wd.read("generated.tf");
    assert!(
        generated.contains("import {") && generated.contains("crm-orders"),
        "{generated}"
    );
    assert!(generated.contains("eventbridge_connection"), "{generated}");
    assert!(!generated.contains("query-secret"), "{generated}");
}
