//! What every request of a configured provider carries: the client that
//! ConfigureProvider built, the stop signal, and the capabilities the
//! calling Terraform declared.

use std::sync::Arc;

use tokio::sync::watch;

/// Tells long-running work that Terraform asked the provider to stop
/// (StopProvider, sent on Ctrl-C).
#[derive(Clone, Debug)]
pub struct StopSignal(watch::Receiver<bool>);

impl StopSignal {
    /// A signal and the sender that raises it.
    pub fn new() -> (watch::Sender<bool>, StopSignal) {
        let (tx, rx) = watch::channel(false);
        (tx, StopSignal(rx))
    }

    /// A signal that never fires (for tests and one-off calls).
    pub fn never() -> StopSignal {
        let (tx, rx) = watch::channel(false);
        // Keep the channel open for the life of the process.
        std::mem::forget(tx);
        StopSignal(rx)
    }

    /// Completes once a stop is requested.
    pub async fn stopped(&self) {
        let mut rx = self.0.clone();
        // An error means the sender is gone: nobody can stop us any more.
        if rx.wait_for(|stopped| *stopped).await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

/// Protocol features the calling Terraform declared.
#[derive(Clone, Copy, Debug, Default)]
pub struct ClientCapabilities {
    /// Terraform >= 1.11: write-only attributes are understood.
    pub write_only_attributes_allowed: bool,
    pub deferral_allowed: bool,
}

/// Per-request context: the configured provider client and the stop signal.
pub struct Context<C> {
    pub client: Arc<C>,
    pub stop: StopSignal,
}
