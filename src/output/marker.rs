//! The marker of an output folder, `.tongbao`: it says that tongbao wrote the folder, with
//! which version, and lists every file written there. A build writes only into a folder that
//! is empty or carries the marker, and removes an old file only when the marker lists it, so
//! that `--out` pointed at someone's folder can never delete what tongbao did not write.
//!
//! A build holds the marker of its staging folder locked while it runs: a staging folder
//! whose marker is not locked belongs to a build that died (SIGKILL, a power cut), and the
//! next build may remove it.

use std::fs::{self, File, OpenOptions};
use std::io::{Seek, Write};
use std::path::Path;

/// The marker's file name, in the output folder.
pub const NAME: &str = ".tongbao";

/// The marker's first line, by which it is known.
const FIRST_LINE: &str = "# tongbao 输出目录标记：此目录由 tongbao 生成；下次生成时只删除下面列出的旧文件";

/// The files a marker lists; `None` when `dir` has no marker of tongbao's.
pub fn listed(dir: &Path) -> Option<Vec<String>> {
    let text = fs::read_to_string(dir.join(NAME)).ok()?;
    let mut lines = text.lines();
    if lines.next() != Some(FIRST_LINE) || !lines.next()?.starts_with("version: ") || lines.next() != Some("files:") {
        return None;
    }
    Some(lines.filter(|l| removable(l)).map(str::to_string).collect())
}

/// Whether a listed path may be removed: a plain relative path inside the folder, never the
/// marker itself. A marker edited by hand to name `../x` or `/etc/x` is ignored there.
fn removable(rel: &str) -> bool {
    rel != NAME && !rel.contains(['\\', ':', '\0']) && rel.split('/').all(|s| !matches!(s, "" | "." | ".."))
}

/// The marker's text for `files` (sorted by the caller).
fn text(files: &[String]) -> String {
    let mut out = format!("{FIRST_LINE}\nversion: {}\nfiles:\n", env!("CARGO_PKG_VERSION"));
    for file in files {
        out.push_str(file);
        out.push('\n');
    }
    out
}

/// Opens (creating it, listing nothing, when missing) and locks the marker of a staging folder.
pub fn lock(dir: &Path) -> Result<File, String> {
    let path = dir.join(NAME);
    let fresh = !path.exists();
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| format!("错误：无法创建 {}：{e}\n", path.display()))?;
    file.lock().map_err(|e| format!("错误：无法锁定 {}：{e}\n", path.display()))?;
    if fresh {
        file.write_all(text(&[]).as_bytes()).map_err(|e| format!("错误：无法写入 {}：{e}\n", path.display()))?;
    }
    Ok(file)
}

/// Rewrites a locked marker to list `files`.
pub fn record(file: &mut File, files: &[String]) -> Result<(), String> {
    let written = file
        .set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| file.write_all(text(files).as_bytes()))
        .and_then(|()| file.sync_data());
    written.map_err(|e| format!("错误：无法写入输出目录标记 {NAME}：{e}\n"))
}

/// Locks the marker of a finished output folder, if it has one, while the folder is moved
/// aside (Unix: elsewhere a folder with an open file in it cannot be renamed).
pub fn lock_existing(dir: &Path) -> Option<File> {
    if cfg!(not(unix)) {
        return None;
    }
    let file = OpenOptions::new().read(true).write(true).open(dir.join(NAME)).ok()?;
    file.lock().ok()?;
    Some(file)
}

/// Whether the build that made staging folder `dir` has ended: its marker is not locked. A
/// folder without a marker is a build's that died before writing it, when it is empty.
pub fn abandoned(dir: &Path) -> bool {
    match File::open(dir.join(NAME)) {
        Ok(file) => file.try_lock().is_ok(),
        Err(_) => fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_lists_only_paths_inside_its_folder() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-scratch/marker");
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        assert_eq!(listed(&dir), None);
        let mut file = lock(&dir).unwrap();
        assert_eq!(listed(&dir), Some(vec![]));
        let files = ["index.html", "../outside.txt", "/etc/passwd", "a/./b", "static/style.css", ".tongbao"];
        record(&mut file, &files.map(String::from)).unwrap();
        assert_eq!(listed(&dir), Some(vec!["index.html".into(), "static/style.css".into()]));
        // Locked while the file is open, by this build; abandoned once it is closed.
        assert!(!abandoned(&dir));
        drop(file);
        assert!(abandoned(&dir));
        fs::write(dir.join(NAME), "files:\nindex.html\n").unwrap();
        assert_eq!(listed(&dir), None, "a file of that name that is not tongbao's marker");
    }
}
