//! Listings: create, read, list, update and delete, with the lifecycle
//! draft → published → closed and `expired` derived from the deadline.
//!
//! Who may call: anyone reads published, unexpired listings; the owning
//! organization's owners and editors (and admins) also see its drafts, closed
//! and expired listings, and create, update and delete them. A listing the
//! caller may not see answers 404, as if it did not exist.

use hulian_domain::{ListingRecord, ListingStatus, ListingType, Region};
use hulian_store::listings::{self, ListingFilter, ListingRow, Visibility};
use hulian_store::organizations::OrganizationRow;
use hulian_store::page::PageRequest;
use hulian_store::users;
use serde::Deserialize;
use serde_json::Value;
use utoipa::ToSchema;

use crate::ServiceResult;
use crate::accounts::require_login;
use crate::app::App;
use crate::error::ServiceError;
use crate::organizations::{mint_external_id, require_editor, role_in, with_external_id};
use crate::principal::Caller;
use crate::views::{ListingPage, ListingView, is_expired};

#[derive(Debug, Clone, Default, Deserialize, ToSchema, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListingQuery {
    /// The owning organization's external id.
    pub organization: Option<String>,
    pub listing_type: Option<ListingType>,
    /// A sector slug; a top-level sector also matches its sub-sectors.
    pub sector: Option<String>,
    pub region: Option<Region>,
    /// Only meaningful to owners and admins: others see published listings only.
    pub status: Option<ListingStatus>,
    /// Only the caller's own organizations' listings (all statuses).
    pub mine: Option<bool>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

fn not_found(external_id: &str) -> ServiceError {
    ServiceError::NotFound("listing_not_found", format!("no listing `{external_id}`"))
}

impl App {
    pub(crate) fn listing_view(
        &self,
        row: &ListingRow,
        org: &OrganizationRow,
        editable: bool,
    ) -> ServiceResult<ListingView> {
        let record = hulian_store::convert::listing_record(row, &org.external_id)?;
        let effective_target_regions = record.effective_target_regions(&self.config.counterparts);
        Ok(ListingView {
            expired: is_expired(record.deadline, self.today()),
            record,
            organization_name: org.name.clone(),
            organization_name_en: org.name_en.clone(),
            organization_verified: org.verified,
            effective_target_regions,
            published_at: row.published_at,
            created_at: row.created_at,
            updated_at: row.updated_at,
            editable,
        })
    }

    /// Whether the caller may edit listings of this organization.
    async fn can_edit(&self, caller: Caller, organization_id: i64) -> ServiceResult<bool> {
        Ok(match caller {
            Some(p) if p.is_admin() => true,
            Some(p) => role_in(self.store.conn(), p, organization_id).await?.is_some(),
            None => false,
        })
    }

    /// The listing and its organization, if the caller may see it.
    pub(crate) async fn visible_listing(
        &self,
        caller: Caller,
        external_id: &str,
    ) -> ServiceResult<(ListingRow, OrganizationRow, bool)> {
        let row = listings::find_by_external_id(self.store.conn(), external_id)
            .await?
            .ok_or_else(|| not_found(external_id))?;
        let org = self.organization_row_by_id(row.organization_id).await?;
        let editable = self.can_edit(caller, org.id).await?;
        let public = row.status == ListingStatus::Published.as_str() && !is_expired(row.deadline, self.today());
        if public || editable {
            Ok((row, org, editable))
        } else {
            Err(not_found(external_id))
        }
    }

    async fn organization_row_by_id(&self, id: i64) -> ServiceResult<OrganizationRow> {
        hulian_store::organizations::find_by_id(self.store.conn(), id)
            .await?
            .ok_or_else(|| ServiceError::Internal(format!("organization {id} is missing")))
    }

    /// The organization a listing body names, which the caller must be able to edit.
    async fn owning_organization(&self, caller: Caller, record_org: &str) -> ServiceResult<OrganizationRow> {
        let org = hulian_store::organizations::find_by_external_id(self.store.conn(), record_org)
            .await?
            .ok_or_else(|| {
                ServiceError::validation("organization", "not_found", format!("no organization `{record_org}`"))
            })?;
        require_editor(self.store.conn(), caller, org.id).await?;
        Ok(org)
    }

    pub async fn create_listing(&self, caller: Caller, body: Value) -> ServiceResult<ListingView> {
        require_login(caller)?;
        let map = with_external_id(body, &mint_external_id("lst"), false)?;
        // Who may post for this organization is settled before the body is judged,
        // so an outsider learns nothing from validation errors.
        let named = map.get("organization").and_then(Value::as_str).map(str::to_owned);
        let org = match named {
            Some(name) => Some(self.owning_organization(caller, &name).await?),
            None => None,
        };
        let record = ListingRecord::from_json(&map)?;
        let org = match org {
            Some(org) => org,
            None => self.owning_organization(caller, &record.organization).await?,
        };
        let txn = self.store.begin_write().await?;
        let row =
            listings::insert(&txn, org.id, &record, self.now())
                .await
                .map_err(|e| match ServiceError::from(e) {
                    ServiceError::Conflict(..) => ServiceError::Conflict(
                        "listing_exists",
                        format!("a listing `{}` already exists", record.external_id),
                    ),
                    other => other,
                })?;
        txn.commit().await?;
        self.listing_view(&row, &org, true)
    }

    pub async fn get_listing(&self, caller: Caller, external_id: &str) -> ServiceResult<ListingView> {
        let (row, org, editable) = self.visible_listing(caller, external_id).await?;
        self.listing_view(&row, &org, editable)
    }

    pub async fn list_listings(&self, caller: Caller, query: ListingQuery) -> ServiceResult<ListingPage> {
        let today = self.today();
        if let Some(sector) = &query.sector
            && !hulian_domain::taxonomy::is_known(sector)
        {
            return Err(ServiceError::validation(
                "sector",
                "invalid_value",
                format!("`{sector}` is not a sector slug"),
            ));
        }
        let own_ids: Vec<i64> = match caller {
            Some(p) => users::memberships_of_user(self.store.conn(), p.user_id)
                .await?
                .into_iter()
                .map(|(m, _)| m.organization_id)
                .collect(),
            None => Vec::new(),
        };
        let is_admin = caller.is_some_and(|p| p.is_admin());
        let visibility = if is_admin {
            Visibility::All
        } else if own_ids.is_empty() {
            Visibility::Public { today }
        } else {
            Visibility::PublicOrOwn {
                today,
                organization_ids: own_ids.clone(),
            }
        };
        let mut filter = ListingFilter::new(visibility);
        filter.listing_type = query.listing_type;
        filter.sector = query.sector;
        filter.region = query.region;
        filter.status = query.status;
        if let Some(org_id) = &query.organization {
            match hulian_store::organizations::find_by_external_id(self.store.conn(), org_id).await? {
                Some(org) => filter.organization_id = Some(org.id),
                None => return Err(crate::organizations::not_found(org_id)),
            }
        }
        if query.mine == Some(true) {
            require_login(caller)?;
            filter.visibility = Visibility::OnlyOwn {
                organization_ids: own_ids.clone(),
            };
        }
        let page = listings::list(self.store.conn(), &filter, PageRequest::new(query.page, query.per_page)).await?;
        let mut items = Vec::with_capacity(page.items.len());
        for (row, org) in &page.items {
            items.push(self.listing_view(row, org, is_admin || own_ids.contains(&org.id))?);
        }
        Ok(ListingPage {
            items,
            total: page.total,
            page: page.page,
            per_page: page.per_page,
        })
    }

    pub async fn update_listing(&self, caller: Caller, external_id: &str, body: Value) -> ServiceResult<ListingView> {
        let (row, org, editable) = self.visible_listing(caller, external_id).await?;
        if !editable {
            require_login(caller)?;
            return Err(ServiceError::forbidden());
        }
        let mut map = with_external_id(body, external_id, true)?;
        match map.get("organization") {
            None | Some(Value::Null) => {
                map.insert("organization".to_owned(), Value::String(org.external_id.clone()));
            }
            Some(Value::String(given)) if *given != org.external_id => {
                return Err(ServiceError::validation(
                    "organization",
                    "immutable",
                    "a listing cannot move to another organization",
                ));
            }
            Some(_) => {}
        }
        let record = ListingRecord::from_json(&map)?;
        let current = ListingStatus::parse(&row.status).unwrap_or(ListingStatus::Draft);
        if !current.can_become(record.status) {
            return Err(ServiceError::Conflict(
                "invalid_status_transition",
                format!("a {current} listing cannot become {}", record.status),
            ));
        }
        let txn = self.store.begin_write().await?;
        let row = listings::update(&txn, row, org.id, &record, self.now()).await?;
        txn.commit().await?;
        self.listing_view(&row, &org, true)
    }

    pub async fn delete_listing(&self, caller: Caller, external_id: &str) -> ServiceResult<()> {
        let (row, _org, editable) = self.visible_listing(caller, external_id).await?;
        if !editable {
            require_login(caller)?;
            return Err(ServiceError::forbidden());
        }
        let txn = self.store.begin_write().await?;
        listings::delete(&txn, &row, self.now()).await?;
        crate::audit::record(
            &txn,
            caller,
            hulian_domain::AuditAction::Deletion,
            ("listing", &row.external_id),
            serde_json::json!({"title": row.title}),
            self.now(),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
