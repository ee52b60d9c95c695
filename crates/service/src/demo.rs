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
        self.import_as_operator(&text, ImportOptions::default(), progress).await
    }

    /// Whether the database holds no organization yet (first start).
    pub async fn is_empty(&self) -> ServiceResult<bool> {
        Ok(hulian_store::organizations::count(self.store.conn()).await? == 0)
    }
}
