//! Every `AWSEvents.*` request checked against the EventBridge service
//! model ([`super::aws_model`]) before anything else: one AWS would refuse
//! is answered with AWS's 400 ValidationException and recorded (operation,
//! member path, constraint; never a value), and is not forwarded.

use std::sync::{Mutex, Once};

use bytes::Bytes;
use http_body_util::Full;
use hyper::Response;
use serde_json::Value as Json;

use super::script::{lock, Script};
use super::server::json_response;
use crate::aws_model::{self, Model};

/// The model every request is checked against. Without it the proxy
/// cannot check: a failure under CI, else one warning and no checks.
pub(super) fn model_for_proxy() -> Option<&'static Model> {
    match aws_model::locate() {
        Ok(_) => Some(aws_model::model().unwrap_or_else(|why| panic!("the AWS service model cannot be used: {why}"))),
        Err(why) if crate::tools_required() => panic!(
            "the fault proxy checks every request against the AWS service model, which is required under CI or TF_ACC: {why}"
        ),
        Err(why) => {
            static WARNED: Once = Once::new();
            WARNED.call_once(|| eprintln!("AWS model not found ({why}): the fault proxy passes requests unchecked"));
            None
        }
    }
}

/// Checks an `AWSEvents.*` request against the model: `Some(answer)` when
/// AWS would refuse it (the refusal is recorded), `None` when it passes.
pub(super) fn refusal(
    model: &Model,
    operation: &str,
    body: &[u8],
    script: &Mutex<Script>,
) -> Option<Response<Full<Bytes>>> {
    let refuse = |code: &str, message: String, recorded: Vec<String>| {
        lock(script).violations.extend(recorded);
        Some(json_response(
            400,
            serde_json::json!({"__type": code, "message": message}),
        ))
    };
    let Ok(json) = serde_json::from_slice::<Json>(body) else {
        return refuse(
            "SerializationException",
            "The request body is not a JSON document".to_string(),
            vec![format!("{operation}: the request body is not a JSON document")],
        );
    };
    match model.validate(operation, &json) {
        Err(_) => refuse(
            "UnknownOperationException",
            format!("Unknown operation {operation}"),
            vec![format!("{operation}: not an operation of the EventBridge model")],
        ),
        Ok(violations) if violations.is_empty() => None,
        Ok(violations) => {
            let recorded: Vec<String> = violations
                .iter()
                .map(|v| format!("{operation}: {}", v.redacted()))
                .collect();
            refuse(
                "ValidationException",
                aws_model::validation_message(&violations),
                recorded,
            )
        }
    }
}
