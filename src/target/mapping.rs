//! The model ↔ EventBridge API mapping (it makes no call): the API's
//! `Target` of a [`Target`] for PutTargets, which writes the whole target
//! at once (it creates or overwrites), and a [`Target`] from the `Target`
//! ListTargetsByRule gives back.
//!
//! What AWS gives back differs from what was sent in ways that are no
//! change, and a read keeps the configuration's way of saying it: the bus
//! by ARN, the same JSON input written otherwise, a block sent empty that
//! AWS drops, booleans and numbers AWS reads back as `false` / `0` where the
//! configuration left them unset.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use aws_sdk_eventbridge::types as sdk;

use super::schema::{
    id_of, AppSyncTarget, BatchTarget, CapacityProviderStrategy, DeadLetterConfig, EcsTarget, HttpTarget,
    InputTransformer, KinesisTarget, NetworkConfiguration, PipelineParameter, PlacementConstraint, PlacementStrategy,
    RedshiftTarget, RetryPolicy, RunCommandTarget, SageMakerPipelineTarget, SqsTarget, Target,
};
use crate::aws::regional::values::same_json;
use crate::aws::regional::DEFAULT_BUS;
use crate::tfplugin::Maybe;

/// The API's `Target` that makes AWS hold `t`. Fails only when a value
/// the schema requires is missing (never for a planned state).
pub fn to_sdk(t: &Target) -> Result<sdk::Target, String> {
    let built = sdk::Target::builder()
        .id(t.target_id())
        .arn(&t.arn)
        .set_role_arn(t.role_arn.clone())
        .set_input(t.input.clone())
        .set_input_path(t.input_path.clone())
        .set_input_transformer(t.input_transformer.as_ref().map(input_transformer).transpose()?)
        .set_http_parameters(t.http_target.as_ref().map(http_parameters))
        .set_dead_letter_config(
            t.dead_letter_config
                .as_ref()
                .map(|d| sdk::DeadLetterConfig::builder().set_arn(d.arn.clone()).build()),
        )
        .set_retry_policy(t.retry_policy.as_ref().map(|r| {
            sdk::RetryPolicy::builder()
                .set_maximum_retry_attempts(r.maximum_retry_attempts.and_then(int32))
                .set_maximum_event_age_in_seconds(r.maximum_event_age_in_seconds.and_then(int32))
                .build()
        }))
        .set_ecs_parameters(t.ecs_target.as_ref().map(ecs_parameters).transpose()?)
        .set_batch_parameters(t.batch_target.as_ref().map(batch_parameters).transpose()?)
        .set_kinesis_parameters(
            t.kinesis_target
                .as_ref()
                .map(|k| {
                    sdk::KinesisParameters::builder()
                        .partition_key_path(k.partition_key_path.clone().unwrap_or_default())
                        .build()
                })
                .transpose()
                .map_err(|e| e.to_string())?,
        )
        .set_sqs_parameters(t.sqs_target.as_ref().map(|s| {
            sdk::SqsParameters::builder()
                .set_message_group_id(s.message_group_id.clone())
                .build()
        }))
        .set_redshift_data_parameters(t.redshift_target.as_ref().map(redshift_parameters).transpose()?)
        .set_sage_maker_pipeline_parameters(
            t.sagemaker_pipeline_target
                .as_ref()
                .map(sagemaker_parameters)
                .transpose()?,
        )
        .set_app_sync_parameters(t.appsync_target.as_ref().map(|a| {
            sdk::AppSyncParameters::builder()
                .set_graph_ql_operation(a.graphql_operation.clone())
                .build()
        }))
        .set_run_command_parameters(run_command_parameters(&t.run_command_targets)?)
        .build();
    built.map_err(|e| e.to_string())
}

fn int32(n: i64) -> Option<i32> {
    i32::try_from(n).ok()
}

fn hash_map(m: &Maybe<BTreeMap<String, String>>) -> Option<HashMap<String, String>> {
    m.known()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
}

fn input_transformer(i: &InputTransformer) -> Result<sdk::InputTransformer, String> {
    sdk::InputTransformer::builder()
        .set_input_paths_map(hash_map(&i.input_paths))
        .input_template(&i.input_template)
        .build()
        .map_err(|e| e.to_string())
}

fn http_parameters(h: &HttpTarget) -> sdk::HttpParameters {
    sdk::HttpParameters::builder()
        .set_path_parameter_values(h.path_parameter_values.known().cloned())
        .set_header_parameters(hash_map(&h.header_parameters))
        .set_query_string_parameters(hash_map(&h.query_string_parameters))
        .build()
}

fn ecs_parameters(e: &EcsTarget) -> Result<sdk::EcsParameters, String> {
    let network = e
        .network_configuration
        .as_ref()
        .map(|n| {
            sdk::AwsVpcConfiguration::builder()
                .set_subnets(Some(n.subnets.iter().cloned().collect()))
                .set_security_groups(n.security_groups.known().map(|s| s.iter().cloned().collect()))
                .assign_public_ip(if n.assign_public_ip {
                    sdk::AssignPublicIp::Enabled
                } else {
                    sdk::AssignPublicIp::Disabled
                })
                .build()
                .map(|vpc| sdk::NetworkConfiguration::builder().awsvpc_configuration(vpc).build())
        })
        .transpose()
        .map_err(|e| e.to_string())?;
    let strategy = e
        .capacity_provider_strategy
        .iter()
        .map(|c| {
            sdk::CapacityProviderStrategyItem::builder()
                .capacity_provider(&c.capacity_provider)
                .weight(c.weight.and_then(int32).unwrap_or(0))
                .base(c.base.and_then(int32).unwrap_or(0))
                .build()
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    let tags = e
        .tags
        .known()
        .map(|tags| {
            tags.iter()
                .map(|(k, v)| sdk::Tag::builder().key(k).value(v).build())
                .collect::<Result<Vec<_>, _>>()
        })
        .transpose()
        .map_err(|e| e.to_string())?;
    sdk::EcsParameters::builder()
        .task_definition_arn(&e.task_definition_arn)
        .set_task_count(e.task_count.and_then(int32))
        .set_launch_type(e.launch_type.as_deref().map(sdk::LaunchType::from))
        .set_network_configuration(network)
        .set_platform_version(e.platform_version.clone())
        .set_group(e.group.clone())
        .set_capacity_provider_strategy((!strategy.is_empty()).then_some(strategy))
        .enable_ecs_managed_tags(e.enable_ecs_managed_tags)
        .enable_execute_command(e.enable_execute_command)
        .set_placement_constraints((!e.placement_constraint.is_empty()).then(|| {
            e.placement_constraint
                .iter()
                .map(|p| {
                    sdk::PlacementConstraint::builder()
                        .r#type(sdk::PlacementConstraintType::from(p.r#type.as_str()))
                        .set_expression(p.expression.clone())
                        .build()
                })
                .collect()
        }))
        .set_placement_strategy((!e.ordered_placement_strategy.is_empty()).then(|| {
            e.ordered_placement_strategy
                .iter()
                .map(|p| {
                    sdk::PlacementStrategy::builder()
                        .r#type(sdk::PlacementStrategyType::from(p.r#type.as_str()))
                        .set_field(p.field.clone())
                        .build()
                })
                .collect()
        }))
        .set_propagate_tags(e.propagate_tags.as_deref().map(sdk::PropagateTags::from))
        .set_reference_id(e.reference_id.clone())
        .set_tags(tags)
        .build()
        .map_err(|e| e.to_string())
}

fn batch_parameters(b: &BatchTarget) -> Result<sdk::BatchParameters, String> {
    sdk::BatchParameters::builder()
        .job_definition(&b.job_definition)
        .job_name(&b.job_name)
        .set_array_properties(
            b.array_size
                .and_then(int32)
                .map(|size| sdk::BatchArrayProperties::builder().size(size).build()),
        )
        .set_retry_strategy(
            b.job_attempts
                .and_then(int32)
                .map(|attempts| sdk::BatchRetryStrategy::builder().attempts(attempts).build()),
        )
        .build()
        .map_err(|e| e.to_string())
}

fn redshift_parameters(r: &RedshiftTarget) -> Result<sdk::RedshiftDataParameters, String> {
    sdk::RedshiftDataParameters::builder()
        .database(&r.database)
        .set_db_user(r.db_user.clone())
        .set_secret_manager_arn(r.secrets_manager_arn.clone())
        .set_sql(r.sql.clone())
        .set_sqls(r.sqls.known().cloned())
        .set_statement_name(r.statement_name.clone())
        .with_event(r.with_event.unwrap_or(false))
        .build()
        .map_err(|e| e.to_string())
}

fn sagemaker_parameters(s: &SageMakerPipelineTarget) -> Result<sdk::SageMakerPipelineParameters, String> {
    let parameters = s
        .pipeline_parameter_list
        .iter()
        .map(|p| {
            sdk::SageMakerPipelineParameter::builder()
                .name(&p.name)
                .value(&p.value)
                .build()
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    Ok(sdk::SageMakerPipelineParameters::builder()
        .set_pipeline_parameter_list((!parameters.is_empty()).then_some(parameters))
        .build())
}

fn run_command_parameters(targets: &[RunCommandTarget]) -> Result<Option<sdk::RunCommandParameters>, String> {
    if targets.is_empty() {
        return Ok(None);
    }
    let targets = targets
        .iter()
        .map(|r| {
            sdk::RunCommandTarget::builder()
                .key(&r.key)
                .set_values(Some(r.values.clone()))
                .build()
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    sdk::RunCommandParameters::builder()
        .set_run_command_targets(Some(targets))
        .build()
        .map(Some)
        .map_err(|e| e.to_string())
}

/// The target as ListTargetsByRule shows it, with what only Terraform
/// knows from `prior` (the plan or the last state): the rule, the bus as
/// written, the Region, `force_destroy`, and the configuration's way of
/// saying what AWS holds the same.
pub fn from_sdk(t: &sdk::Target, prior: &Target) -> Target {
    let bus = prior.event_bus_name.clone().unwrap_or_else(|| DEFAULT_BUS.to_string());
    let input = match (t.input(), prior.input.as_deref()) {
        (Some(aws), Some(prior)) if same_json(aws, prior) => Some(prior.to_string()),
        (aws, _) => aws.map(str::to_string),
    };
    Target {
        id: id_of(&bus, &prior.rule, t.id()),
        rule: prior.rule.clone(),
        event_bus_name: Some(bus),
        target_id: Some(t.id().to_string()),
        arn: t.arn().to_string(),
        role_arn: t.role_arn().map(str::to_string),
        input,
        input_path: t.input_path().map(str::to_string),
        force_destroy: prior.force_destroy,
        region: prior.region.clone(),
        input_transformer: t.input_transformer().map(|i| InputTransformer {
            input_paths: read_map(
                i.input_paths_map(),
                prior.input_transformer.as_ref().map(|p| &p.input_paths),
            ),
            input_template: i.input_template().to_string(),
        }),
        http_target: kept_if_empty(
            t.http_parameters().map(|h| read_http(h, prior.http_target.as_ref())),
            &prior.http_target,
        ),
        dead_letter_config: kept_if_empty(
            t.dead_letter_config().map(|d| DeadLetterConfig {
                arn: d.arn().map(str::to_string),
            }),
            &prior.dead_letter_config,
        ),
        retry_policy: kept_if_empty(
            t.retry_policy().map(|r| RetryPolicy {
                maximum_event_age_in_seconds: r.maximum_event_age_in_seconds().map(i64::from),
                maximum_retry_attempts: r.maximum_retry_attempts().map(i64::from),
            }),
            &prior.retry_policy,
        ),
        ecs_target: t.ecs_parameters().map(|e| read_ecs(e, prior.ecs_target.as_ref())),
        batch_target: t.batch_parameters().map(|b| BatchTarget {
            job_definition: b.job_definition().to_string(),
            job_name: b.job_name().to_string(),
            array_size: b.array_properties().map(|a| i64::from(a.size())),
            job_attempts: b.retry_strategy().map(|r| i64::from(r.attempts())),
        }),
        kinesis_target: t.kinesis_parameters().map(|k| KinesisTarget {
            partition_key_path: Some(k.partition_key_path().to_string()).filter(|p| {
                !p.is_empty()
                    || prior
                        .kinesis_target
                        .as_ref()
                        .is_some_and(|k| k.partition_key_path.is_some())
            }),
        }),
        sqs_target: kept_if_empty(
            t.sqs_parameters().map(|s| SqsTarget {
                message_group_id: s.message_group_id().map(str::to_string),
            }),
            &prior.sqs_target,
        ),
        redshift_target: t.redshift_data_parameters().map(|r| {
            let prior = prior.redshift_target.as_ref();
            RedshiftTarget {
                database: r.database().to_string(),
                db_user: r.db_user().map(str::to_string),
                secrets_manager_arn: r.secret_manager_arn().map(str::to_string),
                sql: r.sql().map(str::to_string),
                sqls: read_list(r.sqls(), prior.map(|p| &p.sqls)),
                statement_name: r.statement_name().map(str::to_string),
                with_event: read_flag(r.with_event(), prior.and_then(|p| p.with_event)),
            }
        }),
        sagemaker_pipeline_target: kept_if_empty(
            t.sage_maker_pipeline_parameters().map(|s| SageMakerPipelineTarget {
                pipeline_parameter_list: s
                    .pipeline_parameter_list()
                    .iter()
                    .map(|p| PipelineParameter {
                        name: p.name().to_string(),
                        value: p.value().to_string(),
                    })
                    .collect(),
            }),
            &prior.sagemaker_pipeline_target,
        ),
        appsync_target: kept_if_empty(
            t.app_sync_parameters().map(|a| AppSyncTarget {
                graphql_operation: a.graph_ql_operation().map(str::to_string),
            }),
            &prior.appsync_target,
        ),
        run_command_targets: t
            .run_command_parameters()
            .map(|r| {
                r.run_command_targets()
                    .iter()
                    .map(|c| RunCommandTarget {
                        key: c.key().to_string(),
                        values: c.values().to_vec(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// A block AWS holds, or, when AWS dropped one that was sent with nothing
/// in it, the prior empty block (no change).
fn kept_if_empty<T: Default + PartialEq + Clone>(aws: Option<T>, prior: &Option<T>) -> Option<T> {
    match (aws, prior) {
        (Some(aws), _) => Some(aws),
        (None, Some(prior)) if *prior == T::default() => Some(prior.clone()),
        (None, _) => None,
    }
}

/// A map AWS holds: absent or empty stays as the prior said it (unset or
/// `{}`).
fn read_map(
    aws: Option<&HashMap<String, String>>,
    prior: Option<&Maybe<BTreeMap<String, String>>>,
) -> Maybe<BTreeMap<String, String>> {
    match aws.filter(|m| !m.is_empty()) {
        Some(m) => Maybe::Known(m.iter().map(|(k, v)| (k.clone(), v.clone())).collect()),
        None => match prior {
            Some(Maybe::Known(m)) if m.is_empty() => Maybe::Known(BTreeMap::new()),
            _ => Maybe::Null,
        },
    }
}

/// A list AWS holds: absent or empty stays as the prior said it.
fn read_list(aws: &[String], prior: Option<&Maybe<Vec<String>>>) -> Maybe<Vec<String>> {
    match (aws.is_empty(), prior) {
        (false, _) => Maybe::Known(aws.to_vec()),
        (true, Some(Maybe::Known(l))) if l.is_empty() => Maybe::Known(Vec::new()),
        (true, _) => Maybe::Null,
    }
}

/// A boolean AWS reads back as `false` when unset: unset stays unset.
fn read_flag(aws: bool, prior: Option<bool>) -> Option<bool> {
    match (aws, prior) {
        (false, None) => None,
        (aws, _) => Some(aws),
    }
}

fn read_http(h: &sdk::HttpParameters, prior: Option<&HttpTarget>) -> HttpTarget {
    HttpTarget {
        path_parameter_values: read_list(h.path_parameter_values(), prior.map(|p| &p.path_parameter_values)),
        header_parameters: read_map(h.header_parameters(), prior.map(|p| &p.header_parameters)),
        query_string_parameters: read_map(h.query_string_parameters(), prior.map(|p| &p.query_string_parameters)),
    }
}

fn read_ecs(e: &sdk::EcsParameters, prior: Option<&EcsTarget>) -> EcsTarget {
    let prior_strategy = |name: &str| {
        prior.and_then(|p| {
            p.capacity_provider_strategy
                .iter()
                .find(|c| c.capacity_provider == name)
        })
    };
    let number = |aws: i32, prior: Option<i64>| match (aws, prior) {
        (0, None) => None,
        (aws, _) => Some(i64::from(aws)),
    };
    let tags: Option<HashMap<String, String>> = e.tags.as_ref().map(|tags| {
        tags.iter()
            .map(|t| (t.key().to_string(), t.value().to_string()))
            .collect()
    });
    EcsTarget {
        task_definition_arn: e.task_definition_arn().to_string(),
        task_count: e.task_count().map(i64::from),
        launch_type: e.launch_type().map(|l| l.as_str().to_string()),
        platform_version: e.platform_version().map(str::to_string),
        group: e.group().map(str::to_string),
        enable_ecs_managed_tags: e.enable_ecs_managed_tags(),
        enable_execute_command: e.enable_execute_command(),
        propagate_tags: e.propagate_tags().map(|p| p.as_str().to_string()),
        reference_id: e.reference_id().map(str::to_string),
        tags: read_map(tags.as_ref(), prior.map(|p| &p.tags)),
        network_configuration: e
            .network_configuration()
            .and_then(|n| n.awsvpc_configuration())
            .map(|vpc| {
                let prior_groups = prior
                    .and_then(|p| p.network_configuration.as_ref())
                    .map(|n| &n.security_groups);
                NetworkConfiguration {
                    subnets: vpc.subnets().iter().cloned().collect(),
                    security_groups: match (vpc.security_groups().is_empty(), prior_groups) {
                        (false, _) => Maybe::Known(vpc.security_groups().iter().cloned().collect()),
                        (true, Some(Maybe::Known(g))) if g.is_empty() => Maybe::Known(BTreeSet::new()),
                        (true, _) => Maybe::Null,
                    },
                    assign_public_ip: vpc.assign_public_ip() == Some(&sdk::AssignPublicIp::Enabled),
                }
            }),
        capacity_provider_strategy: e
            .capacity_provider_strategy()
            .iter()
            .map(|c| {
                let prior = prior_strategy(c.capacity_provider());
                CapacityProviderStrategy {
                    capacity_provider: c.capacity_provider().to_string(),
                    weight: number(c.weight(), prior.and_then(|p| p.weight)),
                    base: number(c.base(), prior.and_then(|p| p.base)),
                }
            })
            .collect(),
        placement_constraint: e
            .placement_constraints()
            .iter()
            .map(|p| PlacementConstraint {
                r#type: p.r#type().map(|t| t.as_str().to_string()).unwrap_or_default(),
                expression: p.expression().map(str::to_string),
            })
            .collect(),
        ordered_placement_strategy: e
            .placement_strategy()
            .iter()
            .map(|p| PlacementStrategy {
                r#type: p.r#type().map(|t| t.as_str().to_string()).unwrap_or_default(),
                field: p.field().map(str::to_string),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tfplugin::model::full_value;
    use crate::tfplugin::{Model, Value};

    /// Every member of the model survives a trip to AWS's `Target` and
    /// back (booleans set, numbers in range, a map and a list each).
    #[test]
    fn every_member_goes_to_aws_and_comes_back() {
        let mut full = full_value(Target::shape());
        // Values the API's types hold: valid enums and numbers of int32.
        let fix = |v: &mut Value, path: &[&str], to: Value| {
            let mut at = v;
            for (i, step) in path.iter().enumerate() {
                at = match at.attr_mut(step) {
                    Some(next) if i + 1 == path.len() => next,
                    Some(next) => match next {
                        Value::List(items) | Value::Set(items) => &mut items[0],
                        other => other,
                    },
                    None => return,
                };
            }
            *at = to;
        };
        fix(&mut full, &["ecs_target", "launch_type"], Value::string("FARGATE"));
        fix(
            &mut full,
            &["ecs_target", "propagate_tags"],
            Value::string("TASK_DEFINITION"),
        );
        fix(
            &mut full,
            &["ecs_target", "placement_constraint", "type"],
            Value::string("memberOf"),
        );
        fix(
            &mut full,
            &["ecs_target", "ordered_placement_strategy", "type"],
            Value::string("spread"),
        );
        fix(&mut full, &["event_bus_name"], Value::string("orders"));
        fix(&mut full, &["input"], Value::string("{}"));
        let mut t = Target::from_value(&full);
        t.id = id_of("orders", &t.rule, t.target_id());
        let sent = to_sdk(&t).unwrap();
        let read = from_sdk(&sent, &t);
        assert_eq!(read, t);
    }

    #[test]
    fn blocks_and_values_aws_drops_or_zeroes_stay_as_configured() {
        let prior = Target {
            rule: "nightly".into(),
            event_bus_name: Some("arn:aws:events:us-east-1:123456789012:event-bus/orders".into()),
            target_id: Some("t1".into()),
            arn: "arn:aws:sqs:us-east-1:123456789012:q".into(),
            input: Some(r#"{"a": 1, "b": 2}"#.into()),
            retry_policy: Some(RetryPolicy::default()),
            http_target: Some(HttpTarget {
                header_parameters: Maybe::Known(BTreeMap::new()),
                ..Default::default()
            }),
            ..Default::default()
        };
        let aws = sdk::Target::builder()
            .id("t1")
            .arn("arn:aws:sqs:us-east-1:123456789012:q")
            .input(r#"{"b":2,"a":1}"#)
            .http_parameters(sdk::HttpParameters::builder().build())
            .build()
            .unwrap();
        let read = from_sdk(&aws, &prior);
        assert_eq!(read.input, prior.input);
        assert_eq!(read.retry_policy, Some(RetryPolicy::default()));
        assert_eq!(read.http_target, prior.http_target);
        assert_eq!(read.event_bus_name, prior.event_bus_name);
        assert_eq!(read.id, "orders/nightly/t1");
        assert_eq!(read_flag(false, None), None);
        assert_eq!(read_flag(false, Some(false)), Some(false));
    }
}
