//! A period's 台账 as the table an office hands in: a title row
//! (`澄源县2026年1-9月重点项目计划完成情况一览表`), the unit line `单位：万元`, the 附件1 columns
//! under two-row merged headers, the 合计 row, each industry's subtotal row with its count
//! (`一、工业（12项）`) before its projects, and each project row in its light's fill.

use super::table::{Cell, Column, Row, Shade, Table};
use crate::figures::{Aggregate, PeriodFigures, ProjectFigures};
use crate::model::{Dataset, Subject};

/// The county's name for the title: the site's title up to `重点项目` (`澄源县`).
pub fn county(ds: &Dataset) -> &str {
    let title = ds.config.site.title.as_str();
    title.find("重点项目").map_or(title, |at| &title[..at])
}

/// The title of the period's table: `澄源县2026年1-9月重点项目计划完成情况一览表`.
pub fn title(ds: &Dataset, pf: &PeriodFigures) -> String {
    format!("{}{}年{}重点项目计划完成情况一览表", county(ds), pf.period.year, crate::render::months_span(pf.period))
}

/// The figure columns every table of amounts shares: 总投资, 年度计划, 当月完成, the 累计 (named
/// for the months it sums), 完成率 and 偏差, under their merged headings.
pub fn figure_columns(pf: &PeriodFigures) -> [Column; 6] {
    let money = Some("投资（万元）");
    let done = Some("完成情况");
    [
        Column::new("总投资", money, 12.0),
        Column::new("年度计划", money, 12.0),
        Column::new("当月完成", money, 12.0),
        Column::new(format!("{}累计", crate::render::months_span(pf.period)), money, 12.0),
        Column::new("完成率", done, 9.0),
        Column::new("偏差（个百分点）", done, 10.0),
    ]
}

fn columns(pf: &PeriodFigures) -> Vec<Column> {
    let mut columns =
        vec![Column::new("序号", None, 6.0), Column::new("项目名称", None, 36.0), Column::new("建设性质", None, 10.0)];
    columns.extend(figure_columns(pf));
    columns.extend([
        Column::new("亮灯", None, 6.0),
        Column::new("形象进度", None, 40.0),
        Column::new("责任单位", None, 16.0),
        Column::new("挂包领导", None, 14.0),
    ]);
    columns
}

/// A total or subtotal row: its label, its figures, the other cells blank.
fn total(label: String, a: &Aggregate, shade: Shade) -> Row {
    let mut cells = vec![Cell::Blank, Cell::Text(label), Cell::Blank];
    cells.extend(figures([a.total_investment, a.plan, a.month, a.ytd], a.rate, a.deviation_pp));
    cells.extend((0..4).map(|_| Cell::Blank));
    Row { cells, shade }
}

/// The amounts of a row (总投资, 年度计划, 当月, 累计), its rate and its 偏差.
fn figures(
    amounts: [crate::model::Wan; 4],
    rate: Option<rust_decimal::Decimal>,
    deviation: Option<rust_decimal::Decimal>,
) -> impl Iterator<Item = Cell> {
    amounts.into_iter().map(Cell::Money).chain([Cell::Rate(rate), Cell::Points(deviation)])
}

/// A project's row, numbered `no`, in its light's fill.
fn project(ds: &Dataset, no: usize, p: &ProjectFigures, year: i32) -> Row {
    let project = &ds.projects[p.index];
    let name = if p.reported { project.name.clone() } else { format!("{}（未报送）", project.name) };
    let nature = project.years.get(&year).map_or("", |y| y.nature.as_str());
    let mut cells = vec![Cell::Whole(no), Cell::Wrap(name), Cell::Text(nature.into())];
    cells.extend(figures([project.total_investment, p.plan, p.month, p.ytd], p.rate, p.deviation_pp));
    cells.extend([
        Cell::Text(p.light.map_or("", |l| l.label()).into()),
        Cell::Wrap(p.progress.to_string()),
        Cell::Text(project.lead_unit.clone()),
        Cell::Text(project.leaders.join("、")),
    ]);
    Row { cells, shade: Shade::of(p.light) }
}

/// The period's ledger: 合计, then each industry's subtotal and its projects.
pub fn table(ds: &Dataset, pf: &PeriodFigures) -> Table {
    let mut rows = vec![total(format!("合计（{}项）", pf.county.count), &pf.county, Shade::Total)];
    let mut no = 0;
    for (i, g) in pf.groups_of(Subject::Industry).iter().enumerate() {
        let heading = format!("{}、{}（{}项）", crate::render::chinese_number(i + 1), g.name, g.figures.count);
        rows.push(total(heading, &g.figures, Shade::Subtotal));
        for &m in g.members.iter() {
            no += 1;
            rows.push(project(ds, no, &pf.projects[m], pf.period.year));
        }
    }
    let columns = columns(pf);
    let light_column = columns.iter().position(|c| c.heading == "亮灯");
    Table {
        sheet: "台账", title: title(ds, pf), note: "单位：万元", columns, rows, frozen_columns: 2, light_column
    }
}
