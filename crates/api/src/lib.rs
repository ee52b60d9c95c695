//! The HTTP adapter: axum routes under `/api/v1`, the error envelope, the
//! authentication extractor, the OpenAPI document and its interactive page,
//! health checks, and the built SPA served on the same port.
//!
//! Handlers are thin: they extract, call one use case of `hulian-service` and
//! answer. Who may call each endpoint is decided in the service and stated in
//! each handler's OpenAPI description.

pub mod error;
pub mod extract;
pub mod openapi;
pub mod routes;
pub mod spa;

use std::net::SocketAddr;
use std::path::PathBuf;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use hulian_service::App;
use tower_http::trace::TraceLayer;

pub use error::ApiError;

/// Largest JSON body accepted (imports have their own, larger limit).
pub const BODY_LIMIT: usize = 1024 * 1024;
/// Largest NDJSON file accepted by the import endpoint.
pub const IMPORT_BODY_LIMIT: usize = 64 * 1024 * 1024;

/// The whole application: API, API documentation, health checks and (when
/// `spa_dir` holds a build) the SPA with deep links.
pub fn router(app: App, spa_dir: Option<PathBuf>) -> Router {
    let (api, openapi) = routes::api_router().split_for_parts();
    let docs = openapi::docs_router(openapi);
    Router::new()
        .merge(api)
        .merge(docs)
        .merge(routes::health::router())
        .method_not_allowed_fallback(error::method_not_allowed)
        .fallback_service(spa::service(spa_dir))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(app.clone(), wake_indexer))
        .layer(TraceLayer::new_for_http())
        .with_state(app)
}

/// After a successful write, wakes the search index follower so the change
/// is searchable at once rather than at its next poll.
async fn wake_indexer(
    axum::extract::State(app): axum::extract::State<App>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let writes = request.method() != axum::http::Method::GET && request.method() != axum::http::Method::HEAD;
    let response = next.run(request).await;
    if writes && response.status().is_success() {
        app.index_changed();
    }
    response
}

/// Serves until ctrl-c or SIGTERM, then finishes in-flight requests.
pub async fn serve(app: App, addr: SocketAddr, spa_dir: Option<PathBuf>) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!(%addr, "listening");
    axum::serve(listener, router(app, spa_dir))
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
