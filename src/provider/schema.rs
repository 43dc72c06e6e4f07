//! The provider block's schema: every argument of hashicorp/aws that
//! means something for an EventBridge client, documented with the
//! environment variable it falls back to.

use super::*;

fn strings_type() -> Type {
    Type::list(Type::String)
}

fn string_set() -> Type {
    Type::set(Type::String)
}

/// The attributes `assume_role` and `assume_role_with_web_identity` share.
fn session_attributes(block: Block) -> Block {
    block
        .attr(
            "session_name",
            Attribute::string().optional().doc(&format!(
                "Session name, 2 to 64 characters of letters, digits and `_+=,.@-` (default \
                 `{}`).",
                identity::DEFAULT_SESSION_NAME
            )),
        )
        .attr(
            "duration",
            Attribute::string().optional().doc(
                "Session length, 15 minutes to 12 hours, written like `1h`, `2h45m` or `30m15s` (default 1 \
                 hour; the role's maximum session duration must allow it).",
            ),
        )
        .attr(
            "policy",
            Attribute::string()
                .optional()
                .doc("IAM policy JSON that further restricts the session's permissions."),
        )
        .attr(
            "policy_arns",
            Attribute::of(string_set())
                .optional()
                .doc("ARNs of IAM managed policies that further restrict the session's permissions."),
        )
}

impl EventBridgeProvider {
    pub(super) fn block() -> Block {
        Block::new()
            .doc(
                "The EventBridge provider manages Amazon EventBridge connections. Its arguments are those of \
                 hashicorp/aws that apply to an EventBridge client, with the same names and meaning, so a \
                 `provider \"aws\"` block can be copied here. Credentials and Region come from the arguments, \
                 else from the standard AWS chain: environment variables (`AWS_REGION`, `AWS_PROFILE`, \
                 `AWS_ACCESS_KEY_ID`, ...), shared config and credentials files, SSO, web identity, and the \
                 EC2/ECS metadata services.",
            )
            .attr(
                "region",
                Attribute::string().optional().doc(
                    "AWS Region, e.g. `us-east-1`. Falls back to `AWS_REGION` / `AWS_DEFAULT_REGION`, the \
                     profile, and the EC2 metadata service.",
                ),
            )
            .attr(
                "profile",
                Attribute::string().optional().doc(
                    "Named profile of the shared config and credentials files. Falls back to `AWS_PROFILE` / \
                     `AWS_DEFAULT_PROFILE`.",
                ),
            )
            .attr(
                "shared_config_files",
                Attribute::of(strings_type())
                    .optional()
                    .doc("Paths of shared config files (default `~/.aws/config`). Falls back to `AWS_CONFIG_FILE`."),
            )
            .attr(
                "shared_credentials_files",
                Attribute::of(strings_type()).optional().doc(
                    "Paths of shared credentials files (default `~/.aws/credentials`). Falls back to \
                     `AWS_SHARED_CREDENTIALS_FILE`.",
                ),
            )
            .attr(
                "access_key",
                Attribute::string()
                    .optional()
                    .doc("Access key ID. Requires `secret_key`. Falls back to `AWS_ACCESS_KEY_ID`."),
            )
            .attr(
                "secret_key",
                Attribute::string()
                    .optional()
                    .sensitive()
                    .doc("Secret access key. Falls back to `AWS_SECRET_ACCESS_KEY`."),
            )
            .attr(
                "token",
                Attribute::string()
                    .optional()
                    .sensitive()
                    .doc("Session token for temporary credentials. Falls back to `AWS_SESSION_TOKEN`."),
            )
            .attr(
                "allowed_account_ids",
                Attribute::of(string_set()).optional().doc(
                    "The only AWS account IDs this provider may act in. Checked once, when the provider is \
                     configured and before any EventBridge call, against the account STS \
                     `GetCallerIdentity` names for the final credentials (roles included). Conflicts with \
                     `forbidden_account_ids`.",
                ),
            )
            .attr(
                "forbidden_account_ids",
                Attribute::of(string_set()).optional().doc(
                    "AWS account IDs this provider must never act in; checked like `allowed_account_ids`, \
                     which it conflicts with.",
                ),
            )
            .attr(
                "skip_credentials_validation",
                Attribute::bool().optional().doc(
                    "Skip resolving the credentials when the provider is configured. By default the \
                     credentials (the chain, web identity and every `assume_role`) are obtained then, so \
                     that missing or refused credentials fail at the provider block before any EventBridge \
                     call; with `true` they are obtained on the first AWS call. Unlike hashicorp/aws, no STS \
                     `GetCallerIdentity` call is made for this check alone.",
                ),
            )
            .attr(
                "skip_requesting_account_id",
                Attribute::bool().optional().doc(
                    "Never ask STS for the account ID. Connections take their account from their ARN, so \
                     the account is only requested for `allowed_account_ids` / `forbidden_account_ids`, \
                     which cannot be used with this set.",
                ),
            )
            .attr(
                "skip_region_validation",
                Attribute::bool().optional().doc(
                    "Accept `region` and `sts_region` values that do not have the form of an AWS Region \
                     name (for AWS-like services with their own names).",
                ),
            )
            .attr(
                "skip_metadata_api_check",
                Attribute::bool().optional().doc(
                    "Do not use the EC2 instance metadata service (IMDS) for credentials or Region. Falls \
                     back to `AWS_EC2_METADATA_DISABLED`.",
                ),
            )
            .attr(
                "sts_region",
                Attribute::string().optional().doc(
                    "Region of the STS endpoint used for `assume_role`, `assume_role_with_web_identity` and \
                     the account check (default: `region`). Like hashicorp/aws, no environment variable.",
                ),
            )
            .attr(
                "ec2_metadata_service_endpoint",
                Attribute::string().optional().doc(
                    "Address of the EC2 instance metadata service, e.g. `http://169.254.169.254`. Falls back \
                     to `AWS_EC2_METADATA_SERVICE_ENDPOINT`.",
                ),
            )
            .attr(
                "ec2_metadata_service_endpoint_mode",
                Attribute::string().optional().doc(
                    "`IPv4` or `IPv6`: which address of the EC2 instance metadata service to use. Falls back \
                     to `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE`.",
                ),
            )
            .attr(
                "custom_ca_bundle",
                Attribute::string().optional().doc(
                    "PEM file of certificate authorities to trust besides the system's, e.g. a corporate \
                     TLS-inspecting proxy's. Falls back to `AWS_CA_BUNDLE`.",
                ),
            )
            .attr(
                "insecure",
                Attribute::bool().optional().doc(
                    "Do not verify the TLS certificates of AWS endpoints. Only for testing against \
                     emulators; default `false`.",
                ),
            )
            .attr(
                "http_proxy",
                Attribute::string().optional().doc(
                    "Proxy URL for plain-HTTP endpoints; also used for HTTPS endpoints when no HTTPS proxy is \
                     set anywhere (with a warning), as in hashicorp/aws. Falls back to `HTTP_PROXY` / \
                     `http_proxy`.",
                ),
            )
            .attr(
                "https_proxy",
                Attribute::string().optional().doc(
                    "Proxy URL for HTTPS endpoints (AWS's), tunnelled with CONNECT; `\"\"` means none. Falls \
                     back to `HTTPS_PROXY` / `https_proxy`.",
                ),
            )
            .attr(
                "no_proxy",
                Attribute::string().optional().doc(
                    "Comma-separated hosts that bypass the proxies: domain names (`.example.com` includes \
                     subdomains), IP addresses, CIDR ranges, or `*` for all. `localhost` and loopback \
                     addresses are never proxied, as in hashicorp/aws. Falls back to `NO_PROXY` / \
                     `no_proxy`.",
                ),
            )
            .attr(
                "use_fips_endpoint",
                Attribute::bool().optional().doc(
                    "Use the FIPS endpoints of EventBridge and STS (e.g. \
                     `events-fips.us-east-1.amazonaws.com`); ignored for a service given a custom endpoint. \
                     Falls back to `AWS_USE_FIPS_ENDPOINT` and the profile.",
                ),
            )
            .attr(
                "use_dualstack_endpoint",
                Attribute::bool().optional().doc(
                    "Use the dual-stack (IPv4 and IPv6) endpoints (e.g. `events.us-east-1.api.aws`); ignored \
                     for a service given a custom endpoint. Falls back to `AWS_USE_DUALSTACK_ENDPOINT` and the \
                     profile.",
                ),
            )
            .attr(
                "max_retries",
                Attribute::number().optional().doc(&format!(
                    "How many times to retry a throttled or failed AWS call, with backoff, 0 to \
                     {MAX_RETRIES_LIMIT} (default {}). Falls back to `AWS_MAX_ATTEMPTS` (attempts, so one \
                     more). An endpoint that cannot be reached fails after 3 attempts whatever this says.",
                    retry::DEFAULT_MAX_RETRIES
                )),
            )
            .attr(
                "retry_mode",
                Attribute::string().optional().doc(
                    "`standard` or `adaptive` (which also slows requests down client-side when AWS \
                     throttles). Falls back to `AWS_RETRY_MODE`; default `standard`.",
                ),
            )
            .attr(
                "token_bucket_rate_limiter_capacity",
                Attribute::number().optional().doc(
                    "Capacity of the SDK's retry token bucket, shared by all calls of this provider. Unset, \
                     retries are not rate limited, as in hashicorp/aws.",
                ),
            )
            .attr(
                "user_agent",
                Attribute::of(strings_type()).optional().doc(
                    "Product details to append to the User-Agent of every AWS call, e.g. `my-team/1.0`. The \
                     User-Agent already names this provider, its version and Terraform's; the text of \
                     `TF_APPEND_USER_AGENT` goes last.",
                ),
            )
            .attr(
                "endpoint",
                Attribute::string().optional().deprecated().doc(
                    "Deprecated: use `endpoints { events = \"...\" }`. Custom EventBridge endpoint URL; \
                     falls back to `AWS_ENDPOINT_URL_EVENTBRIDGE` / `AWS_ENDPOINT_URL`.",
                ),
            )
            .attr(
                "s3_use_path_style",
                Attribute::bool()
                    .optional()
                    .doc("Accepted for compatibility with hashicorp/aws; has no effect here."),
            )
            .attr(
                "s3_us_east_1_regional_endpoint",
                Attribute::string()
                    .optional()
                    .doc("Accepted for compatibility with hashicorp/aws; has no effect here."),
            )
            .attr(
                "tag_policy_compliance",
                Attribute::string()
                    .optional()
                    .doc("Accepted for compatibility with hashicorp/aws; has no effect here."),
            )
            .block(
                "assume_role",
                NestedBlock::list(session_attributes(
                    Block::new()
                        .doc(
                            "An IAM role to assume. Several blocks are applied in order, each with the \
                             credentials of the one before (role chaining); the first uses the credentials \
                             found (or `assume_role_with_web_identity`'s).",
                        )
                        .attr(
                            "role_arn",
                            Attribute::string()
                                .optional()
                                .doc("ARN of the role to assume (required; a single block without it is ignored, as in hashicorp/aws)."),
                        )
                        .attr(
                            "external_id",
                            Attribute::string()
                                .optional()
                                .doc("External ID the role's trust policy requires (2 to 1224 characters)."),
                        )
                        .attr(
                            "tags",
                            Attribute::of(Type::map(Type::String))
                                .optional()
                                .doc("Session tags."),
                        )
                        .attr(
                            "transitive_tag_keys",
                            Attribute::of(string_set())
                                .optional()
                                .doc("Keys of `tags` that pass on to later sessions of the chain."),
                        )
                        .attr(
                            "source_identity",
                            Attribute::string()
                                .optional()
                                .doc("Source identity of the principal assuming the role (2 to 64 characters)."),
                        )
                        .attr(
                            "duration_seconds",
                            Attribute::number()
                                .optional()
                                .deprecated()
                                .doc("Deprecated: use `duration`. Session length in seconds, 900 to 43200."),
                        ),
                )),
            )
            .block(
                "assume_role_with_web_identity",
                NestedBlock::list(session_attributes(
                    Block::new()
                        .doc(
                            "Exchange an OpenID Connect token (a CI system's, an EKS service account's) for \
                             an IAM role's credentials with STS AssumeRoleWithWebIdentity. Applied before \
                             any `assume_role`.",
                        )
                        .attr(
                            "role_arn",
                            Attribute::string()
                                .optional()
                                .doc("ARN of the role to assume. Falls back to `AWS_ROLE_ARN`."),
                        )
                        .attr(
                            "web_identity_token",
                            Attribute::string().optional().sensitive().doc(
                                "The token itself. Falls back to `TF_AWS_WEB_IDENTITY_TOKEN`. \
                                 Conflicts with `web_identity_token_file`.",
                            ),
                        )
                        .attr(
                            "web_identity_token_file",
                            Attribute::string().optional().doc(
                                "File holding the token, read again at every refresh. Falls back to \
                                 `AWS_WEB_IDENTITY_TOKEN_FILE`.",
                            ),
                        ),
                ))
                .max(1),
            )
            .block(
                "endpoints",
                NestedBlock::list(
                    Block::new()
                        .doc("Custom endpoint URLs per service, e.g. an emulator or a VPC endpoint.")
                        .attr(
                            "events",
                            Attribute::string().optional().doc(
                                "EventBridge endpoint URL. Falls back to `AWS_ENDPOINT_URL_EVENTBRIDGE` / \
                                 `AWS_ENDPOINT_URL`.",
                            ),
                        )
                        .attr(
                            "eventbridge",
                            Attribute::string()
                                .optional()
                                .doc("Another name for `events`, as in hashicorp/aws."),
                        )
                        .attr(
                            "cloudwatchevents",
                            Attribute::string()
                                .optional()
                                .doc("Another name for `events`, as in hashicorp/aws."),
                        )
                        .attr(
                            "sts",
                            Attribute::string().optional().doc(
                                "STS endpoint URL (roles, web identity, account check). Falls back to \
                                 `AWS_ENDPOINT_URL_STS` / `AWS_ENDPOINT_URL`.",
                            ),
                        ),
                )
                .max(1),
            )
            .block(
                "default_tags",
                NestedBlock::list(
                    Block::new()
                        .doc("Accepted for compatibility with hashicorp/aws; has no effect here (connections have no tags).")
                        .attr("tags", Attribute::of(Type::map(Type::String)).optional().doc("No effect here.")),
                )
                .max(1),
            )
            .block(
                "ignore_tags",
                NestedBlock::list(
                    Block::new()
                        .doc("Accepted for compatibility with hashicorp/aws; has no effect here (connections have no tags).")
                        .attr("keys", Attribute::of(string_set()).optional().doc("No effect here."))
                        .attr("key_prefixes", Attribute::of(string_set()).optional().doc("No effect here.")),
                )
                .max(1),
            )
    }
}
