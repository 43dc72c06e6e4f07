//! What the typed model of an `eventbridge_connection` (declared in
//! `schema.rs`) knows besides its fields: secrets that never print, what
//! the user controls, write-only values taken from the configuration, and
//! the secrets to scrub from error texts. Unknown values read as absent:
//! the model is used where values are known (apply, read, import).

pub use super::schema::{
    ApiKey, AuthParameters, Basic, ClientParameters, Connection, Connectivity, HttpParameters, OAuth, Parameter,
    ResourceParameters,
};
pub use crate::tfplugin::Secret;

impl HttpParameters {
    /// The three lists with their attribute names.
    pub fn lists(&self) -> [(&'static str, &Vec<Parameter>); 3] {
        [
            ("body", &self.body),
            ("header", &self.header),
            ("query_string", &self.query_string),
        ]
    }

    fn lists_mut(&mut self) -> [&mut Vec<Parameter>; 3] {
        [&mut self.body, &mut self.header, &mut self.query_string]
    }
}

impl Connectivity {
    /// Connectivity to the resource configuration `arn` (`""`: public).
    pub fn to(arn: &str) -> Connectivity {
        Connectivity {
            resource_parameters: ResourceParameters {
                resource_configuration_arn: arn.to_string(),
                resource_association_arn: None,
            },
        }
    }
}

impl Connection {
    /// What the user controls: without AWS-decided values and timeouts.
    /// Two connections with equal settings need no UpdateConnection.
    pub fn settings(&self) -> Connection {
        let mut s = self.clone();
        s.take_computed(&Connection::default());
        s.timeouts = None;
        let auth_connectivity = s.auth_parameters.connectivity_parameters.iter_mut();
        for c in auth_connectivity.chain(s.invocation_connectivity_parameters.iter_mut()) {
            c.resource_parameters.resource_association_arn = None;
        }
        s
    }

    /// Takes what AWS decides (ARN, secret ARN, state and its reason) from
    /// `other`.
    pub fn take_computed(&mut self, other: &Connection) {
        self.arn.clone_from(&other.arn);
        self.secret_arn.clone_from(&other.secret_arn);
        self.connection_state.clone_from(&other.connection_state);
        self.state_reason.clone_from(&other.state_reason);
    }

    /// Takes the write-only secrets from `config` (they are never in plan
    /// or state; Terraform sends them in the configuration at apply time).
    pub fn take_write_only(&mut self, config: &Connection) {
        let (a, c) = (&mut self.auth_parameters, &config.auth_parameters);
        if let (Some(k), Some(ck)) = (a.api_key.as_mut(), c.api_key.as_ref()) {
            k.value_wo = ck.value_wo.clone();
        }
        if let (Some(b), Some(cb)) = (a.basic.as_mut(), c.basic.as_ref()) {
            b.password_wo = cb.password_wo.clone();
        }
        let config_client = c.oauth.as_ref().and_then(|o| o.client_parameters.as_ref());
        if let (Some(cl), Some(ccl)) = (
            a.oauth.as_mut().and_then(|o| o.client_parameters.as_mut()),
            config_client,
        ) {
            cl.client_secret_wo = ccl.client_secret_wo.clone();
        }
        let pairs = [
            (
                a.invocation_http_parameters.as_mut(),
                c.invocation_http_parameters.as_ref(),
            ),
            (
                a.oauth.as_mut().and_then(|o| o.oauth_http_parameters.as_mut()),
                c.oauth.as_ref().and_then(|o| o.oauth_http_parameters.as_ref()),
            ),
        ];
        for (http, config_http) in pairs {
            let (Some(http), Some(config_http)) = (http, config_http) else {
                continue;
            };
            for (list, (_, config_list)) in http.lists_mut().into_iter().zip(config_http.lists()) {
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
        let a = &self.auth_parameters;
        if let Some(k) = &a.api_key {
            out.extend(k.value.iter().chain(&k.value_wo).map(Secret::expose));
        }
        if let Some(b) = &a.basic {
            out.extend(b.password.iter().chain(&b.password_wo).map(Secret::expose));
        }
        if let Some(c) = a.oauth.as_ref().and_then(|o| o.client_parameters.as_ref()) {
            out.extend(c.client_secret.iter().chain(&c.client_secret_wo).map(Secret::expose));
        }
        let http = a
            .invocation_http_parameters
            .iter()
            .chain(a.oauth.as_ref().and_then(|o| o.oauth_http_parameters.as_ref()));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_a_secret() {
        let secret = |s: &str| Some(Secret(s.to_string()));
        let c = Connection {
            name: "c".into(),
            auth_parameters: AuthParameters {
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
                invocation_http_parameters: Some(HttpParameters {
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
