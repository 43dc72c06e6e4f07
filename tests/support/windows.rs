//! The Windows build of the provider (`scripts/build-windows.sh`) run by a
//! Linux Terraform under Wine (`scripts/wine-prefix.sh` makes the prefix):
//! Terraform starts a launcher script from its filesystem mirror, and the
//! launcher runs the `.exe` with `wine64`. Test-only: the prefix holds a
//! stand-in for a Windows 10 DLL that Wine 8 lacks (tests/support/wine/).

use std::path::{Path, PathBuf};
use std::process::Command;

/// A launcher Terraform can install as the provider.
pub struct WindowsProvider {
    /// The `.exe` that ships in the `windows_amd64` zip.
    pub exe: PathBuf,
    /// The script to put in the mirror in the provider's place.
    pub launcher: PathBuf,
    _dir: tempfile::TempDir,
}

/// The Windows build and Wine, or None after one line (a failure under
/// `TF_ACC` / CI) when either is missing.
pub fn provider_or_skip() -> Option<WindowsProvider> {
    let install = "Run `bash scripts/build-windows.sh` (Debian's rustc-web, cargo-web, rust-web-src and \
                   mingw-w64; `make test` does), and install Debian's wine64.";
    let exe = script_output("build-windows.sh", &["--path"]);
    if !exe.is_file() {
        super::missing_tool("the Windows build", &format!("no {}", exe.display()), install);
        return None;
    }
    let Some(wine) = wine() else {
        super::missing_tool("wine64", "not on the PATH", install);
        return None;
    };
    let prefix = script_output("wine-prefix.sh", &[]);
    warm_wineserver(&prefix, &wine);
    let dir = tempfile::Builder::new()
        .prefix("wine-launcher")
        .tempdir()
        .expect("temp dir");
    let launcher = dir.path().join("terraform-provider-eventbridge");
    let script = format!(
        "#!/bin/sh\n\
         # Test-only: Terraform starts this as the provider; it runs the\n\
         # Windows build under Wine, passing Terraform's environment on.\n\
         export WINEPREFIX={prefix} WINEDEBUG=-all WINEDLLOVERRIDES={overrides}\n\
         exec {wine} {exe} \"$@\"\n",
        prefix = quoted(&prefix.display().to_string()),
        overrides = quoted(WINE_DLL_OVERRIDES),
        wine = quoted(&wine.display().to_string()),
        exe = quoted(&exe.display().to_string()),
    );
    std::fs::write(&launcher, script).expect("write the launcher");
    make_executable(&launcher);
    Some(WindowsProvider {
        exe,
        launcher,
        _dir: dir,
    })
}

/// The stand-in `bcryptprimitives.dll` in the prefix before Wine's own;
/// no Mono or Gecko installer prompts.
pub const WINE_DLL_OVERRIDES: &str = "bcryptprimitives=n,b;mscoree,mshtml=";

/// How long the Wine server of the tests' prefix outlives its last client.
const WINESERVER_PERSISTENCE_SECONDS: u32 = 60;

/// Starts the prefix's Wine server and its system processes now, detached
/// from every test's pipes, and keeps them a while. Otherwise the first
/// provider Terraform starts would start them, and they would inherit
/// Terraform's stdout and stderr pipes: Terraform 1.0.3's go-plugin then
/// waits for those pipes to close (the server's persistence, seconds)
/// after each provider exits. Windows has no such server.
fn warm_wineserver(prefix: &Path, wine: &Path) {
    let wine_env = |cmd: &mut Command| {
        cmd.env("WINEPREFIX", prefix)
            .env("WINEDEBUG", "-all")
            .env("WINEDLLOVERRIDES", WINE_DLL_OVERRIDES)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
    };
    let mut server = Command::new("wineserver");
    server.arg(format!("-p{WINESERVER_PERSISTENCE_SECONDS}"));
    wine_env(&mut server);
    // Exits at once when the prefix's server already runs.
    let _ = server.status();
    let mut boot = Command::new(wine);
    boot.args(["cmd", "/c", "exit"]);
    wine_env(&mut boot);
    let _ = boot.status();
}

fn wine() -> Option<PathBuf> {
    ["wine64", "wine"].iter().find_map(|name| {
        let out = Command::new("sh")
            .args(["-c", &format!("command -v {name}")])
            .output()
            .ok()?;
        let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
        (out.status.success() && !path.is_empty()).then(|| PathBuf::from(path))
    })
}

/// The last line a repository script prints on stdout; fails the test when
/// the script fails.
fn script_output(script: &str, args: &[&str]) -> PathBuf {
    let path = super::repo_root().join("scripts").join(script);
    let out = Command::new("bash")
        .arg(&path)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", path.display()));
    assert!(
        out.status.success(),
        "{} failed:\n{}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    PathBuf::from(stdout.lines().last().unwrap_or_default().trim())
}

/// `'…'` for sh, with any `'` inside escaped.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod the launcher");
}
