//! The accept loop. Each connection is served by hyper and can be killed from inside a
//! request (`ConnectionKill`), which is how the sandbox closes a connection without
//! answering (the `drop` and `drop_after_commit` faults).

use std::sync::Arc;

use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};
use tower::ServiceExt;

/// Fired by a request to close its own connection.
#[derive(Clone)]
pub struct ConnectionKill(Arc<Notify>);

impl ConnectionKill {
    pub fn fire(&self) {
        self.0.notify_one();
    }
}

/// Serves until `stop` changes; in-flight connections are given up at that point too.
pub async fn serve(listener: TcpListener, router: Router, mut stop: watch::Receiver<bool>) {
    let mut connections = tokio::task::JoinSet::new();
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = stop.changed() => break,
        };
        let (stream, _) = match accepted {
            Ok(a) => a,
            Err(e) => {
                tracing::warn!(error = %e, "accept failed");
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let mut stop = stop.clone();
        connections.spawn(async move {
            let kill = Arc::new(Notify::new());
            let handle = ConnectionKill(kill.clone());
            let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
                req.extensions_mut().insert(handle.clone());
                router.clone().oneshot(req.map(axum::body::Body::new))
            });
            let conn = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = conn => {}
                _ = kill.notified() => {}
                _ = stop.changed() => {}
            }
        });
        while connections.try_join_next().is_some() {}
    }
    connections.shutdown().await;
}
