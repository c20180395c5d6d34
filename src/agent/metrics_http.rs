//! The `--metrics` endpoint: `GET /metrics` (Prometheus / OpenMetrics text) and
//! `GET /healthz` (200 while the MQTT session is up, else 503), served by axum on the one
//! address given.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::fleet::metrics::{CONTENT_TYPE, FleetMetrics};

#[derive(Clone)]
struct Endpoint {
    metrics: Arc<FleetMetrics>,
    session_up: Arc<AtomicBool>,
}

async fn get_metrics(State(e): State<Endpoint>) -> Response {
    match e.metrics.encode() {
        Ok(body) => (StatusCode::OK, [(header::CONTENT_TYPE, CONTENT_TYPE)], body).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

async fn healthz(State(e): State<Endpoint>) -> (StatusCode, &'static str) {
    if e.session_up.load(Ordering::Relaxed) {
        (StatusCode::OK, "ok: MQTT session up\n")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "MQTT session down\n")
    }
}

/// Serves until `shutdown` resolves.
///
/// # Errors
/// The listener cannot be handed to the runtime.
pub(crate) async fn serve(
    listener: std::net::TcpListener,
    metrics: Arc<FleetMetrics>,
    session_up: Arc<AtomicBool>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let app = Router::new()
        .route("/metrics", get(get_metrics))
        .route("/healthz", get(healthz))
        .with_state(Endpoint { metrics, session_up });
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await
}
