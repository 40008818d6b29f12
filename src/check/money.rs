//! Money: every 万元 amount is ≥ 0, at most [`Wan::LIMIT`] (so that no sum can overflow) and
//! has at most 4 decimal places (1 元); a year's plan, the denominator of its rates, is 0 or at
//! least 1 万元.

use super::Checker;
use crate::load::Seg;
use crate::model::Wan;
use crate::path;

/// Decimal places of 1 元 in 万元.
const MAX_DECIMALS: u32 = 4;

impl Checker<'_> {
    fn money(&mut self, file: &str, path: &[Seg], value: Wan) {
        if value.0.is_sign_negative() && !value.is_zero() {
            self.error(
                "E0406",
                file,
                path,
                format!("金额不能为负数：{value}"),
                Some("金额以万元为单位，填 0 或正数".into()),
            );
        }
        if value > Wan::LIMIT {
            self.error(
                "E0412",
                file,
                path,
                format!("金额 {value} 万元超出上限：一个项目的金额不超过 1 亿万元（1 万亿元）"),
                Some("tongbao 的金额以万元为单位；这个数像是按元填写的，请除以 10000".into()),
            );
        }
        if value.0.normalize().scale() > MAX_DECIMALS {
            self.error(
                "E0407",
                file,
                path,
                format!("金额 {value} 超过 4 位小数"),
                Some("金额以万元为单位，最多精确到 4 位小数（1 元）".into()),
            );
        }
    }
}

pub fn check(c: &mut Checker) {
    for project in super::compared_projects(c.ds, c.sources) {
        let f = c.project_file(&project.id);
        c.money(f, &path!["total_investment"], project.total_investment);
        for (year, plan) in &project.years {
            let y = year.to_string();
            c.money(f, &path!["years", y.as_str(), "plan"], plan.plan);
            if !plan.plan.is_zero() && plan.plan < Wan::new(1.into()) && !plan.plan.0.is_sign_negative() {
                c.error(
                    "E0414",
                    f,
                    &path!["years", y.as_str(), "plan"],
                    format!("年度计划投资 {} 万元不足 1 万元，完成率将失去意义", plan.plan),
                    Some("年度计划以万元为单位；没有年度计划时填 0".into()),
                );
            }
            if let Some(b) = plan.before_year {
                c.money(f, &path!["years", y.as_str(), "before_year"], b);
            }
            for (i, v) in plan.monthly_plan.iter().flatten().enumerate() {
                c.money(f, &path!["years", y.as_str(), "monthly_plan", i], *v);
            }
        }
        for (i, cb) in project.central_budget.iter().enumerate() {
            c.money(f, &path!["central_budget", i, "allocated"], cb.allocated);
            c.money(f, &path!["central_budget", i, "paid"], cb.paid);
        }
    }
    for (period, file) in c.sources.progress.clone() {
        if c.read_past(&file) {
            continue;
        }
        for (id, entry) in &c.ds.progress[&period].entries {
            c.money(&file, &path!["entries", id.as_str(), "ytd"], entry.ytd);
        }
    }
}
