//! Bounded property tests: no panic on arbitrary bytes, and arbitrary
//! well-typed values round-trip through the codec and go through
//! validation and planning without a panic.

use std::sync::Arc;

use proptest::prelude::*;
use terraform_provider_eventbridge::aws::poll::PollPolicy;
use terraform_provider_eventbridge::aws::AwsClient;
use terraform_provider_eventbridge::connection::schema::schema;
use terraform_provider_eventbridge::connection::ConnectionResource;
use terraform_provider_eventbridge::tfplugin::{
    decode_json, decode_msgpack, encode_msgpack, ClientCapabilities, Context, Diagnostics, Number, PlanRequest,
    Resource, StopSignal, Type, Value,
};

fn value_of(ty: &Type) -> BoxedStrategy<Value> {
    let special = prop_oneof![Just(Value::Null), Just(Value::Unknown)];
    let known: BoxedStrategy<Value> = match ty {
        Type::String => prop_oneof![".{0,12}", "[a-zA-Z0-9._-]{1,70}", Just(String::new())]
            .prop_map(Value::String)
            .boxed(),
        Type::Bool => any::<bool>().prop_map(Value::Bool).boxed(),
        Type::Number => prop_oneof![
            any::<i64>().prop_map(|i| Value::Number(Number::Int(i))),
            // Whole floats travel as integers (as cty writes them), so only
            // fractional ones are expected back as floats.
            any::<f64>()
                .prop_filter("finite and fractional", |f| f.is_finite() && f.fract() != 0.0)
                .prop_map(|f| Value::Number(Number::Float(f))),
        ]
        .boxed(),
        Type::List(elem) => proptest::collection::vec(value_of(elem), 0..3)
            .prop_map(Value::List)
            .boxed(),
        Type::Set(elem) => proptest::collection::vec(value_of(elem), 0..3)
            .prop_map(Value::Set)
            .boxed(),
        Type::Map(elem) => proptest::collection::btree_map("[a-z]{1,4}", value_of(elem), 0..3)
            .prop_map(Value::Map)
            .boxed(),
        Type::Object(attrs) => {
            let fields: Vec<BoxedStrategy<(String, Value)>> = attrs
                .iter()
                .map(|(name, t)| {
                    let name = name.clone();
                    value_of(t).prop_map(move |v| (name.clone(), v)).boxed()
                })
                .collect();
            fields.prop_map(|f| Value::Object(f.into_iter().collect())).boxed()
        }
        Type::Tuple(_) | Type::Dynamic => Just(Value::Null).boxed(),
    };
    prop_oneof![1 => special, 6 => known].boxed()
}

fn context() -> Context<AwsClient> {
    let config = aws_sdk_eventbridge::Config::builder()
        .behavior_version_latest()
        .region(aws_sdk_eventbridge::config::Region::new("us-east-1"))
        .build();
    let client = aws_sdk_eventbridge::Client::from_conf(config);
    let aws = AwsClient::new(
        "us-east-1".into(),
        Box::new(move |_| client.clone()),
        PollPolicy::default(),
    );
    Context {
        client: Arc::new(aws),
        stop: StopSignal::never(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_the_decoders(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let ty = schema().value_type();
        let _ = decode_msgpack(&bytes, &ty);
        let _ = decode_json(&bytes, &ty, false);
        let _ = decode_json(&bytes, &ty, true);
    }

    #[test]
    fn well_typed_values_round_trip_validate_and_plan_without_panic(
        prior in value_of(&schema().value_type()),
        config in value_of(&schema().value_type()),
    ) {
        let ty = schema().value_type();
        for v in [&prior, &config] {
            let bytes = encode_msgpack(v, &ty).expect("a well-typed value encodes");
            prop_assert_eq!(&decode_msgpack(&bytes, &ty).expect("and decodes"), v);
        }
        let mut diags = Diagnostics::new();
        let caps = ClientCapabilities { write_only_attributes_allowed: true, deferral_allowed: false };
        ConnectionResource.validate_config(&config, caps, &mut diags);
        let runtime = tokio::runtime::Builder::new_current_thread().build().expect("runtime");
        let ctx = context();
        let planned = runtime.block_on(ConnectionResource.plan(&ctx, PlanRequest {
            prior_state: &prior,
            proposed_new_state: &config,
            config: &config,
            prior_private: &[],
            capabilities: caps,
        }));
        // Whatever the input, the plan is a value of the resource's type.
        prop_assert!(encode_msgpack(&planned.planned_state, &ty).is_ok());
    }
}
