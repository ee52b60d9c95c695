//! What the use cases return: records as callers may see them, plus the
//! platform's own fields. These are the shapes of the API's JSON bodies.

use chrono::{DateTime, NaiveDate, Utc};
use hulian_domain::{ListingRecord, OrganizationRecord, Region};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A user as the platform shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UserView {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    /// `member`, `promoter` or `admin`.
    pub role: String,
    pub created_at: DateTime<Utc>,
}

/// An organization the user belongs to, and their role there.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MembershipView {
    pub organization: String,
    pub organization_name: String,
    /// `owner` or `editor`.
    pub role: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MeView {
    pub user: UserView,
    pub memberships: Vec<MembershipView>,
}

/// Tokens handed out at registration, login and refresh.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AuthSession {
    /// Bearer token for `Authorization`, valid 15 minutes.
    pub access_token: String,
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// Opaque, single-use: exchange it at `/auth/refresh` for a new pair.
    pub refresh_token: String,
    pub user: UserView,
}

/// An organization. `contact` is present only for its members, and for
/// admins reading the one organization (an audited reveal).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OrganizationView {
    #[serde(flatten)]
    pub record: OrganizationRecord,
    pub verified: bool,
    pub verified_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The caller's role in this organization (`owner`/`editor`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub my_role: Option<String>,
}

/// A listing with its organization's name and derived state.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ListingView {
    #[serde(flatten)]
    pub record: ListingRecord,
    pub organization_name: String,
    pub organization_name_en: Option<String>,
    pub organization_verified: bool,
    /// The deadline has passed.
    pub expired: bool,
    /// `target_regions` with the default (the counterparts of `region`) applied.
    pub effective_target_regions: Vec<Region>,
    pub published_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Whether the caller may edit it.
    pub editable: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OrganizationPage {
    pub items: Vec<OrganizationView>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ListingPage {
    pub items: Vec<ListingView>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UserPage {
    pub items: Vec<UserView>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MemberView {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub role: String,
}

/// One invalid line of an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ImportLineError {
    pub line: usize,
    pub field: String,
    pub code: String,
    pub message: String,
}

impl std::fmt::Display for ImportLineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            write!(f, "line {}: {}", self.line, self.message)
        } else {
            write!(f, "line {}: {}: {}", self.line, self.field, self.message)
        }
    }
}

/// What an import did, or would have done.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ImportReport {
    /// Nothing was written: the file had invalid lines (and `skip_invalid` was off), or it was a dry run.
    pub committed: bool,
    pub organizations_created: u64,
    pub organizations_updated: u64,
    pub organizations_unchanged: u64,
    pub listings_created: u64,
    pub listings_updated: u64,
    pub listings_unchanged: u64,
    /// Lines not imported.
    pub skipped: u64,
    pub errors: Vec<ImportLineError>,
}

/// The date against which a listing's expiry is read.
pub fn is_expired(deadline: Option<NaiveDate>, today: NaiveDate) -> bool {
    deadline.is_some_and(|d| d < today)
}
