//! Checks the fault proxy's API destinations, where moto 5.2.5 is not AWS
//! (`reference/emulator.md`): every destination request is checked against
//! the service model; a duplicate name and a connection that does not
//! exist are refused; the default rate limit of 300 is reported; the
//! LastModifiedTime moves on update; lists are filtered and paged; the
//! injected faults speak of API destinations. Each test calls the proxy
//! directly, in front of its own moto; dropping the proxy fails a test that
//! sent a request AWS would refuse.

use serde_json::{json, Value as Json};
use support::aws_model;
use support::emulator::{self, Emulator};
use support::fault_proxy::{Fault, FaultProxy};

use crate::harness_selfcheck::{runtime, same_time, sdk};

const REGION: &str = "us-east-1";

/// moto and the proxy in front of it, when both can run.
pub(crate) fn proxied(what: &str) -> Option<(Emulator, FaultProxy)> {
    aws_model::model_or_skip(what)?;
    let emulator = emulator::start_or_skip()?;
    let proxy = FaultProxy::start(emulator.port);
    Some((emulator, proxy))
}

/// Creates a connection through the proxy; its ARN.
fn connection(proxy: &FaultProxy, name: &str) -> String {
    let (status, body) = proxy.call(
        REGION,
        "CreateConnection",
        json!({
            "Name": name,
            "AuthorizationType": "API_KEY",
            "AuthParameters": {"ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "key"}},
        }),
    );
    assert_eq!(status, 200, "{body}");
    body["ConnectionArn"].as_str().expect("ConnectionArn").to_string()
}

/// A valid CreateApiDestination request without a rate limit.
fn destination(name: &str, connection_arn: &str) -> Json {
    json!({
        "Name": name,
        "ConnectionArn": connection_arn,
        "InvocationEndpoint": "https://api.example.com/orders?tenant=acme",
        "HttpMethod": "POST",
    })
}

/// Creates an API destination through the proxy; the create's answer.
fn create(proxy: &FaultProxy, request: Json) -> Json {
    let (status, body) = proxy.call(REGION, "CreateApiDestination", request);
    assert_eq!(status, 200, "{body}");
    body
}

/// The error code and message of a refused call.
pub(crate) fn refused(answer: (u16, Json)) -> (String, String) {
    let (status, body) = answer;
    assert_eq!(status, 400, "{body}");
    (
        body["__type"].as_str().unwrap_or_default().to_string(),
        body["message"].as_str().unwrap_or_default().to_string(),
    )
}

#[test]
fn the_fault_proxy_refuses_destination_requests_aws_refuses() {
    let Some((emulator, proxy)) = proxied("the fault proxy's model check of API destinations") else {
        return;
    };
    let arn = connection(&proxy, "proxy-dest-model");
    let valid = destination("proxy-dest-model", &arn);

    let mut bad = valid.clone();
    bad["HttpMethod"] = json!("FETCH");
    bad["InvocationEndpoint"] = json!("https://api.example.com/a b");
    bad["InvocationRateLimitPerSecond"] = json!(0);
    let (code, message) = refused(proxy.call(REGION, "CreateApiDestination", bad));
    assert_eq!(code, "ValidationException");
    assert!(message.starts_with("3 validation errors detected: "), "{message}");
    for words in [
        "Value 'FETCH' at 'httpMethod' failed to satisfy constraint: Member must satisfy enum value set: [",
        "Value 'https://api.example.com/a b' at 'invocationEndpoint' failed to satisfy constraint: \
         Member must satisfy regular expression pattern: ",
        "Value '0' at 'invocationRateLimitPerSecond' failed to satisfy constraint: \
         Member must have value greater than or equal to 1",
    ] {
        assert!(message.contains(words), "{words:?} missing from: {message}");
    }
    assert!(
        emulator.destination_names().is_empty(),
        "a refused create was forwarded"
    );

    // Required members, on every operation; and the list's Limit.
    let mut incomplete = valid.clone();
    incomplete.as_object_mut().unwrap().remove("ConnectionArn");
    let (_, message) = refused(proxy.call(REGION, "CreateApiDestination", incomplete));
    assert!(
        message.contains("Value null at 'connectionArn' failed to satisfy constraint: Member must not be null"),
        "{message}"
    );
    for (operation, body) in [
        (
            "UpdateApiDestination",
            json!({"Name": "proxy-dest-model", "InvocationRateLimitPerSecond": -1}),
        ),
        (
            "UpdateApiDestination",
            json!({"Name": "proxy-dest-model", "ConnectionArn": "not-an-arn"}),
        ),
        ("DescribeApiDestination", json!({"Name": "bad name"})),
        ("DeleteApiDestination", json!({})),
        ("ListApiDestinations", json!({"Limit": 101})),
        ("ListApiDestinations", json!({"NamePrefix": ""})),
    ] {
        let (code, _) = refused(proxy.call(REGION, operation, body.clone()));
        assert_eq!(code, "ValidationException", "{operation} {body}");
    }

    let mut violations = proxy.take_violations();
    violations.sort();
    assert_eq!(
        violations,
        [
            "CreateApiDestination: 'connectionArn' failed to satisfy constraint: Member must not be null",
            "CreateApiDestination: 'httpMethod' failed to satisfy constraint: \
             Member must satisfy enum value set: [POST, GET, HEAD, OPTIONS, PUT, PATCH, DELETE]",
            "CreateApiDestination: 'invocationEndpoint' failed to satisfy constraint: \
             Member must satisfy regular expression pattern: \
             ^((%[0-9A-Fa-f]{2}|[-()_.!~*';/?:@\\x26=+$,A-Za-z0-9])+)([).!';/?:,])?$",
            "CreateApiDestination: 'invocationRateLimitPerSecond' failed to satisfy constraint: \
             Member must have value greater than or equal to 1",
            "DeleteApiDestination: 'name' failed to satisfy constraint: Member must not be null",
            "DescribeApiDestination: 'name' failed to satisfy constraint: \
             Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
            "ListApiDestinations: 'limit' failed to satisfy constraint: Member must have value less than or equal to 100",
            "ListApiDestinations: 'namePrefix' failed to satisfy constraint: \
             Member must have length greater than or equal to 1",
            "ListApiDestinations: 'namePrefix' failed to satisfy constraint: \
             Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+",
            "UpdateApiDestination: 'connectionArn' failed to satisfy constraint: \
             Member must satisfy regular expression pattern: \
             ^arn:aws([a-z]|\\-)*:events:([a-z]|\\d|\\-)*:([0-9]{12})?:connection\\/[\\.\\-_A-Za-z0-9]+\\/[\\-A-Za-z0-9]+$",
            "UpdateApiDestination: 'invocationRateLimitPerSecond' failed to satisfy constraint: \
             Member must have value greater than or equal to 1",
        ]
    );

    // What the model allows passes, at its boundaries.
    let mut edge = valid;
    edge["InvocationRateLimitPerSecond"] = json!(1);
    edge["HttpMethod"] = json!("OPTIONS");
    edge["Description"] = json!("d".repeat(512));
    create(&proxy, edge);
    assert_eq!(emulator.destination_names(), ["proxy-dest-model"]);
    assert!(proxy.violations().is_empty(), "{:?}", proxy.violations());
}

#[test]
fn the_fault_proxy_keeps_destinations_as_aws_does() {
    let Some((emulator, proxy)) = proxied("the fault proxy's API destinations") else {
        return;
    };
    let (runtime, client) = (runtime(), sdk(&proxy.endpoint));
    let arn = connection(&proxy, "proxy-dest-conn");
    let name = "proxy-dest";

    // Created without a rate limit: AWS applies 300. The create's answer has
    // no rate (not in the model's output shape) and LastModifiedTime is the
    // creation time.
    let created = create(&proxy, destination(name, &arn));
    assert!(created.get("InvocationRateLimitPerSecond").is_none(), "{created}");
    assert_eq!(created["LastModifiedTime"], created["CreationTime"], "{created}");
    let first = created["CreationTime"].as_f64().expect("CreationTime");
    assert!(same_time(proxy.destination_last_modified(name), first));
    let described = runtime
        .block_on(client.describe_api_destination().name(name).send())
        .expect("describe");
    assert_eq!(described.invocation_rate_limit_per_second(), Some(300));
    assert!(same_time(
        described.last_modified_time().map(|t| t.as_secs_f64()),
        first
    ));

    // A second create of the name is refused; moto's destination is kept.
    let mut again = destination(name, &arn);
    again["InvocationEndpoint"] = json!("https://elsewhere.example.com/");
    let (code, message) = refused(proxy.call(REGION, "CreateApiDestination", again));
    assert_eq!(code, "ResourceAlreadyExistsException");
    assert!(message.contains(name), "{message}");
    let (_, body) = proxy.call(REGION, "DescribeApiDestination", json!({"Name": name}));
    assert_eq!(
        body["InvocationEndpoint"], "https://api.example.com/orders?tenant=acme",
        "{body}"
    );

    // A ConnectionArn that names no connection: none of that name, or one
    // with another ID (made again since).
    let missing = arn.replacen("connection/proxy-dest-conn/", "connection/proxy-dest-none/", 1);
    let (code, message) = refused(proxy.call(
        REGION,
        "CreateApiDestination",
        destination("proxy-dest-orphan", &missing),
    ));
    assert_eq!(code, "ResourceNotFoundException");
    assert!(message.contains("'proxy-dest-none'"), "{message}");
    let (prefix, _) = arn.rsplit_once('/').expect("ARN/ID");
    let other_id = format!("{prefix}/00000000-0000-0000-0000-000000000000");
    let (code, _) = refused(proxy.call(
        REGION,
        "UpdateApiDestination",
        json!({"Name": name, "ConnectionArn": other_id}),
    ));
    assert_eq!(code, "ResourceNotFoundException");
    assert_eq!(
        emulator.destination_names(),
        [name],
        "nothing made of the refused create"
    );
    let err = runtime
        .block_on(
            client
                .create_api_destination()
                .name("proxy-dest-orphan")
                .connection_arn(&missing)
                .invocation_endpoint("https://api.example.com/")
                .http_method("POST".into())
                .send(),
        )
        .expect_err("refused");
    assert!(
        err.as_service_error()
            .is_some_and(|e| e.is_resource_not_found_exception()),
        "{err:?}"
    );

    // Every update moves LastModifiedTime; what it leaves out is kept.
    let (status, updated) = proxy.call(
        REGION,
        "UpdateApiDestination",
        json!({"Name": name, "Description": "moved", "ConnectionArn": arn}),
    );
    assert_eq!(status, 200, "{updated}");
    let second = proxy.destination_last_modified(name).expect("kept");
    assert!(second > first, "{second} > {first}");
    assert!(same_time(updated["LastModifiedTime"].as_f64(), second), "{updated}");
    let (status, updated) = proxy.call(
        REGION,
        "UpdateApiDestination",
        json!({"Name": name, "InvocationRateLimitPerSecond": 7}),
    );
    assert_eq!(status, 200, "{updated}");
    let third = updated["LastModifiedTime"].as_f64().expect("LastModifiedTime");
    assert!(third > second, "{third} > {second}");
    let (_, body) = proxy.call(REGION, "DescribeApiDestination", json!({"Name": name}));
    assert!(same_time(body["LastModifiedTime"].as_f64(), third), "{body}");
    assert_eq!(body["InvocationRateLimitPerSecond"], 7, "{body}");
    assert_eq!(body["Description"], "moved", "{body}");
    assert!(same_time(body["CreationTime"].as_f64(), first), "{body}");

    // The list's entries carry the rate limit and the times too.
    create(&proxy, destination("proxy-dest-default", &arn));
    let (_, listed) = proxy.call(REGION, "ListApiDestinations", json!({}));
    let entries = listed["ApiDestinations"].as_array().expect("a list");
    assert_eq!(entries.len(), 2, "{listed}");
    assert_eq!(entries[0]["Name"], name, "{listed}");
    assert_eq!(entries[0]["InvocationRateLimitPerSecond"], 7, "{listed}");
    assert!(same_time(entries[0]["LastModifiedTime"].as_f64(), third), "{listed}");
    assert_eq!(entries[1]["InvocationRateLimitPerSecond"], 300, "{listed}");

    // Delete forgets the time; a destination made in moto directly still
    // has one (its creation time) and the default rate.
    assert_eq!(proxy.call(REGION, "DeleteApiDestination", json!({"Name": name})).0, 200);
    assert_eq!(proxy.destination_last_modified(name), None);
    let (status, direct) = emulator.call(REGION, "CreateApiDestination", destination("proxy-dest-direct", &arn));
    assert_eq!(status, 200, "{direct}");
    let (_, body) = proxy.call(REGION, "DescribeApiDestination", json!({"Name": "proxy-dest-direct"}));
    assert_eq!(body["LastModifiedTime"], direct["CreationTime"], "{body}");
    assert_eq!(body["InvocationRateLimitPerSecond"], 300, "{body}");
    let (code, message) = refused(proxy.call(REGION, "DescribeApiDestination", json!({"Name": name})));
    assert_eq!(code, "ResourceNotFoundException");
    assert!(message.contains(name), "{message}");
}

#[test]
fn the_fault_proxy_filters_and_pages_destination_lists() {
    let Some((_emulator, proxy)) = proxied("the fault proxy's ListApiDestinations") else {
        return;
    };
    let a = connection(&proxy, "proxy-list-a");
    let b = connection(&proxy, "proxy-list-b");
    for (name, arn) in [("orders-3", &a), ("orders-1", &a), ("billing-1", &b), ("orders-2", &b)] {
        create(&proxy, destination(name, arn));
    }
    let names = |body: &Json| -> Vec<String> {
        body["ApiDestinations"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|d| d["Name"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let list = |request: Json| {
        let (status, body) = proxy.call(REGION, "ListApiDestinations", request);
        assert_eq!(status, 200, "{body}");
        body
    };

    let all = list(json!({}));
    assert_eq!(names(&all), ["billing-1", "orders-1", "orders-2", "orders-3"]);
    assert!(all.get("NextToken").is_none(), "{all}");
    assert_eq!(
        names(&list(json!({"NamePrefix": "orders-"}))),
        ["orders-1", "orders-2", "orders-3"]
    );
    assert_eq!(names(&list(json!({"ConnectionArn": b}))), ["billing-1", "orders-2"]);
    assert_eq!(
        names(&list(json!({"NamePrefix": "orders-", "ConnectionArn": a}))),
        ["orders-1", "orders-3"]
    );

    // Limit and NextToken, with pages the test caps smaller still.
    let first = list(json!({"Limit": 3}));
    assert_eq!(names(&first), ["billing-1", "orders-1", "orders-2"]);
    let token = first["NextToken"].as_str().expect("a NextToken").to_string();
    let rest = list(json!({"Limit": 3, "NextToken": token}));
    assert_eq!(names(&rest), ["orders-3"]);
    assert!(rest.get("NextToken").is_none(), "{rest}");
    proxy.list_page_size(1);
    let mut pages = Vec::new();
    let mut next: Option<String> = None;
    loop {
        let mut request = json!({"NamePrefix": "orders-"});
        if let Some(token) = &next {
            request["NextToken"] = json!(token);
        }
        let page = list(request);
        pages.push(names(&page));
        for entry in page["ApiDestinations"].as_array().into_iter().flatten() {
            assert_eq!(entry["InvocationRateLimitPerSecond"], 300, "{page}");
        }
        match page["NextToken"].as_str() {
            Some(token) => next = Some(token.to_string()),
            None => break,
        }
    }
    assert_eq!(pages, [["orders-1"], ["orders-2"], ["orders-3"]]);
    let (code, _) = refused(proxy.call(REGION, "ListApiDestinations", json!({"NextToken": "made-up"})));
    assert_eq!(code, "InvalidToken");
}

#[test]
fn injected_faults_speak_of_api_destinations() {
    let Some((emulator, proxy)) = proxied("the fault proxy's faults for API destinations") else {
        return;
    };
    let (runtime, client) = (runtime(), sdk(&proxy.endpoint));
    let arn = connection(&proxy, "proxy-fault-conn");
    let name = "proxy-fault-dest";

    proxy.fail_next("CreateApiDestination", Fault::Denied, 1);
    proxy.fail_next("CreateApiDestination", Fault::QuotaReached, 1);
    let (code, message) = refused(proxy.call(REGION, "CreateApiDestination", destination(name, &arn)));
    assert_eq!(code, "AccessDeniedException");
    assert!(
        message.contains(&format!(
            "not authorized to perform: events:CreateApiDestination on resource: \
             arn:aws:events:{REGION}:123456789012:api-destination/{name} "
        )),
        "{message}"
    );
    let (code, message) = refused(proxy.call(REGION, "CreateApiDestination", destination(name, &arn)));
    assert_eq!(code, "LimitExceededException");
    assert!(message.contains("quota of API destinations"), "{message}");
    assert!(emulator.destination_names().is_empty());
    create(&proxy, destination(name, &arn));
    assert_eq!(proxy.calls("CreateApiDestination"), 3);

    proxy.fail_next("DescribeApiDestination", Fault::NotFound, 1);
    let err = runtime
        .block_on(client.describe_api_destination().name(name).send())
        .expect_err("not found");
    let service = err.as_service_error().expect("a service error");
    assert!(service.is_resource_not_found_exception(), "{err:?}");
    assert_eq!(
        aws_sdk_eventbridge::error::ProvideErrorMetadata::message(service),
        Some(
            format!("Failed to describe the api-destination(s). An api-destination '{name}' does not exist.").as_str()
        )
    );

    proxy.fail_always("UpdateApiDestination", Fault::Conflict);
    let err = runtime
        .block_on(client.update_api_destination().name(name).description("x").send())
        .expect_err("conflict");
    assert!(
        err.as_service_error()
            .is_some_and(|e| e.is_concurrent_modification_exception()),
        "{err:?}"
    );
    proxy.clear();
    proxy.fail_next("DeleteApiDestination", Fault::Throttle, 1);
    let (code, _) = refused(proxy.call(REGION, "DeleteApiDestination", json!({"Name": name})));
    assert_eq!(code, "ThrottlingException");
    assert_eq!(emulator.destination_names(), [name], "a faulted delete deletes nothing");
}

#[test]
fn a_destination_is_inactive_while_its_oauth_connection_authorizes_as_aws_answered() {
    let Some((_emulator, proxy)) = proxied("API destinations on an OAuth connection") else {
        return;
    };
    proxy.oauth_authorizing_for(2);
    let (status, oauth) = proxy.call(
        REGION,
        "CreateConnection",
        json!({
            "Name": "proxy-dest-oauth",
            "AuthorizationType": "OAUTH_CLIENT_CREDENTIALS",
            "AuthParameters": {"OAuthParameters": {
                "AuthorizationEndpoint": "https://auth.example.com/oauth2/token",
                "HttpMethod": "POST",
                "ClientParameters": {"ClientID": "client", "ClientSecret": "secret"},
            }},
        }),
    );
    assert_eq!(status, 200, "{oauth}");
    assert_eq!(oauth["ConnectionState"], "AUTHORIZING");
    let oauth_arn = oauth["ConnectionArn"].as_str().expect("ConnectionArn");
    let api_key_arn = connection(&proxy, "proxy-dest-key");

    let state = |answer: &Json| answer["ApiDestinationState"].as_str().unwrap_or_default().to_string();
    let created = create(&proxy, destination("proxy-dest-inactive", oauth_arn));
    assert_eq!(state(&created), "INACTIVE", "{created}");
    assert_eq!(
        state(&create(&proxy, destination("proxy-dest-active", &api_key_arn))),
        "ACTIVE"
    );
    let describe = |name: &str| {
        let (status, body) = proxy.call(REGION, "DescribeApiDestination", json!({"Name": name}));
        assert_eq!(status, 200, "{body}");
        state(&body)
    };
    assert_eq!(describe("proxy-dest-inactive"), "INACTIVE");
    let (_, updated) = proxy.call(
        REGION,
        "UpdateApiDestination",
        json!({"Name": "proxy-dest-inactive", "Description": "still authorizing"}),
    );
    assert_eq!(state(&updated), "INACTIVE", "{updated}");
    let (_, listed) = proxy.call(REGION, "ListApiDestinations", json!({}));
    let listed: Vec<(String, String)> = listed["ApiDestinations"]
        .as_array()
        .expect("ApiDestinations")
        .iter()
        .map(|d| (d["Name"].as_str().unwrap_or_default().to_string(), state(d)))
        .collect();
    assert_eq!(
        listed,
        [
            ("proxy-dest-active".to_string(), "ACTIVE".to_string()),
            ("proxy-dest-inactive".to_string(), "INACTIVE".to_string()),
        ]
    );

    // Once the connection is authorized, its destinations are active.
    for expected in ["AUTHORIZING", "AUTHORIZING", "AUTHORIZED"] {
        let (_, c) = proxy.call(REGION, "DescribeConnection", json!({"Name": "proxy-dest-oauth"}));
        assert_eq!(c["ConnectionState"], expected, "{c}");
    }
    assert_eq!(describe("proxy-dest-inactive"), "ACTIVE");

    let (code, message) = refused(proxy.call(REGION, "DescribeApiDestination", json!({"Name": "proxy-dest-none"})));
    assert_eq!(
        (code.as_str(), message.as_str()),
        (
            "ResourceNotFoundException",
            "Failed to describe the api-destination(s). An api-destination 'proxy-dest-none' does not exist."
        )
    );
}
