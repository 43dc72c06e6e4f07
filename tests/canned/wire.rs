//! What actually goes over the wire to AWS, captured below the SDK.

use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_credential_types::Credentials;
use aws_smithy_http_client::test_util::capture_request;
use terraform_provider_eventbridge::aws::poll::PollPolicy;
use terraform_provider_eventbridge::aws::AwsClient;
use terraform_provider_eventbridge::connection::mapping;
use terraform_provider_eventbridge::connection::model::{
    AuthParameters, Basic, Connection, HttpParameters, Parameter, Secret,
};

fn connection() -> Connection {
    let param = |key: &str, secret: bool| Parameter {
        key: key.into(),
        value: Some(Secret(format!("{key}-value"))),
        value_wo: None,
        is_value_secret: secret,
    };
    Connection {
        name: "wire".into(),
        authorization_type: "BASIC".into(),
        auth_parameters: AuthParameters {
            basic: Some(Basic {
                username: "u".into(),
                password: Some(Secret("p".into())),
                password_wo: None,
            }),
            invocation_http_parameters: Some(HttpParameters {
                body: vec![param("b-public", false)],
                header: vec![param("h-public", false), param("h-secret", true)],
                query_string: vec![param("q-public", false)],
            }),
            ..Default::default()
        },
        ..Default::default()
    }
}

#[tokio::test]
async fn is_value_secret_false_is_sent_explicitly() {
    let (http, captured) = capture_request(None);
    let config = SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(SharedCredentialsProvider::new(Credentials::for_tests()))
        .http_client(http)
        .build();
    let aws = AwsClient::from_config(config, None, PollPolicy::default()).expect("client");
    let c = connection();
    let _ = aws
        .eventbridge(None)
        .create_connection()
        .name(&c.name)
        .authorization_type(mapping::authorization_type(&c))
        .auth_parameters(mapping::create_auth(&c).unwrap())
        .send()
        .await;
    let request = captured.expect_request();
    let body: serde_json::Value = serde_json::from_slice(request.body().bytes().unwrap()).unwrap();
    let params = &body["AuthParameters"]["InvocationHttpParameters"];
    assert_eq!(
        params["BodyParameters"][0]["IsValueSecret"],
        serde_json::json!(false),
        "{body}"
    );
    assert_eq!(params["HeaderParameters"][0]["IsValueSecret"], serde_json::json!(false));
    assert_eq!(params["HeaderParameters"][1]["IsValueSecret"], serde_json::json!(true));
    assert_eq!(
        params["QueryStringParameters"][0]["IsValueSecret"],
        serde_json::json!(false)
    );
    let length: usize = request.headers().get("content-length").unwrap().parse().unwrap();
    assert_eq!(length, request.body().bytes().unwrap().len());
}
