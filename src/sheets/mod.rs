//! Workbooks for Excel (rust_xlsxwriter): what an office hands in or reads in Excel, made from
//! the figures the site shows, never computed again. [`ledger`] is a period's 台账 as 附件1's
//! workbook (`tongbao export`).
//!
//! Numbers go into the cells as numbers (Excel sums them), rounded only by the cells' number
//! formats; the same data gives the same bytes (the document's dates are the period's).

pub mod ledger;

pub use ledger::workbook;

use crate::Failure;
use crate::model::Month;
use std::path::Path;

/// `tongbao export`: the ledger workbook of `period` (default: the report period) of the data
/// folder `data`, checked first.
pub fn export_ledger(data: &Path, period: Option<Month>) -> Result<Vec<u8>, Failure> {
    let (ds, _) = crate::load_and_check(data)?;
    let period = crate::current_period(&ds, period)?;
    let all = crate::figures::compute_all(&ds);
    let pf = all
        .iter()
        .find(|f| f.period == period)
        .ok_or_else(|| Failure::Other(format!("错误：没有 {period} 的月报\n")))?;
    workbook(&ds, pf).map_err(Failure::Other)
}
