//! `orgs.yaml`: the names other files refer to: units, towns and parks, HQs and leaders.

use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Orgs {
    #[serde(default)]
    pub units: Vec<Unit>,
    #[serde(default)]
    pub hqs: Vec<Hq>,
    #[serde(default)]
    pub leaders: Vec<Leader>,
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
    pub fn unit(&self, name: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.name == name)
    }

    pub fn hq(&self, name: &str) -> Option<&Hq> {
        self.hqs.iter().find(|h| h.name == name)
    }

    pub fn leader(&self, name: &str) -> Option<&Leader> {
        self.leaders.iter().find(|l| l.name == name)
    }

    /// Whether `name` is a unit of kind 乡镇 or 园区.
    pub fn is_town(&self, name: &str) -> bool {
        self.unit(name).is_some_and(|u| u.kind == "乡镇" || u.kind == "园区")
    }
}
