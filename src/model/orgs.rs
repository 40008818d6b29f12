//! `orgs.yaml`: the names other files refer to: units, towns and parks, HQs and leaders.

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Orgs {
    #[serde(default)]
    pub units: Vec<Unit>,
    #[serde(default)]
    pub hqs: Vec<Hq>,
    #[serde(default)]
    pub leaders: Vec<Leader>,
    /// Positions by name, made at the first lookup: pages look names up once per project, and a
    /// province has hundreds of units and leaders.
    #[serde(skip)]
    index: OnceLock<Index>,
}

#[derive(Debug, Clone, Default)]
struct Index {
    units: HashMap<String, usize>,
    hqs: HashMap<String, usize>,
    leaders: HashMap<String, usize>,
}

/// The position of each name, the first one where a name is repeated.
fn positions<'a>(names: impl Iterator<Item = &'a String>) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for (i, name) in names.enumerate() {
        out.entry(name.clone()).or_insert(i);
    }
    out
}

/// A government unit, a town or park, or an owner that is referred to.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub name: String,
    /// 部门 / 乡镇 / 园区 / 企业
    pub kind: String,
}

/// A project command HQ (指挥部) and its commander (指挥长).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hq {
    pub name: String,
    pub commander: String,
}

/// A county leader who can be a 挂包 leader or a commander.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Leader {
    pub name: String,
    pub title: String,
}

impl Orgs {
    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index {
            units: positions(self.units.iter().map(|u| &u.name)),
            hqs: positions(self.hqs.iter().map(|h| &h.name)),
            leaders: positions(self.leaders.iter().map(|l| &l.name)),
        })
    }

    pub fn unit(&self, name: &str) -> Option<&Unit> {
        self.index().units.get(name).map(|&i| &self.units[i])
    }

    pub fn hq(&self, name: &str) -> Option<&Hq> {
        self.index().hqs.get(name).map(|&i| &self.hqs[i])
    }

    pub fn leader(&self, name: &str) -> Option<&Leader> {
        self.index().leaders.get(name).map(|&i| &self.leaders[i])
    }

    /// Whether `name` is a unit of kind 乡镇 or 园区.
    pub fn is_town(&self, name: &str) -> bool {
        self.unit(name).is_some_and(|u| u.kind == "乡镇" || u.kind == "园区")
    }
}
