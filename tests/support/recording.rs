//! Every request the emulator received, with headers, from moto's
//! recorder: STS calls (form-encoded `Action=...`) as well as EventBridge
//! ones, and who signed each (the access key in `Authorization`).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use base64::Engine;

use super::emulator::Emulator;

/// One recorded request.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub headers: serde_json::Value,
    pub body: String,
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%' && i + 2 < bytes.len())
            .then(|| std::str::from_utf8(&bytes[i + 1..i + 3]).ok())
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (bytes[i], escaped) {
            (_, Some(b)) => {
                out.push(b);
                i += 2;
            }
            (b'+', None) => out.push(b' '),
            (b, None) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).to_string()
}

impl Recorded {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .as_object()?
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .and_then(|(_, v)| v.as_str())
    }

    /// A form field of an STS (query protocol) request, decoded.
    pub fn form(&self, key: &str) -> Option<String> {
        self.body.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            (percent_decode(k) == key).then(|| percent_decode(v))
        })
    }

    /// `AssumeRole`, `GetCallerIdentity`, ... for STS calls.
    pub fn sts_action(&self) -> Option<String> {
        self.form("Action")
    }

    /// `CreateConnection`, ... for EventBridge calls.
    pub fn eventbridge_operation(&self) -> Option<String> {
        self.header("X-Amz-Target")?
            .strip_prefix("AWSEvents.")
            .map(str::to_string)
    }

    /// The access key that signed the request; None when unsigned.
    pub fn access_key(&self) -> Option<String> {
        let auth = self.header("Authorization")?;
        let credential = auth.split("Credential=").nth(1)?;
        credential.split('/').next().map(str::to_string)
    }

    /// The Region of the SigV4 credential scope (`.../REGION/SERVICE/aws4_request`).
    pub fn scope_region(&self) -> Option<String> {
        let auth = self.header("Authorization")?;
        let credential = auth.split("Credential=").nth(1)?;
        credential.split('/').nth(2).map(str::to_string)
    }
}

/// Everything the emulator recorded so far, in order.
pub fn recorded(emulator: &Emulator) -> Vec<Recorded> {
    let mut stream = TcpStream::connect(("127.0.0.1", emulator.port)).expect("connect to the emulator");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    let request = format!(
        "GET /moto-api/recorder/download-recording HTTP/1.0\r\nHost: 127.0.0.1:{}\r\n\r\n",
        emulator.port
    );
    stream.write_all(request.as_bytes()).expect("request");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("response");
    let text = String::from_utf8_lossy(&response).to_string();
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or_default();
    body.lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .map(|r| {
            let raw = r["body"].as_str().unwrap_or_default().to_string();
            let body = if r["body_encoded"] == true {
                base64::engine::general_purpose::STANDARD
                    .decode(&raw)
                    .map(|b| String::from_utf8_lossy(&b).to_string())
                    .unwrap_or_default()
            } else {
                raw
            };
            Recorded {
                headers: r["headers"].clone(),
                body,
            }
        })
        .collect()
}

/// The STS calls among `all`, in order.
pub fn sts_calls(all: &[Recorded], action: &str) -> Vec<Recorded> {
    all.iter()
        .filter(|r| r.sts_action().as_deref() == Some(action))
        .cloned()
        .collect()
}

/// The EventBridge calls among `all`, in order.
pub fn eventbridge_calls(all: &[Recorded]) -> Vec<Recorded> {
    all.iter()
        .filter(|r| r.eventbridge_operation().is_some())
        .cloned()
        .collect()
}
