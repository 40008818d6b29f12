//! Finding the table in a sheet as an office lays it out: the header row (the first of the top
//! rows with a 项目名称 or 编号 heading) and the header rows below it that belong to it (a second
//! row of merged headings), each column's heading made of both; then the project rows, skipping
//! blank rows, 合计/其中/小计 rows and subtotal rows (`一、工业（12项）`, `（一）在建（11项）`),
//! which name the section the rows below belong to. A 序号 with a marker (`1★`) is a project row.

use super::columns::{Field, field, normalize};
use super::workbook::{Grid, Value};
use std::collections::BTreeMap;

/// How far down a sheet the header row is looked for.
const HEADER_WITHIN: usize = 30;

/// A sheet's table: which column holds what, and its project rows.
pub struct Table<'g> {
    pub grid: &'g Grid,
    pub columns: BTreeMap<Field, usize>,
    pub rows: Vec<ProjectRow>,
}

/// A project row: its row (from 0), and the section heading it stands under (`工业`).
pub struct ProjectRow {
    pub row: usize,
    pub section: Option<String>,
}

impl Table<'_> {
    /// The cell of `field` in `row`, if the table has that column.
    pub fn cell(&self, row: usize, field: Field) -> Option<(&Value, String)> {
        self.columns.get(&field).map(|&col| (self.grid.get(row, col), self.grid.at(row, col)))
    }

    /// The text of `field` in `row`, trimmed; empty where the table has no such column.
    pub fn text(&self, row: usize, field: Field) -> String {
        self.cell(row, field).map(|(v, _)| v.text()).unwrap_or_default()
    }
}

/// The heading of each column of the header rows `top..=bottom`: their texts, merged ranges
/// spread, joined top to bottom.
fn headings(grid: &Grid, top: usize, bottom: usize) -> Vec<String> {
    let width = grid.rows.iter().map(Vec::len).max().unwrap_or(0);
    (0..width)
        .map(|col| {
            let mut heading = String::new();
            for row in top..=bottom {
                let text = normalize(&grid.merged_value(row, col).text());
                if !heading.ends_with(&text) {
                    heading.push_str(&text);
                }
            }
            heading
        })
        .collect()
}

/// Whether `headings` make a header row: a name or an id column.
fn is_header(headings: &[String], month: u32) -> bool {
    headings.iter().any(|h| matches!(field(h, month), Some(Field::Name | Field::Id)))
}

/// Whether `row` continues the header above it: it has text, no numbers, and nothing in the
/// name column (a heading merged down over both rows).
fn continues_header(grid: &Grid, row: usize, name_col: Option<usize>) -> bool {
    let cells = grid.rows.get(row).map_or(&[][..], Vec::as_slice);
    let texts = cells.iter().any(|v| matches!(v, Value::Text(t) if !t.trim().is_empty()));
    let numbers = cells.iter().any(|v| matches!(v, Value::Number(_)));
    texts
        && !numbers
        && name_col.is_none_or(|c| grid.merged_value(row, c).is_empty() || in_merge_from_above(grid, row, c))
}

fn in_merge_from_above(grid: &Grid, row: usize, col: usize) -> bool {
    grid.merged.iter().any(|(r0, c0, r1, c1)| *r0 < row && row <= *r1 && (*c0..=*c1).contains(&col))
}

/// The table of `grid` for a month `month` import, if the sheet has one.
pub fn find(grid: &Grid, month: u32) -> Option<Table<'_>> {
    let top = (0..grid.rows.len().min(HEADER_WITHIN)).find(|&r| is_header(&headings(grid, r, r), month))?;
    let name_col = headings(grid, top, top).iter().position(|h| field(h, month) == Some(Field::Name));
    let mut bottom = top;
    while bottom + 1 < grid.rows.len() && bottom < top + 2 && continues_header(grid, bottom + 1, name_col) {
        bottom += 1;
    }
    let mut columns = BTreeMap::new();
    for (col, heading) in headings(grid, top, bottom).iter().enumerate() {
        if let Some(f) = field(heading, month) {
            columns.entry(f).or_insert(col);
        }
    }
    let mut rows = Vec::new();
    let mut section = None;
    for row in bottom + 1..grid.rows.len() {
        match kind(grid, row, &columns) {
            Kind::Skip => {}
            Kind::End => break,
            Kind::Section(name) => section = name,
            Kind::Project => rows.push(ProjectRow { row, section: section.clone() }),
        }
    }
    Some(Table { grid, columns, rows })
}

enum Kind {
    Skip,
    /// A note under the table (`注：…`, `填报人：`): nothing after it is read.
    End,
    /// A subtotal row, with the section it heads (`一、工业（12项）` → 工业) when it names one.
    Section(Option<String>),
    Project,
}

const CHINESE_DIGITS: &str = "一二三四五六七八九十";

/// The section a subtotal label heads: `工业` for `一、工业（12项）` or `（一）工业`.
fn section_of(label: &str) -> Option<Option<String>> {
    let numbered = label.trim_start_matches('（').trim_start_matches(|c| CHINESE_DIGITS.contains(c));
    let numbered = numbered.strip_prefix('、').or_else(|| numbered.strip_prefix('）'));
    let counted = label.ends_with("项）") || label.ends_with("个）");
    let starts_numbered = label.starts_with(|c| CHINESE_DIGITS.contains(c)) || label.starts_with("（");
    let name = match numbered {
        Some(rest) if starts_numbered && rest != label => rest,
        _ if counted => label,
        _ => return None,
    };
    let name = name.split('（').next().unwrap_or(name);
    Some((!name.is_empty()).then(|| name.to_string()))
}

fn kind(grid: &Grid, row: usize, columns: &BTreeMap<Field, usize>) -> Kind {
    let text = |f: Field| columns.get(&f).map(|&c| normalize(&grid.get(row, c).text())).unwrap_or_default();
    let (id, name) = (text(Field::Id), text(Field::Name));
    let cells = grid.rows.get(row).map_or(&[][..], Vec::as_slice);
    let first = cells.iter().map(|v| normalize(&v.text())).find(|t| !t.is_empty()).unwrap_or_default();
    if first.is_empty() {
        return Kind::Skip;
    }
    if ["注", "备注", "填报人", "审核人", "填表人", "联系人"].iter().any(|w| first.starts_with(w)) {
        return Kind::End;
    }
    let label = if name.is_empty() { first.clone() } else { name.clone() };
    if ["合计", "总计", "小计", "其中", "全县合计"].iter().any(|w| label.starts_with(w)) {
        return Kind::Skip;
    }
    if id.is_empty()
        && let Some(section) = section_of(&label)
    {
        return Kind::Section(section);
    }
    if id.is_empty() && name.is_empty() { Kind::Skip } else { Kind::Project }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtotal_labels_name_their_sections() {
        assert_eq!(section_of("一、工业（12项）"), Some(Some("工业".into())));
        assert_eq!(section_of("（一）在建（11项）"), Some(Some("在建".into())));
        assert_eq!(section_of("十二、其他"), Some(Some("其他".into())));
        assert_eq!(section_of("新建项目（3项）"), Some(Some("新建项目".into())));
        assert_eq!(section_of("年产5万吨锂电池正极材料项目"), None);
        assert_eq!(section_of("一期工程"), None, "a name starting with 一 is not a section");
    }
}
