//! The OpenAPI 3.1 document (`/api/v1/openapi.json`) and the interactive API
//! page (`/api/docs`, Swagger UI served from the binary, no internet needed).

use axum::Router;
use hulian_service::App;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_swagger_ui::SwaggerUi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Hulian API",
        version = "1",
        description = "Matchmaking for Shanghai–Dalian counterpart cooperation (沪连对口合作). \
Errors share one envelope: `{\"error\": {\"code\", \"message\", \"fields\"?, \"lines\"?}}`; switch on `code`. \
Authenticate with `Authorization: Bearer <access_token>` from `/api/v1/auth/login`. \
Organizations and listings are identified by their `external_id`.",
        license(name = "Apache-2.0")
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "accounts", description = "Registration, sessions and the caller's profile"),
        (name = "users", description = "User administration"),
        (name = "organizations", description = "Enterprises, parks, funds, agencies, associations, institutes"),
        (name = "listings", description = "Projects, needs, offers, park space, fund mandates, technologies"),
        (name = "exchange", description = "Bulk import and export in the exchange format (NDJSON)"),
        (name = "matching", description = "Ranked, explained partner recommendations and the owners' decisions"),
        (name = "search", description = "Full-text search with filters and facets"),
        (name = "taxonomy", description = "Sectors, regions, listing types, modes"),
        (name = "alerts", description = "The inbox, saved searches and outbound webhooks"),
        (name = "introductions", description = "Interest, brokered introductions and their answers; contacts after acceptance"),
        (name = "cooperations", description = "Cooperations from 意向 to 投产, key projects, reports"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// The full document, as served.
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, openapi) = crate::routes::api_router().split_for_parts();
    openapi
}

pub fn docs_router(openapi: utoipa::openapi::OpenApi) -> Router<App> {
    Router::new().merge(SwaggerUi::new("/api/docs").url("/api/v1/openapi.json", openapi))
}
