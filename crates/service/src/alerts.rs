//! Alerts: what tells people that something happened. Every notice goes to
//! the in-app inbox of the members of the organizations it concerns (and of
//! any user named), and becomes an outbound webhook job for each of those
//! organizations' webhooks subscribed to its event.
//!
//! Use cases call [`notify`] inside their own transaction, so a notice exists
//! exactly when the change it tells of was committed.

use hulian_store::ConnectionTrait;
use serde_json::Value;

use crate::ServiceResult;

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

/// Records a notice inside the caller's transaction.
pub async fn notify<C: ConnectionTrait>(conn: &C, notice: Notice) -> ServiceResult<()> {
    // Filled in by the alerts work: inbox items and webhook jobs.
    let _ = (conn, notice);
    Ok(())
}
