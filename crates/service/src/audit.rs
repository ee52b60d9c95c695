//! The audit log of sensitive actions: contact reveals, role and membership
//! changes, verification, import, export, deletion and key-project flags.
//!
//! Use cases append to it inside the transaction of the action itself, so an
//! action and its record commit or fail together. Only admins read it; nobody
//! changes it (the database refuses updates and deletes).

use chrono::{DateTime, Utc};
use hulian_domain::AuditAction;
use hulian_store::ConnectionTrait;
use hulian_store::audit::{self, AuditFilter, AuditRow, NewAuditEntry};
use hulian_store::page::PageRequest;
use hulian_store::users;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use crate::ServiceResult;
use crate::accounts::require_admin;
use crate::app::App;
use crate::principal::{Caller, Principal};

/// Appends one entry, naming the actor by id and (as they are now) by email.
pub(crate) async fn record<C: ConnectionTrait>(
    conn: &C,
    actor: Option<Principal>,
    action: AuditAction,
    subject: (&str, &str),
    detail: Value,
    now: DateTime<Utc>,
) -> ServiceResult<()> {
    let email = match actor {
        Some(principal) => users::find_by_id(conn, principal.user_id).await?.map(|u| u.email),
        None => None,
    };
    let (subject_type, subject_id) = subject;
    audit::append(
        conn,
        NewAuditEntry {
            actor_user_id: actor.map(|p| p.user_id),
            actor_email: email.as_deref(),
            action: action.as_str(),
            subject_type,
            subject_id,
            detail,
        },
        now,
    )
    .await?;
    Ok(())
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    pub action: Option<AuditAction>,
    /// The acting user's id.
    pub actor: Option<i64>,
    /// `organization`, `listing`, `user`, `introduction`, `cooperation` or `export`/`import`.
    pub subject_type: Option<String>,
    /// The subject's public id (or user id).
    pub subject_id: Option<String>,
    /// Entries at or after this moment (RFC 3339).
    pub from: Option<DateTime<Utc>>,
    /// Entries before this moment (RFC 3339).
    pub to: Option<DateTime<Utc>>,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

/// One audited action.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AuditEntryView {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub actor_user_id: Option<i64>,
    /// The actor's email when the action happened; none for the command line.
    pub actor_email: Option<String>,
    pub action: AuditAction,
    pub subject_type: String,
    pub subject_id: String,
    pub detail: Value,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AuditPage {
    pub items: Vec<AuditEntryView>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

fn entry_view(row: AuditRow) -> AuditEntryView {
    AuditEntryView {
        id: row.id,
        created_at: row.created_at,
        actor_user_id: row.actor_user_id,
        actor_email: row.actor_email,
        action: AuditAction::parse(&row.action).unwrap_or(AuditAction::Deletion),
        subject_type: row.subject_type,
        subject_id: row.subject_id,
        detail: serde_json::from_str(&row.detail).unwrap_or(Value::Null),
    }
}

impl App {
    /// Admins only: the audit log, newest first.
    pub async fn audit_log(&self, caller: Caller, query: AuditQuery) -> ServiceResult<AuditPage> {
        require_admin(caller)?;
        let filter = AuditFilter {
            action: query.action.map(|a| a.as_str().to_owned()),
            actor_user_id: query.actor,
            subject_type: query.subject_type,
            subject_id: query.subject_id,
            from: query.from,
            to: query.to,
        };
        let page = audit::list(self.store.conn(), &filter, PageRequest::new(query.page, query.per_page)).await?;
        Ok(AuditPage {
            items: page.items.into_iter().map(entry_view).collect(),
            total: page.total,
            page: page.page,
            per_page: page.per_page,
        })
    }
}
