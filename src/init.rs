//! `tongbao init`: a new county's data repository, ready to commit: config.yaml with the
//! county's name, an orgs.yaml to fill in, one example project and a first month that pass
//! `check`, the JSON schemas with a `.vscode/settings.json` that maps them, a `.gitignore`
//! for the site, and CI recipes for GitHub Actions and GitLab CI. The starting texts are the
//! files of `src/init/`, with `{县}`, `{年}`, `{期}`… filled in.

use crate::Failure;
use crate::model::Month;
use std::path::{Path, PathBuf};

/// The files of a new repository: where each goes and its text, placeholders unfilled.
const FILES: [(&str, &str); 8] = [
    ("config.yaml", include_str!("init/config.yaml")),
    ("orgs.yaml", include_str!("init/orgs.yaml")),
    ("projects/{年}/{编号}.yaml", include_str!("init/project.yaml")),
    ("progress/{期}.yaml", include_str!("init/progress.yaml")),
    (".gitignore", include_str!("init/gitignore")),
    (".vscode/settings.json", include_str!("init/vscode-settings.json")),
    (".github/workflows/tongbao.yml", include_str!("init/github.yml")),
    (".gitlab-ci.yml", include_str!("init/gitlab-ci.yml")),
];

/// Makes the repository `dir` (new or empty) for the county `name`, its first month `period`;
/// returns the files written. The result is checked: what `init` makes passes `check`.
pub fn init(dir: &Path, name: &str, period: Month) -> Result<Vec<PathBuf>, Failure> {
    let shown = dir.display();
    let other = |text: String| Failure::Other(text);
    let name = name.trim();
    if name.is_empty() || name.chars().any(|c| c.is_control() || "{}[]:#,\"'".contains(c)) {
        return Err(other(format!(
            "错误：--name「{name}」不能用作县名\n提示：写本县（市、区）的名称，如 --name 澄源县\n"
        )));
    }
    let cannot = |e: std::io::Error| Failure::Other(format!("错误：无法写入 {shown}：{e}\n"));
    if dir.exists() && (!dir.is_dir() || std::fs::read_dir(dir).map_err(cannot)?.next().is_some()) {
        return Err(other(format!("错误：{shown} 已存在且不是空目录\n提示：为免覆盖已有的文件，请指定一个新目录\n")));
    }
    let values = placeholders(name, period);
    let fill = |text: &str| values.iter().fold(text.to_string(), |t, (key, value)| t.replace(key, value));
    let mut written = Vec::new();
    for (rel, text) in FILES {
        let path = dir.join(fill(rel));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(cannot)?;
        }
        std::fs::write(&path, fill(text)).map_err(cannot)?;
        written.push(path);
    }
    let (ds, _) = crate::load_and_check(dir)?;
    let schema = dir.join("schema");
    crate::schema::write(&ds, &schema).map_err(cannot)?;
    written.push(schema);
    Ok(written)
}

/// The values of the placeholders of the starting files.
fn placeholders(name: &str, period: Month) -> [(&'static str, String); 7] {
    let year = period.year;
    [
        ("{县}", name.to_string()),
        ("{年}", year.to_string()),
        ("{次年}", (year + 1).to_string()),
        ("{期}", period.to_string()),
        ("{月}", period.month.to_string()),
        ("{截止}", period.last_day().to_string()),
        ("{编号}", format!("XM{year}-001")),
    ]
}

/// The month the system clock is in (UTC): a new repository's first month by default.
pub fn this_month() -> Month {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    month_of_day(now.map_or(0, |d| (d.as_secs() / 86_400) as i64))
}

/// The month of the day `days` after 1970-01-01.
fn month_of_day(days: i64) -> Month {
    // Howard Hinnant's civil_from_days: the proleptic Gregorian date of a day number.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Month { year: year as i32, month: month as u32 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_month_of_a_day_is_the_calendar_s() {
        let month = |days| month_of_day(days).to_string();
        assert_eq!(month(0), "1970-01");
        assert_eq!(month(19_782), "2024-02", "2024-02-29");
        assert_eq!(month(19_783), "2024-03");
        assert_eq!(month(20_789), "2026-12", "2026-12-02");
    }
}
