//! Reading a workbook (calamine: .xlsx, .xls, .ods) into grids of plain values, one per sheet,
//! with the sheet's merged ranges spread over the cells they cover: a heading merged over
//! three columns (`2026年实际完成情况`) is then the heading above each of them. What a cell is
//! called (`F12`) and where a finding about it points (`file.xlsx!Sheet!F12`).

use super::finding::Finding;
use calamine::{Data, Dimensions, Reader, open_workbook_auto};
use std::path::Path;

/// The largest workbook read: an office's 台账 of a thousand projects is a few hundred KB.
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;

/// The most rows and columns a sheet may span; past them the sheet is refused, not read.
const MAX_ROWS: usize = 100_000;
const MAX_COLUMNS: usize = 200;

/// A cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Number(f64),
    Text(String),
}

impl Value {
    /// The value as text: a number as Excel shows it by default, text trimmed.
    pub fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Number(n) => n.to_string(),
            Value::Text(t) => t.trim().to_string(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(t) => t.trim().is_empty(),
            Value::Number(_) => false,
        }
    }
}

/// One sheet: its place for findings (`file.xlsx!Sheet`) and its cells from A1, row by row.
pub struct Grid {
    pub place: String,
    pub rows: Vec<Vec<Value>>,
    /// Merged ranges, (first row, first column, last row, last column) from A1.
    pub merged: Vec<(usize, usize, usize, usize)>,
}

impl Grid {
    pub fn get(&self, row: usize, col: usize) -> &Value {
        self.rows.get(row).and_then(|r| r.get(col)).unwrap_or(&Value::Empty)
    }

    /// Where a finding about cell (`row`, `col`) points: `file.xlsx!Sheet!F12`.
    pub fn at(&self, row: usize, col: usize) -> String {
        format!("{}!{}", self.place, cell_name(row, col))
    }

    /// The value of (`row`, `col`), or, inside a merged range, of the range's first cell.
    pub fn merged_value(&self, row: usize, col: usize) -> &Value {
        let covering =
            self.merged.iter().find(|(r0, c0, r1, c1)| (*r0..=*r1).contains(&row) && (*c0..=*c1).contains(&col));
        match covering {
            Some((r0, c0, _, _)) => self.get(*r0, *c0),
            None => self.get(row, col),
        }
    }
}

/// `F12` for row 11, column 5 (both from 0).
pub fn cell_name(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

fn value(d: &Data) -> Value {
    match d {
        Data::Empty | Data::Error(_) => Value::Empty,
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::Bool(b) => Value::Text(if *b { "是" } else { "否" }.into()),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Text(s.clone()),
        Data::DateTime(d) => Value::Number(d.as_f64()),
    }
}

/// Every sheet of the workbook at `path`, named for findings by `shown` (the path as given).
pub fn read(path: &Path, shown: &str) -> Result<Vec<Grid>, Finding> {
    let refuse = |why: String| {
        Finding::error("E0601", shown, format!("无法读取工作簿：{why}"))
            .hint("导入 Excel 工作簿（.xlsx、.xls）或 OpenDocument 表格（.ods）；另存为 .xlsx 后再试")
    };
    let size = std::fs::metadata(path).map_err(|e| refuse(e.to_string()))?.len();
    if size > MAX_BYTES {
        return Err(refuse(format!("文件有 {} MB，超过 {} MB 的上限", size >> 20, MAX_BYTES >> 20)));
    }
    let mut book = open_workbook_auto(path).map_err(|e| refuse(e.to_string()))?;
    let mut grids = Vec::new();
    for name in book.sheet_names() {
        let place = format!("{shown}!{name}");
        let range = book.worksheet_range(&name).map_err(|e| refuse(e.to_string()))?;
        let (Some(start), Some(end)) = (range.start(), range.end()) else { continue };
        let (height, width) = (end.0 as usize + 1, end.1 as usize + 1);
        if height > MAX_ROWS || width > MAX_COLUMNS {
            return Err(Finding::error("E0601", place, format!("工作表有 {height} 行、{width} 列，超过上限"))
                .hint(format!("一张表最多读 {MAX_ROWS} 行、{MAX_COLUMNS} 列：删去表格以外的内容后再导入")));
        }
        let rows = (0..height as u32)
            .map(|r| {
                (0..width as u32)
                    .map(|c| {
                        let inside = r >= start.0 && c >= start.1;
                        inside.then(|| range.get_value((r, c)).map(value)).flatten().unwrap_or(Value::Empty)
                    })
                    .collect()
            })
            .collect();
        let merged = merges(&mut book, &name)
            .into_iter()
            .map(|d| (d.start.0 as usize, d.start.1 as usize, d.end.0 as usize, d.end.1 as usize));
        grids.push(Grid { place, rows, merged: merged.collect() });
    }
    Ok(grids)
}

/// The merged ranges of sheet `name` (none for the formats calamine does not read them from).
fn merges<R: std::io::Read + std::io::Seek>(book: &mut calamine::Sheets<R>, name: &str) -> Vec<Dimensions> {
    match book {
        calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn cells_are_named_as_excel_names_them() {
        let names: Vec<String> = [(0, 0), (11, 5), (0, 25), (0, 26), (2, 701), (0, 702)]
            .iter()
            .map(|&(r, c)| super::cell_name(r, c))
            .collect();
        assert_eq!(names, ["A1", "F12", "Z1", "AA1", "ZZ3", "AAA1"]);
    }
}
