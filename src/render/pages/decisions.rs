//! 督办: every decision of every meeting held by the cut-off date, with status and warning
//! colour, and the follow-up rates per meeting and per unit.

use super::super::Ctx;
use super::{RowList, decision_list};
use crate::figures::FollowUp;
use serde::Serialize;

#[derive(Serialize)]
struct Rate {
    name: String,
    href: String,
    total: usize,
    closed: usize,
    rate: String,
}

#[derive(Serialize)]
struct Decisions {
    decisions: RowList,
    by_meeting: Vec<Rate>,
    by_unit: Vec<Rate>,
    red: usize,
    yellow: usize,
    blue: usize,
}

pub fn page(ctx: &Ctx, path: &str) -> Result<super::super::Page, String> {
    let d = &ctx.pf.decisions;
    let rate = |name: String, href: String, f: &FollowUp| Rate {
        name,
        href,
        total: f.total,
        closed: f.closed,
        rate: ctx.fmt.percent(f.rate),
    };
    let count = |a: crate::figures::Alert| d.states.iter().filter(|s| s.alert == Some(a)).count();
    let body = Decisions {
        decisions: decision_list(ctx, &d.states)?,
        by_meeting: d
            .by_meeting
            .iter()
            .map(|(&i, f)| {
                let m = &ctx.ds.meetings[i];
                rate(m.front.title.clone(), format!("{}meetings/{}.html", ctx.root, m.stem), f)
            })
            .collect(),
        by_unit: d.by_unit.iter().map(|(u, f)| rate(u.clone(), String::new(), f)).collect(),
        red: count(crate::figures::Alert::Red),
        yellow: count(crate::figures::Alert::Yellow),
        blue: count(crate::figures::Alert::Blue),
    };
    ctx.page(path.into(), "decisions.html", "decisions", "议定事项督办".into(), &body)
}
