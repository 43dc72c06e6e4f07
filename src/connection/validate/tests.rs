//! Tests of every validation rule: valid and invalid values, paths, and
//! that no secret is ever quoted.

use super::*;
use crate::connection::checks::EXAMPLE_ARN;
use crate::connection::schema::schema;
use crate::tfplugin::{object, Diagnostic, Severity, Type};

/// Every secret in these configurations contains this marker, and no
/// non-secret does: a diagnostic that contains it leaks a secret.
const SECRET: &str = "s3cr3t";

fn s(text: &str) -> Value {
    Value::string(text)
}

fn list(items: Vec<Value>) -> Value {
    Value::List(items)
}

fn none() -> Value {
    Value::List(Vec::new())
}

fn parameter(key: &str, value: &str, is_value_secret: bool) -> Value {
    object([
        ("key", s(key)),
        ("value", s(value)),
        ("value_wo", Value::Null),
        ("is_value_secret", Value::Bool(is_value_secret)),
    ])
}

fn http_parameters(body: Vec<Value>, header: Vec<Value>, query_string: Vec<Value>) -> Value {
    object([
        ("body", list(body)),
        ("header", list(header)),
        ("query_string", list(query_string)),
    ])
}

fn resource_parameters(arn: &str) -> Value {
    object([(
        "resource_parameters",
        list(vec![object([
            ("resource_configuration_arn", s(arn)),
            ("resource_association_arn", Value::Null),
        ])]),
    )])
}

fn api_key_block() -> Value {
    object([
        ("key", s("x-api-key")),
        ("value", s("s3cr3t-api-key")),
        ("value_wo", Value::Null),
    ])
}

fn basic_block() -> Value {
    object([
        ("username", s("ops")),
        ("password", s("s3cr3t-password")),
        ("password_wo", Value::Null),
    ])
}

fn oauth_block() -> Value {
    object([
        ("authorization_endpoint", s("https://auth.example.com/oauth2/token")),
        ("http_method", s("POST")),
        (
            "client_parameters",
            list(vec![object([
                ("client_id", s("client-1")),
                ("client_secret", s("s3cr3t-client")),
                ("client_secret_wo", Value::Null),
            ])]),
        ),
        (
            "oauth_http_parameters",
            list(vec![http_parameters(
                vec![parameter("grant_type", "s3cr3t-grant", false)],
                vec![],
                vec![parameter("scope", "s3cr3t-scope", false)],
            )]),
        ),
    ])
}

/// A complete, valid API_KEY connection as Terraform sends it: every
/// attribute and block of the schema present, empty block lists empty.
fn api_key_connection() -> Value {
    object([
        ("id", Value::Null),
        ("name", s("crm.api-v2_x")),
        ("description", s("CRM webhook")),
        ("authorization_type", s("API_KEY")),
        ("kms_key_identifier", Value::Null),
        ("region", Value::Null),
        ("secrets_wo_version", Value::Null),
        ("arn", Value::Null),
        ("secret_arn", Value::Null),
        ("connection_state", Value::Null),
        ("state_reason", Value::Null),
        (
            "auth_parameters",
            list(vec![object([
                ("api_key", list(vec![api_key_block()])),
                ("basic", none()),
                ("oauth", none()),
                (
                    "invocation_http_parameters",
                    list(vec![http_parameters(
                        vec![parameter("mode", "s3cr3t-body", true)],
                        vec![parameter("x-tenant", "s3cr3t-tenant", false)],
                        vec![],
                    )]),
                ),
                ("connectivity_parameters", none()),
            ])]),
        ),
        ("invocation_connectivity_parameters", none()),
        ("timeouts", Value::Null),
    ])
}

fn basic_connection() -> Value {
    let c = with(api_key_connection(), "authorization_type", s("BASIC"));
    let c = with(c, "auth_parameters[0].api_key", none());
    with(c, "auth_parameters[0].basic", list(vec![basic_block()]))
}

/// OAuth to a private endpoint, with every optional argument set.
fn oauth_connection() -> Value {
    let c = with(
        api_key_connection(),
        "authorization_type",
        s("OAUTH_CLIENT_CREDENTIALS"),
    );
    let c = with(c, "auth_parameters[0].api_key", none());
    let c = with(c, "auth_parameters[0].oauth", list(vec![oauth_block()]));
    let c = with(
        c,
        "auth_parameters[0].connectivity_parameters",
        list(vec![resource_parameters(EXAMPLE_ARN)]),
    );
    let c = with(
        c,
        "invocation_connectivity_parameters",
        list(vec![resource_parameters(EXAMPLE_ARN)]),
    );
    let c = with(c, "kms_key_identifier", s("alias/crm"));
    let c = with(c, "region", s("eu-west-1"));
    with(
        c,
        "timeouts",
        object([("create", s("30m")), ("update", s("1h30m")), ("delete", s("90s"))]),
    )
}

/// The slot at `path`, e.g. `auth_parameters[0].api_key[0].value`.
fn slot<'a>(value: &'a mut Value, path: &str) -> &'a mut Value {
    let mut here = value;
    for step in path.split('.') {
        let (name, index) = match step.split_once('[') {
            Some((name, rest)) => (
                name,
                Some(rest.trim_end_matches(']').parse::<usize>().expect("an index")),
            ),
            None => (step, None),
        };
        here = here.attr_mut(name).unwrap_or_else(|| panic!("no {name} in {path}"));
        if let Some(i) = index {
            here = match here {
                Value::List(items) => &mut items[i],
                other => panic!("{name} is not a list: {other:?}"),
            };
        }
    }
    here
}

fn with(mut config: Value, path: &str, value: Value) -> Value {
    *slot(&mut config, path) = value;
    config
}

/// Every diagnostic of `config`, after checking that each is a located
/// error that quotes no secret.
fn diagnostics(config: &Value) -> Vec<Diagnostic> {
    let mut diags = Diagnostics::new();
    crate::tfplugin::flags::check_values(&schema().block, config, &mut diags);
    validate(config, &mut diags);
    for d in diags.iter() {
        assert_eq!(d.severity, Severity::Error, "{d:?}");
        assert!(d.path.is_some(), "no path: {d:?}");
        assert!(
            !d.summary.contains(SECRET) && !d.detail.contains(SECRET),
            "a secret leaked: {d:?}"
        );
    }
    diags.0
}

/// (path, summary) of each error.
fn errors(config: &Value) -> Vec<(String, String)> {
    diagnostics(config)
        .into_iter()
        .map(|d| (d.path.unwrap().to_string(), d.summary))
        .collect()
}

/// The one error of `config`; fails when there are none or several.
fn the_error(config: &Value) -> Diagnostic {
    let mut all = diagnostics(config);
    assert_eq!(all.len(), 1, "expected one error, got {all:#?}");
    all.remove(0)
}

fn path_of(d: &Diagnostic) -> String {
    d.path.clone().unwrap().to_string()
}

fn assert_valid(config: &Value) {
    assert_eq!(errors(config), Vec::<(String, String)>::new());
}

/// Whether `v` has exactly the shape of `t` (every attribute present).
fn conforms(v: &Value, t: &Type, at: &str) {
    match (v, t) {
        (Value::Null | Value::Unknown, _) => {}
        (Value::String(_), Type::String) | (Value::Bool(_), Type::Bool) | (Value::Number(_), Type::Number) => {}
        (Value::List(items), Type::List(element)) => {
            for (i, item) in items.iter().enumerate() {
                conforms(item, element, &format!("{at}[{i}]"));
            }
        }
        (Value::Object(fields), Type::Object(types)) => {
            let names: Vec<&String> = fields.keys().collect();
            let expected: Vec<&String> = types.keys().collect();
            assert_eq!(names, expected, "attributes of {at}");
            for (name, field) in fields {
                conforms(field, &types[name], &format!("{at}.{name}"));
            }
        }
        _ => panic!("{at} is {v:?}, not a {t:?}"),
    }
}

#[test]
fn the_test_connections_have_exactly_the_schemas_attributes() {
    let t = schema().value_type();
    for config in [api_key_connection(), basic_connection(), oauth_connection()] {
        conforms(&config, &t, "config");
    }
}

#[test]
fn complete_api_key_basic_and_oauth_connections_are_valid() {
    assert_valid(&api_key_connection());
    assert_valid(&basic_connection());
    assert_valid(&oauth_connection());
}

#[test]
fn names_are_checked_in_full_not_just_their_first_character() {
    assert_valid(&with(api_key_connection(), "name", s(&"a".repeat(64))));
    for bad in ["crm api", "crm/api", "crm:api", "crm-é", "", &"a".repeat(65)] {
        let d = the_error(&with(api_key_connection(), "name", s(bad)));
        assert_eq!(
            (path_of(&d), d.summary.as_str()),
            ("name".into(), "Invalid connection name")
        );
    }
    let d = the_error(&with(api_key_connection(), "name", s("crm api")));
    assert!(d.detail.contains("\"crm api\" contains ' '"), "{}", d.detail);
}

#[test]
fn descriptions_are_limited_to_512_characters_not_bytes() {
    assert_valid(&with(api_key_connection(), "description", s(&"é".repeat(512))));
    assert_valid(&with(api_key_connection(), "description", s("")));
    let d = the_error(&with(api_key_connection(), "description", s(&"d".repeat(513))));
    assert_eq!(path_of(&d), "description");
    assert!(d.detail.contains("513") && d.detail.contains("512"), "{}", d.detail);
}

#[test]
fn descriptions_are_one_line_as_java_reads_aws_pattern() {
    assert_valid(&with(api_key_connection(), "description", s("CRM\twebhook, é 日")));
    for bad in [
        "line one\nline two",
        "ends with a break\n",
        "a\rb",
        "a\u{85}b",
        "a\u{2028}b",
        "a\u{2029}b",
    ] {
        let d = the_error(&with(api_key_connection(), "description", s(bad)));
        assert_eq!(
            (path_of(&d), d.summary.as_str()),
            ("description".into(), "Invalid description"),
            "{bad:?}"
        );
        assert!(d.detail.contains("single line"), "{}", d.detail);
    }
}

#[test]
fn lengths_count_characters_outside_the_bmp_twice_as_aws_does() {
    assert_valid(&with(api_key_connection(), "description", s(&"🙂".repeat(256))));
    let d = the_error(&with(api_key_connection(), "description", s(&"🙂".repeat(257))));
    assert!(d.detail.contains("514") && d.detail.contains("twice"), "{}", d.detail);
}

#[test]
fn header_and_query_string_values_are_never_empty_and_query_values_refuse_tabs() {
    for (value, connection) in [
        (
            "auth_parameters[0].invocation_http_parameters[0].header[0].value",
            api_key_connection(),
        ),
        (
            "auth_parameters[0].oauth[0].oauth_http_parameters[0].query_string[0].value",
            oauth_connection(),
        ),
    ] {
        let d = the_error(&with(connection.clone(), value, s("")));
        assert_eq!(
            (path_of(&d), d.summary.as_str()),
            (value.into(), "Empty parameter value")
        );
        if value.contains("query_string") {
            assert_valid(&with(connection.clone(), value, s("multi\r\nline")));
            let d = the_error(&with(connection, value, s("a\tb")));
            assert_eq!(
                (path_of(&d), d.summary.as_str()),
                (value.into(), "Invalid query string value")
            );
            assert!(d.detail.contains("a tab") && !d.detail.contains("a\tb"), "{}", d.detail);
        } else {
            assert_valid(&with(connection.clone(), value, s("   ")));
            let d = the_error(&with(connection, value, s("\t")));
            assert_eq!(
                (path_of(&d), d.summary.as_str()),
                (value.into(), "Invalid header value")
            );
        }
    }
    // An empty body value is sent as it is: AWS has no rule for it.
    let body = "auth_parameters[0].invocation_http_parameters[0].body[0].value";
    assert_valid(&with(api_key_connection(), body, s("")));
}

#[test]
fn query_string_names_refuse_control_characters() {
    let key = "auth_parameters[0].oauth[0].oauth_http_parameters[0].query_string[0].key";
    assert_valid(&with(oauth_connection(), key, s("filter[name] é")));
    let d = the_error(&with(oauth_connection(), key, s("a\u{1}")));
    assert_eq!(
        (path_of(&d), d.summary.as_str()),
        (key.into(), "Invalid query string name")
    );
}

#[test]
fn authorization_type_is_one_of_the_three_aws_knows() {
    let d = the_error(&with(api_key_connection(), "authorization_type", s("api_key")));
    assert_eq!(path_of(&d), "authorization_type");
    assert!(d.detail.contains("\"api_key\"") && d.detail.contains("\"OAUTH_CLIENT_CREDENTIALS\""));
}

#[test]
fn a_connection_without_an_authorization_block_is_told_which_one_it_needs() {
    let d = the_error(&with(basic_connection(), "auth_parameters[0].basic", none()));
    assert_eq!(
        (path_of(&d), d.summary.as_str()),
        ("auth_parameters[0]".into(), "Missing authorization block")
    );
    assert!(
        d.detail.contains("authorization_type = \"BASIC\" needs a basic block"),
        "{}",
        d.detail
    );
}

#[test]
fn two_authorization_blocks_are_named_in_the_error() {
    let both = with(
        api_key_connection(),
        "auth_parameters[0].basic",
        list(vec![basic_block()]),
    );
    let d = the_error(&both);
    assert_eq!(
        (path_of(&d), d.summary.as_str()),
        ("auth_parameters[0]".into(), "Conflicting authorization blocks")
    );
    assert!(d.detail.contains("api_key and basic"), "{}", d.detail);
    assert!(d.detail.contains("keep api_key"), "{}", d.detail);
}

#[test]
fn an_authorization_block_of_another_type_names_the_type_and_the_block() {
    let d = the_error(&with(api_key_connection(), "authorization_type", s("BASIC")));
    assert_eq!(
        (path_of(&d), d.summary.as_str()),
        (
            "auth_parameters[0].api_key".into(),
            "Authorization block does not match authorization_type"
        )
    );
    assert_eq!(
        d.detail,
        "authorization_type is \"BASIC\" but auth_parameters sets api_key; use a basic block or set \
         authorization_type = \"API_KEY\"."
    );
    let d = the_error(&with(oauth_connection(), "authorization_type", s("API_KEY")));
    assert_eq!(path_of(&d), "auth_parameters[0].oauth");
    assert!(d.detail.contains("; use an api_key block or set"), "{}", d.detail);
}

#[test]
fn credentials_are_1_to_512_characters() {
    for (path, connection) in [
        ("auth_parameters[0].api_key[0].key", api_key_connection()),
        ("auth_parameters[0].api_key[0].value", api_key_connection()),
        ("auth_parameters[0].basic[0].username", basic_connection()),
        ("auth_parameters[0].basic[0].password", basic_connection()),
        (
            "auth_parameters[0].oauth[0].client_parameters[0].client_id",
            oauth_connection(),
        ),
        (
            "auth_parameters[0].oauth[0].client_parameters[0].client_secret",
            oauth_connection(),
        ),
    ] {
        assert_valid(&with(connection.clone(), path, s(&"k".repeat(512))));
        for bad in [String::new(), format!("{SECRET}{}", "k".repeat(512))] {
            let d = the_error(&with(connection.clone(), path, s(&bad)));
            assert_eq!(path_of(&d), path);
            assert!(d.summary.starts_with("Invalid "), "{}", d.summary);
        }
    }
}

#[test]
fn credentials_refuse_colons_and_control_characters_without_quoting_secrets() {
    let value = "auth_parameters[0].api_key[0].value";
    let d = the_error(&with(api_key_connection(), value, s("s3cr3t:colon")));
    assert_eq!(
        (path_of(&d), d.summary.as_str()),
        (value.into(), "Invalid API key value")
    );
    assert!(d.detail.contains("contains ':'"), "{}", d.detail);
    let d = the_error(&with(api_key_connection(), value, s("s3cr3t\u{7}bell")));
    assert!(d.detail.contains("U+0007"), "{}", d.detail);
    let d = the_error(&with(api_key_connection(), value, s("s3cr3t\u{7f}")));
    assert!(d.detail.contains("U+007F"), "{}", d.detail);
    let password = "auth_parameters[0].basic[0].password";
    assert_eq!(
        path_of(&the_error(&with(basic_connection(), password, s("s3cr3t:x")))),
        password
    );
    let key = "auth_parameters[0].api_key[0].key";
    let d = the_error(&with(api_key_connection(), key, s("x:api-key")));
    assert_eq!((path_of(&d), d.summary.as_str()), (key.into(), "Invalid API key name"));
}

#[test]
fn a_secret_read_from_a_file_with_its_line_break_is_explained() {
    let secret = "auth_parameters[0].oauth[0].client_parameters[0].client_secret";
    let d = the_error(&with(oauth_connection(), secret, s("s3cr3t-from-file\n")));
    assert_eq!(
        (path_of(&d), d.summary.as_str()),
        (secret.into(), "Invalid client secret")
    );
    assert!(
        d.detail.contains("a line break") && d.detail.contains("trimspace()"),
        "{}",
        d.detail
    );
}

#[test]
fn credentials_may_hold_tabs_and_spaces_between_words_but_not_only_blanks() {
    let value = "auth_parameters[0].api_key[0].value";
    assert_valid(&with(api_key_connection(), value, s(" s3cr3t\tkey with spaces\t")));
    assert_valid(&with(api_key_connection(), value, s("s3cr3t-ünïcödé")));
    for blank in [" ", "\t", " \t "] {
        let d = the_error(&with(api_key_connection(), value, s(blank)));
        assert_eq!(path_of(&d), value);
        assert!(d.detail.contains("only spaces and tabs"), "{}", d.detail);
    }
}

#[test]
fn a_secret_is_given_plainly_or_write_only_but_not_both() {
    let both = with(
        api_key_connection(),
        "auth_parameters[0].api_key[0].value_wo",
        s("s3cr3t-api-key"),
    );
    let d = the_error(&both);
    assert_eq!(
        (path_of(&d), d.summary.as_str()),
        ("auth_parameters[0].api_key[0].value_wo".into(), "Conflicting arguments")
    );
    let neither = with(api_key_connection(), "auth_parameters[0].api_key[0].value", Value::Null);
    let d = the_error(&neither);
    assert_eq!(
        (path_of(&d), d.summary.as_str()),
        ("auth_parameters[0].api_key[0]".into(), "Missing value")
    );
    let write_only = with(neither, "auth_parameters[0].api_key[0].value_wo", s("s3cr3t-api-key"));
    assert_valid(&write_only);
    let bad_write_only = with(write_only, "auth_parameters[0].api_key[0].value_wo", s("s3cr3t:wo"));
    assert_eq!(
        path_of(&the_error(&bad_write_only)),
        "auth_parameters[0].api_key[0].value_wo"
    );
}

#[test]
fn the_oauth_endpoint_is_an_http_url_with_a_host() {
    let endpoint = "auth_parameters[0].oauth[0].authorization_endpoint";
    for good in [
        "http://127.0.0.1:5000/token",
        "HTTPS://auth.example.com",
        "https://user@auth.example.com:8443/oauth2/token?audience=a%20b&x=(1)",
    ] {
        assert_valid(&with(oauth_connection(), endpoint, s(good)));
    }
    for (bad, why) in [
        ("", "is empty"),
        ("auth.example.com/token", "http:// or https://"),
        ("ftp://auth.example.com/token", "http:// or https://"),
        ("https:///token", "no host"),
        ("https://user@:443/token", "no host"),
        ("https://auth.example.com/oauth token", "' '"),
        ("https://auth.example.com/token#frag", "'#'"),
        ("https://auth.example.com/%zz", "%XX"),
        ("https://auth.example.com/é", "'é'"),
    ] {
        let d = the_error(&with(oauth_connection(), endpoint, s(bad)));
        assert_eq!(
            (path_of(&d), d.summary.as_str()),
            (endpoint.into(), "Invalid authorization endpoint")
        );
        assert!(d.detail.contains(why), "{bad:?}: {}", d.detail);
    }
    let long = format!("https://auth.example.com/{}", "a".repeat(2048));
    assert!(the_error(&with(oauth_connection(), endpoint, s(&long)))
        .detail
        .contains("2048"));
}

#[test]
fn the_oauth_http_method_is_get_post_or_put() {
    let method = "auth_parameters[0].oauth[0].http_method";
    for good in ["GET", "POST", "PUT"] {
        assert_valid(&with(oauth_connection(), method, s(good)));
    }
    for bad in ["PATCH", "post", ""] {
        let d = the_error(&with(oauth_connection(), method, s(bad)));
        assert_eq!(
            (path_of(&d), d.summary.as_str()),
            (method.into(), "Invalid HTTP method")
        );
    }
}

#[test]
fn an_empty_http_parameters_block_is_a_missing_required_argument() {
    let invocation = "auth_parameters[0].invocation_http_parameters[0]";
    let d = the_error(&with(
        api_key_connection(),
        invocation,
        http_parameters(vec![], vec![], vec![]),
    ));
    assert_eq!(
        (path_of(&d), d.summary.as_str()),
        (invocation.into(), "Missing required argument")
    );
    assert!(d.detail.contains("body, header or query_string"), "{}", d.detail);
    let oauth = "auth_parameters[0].oauth[0].oauth_http_parameters[0]";
    let d = the_error(&with(
        oauth_connection(),
        oauth,
        http_parameters(vec![], vec![], vec![]),
    ));
    assert_eq!(path_of(&d), oauth);
    let only_query = http_parameters(vec![], vec![], vec![parameter("q", "s3cr3t-q", false)]);
    assert_valid(&with(api_key_connection(), invocation, only_query));
}

#[test]
fn each_parameter_list_holds_at_most_100_entries() {
    let headers = |n: usize| {
        (0..n)
            .map(|i| parameter(&format!("x-h{i}"), "s3cr3t-v", false))
            .collect()
    };
    let invocation = "auth_parameters[0].invocation_http_parameters[0]";
    assert_valid(&with(
        api_key_connection(),
        invocation,
        http_parameters(vec![], headers(100), vec![]),
    ));
    let d = the_error(&with(
        api_key_connection(),
        invocation,
        http_parameters(vec![], headers(101), vec![]),
    ));
    assert_eq!(
        (path_of(&d), d.summary.as_str()),
        (format!("{invocation}.header"), "Too many parameters")
    );
    assert!(d.detail.contains("101") && d.detail.contains("100"), "{}", d.detail);
}

#[test]
fn parameter_keys_are_unique_within_a_list_and_the_duplicate_is_named() {
    let invocation = "auth_parameters[0].invocation_http_parameters[0]";
    let dup = http_parameters(
        vec![parameter("mode", "s3cr3t-1", false)],
        vec![
            parameter("x-tenant", "s3cr3t-1", false),
            parameter("x-other", "s3cr3t-2", false),
            parameter("X-Tenant", "s3cr3t-3", true),
        ],
        vec![parameter("mode", "s3cr3t-2", false)],
    );
    let d = the_error(&with(api_key_connection(), invocation, dup));
    assert_eq!(
        (path_of(&d), d.summary.as_str()),
        (format!("{invocation}.header[2].key"), "Duplicate parameter key")
    );
    assert!(
        d.detail.contains("\"X-Tenant\"") && d.detail.contains("header[0]"),
        "{}",
        d.detail
    );
    let query_dup = http_parameters(
        vec![],
        vec![],
        vec![
            parameter("q", "s3cr3t-1", false),
            parameter("q", "s3cr3t-2", false),
            parameter("Q", "s3cr3t-3", false),
        ],
    );
    let d = the_error(&with(api_key_connection(), invocation, query_dup));
    assert_eq!(path_of(&d), format!("{invocation}.query_string[1].key"));
}

#[test]
fn header_names_are_http_tokens() {
    let key = "auth_parameters[0].invocation_http_parameters[0].header[0].key";
    for good in ["X-Api-Key", "x_h.1", "!#$%&'*+-.^_`|~"] {
        assert_valid(&with(api_key_connection(), key, s(good)));
    }
    for bad in ["x tenant", "x:tenant", "x-é", "x,y"] {
        let d = the_error(&with(api_key_connection(), key, s(bad)));
        assert_eq!((path_of(&d), d.summary.as_str()), (key.into(), "Invalid header name"));
    }
    let body_key = "auth_parameters[0].invocation_http_parameters[0].body[0].key";
    assert_valid(&with(api_key_connection(), body_key, s("a body key: with spaces")));
}

#[test]
fn parameter_keys_are_not_empty_and_names_fit_512_characters() {
    for key in [
        "auth_parameters[0].invocation_http_parameters[0].body[0].key",
        "auth_parameters[0].invocation_http_parameters[0].header[0].key",
        "auth_parameters[0].oauth[0].oauth_http_parameters[0].query_string[0].key",
    ] {
        let connection = if key.contains("oauth") {
            oauth_connection()
        } else {
            api_key_connection()
        };
        let d = the_error(&with(connection.clone(), key, s("")));
        assert_eq!((path_of(&d), d.summary.as_str()), (key.into(), "Empty parameter key"));
        let long = with(connection, key, s(&"k".repeat(513)));
        if key.contains("body") {
            assert_valid(&long);
        } else {
            assert_eq!(path_of(&the_error(&long)), key);
        }
    }
}

#[test]
fn parameter_values_fit_512_characters_and_are_never_quoted() {
    // Body values have no limit (a signed JWT assertion can be long).
    let body = "auth_parameters[0].invocation_http_parameters[0].body[0].value";
    assert_valid(&with(
        api_key_connection(),
        body,
        s(&format!("{SECRET}{}", "v".repeat(2000))),
    ));
    for value in [
        "auth_parameters[0].invocation_http_parameters[0].header[0].value",
        "auth_parameters[0].oauth[0].oauth_http_parameters[0].query_string[0].value",
    ] {
        let connection = if value.contains("oauth") {
            oauth_connection()
        } else {
            api_key_connection()
        };
        assert_valid(&with(
            connection.clone(),
            value,
            s(&format!("{SECRET}{}", "v".repeat(506))),
        ));
        let d = the_error(&with(connection, value, s(&format!("{SECRET}{}", "v".repeat(507)))));
        assert_eq!(
            (path_of(&d), d.summary.as_str()),
            (value.into(), "Parameter value too long")
        );
    }
}

#[test]
fn a_write_only_parameter_value_is_checked_where_it_is_written() {
    let p = "auth_parameters[0].invocation_http_parameters[0].header[0]";
    let c = with(api_key_connection(), &format!("{p}.value"), Value::Null);
    let c = with(c, &format!("{p}.is_value_secret"), Value::Bool(true));
    let c = with(c, &format!("{p}.value_wo"), s(&format!("{SECRET}{}", "v".repeat(507))));
    let d = the_error(&c);
    assert_eq!(path_of(&d), format!("{p}.value_wo"));
}

#[test]
fn header_values_are_printable_ascii() {
    let value = "auth_parameters[0].invocation_http_parameters[0].header[0].value";
    assert_valid(&with(api_key_connection(), value, s("Bearer s3cr3t\tand ~ more")));
    for (bad, why) in [
        ("s3cr3t-é", "a non-ASCII character"),
        ("s3cr3t\n", "trimspace()"),
        ("s3cr3t\u{0}", "U+0000"),
    ] {
        let d = the_error(&with(api_key_connection(), value, s(bad)));
        assert_eq!(
            (path_of(&d), d.summary.as_str()),
            (value.into(), "Invalid header value")
        );
        assert!(d.detail.contains(why), "{}", d.detail);
    }
    let body = "auth_parameters[0].invocation_http_parameters[0].body[0].value";
    assert_valid(&with(api_key_connection(), body, s("s3cr3t-é\n")));
}

#[test]
fn a_write_only_parameter_value_must_be_secret_and_alone() {
    let p = "auth_parameters[0].invocation_http_parameters[0].header[0]";
    let c = with(api_key_connection(), &format!("{p}.value"), Value::Null);
    let c = with(c, &format!("{p}.value_wo"), s("s3cr3t-wo"));
    let d = the_error(&c);
    assert_eq!(
        (path_of(&d), d.summary.as_str()),
        (format!("{p}.value_wo"), "Write-only value of a non-secret parameter")
    );
    let c = with(c, &format!("{p}.is_value_secret"), Value::Bool(true));
    assert_valid(&c);
    let c = with(c, &format!("{p}.value"), s("s3cr3t-plain"));
    assert_eq!(
        errors(&c),
        [(format!("{p}.value_wo"), "Conflicting arguments".to_string())]
    );
}

#[test]
fn kms_key_identifiers_are_ids_arns_or_aliases() {
    for good in [
        "1234abcd-12ab-34cd-56ef-1234567890ab",
        "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "alias/crm_key",
    ] {
        assert_valid(&with(api_key_connection(), "kms_key_identifier", s(good)));
    }
    let d = the_error(&with(api_key_connection(), "kms_key_identifier", s("alias/crm key")));
    assert_eq!(
        (path_of(&d), d.summary.as_str()),
        ("kms_key_identifier".into(), "Invalid KMS key identifier")
    );
    let d = the_error(&with(api_key_connection(), "kms_key_identifier", s(&"k".repeat(2049))));
    assert!(d.detail.contains("2048"), "{}", d.detail);
}

#[test]
fn an_empty_kms_key_identifier_asks_to_remove_the_argument() {
    let d = the_error(&with(api_key_connection(), "kms_key_identifier", s("")));
    assert_eq!(path_of(&d), "kms_key_identifier");
    assert!(d.detail.contains("remove the argument"), "{}", d.detail);
}

#[test]
fn resource_configuration_arns_must_be_arns_in_both_connectivity_blocks() {
    for arn_path in [
        "invocation_connectivity_parameters[0].resource_parameters[0].resource_configuration_arn",
        "auth_parameters[0].connectivity_parameters[0].resource_parameters[0].resource_configuration_arn",
    ] {
        for good in [
            EXAMPLE_ARN,
            "arn:aws-cn:vpc-lattice:cn-north-1:123456789012:resourceconfiguration/rcfg-0123456789abcdef0",
        ] {
            assert_valid(&with(oauth_connection(), arn_path, s(good)));
        }
        for bad in [
            "",
            "rcfg-0123456789abcdef0",
            "arn:azure:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-1",
            "arn:aws-:vpc-lattice:us-east-1:123456789012:x",
            "arn:aws::us-east-1:123456789012:resourceconfiguration/rcfg-1",
            "arn:aws:vpc-lattice:us-east-1:123456789012:",
            "arn:aws:vpc-lattice:us-east-1:123456789012",
            "arn:aws:vpc-lattice:us-east-1:123456789012:resource configuration",
            // An ARN, but not of a VPC Lattice resource configuration.
            "arn:aws:lambda:us-east-1:123456789012:function:crm",
            "arn:aws:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-1",
            "arn:aws:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-0123456789ABCDEF0",
            "arn:aws:vpc-lattice:us-east-1:12345678901:resourceconfiguration/rcfg-0123456789abcdef0",
        ] {
            let d = the_error(&with(oauth_connection(), arn_path, s(bad)));
            assert_eq!(
                (path_of(&d), d.summary.as_str()),
                (arn_path.into(), "Invalid ARN"),
                "{bad:?}"
            );
        }
    }
}

#[test]
fn regions_are_lowercase_region_names() {
    assert_valid(&with(api_key_connection(), "region", s("us-gov-west-1")));
    for bad in ["", "EU-WEST-1", "eu west 1", "eu_west_1", "mars-1", "us-east-1x"] {
        let d = the_error(&with(api_key_connection(), "region", s(bad)));
        assert_eq!(
            (path_of(&d), d.summary.as_str()),
            ("region".into(), "Invalid AWS Region")
        );
    }
}

#[test]
fn timeouts_must_be_go_durations() {
    let timeouts = |create: Value, update: Value, delete: Value| {
        with(
            api_key_connection(),
            "timeouts",
            object([("create", create), ("update", update), ("delete", delete)]),
        )
    };
    assert_valid(&timeouts(s("20m"), Value::Null, s("1h30m")));
    let e = errors(&timeouts(s("10 minutes"), s("-5m"), s("1d")));
    let paths: Vec<&str> = e.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths, ["timeouts.create", "timeouts.update", "timeouts.delete"]);
    assert!(e.iter().all(|(_, summary)| summary == "Invalid timeout"));
    let d = the_error(&timeouts(s("5"), Value::Null, Value::Null));
    assert!(
        d.detail.contains("\"5\"") && d.detail.contains("\"1h30m\""),
        "{}",
        d.detail
    );
}

#[test]
fn unknown_values_are_checked_once_known() {
    let unknown = |path: &str, c: Value| with(c, path, Value::Unknown);
    // Each of these would be an error if the unknown value were bad.
    assert_valid(&unknown("name", with(api_key_connection(), "name", s("bad name"))));
    assert_valid(&unknown(
        "authorization_type",
        with(api_key_connection(), "authorization_type", s("BASIC")),
    ));
    assert_valid(&unknown("auth_parameters[0].api_key[0]", api_key_connection()));
    assert_valid(&unknown("auth_parameters[0]", api_key_connection()));
    assert_valid(&unknown("auth_parameters", api_key_connection()));
    assert_valid(&unknown("timeouts", api_key_connection()));
    assert_valid(&unknown(
        "auth_parameters[0].invocation_http_parameters[0].header[0]",
        api_key_connection(),
    ));
    // No block yet, but a dynamic block list still unknown may hold one.
    let c = with(api_key_connection(), "auth_parameters[0].api_key", none());
    assert_valid(&unknown("auth_parameters[0].basic", c));
    // An empty parameters block whose header list is still unknown.
    let c = with(
        api_key_connection(),
        "auth_parameters[0].invocation_http_parameters[0]",
        object([("body", none()), ("header", Value::Unknown), ("query_string", none())]),
    );
    assert_valid(&c);
}

#[test]
fn several_mistakes_are_all_reported_each_at_its_line() {
    let c = with(api_key_connection(), "name", s("crm api"));
    let c = with(c, "auth_parameters[0].api_key[0].value", s("s3cr3t:x"));
    let c = with(
        c,
        "auth_parameters[0].invocation_http_parameters[0].header[0].key",
        s("x tenant"),
    );
    let paths: Vec<String> = errors(&c).into_iter().map(|(p, _)| p).collect();
    assert_eq!(
        paths,
        [
            "name",
            "auth_parameters[0].api_key[0].value",
            "auth_parameters[0].invocation_http_parameters[0].header[0].key",
        ]
    );
}

#[test]
fn every_write_only_twin_is_flagged_write_only_for_the_servers_rule() {
    let wo = with(api_key_connection(), "auth_parameters[0].api_key[0].value", Value::Null);
    let wo = with(wo, "auth_parameters[0].api_key[0].value_wo", s("s3cr3t-api-key"));
    let mut diags = Diagnostics::new();
    crate::tfplugin::flags::refuse_write_only_without_support(&schema().block, &wo, &mut diags);
    let d = diags.iter().next().expect("an error");
    assert_eq!(path_of(d), "auth_parameters[0].api_key[0].value_wo");
    assert!(d.summary.contains("1.11") && !d.detail.contains(SECRET));
    assert_valid(&wo);
}
