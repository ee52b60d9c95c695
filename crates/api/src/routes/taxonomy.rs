//! The platform's vocabularies.

use axum::extract::State;
use hulian_service::App;
use hulian_service::taxonomy::TaxonomyView;

/// Sectors (with sub-sectors and GB/T 4754 codes), regions, listing types with their counterparts, modes, organization types and the configured counterpart pairs.
///
/// Who may call: anyone.
#[utoipa::path(get, path = "/api/v1/taxonomy", tag = "taxonomy", responses((status = 200, body = TaxonomyView)))]
pub async fn taxonomy(State(app): State<App>) -> axum::Json<TaxonomyView> {
    axum::Json(app.taxonomy())
}
