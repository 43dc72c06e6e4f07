//! Where the provider's CPU goes, one cost at a time, so that the
//! whole-command figures can be explained: what a provider process costs
//! before it does any work, what one RPC costs over the real TLS socket,
//! and what one AWS call costs — next to the floor the emulator sets, a
//! bare HTTP exchange on a fresh TCP connection (moto closes every
//! connection, so every call pays a loopback connect, and the kernel
//! charges the sending process for much of the receiving side's work too).

use std::io::{Read, Write};
use std::path::Path;
use std::time::Duration;

use aws_credential_types::Credentials;
use terraform_provider_eventbridge::aws::poll::PollPolicy;
use terraform_provider_eventbridge::aws::AwsClient;
use terraform_provider_eventbridge::tfplugin::proto::tfplugin6 as pb;

/// Quiet provider logs, as when Terraform runs without TF_LOG.
const QUIET: &[(&str, &str)] = &[("TF_LOG_PROVIDER", "warn")];

pub struct Breakdown {
    /// CPU of one provider process from exec through the TLS handshake and
    /// GetProviderSchema.
    pub process_start: crate::Stats,
    pub starts: usize,
    /// Provider CPU per ValidateResourceConfig over the TLS socket.
    pub rpc_over_socket: Duration,
    pub rpcs: usize,
    /// CPU per DescribeConnection through the provider's SDK client.
    pub sdk_call: Duration,
    /// CPU per bare HTTP/1.1 DescribeConnection on a fresh TCP connection.
    pub bare_call: Duration,
    pub calls: usize,
}

pub fn measure(binary: &Path, emulator_endpoint: &str) -> Breakdown {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let starts = 20;
    let process_start = crate::stats(runtime.block_on(process_start(binary, starts)));
    let rpcs = 4000;
    let rpc_over_socket = runtime.block_on(rpc_over_socket(binary, rpcs));
    let calls = 500;
    let (sdk_call, bare_call) = runtime.block_on(aws_call(emulator_endpoint, calls));
    Breakdown {
        process_start,
        starts,
        rpc_over_socket,
        rpcs,
        sdk_call,
        bare_call,
        calls,
    }
}

async fn process_start(binary: &Path, runs: usize) -> Vec<Duration> {
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let plugin = support::protocol::Plugin::start_binary(binary, QUIET).await;
        let _ = plugin.schema().await;
        samples.push(crate::cpu_of(plugin.pid()).expect("provider CPU"));
    }
    samples
}

/// ValidateResourceConfig, 20 in flight as with `-parallelism=20`.
async fn rpc_over_socket(binary: &Path, rpcs: usize) -> Duration {
    let plugin = support::protocol::Plugin::start_binary(binary, QUIET).await;
    let client = plugin.provider();
    let (ty, config) = crate::oauth_config();
    let in_flight = 20;
    let before = crate::cpu_of(plugin.pid()).expect("provider CPU");
    for _ in 0..rpcs / in_flight {
        let batch = (0..in_flight).map(|_| {
            let mut client = client.clone();
            let request = pb::validate_resource_config::Request {
                type_name: "eventbridge_connection".into(),
                config: support::protocol::dv(&config, &ty),
                client_capabilities: None,
            };
            async move {
                let response = client.validate_resource_config(request).await.expect("validate");
                assert!(response.into_inner().diagnostics.is_empty());
            }
        });
        futures_util::future::join_all(batch).await;
    }
    let after = crate::cpu_of(plugin.pid()).expect("provider CPU");
    (after - before) / rpcs as u32
}

/// CPU of this thread: the runtime is single-threaded, so this is all the
/// work of the calls made on it.
fn thread_cpu() -> Duration {
    crate::rusage_cpu(libc::RUSAGE_THREAD)
}

/// (SDK call, bare call): DescribeConnection of one existing connection.
async fn aws_call(endpoint: &str, calls: usize) -> (Duration, Duration) {
    // Explicit credentials and Region: nothing is looked up elsewhere.
    let config = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("us-east-1"))
        .credentials_provider(Credentials::new("testing", "testing", None, None, "bench"))
        .load()
        .await;
    let aws = AwsClient::from_config(config, Some(endpoint.to_string()), PollPolicy::default()).expect("client");
    let client = aws.eventbridge(None);
    let name = "bench-breakdown";
    client
        .create_connection()
        .name(name)
        .authorization_type(aws_sdk_eventbridge::types::ConnectionAuthorizationType::ApiKey)
        .auth_parameters(
            aws_sdk_eventbridge::types::CreateConnectionAuthRequestParameters::builder()
                .api_key_auth_parameters(
                    aws_sdk_eventbridge::types::CreateConnectionApiKeyAuthRequestParameters::builder()
                        .api_key_name("x-api-key")
                        .api_key_value("bench")
                        .build()
                        .expect("api key"),
                )
                .build(),
        )
        .send()
        .await
        .expect("create the connection to describe");

    let before = thread_cpu();
    for _ in 0..calls {
        client.describe_connection().name(name).send().await.expect("describe");
    }
    let sdk = (thread_cpu() - before) / calls as u32;

    let address = endpoint.trim_start_matches("http://").to_string();
    let body = format!(r#"{{"Name":"{name}"}}"#);
    // Signed-looking, so that the emulator routes it to EventBridge.
    let request = format!(
        "POST / HTTP/1.1\r\nHost: {address}\r\nX-Amz-Target: AWSEvents.DescribeConnection\r\n\
         Content-Type: application/x-amz-json-1.1\r\nAuthorization: AWS4-HMAC-SHA256 \
         Credential=testing/20260101/us-east-1/events/aws4_request, SignedHeaders=host, Signature=0\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let mut response = Vec::with_capacity(4096);
    let before = thread_cpu();
    for _ in 0..calls {
        let mut stream = std::net::TcpStream::connect(&address).expect("connect to the emulator");
        stream.write_all(request.as_bytes()).expect("send");
        response.clear();
        stream.read_to_end(&mut response).expect("receive");
        assert!(response.starts_with(b"HTTP/1.1 200"), "bare DescribeConnection failed");
    }
    let bare = (thread_cpu() - before) / calls as u32;

    client.delete_connection().name(name).send().await.expect("delete");
    (sdk, bare)
}
