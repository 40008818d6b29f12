//! 观摩评比: the rules of `config.contest` name each criterion once, with full marks above 0; a
//! meeting's contest is scored by them; its entrants are
//! known projects, towns, units or 指挥部, each listed once; its judges are listed once; every
//! score sheet is one listed judge's for one listed entrant, once, with every criterion scored
//! within its full marks; every judge scores every entrant (a warning otherwise).

use super::Checker;
use super::references::Ref;
use crate::diagnostic::Diagnostic;
use crate::model::{Contest, ContestBy, Criterion};
use crate::path;

pub fn check(c: &mut Checker) {
    rules(c);
    for meeting in &c.ds.meetings {
        let Some(contest) = &meeting.front.contest else { continue };
        let f = c.sources.meetings.get(&meeting.stem).cloned().unwrap_or_default();
        let Some(rules) = &c.ds.config.contest else {
            let at = c.sources.key_at(&f, &path!["contest"]);
            let hint = "在 config.yaml 中加上 contest:，列出评分项 criteria（名称与满分）".to_string();
            let finding = Diagnostic::error("E0422", &f, at, "会议有观摩评比，但 config.yaml 没有评分规则".to_string());
            c.findings.push(finding.with_hint(Some(hint)));
            continue;
        };
        entrants(c, &f, contest);
        judges(c, &f, contest);
        for (i, sheet) in contest.scores.iter().enumerate() {
            if !contest.judges.contains(&sheet.judge) {
                let hint = format!("评委须在 contest.judges 中：{}", contest.judges.join("、"));
                c.error(
                    "E0424",
                    &f,
                    &path!["contest", "scores", i, "judge"],
                    format!("「{}」不是本次评比的评委", sheet.judge),
                    Some(hint),
                );
            }
            if !contest.entrants.contains(&sheet.entrant) {
                let hint = format!("参评对象须在 contest.entrants 中：{}", contest.entrants.join("、"));
                c.error(
                    "E0423",
                    &f,
                    &path!["contest", "scores", i, "entrant"],
                    format!("「{}」不是本次评比的参评对象", sheet.entrant),
                    Some(hint),
                );
            }
            let twice = contest.scores[..i].iter().any(|o| o.judge == sheet.judge && o.entrant == sheet.entrant);
            if twice {
                c.error(
                    "E0425",
                    &f,
                    &path!["contest", "scores", i, "judge"],
                    format!("评委「{}」给「{}」打了两次分", sheet.judge, sheet.entrant),
                    Some("每位评委给每个参评对象只填一张评分表；删去重复的一张".into()),
                );
            }
            points(c, &f, i, sheet, &rules.criteria);
        }
        unscored(c, &f, contest);
    }
}

/// The rules in config.yaml: each criterion named once, with full marks above 0.
fn rules(c: &mut Checker) {
    let Some(rules) = &c.ds.config.contest else { return };
    let f = c.sources.config.clone();
    for (i, k) in rules.criteria.iter().enumerate() {
        if rules.criteria[..i].iter().any(|o| o.name == k.name) {
            c.error(
                "E0428",
                &f,
                &path!["contest", "criteria", i, "name"],
                format!("评分项「{}」列了两次", k.name),
                None,
            );
        }
        if k.points <= rust_decimal::Decimal::ZERO {
            let hint = Some("满分须大于 0".to_string());
            c.error(
                "E0428",
                &f,
                &path!["contest", "criteria", i, "points"],
                format!("评分项「{}」的满分为 {}", k.name, k.points),
                hint,
            );
        }
    }
}

/// Entrants: each a known project, town, unit or 指挥部, listed once.
fn entrants(c: &mut Checker, f: &str, contest: &Contest) {
    let kind = match contest.by {
        ContestBy::Project => Ref::Project,
        ContestBy::Town => Ref::Town,
        ContestBy::LeadUnit => Ref::Unit,
        ContestBy::Hq => Ref::Hq,
    };
    for (i, e) in contest.entrants.iter().enumerate() {
        c.reference(kind, f, &path!["contest", "entrants", i], e);
        if contest.entrants[..i].contains(e) {
            c.error("E0423", f, &path!["contest", "entrants", i], format!("参评对象「{e}」列了两次"), None);
        }
    }
}

/// Judges: listed once each, at least one.
fn judges(c: &mut Checker, f: &str, contest: &Contest) {
    if contest.judges.is_empty() {
        c.error(
            "E0424",
            f,
            &path!["contest", "judges"],
            "观摩评比没有评委".into(),
            Some("在 judges: 中列出评委".into()),
        );
    }
    for (i, j) in contest.judges.iter().enumerate() {
        if contest.judges[..i].contains(j) {
            c.error("E0425", f, &path!["contest", "judges", i], format!("评委「{j}」列了两次"), None);
        }
    }
}

/// A score sheet's points: every criterion, none other, each from 0 to its full marks.
fn points(c: &mut Checker, f: &str, i: usize, sheet: &crate::model::ScoreSheet, criteria: &[Criterion]) {
    let names: Vec<&str> = criteria.iter().map(|k| k.name.as_str()).collect();
    for (name, value) in &sheet.points {
        let at = path!["contest", "scores", i, "points", name.as_str()];
        match criteria.iter().find(|k| &k.name == name) {
            None => {
                let key = c.sources.key_at(f, &at);
                let hint = format!("评分项（config.yaml 的 contest.criteria）：{}", names.join("、"));
                let finding = Diagnostic::error("E0427", f, key, format!("「{name}」不是评分项"));
                c.findings.push(finding.with_hint(Some(hint)));
            }
            Some(k) if *value < rust_decimal::Decimal::ZERO || *value > k.points => c.error(
                "E0426",
                f,
                &at,
                format!("「{name}」得分 {value} 超出范围"),
                Some(format!("「{name}」满分 {}，得分须在 0 到 {} 之间", k.points, k.points)),
            ),
            Some(_) => {}
        }
    }
    let missing: Vec<&str> = names.iter().copied().filter(|n| !sheet.points.contains_key(*n)).collect();
    if !missing.is_empty() {
        c.error(
            "E0427",
            f,
            &path!["contest", "scores", i, "points"],
            format!("评委「{}」给「{}」的评分表缺少：{}", sheet.judge, sheet.entrant, missing.join("、")),
            Some("每张评分表给每个评分项打分".into()),
        );
    }
}

/// A warning for each entrant that not every judge scored: its mean is over fewer judges.
fn unscored(c: &mut Checker, f: &str, contest: &Contest) {
    for (i, e) in contest.entrants.iter().enumerate() {
        let missing: Vec<&str> = contest
            .judges
            .iter()
            .filter(|j| !contest.scores.iter().any(|s| &s.entrant == e && &s.judge == *j))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            c.warning(
                "W0405",
                f,
                &path!["contest", "entrants", i],
                format!("「{e}」没有评委 {} 的评分：平均分只按已有的评分表计算", missing.join("、")),
                Some("补上评分表，或把未到场的评委从 judges 中删去".into()),
            );
        }
    }
}
