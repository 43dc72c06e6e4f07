//! The provider block, each argument declared once with its type, flags,
//! checks and docs: every argument of hashicorp/aws that means something
//! for an EventBridge client, documented with the environment variable it
//! falls back to. [`ProviderConfig`] is the block decoded, which validation
//! and ConfigureProvider read.

use std::collections::{BTreeMap, BTreeSet};

use super::checks;
use crate::aws::identity;
use crate::aws::retry::{self, MAX_RETRIES_LIMIT};
use crate::model;
use crate::tfplugin::model::Maybe;
use crate::tfplugin::{Attribute, NestedBlock, Number, Secret, Type};

model! {
    /// The EventBridge provider manages Amazon EventBridge connections and API destinations. Its
    /// arguments are those of hashicorp/aws that apply to an EventBridge client, with the same
    /// names and meaning, so a `provider "aws"` block can be copied here. Credentials and Region come from the arguments,
    /// else from the standard AWS chain: environment variables (`AWS_REGION`, `AWS_PROFILE`,
    /// `AWS_ACCESS_KEY_ID`, ...), shared config and credentials files, SSO, web identity, and the
    /// EC2/ECS metadata services.
    pub(crate) struct ProviderConfig {
        attr region: Option<String> = Attribute::string().optional().doc(
            "AWS Region, e.g. `us-east-1`. Falls back to `AWS_REGION` / `AWS_DEFAULT_REGION`, the profile, and \
             the EC2 metadata service.",
        ),
        attr profile: Option<String> = Attribute::string().optional().doc(
            "Named profile of the shared config and credentials files. Falls back to `AWS_PROFILE` / \
             `AWS_DEFAULT_PROFILE`.",
        ),
        attr shared_config_files: Vec<String> = strings()
            .doc("Paths of shared config files (default `~/.aws/config`). Falls back to `AWS_CONFIG_FILE`."),
        attr shared_credentials_files: Vec<String> = strings().doc(
            "Paths of shared credentials files (default `~/.aws/credentials`). Falls back to \
             `AWS_SHARED_CREDENTIALS_FILE`.",
        ),
        attr access_key: Maybe<String> = Attribute::string()
            .optional()
            .doc("Access key ID. Requires `secret_key`. Falls back to `AWS_ACCESS_KEY_ID`."),
        attr secret_key: Maybe<Secret> = Attribute::string()
            .optional()
            .sensitive()
            .doc("Secret access key. Falls back to `AWS_SECRET_ACCESS_KEY`."),
        attr token: Maybe<Secret> = Attribute::string()
            .optional()
            .sensitive()
            .doc("Session token for temporary credentials. Falls back to `AWS_SESSION_TOKEN`."),
        attr allowed_account_ids: BTreeSet<String> = string_set().check(checks::ACCOUNT_IDS).doc(
            "The only AWS account IDs this provider may act in. Checked once, when the provider is configured \
             and before any EventBridge call, against the account STS `GetCallerIdentity` names for the final \
             credentials (roles included). Conflicts with `forbidden_account_ids`.",
        ),
        attr forbidden_account_ids: BTreeSet<String> = string_set().check(checks::ACCOUNT_IDS).doc(
            "AWS account IDs this provider must never act in; checked like `allowed_account_ids`, which it \
             conflicts with.",
        ),
        attr skip_credentials_validation: Option<bool> = Attribute::bool().optional().doc(
            "Skip resolving the credentials when the provider is configured. By default the credentials (the \
             chain, web identity and every `assume_role`) are obtained then, so that missing or refused \
             credentials fail at the provider block before any EventBridge call; with `true` they are obtained \
             on the first AWS call. Unlike hashicorp/aws, no STS `GetCallerIdentity` call is made for this \
             check alone.",
        ),
        attr skip_requesting_account_id: Option<bool> = Attribute::bool().optional().doc(
            "Never ask STS for the account ID. Connections and API destinations take their account from their ARN, so the account \
             is only requested for `allowed_account_ids` / `forbidden_account_ids`, which cannot be used with \
             this set.",
        ),
        attr skip_region_validation: Option<bool> = Attribute::bool().optional().doc(
            "Accept `region` and `sts_region` values that do not have the form of an AWS Region name (for \
             AWS-like services with their own names).",
        ),
        attr skip_metadata_api_check: Option<bool> = Attribute::bool().optional().doc(
            "Do not use the EC2 instance metadata service (IMDS) for credentials or Region. Falls back to \
             `AWS_EC2_METADATA_DISABLED`.",
        ),
        attr sts_region: Option<String> = Attribute::string().optional().doc(
            "Region of the STS endpoint used for `assume_role`, `assume_role_with_web_identity` and the account \
             check (default: `region`). Like hashicorp/aws, no environment variable.",
        ),
        attr ec2_metadata_service_endpoint: Option<String> =
            Attribute::string().optional().check(checks::METADATA_ENDPOINT).doc(
                "Address of the EC2 instance metadata service, e.g. `http://169.254.169.254`. Falls back to \
                 `AWS_EC2_METADATA_SERVICE_ENDPOINT`.",
            ),
        attr ec2_metadata_service_endpoint_mode: Option<String> =
            Attribute::string().optional().check(checks::METADATA_ENDPOINT_MODE).doc(
                "`IPv4` or `IPv6`: which address of the EC2 instance metadata service to use. Falls back to \
                 `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE`.",
            ),
        attr custom_ca_bundle: Option<String> = Attribute::string().optional().check(checks::CA_BUNDLE).doc(
            "PEM file of certificate authorities to trust besides the system's, e.g. a corporate \
             TLS-inspecting proxy's. Falls back to `AWS_CA_BUNDLE`.",
        ),
        attr insecure: Option<bool> = Attribute::bool().optional().doc(
            "Do not verify the TLS certificates of AWS endpoints. Only for testing against emulators; default \
             `false`.",
        ),
        attr http_proxy: Option<String> = Attribute::string().optional().check(checks::PROXY).doc(
            "Proxy URL for plain-HTTP endpoints; also used for HTTPS endpoints when no HTTPS proxy is set \
             anywhere (with a warning), as in hashicorp/aws. Falls back to `HTTP_PROXY` / `http_proxy`.",
        ),
        attr https_proxy: Option<String> = Attribute::string().optional().check(checks::PROXY).doc(
            "Proxy URL for HTTPS endpoints (AWS's), tunnelled with CONNECT; `\"\"` means none. Falls back to \
             `HTTPS_PROXY` / `https_proxy`.",
        ),
        attr no_proxy: Option<String> = Attribute::string().optional().doc(
            "Comma-separated hosts that bypass the proxies: domain names (`.example.com` includes subdomains), \
             IP addresses, CIDR ranges, or `*` for all. `localhost` and loopback addresses are never proxied, \
             as in hashicorp/aws. Falls back to `NO_PROXY` / `no_proxy`.",
        ),
        attr use_fips_endpoint: Option<bool> = Attribute::bool().optional().doc(
            "Use the FIPS endpoints of EventBridge and STS (e.g. `events-fips.us-east-1.amazonaws.com`); \
             ignored for a service given a custom endpoint. Falls back to `AWS_USE_FIPS_ENDPOINT` and the \
             profile.",
        ),
        attr use_dualstack_endpoint: Option<bool> = Attribute::bool().optional().doc(
            "Use the dual-stack (IPv4 and IPv6) endpoints (e.g. `events.us-east-1.api.aws`); ignored for a \
             service given a custom endpoint. Falls back to `AWS_USE_DUALSTACK_ENDPOINT` and the profile.",
        ),
        attr max_retries: Option<i64> = Attribute::number().optional().check(checks::MAX_RETRIES).doc(&format!(
            "How many times to retry a throttled or failed AWS call, with backoff, 0 to {MAX_RETRIES_LIMIT} \
             (default {}). Falls back to `AWS_MAX_ATTEMPTS` (attempts, so one more). An endpoint that cannot be \
             reached fails after 3 attempts whatever this says.",
            retry::DEFAULT_MAX_RETRIES
        )),
        attr retry_mode: Option<String> = Attribute::string().optional().check(checks::RETRY_MODE).doc(
            "`standard` or `adaptive` (which also slows requests down client-side when AWS throttles). Falls \
             back to `AWS_RETRY_MODE`; default `standard`.",
        ),
        attr token_bucket_rate_limiter_capacity: Option<i64> =
            Attribute::number().optional().check(checks::TOKEN_BUCKET_CAPACITY).doc(
                "Capacity of the SDK's retry token bucket, shared by all calls of this provider. Unset, retries \
                 are not rate limited, as in hashicorp/aws.",
            ),
        attr user_agent: Vec<String> = strings().check(checks::USER_AGENT).doc(
            "Product details to append to the User-Agent of every AWS call, e.g. `my-team/1.0`. The User-Agent \
             already names this provider, its version and Terraform's; the text of `TF_APPEND_USER_AGENT` goes \
             last.",
        ),
        attr endpoint: Maybe<String> = Attribute::string().optional().deprecated().check(checks::EVENTS_ENDPOINT).doc(
            "Deprecated: use `endpoints { events = \"...\" }`. Custom EventBridge endpoint URL; falls back to \
             `AWS_ENDPOINT_URL_EVENTBRIDGE` / `AWS_ENDPOINT_URL`.",
        ),
        attr s3_use_path_style: Maybe<bool> = Attribute::bool().optional().doc(NO_EFFECT),
        attr s3_us_east_1_regional_endpoint: Maybe<String> = Attribute::string().optional().doc(NO_EFFECT),
        attr tag_policy_compliance: Maybe<String> = Attribute::string().optional().doc(NO_EFFECT),
        block assume_role: Vec<AssumeRole> = NestedBlock::list,
        block assume_role_with_web_identity: Option<WebIdentity> = |b| NestedBlock::list(b).max(1),
        block endpoints: Option<Endpoints> = |b| NestedBlock::list(b).max(1),
        block default_tags: Maybe<Option<DefaultTags>> = |b| NestedBlock::list(b).max(1),
        block ignore_tags: Maybe<Option<IgnoreTags>> = |b| NestedBlock::list(b).max(1),
    }
}

model! {
    /// An IAM role to assume. Several blocks are applied in order, each with the credentials of the
    /// one before (role chaining); the first uses the credentials found (or
    /// `assume_role_with_web_identity`'s).
    pub(crate) struct AssumeRole {
        attr role_arn: Maybe<String> = Attribute::string().optional().doc(
            "ARN of the role to assume (required; a single block without it is ignored, as in hashicorp/aws).",
        ),
        attr external_id: Option<String> = Attribute::string()
            .optional()
            .check(checks::EXTERNAL_ID)
            .doc("External ID the role's trust policy requires (2 to 1224 characters)."),
        attr tags: Maybe<BTreeMap<String, Option<String>>> =
            Attribute::of(Type::map(Type::String)).optional().check(checks::SESSION_TAGS).doc("Session tags."),
        attr transitive_tag_keys: BTreeSet<String> =
            string_set().doc("Keys of `tags` that pass on to later sessions of the chain."),
        attr source_identity: Option<String> = Attribute::string()
            .optional()
            .check(checks::SOURCE_IDENTITY)
            .doc("Source identity of the principal assuming the role (2 to 64 characters)."),
        attr duration_seconds: Option<Number> = Attribute::number()
            .optional()
            .deprecated()
            .check(checks::DURATION_SECONDS)
            .doc("Deprecated: use `duration`. Session length in seconds, 900 to 43200."),
        attr session_name: Option<String> = session_name(),
        attr duration: Maybe<String> = duration(),
        attr policy: Option<String> = policy(),
        attr policy_arns: BTreeSet<String> = policy_arns(),
    }
}

model! {
    /// Exchange an OpenID Connect token (a CI system's, an EKS service account's) for an IAM role's
    /// credentials with STS AssumeRoleWithWebIdentity. Applied before any `assume_role`.
    pub(crate) struct WebIdentity {
        attr role_arn: Option<String> = Attribute::string()
            .optional()
            .check(checks::ROLE_ARN)
            .doc("ARN of the role to assume. Falls back to `AWS_ROLE_ARN`."),
        attr web_identity_token: Maybe<Secret> =
            Attribute::string().optional().sensitive().check(checks::WEB_IDENTITY_TOKEN).doc(
                "The token itself. Falls back to `TF_AWS_WEB_IDENTITY_TOKEN`. Conflicts with \
                 `web_identity_token_file`.",
            ),
        attr web_identity_token_file: Maybe<String> = Attribute::string().optional().doc(
            "File holding the token, read again at every refresh. Falls back to `AWS_WEB_IDENTITY_TOKEN_FILE`.",
        ),
        attr session_name: Option<String> = session_name(),
        attr duration: Maybe<String> = duration(),
        attr policy: Option<String> = policy(),
        attr policy_arns: BTreeSet<String> = policy_arns(),
    }
}

model! {
    /// Custom endpoint URLs per service, e.g. an emulator or a VPC endpoint.
    pub(crate) struct Endpoints {
        attr events: Option<String> = Attribute::string().optional().check(checks::EVENTS_ENDPOINT).doc(
            "EventBridge endpoint URL. Falls back to `AWS_ENDPOINT_URL_EVENTBRIDGE` / `AWS_ENDPOINT_URL`.",
        ),
        attr eventbridge: Option<String> = another_name_for_events(),
        attr cloudwatchevents: Option<String> = another_name_for_events(),
        attr sts: Option<String> = Attribute::string().optional().check(checks::STS_ENDPOINT).doc(
            "STS endpoint URL (roles, web identity, account check). Falls back to `AWS_ENDPOINT_URL_STS` / \
             `AWS_ENDPOINT_URL`.",
        ),
    }
}

model! {
    /// Tags every taggable resource (rules) gets, as in hashicorp/aws: a resource's own `tags` win.
    pub(crate) struct DefaultTags {
        attr tags: BTreeMap<String, Option<String>> = Attribute::of(Type::map(Type::String))
            .optional()
            .doc("Tags added to every taggable resource's `tags_all`; a key its own `tags` set wins."),
    }
}

model! {
    /// Tags the provider neither sends nor reads back on any resource, as in hashicorp/aws: for tags other tools own.
    pub(crate) struct IgnoreTags {
        attr keys: BTreeSet<String> = string_set().doc("Tag keys to ignore."),
        attr key_prefixes: BTreeSet<String> = string_set().doc("Prefixes of tag keys to ignore."),
    }
}

impl Endpoints {
    /// EventBridge's endpoint under each name hashicorp/aws accepts for it.
    pub(super) fn events_names(&self) -> [(&'static str, Option<&str>); 3] {
        [
            ("events", self.events.as_deref()),
            ("eventbridge", self.eventbridge.as_deref()),
            ("cloudwatchevents", self.cloudwatchevents.as_deref()),
        ]
    }
}

const NO_EFFECT: &str = "Accepted for compatibility with hashicorp/aws; has no effect here.";

fn strings() -> Attribute {
    Attribute::of(Type::list(Type::String)).optional()
}

fn string_set() -> Attribute {
    Attribute::of(Type::set(Type::String)).optional()
}

fn another_name_for_events() -> Attribute {
    Attribute::string()
        .optional()
        .check(checks::EVENTS_ENDPOINT)
        .doc("Another name for `events`, as in hashicorp/aws.")
}

// The session arguments `assume_role` and `assume_role_with_web_identity` share.

fn session_name() -> Attribute {
    Attribute::string().optional().check(checks::SESSION_NAME).doc(&format!(
        "Session name, 2 to 64 characters of letters, digits and `_+=,.@-` (default `{}`).",
        identity::DEFAULT_SESSION_NAME
    ))
}

fn duration() -> Attribute {
    Attribute::string().optional().check(checks::SESSION_DURATION).doc(
        "Session length, 15 minutes to 12 hours, written like `1h`, `2h45m` or `30m15s` (default 1 hour; the \
         role's maximum session duration must allow it).",
    )
}

fn policy() -> Attribute {
    Attribute::string()
        .optional()
        .check(checks::POLICY)
        .doc("IAM policy JSON that further restricts the session's permissions.")
}

fn policy_arns() -> Attribute {
    string_set()
        .check(checks::POLICY_ARNS)
        .doc("ARNs of IAM managed policies that further restrict the session's permissions.")
}
