//! Bulk import and export in the exchange format (NDJSON, keyed by external id).
//!
//! An import is all-or-nothing by default: every invalid line is reported as
//! `line N: field: reason` and nothing is written. With `skip_invalid` the valid
//! lines are written and the others still reported. Importing the same file
//! twice changes nothing (records equal to what is stored are left alone).
//!
//! Who may call: admins and promoters over the API; the operator through the
//! CLI (who holds the database). Exports carry contact details only for admins
//! and the operator.

use std::collections::{HashMap, HashSet};

use hulian_domain::{ListingRecord, OrganizationRecord, Record, parse_ndjson};
use hulian_store::listings;
use hulian_store::organizations::{self, OrganizationRow, Upserted};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::ServiceResult;
use crate::accounts::require_login;
use crate::app::App;
use crate::error::ServiceError;
use crate::principal::{Caller, Principal};
use crate::views::{ImportLineError, ImportReport};

#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportOptions {
    /// Import the valid lines and report the others, instead of importing nothing.
    #[serde(default)]
    pub skip_invalid: bool,
    /// Validate and count, then roll back.
    #[serde(default)]
    pub dry_run: bool,
}

/// Progress of a running import: records written so far, out of how many.
pub type Progress<'a> = &'a (dyn Fn(u64, u64) + Send + Sync);

fn line_errors(line: usize, errors: &hulian_domain::ValidationErrors) -> Vec<ImportLineError> {
    errors
        .0
        .iter()
        .map(|e| ImportLineError {
            line,
            field: e.field.clone(),
            code: e.code.clone(),
            message: e.message.clone(),
        })
        .collect()
}

fn require_importer(caller: Caller) -> ServiceResult<Principal> {
    let principal = require_login(caller)?;
    if principal.is_promoter_or_admin() {
        Ok(principal)
    } else {
        Err(ServiceError::forbidden())
    }
}

fn tally(report: &mut ImportReport, organization: bool, outcome: Upserted) {
    let counter = match (organization, outcome) {
        (true, Upserted::Created) => &mut report.organizations_created,
        (true, Upserted::Updated) => &mut report.organizations_updated,
        (true, Upserted::Unchanged) => &mut report.organizations_unchanged,
        (false, Upserted::Created) => &mut report.listings_created,
        (false, Upserted::Updated) => &mut report.listings_updated,
        (false, Upserted::Unchanged) => &mut report.listings_unchanged,
    };
    *counter += 1;
}

impl App {
    /// Imports an NDJSON text for an API caller (admins and promoters).
    pub async fn import(&self, caller: Caller, text: &str, options: ImportOptions) -> ServiceResult<ImportReport> {
        let principal = require_importer(caller)?;
        let report = self.import_by(Some(principal), text, options, &|_, _| {}).await?;
        tracing::info!(user_id = ?caller.map(|p| p.user_id), committed = report.committed, errors = report.errors.len(), "import");
        Ok(report)
    }

    /// Imports an NDJSON text with the operator's authority (the CLI).
    pub async fn import_as_operator(
        &self,
        text: &str,
        options: ImportOptions,
        progress: Progress<'_>,
    ) -> ServiceResult<ImportReport> {
        self.import_by(None, text, options, progress).await
    }

    /// Imports on behalf of `actor` (none: the operator at the command line);
    /// a committed import is audited in its own transaction.
    async fn import_by(
        &self,
        actor: Option<Principal>,
        text: &str,
        options: ImportOptions,
        progress: Progress<'_>,
    ) -> ServiceResult<ImportReport> {
        let mut report = ImportReport::default();
        let mut organizations_in_file: Vec<(usize, OrganizationRecord)> = Vec::new();
        let mut listings_in_file: Vec<(usize, ListingRecord)> = Vec::new();
        for parsed in parse_ndjson(text) {
            match parsed.result {
                Ok(Record::Organization(o)) => organizations_in_file.push((parsed.line, o)),
                Ok(Record::Listing(l)) => listings_in_file.push((parsed.line, l)),
                Err(errors) => report.errors.extend(line_errors(parsed.line, &errors)),
            }
        }
        // A listing must name an organization of the file or of the database.
        let known_in_file: HashSet<&str> = organizations_in_file
            .iter()
            .map(|(_, o)| o.external_id.as_str())
            .collect();
        let mut known_in_db: HashMap<String, bool> = HashMap::new();
        let mut resolvable = Vec::with_capacity(listings_in_file.len());
        for (line, listing) in listings_in_file {
            let name = listing.organization.as_str();
            let exists = if known_in_file.contains(name) {
                true
            } else if let Some(found) = known_in_db.get(name) {
                *found
            } else {
                let found = organizations::find_by_external_id(self.store.conn(), name)
                    .await?
                    .is_some();
                known_in_db.insert(name.to_owned(), found);
                found
            };
            if exists {
                resolvable.push((line, listing));
            } else {
                report.errors.push(ImportLineError {
                    line,
                    field: "organization".to_owned(),
                    code: "not_found".to_owned(),
                    message: format!("no organization `{name}` in the file or the database"),
                });
            }
        }
        report.errors.sort_by_key(|e| e.line);
        let bad_lines: HashSet<usize> = report.errors.iter().map(|e| e.line).collect();
        report.skipped = bad_lines.len() as u64;
        if !report.errors.is_empty() && !options.skip_invalid {
            return Ok(report);
        }

        let total = (organizations_in_file.len() + resolvable.len()) as u64;
        let now = self.now();
        let txn = self.store.begin_write().await?;
        let mut by_external_id: HashMap<String, OrganizationRow> = HashMap::new();
        let mut done = 0u64;
        for (_, record) in &organizations_in_file {
            let record = &self.keep_stored_contact(&txn, record).await?;
            let (row, outcome) = organizations::upsert(&txn, record, now).await?;
            tally(&mut report, true, outcome);
            by_external_id.insert(row.external_id.clone(), row);
            done += 1;
            progress(done, total);
        }
        for (_, record) in &resolvable {
            let org = match by_external_id.get(&record.organization) {
                Some(org) => org.clone(),
                None => {
                    let org = organizations::find_by_external_id(&txn, &record.organization)
                        .await?
                        .ok_or_else(|| {
                            ServiceError::Internal(format!("organization {} vanished", record.organization))
                        })?;
                    by_external_id.insert(org.external_id.clone(), org.clone());
                    org
                }
            };
            let (_, outcome) = listings::upsert(&txn, &org, record, now).await?;
            tally(&mut report, false, outcome);
            done += 1;
            progress(done, total);
        }
        if options.dry_run {
            txn.rollback().await?;
        } else {
            crate::audit::record(
                &txn,
                actor,
                hulian_domain::AuditAction::Import,
                ("import", ""),
                serde_json::json!({
                    "organizations_created": report.organizations_created,
                    "organizations_updated": report.organizations_updated,
                    "listings_created": report.listings_created,
                    "listings_updated": report.listings_updated,
                    "skipped": report.skipped,
                }),
                now,
            )
            .await?;
            txn.commit().await?;
            report.committed = true;
        }
        Ok(report)
    }

    /// Contact details are private and left out of promoters' exports, so a
    /// record without `contact` keeps the stored one rather than erasing it:
    /// a round trip through such an export must not lose data.
    async fn keep_stored_contact<C: hulian_store::ConnectionTrait>(
        &self,
        conn: &C,
        record: &OrganizationRecord,
    ) -> ServiceResult<OrganizationRecord> {
        let mut record = record.clone();
        if record.contact.is_none()
            && let Some(row) = organizations::find_by_external_id(conn, &record.external_id).await?
        {
            record.contact = hulian_store::convert::organization_record(&row)?.contact;
        }
        Ok(record)
    }

    /// Exports everything for an API caller (admins and promoters; contacts for admins only).
    pub async fn export(&self, caller: Caller) -> ServiceResult<String> {
        let principal = require_importer(caller)?;
        let include_contacts = principal.is_admin();
        crate::audit::record(
            self.store.conn(),
            Some(principal),
            hulian_domain::AuditAction::Export,
            ("export", ""),
            serde_json::json!({"contacts": include_contacts}),
            self.now(),
        )
        .await?;
        let mut out = String::new();
        self.export_as_operator(include_contacts, &mut |line| {
            out.push_str(&line);
            out.push('\n');
            Ok(())
        })
        .await?;
        Ok(out)
    }

    /// Writes every organization, then every listing, one line each, to `sink`.
    pub async fn export_as_operator(
        &self,
        include_contacts: bool,
        sink: &mut (dyn FnMut(String) -> std::io::Result<()> + Send),
    ) -> ServiceResult<u64> {
        const BATCH: u64 = 1000;
        let conn = self.store.conn();
        let io = |e: std::io::Error| ServiceError::Internal(format!("writing the export: {e}"));
        let mut external_ids: HashMap<i64, String> = HashMap::new();
        let mut written = 0u64;
        let mut after = 0;
        loop {
            let rows = organizations::all_after(conn, after, BATCH).await?;
            let Some(last) = rows.last() else { break };
            after = last.id;
            for row in &rows {
                let mut record = hulian_store::convert::organization_record(row)?;
                if !include_contacts {
                    record.contact = None;
                }
                external_ids.insert(row.id, row.external_id.clone());
                sink(Record::Organization(record).to_line()).map_err(io)?;
                written += 1;
            }
        }
        let mut after = 0;
        loop {
            let rows = listings::all_after(conn, after, BATCH).await?;
            let Some(last) = rows.last() else { break };
            after = last.id;
            for row in &rows {
                let organization = external_ids
                    .get(&row.organization_id)
                    .map(String::as_str)
                    .unwrap_or_default();
                let record = hulian_store::convert::listing_record(row, organization)?;
                sink(Record::Listing(record).to_line()).map_err(io)?;
                written += 1;
            }
        }
        Ok(written)
    }
}
