//! The `eventbridge_target` schema and typed model, each attribute declared
//! once with its flags, its checks and its docs: every member of the API's
//! `Target` with hashicorp/aws's names and block shapes
//! (`aws_cloudwatch_event_target`), so that a `moved` block and a type
//! rename are all a switch needs. Single blocks are lists of at most one,
//! sets stay sets, as there.

use std::collections::{BTreeMap, BTreeSet};

use super::checks;
use super::KIND;
use crate::aws::regional::bus::{self, bus_name};
use crate::aws::regional::{region, tags, DEFAULT_BUS};
use crate::model;
use crate::tfplugin::{Attribute, Block, Maybe, Model, NestedBlock, Schema, Type, Value};

/// Current schema version (hashicorp/aws's target is at 1; see `moved.rs`).
const SCHEMA_VERSION: i64 = 0;

/// The schema, built once.
pub fn cached() -> &'static Schema {
    static SCHEMA: std::sync::OnceLock<Schema> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(schema)
}

pub fn schema() -> Schema {
    Schema::new(Target::block()).version(SCHEMA_VERSION)
}

fn strings() -> Attribute {
    Attribute::of(Type::list(Type::String))
}

fn string_set() -> Attribute {
    Attribute::of(Type::set(Type::String))
}

fn string_map() -> Attribute {
    Attribute::of(Type::map(Type::String))
}

fn one(b: Block) -> NestedBlock {
    NestedBlock::list(b).max(1)
}

model! {
    /// Manages one target of an Amazon EventBridge rule: where the rule sends the events it matches (an API
    /// destination, a queue, a stream, a task, another bus…), with what input, role, retry policy and
    /// dead-letter queue. A rule has at most 5 targets.
    pub struct Target {
        attr id: String = Attribute::string().computed().doc(
            "`RULE/TARGET_ID` for a target of a rule on the default bus, `BUS/RULE/TARGET_ID` on another: the \
             forms an import takes.",
        ),
        attr rule: String = Attribute::string().required().replaces().check(checks::RULE).doc(
            "Name of the rule (`eventbridge_rule.NAME.name`, not its `id`, which holds the bus too). Changing it \
             replaces the target.",
        ),
        attr event_bus_name: Option<String> = Attribute::string()
            .optional()
            .default(Value::string(DEFAULT_BUS))
            .replaces()
            .check(bus::EVENT_BUS)
            .doc(
                "The event bus of the rule, by name or ARN; `default` when unset. Its name and its ARN are the same \
                 value: switching between them changes nothing. Another bus replaces the target.",
            ),
        attr target_id: Option<String> =
            Attribute::string().optional().computed().replaces().check(checks::TARGET_ID).doc(
                "Id of the target within its rule: 1 to 64 letters, digits, `.`, `-` or `_`. When unset, the \
                 provider chooses one starting with `terraform-`. Changing it replaces the target.",
            ),
        attr arn: String = Attribute::string().required().check(checks::ARN).doc(
            "ARN of what the events go to, e.g. `eventbridge_api_destination.NAME.arn`; up to 1600 characters.",
        ),
        attr role_arn: Option<String> = Attribute::string().optional().check(checks::ROLE_ARN).doc(
            "ARN of the IAM role EventBridge assumes to send the events. An API destination, an ECS task, a \
             Kinesis stream, a Run Command and another bus need one; for an API destination it must allow \
             `events:InvokeApiDestination`.",
        ),
        attr input: Option<String> = Attribute::string().optional().check(checks::INPUT).doc(
            "JSON sent to the target instead of the event, up to 8192 characters (usually `jsonencode({...})`). \
             The same JSON written otherwise is no change. At most one of `input`, `input_path` and \
             `input_transformer`.",
        ),
        attr input_path: Option<String> = Attribute::string().optional().check(checks::INPUT_PATH).doc(
            "JSONPath of the part of the event sent to the target, e.g. `$.detail`; up to 256 characters.",
        ),
        attr force_destroy: bool = Attribute::bool().optional().default(Value::Bool(false)).doc(
            "Whether a destroy removes the target of a rule another AWS service manages (RemoveTargets' `Force`). \
             Defaults to `false`.",
        ),
        attr region: Option<String> = region::attribute(&KIND),
        block input_transformer: Option<InputTransformer> = one,
        block http_target: Option<HttpTarget> = one,
        block dead_letter_config: Option<DeadLetterConfig> = one,
        block retry_policy: Option<RetryPolicy> = one,
        block ecs_target: Option<EcsTarget> = one,
        block batch_target: Option<BatchTarget> = one,
        block kinesis_target: Option<KinesisTarget> = one,
        block sqs_target: Option<SqsTarget> = one,
        block redshift_target: Option<RedshiftTarget> = one,
        block sagemaker_pipeline_target: Option<SageMakerPipelineTarget> = one,
        block appsync_target: Option<AppSyncTarget> = one,
        block run_command_targets: Vec<RunCommandTarget> = |b| NestedBlock::list(b).max(5),
    }
}

model! {
    /// Builds the input from parts of the event: `input_paths` names them, `input_template` places them.
    pub struct InputTransformer {
        attr input_paths: Maybe<BTreeMap<String, String>> =
            string_map().optional().check(checks::INPUT_PATHS).doc(
                "Up to 100 names for JSONPaths into the event, e.g. `{ order = \"$.detail.id\" }`; a name is \
                 letters, digits, `_` or `-` and does not start with `AWS`.",
            ),
        attr input_template: String = Attribute::string().required().check(checks::INPUT_TEMPLATE).doc(
            "The input, with `<name>` where a path's value goes: 1 to 8192 characters.",
        ),
    }
}

model! {
    /// Parameters of the HTTP request to an API destination or an API Gateway API.
    pub struct HttpTarget {
        attr path_parameter_values: Maybe<Vec<String>> = strings().optional().check(checks::PATH_PARAMETER_VALUES).doc(
            "Values for the `*` wildcards of the endpoint's path, in order.",
        ),
        attr header_parameters: Maybe<BTreeMap<String, String>> =
            string_map().optional().check(checks::HEADER_PARAMETERS).doc(
                "Headers to send: names are HTTP tokens, values up to 512 printable ASCII characters.",
            ),
        attr query_string_parameters: Maybe<BTreeMap<String, String>> =
            string_map().optional().check(checks::QUERY_STRING_PARAMETERS).doc(
                "Query string parameters to send: keys and values up to 512 characters, no control characters.",
            ),
    }
}

model! {
    /// Where events that could not be delivered go.
    pub struct DeadLetterConfig {
        attr arn: Option<String> = Attribute::string().optional().check(checks::DEAD_LETTER_ARN).doc(
            "ARN of the SQS queue, e.g. `aws_sqs_queue.NAME.arn`; its policy must let EventBridge send to it.",
        ),
    }
}

model! {
    /// How long and how often EventBridge retries an event it could not deliver.
    pub struct RetryPolicy {
        attr maximum_event_age_in_seconds: Option<i64> =
            Attribute::number().optional().check(checks::MAXIMUM_EVENT_AGE).doc(
                "How long an event is retried, 60 to 86400 seconds (AWS's default is 86400).",
            ),
        attr maximum_retry_attempts: Option<i64> =
            Attribute::number().optional().check(checks::MAXIMUM_RETRY_ATTEMPTS).doc(
                "How many times, 0 to 185 (AWS's default is 185).",
            ),
    }
}

model! {
    /// Runs an Amazon ECS task.
    pub struct EcsTarget {
        attr task_definition_arn: String = Attribute::string().required().check(checks::ARN).doc(
            "ARN of the task definition.",
        ),
        attr task_count: Option<i64> =
            Attribute::number().optional().default(Value::int(1)).check(checks::TASK_COUNT).doc(
                "How many tasks to run; 1 by default.",
            ),
        attr launch_type: Option<String> = Attribute::string().optional().check(checks::LAUNCH_TYPE).doc(
            "`EC2`, `FARGATE` or `EXTERNAL`.",
        ),
        attr platform_version: Option<String> =
            Attribute::string().optional().check(checks::PLATFORM_VERSION).doc(
                "Fargate platform version, e.g. `1.4.0` (`LATEST` when unset).",
            ),
        attr group: Option<String> = Attribute::string().optional().check(checks::GROUP).doc(
            "Task group, up to 255 characters.",
        ),
        attr enable_ecs_managed_tags: bool = Attribute::bool().optional().default(Value::Bool(false)).doc(
            "Whether ECS tags the task with its cluster and service; `false` by default.",
        ),
        attr enable_execute_command: bool = Attribute::bool().optional().default(Value::Bool(false)).doc(
            "Whether ECS Exec is on for the task; `false` by default.",
        ),
        attr propagate_tags: Option<String> = Attribute::string().optional().check(checks::PROPAGATE_TAGS).doc(
            "`TASK_DEFINITION`: copy the task definition's tags to the task.",
        ),
        attr reference_id: Option<String> = Attribute::string().optional().check(checks::REFERENCE_ID).doc(
            "A reference id for the task, up to 1024 characters.",
        ),
        attr tags: Maybe<BTreeMap<String, String>> =
            string_map().optional().check(tags::TAGS).doc("Tags of the task."),
        block network_configuration: Option<NetworkConfiguration> = one,
        block capacity_provider_strategy: Vec<CapacityProviderStrategy> = |b| NestedBlock::set(b).max(6),
        block placement_constraint: Vec<PlacementConstraint> = |b| NestedBlock::set(b).max(10),
        block ordered_placement_strategy: Vec<PlacementStrategy> = |b| NestedBlock::list(b).max(5),
    }
}

model! {
    /// The task's network (awsvpc network mode).
    pub struct NetworkConfiguration {
        attr subnets: BTreeSet<String> = string_set().required().doc("Subnet ids, up to 16."),
        attr security_groups: Maybe<BTreeSet<String>> =
            string_set().optional().doc("Security group ids, up to 5."),
        attr assign_public_ip: bool = Attribute::bool().optional().default(Value::Bool(false)).doc(
            "Whether the task gets a public IP address (Fargate only); `false` by default.",
        ),
    }
}

model! {
    /// A capacity provider the task may run on.
    pub struct CapacityProviderStrategy {
        attr capacity_provider: String =
            Attribute::string().required().check(checks::CAPACITY_PROVIDER).doc("Name of the capacity provider."),
        attr weight: Option<i64> = Attribute::number().optional().check(checks::WEIGHT).doc(
            "Its share of the tasks, 0 to 1000.",
        ),
        attr base: Option<i64> = Attribute::number().optional().check(checks::BASE).doc(
            "How many tasks at least run on it, 0 to 100000.",
        ),
    }
}

model! {
    /// A rule for where the task may be placed.
    pub struct PlacementConstraint {
        attr r#type: String = Attribute::string().required().check(checks::CONSTRAINT_TYPE).doc(
            "`distinctInstance` or `memberOf`.",
        ),
        attr expression: Option<String> = Attribute::string().optional().check(checks::CONSTRAINT_EXPRESSION).doc(
            "Cluster query language expression (for `memberOf`), up to 2000 characters.",
        ),
    }
}

model! {
    /// How tasks are spread, in order.
    pub struct PlacementStrategy {
        attr r#type: String = Attribute::string().required().check(checks::STRATEGY_TYPE).doc(
            "`random`, `spread` or `binpack`.",
        ),
        attr field: Option<String> = Attribute::string().optional().check(checks::STRATEGY_FIELD).doc(
            "What the strategy works on, e.g. `attribute:ecs.availability-zone` or `memory`; up to 255 characters.",
        ),
    }
}

model! {
    /// Submits an AWS Batch job.
    pub struct BatchTarget {
        attr job_definition: String = Attribute::string().required().doc("ARN or name of the job definition."),
        attr job_name: String = Attribute::string().required().doc("Name of the job."),
        attr array_size: Option<i64> = Attribute::number().optional().check(checks::ARRAY_SIZE).doc(
            "Size of an array job, 2 to 10000.",
        ),
        attr job_attempts: Option<i64> = Attribute::number().optional().check(checks::JOB_ATTEMPTS).doc(
            "Attempts of a failed job, 1 to 10.",
        ),
    }
}

model! {
    /// Puts records on a Kinesis data stream.
    pub struct KinesisTarget {
        attr partition_key_path: Option<String> =
            Attribute::string().optional().check(checks::PARTITION_KEY_PATH).doc(
                "JSONPath of the partition key in the event (the event id when unset); up to 256 characters.",
            ),
    }
}

model! {
    /// Sends messages to an SQS FIFO queue.
    pub struct SqsTarget {
        attr message_group_id: Option<String> =
            Attribute::string().optional().check(checks::MESSAGE_GROUP_ID).doc(
                "Message group id of the FIFO queue, up to 100 characters.",
            ),
    }
}

model! {
    /// Runs SQL on an Amazon Redshift cluster through the Data API.
    pub struct RedshiftTarget {
        attr database: String = Attribute::string().required().check(checks::DATABASE).doc(
            "Name of the database, 1 to 64 characters.",
        ),
        attr db_user: Option<String> = Attribute::string().optional().check(checks::DB_USER).doc(
            "Database user with temporary credentials, 1 to 128 characters.",
        ),
        attr secrets_manager_arn: Option<String> =
            Attribute::string().optional().check(checks::SECRETS_MANAGER_ARN).doc(
                "ARN of the Secrets Manager secret that holds the credentials (or a JSONPath into the event).",
            ),
        attr sql: Option<String> = Attribute::string().optional().sensitive().check(checks::SQL).doc(
            "The SQL statement, 1 to 100000 characters.",
        ),
        attr sqls: Maybe<Vec<String>> = strings().optional().sensitive().check(checks::SQLS).doc(
            "Several SQL statements run in one transaction, up to 40 (instead of `sql`).",
        ),
        attr statement_name: Option<String> = Attribute::string().optional().check(checks::STATEMENT_NAME).doc(
            "Name of the statement, 1 to 500 characters.",
        ),
        attr with_event: Option<bool> = Attribute::bool().optional().doc(
            "Whether an event is sent back to EventBridge after the statement ran.",
        ),
    }
}

model! {
    /// Starts an Amazon SageMaker AI pipeline.
    pub struct SageMakerPipelineTarget {
        block pipeline_parameter_list: Vec<PipelineParameter> = |b| NestedBlock::set(b).max(200),
    }
}

model! {
    /// A parameter of the pipeline's run.
    pub struct PipelineParameter {
        attr name: String = Attribute::string().required().check(checks::PIPELINE_PARAMETER_NAME).doc(
            "Name of the parameter: 1 to 256 letters and digits, with `-` between them.",
        ),
        attr value: String = Attribute::string().required().check(checks::PIPELINE_PARAMETER_VALUE).doc(
            "Its value, up to 1024 characters.",
        ),
    }
}

model! {
    /// Runs a GraphQL operation of an AWS AppSync API.
    pub struct AppSyncTarget {
        attr graphql_operation: Option<String> =
            Attribute::string().optional().sensitive().check(checks::GRAPHQL_OPERATION).doc(
                "The GraphQL mutation, up to 1048576 characters.",
            ),
    }
}

model! {
    /// The instances a Systems Manager Run Command runs on (up to 5 blocks).
    pub struct RunCommandTarget {
        attr key: String = Attribute::string().required().check(checks::RUN_COMMAND_KEY).doc(
            "`tag:NAME` or `InstanceIds`; 1 to 128 characters.",
        ),
        attr values: Vec<String> = strings().required().check(checks::RUN_COMMAND_VALUES).doc(
            "Tag values or instance ids, 1 to 50 of them.",
        ),
    }
}

impl Target {
    /// The bus of the rule, by name (`default` when unset; an ARN stands
    /// for its name).
    pub fn bus_name(&self) -> &str {
        bus_name(self.event_bus_name.as_deref().unwrap_or(DEFAULT_BUS))
    }

    /// The target id, known after the plan (or the create) chose it.
    pub fn target_id(&self) -> &str {
        self.target_id.as_deref().unwrap_or_default()
    }
}

/// `RULE/TARGET_ID` on the default bus, `BUS/RULE/TARGET_ID` on another.
pub fn id_of(bus: &str, rule: &str, target_id: &str) -> String {
    let bus = bus_name(bus);
    if bus == DEFAULT_BUS {
        format!("{rule}/{target_id}")
    } else {
        format!("{bus}/{rule}/{target_id}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tfplugin::model::full_value;

    #[test]
    fn the_model_reads_and_writes_every_attribute() {
        let full = full_value(Target::shape());
        assert_eq!(Target::from_value(&full).to_value(), full);
    }

    #[test]
    fn ids_name_the_bus_when_it_is_not_the_default() {
        assert_eq!(id_of("default", "nightly", "t1"), "nightly/t1");
        assert_eq!(
            id_of(
                "arn:aws:events:us-east-1:123456789012:event-bus/orders",
                "nightly",
                "t1"
            ),
            "orders/nightly/t1"
        );
    }
}
