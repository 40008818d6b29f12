//! The widths of the columns of an attachment's table (附件1's projects on their landscape
//! pages, 附件3's blockers on landscape or portrait ones), from what their cells hold. Each column that does not wrap (序号, 性质, the
//! amounts, 完成率, 偏差, 亮灯; a blocker's 编号, 类别 and dates) is as wide as its widest value
//! or heading; the rest of the line is shared among the columns that wrap (names, 形象进度, units,
//! measures) so that the table takes as few lines as it can: a row is as tall as its tallest
//! cell, and a county's long 形象进度 wants a wider column than its short names.
//!
//! Widths are in characters of the table's 10.5 pt: a CJK character is one, a digit or a comma
//! half of one in 宋体 and 0.53 in the 黑体 of the headings and of the total and subtotal rows
//! (measured in Chromium).

use crate::render::views::{BlockerRow, GroupRow, ProjectRow};
use unicode_width::UnicodeWidthChar;

/// The line of a landscape page: the 257 mm of A4 less 20 mm each side, in characters of 10.5 pt.
const LANDSCAPE: f64 = 257.0 / 25.4 * 72.0 / 10.5;

/// The line of a portrait page: GB/T 9704's 156 mm, in characters of 10.5 pt.
const PORTRAIT: f64 = 156.0 / 25.4 * 72.0 / 10.5;

/// What a cell takes besides its text: 1.5 pt of padding each side and the rule (print.css),
/// and room for what the measure misses.
const AROUND: f64 = 3.5 / 10.5 + 0.1;

/// The most rows the shares of the wrapping columns are worked out on, taken evenly through
/// the table: a province's 50 000 rows share their widths as a sample of them does.
const SAMPLE: usize = 2000;

/// The width of `text` in characters, a digit or a comma taken as `digit`.
fn width(text: &str, digit: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            '0'..='9' | ',' => digit,
            '−' => 0.84, // DejaVu's minus, where the CJK fonts have none
            '—' | '·' => 1.0,
            c => c.width().map_or(0.0, |w| w as f64 / 2.0),
        })
        .sum()
}

/// The width of a cell of 宋体 text, in characters.
pub(super) fn song(text: &str) -> f64 {
    width(text, 0.5)
}

/// The width of a cell of 黑体 text (headings, totals).
fn hei(text: &str) -> f64 {
    width(text, 0.53)
}

/// A table's cells measured as its rows are added: the widest of each column that does not
/// wrap, and the text of the wrapping columns row by row.
pub struct Measure {
    /// The line the columns share, in characters.
    line: f64,
    widest: Vec<f64>,
    /// The columns whose text wraps, by position.
    wraps: Vec<usize>,
    wrapping: Vec<Vec<f64>>,
}

/// 附件1's columns: 序号, 项目名称, 性质, 总投资, 年度计划, 当月完成, 累计, 完成率, 偏差, 亮灯,
/// 形象进度, 责任单位, 挂包领导; the name, 形象进度, the unit and the leaders wrap.
const PROJECT_WRAPS: [usize; 4] = [1, 10, 11, 12];

impl Measure {
    /// The measure of a table's `headings` (the line of each that is widest, in 黑体) whose
    /// columns `wraps` wrap.
    fn new(line: f64, headings: &[&str], wraps: &[usize]) -> Measure {
        let widest = headings.iter().map(|h| hei(h)).collect();
        Measure { line, widest, wraps: wraps.to_vec(), wrapping: Vec::new() }
    }

    /// A row, one width per column.
    fn add(&mut self, cells: &[f64]) {
        for (col, &w) in cells.iter().enumerate().filter(|(col, _)| !self.wraps.contains(col)) {
            self.widest[col] = self.widest[col].max(w);
        }
        self.wrapping.push(self.wraps.iter().map(|&c| cells[c]).collect());
    }

    /// 附件1's measure, of its headings alone (`months` is the 累计 column's, `1-10月`).
    pub fn projects(months: &str) -> Measure {
        let headings = [
            "序号",
            "项目名称",
            "性质",
            "总投资",
            "年度",
            "当月",
            months,
            "完成率",
            "偏差",
            "亮灯",
            "形象进度",
            "责任单位",
            "挂包",
        ];
        Measure::new(LANDSCAPE, &headings, &PROJECT_WRAPS)
    }

    /// A project's row of 附件1.
    pub fn project(&mut self, r: &ProjectRow) {
        let name = song(&r.name) + if r.reported { 0.0 } else { song("（未报送）") };
        let no = r.no.to_string();
        let figures = [&r.nature, &r.total, &r.plan, &r.month, &r.ytd, &r.rate, &r.deviation, r.light_label].map(song);
        let mut cells = vec![song(&no), name];
        cells.extend(figures);
        cells.extend([song(&r.progress), song(&r.lead_unit), song(&r.leaders)]);
        self.add(&cells);
    }

    /// A total or subtotal row of 附件1, `label` in the name column, in 黑体.
    pub fn group(&mut self, label: &str, g: &GroupRow) {
        let figures = [&g.total, &g.plan, &g.month, &g.ytd, &g.rate, &g.deviation].map(|f| hei(f));
        let mut cells = vec![0.0, hei(label), 0.0];
        cells.extend(figures);
        cells.extend([0.0; 4]);
        self.add(&cells);
    }

    /// 附件3's measure of its `rows` of open blockers or, with `resolved`, of blockers resolved
    /// in the period, on a `landscape` or a portrait page: 编号, 项目, 问题, 类别, 责任单位,
    /// 解决时限, then 已历天数 and 解决措施, or 销号日期 and 解决情况. The project, the problem, the
    /// unit and the last column wrap; the headings of the unit, the dates and 已历天数 break into
    /// two lines of two characters, and on a portrait page so does 类别 after its dot.
    pub fn blockers(rows: &[BlockerRow], resolved: bool, landscape: bool) -> Measure {
        let (seventh, last) = if resolved { ("销号", "解决情况") } else { ("已历", "解决措施") };
        let line = if landscape { LANDSCAPE } else { PORTRAIT };
        let headings = ["编号", "项目", "问题", "类别", "责任", "解决", seventh, last];
        let mut m = Measure::new(line, &headings, &[1, 2, 4, 7]);
        for b in rows {
            let title = song(&b.title) + if b.overdue { song("（超期）") } else { 0.0 };
            let (seventh, text) = if resolved {
                (song(&b.resolved), &b.resolution)
            } else {
                (song(&b.age_days.to_string()), &b.measures)
            };
            // On the portrait line, 类别 takes two lines: 卡点· over 审批手续.
            let kind = if landscape {
                song(&b.kind) + 1.0 + song(&b.category)
            } else {
                (song(&b.kind) + 1.0).max(song(&b.category))
            };
            m.add(&[
                song(&b.cite),
                song(&b.project),
                title,
                kind,
                song(&b.unit),
                song(&b.deadline),
                seventh,
                song(text),
            ]);
        }
        m
    }

    /// Each column's share of the line, as CSS (`16.71%`).
    pub fn shares(&self) -> Vec<String> {
        self.widths().iter().map(|w| format!("{:.2}%", w / self.line * 100.0)).collect()
    }

    /// Each column's width in characters, adding up to the line.
    fn widths(&self) -> Vec<f64> {
        let mut widths: Vec<f64> = self.widest.iter().map(|w| w + AROUND).collect();
        let step = self.wrapping.len().div_ceil(SAMPLE).max(1);
        let rows: Vec<Vec<f64>> = self.wrapping.iter().step_by(step).cloned().collect();
        let fixed: f64 = (0..widths.len()).filter(|c| !self.wraps.contains(c)).map(|c| widths[c]).sum();
        let mut wrapping: Vec<f64> = self.wraps.iter().map(|&c| widths[c]).collect();
        let mut left = self.line - fixed - wrapping.iter().sum::<f64>();
        if left > 0.0 {
            left = share_out(&rows, &mut wrapping, left);
            // What no row needs widens the wrapping columns alike, by their widths.
            let sum: f64 = wrapping.iter().sum();
            wrapping = wrapping.iter().map(|w| w + left * w / sum).collect();
        }
        for (&c, w) in self.wraps.iter().zip(wrapping) {
            widths[c] = w;
        }
        let total: f64 = widths.iter().sum();
        widths.iter().map(|w| w * self.line / total).collect()
    }
}

/// The lines a text of `text` characters takes in a column `width` wide: a line holds whole
/// characters (a CJK character does not break).
fn lines(text: f64, width: f64) -> u32 {
    (text / (width - AROUND).floor().max(1.0)).ceil().max(1.0) as u32
}

/// The least width of a column in which a text of `text` characters takes `n` lines.
fn width_for(text: f64, n: u32) -> f64 {
    (text / n as f64).ceil() + AROUND
}

/// The table's lines with the wrapping columns `widths` wide: the rows' (each row as tall as
/// its tallest cell), and then the cells' added up, which tells apart two widths that make the
/// rows equally tall.
fn table_lines(rows: &[Vec<f64>], widths: &[f64]) -> (u32, u32) {
    rows.iter().fold((0, 0), |(row_lines, cell_lines), r| {
        let cells = r.iter().zip(widths).map(|(&text, &width)| lines(text, width));
        let (tallest, sum) = cells.fold((0, 0), |(t, s), n| (t.max(n), s + n));
        (row_lines + tallest, cell_lines + sum)
    })
}

/// One way to widen a wrapping column: to `width`, saving `saved` lines per character (the
/// rows', then the cells'), the table then taking `lines`.
struct Step {
    saved: (f64, f64),
    column: usize,
    width: f64,
    lines: (u32, u32),
}

/// Widens the wrapping columns from `widths` with up to `left` characters, each time by what
/// saves the most lines per character: to the next width at which one of a column's cells takes
/// a line less. Returns what is left when no cell needs more.
fn share_out(rows: &[Vec<f64>], widths: &mut [f64], mut left: f64) -> f64 {
    let mut now = table_lines(rows, widths);
    loop {
        let mut best: Option<Step> = None;
        for column in 0..widths.len() {
            // The least width at which some cell of the column takes a line less.
            let width = rows
                .iter()
                .map(|r| (r[column], lines(r[column], widths[column])))
                .filter(|&(_, n)| n > 1)
                .map(|(text, n)| width_for(text, n - 1))
                .fold(f64::INFINITY, f64::min);
            let cost = width - widths[column];
            if !width.is_finite() || cost > left {
                continue;
            }
            let mut tried = widths.to_vec();
            tried[column] = width;
            let lines = table_lines(rows, &tried);
            let saved = ((now.0 - lines.0) as f64 / cost, (now.1 - lines.1) as f64 / cost);
            if best.as_ref().is_none_or(|b| saved > b.saved) {
                best = Some(Step { saved, column, width, lines });
            }
        }
        let Some(step) = best else { return left };
        left -= step.width - widths[step.column];
        widths[step.column] = step.width;
        now = step.lines;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A project's row of 附件1 with these texts and figures of three to six digits.
    fn row(name: &str, nature: &str, progress: &str, deviation: &str, unit: &str) -> ProjectRow {
        ProjectRow {
            no: 1,
            name: name.into(),
            href: String::new(),
            town: String::new(),
            nature: nature.into(),
            total: "186,000".into(),
            plan: "52,000".into(),
            month: "3,948".into(),
            ytd: "37,700".into(),
            rate: "72.5%".into(),
            rate_sort: String::new(),
            deviation: deviation.into(),
            light: "",
            light_label: "黄灯",
            light_streak: 0,
            status: "",
            progress: progress.into(),
            lead_unit: unit.into(),
            leaders: "王志刚".into(),
            reported: true,
        }
    }

    /// Two rows, worked out by hand. The figure columns need 2 + 4 + 3.5 + 3 + 2.5 + 3.09 + 3 +
    /// 2.84 + 2 characters (序号's heading; 竣工投产; 186,000; 52,000; 3,948; 1-10月 in 黑体;
    /// 完成率; −10.8; 亮灯), each 0.43 more around it: 29.83 of the 69.38. The wrapping columns
    /// start at their headings (4, 4, 4, 2, and 0.43 each): 15.73, leaving 23.82. The first row
    /// (a name of 12, a 形象进度 of 18, 县交通运输局, 王志刚) on one line would take 25 of them,
    /// so the fewest lines are 3: the second row on one (责任单位 6, 挂包领导 3) and the first on
    /// two (项目名称 6, 形象进度 9), 10 characters more. Of the 13.82 left, a cell more on one
    /// line is the name (6 more, a line for 6) before 形象进度 (9, a line for 9), and then
    /// 形象进度's 9 no longer fit: the 7.82 left widen the four alike, by 1 + 7.82 / 31.73.
    #[test]
    fn the_long_text_gets_the_room() {
        let mut m = Measure::projects("1-10月");
        m.project(&row(
            "澄源至临江段公路改建工程",
            "竣工投产",
            "路基路面摊铺完成年度工程量的七成以上",
            "−10.8",
            "县交通运输局",
        ));
        m.project(&row("短名", "续建", "完成", "+6.7", "县交通运输局"));
        let w = m.widths();
        assert!((w.iter().sum::<f64>() - LANDSCAPE).abs() < 1e-9);
        let around = |chars: f64| chars + AROUND;
        let fixed = [(0, 2.0), (2, 4.0), (3, 3.5), (4, 3.0), (5, 2.5), (6, 3.09), (7, 3.0), (8, 2.84), (9, 2.0)];
        for (col, chars) in fixed {
            assert!((w[col] - around(chars)).abs() < 1e-9, "column {col}: {w:?}");
        }
        let widen = 1.0 + (LANDSCAPE - 29.83 - 15.73 - 16.0) / 31.73;
        for (col, chars) in [(1, 12.0), (10, 9.0), (11, 6.0), (12, 3.0)] {
            assert!((w[col] - around(chars) * widen).abs() < 0.01, "column {col}: {w:?}");
        }
        assert_eq!(table_lines(&m.wrapping, &[w[1], w[10], w[11], w[12]]).0, 3);
    }

    /// A blocker of 附件3 whose cells all fit on one line, on a landscape and on a portrait page,
    /// worked out by hand. The columns that do not wrap hold CY2026-015#1 (6), 难点·征地拆迁 (7,
    /// the middle dot a whole character in the CJK fonts; 4 on the portrait line, in two lines),
    /// 2026-09-30 (5) and 已历 (2, over 178's 1.5), each 0.43 more around it. The wrapping ones
    /// start at their headings (2, 2, 2 for 责任 over 单位, 4) and widen, the most lines saved per
    /// character first, to 县城东环线 (5), 征地滞后 (4), 城关镇 (3) and 包片推进 (4), which the
    /// portrait line's 42.12 has room for too; what is left then widens the four alike, by their
    /// widths.
    #[test]
    fn a_blocker_on_one_line_and_the_rest_shared_out() {
        let b = BlockerRow {
            project: "县城东环线".into(),
            project_href: String::new(),
            cite: "CY2026-015#1".into(),
            title: "征地滞后".into(),
            kind: "难点".into(),
            category: "征地拆迁".into(),
            unit: "城关镇".into(),
            leader: String::new(),
            raised: String::new(),
            deadline: "2026-09-30".into(),
            resolved: String::new(),
            measures: "包片推进".into(),
            resolution: String::new(),
            age_days: 178,
            overdue: false,
        };
        // On the portrait line 类别 is 4 wide: 征地拆迁 under 难点· (3).
        for (landscape, line, kind) in [(true, LANDSCAPE, 7.0), (false, PORTRAIT, 4.0)] {
            let m = Measure::blockers(std::slice::from_ref(&b), false, landscape);
            let w = m.widths();
            assert!((w.iter().sum::<f64>() - line).abs() < 1e-9);
            for (col, chars) in [(0, 6.0), (3, kind), (5, 5.0), (6, 2.0)] {
                assert!((w[col] - (chars + AROUND)).abs() < 1e-9, "column {col}: {w:?}");
            }
            let fixed = 6.0 + kind + 5.0 + 2.0 + 4.0 * AROUND;
            let widen = 1.0 + (line - fixed - 16.0 - 4.0 * AROUND) / (16.0 + 4.0 * AROUND);
            for (col, chars) in [(1, 5.0), (2, 4.0), (4, 3.0), (7, 4.0)] {
                assert!((w[col] - (chars + AROUND) * widen).abs() < 1e-9, "column {col}: {w:?}");
            }
            assert_eq!(table_lines(&m.wrapping, &[w[1], w[2], w[4], w[7]]), (1, 4));
            assert_eq!(m.shares().len(), 8);
        }
    }

    /// A 责任单位 of 14 characters, where the columns had fixed shares of 6 once and ran over
    /// into 挂包领导: its column holds it on one line when the line has room for it.
    #[test]
    fn a_long_unit_name_gets_its_width() {
        let mut m = Measure::projects("1-10月");
        m.project(&row("短名", "续建", "完成", "+6.7", "临江高新技术产业开发区管委会"));
        let w = m.widths();
        assert!(w[11] >= width_for(14.0, 1), "{w:?}");
        assert_eq!(table_lines(&m.wrapping, &[w[1], w[10], w[11], w[12]]), (1, 4));
    }
}
