//! The release package: built by the same script `make release` uses,
//! installed by `terraform init` from a packed filesystem mirror, and used.

use std::process::Command;

use support::terraform::Workdir;

const PROVIDER: &str = include_str!("../../examples/provider/provider.tf");
const BASIC: &str = include_str!("../../examples/resources/eventbridge_connection/basic.tf");

#[test]
fn the_release_zip_installs_from_a_packed_mirror_and_applies() {
    let Some(emulator) = support::terraform_and_emulator() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let version = env!("CARGO_PKG_VERSION");
    let status = Command::new("bash")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/package.sh"))
        .arg(support::protocol::provider_binary())
        .arg(out.path())
        .arg(version)
        .output()
        .expect("run the packaging script");
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));

    let platform = support::host_platform();
    let zip = out
        .path()
        .join(format!("terraform-provider-eventbridge_{version}_{platform}.zip"));
    let sums = std::fs::read_to_string(
        out.path()
            .join(format!("terraform-provider-eventbridge_{version}_SHA256SUMS")),
    )
    .expect("checksums");
    assert!(sums.contains(&format!("terraform-provider-eventbridge_{version}_{platform}.zip")));
    assert!(sums.contains(&format!("terraform-provider-eventbridge_{version}_manifest.json")));
    let mut check = Command::new("sha256sum");
    check.args(["-c", "--quiet", "-"]).current_dir(out.path());
    let verified = pipe(check, &sums);
    assert!(verified, "checksums do not match the files");
    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(
            out.path()
                .join(format!("terraform-provider-eventbridge_{version}_manifest.json")),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(manifest["metadata"]["protocol_versions"][0], "6.0");

    let wd = Workdir::new(&format!("{PROVIDER}\n{BASIC}"));
    wd.use_packed_mirror(&zip);
    wd.use_endpoint(&emulator.endpoint);
    let init = wd.init();
    assert!(
        init.stdout
            .contains(&format!("{} v{version}", support::terraform::short_address())),
        "{}",
        init.stdout
    );
    wd.run(&["apply", "-auto-approve", "-input=false", "-no-color"]).ok();
    assert_eq!(emulator.connection_names(), ["billing-basic"]);
    wd.run(&["destroy", "-auto-approve", "-input=false", "-no-color"]).ok();
}

fn pipe(mut cmd: Command, input: &str) -> bool {
    use std::io::Write;
    let mut child = cmd.stdin(std::process::Stdio::piped()).spawn().expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    child.wait().expect("wait").success()
}
