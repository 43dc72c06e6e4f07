//! The local EventBridge emulator (moto server): started per test on a free
//! loopback port, stopped on drop, with a tiny raw HTTP client for looking
//! at what the provider did.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Emulator {
    pub endpoint: String,
    pub port: u16,
    pub log: PathBuf,
    child: Child,
}

/// The command that starts moto: `$EVB_EMULATOR_CMD`, else what
/// `scripts/install-moto.sh` recorded in `target/emulator-cmd`.
fn command_line() -> Option<Vec<String>> {
    let line = std::env::var("EVB_EMULATOR_CMD")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| std::fs::read_to_string(super::repo_root().join("target/emulator-cmd")).ok())?;
    let words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
    (!words.is_empty()).then_some(words)
}

/// True when the emulator is installed (whether it starts is another matter).
pub fn installed() -> bool {
    command_line().is_some()
}

/// A port nobody listens on right now: bind 127.0.0.1:0 and let it go.
fn free_port() -> Option<u16> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .ok()
}

/// Starts the emulator for a test that needs it. Not installed: None after
/// one line saying so, or a failure under `TF_ACC` / CI (see
/// [`super::missing_tool`]). Installed but not starting: a failure.
#[track_caller]
pub fn start_or_skip() -> Option<Emulator> {
    if !installed() {
        super::missing_tool(
            "the EventBridge emulator (moto)",
            "no EVB_EMULATOR_CMD and no target/emulator-cmd",
            "Install it with `bash scripts/install-moto.sh` (or run `make test`).",
        );
        return None;
    }
    match start() {
        Ok(e) => Some(e),
        Err(why) => panic!("the EventBridge emulator is installed but did not start: {why}"),
    }
}

/// Starts the emulator or fails with why, whatever the environment: for
/// `make bench`, which installs it first.
#[track_caller]
pub fn must_start() -> Emulator {
    start().unwrap_or_else(|why| {
        panic!("the EventBridge emulator is required: {why}. Install it with `bash scripts/install-moto.sh`.")
    })
}

pub fn start() -> Result<Emulator, String> {
    let words = command_line().ok_or("no emulator command (EVB_EMULATOR_CMD or target/emulator-cmd)")?;
    let logs = super::repo_root().join("target/test-logs");
    std::fs::create_dir_all(&logs).map_err(|e| e.to_string())?;
    let mut last_error = String::new();
    for _attempt in 0..3 {
        // Another process may take the port between our probe and moto's
        // bind; then moto exits and the next attempt picks another one.
        let Some(port) = free_port() else {
            last_error = "no free loopback port".to_string();
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        let log = logs.join(format!("moto-{port}.log"));
        let file = std::fs::File::create(&log).map_err(|e| e.to_string())?;
        let err = file.try_clone().map_err(|e| e.to_string())?;
        // moto's recorder keeps every request it receives, for tests that
        // check what the provider actually sent. It appends to its file, so
        // a file left by an earlier run on the same port must go first.
        let recording = logs.join(format!("moto-{port}.recording"));
        let _ = std::fs::remove_file(&recording);
        let mut cmd = Command::new(&words[0]);
        cmd.env("MOTO_ENABLE_RECORDING", "True")
            .env("MOTO_RECORDER_FILEPATH", &recording)
            .args(&words[1..])
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(file)
            .stderr(err);
        // The emulator dies with the test process even when that ends
        // without dropping it (a skip that ends the process, a timeout).
        #[cfg(target_os = "linux")]
        unsafe {
            std::os::unix::process::CommandExt::pre_exec(&mut cmd, || {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
        let child = cmd.spawn().map_err(|e| format!("cannot start {:?}: {e}", words[0]))?;
        let mut emulator = Emulator {
            endpoint: format!("http://127.0.0.1:{port}"),
            port,
            log,
            child,
        };
        if emulator.wait_ready(Duration::from_secs(20)) {
            return Ok(emulator);
        }
        last_error = format!("not ready on port {port}; see {}", emulator.log.display());
    }
    Err(last_error)
}

impl Emulator {
    fn wait_ready(&mut self, limit: Duration) -> bool {
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Ok(Some(_)) = self.child.try_wait() {
                return false;
            }
            if let Some((200, _)) = self.http("GET", "/moto-api/data.json", &[], "") {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// One HTTP/1.0 exchange; (status, body).
    fn http(&self, method: &str, path: &str, headers: &[(&str, String)], body: &str) -> Option<(u16, String)> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).ok()?;
        stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
        let mut request = format!("{method} {path} HTTP/1.0\r\nHost: 127.0.0.1:{}\r\n", self.port);
        for (k, v) in headers {
            request.push_str(&format!("{k}: {v}\r\n"));
        }
        request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
        stream.write_all(request.as_bytes()).ok()?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response).ok()?;
        let text = String::from_utf8_lossy(&response).to_string();
        let status = text.split_whitespace().nth(1)?.parse().ok()?;
        let body = text
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        Some((status, body))
    }

    /// Calls an EventBridge operation directly. moto routes by the SigV4
    /// credential scope, so a fake Authorization header names the Region.
    pub fn call(&self, region: &str, operation: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
        let headers = [
            ("Content-Type", "application/x-amz-json-1.1".to_string()),
            ("X-Amz-Target", format!("AWSEvents.{operation}")),
            (
                "Authorization",
                format!(
                    "AWS4-HMAC-SHA256 Credential=testing/20260101/{region}/events/aws4_request, SignedHeaders=host, Signature=0"
                ),
            ),
        ];
        let (status, text) = self
            .http("POST", "/", &headers, &body.to_string())
            .expect("emulator answered");
        (
            status,
            serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
        )
    }

    /// Bodies (parsed JSON) of every request for `operation` received so far.
    pub fn requests(&self, operation: &str) -> Vec<serde_json::Value> {
        use base64::Engine;
        let (status, text) = self
            .http("GET", "/moto-api/recorder/download-recording", &[], "")
            .expect("recording");
        assert_eq!(status, 200, "{text}");
        let target = format!("AWSEvents.{operation}");
        text.lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter(|r| r["headers"]["X-Amz-Target"] == target.as_str())
            .filter_map(|r| {
                let body = r["body"].as_str()?.to_string();
                let raw = if r["body_encoded"] == true {
                    base64::engine::general_purpose::STANDARD.decode(body).ok()?
                } else {
                    body.into_bytes()
                };
                serde_json::from_slice(&raw).ok()
            })
            .collect()
    }

    /// Names of the connections in us-east-1, sorted.
    pub fn connection_names(&self) -> Vec<String> {
        self.connection_names_in("us-east-1")
    }

    pub fn connection_names_in(&self, region: &str) -> Vec<String> {
        self.names_in(region, "ListConnections", "Connections")
    }

    /// Names of the API destinations in us-east-1, sorted.
    pub fn destination_names(&self) -> Vec<String> {
        self.names_in("us-east-1", "ListApiDestinations", "ApiDestinations")
    }

    /// The `Name`s of every entry of `list` in what `operation` (moto's
    /// whole list: it has no pages) answers in `region`, sorted.
    fn names_in(&self, region: &str, operation: &str, list: &str) -> Vec<String> {
        let (status, body) = self.call(region, operation, serde_json::json!({}));
        assert_eq!(status, 200, "{body}");
        let mut names: Vec<String> = body[list]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|c| c["Name"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    /// DescribeConnection as raw JSON; None when it does not exist.
    pub fn describe(&self, name: &str, region: &str) -> Option<serde_json::Value> {
        let (status, body) = self.call(region, "DescribeConnection", serde_json::json!({ "Name": name }));
        (status == 200).then_some(body)
    }

    /// Changes the description behind Terraform's back (drift).
    pub fn update_description(&self, name: &str, region: &str, description: &str) {
        let (status, body) = self.call(
            region,
            "UpdateConnection",
            serde_json::json!({ "Name": name, "Description": description }),
        );
        assert_eq!(status, 200, "{body}");
    }

    /// Deletes a connection behind Terraform's back (drift).
    pub fn delete_connection(&self, name: &str, region: &str) {
        let (status, body) = self.call(region, "DeleteConnection", serde_json::json!({ "Name": name }));
        assert_eq!(status, 200, "{body}");
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
