//! Pagination shared by every list query.

use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait, QuerySelect, Select};

use crate::error::StoreError;

/// One page of rows and the total number of rows matching the query.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

pub const DEFAULT_PER_PAGE: u64 = 20;
pub const MAX_PER_PAGE: u64 = 100;

/// A 1-based page number and a page size, clamped to sane bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: u64,
    pub per_page: u64,
}

impl PageRequest {
    pub fn new(page: Option<u64>, per_page: Option<u64>) -> Self {
        PageRequest {
            page: page.unwrap_or(1).max(1),
            per_page: per_page.unwrap_or(DEFAULT_PER_PAGE).clamp(1, MAX_PER_PAGE),
        }
    }

    pub fn offset(self) -> u64 {
        (self.page - 1).saturating_mul(self.per_page)
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest::new(None, None)
    }
}

/// One page of `query` (filtered and ordered by the caller) and how many rows
/// it selects in all.
pub async fn fetch<C, E>(conn: &C, query: Select<E>, page: PageRequest) -> Result<Page<E::Model>, StoreError>
where
    C: ConnectionTrait,
    E: EntityTrait,
    E::Model: Sync,
{
    let total = query.clone().count(conn).await?;
    let items = query.offset(page.offset()).limit(page.per_page).all(conn).await?;
    Ok(Page {
        items,
        total,
        page: page.page,
        per_page: page.per_page,
    })
}
