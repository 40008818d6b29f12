//! Workbooks for Excel (rust_xlsxwriter) and CSV: what an office hands in or reads in Excel,
//! made from the figures the site shows, never computed again. [`table`] lays out and writes
//! one table; [`ledger`] is a period's 台账 as 附件1; [`lists`] the group summaries, the
//! blockers and the decisions; [`forms`] the fill-in sheets sent to the units.
//!
//! Every period's workbook and its ledger as CSV are part of the site (`downloads/`, linked from
//! the ledger, the bulletin and the archive); `tongbao export` writes one workbook on its own.
//! Numbers go into the cells as numbers (Excel sums them), rounded only by the cells' number
//! formats; the same data gives the same bytes (the document's dates are the period's).

pub mod forms;
pub mod ledger;
mod lists;
pub mod table;

use crate::Failure;
use crate::figures::PeriodFigures;
use crate::model::{Dataset, Month};
use crate::render::{Ctx, Page, Sink};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};
use std::path::Path;

/// The folder of the downloads, under the site root.
pub const FOLDER: &str = "downloads";

/// Where period `period`'s workbook and CSV are, from the site root.
pub fn download_paths(period: Month) -> [String; 2] {
    ["xlsx", "csv"].map(|ext| format!("{FOLDER}/台账-{period}.{ext}"))
}

/// How hard the workbooks are compressed: zlib's fastest level. A 10k-project workbook is
/// about a third larger than at the default level and takes about a third of the time, which
/// the build pays for every period.
const COMPRESSION: u8 = 1;

/// `book` as the bytes of an .xlsx file titled `title`, its dates those of `as_of`.
pub(crate) fn finish(mut book: Workbook, title: String, as_of: crate::model::Date) -> Result<Vec<u8>, String> {
    let err = |e: XlsxError| format!("错误：无法生成工作簿：{e}\n");
    // The document's dates are the period's: the same data, the same bytes.
    let date = ExcelDateTime::from_ymd(as_of.year as u16, as_of.month as u8, as_of.day as u8).map_err(err)?;
    book.set_properties(&DocProperties::new().set_title(title).set_creation_datetime(&date));
    book.set_zip_compression_level(COMPRESSION);
    book.save_to_buffer().map_err(err)
}

/// The workbook of period `pf`: the 台账, then 分组汇总, 问题清单 and 督办事项.
pub fn workbook(ds: &Dataset, pf: &PeriodFigures) -> Result<Vec<u8>, String> {
    workbook_with(ds, pf, &ledger::table(ds, pf))
}

/// The workbook of period `pf` around its 台账 `ledger`, laid out already.
fn workbook_with(ds: &Dataset, pf: &PeriodFigures, ledger: &table::Table) -> Result<Vec<u8>, String> {
    let mut book = Workbook::new();
    let lists = [lists::groups(ds, pf), lists::blockers(ds, pf), lists::decisions(ds, pf)];
    for table in std::iter::once(ledger).chain(&lists) {
        table.write_to(&mut book).map_err(|e| format!("错误：无法生成工作表 {}：{e}\n", table.sheet))?;
    }
    finish(book, ledger::title(ds, pf), pf.as_of)
}

/// Period `pf`'s downloads: its workbook and its ledger as CSV, from one layout of the 台账.
pub fn downloads(ds: &Dataset, pf: &PeriodFigures) -> Result<[Page; 2], String> {
    let [xlsx, csv] = download_paths(pf.period);
    let ledger = ledger::table(ds, pf);
    Ok([Page::new(xlsx, workbook_with(ds, pf, &ledger)?), Page::new(csv, ledger.csv())])
}

/// The downloads of every period up to the context's, into `sink`, the periods side by side;
/// none when the build writes no downloads (`--no-downloads`).
pub fn all_downloads(ctx: &Ctx, sink: &Sink) -> Result<(), String> {
    use rayon::prelude::*;
    if !ctx.writes_downloads() {
        return Ok(());
    }
    let periods: Vec<&PeriodFigures> = ctx.all.iter().filter(|p| p.period <= ctx.current).collect();
    periods.par_iter().try_for_each(|pf| downloads(ctx.ds, pf)?.into_iter().try_for_each(sink))
}

/// The download at `path` (from the site root) among the context's periods, made alone: what
/// `tongbao serve` answers with. `None` when the site has no such file (or no downloads).
pub fn one(ctx: &Ctx, path: &str) -> Option<Result<Page, String>> {
    if !ctx.writes_downloads() {
        return None;
    }
    let mut periods = ctx.all.iter().filter(|p| p.period <= ctx.current);
    let pf = periods.find(|p| download_paths(p.period).iter().any(|d| d == path))?;
    let found = |pages: [Page; 2]| pages.into_iter().find(|p| p.path == path);
    Some(downloads(ctx.ds, pf).and_then(|pages| found(pages).ok_or_else(|| format!("错误：没有 {path}\n"))))
}

/// `tongbao forms`: the fill-in workbook of every 责任单位 for `period`, from the data folder
/// `data` (checked first), written into `out` as `<YYYY-MM>-<单位>.xlsx`; the files written.
pub fn write_forms(data: &Path, period: Month, out: &Path) -> Result<Vec<std::path::PathBuf>, Failure> {
    let (ds, _) = crate::load_and_check(data)?;
    let forms = forms::all(&ds, period).map_err(Failure::Other)?;
    let cannot = |e: std::io::Error| Failure::Other(format!("错误：无法写入 {}：{e}\n", out.display()));
    std::fs::create_dir_all(out).map_err(cannot)?;
    forms
        .into_iter()
        .map(|f| {
            let path = out.join(format!("{period}-{}.xlsx", crate::model::file_name_of(&f.unit)));
            std::fs::write(&path, f.bytes).map_err(cannot)?;
            Ok(path)
        })
        .collect()
}

/// `tongbao export`: the workbook of `period` (default: the report period) of the data folder
/// `data`, checked first.
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
