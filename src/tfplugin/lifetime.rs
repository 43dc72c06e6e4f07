//! When the provider stops: Terraform's Shutdown (the controller service, in
//! `handshake.rs`), and the cases where Terraform never sends it.
//!
//! - **Terraform is gone.** Killed outright (SIGKILL, TerminateProcess, a CI
//!   timeout, the OOM killer), it sends no Shutdown, and its plugins would
//!   live on, retrying AWS calls for nobody. go-plugin's client opens the
//!   `GRPCStdio.StreamStdio` stream right after connecting and holds it until
//!   after Shutdown, so the stream ending without a Shutdown means Terraform
//!   has hung up: [`HangUp`] turns that into a stop, on every transport and
//!   system. On Unix the parent process id is watched as well, which also
//!   covers a Terraform that dies before it opens the stream.
//! - **Ctrl-C.** Terraform cancels with StopProvider, not signals; a Ctrl-C
//!   (or Ctrl-Break on Windows) in the terminal reaches every process of the
//!   console, so plugins ignore it, as Go's do. In `--debug` Ctrl-C is how the
//!   developer stops the provider.

use std::time::Duration;

use tokio::sync::watch;

/// Sets the shutdown flag when dropped before a Shutdown: put inside the
/// StreamStdio response stream, it fires when that stream goes away.
pub struct HangUp {
    shutdown: Option<watch::Sender<bool>>,
}

impl HangUp {
    /// Armed: its drop stops the provider. Disarmed (`--debug`, where
    /// Terraform attaches and leaves once per command): it does nothing.
    pub fn new(shutdown: &watch::Sender<bool>, armed: bool) -> HangUp {
        HangUp {
            shutdown: armed.then(|| shutdown.clone()),
        }
    }
}

impl Drop for HangUp {
    fn drop(&mut self) {
        if let Some(shutdown) = &self.shutdown {
            if !*shutdown.borrow() {
                tracing::warn!("Terraform closed its connection without Shutdown: it is gone; stopping");
                shutdown.send_replace(true);
            }
        }
    }
}

/// Ignores console interrupts, or, in debug mode, stops on Ctrl-C.
pub fn watch_interrupts(debug: bool, shutdown: watch::Sender<bool>) {
    #[cfg(windows)]
    {
        // tokio's console handler swallows an event only while a listener
        // for it is alive; without one Windows' default handler ends the
        // process. Both listeners are made here, before serving, and kept.
        use tokio::signal::windows;
        let (Ok(mut ctrl_c), Ok(mut ctrl_break)) = (windows::ctrl_c(), windows::ctrl_break()) else {
            tracing::warn!("cannot listen for Ctrl-C: the console's default handler stays");
            return;
        };
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    Some(()) = ctrl_c.recv() => {
                        if debug {
                            shutdown.send_replace(true);
                            return;
                        }
                        tracing::debug!("ignoring Ctrl-C; Terraform stops providers with StopProvider");
                    }
                    Some(()) = ctrl_break.recv() => {
                        tracing::debug!("ignoring Ctrl-Break; Terraform stops providers with StopProvider");
                    }
                    else => return,
                }
            }
        });
    }
    #[cfg(not(windows))]
    tokio::spawn(async move {
        while tokio::signal::ctrl_c().await.is_ok() {
            if debug {
                shutdown.send_replace(true);
                return;
            }
            tracing::debug!("ignoring interrupt; Terraform stops providers with StopProvider");
        }
    });
}

/// How often the provider checks that its parent is still alive.
#[cfg(unix)]
const PARENT_CHECK: Duration = Duration::from_millis(200);

/// On Unix: stop when the parent process changes (we were reparented).
/// Elsewhere there is no such cheap check; [`HangUp`] covers it.
pub fn watch_parent(shutdown: watch::Sender<bool>) {
    #[cfg(unix)]
    {
        let parent = std::os::unix::process::parent_id();
        if parent <= 1 {
            return; // Already orphaned at start: nothing to compare with.
        }
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(PARENT_CHECK);
            loop {
                tick.tick().await;
                if std::os::unix::process::parent_id() != parent {
                    tracing::warn!(parent, "Terraform (the parent process) is gone; stopping");
                    shutdown.send_replace(true);
                    return;
                }
            }
        });
    }
    #[cfg(not(unix))]
    let _ = shutdown;
}

/// How long in-flight answers (the Shutdown reply among them) may take to
/// go out once stopping: Terraform kills plugins that take longer than 2 s.
pub const DRAIN: Duration = Duration::from_millis(500);
