//! The model ↔ EventBridge API mapping (it makes no call): requests from a
//! [`Connection`], and a [`Connection`] from DescribeConnection merged with
//! what only Terraform knows (secrets, timeouts, region).

use aws_sdk_eventbridge::error::BuildError;
use aws_sdk_eventbridge::operation::create_connection::builders::CreateConnectionInputBuilder;
use aws_sdk_eventbridge::operation::create_connection::CreateConnectionInput;
use aws_sdk_eventbridge::operation::describe_connection::DescribeConnectionOutput;
use aws_sdk_eventbridge::operation::update_connection::builders::UpdateConnectionInputBuilder;
use aws_sdk_eventbridge::operation::update_connection::UpdateConnectionInput;
use aws_sdk_eventbridge::types::{
    ConnectionAuthorizationType, ConnectionBodyParameter, ConnectionHeaderParameter, ConnectionHttpParameters,
    ConnectionOAuthHttpMethod, ConnectionQueryStringParameter, ConnectivityResourceConfigurationArn,
    ConnectivityResourceParameters, CreateConnectionApiKeyAuthRequestParameters, CreateConnectionAuthRequestParameters,
    CreateConnectionBasicAuthRequestParameters, CreateConnectionOAuthClientRequestParameters,
    CreateConnectionOAuthRequestParameters, DescribeConnectionConnectivityParameters,
    UpdateConnectionApiKeyAuthRequestParameters, UpdateConnectionAuthRequestParameters,
    UpdateConnectionBasicAuthRequestParameters, UpdateConnectionOAuthClientRequestParameters,
    UpdateConnectionOAuthRequestParameters,
};

use super::model::{
    ApiKey, AuthParameters, Basic, ClientParameters, Connection, Connectivity, HttpParameters, OAuth, Parameter, Secret,
};
use crate::aws::regional::values;

/// The secret to send: the plain argument, else its write-only twin (None
/// when neither is at hand, e.g. a write-only value that is not re-sent).
fn effective(plain: &Option<Secret>, write_only: &Option<Secret>) -> Option<String> {
    plain.as_ref().or(write_only.as_ref()).map(|s| s.expose().to_string())
}

pub fn authorization_type(c: &Connection) -> ConnectionAuthorizationType {
    ConnectionAuthorizationType::from(c.authorization_type.as_str())
}

/// One API parameter, whatever its list.
struct ApiParameter<'a> {
    key: &'a str,
    value: Option<&'a str>,
    pub is_value_secret: bool,
}

/// The SDK's body, header and query string parameters share one shape;
/// each direction of the mapping is written once, here.
trait SdkParameter: Sized {
    fn of(p: &Parameter) -> Self;
    fn view(&self) -> ApiParameter<'_>;
}

macro_rules! sdk_parameter {
    ($($ty:ty),*) => {$(
        impl SdkParameter for $ty {
            fn of(p: &Parameter) -> Self {
                <$ty>::builder()
                    .key(&p.key)
                    .set_value(effective(&p.value, &p.value_wo))
                    .is_value_secret(p.is_value_secret)
                    .build()
            }

            fn view(&self) -> ApiParameter<'_> {
                ApiParameter {
                    key: self.key().unwrap_or_default(),
                    value: self.value(),
                    is_value_secret: self.is_value_secret(),
                }
            }
        }
    )*};
}

sdk_parameter!(
    ConnectionBodyParameter,
    ConnectionHeaderParameter,
    ConnectionQueryStringParameter
);

fn to_sdk<P: SdkParameter>(params: &[Parameter]) -> Vec<P> {
    params.iter().map(P::of).collect()
}

fn views<P: SdkParameter>(params: &[P]) -> Vec<ApiParameter<'_>> {
    params.iter().map(P::view).collect()
}

/// The parameters of every list, in the API's shape.
pub fn http_parameters(h: &HttpParameters) -> ConnectionHttpParameters {
    ConnectionHttpParameters::builder()
        .set_body_parameters(Some(to_sdk(&h.body)))
        .set_header_parameters(Some(to_sdk(&h.header)))
        .set_query_string_parameters(Some(to_sdk(&h.query_string)))
        .build()
}

pub fn connectivity(c: &Connectivity) -> Result<ConnectivityResourceParameters, BuildError> {
    Ok(ConnectivityResourceParameters::builder()
        .resource_parameters(
            ConnectivityResourceConfigurationArn::builder()
                .resource_configuration_arn(&c.resource_parameters.resource_configuration_arn)
                .build()?,
        )
        .build())
}

/// Switches a connection back to public connectivity (AWS: an empty ARN).
fn public_connectivity() -> Result<ConnectivityResourceParameters, BuildError> {
    connectivity(&Connectivity::to(""))
}

/// The whole CreateConnection request for `c`.
pub fn create_request(c: &Connection) -> Result<CreateConnectionInputBuilder, BuildError> {
    let invocation_connectivity = c
        .invocation_connectivity_parameters
        .as_ref()
        .map(connectivity)
        .transpose()?;
    Ok(CreateConnectionInput::builder()
        .name(&c.name)
        .authorization_type(authorization_type(c))
        .auth_parameters(create_auth(c)?)
        .set_description(c.description.clone().filter(|d| !d.is_empty()))
        .set_kms_key_identifier(c.kms_key_identifier.clone())
        .set_invocation_connectivity_parameters(invocation_connectivity))
}

/// The whole UpdateConnection request that takes `prior` to `c`, with the
/// authorization only when `with_auth`. What was removed since is sent
/// empty so AWS really drops it: a description as "", invocation
/// connectivity as public.
pub fn update_request(
    c: &Connection,
    prior: &Connection,
    with_auth: bool,
) -> Result<UpdateConnectionInputBuilder, BuildError> {
    let invocation_connectivity = match (
        &c.invocation_connectivity_parameters,
        &prior.invocation_connectivity_parameters,
    ) {
        (Some(conn), _) => Some(connectivity(conn)?),
        (None, Some(_)) => Some(public_connectivity()?),
        (None, None) => None,
    };
    let description = values::description_to_send(&c.description, &prior.description);
    let (authorization_type, auth) = match with_auth {
        true => (Some(authorization_type(c)), Some(update_auth(c, prior)?)),
        false => (None, None),
    };
    Ok(UpdateConnectionInput::builder()
        .name(&c.name)
        .set_authorization_type(authorization_type)
        .set_auth_parameters(auth)
        .set_description(description)
        .set_kms_key_identifier(c.kms_key_identifier.clone())
        .set_invocation_connectivity_parameters(invocation_connectivity))
}

pub fn create_auth(c: &Connection) -> Result<CreateConnectionAuthRequestParameters, BuildError> {
    let a = &c.auth_parameters;
    let mut b = CreateConnectionAuthRequestParameters::builder();
    if let Some(k) = &a.api_key {
        b = b.api_key_auth_parameters(
            CreateConnectionApiKeyAuthRequestParameters::builder()
                .api_key_name(&k.key)
                .set_api_key_value(effective(&k.value, &k.value_wo))
                .build()?,
        );
    }
    if let Some(basic) = &a.basic {
        b = b.basic_auth_parameters(
            CreateConnectionBasicAuthRequestParameters::builder()
                .username(&basic.username)
                .set_password(effective(&basic.password, &basic.password_wo))
                .build()?,
        );
    }
    if let Some(o) = &a.oauth {
        let mut ob = CreateConnectionOAuthRequestParameters::builder()
            .authorization_endpoint(&o.authorization_endpoint)
            .http_method(ConnectionOAuthHttpMethod::from(o.http_method.as_str()));
        if let Some(client) = &o.client_parameters {
            ob = ob.client_parameters(
                CreateConnectionOAuthClientRequestParameters::builder()
                    .client_id(&client.client_id)
                    .set_client_secret(effective(&client.client_secret, &client.client_secret_wo))
                    .build()?,
            );
        }
        if let Some(h) = &o.oauth_http_parameters {
            ob = ob.o_auth_http_parameters(http_parameters(h));
        }
        b = b.o_auth_parameters(ob.build()?);
    }
    if let Some(h) = &a.invocation_http_parameters {
        b = b.invocation_http_parameters(http_parameters(h));
    }
    if let Some(conn) = &a.connectivity_parameters {
        b = b.connectivity_parameters(connectivity(conn)?);
    }
    Ok(b.build())
}

/// The full auth parameters for the target type. Blocks removed since the
/// prior state are sent empty so AWS really drops them (the reference
/// provider omits them, which leaves a permanent diff).
fn update_auth(c: &Connection, prior: &Connection) -> Result<UpdateConnectionAuthRequestParameters, BuildError> {
    let a = &c.auth_parameters;
    let mut b = UpdateConnectionAuthRequestParameters::builder();
    if let Some(k) = &a.api_key {
        b = b.api_key_auth_parameters(
            UpdateConnectionApiKeyAuthRequestParameters::builder()
                .api_key_name(&k.key)
                .set_api_key_value(effective(&k.value, &k.value_wo))
                .build(),
        );
    }
    if let Some(basic) = &a.basic {
        b = b.basic_auth_parameters(
            UpdateConnectionBasicAuthRequestParameters::builder()
                .username(&basic.username)
                .set_password(effective(&basic.password, &basic.password_wo))
                .build(),
        );
    }
    if let Some(o) = &a.oauth {
        let mut ob = UpdateConnectionOAuthRequestParameters::builder()
            .authorization_endpoint(&o.authorization_endpoint)
            .http_method(ConnectionOAuthHttpMethod::from(o.http_method.as_str()));
        if let Some(client) = &o.client_parameters {
            ob = ob.client_parameters(
                UpdateConnectionOAuthClientRequestParameters::builder()
                    .client_id(&client.client_id)
                    .set_client_secret(effective(&client.client_secret, &client.client_secret_wo))
                    .build(),
            );
        }
        let http = o.oauth_http_parameters.clone().unwrap_or_default();
        ob = ob.o_auth_http_parameters(http_parameters(&http));
        b = b.o_auth_parameters(ob.build());
    }
    match (
        &a.invocation_http_parameters,
        &prior.auth_parameters.invocation_http_parameters,
    ) {
        (Some(h), _) => b = b.invocation_http_parameters(http_parameters(h)),
        (None, Some(_)) => b = b.invocation_http_parameters(http_parameters(&HttpParameters::default())),
        (None, None) => {}
    }
    match (
        &a.connectivity_parameters,
        &prior.auth_parameters.connectivity_parameters,
    ) {
        (Some(conn), _) => b = b.connectivity_parameters(connectivity(conn)?),
        (None, Some(_)) => b = b.connectivity_parameters(public_connectivity()?),
        (None, None) => {}
    }
    Ok(b.build())
}

/// What DescribeConnection says, merged with the prior state: secrets come
/// from `prior` (AWS never returns them; the emulator does, and is ignored
/// on purpose so both behave alike), HTTP parameters are matched by key.
pub fn from_described(out: &DescribeConnectionOutput, prior: &Connection) -> Connection {
    let api_auth = out.auth_parameters();
    let prior_auth = &prior.auth_parameters;
    let auth = AuthParameters {
        api_key: api_auth.and_then(|a| a.api_key_auth_parameters()).map(|k| ApiKey {
            key: k.api_key_name().unwrap_or_default().to_string(),
            value: prior_auth.api_key.as_ref().and_then(|p| p.value.clone()),
            value_wo: None,
        }),
        basic: api_auth.and_then(|a| a.basic_auth_parameters()).map(|b| Basic {
            username: b.username().unwrap_or_default().to_string(),
            password: prior_auth.basic.as_ref().and_then(|p| p.password.clone()),
            password_wo: None,
        }),
        oauth: api_auth.and_then(|a| a.o_auth_parameters()).map(|o| {
            let prior_oauth = prior_auth.oauth.as_ref();
            OAuth {
                authorization_endpoint: o.authorization_endpoint().unwrap_or_default().to_string(),
                http_method: o.http_method().map(|m| m.as_str().to_string()).unwrap_or_default(),
                client_parameters: o.client_parameters().map(|c| ClientParameters {
                    client_id: c.client_id().unwrap_or_default().to_string(),
                    client_secret: prior_oauth
                        .and_then(|p| p.client_parameters.as_ref())
                        .and_then(|p| p.client_secret.clone()),
                    client_secret_wo: None,
                }),
                oauth_http_parameters: merge_http(
                    o.o_auth_http_parameters(),
                    prior_oauth.and_then(|p| p.oauth_http_parameters.as_ref()),
                ),
            }
        }),
        invocation_http_parameters: merge_http(
            api_auth.and_then(|a| a.invocation_http_parameters()),
            prior_auth.invocation_http_parameters.as_ref(),
        ),
        connectivity_parameters: api_auth
            .and_then(|a| a.connectivity_parameters())
            .and_then(described_connectivity),
    };
    let description = values::read_description(out.description(), &prior.description);
    let name = out.name().map_or_else(|| prior.name.clone(), str::to_string);
    let mut read = Connection {
        id: name.clone(),
        name,
        description,
        authorization_type: out
            .authorization_type()
            .map_or_else(|| prior.authorization_type.clone(), |t| t.as_str().to_string()),
        // As AWS holds them: a key or a private endpoint removed outside
        // Terraform is drift.
        kms_key_identifier: out.kms_key_identifier().filter(|k| !k.is_empty()).map(str::to_string),
        invocation_connectivity_parameters: out
            .invocation_connectivity_parameters()
            .and_then(described_connectivity),
        region: prior.region.clone(),
        auth_parameters: auth,
        timeouts: prior.timeouts.clone(),
        secrets_wo_version: prior.secrets_wo_version.clone(),
        ..Default::default()
    };
    set_computed(&mut read, out);
    read
}

/// A connection Terraform does not manage yet (import, `terraform query`),
/// as DescribeConnection shows it: every setting AWS returns, no secret.
pub fn discovered(out: &DescribeConnectionOutput, name: &str, region: &str) -> Connection {
    let nothing_known = Connection {
        name: name.to_string(),
        region: Some(region.to_string()),
        ..Default::default()
    };
    from_described(out, &nothing_known)
}

/// What AWS decided: ARN, secret ARN, state and its reason.
pub fn set_computed(c: &mut Connection, out: &DescribeConnectionOutput) {
    c.arn = out.connection_arn().map(str::to_string);
    c.secret_arn = out.secret_arn().map(str::to_string);
    c.connection_state = out.connection_state().map(|s| s.as_str().to_string());
    c.state_reason = out.state_reason().filter(|r| !r.is_empty()).map(str::to_string);
}

/// After create / update: the planned connection, with what AWS decided.
pub fn with_aws_decisions(planned: &Connection, out: &DescribeConnectionOutput) -> Connection {
    let mut state = planned.clone();
    set_computed(&mut state, out);
    let api_auth_connectivity = out.auth_parameters().and_then(|a| a.connectivity_parameters());
    if let (Some(c), Some(api)) = (
        state.auth_parameters.connectivity_parameters.as_mut(),
        api_auth_connectivity,
    ) {
        c.resource_parameters.resource_association_arn = association_arn(api);
    }
    if let Some(c) = state.invocation_connectivity_parameters.as_mut() {
        c.resource_parameters.resource_association_arn =
            out.invocation_connectivity_parameters().and_then(association_arn);
    }
    state
}

fn association_arn(p: &DescribeConnectionConnectivityParameters) -> Option<String> {
    p.resource_parameters()
        .map(|r| r.resource_association_arn().to_string())
        .filter(|a| !a.is_empty())
}

fn described_connectivity(p: &DescribeConnectionConnectivityParameters) -> Option<Connectivity> {
    let r = p.resource_parameters()?;
    if r.resource_configuration_arn().is_empty() {
        return None;
    }
    let mut connectivity = Connectivity::to(r.resource_configuration_arn());
    connectivity.resource_parameters.resource_association_arn = association_arn(p);
    Some(connectivity)
}

fn merge_http(api: Option<&ConnectionHttpParameters>, prior: Option<&HttpParameters>) -> Option<HttpParameters> {
    let api = api?;
    let (body, header, query) = (
        views(api.body_parameters()),
        views(api.header_parameters()),
        views(api.query_string_parameters()),
    );
    if body.is_empty() && header.is_empty() && query.is_empty() {
        return None;
    }
    let empty = HttpParameters::default();
    let prior = prior.unwrap_or(&empty);
    Some(HttpParameters {
        body: merge_list(&body, &prior.body),
        header: merge_list(&header, &prior.header),
        query_string: merge_list(&query, &prior.query_string),
    })
}

/// Parameters in the prior order where keys match, then new keys in the
/// API's order. Secret values come from the prior parameter of that key.
fn merge_list(api: &[ApiParameter<'_>], prior: &[Parameter]) -> Vec<Parameter> {
    let merged = |a: &ApiParameter<'_>| {
        let prior_value = prior.iter().find(|p| p.key == a.key).and_then(|p| p.value.clone());
        Parameter {
            key: a.key.to_string(),
            value_wo: None,
            value: if a.is_value_secret {
                prior_value
            } else {
                a.value.map(|v| Secret(v.to_string()))
            },
            is_value_secret: a.is_value_secret,
        }
    };
    let mut out: Vec<Parameter> = prior
        .iter()
        .filter_map(|p| api.iter().find(|a| a.key == p.key))
        .map(merged)
        .collect();
    out.extend(api.iter().filter(|a| !prior.iter().any(|p| p.key == a.key)).map(merged));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_eventbridge::types::{
        ConnectionApiKeyAuthResponseParameters, ConnectionAuthResponseParameters, ConnectionState,
    };

    fn param(key: &str, value: &str, secret: bool) -> Parameter {
        Parameter {
            key: key.into(),
            value: Some(Secret(value.into())),
            value_wo: None,
            is_value_secret: secret,
        }
    }

    fn prior() -> Connection {
        Connection {
            name: "crm".into(),
            authorization_type: "API_KEY".into(),
            region: Some("us-east-1".into()),
            auth_parameters: AuthParameters {
                api_key: Some(ApiKey {
                    key: "x-api-key".into(),
                    value: Some(Secret("k3y".into())),
                    value_wo: None,
                }),
                invocation_http_parameters: Some(HttpParameters {
                    header: vec![param("a", "1", false), param("s", "hidden", true)],
                    ..Default::default()
                }),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    fn described(headers: Vec<ConnectionHeaderParameter>) -> DescribeConnectionOutput {
        DescribeConnectionOutput::builder()
            .name("crm")
            .connection_arn("arn:aws:events:us-east-1:123456789012:connection/crm/1")
            .secret_arn("arn:aws:secretsmanager:us-east-1:123456789012:secret:events!connection/crm/1-abc")
            .connection_state(ConnectionState::Authorized)
            .authorization_type(ConnectionAuthorizationType::ApiKey)
            .auth_parameters(
                ConnectionAuthResponseParameters::builder()
                    .api_key_auth_parameters(
                        ConnectionApiKeyAuthResponseParameters::builder()
                            .api_key_name("x-api-key")
                            .build(),
                    )
                    .invocation_http_parameters(
                        ConnectionHttpParameters::builder()
                            .set_header_parameters(Some(headers))
                            .build(),
                    )
                    .build(),
            )
            .build()
    }

    fn header(key: &str, value: Option<&str>, secret: bool) -> ConnectionHeaderParameter {
        ConnectionHeaderParameter::builder()
            .key(key)
            .set_value(value.map(str::to_string))
            .is_value_secret(secret)
            .build()
    }

    #[test]
    fn secrets_come_from_prior_state_and_parameters_match_by_key_not_position() {
        // AWS returns the secret header first and without its value.
        let out = described(vec![header("s", None, true), header("a", Some("1"), false)]);
        let read = from_described(&out, &prior());
        assert_eq!(read.auth_parameters.api_key, prior().auth_parameters.api_key);
        assert_eq!(
            read.auth_parameters.invocation_http_parameters,
            prior().auth_parameters.invocation_http_parameters
        );
        assert_eq!(read.connection_state.as_deref(), Some("AUTHORIZED"));
    }

    #[test]
    fn a_secret_value_returned_by_an_emulator_is_ignored() {
        let out = described(vec![header("a", Some("1"), false), header("s", Some("leaked"), true)]);
        let read = from_described(&out, &prior());
        assert_eq!(
            read.auth_parameters.invocation_http_parameters,
            prior().auth_parameters.invocation_http_parameters
        );
    }

    #[test]
    fn a_non_secret_value_changed_outside_terraform_shows_as_drift() {
        let out = described(vec![header("a", Some("changed"), false), header("s", None, true)]);
        let read = from_described(&out, &prior());
        let headers = &read.auth_parameters.invocation_http_parameters.unwrap().header;
        assert_eq!(headers[0].value.as_ref().unwrap().expose(), "changed");
    }

    #[test]
    fn an_import_has_every_non_secret_attribute_and_no_secrets() {
        let empty = Connection {
            region: Some("eu-west-1".into()),
            ..Default::default()
        };
        let read = from_described(
            &described(vec![header("a", Some("1"), false), header("s", None, true)]),
            &empty,
        );
        assert_eq!(read.name, "crm");
        assert_eq!(read.auth_parameters.api_key.as_ref().unwrap().key, "x-api-key");
        assert_eq!(read.auth_parameters.api_key.as_ref().unwrap().value, None);
        let headers = &read.auth_parameters.invocation_http_parameters.unwrap().header;
        assert_eq!(headers[1].value, None);
        assert_eq!(read.region.as_deref(), Some("eu-west-1"));
    }

    #[test]
    fn removed_invocation_parameters_are_sent_empty_to_clear_them() {
        let mut planned = prior();
        planned.auth_parameters.invocation_http_parameters = None;
        let auth = update_auth(&planned, &prior()).unwrap();
        let sent = auth.invocation_http_parameters().unwrap();
        assert!(sent.header_parameters().is_empty() && sent.body_parameters().is_empty());
    }
}
