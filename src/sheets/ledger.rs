//! A period's 台账 as a workbook in the form an office hands in: a title row
//! (`澄源县2026年1-9月重点项目计划完成情况一览表`), the unit line `单位：万元`, the 附件1 columns
//! under two-row merged headers, the 合计 row, each industry's subtotal row with its count
//! (`一、工业（12项）`) before its projects, frozen header panes, number formats (whole 万元,
//! rates with one decimal and %), column widths from the CJK display width, A3 landscape print
//! with the header rows repeated and the width fitted, and each row's light as its fill.

use crate::figures::{Aggregate, Light, PeriodFigures, ProjectFigures};
use crate::model::{Dataset, Subject, Wan};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet};
use unicode_width::UnicodeWidthStr;

/// The columns: heading, the heading above it when two share one, and the widest a column
/// grows (in Excel's character widths).
const COLUMNS: [(&str, Option<&str>, f64); 13] = [
    ("序号", None, 6.0),
    ("项目名称", None, 36.0),
    ("建设性质", None, 10.0),
    ("总投资", Some("投资（万元）"), 12.0),
    ("年度计划", Some("投资（万元）"), 12.0),
    ("当月完成", Some("投资（万元）"), 12.0),
    ("累计完成", Some("投资（万元）"), 12.0),
    ("完成率", Some("完成情况"), 9.0),
    ("偏差（个百分点）", Some("完成情况"), 10.0),
    ("亮灯", None, 6.0),
    ("形象进度", None, 40.0),
    ("责任单位", None, 16.0),
    ("挂包领导", None, 14.0),
];

/// The first row of the table's body, below the title, the unit line and two header rows.
const BODY: u32 = 4;

/// The fill of a light, as Excel's conditional-format colours.
fn fill(light: Option<Light>) -> Option<Color> {
    match light? {
        Light::Red => Some(Color::RGB(0xFFC7CE)),
        Light::Yellow => Some(Color::RGB(0xFFEB9C)),
        Light::Green => Some(Color::RGB(0xC6EFCE)),
    }
}

fn number(w: Wan) -> f64 {
    w.decimal().to_f64().unwrap_or(0.0)
}

/// The formats of a row: text, money, rate and points, filled with the row's light, bold for
/// a total.
struct RowFormats {
    text: Format,
    wrap: Format,
    money: Format,
    rate: Format,
    points: Format,
}

impl RowFormats {
    fn new(fill: Option<Color>, bold: bool) -> RowFormats {
        let mut base =
            Format::new().set_border(FormatBorder::Thin).set_font_size(10.5).set_align(FormatAlign::VerticalCenter);
        if let Some(color) = fill {
            base = base.set_background_color(color);
        }
        if bold {
            base = base.set_bold();
        }
        RowFormats {
            text: base.clone(),
            wrap: base.clone().set_text_wrap(),
            money: base.clone().set_num_format("#,##0"),
            rate: base.clone().set_num_format("0.0%"),
            points: base.set_num_format("+0.0;-0.0;0.0"),
        }
    }
}

/// One row's cells, with the widest text of each column so far kept in `widths`.
struct Sheet<'a> {
    sheet: &'a mut Worksheet,
    widths: [usize; 13],
}

/// The index of a light into the formats of project rows, one for each light.
fn light_index(light: Option<Light>) -> usize {
    match light {
        None => 0,
        Some(Light::Green) => 1,
        Some(Light::Yellow) => 2,
        Some(Light::Red) => 3,
    }
}

impl Sheet<'_> {
    fn text(&mut self, row: u32, col: u16, text: &str, format: &Format) -> Result<(), String> {
        let w = &mut self.widths[col as usize];
        *w = (*w).max(UnicodeWidthStr::width(text));
        self.sheet.write_string_with_format(row, col, text, format).map(|_| ()).map_err(|e| e.to_string())
    }

    fn number(&mut self, row: u32, col: u16, value: Option<f64>, format: &Format) -> Result<(), String> {
        match value {
            Some(v) => self.sheet.write_number_with_format(row, col, v, format).map(|_| ()),
            None => self.sheet.write_string_with_format(row, col, "—", format).map(|_| ()),
        }
        .map_err(|e| e.to_string())
    }

    /// The amounts of a row (总投资, 年度计划, 当月, 累计) and its rate and 偏差, columns 3 to 8.
    fn amounts(
        &mut self,
        row: u32,
        amounts: [Wan; 4],
        rate: Option<f64>,
        deviation: Option<f64>,
        f: &RowFormats,
    ) -> Result<(), String> {
        for (col, amount) in (3..).zip(amounts) {
            self.number(row, col, Some(number(amount)), &f.money)?;
        }
        self.number(row, 7, rate, &f.rate)?;
        self.number(row, 8, deviation, &f.points)
    }

    /// A total or subtotal row: its label, its figures, the other cells empty.
    fn total(&mut self, row: u32, label: &str, a: &Aggregate, f: &RowFormats) -> Result<(), String> {
        self.text(row, 0, "", &f.text)?;
        self.text(row, 1, label, &f.text)?;
        self.text(row, 2, "", &f.text)?;
        let (rate, deviation) = (a.rate.and_then(|r| r.to_f64()), a.deviation_pp.and_then(|d| d.to_f64()));
        self.amounts(row, [a.total_investment, a.plan, a.month, a.ytd], rate, deviation, f)?;
        for col in 9..13 {
            self.text(row, col, "", &f.text)?;
        }
        Ok(())
    }

    /// A project's row, in the formats of its light.
    fn project(
        &mut self,
        row: u32,
        no: usize,
        ds: &Dataset,
        p: &ProjectFigures,
        year: i32,
        f: &RowFormats,
    ) -> Result<(), String> {
        let project = &ds.projects[p.index];
        let name = if p.reported { project.name.clone() } else { format!("{}（未报送）", project.name) };
        self.number(row, 0, Some(no as f64), &f.text)?;
        self.text(row, 1, &name, &f.wrap)?;
        self.text(row, 2, project.years.get(&year).map_or("", |y| y.nature.as_str()), &f.text)?;
        let (rate, deviation) = (p.rate.and_then(|r| r.to_f64()), p.deviation_pp.and_then(|d| d.to_f64()));
        self.amounts(row, [project.total_investment, p.plan, p.month, p.ytd], rate, deviation, f)?;
        self.text(row, 9, p.light.map_or("", |l| l.label()), &f.text)?;
        self.text(row, 10, &p.progress, &f.wrap)?;
        self.text(row, 11, &project.lead_unit, &f.text)?;
        self.text(row, 12, &project.leaders.join("、"), &f.text)
    }
}

/// The county's name for the title: the site's title up to `重点项目` (`澄源县`).
fn county(ds: &Dataset) -> &str {
    let title = ds.config.site.title.as_str();
    title.find("重点项目").map_or(title, |at| &title[..at])
}

/// The title of the period's table: `澄源县2026年1-9月重点项目计划完成情况一览表`.
pub fn title(ds: &Dataset, pf: &PeriodFigures) -> String {
    format!("{}{}年{}重点项目计划完成情况一览表", county(ds), pf.period.year, crate::render::months_span(pf.period))
}

/// The workbook of period `pf`'s ledger, as the bytes of an .xlsx file.
pub fn workbook(ds: &Dataset, pf: &PeriodFigures) -> Result<Vec<u8>, String> {
    let err = |e: rust_xlsxwriter::XlsxError| format!("错误：无法生成台账工作簿：{e}\n");
    let mut book = Workbook::new();
    // The document's dates are the period's: the same data, the same bytes.
    let d = pf.as_of;
    let date = ExcelDateTime::from_ymd(d.year as u16, d.month as u8, d.day as u8).map_err(err)?;
    book.set_properties(&DocProperties::new().set_title(title(ds, pf)).set_creation_datetime(&date));
    let sheet = book.add_worksheet().set_name("台账").map_err(err)?;
    let last = (COLUMNS.len() - 1) as u16;
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
        .set_background_color(Color::RGB(0xF2F2F2));
    let title_format = Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Center);
    sheet.merge_range(0, 0, 0, last, &title(ds, pf), &title_format).map_err(err)?;
    sheet.merge_range(1, 0, 1, last, "单位：万元", &Format::new().set_align(FormatAlign::Right)).map_err(err)?;
    let months = crate::render::months_span(pf.period);
    // The 累计 column says which months it sums.
    let heading = |c: u16| if c == 6 { format!("{months}累计") } else { COLUMNS[c as usize].0.to_string() };
    let mut col = 0u16;
    while (col as usize) < COLUMNS.len() {
        let (name, above, _) = COLUMNS[col as usize];
        match above {
            None => {
                sheet.merge_range(2, col, 3, col, name, &head).map_err(err)?;
                col += 1;
            }
            Some(group) => {
                let span = COLUMNS[col as usize..].iter().take_while(|c| c.1 == Some(group)).count() as u16;
                sheet.merge_range(2, col, 2, col + span - 1, group, &head).map_err(err)?;
                for c in col..col + span {
                    sheet.write_string_with_format(3, c, heading(c), &head).map_err(err)?;
                }
                col += span;
            }
        }
    }
    let lights =
        [None, Some(Light::Green), Some(Light::Yellow), Some(Light::Red)].map(|l| RowFormats::new(fill(l), false));
    let mut s = Sheet { sheet, widths: COLUMNS.map(|c| UnicodeWidthStr::width(c.0)) };
    let (bold, subtotal_fill) = (RowFormats::new(None, true), RowFormats::new(Some(Color::RGB(0xDDEBF7)), true));
    let mut row = BODY;
    s.total(row, &format!("合计（{}项）", pf.county.count), &pf.county, &bold)?;
    let mut no = 0;
    for (i, g) in pf.groups_of(Subject::Industry).iter().enumerate() {
        row += 1;
        let heading = format!("{}、{}（{}项）", crate::render::chinese_number(i + 1), g.name, g.figures.count);
        s.total(row, &heading, &g.figures, &subtotal_fill)?;
        for &m in g.members.iter() {
            row += 1;
            no += 1;
            let p = &pf.projects[m];
            s.project(row, no, ds, p, pf.period.year, &lights[light_index(p.light)])?;
        }
    }
    let Sheet { sheet, widths } = s;
    for (c, ((_, _, widest), width)) in COLUMNS.iter().zip(widths).enumerate() {
        sheet.set_column_width(c as u16, (width as f64 + 2.0).min(*widest)).map_err(err)?;
    }
    sheet.set_freeze_panes(BODY, 2).map_err(err)?;
    sheet.set_paper_size(8).set_landscape().set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(2, 3).map_err(err)?;
    book.save_to_buffer().map_err(err)
}
