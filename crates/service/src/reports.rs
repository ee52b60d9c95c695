//! Reports for the coordinating offices' evaluation (督促检查、考核评估):
//! cooperations counted, and their agreed amounts summed, by stage, sector,
//! region, period and key-project flag, as JSON and as CSV.
//!
//! Who may call: promoters and admins. Not a general query engine: one or two
//! grouping dimensions over the cooperations the filters select.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use hulian_domain::{Region, Stage, taxonomy};
use hulian_store::cooperations::{self, CooperationRow};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::ServiceResult;
use crate::accounts::require_login;
use crate::app::App;
use crate::cooperations::CooperationQuery;
use crate::error::ServiceError;

/// How long a reporting period is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Month,
    #[default]
    Quarter,
    Year,
}

/// Which date places a cooperation in a period (and in `from`..`to`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The day it began (the introduction was accepted).
    #[default]
    Started,
    /// The day it was signed; cooperations never signed are left out.
    Signed,
}

/// A grouping dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Stage,
    Sector,
    Region,
    Period,
    KeyProject,
}

impl Dimension {
    fn parse(text: &str) -> Option<Dimension> {
        match text {
            "stage" => Some(Dimension::Stage),
            "sector" => Some(Dimension::Sector),
            "region" => Some(Dimension::Region),
            "period" => Some(Dimension::Period),
            "key_project" => Some(Dimension::KeyProject),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Dimension::Stage => "stage",
            Dimension::Sector => "sector",
            Dimension::Region => "region",
            Dimension::Period => "period",
            Dimension::KeyProject => "key_project",
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// One or two of `stage`, `sector`, `region`, `period`, `key_project`,
    /// comma-separated (default `stage`).
    pub group_by: Option<String>,
    /// Length of a period: `month`, `quarter` (default) or `year`.
    pub period: Option<Period>,
    /// `started` (default) or `signed`: the date that places a cooperation.
    pub basis: Option<Basis>,
    /// First day counted (inclusive).
    pub from: Option<NaiveDate>,
    /// Last day counted (inclusive).
    pub to: Option<NaiveDate>,
    pub stage: Option<Stage>,
    /// A top-level sector slug.
    pub sector: Option<String>,
    pub region: Option<Region>,
    pub key_project: Option<bool>,
}

/// A group's key in one dimension, with its names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct GroupKey {
    pub dimension: Dimension,
    /// The slug (`signed`, `equipment`, `dalian`, `2026-Q3`, `true`).
    pub key: String,
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReportRow {
    /// One key per grouping dimension, in the order asked.
    pub keys: Vec<GroupKey>,
    pub count: u64,
    /// Of them, signed at some point (including those that went on, or were dropped after).
    pub signed_count: u64,
    pub key_projects: u64,
    /// Sum of agreed amounts, yuan.
    pub agreed_amount_cny: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StageCount {
    pub stage: Stage,
    pub count: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReportTotals {
    pub count: u64,
    pub signed_count: u64,
    pub key_projects: u64,
    pub agreed_amount_cny: i64,
    /// Every stage, in order, with how many cooperations are at it now.
    pub by_stage: Vec<StageCount>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReportView {
    pub group_by: Vec<Dimension>,
    pub period: Period,
    pub basis: Basis,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub rows: Vec<ReportRow>,
    pub totals: ReportTotals,
}

fn parse_group_by(text: Option<&str>) -> ServiceResult<Vec<Dimension>> {
    let text = text.unwrap_or("stage");
    let mut dimensions = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let dimension = Dimension::parse(part).ok_or_else(|| {
            ServiceError::validation(
                "group_by",
                "invalid_value",
                format!("`{part}` is not one of stage, sector, region, period, key_project"),
            )
        })?;
        if dimensions.contains(&dimension) {
            return Err(ServiceError::validation(
                "group_by",
                "duplicate",
                format!("`{part}` twice"),
            ));
        }
        dimensions.push(dimension);
    }
    if dimensions.is_empty() || dimensions.len() > 2 {
        return Err(ServiceError::validation(
            "group_by",
            "invalid_value",
            "group by one or two dimensions",
        ));
    }
    Ok(dimensions)
}

/// The date a cooperation counts on, in China time.
fn basis_date(row: &CooperationRow, basis: Basis) -> Option<NaiveDate> {
    match basis {
        Basis::Started => Some((row.created_at + Duration::hours(8)).date_naive()),
        Basis::Signed => row.signed_on,
    }
}

fn period_key(date: NaiveDate, period: Period) -> (String, String, String) {
    let year = date.year();
    match period {
        Period::Month => (
            format!("{year}-{:02}", date.month()),
            format!("{year}年{}月", date.month()),
            format!("{year}-{:02}", date.month()),
        ),
        Period::Quarter => {
            let quarter = (date.month() - 1) / 3 + 1;
            (
                format!("{year}-Q{quarter}"),
                format!("{year}年第{quarter}季度"),
                format!("Q{quarter} {year}"),
            )
        }
        Period::Year => (year.to_string(), format!("{year}年"), year.to_string()),
    }
}

/// A group key and a sort key that puts groups in their natural order.
fn key_of(row: &CooperationRow, dimension: Dimension, period: Period, date: NaiveDate) -> (GroupKey, String) {
    let make = |key: String, zh: &str, en: &str| GroupKey {
        dimension,
        key,
        zh: zh.to_owned(),
        en: en.to_owned(),
    };
    match dimension {
        Dimension::Stage => {
            let stage = Stage::parse(&row.stage).unwrap_or(Stage::Interest);
            let order = Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0);
            (
                make(stage.as_str().to_owned(), stage.zh(), stage.en()),
                format!("{order:02}"),
            )
        }
        Dimension::Sector => {
            let (zh, en) = taxonomy::names(&row.sector).unwrap_or(("其他", "other"));
            let order = taxonomy::SECTORS
                .iter()
                .position(|s| s.slug == row.sector)
                .unwrap_or(99);
            (make(row.sector.clone(), zh, en), format!("{order:02}"))
        }
        Dimension::Region => {
            let region = Region::parse(&row.region).unwrap_or(Region::Other);
            let order = Region::ALL.iter().position(|r| *r == region).unwrap_or(99);
            (
                make(region.as_str().to_owned(), region.zh(), region.en()),
                format!("{order:02}"),
            )
        }
        Dimension::Period => {
            let (key, zh, en) = period_key(date, period);
            (make(key.clone(), &zh, &en), key)
        }
        Dimension::KeyProject => {
            if row.key_project {
                (make("true".to_owned(), "重点项目", "key project"), "0".to_owned())
            } else {
                (make("false".to_owned(), "一般项目", "other project"), "1".to_owned())
            }
        }
    }
}

impl App {
    /// Promoters and admins: cooperations counted and summed by the asked dimensions.
    pub async fn cooperation_report(
        &self,
        caller: crate::principal::Caller,
        query: ReportQuery,
    ) -> ServiceResult<ReportView> {
        let principal = require_login(caller)?;
        if !principal.is_promoter_or_admin() {
            return Err(ServiceError::Forbidden(
                "forbidden",
                "reports are for promoters and admins".to_owned(),
            ));
        }
        let group_by = parse_group_by(query.group_by.as_deref())?;
        if let (Some(from), Some(to)) = (query.from, query.to)
            && from > to
        {
            return Err(ServiceError::validation(
                "to",
                "before_from",
                "must not be before `from`",
            ));
        }
        let period = query.period.unwrap_or_default();
        let basis = query.basis.unwrap_or_default();
        let filter = self
            .cooperation_filter(
                principal,
                &CooperationQuery {
                    stage: query.stage,
                    key_project: query.key_project,
                    sector: query.sector.clone(),
                    region: query.region,
                    ..CooperationQuery::default()
                },
            )
            .await?;
        let rows = cooperations::all(self.store.conn(), &filter).await?;

        let mut groups: BTreeMap<Vec<String>, ReportRow> = BTreeMap::new();
        let mut totals = ReportTotals {
            count: 0,
            signed_count: 0,
            key_projects: 0,
            agreed_amount_cny: 0,
            by_stage: Stage::ALL.iter().map(|&stage| StageCount { stage, count: 0 }).collect(),
        };
        for row in &rows {
            let Some(date) = basis_date(row, basis) else { continue };
            if query.from.is_some_and(|from| date < from) || query.to.is_some_and(|to| date > to) {
                continue;
            }
            let mut sort = Vec::with_capacity(group_by.len());
            let mut keys = Vec::with_capacity(group_by.len());
            for &dimension in &group_by {
                let (key, order) = key_of(row, dimension, period, date);
                sort.push(order);
                keys.push(key);
            }
            let signed = u64::from(row.signed_on.is_some());
            let key_project = u64::from(row.key_project);
            let amount = row.agreed_amount_cny.unwrap_or(0);
            let group = groups.entry(sort).or_insert_with(|| ReportRow {
                keys,
                count: 0,
                signed_count: 0,
                key_projects: 0,
                agreed_amount_cny: 0,
            });
            group.count += 1;
            group.signed_count += signed;
            group.key_projects += key_project;
            group.agreed_amount_cny = group.agreed_amount_cny.saturating_add(amount);
            totals.count += 1;
            totals.signed_count += signed;
            totals.key_projects += key_project;
            totals.agreed_amount_cny = totals.agreed_amount_cny.saturating_add(amount);
            if let Some(at) = totals.by_stage.iter_mut().find(|s| s.stage.as_str() == row.stage) {
                at.count += 1;
            }
        }
        Ok(ReportView {
            group_by,
            period,
            basis,
            from: query.from,
            to: query.to,
            rows: groups.into_values().collect(),
            totals,
        })
    }

    /// The same report as CSV (UTF-8 with a byte-order mark, so spreadsheet
    /// programs read the Chinese names right), one row per group and a total.
    pub async fn cooperation_report_csv(
        &self,
        caller: crate::principal::Caller,
        query: ReportQuery,
    ) -> ServiceResult<String> {
        let report = self.cooperation_report(caller, query).await?;
        let mut out = String::from("\u{feff}");
        let mut header: Vec<String> = Vec::new();
        for dimension in &report.group_by {
            header.push(dimension.as_str().to_owned());
            header.push(format!("{}_zh", dimension.as_str()));
            header.push(format!("{}_en", dimension.as_str()));
        }
        header.extend(
            [
                "count",
                "signed_count",
                "key_projects",
                "agreed_amount_cny",
                "agreed_amount_wan",
            ]
            .map(str::to_owned),
        );
        push_csv_line(&mut out, &header);
        for row in &report.rows {
            let mut cells: Vec<String> = Vec::new();
            for key in &row.keys {
                cells.extend([key.key.clone(), key.zh.clone(), key.en.clone()]);
            }
            cells.extend(figures(
                row.count,
                row.signed_count,
                row.key_projects,
                row.agreed_amount_cny,
            ));
            push_csv_line(&mut out, &cells);
        }
        let mut total: Vec<String> = vec!["total".to_owned(), "合计".to_owned(), "total".to_owned()];
        total.extend(std::iter::repeat_n(String::new(), 3 * (report.group_by.len() - 1)));
        let t = &report.totals;
        total.extend(figures(t.count, t.signed_count, t.key_projects, t.agreed_amount_cny));
        push_csv_line(&mut out, &total);
        Ok(out)
    }
}

fn figures(count: u64, signed: u64, key_projects: u64, amount: i64) -> [String; 5] {
    [
        count.to_string(),
        signed.to_string(),
        key_projects.to_string(),
        amount.to_string(),
        format!("{:.2}", amount as f64 / 10_000.0),
    ]
}

/// RFC 4180: a cell with a comma, quote or line break is quoted, quotes doubled.
/// A cell starting with `=`, `+`, `-` or `@` is prefixed with `'` so that a
/// spreadsheet never runs it as a formula.
fn push_csv_line(out: &mut String, cells: &[String]) {
    let escaped: Vec<String> = cells.iter().map(|cell| csv_cell(cell)).collect();
    out.push_str(&escaped.join(","));
    out.push_str("\r\n");
}

fn csv_cell(cell: &str) -> String {
    let guarded = if cell.starts_with(['=', '+', '-', '@']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use proptest::strategy::Strategy;

    use super::*;

    #[test]
    fn group_by_takes_one_or_two_known_dimensions() {
        assert_eq!(parse_group_by(None).unwrap(), vec![Dimension::Stage]);
        assert_eq!(
            parse_group_by(Some("sector, period")).unwrap(),
            vec![Dimension::Sector, Dimension::Period]
        );
        for bad in ["", "stage,sector,region", "colour", "stage,stage"] {
            assert!(parse_group_by(Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn periods_are_named_in_both_languages() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(period_key(date, Period::Quarter).0, "2026-Q4");
        assert_eq!(period_key(date, Period::Quarter).1, "2026年第4季度");
        assert_eq!(period_key(date, Period::Month).0, "2026-11");
        assert_eq!(period_key(date, Period::Year).0, "2026");
    }

    proptest::proptest! {
        /// Any text is either refused or read as one or two distinct known dimensions.
        #[test]
        fn any_group_by_is_refused_or_read_whole(
            text in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec!["stage", "sector", "region", "period", "key_project"]).prop_map(str::to_owned),
                    "[a-z_ ]{0,8}",
                ],
                0..4,
            ).prop_map(|parts| parts.join(","))
        ) {
            if let Ok(dimensions) = parse_group_by(Some(&text)) {
                proptest::prop_assert!((1..=2).contains(&dimensions.len()));
                proptest::prop_assert!(dimensions.first() != dimensions.get(1));
                let named: Vec<&str> = text.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
                let read: Vec<&str> = dimensions.iter().map(|d| d.as_str()).collect();
                proptest::prop_assert_eq!(named, read);
            }
        }

        /// A CSV cell read back by an RFC 4180 reader is the text (after the formula guard).
        #[test]
        fn csv_cells_round_trip(text in "\\PC{0,30}") {
            let cell = csv_cell(&text);
            let unquoted = match cell.strip_prefix('"').and_then(|c| c.strip_suffix('"')) {
                Some(inner) => inner.replace("\"\"", "\""),
                None => {
                    proptest::prop_assert!(!cell.contains([',', '"', '\n', '\r']));
                    cell.clone()
                }
            };
            let expected = if text.starts_with(['=', '+', '-', '@']) { format!("'{text}") } else { text.clone() };
            proptest::prop_assert_eq!(unquoted, expected);
        }
    }

    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        assert_eq!(csv_cell("大连"), "大连");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
