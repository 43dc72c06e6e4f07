//! The provider's validation against the AWS service model, value by value:
//! for every string the provider sends in CreateConnection /
//! UpdateConnection (`eventbridge_connection`), CreateApiDestination /
//! UpdateApiDestination (`eventbridge_api_destination`), PutRule
//! (`eventbridge_rule`) and PutTargets (`eventbridge_target`: the rule, the
//! bus and every string of the `Target` shape, nested ones included),
//! values at the model's length boundaries (in UTF-16 units, as Java
//! counts) and from every character class that matters are put in an
//! otherwise valid configuration; the provider's verdict (no error at the
//! attribute) must equal the model's (its constraints evaluated with Java
//! regex semantics). The only exceptions are the deliberate divergences in
//! [`DIVERGENCES`], where the provider is stricter on purpose, and the
//! disagreements in [`PENDING`], whose fix is a check `schema.rs` does not
//! attach yet (each must still occur, so it leaves with its fix). A bounded
//! proptest does the same with random strings; the one number the provider
//! sends to the API destination, its rate limit, has a test of its own (the
//! target's numbers are ranges the provider states as AWS does, not yet
//! tried here).
//!
//! The keys and values of maps count as string members: the provider's
//! maps (a target's headers, query strings, input paths and ECS tags, a
//! rule's tags) are tried one entry at a time, the model's side through
//! the map's `{key}` and `{value}` shapes (or its `Tag` list). What the
//! provider cannot express as a string (a bool for a model enum) is in
//! [`EXCLUDED`], with the reason.
//!
//! No network, no emulator: only the model file (botocore's, see
//! `support::aws_model`). Without it the tests skip with one line, except
//! under CI=true, where they fail.

use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, TestCaseError, TestError, TestRunner};
use serde_json::{json, Value as Json};
use support::aws_model::{self, utf16_len, Constraints, Model};
use terraform_provider_eventbridge::api_destination::schema::schema as destination_schema;
use terraform_provider_eventbridge::api_destination::ApiDestinationResource;
use terraform_provider_eventbridge::connection::schema::schema as connection_schema;
use terraform_provider_eventbridge::connection::ConnectionResource;
use terraform_provider_eventbridge::rule::schema::schema as rule_schema;
use terraform_provider_eventbridge::rule::RuleResource;
use terraform_provider_eventbridge::target::checks::RUN_COMMAND_KEY;
use terraform_provider_eventbridge::target::schema::schema as target_schema;
use terraform_provider_eventbridge::target::TargetResource;
use terraform_provider_eventbridge::tfplugin::{
    decode_json, AttributePath, ClientCapabilities, Diagnostics, PathStep, Resource, Severity, Value,
};

const ARN: &str = "arn:aws:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-0123456789abcdef0";

/// The API destination's connection, and the parts a value is built around.
const CONNECTION_ARN_HEAD: &str = "arn:aws:events:us-east-1:123456789012:connection/";
const CONNECTION_ARN_TAIL: &str = "/0123abcd-12ab-34cd-56ef-1234567890ab";

/// Which complete, valid configuration a member is tried in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Base {
    /// API_KEY with invocation parameters, KMS key and private invocation.
    ApiKey,
    Basic,
    /// OAuth with token-request parameters and a private token endpoint.
    OAuth,
    /// An API destination with every argument set.
    Destination,
    /// A rule with every argument set: a pattern and a schedule on the
    /// default bus.
    Rule,
    /// A target with every block set (an API destination's, though AWS
    /// would not take ECS, Batch and the others on it: the provider does
    /// not mind) and `input`, Redshift's `sql`.
    Target,
    /// The same with `input_path` and Redshift's `sqls` instead.
    TargetPath,
    /// The same with `input_transformer` instead.
    TargetTransformer,
}

const CONNECTION_OPERATIONS: &[&str] = &["CreateConnection", "UpdateConnection"];
const DESTINATION_OPERATIONS: &[&str] = &["CreateApiDestination", "UpdateApiDestination"];
const RULE_OPERATIONS: &[&str] = &["PutRule"];
const TARGET_OPERATIONS: &[&str] = &["PutTargets"];

/// Every base, for the tests that go through them all.
const BASES: [Base; 8] = [
    Base::ApiKey,
    Base::Basic,
    Base::OAuth,
    Base::Destination,
    Base::Rule,
    Base::Target,
    Base::TargetPath,
    Base::TargetTransformer,
];

impl Base {
    /// The operations that send what this configuration sets.
    fn operations(self) -> &'static [&'static str] {
        match self {
            Base::ApiKey | Base::Basic | Base::OAuth => CONNECTION_OPERATIONS,
            Base::Destination => DESTINATION_OPERATIONS,
            Base::Rule => RULE_OPERATIONS,
            Base::Target | Base::TargetPath | Base::TargetTransformer => TARGET_OPERATIONS,
        }
    }

    /// The resource type, as the counts name it.
    fn resource_type(self) -> &'static str {
        match self {
            Base::ApiKey | Base::Basic | Base::OAuth => "connection",
            Base::Destination => "API destination",
            Base::Rule => "rule",
            Base::Target | Base::TargetPath | Base::TargetTransformer => "target",
        }
    }
}

/// The target's API destination and its role.
const DESTINATION_ARN: &str =
    "arn:aws:events:us-east-1:123456789012:api-destination/differential/0123abcd-12ab-34cd-56ef-1234567890ab";
const ROLE_ARN: &str = "arn:aws:iam::123456789012:role/differential";

fn rule_config() -> Json {
    json!({
        "name": "differential",
        "description": "a rule",
        "event_bus_name": "default",
        "event_pattern": r#"{"source":["aws.ec2"]}"#,
        "schedule_expression": "rate(5 minutes)",
        "state": "ENABLED",
        "role_arn": ROLE_ARN,
        "tags": {"team": "events"},
    })
}

fn target_config(base: Base) -> Json {
    let mut target = json!({
        "rule": "differential",
        "event_bus_name": "default",
        "target_id": "differential",
        "arn": DESTINATION_ARN,
        "role_arn": ROLE_ARN,
        "input": r#"{"order":1}"#,
        "force_destroy": false,
        "input_transformer": [],
        "http_target": [{
            "path_parameter_values": ["orders"],
            "header_parameters": {"x-tenant": "acme"},
            "query_string_parameters": {"tenant": "acme"},
        }],
        "dead_letter_config": [{"arn": "arn:aws:sqs:us-east-1:123456789012:dead-letters"}],
        "retry_policy": [{"maximum_event_age_in_seconds": 3600, "maximum_retry_attempts": 3}],
        "ecs_target": [{
            "task_definition_arn": "arn:aws:ecs:us-east-1:123456789012:task-definition/differential:1",
            "task_count": 1,
            "launch_type": "FARGATE",
            "platform_version": "1.4.0",
            "group": "differential",
            "enable_ecs_managed_tags": true,
            "enable_execute_command": false,
            "propagate_tags": "TASK_DEFINITION",
            "reference_id": "differential",
            "tags": {"team": "events"},
            "network_configuration": [{
                "subnets": ["subnet-0123456789abcdef0"],
                "security_groups": ["sg-0123456789abcdef0"],
                "assign_public_ip": false,
            }],
            "capacity_provider_strategy": [{"capacity_provider": "FARGATE_SPOT", "weight": 1, "base": 0}],
            "placement_constraint": [{"type": "memberOf", "expression": "attribute:ecs.instance-type =~ t3.*"}],
            "ordered_placement_strategy": [{"type": "spread", "field": "attribute:ecs.availability-zone"}],
        }],
        "batch_target": [{
            "job_definition": "arn:aws:batch:us-east-1:123456789012:job-definition/differential:1",
            "job_name": "differential",
            "array_size": 2,
            "job_attempts": 1,
        }],
        "kinesis_target": [{"partition_key_path": "$.id"}],
        "sqs_target": [{"message_group_id": "differential"}],
        "redshift_target": [{
            "database": "dev",
            "db_user": "differential",
            "secrets_manager_arn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:differential-AbCdEf",
            "sql": "SELECT 1",
            "statement_name": "differential",
            "with_event": false,
        }],
        "sagemaker_pipeline_target": [{"pipeline_parameter_list": [{"name": "differential", "value": "1"}]}],
        "appsync_target": [{"graphql_operation": "mutation Differential { put(id: 1) { id } }"}],
        "run_command_targets": [{"key": "tag:Environment", "values": ["differential"]}],
    });
    match base {
        Base::TargetPath => {
            target["input"] = Json::Null;
            target["input_path"] = json!("$.detail");
            target["redshift_target"][0]["sql"] = Json::Null;
            target["redshift_target"][0]["sqls"] = json!(["SELECT 1"]);
        }
        Base::TargetTransformer => {
            target["input"] = Json::Null;
            target["input_transformer"] = json!([{
                "input_paths": {"order": "$.detail.order"},
                "input_template": r#"{"order": <order>}"#,
            }]);
        }
        _ => {}
    }
    target
}

fn base_config(base: Base) -> Json {
    match base {
        Base::Rule => return rule_config(),
        Base::Target | Base::TargetPath | Base::TargetTransformer => return target_config(base),
        _ => {}
    }
    if base == Base::Destination {
        return json!({
            "name": "differential",
            "description": "an API destination",
            "connection_arn": format!("{CONNECTION_ARN_HEAD}differential{CONNECTION_ARN_TAIL}"),
            "invocation_endpoint": "https://api.example.com/orders",
            "http_method": "POST",
            "invocation_rate_limit_per_second": 10,
        });
    }
    let parameters = |prefix: &str| {
        json!({
            "body": [{"key": format!("{prefix}-b"), "value": "body-value", "is_value_secret": false}],
            "header": [{"key": format!("{prefix}-h"), "value": "header-value", "is_value_secret": false}],
            "query_string": [{"key": format!("{prefix}-q"), "value": "query-value", "is_value_secret": false}],
        })
    };
    let connectivity = json!([{"resource_parameters": [{"resource_configuration_arn": ARN}]}]);
    let (authorization_type, auth) = match base {
        Base::ApiKey => (
            "API_KEY",
            json!({
                "api_key": [{"key": "x-api-key", "value": "key-value"}], "basic": [], "oauth": [],
                "invocation_http_parameters": [parameters("inv")], "connectivity_parameters": [],
            }),
        ),
        Base::Basic => (
            "BASIC",
            json!({
                "api_key": [], "basic": [{"username": "user", "password": "password"}], "oauth": [],
                "invocation_http_parameters": [], "connectivity_parameters": [],
            }),
        ),
        Base::OAuth => (
            "OAUTH_CLIENT_CREDENTIALS",
            json!({
                "api_key": [], "basic": [], "invocation_http_parameters": [],
                "oauth": [{
                    "authorization_endpoint": "https://auth.example.com/oauth2/token",
                    "http_method": "POST",
                    "client_parameters": [{"client_id": "client", "client_secret": "client-secret"}],
                    "oauth_http_parameters": [parameters("tok")],
                }],
                "connectivity_parameters": connectivity.clone(),
            }),
        ),
        _ => unreachable!("returned above"),
    };
    json!({
        "name": "differential",
        "description": "a connection",
        "authorization_type": authorization_type,
        "kms_key_identifier": "alias/events",
        "auth_parameters": [auth],
        "invocation_connectivity_parameters": if matches!(base, Base::ApiKey) { connectivity } else { json!([]) },
    })
}

/// A string member of the requests and where the provider takes it from.
struct Member {
    /// Path below the input of the base's operations (CreateConnection's
    /// and UpdateConnection's, CreateApiDestination's and
    /// UpdateApiDestination's, PutRule's or PutTargets'); lists are walked
    /// through, a map's key and value are `{key}` and `{value}`.
    model: &'static str,
    base: Base,
    /// The attribute(s) it comes from: a secret has a plain and a
    /// write-only twin. `list[0]` (or a set's) is its one element;
    /// `map{key}` and `map{value}` are the key and the value of its one
    /// entry.
    attributes: &'static [&'static str],
    /// Values are built as `head + filler + tail`, so that a value of any
    /// length can still be valid (an ARN's Region, a URL's path).
    head: &'static str,
    tail: &'static str,
}

const fn member(model: &'static str, base: Base, attributes: &'static [&'static str]) -> Member {
    Member {
        model,
        base,
        attributes,
        head: "",
        tail: "",
    }
}

const MEMBERS: &[Member] = &[
    member("Name", Base::ApiKey, &["name"]),
    member("Description", Base::ApiKey, &["description"]),
    member("AuthorizationType", Base::ApiKey, &["authorization_type"]),
    Member {
        head: "alias/",
        ..member("KmsKeyIdentifier", Base::ApiKey, &["kms_key_identifier"])
    },
    member(
        "AuthParameters.BasicAuthParameters.Username",
        Base::Basic,
        &["auth_parameters[0].basic[0].username"],
    ),
    member(
        "AuthParameters.BasicAuthParameters.Password",
        Base::Basic,
        &[
            "auth_parameters[0].basic[0].password",
            "auth_parameters[0].basic[0].password_wo",
        ],
    ),
    member(
        "AuthParameters.ApiKeyAuthParameters.ApiKeyName",
        Base::ApiKey,
        &["auth_parameters[0].api_key[0].key"],
    ),
    member(
        "AuthParameters.ApiKeyAuthParameters.ApiKeyValue",
        Base::ApiKey,
        &[
            "auth_parameters[0].api_key[0].value",
            "auth_parameters[0].api_key[0].value_wo",
        ],
    ),
    Member {
        head: "https://auth.example.com/",
        ..member(
            "AuthParameters.OAuthParameters.AuthorizationEndpoint",
            Base::OAuth,
            &["auth_parameters[0].oauth[0].authorization_endpoint"],
        )
    },
    member(
        "AuthParameters.OAuthParameters.HttpMethod",
        Base::OAuth,
        &["auth_parameters[0].oauth[0].http_method"],
    ),
    member(
        "AuthParameters.OAuthParameters.ClientParameters.ClientID",
        Base::OAuth,
        &["auth_parameters[0].oauth[0].client_parameters[0].client_id"],
    ),
    member(
        "AuthParameters.OAuthParameters.ClientParameters.ClientSecret",
        Base::OAuth,
        &[
            "auth_parameters[0].oauth[0].client_parameters[0].client_secret",
            "auth_parameters[0].oauth[0].client_parameters[0].client_secret_wo",
        ],
    ),
    member(
        "AuthParameters.OAuthParameters.OAuthHttpParameters.HeaderParameters.Key",
        Base::OAuth,
        &["auth_parameters[0].oauth[0].oauth_http_parameters[0].header[0].key"],
    ),
    member(
        "AuthParameters.OAuthParameters.OAuthHttpParameters.HeaderParameters.Value",
        Base::OAuth,
        &[
            "auth_parameters[0].oauth[0].oauth_http_parameters[0].header[0].value",
            "auth_parameters[0].oauth[0].oauth_http_parameters[0].header[0].value_wo",
        ],
    ),
    member(
        "AuthParameters.OAuthParameters.OAuthHttpParameters.QueryStringParameters.Key",
        Base::OAuth,
        &["auth_parameters[0].oauth[0].oauth_http_parameters[0].query_string[0].key"],
    ),
    member(
        "AuthParameters.OAuthParameters.OAuthHttpParameters.QueryStringParameters.Value",
        Base::OAuth,
        &[
            "auth_parameters[0].oauth[0].oauth_http_parameters[0].query_string[0].value",
            "auth_parameters[0].oauth[0].oauth_http_parameters[0].query_string[0].value_wo",
        ],
    ),
    member(
        "AuthParameters.OAuthParameters.OAuthHttpParameters.BodyParameters.Key",
        Base::OAuth,
        &["auth_parameters[0].oauth[0].oauth_http_parameters[0].body[0].key"],
    ),
    member(
        "AuthParameters.OAuthParameters.OAuthHttpParameters.BodyParameters.Value",
        Base::OAuth,
        &[
            "auth_parameters[0].oauth[0].oauth_http_parameters[0].body[0].value",
            "auth_parameters[0].oauth[0].oauth_http_parameters[0].body[0].value_wo",
        ],
    ),
    member(
        "AuthParameters.InvocationHttpParameters.HeaderParameters.Key",
        Base::ApiKey,
        &["auth_parameters[0].invocation_http_parameters[0].header[0].key"],
    ),
    member(
        "AuthParameters.InvocationHttpParameters.HeaderParameters.Value",
        Base::ApiKey,
        &[
            "auth_parameters[0].invocation_http_parameters[0].header[0].value",
            "auth_parameters[0].invocation_http_parameters[0].header[0].value_wo",
        ],
    ),
    member(
        "AuthParameters.InvocationHttpParameters.QueryStringParameters.Key",
        Base::ApiKey,
        &["auth_parameters[0].invocation_http_parameters[0].query_string[0].key"],
    ),
    member(
        "AuthParameters.InvocationHttpParameters.QueryStringParameters.Value",
        Base::ApiKey,
        &[
            "auth_parameters[0].invocation_http_parameters[0].query_string[0].value",
            "auth_parameters[0].invocation_http_parameters[0].query_string[0].value_wo",
        ],
    ),
    member(
        "AuthParameters.InvocationHttpParameters.BodyParameters.Key",
        Base::ApiKey,
        &["auth_parameters[0].invocation_http_parameters[0].body[0].key"],
    ),
    member(
        "AuthParameters.InvocationHttpParameters.BodyParameters.Value",
        Base::ApiKey,
        &[
            "auth_parameters[0].invocation_http_parameters[0].body[0].value",
            "auth_parameters[0].invocation_http_parameters[0].body[0].value_wo",
        ],
    ),
    Member {
        head: "arn:aws:vpc-lattice:us-east-",
        tail: "1:123456789012:resourceconfiguration/rcfg-0123456789abcdef0",
        ..member(
            "AuthParameters.ConnectivityParameters.ResourceParameters.ResourceConfigurationArn",
            Base::OAuth,
            &["auth_parameters[0].connectivity_parameters[0].resource_parameters[0].resource_configuration_arn"],
        )
    },
    Member {
        head: "arn:aws:vpc-lattice:us-east-",
        tail: "1:123456789012:resourceconfiguration/rcfg-0123456789abcdef0",
        ..member(
            "InvocationConnectivityParameters.ResourceParameters.ResourceConfigurationArn",
            Base::ApiKey,
            &["invocation_connectivity_parameters[0].resource_parameters[0].resource_configuration_arn"],
        )
    },
    member("Name", Base::Destination, &["name"]),
    member("Description", Base::Destination, &["description"]),
    Member {
        head: CONNECTION_ARN_HEAD,
        tail: CONNECTION_ARN_TAIL,
        ..member("ConnectionArn", Base::Destination, &["connection_arn"])
    },
    Member {
        head: "https://api.example.com/",
        ..member("InvocationEndpoint", Base::Destination, &["invocation_endpoint"])
    },
    member("HttpMethod", Base::Destination, &["http_method"]),
    // `name_prefix` is not the name AWS gets (the provider completes it),
    // and the deprecated bool `is_enabled` is sent as State.
    member("Name", Base::Rule, &["name"]),
    Member {
        head: "rate(",
        tail: ")",
        ..member("ScheduleExpression", Base::Rule, &["schedule_expression"])
    },
    Member {
        head: r#"{"source":[""#,
        tail: r#""]}"#,
        ..member("EventPattern", Base::Rule, &["event_pattern"])
    },
    member("State", Base::Rule, &["state"]),
    member("Description", Base::Rule, &["description"]),
    member("RoleArn", Base::Rule, &["role_arn"]),
    member("Tags.Key", Base::Rule, &["tags{key}"]),
    member("Tags.Value", Base::Rule, &["tags{value}"]),
    member("EventBusName", Base::Rule, &["event_bus_name"]),
    member("Rule", Base::Target, &["rule"]),
    member("EventBusName", Base::Target, &["event_bus_name"]),
    member("Targets.Id", Base::Target, &["target_id"]),
    member("Targets.Arn", Base::Target, &["arn"]),
    member("Targets.RoleArn", Base::Target, &["role_arn"]),
    // A JSON string, so that a value of any length can be valid JSON.
    Member {
        head: "\"",
        tail: "\"",
        ..member("Targets.Input", Base::Target, &["input"])
    },
    member("Targets.InputPath", Base::TargetPath, &["input_path"]),
    member(
        "Targets.InputTransformer.InputPathsMap.{key}",
        Base::TargetTransformer,
        &["input_transformer[0].input_paths{key}"],
    ),
    member(
        "Targets.InputTransformer.InputPathsMap.{value}",
        Base::TargetTransformer,
        &["input_transformer[0].input_paths{value}"],
    ),
    member(
        "Targets.InputTransformer.InputTemplate",
        Base::TargetTransformer,
        &["input_transformer[0].input_template"],
    ),
    member(
        "Targets.KinesisParameters.PartitionKeyPath",
        Base::Target,
        &["kinesis_target[0].partition_key_path"],
    ),
    member(
        "Targets.RunCommandParameters.RunCommandTargets.Key",
        Base::Target,
        &["run_command_targets[0].key"],
    ),
    member(
        "Targets.RunCommandParameters.RunCommandTargets.Values",
        Base::Target,
        &["run_command_targets[0].values[0]"],
    ),
    member(
        "Targets.EcsParameters.TaskDefinitionArn",
        Base::Target,
        &["ecs_target[0].task_definition_arn"],
    ),
    member(
        "Targets.EcsParameters.LaunchType",
        Base::Target,
        &["ecs_target[0].launch_type"],
    ),
    member(
        "Targets.EcsParameters.NetworkConfiguration.awsvpcConfiguration.Subnets",
        Base::Target,
        &["ecs_target[0].network_configuration[0].subnets[0]"],
    ),
    member(
        "Targets.EcsParameters.NetworkConfiguration.awsvpcConfiguration.SecurityGroups",
        Base::Target,
        &["ecs_target[0].network_configuration[0].security_groups[0]"],
    ),
    member(
        "Targets.EcsParameters.PlatformVersion",
        Base::Target,
        &["ecs_target[0].platform_version"],
    ),
    member("Targets.EcsParameters.Group", Base::Target, &["ecs_target[0].group"]),
    member(
        "Targets.EcsParameters.CapacityProviderStrategy.capacityProvider",
        Base::Target,
        &["ecs_target[0].capacity_provider_strategy[0].capacity_provider"],
    ),
    member(
        "Targets.EcsParameters.PlacementConstraints.type",
        Base::Target,
        &["ecs_target[0].placement_constraint[0].type"],
    ),
    member(
        "Targets.EcsParameters.PlacementConstraints.expression",
        Base::Target,
        &["ecs_target[0].placement_constraint[0].expression"],
    ),
    member(
        "Targets.EcsParameters.PlacementStrategy.type",
        Base::Target,
        &["ecs_target[0].ordered_placement_strategy[0].type"],
    ),
    member(
        "Targets.EcsParameters.PlacementStrategy.field",
        Base::Target,
        &["ecs_target[0].ordered_placement_strategy[0].field"],
    ),
    member(
        "Targets.EcsParameters.PropagateTags",
        Base::Target,
        &["ecs_target[0].propagate_tags"],
    ),
    member(
        "Targets.EcsParameters.ReferenceId",
        Base::Target,
        &["ecs_target[0].reference_id"],
    ),
    member(
        "Targets.EcsParameters.Tags.Key",
        Base::Target,
        &["ecs_target[0].tags{key}"],
    ),
    member(
        "Targets.EcsParameters.Tags.Value",
        Base::Target,
        &["ecs_target[0].tags{value}"],
    ),
    member(
        "Targets.BatchParameters.JobDefinition",
        Base::Target,
        &["batch_target[0].job_definition"],
    ),
    member(
        "Targets.BatchParameters.JobName",
        Base::Target,
        &["batch_target[0].job_name"],
    ),
    member(
        "Targets.SqsParameters.MessageGroupId",
        Base::Target,
        &["sqs_target[0].message_group_id"],
    ),
    member(
        "Targets.HttpParameters.PathParameterValues",
        Base::Target,
        &["http_target[0].path_parameter_values[0]"],
    ),
    member(
        "Targets.HttpParameters.HeaderParameters.{key}",
        Base::Target,
        &["http_target[0].header_parameters{key}"],
    ),
    member(
        "Targets.HttpParameters.HeaderParameters.{value}",
        Base::Target,
        &["http_target[0].header_parameters{value}"],
    ),
    member(
        "Targets.HttpParameters.QueryStringParameters.{key}",
        Base::Target,
        &["http_target[0].query_string_parameters{key}"],
    ),
    member(
        "Targets.HttpParameters.QueryStringParameters.{value}",
        Base::Target,
        &["http_target[0].query_string_parameters{value}"],
    ),
    Member {
        head: "arn:aws:secretsmanager:us-east-1:",
        tail: ":secret:differential",
        ..member(
            "Targets.RedshiftDataParameters.SecretManagerArn",
            Base::Target,
            &["redshift_target[0].secrets_manager_arn"],
        )
    },
    member(
        "Targets.RedshiftDataParameters.Database",
        Base::Target,
        &["redshift_target[0].database"],
    ),
    member(
        "Targets.RedshiftDataParameters.DbUser",
        Base::Target,
        &["redshift_target[0].db_user"],
    ),
    member(
        "Targets.RedshiftDataParameters.Sql",
        Base::Target,
        &["redshift_target[0].sql"],
    ),
    member(
        "Targets.RedshiftDataParameters.StatementName",
        Base::Target,
        &["redshift_target[0].statement_name"],
    ),
    member(
        "Targets.RedshiftDataParameters.Sqls",
        Base::TargetPath,
        &["redshift_target[0].sqls[0]"],
    ),
    member(
        "Targets.SageMakerPipelineParameters.PipelineParameterList.Name",
        Base::Target,
        &["sagemaker_pipeline_target[0].pipeline_parameter_list[0].name"],
    ),
    member(
        "Targets.SageMakerPipelineParameters.PipelineParameterList.Value",
        Base::Target,
        &["sagemaker_pipeline_target[0].pipeline_parameter_list[0].value"],
    ),
    member(
        "Targets.DeadLetterConfig.Arn",
        Base::Target,
        &["dead_letter_config[0].arn"],
    ),
    member(
        "Targets.AppSyncParameters.GraphQLOperation",
        Base::Target,
        &["appsync_target[0].graphql_operation"],
    ),
];

/// String members of the requests the provider sends but cannot be given
/// as a string attribute, and why; each must exist in the model.
struct Excluded {
    operation: &'static str,
    model: &'static str,
    reason: &'static str,
}

const EXCLUDED: &[Excluded] = &[
    // The model's ENABLED / DISABLED enum is hashicorp/aws's bool.
    Excluded {
        operation: "PutTargets",
        model: "Targets.EcsParameters.NetworkConfiguration.awsvpcConfiguration.AssignPublicIp",
        reason: "the bool assign_public_ip: the provider sends ENABLED or DISABLED itself",
    },
];

/// A place where the provider refuses what AWS accepts, on purpose (in
/// [`DIVERGENCES`]), or a known disagreement to fix (in [`PENDING`]).
struct Divergence {
    /// Model paths it applies to, matched as suffixes.
    members: &'static [&'static str],
    /// The value class, as shown in the report.
    class: &'static str,
    applies: fn(&str) -> bool,
    reason: &'static str,
}

const CREDENTIALS: &[&str] = &[
    "BasicAuthParameters.Username",
    "BasicAuthParameters.Password",
    "ApiKeyAuthParameters.ApiKeyName",
    "ApiKeyAuthParameters.ApiKeyValue",
    "ClientParameters.ClientID",
    "ClientParameters.ClientSecret",
];

/// The lead's decisions: the provider is stricter than AWS here, and only
/// in this direction (the provider refuses, the model accepts).
const DIVERGENCES: &[Divergence] = &[
    Divergence {
        members: &["HeaderParameters.Key"],
        class: "contains ','",
        applies: |v| v.contains(','),
        reason: "',' is not an HTTP token character; the model's `+-.` range lets it through",
    },
    Divergence {
        members: &["KmsKeyIdentifier"],
        class: "empty",
        applies: str::is_empty,
        reason: "removing the argument is how to use an AWS-owned key",
    },
    Divergence {
        members: &["ResourceConfigurationArn"],
        class: "empty",
        applies: str::is_empty,
        reason: "remove the block to go public; the provider sends \"\" itself only for that",
    },
    Divergence {
        members: &["OAuthParameters.AuthorizationEndpoint"],
        class: "no http(s):// scheme and host",
        applies: |v| !has_scheme_and_host(v, &["https://", "http://"]),
        reason: "a token endpoint is an http(s) URL with a host",
    },
    Divergence {
        members: &["InvocationEndpoint"],
        class: "no https:// scheme and host",
        applies: |v| !has_scheme_and_host(v, &["https://"]),
        reason: "AWS's user guide: the URL must use HTTPS (the model's pattern takes any scheme, or none)",
    },
    Divergence {
        members: CREDENTIALS,
        class: "only blanks (spaces and tabs)",
        applies: |v| !v.is_empty() && v.chars().all(|c| c == ' ' || c == '\t'),
        reason: "HTTP trims them to nothing",
    },
    Divergence {
        members: &["BodyParameters.Key"],
        class: "empty",
        applies: str::is_empty,
        reason: "an empty key names no parameter",
    },
    Divergence {
        members: &["Targets.Input"],
        class: "not JSON",
        applies: |v| serde_json::from_str::<Json>(v).is_err(),
        reason: "EventBridge sends it to the target as JSON (hashicorp/aws checks it too)",
    },
    Divergence {
        members: &["EventPattern"],
        class: "not a JSON object",
        applies: |v| !matches!(serde_json::from_str::<Json>(v), Ok(Json::Object(_))),
        reason: "AWS takes a pattern only as a JSON object; the model says only its length",
    },
    Divergence {
        members: &["ScheduleExpression"],
        class: "not rate(...) or cron(...) with something inside",
        applies: |v| !is_schedule(v),
        reason: "AWS takes only these two forms; the model says only the length",
    },
    Divergence {
        members: &["EcsParameters.Group"],
        class: "empty or longer than 255",
        applies: |v| v.is_empty() || utf16_len(v) > 255,
        reason: "hashicorp/aws's bound (ECS's); the model has none",
    },
    Divergence {
        members: &["EventBusName"],
        class: "a name (not an ARN) longer than 256",
        applies: |v| !v.starts_with("arn:") && utf16_len(v) > 256,
        reason: "no bus has one: CreateEventBus takes names of 1 to 256 (the model allows 1600 for an ARN)",
    },
    Divergence {
        members: &["HeaderParameters.{value}"],
        class: "only blanks (spaces and tabs)",
        applies: |v| !v.is_empty() && v.chars().all(|c| c == ' ' || c == '\t'),
        reason: "HTTP trims them to nothing",
    },
    Divergence {
        members: &["EcsParameters.PlatformVersion"],
        class: "longer than 1600",
        applies: |v| utf16_len(v) > 1600,
        reason: "hashicorp/aws's bound; the model has none",
    },
];

/// Disagreements whose fix is outside the provider's check functions (a
/// check `schema.rs` does not attach), in either direction; the reason
/// says what to change and where. Not failures while listed here, but each
/// must still occur, so that an entry leaves with its fix.
const PENDING: &[Divergence] = &[];

/// `rate(…)` or `cron(…)` with something other than blanks inside.
fn is_schedule(v: &str) -> bool {
    ["rate(", "cron("]
        .iter()
        .filter_map(|head| v.strip_prefix(head))
        .filter_map(|rest| rest.strip_suffix(')'))
        .any(|inner| !inner.trim().is_empty())
}

/// `url` starts with one of `schemes` (any case) and names a host.
fn has_scheme_and_host(url: &str, schemes: &[&str]) -> bool {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = schemes.iter().find_map(|scheme| lower.strip_prefix(scheme)) else {
        return false;
    };
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    !host.split(':').next().unwrap_or_default().is_empty()
}

/// The first entry of `list` for this member and value.
fn matching(list: &'static [Divergence], model_path: &str, value: &str) -> Option<&'static Divergence> {
    list.iter()
        .find(|d| d.members.iter().any(|m| model_path.ends_with(m)) && (d.applies)(value))
}

/// Where in its attribute a member's value goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// The attribute (or, for `list[0]`, the element) is the value.
    Whole,
    /// The key of the map's one entry.
    Key,
    /// The value of the map's one entry.
    Value,
}

/// `a[0].b`, `a[0].list[0]`, `a[0].map{key}`: the provider's attribute
/// path and where the value goes in it.
fn placed(text: &str) -> (AttributePath, Place) {
    let (text, place) = if let Some(t) = text.strip_suffix("{key}") {
        (t, Place::Key)
    } else if let Some(t) = text.strip_suffix("{value}") {
        (t, Place::Value)
    } else {
        (text, Place::Whole)
    };
    (attribute_path(text), place)
}

/// `a[0].b` as the provider's attribute path.
fn attribute_path(text: &str) -> AttributePath {
    let mut steps = Vec::new();
    for part in text.split('.') {
        let (name, index) = match part.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<i64>().ok()),
            None => (part, None),
        };
        steps.push(PathStep::Attribute(name.to_string()));
        steps.extend(index.map(PathStep::Index));
    }
    AttributePath(steps)
}

/// The JSON value at `steps` below `config`.
fn json_at<'a>(config: &'a mut Json, steps: &[PathStep]) -> &'a mut Json {
    let mut cur = config;
    for step in steps {
        cur = match step {
            PathStep::Attribute(name) => &mut cur[name.as_str()],
            PathStep::Index(i) => &mut cur[*i as usize],
            PathStep::Key(k) => &mut cur[k.as_str()],
        };
    }
    cur
}

/// The configuration with `value` at `attribute` (see [`placed`]); a
/// write-only twin replaces its plain twin, and a write-only parameter
/// value is secret.
fn config_with(base: Base, attribute: &str, value: Json) -> Json {
    let (path, place) = placed(attribute);
    let mut config = base_config(base);
    let value = match place {
        Place::Whole => value,
        Place::Key => Json::Object(
            [(value.as_str().unwrap_or_default().to_string(), json!("v"))]
                .into_iter()
                .collect(),
        ),
        Place::Value => json!({ "k": value }),
    };
    let (last, init) = path.0.split_last().expect("a path");
    let parent = json_at(&mut config, init);
    let PathStep::Attribute(name) = last else {
        // An element of a list or a set.
        *json_at(parent, std::slice::from_ref(last)) = value;
        return config;
    };
    if let Some(plain) = name.strip_suffix("_wo") {
        parent[plain] = Json::Null;
        // A parameter's write-only value needs is_value_secret = true.
        if name == "value_wo" && parent.get("is_value_secret").is_some() {
            parent["is_value_secret"] = json!(true);
        }
    }
    parent[name.as_str()] = value;
    config
}

/// What the provider says of a configuration of the base's resource type.
fn provider_errors(base: Base, config: &Json) -> Diagnostics {
    let target = TargetResource::default();
    let (resource, schema): (&dyn Resource<_>, _) = match base {
        Base::ApiKey | Base::Basic | Base::OAuth => (&ConnectionResource, connection_schema()),
        Base::Destination => (&ApiDestinationResource, destination_schema()),
        Base::Rule => (&RuleResource, rule_schema()),
        Base::Target | Base::TargetPath | Base::TargetTransformer => (&target, target_schema()),
    };
    let value =
        decode_json(config.to_string().as_bytes(), &schema.value_type(), false).expect("the configuration decodes");
    let mut diags = Diagnostics::new();
    let caps = ClientCapabilities {
        write_only_attributes_allowed: true,
        deferral_allowed: false,
    };
    resource.validate_config(&value, caps, &mut diags);
    diags
}

/// The provider accepts the value: no error at the attribute, or for an
/// element or a map entry, anywhere in its list, set or map.
fn provider_accepts(base: Base, attribute: &str, value: Json) -> bool {
    let (mut at, _) = placed(attribute);
    if let Some(PathStep::Index(_)) = at.0.last() {
        at.0.pop();
    }
    !provider_errors(base, &config_with(base, attribute, value))
        .iter()
        .any(|d| d.severity == Severity::Error && d.path.as_ref().is_some_and(|p| p.0.starts_with(&at.0)))
}

/// The constraints of a member in both operations that send it.
fn constraints(model: &Model, base: Base, member: &str) -> Vec<Constraints> {
    base.operations()
        .iter()
        .map(|op| {
            model
                .constraints(op, member)
                .unwrap_or_else(|| panic!("the model has no {op} member {member}"))
        })
        .collect()
}

/// AWS accepts the value in every operation that sends it; else why not.
fn model_verdict(constraints: &[Constraints], value: &str) -> Result<(), String> {
    let mut why: Vec<String> = Vec::new();
    for broken in constraints.iter().flat_map(|c| c.string_violations(value)) {
        if !why.contains(&broken) {
            why.push(broken);
        }
    }
    if why.is_empty() {
        Ok(())
    } else {
        Err(why.join("; "))
    }
}

fn is_sensitive(constraints: &[Constraints], attribute: &str) -> bool {
    let name = attribute.rsplit('.').next().unwrap_or_default();
    constraints.iter().any(|c| c.sensitive)
        || name.ends_with("_wo")
        || matches!(name, "value" | "password" | "client_secret")
}

/// A value to try, and what it is (shown instead of a sensitive value).
struct Sample {
    class: String,
    value: String,
}

fn sample(class: impl Into<String>, value: impl Into<String>) -> Sample {
    Sample {
        class: class.into(),
        value: value.into(),
    }
}

/// `head + filler + tail` of exactly `units` UTF-16 units, the filler of
/// 'a's ending in `last` (when it fits); None when head and tail are longer.
fn sized(m: &Member, units: usize, last: &str) -> Option<String> {
    let fixed = utf16_len(m.head) + utf16_len(m.tail) + utf16_len(last);
    let filler = units.checked_sub(fixed)?;
    Some(format!("{}{}{last}{}", m.head, "a".repeat(filler), m.tail))
}

/// The characters (and short strings) that decide most patterns.
fn interesting_chars() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = (0u32..0x20)
        .map(|c| {
            let ch = char::from_u32(c).unwrap_or('\0');
            let name = match ch {
                '\t' => "tab".to_string(),
                '\n' => "LF".to_string(),
                '\r' => "CR".to_string(),
                _ => format!("C0 control U+{c:04X}"),
            };
            (name, ch.to_string())
        })
        .collect();
    for (name, text) in [
        ("DEL", "\u{7F}"),
        ("C1 control U+0080", "\u{80}"),
        ("NEL U+0085", "\u{85}"),
        ("NBSP U+00A0", "\u{A0}"),
        ("LINE SEPARATOR U+2028", "\u{2028}"),
        ("PARAGRAPH SEPARATOR U+2029", "\u{2029}"),
        ("BOM U+FEFF", "\u{FEFF}"),
        ("'é'", "é"),
        ("'日'", "日"),
        ("non-BMP '😀'", "😀"),
        ("':'", ":"),
        ("space", " "),
        ("','", ","),
        ("'%'", "%"),
        ("'%4'", "%4"),
        ("'%41'", "%41"),
        ("'%zz'", "%zz"),
        ("';'", ";"),
        ("'/'", "/"),
        ("'?'", "?"),
        ("'#'", "#"),
        ("'&'", "&"),
        ("'='", "="),
        ("'\"'", "\""),
        ("'''", "'"),
        ("'<'", "<"),
        ("'>'", ">"),
        ("backslash", "\\"),
        ("'@'", "@"),
        ("'~'", "~"),
        ("'`'", "`"),
        ("'|'", "|"),
        ("'^'", "^"),
        ("'{'", "{"),
        ("'}'", "}"),
        ("'['", "["),
        ("']'", "]"),
        ("'('", "("),
        ("')'", ")"),
        ("'*'", "*"),
        ("'+'", "+"),
        ("'.'", "."),
        ("'-'", "-"),
        ("'--'", "--"),
        ("'_'", "_"),
        ("'!'", "!"),
        ("'$'", "$"),
    ] {
        out.push((name.to_string(), text.to_string()));
    }
    out
}

/// Every value tried for a member: length boundaries, character classes,
/// blanks, and the model's enum values.
fn samples(m: &Member, c: &Constraints) -> Vec<Sample> {
    let mut out = Vec::new();
    let valid = sized(m, utf16_len(m.head) + utf16_len(m.tail) + 3, "").unwrap_or_default();
    let mut lengths: Vec<(String, usize)> = Vec::new();
    if let Some(min) = c.min.map(|v| v as usize) {
        if min > 0 {
            lengths.push((format!("length min-1 ({})", min - 1), min - 1));
        }
        lengths.push((format!("length min ({min})"), min));
    }
    match c.max.map(|v| v as usize) {
        Some(max) => {
            lengths.push((format!("length max ({max})"), max));
            lengths.push((format!("length max+1 ({})", max + 1), max + 1));
        }
        // No limit in the model: the provider must not invent one.
        None => {
            for n in [512, 513, 2048, 2049, 10_000] {
                lengths.push((format!("length {n} (the model has no maximum)"), n));
            }
        }
    }
    for (class, n) in &lengths {
        match sized(m, *n, "") {
            Some(v) => out.push(sample(format!("{class} UTF-16 units"), v)),
            None => out.push(sample(format!("{class} of 'a'"), "a".repeat(*n))),
        }
        // The same length in units, ending in a character outside the BMP
        // (two units, one character).
        if let Some(v) = sized(m, *n, "😀") {
            out.push(sample(format!("{class} UTF-16 units, ending in non-BMP '😀'"), v));
        }
    }
    if let Some(max) = c.max.map(|v| v as usize) {
        // `max` characters, but more than `max` UTF-16 units.
        if let Some(v) = sized(m, max + 1, "😀😀").filter(|v| v.chars().count() <= max) {
            out.push(sample(
                format!("{max} characters but {} UTF-16 units", utf16_len(&v)),
                v,
            ));
        }
    }
    for (name, text) in interesting_chars() {
        let middle = format!("{}a{text}a{}", m.head, m.tail);
        out.push(sample(format!("{name} in the middle"), middle));
        out.push(sample(format!("leading {name}"), format!("{text}{valid}")));
        out.push(sample(format!("trailing {name}"), format!("{valid}{text}")));
        out.push(sample(format!("only {name}"), text.clone()));
    }
    for (class, v) in [
        ("empty", String::new()),
        ("one space", " ".into()),
        ("only spaces", "   ".into()),
        ("only tabs", "\t\t".into()),
        ("only blanks", " \t ".into()),
        ("leading and trailing spaces", format!(" {valid} ")),
        ("leading and trailing tabs", format!("\t{valid}\t")),
        ("two words", format!("{valid} {valid}")),
        ("two words and a tab", format!("{valid}\t{valid}")),
        ("two spaces between words", format!("{valid}  {valid}")),
        ("CRLF at the end", format!("{valid}\r\n")),
        ("a valid value", valid.clone()),
        ("an http URL", "http://auth.example.com/token".into()),
        (
            "an https URL with a query",
            "https://auth.example.com/token?a=1&b=%20".into(),
        ),
        (
            "an https URL with user info and port",
            "https://user@auth.example.com:8443/t".into(),
        ),
        ("a scheme without host", "https://".into()),
        ("another scheme", "ftp://auth.example.com/".into()),
        ("a host without scheme", "auth.example.com/token".into()),
        ("an ARN", ARN.into()),
        ("an ARN in another partition", ARN.replacen("aws", "aws-cn", 1)),
        ("an ARN of another service", ARN.replacen("vpc-lattice", "events", 1)),
        (
            "an ARN with an 11-digit account",
            ARN.replacen("123456789012", "12345678901", 1),
        ),
        (
            "a KMS key ARN",
            "arn:aws:kms:us-east-1:123456789012:key/0123abcd-12ab-34cd-56ef-1234567890ab".into(),
        ),
        ("a KMS key id", "0123abcd-12ab-34cd-56ef-1234567890ab".into()),
    ] {
        out.push(sample(class, v));
    }
    for allowed in c.enum_values.iter().flatten() {
        out.push(sample(format!("enum value {allowed}"), allowed.clone()));
        out.push(sample(
            format!("enum value {allowed} in lower case"),
            allowed.to_lowercase(),
        ));
        out.push(sample(
            format!("enum value {allowed} and a space"),
            format!("{allowed} "),
        ));
    }
    out
}

/// One value on which the provider and the model disagree.
struct Disagreement {
    member: &'static str,
    attribute: &'static str,
    value: String,
    provider_accepts: bool,
    model: Result<(), String>,
}

fn report(rows: &[Disagreement]) -> String {
    let mut out = format!(
        "{} disagreement(s) between the provider's validation and the AWS model \
         (not listed in DIVERGENCES; a provider bug until the rules in src/connection/, src/api_destination/, \
         src/rule/ or src/target/ change)\n",
        rows.len()
    );
    // First by member and broken constraint, then every value.
    let mut groups: Vec<(String, usize)> = Vec::new();
    for r in rows {
        let key = format!(
            "{} | provider {} | model {}",
            r.member,
            if r.provider_accepts { "accepts" } else { "refuses" },
            match &r.model {
                Ok(()) => "accepts".to_string(),
                Err(why) => format!("refuses: {why}"),
            }
        );
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => groups.push((key, 1)),
        }
    }
    out.push_str("summary (member | verdicts | values):\n");
    for (key, n) in &groups {
        out.push_str(&format!("{key} | {n}\n"));
    }
    out.push_str("every value (member | attribute | value | provider | model):\n");
    for r in rows {
        out.push_str(&format!(
            "{} | {} | {} | {} | {}\n",
            r.member,
            r.attribute,
            r.value,
            if r.provider_accepts { "accepts" } else { "refuses" },
            match &r.model {
                Ok(()) => "accepts".to_string(),
                Err(why) => format!("refuses ({why})"),
            }
        ));
    }
    out
}

/// The value as the report may show it: quoted, or for a sensitive member
/// only its class.
fn shown(sensitive: bool, class: &str, value: &str) -> String {
    if sensitive {
        format!("<sensitive: {class}>")
    } else {
        compact(value)
    }
}

/// `value` escaped, long runs of one character written as `"a"×509`.
fn compact(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|&&c| c == chars[i]).count();
        if run >= 10 {
            if !literal.is_empty() {
                parts.push(format!("{:?}", std::mem::take(&mut literal)));
            }
            parts.push(format!("{:?}×{run}", chars[i].to_string()));
        } else {
            literal.extend(&chars[i..i + run]);
        }
        i += run;
    }
    if !literal.is_empty() || parts.is_empty() {
        parts.push(format!("{literal:?}"));
    }
    parts.join(" + ")
}

/// How the provider's verdict on one value compares with the model's.
enum Verdict {
    Agree,
    /// The provider refuses what AWS accepts, on purpose.
    Excused(&'static Divergence),
    /// A known disagreement to fix outside the check functions.
    Pending(&'static Divergence),
    Disagree(Disagreement),
}

fn compare(m: &Member, attribute: &'static str, constraints: &[Constraints], class: &str, value: &str) -> Verdict {
    let provider = provider_accepts(m.base, attribute, json!(value));
    let model = model_verdict(constraints, value);
    let pending = matching(PENDING, m.model, value);
    match (provider, model.is_ok(), matching(DIVERGENCES, m.model, value), pending) {
        (p, m, _, _) if p == m => Verdict::Agree,
        (false, true, Some(d), _) => Verdict::Excused(d),
        (_, _, _, Some(p)) => Verdict::Pending(p),
        _ => Verdict::Disagree(Disagreement {
            member: m.model,
            attribute,
            value: shown(is_sensitive(constraints, attribute), class, value),
            provider_accepts: provider,
            model,
        }),
    }
}

/// The entries of `list` and how many values each covered, under `title`.
fn table(title: &str, list: &[Divergence], counts: &[usize]) -> String {
    let mut out = format!("{title}:\n");
    for (d, n) in list.iter().zip(counts) {
        out.push_str(&format!(
            "{} | {} | {} | {n} value(s)\n",
            d.members.join(", "),
            d.class,
            d.reason
        ));
    }
    out
}

fn divergence_table(excused: &[usize]) -> String {
    table(
        "deliberate divergences (provider stricter; not failures)",
        DIVERGENCES,
        excused,
    )
}

fn pending_table(covered: &[usize]) -> String {
    table(
        "pending disagreements (to fix outside the check functions; not failures)",
        PENDING,
        covered,
    )
}

/// Counts of the values each divergence excused and each pending
/// disagreement covered.
struct Counts {
    excused: Vec<usize>,
    pending: Vec<usize>,
}

fn tally(verdict: Verdict, rows: &mut Vec<Disagreement>, counts: &mut Counts) {
    match verdict {
        Verdict::Agree => {}
        Verdict::Excused(d) => {
            if let Some(i) = DIVERGENCES.iter().position(|x| std::ptr::eq(x, d)) {
                counts.excused[i] += 1;
            }
        }
        Verdict::Pending(p) => {
            if let Some(i) = PENDING.iter().position(|x| std::ptr::eq(x, p)) {
                counts.pending[i] += 1;
            }
        }
        Verdict::Disagree(row) => rows.push(row),
    }
}

fn the_model() -> Option<&'static Model> {
    aws_model::model_or_skip("the provider-vs-model differential test")
}

#[test]
fn the_base_configurations_are_valid() {
    for base in BASES {
        let diags = provider_errors(base, &base_config(base));
        assert!(
            !diags.has_errors(),
            "the {base:?} base configuration is not valid for the provider: {:?}",
            diags.0
        );
    }
}

#[test]
fn every_member_the_provider_sends_is_checked() {
    let Some(model) = the_model() else { return };
    // Every string member of CreateConnection's, CreateApiDestination's,
    // PutRule's and PutTargets' input (a map's keys and values included) is
    // in MEMBERS (the list of what the provider sends) or EXCLUDED, so a
    // new model member shows here.
    let mut missing = Vec::new();
    for operations in [
        CONNECTION_OPERATIONS,
        DESTINATION_OPERATIONS,
        RULE_OPERATIONS,
        TARGET_OPERATIONS,
    ] {
        let mut strings = Vec::new();
        collect_string_members(model, operations[0], "", &mut strings);
        strings.retain(|path| {
            !MEMBERS
                .iter()
                .any(|m| m.base.operations() == operations && m.model == path)
                && !EXCLUDED.iter().any(|x| x.operation == operations[0] && x.model == path)
        });
        missing.extend(strings.into_iter().map(|path| format!("{}.{path}", operations[0])));
    }
    assert!(
        missing.is_empty(),
        "string members without a row in MEMBERS or EXCLUDED: {missing:?}"
    );
    for x in EXCLUDED {
        assert!(
            model.constraints(x.operation, x.model).is_some(),
            "EXCLUDED names {}.{}, which the model does not have ({})",
            x.operation,
            x.model,
            x.reason
        );
        assert!(
            !MEMBERS
                .iter()
                .any(|m| m.base.operations()[0] == x.operation && m.model == x.model),
            "{}.{} is both checked and excluded",
            x.operation,
            x.model
        );
    }
    for m in MEMBERS {
        let constraints = constraints(model, m.base, m.model);
        assert!(
            constraints.iter().all(|c| c.kind == "string"),
            "{} is not a string",
            m.model
        );
    }
    for d in DIVERGENCES {
        assert!(
            d.members.iter().all(|s| MEMBERS.iter().any(|m| m.model.ends_with(s))),
            "a divergence names no member: {:?}",
            d.members
        );
    }
}

/// The paths of the string members below an operation's input, a map's
/// keys and values as `MAP.{key}` and `MAP.{value}`.
fn collect_string_members(model: &Model, operation: &str, prefix: &str, out: &mut Vec<String>) {
    for name in model.member_names(operation, prefix) {
        let path = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}.{name}")
        };
        match model.constraints(operation, &path).map(|c| c.kind) {
            Some(kind) if kind == "string" => out.push(path),
            Some(kind) if kind == "structure" => collect_string_members(model, operation, &path, out),
            Some(kind) if kind == "map" => {
                for part in ["{key}", "{value}"] {
                    let entry = format!("{path}.{part}");
                    if model.constraints(operation, &entry).is_some_and(|c| c.kind == "string") {
                        out.push(entry);
                    }
                }
            }
            _ => {}
        }
    }
}

#[test]
fn the_provider_accepts_exactly_what_aws_accepts_at_the_boundaries() {
    let Some(model) = the_model() else { return };
    let mut rows = Vec::new();
    let mut counts = Counts {
        excused: vec![0; DIVERGENCES.len()],
        pending: vec![0; PENDING.len()],
    };
    // Values tried, by resource type.
    let mut tried: Vec<(&str, usize)> = Vec::new();
    for m in MEMBERS {
        let constraints = constraints(model, m.base, m.model);
        for s in samples(m, &constraints[0]) {
            for attribute in m.attributes {
                match tried.iter_mut().find(|(t, _)| *t == m.base.resource_type()) {
                    Some((_, n)) => *n += 1,
                    None => tried.push((m.base.resource_type(), 1)),
                }
                let verdict = compare(m, attribute, &constraints, &s.class, &s.value);
                tally(verdict, &mut rows, &mut counts);
            }
        }
    }
    let per_type: Vec<String> = tried.iter().map(|(t, n)| format!("{n} for the {t}")).collect();
    println!(
        "{} values tried ({})\n{}{}",
        tried.iter().map(|(_, n)| n).sum::<usize>(),
        per_type.join(", "),
        divergence_table(&counts.excused),
        pending_table(&counts.pending)
    );
    let count = |t: &str| tried.iter().find(|(x, _)| *x == t).map_or(0, |(_, n)| *n);
    for (resource_type, least) in [
        ("connection", 1000),
        ("API destination", 500),
        ("rule", 2000),
        ("target", 10000),
    ] {
        assert!(
            count(resource_type) > least,
            "only {} values tried for the {resource_type}",
            count(resource_type)
        );
    }
    assert!(
        counts.pending.iter().all(|n| *n > 0),
        "a pending disagreement no longer occurs: remove it from PENDING\n{}",
        pending_table(&counts.pending)
    );
    assert!(
        rows.is_empty(),
        "{}\n{}",
        report(&rows),
        divergence_table(&counts.excused)
    );
}

/// Random strings of what decides patterns: ASCII, blanks, separators, C0
/// controls, line terminators and non-ASCII.
fn random_text() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        4 => proptest::char::range('a', 'z'),
        1 => proptest::char::range('A', 'Z'),
        1 => proptest::char::range('0', '9'),
        3 => proptest::sample::select(vec![
            ' ', '\t', ':', ',', '%', '/', '.', '-', '_', '=', '&', '?', '@', '"', '\\', '~', '+', '*', '!', '#',
        ]),
        1 => proptest::char::range('\u{0}', '\u{1F}'),
        1 => proptest::sample::select(vec!['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}', '\u{7F}']),
        1 => proptest::sample::select(vec!['é', '日', '😀', '\u{A0}', 'ß', '\u{FEFF}']),
        1 => any::<char>(),
    ];
    proptest::collection::vec(ch, 0..24).prop_map(|chars| chars.into_iter().collect())
}

/// What a random value is made of, for sensitive members' reports.
fn class_of(value: &str) -> String {
    let mut kinds = Vec::new();
    let mut note = |present: bool, what: &str| {
        if present {
            kinds.push(what.to_string());
        }
    };
    note(value.chars().any(|c| c.is_ascii_alphanumeric()), "ASCII letters/digits");
    note(value.chars().any(|c| c == ' ' || c == '\t'), "blanks");
    note(value.chars().any(|c| c.is_ascii_punctuation()), "ASCII punctuation");
    note(
        value
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}')),
        "control characters",
    );
    note(
        value
            .chars()
            .any(|c| matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')),
        "line terminators",
    );
    note(
        value
            .chars()
            .any(|c| !c.is_ascii() && !c.is_control() && !matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}')),
        "non-ASCII",
    );
    format!(
        "{} characters, {} UTF-16 units: {}",
        value.chars().count(),
        utf16_len(value),
        if kinds.is_empty() {
            "nothing".to_string()
        } else {
            kinds.join(", ")
        }
    )
}

#[test]
fn random_strings_get_the_same_verdict_from_the_provider_and_the_model() {
    let Some(model) = the_model() else { return };
    let mut rows = Vec::new();
    for m in MEMBERS {
        let constraints = constraints(model, m.base, m.model);
        let near_max = constraints[0].max.unwrap_or(512) as usize;
        let strategy = prop_oneof![
            // Anything.
            random_text(),
            // A valid frame with random inside (an ARN's Region, a path).
            random_text().prop_map(move |r| format!("{}a{r}{}", m.head, m.tail)),
            // Around the longest value.
            random_text().prop_map(move |r| {
                let filler = near_max.saturating_sub(utf16_len(m.head) + utf16_len(m.tail) + 2);
                format!("{}{}{r}{}", m.head, "a".repeat(filler), m.tail)
            }),
        ];
        for attribute in m.attributes {
            let mut runner = TestRunner::new(ProptestConfig {
                cases: 64,
                failure_persistence: None,
                ..ProptestConfig::default()
            });
            let outcome = runner.run(&strategy, |value| {
                match compare(m, attribute, &constraints, "", &value) {
                    Verdict::Disagree(_) => Err(TestCaseError::fail("disagreement")),
                    _ => Ok(()),
                }
            });
            if let Err(TestError::Fail(_, value)) = outcome {
                // The shrunk value, reported like the boundary test does.
                let class = class_of(&value);
                if let Verdict::Disagree(row) = compare(m, attribute, &constraints, &class, &value) {
                    rows.push(row);
                }
            }
        }
    }
    assert!(rows.is_empty(), "{}", report(&rows));
}

#[test]
fn the_run_command_key_takes_exactly_the_characters_of_the_models_pattern() {
    let Some(model) = the_model() else { return };
    // `[\p{L}\p{Z}\p{N}_.:/=+\-@]`: the provider restates Unicode's letters
    // with a table, so every character is tried, not a sample.
    let constraints = model
        .constraints("PutTargets", "Targets.RunCommandParameters.RunCommandTargets.Key")
        .expect("the model's run command key");
    let at = AttributePath::of(&["key"]);
    // Characters the regex crate's Unicode does not know yet are left out:
    // Rust's std has a newer Unicode, AWS's Java an older one, so no
    // verdict on them is AWS's.
    let unassigned = aws_model::java_regex(r"\p{Cn}").expect("a general category");
    let mut differ = Vec::new();
    for c in (0..=0x10FFFF)
        .filter_map(char::from_u32)
        .filter(|c| !unassigned.is_match(&c.to_string()))
    {
        let key = format!("tag:{c}");
        let mut diags = Diagnostics::new();
        (RUN_COMMAND_KEY.run)(&Value::string(key.clone()), &at, &mut diags);
        if diags.has_errors() == aws_model::accepts(&constraints, &key) {
            differ.push(format!("U+{:04X}", u32::from(c)));
        }
    }
    assert!(
        differ.is_empty(),
        "{} character(s) get another verdict from the provider than from the model: {}",
        differ.len(),
        differ.iter().take(50).cloned().collect::<Vec<_>>().join(" ")
    );
}

/// A valid CreateApiDestination (and UpdateApiDestination) request with
/// `rate` as its rate limit, in the model's names.
fn destination_request(rate: &Json) -> Json {
    json!({
        "Name": "differential",
        "ConnectionArn": format!("{CONNECTION_ARN_HEAD}differential{CONNECTION_ARN_TAIL}"),
        "InvocationEndpoint": "https://api.example.com/orders",
        "HttpMethod": "POST",
        "InvocationRateLimitPerSecond": rate,
    })
}

#[test]
fn the_rate_limit_gets_the_same_verdict_from_the_provider_and_the_model() {
    let Some(model) = the_model() else { return };
    // It is the only member of the destination's requests that is not a
    // string, so a new one shows here.
    for operation in DESTINATION_OPERATIONS {
        let others: Vec<String> = model
            .member_names(operation, "")
            .into_iter()
            .filter(|name| model.constraints(operation, name).is_some_and(|c| c.kind != "string"))
            .collect();
        assert_eq!(others, ["InvocationRateLimitPerSecond"], "{operation}");
    }
    let attribute = "invocation_rate_limit_per_second";
    let mut rows = Vec::new();
    for rate in [
        json!(0),
        json!(1),
        json!(-1),
        json!(2),
        json!(300),
        json!(1_000_000),
        json!(i32::MAX),
        json!(i64::from(i32::MAX) + 1),
        json!(i64::MIN),
        json!(1.5),
    ] {
        let mut why: Vec<String> = Vec::new();
        for operation in DESTINATION_OPERATIONS {
            let violations = model
                .validate(operation, &destination_request(&rate))
                .expect("an operation of the model");
            why.extend(violations.iter().map(|v| format!("{operation}: {}", v.redacted())));
        }
        let provider = provider_accepts(Base::Destination, attribute, rate.clone());
        if provider != why.is_empty() {
            rows.push(format!(
                "invocation_rate_limit_per_second = {rate}: provider {}, model {}",
                if provider { "accepts" } else { "refuses" },
                if why.is_empty() {
                    "accepts".to_string()
                } else {
                    format!("refuses ({})", why.join("; "))
                }
            ));
        }
    }
    assert!(rows.is_empty(), "{}", rows.join("\n"));
}
