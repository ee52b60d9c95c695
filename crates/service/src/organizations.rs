//! Organizations: create (the creator becomes owner), read, list, update,
//! delete, verify, and manage who may edit them.
//!
//! Who may call: anyone reads; any logged-in user creates; the organization's
//! owners and editors (or an admin) update and delete; owners (or an admin)
//! manage members; admins verify. Contact details are shown only to members
//! and admins.

use hulian_domain::{AuditAction, OrgRole, OrgType, OrganizationRecord, Region};
use hulian_store::ConnectionTrait;
use hulian_store::organizations::{self, OrganizationFilter, OrganizationRow};
use hulian_store::page::PageRequest;
use hulian_store::users;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::ServiceResult;
use crate::accounts::{require_admin, require_login};
use crate::app::App;
use crate::audit;
use crate::error::ServiceError;
use crate::principal::{Caller, Principal};
use crate::views::{MemberView, OrganizationPage, OrganizationView};

#[derive(Debug, Clone, Default, Deserialize, ToSchema, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrganizationQuery {
    pub region: Option<Region>,
    pub org_type: Option<OrgType>,
    /// A sector slug; a top-level sector also matches its sub-sectors.
    pub sector: Option<String>,
    pub verified: Option<bool>,
    /// 1-based.
    pub page: Option<u64>,
    /// 1–100, default 20.
    pub per_page: Option<u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VerifyInput {
    pub verified: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddMemberInput {
    /// The email of an existing account.
    pub email: String,
    pub role: OrgRole,
}

pub(crate) fn not_found(external_id: &str) -> ServiceError {
    ServiceError::NotFound("organization_not_found", format!("no organization `{external_id}`"))
}

/// Mints an external id for a record created without one.
pub(crate) fn mint_external_id(prefix: &str) -> String {
    let mut bytes = [0u8; 6];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
    format!("{prefix}-{}", hex::encode(bytes))
}

/// Puts `external_id` into a JSON body: minted when absent on create, the
/// path's on update (a different one in the body is an error).
pub(crate) fn with_external_id(
    body: Value,
    external_id: &str,
    path_id: bool,
) -> ServiceResult<serde_json::Map<String, Value>> {
    let Value::Object(mut map) = body else {
        return Err(ServiceError::BadRequest(
            "invalid_body",
            "the body must be a JSON object".to_owned(),
        ));
    };
    match map.get("external_id") {
        Some(Value::String(given)) if path_id && given != external_id => {
            return Err(ServiceError::validation(
                "external_id",
                "immutable",
                "cannot be changed",
            ));
        }
        None | Some(Value::Null) => {
            map.insert("external_id".to_owned(), Value::String(external_id.to_owned()));
        }
        Some(_) => {}
    }
    Ok(map)
}

/// The caller's role in an organization, if any.
pub(crate) async fn role_in<C: ConnectionTrait>(
    conn: &C,
    principal: Principal,
    organization_id: i64,
) -> ServiceResult<Option<OrgRole>> {
    Ok(users::membership(conn, principal.user_id, organization_id)
        .await?
        .and_then(|m| OrgRole::parse(&m.role)))
}

/// Owners and editors of the organization, or an admin.
pub(crate) async fn require_editor<C: ConnectionTrait>(
    conn: &C,
    caller: Caller,
    organization_id: i64,
) -> ServiceResult<Principal> {
    let principal = require_login(caller)?;
    if principal.is_admin() || role_in(conn, principal, organization_id).await?.is_some() {
        Ok(principal)
    } else {
        Err(ServiceError::forbidden())
    }
}

async fn require_owner<C: ConnectionTrait>(conn: &C, caller: Caller, organization_id: i64) -> ServiceResult<Principal> {
    let principal = require_login(caller)?;
    if principal.is_admin() || role_in(conn, principal, organization_id).await? == Some(OrgRole::Owner) {
        Ok(principal)
    } else {
        Err(ServiceError::forbidden())
    }
}

impl App {
    pub(crate) async fn organization_row(&self, external_id: &str) -> ServiceResult<OrganizationRow> {
        organizations::find_by_external_id(self.store.conn(), external_id)
            .await?
            .ok_or_else(|| not_found(external_id))
    }

    pub(crate) fn organization_view(
        &self,
        row: &OrganizationRow,
        my_role: Option<OrgRole>,
        show_contact: bool,
    ) -> ServiceResult<OrganizationView> {
        let mut record = hulian_store::convert::organization_record(row)?;
        if !show_contact {
            record.contact = None;
        }
        Ok(OrganizationView {
            record,
            verified: row.verified,
            verified_at: row.verified_at,
            created_at: row.created_at,
            updated_at: row.updated_at,
            my_role: my_role.map(|r| r.as_str().to_owned()),
        })
    }

    async fn organization_view_for(&self, caller: Caller, row: &OrganizationRow) -> ServiceResult<OrganizationView> {
        let my_role = match caller {
            Some(principal) => role_in(self.store.conn(), principal, row.id).await?,
            None => None,
        };
        self.organization_view(row, my_role, my_role.is_some())
    }

    /// A single organization: an admin who is not a member also sees the
    /// contact, and that reveal is audited.
    async fn organization_detail_for(&self, caller: Caller, row: &OrganizationRow) -> ServiceResult<OrganizationView> {
        let mut view = self.organization_view_for(caller, row).await?;
        if view.my_role.is_none()
            && let Some(admin) = caller.filter(|p| p.is_admin())
            && let Some(contact) = hulian_store::convert::organization_record(row)?.contact
        {
            view.record.contact = Some(contact);
            audit::record(
                self.store.conn(),
                Some(admin),
                AuditAction::ContactReveal,
                ("organization", &row.external_id),
                json!({"as": "admin"}),
                self.now(),
            )
            .await?;
        }
        Ok(view)
    }

    pub async fn create_organization(&self, caller: Caller, body: Value) -> ServiceResult<OrganizationView> {
        let principal = require_login(caller)?;
        let map = with_external_id(body, &mint_external_id("org"), false)?;
        let record = OrganizationRecord::from_json(&map)?;
        let now = self.now();
        let txn = self.store.begin_write().await?;
        let row = organizations::insert(&txn, &record, now)
            .await
            .map_err(|e| match ServiceError::from(e) {
                ServiceError::Conflict(..) => ServiceError::Conflict(
                    "organization_exists",
                    format!("an organization `{}` already exists", record.external_id),
                ),
                other => other,
            })?;
        users::add_membership(&txn, principal.user_id, row.id, OrgRole::Owner.as_str(), now).await?;
        txn.commit().await?;
        self.organization_view(&row, Some(OrgRole::Owner), true)
    }

    pub async fn get_organization(&self, caller: Caller, external_id: &str) -> ServiceResult<OrganizationView> {
        let row = self.organization_row(external_id).await?;
        self.organization_detail_for(caller, &row).await
    }

    pub async fn list_organizations(
        &self,
        caller: Caller,
        query: OrganizationQuery,
    ) -> ServiceResult<OrganizationPage> {
        if let Some(sector) = &query.sector
            && !hulian_domain::taxonomy::is_known(sector)
        {
            return Err(ServiceError::validation(
                "sector",
                "invalid_value",
                format!("`{sector}` is not a sector slug"),
            ));
        }
        let filter = OrganizationFilter {
            region: query.region,
            org_type: query.org_type,
            sector: query.sector,
            verified: query.verified,
        };
        let page =
            organizations::list(self.store.conn(), &filter, PageRequest::new(query.page, query.per_page)).await?;
        let mut items = Vec::with_capacity(page.items.len());
        for row in &page.items {
            items.push(self.organization_view_for(caller, row).await?);
        }
        Ok(OrganizationPage {
            items,
            total: page.total,
            page: page.page,
            per_page: page.per_page,
        })
    }

    pub async fn update_organization(
        &self,
        caller: Caller,
        external_id: &str,
        body: Value,
    ) -> ServiceResult<OrganizationView> {
        let row = self.organization_row(external_id).await?;
        require_editor(self.store.conn(), caller, row.id).await?;
        let map = with_external_id(body, external_id, true)?;
        let record = OrganizationRecord::from_json(&map)?;
        let txn = self.store.begin_write().await?;
        let row = organizations::update(&txn, row, &record, self.now()).await?;
        txn.commit().await?;
        self.organization_view_for(caller, &row).await
    }

    pub async fn delete_organization(&self, caller: Caller, external_id: &str) -> ServiceResult<()> {
        let row = self.organization_row(external_id).await?;
        let principal = require_editor(self.store.conn(), caller, row.id).await?;
        let txn = self.store.begin_write().await?;
        organizations::delete(&txn, &row, self.now()).await?;
        audit::record(
            &txn,
            Some(principal),
            AuditAction::Deletion,
            ("organization", &row.external_id),
            json!({"name": row.name}),
            self.now(),
        )
        .await?;
        txn.commit().await?;
        tracing::info!(user_id = principal.user_id, organization = %row.external_id, "organization deleted");
        Ok(())
    }

    pub async fn verify_organization(
        &self,
        caller: Caller,
        external_id: &str,
        input: VerifyInput,
    ) -> ServiceResult<OrganizationView> {
        let admin = require_admin(caller)?;
        let row = self.organization_row(external_id).await?;
        let txn = self.store.begin_write().await?;
        let row = organizations::set_verified(&txn, row, input.verified, self.now()).await?;
        audit::record(
            &txn,
            Some(admin),
            AuditAction::Verification,
            ("organization", &row.external_id),
            json!({"verified": input.verified}),
            self.now(),
        )
        .await?;
        txn.commit().await?;
        tracing::info!(admin = admin.user_id, organization = %row.external_id, verified = input.verified, "verification changed");
        self.organization_view_for(caller, &row).await
    }

    /// Members and admins see who may edit an organization.
    pub async fn organization_members(&self, caller: Caller, external_id: &str) -> ServiceResult<Vec<MemberView>> {
        let row = self.organization_row(external_id).await?;
        require_editor(self.store.conn(), caller, row.id).await?;
        Ok(users::members_of_organization(self.store.conn(), row.id)
            .await?
            .into_iter()
            .map(|(m, u)| MemberView {
                user_id: u.id,
                email: u.email,
                display_name: u.display_name,
                role: m.role,
            })
            .collect())
    }

    /// Owners (or an admin) add an existing account as owner or editor.
    pub async fn add_organization_member(
        &self,
        caller: Caller,
        external_id: &str,
        input: AddMemberInput,
    ) -> ServiceResult<Vec<MemberView>> {
        let row = self.organization_row(external_id).await?;
        let principal = require_owner(self.store.conn(), caller, row.id).await?;
        let email = input.email.trim().to_lowercase();
        let Some(user) = users::find_by_email(self.store.conn(), &email).await? else {
            return Err(ServiceError::validation(
                "email",
                "not_found",
                "no account has this email",
            ));
        };
        if users::membership(self.store.conn(), user.id, row.id).await?.is_some() {
            return Err(ServiceError::Conflict(
                "already_member",
                "this account is already a member".to_owned(),
            ));
        }
        let txn = self.store.begin_write().await?;
        users::add_membership(&txn, user.id, row.id, input.role.as_str(), self.now()).await?;
        audit::record(
            &txn,
            Some(principal),
            AuditAction::MembershipChange,
            ("organization", &row.external_id),
            json!({"added": user.id, "email": user.email, "role": input.role}),
            self.now(),
        )
        .await?;
        txn.commit().await?;
        self.organization_members(caller, external_id).await
    }

    /// Owners (or an admin) remove a member; the last owner cannot be removed.
    pub async fn remove_organization_member(
        &self,
        caller: Caller,
        external_id: &str,
        user_id: i64,
    ) -> ServiceResult<()> {
        let row = self.organization_row(external_id).await?;
        let principal = require_owner(self.store.conn(), caller, row.id).await?;
        let members = users::members_of_organization(self.store.conn(), row.id).await?;
        let Some((target, _)) = members.iter().find(|(m, _)| m.user_id == user_id) else {
            return Err(ServiceError::NotFound(
                "member_not_found",
                format!("user {user_id} is not a member"),
            ));
        };
        let owners = members
            .iter()
            .filter(|(m, _)| m.role == OrgRole::Owner.as_str())
            .count();
        if target.role == OrgRole::Owner.as_str() && owners == 1 {
            return Err(ServiceError::Conflict(
                "last_owner",
                "an organization must keep at least one owner".to_owned(),
            ));
        }
        let txn = self.store.begin_write().await?;
        users::remove_membership(&txn, user_id, row.id).await?;
        audit::record(
            &txn,
            Some(principal),
            AuditAction::MembershipChange,
            ("organization", &row.external_id),
            json!({"removed": user_id, "role": target.role}),
            self.now(),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
