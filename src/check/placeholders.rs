//! Placeholders: the texts `tongbao new` writes for a clerk to replace (`请填写…`) are errors
//! until they are replaced, so that a placeholder can never be published.

use super::Checker;
use crate::load::Seg;
use crate::path;

/// What every placeholder of `tongbao new` contains.
pub const MARK: &str = "请填写";

impl Checker<'_> {
    fn filled(&mut self, file: &str, path: &[Seg], text: &str, what: &str) {
        if text.contains(MARK) {
            self.error(
                "E0418",
                file,
                path,
                format!("{what}还是占位文字「{text}」"),
                Some(format!("把它改为实际的{what}；占位文字不会被发布")),
            );
        }
    }
}

pub fn check(c: &mut Checker) {
    for p in &c.ds.projects {
        let f = c.project_file(&p.id);
        c.filled(f, &path!["name"], &p.name, "项目名称");
        c.filled(f, &path!["content"], &p.content, "建设内容");
        c.filled(f, &path!["owner"], &p.owner, "业主单位");
    }
    for (period, file) in c.sources.progress.clone() {
        for (id, e) in &c.ds.progress[&period].entries {
            c.filled(&file, &path!["entries", id.as_str(), "progress"], &e.progress, "形象进度");
        }
    }
    for m in &c.ds.meetings {
        let f = c.sources.meetings.get(&m.stem).cloned().unwrap_or_default();
        c.filled(&f, &path!["title"], &m.front.title, "会议名称");
        if let Some(place) = &m.front.place {
            c.filled(&f, &path!["place"], place, "会议地点");
        }
    }
}
