//! Limits that keep a build's cost bounded by sensible data: the length of every name and text
//! (a 50 MB project name once made a 3 GB site), page file names that are short and never
//! shared by two names, meeting file names that every link can carry, and no picture fetched
//! from outside (the site promises no outside request). The numbers are in docs/限制.md.

use super::Checker;
use crate::load::Seg;
use crate::path;

/// A project id (it names the project's page).
pub const ID: usize = 40;
/// The name of a unit, town, HQ or leader, a leader's title, a config list value, a tag.
pub const ORG: usize = 40;
/// A project's, milestone's, blocker's or meeting's name or title, an owner, a place.
pub const NAME: usize = 100;
/// A text: content, target, 形象进度, 下步计划, measures, resolution, a decision, feedback.
pub const TEXT: usize = 2_000;
/// The Markdown body of meeting minutes or of a bulletin's own words.
pub const BODY: usize = 200_000;
/// A meeting file's name without `.md` (it names the meeting's pages).
pub const MEETING_STEM: usize = 100;

impl Checker<'_> {
    /// E0501 when `text` (at `path` of `file`) has more than `limit` characters.
    fn length(&mut self, file: &str, path: &[Seg], text: &str, limit: usize, what: &str) {
        // Counting stops past the limit: a 50 MB name is not counted to its end.
        if text.chars().nth(limit).is_some() {
            self.error(
                "E0501",
                file,
                path,
                format!("{what}超过 {limit} 个字"),
                Some(format!("{what}最多 {limit} 个字；更长的说明请写进会议纪要或项目的 content")),
            );
        }
    }
}

pub fn check(c: &mut Checker) {
    config_and_orgs(c);
    projects(c);
    progress(c);
    meetings(c);
    bulletins(c);
    page_names(c);
}

fn config_and_orgs(c: &mut Checker) {
    let (config, orgs) = (c.sources.config.clone(), c.sources.orgs.clone());
    let site = &c.ds.config.site;
    c.length(&config, &path!["site", "title"], &site.title, NAME, "网站名称");
    c.length(&config, &path!["site", "organization"], &site.organization, NAME, "单位名称");
    let lists = &c.ds.config.lists;
    for (key, values) in [
        ("industries", &lists.industries),
        ("natures", &lists.natures),
        ("levels", &lists.levels),
        ("batches", &lists.batches),
        ("issue_categories", &lists.issue_categories),
        ("meeting_kinds", &lists.meeting_kinds),
    ] {
        for (i, v) in values.iter().enumerate() {
            c.length(&config, &path!["lists", key, i], v, ORG, "取值");
        }
    }
    if let Some(b) = &c.ds.config.bulletin {
        c.length(&config, &path!["bulletin", "issuer"], &b.issuer, NAME, "发文机关");
        c.length(&config, &path!["bulletin", "series"], &b.series, NAME, "通报名称");
        for (i, cc) in b.cc.iter().enumerate() {
            c.length(&config, &path!["bulletin", "cc", i], cc, NAME, "抄送单位");
        }
    }
    let o = &c.ds.orgs;
    for (i, u) in o.units.iter().enumerate() {
        c.length(&orgs, &path!["units", i, "name"], &u.name, ORG, "单位名称");
    }
    for (i, h) in o.hqs.iter().enumerate() {
        c.length(&orgs, &path!["hqs", i, "name"], &h.name, ORG, "指挥部名称");
        c.length(&orgs, &path!["hqs", i, "commander"], &h.commander, ORG, "指挥长");
    }
    for (i, l) in o.leaders.iter().enumerate() {
        c.length(&orgs, &path!["leaders", i, "name"], &l.name, ORG, "领导姓名");
        c.length(&orgs, &path!["leaders", i, "title"], &l.title, ORG, "领导职务");
    }
}

fn projects(c: &mut Checker) {
    for p in &c.ds.projects {
        let f = c.project_file(&p.id);
        c.length(f, &path!["id"], &p.id, ID, "项目编号");
        c.length(f, &path!["name"], &p.name, NAME, "项目名称");
        c.length(f, &path!["owner"], &p.owner, NAME, "业主单位");
        c.length(f, &path!["content"], &p.content, TEXT, "建设内容");
        for (i, tag) in p.tags.iter().enumerate() {
            c.length(f, &path!["tags", i], tag, ORG, "标签");
        }
        for (year, plan) in &p.years {
            if let Some(target) = &plan.target {
                c.length(f, &path!["years", year.to_string().as_str(), "target"], target, TEXT, "年度目标");
            }
        }
        for (i, m) in p.milestones.iter().enumerate() {
            c.length(f, &path!["milestones", i, "name"], &m.name, NAME, "节点名称");
        }
        for (i, b) in p.issues.iter().enumerate() {
            c.length(f, &path!["issues", i, "title"], &b.title, NAME, "问题标题");
            c.length(f, &path!["issues", i, "measures"], &b.measures, TEXT, "解决措施");
            if let Some(r) = &b.resolution {
                c.length(f, &path!["issues", i, "resolution"], r, TEXT, "销号情况");
            }
        }
    }
}

fn progress(c: &mut Checker) {
    for (period, file) in c.sources.progress.clone() {
        for (id, e) in &c.ds.progress[&period].entries {
            c.length(&file, &path!["entries", id.as_str(), "progress"], &e.progress, TEXT, "形象进度");
            if let Some(next) = &e.next {
                c.length(&file, &path!["entries", id.as_str(), "next"], next, TEXT, "下步计划");
            }
        }
    }
}

fn meetings(c: &mut Checker) {
    for m in &c.ds.meetings {
        let f = c.sources.meetings.get(&m.stem).cloned().unwrap_or_default();
        meeting_file_name(c, &f, &m.stem);
        let front = &m.front;
        c.length(&f, &path!["title"], &front.title, NAME, "会议名称");
        for (key, value) in [("number", &front.number), ("place", &front.place)] {
            if let Some(v) = value {
                c.length(&f, &path![key], v, NAME, "会议信息");
            }
        }
        for (i, d) in front.decisions.iter().enumerate() {
            c.length(&f, &path!["decisions", i, "text"], &d.text, TEXT, "议定事项");
            for (j, fb) in d.feedback.iter().enumerate() {
                c.length(&f, &path!["decisions", i, "feedback", j, "text"], &fb.text, TEXT, "办理情况");
            }
        }
        body(c, &f, &m.body);
    }
}

fn bulletins(c: &mut Checker) {
    for (period, b) in &c.ds.bulletins {
        let f = format!("bulletins/{period}.md");
        for (key, value) in [("number", &b.front.number), ("title", &b.front.title)] {
            if let Some(v) = value {
                c.length(&f, &path![key], v, NAME, "通报信息");
            }
        }
        if let Some(lead) = &b.front.lead {
            c.length(&f, &path!["lead"], lead, TEXT, "导语");
        }
        body(c, &f, &b.body);
    }
}

/// A Markdown body: bounded in length, and no picture from outside the site.
fn body(c: &mut Checker, file: &str, body: &str) {
    let Some(source) = c.sources.file(file) else { return };
    let first_line = source.text[..source.text.len() - body.len()].matches('\n').count() + 1;
    if body.chars().nth(BODY).is_some() {
        c.findings.push(
            crate::diagnostic::Diagnostic::error("E0501", file, (first_line, 1), format!("正文超过 {BODY} 个字"))
                .with_hint(Some("会议纪要正文最多 20 万字；附件材料请另行印发".into())),
        );
    }
    for (line_no, line) in body.lines().enumerate() {
        for (at, _) in line.match_indices("](") {
            let target = line[at + 2..].trim_start().to_ascii_lowercase();
            let image = line[..at].rfind("![").is_some_and(|open| !line[open..at].contains(']'));
            if image && (target.starts_with("http:") || target.starts_with("https:") || target.starts_with("//")) {
                let column = line[..at + 2].chars().count() + 1;
                c.findings.push(
                    crate::diagnostic::Diagnostic::error(
                        "E0503",
                        file,
                        (first_line + line_no, column),
                        "正文中的图片来自外部网站".to_string(),
                    )
                    .with_hint(Some(
                        "网站不向外部发出请求：把图片保存到数据目录中，用相对路径引用，或改为普通链接（去掉前面的 !）"
                            .into(),
                    )),
                );
            }
        }
    }
}

/// A meeting's file name names its pages and goes into every link to them: no `#`, `?` or
/// `%`, which a link would take for its end or an escape, and not too long.
fn meeting_file_name(c: &mut Checker, file: &str, stem: &str) {
    if let Some(bad) = stem.chars().find(|ch| matches!(ch, '#' | '?' | '%')) {
        c.findings.push(
            crate::diagnostic::Diagnostic::error("E0504", file, (1, 1), format!("会议纪要的文件名含有「{bad}」"))
                .with_hint(Some(
                    "文件名按 日期-简称.md 命名，简称只用字母、数字、汉字和 -，如 2026-03-12-yiji-diaodu.md".into(),
                )),
        );
    }
    if stem.chars().nth(MEETING_STEM).is_some() {
        c.findings.push(
            crate::diagnostic::Diagnostic::error(
                "E0501",
                file,
                (1, 1),
                format!("会议纪要的文件名超过 {MEETING_STEM} 个字"),
            )
            .with_hint(Some("文件名按 日期-简称.md 命名，简称宜短，如 2026-03-12-yiji-diaodu.md".into())),
        );
    }
}

/// Two names of one kind (towns and units, leaders, HQs, industries…) must not make the same
/// page file name.
fn page_names(c: &mut Checker) {
    use crate::model::Subject;
    let (orgs, config) = (c.sources.orgs.clone(), c.sources.config.clone());
    let (o, lists) = (&c.ds.orgs, &c.ds.config.lists);
    let names = |values: &[String]| values.to_vec();
    let kinds: [(Subject, &str, &str, &str, Vec<String>); 6] = [
        (Subject::LeadUnit, &orgs, "units", "name", o.units.iter().map(|u| u.name.clone()).collect()),
        (Subject::Hq, &orgs, "hqs", "name", o.hqs.iter().map(|h| h.name.clone()).collect()),
        (Subject::Leader, &orgs, "leaders", "name", o.leaders.iter().map(|l| l.name.clone()).collect()),
        (Subject::Industry, &config, "lists", "industries", names(&lists.industries)),
        (Subject::Nature, &config, "lists", "natures", names(&lists.natures)),
        (Subject::Level, &config, "lists", "levels", names(&lists.levels)),
    ];
    for (subject, file, key, field, values) in kinds {
        let mut seen = std::collections::HashMap::new();
        for (i, name) in values.iter().enumerate() {
            let page = subject.group_page(name);
            let at: Vec<Seg> =
                if key == "lists" { path![key, field, i].to_vec() } else { path![key, i, field].to_vec() };
            match seen.get(&page) {
                Some(other) if other != name => c.error(
                    "E0502",
                    file,
                    &at,
                    format!("「{name}」与「{other}」生成同一个页面文件 {page}"),
                    Some("请把其中一个名称改得更易区分".into()),
                ),
                _ => {
                    seen.insert(page, name.clone());
                }
            }
        }
    }
}
