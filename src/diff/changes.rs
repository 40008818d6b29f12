//! What a change does: projects added and removed, fields changed, the headline of each
//! side's current period, every published period's figures ([`super::periods`]), the lights the
//! period's moving on changed, blockers opened and closed, decisions whose status moved, and the
//! pages that differ ([`super::pages`]). Values come out formatted, ready for the report.

use super::pages::PageChanges;
use super::periods::{PeriodChange, PeriodMove};
use super::side::Side;
use crate::Failure;
use crate::figures::Aggregate;
use crate::model::Project;
use crate::render::{Formatter, Theme};
use serde_yaml::Value;
use std::collections::{BTreeMap, BTreeSet};

/// A value before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub what: String,
    pub old: String,
    pub new: String,
}

#[derive(Debug, Default)]
pub struct Changes {
    pub old_label: String,
    pub new_label: String,
    pub old_period: String,
    pub new_period: String,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// Per project ("CY2026-001 名称"), its changed fields.
    pub fields: Vec<(String, Vec<Change>)>,
    pub headline: Vec<Change>,
    pub new_headline: String,
    /// Every period published on either side that changed, oldest first.
    pub periods: Vec<PeriodChange>,
    /// When the report period moved on: the published figures before and after, and the
    /// lights that changed by the period's moving on alone.
    pub moved: Option<PeriodMove>,
    pub blockers_opened: Vec<String>,
    pub blockers_closed: Vec<String>,
    pub decisions: Vec<Change>,
    pub pages: PageChanges,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.fields.is_empty()
            && self.headline.iter().all(|c| c.old == c.new)
            && self.periods.is_empty()
            && self.moved.is_none()
            && self.blockers_opened.is_empty()
            && self.blockers_closed.is_empty()
            && self.decisions.is_empty()
            && self.pages.is_empty()
    }
}

fn title(p: &Project) -> String {
    format!("{} {}", p.id, p.name)
}

/// Every scalar of a YAML value by its path (`years.2026.plan`, `issues[1].resolved`).
fn flatten(value: &Value, path: String, out: &mut BTreeMap<String, String>) {
    match value {
        Value::Mapping(map) => {
            for (k, v) in map {
                let key = match k {
                    Value::String(s) => s.clone(),
                    other => serde_yaml::to_string(other).unwrap_or_default().trim().to_string(),
                };
                flatten(v, if path.is_empty() { key } else { format!("{path}.{key}") }, out);
            }
        }
        Value::Sequence(items) if items.iter().all(|i| !matches!(i, Value::Mapping(_) | Value::Sequence(_))) => {
            let shown: Vec<String> = items.iter().map(scalar).collect();
            out.insert(path, format!("[{}]", shown.join(", ")));
        }
        Value::Sequence(items) => {
            for (i, v) in items.iter().enumerate() {
                flatten(v, format!("{path}[{i}]"), out);
            }
        }
        other => {
            out.insert(path, scalar(other));
        }
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other).unwrap_or_default().trim().to_string(),
    }
}

fn fields_of(side: &Side, id: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let text = side.sources.projects.get(id).and_then(|f| side.sources.file(f)).map(|f| f.text.as_str());
    if let Some(value) = text.and_then(|t| serde_yaml::from_str::<Value>(t).ok()) {
        flatten(&value, String::new(), &mut out);
    }
    out
}

fn headline(fmt: &Formatter, old: &Aggregate, new: &Aggregate) -> Vec<Change> {
    let row = |what: &str, o: String, n: String| Change { what: what.into(), old: o, new: n };
    vec![
        row("项目个数", fmt.count(old.count), fmt.count(new.count)),
        row("总投资", fmt.money_prose(old.total_investment), fmt.money_prose(new.total_investment)),
        row("年度计划投资", fmt.money_prose(old.plan), fmt.money_prose(new.plan)),
        row("累计完成投资", fmt.money_prose(old.ytd), fmt.money_prose(new.ytd)),
        row("完成率", fmt.percent(old.rate), fmt.percent(new.rate)),
        row("偏差（个百分点）", fmt.deviation(old.deviation_pp), fmt.deviation(new.deviation_pp)),
        row("红灯 / 黄灯", format!("{} / {}", old.red, old.yellow), format!("{} / {}", new.red, new.yellow)),
    ]
}

/// Everything `new` changes against `old`; `theme` renders both sides' pages to compare them.
pub fn compare(old: &Side, new: &Side, theme: &Theme) -> Result<Changes, Failure> {
    let fmt = Formatter::new(&new.ds.config);
    let (o, n) = (old.now(), new.now());
    let mut c = Changes {
        old_label: old.label.clone(),
        new_label: new.label.clone(),
        old_period: o.period.chinese(),
        new_period: n.period.chinese(),
        headline: headline(&fmt, &o.county, &n.county),
        new_headline: fmt.headline("全县", &n.county, n.period),
        ..Changes::default()
    };
    let old_ids: BTreeSet<&str> = old.ds.projects.iter().map(|p| p.id.as_str()).collect();
    let new_ids: BTreeSet<&str> = new.ds.projects.iter().map(|p| p.id.as_str()).collect();
    c.added = new.ds.projects.iter().filter(|p| !old_ids.contains(p.id.as_str())).map(title).collect();
    c.removed = old.ds.projects.iter().filter(|p| !new_ids.contains(p.id.as_str())).map(title).collect();
    for p in new.ds.projects.iter().filter(|p| old_ids.contains(p.id.as_str())) {
        let (before, after) = (fields_of(old, &p.id), fields_of(new, &p.id));
        let keys: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
        let changed: Vec<Change> = keys
            .into_iter()
            .filter(|k| before.get(*k) != after.get(*k))
            .map(|k| Change {
                what: k.clone(),
                old: before.get(k).cloned().unwrap_or_else(|| "（无）".into()),
                new: after.get(k).cloned().unwrap_or_else(|| "（删除）".into()),
            })
            .collect();
        if !changed.is_empty() {
            c.fields.push((title(p), changed));
        }
    }
    c.periods = super::periods::compare(&fmt, old, new);
    c.moved = super::periods::period_moved(&fmt, old, new);
    c.pages = super::pages::compare(old, new, theme)?;
    // Blockers and decisions as each side's published period judged them (at its as_of).
    let blockers = |side: &Side| -> BTreeMap<String, (String, bool)> {
        side.now()
            .blockers
            .iter()
            .map(|b| {
                let p = &side.ds.projects[b.project];
                let issue = &p.issues[b.blocker];
                (format!("{}#{}", p.id, issue.id), (format!("{}：{}", p.name, issue.title), b.open))
            })
            .collect()
    };
    let (ob, nb) = (blockers(old), blockers(new));
    for (cite, (text, open)) in &nb {
        match (ob.get(cite).map(|(_, was_open)| *was_open), open) {
            (None, true) => c.blockers_opened.push(format!("{cite} {text}")),
            (Some(true) | None, false) => c.blockers_closed.push(format!("{cite} {text}")),
            _ => {}
        }
    }
    let decisions = |side: &Side| -> BTreeMap<(String, u32), (String, &'static str)> {
        side.now()
            .decisions
            .states
            .iter()
            .map(|s| {
                let m = &side.ds.meetings[s.meeting];
                let no = m.front.decisions[s.decision].no;
                ((m.stem.clone(), no), (format!("{} 第{}件", m.front.title, no), s.status.label()))
            })
            .collect()
    };
    let (od, nd) = (decisions(old), decisions(new));
    for (key, (what, status)) in &nd {
        let before = od.get(key).map_or("（新增）", |(_, s)| *s);
        if before != *status {
            c.decisions.push(Change { what: what.clone(), old: before.into(), new: (*status).into() });
        }
    }
    Ok(c)
}
