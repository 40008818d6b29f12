//! Order in time: ytd never decreasing within a year, monthly plans rising to the annual plan,
//! dates in a possible order, every listed project reported each month, since-start totals
//! within the total investment.

use super::Checker;
use crate::diagnostic::Diagnostic;
use crate::model::{Month, Progress, seek};
use crate::path;

pub fn check(c: &mut Checker) {
    progress_files(c);
    for project in super::compared_projects(c.ds, c.sources) {
        let f = c.project_file(&project.id);
        if project.end_year < project.start_year {
            c.error(
                "E0403",
                f,
                &path!["end_year"],
                format!("建设止年 {} 早于起年 {}", project.end_year, project.start_year),
                None,
            );
        }
        let pairs = [
            ("planned_start", project.planned_start, "planned_completion", project.planned_completion),
            ("actual_start", project.actual_start, "actual_completion", project.actual_completion),
        ];
        for (first_key, first, then_key, then) in pairs {
            if let (Some(a), Some(b)) = (first, then)
                && b < a
            {
                c.error(
                    "E0403",
                    f,
                    &path![then_key],
                    format!("{then_key} {b} 早于 {first_key} {a}"),
                    Some("检查日期是否填反".into()),
                );
            }
        }
        for (year, plan) in &project.years {
            let y = year.to_string();
            if let Some(values) = &plan.monthly_plan {
                let at = |i: usize| path!["years", y.as_str(), "monthly_plan", i];
                if values.len() != 12 {
                    c.error(
                        "E0402",
                        f,
                        &path!["years", y.as_str(), "monthly_plan"],
                        format!("月度计划应有 12 个累计值，实际有 {} 个", values.len()),
                        Some("依次填写 1–12 月的累计计划投资".into()),
                    );
                } else if let Some(i) = (1..12).find(|&i| values[i] < values[i - 1]) {
                    c.error(
                        "E0402",
                        f,
                        &at(i),
                        format!("{}月累计计划 {} 小于{}月的 {}", i + 1, values[i], i, values[i - 1]),
                        Some("月度计划是 1–N 月累计值，应逐月不减".into()),
                    );
                } else if values[11] != plan.plan {
                    c.error(
                        "E0402",
                        f,
                        &at(11),
                        format!("12月累计计划 {} 不等于年度计划 {}", values[11], plan.plan),
                        Some("最后一个值应等于 plan".into()),
                    );
                }
            }
        }
        for (i, m) in project.milestones.iter().enumerate() {
            if let Some(done) = m.done.filter(|d| Some(*d) < project.actual_start) {
                c.error(
                    "E0403",
                    f,
                    &path!["milestones", i, "done"],
                    format!("节点完成日期 {done} 早于实际开工日期"),
                    None,
                );
            }
        }
        for (i, b) in project.issues.iter().enumerate() {
            if let Some(r) = b.resolved.filter(|r| *r < b.raised) {
                c.error(
                    "E0403",
                    f,
                    &path!["issues", i, "resolved"],
                    format!("销号日期 {r} 早于提出日期 {}", b.raised),
                    Some("检查日期是否填反".into()),
                );
            }
            if let Some(d) = b.deadline.filter(|d| *d < b.raised) {
                c.error(
                    "E0403",
                    f,
                    &path!["issues", i, "deadline"],
                    format!("解决时限 {d} 早于提出日期 {}", b.raised),
                    None,
                );
            }
        }
    }
}

/// W0403: a month file newer than the month the config pins, which the site does not show.
fn newer_than_published(c: &mut Checker) {
    let Some(pinned) = c.ds.config.report.period else { return };
    let Some((newest, file)) = c.sources.progress.iter().next_back().filter(|(m, _)| **m > pinned) else { return };
    let config = c.sources.config.clone();
    c.warning(
        "W0403",
        &config,
        &path!["report", "period"],
        format!("已有更新的月报 {file}，但网站发布的仍是 {pinned}"),
        Some(format!(
            "要发布 {newest}，把 report.period 改为 {newest}（tongbao new month 会自动修改），或删去这一行以总是发布最新月份"
        )),
    );
}

fn progress_files(c: &mut Checker) {
    newer_than_published(c);
    let mut last: Option<(Month, &Progress)> = None;
    for (period, progress) in &c.ds.progress {
        let file = c.sources.progress.get(period).cloned().unwrap_or_default();
        if progress.as_of.month_of() != *period {
            c.error(
                "E0411",
                &file,
                &path!["as_of"],
                format!("截止日期 {} 不在 {period} 月内", progress.as_of),
                Some(format!("一般为当月最后一天：{}", period.last_day())),
            );
        }
        // Entries and projects are both in id order: each month is walked beside the month
        // before and beside the projects, never searched id by id.
        // A month read past a bad value, or beside one, is not compared.
        let compared = !c.read_past(&file);
        let previous = last
            .filter(|(m, _)| m.year == period.year && *m == period.previous() && compared)
            .filter(|(m, _)| c.sources.progress.get(m).is_none_or(|f| !c.read_past(f)));
        let mut earlier = previous.map(|(_, p)| p.entries.iter()).into_iter().flatten().peekable();
        for (id, entry) in &progress.entries {
            let before = seek(&mut earlier, id.as_str(), |&(e, _)| e.as_str()).map(|(_, b)| b);
            if let Some(before) = before.filter(|b| entry.ytd < b.ytd && !c.project_read_past(id)) {
                c.error(
                    "E0401",
                    &file,
                    &path!["entries", id.as_str(), "ytd"],
                    format!("累计完成投资 {} 小于上月的 {}", entry.ytd, before.ytd),
                    Some("ytd 是 1–N 月累计值，年内不应减少；如确需核减，请在说明中写明原因".into()),
                );
            }
        }
        let mut entries = progress.entries.iter().peekable();
        for project in &c.ds.projects {
            let entry = seek(&mut entries, project.id.as_str(), |&(id, _)| id.as_str()).map(|(_, e)| e);
            let Some(entry) = entry else {
                if !project.years.contains_key(&period.year) {
                    continue;
                }
                let at = c.sources.key_at(&file, &path!["entries"]);
                c.findings.push(
                    Diagnostic::warning(
                        "W0402",
                        &file,
                        at,
                        format!("{period} 月报中没有项目 {}（{}）", project.id, project.name),
                    )
                    .with_hint(Some("该项目本月将按上月数据显示并标注“未报送”".into())),
                );
                continue;
            };
            let Some(before_year) = project.years.get(&period.year).and_then(|y| y.before_year) else { continue };
            if !compared || c.project_read_past(&project.id) {
                continue;
            }
            if before_year + entry.ytd > project.total_investment {
                c.warning(
                    "W0401",
                    &file,
                    &path!["entries", project.id.as_str(), "ytd"],
                    format!("开工累计完成 {} 超过总投资 {}", before_year + entry.ytd, project.total_investment),
                    Some("核对 ytd、before_year 或总投资是否有误".into()),
                );
            }
        }
        last = Some((*period, progress));
    }
}
