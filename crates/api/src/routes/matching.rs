//! Partner recommendations and the owners' decisions on them.

use axum::extract::State;
use axum::http::StatusCode;
use hulian_service::App;
use hulian_service::matching::{FeedbackInput, MatchQuery, MatchesView};

use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Auth, Json, Path, Query};

/// The best partners for a listing, ranked and explained (each factor's contribution, reasons in 中文 and English).
///
/// Candidates are published, unexpired listings of a complementary type in a counterpart region, never of the same organization, never dismissed by its owners.
///
/// Who may call: anyone who may see the listing.
#[utoipa::path(get, path = "/api/v1/listings/{id}/matches", tag = "matching", params(("id" = String, Path, description = "external id"), MatchQuery),
    responses((status = 200, body = MatchesView), (status = 404, description = "`listing_not_found`", body = ErrorBody)))]
pub async fn listing_matches(
    State(app): State<App>,
    Auth(caller): Auth,
    Path(id): Path<String>,
    Query(query): Query<MatchQuery>,
) -> ApiResult<axum::Json<MatchesView>> {
    Ok(axum::Json(app.listing_matches(caller, &id, query).await?))
}

/// Shortlist or dismiss a match; a dismissed match never returns.
///
/// Who may call: the owners and editors of the listing's organization, and admins.
#[utoipa::path(put, path = "/api/v1/listings/{id}/matches/{candidate}", tag = "matching", request_body = FeedbackInput,
    params(("id" = String, Path, description = "external id of the listing"), ("candidate" = String, Path, description = "external id of the matched listing")),
    security(("bearer" = [])),
    responses((status = 204, description = "recorded"), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn set_feedback(
    State(app): State<App>,
    Auth(caller): Auth,
    Path((id, candidate)): Path<(String, String)>,
    Json(input): Json<FeedbackInput>,
) -> ApiResult<StatusCode> {
    app.set_match_feedback(caller, &id, &candidate, input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Forget a shortlist or dismiss decision.
///
/// Who may call: the owners and editors of the listing's organization, and admins.
#[utoipa::path(delete, path = "/api/v1/listings/{id}/matches/{candidate}", tag = "matching",
    params(("id" = String, Path, description = "external id of the listing"), ("candidate" = String, Path, description = "external id of the matched listing")),
    security(("bearer" = [])),
    responses((status = 204, description = "cleared"), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn clear_feedback(
    State(app): State<App>,
    Auth(caller): Auth,
    Path((id, candidate)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    app.clear_match_feedback(caller, &id, &candidate).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Recommendations across an organization's listings, best first (each candidate once, with `for_listing`).
///
/// Who may call: the organization's owners and editors, and admins.
#[utoipa::path(get, path = "/api/v1/organizations/{id}/recommendations", tag = "matching", params(("id" = String, Path, description = "external id"), MatchQuery),
    security(("bearer" = [])),
    responses((status = 200, body = MatchesView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn recommendations(
    State(app): State<App>,
    Auth(caller): Auth,
    Path(id): Path<String>,
    Query(query): Query<MatchQuery>,
) -> ApiResult<axum::Json<MatchesView>> {
    Ok(axum::Json(app.organization_recommendations(caller, &id, query).await?))
}
