//! Serving the built SPA on the API's port: static files, and `index.html`
//! for any other path that is not the API, so deep links survive a refresh.

use std::convert::Infallible;
use std::path::PathBuf;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use tower::ServiceExt;
use tower::service_fn;
use tower::util::BoxCloneSyncService;
use tower_http::services::{ServeDir, ServeFile};

use crate::error::ApiError;

pub type FallbackService = BoxCloneSyncService<Request<Body>, Response, Infallible>;

const NOT_BUILT: &str = r#"<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>沪连 Hulian</title>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto"><h1>沪连 Hulian</h1>
<p>The web app has not been built. The API is up: see <a href="/api/docs">the API documentation</a>.</p></body></html>"#;

/// Unknown API paths answer a JSON 404; everything else goes to the SPA.
pub fn service(spa_dir: Option<PathBuf>) -> FallbackService {
    let static_files = spa_dir
        .filter(|dir| dir.join("index.html").is_file())
        .map(|dir| ServeDir::new(&dir).fallback(ServeFile::new(dir.join("index.html"))));
    BoxCloneSyncService::new(service_fn(move |request: Request<Body>| {
        let static_files = static_files.clone();
        async move {
            let path = request.uri().path();
            if path.starts_with("/api/") || path == "/api" {
                return Ok(
                    ApiError::new(StatusCode::NOT_FOUND, "route_not_found", format!("no route {path}")).into_response(),
                );
            }
            match static_files {
                Some(files) => Ok(files
                    .oneshot(request)
                    .await
                    .map(IntoResponse::into_response)
                    .unwrap_or_else(|e| match e {})),
                None => Ok(Html(NOT_BUILT).into_response()),
            }
        }
    }))
}
