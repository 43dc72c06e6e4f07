//! A loopback TCP server on a thread of its own, for the helpers that
//! stand between the provider and the emulator (the TLS front, the HTTP
//! proxy): each connection goes to `handle` on the server's runtime.

use std::future::Future;

use tokio::net::{TcpListener, TcpStream};

/// Serves 127.0.0.1 on a free port until the test process ends; the port.
pub fn serve<F, Fut>(handle: F) -> u16
where
    F: Fn(TcpStream) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let std_listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    std_listener.set_nonblocking(true).expect("nonblocking");
    let port = std_listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async move {
            let listener = TcpListener::from_std(std_listener).expect("listener");
            loop {
                if let Ok((client, _)) = listener.accept().await {
                    tokio::spawn(handle(client));
                }
            }
        });
    });
    port
}
