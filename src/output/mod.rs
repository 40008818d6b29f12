//! Stage 5, write: the rendered pages and the theme's static files into the output folder,
//! atomically. Everything goes to a temporary folder beside the output first and is swapped in
//! only when complete, so a failed build never destroys the previous site.

use crate::render::Page;
use std::collections::BTreeSet;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
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
    let mut w = BufWriter::new(fs::File::create(path)?);
    w.write_all(content)?;
    w.flush()
}

/// The output folder being written: a temporary folder beside the output that replaces it on
/// [`Staging::commit`], or is removed if the build stops before.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    files: AtomicUsize,
    bytes: AtomicU64,
    /// Folders made so far: each is made once, not once per file.
    made: Mutex<BTreeSet<PathBuf>>,
    committed: bool,
}

impl Staging {
    /// A fresh staging folder for `out`, with the theme's static files already in it.
    pub fn create(out: &Path, static_dir: &Path) -> Result<Staging, String> {
        let dir = sibling(out, "new");
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).map_err(|e| format!("错误：无法创建 {}：{e}\n", dir.display()))?;
        let staging = Staging {
            out: out.to_path_buf(),
            made: Mutex::new(BTreeSet::from([dir.clone()])),
            dir,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            committed: false,
        };
        if static_dir.is_dir() {
            for entry in WalkDir::new(static_dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
                if entry.file_type().is_file() {
                    let rel = entry.path().strip_prefix(static_dir).unwrap_or(entry.path());
                    let bytes = fs::read(entry.path())
                        .map_err(|e| format!("错误：无法读取主题文件 {}：{e}\n", entry.path().display()))?;
                    staging.put_bytes(&format!("static/{}", rel.to_string_lossy().replace('\\', "/")), &bytes)?;
                }
            }
        }
        Ok(staging)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn put_bytes(&self, rel: &str, content: &[u8]) -> Result<(), String> {
        let path = self.dir.join(rel);
        let fail = |e: std::io::Error| format!("错误：无法写入 {rel}：{e}\n");
        if let Some(parent) = path.parent() {
            let mut made = self.made.lock().map_err(|_| "错误：内部锁失效\n".to_string())?;
            if !made.contains(parent) {
                fs::create_dir_all(parent).map_err(fail)?;
                made.insert(parent.to_path_buf());
            }
        }
        write_file(&path, content).map_err(fail)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(content.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// Writes one rendered page.
    pub fn put(&self, page: Page) -> Result<(), String> {
        self.put_bytes(&page.path, &page.content)
    }

    /// Counts files that something else wrote into the folder (the PDFs).
    pub fn count(&self, files: usize, bytes: u64) {
        self.files.fetch_add(files, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    /// Replaces the output folder with the staging folder.
    pub fn commit(mut self) -> Result<Written, String> {
        let old = sibling(&self.out, "old");
        if self.out.exists() {
            fs::rename(&self.out, &old).map_err(|e| format!("错误：无法替换 {}：{e}\n", self.out.display()))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.out) {
            let _ = fs::rename(&old, &self.out);
            return Err(format!("错误：无法写入 {}：{e}\n", self.out.display()));
        }
        self.committed = true;
        let _ = fs::remove_dir_all(&old);
        Ok(Written { files: self.files.load(Ordering::Relaxed), bytes: self.bytes.load(Ordering::Relaxed) })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}
