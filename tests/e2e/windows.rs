//! `windows_amd64`: the Windows build (`scripts/build-windows.sh`, the
//! `.exe` that `make release` zips) serving a real Linux Terraform under
//! Wine, over go-plugin's TCP transport, against moto behind the fault
//! proxy. Terraform installs a launcher from its filesystem mirror that runs
//! the `.exe` with Wine (`support::windows`). init, apply of a connection
//! and an API destination, a plan with no changes, import (the
//! destination's plan clean, the connection's key set again), destroy; the
//! zip `make release` writes, locked by Terraform for `windows_amd64`; and a
//! Terraform killed outright, after which the provider must be gone within
//! seconds (Windows has no parent-process check: the provider notices
//! Terraform's connection going away).

use serde_json::json;
use support::fault_proxy::FaultProxy;
use support::processes;
use support::terraform::{Output, Workdir};
use support::windows::WindowsProvider;

const PROVIDER: &str = include_str!("../../examples/provider/provider.tf");
const RESOURCE: &str = include_str!("../../examples/resources/eventbridge_api_destination/resource.tf");

fn setup() -> Option<(support::emulator::Emulator, FaultProxy, WindowsProvider)> {
    let emulator = support::terraform_and_emulator()?;
    let windows = support::windows::provider_or_skip()?;
    let proxy = FaultProxy::start(emulator.port);
    Some((emulator, proxy, windows))
}

fn workdir(windows: &WindowsProvider, proxy: &FaultProxy, resources: &str) -> Workdir {
    let wd = Workdir::with_provider_binary(&format!("{PROVIDER}\n{resources}"), &windows.launcher);
    wd.use_endpoint(&proxy.endpoint);
    wd.init();
    wd
}

fn run(wd: &Workdir, args: &[&str]) -> Output {
    let mut all = args.to_vec();
    all.extend(["-input=false", "-no-color"]);
    wd.run(&all)
}

fn in_state(wd: &Workdir) -> Vec<String> {
    let state = wd.state_json();
    let mut addresses: Vec<String> = state["values"]["root_module"]["resources"]
        .as_array()
        .map(|all| {
            all.iter()
                .filter_map(|r| r["address"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    addresses.sort();
    addresses
}

#[test]
fn the_windows_build_under_wine_serves_init_apply_plan_import_and_destroy() {
    let Some((emulator, proxy, windows)) = setup() else {
        return;
    };
    let wd = workdir(&windows, &proxy, RESOURCE);
    // The provider logs where it serves Terraform: the TCP transport.
    wd.env("TF_LOG", "debug");
    let applied = run(&wd, &["apply", "-auto-approve"]).ok();
    assert!(
        applied.stderr.contains("network=tcp") && applied.stderr.contains("address=127.0.0.1:"),
        "the provider did not serve over TCP:\n{}\n--- provider lines:\n{}",
        applied
            .stderr
            .lines()
            .filter(|l| l.contains("serving Terraform"))
            .collect::<Vec<_>>()
            .join("\n"),
        applied
            .stderr
            .lines()
            .filter(|l| l.contains("provider"))
            .take(40)
            .collect::<Vec<_>>()
            .join("\n")
    );
    wd.env("TF_LOG", "");
    assert!(applied.stdout.contains("2 added"), "{}", applied.stdout);
    assert_eq!(proxy.calls("CreateConnection"), 1);
    assert_eq!(proxy.calls("CreateApiDestination"), 1);
    assert_eq!(emulator.connection_names(), ["orders-api"]);
    assert_eq!(emulator.destination_names(), ["orders-webhook"]);
    assert_eq!(wd.plan_exit_code(), 0, "a plan right after the apply changes nothing");

    // Import both back, by name and by ARN, and plan: no changes.
    let destination_arn = {
        let (status, body) = proxy.call(
            "us-east-1",
            "DescribeApiDestination",
            json!({ "Name": "orders-webhook" }),
        );
        assert_eq!(status, 200, "{body}");
        body["ApiDestinationArn"].as_str().expect("an ARN").to_string()
    };
    for address in ["eventbridge_api_destination.orders", "eventbridge_connection.orders"] {
        wd.run(&["state", "rm", address]).ok();
    }
    assert!(in_state(&wd).is_empty());
    let import = |address: &str, id: &str| {
        wd.run(&["import", "-input=false", "-no-color", address, id]).ok();
    };
    import("eventbridge_connection.orders", "orders-api");
    import("eventbridge_api_destination.orders", &destination_arn);
    assert_eq!(
        in_state(&wd),
        ["eventbridge_api_destination.orders", "eventbridge_connection.orders"]
    );
    // AWS never returns the API key: the imported connection's plan sets
    // it again, and nothing else changes.
    let planned = run(&wd, &["plan"]).ok();
    assert!(
        planned
            .stdout
            .contains("eventbridge_connection.orders will be updated in-place")
            && planned.stdout.contains("0 to add, 1 to change, 0 to destroy")
            && !planned.stdout.contains("eventbridge_api_destination.orders will be"),
        "{}",
        planned.stdout
    );
    run(&wd, &["apply", "-auto-approve"]).ok();
    assert_eq!(wd.plan_exit_code(), 0, "after the import and one apply, no changes");

    let destroyed = run(&wd, &["destroy", "-auto-approve"]).ok();
    assert!(destroyed.stdout.contains("2 destroyed"), "{}", destroyed.stdout);
    assert!(emulator.connection_names().is_empty());
    assert!(emulator.destination_names().is_empty());
    assert!(proxy.take_violations().is_empty());
}

#[test]
fn the_windows_build_under_wine_exits_when_its_terraform_is_killed() {
    let Some((_emulator, proxy, windows)) = setup() else {
        return;
    };
    // The connection never leaves CREATING: apply waits on it.
    proxy.stuck_in("CREATING");
    let connection = RESOURCE
        .split("resource \"eventbridge_api_destination\"")
        .next()
        .expect("the connection block");
    let wd = workdir(&windows, &proxy, connection);
    // No Shutdown, and Windows has no parent to watch.
    let outlived = processes::kill_terraform_and_time_its_provider(
        wd.command(&["apply", "-auto-approve", "-input=false", "-no-color"]),
        || proxy.calls("DescribeConnection") > 0,
    )
    .expect("the Windows provider outlived its Terraform by 10 s");
    eprintln!(
        "the Windows provider was gone {} ms after Terraform was killed",
        outlived.as_millis()
    );
}

#[test]
fn the_windows_zip_holds_the_exe_and_terraform_locks_it_for_windows_amd64() {
    let Some(windows) = support::windows::provider_or_skip() else {
        return;
    };
    if support::terraform::find_or_skip().is_none() {
        return;
    }
    // The .exe is a 64-bit Windows program: an MZ header, a PE header
    // for x86-64.
    let exe = std::fs::read(&windows.exe).expect("the .exe");
    assert_eq!(&exe[..2], b"MZ");
    let pe = u32::from_le_bytes(exe[0x3c..0x40].try_into().unwrap()) as usize;
    assert_eq!(&exe[pe..pe + 4], b"PE\0\0");
    assert_eq!(u16::from_le_bytes([exe[pe + 4], exe[pe + 5]]), 0x8664, "machine x86-64");

    // Packaged as `make release` does, into a packed mirror: Terraform
    // (on Linux) takes it as the windows_amd64 package and locks its hashes.
    let wd = Workdir::new(PROVIDER);
    let address = format!("registry.terraform.io/{}", support::terraform::short_address());
    let mirror = wd.path().join("windows-mirror");
    let packages = mirror.join(&address);
    std::fs::create_dir_all(&packages).expect("mirror dir");
    support::release::package(&windows.exe, &packages, Some("windows_amd64"), None);
    let zip = packages.join(format!("{}_windows_amd64.zip", support::release::file_prefix()));
    assert!(zip.is_file(), "no {}", zip.display());
    for stray in std::fs::read_dir(&packages).expect("packages").flatten() {
        if stray.path() != zip {
            std::fs::remove_file(stray.path()).expect("keep only the zip in the mirror");
        }
    }
    let locked = wd
        .run(&[
            "providers",
            "lock",
            &format!("-fs-mirror={}", mirror.display()),
            "-platform=windows_amd64",
        ])
        .ok();
    assert!(locked.stdout.contains("windows_amd64"), "{}", locked.stdout);
    // A filesystem mirror gives the package's own hash (h1:, over its
    // contents); zh: hashes come only from a registry's signed checksums.
    let lock = wd.read(".terraform.lock.hcl");
    assert!(lock.contains("\"h1:"), "{lock}");
}
