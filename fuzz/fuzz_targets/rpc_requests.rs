//! Every RPC's request handling on arbitrary bytes: the first byte picks
//! the RPC, the rest is decoded as its protobuf request and handed to the
//! provider's service in process (no AWS call is reachable: the provider is
//! not configured, so resource RPCs stop at "not configured").
#![no_main]

use libfuzzer_sys::fuzz_target;
use prost::Message;
use terraform_provider_eventbridge::provider::EventBridgeProvider;
use terraform_provider_eventbridge::tfplugin::proto::tfplugin6 as pb;
use terraform_provider_eventbridge::tfplugin::proto::tfplugin6::provider_server::Provider as _;
use terraform_provider_eventbridge::tfplugin::ProviderService;
use tonic::Request;

fuzz_target!(|data: &[u8]| {
    let Some((&which, body)) = data.split_first() else { return };
    let runtime = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
    let service = ProviderService::new(EventBridgeProvider);
    runtime.block_on(async {
        macro_rules! call {
            ($method:ident, $request:ty) => {
                if let Ok(req) = <$request>::decode(body) {
                    let _ = service.$method(Request::new(req)).await;
                }
            };
        }
        match which % 12 {
            0 => call!(validate_provider_config, pb::validate_provider_config::Request),
            1 => call!(validate_resource_config, pb::validate_resource_config::Request),
            2 => call!(validate_data_resource_config, pb::validate_data_resource_config::Request),
            3 => call!(upgrade_resource_state, pb::upgrade_resource_state::Request),
            4 => call!(upgrade_resource_identity, pb::upgrade_resource_identity::Request),
            5 => call!(read_resource, pb::read_resource::Request),
            6 => call!(plan_resource_change, pb::plan_resource_change::Request),
            7 => call!(apply_resource_change, pb::apply_resource_change::Request),
            8 => call!(import_resource_state, pb::import_resource_state::Request),
            9 => call!(move_resource_state, pb::move_resource_state::Request),
            10 => call!(read_data_source, pb::read_data_source::Request),
            _ => call!(get_provider_schema, pb::get_provider_schema::Request),
        }
    });
});
