//! Names that must match: a project's id and its file stem, a month's period and its file stem,
//! ids unique across files, blocker ids unique within a project, the report period present.

use super::Checker;
use crate::load::file_stem;
use crate::path;

pub fn check(c: &mut Checker) {
    for project in &c.ds.projects {
        let file = c.project_file(&project.id);
        let stem = file_stem(file);
        if stem != project.id {
            c.error(
                "E0201",
                file,
                &path!["id"],
                format!("项目编号「{}」与文件名「{stem}.yaml」不一致", project.id),
                Some(format!("把文件改名为 {}.yaml，或把 id 改为 {stem}", project.id)),
            );
        }
        if !valid_id(&project.id) {
            c.error(
                "E0204",
                file,
                &path!["id"],
                format!("项目编号「{}」含有不允许的字符", project.id),
                Some("编号只能由字母、数字和 - 组成，如 QX2026-001".into()),
            );
        }
        for (i, b) in project.issues.iter().enumerate() {
            if project.issues[..i].iter().any(|o| o.id == b.id) {
                c.error(
                    "E0408",
                    file,
                    &path!["issues", i, "id"],
                    format!("问题编号 {} 在本项目中重复", b.id),
                    Some("同一项目内的问题编号应唯一，引用时写作 项目编号#问题编号".into()),
                );
            }
        }
    }
    for (id, dup) in c.sources.duplicate_projects.clone() {
        let first = c.project_file(&id);
        c.error(
            "E0202",
            &dup,
            &path!["id"],
            format!("项目编号「{id}」重复，已在 {first} 中使用"),
            Some("每个项目只能有一个文件；请合并，或为新项目另起编号".into()),
        );
    }
    for (period, file) in &c.sources.progress {
        let stem = file_stem(file);
        if stem != period.to_string() {
            c.error(
                "E0203",
                file,
                &path!["period"],
                format!("月份「{period}」与文件名「{stem}.yaml」不一致"),
                Some(format!("把文件改名为 {period}.yaml，或把 period 改为 {stem}")),
            );
        }
    }
    let report = &c.ds.config.report;
    let config = c.sources.config.clone();
    match report.period {
        Some(period)
            if !c.ds.progress.contains_key(&period)
                && !c.sources.unreadable.contains(&format!("progress/{period}.yaml")) =>
        {
            c.error(
                "E0409",
                &config,
                &path!["report", "period"],
                format!("报告期 {period} 没有对应的月报文件 progress/{period}.yaml"),
                Some("添加该月的月报文件，或删去 period 以使用最新的月报".into()),
            )
        }
        Some(period) if period.year != report.year => c.error(
            "E0410",
            &config,
            &path!["report", "period"],
            format!("报告期 {period} 不在报告年度 {} 内", report.year),
            Some("period 与 year 应属同一年".into()),
        ),
        None if c.ds.periods_of_year().is_empty() => c.error(
            "E0409",
            &config,
            &path!["report", "year"],
            format!("{} 年还没有任何月报文件", report.year),
            Some("在 progress/ 下添加 YYYY-MM.yaml".into()),
        ),
        _ => {}
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}
