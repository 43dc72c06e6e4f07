//! `make bench`: the provider's speed and weight, written to
//! bench/RESULTS.md. Figures, not assertions: targets are checked by
//! reading them.
//!
//! - spawn → handshake line (TLS on), median of 50, for the host-linked
//!   release build over the Unix socket and over TCP, the glibc 2.17 one
//!   `make release` ships, and the Windows `.exe` under Wine (20 runs)
//!   (`-- --startup` prints these rows and the sizes only);
//! - in-process latency of GetProviderSchema, ValidateResourceConfig and
//!   PlanResourceChange;
//! - AWS calls per create / update / delete / refresh (counted at the
//!   emulator);
//! - peak RSS and CPU seconds of the provider processes against
//!   Terraform's own, for apply, refresh-and-plan and destroy of 200
//!   connections;
//! - stripped size of both release builds;
//! - where the CPU goes: a process's start, one RPC over the socket, one
//!   AWS call against the emulator's floor (breakdown.rs);
//! - 200 connection + API destination pairs: apply, a no-op plan and
//!   destroy, peak RSS and AWS calls per destination (pairs.rs);
//! - 1000 connections with the Terraform on the PATH: wall time, peak RSS,
//!   AWS calls, and provider CPU against the floor model (scale.rs);
//! - side by side with hashicorp/aws 5.100.0 when the machine has it in a
//!   filesystem mirror: 50 connections + 50 API destinations, and 200
//!   rules with one target each, with each provider (peer.rs; `-- --peer`
//!   runs this section alone and puts it in place in bench/RESULTS.md).

mod breakdown;
mod pairs;
mod peer;
mod scale;

use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::terraform::Workdir;
use terraform_provider_eventbridge::connection::schema::schema as connection_schema;
use terraform_provider_eventbridge::provider::EventBridgeProvider;
use terraform_provider_eventbridge::tfplugin::proto::tfplugin6 as pb;
use terraform_provider_eventbridge::tfplugin::proto::tfplugin6::provider_server::Provider as _;
use terraform_provider_eventbridge::tfplugin::{decode_json, encode_msgpack, Provider, ProviderService, Value};
use tonic::Request;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn release_binary() -> PathBuf {
    root().join("target/release/terraform-provider-eventbridge")
}

/// What `make release` packages: on Linux, the build linked against glibc
/// 2.17 by Zig (`scripts/build-release.sh`); elsewhere `release_binary()`.
fn shipped_binary() -> PathBuf {
    let out = Command::new("bash")
        .arg(root().join("scripts/build-release.sh"))
        .arg("--path")
        .output()
        .expect("run scripts/build-release.sh --path");
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
}

struct Stats {
    p50: Duration,
    p99: Duration,
    min: Duration,
    max: Duration,
}

fn stats(mut samples: Vec<Duration>) -> Stats {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    Stats {
        p50: at(0.5),
        p99: at(0.99),
        min: samples[0],
        max: samples[samples.len() - 1],
    }
}

fn fmt_us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

fn fmt_ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// Spawn → the handshake line on stdout, as Terraform starts providers,
/// over the Unix socket.
fn handshake_latency(binary: &std::path::Path, runs: usize) -> Vec<Duration> {
    handshake_latency_over(binary, runs, "unix")
}

/// The same over `network` (`unix` or `tcp`, which a Windows build always
/// serves).
fn handshake_latency_over(binary: &std::path::Path, runs: usize, network: &str) -> Vec<Duration> {
    let (cert, _key) = support::protocol::terraform_like_client_cert();
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let mut child = Command::new(binary)
            .env(
                "TF_PLUGIN_MAGIC_COOKIE",
                terraform_provider_eventbridge::tfplugin::MAGIC_COOKIE_VALUE,
            )
            .env("PLUGIN_PROTOCOL_VERSIONS", "5,6")
            .env("PLUGIN_CLIENT_CERT", &cert)
            .env("PLUGIN_MIN_PORT", "10000")
            .env("PLUGIN_MAX_PORT", "25000")
            .env(terraform_provider_eventbridge::tfplugin::TRANSPORT_VARIABLE, network)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn the release binary");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("handshake");
        samples.push(started.elapsed());
        assert!(line.starts_with(&format!("1|6|{network}|")), "{line}");
        let _ = child.kill();
        let _ = child.wait();
    }
    samples
}

/// The rows on the binaries' weight and start: the host-linked release
/// build, and the one `make release` ships when it is another (50 starts
/// each, one of each in turn, so that both see the same load on the
/// machine).
fn startup_rows() -> String {
    let size = std::fs::metadata(release_binary()).map(|m| m.len()).unwrap_or(0);
    let shipped = shipped_binary();
    assert!(
        shipped.exists(),
        "build it first: bash scripts/build-release.sh (make bench does)"
    );
    let shipped_size = std::fs::metadata(&shipped).map(|m| m.len()).unwrap_or(0);
    let (mut host, mut tcp, mut zig) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..50 {
        host.extend(handshake_latency(&release_binary(), 1));
        tcp.extend(handshake_latency_over(&release_binary(), 1, "tcp"));
        zig.extend(handshake_latency(&shipped, 1));
    }
    let mut rows = String::new();
    let mut row = |what: &str, size: u64, start: Stats, target: &str| {
        let _ = writeln!(
            rows,
            "| {what}: stripped size | **{:.1} MB** ({size} bytes) | ≤ 20 MB |",
            size as f64 / 1e6
        );
        let _ = writeln!(
            rows,
            "| {what}: spawn → handshake line (TLS, 50 runs) | median **{}**, p99 {}, min {}, max {} | {target} |",
            fmt_ms(start.p50),
            fmt_ms(start.p99),
            fmt_ms(start.min),
            fmt_ms(start.max)
        );
    };
    row("release binary (`cargo build --release`)", size, stats(host), "≤ 10 ms");
    if shipped != release_binary() {
        row(
            "`make release` binary (glibc 2.17, Zig as linker)",
            shipped_size,
            stats(zig),
            "≤ the line above",
        );
    }
    let tcp = stats(tcp);
    let _ = writeln!(
        rows,
        "| release binary over TCP (`{}=tcp`, Windows' transport): spawn → handshake line (TLS, 50 runs) | median **{}**, p99 {}, min {}, max {} | ≈ over the Unix socket |",
        terraform_provider_eventbridge::tfplugin::TRANSPORT_VARIABLE,
        fmt_ms(tcp.p50),
        fmt_ms(tcp.p99),
        fmt_ms(tcp.min),
        fmt_ms(tcp.max)
    );
    rows.push_str(&windows_rows());
    rows
}

/// The `windows_amd64` `.exe` (`scripts/build-windows.sh`): its size, and
/// its start under Wine (`scripts/wine-prefix.sh`), which adds Wine's own
/// start to the provider's. Nothing when the Windows build is not there.
fn windows_rows() -> String {
    let Some(windows) = support::windows::provider_or_skip() else {
        return String::new();
    };
    let size = std::fs::metadata(&windows.exe).map(|m| m.len()).unwrap_or(0);
    // The first start under a prefix warms Wine's caches; not counted.
    let _ = handshake_latency_over(&windows.launcher, 1, "tcp");
    let start = stats(handshake_latency_over(&windows.launcher, 20, "tcp"));
    format!(
        "| `windows_amd64` `.exe` (Debian's Rust, mingw-w64): size | **{:.1} MB** ({size} bytes) | ≤ 20 MB |\n\
         | `windows_amd64` `.exe` under Wine 8: spawn → handshake line (TLS, TCP, 20 runs) | median **{}**, p99 {}, min {}, max {} | Wine's start included |\n",
        size as f64 / 1e6,
        fmt_ms(start.p50),
        fmt_ms(start.p99),
        fmt_ms(start.min),
        fmt_ms(start.max)
    )
}

/// `cargo bench --bench provider -- --startup`: the size and start rows
/// only, measured again and put in place of the ones in bench/RESULTS.md
/// (the other rows stay as the last full run left them; a line under the
/// table says when these were measured).
fn startup_only() {
    let rows = startup_rows();
    print!("{rows}");
    let out = root().join("bench/RESULTS.md");
    let Ok(results) = std::fs::read_to_string(&out) else {
        println!("no {} to update: run `make bench`", out.display());
        return;
    };
    let is_startup_row = |line: &str| {
        line.starts_with("| stripped release binary")
            || line.starts_with("| spawn → handshake line")
            || line.starts_with("| release binary (")
            || line.starts_with("| release binary over TCP")
            || line.starts_with("| `make release` binary")
            || line.starts_with("| `windows_amd64` `.exe`")
    };
    let note_start = "Size and start rows measured again on ";
    let mut md = String::new();
    for line in results.lines() {
        if is_startup_row(line) || line.starts_with(note_start) {
            continue;
        }
        md.push_str(line);
        md.push('\n');
        if line == "|---|---|---|" {
            md.push_str(&rows);
        }
    }
    // Starts take milliseconds: other work on the machine shows in them.
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".into());
    let note = format!(
        "{note_start}{} by `cargo bench --bench provider -- --startup`, after `cargo build --release`, \
         `bash scripts/build-release.sh` and `bash scripts/build-windows.sh` (load average {load} when it began).\n",
        today()
    );
    let (table, rest) = md.split_at(md.find("\n## ").unwrap_or(md.len()));
    let md = format!("{}\n\n{note}\n{}", table.trim_end(), rest.trim_start_matches('\n'));
    std::fs::write(&out, md).expect("write results");
    println!("updated the size and start rows of {}", out.display());
}

/// `cargo bench --bench provider -- --peer`: the side-by-side section
/// alone (peer.rs), with the Terraform on the PATH when there is another
/// one, else the one under test; put in place of the section in
/// bench/RESULTS.md (or after the rest), the other rows left as they are.
fn peer_only(terraform: &std::path::Path, tf_version: &str) {
    let (terraform, version) = match newer_terraform_on_path() {
        Some((path, version)) => (path, version),
        None => (terraform.to_path_buf(), tf_version.to_string()),
    };
    let emulator = support::emulator::must_start();
    let measured = peer::run(&emulator, &terraform);
    let section = peer::section(measured.as_deref(), &version);
    print!("{section}");
    let out = root().join("bench/RESULTS.md");
    let results = std::fs::read_to_string(&out).unwrap_or_default();
    let heading = format!("## {}", peer::HEADING);
    let kept = match results.find(&heading) {
        Some(start) => {
            let after = &results[start + heading.len()..];
            let end = after.find("\n## ").map(|i| start + heading.len() + i + 1);
            format!("{}{}", &results[..start], end.map(|e| &results[e..]).unwrap_or(""))
        }
        None => results,
    };
    let md = format!("{}\n\n{section}", kept.trim_end());
    std::fs::write(&out, md.trim_start()).expect("write results");
    println!("updated the side-by-side section of {}", out.display());
}

fn dynamic(v: &Value, ty: &terraform_provider_eventbridge::tfplugin::Type) -> Option<pb::DynamicValue> {
    Some(pb::DynamicValue {
        msgpack: encode_msgpack(v, ty).expect("encode"),
        json: Vec::new(),
    })
}

/// The connection type and the OAuth configuration with parameters that
/// the RPC measurements send.
fn oauth_config() -> (terraform_provider_eventbridge::tfplugin::Type, Value) {
    let ty = connection_schema().value_type();
    let config = decode_json(
        include_str!("../../tests/fixtures/oauth_config.json").as_bytes(),
        &ty,
        false,
    )
    .expect("config");
    (ty, config)
}

/// Latency of the pure RPC handlers, in process (no gRPC transport).
fn in_process_latency(iterations: usize) -> Vec<(&'static str, Stats)> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let service = ProviderService::new(EventBridgeProvider);
        let provider_ty = EventBridgeProvider.schema().value_type();
        let provider_config = decode_json(
            br#"{"region":"us-east-1","endpoint":"http://127.0.0.1:9","access_key":"a","secret_key":"b","assume_role":[]}"#,
            &provider_ty,
            false,
        )
        .expect("provider config");
        let configured = service
            .configure_provider(Request::new(pb::configure_provider::Request {
                terraform_version: "1.0.3".into(),
                config: dynamic(&provider_config, &provider_ty),
                client_capabilities: None,
            }))
            .await
            .expect("configure");
        assert!(configured.into_inner().diagnostics.is_empty());

        let (ty, config) = oauth_config();
        let mut results = Vec::new();

        let mut samples = Vec::with_capacity(iterations);
        for _ in 0..iterations {
            let t = Instant::now();
            let r = service.get_provider_schema(Request::new(pb::get_provider_schema::Request {})).await;
            samples.push(t.elapsed());
            assert!(r.is_ok());
        }
        results.push(("GetProviderSchema", stats(samples)));

        let mut samples = Vec::with_capacity(iterations);
        for _ in 0..iterations {
            let request = pb::validate_resource_config::Request {
                type_name: "eventbridge_connection".into(),
                config: dynamic(&config, &ty),
                client_capabilities: None,
            };
            let t = Instant::now();
            let r = service.validate_resource_config(Request::new(request)).await.expect("validate");
            samples.push(t.elapsed());
            assert!(r.into_inner().diagnostics.is_empty());
        }
        results.push(("ValidateResourceConfig", stats(samples)));

        let mut samples = Vec::with_capacity(iterations);
        for _ in 0..iterations {
            let request = pb::plan_resource_change::Request {
                type_name: "eventbridge_connection".into(),
                prior_state: dynamic(&Value::Null, &ty),
                proposed_new_state: dynamic(&config, &ty),
                config: dynamic(&config, &ty),
                ..Default::default()
            };
            let t = Instant::now();
            let r = service.plan_resource_change(Request::new(request)).await.expect("plan");
            samples.push(t.elapsed());
            assert!(r.into_inner().diagnostics.is_empty());
        }
        results.push(("PlanResourceChange (create, OAuth with parameters)", stats(samples)));
        results
    })
}

/// CPU seconds and peak RSS of the provider processes a terraform command
/// starts, and Terraform's own CPU seconds.
struct RunCost {
    wall: Duration,
    terraform_cpu: f64,
    provider_cpu: f64,
    provider_peak_rss_kib: u64,
    providers_seen: usize,
}

/// User + system CPU of `who` (RUSAGE_CHILDREN: waited-for descendants;
/// RUSAGE_THREAD: the calling thread).
fn rusage_cpu(who: libc::c_int) -> Duration {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(who, &mut usage) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

fn children_cpu_seconds() -> f64 {
    rusage_cpu(libc::RUSAGE_CHILDREN).as_secs_f64()
}

/// CPU time of a live process (all its threads) in nanoseconds, from
/// /proc/PID/task/*/schedstat: /proc/PID/stat counts in 10 ms ticks, too
/// coarse for a process that lives a few milliseconds.
/// The provider runs one runtime thread; any other thread (a blocking-pool
/// worker) lives on idle for seconds, so the live threads hold it all.
fn cpu_of(pid: u32) -> Option<Duration> {
    let mut nanos = 0u64;
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).ok()?.flatten() {
        let schedstat = std::fs::read_to_string(task.path().join("schedstat")).ok()?;
        nanos += schedstat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(Duration::from_nanos(nanos))
}

/// User + system CPU of a live process from /proc/PID/stat, in clock ticks
/// (10 ms): coarse, but it keeps the time of threads that have ended.
fn stat_cpu_of(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (_, rest) = stat.rsplit_once(')')?;
    // After the name: state is field 3, utime 14 and stime 15.
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    (per_second > 0).then(|| Duration::from_secs_f64(ticks as f64 / per_second as f64))
}

/// (peak RSS KiB, CPU seconds) of a live process, from /proc. The CPU is
/// its live threads' run time, or its ticks when they say more (a Go
/// provider, hashicorp/aws, ends threads of its own).
fn proc_sample(pid: u32) -> Option<(u64, f64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let hwm = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    let cpu = cpu_of(pid)?.max(stat_cpu_of(pid).unwrap_or_default());
    Some((hwm, cpu.as_secs_f64()))
}

/// Provider processes descending from `ancestor` (Terraform runs itself
/// under a panic-catching parent, so providers are grandchildren).
fn provider_descendants(ancestor: u32) -> Vec<u32> {
    let mut parent_of = std::collections::HashMap::new();
    let mut providers = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        let Some((head, rest)) = stat.rsplit_once(')') else {
            continue;
        };
        let comm = head.split_once('(').map(|x| x.1).unwrap_or_default();
        if let Some(ppid) = rest.split_whitespace().nth(1).and_then(|p| p.parse::<u32>().ok()) {
            parent_of.insert(pid, ppid);
        }
        if comm.starts_with("terraform-provi") {
            providers.push(pid);
        }
    }
    providers
        .into_iter()
        .filter(|pid| {
            let mut cur = *pid;
            for _ in 0..8 {
                match parent_of.get(&cur) {
                    Some(&p) if p == ancestor => return true,
                    Some(&p) => cur = p,
                    None => return false,
                }
            }
            false
        })
        .collect()
}

fn measured_run(wd: &Workdir, args: &[&str]) -> RunCost {
    let before = children_cpu_seconds();
    let started = Instant::now();
    let mut child = wd
        .command(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("terraform");
    let tf_pid = child.id();
    let mut seen: std::collections::HashMap<u32, (u64, f64)> = Default::default();
    loop {
        for pid in provider_descendants(tf_pid) {
            if let Some(sample) = proc_sample(pid) {
                seen.insert(pid, sample);
            }
        }
        if let Ok(Some(status)) = child.try_wait() {
            assert!(status.success(), "terraform {args:?} failed");
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let wall = started.elapsed();
    let total = children_cpu_seconds() - before;
    let provider_cpu: f64 = seen.values().map(|(_, cpu)| cpu).sum();
    RunCost {
        wall,
        terraform_cpu: (total - provider_cpu).max(0.0),
        provider_cpu,
        provider_peak_rss_kib: seen.values().map(|(rss, _)| *rss).max().unwrap_or(0),
        providers_seen: seen.len(),
    }
}

const PROVIDER_TF: &str = include_str!("../../examples/provider/provider.tf");

fn many_connections(count: usize) -> String {
    format!(
        r#"{PROVIDER_TF}
resource "eventbridge_connection" "many" {{
  count              = {count}
  name               = "bench-${{count.index}}"
  description        = "benchmark connection ${{count.index}}"
  authorization_type = "API_KEY"
  auth_parameters {{
    api_key {{
      key   = "x-api-key"
      value = "bench-secret-${{count.index}}"
    }}
    invocation_http_parameters {{
      header {{
        key   = "x-tenant"
        value = "bench"
      }}
    }}
  }}
}}
"#
    )
}

fn workdir(emulator: &support::emulator::Emulator, config: &str, terraform: Option<&std::path::Path>) -> Workdir {
    let mut wd = Workdir::with_provider_binary(config, &release_binary());
    if let Some(terraform) = terraform {
        wd.use_terraform(terraform);
    }
    wd.use_endpoint(&emulator.endpoint);
    wd.init();
    wd
}

fn total_requests(emulator: &support::emulator::Emulator) -> std::collections::BTreeMap<String, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for op in [
        "CreateConnection",
        "DescribeConnection",
        "UpdateConnection",
        "DeleteConnection",
        "ListConnections",
    ] {
        counts.insert(op.to_string(), emulator.requests(op).len());
    }
    counts
}

fn calls_between(
    before: &std::collections::BTreeMap<String, usize>,
    after: &std::collections::BTreeMap<String, usize>,
) -> String {
    let parts: Vec<String> = after
        .iter()
        .filter_map(|(op, n)| {
            let d = n - before.get(op).copied().unwrap_or(0);
            (d > 0).then(|| format!("{d} {op}"))
        })
        .collect();
    let total: usize = after.values().sum::<usize>() - before.values().sum::<usize>();
    format!("**{total}** ({})", parts.join(", "))
}

fn aws_calls() -> Vec<(&'static str, String)> {
    let emulator = support::emulator::must_start();
    let one = many_connections(1);
    let wd = workdir(&emulator, &one, None);
    let mut rows = Vec::new();
    let mut before = total_requests(&emulator);
    let mut step = |label: &'static str, args: &[&str], rows: &mut Vec<(&'static str, String)>| {
        wd.run(args).ok();
        let after = total_requests(&emulator);
        rows.push((label, calls_between(&before, &after)));
        before = after;
    };
    step(
        "create (`apply`)",
        &["apply", "-auto-approve", "-input=false", "-no-color"],
        &mut rows,
    );
    step(
        "refresh (`plan`, no changes)",
        &["plan", "-input=false", "-no-color"],
        &mut rows,
    );
    wd.write("main.tf", &one.replace("benchmark connection", "changed connection"));
    step(
        "update (`apply -refresh=false`)",
        &["apply", "-refresh=false", "-auto-approve", "-input=false", "-no-color"],
        &mut rows,
    );
    step(
        "delete (`destroy -refresh=false`)",
        &[
            "destroy",
            "-refresh=false",
            "-auto-approve",
            "-input=false",
            "-no-color",
        ],
        &mut rows,
    );
    rows
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_default();
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .next()
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").parse::<u64>().unwrap_or(0))
        })
        .unwrap_or(0);
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    format!(
        "{cores} cores ({cpu}), {:.0} GiB RAM, {}",
        mem as f64 / 1024.0 / 1024.0,
        std::env::consts::OS
    )
}

fn today() -> String {
    let out = Command::new("date")
        .arg("-u")
        .arg("+%Y-%m-%d %H:%M UTC")
        .output()
        .expect("date");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// apply, refresh + plan, and destroy of 200 connections with
/// `terraform`, else the Terraform the harness runs.
fn hundreds_of_connections(
    emulator: &support::emulator::Emulator,
    terraform: Option<&std::path::Path>,
) -> Vec<(&'static str, RunCost)> {
    let wd = workdir(emulator, &many_connections(200), terraform);
    let apply = measured_run(
        &wd,
        &["apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=20"],
    );
    let plan = measured_run(&wd, &["plan", "-input=false", "-no-color", "-parallelism=20"]);
    let destroy = measured_run(
        &wd,
        &[
            "destroy",
            "-auto-approve",
            "-input=false",
            "-no-color",
            "-parallelism=20",
        ],
    );
    assert!(
        emulator.connection_names().is_empty(),
        "destroy left connections behind"
    );
    vec![("apply", apply), ("refresh + plan", plan), ("destroy", destroy)]
}

/// A `terraform` on the PATH that is not the one under test (as
/// scripts/test.sh finds it): (path, "major.minor.patch").
fn newer_terraform_on_path() -> Option<(PathBuf, String)> {
    if std::env::var_os("TERRAFORM").is_some_and(|t| !t.is_empty()) {
        return None;
    }
    let path = std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join("terraform"))
        .find(|p| p.is_file())?;
    let version = support::terraform::version_text(&path)?;
    (version != support::terraform::version_text(&support::terraform::terraform_binary())?).then_some((path, version))
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench -- --list` and test discovery
    }
    assert!(
        release_binary().exists(),
        "build it first: cargo build --release (make bench does)"
    );
    if std::env::args().any(|a| a == "--startup") {
        startup_only();
        return;
    }
    let terraform = support::terraform::find().unwrap_or_else(|why| {
        panic!("terraform is required: {why}. `make bench` installs it (bash scripts/install-terraform.sh)")
    });
    let tf_version = support::terraform::version_text(&terraform).expect("terraform version");
    if std::env::args().any(|a| a == "--peer") {
        peer_only(&terraform, &tf_version);
        return;
    }

    eprintln!("bench: binary sizes and handshake latency");
    let startup = startup_rows();
    eprintln!("bench: in-process RPC latency");
    let rpcs = in_process_latency(2000);
    eprintln!("bench: AWS calls per operation");
    let calls = aws_calls();
    eprintln!("bench: where the CPU goes");
    let emulator = support::emulator::must_start();
    let split = breakdown::measure(&release_binary(), &emulator.endpoint);
    eprintln!("bench: 200 connections, Terraform {tf_version}");
    let mut hundreds = vec![(tf_version.clone(), hundreds_of_connections(&emulator, None))];
    let newer = newer_terraform_on_path();
    if let Some((path, version)) = &newer {
        eprintln!("bench: 200 connections, Terraform {version}");
        hundreds.push((version.clone(), hundreds_of_connections(&emulator, Some(path))));
    }
    // The Terraform on the PATH when there is one, else the one under test.
    let (scale_terraform, scale_version) = match &newer {
        Some((path, version)) => (Some(path.as_path()), version.clone()),
        None => (None, tf_version.clone()),
    };
    eprintln!(
        "bench: {} connection + API destination pairs, Terraform {scale_version}",
        pairs::PAIRS
    );
    let pairs = pairs::run(&emulator, scale_terraform);
    eprintln!("bench: {} connections, Terraform {scale_version}", scale::CONNECTIONS);
    let thousand = scale::run(&emulator, scale_terraform, &split);
    let side_by_side = peer::run(&emulator, scale_terraform.unwrap_or(&terraform));

    let mut md = String::new();
    let _ = writeln!(md, "# Benchmark results\n");
    let _ = writeln!(
        md,
        "Command: `make bench` (= `cargo build --release && bash scripts/build-release.sh && cargo bench --bench provider`).  "
    );
    let _ = writeln!(md, "Machine: {}.  ", machine());
    let versions: Vec<&str> = hundreds.iter().map(|(v, _)| v.as_str()).collect();
    let _ = writeln!(
        md,
        "Date: {}. Terraform {}, moto 5.2.5 on loopback.\n",
        today(),
        versions.join(" and ")
    );
    let _ = writeln!(md, "| what | figure | target |\n|---|---|---|");
    md.push_str(&startup);
    for (rpc, s) in &rpcs {
        let target = if rpc.starts_with("Plan") { "p50 ≤ 50 µs" } else { "" };
        let _ = writeln!(
            md,
            "| {rpc}, in process (2000 runs) | p50 **{}**, p99 {}, max {} | {target} |",
            fmt_us(s.p50),
            fmt_us(s.p99),
            fmt_us(s.max)
        );
    }
    for (label, figure) in &calls {
        let target = if label.starts_with("refresh") { "1" } else { "≤ 2" };
        let _ = writeln!(md, "| AWS calls per {label} | {figure} | {target} |");
    }
    for (version, runs) in &hundreds {
        for (label, cost) in runs {
            let share = 100.0 * cost.provider_cpu / cost.terraform_cpu.max(1e-9);
            let _ = writeln!(
                md,
                "| 200 connections, `{label}` (-parallelism=20), Terraform {version} | wall {:.1} s; provider peak RSS **{:.1} MB**; provider CPU {:.3} s vs Terraform {:.2} s = **{share:.1} %** ({} provider process(es)) | RSS ≤ 20 MB, CPU ≤ 5 % |",
                cost.wall.as_secs_f64(),
                cost.provider_peak_rss_kib as f64 / 1024.0,
                cost.provider_cpu,
                cost.terraform_cpu,
                cost.providers_seen
            );
        }
    }

    for step in &pairs {
        let cost = &step.cost;
        let _ = writeln!(
            md,
            "| {} connection + API destination pairs, `{}` (-parallelism=20), Terraform {scale_version} | wall {:.1} s; provider peak RSS **{:.1} MB**; AWS calls per destination {}; provider CPU {:.3} s vs Terraform {:.2} s ({} provider process(es)) | RSS ≤ 20 MB; 1 call per destination (a destroy refreshes first) |",
            pairs::PAIRS,
            step.label,
            cost.wall.as_secs_f64(),
            cost.provider_peak_rss_kib as f64 / 1024.0,
            pairs::calls_words(&step.calls_per_destination),
            cost.provider_cpu,
            cost.terraform_cpu,
            cost.providers_seen
        );
    }

    for run in &thousand {
        let cost = &run.cost;
        let share = 100.0 * cost.provider_cpu / cost.terraform_cpu.max(1e-9);
        let _ = writeln!(
            md,
            "| {} connections, `{}` (-parallelism=50), Terraform {scale_version} | wall {:.1} s; provider peak RSS **{:.1} MB**; {} AWS calls; provider CPU {:.2} s = **{:.2}× the floor** of {:.2} s ({:.1} RPCs per connection, {} provider process(es)); {share:.1} % of Terraform's {:.1} s | RSS ≤ 20 MB, CPU ≤ 2× floor |",
            scale::CONNECTIONS,
            run.label,
            cost.wall.as_secs_f64(),
            cost.provider_peak_rss_kib as f64 / 1024.0,
            run.aws_calls,
            cost.provider_cpu,
            cost.provider_cpu / run.floor.max(1e-9),
            run.floor,
            run.rpcs_per_connection,
            cost.providers_seen,
            cost.terraform_cpu
        );
    }

    let starts = &split.process_start;
    let _ = writeln!(
        md,
        "\n## Where the provider's CPU goes\n\n| cost | provider CPU |\n|---|---|"
    );
    let _ = writeln!(
        md,
        "| one provider process: exec, TLS handshake (P-521 client certificate), GetProviderSchema ({} starts) | median **{}**, min {}, max {} |",
        split.starts,
        fmt_ms(starts.p50),
        fmt_ms(starts.min),
        fmt_ms(starts.max)
    );
    let parts = [
        (
            format!(
                "one ValidateResourceConfig over the TLS socket, 20 in flight ({} RPCs); in process it is the p50 above",
                split.rpcs
            ),
            split.rpc_over_socket,
        ),
        (
            format!(
                "one DescribeConnection through the provider's SDK client, against the emulator ({} calls)",
                split.calls
            ),
            split.sdk_call,
        ),
        (
            format!(
                "the same DescribeConnection as a bare HTTP/1.1 request on a fresh TCP connection: the floor the emulator sets ({} calls)",
                split.calls
            ),
            split.bare_call,
        ),
    ];
    for (what, cpu) in &parts {
        let _ = writeln!(md, "| {what} | **{}** |", fmt_us(*cpu));
    }
    let _ = writeln!(
        md,
        "\nNotes: RSS is the kernel's high-water mark (VmHWM) of each provider process, sampled every 5 ms \
         until Terraform exits; provider CPU is the sum of its threads' run time from /proc/PID/task/*/schedstat \
         (nanoseconds), Terraform's is getrusage(RUSAGE_CHILDREN) minus the provider's. AWS calls are counted by the \
         emulator's request recorder. The emulator answers every call at once (no AUTHORIZING phase), so \
         wall times measure Terraform and the provider, not AWS. The emulator closes every HTTP connection, so \
         each AWS call costs the provider a loopback TCP connect and close, much of it kernel time spent on the \
         emulator's side of the loopback; against AWS the SDK keeps connections open. The per-call rows are \
         measured in the bench process on one thread (getrusage(RUSAGE_THREAD)); bench/PROFILE.md puts the \
         rows together. The floor of a 1000-connection row is the model of bench/PROFILE.md with this run's \
         parts: provider processes × the median process start + per connection, the RPCs Terraform sends (counted \
         from its trace log, per-process RPCs left out) × one RPC over the socket + the AWS calls counted × the \
         bare HTTP exchange."
    );
    let _ = write!(md, "\n{}", peer::section(side_by_side.as_deref(), &scale_version));
    let out = root().join("bench/RESULTS.md");
    std::fs::create_dir_all(out.parent().expect("bench dir")).expect("bench dir");
    std::fs::write(&out, &md).expect("write results");
    println!("{md}");
    println!("written to {}", out.display());
}
