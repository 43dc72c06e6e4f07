//! Who the provider acts as: the credentials found (static keys, the
//! standard chain), optionally exchanged for a role through
//! `assume_role_with_web_identity`, then through each `assume_role` in
//! order (role chaining, as hashicorp/aws applies them).
//!
//! aws-config's `AssumeRoleProvider` has no `source_identity` or
//! `transitive_tag_keys`, and its web identity provider reads only a token
//! file and cannot take the provider's STS endpoint, so each hop here is one
//! aws-sdk-sts call in a small credentials provider; caching and refresh
//! stay with the SDK's identity cache.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use aws_config::SdkConfig;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{future, ProvideCredentials, SharedCredentialsProvider};
use aws_credential_types::Credentials;

use super::client::ClientOptions;
use super::errors::{chain_text, describe, find_in_chain};
use super::paths::expand_home;
use super::sts::{self, Signer, StsSettings};
use super::unreachable::EndpointUnreachable;

/// The role session name when none is given.
pub const DEFAULT_SESSION_NAME: &str = "terraform-provider-eventbridge";

/// What both kinds of role session take: name, length and the policies
/// that narrow it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Session {
    pub name: Option<String>,
    pub duration: Option<Duration>,
    pub policy: Option<String>,
    pub policy_arns: Vec<String>,
}

impl Session {
    fn name(&self) -> &str {
        self.name.as_deref().unwrap_or(DEFAULT_SESSION_NAME)
    }

    fn seconds(&self) -> Option<i32> {
        self.duration.map(|d| d.as_secs().min(i32::MAX as u64) as i32)
    }

    fn policy_arns(&self) -> Option<Vec<aws_sdk_sts::types::PolicyDescriptorType>> {
        (!self.policy_arns.is_empty()).then(|| {
            self.policy_arns
                .iter()
                .map(|arn| aws_sdk_sts::types::PolicyDescriptorType::builder().arn(arn).build())
                .collect()
        })
    }
}

/// One `assume_role` block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AssumeRole {
    pub role_arn: String,
    pub session: Session,
    pub external_id: Option<String>,
    pub tags: Vec<(String, String)>,
    pub transitive_tag_keys: Vec<String>,
    pub source_identity: Option<String>,
}

/// Where the web identity token comes from.
#[derive(Clone, PartialEq)]
pub enum Token {
    /// `web_identity_token` (or `TF_AWS_WEB_IDENTITY_TOKEN`).
    Inline(String),
    /// `web_identity_token_file` (or `AWS_WEB_IDENTITY_TOKEN_FILE`), read
    /// at every refresh: CI systems rotate the file.
    File(PathBuf),
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Token::Inline(_) => f.write_str("Inline(***)"),
            Token::File(path) => f.debug_tuple("File").field(path).finish(),
        }
    }
}

/// The `assume_role_with_web_identity` block, with the environment filling
/// in what it leaves out.
#[derive(Debug, Clone, PartialEq)]
pub struct WebIdentity {
    pub role_arn: String,
    pub token: Token,
    pub session: Session,
}

/// The `assume_role_with_web_identity` block as written; `None`: not set.
/// No `Debug`: it holds the token itself.
#[derive(Clone, Default)]
pub struct WebIdentityArguments {
    pub role_arn: Option<String>,
    pub web_identity_token: Option<String>,
    pub web_identity_token_file: Option<String>,
    pub session: Session,
}

impl WebIdentityArguments {
    /// The block completed from `AWS_ROLE_ARN`, `AWS_ROLE_SESSION_NAME`,
    /// `TF_AWS_WEB_IDENTITY_TOKEN` and `AWS_WEB_IDENTITY_TOKEN_FILE`, as in
    /// hashicorp/aws: the block's token or file wins over both variables.
    pub fn resolve(self, env: &dyn Fn(&str) -> Option<String>) -> Result<WebIdentity, String> {
        let env = |name: &str| env(name).filter(|v| !v.trim().is_empty());
        let role_arn = self
            .role_arn
            .or_else(|| env("AWS_ROLE_ARN"))
            .ok_or("assume_role_with_web_identity needs role_arn (or AWS_ROLE_ARN in the environment).".to_string())?;
        let token = match (self.web_identity_token, self.web_identity_token_file) {
            (Some(_), Some(_)) => {
                return Err("Set one of web_identity_token and web_identity_token_file, not both.".into())
            }
            (Some(token), None) => Token::Inline(token),
            (None, Some(file)) => Token::File(expand_home(&file)),
            (None, None) => match (env("TF_AWS_WEB_IDENTITY_TOKEN"), env("AWS_WEB_IDENTITY_TOKEN_FILE")) {
                (Some(token), None) => Token::Inline(token),
                (None, Some(file)) => Token::File(expand_home(&file)),
                _ => {
                    return Err("assume_role_with_web_identity needs exactly one of web_identity_token \
                         (or TF_AWS_WEB_IDENTITY_TOKEN) and web_identity_token_file (or \
                         AWS_WEB_IDENTITY_TOKEN_FILE)."
                        .into())
                }
            },
        };
        let mut session = self.session;
        session.name = session.name.or_else(|| env("AWS_ROLE_SESSION_NAME"));
        Ok(WebIdentity {
            role_arn,
            token,
            session,
        })
    }
}

/// The credentials provider the roles lead to, built on `config`'s; None
/// when there is no role to assume (use `config`'s as it is).
pub fn role_chain(
    config: &SdkConfig,
    sts_settings: &StsSettings,
    options: &ClientOptions,
    web_identity: Option<WebIdentity>,
    roles: &[AssumeRole],
) -> Option<SharedCredentialsProvider> {
    let mut current: Option<SharedCredentialsProvider> = None;
    if let Some(web) = web_identity {
        let sts = sts::client(config, sts_settings, options, Signer::Unsigned);
        current = Some(SharedCredentialsProvider::new(WebIdentityHop { sts, web }));
    }
    for (index, role) in roles.iter().enumerate() {
        let signer = match &current {
            Some(previous) => Signer::Provider(previous.clone()),
            None => Signer::Configured,
        };
        let sts = sts::client(config, sts_settings, options, signer);
        current = Some(SharedCredentialsProvider::new(RoleHop {
            sts,
            role: role.clone(),
            index,
        }));
    }
    current
}

/// STS's temporary credentials as the SDK's.
fn temporary(
    credentials: Option<aws_sdk_sts::types::Credentials>,
    source: &'static str,
) -> Result<Credentials, CredentialsError> {
    let c = credentials.ok_or_else(|| CredentialsError::unhandled("STS answered without credentials"))?;
    let expiry = SystemTime::try_from(*c.expiration()).map_err(CredentialsError::unhandled)?;
    Ok(Credentials::new(
        c.access_key_id(),
        c.secret_access_key(),
        Some(c.session_token().to_string()),
        Some(expiry),
        source,
    ))
}

/// Why a role could not be assumed, naming the block.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{block} ({role_arn}): {cause}")]
pub struct RoleNotAssumed {
    pub block: String,
    pub role_arn: String,
    pub cause: String,
}

fn not_assumed(block: String, role_arn: &str, cause: String) -> CredentialsError {
    CredentialsError::provider_error(RoleNotAssumed {
        block,
        role_arn: role_arn.to_string(),
        cause,
    })
}

/// The failure of a call to STS for `block`: when an earlier hop of the
/// chain failed (this call's credentials), that hop's failure as it is.
fn hop_failed<E, R>(block: String, role_arn: &str, error: &aws_sdk_sts::error::SdkError<E, R>) -> CredentialsError
where
    E: aws_sdk_sts::error::ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug + 'static,
{
    let earlier = std::error::Error::source(error).and_then(find_in_chain::<RoleNotAssumed>);
    match earlier {
        Some(earlier) => CredentialsError::provider_error(earlier.clone()),
        None => not_assumed(block, role_arn, describe(error)),
    }
}

/// One `assume_role` block: AssumeRole signed with the previous hop's
/// credentials (or the base credentials for the first).
#[derive(Debug)]
struct RoleHop {
    sts: aws_sdk_sts::Client,
    role: AssumeRole,
    index: usize,
}

impl RoleHop {
    async fn assume(&self) -> Result<Credentials, CredentialsError> {
        let r = &self.role;
        let tags = r
            .tags
            .iter()
            .map(|(k, v)| aws_sdk_sts::types::Tag::builder().key(k).value(v).build())
            .collect::<Result<Vec<_>, _>>()
            .map_err(CredentialsError::invalid_configuration)?;
        let sent = self
            .sts
            .assume_role()
            .role_arn(&r.role_arn)
            .role_session_name(r.session.name())
            .set_duration_seconds(r.session.seconds())
            .set_policy(r.session.policy.clone())
            .set_policy_arns(r.session.policy_arns())
            .set_external_id(r.external_id.clone())
            .set_tags((!tags.is_empty()).then_some(tags))
            .set_transitive_tag_keys((!r.transitive_tag_keys.is_empty()).then(|| r.transitive_tag_keys.clone()))
            .set_source_identity(r.source_identity.clone())
            .send()
            .await;
        match sent {
            Ok(out) => temporary(out.credentials, "AssumeRole"),
            // Signed with the previous hop's credentials: when that hop
            // failed, its failure is the one to report.
            Err(e) => Err(hop_failed(format!("assume_role[{}]", self.index), &r.role_arn, &e)),
        }
    }
}

impl ProvideCredentials for RoleHop {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(self.assume())
    }
}

/// `assume_role_with_web_identity`: AssumeRoleWithWebIdentity, unsigned,
/// with the token of the moment.
#[derive(Debug)]
struct WebIdentityHop {
    sts: aws_sdk_sts::Client,
    web: WebIdentity,
}

impl WebIdentityHop {
    async fn assume(&self) -> Result<Credentials, CredentialsError> {
        let w = &self.web;
        let block = || "assume_role_with_web_identity".to_string();
        let token = match &w.token {
            Token::Inline(token) => token.clone(),
            Token::File(path) => std::fs::read_to_string(path).map_err(|e| {
                not_assumed(
                    block(),
                    &w.role_arn,
                    format!("cannot read the web identity token file {}: {e}", path.display()),
                )
            })?,
        };
        let sent = self
            .sts
            .assume_role_with_web_identity()
            .role_arn(&w.role_arn)
            .web_identity_token(token.trim())
            .role_session_name(w.session.name())
            .set_duration_seconds(w.session.seconds())
            .set_policy(w.session.policy.clone())
            .set_policy_arns(w.session.policy_arns())
            .send()
            .await;
        match sent {
            Ok(out) => temporary(out.credentials, "AssumeRoleWithWebIdentity"),
            // Unsigned and always first: no earlier hop can have failed.
            Err(e) => Err(not_assumed(block(), &w.role_arn, describe(&e))),
        }
    }
}

impl ProvideCredentials for WebIdentityHop {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(self.assume())
    }
}

/// Resolves credentials now, so that missing credentials or a role that
/// cannot be assumed fail at the provider block, before any EventBridge
/// call; the credentials found are handed to the first caller instead of
/// being fetched again (the SDK's identity cache keeps them from there).
pub async fn resolved_now(provider: SharedCredentialsProvider) -> Result<SharedCredentialsProvider, String> {
    match provider.provide_credentials().await {
        Ok(credentials) => Ok(SharedCredentialsProvider::new(Primed {
            first: Mutex::new(Some(credentials)),
            inner: provider,
        })),
        Err(e) => Err(describe_credentials_error(&e)),
    }
}

#[derive(Debug)]
struct Primed {
    first: Mutex<Option<Credentials>>,
    inner: SharedCredentialsProvider,
}

impl ProvideCredentials for Primed {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        let first = match self.first.lock() {
            Ok(mut guard) => guard.take(),
            Err(poisoned) => poisoned.into_inner().take(),
        };
        match first {
            Some(credentials) => future::ProvideCredentials::ready(Ok(credentials)),
            None => self.inner.provide_credentials(),
        }
    }
}

/// A credentials failure in one sentence: the unreachable endpoint or the
/// role that was refused when there is one, else the chain's messages.
pub fn describe_credentials_error(error: &CredentialsError) -> String {
    let error = error as &(dyn std::error::Error + 'static);
    if let Some(role) = find_in_chain::<RoleNotAssumed>(error) {
        return role.to_string().trim_end_matches('.').to_string();
    }
    if let Some(unreachable) = find_in_chain::<EndpointUnreachable>(error) {
        return unreachable.to_string();
    }
    chain_text(error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
    }

    #[test]
    fn the_block_wins_and_the_environment_fills_in() {
        let env = env_of(&[
            ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/env"),
            ("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/token"),
            ("AWS_ROLE_SESSION_NAME", "ci"),
        ]);
        let w = WebIdentityArguments::default().resolve(&env).expect("from env");
        assert_eq!(w.role_arn, "arn:aws:iam::123456789012:role/env");
        assert_eq!(w.token, Token::File(PathBuf::from("/var/run/token")));
        assert_eq!(w.session.name.as_deref(), Some("ci"));
        let block = WebIdentityArguments {
            role_arn: Some("arn:aws:iam::123456789012:role/block".into()),
            web_identity_token: Some("t0k3n".into()),
            ..Default::default()
        };
        let w = block.resolve(&env).expect("from block");
        assert_eq!(w.role_arn, "arn:aws:iam::123456789012:role/block");
        assert_eq!(w.token, Token::Inline("t0k3n".into()));
        assert!(
            !format!("{w:?}").contains("t0k3n"),
            "the token stays out of debug output"
        );
    }

    #[test]
    fn a_token_is_required_and_only_one() {
        let none = env_of(&[]);
        let both = WebIdentityArguments {
            role_arn: Some("arn:aws:iam::123456789012:role/r".into()),
            web_identity_token: Some("abcd".into()),
            web_identity_token_file: Some("/t".into()),
            ..Default::default()
        };
        assert!(both.resolve(&none).unwrap_err().contains("not both"));
        let neither = WebIdentityArguments {
            role_arn: Some("arn:aws:iam::123456789012:role/r".into()),
            ..Default::default()
        };
        assert!(neither.resolve(&none).unwrap_err().contains("exactly one"));
        let no_role = WebIdentityArguments::default();
        assert!(no_role.resolve(&none).unwrap_err().contains("role_arn"));
    }

    #[tokio::test]
    async fn credentials_resolved_now_are_not_fetched_again() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Arc;
        let calls = Arc::new(AtomicUsize::new(0));
        let counted = calls.clone();
        let provider =
            SharedCredentialsProvider::new(aws_credential_types::credential_fn::provide_credentials_fn(move || {
                let counted = counted.clone();
                async move {
                    counted.fetch_add(1, Ordering::SeqCst);
                    Ok(Credentials::new("AKID", "secret", None, None, "test"))
                }
            }));
        let primed = resolved_now(provider).await.expect("credentials");
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        primed.provide_credentials().await.expect("first");
        assert_eq!(
            calls.load(Ordering::SeqCst),
            1,
            "the first caller gets the credentials found"
        );
        primed.provide_credentials().await.expect("second");
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }
}
