//! The real `terraform` (or `tofu`) binary, run in a temporary working
//! directory that installs this provider from a filesystem mirror with a
//! real `terraform init`.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::process::Command;

use terraform_provider_eventbridge::PROVIDER_ADDRESS;

/// The provider's address as `terraform init` prints it, without the
/// registry host: `eventbridge-rs/eventbridge`.
pub fn short_address() -> &'static str {
    PROVIDER_ADDRESS
        .strip_prefix("registry.terraform.io/")
        .unwrap_or(PROVIDER_ADDRESS)
}

/// The terraform under test: `$TERRAFORM`, else the Terraform 1.0.3 that
/// `scripts/install-terraform.sh` put in `target/terraform/`; Err (why)
/// when neither is there. A `TERRAFORM` that names nothing is a mistake,
/// not a missing tool: it fails the test.
#[track_caller]
pub fn find() -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os("TERRAFORM").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        // A bare name (`tofu`) is looked up on the PATH when run.
        assert!(
            path.components().count() == 1 || path.exists(),
            "TERRAFORM={} does not exist; point it at a terraform or tofu binary, or unset it and run \
             `bash scripts/install-terraform.sh`",
            path.display()
        );
        return Ok(path);
    }
    let local = super::repo_root().join("target/terraform/terraform");
    if local.exists() {
        Ok(local)
    } else {
        Err("no TERRAFORM and no target/terraform/terraform".to_string())
    }
}

/// The terraform under test, for a test that needs it. Not installed: None
/// after one line saying so, or a failure under `TF_ACC` / CI (see
/// [`super::missing_tool`]).
#[track_caller]
pub fn find_or_skip() -> Option<PathBuf> {
    match find() {
        Ok(path) => Some(path),
        Err(why) => {
            super::missing_tool(
                "terraform",
                &why,
                "Set TERRAFORM=/path/to/terraform, or run `bash scripts/install-terraform.sh` (or `make test`).",
            );
            None
        }
    }
}

/// The terraform under test, for code that runs it once the test has asked
/// [`find_or_skip`] (or [`super::terraform_and_emulator`]) and gone on.
/// Not installed: a failure that says so, never an end of the process (the
/// tests of a tier share one test binary).
#[track_caller]
pub fn terraform_binary() -> PathBuf {
    find().unwrap_or_else(|why| {
        panic!("terraform is not installed ({why}); a test that runs it asks support::terraform::find_or_skip() first")
    })
}

/// The (major, minor) version of the terraform under test.
pub fn terraform_version() -> (u32, u32) {
    let text = version_text(&terraform_binary()).expect("terraform version -json");
    let mut parts = text.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

/// Whether the terraform under test is `min` (major, minor) or later, for
/// a test of `feature` that older ones lack. When it is older: false, after
/// one line saying so, whatever `TF_ACC` says (the test cannot run on it; a
/// newer Terraform in `TERRAFORM` runs it).
pub fn at_least_or_skip(min: (u32, u32), feature: &str) -> bool {
    let version = terraform_version();
    if version >= min {
        return true;
    }
    // One write, past the harness's capture, as the other skip lines.
    let line = format!(
        "skipped {}: {feature} needs Terraform {}.{} or later; the terraform under test is {}.{}\n",
        super::test_name(),
        min.0,
        min.1,
        version.0,
        version.1
    );
    let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
    false
}

/// "1.11.4" from `terraform version -json` (OpenTofu prints the same key).
pub fn version_text(terraform: &std::path::Path) -> Option<String> {
    let out = Command::new(terraform)
        .args(["version", "-json"])
        .env("TF_CLI_CONFIG_FILE", "/dev/null")
        .env("CHECKPOINT_DISABLE", "1")
        .output()
        .ok()?;
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    Some(json["terraform_version"].as_str()?.to_string())
}

/// What a terraform command printed.
#[derive(Debug)]
pub struct Output {
    pub status_code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// Panics with both streams unless the command succeeded.
    #[track_caller]
    pub fn ok(self) -> Output {
        assert_eq!(
            self.status_code, 0,
            "terraform failed:\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// The error output of a command that must have failed, on one line
    /// (Terraform wraps long messages).
    #[track_caller]
    pub fn failed(self) -> String {
        assert_ne!(self.status_code, 0, "expected a failure:\n{}", self.stdout);
        self.stderr.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// A temporary Terraform working directory with its own mirror and CLI
/// configuration. Kept on disk when `KEEP_TF_WORKDIR` is set.
pub struct Workdir {
    dir: tempfile::TempDir,
    env: RefCell<Vec<(String, String)>>,
    /// The terraform to run instead of [`terraform_binary`].
    terraform: Option<PathBuf>,
}

impl Workdir {
    pub fn new(main_tf: &str) -> Workdir {
        Workdir::with_provider_binary(main_tf, super::protocol::provider_binary())
    }

    /// Same, installing `binary` (e.g. the release build) as the provider.
    pub fn with_provider_binary(main_tf: &str, binary: &std::path::Path) -> Workdir {
        let dir = tempfile::Builder::new().prefix("tf-test").tempdir().expect("temp dir");
        local_mirror(binary, dir.path());
        std::fs::create_dir_all(dir.path().join("work")).expect("work dir");
        let wd = Workdir {
            dir,
            env: RefCell::new(Vec::new()),
            terraform: None,
        };
        wd.write("main.tf", main_tf);
        if std::env::var_os("KEEP_TF_WORKDIR").is_some() {
            eprintln!("terraform working directory: {}", wd.path().display());
        }
        wd
    }

    /// Installs from `zip` (a release package) in the packed mirror layout
    /// instead of the unpacked binary.
    pub fn use_packed_mirror(&self, zip: &std::path::Path) {
        local_mirror(zip, self.dir.path());
    }

    /// Replaces the CLI configuration (`provider_installation` and the
    /// rest) that [`Workdir::new`] wrote.
    pub fn use_cli_config(&self, text: &str) {
        std::fs::write(self.dir.path().join("cli.tfrc"), text).expect("write cli.tfrc");
    }

    /// Installs `address` (another provider, e.g. hashicorp/aws) from the
    /// filesystem mirror at `mirror` too, and never from its registry.
    pub fn also_install_from(&self, mirror: &Path, address: &str) {
        let file = self.dir.path().join("cli.tfrc");
        let text = std::fs::read_to_string(&file).expect("read cli.tfrc");
        let opening = "provider_installation {\n";
        let exclusions = "direct {\n    exclude = [";
        assert!(
            text.contains(opening) && text.contains(exclusions),
            "cli.tfrc is not scripts/local-mirror.sh's:\n{text}"
        );
        let mirror_block = format!(
            "{opening}  filesystem_mirror {{\n    path    = \"{}\"\n    include = [\"{address}\"]\n  }}\n",
            mirror.display()
        );
        let text =
            text.replacen(opening, &mirror_block, 1)
                .replacen(exclusions, &format!("{exclusions}\"{address}\", "), 1);
        std::fs::write(&file, text).expect("write cli.tfrc");
    }

    /// Runs `terraform` (another Terraform or OpenTofu) in this directory.
    pub fn use_terraform(&mut self, terraform: &std::path::Path) {
        self.terraform = Some(terraform.to_path_buf());
    }

    /// The directory terraform runs in.
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("work")
    }

    pub fn write(&self, name: &str, content: &str) {
        std::fs::write(self.path().join(name), content).expect("write file");
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path().join(name)).unwrap_or_default()
    }

    /// Sets an environment variable for every later command.
    pub fn env(&self, key: &str, value: &str) {
        let mut env = self.env.borrow_mut();
        env.retain(|(k, _)| k != key);
        env.push((key.to_string(), value.to_string()));
    }

    /// Points the provider at `endpoint` (the emulator or a proxy in front
    /// of it) with dummy credentials, and makes its waits poll quickly.
    pub fn use_endpoint(&self, endpoint: &str) {
        self.env("AWS_ENDPOINT_URL_EVENTBRIDGE", endpoint);
        self.env("AWS_ACCESS_KEY_ID", "testing");
        self.env("AWS_SECRET_ACCESS_KEY", "testing");
        self.env("TF_EVENTBRIDGE_POLL_INTERVAL", "100ms");
    }

    /// Runs terraform with `args` (pass `-no-color` yourself).
    pub fn run(&self, args: &[&str]) -> Output {
        let out = self.command(args).output().expect("run terraform");
        Output {
            status_code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).to_string(),
            stderr: String::from_utf8_lossy(&out.stderr).to_string(),
        }
    }

    /// The terraform command `run` executes, to start it yourself.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(self.terraform.clone().unwrap_or_else(terraform_binary));
        cmd.args(args)
            .current_dir(self.path())
            .env("TF_CLI_CONFIG_FILE", self.dir.path().join("cli.tfrc"))
            .env("CHECKPOINT_DISABLE", "1")
            .env("TF_IN_AUTOMATION", "1")
            .env("TF_INPUT", "0")
            .env_remove("TF_LOG")
            .env_remove("TF_LOG_PROVIDER")
            .env_remove("TF_PLUGIN_CACHE_DIR")
            .env_remove("TF_REATTACH_PROVIDERS")
            .env_remove("AWS_PROFILE");
        for (k, v) in self.env.borrow().iter() {
            cmd.env(k, v);
        }
        cmd
    }

    /// `terraform init` from the mirror; must succeed.
    pub fn init(&self) -> Output {
        self.run(&["init", "-input=false", "-no-color"]).ok()
    }

    /// `terraform show -json` of the current state.
    pub fn state_json(&self) -> serde_json::Value {
        let out = self.run(&["show", "-json", "-no-color"]).ok();
        serde_json::from_str(&out.stdout).expect("state JSON")
    }

    /// `terraform apply -auto-approve`.
    pub fn apply(&self) -> Output {
        self.run(&["apply", "-auto-approve", "-input=false", "-no-color"])
    }

    /// `terraform destroy -auto-approve`.
    pub fn destroy(&self) -> Output {
        self.run(&["destroy", "-auto-approve", "-input=false", "-no-color"])
    }

    /// `terraform plan`.
    pub fn plan(&self) -> Output {
        self.run(&["plan", "-input=false", "-no-color"])
    }

    /// The state's attributes of the resource at `address`.
    #[track_caller]
    pub fn attributes(&self, address: &str) -> serde_json::Value {
        let state = self.state_json();
        state["values"]["root_module"]["resources"]
            .as_array()
            .and_then(|all| all.iter().find(|r| r["address"] == address))
            .map(|r| r["values"].clone())
            .unwrap_or_else(|| panic!("{address} not in state: {state}"))
    }

    /// Replaces `from` (which must be there) by `to` in `main.tf`.
    #[track_caller]
    pub fn edit(&self, from: &str, to: &str) {
        let main = self.read("main.tf");
        assert!(main.contains(from), "{from:?} not in the configuration");
        self.write("main.tf", &main.replace(from, to));
    }

    /// Exit code of `plan -detailed-exitcode`: 0 no changes, 2 changes, 1 error.
    pub fn plan_exit_code(&self) -> i32 {
        self.run(&["plan", "-detailed-exitcode", "-input=false", "-no-color"])
            .status_code
    }
}

/// `scripts/local-mirror.sh SOURCE DIR`, as `make demo` runs it: the
/// provider (a binary, or a release zip in the packed layout) in
/// `DIR/mirror`, and `DIR/cli.tfrc` installing it from there.
fn local_mirror(source: &Path, dir: &Path) {
    let script = super::repo_root().join("scripts/local-mirror.sh");
    let out = Command::new("bash")
        .arg(&script)
        .arg(source)
        .arg(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
    assert!(
        out.status.success(),
        "{} {} {} failed:\n{}",
        script.display(),
        source.display(),
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Drop for Workdir {
    fn drop(&mut self) {
        if std::env::var_os("KEEP_TF_WORKDIR").is_some() {
            let kept: PathBuf = std::mem::replace(&mut self.dir, tempfile::tempdir().expect("temp dir")).keep();
            eprintln!("kept {}", kept.display());
        }
    }
}
