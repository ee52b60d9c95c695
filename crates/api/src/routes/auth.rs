//! Accounts and sessions.

use axum::extract::State;
use axum::http::StatusCode;
use hulian_service::App;
use hulian_service::accounts::{LoginInput, RefreshInput, RegisterInput};
use hulian_service::views::{AuthSession, MeView};

use crate::error::{ApiResult, ErrorBody};
use crate::extract::{Auth, Json};

/// Create a member account and start a session.
///
/// Who may call: anyone.
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "accounts", request_body = RegisterInput,
    responses(
        (status = 201, body = AuthSession),
        (status = 409, description = "`email_taken`", body = ErrorBody),
        (status = 422, description = "`validation_failed`, `invalid_body`", body = ErrorBody),
    ))]
pub async fn register(
    State(app): State<App>,
    Json(input): Json<RegisterInput>,
) -> ApiResult<(StatusCode, axum::Json<AuthSession>)> {
    Ok((StatusCode::CREATED, axum::Json(app.register(input).await?)))
}

/// Log in with email and password.
///
/// Who may call: anyone.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "accounts", request_body = LoginInput,
    responses(
        (status = 200, body = AuthSession),
        (status = 401, description = "`invalid_credentials`", body = ErrorBody),
    ))]
pub async fn login(State(app): State<App>, Json(input): Json<LoginInput>) -> ApiResult<axum::Json<AuthSession>> {
    Ok(axum::Json(app.login(input).await?))
}

/// Exchange a refresh token for a new access and refresh token; the old refresh token stops working.
///
/// Who may call: the holder of a live refresh token.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "accounts", request_body = RefreshInput,
    responses(
        (status = 200, body = AuthSession),
        (status = 401, description = "`invalid_refresh_token`", body = ErrorBody),
    ))]
pub async fn refresh(State(app): State<App>, Json(input): Json<RefreshInput>) -> ApiResult<axum::Json<AuthSession>> {
    Ok(axum::Json(app.refresh(input).await?))
}

/// End a session: its refresh token (and every token rotated from it) is revoked.
///
/// Who may call: the holder of the refresh token.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "accounts", request_body = RefreshInput,
    responses((status = 204, description = "logged out")))]
pub async fn logout(State(app): State<App>, Json(input): Json<RefreshInput>) -> ApiResult<StatusCode> {
    app.logout(input).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's account and organizations.
///
/// Who may call: any logged-in user.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])),
    responses(
        (status = 200, body = MeView),
        (status = 401, description = "`login_required`, `invalid_token`, `token_expired`", body = ErrorBody),
    ))]
pub async fn me(State(app): State<App>, Auth(caller): Auth) -> ApiResult<axum::Json<MeView>> {
    Ok(axum::Json(app.me(caller).await?))
}
