//! Typed views of an `eventbridge_connection` value (config, plan or
//! state), and the way back to a [`Value`]. Unknown values read as absent:
//! the model is used where values are known (apply, read, import).

use std::fmt;

use crate::tfplugin::{object, Value};

/// A sensitive string; never printed by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<sensitive>)")
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Connection {
    pub name: String,
    pub description: Option<String>,
    pub authorization_type: String,
    pub kms_key_identifier: Option<String>,
    pub region: Option<String>,
    pub auth: AuthParameters,
    pub invocation_connectivity: Option<Connectivity>,
    /// The `timeouts` block exactly as configured (null, or an object whose
    /// attributes may be null), carried through to state unchanged.
    pub timeouts: Value,
    /// `secrets_wo_version` as configured (null or a number).
    pub secrets_wo_version: Value,
    pub computed: Computed,
}

/// What AWS decides: read back after create / update / refresh.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Computed {
    pub arn: Option<String>,
    pub secret_arn: Option<String>,
    pub connection_state: Option<String>,
    pub state_reason: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AuthParameters {
    pub api_key: Option<ApiKey>,
    pub basic: Option<Basic>,
    pub oauth: Option<OAuth>,
    pub invocation_http: Option<HttpParameters>,
    pub connectivity: Option<Connectivity>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ApiKey {
    pub key: String,
    pub value: Option<Secret>,
    /// Write-only: only ever read from the configuration at apply time.
    pub value_wo: Option<Secret>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Basic {
    pub username: String,
    pub password: Option<Secret>,
    pub password_wo: Option<Secret>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OAuth {
    pub authorization_endpoint: String,
    pub http_method: String,
    pub client: Option<ClientParameters>,
    pub http: Option<HttpParameters>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ClientParameters {
    pub client_id: String,
    pub client_secret: Option<Secret>,
    pub client_secret_wo: Option<Secret>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct HttpParameters {
    pub body: Vec<Parameter>,
    pub header: Vec<Parameter>,
    pub query_string: Vec<Parameter>,
}

impl HttpParameters {
    /// The three lists with their attribute names.
    pub fn lists(&self) -> [(&'static str, &Vec<Parameter>); 3] {
        [
            ("body", &self.body),
            ("header", &self.header),
            ("query_string", &self.query_string),
        ]
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    pub key: String,
    pub value: Option<Secret>,
    pub value_wo: Option<Secret>,
    pub is_value_secret: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Connectivity {
    pub resource_configuration_arn: String,
    pub resource_association_arn: Option<String>,
}

fn text(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

fn secret(v: &Value) -> Option<Secret> {
    v.as_str().map(|s| Secret(s.to_string()))
}

/// The single block of a `max_items = 1` list block.
fn single(v: &Value) -> Option<&Value> {
    v.first().filter(|b| matches!(b, Value::Object(_)))
}

impl Connection {
    pub fn from_value(v: &Value) -> Connection {
        Connection {
            name: text(v.attr("name")).unwrap_or_default(),
            description: text(v.attr("description")),
            authorization_type: text(v.attr("authorization_type")).unwrap_or_default(),
            kms_key_identifier: text(v.attr("kms_key_identifier")),
            region: text(v.attr("region")),
            auth: single(v.attr("auth_parameters"))
                .map(AuthParameters::from_value)
                .unwrap_or_default(),
            invocation_connectivity: single(v.attr("invocation_connectivity_parameters"))
                .and_then(Connectivity::from_value),
            timeouts: v.attr("timeouts").clone(),
            secrets_wo_version: v.attr("secrets_wo_version").clone(),
            computed: Computed {
                arn: text(v.attr("arn")),
                secret_arn: text(v.attr("secret_arn")),
                connection_state: text(v.attr("connection_state")),
                state_reason: text(v.attr("state_reason")),
            },
        }
    }

    pub fn to_value(&self) -> Value {
        object([
            ("id", Value::string(&self.name)),
            ("name", Value::string(&self.name)),
            ("description", Value::opt_string(self.description.as_deref())),
            ("authorization_type", Value::string(&self.authorization_type)),
            (
                "kms_key_identifier",
                Value::opt_string(self.kms_key_identifier.as_deref()),
            ),
            ("region", Value::opt_string(self.region.as_deref())),
            ("arn", Value::opt_string(self.computed.arn.as_deref())),
            ("secret_arn", Value::opt_string(self.computed.secret_arn.as_deref())),
            (
                "connection_state",
                Value::opt_string(self.computed.connection_state.as_deref()),
            ),
            ("state_reason", Value::opt_string(self.computed.state_reason.as_deref())),
            ("auth_parameters", Value::List(vec![self.auth.to_value()])),
            (
                "invocation_connectivity_parameters",
                list_of(self.invocation_connectivity.as_ref().map(Connectivity::to_value)),
            ),
            ("timeouts", self.timeouts.clone()),
            ("secrets_wo_version", self.secrets_wo_version.clone()),
        ])
    }

    /// What the user controls: without AWS-decided values and timeouts.
    /// Two connections with equal settings need no UpdateConnection.
    pub fn settings(&self) -> Connection {
        let mut s = self.clone();
        s.computed = Computed::default();
        s.timeouts = Value::Null;
        for c in s
            .auth
            .connectivity
            .iter_mut()
            .chain(s.invocation_connectivity.iter_mut())
        {
            c.resource_association_arn = None;
        }
        s
    }

    /// Takes the write-only secrets from `config` (they are never in plan
    /// or state; Terraform sends them in the configuration at apply time).
    pub fn take_write_only(&mut self, config: &Connection) {
        let (a, c) = (&mut self.auth, &config.auth);
        if let (Some(k), Some(ck)) = (a.api_key.as_mut(), c.api_key.as_ref()) {
            k.value_wo = ck.value_wo.clone();
        }
        if let (Some(b), Some(cb)) = (a.basic.as_mut(), c.basic.as_ref()) {
            b.password_wo = cb.password_wo.clone();
        }
        let config_client = c.oauth.as_ref().and_then(|o| o.client.as_ref());
        if let (Some(cl), Some(ccl)) = (a.oauth.as_mut().and_then(|o| o.client.as_mut()), config_client) {
            cl.client_secret_wo = ccl.client_secret_wo.clone();
        }
        let pairs = [
            (a.invocation_http.as_mut(), c.invocation_http.as_ref()),
            (
                a.oauth.as_mut().and_then(|o| o.http.as_mut()),
                c.oauth.as_ref().and_then(|o| o.http.as_ref()),
            ),
        ];
        for (http, config_http) in pairs {
            let (Some(http), Some(config_http)) = (http, config_http) else {
                continue;
            };
            for (list, config_list) in [
                (&mut http.body, &config_http.body),
                (&mut http.header, &config_http.header),
                (&mut http.query_string, &config_http.query_string),
            ] {
                for p in list.iter_mut() {
                    p.value_wo = config_list
                        .iter()
                        .find(|cp| cp.key == p.key)
                        .and_then(|cp| cp.value_wo.clone());
                }
            }
        }
    }

    /// Every secret value in the connection, to scrub from error texts.
    pub fn secrets(&self) -> Vec<&str> {
        let mut out = Vec::new();
        let a = &self.auth;
        if let Some(k) = &a.api_key {
            out.extend(k.value.iter().chain(&k.value_wo).map(Secret::expose));
        }
        if let Some(b) = &a.basic {
            out.extend(b.password.iter().chain(&b.password_wo).map(Secret::expose));
        }
        if let Some(c) = a.oauth.as_ref().and_then(|o| o.client.as_ref()) {
            out.extend(c.client_secret.iter().chain(&c.client_secret_wo).map(Secret::expose));
        }
        let http = a
            .invocation_http
            .iter()
            .chain(a.oauth.as_ref().and_then(|o| o.http.as_ref()));
        for h in http {
            for (_, list) in h.lists() {
                out.extend(
                    list.iter()
                        .flat_map(|p| p.value.iter().chain(&p.value_wo))
                        .map(Secret::expose),
                );
            }
        }
        out.retain(|s| !s.is_empty());
        out
    }
}

fn list_of(block: Option<Value>) -> Value {
    Value::List(block.into_iter().collect())
}

impl AuthParameters {
    fn from_value(v: &Value) -> AuthParameters {
        AuthParameters {
            api_key: single(v.attr("api_key")).map(|b| ApiKey {
                key: text(b.attr("key")).unwrap_or_default(),
                value: secret(b.attr("value")),
                value_wo: secret(b.attr("value_wo")),
            }),
            basic: single(v.attr("basic")).map(|b| Basic {
                username: text(b.attr("username")).unwrap_or_default(),
                password: secret(b.attr("password")),
                password_wo: secret(b.attr("password_wo")),
            }),
            oauth: single(v.attr("oauth")).map(|b| OAuth {
                authorization_endpoint: text(b.attr("authorization_endpoint")).unwrap_or_default(),
                http_method: text(b.attr("http_method")).unwrap_or_default(),
                client: single(b.attr("client_parameters")).map(|c| ClientParameters {
                    client_id: text(c.attr("client_id")).unwrap_or_default(),
                    client_secret: secret(c.attr("client_secret")),
                    client_secret_wo: secret(c.attr("client_secret_wo")),
                }),
                http: single(b.attr("oauth_http_parameters")).map(HttpParameters::from_value),
            }),
            invocation_http: single(v.attr("invocation_http_parameters")).map(HttpParameters::from_value),
            connectivity: single(v.attr("connectivity_parameters")).and_then(Connectivity::from_value),
        }
    }

    fn to_value(&self) -> Value {
        object([
            (
                "api_key",
                list_of(self.api_key.as_ref().map(|k| {
                    object([
                        ("key", Value::string(&k.key)),
                        ("value", secret_value(&k.value)),
                        ("value_wo", Value::Null),
                    ])
                })),
            ),
            (
                "basic",
                list_of(self.basic.as_ref().map(|b| {
                    object([
                        ("username", Value::string(&b.username)),
                        ("password", secret_value(&b.password)),
                        ("password_wo", Value::Null),
                    ])
                })),
            ),
            (
                "oauth",
                list_of(self.oauth.as_ref().map(|o| {
                    object([
                        ("authorization_endpoint", Value::string(&o.authorization_endpoint)),
                        ("http_method", Value::string(&o.http_method)),
                        (
                            "client_parameters",
                            list_of(o.client.as_ref().map(|c| {
                                object([
                                    ("client_id", Value::string(&c.client_id)),
                                    ("client_secret", secret_value(&c.client_secret)),
                                    ("client_secret_wo", Value::Null),
                                ])
                            })),
                        ),
                        (
                            "oauth_http_parameters",
                            list_of(o.http.as_ref().map(HttpParameters::to_value)),
                        ),
                    ])
                })),
            ),
            (
                "invocation_http_parameters",
                list_of(self.invocation_http.as_ref().map(HttpParameters::to_value)),
            ),
            (
                "connectivity_parameters",
                list_of(self.connectivity.as_ref().map(Connectivity::to_value)),
            ),
        ])
    }
}

fn secret_value(s: &Option<Secret>) -> Value {
    Value::opt_string(s.as_ref().map(Secret::expose))
}

impl HttpParameters {
    fn from_value(v: &Value) -> HttpParameters {
        let list = |name: &str| {
            v.attr(name)
                .elements()
                .iter()
                .filter(|p| matches!(p, Value::Object(_)))
                .map(|p| Parameter {
                    key: text(p.attr("key")).unwrap_or_default(),
                    value: secret(p.attr("value")),
                    value_wo: secret(p.attr("value_wo")),
                    is_value_secret: p.attr("is_value_secret").as_bool().unwrap_or(false),
                })
                .collect()
        };
        HttpParameters {
            body: list("body"),
            header: list("header"),
            query_string: list("query_string"),
        }
    }

    fn to_value(&self) -> Value {
        let list = |params: &Vec<Parameter>| {
            Value::List(
                params
                    .iter()
                    .map(|p| {
                        object([
                            ("key", Value::string(&p.key)),
                            ("value", secret_value(&p.value)),
                            ("value_wo", Value::Null),
                            ("is_value_secret", Value::Bool(p.is_value_secret)),
                        ])
                    })
                    .collect(),
            )
        };
        object([
            ("body", list(&self.body)),
            ("header", list(&self.header)),
            ("query_string", list(&self.query_string)),
        ])
    }
}

impl Connectivity {
    fn from_value(v: &Value) -> Option<Connectivity> {
        let r = single(v.attr("resource_parameters"))?;
        Some(Connectivity {
            resource_configuration_arn: text(r.attr("resource_configuration_arn")).unwrap_or_default(),
            resource_association_arn: text(r.attr("resource_association_arn")),
        })
    }

    fn to_value(&self) -> Value {
        object([(
            "resource_parameters",
            Value::List(vec![object([
                (
                    "resource_configuration_arn",
                    Value::string(&self.resource_configuration_arn),
                ),
                (
                    "resource_association_arn",
                    Value::opt_string(self.resource_association_arn.as_deref()),
                ),
            ])]),
        )])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_a_secret() {
        let secret = |s: &str| Some(Secret(s.to_string()));
        let c = Connection {
            name: "c".into(),
            auth: AuthParameters {
                api_key: Some(ApiKey {
                    key: "k".into(),
                    value: secret("hunter2-key"),
                    value_wo: secret("hunter2-wo"),
                }),
                basic: Some(Basic {
                    username: "u".into(),
                    password: secret("hunter2-pw"),
                    password_wo: None,
                }),
                invocation_http: Some(HttpParameters {
                    header: vec![Parameter {
                        key: "h".into(),
                        value: secret("hunter2-header"),
                        value_wo: None,
                        is_value_secret: true,
                    }],
                    ..Default::default()
                }),
                ..Default::default()
            },
            ..Default::default()
        };
        let text = format!("{c:?} {c:#?}");
        assert!(!text.contains("hunter2"), "{text}");
        assert_eq!(c.secrets().len(), 4);
    }
}
