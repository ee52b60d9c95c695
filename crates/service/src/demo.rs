//! Loading the generated demo dataset (see the `hulian-demo` crate) through the
//! ordinary import path, so demo data obeys every rule real data does.

use hulian_demo::DemoConfig;

use crate::ServiceResult;
use crate::app::App;
use crate::exchange::{ImportOptions, Progress};
use crate::views::ImportReport;

impl App {
    /// Imports the demo dataset (idempotent: a second load changes nothing).
    pub async fn load_demo(&self, config: &DemoConfig, progress: Progress<'_>) -> ServiceResult<ImportReport> {
        let mut text = String::new();
        for record in hulian_demo::generate(config) {
            text.push_str(&record.to_line());
            text.push('\n');
        }
        let report = self
            .import_as_operator(&text, ImportOptions::default(), progress)
            .await?;
        // One cooperation for about every 20 listings, like a year of work.
        self.load_demo_pipeline(config.listings / 20).await?;
        Ok(report)
    }

    /// Whether the database holds no organization yet (first start).
    pub async fn is_empty(&self) -> ServiceResult<bool> {
        Ok(hulian_store::organizations::count(self.store.conn()).await? == 0)
    }
}

/// The notes the demo timeline uses, per stage reached.
const DEMO_NOTES: [(&str, &str); 5] = [
    ("negotiation", "双方完成首轮洽谈，交换项目资料"),
    ("signed", "在沪连对口合作推介会上签约"),
    ("construction", "项目用地落实，正式开工建设"),
    ("production", "一期工程竣工投产"),
    ("dropped", "资金安排未落实，双方同意终止"),
];

impl App {
    /// A demo pipeline of cooperations between demo organizations, so the
    /// cooperation pages and reports have something to show on a first start.
    /// Deterministic, written only when there is no cooperation yet; entries
    /// are authored by "演示数据 (demo data)", not by any account.
    pub async fn load_demo_pipeline(&self, count: usize) -> ServiceResult<u64> {
        use chrono::{Duration, NaiveDate, TimeZone, Utc};
        use hulian_domain::{Region, Stage};
        use hulian_store::cooperations::{self, CooperationEventRow, CooperationFilter, CooperationRow};
        use hulian_store::page::PageRequest;
        use hulian_store::{listings, organizations};

        let conn = self.store.conn();
        let existing = cooperations::list(
            conn,
            &CooperationFilter {
                all: true,
                ..Default::default()
            },
            PageRequest::new(None, Some(1)),
        )
        .await?;
        if existing.total > 0 {
            return Ok(0);
        }
        let mut shanghai = Vec::new();
        let mut after = 0;
        loop {
            let rows = organizations::all_after(conn, after, 1000).await?;
            let Some(last) = rows.last() else { break };
            after = last.id;
            shanghai.extend(rows.into_iter().filter(|o| o.region == Region::Shanghai.as_str()));
        }
        let mut projects = Vec::new();
        let mut after = 0;
        loop {
            let rows = listings::all_after(conn, after, 1000).await?;
            let Some(last) = rows.last() else { break };
            after = last.id;
            projects.extend(
                rows.into_iter()
                    .filter(|l| l.status == "published" && l.region != Region::Shanghai.as_str()),
            );
        }
        if shanghai.is_empty() || projects.is_empty() {
            return Ok(0);
        }
        let step = (projects.len() / count.max(1)).max(1);
        let today = self.today();
        let first_day = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap_or(today);
        // Stage reached by the k-th cooperation: most stay early, a few land.
        const LADDER: [Stage; 20] = {
            use Stage::*;
            [
                Interest,
                Negotiation,
                Signed,
                Interest,
                Construction,
                Negotiation,
                Signed,
                Interest,
                Production,
                Negotiation,
                Signed,
                Dropped,
                Interest,
                Construction,
                Negotiation,
                Signed,
                Interest,
                Production,
                Negotiation,
                Construction,
            ]
        };
        let txn = self.store.begin_write().await?;
        let mut written = 0u64;
        for (k, project) in projects.iter().step_by(step).take(count).enumerate() {
            let Some(b_org) = organizations::find_by_id(&txn, project.organization_id).await? else {
                continue;
            };
            let a_org = &shanghai[(k * 7) % shanghai.len()];
            let span = (today - first_day).num_days().max(60);
            let started = first_day + Duration::days(((k as i64) * 37) % (span - 45));
            let target = LADDER[k % LADDER.len()];
            // The stages walked, each some weeks after the one before, never after today.
            let path: &[Stage] = match target {
                Stage::Interest => &[],
                Stage::Negotiation => &[Stage::Negotiation],
                Stage::Signed => &[Stage::Negotiation, Stage::Signed],
                Stage::Construction => &[Stage::Negotiation, Stage::Signed, Stage::Construction],
                Stage::Production => &[
                    Stage::Negotiation,
                    Stage::Signed,
                    Stage::Construction,
                    Stage::Production,
                ],
                Stage::Dropped => &[Stage::Negotiation, Stage::Dropped],
            };
            let mut walk: Vec<(Stage, NaiveDate)> = vec![(Stage::Interest, started)];
            let mut day = started;
            for &stage in path {
                day = (day + Duration::days(21 + ((k as i64) * 13) % 40)).min(today);
                walk.push((stage, day));
            }
            let (stage, stage_date) = walk.last().copied().unwrap_or((Stage::Interest, started));
            let signed_on = walk.iter().find(|(s, _)| *s == Stage::Signed).map(|(_, d)| *d);
            let amount = signed_on.map(|_| {
                project
                    .amount_cny_max
                    .or(project.amount_cny_min)
                    .unwrap_or(50_000_000 + (k as i64 % 9) * 25_000_000)
            });
            let sector = serde_json::from_str::<Vec<String>>(&project.sectors)
                .ok()
                .and_then(|s| {
                    s.first()
                        .map(|slug| hulian_domain::taxonomy::top_level(slug).to_owned())
                })
                .unwrap_or_else(|| "other".to_owned());
            let created_at = Utc.from_utc_datetime(&started.and_hms_opt(2, 0, 0).unwrap_or_default());
            let row = cooperations::insert(
                &txn,
                CooperationRow {
                    id: 0,
                    public_id: format!("coop-demo-{k:04}"),
                    introduction_id: None,
                    a_org_id: Some(a_org.id),
                    a_org_name: a_org.name.clone(),
                    b_org_id: Some(b_org.id),
                    b_org_name: b_org.name.clone(),
                    a_listing_id: None,
                    b_listing_id: Some(project.id),
                    title: project.title.clone(),
                    sector,
                    region: project.region.clone(),
                    stage: stage.as_str().to_owned(),
                    stage_date,
                    signed_on,
                    agreed_amount_cny: amount,
                    key_project: signed_on.is_some() && k % 3 == 0,
                    broker_user_id: None,
                    created_at,
                    updated_at: Utc.from_utc_datetime(&stage_date.and_hms_opt(2, 0, 0).unwrap_or_default()),
                },
            )
            .await?;
            let mut previous: Option<Stage> = None;
            for (stage, date) in &walk {
                let note = DEMO_NOTES
                    .iter()
                    .find(|(slug, _)| *slug == stage.as_str())
                    .map(|(_, note)| (*note).to_owned())
                    .unwrap_or_default();
                cooperations::insert_event(
                    &txn,
                    CooperationEventRow {
                        id: 0,
                        cooperation_id: row.id,
                        kind: if previous.is_none() { "created" } else { "stage" }.to_owned(),
                        from_stage: previous.map(|s| s.as_str().to_owned()),
                        to_stage: Some(stage.as_str().to_owned()),
                        event_date: *date,
                        note,
                        agreed_amount_cny: if *stage == Stage::Signed { amount } else { None },
                        key_project: None,
                        author_user_id: None,
                        author_name: "演示数据 (demo data)".to_owned(),
                        created_at: Utc.from_utc_datetime(&date.and_hms_opt(2, 0, 0).unwrap_or_default()),
                    },
                )
                .await?;
                previous = Some(*stage);
            }
            written += 1;
        }
        txn.commit().await?;
        Ok(written)
    }
}
