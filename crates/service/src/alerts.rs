//! Alerts: what tells people that something happened. Every notice goes to
//! the in-app inbox of the members of the organizations it concerns (and of
//! any user named), and becomes an outbound webhook job for each of those
//! organizations' webhooks subscribed to its event.
//!
//! Use cases call [`notify`] inside their own transaction, so a notice exists
//! exactly when the change it tells of was committed. This module also holds
//! the inbox use cases; saved searches, webhooks and the follower that turns
//! newly published listings into notices have modules of their own
//! (`saved_searches`, `webhooks`, `new_listings`).
//!
//! Who may call: the inbox is its owner's alone; another user's item answers
//! 404 `notification_not_found`, as if it did not exist.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use hulian_store::page::PageRequest;
use hulian_store::{ConnectionTrait, alerts as store, users, webhooks};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};

use crate::ServiceResult;
use crate::accounts::require_login;
use crate::app::App;
use crate::error::ServiceError;
use crate::principal::Caller;

/// What happened, as named in webhook payloads (`event`) and inbox items (`kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// A new listing matches one of the organization's listings.
    MatchNew,
    /// Someone expressed interest in, or a promoter proposed, an introduction.
    IntroductionRequested,
    /// Both sides accepted: contacts are now visible to each other.
    IntroductionAccepted,
    IntroductionDeclined,
    /// A cooperation moved to another stage (or was flagged a key project).
    CooperationStageChanged,
    /// A new listing matches a user's saved search (inbox only, for that user).
    SavedSearchHit,
}

impl Event {
    /// Every event, in a stable order.
    pub const ALL: [Event; 6] = [
        Event::MatchNew,
        Event::IntroductionRequested,
        Event::IntroductionAccepted,
        Event::IntroductionDeclined,
        Event::CooperationStageChanged,
        Event::SavedSearchHit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Event::MatchNew => "match.new",
            Event::IntroductionRequested => "introduction.requested",
            Event::IntroductionAccepted => "introduction.accepted",
            Event::IntroductionDeclined => "introduction.declined",
            Event::CooperationStageChanged => "cooperation.stage_changed",
            Event::SavedSearchHit => "saved_search.hit",
        }
    }

    pub fn parse(name: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|e| e.as_str() == name)
    }

    /// Whether organizations' webhooks may subscribe to it (saved-search hits
    /// are a user's own and stay in the inbox).
    pub fn is_webhook_event(self) -> bool {
        self != Event::SavedSearchHit
    }
}

/// One notice: who is told, and the event's data (public ids, titles, stages;
/// never contact details, which travel only through the API to those allowed).
#[derive(Debug, Clone)]
pub struct Notice {
    pub event: Event,
    /// Every member of these organizations gets an inbox item; their webhooks get a job.
    pub organization_ids: Vec<i64>,
    /// These users get an inbox item too (a broker, a saved search's owner).
    pub user_ids: Vec<i64>,
    /// The user whose action caused it: never notified of their own action.
    pub actor_user_id: Option<i64>,
    /// The event's data, the `data` of the webhook payload and of the inbox item.
    pub data: Value,
}

/// Records a notice inside the caller's transaction: an inbox item per
/// recipient user (members of the organizations and the named users, less the
/// actor) and a delivery job per active webhook of those organizations
/// subscribed to the event.
pub async fn notify<C: ConnectionTrait>(conn: &C, notice: Notice) -> ServiceResult<()> {
    let now = Utc::now();
    let organization_ids: Vec<i64> = notice
        .organization_ids
        .iter()
        .copied()
        .collect::<BTreeSet<i64>>()
        .into_iter()
        .collect();
    let mut recipients: BTreeSet<i64> = notice.user_ids.iter().copied().collect();
    for organization_id in &organization_ids {
        for (membership, _) in users::members_of_organization(conn, *organization_id).await? {
            recipients.insert(membership.user_id);
        }
    }
    if let Some(actor) = notice.actor_user_id {
        recipients.remove(&actor);
    }
    let event = notice.event.as_str();
    let data = notice.data.to_string();
    let recipients: Vec<i64> = recipients.into_iter().collect();
    store::insert_notifications(conn, &recipients, event, &data, now).await?;
    if notice.event.is_webhook_event() {
        for hook in webhooks::active_of_organizations(conn, &organization_ids).await? {
            if crate::webhooks::subscribes(&hook, event) {
                crate::webhooks::enqueue(conn, &hook, event, &notice.data, now).await?;
            }
        }
    }
    Ok(())
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InboxQuery {
    /// Only items not yet read.
    pub unread: Option<bool>,
    /// 1-based.
    pub page: Option<u64>,
    /// 1–100, default 20.
    pub per_page: Option<u64>,
}

/// One inbox item.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct InboxItemView {
    pub id: i64,
    /// `match.new`, `introduction.requested`, `introduction.accepted`, `introduction.declined`,
    /// `cooperation.stage_changed` or `saved_search.hit`.
    pub event: String,
    /// The event's data, as in the webhook payload.
    #[schema(value_type = Object)]
    pub data: Value,
    pub created_at: DateTime<Utc>,
    /// `null` while unread.
    pub read_at: Option<DateTime<Utc>>,
}

/// A page of the caller's inbox, newest first.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct InboxPage {
    pub items: Vec<InboxItemView>,
    /// Items matching the query (all, or unread only).
    pub total: u64,
    /// Unread items in the whole inbox.
    pub unread: u64,
    pub page: u64,
    pub per_page: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReadAllView {
    /// How many items were marked read.
    pub marked: u64,
}

fn item_view(row: store::NotificationRow) -> InboxItemView {
    InboxItemView {
        id: row.id,
        event: row.event,
        data: serde_json::from_str(&row.data).unwrap_or_else(|_| json!({})),
        created_at: row.created_at,
        read_at: row.read_at,
    }
}

fn notification_not_found(id: i64) -> ServiceError {
    ServiceError::NotFound("notification_not_found", format!("no inbox item {id}"))
}

impl App {
    /// The caller's inbox, newest first.
    pub async fn inbox(&self, caller: Caller, query: InboxQuery) -> ServiceResult<InboxPage> {
        let principal = require_login(caller)?;
        let conn = self.store.conn();
        let page = PageRequest::new(query.page, query.per_page);
        let rows = store::inbox(conn, principal.user_id, query.unread.unwrap_or(false), page).await?;
        let unread = store::unread_count(conn, principal.user_id).await?;
        Ok(InboxPage {
            items: rows.items.into_iter().map(item_view).collect(),
            total: rows.total,
            unread,
            page: rows.page,
            per_page: rows.per_page,
        })
    }

    /// Marks one of the caller's items read (again is harmless).
    pub async fn mark_inbox_item_read(&self, caller: Caller, id: i64) -> ServiceResult<InboxItemView> {
        let principal = require_login(caller)?;
        let conn = self.store.conn();
        let row = store::notification_of(conn, principal.user_id, id)
            .await?
            .ok_or_else(|| notification_not_found(id))?;
        Ok(item_view(store::mark_read(conn, row, self.now()).await?))
    }

    /// Marks every unread item of the caller read.
    pub async fn mark_inbox_read_all(&self, caller: Caller) -> ServiceResult<ReadAllView> {
        let principal = require_login(caller)?;
        let marked = store::mark_all_read(self.store.conn(), principal.user_id, self.now()).await?;
        Ok(ReadAllView { marked })
    }
}
