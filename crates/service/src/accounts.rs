//! Accounts: registration, login, token refresh with rotation, logout, the
//! caller's profile, and user administration.

use chrono::Duration;
use hulian_domain::organization::looks_like_email;
use hulian_domain::{FieldError, PlatformRole, ValidationErrors};
pub use hulian_store::page::PageRequest;
use hulian_store::users::{self, UserRow};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::ServiceResult;
use crate::app::App;
use crate::auth::{self, digest, new_family, new_refresh_token};
use crate::error::ServiceError;
use crate::principal::{Caller, Principal};
use crate::views::{AuthSession, MeView, MembershipView, UserPage, UserView};

pub const MIN_PASSWORD: usize = 10;
pub const MAX_PASSWORD: usize = 128;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterInput {
    pub email: String,
    /// 10–128 characters.
    pub password: String,
    pub display_name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginInput {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshInput {
    pub refresh_token: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleInput {
    /// `member`, `promoter` or `admin`.
    pub role: PlatformRole,
}

pub fn user_view(row: &UserRow) -> UserView {
    UserView {
        id: row.id,
        email: row.email.clone(),
        display_name: row.display_name.clone(),
        role: row.role.clone(),
        created_at: row.created_at,
    }
}

fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

fn validate_registration(input: &RegisterInput) -> Result<(), ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let email = normalize_email(&input.email);
    if email.is_empty() {
        errors.push(FieldError::new("email", "required", "is required"));
    } else if email.len() > 254 || !looks_like_email(&email) {
        errors.push(FieldError::new("email", "invalid_format", "must be an email address"));
    }
    let length = input.password.chars().count();
    if length < MIN_PASSWORD {
        errors.push(FieldError::new(
            "password",
            "too_short",
            format!("must be at least {MIN_PASSWORD} characters"),
        ));
    } else if length > MAX_PASSWORD {
        errors.push(FieldError::new(
            "password",
            "too_long",
            format!("must be at most {MAX_PASSWORD} characters"),
        ));
    }
    let name = input.display_name.trim();
    if name.is_empty() {
        errors.push(FieldError::new("display_name", "required", "is required"));
    } else if name.chars().count() > 100 {
        errors.push(FieldError::new(
            "display_name",
            "too_long",
            "must be at most 100 characters",
        ));
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

async fn hash_off_runtime(password: String) -> ServiceResult<String> {
    tokio::task::spawn_blocking(move || auth::hash_password(&password))
        .await
        .map_err(|e| ServiceError::Internal(format!("hashing task: {e}")))?
}

async fn verify_off_runtime(password: String, hash: String) -> ServiceResult<bool> {
    tokio::task::spawn_blocking(move || auth::verify_password(&password, &hash))
        .await
        .map_err(|e| ServiceError::Internal(format!("verifying task: {e}")))
}

/// A hash of a random password, verified against when the email is unknown so
/// that a login takes as long whether or not the account exists.
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| auth::hash_password(&auth::new_refresh_token()).unwrap_or_default());

impl App {
    /// Creates a member account and logs it in.
    pub async fn register(&self, input: RegisterInput) -> ServiceResult<AuthSession> {
        validate_registration(&input)?;
        let email = normalize_email(&input.email);
        if users::find_by_email(self.store.conn(), &email).await?.is_some() {
            return Err(ServiceError::Conflict(
                "email_taken",
                "an account with this email already exists".to_owned(),
            ));
        }
        let hash = hash_off_runtime(input.password).await?;
        let row = users::insert(
            self.store.conn(),
            &email,
            &hash,
            input.display_name.trim(),
            PlatformRole::Member.as_str(),
            self.now(),
        )
        .await
        .map_err(|e| match ServiceError::from(e) {
            ServiceError::Conflict(..) => {
                ServiceError::Conflict("email_taken", "an account with this email already exists".to_owned())
            }
            other => other,
        })?;
        self.issue_session(self.store.conn(), &row, None).await
    }

    pub async fn login(&self, input: LoginInput) -> ServiceResult<AuthSession> {
        let email = normalize_email(&input.email);
        let found = users::find_by_email(self.store.conn(), &email).await?;
        let hash = found
            .as_ref()
            .map_or_else(|| DUMMY_HASH.clone(), |u| u.password_hash.clone());
        let matches = verify_off_runtime(input.password, hash).await?;
        match found {
            Some(row) if matches => self.issue_session(self.store.conn(), &row, None).await,
            _ => Err(ServiceError::Unauthenticated(
                "invalid_credentials",
                "email or password is wrong".to_owned(),
            )),
        }
    }

    /// Exchanges a live refresh token for a new pair. The old token is revoked;
    /// presenting a revoked token again revokes its whole family (it was stolen
    /// or replayed).
    pub async fn refresh(&self, input: RefreshInput) -> ServiceResult<AuthSession> {
        let invalid =
            || ServiceError::Unauthenticated("invalid_refresh_token", "the refresh token is not valid".to_owned());
        let now = self.now();
        let txn = self.store.begin_write().await?;
        let Some(token) = users::find_refresh_token(&txn, &digest(&input.refresh_token)).await? else {
            return Err(invalid());
        };
        if token.revoked_at.is_some() {
            users::revoke_refresh_family(&txn, &token.family, now).await?;
            txn.commit().await?;
            tracing::warn!(
                user_id = token.user_id,
                "revoked refresh token presented again; family revoked"
            );
            return Err(invalid());
        }
        if token.expires_at <= now || !users::revoke_refresh_token(&txn, token.id, now).await? {
            return Err(invalid());
        }
        let Some(user) = users::find_by_id(&txn, token.user_id).await? else {
            return Err(invalid());
        };
        let session = self.issue_session(&txn, &user, Some(token.family)).await?;
        txn.commit().await?;
        Ok(session)
    }

    /// Revokes a refresh token (and so ends the session it belongs to).
    pub async fn logout(&self, input: RefreshInput) -> ServiceResult<()> {
        if let Some(token) = users::find_refresh_token(self.store.conn(), &digest(&input.refresh_token)).await? {
            users::revoke_refresh_family(self.store.conn(), &token.family, self.now()).await?;
        }
        Ok(())
    }

    async fn issue_session<C: hulian_store::ConnectionTrait>(
        &self,
        conn: &C,
        user: &UserRow,
        family: Option<String>,
    ) -> ServiceResult<AuthSession> {
        let now = self.now();
        let role = PlatformRole::parse(&user.role).unwrap_or(PlatformRole::Member);
        let ttl = self.config.access_token_ttl.as_secs() as i64;
        let access_token = self.keys.issue(user.id, role, now.timestamp(), ttl)?;
        let refresh_token = new_refresh_token();
        let expires_at = now + Duration::seconds(self.config.refresh_token_ttl.as_secs() as i64);
        let family = family.unwrap_or_else(new_family);
        users::insert_refresh_token(conn, user.id, &digest(&refresh_token), &family, expires_at, now).await?;
        Ok(AuthSession {
            access_token,
            token_type: "Bearer".to_owned(),
            expires_in: ttl,
            refresh_token,
            user: user_view(user),
        })
    }

    /// The caller's account and organizations.
    pub async fn me(&self, caller: Caller) -> ServiceResult<MeView> {
        let principal = caller.ok_or_else(ServiceError::login_required)?;
        let user = self.current_user(principal).await?;
        let memberships = users::memberships_of_user(self.store.conn(), user.id)
            .await?
            .into_iter()
            .map(|(m, org)| MembershipView {
                organization: org.external_id,
                organization_name: org.name,
                role: m.role,
            })
            .collect();
        Ok(MeView {
            user: user_view(&user),
            memberships,
        })
    }

    /// The user a token names; a deleted account's token no longer works.
    pub async fn current_user(&self, principal: Principal) -> ServiceResult<UserRow> {
        users::find_by_id(self.store.conn(), principal.user_id)
            .await?
            .ok_or_else(|| ServiceError::Unauthenticated("invalid_token", "the account no longer exists".to_owned()))
    }

    /// Admins only.
    pub async fn list_users(&self, caller: Caller, page: PageRequest) -> ServiceResult<UserPage> {
        require_admin(caller)?;
        let page = users::list(self.store.conn(), page).await?;
        Ok(UserPage {
            items: page.items.iter().map(user_view).collect(),
            total: page.total,
            page: page.page,
            per_page: page.per_page,
        })
    }

    /// Admins only. Takes effect at the user's next token.
    pub async fn set_user_role(&self, caller: Caller, user_id: i64, input: RoleInput) -> ServiceResult<UserView> {
        let admin = require_admin(caller)?;
        let Some(row) = users::find_by_id(self.store.conn(), user_id).await? else {
            return Err(ServiceError::NotFound("user_not_found", format!("no user {user_id}")));
        };
        if admin.user_id == user_id && input.role != PlatformRole::Admin {
            return Err(ServiceError::Conflict(
                "cannot_demote_self",
                "an admin cannot remove their own admin role".to_owned(),
            ));
        }
        let txn = self.store.begin_write().await?;
        let previous = row.role.clone();
        let row = users::set_role(&txn, row, input.role.as_str()).await?;
        crate::audit::record(
            &txn,
            Some(admin),
            hulian_domain::AuditAction::RoleChange,
            ("user", &user_id.to_string()),
            serde_json::json!({"email": row.email, "from": previous, "to": input.role}),
            self.now(),
        )
        .await?;
        txn.commit().await?;
        tracing::info!(admin = admin.user_id, user_id, role = %input.role, "role changed");
        Ok(user_view(&row))
    }

    /// Creates an admin account, or makes an existing account admin and sets its password (CLI).
    pub async fn create_admin(&self, email: &str, password: &str, display_name: &str) -> ServiceResult<UserView> {
        validate_registration(&RegisterInput {
            email: email.to_owned(),
            password: password.to_owned(),
            display_name: display_name.to_owned(),
        })?;
        let email = normalize_email(email);
        let hash = hash_off_runtime(password.to_owned()).await?;
        let txn = self.store.begin_write().await?;
        let row = match users::find_by_email(&txn, &email).await? {
            Some(existing) => {
                let existing = users::set_password(&txn, existing, &hash).await?;
                users::set_role(&txn, existing, PlatformRole::Admin.as_str()).await?
            }
            None => {
                users::insert(
                    &txn,
                    &email,
                    &hash,
                    display_name.trim(),
                    PlatformRole::Admin.as_str(),
                    self.now(),
                )
                .await?
            }
        };
        txn.commit().await?;
        Ok(user_view(&row))
    }
}

pub fn require_login(caller: Caller) -> ServiceResult<Principal> {
    caller.ok_or_else(ServiceError::login_required)
}

pub fn require_admin(caller: Caller) -> ServiceResult<Principal> {
    let principal = require_login(caller)?;
    if principal.is_admin() {
        Ok(principal)
    } else {
        Err(ServiceError::forbidden())
    }
}

impl App {
    /// Verifies an access token and reads the account it names, so that a
    /// role change or a deleted account takes effect at once.
    pub async fn authenticate(&self, token: &str) -> ServiceResult<Principal> {
        let claimed = self.keys.verify(token)?;
        let user = self.current_user(claimed).await?;
        let role = PlatformRole::parse(&user.role).unwrap_or(PlatformRole::Member);
        Ok(Principal { user_id: user.id, role })
    }
}
