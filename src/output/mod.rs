//! Stage 5, write: the rendered pages and the theme's static files into the output folder,
//! atomically. Everything goes to a temporary folder beside the output first and is swapped in
//! only when complete, so a failed build never destroys the previous site.

use crate::render::Page;
use rayon::prelude::*;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// How much was written.
#[derive(Debug, Clone, Copy)]
pub struct Written {
    pub files: usize,
    pub bytes: u64,
}

fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out.file_name().map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{suffix}-{}", std::process::id()))
}

fn write_file(path: &Path, content: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut w = BufWriter::new(fs::File::create(path)?);
    w.write_all(content)?;
    w.flush()
}

fn fill(dir: &Path, pages: &[Page], static_dir: &Path) -> Result<Written, String> {
    pages.par_iter().try_for_each(|p| {
        write_file(&dir.join(&p.path), p.content.as_bytes()).map_err(|e| format!("错误：无法写入 {}：{e}\n", p.path))
    })?;
    let mut written = Written { files: pages.len(), bytes: pages.iter().map(|p| p.content.len() as u64).sum() };
    if static_dir.is_dir() {
        for entry in WalkDir::new(static_dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(static_dir).unwrap_or(entry.path());
            let bytes = fs::read(entry.path())
                .map_err(|e| format!("错误：无法读取主题文件 {}：{e}\n", entry.path().display()))?;
            write_file(&dir.join("static").join(rel), &bytes)
                .map_err(|e| format!("错误：无法写入 static/{}：{e}\n", rel.display()))?;
            written.files += 1;
            written.bytes += bytes.len() as u64;
        }
    }
    Ok(written)
}

/// Writes `pages` and the static files to `out`, replacing its previous content only on success.
/// `finish` runs on the complete folder before it replaces the old one (the PDF export) and
/// returns how many more files it wrote.
pub fn write_site(
    out: &Path,
    pages: &[Page],
    static_dir: &Path,
    finish: impl FnOnce(&Path) -> Written,
) -> Result<Written, String> {
    let staging = sibling(out, "new");
    let _ = fs::remove_dir_all(&staging);
    fs::create_dir_all(&staging).map_err(|e| format!("错误：无法创建 {}：{e}\n", staging.display()))?;
    let written = match fill(&staging, pages, static_dir) {
        Ok(w) => {
            let more = finish(&staging);
            Written { files: w.files + more.files, bytes: w.bytes + more.bytes }
        }
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    let old = sibling(out, "old");
    if out.exists() {
        fs::rename(out, &old).map_err(|e| format!("错误：无法替换 {}：{e}\n", out.display()))?;
    }
    if let Err(e) = fs::rename(&staging, out) {
        let _ = fs::rename(&old, out);
        return Err(format!("错误：无法写入 {}：{e}\n", out.display()));
    }
    let _ = fs::remove_dir_all(&old);
    Ok(written)
}
