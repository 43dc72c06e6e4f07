//! Processes as Linux's /proc shows them: finding the provider that a
//! Terraform started (natively, or a Windows build under Wine), and telling
//! whether it still runs.

/// `(pid, parent pid, command line)` of every process; the command line's
/// arguments joined by spaces, or the short name (`comm`) when it has none.
pub fn processes() -> Vec<(u32, u32, String)> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            // pid (comm) state ppid ...
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            let (head, rest) = stat.split_once(") ")?;
            let comm = head.split_once(" (")?.1.to_string();
            let ppid = rest.split_whitespace().nth(1)?.parse().ok()?;
            let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ").trim().to_string();
            Some((pid, ppid, if cmdline.is_empty() { comm } else { cmdline }))
        })
        .collect()
}

/// The provider among the descendants of `root` (a wrapper script may sit
/// between the test and the real terraform, and Wine between Terraform and
/// a Windows provider), with its parent's pid.
pub fn provider_under(root: u32) -> Option<(u32, u32)> {
    let all = processes();
    let mut family = vec![root];
    let mut i = 0;
    while i < family.len() {
        let parent = family[i];
        family.extend(all.iter().filter(|p| p.1 == parent).map(|p| p.0));
        i += 1;
    }
    all.iter()
        .find(|(pid, _, command)| *pid != root && family.contains(pid) && is_provider(command))
        .map(|(pid, ppid, _)| (*pid, *ppid))
}

/// The provider's command: a word of it names the binary (the program
/// itself, or the `.exe` that `wine64` runs; a Linux or a Windows path).
fn is_provider(command: &str) -> bool {
    command.split(' ').any(|word| {
        let name = word.rsplit(['/', '\\']).next().unwrap_or_default();
        name.starts_with("terraform-prov")
    })
}

/// True while `pid` runs (a zombie counts as gone).
pub fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .is_ok_and(|stat| !stat.split_once(") ").is_some_and(|(_, rest)| rest.starts_with('Z')))
}

/// Starts `terraform` (an `apply` that will wait on AWS), waits until
/// `waiting()` says it is waiting and its provider runs, then SIGKILLs it,
/// as a CI timeout or the OOM killer does: no Shutdown RPC. Returns how long
/// the provider outlived it, or None when it still ran 10 s later (then it
/// is killed too, so that no test leaves it behind).
pub fn kill_terraform_and_time_its_provider(
    mut terraform: std::process::Command,
    waiting: impl Fn() -> bool,
) -> Option<std::time::Duration> {
    use std::time::{Duration, Instant};
    let mut terraform = terraform
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start terraform");
    let start = Instant::now();
    let mut found = None;
    while found.is_none() && start.elapsed() < Duration::from_secs(90) {
        if waiting() {
            found = provider_under(terraform.id());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let Some((provider, its_terraform)) = found else {
        let _ = terraform.kill();
        let _ = terraform.wait();
        panic!("the provider never ran under Terraform and waited on AWS");
    };
    // The provider's parent is the real terraform when a wrapper runs it.
    if its_terraform != terraform.id() {
        // SAFETY: kill(2) on a pid just read; no memory is involved.
        unsafe { libc::kill(its_terraform as i32, libc::SIGKILL) };
    }
    let _ = terraform.kill();
    let _ = terraform.wait();
    let killed = Instant::now();
    while alive(provider) && killed.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    if alive(provider) {
        // SAFETY: as above; don't leave it running after a failed test.
        unsafe { libc::kill(provider as i32, libc::SIGKILL) };
        return None;
    }
    Some(killed.elapsed())
}
