//! Changes made outside Terraform that AWS never shows: the secrets. AWS
//! returns no API key, password or client secret, so a refresh cannot see
//! them change. What it can see is when the connection last changed.
//!
//! The resource keeps, in its private state (Terraform stores it with the
//! object, opaque, never shown), what DescribeConnection said once its own
//! last write had settled ([`Private::written`]), and what the last refresh
//! saw ([`Private::seen`]). From the two, [`judge`] tells the plan whether
//! the secrets AWS holds can still be trusted:
//!
//! - a later LastModifiedTime is a change made outside Terraform, except on
//!   OAuth connections when AWS authorized the connection again at that
//!   moment: EventBridge refreshes OAuth tokens by itself, so a change that
//!   coincides with a new authorization is taken for a token refresh;
//! - DEAUTHORIZED or DEAUTHORIZING, when the resource's own last write did
//!   not leave it so (DeauthorizeConnection, or EventBridge giving up on the
//!   credentials, removed the secrets).
//!
//! Either way the plan sends the configured secrets again ([`Private::resend`]
//! tells the apply). A state with no record (written before this existed,
//! or after a write that did not settle) adopts what the next refresh sees.

use aws_sdk_eventbridge::operation::describe_connection::DescribeConnectionOutput;
use aws_smithy_types::date_time::Format;
use aws_smithy_types::DateTime;
use serde_json::{json, Value as Json};

use super::model::Connection;
use crate::tfplugin::{Model, Value};

/// How close to a change a new authorization must be to be taken for the
/// OAuth token refresh that moved the time (AWS does not document whether a
/// refresh moves LastModifiedTime, nor in which order it sets the two).
pub const OAUTH_REFRESH_WINDOW_MS: i64 = 60_000;

/// What DescribeConnection said at one moment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stamp {
    /// LastModifiedTime, in ms since the epoch.
    pub modified_ms: Option<i64>,
    /// LastAuthorizedTime, in ms since the epoch.
    pub authorized_ms: Option<i64>,
    /// ConnectionState; None when not known (an adopted record).
    pub state: Option<String>,
}

impl Stamp {
    pub fn of(out: &DescribeConnectionOutput) -> Stamp {
        let ms = |t: Option<&DateTime>| t.map(millis);
        Stamp {
            modified_ms: ms(out.last_modified_time()),
            authorized_ms: ms(out.last_authorized_time()),
            state: out.connection_state().map(|s| s.as_str().to_string()),
        }
    }

    fn to_json(&self) -> Json {
        json!({"modified_ms": self.modified_ms, "authorized_ms": self.authorized_ms, "state": self.state})
    }

    fn from_json(j: &Json) -> Option<Stamp> {
        j.is_object().then(|| Stamp {
            modified_ms: j["modified_ms"].as_i64(),
            authorized_ms: j["authorized_ms"].as_i64(),
            state: j["state"].as_str().map(str::to_string),
        })
    }
}

/// `t` to the nearest millisecond: AWS sends seconds as a JSON number, so
/// 1764111058.145 may arrive as 58.144999999 s.
fn millis(t: &DateTime) -> i64 {
    t.secs()
        .saturating_mul(1000)
        .saturating_add((i64::from(t.subsec_nanos()) + 500_000) / 1_000_000)
}

/// The resource's private state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Private {
    /// After the resource's own last write had settled.
    pub written: Option<Stamp>,
    /// At the last refresh.
    pub seen: Option<Stamp>,
    /// Set by the plan: the apply sends the configured secrets again.
    pub resend: bool,
}

/// Private state format; bytes of another format read as no record.
const VERSION: i64 = 1;

impl Private {
    /// After a write that settled with `out`.
    /// The write's own description is also the last one seen, so that the
    /// first refresh after it changes nothing when AWS changed nothing
    /// (a refresh-only plan with `-detailed-exitcode` exits 0).
    pub fn written(out: &DescribeConnectionOutput) -> Private {
        let stamp = Stamp::of(out);
        Private {
            written: Some(stamp.clone()),
            seen: Some(stamp),
            resend: false,
        }
    }

    /// Empty, foreign or damaged bytes read as no record.
    pub fn decode(bytes: &[u8]) -> Private {
        let Ok(j) = serde_json::from_slice::<Json>(bytes) else {
            return Private::default();
        };
        if j["version"].as_i64() != Some(VERSION) {
            return Private::default();
        }
        Private {
            written: Stamp::from_json(&j["written"]),
            seen: Stamp::from_json(&j["seen"]),
            resend: j["resend"].as_bool().unwrap_or(false),
        }
    }

    pub fn encode(&self) -> Vec<u8> {
        let stamp = |s: &Option<Stamp>| s.as_ref().map_or(Json::Null, Stamp::to_json);
        json!({"version": VERSION, "written": stamp(&self.written), "seen": stamp(&self.seen), "resend": self.resend})
            .to_string()
            .into_bytes()
    }

    /// After a refresh that saw `out`: a missing record adopts its times
    /// (not its state, which nobody here chose).
    pub fn refreshed(mut self, out: &DescribeConnectionOutput) -> Private {
        let seen = Stamp::of(out);
        if self.written.is_none() {
            self.written = Some(Stamp {
                state: None,
                ..seen.clone()
            });
        }
        self.seen = Some(seen);
        self.resend = false;
        self
    }
}

/// Why the secrets AWS holds can no longer be trusted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Drift {
    /// Changed outside Terraform at this time (RFC 3339).
    ChangedOutside { at: String },
    /// Found DEAUTHORIZED or DEAUTHORIZING, not as the last apply left it.
    Deauthorized { state: String, reason: Option<String> },
    /// Still DEAUTHORIZED (or DEAUTHORIZING) as the last apply left it:
    /// sending the same secrets again would change nothing.
    StillDeauthorized { state: String, reason: Option<String> },
}

impl Drift {
    /// Whether the plan sends the configured secrets again.
    pub fn resends(&self) -> bool {
        !matches!(self, Drift::StillDeauthorized { .. })
    }
}

fn deauthorized(state: Option<&str>) -> bool {
    matches!(state, Some("DEAUTHORIZED" | "DEAUTHORIZING"))
}

/// What the refresh recorded in `private` says of the connection `prior`
/// (the refreshed state); None when nothing changed outside Terraform.
pub fn judge(prior: &Value, private: &Private) -> Option<Drift> {
    let state = prior.attr("connection_state").as_str();
    let reason = prior.attr("state_reason").as_str().map(str::to_string);
    let written = private.written.as_ref();
    if let Some(state) = state.filter(|s| deauthorized(Some(s))) {
        let state = state.to_string();
        return Some(if written.is_some_and(|w| deauthorized(w.state.as_deref())) {
            Drift::StillDeauthorized { state, reason }
        } else {
            Drift::Deauthorized { state, reason }
        });
    }
    let (written, seen) = (written?, private.seen.as_ref()?);
    let (before, now) = (written.modified_ms?, seen.modified_ms?);
    if now <= before {
        return None;
    }
    if prior.attr("authorization_type").as_str() == Some("OAUTH_CLIENT_CREDENTIALS") {
        let reauthorized = match (written.authorized_ms, seen.authorized_ms) {
            (Some(b), Some(n)) => n > b,
            (None, Some(_)) => true,
            _ => false,
        };
        if reauthorized && seen.authorized_ms.is_some_and(|a| a + OAUTH_REFRESH_WINDOW_MS >= now) {
            return None; // A token refresh, as far as anyone can tell.
        }
    }
    Some(Drift::ChangedOutside { at: rfc3339(now) })
}

fn rfc3339(ms: i64) -> String {
    DateTime::from_millis(ms)
        .fmt(Format::DateTime)
        .unwrap_or_else(|_| format!("{ms} ms after the epoch"))
}

/// Whether `config` holds a secret to send again: the credential of its
/// authorization, or a parameter marked secret (plain or write-only).
pub fn holds_secrets(config: &Value) -> bool {
    let c = Connection::from_value(config);
    let a = &c.auth_parameters;
    let credential = a
        .api_key
        .as_ref()
        .is_some_and(|k| k.value.is_some() || k.value_wo.is_some())
        || a.basic
            .as_ref()
            .is_some_and(|b| b.password.is_some() || b.password_wo.is_some())
        || a.oauth
            .as_ref()
            .and_then(|o| o.client_parameters.as_ref())
            .is_some_and(|c| c.client_secret.is_some() || c.client_secret_wo.is_some());
    let parameters = a
        .invocation_http_parameters
        .iter()
        .chain(a.oauth.as_ref().and_then(|o| o.oauth_http_parameters.as_ref()))
        .flat_map(|h| h.lists().into_iter().flat_map(|(_, list)| list.iter()))
        .any(|p| p.is_value_secret && (p.value.is_some() || p.value_wo.is_some()));
    credential || parameters
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tfplugin::object;

    fn stamp(modified: i64, authorized: i64, state: &str) -> Option<Stamp> {
        Some(Stamp {
            modified_ms: Some(modified),
            authorized_ms: Some(authorized),
            state: Some(state.into()),
        })
    }

    fn prior(kind: &str, state: &str) -> Value {
        object([
            ("authorization_type", Value::string(kind)),
            ("connection_state", Value::string(state)),
            ("state_reason", Value::Null),
        ])
    }

    fn private(written: Option<Stamp>, seen: Option<Stamp>) -> Private {
        Private {
            written,
            seen,
            resend: false,
        }
    }

    const T0: i64 = 1_767_225_600_000; // 2026-01-01T00:00:00Z

    #[test]
    fn times_round_to_the_nearest_millisecond() {
        assert_eq!(
            millis(&DateTime::from_fractional_secs(1_764_111_058, 0.144_999_999)),
            1_764_111_058_145
        );
        assert_eq!(millis(&DateTime::from_secs(-1)), -1000);
    }

    #[test]
    fn private_state_round_trips_and_foreign_bytes_read_as_no_record() {
        let p = Private {
            written: stamp(T0, T0, "AUTHORIZED"),
            seen: None,
            resend: true,
        };
        assert_eq!(Private::decode(&p.encode()), p);
        for foreign in [&b""[..], b"priv", b"{\"version\":7}", b"[1,2]"] {
            assert_eq!(Private::decode(foreign), Private::default());
        }
    }

    #[test]
    fn a_later_modification_is_a_change_made_outside_named_by_its_time() {
        let p = private(stamp(T0, T0, "AUTHORIZED"), stamp(T0 + 90_500, T0, "AUTHORIZED"));
        assert_eq!(
            judge(&prior("API_KEY", "AUTHORIZED"), &p),
            Some(Drift::ChangedOutside {
                at: "2026-01-01T00:01:30.5Z".into()
            })
        );
        let same = private(stamp(T0, T0, "AUTHORIZED"), stamp(T0, T0, "AUTHORIZED"));
        assert_eq!(judge(&prior("API_KEY", "AUTHORIZED"), &same), None);
        assert_eq!(judge(&prior("API_KEY", "AUTHORIZED"), &private(None, None)), None);
    }

    #[test]
    fn an_oauth_token_refresh_is_not_taken_for_a_change() {
        let refreshed = private(
            stamp(T0, T0, "AUTHORIZED"),
            stamp(T0 + 3_600_000, T0 + 3_599_990, "AUTHORIZED"),
        );
        assert_eq!(
            judge(&prior("OAUTH_CLIENT_CREDENTIALS", "AUTHORIZED"), &refreshed),
            None
        );
        // The same times on an API key connection: AWS refreshes nothing.
        assert!(judge(&prior("API_KEY", "AUTHORIZED"), &refreshed).is_some());
        // A change without a new authorization, or long after the last one.
        for seen in [
            stamp(T0 + 3_600_000, T0, "AUTHORIZED"),
            stamp(T0 + 3_600_000, T0 + 60_000, "AUTHORIZED"),
        ] {
            let p = private(stamp(T0, T0, "AUTHORIZED"), seen);
            assert!(judge(&prior("OAUTH_CLIENT_CREDENTIALS", "AUTHORIZED"), &p).is_some());
        }
    }

    #[test]
    fn deauthorized_connections_are_authorized_again_unless_the_last_apply_left_them_so() {
        let p = private(stamp(T0, T0, "AUTHORIZED"), stamp(T0 + 1, T0, "DEAUTHORIZED"));
        let mut found = prior("BASIC", "DEAUTHORIZED");
        *found.attr_mut("state_reason").unwrap() = Value::string("Connection was deauthorized");
        let drift = judge(&found, &p).unwrap();
        assert_eq!(
            drift,
            Drift::Deauthorized {
                state: "DEAUTHORIZED".into(),
                reason: Some("Connection was deauthorized".into())
            }
        );
        assert!(drift.resends());
        let ours = private(stamp(T0, T0, "DEAUTHORIZED"), stamp(T0, T0, "DEAUTHORIZED"));
        let still = judge(&prior("BASIC", "DEAUTHORIZED"), &ours).unwrap();
        assert!(!still.resends());
        // Adopted records know no state: authorized again, once.
        let adopted = Private::default();
        assert!(judge(&prior("BASIC", "DEAUTHORIZING"), &adopted).unwrap().resends());
    }

    #[test]
    fn secrets_to_send_again_are_credentials_and_secret_parameters_plain_or_write_only() {
        let config = |auth: &str| {
            let json = format!(
                r#"{{"name":"c","authorization_type":"API_KEY","auth_parameters":[{{"basic":[],"oauth":[],
                "connectivity_parameters":[],{auth}}}],"invocation_connectivity_parameters":[]}}"#
            );
            crate::tfplugin::decode_json(json.as_bytes(), &super::super::schema::schema().value_type(), false)
                .expect("config")
        };
        let no_params = r#""invocation_http_parameters":[]"#;
        let key = |k: &str| format!(r#""api_key":[{{"key":"x",{k}}}]"#);
        let header = |h: &str| {
            format!(r#""invocation_http_parameters":[{{"body":[],"query_string":[],"header":[{{"key":"h",{h}}}]}}]"#)
        };
        assert!(holds_secrets(&config(&format!(
            "{},{no_params}",
            key(r#""value":"k""#)
        ))));
        assert!(holds_secrets(&config(&format!(
            "{},{no_params}",
            key(r#""value_wo":"k""#)
        ))));
        assert!(!holds_secrets(&config(&format!(
            "{},{no_params}",
            key(r#""value":null"#)
        ))));
        let public = header(r#""value":"1","is_value_secret":false"#);
        let secret = header(r#""value_wo":"s","is_value_secret":true"#);
        assert!(!holds_secrets(&config(&format!("{},{public}", key(r#""value":null"#)))));
        assert!(holds_secrets(&config(&format!("{},{secret}", key(r#""value":null"#)))));
    }
}
