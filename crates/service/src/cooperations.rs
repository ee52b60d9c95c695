//! Cooperations: what an accepted introduction becomes, tracked from 意向
//! interest through 洽谈 negotiation, 签约 signed (with the agreed amount),
//! 开工 construction and 投产 production, or 终止 dropped. Every change is kept
//! on the cooperation's timeline with its date, author and note.
//!
//! Who may call: a cooperation is seen by the members of its two
//! organizations, by promoters and by admins; anyone else is told it does not
//! exist. The two sides' owners and editors, promoters and admins record
//! stage changes; only promoters and admins flag a key project (重点项目),
//! which is audited.

use chrono::{DateTime, NaiveDate, Utc};
use hulian_domain::cooperation::MAX_AGREED_AMOUNT_CNY;
use hulian_domain::{AuditAction, Region, Stage, taxonomy};
use hulian_store::cooperations::{self, CooperationEventRow, CooperationFilter, CooperationRow};
use hulian_store::introductions::IntroductionRow;
use hulian_store::page::PageRequest;
use hulian_store::{ConnectionTrait, listings, organizations, users};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

use crate::ServiceResult;
use crate::accounts::require_login;
use crate::alerts::{self, Event, Notice};
use crate::app::App;
use crate::audit;
use crate::error::ServiceError;
use crate::introductions::clean_note;
use crate::organizations::mint_external_id;
use crate::principal::{Caller, Principal};

/// Moves a cooperation to another stage.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct StageInput {
    pub stage: Stage,
    /// When the stage was reached (China time); today when left out. Not in
    /// the future, not before the current stage was reached.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub note: Option<String>,
    /// The agreed amount in yuan: required on reaching 签约 signed unless
    /// already recorded; may be corrected at any later stage change.
    #[serde(default)]
    pub agreed_amount_cny: Option<i64>,
}

/// Flags or unflags a key project.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct KeyProjectInput {
    pub key_project: bool,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CooperationQuery {
    pub stage: Option<Stage>,
    pub key_project: Option<bool>,
    /// A top-level sector slug.
    pub sector: Option<String>,
    pub region: Option<Region>,
    /// Only cooperations of this organization (external id).
    pub organization: Option<String>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// One side of a cooperation, as named when it began.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CooperationSide {
    /// None once the organization was deleted.
    pub organization: Option<String>,
    pub organization_name: String,
    pub listing: Option<String>,
    /// The listing's title now, while it exists.
    pub listing_title: Option<String>,
}

/// One entry of the timeline.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CooperationEventView {
    /// `created`, `stage` or `key_project`.
    pub kind: String,
    pub from_stage: Option<Stage>,
    pub to_stage: Option<Stage>,
    pub date: NaiveDate,
    pub note: String,
    pub agreed_amount_cny: Option<i64>,
    pub key_project: Option<bool>,
    pub author: String,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CooperationView {
    pub id: String,
    pub introduction: Option<String>,
    pub title: String,
    /// Top-level sector slug.
    pub sector: String,
    pub region: Region,
    pub stage: Stage,
    /// When the current stage was reached.
    pub stage_date: NaiveDate,
    pub signed_on: Option<NaiveDate>,
    pub agreed_amount_cny: Option<i64>,
    pub key_project: bool,
    pub side_a: CooperationSide,
    pub side_b: CooperationSide,
    /// The stages it may move to next.
    pub next_stages: Vec<Stage>,
    /// Whether the caller may record stage changes.
    pub can_update: bool,
    /// Whether the caller may flag it a key project.
    pub can_flag: bool,
    /// The timeline, oldest first (in single reads only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<CooperationEventView>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CooperationPage {
    pub items: Vec<CooperationView>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

fn not_found(public_id: &str) -> ServiceError {
    ServiceError::NotFound("cooperation_not_found", format!("no cooperation `{public_id}`"))
}

fn stage_of(row: &CooperationRow) -> Stage {
    Stage::parse(&row.stage).unwrap_or(Stage::Interest)
}

/// What the caller is to a cooperation.
#[derive(Debug, Clone, Copy)]
struct Standing {
    party: bool,
    overseer: bool,
}

impl Standing {
    /// From the ids of the organizations the caller belongs to.
    fn of(row: &CooperationRow, principal: Principal, my_org_ids: &[i64]) -> Standing {
        Standing {
            party: [row.a_org_id, row.b_org_id]
                .into_iter()
                .flatten()
                .any(|id| my_org_ids.contains(&id)),
            overseer: principal.is_promoter_or_admin(),
        }
    }
}

impl App {
    async fn cooperation_standing<C: ConnectionTrait>(
        &self,
        conn: &C,
        principal: Principal,
        row: &CooperationRow,
    ) -> ServiceResult<Standing> {
        let my_org_ids = users::organization_ids_of_user(conn, principal.user_id).await?;
        Ok(Standing::of(row, principal, &my_org_ids))
    }

    async fn visible_cooperation(
        &self,
        caller: Caller,
        public_id: &str,
    ) -> ServiceResult<(CooperationRow, Principal, Standing)> {
        let principal = require_login(caller)?;
        let row = cooperations::find_by_public_id(self.store.conn(), public_id)
            .await?
            .ok_or_else(|| not_found(public_id))?;
        let standing = self.cooperation_standing(self.store.conn(), principal, &row).await?;
        if !(standing.party || standing.overseer) {
            return Err(not_found(public_id));
        }
        Ok((row, principal, standing))
    }

    async fn cooperation_view<C: ConnectionTrait>(
        &self,
        conn: &C,
        row: &CooperationRow,
        standing: Standing,
        with_events: bool,
    ) -> ServiceResult<CooperationView> {
        let stage = stage_of(row);
        let org_ids: Vec<i64> = [row.a_org_id, row.b_org_id].into_iter().flatten().collect();
        let orgs = organizations::find_by_ids(conn, &org_ids).await?;
        let listing_ids: Vec<i64> = [row.a_listing_id, row.b_listing_id].into_iter().flatten().collect();
        let listing_rows = listings::find_by_ids(conn, &listing_ids).await?;
        let side = |org_id: Option<i64>, name: &str, listing_id: Option<i64>| CooperationSide {
            organization: org_id.and_then(|id| orgs.iter().find(|o| o.id == id).map(|o| o.external_id.clone())),
            organization_name: name.to_owned(),
            listing: listing_id.and_then(|id| listing_rows.iter().find(|l| l.id == id).map(|l| l.external_id.clone())),
            listing_title: listing_id.and_then(|id| listing_rows.iter().find(|l| l.id == id).map(|l| l.title.clone())),
        };
        let events = if with_events {
            Some(
                cooperations::events_of(conn, row.id)
                    .await?
                    .into_iter()
                    .map(event_view)
                    .collect(),
            )
        } else {
            None
        };
        Ok(CooperationView {
            id: row.public_id.clone(),
            introduction: match row.introduction_id {
                Some(id) => hulian_store::introductions::find_by_id(conn, id)
                    .await?
                    .map(|i| i.public_id),
                None => None,
            },
            title: row.title.clone(),
            sector: row.sector.clone(),
            region: Region::parse(&row.region).unwrap_or(Region::Other),
            stage,
            stage_date: row.stage_date,
            signed_on: row.signed_on,
            agreed_amount_cny: row.agreed_amount_cny,
            key_project: row.key_project,
            side_a: side(row.a_org_id, &row.a_org_name, row.a_listing_id),
            side_b: side(row.b_org_id, &row.b_org_name, row.b_listing_id),
            next_stages: Stage::ALL.iter().copied().filter(|s| stage.can_move_to(*s)).collect(),
            can_update: (standing.party || standing.overseer) && !stage.is_terminal(),
            can_flag: standing.overseer,
            events,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }

    /// Starts the cooperation an accepted introduction becomes (inside its transaction).
    pub(crate) async fn begin_cooperation<C: ConnectionTrait>(
        &self,
        conn: &C,
        introduction: &IntroductionRow,
        principal: Principal,
        now: DateTime<Utc>,
    ) -> ServiceResult<CooperationRow> {
        let orgs = organizations::find_by_ids(conn, &[introduction.a_org_id, introduction.b_org_id]).await?;
        let listing_ids: Vec<i64> = introduction
            .a_listing_id
            .into_iter()
            .chain([introduction.b_listing_id])
            .collect();
        let listing_rows = listings::find_by_ids(conn, &listing_ids).await?;
        let (Some(a_org), Some(b_org), Some(b_listing)) = (
            orgs.iter().find(|o| o.id == introduction.a_org_id),
            orgs.iter().find(|o| o.id == introduction.b_org_id),
            listing_rows.iter().find(|l| l.id == introduction.b_listing_id),
        ) else {
            return Err(ServiceError::Internal(format!(
                "introduction {} lost a side",
                introduction.public_id
            )));
        };
        let a_listing = introduction
            .a_listing_id
            .and_then(|id| listing_rows.iter().find(|l| l.id == id));
        let sector = [Some(b_listing), a_listing]
            .into_iter()
            .flatten()
            .find_map(|l| {
                serde_json::from_str::<Vec<String>>(&l.sectors)
                    .ok()
                    .and_then(|s| s.first().map(|slug| taxonomy::top_level(slug).to_owned()))
            })
            .unwrap_or_else(|| "other".to_owned());
        // The project lands where the side that is not Shanghai is.
        let region = [
            Some(b_listing.region.as_str()),
            a_listing.map(|l| l.region.as_str()),
            Some(b_org.region.as_str()),
            Some(a_org.region.as_str()),
        ]
        .into_iter()
        .flatten()
        .find(|r| *r != Region::Shanghai.as_str())
        .unwrap_or(b_listing.region.as_str())
        .to_owned();
        let today = self.today();
        let row = cooperations::insert(
            conn,
            CooperationRow {
                id: 0,
                public_id: mint_external_id("coop"),
                introduction_id: Some(introduction.id),
                a_org_id: Some(a_org.id),
                a_org_name: a_org.name.clone(),
                b_org_id: Some(b_org.id),
                b_org_name: b_org.name.clone(),
                a_listing_id: a_listing.map(|l| l.id),
                b_listing_id: Some(b_listing.id),
                title: b_listing.title.clone(),
                sector,
                region,
                stage: Stage::Interest.as_str().to_owned(),
                stage_date: today,
                signed_on: None,
                agreed_amount_cny: None,
                key_project: false,
                broker_user_id: introduction.broker_user_id,
                created_at: now,
                updated_at: now,
            },
        )
        .await?;
        self.append_event(
            conn,
            &row,
            principal,
            NewEvent {
                kind: "created",
                from_stage: None,
                to_stage: Some(Stage::Interest),
                date: today,
                note: String::new(),
                agreed_amount_cny: None,
                key_project: None,
            },
            now,
        )
        .await?;
        Ok(row)
    }

    async fn append_event<C: ConnectionTrait>(
        &self,
        conn: &C,
        row: &CooperationRow,
        principal: Principal,
        event: NewEvent,
        now: DateTime<Utc>,
    ) -> ServiceResult<()> {
        let author = users::find_by_id(conn, principal.user_id)
            .await?
            .map(|u| u.display_name)
            .unwrap_or_default();
        cooperations::insert_event(
            conn,
            CooperationEventRow {
                id: 0,
                cooperation_id: row.id,
                kind: event.kind.to_owned(),
                from_stage: event.from_stage.map(|s| s.as_str().to_owned()),
                to_stage: event.to_stage.map(|s| s.as_str().to_owned()),
                event_date: event.date,
                note: event.note,
                agreed_amount_cny: event.agreed_amount_cny,
                key_project: event.key_project,
                author_user_id: Some(principal.user_id),
                author_name: author,
                created_at: now,
            },
        )
        .await?;
        Ok(())
    }

    /// The cooperations the caller may see: their organizations'; promoters and admins see all.
    pub async fn list_cooperations(&self, caller: Caller, query: CooperationQuery) -> ServiceResult<CooperationPage> {
        let principal = require_login(caller)?;
        let conn = self.store.conn();
        let filter = self.cooperation_filter(principal, &query).await?;
        let page = cooperations::list(conn, &filter, PageRequest::new(query.page, query.per_page)).await?;
        let mut items = Vec::with_capacity(page.items.len());
        for row in &page.items {
            let standing = Standing::of(row, principal, &filter.org_ids);
            items.push(self.cooperation_view(conn, row, standing, false).await?);
        }
        Ok(CooperationPage {
            items,
            total: page.total,
            page: page.page,
            per_page: page.per_page,
        })
    }

    pub(crate) async fn cooperation_filter(
        &self,
        principal: Principal,
        query: &CooperationQuery,
    ) -> ServiceResult<CooperationFilter> {
        let conn = self.store.conn();
        if let Some(sector) = &query.sector
            && taxonomy::sector(sector).is_none()
        {
            return Err(ServiceError::validation(
                "sector",
                "invalid_value",
                format!("`{sector}` is not a top-level sector slug"),
            ));
        }
        let organization_id = match &query.organization {
            Some(id) => Some(
                organizations::find_by_external_id(conn, id)
                    .await?
                    .ok_or_else(|| {
                        ServiceError::validation("organization", "not_found", format!("no organization `{id}`"))
                    })?
                    .id,
            ),
            None => None,
        };
        let org_ids = users::organization_ids_of_user(conn, principal.user_id).await?;
        Ok(CooperationFilter {
            all: principal.is_promoter_or_admin(),
            org_ids,
            stage: query.stage.map(|s| s.as_str().to_owned()),
            key_project: query.key_project,
            sector: query.sector.clone(),
            region: query.region.map(|r| r.as_str().to_owned()),
            organization_id,
        })
    }

    /// One cooperation with its timeline.
    pub async fn get_cooperation(&self, caller: Caller, public_id: &str) -> ServiceResult<CooperationView> {
        let (row, _, standing) = self.visible_cooperation(caller, public_id).await?;
        self.cooperation_view(self.store.conn(), &row, standing, true).await
    }

    /// Records that a cooperation reached another stage.
    pub async fn move_cooperation_stage(
        &self,
        caller: Caller,
        public_id: &str,
        input: StageInput,
    ) -> ServiceResult<CooperationView> {
        let (row, principal, standing) = self.visible_cooperation(caller, public_id).await?;
        if !(standing.party || standing.overseer) {
            return Err(ServiceError::forbidden());
        }
        let note = clean_note(input.note)?.unwrap_or_default();
        let today = self.today();
        let date = input.date.unwrap_or(today);
        if date > today {
            return Err(ServiceError::validation("date", "in_future", "cannot be in the future"));
        }
        if let Some(amount) = input.agreed_amount_cny
            && !(1..=MAX_AGREED_AMOUNT_CNY).contains(&amount)
        {
            return Err(ServiceError::validation(
                "agreed_amount_cny",
                "out_of_range",
                format!("must be between 1 and {MAX_AGREED_AMOUNT_CNY} yuan"),
            ));
        }
        let txn = self.store.begin_write().await?;
        // Read again inside the transaction so two changes at once cannot both apply.
        let mut row = cooperations::lock(&txn, &row.public_id)
            .await?
            .ok_or_else(|| not_found(public_id))?;
        let from = stage_of(&row);
        if !from.can_move_to(input.stage) {
            return Err(ServiceError::Conflict(
                "invalid_stage_transition",
                format!("a cooperation at `{from}` cannot move to `{}`", input.stage),
            ));
        }
        if date < row.stage_date {
            return Err(ServiceError::validation(
                "date",
                "before_current_stage",
                format!("the current stage was reached on {}", row.stage_date),
            ));
        }
        if input.agreed_amount_cny.is_some() && !input.stage.needs_amount() {
            return Err(ServiceError::validation(
                "agreed_amount_cny",
                "not_allowed",
                "an amount is agreed on signing",
            ));
        }
        if input.stage.needs_amount() && input.agreed_amount_cny.is_none() && row.agreed_amount_cny.is_none() {
            return Err(ServiceError::validation(
                "agreed_amount_cny",
                "required",
                "record the agreed amount on signing",
            ));
        }
        let now = self.now();
        row.stage = input.stage.as_str().to_owned();
        row.stage_date = date;
        if input.stage.needs_amount() && row.signed_on.is_none() {
            row.signed_on = Some(date);
        }
        if let Some(amount) = input.agreed_amount_cny {
            row.agreed_amount_cny = Some(amount);
        }
        row.updated_at = now;
        let row = cooperations::save(&txn, row).await?;
        self.append_event(
            &txn,
            &row,
            principal,
            NewEvent {
                kind: "stage",
                from_stage: Some(from),
                to_stage: Some(input.stage),
                date,
                note,
                agreed_amount_cny: input.agreed_amount_cny,
                key_project: None,
            },
            now,
        )
        .await?;
        self.notify_cooperation(
            &txn,
            &row,
            principal,
            json!({"from_stage": from, "to_stage": input.stage, "date": date}),
        )
        .await?;
        let view = self.cooperation_view(&txn, &row, standing, true).await?;
        txn.commit().await?;
        Ok(view)
    }

    /// Promoters and admins flag (or unflag) a key project; audited.
    pub async fn set_key_project(
        &self,
        caller: Caller,
        public_id: &str,
        input: KeyProjectInput,
    ) -> ServiceResult<CooperationView> {
        let (row, principal, standing) = self.visible_cooperation(caller, public_id).await?;
        if !standing.overseer {
            return Err(ServiceError::Forbidden(
                "forbidden",
                "only promoters and admins flag key projects".to_owned(),
            ));
        }
        let note = clean_note(input.note)?.unwrap_or_default();
        let txn = self.store.begin_write().await?;
        let mut row = cooperations::lock(&txn, &row.public_id)
            .await?
            .ok_or_else(|| not_found(public_id))?;
        if row.key_project == input.key_project {
            let view = self.cooperation_view(&txn, &row, standing, true).await?;
            txn.commit().await?;
            return Ok(view);
        }
        let now = self.now();
        row.key_project = input.key_project;
        row.updated_at = now;
        let row = cooperations::save(&txn, row).await?;
        self.append_event(
            &txn,
            &row,
            principal,
            NewEvent {
                kind: "key_project",
                from_stage: None,
                to_stage: None,
                date: self.today(),
                note,
                agreed_amount_cny: None,
                key_project: Some(input.key_project),
            },
            now,
        )
        .await?;
        audit::record(
            &txn,
            Some(principal),
            AuditAction::KeyProject,
            ("cooperation", &row.public_id),
            json!({"key_project": input.key_project}),
            now,
        )
        .await?;
        self.notify_cooperation(&txn, &row, principal, json!({"key_project": input.key_project}))
            .await?;
        let view = self.cooperation_view(&txn, &row, standing, true).await?;
        txn.commit().await?;
        Ok(view)
    }

    async fn notify_cooperation<C: ConnectionTrait>(
        &self,
        conn: &C,
        row: &CooperationRow,
        principal: Principal,
        change: serde_json::Value,
    ) -> ServiceResult<()> {
        let mut data = json!({
            "cooperation": row.public_id,
            "title": row.title,
            "stage": row.stage,
            "key_project": row.key_project,
            "agreed_amount_cny": row.agreed_amount_cny,
        });
        if let (Some(data), Some(change)) = (data.as_object_mut(), change.as_object()) {
            data.extend(change.clone());
        }
        alerts::notify(
            conn,
            Notice {
                event: Event::CooperationStageChanged,
                organization_ids: [row.a_org_id, row.b_org_id].into_iter().flatten().collect(),
                user_ids: row.broker_user_id.into_iter().collect(),
                actor_user_id: Some(principal.user_id),
                data,
            },
        )
        .await
    }
}

/// A timeline entry to append.
struct NewEvent {
    kind: &'static str,
    from_stage: Option<Stage>,
    to_stage: Option<Stage>,
    date: NaiveDate,
    note: String,
    agreed_amount_cny: Option<i64>,
    key_project: Option<bool>,
}

fn event_view(row: CooperationEventRow) -> CooperationEventView {
    CooperationEventView {
        kind: row.kind,
        from_stage: row.from_stage.as_deref().and_then(Stage::parse),
        to_stage: row.to_stage.as_deref().and_then(Stage::parse),
        date: row.event_date,
        note: row.note,
        agreed_amount_cny: row.agreed_amount_cny,
        key_project: row.key_project,
        author: row.author_name,
        recorded_at: row.created_at,
    }
}
