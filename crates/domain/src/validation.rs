//! Field-by-field validation of JSON objects into domain records.
//!
//! A [`FieldReader`] reads one JSON object and collects every failing field with
//! a machine-readable code and a reason, so that a caller sees all its mistakes
//! at once: the API answers them as a 422, the importer as `line N: field: reason`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::ToSchema;

/// One failing field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// The field's name as it appears in the input (`contact.email` for nested fields).
    pub field: String,
    /// Machine-readable reason: `required`, `too_long`, `too_short`, `invalid_type`,
    /// `invalid_value`, `invalid_format`, `too_many`, `too_few`, `duplicate`,
    /// `unknown_field`, `out_of_range`, `not_found`, `immutable`.
    pub code: String,
    /// Human-readable reason, lowercase English.
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            code: code.to_owned(),
            message: message.into(),
        }
    }
}

/// Every failing field of one record, in input order.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.summary())]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn single(field: &str, code: &str, message: impl Into<String>) -> Self {
        ValidationErrors(vec![FieldError::new(field, code, message)])
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn push(&mut self, error: FieldError) {
        self.0.push(error);
    }

    /// `field: reason; field: reason`.
    pub fn summary(&self) -> String {
        self.0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The first error of each field, keyed by field name: the shape of the API's 422.
    pub fn by_field(&self) -> BTreeMap<String, FieldError> {
        let mut out = BTreeMap::new();
        for e in &self.0 {
            out.entry(e.field.clone()).or_insert_with(|| e.clone());
        }
        out
    }
}

/// Checks that an external id is 1–128 characters of `[A-Za-z0-9._:-]`.
pub fn check_external_id(value: &str) -> Result<(), (&'static str, String)> {
    if value.is_empty() {
        return Err(("required", "must not be empty".to_owned()));
    }
    if value.len() > 128 {
        return Err(("too_long", "must be at most 128 characters".to_owned()));
    }
    if !value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
    {
        return Err((
            "invalid_format",
            "may contain only A-Z, a-z, 0-9 and . _ : -".to_owned(),
        ));
    }
    Ok(())
}

/// Reads typed fields out of one JSON object, collecting errors.
pub struct FieldReader<'a> {
    map: &'a Map<String, Value>,
    prefix: String,
    pub errors: ValidationErrors,
}

impl<'a> FieldReader<'a> {
    /// Starts reading `map`; any key not in `allowed` is reported as `unknown_field`.
    pub fn new(map: &'a Map<String, Value>, allowed: &[&str], prefix: &str) -> Self {
        let mut reader = FieldReader {
            map,
            prefix: prefix.to_owned(),
            errors: ValidationErrors::default(),
        };
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                reader.fail(key, "unknown_field", "is not a field of this record");
            }
        }
        reader
    }

    fn name(&self, field: &str) -> String {
        format!("{}{}", self.prefix, field)
    }

    pub fn fail(&mut self, field: &str, code: &str, message: impl Into<String>) {
        let name = self.name(field);
        self.errors.push(FieldError::new(name, code, message));
    }

    /// The raw value, with JSON `null` treated as absent.
    pub fn raw(&self, field: &str) -> Option<&'a Value> {
        self.map.get(field).filter(|v| !v.is_null())
    }

    /// A string of at most `max` characters; trimmed. `required` also rejects blank strings.
    pub fn string(&mut self, field: &str, required: bool, max: usize) -> Option<String> {
        let Some(value) = self.raw(field) else {
            if required {
                self.fail(field, "required", "is required");
            }
            return None;
        };
        let Some(text) = value.as_str() else {
            self.fail(field, "invalid_type", "must be a string");
            return None;
        };
        let text = text.trim();
        if text.is_empty() {
            if required {
                self.fail(field, "required", "must not be empty");
            }
            return None;
        }
        if text.chars().count() > max {
            self.fail(field, "too_long", format!("must be at most {max} characters"));
            return None;
        }
        Some(text.to_owned())
    }

    pub fn external_id(&mut self, field: &str) -> Option<String> {
        let Some(value) = self.raw(field) else {
            self.fail(field, "required", "is required");
            return None;
        };
        let Some(text) = value.as_str() else {
            self.fail(field, "invalid_type", "must be a string");
            return None;
        };
        match check_external_id(text) {
            Ok(()) => Some(text.to_owned()),
            Err((code, message)) => {
                self.fail(field, code, message);
                None
            }
        }
    }

    /// One slug of a closed vocabulary.
    pub fn slug<T>(&mut self, field: &str, required: bool, parse: fn(&str) -> Option<T>, slugs: &str) -> Option<T> {
        let Some(value) = self.raw(field) else {
            if required {
                self.fail(field, "required", "is required");
            }
            return None;
        };
        let Some(text) = value.as_str() else {
            self.fail(field, "invalid_type", "must be a string");
            return None;
        };
        match parse(text) {
            Some(parsed) => Some(parsed),
            None => {
                self.fail(field, "invalid_value", format!("`{text}` is not one of: {slugs}"));
                None
            }
        }
    }

    /// An array of strings, each checked by `check`, between `min` and `max` items, without duplicates.
    pub fn string_list(
        &mut self,
        field: &str,
        min: usize,
        max: usize,
        check: impl Fn(&str) -> Result<(), (&'static str, String)>,
    ) -> Option<Vec<String>> {
        let Some(value) = self.raw(field) else {
            if min > 0 {
                self.fail(field, "required", "is required");
            }
            return None;
        };
        let Some(items) = value.as_array() else {
            self.fail(field, "invalid_type", "must be an array of strings");
            return None;
        };
        if items.len() < min {
            self.fail(field, "too_few", format!("must have at least {min} item(s)"));
            return None;
        }
        if items.len() > max {
            self.fail(field, "too_many", format!("must have at most {max} items"));
            return None;
        }
        let mut out: Vec<String> = Vec::with_capacity(items.len());
        for item in items {
            let Some(text) = item.as_str() else {
                self.fail(field, "invalid_type", "must be an array of strings");
                return None;
            };
            if let Err((code, message)) = check(text) {
                self.fail(field, code, message);
                return None;
            }
            if out.iter().any(|seen| seen == text) {
                self.fail(field, "duplicate", format!("`{text}` is listed twice"));
                return None;
            }
            out.push(text.to_owned());
        }
        Some(out)
    }

    /// An array of slugs of a closed vocabulary.
    pub fn slug_list<T: PartialEq>(
        &mut self,
        field: &str,
        min: usize,
        max: usize,
        parse: fn(&str) -> Option<T>,
        slugs: &str,
    ) -> Option<Vec<T>> {
        let strings = self.string_list(field, min, max, |s| match parse(s) {
            Some(_) => Ok(()),
            None => Err(("invalid_value", format!("`{s}` is not one of: {slugs}"))),
        })?;
        Some(strings.iter().filter_map(|s| parse(s)).collect())
    }

    /// A non-negative integer (no fractions, no strings).
    pub fn amount(&mut self, field: &str) -> Option<i64> {
        let value = self.raw(field)?;
        match value.as_i64() {
            Some(n) if n >= 0 => Some(n),
            Some(_) => {
                self.fail(field, "out_of_range", "must be zero or more");
                None
            }
            None if value.is_u64() => {
                self.fail(field, "out_of_range", "is too large");
                None
            }
            None => {
                self.fail(field, "invalid_type", "must be a whole number of yuan");
                None
            }
        }
    }

    /// A calendar date `YYYY-MM-DD`.
    pub fn date(&mut self, field: &str) -> Option<NaiveDate> {
        let value = self.raw(field)?;
        let Some(text) = value.as_str() else {
            self.fail(field, "invalid_type", "must be a date string YYYY-MM-DD");
            return None;
        };
        let well_formed = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
        match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(date) if well_formed => Some(date),
            _ => {
                self.fail(field, "invalid_format", format!("`{text}` is not a date YYYY-MM-DD"));
                None
            }
        }
    }

    /// A nested object, for `contact`.
    pub fn object(&mut self, field: &str) -> Option<&'a Map<String, Value>> {
        let value = self.raw(field)?;
        match value.as_object() {
            Some(map) => Some(map),
            None => {
                self.fail(field, "invalid_type", "must be an object");
                None
            }
        }
    }

    pub fn finish<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, ValidationErrors> {
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        value().ok_or_else(|| ValidationErrors::single("", "invalid_value", "record is incomplete"))
    }
}

/// A website: `http(s)://host...`, no whitespace, at most 2,000 characters.
pub fn check_url(text: &str) -> Result<(), (&'static str, String)> {
    let rest = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or_default());
    match host {
        Some(h) if !h.is_empty() && !text.chars().any(char::is_whitespace) && text.len() <= 2000 => Ok(()),
        _ => Err(("invalid_format", "must be an http:// or https:// URL".to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn reader_over(value: &Value) -> FieldReader<'_> {
        let map = value.as_object().unwrap_or_else(|| panic!("object"));
        FieldReader::new(map, &["a", "b", "d", "n", "l"], "")
    }

    #[test]
    fn collects_every_error() {
        let value = json!({"a": 5, "zz": 1, "d": "2027-13-01", "n": -3, "l": ["x", "x"]});
        let mut r = reader_over(&value);
        r.string("a", true, 10);
        r.string("b", true, 10);
        r.date("d");
        r.amount("n");
        r.string_list("l", 0, 5, |_| Ok(()));
        let fields: Vec<_> = r.errors.0.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
        assert_eq!(
            fields,
            vec![
                ("zz", "unknown_field"),
                ("a", "invalid_type"),
                ("b", "required"),
                ("d", "invalid_format"),
                ("n", "out_of_range"),
                ("l", "duplicate")
            ]
        );
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        let value = json!({"a": "大连大连大连"});
        let mut r = reader_over(&value);
        assert_eq!(r.string("a", true, 6).as_deref(), Some("大连大连大连"));
        assert!(r.string("a", true, 5).is_none());
    }

    #[test]
    fn external_ids_and_urls() {
        assert!(check_external_id("dl-prj-0001").is_ok());
        assert!(check_external_id("a b").is_err());
        assert!(check_external_id(&"x".repeat(129)).is_err());
        assert!(check_url("https://example.com/a").is_ok());
        assert!(check_url("ftp://example.com").is_err());
        assert!(check_url("https://").is_err());
        assert!(check_url("https://exa mple.com").is_err());
    }
}
