//! Outbound webhooks: an organization's subscriptions, and the worker that
//! delivers the queued jobs.
//!
//! A notice ([`crate::alerts::notify`]) queues one job per subscribed webhook
//! in the same transaction as the change it tells of. The worker claims due
//! jobs from the database (see `hulian_store::webhooks`), POSTs each payload
//! signed with the webhook's secret, logs every attempt, and retries failures
//! with exponential backoff until `webhook_max_attempts`. Jobs live in the
//! database, so a restart loses none; a job whose worker died mid-attempt is
//! claimed again when its lease runs out (receivers dedupe on the delivery id).
//!
//! Signature: `X-Hulian-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`
//! with `X-Hulian-Timestamp` in Unix seconds (see docs/API-DESIGN.md).
//!
//! Who may call: an organization's owners and editors, and admins, manage
//! its webhooks and read their delivery log; anyone else gets 403 (401 when
//! anonymous). A webhook of another organization answers 404.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use hulian_domain::validation::FieldReader;
use hulian_store::page::PageRequest;
use hulian_store::webhooks::{self as store, AttemptRecord, JobRow, WebhookRow};
use hulian_store::{ConnectionTrait, organizations};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::Sha256;
use utoipa::{IntoParams, ToSchema};

use crate::ServiceResult;
use crate::alerts::Event;
use crate::app::App;
use crate::error::ServiceError;
use crate::organizations::require_editor;
use crate::principal::Caller;

/// Webhooks one organization may have.
pub const MAX_WEBHOOKS_PER_ORGANIZATION: u64 = 20;
/// Jobs one worker pass claims (and delivers, each webhook's in order).
const CLAIM_BATCH: u64 = 16;
/// The event of a test delivery (`POST …/webhooks/{id}/test`).
pub const PING_EVENT: &str = "ping";
/// Longest error text kept in the delivery log.
const MAX_ERROR_CHARS: usize = 500;

/// A webhook as its managers see it (never with its secret).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WebhookView {
    pub id: i64,
    /// The organization's external id.
    pub organization: String,
    pub url: String,
    /// Subscribed events: `match.new`, `introduction.requested`, `introduction.accepted`,
    /// `introduction.declined`, `cooperation.stage_changed`.
    pub events: Vec<String>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A webhook just created, with its signing secret: shown this once only.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WebhookCreatedView {
    #[serde(flatten)]
    pub webhook: WebhookView,
    /// The HMAC-SHA256 key of `X-Hulian-Signature`. Store it now: it is never shown again.
    pub secret: String,
}

/// One attempt of one delivery.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DeliveryView {
    /// The delivery (`X-Hulian-Delivery`, the payload's `id`), the same on every attempt.
    pub delivery_id: String,
    pub event: String,
    /// 1 for the first attempt.
    pub attempt: i32,
    /// The receiver's HTTP status, when it answered.
    pub status_code: Option<i32>,
    /// Why the attempt failed (`HTTP 500`, a timeout, a refused connection…).
    pub error: Option<String>,
    pub duration_ms: i64,
    /// `delivered`, `retrying` (another attempt is scheduled) or `failed` (given up).
    pub outcome: String,
    pub attempted_at: DateTime<Utc>,
}

/// A page of the delivery log, newest attempt first.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DeliveryPage {
    pub items: Vec<DeliveryView>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeliveryQuery {
    /// 1-based.
    pub page: Option<u64>,
    /// 1–100, default 20.
    pub per_page: Option<u64>,
}

/// Body of `POST …/webhooks`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WebhookInput {
    /// `http://` or `https://`; private addresses only where the server allows them.
    pub url: String,
    /// At least one of the webhook events.
    pub events: Vec<String>,
    /// Default `true`.
    pub active: Option<bool>,
}

/// Body of `PATCH …/webhooks/{webhook_id}`: the fields given change.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WebhookPatch {
    pub url: Option<String>,
    pub events: Option<Vec<String>>,
    pub active: Option<bool>,
}

/// A delivery queued by `POST …/webhooks/{webhook_id}/test`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct QueuedDeliveryView {
    pub delivery_id: String,
    pub event: String,
}

/// What one worker pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WorkerReport {
    pub claimed: usize,
    pub delivered: usize,
    pub retrying: usize,
    pub failed: usize,
}

fn webhook_not_found(id: i64) -> ServiceError {
    ServiceError::NotFound("webhook_not_found", format!("no webhook {id}"))
}

fn events_of(row: &WebhookRow) -> Vec<String> {
    serde_json::from_str(&row.events).unwrap_or_default()
}

/// Whether the webhook subscribes to the event.
pub(crate) fn subscribes(row: &WebhookRow, event: &str) -> bool {
    events_of(row).iter().any(|e| e == event)
}

fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut buffer);
    hex::encode(buffer)
}

/// Queues a delivery of `data` to one webhook (inside the caller's transaction).
pub(crate) async fn enqueue<C: ConnectionTrait>(
    conn: &C,
    hook: &WebhookRow,
    event: &str,
    data: &Value,
    now: DateTime<Utc>,
) -> ServiceResult<JobRow> {
    let delivery_id = format!("dlv_{}", random_hex(12));
    let payload = json!({
        "id": delivery_id,
        "event": event,
        "created_at": now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "data": data,
    });
    Ok(store::enqueue(conn, hook.id, &delivery_id, event, &payload.to_string(), now).await?)
}

/// `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`.
pub fn signature(secret: &str, timestamp: i64, body: &[u8]) -> ServiceResult<String> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
        .map_err(|e| ServiceError::Internal(format!("webhook secret: {e}")))?;
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    Ok(format!("sha256={}", hex::encode(mac.finalize().into_bytes())))
}

/// Whether an address is on the public internet (not loopback, private,
/// link-local, carrier-grade NAT, unique-local, multicast or reserved).
pub fn is_public_address(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_unspecified()
                || v4.is_multicast()
                || a == 0
                || a >= 240
                || (a == 100 && (b & 0xc0) == 64))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public_address(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80)
        }
    }
}

/// Checks a webhook URL: http(s), a host, no credentials, at most 2,000
/// characters; and unless private addresses are allowed, no IP literal or
/// `localhost` that is not public (names are checked again when resolved).
fn check_webhook_url(text: &str, allow_private: bool) -> Result<String, (&'static str, String)> {
    let text = text.trim();
    if text.len() > 2000 {
        return Err(("too_long", "must be at most 2000 characters".to_owned()));
    }
    let url =
        reqwest::Url::parse(text).map_err(|_| ("invalid_format", "must be an http:// or https:// URL".to_owned()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(("invalid_format", "must be an http:// or https:// URL".to_owned()));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(("invalid_format", "must not contain credentials".to_owned()));
    }
    let private = match url.host() {
        None => return Err(("invalid_format", "must name a host".to_owned())),
        Some(url::Host::Ipv4(ip)) => !is_public_address(IpAddr::V4(ip)),
        Some(url::Host::Ipv6(ip)) => !is_public_address(IpAddr::V6(ip)),
        Some(url::Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            name == "localhost" || name.ends_with(".localhost")
        }
    };
    if private && !allow_private {
        return Err((
            "invalid_value",
            "private, loopback and link-local addresses are not allowed on this server".to_owned(),
        ));
    }
    Ok(url.to_string())
}

fn check_events(events: &[String]) -> Result<(), (&'static str, String)> {
    if events.is_empty() {
        return Err(("too_few", "must have at least 1 item(s)".to_owned()));
    }
    for (i, name) in events.iter().enumerate() {
        if !Event::parse(name).is_some_and(Event::is_webhook_event) {
            let known: Vec<&str> = Event::ALL
                .into_iter()
                .filter(|e| e.is_webhook_event())
                .map(Event::as_str)
                .collect();
            return Err(("invalid_value", format!("`{name}` is not one of: {}", known.join(", "))));
        }
        if events[..i].contains(name) {
            return Err(("duplicate", format!("`{name}` is listed twice")));
        }
    }
    Ok(())
}

/// The fields of a webhook body that were given (all but `active` for a create).
struct WebhookFields {
    url: Option<String>,
    events: Option<Vec<String>>,
    active: Option<bool>,
}

/// Reads a create (`partial` false) or patch body: url, events, active.
fn read_webhook_body(body: &Value, partial: bool, allow_private: bool) -> ServiceResult<WebhookFields> {
    let Value::Object(map) = body else {
        return Err(ServiceError::BadRequest(
            "invalid_body",
            "the body must be a JSON object".to_owned(),
        ));
    };
    let mut reader = FieldReader::new(map, &["url", "events", "active"], "");
    let url = reader
        .string("url", !partial, 2000)
        .and_then(|text| match check_webhook_url(&text, allow_private) {
            Ok(url) => Some(url),
            Err((code, message)) => {
                reader.fail("url", code, message);
                None
            }
        });
    let events = reader
        .string_list("events", if partial { 0 } else { 1 }, Event::ALL.len(), |_| Ok(()))
        .and_then(|events| match check_events(&events) {
            Ok(()) => Some(events),
            Err((code, message)) => {
                reader.fail("events", code, message);
                None
            }
        });
    let active = match reader.raw("active") {
        None => None,
        Some(Value::Bool(flag)) => Some(*flag),
        Some(_) => {
            reader.fail("active", "invalid_type", "must be true or false");
            None
        }
    };
    if partial && map.get("events").is_some_and(Value::is_null) {
        reader.fail("events", "invalid_type", "must be an array of strings");
    }
    Ok(reader.finish(|| Some(WebhookFields { url, events, active }))?)
}

/// A resolver that refuses names resolving to non-public addresses (unless
/// allowed): the check happens on the addresses actually connected to, so a
/// name cannot be re-pointed at the internal network after validation.
struct GuardedResolver {
    allow_private: bool,
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allow_private = self.allow_private;
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let allowed: Vec<SocketAddr> = addrs
                .into_iter()
                .filter(|addr| allow_private || is_public_address(addr.ip()))
                .collect();
            if allowed.is_empty() {
                return Err(format!("{host} resolves to no address this server may call").into());
            }
            let addrs: reqwest::dns::Addrs = Box::new(allowed.into_iter());
            Ok(addrs)
        })
    }
}

/// Why an attempt failed, with the causes reqwest wraps.
fn describe(error: &reqwest::Error, timeout: Duration) -> String {
    if error.is_timeout() {
        return format!("timed out after {} s", timeout.as_secs_f64());
    }
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn truncate(text: String) -> String {
    if text.chars().count() <= MAX_ERROR_CHARS {
        text
    } else {
        text.chars().take(MAX_ERROR_CHARS).collect()
    }
}

/// The outcome of one HTTP attempt.
struct Attempt {
    status_code: Option<i32>,
    error: Option<String>,
    duration: Duration,
}

impl Attempt {
    fn delivered(&self) -> bool {
        self.error.is_none()
    }
}

impl App {
    async fn managed_organization(&self, caller: Caller, organization: &str) -> ServiceResult<(i64, String, i64)> {
        let conn = self.store.conn();
        let org = organizations::find_by_external_id(conn, organization)
            .await?
            .ok_or_else(|| crate::organizations::not_found(organization))?;
        let principal = require_editor(conn, caller, org.id).await?;
        Ok((org.id, org.external_id, principal.user_id))
    }

    fn webhook_view(&self, row: &WebhookRow, organization: &str) -> WebhookView {
        WebhookView {
            id: row.id,
            organization: organization.to_owned(),
            url: row.url.clone(),
            events: events_of(row),
            active: row.active,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }

    /// The organization's webhooks.
    pub async fn list_webhooks(&self, caller: Caller, organization: &str) -> ServiceResult<Vec<WebhookView>> {
        let (org_id, org_external_id, _) = self.managed_organization(caller, organization).await?;
        let rows = store::of_organization(self.store.conn(), org_id).await?;
        Ok(rows
            .iter()
            .map(|row| self.webhook_view(row, &org_external_id))
            .collect())
    }

    /// Adds a webhook; its secret is generated here and returned this once.
    pub async fn create_webhook(
        &self,
        caller: Caller,
        organization: &str,
        body: Value,
    ) -> ServiceResult<WebhookCreatedView> {
        let (org_id, org_external_id, user_id) = self.managed_organization(caller, organization).await?;
        let WebhookFields { url, events, active } = read_webhook_body(&body, false, self.config.webhook_allow_private)?;
        let (Some(url), Some(events)) = (url, events) else {
            return Err(ServiceError::validation("url", "required", "is required"));
        };
        let secret = format!("whsec_{}", random_hex(24));
        let txn = self.store.begin_write().await?;
        if store::count_of_organization(&txn, org_id).await? >= MAX_WEBHOOKS_PER_ORGANIZATION {
            return Err(ServiceError::Conflict(
                "too_many_webhooks",
                format!("an organization may have at most {MAX_WEBHOOKS_PER_ORGANIZATION} webhooks"),
            ));
        }
        let events_json = hulian_store::convert::to_json_text(&events);
        let row = store::insert(
            &txn,
            org_id,
            &url,
            &events_json,
            &secret,
            active.unwrap_or(true),
            user_id,
            self.now(),
        )
        .await?;
        txn.commit().await?;
        Ok(WebhookCreatedView {
            webhook: self.webhook_view(&row, &org_external_id),
            secret,
        })
    }

    /// Changes a webhook's URL, events or active flag (the fields given).
    pub async fn update_webhook(
        &self,
        caller: Caller,
        organization: &str,
        id: i64,
        body: Value,
    ) -> ServiceResult<WebhookView> {
        let (org_id, org_external_id, _) = self.managed_organization(caller, organization).await?;
        let WebhookFields { url, events, active } = read_webhook_body(&body, true, self.config.webhook_allow_private)?;
        let txn = self.store.begin_write().await?;
        let row = store::find(&txn, org_id, id)
            .await?
            .ok_or_else(|| webhook_not_found(id))?;
        let url = url.unwrap_or_else(|| row.url.clone());
        let events = events.map_or_else(|| row.events.clone(), |e| hulian_store::convert::to_json_text(&e));
        let active = active.unwrap_or(row.active);
        let row = store::update(&txn, row, url, events, active, self.now()).await?;
        txn.commit().await?;
        Ok(self.webhook_view(&row, &org_external_id))
    }

    /// Deletes a webhook with its queued jobs and delivery log.
    pub async fn delete_webhook(&self, caller: Caller, organization: &str, id: i64) -> ServiceResult<()> {
        let (org_id, _, _) = self.managed_organization(caller, organization).await?;
        let txn = self.store.begin_write().await?;
        store::find(&txn, org_id, id)
            .await?
            .ok_or_else(|| webhook_not_found(id))?;
        store::delete(&txn, id).await?;
        txn.commit().await?;
        Ok(())
    }

    /// A webhook's delivery log, newest attempt first.
    pub async fn webhook_deliveries(
        &self,
        caller: Caller,
        organization: &str,
        id: i64,
        query: DeliveryQuery,
    ) -> ServiceResult<DeliveryPage> {
        let (org_id, _, _) = self.managed_organization(caller, organization).await?;
        let conn = self.store.conn();
        store::find(conn, org_id, id)
            .await?
            .ok_or_else(|| webhook_not_found(id))?;
        let page = store::deliveries(conn, id, PageRequest::new(query.page, query.per_page)).await?;
        let job_ids: Vec<i64> = page.items.iter().map(|d| d.job_id).collect();
        let jobs: HashMap<i64, JobRow> = store::jobs_by_ids(conn, &job_ids)
            .await?
            .into_iter()
            .map(|job| (job.id, job))
            .collect();
        let items = page
            .items
            .into_iter()
            .map(|row| {
                let job = jobs.get(&row.job_id);
                DeliveryView {
                    delivery_id: job.map(|j| j.delivery_id.clone()).unwrap_or_default(),
                    event: job.map(|j| j.event.clone()).unwrap_or_default(),
                    attempt: row.attempt,
                    status_code: row.status_code,
                    error: row.error,
                    duration_ms: row.duration_ms,
                    outcome: row.outcome,
                    attempted_at: row.attempted_at,
                }
            })
            .collect();
        Ok(DeliveryPage {
            items,
            total: page.total,
            page: page.page,
            per_page: page.per_page,
        })
    }

    /// Queues a `ping` delivery to the webhook (sent by the worker like any other).
    pub async fn test_webhook(&self, caller: Caller, organization: &str, id: i64) -> ServiceResult<QueuedDeliveryView> {
        let (org_id, org_external_id, _) = self.managed_organization(caller, organization).await?;
        let txn = self.store.begin_write().await?;
        let row = store::find(&txn, org_id, id)
            .await?
            .ok_or_else(|| webhook_not_found(id))?;
        let data = json!({"webhook_id": row.id, "organization": org_external_id});
        let job = enqueue(&txn, &row, PING_EVENT, &data, self.now()).await?;
        txn.commit().await?;
        Ok(QueuedDeliveryView {
            delivery_id: job.delivery_id,
            event: job.event,
        })
    }

    /// One pass of the delivery worker at the current time.
    pub async fn run_webhook_jobs_once(&self) -> ServiceResult<WorkerReport> {
        self.run_webhook_jobs_at(Utc::now()).await
    }

    /// One pass of the delivery worker as if it were `now` (tests move time
    /// forward instead of sleeping): claims the jobs due, delivers each
    /// webhook's in the order they were queued (different webhooks'
    /// concurrently), records each attempt and schedules retries.
    pub async fn run_webhook_jobs_at(&self, now: DateTime<Utc>) -> ServiceResult<WorkerReport> {
        let conn = self.store.conn();
        let timeout = self.config.webhook_timeout;
        // The lease outlasts the attempt, so only a dead worker's jobs are taken over.
        let lease = chrono::Duration::from_std(timeout * 2 + Duration::from_secs(30))
            .map_err(|e| ServiceError::Internal(format!("webhook lease: {e}")))?;
        let jobs = store::claim_due(conn, now, now + lease, CLAIM_BATCH).await?;
        let mut report = WorkerReport {
            claimed: jobs.len(),
            ..WorkerReport::default()
        };
        if jobs.is_empty() {
            return Ok(report);
        }
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("hulian-webhooks/", env!("CARGO_PKG_VERSION")))
            .dns_resolver(Arc::new(GuardedResolver {
                allow_private: self.config.webhook_allow_private,
            }))
            .build()
            .map_err(|e| ServiceError::Internal(format!("webhook client: {e}")))?;
        // One task per webhook, delivering its jobs one after the other in
        // the order they were queued: a receiver hears an introduction
        // accepted before the stage change that followed it. Different
        // webhooks are delivered concurrently.
        let mut by_webhook: Vec<(i64, Vec<JobRow>)> = Vec::new();
        for job in jobs {
            match by_webhook.iter_mut().find(|(id, _)| *id == job.webhook_id) {
                Some((_, queue)) => queue.push(job),
                None => by_webhook.push((job.webhook_id, vec![job])),
            }
        }
        let mut tasks = tokio::task::JoinSet::new();
        for (webhook_id, queue) in by_webhook {
            let hook = store::find_by_id(conn, webhook_id).await?;
            let client = client.clone();
            let allow_private = self.config.webhook_allow_private;
            tasks.spawn(async move {
                let mut done = Vec::with_capacity(queue.len());
                for job in queue {
                    let attempt = match &hook {
                        Some(hook) if hook.active => send(&client, hook, &job, now, timeout, allow_private).await,
                        Some(_) => Attempt {
                            status_code: None,
                            error: Some("the webhook is inactive".to_owned()),
                            duration: Duration::ZERO,
                        },
                        None => Attempt {
                            status_code: None,
                            error: Some("the webhook was deleted".to_owned()),
                            duration: Duration::ZERO,
                        },
                    };
                    let give_up = hook.as_ref().is_none_or(|h| !h.active);
                    done.push((job, attempt, give_up));
                }
                done
            });
        }
        let mut attempts = Vec::new();
        while let Some(joined) = tasks.join_next().await {
            attempts.extend(joined.map_err(|e| ServiceError::Internal(format!("webhook delivery task: {e}")))?);
        }
        for (job, attempt, give_up) in attempts {
            let max_attempts = i32::try_from(self.config.webhook_max_attempts).unwrap_or(i32::MAX);
            let (status, outcome, next) = if attempt.delivered() {
                report.delivered += 1;
                (store::JOB_DELIVERED, "delivered", now)
            } else if give_up || job.attempts >= max_attempts {
                report.failed += 1;
                (store::JOB_FAILED, "failed", now)
            } else {
                report.retrying += 1;
                (store::JOB_PENDING, "retrying", now + self.retry_delay(job.attempts))
            };
            if let Some(error) = &attempt.error {
                tracing::info!(delivery = %job.delivery_id, attempt = job.attempts, %error, outcome, "webhook attempt failed");
            }
            let record = AttemptRecord {
                status_code: attempt.status_code,
                error: attempt.error.map(truncate),
                duration_ms: i64::try_from(attempt.duration.as_millis()).unwrap_or(i64::MAX),
                outcome: outcome.to_owned(),
                attempted_at: now,
            };
            store::finish_attempt(conn, &job, status, next, record).await?;
        }
        Ok(report)
    }

    /// `base × 2^(attempt-1)`, plus up to 25 % jitter so that retries after an
    /// outage do not arrive all at once.
    fn retry_delay(&self, attempt: i32) -> chrono::Duration {
        let exponent = u32::try_from(attempt.saturating_sub(1)).unwrap_or(0).min(20);
        let base = self.config.webhook_retry_base.as_millis() as f64 * f64::from(1u32 << exponent);
        let jitter = rand::Rng::random_range(&mut rand::rng(), 0.0..0.25);
        chrono::Duration::milliseconds((base * (1.0 + jitter)) as i64)
    }

    /// Delivers due jobs until the process ends: a pass every two seconds
    /// (and at once after a pass that found work).
    pub fn spawn_webhook_worker(&self) -> tokio::task::JoinHandle<()> {
        let app = self.clone();
        tokio::spawn(async move {
            loop {
                let busy = match app.run_webhook_jobs_once().await {
                    Ok(report) => report.claimed > 0,
                    Err(e) => {
                        tracing::error!(error = %e, "webhook worker failed; retrying");
                        false
                    }
                };
                if !busy {
                    tokio::time::sleep(Duration::from_secs(2)).await;
                }
            }
        })
    }
}

/// One HTTP attempt: 2xx is delivered, anything else (another status, a
/// redirect, a timeout, a refused connection) is an error.
async fn send(
    client: &reqwest::Client,
    hook: &WebhookRow,
    job: &JobRow,
    now: DateTime<Utc>,
    timeout: Duration,
    allow_private: bool,
) -> Attempt {
    let failed = |error: String| Attempt {
        status_code: None,
        error: Some(error),
        duration: Duration::ZERO,
    };
    // IP literals bypass the resolver: check them here.
    if let Err((_, message)) = check_webhook_url(&hook.url, allow_private) {
        return failed(message);
    }
    let timestamp = now.timestamp();
    let body = job.payload.clone().into_bytes();
    let signed = match signature(&hook.secret, timestamp, &body) {
        Ok(signed) => signed,
        Err(e) => return failed(e.to_string()),
    };
    let started = Instant::now();
    let result = client
        .post(&hook.url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header("X-Hulian-Event", &job.event)
        .header("X-Hulian-Delivery", &job.delivery_id)
        .header("X-Hulian-Timestamp", timestamp.to_string())
        .header("X-Hulian-Signature", signed)
        .body(body)
        .send()
        .await;
    let duration = started.elapsed();
    match result {
        Ok(response) => {
            let status = response.status();
            let status_code = Some(i32::from(status.as_u16()));
            if status.is_success() {
                Attempt {
                    status_code,
                    error: None,
                    duration,
                }
            } else {
                Attempt {
                    status_code,
                    error: Some(format!("HTTP {}", status.as_u16())),
                    duration,
                }
            }
        }
        Err(e) => Attempt {
            status_code: None,
            error: Some(describe(&e, timeout)),
            duration,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_hmac_sha256_of_timestamp_dot_body_in_hex() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        let signed = signature("Jefe", 0, b"what do ya want for nothing?").unwrap();
        assert_ne!(
            signed, "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            "the timestamp is part of what is signed"
        );
        let mut mac = Hmac::<Sha256>::new_from_slice(b"Jefe").unwrap();
        mac.update(b"0.what do ya want for nothing?");
        assert_eq!(signed, format!("sha256={}", hex::encode(mac.finalize().into_bytes())));
        let mut plain = Hmac::<Sha256>::new_from_slice(b"Jefe").unwrap();
        plain.update(b"what do ya want for nothing?");
        assert_eq!(
            hex::encode(plain.finalize().into_bytes()),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            "the HMAC itself is the standard one"
        );
    }

    #[test]
    fn only_public_addresses_are_public() {
        for private in [
            "127.0.0.1",
            "10.0.0.1",
            "172.16.5.4",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "224.0.0.1",
            "::1",
            "::",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            let ip: IpAddr = private.parse().unwrap();
            assert!(!is_public_address(ip), "{private}");
        }
        for public in ["8.8.8.8", "101.6.6.6", "2001:4860:4860::8888", "::ffff:8.8.8.8"] {
            let ip: IpAddr = public.parse().unwrap();
            assert!(is_public_address(ip), "{public}");
        }
    }

    #[test]
    fn urls_are_http_with_a_host_and_private_only_when_allowed() {
        assert_eq!(
            check_webhook_url(" https://Hooks.Example.com/a?b=1 ", false).unwrap(),
            "https://hooks.example.com/a?b=1"
        );
        assert_eq!(
            check_webhook_url("http://127.0.0.1:9/x", false).unwrap_err().0,
            "invalid_value"
        );
        assert!(check_webhook_url("http://127.0.0.1:9/x", true).is_ok());
        assert_eq!(
            check_webhook_url("http://app.localhost/", false).unwrap_err().0,
            "invalid_value"
        );
        for bad in [
            "file:///etc/passwd",
            "gopher://x",
            "https://",
            "http://a:b@example.com",
            "example.com",
        ] {
            assert_eq!(check_webhook_url(bad, true).unwrap_err().0, "invalid_format", "{bad}");
        }
    }
}
