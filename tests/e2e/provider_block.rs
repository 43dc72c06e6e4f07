//! The provider block a platform team copies from hashicorp/aws, proven
//! end to end with the real `terraform` and real parts on loopback: moto
//! serving STS and EventBridge, a TLS endpoint with a CA the test makes,
//! and an HTTP proxy that records what passes through it.
//!
//! Index:
//! - a chain of two roles reaches EventBridge, and fails when STS cannot be
//!   reached (so the chain is really used)
//! - web identity from a token file
//! - credentials from the metadata service at `ec2_metadata_service_endpoint`,
//!   and none with `skip_metadata_api_check`
//! - allowed / forbidden account IDs, checked before any EventBridge call
//! - `custom_ca_bundle` (and `AWS_CA_BUNDLE`) against a TLS endpoint, its
//!   failure without, and `insecure`
//! - `http_proxy` / `HTTPS_PROXY` see the traffic, `no_proxy` bypasses, and
//!   the User-Agent names the provider and `TF_APPEND_USER_AGENT`
//! - FIPS and dual-stack resolve the documented hosts (no network)
//! - a hashicorp/aws-style block pasted verbatim plans
//! - invalid arguments are reported at their line

use support::http_proxy::HttpProxy;
use support::imds::Imds;
use support::recording::{eventbridge_calls, recorded, sts_calls};
use support::terraform::{Output, Workdir};
use support::tls_front::TlsFront;
use terraform_provider_eventbridge::PROVIDER_ADDRESS;

/// The `terraform` block that names this provider.
fn terraform_block() -> String {
    format!(
        r#"terraform {{
  required_providers {{
    eventbridge = {{ source = "{PROVIDER_ADDRESS}" }}
  }}
}}
"#
    )
}

const PASTED: &str = include_str!("../../examples/provider/hashicorp-aws-style.tf");

/// A resource, so that Terraform configures the provider.
fn connection(name: &str) -> String {
    format!(
        r#"
resource "eventbridge_connection" "c" {{
  name               = "{name}"
  authorization_type = "API_KEY"
  auth_parameters {{
    api_key {{
      key   = "x-api-key"
      value = "s3cr3t-key-value"
    }}
  }}
}}
"#
    )
}

fn config(provider_body: &str, name: &str) -> String {
    format!(
        "{}\nprovider \"eventbridge\" {{\n{provider_body}\n}}\n{}",
        terraform_block(),
        connection(name)
    )
}

/// A working directory whose provider sees only what the test sets: no
/// profile files, no metadata service, no proxies or CA bundle from the
/// machine, and dummy static keys unless `keys` is false. (The web
/// identity variables are left alone: the SDK reads an empty
/// `AWS_WEB_IDENTITY_TOKEN_FILE` as a file named "".)
fn workdir(main_tf: &str, keys: bool) -> Workdir {
    let wd = Workdir::new(main_tf);
    let (id, secret) = if keys { ("testing", "testing") } else { ("", "") };
    wd.env("AWS_ACCESS_KEY_ID", id);
    wd.env("AWS_SECRET_ACCESS_KEY", secret);
    for name in [
        "AWS_SESSION_TOKEN",
        "AWS_REGION",
        "AWS_DEFAULT_REGION",
        "AWS_CA_BUNDLE",
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "NO_PROXY",
        "no_proxy",
        "TF_APPEND_USER_AGENT",
    ] {
        wd.env(name, "");
    }
    wd.env("AWS_CONFIG_FILE", "/nonexistent/config");
    wd.env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
    wd.env("AWS_EC2_METADATA_DISABLED", "true");
    wd.env("TF_EVENTBRIDGE_POLL_INTERVAL", "100ms");
    wd.init();
    wd
}

fn apply(wd: &Workdir) -> Output {
    wd.run(&["apply", "-auto-approve", "-input=false", "-no-color"])
}

fn plan(wd: &Workdir) -> Output {
    wd.run(&["plan", "-input=false", "-no-color"])
}

/// Both streams on one line: Terraform wraps diagnostics at 80 columns.
fn one_line(out: &Output) -> String {
    format!("{}\n{}", out.stdout, out.stderr)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[track_caller]
fn assert_contains(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "missing {part:?} in:\n{text}");
    }
}

fn endpoints(events: &str, sts: &str) -> String {
    format!("  endpoints {{\n    events = \"{events}\"\n    sts    = \"{sts}\"\n  }}\n")
}

fn chained_roles(events: &str, sts: &str) -> String {
    format!(
        r#"  region     = "us-east-1"
  sts_region = "eu-west-1"
{}
  assume_role {{
    role_arn         = "arn:aws:iam::123456789012:role/hub"
    session_name     = "hop-one"
    duration_seconds = 3600
  }}

  assume_role {{
    role_arn            = "arn:aws:iam::123456789012:role/deploy"
    session_name        = "hop-two"
    duration            = "30m"
    source_identity     = "ci-bot"
    transitive_tag_keys = ["team"]
    tags = {{
      team = "platform"
    }}
  }}
"#,
        endpoints(events, sts)
    )
}

#[test]
fn a_chain_of_two_roles_reaches_eventbridge_and_fails_when_sts_cannot_be_reached() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let e = &emulator.endpoint;
    let wd = workdir(&config(&chained_roles(e, e), "chained"), true);
    let out = apply(&wd).ok();
    assert_contains(
        &one_line(&out),
        &[
            "Deprecated argument",
            "duration_seconds is deprecated",
            "duration = \"1h\"",
        ],
    );

    let all = recorded(&emulator);
    let hops = sts_calls(&all, "AssumeRole");
    assert!(hops.len() >= 2, "{hops:?}");
    let (one, two) = (&hops[0], &hops[1]);
    assert_eq!(
        one.form("RoleArn").as_deref(),
        Some("arn:aws:iam::123456789012:role/hub")
    );
    assert_eq!(one.form("RoleSessionName").as_deref(), Some("hop-one"));
    assert_eq!(one.form("DurationSeconds").as_deref(), Some("3600"));
    assert_eq!(
        one.access_key().as_deref(),
        Some("testing"),
        "the first hop uses the keys found"
    );
    assert_eq!(
        two.form("RoleArn").as_deref(),
        Some("arn:aws:iam::123456789012:role/deploy")
    );
    assert_eq!(two.form("DurationSeconds").as_deref(), Some("1800"));
    assert_eq!(two.form("SourceIdentity").as_deref(), Some("ci-bot"));
    assert_eq!(two.form("Tags.member.1.Key").as_deref(), Some("team"));
    assert_eq!(two.form("TransitiveTagKeys.member.1").as_deref(), Some("team"));
    let hop_one_key = two.access_key().expect("signed");
    assert_ne!(
        hop_one_key, "testing",
        "the second hop is signed with the first role's credentials"
    );
    let created: Vec<_> = eventbridge_calls(&all)
        .into_iter()
        .filter(|r| r.eventbridge_operation().as_deref() == Some("CreateConnection"))
        .collect();
    assert_eq!(created.len(), 1);
    assert_eq!(created[0].scope_region().as_deref(), Some("us-east-1"));
    let key = created[0].access_key().expect("signed");
    assert!(
        key != "testing" && key != hop_one_key,
        "EventBridge is called as the last role of the chain ({key})"
    );

    // The same configuration with STS unreachable fails at the provider,
    // before any EventBridge call.
    let closed = support::closed_port_endpoint();
    let before = eventbridge_calls(&recorded(&emulator)).len();
    wd.write("main.tf", &config(&chained_roles(e, &closed), "chained"));
    let out = plan(&wd);
    assert_ne!(out.status_code, 0);
    assert_contains(
        &one_line(&out),
        &[
            "No usable AWS credentials",
            "assume_role[0] (arn:aws:iam::123456789012:role/hub)",
            &format!("the STS endpoint {closed}"),
            "could not be reached",
        ],
    );
    assert_eq!(eventbridge_calls(&recorded(&emulator)).len(), before);
    assert!(!one_line(&out).contains("s3cr3t-key-value"));
}

#[test]
fn web_identity_from_a_token_file_reaches_eventbridge() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let e = &emulator.endpoint;
    let token = "eyJhbGciOiJSUzI1NiJ9.ci-oidc-token.c2lnbmF0dXJl";
    let body = format!(
        r#"  region = "us-east-1"
{}
  assume_role_with_web_identity {{
    role_arn                = "arn:aws:iam::123456789012:role/ci"
    web_identity_token_file = "${{path.module}}/oidc-token"
    session_name            = "ci-run"
    duration                = "15m"
  }}
"#,
        endpoints(e, e)
    );
    let wd = workdir(&config(&body, "web-identity"), false);
    wd.write("oidc-token", &format!("{token}\n"));
    wd.env("TF_LOG", "trace");
    let out = apply(&wd).ok();
    assert!(
        !one_line(&out).contains(token),
        "the token stays out of the output and the logs"
    );

    let all = recorded(&emulator);
    let calls = sts_calls(&all, "AssumeRoleWithWebIdentity");
    // Once per provider process (apply runs one to plan, one to apply),
    // then cached for every EventBridge call.
    assert!((1..=2).contains(&calls.len()), "{calls:?}");
    let call = &calls[0];
    assert_eq!(call.form("WebIdentityToken").as_deref(), Some(token));
    assert_eq!(
        call.form("RoleArn").as_deref(),
        Some("arn:aws:iam::123456789012:role/ci")
    );
    assert_eq!(call.form("RoleSessionName").as_deref(), Some("ci-run"));
    assert_eq!(call.form("DurationSeconds").as_deref(), Some("900"));
    assert_eq!(call.access_key(), None, "AssumeRoleWithWebIdentity is not signed");
    let created = eventbridge_calls(&all);
    assert!(!created.is_empty());
    assert!(created.iter().all(|r| r.access_key().is_some_and(|k| !k.is_empty())));
}

#[test]
fn the_metadata_service_endpoint_gives_credentials_and_skip_metadata_api_check_turns_it_off() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let imds = Imds::start();
    let e = &emulator.endpoint;
    let body = format!(
        "  region = \"us-east-1\"\n{}  ec2_metadata_service_endpoint = \"{}\"\n",
        endpoints(e, e),
        imds.endpoint
    );
    let wd = workdir(&config(&body, "from-imds"), false);
    wd.env("AWS_EC2_METADATA_DISABLED", "");
    apply(&wd).ok();
    let created = eventbridge_calls(&recorded(&emulator));
    assert!(!created.is_empty());
    assert!(
        created
            .iter()
            .all(|r| r.access_key().as_deref() == Some(support::imds::ACCESS_KEY)),
        "{created:?}"
    );

    let before = imds.requests();
    let off = workdir(
        &config(&format!("{body}  skip_metadata_api_check = true\n"), "no-imds"),
        false,
    );
    off.env("AWS_EC2_METADATA_DISABLED", "");
    let out = plan(&off);
    assert_ne!(out.status_code, 0);
    assert_contains(&one_line(&out), &["No usable AWS credentials"]);
    assert_eq!(imds.requests(), before, "the metadata service was not asked");
}

#[test]
fn allowed_account_ids_pass_and_a_forbidden_account_fails_before_any_eventbridge_call() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let e = &emulator.endpoint;
    let with_rule = |rule: &str| format!("  region = \"us-east-1\"\n{}  {rule}\n", endpoints(e, e));
    let wd = workdir(
        &config(&with_rule("allowed_account_ids = [\"123456789012\"]"), "rails"),
        true,
    );
    apply(&wd).ok();
    let all = recorded(&emulator);
    let first_identity = all
        .iter()
        .position(|r| r.sts_action().as_deref() == Some("GetCallerIdentity"))
        .expect("GetCallerIdentity was called");
    let first_eventbridge = all
        .iter()
        .position(|r| r.eventbridge_operation().is_some())
        .expect("EventBridge was called");
    assert!(first_identity < first_eventbridge, "the account is checked first");

    for (rule, expected) in [
        (
            "forbidden_account_ids = [\"123456789012\"]",
            "which forbidden_account_ids [\"123456789012\"] lists",
        ),
        (
            "allowed_account_ids = [\"111111111111\", \"222222222222\"]",
            "which is not in allowed_account_ids [\"111111111111\", \"222222222222\"]",
        ),
    ] {
        let before = eventbridge_calls(&recorded(&emulator)).len();
        wd.write("main.tf", &config(&with_rule(rule), "rails"));
        let out = plan(&wd);
        assert_ne!(out.status_code, 0, "{rule}");
        assert_contains(
            &one_line(&out),
            &["AWS account not allowed", "AWS account 123456789012", expected],
        );
        // Refreshing the existing connection would have described it.
        assert_eq!(eventbridge_calls(&recorded(&emulator)).len(), before, "{rule}");
    }
}

#[test]
fn a_custom_ca_bundle_trusts_a_tls_endpoint_that_fails_without_it_and_insecure_skips_the_check() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let front = TlsFront::start(emulator.port);
    let ca = front.ca_file.display().to_string();
    let body = |extra: &str| {
        format!(
            "  region = \"us-east-1\"\n  endpoints {{\n    events = \"{}\"\n  }}\n{extra}\n",
            front.endpoint
        )
    };

    let untrusted = workdir(&config(&body(""), "tls-untrusted"), true);
    let out = apply(&untrusted);
    assert_ne!(out.status_code, 0);
    let text = one_line(&out);
    assert_contains(
        &text,
        &[
            &format!("EventBridge endpoint {}", front.endpoint),
            "could not be reached",
        ],
    );
    assert!(
        text.contains("UnknownIssuer") || text.contains("invalid peer certificate"),
        "{text}"
    );
    assert!(emulator.connection_names().is_empty());

    let trusted = workdir(
        &config(&body(&format!("  custom_ca_bundle = \"{ca}\"")), "tls-trusted"),
        true,
    );
    apply(&trusted).ok();
    assert_eq!(emulator.connection_names(), vec!["tls-trusted"]);

    // AWS_CA_BUNDLE does the same from the environment (the refresh
    // describes the connection over TLS).
    trusted.write("main.tf", &config(&body(""), "tls-trusted"));
    trusted.env("AWS_CA_BUNDLE", &ca);
    let out = trusted.run(&["plan", "-detailed-exitcode", "-input=false", "-no-color"]);
    assert_eq!(out.status_code, 0, "{}", one_line(&out));

    let insecure = workdir(&config(&body("  insecure = true"), "tls-insecure"), true);
    apply(&insecure).ok();
    assert_eq!(emulator.connection_names(), vec!["tls-insecure", "tls-trusted"]);
    assert!(front.handshakes() >= 3);
}

#[test]
fn proxies_see_the_eventbridge_traffic_unless_no_proxy_covers_the_host() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let proxy = HttpProxy::start();
    // DNS never resolves `.test`: this endpoint works through the proxy only.
    let proxied_host = format!("events.proxy.test:{}", emulator.port);
    let proxied = format!("http://{proxied_host}");
    let body = |events: &str, extra: &str| {
        format!("  region = \"us-east-1\"\n  endpoints {{\n    events = \"{events}\"\n  }}\n{extra}\n")
    };
    let http_proxy = format!("  http_proxy = \"{}\"", proxy.url);

    // A plain-HTTP endpoint through http_proxy, with the User-Agent visible.
    let http = workdir(&config(&body(&proxied, &http_proxy), "via-http-proxy"), true);
    http.env("TF_APPEND_USER_AGENT", "ci-run/42 (pipeline 7)");
    let out = apply(&http).ok();
    assert_contains(&one_line(&out), &["Missing HTTPS proxy"]);
    let seen = proxy.seen_for(&proxied_host);
    assert!(!seen.is_empty(), "{:?}", proxy.seen());
    for s in &seen {
        let ua = s.user_agent.clone().unwrap_or_default();
        assert_contains(
            &ua,
            &[
                &format!("terraform-provider-eventbridge/{}", env!("CARGO_PKG_VERSION")),
                "Terraform/",
                "app/terraform-provider-eventbridge",
                "ci-run/42 (pipeline 7)",
            ],
        );
    }
    assert_eq!(emulator.connection_names(), vec!["via-http-proxy"]);

    // no_proxy covers the host: the provider goes straight there, and only
    // the proxy could have reached it.
    let before = proxy.seen().len();
    let bypass = format!("{http_proxy}\n  https_proxy = \"\"\n  no_proxy = \".proxy.test\"");
    let direct = workdir(&config(&body(&proxied, &bypass), "bypassing-proxy"), true);
    let out = apply(&direct);
    assert_ne!(out.status_code, 0);
    assert_contains(
        &one_line(&out),
        &[&format!("EventBridge endpoint {proxied}"), "could not be reached"],
    );
    assert!(!one_line(&out).contains("Missing HTTPS proxy"));
    assert_eq!(proxy.seen().len(), before, "{:?}", proxy.seen());

    // Loopback is never proxied (as in hashicorp/aws).
    let local = workdir(&config(&body(&emulator.endpoint, &http_proxy), "loopback-direct"), true);
    apply(&local).ok();
    assert_eq!(proxy.seen().len(), before, "{:?}", proxy.seen());
    assert_eq!(emulator.connection_names(), vec!["loopback-direct", "via-http-proxy"]);

    // An HTTPS endpoint through HTTPS_PROXY from the environment: a tunnel.
    let front = TlsFront::start(emulator.port);
    let ca = format!("  custom_ca_bundle = \"{}\"", front.ca_file.display());
    let https = workdir(&config(&body(&front.proxied_endpoint, &ca), "via-https-proxy"), true);
    https.env("HTTPS_PROXY", &proxy.url);
    apply(&https).ok();
    let tunnels = proxy.seen_for(&format!("tls.proxy.test:{}", front.port));
    assert!(
        !tunnels.is_empty() && tunnels.iter().all(|s| s.method == "CONNECT"),
        "{:?}",
        proxy.seen()
    );
    assert!(emulator.connection_names().contains(&"via-https-proxy".to_string()));

    // insecure = true has a connector of its own: it tunnels too.
    let before = tunnels.len();
    let insecure = workdir(
        &config(
            &body(
                &front.proxied_endpoint,
                &format!("  insecure = true\n  https_proxy = \"{}\"", proxy.url),
            ),
            "insecure-via-proxy",
        ),
        true,
    );
    apply(&insecure).ok();
    let tunnels = proxy.seen_for(&format!("tls.proxy.test:{}", front.port));
    assert!(tunnels.len() > before, "{:?}", proxy.seen());
    assert!(emulator.connection_names().contains(&"insecure-via-proxy".to_string()));
}

#[test]
fn fips_and_dual_stack_resolve_the_documented_endpoints_without_network() {
    if support::terraform::find_or_skip().is_none() {
        return;
    }
    let cases = [
        (
            "  use_fips_endpoint = true",
            "",
            "https://events-fips.us-west-2.amazonaws.com",
            "https://sts-fips.us-west-2.amazonaws.com",
        ),
        (
            "  use_dualstack_endpoint = true",
            "",
            "https://events.us-west-2.api.aws",
            "https://sts.us-west-2.api.aws",
        ),
        (
            "",
            "AWS_USE_FIPS_ENDPOINT",
            "https://events-fips.us-west-2.amazonaws.com",
            "https://sts-fips.us-west-2.amazonaws.com",
        ),
    ];
    for (argument, env, events, sts) in cases {
        let wd = workdir(&config(&format!("  region = \"us-west-2\"\n{argument}"), "fips"), true);
        if !env.is_empty() {
            wd.env(env, "true");
        }
        wd.env("TF_LOG", "debug");
        // Planning a new connection configures the provider and calls no AWS
        // API: the endpoints come from the SDK's rules alone.
        let out = plan(&wd).ok();
        assert_contains(
            &out.stderr,
            &[
                &format!("EventBridge endpoint {events}"),
                &format!("STS endpoint {sts}"),
            ],
        );
    }
}

#[test]
fn a_hashicorp_aws_style_provider_block_pasted_verbatim_plans() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let wd = workdir(&format!("{PASTED}\n{}", connection("pasted")), true);
    // The block names no endpoint: the emulator comes from the environment.
    wd.env("AWS_ENDPOINT_URL_EVENTBRIDGE", &emulator.endpoint);
    wd.env("AWS_ENDPOINT_URL_STS", &emulator.endpoint);
    let out = wd.run(&["plan", "-detailed-exitcode", "-input=false", "-no-color"]);
    assert_eq!(out.status_code, 2, "{}", one_line(&out));
    assert_contains(&one_line(&out), &["1 to add"]);
    // default_tags and ignore_tags take effect (on taggable resources): no
    // warning for them.
    let validate = wd.run(&["validate", "-json", "-no-color"]).ok();
    let json: serde_json::Value = serde_json::from_str(&validate.stdout).expect("validate -json");
    let warnings: Vec<String> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["severity"] == "warning")
        .map(|d| d["detail"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(warnings, Vec::<String>::new());
    let all = recorded(&emulator);
    let roles: Vec<String> = sts_calls(&all, "AssumeRole")
        .iter()
        .filter_map(|r| r.form("RoleArn"))
        .collect();
    assert_eq!(
        roles,
        vec![
            "arn:aws:iam::123456789012:role/platform-hub",
            "arn:aws:iam::123456789012:role/platform-deploy"
        ]
    );
    assert_eq!(sts_calls(&all, "GetCallerIdentity").len(), 1);
}

#[test]
fn invalid_arguments_are_reported_at_their_line() {
    if support::terraform::find_or_skip().is_none() {
        return;
    }
    let body = r#"  region     = "us-east-1"
  retry_mode = "fast"

  assume_role {
    role_arn = "arn:aws:iam::123456789012:role/hub"
  }

  assume_role {
    role_arn = "not-a-role"
  }
"#;
    let main = config(body, "invalid");
    let wd = workdir(&main, true);
    let out = wd.run(&["validate", "-no-color"]);
    assert_ne!(out.status_code, 0);
    let text = one_line(&out);
    let line_of = |needle: &str| {
        main.lines()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
            .expect("line")
    };
    assert_contains(
        &text,
        &[
            "Invalid role ARN",
            "\"not-a-role\" is not an IAM role ARN",
            &format!("on main.tf line {}", line_of("not-a-role")),
            "Invalid retry_mode",
            &format!("on main.tf line {}", line_of("\"fast\"")),
        ],
    );
}
