//! 填报表: the fill-in workbook each 责任单位 gets for a month (`tongbao forms`), with its
//! projects of the year. The identity columns (编号, 名称, 年度计划, last month's 1-N月累计) are
//! grey and locked; the unit types into the white cells: 1-N月累计完成 (a number no lower than
//! last month's, checked by Excel's data validation), 是否开工 (是/否 from a list), 形象进度,
//! 存在问题 and 下步计划. An instruction row says how. `tongbao import` reads the filled form
//! back by its column headings.
//!
//! Where the month's file exists already, the white cells show what it holds (a form sent
//! again); otherwise 是否开工 starts from last month's answer and the rest is empty.

use crate::model::{Dataset, Entry, Month, Wan};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder, Formula, ProtectionOptions, Workbook,
    Worksheet, XlsxError,
};
use std::collections::BTreeMap;

/// The form of one unit: its name and the workbook's bytes.
pub struct Form {
    pub unit: String,
    pub bytes: Vec<u8>,
}

/// The headings of a form's columns, for `period`; the first five are locked.
pub fn headings(period: Month) -> [String; 10] {
    let before = if period.month == 1 {
        "上月累计完成（万元，1月为0）".to_string()
    } else {
        format!("上月累计：{}累计完成（万元）", crate::render::months_span(period.previous()))
    };
    [
        "序号".into(),
        "项目编号".into(),
        "项目名称".into(),
        "年度计划（万元）".into(),
        before,
        format!("{}累计完成（万元）", crate::render::months_span(period)),
        "是否开工".into(),
        "形象进度".into(),
        "存在问题".into(),
        "下步计划".into(),
    ]
}

const WIDTHS: [f64; 10] = [6.0, 14.0, 34.0, 12.0, 16.0, 16.0, 10.0, 40.0, 30.0, 30.0];

/// The first row of the body: below the title, the instruction and the header.
const BODY: u32 = 3;

/// One project's row: what is locked and what is filled in already.
struct Line<'a> {
    id: &'a str,
    name: &'a str,
    plan: Wan,
    before: Wan,
    entry: Option<&'a Entry>,
    started_before: bool,
}

/// The form of every 责任单位 with projects in `period`'s year, in the order of orgs.yaml (units
/// not listed there after, by name).
pub fn all(ds: &Dataset, period: Month) -> Result<Vec<Form>, String> {
    let now = ds.progress.get(&period);
    let mut by_unit: BTreeMap<(usize, &str), Vec<Line>> = BTreeMap::new();
    for project in &ds.projects {
        let Some(year) = project.years.get(&period.year) else { continue };
        let before = ds.last_report(&project.id, period).map(|(_, e)| e);
        let order = ds.orgs.units.iter().position(|u| u.name == project.lead_unit).unwrap_or(usize::MAX);
        by_unit.entry((order, project.lead_unit.as_str())).or_default().push(Line {
            id: &project.id,
            name: &project.name,
            plan: year.plan,
            before: before.map_or(Wan::default(), |e| e.ytd),
            entry: now.and_then(|f| f.entries.get(&project.id)),
            started_before: before.is_some_and(|e| e.started),
        });
    }
    if by_unit.is_empty() {
        return Err(format!("错误：{} 年没有列入计划的项目，无法生成填报表\n", period.year));
    }
    by_unit.into_iter().map(|((_, unit), lines)| form(ds, period, unit, &lines)).collect()
}

fn number(w: Wan) -> f64 {
    w.decimal().to_f64().unwrap_or(0.0)
}

/// The workbook of `unit`'s `lines`.
fn form(ds: &Dataset, period: Month, unit: &str, lines: &[Line]) -> Result<Form, String> {
    let err = |e: XlsxError| format!("错误：无法生成 {unit} 的填报表：{e}\n");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("填报").map_err(err)?;
    write(sheet, ds, period, unit, lines).map_err(err)?;
    let title = format!("{}{}重点项目进度填报表（{unit}）", super::ledger::county(ds), period.chinese());
    let bytes = super::finish(book, title, period.last_day())?;
    Ok(Form { unit: unit.to_string(), bytes })
}

fn write(sheet: &mut Worksheet, ds: &Dataset, period: Month, unit: &str, lines: &[Line]) -> Result<(), XlsxError> {
    let last = (WIDTHS.len() - 1) as u16;
    let title = Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Center);
    let county = super::ledger::county(ds);
    sheet.merge_range(0, 0, 0, last, &format!("{county}{}重点项目进度填报表（{unit}）", period.chinese()), &title)?;
    let months = crate::render::months_span(period);
    let instruction = format!(
        "填写说明：灰色列由县重点项目办填好，请勿改动；只填白色单元格。“{months}累计完成”填万元（不是元），\
         为年初至{}月底的累计数，不得小于上月累计；“是否开工”选“是”或“否”；形象进度写到具体节点。\
         填好后按原文件发回。",
        period.month
    );
    let note =
        Format::new().set_text_wrap().set_align(FormatAlign::VerticalCenter).set_font_color(Color::RGB(0xC00000));
    sheet.merge_range(1, 0, 1, last, &instruction, &note)?;
    sheet.set_row_height(1, 45)?;
    let head = super::table::header_format();
    for (col, heading) in (0u16..).zip(headings(period)) {
        sheet.write_string_with_format(2, col, heading, &head)?;
    }
    sheet.set_row_height(2, 32)?;
    let base = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter).set_font_size(10.5);
    let locked = base.clone().set_background_color(Color::RGB(0xEDEDED));
    let locked_wrap = locked.clone().set_text_wrap();
    let locked_money = locked.clone().set_num_format("#,##0.##");
    let open = base.set_unlocked();
    let open_wrap = open.clone().set_text_wrap();
    let open_money = open.clone().set_num_format("#,##0.##");
    for (row, (i, line)) in (BODY..).zip(lines.iter().enumerate()) {
        sheet.write_number_with_format(row, 0, (i + 1) as f64, &locked)?;
        sheet.write_string_with_format(row, 1, line.id, &locked)?;
        sheet.write_string_with_format(row, 2, line.name, &locked_wrap)?;
        sheet.write_number_with_format(row, 3, number(line.plan), &locked_money)?;
        sheet.write_number_with_format(row, 4, number(line.before), &locked_money)?;
        match line.entry {
            Some(e) => sheet.write_number_with_format(row, 5, number(e.ytd), &open_money)?,
            None => sheet.write_blank(row, 5, &open_money)?,
        };
        let started = line.entry.map_or(line.started_before, |e| e.started);
        sheet.write_string_with_format(row, 6, if started { "是" } else { "否" }, &open)?;
        let text = |f: fn(&Entry) -> Option<&str>| line.entry.and_then(f).unwrap_or("");
        sheet.write_string_with_format(row, 7, text(|e| Some(&e.progress)), &open_wrap)?;
        sheet.write_string_with_format(row, 8, text(|e| e.problems.as_deref()), &open_wrap)?;
        sheet.write_string_with_format(row, 9, text(|e| e.next.as_deref()), &open_wrap)?;
    }
    let end = BODY + lines.len() as u32 - 1;
    // One rule for the column, its reference relative to the first row: each row's figure is
    // checked against that row's last month.
    let ytd = DataValidation::new()
        .allow_decimal_number_formula(DataValidationRule::GreaterThanOrEqualTo(Formula::new(format!("=E{}", BODY + 1))))
        .set_error_title("累计数不对")?
        .set_error_message(format!("{months}累计完成填万元，不得小于上月累计（E列）。"))?
        .set_input_title("填万元")?
        .set_input_message(format!("年初至{}月底累计完成投资，单位万元", period.month))?;
    sheet.add_data_validation(BODY, 5, end, 5, &ytd)?;
    let started = DataValidation::new()
        .allow_list_strings(&["是", "否"])?
        .set_error_title("请选择")?
        .set_error_message("是否开工只能填“是”或“否”。")?;
    sheet.add_data_validation(BODY, 6, end, 6, &started)?;
    for (col, width) in (0u16..).zip(WIDTHS) {
        sheet.set_column_width(col, width)?;
    }
    sheet.set_freeze_panes(BODY, 3)?;
    sheet.set_paper_size(9).set_landscape().set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(2, 2)?;
    let options = ProtectionOptions { format_columns: true, format_rows: true, ..ProtectionOptions::default() };
    sheet.protect_with_options(&options);
    Ok(())
}
