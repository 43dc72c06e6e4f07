//! go-plugin's TCP transport (what Windows uses; on Linux when
//! `TF_EVENTBRIDGE_PLUGIN_TRANSPORT=tcp`): the handshake line, the port
//! rules of `PLUGIN_MIN_PORT`/`PLUGIN_MAX_PORT`, the certificate pin on a
//! port any local user can reach, Shutdown, and the provider stopping when
//! Terraform hangs up without one (on both transports).

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::protocol::{provider_binary, Address, Plugin};
use terraform_provider_eventbridge::tfplugin::proto::plugin::grpc_stdio_client::GrpcStdioClient;
use terraform_provider_eventbridge::tfplugin::proto::plugin::Empty;
use terraform_provider_eventbridge::tfplugin::proto::tfplugin6 as pb;
use terraform_provider_eventbridge::tfplugin::{MAGIC_COOKIE_VALUE, TRANSPORT_VARIABLE};

use crate::plugin::assert_only_terraforms_certificate_is_served;

const TCP: (&str, &str) = (TRANSPORT_VARIABLE, "tcp");

async fn start_tcp(extra: &[(&str, &str)]) -> Plugin {
    let mut env = vec![TCP];
    env.extend_from_slice(extra);
    Plugin::start_with(&env).await
}

/// Starts the provider as Terraform would, with `env`, expecting it to
/// refuse to start; returns its exit code, stdout and stderr. Fails the
/// test if it is still running after 10 s (it would be serving).
fn refused_start(env: &[(&str, &str)]) -> (Option<i32>, String, String) {
    let mut cmd = Command::new(provider_binary());
    cmd.env("TF_PLUGIN_MAGIC_COOKIE", MAGIC_COOKIE_VALUE)
        .env("PLUGIN_PROTOCOL_VERSIONS", "6")
        .env_remove("PLUGIN_MIN_PORT")
        .env_remove("PLUGIN_MAX_PORT")
        .env_remove(TRANSPORT_VARIABLE)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("spawn provider");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("the provider started serving with {env:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let (mut out, mut err) = (String::new(), String::new());
    child
        .stdout
        .take()
        .expect("stdout")
        .read_to_string(&mut out)
        .expect("stdout");
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr");
    (status.code(), out, err)
}

#[tokio::test]
async fn over_tcp_the_handshake_announces_a_loopback_port_in_terraforms_range() {
    let plugin = start_tcp(&[]).await;
    let fields: Vec<&str> = plugin.handshake.split('|').collect();
    assert_eq!(&fields[..3], ["1", "6", "tcp"], "{}", plugin.handshake);
    let Address::Tcp(addr) = plugin.address else {
        panic!("not TCP: {}", plugin.handshake)
    };
    assert_eq!(addr.ip().to_string(), "127.0.0.1");
    assert!((10000..=25000).contains(&addr.port()), "port {}", addr.port());
    assert!(!plugin.handshake.ends_with('='), "certificate must be unpadded base64");
    assert!(!plugin.schema().await.resource_schemas.is_empty());
}

#[tokio::test]
async fn the_first_free_port_of_the_range_is_taken() {
    // Hold two neighbouring ports, so the range [held, held+1, next] must
    // skip both; a neighbour someone else holds is skipped the same way.
    let first = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let low = first.local_addr().unwrap().port();
    let second = std::net::TcpListener::bind(("127.0.0.1", low.wrapping_add(1)));
    if low > 65000 || second.is_err() {
        eprintln!("skipped the_first_free_port_of_the_range_is_taken: port {low}+1 not available");
        return;
    }
    let (min, max) = (low.to_string(), (low + 10).to_string());
    let plugin = start_tcp(&[("PLUGIN_MIN_PORT", &min), ("PLUGIN_MAX_PORT", &max)]).await;
    let Address::Tcp(addr) = plugin.address else {
        panic!("not TCP")
    };
    assert!(
        addr.port() >= low + 2 && addr.port() <= low + 10,
        "port {}",
        addr.port()
    );
    // Every port between the held ones and the chosen one is taken by
    // someone: the provider took the first that bound.
    for port in low + 2..addr.port() {
        assert!(
            std::net::TcpListener::bind(("127.0.0.1", port)).is_err(),
            "port {port} was free but skipped"
        );
    }
    drop((first, second));
}

#[test]
fn a_range_with_every_port_taken_is_an_error() {
    let held = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = held.local_addr().unwrap().port().to_string();
    let (code, out, err) = refused_start(&[TCP, ("PLUGIN_MIN_PORT", &port), ("PLUGIN_MAX_PORT", &port)]);
    assert_eq!(code, Some(1));
    assert!(out.is_empty(), "no handshake line: {out}");
    assert!(
        err.contains(&format!("no port from {port} to {port} could be bound on 127.0.0.1")),
        "{err}"
    );
}

#[test]
fn bad_port_values_and_an_empty_range_are_refused_naming_the_variable() {
    let cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[("PLUGIN_MIN_PORT", "ten"), ("PLUGIN_MAX_PORT", "25000")],
            "PLUGIN_MIN_PORT=\"ten\" is not a port number",
        ),
        (
            &[("PLUGIN_MIN_PORT", "10000"), ("PLUGIN_MAX_PORT", "70000")],
            "PLUGIN_MAX_PORT=\"70000\" is not a port number",
        ),
        (
            &[("PLUGIN_MIN_PORT", "-5"), ("PLUGIN_MAX_PORT", "25000")],
            "PLUGIN_MIN_PORT=\"-5\" is not a port number",
        ),
        (
            &[("PLUGIN_MIN_PORT", "25000"), ("PLUGIN_MAX_PORT", "10000")],
            "PLUGIN_MIN_PORT value of 25000 is greater than PLUGIN_MAX_PORT value of 10000",
        ),
        (
            // A minimum alone: the maximum counts as 0, as in go-plugin.
            &[("PLUGIN_MIN_PORT", "10000")],
            "PLUGIN_MIN_PORT value of 10000 is greater than PLUGIN_MAX_PORT value of 0",
        ),
    ];
    for (env, expected) in cases {
        let mut env = env.to_vec();
        env.push(TCP);
        let (code, out, err) = refused_start(&env);
        assert_eq!(code, Some(1), "{env:?}: {err}");
        assert!(out.is_empty(), "{env:?}: no handshake line expected: {out}");
        assert!(err.contains(expected), "{env:?}: {err}");
    }
}

#[test]
fn an_unknown_transport_is_refused_naming_the_variable() {
    let (code, out, err) = refused_start(&[(TRANSPORT_VARIABLE, "pipe")]);
    assert_eq!(code, Some(1));
    assert!(out.is_empty());
    assert!(
        err.contains("TF_EVENTBRIDGE_PLUGIN_TRANSPORT=\"pipe\" is not a transport"),
        "{err}"
    );
}

#[tokio::test]
async fn unix_may_be_asked_for_by_name() {
    let plugin = Plugin::start_with(&[(TRANSPORT_VARIABLE, "unix")]).await;
    assert!(plugin.handshake.starts_with("1|6|unix|"), "{}", plugin.handshake);
}

#[tokio::test]
async fn over_tcp_only_the_certificate_terraform_passed_may_connect() {
    assert_only_terraforms_certificate_is_served(&start_tcp(&[]).await).await;
}

#[tokio::test]
async fn over_tcp_stop_provider_answers_and_shutdown_exits_cleanly() {
    let mut plugin = start_tcp(&[]).await;
    let stop = plugin
        .provider()
        .stop_provider(pb::stop_provider::Request {})
        .await
        .expect("StopProvider")
        .into_inner();
    assert_eq!(stop.error, "");
    plugin.controller().shutdown(Empty {}).await.expect("shutdown answered");
    let status = plugin.wait_exit(Duration::from_secs(2)).expect("exited within 2 s");
    assert!(status.success(), "{status:?}");
}

/// Terraform holds StreamStdio open until after Shutdown; the stream going
/// away without one means Terraform died.
async fn stops_when_the_stdio_stream_is_dropped_without_shutdown(mut plugin: Plugin) {
    let mut stdio = GrpcStdioClient::new(plugin.channel.clone());
    let stream = stdio.stream_stdio(()).await.expect("StreamStdio").into_inner();
    // Still serving while the stream is open.
    assert!(plugin.wait_exit(Duration::from_millis(300)).is_none());
    assert!(!plugin.schema().await.resource_schemas.is_empty());
    drop(stream);
    let status = plugin
        .wait_exit(Duration::from_secs(3))
        .expect("the provider stops within 3 s of the stream going away");
    assert!(status.success(), "{status:?}");
}

// Multi-threaded: the client's connection task must run (and send the
// stream's reset) while the test waits for the process.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_tcp_a_hang_up_without_shutdown_stops_the_provider() {
    stops_when_the_stdio_stream_is_dropped_without_shutdown(start_tcp(&[]).await).await;
}

// Multi-threaded: the client's connection task must run (and send the
// stream's reset) while the test waits for the process.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_the_unix_socket_a_hang_up_without_shutdown_stops_the_provider() {
    stops_when_the_stdio_stream_is_dropped_without_shutdown(Plugin::start().await).await;
}

#[tokio::test]
async fn after_shutdown_the_stdio_stream_ends_and_the_exit_is_clean() {
    let mut plugin = start_tcp(&[]).await;
    let mut stdio = GrpcStdioClient::new(plugin.channel.clone());
    let mut stream = stdio.stream_stdio(()).await.expect("StreamStdio").into_inner();
    plugin.controller().shutdown(Empty {}).await.expect("shutdown answered");
    // The stream ends (no data: logs go to stderr) rather than erroring.
    let ended = tokio::time::timeout(Duration::from_secs(2), stream.message()).await;
    assert!(matches!(ended, Ok(Ok(None)) | Ok(Err(_))), "{ended:?}");
    let status = plugin.wait_exit(Duration::from_secs(2)).expect("exited");
    assert!(status.success(), "{status:?}");
}

#[tokio::test]
async fn debug_mode_over_tcp_prints_a_tcp_reattach_value_and_serves_plaintext() {
    let (mut child, reattach) = support::protocol::start_debug(&[TCP]);
    let json: serde_json::Value = serde_json::from_str(&reattach).expect("JSON");
    assert_eq!(
        json[terraform_provider_eventbridge::PROVIDER_ADDRESS]["Addr"]["Network"],
        "tcp"
    );
    let address = support::protocol::reattach_address(&reattach);
    let channel = support::protocol::connect_with(address, None).await.expect("plaintext");
    // Debug mode outlives any one client: Terraform attaches per command.
    {
        let mut stdio = GrpcStdioClient::new(channel.clone());
        let stream = stdio.stream_stdio(()).await.expect("StreamStdio").into_inner();
        drop(stream);
    }
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        child.try_wait().expect("wait").is_none(),
        "debug mode stopped on a hang-up"
    );
    let mut client = pb::provider_client::ProviderClient::new(channel);
    assert!(client
        .get_provider_schema(pb::get_provider_schema::Request {})
        .await
        .is_ok());
    let _ = child.kill();
    let _ = child.wait();
}
