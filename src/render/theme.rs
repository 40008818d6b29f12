//! The theme: the tera templates, parsed once, and the static files (CSS, JS) copied into every
//! site. The default theme (`themes/default` in the source) is built into the binary, so that
//! an office needs only the binary. `--theme DIR` lays a county's own theme over it: a file of
//! `DIR/templates/` or `DIR/static/` replaces the default's of the same name, every other file
//! comes from the default. `tongbao theme export DIR` writes the default out to copy and edit.

use include_dir::{Dir, include_dir};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Mutex;
use tera::Tera;
use walkdir::WalkDir;

/// The default theme, as it was in the source tree when the binary was built.
static DEFAULT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The two folders of a theme; anything else in a theme folder is not read.
const PARTS: [&str; 2] = ["templates", "static"];

/// A theme's files by their path in the theme (`templates/base.html`, `static/style.css`).
type Files = BTreeMap<String, Cow<'static, [u8]>>;

/// A theme: its templates, parsed once, and its static files.
pub struct Theme {
    pub(super) tera: Tera,
    /// The static files by their path under `static/`.
    statics: BTreeMap<String, Cow<'static, [u8]>>,
    /// The largest page each template has made so far: a page starts with room for that much,
    /// instead of growing (and copying) a multi-megabyte ledger step by step.
    pub(super) largest: Mutex<HashMap<String, usize>>,
}

impl Theme {
    /// The default theme, built into the binary.
    pub fn embedded() -> Result<Theme, String> {
        Theme::from_files(default_files())
    }

    /// The default theme with the files of `dir` (if any) over it; errors name the template
    /// file, line and column.
    pub fn load(dir: Option<&Path>) -> Result<Theme, String> {
        let mut files = default_files();
        if let Some(dir) = dir {
            files.extend(own_files(dir)?);
        }
        Theme::from_files(files)
    }

    fn from_files(files: Files) -> Result<Theme, String> {
        let mut sources = Vec::new();
        let mut statics = BTreeMap::new();
        for (path, bytes) in files {
            if let Some(name) = path.strip_prefix("templates/") {
                let text = String::from_utf8(bytes.into_owned())
                    .map_err(|_| format!("错误：模板 {name} 不是 UTF-8 编码的文本\n提示：用 UTF-8 另存该文件\n"))?;
                sources.push((name.to_string(), text));
            } else if let Some(name) = path.strip_prefix("static/") {
                statics.insert(name.to_string(), bytes);
            }
        }
        let mut tera = Tera::new();
        tera.add_raw_templates(sources).map_err(|e| format!("错误：主题模板有误\n{e}\n"))?;
        Ok(Theme { tera, statics, largest: Mutex::default() })
    }

    /// The static files: their path under `static/` and their bytes, in order of path.
    pub fn statics(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.statics.iter().map(|(name, bytes)| (name.as_str(), bytes.as_ref()))
    }

    /// The static file at `site_path` (`static/style.css`); `None` when the theme has none
    /// there. Looked up by name among the theme's files, never on disk.
    pub fn static_file(&self, site_path: &str) -> Option<&[u8]> {
        self.statics.get(site_path.strip_prefix("static/")?).map(|bytes| bytes.as_ref())
    }
}

fn default_files() -> Files {
    let mut files = Files::new();
    let mut folders = vec![&DEFAULT];
    while let Some(folder) = folders.pop() {
        folders.extend(folder.dirs());
        for file in folder.files() {
            let path = file.path().to_string_lossy().replace('\\', "/");
            files.insert(path, Cow::Borrowed(file.contents()));
        }
    }
    files
}

/// The files of the theme folder `dir`, under `templates/` and `static/`.
fn own_files(dir: &Path) -> Result<Files, String> {
    let shown = dir.display();
    if !dir.is_dir() {
        return Err(format!(
            "错误：主题目录 {shown} 不存在\n提示：不用 --theme 即用内置的默认主题；要改主题，先用 tongbao theme export {shown} 导出默认主题\n"
        ));
    }
    if !PARTS.iter().any(|part| dir.join(part).is_dir()) {
        return Err(format!(
            "错误：主题目录 {shown} 中既没有 templates/ 也没有 static/\n提示：主题目录的结构与 tongbao theme export 导出的相同，其中的文件替换默认主题中的同名文件\n"
        ));
    }
    let mut files = Files::new();
    for part in PARTS {
        for entry in WalkDir::new(dir.join(part)).sort_by_file_name().into_iter().filter_map(Result::ok) {
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                let path = rel.to_string_lossy().replace('\\', "/");
                let bytes = std::fs::read(entry.path())
                    .map_err(|e| format!("错误：无法读取主题文件 {}：{e}\n", entry.path().display()))?;
                files.insert(path, Cow::Owned(bytes));
            }
        }
    }
    Ok(files)
}

/// `tongbao theme export`: writes the default theme into `dir`, which must be new or empty
/// (nothing of the county's is written over); the number of files written.
pub fn export(dir: &Path) -> Result<usize, String> {
    let shown = dir.display();
    let cannot = |e: std::io::Error| format!("错误：无法写入 {shown}：{e}\n");
    if dir.exists() && (!dir.is_dir() || std::fs::read_dir(dir).map_err(cannot)?.next().is_some()) {
        return Err(format!("错误：{shown} 已存在且不是空目录\n提示：为免覆盖已有的文件，请指定一个新目录\n"));
    }
    let files = default_files();
    for (path, bytes) in &files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(cannot)?;
        }
        std::fs::write(&target, bytes).map_err(cannot)?;
    }
    Ok(files.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_theme_is_the_source_tree_s() {
        let files = default_files();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let on_disk = own_files(&root).unwrap();
        assert_eq!(files.keys().collect::<Vec<_>>(), on_disk.keys().collect::<Vec<_>>());
        assert!(files.contains_key("templates/base.html") && files.contains_key("static/style.css"));
        for (path, bytes) in &files {
            assert_eq!(bytes.as_ref(), on_disk[path].as_ref(), "{path}");
        }
    }

    #[test]
    fn a_static_file_is_found_by_its_name_only() {
        let theme = Theme::embedded().unwrap();
        assert!(theme.static_file("static/style.css").is_some());
        for missing in ["static/no-such.css", "static/../templates/base.html", "templates/base.html", "style.css"] {
            assert_eq!(theme.static_file(missing), None, "{missing}");
        }
    }
}
