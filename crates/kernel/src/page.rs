//! Paged results.

use serde::Serialize;

/// One page of a longer list.
#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// How many items the whole list has.
    pub total: u64,
    /// 1-based page number.
    pub page: u32,
    /// Items per page.
    pub per_page: u32,
}

impl<T> Page<T> {
    /// How many pages the whole list spans (at least 1).
    pub fn page_count(&self) -> u32 {
        let per = u64::from(self.per_page.max(1));
        u32::try_from(self.total.div_ceil(per)).unwrap_or(u32::MAX).max(1)
    }

    /// Whether a following page exists.
    pub fn has_next(&self) -> bool {
        self.page < self.page_count()
    }
}

/// Offset and limit for a 1-based page, with `per_page` capped at 100.
pub fn offset_limit(page: u32, per_page: u32) -> (u64, u64) {
    let per = u64::from(per_page.clamp(1, 100));
    (u64::from(page.max(1) - 1) * per, per)
}
