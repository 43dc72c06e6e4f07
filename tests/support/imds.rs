//! A stand-in EC2 instance metadata service (IMDSv2) on loopback: a
//! session token, one instance role, and its credentials (access key
//! `AKIDFROMIMDS`). It counts the requests it answers.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The access key the stand-in hands out.
pub const ACCESS_KEY: &str = "AKIDFROMIMDS";

pub struct Imds {
    /// `http://127.0.0.1:PORT`.
    pub endpoint: String,
    requests: Arc<AtomicUsize>,
}

fn answer(request_line: &str) -> (u16, String) {
    let path = request_line.split_whitespace().nth(1).unwrap_or_default();
    match (request_line.starts_with("PUT"), path) {
        (true, "/latest/api/token") => (200, "imds-session-token".into()),
        (false, "/latest/meta-data/iam/security-credentials/") => (200, "instance-role".into()),
        (false, "/latest/meta-data/iam/security-credentials/instance-role") => (
            200,
            serde_json::json!({
                "Code": "Success",
                "Type": "AWS-HMAC",
                "AccessKeyId": ACCESS_KEY,
                "SecretAccessKey": "imds-secret",
                "Token": "imds-session",
                "Expiration": "2099-01-01T00:00:00Z",
                "LastUpdated": "2024-01-01T00:00:00Z"
            })
            .to_string(),
        ),
        _ => (404, "not found".into()),
    }
}

impl Imds {
    pub fn start() -> Imds {
        let requests = Arc::new(AtomicUsize::new(0));
        let counted = requests.clone();
        let port = super::loopback::serve(move |mut client| {
            let counted = counted.clone();
            async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 2048];
                while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                    match client.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buf.extend_from_slice(&chunk[..n]),
                    }
                }
                counted.fetch_add(1, Ordering::SeqCst);
                let head = String::from_utf8_lossy(&buf).to_string();
                let (status, body) = answer(head.lines().next().unwrap_or_default());
                let response = format!(
                    "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nContent-Type: text/plain\r\n\
                     X-aws-ec2-metadata-token-ttl-seconds: 21600\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = client.write_all(response.as_bytes()).await;
            }
        });
        Imds {
            endpoint: format!("http://127.0.0.1:{port}"),
            requests,
        }
    }

    /// Requests answered so far.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}
