//! One table of a workbook as the office lays it out, and how it is written: as a worksheet
//! (a title row, a unit line, one or two header rows with merged cells, the body with number
//! formats and fills, column widths from the CJK display width, frozen panes, A3 landscape print
//! with the header rows repeated) or as CSV (UTF-8 with a byte-order mark, so that Excel opens
//! it in Chinese; one header row). Every sheet of [`super`] is a [`Table`] filled from figures.

use crate::figures::Light;
use crate::model::Wan;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Color, ConditionalFormatFormula, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

/// A column: its heading, the heading above it that neighbouring columns share (a merged
/// cell over them), and the widest it grows, in Excel's character widths.
pub struct Column {
    pub heading: String,
    pub above: Option<&'static str>,
    pub widest: f64,
}

impl Column {
    pub fn new(heading: impl Into<String>, above: Option<&'static str>, widest: f64) -> Column {
        Column { heading: heading.into(), above, widest }
    }
}

/// One cell of the body.
pub enum Cell {
    Blank,
    Text(String),
    /// Text that wraps in its cell (names, 形象进度).
    Wrap(String),
    /// A whole number shown as it is (序号, counts).
    Whole(usize),
    /// 万元, shown whole with thousands separators; the cell holds the exact figure.
    Money(Wan),
    /// A fraction shown as a percentage with one decimal; "—" where there is none.
    Rate(Option<Decimal>),
    /// 个百分点 with a sign and one decimal; "—" where there is none.
    Points(Option<Decimal>),
}

impl Cell {
    /// Which of a shade's [`Formats`] the cell takes: text, wrapped text, money, rate or points.
    fn format_kind(&self) -> usize {
        match self {
            Cell::Blank | Cell::Text(_) | Cell::Whole(_) => 0,
            Cell::Wrap(_) => 1,
            Cell::Money(_) => 2,
            Cell::Rate(_) => 3,
            Cell::Points(_) => 4,
        }
    }
}

/// How a row stands out: a project's light as its fill, a total in bold, a subtotal in bold
/// on a pale blue.
#[derive(Clone, Copy)]
pub enum Shade {
    Plain,
    Light(Light),
    Total,
    Subtotal,
}

impl Shade {
    /// A project's or group's light, or plain where there is none.
    pub fn of(light: Option<Light>) -> Shade {
        light.map_or(Shade::Plain, Shade::Light)
    }

    fn index(self) -> usize {
        match self {
            Shade::Plain => 0,
            Shade::Light(Light::Green) => 1,
            Shade::Light(Light::Yellow) => 2,
            Shade::Light(Light::Red) => 3,
            Shade::Total => 4,
            Shade::Subtotal => 5,
        }
    }

    const ALL: [Shade; 6] = [
        Shade::Plain,
        Shade::Light(Light::Green),
        Shade::Light(Light::Yellow),
        Shade::Light(Light::Red),
        Shade::Total,
        Shade::Subtotal,
    ];

    /// The fill, as Excel's conditional-format colours, and whether the row is bold.
    fn look(self) -> (Option<Color>, bool) {
        match self {
            Shade::Plain => (None, false),
            Shade::Light(Light::Red) => (Some(Color::RGB(0xFFC7CE)), false),
            Shade::Light(Light::Yellow) => (Some(Color::RGB(0xFFEB9C)), false),
            Shade::Light(Light::Green) => (Some(Color::RGB(0xC6EFCE)), false),
            Shade::Total => (None, true),
            Shade::Subtotal => (Some(Color::RGB(0xDDEBF7)), true),
        }
    }
}

pub struct Row {
    pub cells: Vec<Cell>,
    pub shade: Shade,
}

/// A table: the sheet's name, the title over it, the line under the title (`单位：万元`), the
/// columns, the rows, how many columns stay in view when scrolling sideways, and the column
/// that reads each row's light (亮灯), if there is one.
pub struct Table {
    pub sheet: &'static str,
    pub title: String,
    pub note: &'static str,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub frozen_columns: u16,
    pub light_column: Option<usize>,
}

/// The formats of one shade: text, wrapped text, money, rate and points.
struct Formats([Format; 5]);

impl Formats {
    fn new(shade: Shade) -> Formats {
        let mut base =
            Format::new().set_border(FormatBorder::Thin).set_font_size(10.5).set_align(FormatAlign::VerticalCenter);
        let (fill, bold) = shade.look();
        if let Some(color) = fill {
            base = base.set_background_color(color);
        }
        if bold {
            base = base.set_bold();
        }
        Formats([
            base.clone(),
            base.clone().set_text_wrap(),
            base.clone().set_num_format("#,##0"),
            base.clone().set_num_format("0.0%"),
            base.set_num_format("+0.0;-0.0;0.0"),
        ])
    }
}

/// A body cell's value, without its format.
fn write_value(sheet: &mut Worksheet, row: u32, col: u16, cell: &Cell) -> Result<(), XlsxError> {
    match cell {
        Cell::Blank => return Ok(()),
        Cell::Text(text) | Cell::Wrap(text) => sheet.write_string(row, col, text)?,
        Cell::Whole(n) => sheet.write_number(row, col, *n as f64)?,
        Cell::Money(w) => sheet.write_number(row, col, float(w.decimal()))?,
        Cell::Rate(Some(r)) | Cell::Points(Some(r)) => sheet.write_number(row, col, float(*r))?,
        Cell::Rate(None) | Cell::Points(None) => sheet.write_string(row, col, "—")?,
    };
    Ok(())
}

fn float(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// The format of the table's header cells.
pub fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
        .set_background_color(Color::RGB(0xF2F2F2))
}

impl Table {
    /// How many header rows the table has: two when some columns share a heading above them.
    pub fn header_rows(&self) -> u32 {
        if self.columns.iter().any(|c| c.above.is_some()) { 2 } else { 1 }
    }

    /// The first row of the body, below the title, the note and the header rows.
    pub fn body_row(&self) -> u32 {
        2 + self.header_rows()
    }

    /// Adds the table to `book` as a worksheet of its own.
    ///
    /// The body's values are written first, unformatted, and then their formats by ranges: a
    /// run of cells down a column with the same format is one call, where a call per cell made
    /// rust_xlsxwriter hash the format 160 000 times for a 10k ledger (two thirds of the sheet's
    /// time). In a table with a light column the lights' fills are conditional formats on that
    /// column's text, so that a column's project rows are one run.
    pub fn write_to(&self, book: &mut Workbook) -> Result<(), XlsxError> {
        let sheet = book.add_worksheet().set_name(self.sheet)?;
        let last = (self.columns.len() - 1) as u16;
        let title = Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Center);
        sheet.merge_range(0, 0, 0, last, &self.title, &title)?;
        sheet.merge_range(1, 0, 1, last, self.note, &Format::new().set_align(FormatAlign::Right))?;
        self.write_headers(sheet)?;
        let mut widths: Vec<usize> = self.columns.iter().map(|c| UnicodeWidthStr::width(c.heading.as_str())).collect();
        for (row, r) in (self.body_row()..).zip(&self.rows) {
            for (col, cell) in (0u16..).zip(&r.cells) {
                if let Cell::Text(text) | Cell::Wrap(text) = cell {
                    widths[col as usize] = widths[col as usize].max(UnicodeWidthStr::width(text.as_str()));
                }
                write_value(sheet, row, col, cell)?;
            }
        }
        self.write_formats(sheet)?;
        if let Some(column) = self.light_column {
            self.add_light_fills(sheet, column as u16)?;
        }
        for (c, (column, width)) in self.columns.iter().zip(widths).enumerate() {
            sheet.set_column_width(c as u16, (width as f64 + 2.0).min(column.widest))?;
        }
        sheet.set_freeze_panes(self.body_row(), self.frozen_columns)?;
        sheet.set_paper_size(8).set_landscape().set_print_fit_to_pages(1, 0);
        sheet.set_repeat_rows(2, self.body_row() - 1)?;
        Ok(())
    }

    /// The shade a row's cells are formatted in: a light is left to the conditional formats
    /// when the table has a light column.
    fn formatted_shade(&self, row: &Row) -> Shade {
        match row.shade {
            Shade::Light(_) if self.light_column.is_some() => Shade::Plain,
            shade => shade,
        }
    }

    /// The body's formats, one range per block of equally formatted cells: rows that are
    /// formatted alike column by column make a band, and each run of columns with the same
    /// format across it is one range (filled row by row, the order the sheet keeps its cells in).
    fn write_formats(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        let formats = Shade::ALL.map(Formats::new);
        let look =
            |r: &Row, col: usize| (self.formatted_shade(r).index(), r.cells.get(col).map_or(0, Cell::format_kind));
        let columns = self.columns.len();
        let alike = |a: &Row, b: &Row| (0..columns).all(|col| look(a, col) == look(b, col));
        let mut start = 0;
        while start < self.rows.len() {
            let band = self.rows[start..].iter().take_while(|r| alike(r, &self.rows[start])).count();
            let (top, bottom) = (self.body_row() + start as u32, self.body_row() + (start + band) as u32 - 1);
            let mut col = 0;
            while col < columns {
                let here = look(&self.rows[start], col);
                let span = (col..columns).take_while(|&c| look(&self.rows[start], c) == here).count();
                let (left, right) = (col as u16, (col + span - 1) as u16);
                sheet.set_range_format(top, left, bottom, right, &formats[here.0].0[here.1])?;
                col += span;
            }
            start += band;
        }
        Ok(())
    }

    /// The lights' fills over the body: a row whose light column reads 红灯, 黄灯 or 绿灯 is
    /// filled in that light's colour.
    fn add_light_fills(&self, sheet: &mut Worksheet, column: u16) -> Result<(), XlsxError> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let (first, last) = (self.body_row(), self.body_row() + self.rows.len() as u32 - 1);
        let letter = rust_xlsxwriter::utility::column_number_to_name(column);
        for light in [Light::Red, Light::Yellow, Light::Green] {
            let (Some(fill), _) = Shade::Light(light).look() else { continue };
            let rule = format!("=${letter}{}=\"{}\"", first + 1, light.label());
            let format = Format::new().set_background_color(fill);
            let fill = ConditionalFormatFormula::new().set_rule(rule.as_str()).set_format(format);
            sheet.add_conditional_format(first, 0, last, (self.columns.len() - 1) as u16, &fill)?;
        }
        Ok(())
    }

    /// The header rows: a column without a heading above spans both rows; columns sharing
    /// one get it merged over them.
    fn write_headers(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        let head = header_format();
        let bottom = self.body_row() - 1;
        let mut col = 0usize;
        while col < self.columns.len() {
            let c = &self.columns[col];
            let at = col as u16;
            match c.above {
                None if bottom > 2 => sheet.merge_range(2, at, bottom, at, &c.heading, &head).map(|_| ())?,
                None => sheet.write_string_with_format(2, at, &c.heading, &head).map(|_| ())?,
                Some(group) => {
                    let span = self.columns[col..].iter().take_while(|c| c.above == Some(group)).count();
                    let end = at + span as u16 - 1;
                    if span > 1 {
                        sheet.merge_range(2, at, 2, end, group, &head)?;
                    } else {
                        sheet.write_string_with_format(2, at, group, &head)?;
                    }
                    for (i, c) in self.columns[col..col + span].iter().enumerate() {
                        sheet.write_string_with_format(3, at + i as u16, &c.heading, &head)?;
                    }
                    col += span;
                    continue;
                }
            }
            col += 1;
        }
        Ok(())
    }

    /// The table as CSV: a header row (a shared heading joined to its column's, `完成情况-完成率`)
    /// and the body, amounts as their exact figures, rates and points as the sheet shows them.
    pub fn csv(&self) -> Vec<u8> {
        let mut out = String::from("\u{FEFF}");
        let headings = self.columns.iter().map(|c| match c.above {
            Some(above) => format!("{above}-{}", c.heading),
            None => c.heading.clone(),
        });
        line(&mut out, headings);
        for r in &self.rows {
            line(&mut out, r.cells.iter().map(csv_value));
        }
        out.into_bytes()
    }
}

fn csv_value(cell: &Cell) -> String {
    match cell {
        Cell::Blank => String::new(),
        Cell::Text(t) | Cell::Wrap(t) => t.clone(),
        Cell::Whole(n) => n.to_string(),
        Cell::Money(w) => w.decimal().normalize().to_string(),
        Cell::Rate(r) => r.map_or("—".into(), |r| format!("{:.1}%", (r * Decimal::ONE_HUNDRED).round_dp(1))),
        Cell::Points(p) => p.map_or("—".into(), |p| format!("{:+.1}", p.round_dp(1))),
    }
}

/// One CSV line (RFC 4180): a field with a comma, a quote or a line break is quoted.
fn line(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_it_and_keeps_exact_amounts() {
        let table = Table {
            sheet: "t",
            title: String::new(),
            note: "",
            columns: vec![Column::new("名称", None, 10.0), Column::new("累计", Some("投资"), 10.0)],
            rows: vec![Row {
                cells: vec![Cell::Text("甲,\"乙\"".into()), Cell::Money("1234.5".parse().unwrap())],
                shade: Shade::Plain,
            }],
            frozen_columns: 0,
            light_column: None,
        };
        assert_eq!(String::from_utf8(table.csv()).unwrap(), "\u{FEFF}名称,投资-累计\r\n\"甲,\"\"乙\"\"\",1234.5\r\n");
    }
}
