//! Every route of `/api/v1`, collected with its OpenAPI description.

pub mod alerts;
pub mod audit;
pub mod auth;
pub mod cooperations;
pub mod exchange;
pub mod health;
pub mod introductions;
pub mod listings;
pub mod matching;
pub mod organizations;
pub mod search;
pub mod taxonomy;
pub mod users;
pub mod webhooks;

use hulian_service::App;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::openapi::ApiDoc;

pub fn api_router() -> OpenApiRouter<App> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(auth::register))
        .routes(routes!(auth::login))
        .routes(routes!(auth::refresh))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me))
        .routes(routes!(users::list_users))
        .routes(routes!(users::set_role))
        .routes(routes!(
            organizations::list_organizations,
            organizations::create_organization
        ))
        .routes(routes!(
            organizations::get_organization,
            organizations::update_organization,
            organizations::delete_organization
        ))
        .routes(routes!(organizations::verify_organization))
        .routes(routes!(organizations::list_members, organizations::add_member))
        .routes(routes!(organizations::remove_member))
        .routes(routes!(listings::list_listings, listings::create_listing))
        .routes(routes!(
            listings::get_listing,
            listings::update_listing,
            listings::delete_listing
        ))
        .merge(exchange::router())
        .routes(routes!(taxonomy::taxonomy))
        .routes(routes!(search::search))
        .routes(routes!(matching::listing_matches))
        .routes(routes!(matching::set_feedback, matching::clear_feedback))
        .routes(routes!(matching::recommendations))
        .routes(routes!(alerts::inbox))
        .routes(routes!(alerts::mark_read))
        .routes(routes!(alerts::mark_all_read))
        .routes(routes!(alerts::list_saved_searches, alerts::create_saved_search))
        .routes(routes!(alerts::delete_saved_search))
        .routes(routes!(webhooks::list_webhooks, webhooks::create_webhook))
        .routes(routes!(webhooks::update_webhook, webhooks::delete_webhook))
        .routes(routes!(webhooks::list_deliveries))
        .routes(routes!(webhooks::test_webhook))
        .routes(routes!(
            introductions::list_introductions,
            introductions::create_introduction
        ))
        .routes(routes!(introductions::get_introduction))
        .routes(routes!(introductions::accept_introduction))
        .routes(routes!(introductions::decline_introduction))
        .routes(routes!(introductions::withdraw_introduction))
        .routes(routes!(cooperations::list_cooperations))
        .routes(routes!(cooperations::get_cooperation))
        .routes(routes!(cooperations::move_stage))
        .routes(routes!(cooperations::set_key_project))
        .routes(routes!(cooperations::cooperation_report))
        .routes(routes!(cooperations::cooperation_report_csv))
        .routes(routes!(audit::audit_log))
}
