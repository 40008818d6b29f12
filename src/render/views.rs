//! Display rows shared by many pages: a project's row, a group's row, a blocker's and a
//! decision's row, each with every number already formatted.

use super::Ctx;
use super::format::light_parts;
use crate::figures::{Aggregate, BlockerState, DecisionState, ProjectFigures};
use crate::model::Subject;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct ProjectRow {
    pub no: usize,
    pub name: String,
    pub href: String,
    pub town: String,
    pub nature: String,
    pub total: String,
    pub plan: String,
    pub month: String,
    pub ytd: String,
    pub rate: String,
    /// The unrounded rate for sorting with JavaScript ("" when there is none).
    pub rate_sort: String,
    pub deviation: String,
    pub light: &'static str,
    pub light_label: &'static str,
    pub light_streak: u32,
    pub status: &'static str,
    pub progress: std::sync::Arc<str>,
    pub lead_unit: String,
    pub leaders: String,
    /// false when the month's report is missing (未报送).
    pub reported: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupRow {
    pub name: String,
    pub href: String,
    pub count: String,
    pub total: String,
    pub plan: String,
    pub month: String,
    pub ytd: String,
    pub rate: String,
    pub deviation: String,
    pub start_rate: String,
    pub red: usize,
    pub yellow: usize,
    pub light: &'static str,
}

/// Where a period's ledger can be downloaded: its workbook and its CSV.
#[derive(Debug, Clone, Serialize)]
pub struct Downloads {
    pub xlsx: String,
    pub csv: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BlockerRow {
    pub project: String,
    pub project_href: String,
    pub cite: String,
    pub title: String,
    pub kind: String,
    pub category: String,
    pub unit: String,
    pub leader: String,
    pub raised: String,
    pub deadline: String,
    pub resolved: String,
    pub measures: String,
    pub resolution: String,
    pub age_days: i64,
    pub overdue: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct DecisionRow {
    pub meeting: String,
    pub meeting_href: String,
    pub date: String,
    pub no: u32,
    /// "一", "二", … for the 纪要.
    pub no_chinese: String,
    pub text: String,
    pub lead_unit: String,
    pub co_units: String,
    /// The deadline in force.
    pub deadline: String,
    /// A 延期 entry moved the deadline (the pages mark it （延期）).
    pub extended: bool,
    /// The deadline the meeting set, as the 纪要 writes it (2026年11月30日).
    pub deadline_set: String,
    /// 催办 entries so far.
    pub urged: usize,
    pub status: &'static str,
    pub closed: String,
    pub alert: &'static str,
    pub alert_label: &'static str,
    pub overdue: bool,
    pub feedback: Vec<(String, String)>,
}

impl Ctx<'_> {
    /// The downloads of `period`, linked from the context's page; none when the build does
    /// not write them.
    pub fn downloads(&self, period: crate::model::Month) -> Option<Downloads> {
        self.writes_downloads().then(|| {
            let [xlsx, csv] = crate::sheets::download_paths(period).map(|p| format!("{}{p}", self.root));
            Downloads { xlsx, csv }
        })
    }

    pub fn project_row(&self, no: usize, p: &ProjectFigures) -> ProjectRow {
        let project = &self.ds.projects[p.index];
        let year = project.years.get(&self.pf.period.year);
        let (light, light_label) = light_parts(p.light);
        ProjectRow {
            no,
            name: project.name.clone(),
            href: format!("{}projects/{}.html", self.root, project.id),
            town: project.town.clone(),
            nature: year.map(|y| y.nature.clone()).unwrap_or_default(),
            total: self.fmt.money(project.total_investment),
            plan: self.fmt.money(p.plan),
            month: self.fmt.money(p.month),
            ytd: self.fmt.money(p.ytd),
            rate: self.fmt.percent(p.rate),
            rate_sort: p.rate.map(|r| r.round_dp(6).to_string()).unwrap_or_default(),
            deviation: self.fmt.deviation(p.deviation_pp),
            light,
            light_label,
            light_streak: p.light_streak,
            status: p.status.label(),
            progress: p.progress.clone(),
            lead_unit: project.lead_unit.clone(),
            leaders: project.leaders.join("、"),
            reported: p.reported,
        }
    }

    pub fn group_row(&self, subject: Option<Subject>, name: &str, a: &Aggregate) -> GroupRow {
        GroupRow {
            name: name.to_string(),
            href: subject.map(|s| format!("{}{}", self.root, s.group_page(name))).unwrap_or_default(),
            count: self.fmt.count(a.count),
            total: self.fmt.money(a.total_investment),
            plan: self.fmt.money(a.plan),
            month: self.fmt.money(a.month),
            ytd: self.fmt.money(a.ytd),
            rate: self.fmt.percent(a.rate),
            deviation: self.fmt.deviation(a.deviation_pp),
            start_rate: self.fmt.percent(a.start_rate),
            red: a.red,
            yellow: a.yellow,
            light: light_parts(a.light).0,
        }
    }

    pub fn blocker_row(&self, s: &BlockerState) -> BlockerRow {
        let project = &self.ds.projects[s.project];
        let b = &project.issues[s.blocker];
        let date = |d: Option<crate::model::Date>| d.map(|d| d.to_string()).unwrap_or_default();
        BlockerRow {
            project: project.name.clone(),
            project_href: format!("{}projects/{}.html", self.root, project.id),
            cite: format!("{}#{}", project.id, b.id),
            title: b.title.clone(),
            kind: b.kind.clone(),
            category: b.category.clone(),
            unit: b.unit.clone(),
            leader: b.leader.clone().unwrap_or_default(),
            raised: b.raised.to_string(),
            deadline: date(b.deadline),
            resolved: if s.open { String::new() } else { date(b.resolved) },
            measures: b.measures.clone(),
            resolution: if s.open { String::new() } else { b.resolution.clone().unwrap_or_default() },
            age_days: s.age_days,
            overdue: s.overdue,
        }
    }

    pub fn decision_row(&self, s: &DecisionState) -> DecisionRow {
        let meeting = &self.ds.meetings[s.meeting];
        let d = &meeting.front.decisions[s.decision];
        DecisionRow {
            meeting: meeting.front.title.clone(),
            meeting_href: format!("{}meetings/{}.html", self.root, meeting.stem),
            date: meeting.front.date.to_string(),
            no: d.no,
            no_chinese: super::pages::chinese_number(d.no as usize),
            text: d.text.clone(),
            lead_unit: match &s.lead_unit {
                Some(unit) if *unit == d.lead_unit => unit.clone(),
                Some(unit) => format!("{unit}（改派，原{}）", d.lead_unit),
                None => format!("{}（已退办，待重新交办）", d.lead_unit),
            },
            co_units: d.co_units.join("、"),
            deadline: s.deadline.map(|x| x.to_string()).unwrap_or_default(),
            extended: s.extended,
            deadline_set: d.deadline.map(|x| x.chinese()).unwrap_or_default(),
            urged: s.urged,
            status: s.status.label(),
            closed: d.closed.filter(|c| *c <= self.pf.as_of).map(|c| c.to_string()).unwrap_or_default(),
            alert: s.alert.map_or("none", |a| a.key()),
            alert_label: s.alert.map_or("", |a| a.label()),
            overdue: s.overdue,
            feedback: d
                .feedback
                .iter()
                .filter(|f| f.date <= self.pf.as_of)
                .map(|f| match f.kind {
                    crate::model::FollowUpKind::Progress => (f.date.to_string(), f.text.clone()),
                    kind => (f.date.to_string(), format!("【{}】{}", kind.label(), f.text)),
                })
                .collect(),
        }
    }
}
