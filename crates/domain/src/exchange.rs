//! The Hulian exchange format, version 1: UTF-8 NDJSON, one organization or
//! listing per line, keyed by `external_id` (see `shared/spec/exchange-format.md`).
//!
//! This module parses and writes single lines and whole files; resolving
//! references against the database is the service's job.

use serde::Serialize;
use serde_json::Value;

use crate::listing::{LISTING_FIELDS, ListingRecord};
use crate::organization::{ORGANIZATION_FIELDS, OrganizationRecord};
use crate::validation::{FieldError, ValidationErrors};

/// One record of the exchange format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Record {
    Organization(OrganizationRecord),
    Listing(ListingRecord),
}

impl Record {
    pub fn external_id(&self) -> &str {
        match self {
            Record::Organization(o) => &o.external_id,
            Record::Listing(l) => &l.external_id,
        }
    }

    /// The record as one NDJSON line (no trailing newline).
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A record ready to be written as one exported line.
pub type ExportLine = Record;

/// Parses one line of the exchange format, reporting every failing field.
pub fn parse_record(line: &str) -> Result<Record, ValidationErrors> {
    let value: Value = serde_json::from_str(line).map_err(|e| {
        ValidationErrors(vec![FieldError::new(
            "json",
            "invalid_json",
            format!("not valid JSON: {e}"),
        )])
    })?;
    let Some(map) = value.as_object() else {
        return Err(ValidationErrors::single(
            "json",
            "invalid_type",
            "each line must be a JSON object",
        ));
    };
    let kind = map.get("kind").and_then(Value::as_str);
    fn with_kind(fields: &[&'static str]) -> Vec<&'static str> {
        let mut all = vec!["kind"];
        all.extend_from_slice(fields);
        all
    }
    match kind {
        Some("organization") => {
            OrganizationRecord::read(map, &with_kind(ORGANIZATION_FIELDS)).map(Record::Organization)
        }
        Some("listing") => ListingRecord::read(map, &with_kind(LISTING_FIELDS)).map(Record::Listing),
        Some(other) => Err(ValidationErrors::single(
            "kind",
            "invalid_value",
            format!("`{other}` is not one of: organization, listing"),
        )),
        None => Err(ValidationErrors::single(
            "kind",
            "required",
            "is required (organization or listing)",
        )),
    }
}

/// One non-blank line of a file and what parsing it gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedLine {
    /// 1-based line number in the file.
    pub line: usize,
    pub result: Result<Record, ValidationErrors>,
}

/// Parses a whole NDJSON text; blank lines are skipped, a UTF-8 BOM is tolerated.
/// Duplicate external ids of the same kind within one file are reported on the later line.
pub fn parse_ndjson(text: &str) -> Vec<ParsedLine> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut seen = std::collections::HashMap::<(bool, String), usize>::new();
    let mut out = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let line = index + 1;
        let mut result = parse_record(raw);
        if let Ok(record) = &result {
            let key = (
                matches!(record, Record::Organization(_)),
                record.external_id().to_owned(),
            );
            if let Some(first) = seen.get(&key) {
                result = Err(ValidationErrors::single(
                    "external_id",
                    "duplicate",
                    format!("`{}` already appears on line {first}", key.1),
                ));
            } else {
                seen.insert(key, line);
            }
        }
        out.push(ParsedLine { line, result });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORG: &str = r#"{"kind":"organization","external_id":"dl-ent-0001","name":"大连北湾重型装备有限公司","org_type":"enterprise","region":"dalian","sectors":["equipment"],"description":"大型港口起重机和冶金装备制造商。"}"#;
    const LST: &str = r#"{"kind":"listing","external_id":"dl-prj-0001","organization":"dl-ent-0001","listing_type":"project","title":"智能港口起重机生产线技改项目","description":"拟引进战略投资者","sectors":["equipment","port_logistics"],"region":"dalian","deadline":"2027-12-31"}"#;

    #[test]
    fn lines_round_trip() {
        for line in [ORG, LST] {
            let record = parse_record(line).unwrap_or_else(|e| panic!("{e}"));
            let again = parse_record(&record.to_line()).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(record, again);
        }
    }

    #[test]
    fn bad_lines_are_named() {
        let text = format!("{ORG}\n\n{{oops\n{LST}\n{{\"kind\":\"fund\"}}\n{ORG}\n");
        let parsed = parse_ndjson(&text);
        let bad: Vec<(usize, String)> = parsed
            .iter()
            .filter_map(|p| p.result.as_ref().err().map(|e| (p.line, e.0[0].code.clone())))
            .collect();
        assert_eq!(
            bad,
            vec![
                (3, "invalid_json".to_owned()),
                (5, "invalid_value".to_owned()),
                (6, "duplicate".to_owned())
            ]
        );
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let line = LST.replace("\"deadline\"", "\"dedline\"");
        let errors = parse_record(&line).err().unwrap_or_default();
        assert_eq!(errors.0[0].field, "dedline");
        assert_eq!(errors.0[0].code, "unknown_field");
    }
}
