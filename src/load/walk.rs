//! Finding the data files: walk `data/` (never following links) and sort what is found by role.

use crate::diagnostic::Diagnostic;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Config,
    Orgs,
    Project,
    Progress,
    Meeting,
    Bulletin,
}

/// A data file: its role, its full path and its path relative to the data folder.
#[derive(Debug, Clone)]
pub struct Found {
    pub role: Role,
    pub full: PathBuf,
    pub rel: String,
}

fn role_of(rel: &str) -> Option<Role> {
    let top = rel.split('/').next().unwrap_or("");
    match (top, rel) {
        (_, "config.yaml") => Some(Role::Config),
        (_, "orgs.yaml") => Some(Role::Orgs),
        ("projects", _) if rel.ends_with(".yaml") => Some(Role::Project),
        ("progress", _) if rel.ends_with(".yaml") && rel.matches('/').count() == 1 => Some(Role::Progress),
        ("meetings", _) if rel.ends_with(".md") => Some(Role::Meeting),
        ("bulletins", _) if rel.ends_with(".md") && rel.matches('/').count() == 1 => Some(Role::Bulletin),
        _ => None,
    }
}

/// The folders of a data folder that hold its files.
const FOLDERS: [&str; 4] = ["projects", "progress", "meetings", "bulletins"];

/// Every data file under `root`, sorted by path, plus findings for links and misplaced files.
pub fn walk(root: &Path) -> (Vec<Found>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut diags = Vec::new();
    // Only the data folders are walked: not the site a build writes next to them, nor `.git`.
    let data_folder = |e: &walkdir::DirEntry| {
        e.depth() != 1 || !e.file_type().is_dir() || FOLDERS.iter().any(|f| e.file_name() == *f)
    };
    for entry in WalkDir::new(root).follow_links(false).sort_by_file_name().into_iter().filter_entry(data_folder) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let rel = e.path().and_then(|p| p.strip_prefix(root).ok()).map(slash_path).unwrap_or_default();
                diags.push(Diagnostic::error("E0002", &rel, (1, 1), format!("无法读取：{e}")));
                continue;
            }
        };
        let rel = slash_path(entry.path().strip_prefix(root).unwrap_or(entry.path()));
        if entry.path_is_symlink() {
            diags.push(
                Diagnostic::error("E0003", &rel, (1, 1), "数据目录中的符号链接不会被跟随")
                    .with_hint(Some("请把文件本身放进 data/，而不是链接到别处".into())),
            );
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        match role_of(&rel) {
            Some(role) => found.push(Found { role, full: entry.path().to_path_buf(), rel }),
            None if misplaced(&rel) => {
                diags.push(Diagnostic::warning("W0001", &rel, (1, 1), "此文件不会被读取").with_hint(Some(
                    "项目与月报文件以 .yaml 结尾，会议纪要以 .md 结尾；月报文件直接放在 progress/ 下".into(),
                )))
            }
            None => {}
        }
    }
    (found, diags)
}

/// A file inside one of the data folders that tongbao would not read (a `.yml`, say).
fn misplaced(rel: &str) -> bool {
    let top = rel.split('/').next().unwrap_or("");
    let hidden = rel.split('/').any(|part| part.starts_with('.'));
    FOLDERS.contains(&top) && rel.contains('/') && !hidden
}

fn slash_path(p: &Path) -> String {
    p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
