//! References that must resolve: units, towns and parks, HQs, leaders and projects named in
//! projects, progress files and orgs.yaml, and values that must come from the config lists.

use super::Checker;
use crate::diagnostic::did_you_mean;
use crate::load::Seg;
use crate::model::{Dataset, seek};
use crate::path;
use std::collections::BTreeSet;

/// What kind of name a field holds, with its code and the Chinese word for the message.
#[derive(Clone, Copy)]
pub enum Ref {
    Unit,
    Town,
    Hq,
    Leader,
    Project,
}

impl Ref {
    fn code(self) -> &'static str {
        match self {
            Ref::Unit => "E0301",
            Ref::Town => "E0302",
            Ref::Hq => "E0303",
            Ref::Leader => "E0304",
            Ref::Project => "E0305",
        }
    }

    fn word(self) -> &'static str {
        match self {
            Ref::Unit => "单位",
            Ref::Town => "乡镇（园区）",
            Ref::Hq => "指挥部",
            Ref::Leader => "县领导",
            Ref::Project => "项目编号",
        }
    }

    fn where_defined(self) -> &'static str {
        match self {
            Ref::Unit => "orgs.yaml 的 units",
            Ref::Town => "orgs.yaml 的 units（kind 为 乡镇 或 园区）",
            Ref::Hq => "orgs.yaml 的 hqs",
            Ref::Leader => "orgs.yaml 的 leaders",
            Ref::Project => "projects/ 下的项目文件",
        }
    }
}

/// The names each kind of reference may use, gathered once per check.
pub struct Known<'a> {
    units: BTreeSet<&'a str>,
    towns: BTreeSet<&'a str>,
    hqs: BTreeSet<&'a str>,
    leaders: BTreeSet<&'a str>,
    projects: BTreeSet<&'a str>,
}

impl<'a> Known<'a> {
    pub fn new(ds: &'a Dataset) -> Self {
        let orgs = &ds.orgs;
        Known {
            units: orgs.units.iter().map(|u| u.name.as_str()).collect(),
            towns: orgs.units.iter().filter(|u| orgs.is_town(&u.name)).map(|u| u.name.as_str()).collect(),
            hqs: orgs.hqs.iter().map(|h| h.name.as_str()).collect(),
            leaders: orgs.leaders.iter().map(|l| l.name.as_str()).collect(),
            projects: ds.projects.iter().map(|p| p.id.as_str()).collect(),
        }
    }

    fn of(&self, kind: Ref) -> &BTreeSet<&'a str> {
        match kind {
            Ref::Unit => &self.units,
            Ref::Town => &self.towns,
            Ref::Hq => &self.hqs,
            Ref::Leader => &self.leaders,
            Ref::Project => &self.projects,
        }
    }
}

impl Checker<'_> {
    /// Reports `value` at `path` of `file` unless it names a known `kind`.
    pub(super) fn reference(&mut self, kind: Ref, file: &str, path: &[Seg], value: &str) {
        let known = self.known.of(kind);
        let unreadable = matches!(kind, Ref::Project) && self.sources.doubtful_ids.contains(value);
        if known.contains(value) || unreadable {
            return;
        }
        let hint = did_you_mean(value, known.iter().copied()).or_else(|| match kind {
            Ref::Project => Some(new_project(value)),
            _ => Some(format!("{}须在 {} 中登记", kind.word(), kind.where_defined())),
        });
        self.error(kind.code(), file, path, format!("未知的{}「{value}」", kind.word()), hint);
    }

    /// Reports `value` unless it is one of `allowed` (a config list).
    pub(super) fn one_of(&mut self, file: &str, path: &[Seg], value: &str, allowed: &[String], list: &str) {
        if allowed.iter().any(|a| a == value) {
            return;
        }
        let hint = did_you_mean(value, allowed.iter().map(String::as_str))
            .map(|h| format!("{h}可选的值：{}", allowed.join("、")))
            .or_else(|| Some(format!("可选的值（config.yaml 的 {list}）：{}", allowed.join("、"))));
        self.error("E0306", file, path, format!("「{value}」不在允许的取值中"), hint);
    }
}

/// The hint for an unknown project id with no near match: how to make the project.
pub(super) fn new_project(id: &str) -> String {
    format!("没有相近的项目编号；若是新项目，先运行 tongbao new project {id} 建立它的文件")
}

/// 卡点 / 堵点 / 难点
const BLOCKER_KINDS: [&str; 3] = ["卡点", "堵点", "难点"];

pub fn check(c: &mut Checker) {
    let (ds, sources) = (c.ds, c.sources);
    let lists = &ds.config.lists;
    for (i, hq) in ds.orgs.hqs.iter().enumerate() {
        c.reference(Ref::Leader, &sources.orgs, &path!["hqs", i, "commander"], &hq.commander);
    }
    let kinds: Vec<String> = BLOCKER_KINDS.iter().map(|k| k.to_string()).collect();
    for project in &ds.projects {
        let f = c.project_file(&project.id);
        c.one_of(f, &path!["industry"], &project.industry, &lists.industries, "lists.industries");
        c.reference(Ref::Town, f, &path!["town"], &project.town);
        c.reference(Ref::Unit, f, &path!["lead_unit"], &project.lead_unit);
        for (i, u) in project.co_units.iter().enumerate() {
            c.reference(Ref::Unit, f, &path!["co_units", i], u);
        }
        for (i, l) in project.leaders.iter().enumerate() {
            c.reference(Ref::Leader, f, &path!["leaders", i], l);
        }
        if let Some(hq) = &project.hq {
            c.reference(Ref::Hq, f, &path!["hq"], hq);
        }
        for (year, plan) in &project.years {
            let y = year.to_string();
            c.one_of(f, &path!["years", y.as_str(), "level"], &plan.level, &lists.levels, "lists.levels");
            c.one_of(f, &path!["years", y.as_str(), "nature"], &plan.nature, &lists.natures, "lists.natures");
            c.one_of(f, &path!["years", y.as_str(), "batch"], &plan.batch, &lists.batches, "lists.batches");
        }
        for (i, m) in project.milestones.iter().enumerate() {
            if let Some(u) = &m.unit {
                c.reference(Ref::Unit, f, &path!["milestones", i, "unit"], u);
            }
        }
        for (i, b) in project.issues.iter().enumerate() {
            c.one_of(f, &path!["issues", i, "kind"], &b.kind, &kinds, "卡点/堵点/难点");
            c.one_of(
                f,
                &path!["issues", i, "category"],
                &b.category,
                &lists.issue_categories,
                "lists.issue_categories",
            );
            c.reference(Ref::Unit, f, &path!["issues", i, "unit"], &b.unit);
            if let Some(l) = &b.leader {
                c.reference(Ref::Leader, f, &path!["issues", i, "leader"], l);
            }
        }
    }
    // Entries and projects are both in id order: walked side by side, not searched id by id.
    for (period, file) in &sources.progress {
        let mut projects = ds.projects.iter().map(|p| p.id.as_str()).peekable();
        for id in ds.progress[period].entries.keys() {
            let known = seek(&mut projects, id.as_str(), |p| *p).is_some();
            if !known && !sources.doubtful_ids.contains(id) {
                let at = sources.key_at(file, &path!["entries", id.as_str()]);
                let hint = did_you_mean(id, c.known.of(Ref::Project).iter().copied()).or_else(|| Some(new_project(id)));
                c.findings.push(
                    crate::diagnostic::Diagnostic::error("E0305", file, at, format!("未知的项目编号「{id}」"))
                        .with_hint(hint),
                );
            }
        }
    }
}
