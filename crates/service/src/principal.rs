//! Who is calling: an authenticated user and their platform role.

use hulian_domain::PlatformRole;

/// An authenticated caller, from a verified access token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Principal {
    pub user_id: i64,
    pub role: PlatformRole,
}

impl Principal {
    pub fn is_admin(&self) -> bool {
        self.role == PlatformRole::Admin
    }

    /// Admins and investment-promotion officers: bulk import and export.
    pub fn is_promoter_or_admin(&self) -> bool {
        matches!(self.role, PlatformRole::Promoter | PlatformRole::Admin)
    }
}

/// The caller of a use case: `None` for anonymous requests.
pub type Caller = Option<Principal>;
