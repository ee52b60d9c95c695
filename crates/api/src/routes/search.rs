//! Full-text search.

use axum::extract::State;
use hulian_service::App;
use hulian_service::search::{SearchQuery, SearchResults};

use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Auth, Query};

/// Search published, unexpired listings in Chinese or English, with filters and facet counts.
///
/// Any text is a valid query (syntax that does not parse is searched as plain words); an empty query browses. Snippets and titles come HTML-escaped with matches in `<mark>`.
///
/// Who may call: anyone.
#[utoipa::path(get, path = "/api/v1/search", tag = "search", params(SearchQuery),
    responses((status = 200, body = SearchResults), (status = 400, description = "`invalid_query`", body = ErrorBody)))]
pub async fn search(
    State(app): State<App>,
    Auth(caller): Auth,
    Query(query): Query<SearchQuery>,
) -> ApiResult<axum::Json<SearchResults>> {
    Ok(axum::Json(app.search_listings(caller, query).await?))
}
