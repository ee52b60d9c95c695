//! Introductions: how two organizations meet. A member of organization A
//! expresses interest in B's listing with a message and B answers; or a
//! promoter proposes that the owners of two listings meet and both answer.
//! When every side has accepted, the introduction becomes a cooperation.
//!
//! Who may call: any member of an organization may express interest for it;
//! promoters and admins broker. Only the sides' owners and editors answer for
//! their side; whoever started a pending introduction may withdraw it. An
//! introduction is seen by the members of both sides, its broker and admins;
//! anyone else is told it does not exist. Contact details of each side are
//! shown to the other only once both accepted (and to admins), and every such
//! reveal is written to the audit log. Flood limits: a member account starts
//! at most `introductions_per_day` introductions in 24 hours (a promoter ten
//! times as many), never two open ones about the same pair, and none again
//! within 30 days of being declined.

use chrono::{DateTime, Duration, Utc};
use hulian_domain::cooperation::MAX_MESSAGE;
use hulian_domain::{AuditAction, Contact, IntroductionKind, IntroductionStatus, ListingStatus, SideResponse};
use hulian_store::introductions::{self, IntroductionFilter, IntroductionRow};
use hulian_store::listings::{self, ListingRow};
use hulian_store::organizations::{self, OrganizationRow};
use hulian_store::page::PageRequest;
use hulian_store::{ConnectionTrait, users};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

use crate::ServiceResult;
use crate::accounts::require_login;
use crate::alerts::{self, Event, Notice};
use crate::app::App;
use crate::audit;
use crate::error::ServiceError;
use crate::organizations::{mint_external_id, role_in};
use crate::principal::{Caller, Principal};
use crate::views::is_expired;

/// A declined pair may be proposed again after this many days.
const DECLINE_COOLDOWN_DAYS: i64 = 30;

/// Asks for an introduction.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct IntroductionInput {
    /// `interest` (the default): a member of `from_organization` asks to meet
    /// the owner of `listing`. `brokered`: a promoter proposes that the owners
    /// of `from_listing` and `listing` meet.
    #[serde(default)]
    pub kind: Option<IntroductionKind>,
    /// The listing whose owner is asked (side B).
    pub listing: String,
    /// The organization asking (side A). May be left out by a member of
    /// exactly one organization; not used when brokered.
    #[serde(default)]
    pub from_organization: Option<String>,
    /// Side A's own listing this is about: optional for interest, required when brokered.
    #[serde(default)]
    pub from_listing: Option<String>,
    /// Why the two should meet (at most 2,000 characters).
    #[serde(default)]
    pub message: String,
}

/// Accepting or declining, with an optional note to the other side.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ResponseInput {
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IntroductionQuery {
    pub status: Option<IntroductionStatus>,
    pub kind: Option<IntroductionKind>,
    /// Only introductions waiting for the caller's organizations to answer.
    pub awaiting_me: Option<bool>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// One side of an introduction.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct IntroductionSide {
    pub organization: String,
    pub organization_name: String,
    pub organization_name_en: Option<String>,
    pub listing: Option<String>,
    pub listing_title: Option<String>,
    pub response: SideResponse,
    /// Only once both sides accepted, to the other side and to admins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct IntroductionView {
    pub id: String,
    pub kind: IntroductionKind,
    pub status: IntroductionStatus,
    pub message: String,
    pub response_note: Option<String>,
    /// The side that asked (or the first listing a promoter picked).
    pub side_a: IntroductionSide,
    /// The side asked (whose listing this is about).
    pub side_b: IntroductionSide,
    /// The promoter who brokered it, by display name.
    pub brokered_by: Option<String>,
    /// The sides (`a`, `b`) the caller belongs to.
    pub my_sides: Vec<String>,
    /// Whether the caller can accept or decline now.
    pub can_respond: bool,
    /// Whether the caller can withdraw it now.
    pub can_withdraw: bool,
    /// The cooperation it became, once accepted.
    pub cooperation: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct IntroductionPage {
    pub items: Vec<IntroductionView>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

fn not_found(public_id: &str) -> ServiceError {
    ServiceError::NotFound("introduction_not_found", format!("no introduction `{public_id}`"))
}

/// What the caller is to an introduction.
#[derive(Debug, Clone, Copy, Default)]
struct Standing {
    /// Owner or editor of side A's / side B's organization.
    side_a: bool,
    side_b: bool,
    broker: bool,
    admin: bool,
}

impl Standing {
    /// From the ids of the organizations the caller belongs to.
    fn of(row: &IntroductionRow, principal: Principal, my_org_ids: &[i64]) -> Standing {
        Standing {
            side_a: my_org_ids.contains(&row.a_org_id),
            side_b: my_org_ids.contains(&row.b_org_id),
            broker: row.broker_user_id == Some(principal.user_id),
            admin: principal.is_admin(),
        }
    }

    fn may_see(self) -> bool {
        self.side_a || self.side_b || self.broker || self.admin
    }
}

fn parse_status(row: &IntroductionRow) -> IntroductionStatus {
    IntroductionStatus::parse(&row.status).unwrap_or(IntroductionStatus::Pending)
}

fn parse_response(value: &str) -> SideResponse {
    SideResponse::parse(value).unwrap_or(SideResponse::Pending)
}

fn is_public(listing: &ListingRow, today: chrono::NaiveDate) -> bool {
    listing.status == ListingStatus::Published.as_str() && !is_expired(listing.deadline, today)
}

impl App {
    async fn standing<C: ConnectionTrait>(
        &self,
        conn: &C,
        principal: Principal,
        row: &IntroductionRow,
    ) -> ServiceResult<Standing> {
        let my_org_ids = users::organization_ids_of_user(conn, principal.user_id).await?;
        Ok(Standing::of(row, principal, &my_org_ids))
    }

    /// The introduction and what the caller is to it, if they may see it.
    async fn visible_introduction(
        &self,
        caller: Caller,
        public_id: &str,
    ) -> ServiceResult<(IntroductionRow, Principal, Standing)> {
        let principal = require_login(caller)?;
        let row = introductions::find_by_public_id(self.store.conn(), public_id)
            .await?
            .ok_or_else(|| not_found(public_id))?;
        let standing = self.standing(self.store.conn(), principal, &row).await?;
        if !standing.may_see() {
            return Err(not_found(public_id));
        }
        Ok((row, principal, standing))
    }

    async fn introduction_view<C: ConnectionTrait>(
        &self,
        conn: &C,
        row: &IntroductionRow,
        principal: Principal,
        standing: Standing,
        reveal_contacts: bool,
    ) -> ServiceResult<IntroductionView> {
        let status = parse_status(row);
        let orgs = organizations::find_by_ids(conn, &[row.a_org_id, row.b_org_id]).await?;
        let org = |id: i64| {
            orgs.iter()
                .find(|o| o.id == id)
                .cloned()
                .ok_or_else(|| ServiceError::Internal(format!("organization {id} is missing")))
        };
        let listing_ids: Vec<i64> = row.a_listing_id.into_iter().chain([row.b_listing_id]).collect();
        let listing_rows = listings::find_by_ids(conn, &listing_ids).await?;
        let listing = |id: Option<i64>| id.and_then(|id| listing_rows.iter().find(|l| l.id == id));
        let accepted = status == IntroductionStatus::Accepted;
        let side = |org: OrganizationRow, listing: Option<&ListingRow>, response: &str, show_contact: bool| {
            let contact = if show_contact {
                hulian_store::convert::organization_record(&org)?.contact
            } else {
                None
            };
            Ok::<_, ServiceError>(IntroductionSide {
                organization: org.external_id.clone(),
                organization_name: org.name.clone(),
                organization_name_en: org.name_en.clone(),
                listing: listing.map(|l| l.external_id.clone()),
                listing_title: listing.map(|l| l.title.clone()),
                response: parse_response(response),
                contact,
            })
        };
        // A side's contact goes to the other side (and admins) once both accepted.
        let show_a = reveal_contacts && accepted && (standing.side_b || standing.admin) && !standing.side_a;
        let show_b = reveal_contacts && accepted && (standing.side_a || standing.admin) && !standing.side_b;
        let side_a = side(org(row.a_org_id)?, listing(row.a_listing_id), &row.a_response, show_a)?;
        let side_b = side(
            org(row.b_org_id)?,
            listing(Some(row.b_listing_id)),
            &row.b_response,
            show_b,
        )?;
        for (shown, side_view) in [(show_a, &side_a), (show_b, &side_b)] {
            if shown && side_view.contact.is_some() {
                audit::record(
                    conn,
                    Some(principal),
                    AuditAction::ContactReveal,
                    ("organization", &side_view.organization),
                    json!({"introduction": row.public_id, "as": if standing.admin { "admin" } else { "party" }}),
                    self.now(),
                )
                .await?;
            }
        }
        let brokered_by = match row.broker_user_id {
            Some(id) => users::find_by_id(conn, id).await?.map(|u| u.display_name),
            None => None,
        };
        let cooperation = if accepted {
            hulian_store::cooperations::find_by_introduction(conn, row.id)
                .await?
                .map(|c| c.public_id)
        } else {
            None
        };
        let pending = status == IntroductionStatus::Pending;
        let can_respond = pending
            && ((standing.side_a && row.a_response == SideResponse::Pending.as_str())
                || (standing.side_b && row.b_response == SideResponse::Pending.as_str()));
        let can_withdraw = pending && self.may_withdraw(row, principal, standing);
        let mut my_sides = Vec::new();
        if standing.side_a {
            my_sides.push("a".to_owned());
        }
        if standing.side_b {
            my_sides.push("b".to_owned());
        }
        Ok(IntroductionView {
            id: row.public_id.clone(),
            kind: IntroductionKind::parse(&row.kind).unwrap_or(IntroductionKind::Interest),
            status,
            message: row.message.clone(),
            response_note: row.response_note.clone(),
            side_a,
            side_b,
            brokered_by,
            my_sides,
            can_respond,
            can_withdraw,
            cooperation,
            created_at: row.created_at,
            updated_at: row.updated_at,
            decided_at: row.decided_at,
        })
    }

    /// Whoever started it (the broker, or for interest side A's members), and admins.
    fn may_withdraw(&self, row: &IntroductionRow, principal: Principal, standing: Standing) -> bool {
        standing.admin
            || match IntroductionKind::parse(&row.kind) {
                Some(IntroductionKind::Brokered) => standing.broker,
                _ => standing.side_a || row.created_by == principal.user_id,
            }
    }

    /// Starts an introduction: interest for one's organization, or brokered by a promoter.
    pub async fn create_introduction(
        &self,
        caller: Caller,
        input: IntroductionInput,
    ) -> ServiceResult<IntroductionView> {
        let principal = require_login(caller)?;
        let kind = input.kind.unwrap_or(IntroductionKind::Interest);
        if kind == IntroductionKind::Brokered && !principal.is_promoter_or_admin() {
            return Err(ServiceError::Forbidden(
                "forbidden",
                "only promoters and admins broker introductions".to_owned(),
            ));
        }
        let conn = self.store.conn();
        // Side A first: who may act for it is settled before the rest of the body is judged.
        let (a_org, a_listing) = match kind {
            IntroductionKind::Interest => {
                let org = self
                    .asking_organization(principal, input.from_organization.as_deref())
                    .await?;
                let listing = match input.from_listing.as_deref() {
                    Some(id) => {
                        let listing = self.listing_field(conn, "from_listing", id).await?;
                        if listing.organization_id != org.id {
                            return Err(ServiceError::validation(
                                "from_listing",
                                "not_yours",
                                "must be a listing of the asking organization",
                            ));
                        }
                        Some(listing)
                    }
                    None => None,
                };
                (org, listing)
            }
            IntroductionKind::Brokered => {
                let Some(id) = input.from_listing.as_deref() else {
                    return Err(ServiceError::validation(
                        "from_listing",
                        "required",
                        "a brokered introduction names both listings",
                    ));
                };
                let listing = self.public_listing_field(conn, "from_listing", id).await?;
                let org = self.organization_of(&listing).await?;
                (org, Some(listing))
            }
        };
        let b_listing = self.public_listing_field(conn, "listing", &input.listing).await?;
        if b_listing.organization_id == a_org.id {
            return Err(ServiceError::validation(
                "listing",
                "own_listing",
                "both sides would be the same organization",
            ));
        }
        let message = input.message.trim().to_owned();
        if message.is_empty() {
            return Err(ServiceError::validation(
                "message",
                "required",
                "say why the two should meet",
            ));
        }
        if message.chars().count() > MAX_MESSAGE {
            return Err(ServiceError::validation(
                "message",
                "too_long",
                format!("at most {MAX_MESSAGE} characters"),
            ));
        }
        let b_org = self.organization_of(&b_listing).await?;
        let now = self.now();

        let txn = self.store.begin_write().await?;
        // One decision about this listing at a time: two identical requests
        // at once make one introduction and one 409.
        listings::lock(&txn, b_listing.id).await?;
        self.check_flood(&txn, principal, kind, now).await?;
        if let Some(previous) =
            introductions::latest_between(&txn, a_org.id, b_listing.id, b_org.id, a_listing.as_ref().map(|l| l.id))
                .await?
        {
            match parse_status(&previous) {
                IntroductionStatus::Pending | IntroductionStatus::Accepted => {
                    return Err(ServiceError::Conflict(
                        "introduction_exists",
                        format!("introduction `{}` already connects these two", previous.public_id),
                    ));
                }
                IntroductionStatus::Declined
                    if previous.decided_at.unwrap_or(previous.updated_at)
                        > now - Duration::days(DECLINE_COOLDOWN_DAYS) =>
                {
                    return Err(ServiceError::Conflict(
                        "recently_declined",
                        format!("this was declined less than {DECLINE_COOLDOWN_DAYS} days ago"),
                    ));
                }
                _ => {}
            }
        }
        let a_response = match kind {
            IntroductionKind::Interest => SideResponse::Accepted,
            IntroductionKind::Brokered => SideResponse::Pending,
        };
        let row = introductions::insert(
            &txn,
            IntroductionRow {
                id: 0,
                public_id: mint_external_id("int"),
                kind: kind.as_str().to_owned(),
                status: IntroductionStatus::Pending.as_str().to_owned(),
                a_org_id: a_org.id,
                a_listing_id: a_listing.as_ref().map(|l| l.id),
                b_org_id: b_org.id,
                b_listing_id: b_listing.id,
                a_response: a_response.as_str().to_owned(),
                b_response: SideResponse::Pending.as_str().to_owned(),
                a_responded_by: (kind == IntroductionKind::Interest).then_some(principal.user_id),
                b_responded_by: None,
                broker_user_id: (kind == IntroductionKind::Brokered).then_some(principal.user_id),
                created_by: principal.user_id,
                message,
                response_note: None,
                created_at: now,
                updated_at: now,
                decided_at: None,
            },
        )
        .await?;
        let recipients = match kind {
            IntroductionKind::Interest => vec![b_org.id],
            IntroductionKind::Brokered => vec![a_org.id, b_org.id],
        };
        alerts::notify(
            &txn,
            Notice {
                event: Event::IntroductionRequested,
                organization_ids: recipients,
                user_ids: Vec::new(),
                actor_user_id: Some(principal.user_id),
                data: notice_data(&row, &a_org, &b_org, &b_listing),
            },
        )
        .await?;
        let standing = self.standing(&txn, principal, &row).await?;
        let view = self.introduction_view(&txn, &row, principal, standing, false).await?;
        txn.commit().await?;
        Ok(view)
    }

    /// The organization a member asks for: the one named, or their only one.
    async fn asking_organization(&self, principal: Principal, named: Option<&str>) -> ServiceResult<OrganizationRow> {
        let conn = self.store.conn();
        let org = match named {
            Some(id) => organizations::find_by_external_id(conn, id).await?.ok_or_else(|| {
                ServiceError::validation("from_organization", "not_found", format!("no organization `{id}`"))
            })?,
            None => {
                let mut mine = users::memberships_of_user(conn, principal.user_id).await?;
                if mine.len() != 1 {
                    return Err(ServiceError::validation(
                        "from_organization",
                        "required",
                        "name the organization you ask for",
                    ));
                }
                mine.remove(0).1
            }
        };
        if role_in(conn, principal, org.id).await?.is_none() && !principal.is_admin() {
            return Err(ServiceError::forbidden());
        }
        Ok(org)
    }

    async fn listing_field<C: ConnectionTrait>(&self, conn: &C, field: &str, id: &str) -> ServiceResult<ListingRow> {
        listings::find_by_external_id(conn, id)
            .await?
            .ok_or_else(|| ServiceError::validation(field, "not_found", format!("no listing `{id}`")))
    }

    /// A published, unexpired listing named in a body (others are as if absent).
    async fn public_listing_field<C: ConnectionTrait>(
        &self,
        conn: &C,
        field: &str,
        id: &str,
    ) -> ServiceResult<ListingRow> {
        let listing = self.listing_field(conn, field, id).await?;
        if !is_public(&listing, self.today()) {
            return Err(ServiceError::validation(
                field,
                "not_found",
                format!("no listing `{id}`"),
            ));
        }
        Ok(listing)
    }

    async fn organization_of(&self, listing: &ListingRow) -> ServiceResult<OrganizationRow> {
        organizations::find_by_id(self.store.conn(), listing.organization_id)
            .await?
            .ok_or_else(|| ServiceError::Internal(format!("organization {} is missing", listing.organization_id)))
    }

    async fn check_flood<C: ConnectionTrait>(
        &self,
        conn: &C,
        principal: Principal,
        kind: IntroductionKind,
        now: DateTime<Utc>,
    ) -> ServiceResult<()> {
        if principal.is_admin() {
            return Ok(());
        }
        let limit = match kind {
            IntroductionKind::Brokered => self.config.introductions_per_day.saturating_mul(10),
            IntroductionKind::Interest => self.config.introductions_per_day,
        };
        let recent = introductions::count_created_by_since(conn, principal.user_id, now - Duration::hours(24)).await?;
        if recent >= limit {
            return Err(ServiceError::TooManyRequests(
                "rate_limited",
                format!("at most {limit} introductions in 24 hours; try again later"),
            ));
        }
        Ok(())
    }

    /// One introduction; contacts are included once accepted (each reveal audited).
    pub async fn get_introduction(&self, caller: Caller, public_id: &str) -> ServiceResult<IntroductionView> {
        let (row, principal, standing) = self.visible_introduction(caller, public_id).await?;
        if parse_status(&row) != IntroductionStatus::Accepted {
            return self
                .introduction_view(self.store.conn(), &row, principal, standing, false)
                .await;
        }
        // Contacts are shown, and each reveal is audited with the read.
        let txn = self.store.begin_write().await?;
        let view = self.introduction_view(&txn, &row, principal, standing, true).await?;
        txn.commit().await?;
        Ok(view)
    }

    /// The caller's introductions (as a side or a broker); admins see all.
    pub async fn list_introductions(
        &self,
        caller: Caller,
        query: IntroductionQuery,
    ) -> ServiceResult<IntroductionPage> {
        let principal = require_login(caller)?;
        let conn = self.store.conn();
        let org_ids = users::organization_ids_of_user(conn, principal.user_id).await?;
        let filter = IntroductionFilter {
            all: principal.is_admin() && !query.awaiting_me.unwrap_or(false),
            org_ids: org_ids.clone(),
            broker: Some(principal.user_id),
            status: query.status.map(|s| s.as_str().to_owned()),
            kind: query.kind.map(|k| k.as_str().to_owned()),
            awaiting_org_ids: query.awaiting_me.unwrap_or(false).then(|| org_ids.clone()),
        };
        let page = introductions::list(conn, &filter, PageRequest::new(query.page, query.per_page)).await?;
        let mut items = Vec::with_capacity(page.items.len());
        for row in &page.items {
            let standing = Standing::of(row, principal, &org_ids);
            items.push(self.introduction_view(conn, row, principal, standing, false).await?);
        }
        Ok(IntroductionPage {
            items,
            total: page.total,
            page: page.page,
            per_page: page.per_page,
        })
    }

    /// Accepts for the caller's side(s); once every side has, the cooperation begins.
    pub async fn accept_introduction(
        &self,
        caller: Caller,
        public_id: &str,
        input: ResponseInput,
    ) -> ServiceResult<IntroductionView> {
        self.respond(caller, public_id, SideResponse::Accepted, input).await
    }

    /// Declines for the caller's side: the introduction ends.
    pub async fn decline_introduction(
        &self,
        caller: Caller,
        public_id: &str,
        input: ResponseInput,
    ) -> ServiceResult<IntroductionView> {
        self.respond(caller, public_id, SideResponse::Declined, input).await
    }

    async fn respond(
        &self,
        caller: Caller,
        public_id: &str,
        answer: SideResponse,
        input: ResponseInput,
    ) -> ServiceResult<IntroductionView> {
        let (row, principal, standing) = self.visible_introduction(caller, public_id).await?;
        let note = clean_note(input.note)?;
        let txn = self.store.begin_write().await?;
        // Read again inside the transaction: two answers at once must not both count.
        let mut row = introductions::lock(&txn, row.id)
            .await?
            .ok_or_else(|| not_found(public_id))?;
        if parse_status(&row) != IntroductionStatus::Pending {
            return Err(ServiceError::Conflict(
                "introduction_closed",
                format!("this introduction is already {}", row.status),
            ));
        }
        let pending = SideResponse::Pending.as_str();
        let answers_a = standing.side_a && row.a_response == pending;
        let answers_b = standing.side_b && row.b_response == pending;
        if !answers_a && !answers_b {
            return Err(if standing.side_a || standing.side_b {
                ServiceError::Conflict("already_answered", "your side has already answered".to_owned())
            } else {
                ServiceError::Forbidden("forbidden", "only the members of a side answer for it".to_owned())
            });
        }
        let now = self.now();
        if answers_a {
            row.a_response = answer.as_str().to_owned();
            row.a_responded_by = Some(principal.user_id);
        }
        if answers_b {
            row.b_response = answer.as_str().to_owned();
            row.b_responded_by = Some(principal.user_id);
        }
        if note.is_some() {
            row.response_note = note;
        }
        row.updated_at = now;
        let accepted = SideResponse::Accepted.as_str();
        let event = if answer == SideResponse::Declined {
            row.status = IntroductionStatus::Declined.as_str().to_owned();
            row.decided_at = Some(now);
            Some(Event::IntroductionDeclined)
        } else if row.a_response == accepted && row.b_response == accepted {
            row.status = IntroductionStatus::Accepted.as_str().to_owned();
            row.decided_at = Some(now);
            Some(Event::IntroductionAccepted)
        } else {
            None
        };
        let row = introductions::save(&txn, row).await?;
        if let Some(event) = event {
            let orgs = organizations::find_by_ids(&txn, &[row.a_org_id, row.b_org_id]).await?;
            let b_listing = listings::find_by_id(&txn, row.b_listing_id).await?;
            let (Some(a_org), Some(b_org), Some(b_listing)) = (
                orgs.iter().find(|o| o.id == row.a_org_id),
                orgs.iter().find(|o| o.id == row.b_org_id),
                b_listing,
            ) else {
                return Err(ServiceError::Internal(format!("introduction {public_id} lost a side")));
            };
            let mut data = notice_data(&row, a_org, b_org, &b_listing);
            if event == Event::IntroductionAccepted {
                let cooperation = self.begin_cooperation(&txn, &row, principal, now).await?;
                data["cooperation"] = json!(cooperation.public_id);
            }
            alerts::notify(
                &txn,
                Notice {
                    event,
                    organization_ids: vec![row.a_org_id, row.b_org_id],
                    user_ids: row.broker_user_id.into_iter().collect(),
                    actor_user_id: Some(principal.user_id),
                    data,
                },
            )
            .await?;
        }
        let view = self.introduction_view(&txn, &row, principal, standing, true).await?;
        txn.commit().await?;
        Ok(view)
    }

    /// Withdraws a pending introduction (whoever started it).
    pub async fn withdraw_introduction(&self, caller: Caller, public_id: &str) -> ServiceResult<IntroductionView> {
        let (row, principal, standing) = self.visible_introduction(caller, public_id).await?;
        if !self.may_withdraw(&row, principal, standing) {
            return Err(ServiceError::Forbidden(
                "forbidden",
                "only whoever started an introduction withdraws it".to_owned(),
            ));
        }
        let txn = self.store.begin_write().await?;
        let mut row = introductions::lock(&txn, row.id)
            .await?
            .ok_or_else(|| not_found(public_id))?;
        if parse_status(&row) != IntroductionStatus::Pending {
            return Err(ServiceError::Conflict(
                "introduction_closed",
                format!("this introduction is already {}", row.status),
            ));
        }
        let now = self.now();
        row.status = IntroductionStatus::Withdrawn.as_str().to_owned();
        row.updated_at = now;
        row.decided_at = Some(now);
        let row = introductions::save(&txn, row).await?;
        let view = self.introduction_view(&txn, &row, principal, standing, false).await?;
        txn.commit().await?;
        Ok(view)
    }
}

/// A trimmed note (none when blank), at most 2,000 characters.
pub(crate) fn clean_note(note: Option<String>) -> ServiceResult<Option<String>> {
    let Some(note) = note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()) else {
        return Ok(None);
    };
    if note.chars().count() > hulian_domain::cooperation::MAX_NOTE {
        return Err(ServiceError::validation(
            "note",
            "too_long",
            format!("at most {} characters", hulian_domain::cooperation::MAX_NOTE),
        ));
    }
    Ok(Some(note))
}

/// What a notice about an introduction says: ids, names and titles, never contacts.
fn notice_data(
    row: &IntroductionRow,
    a_org: &OrganizationRow,
    b_org: &OrganizationRow,
    b_listing: &ListingRow,
) -> serde_json::Value {
    json!({
        "introduction": row.public_id,
        "kind": row.kind,
        "status": row.status,
        "from_organization": a_org.external_id,
        "from_organization_name": a_org.name,
        "organization": b_org.external_id,
        "organization_name": b_org.name,
        "listing": b_listing.external_id,
        "listing_title": b_listing.title,
    })
}
