//! Stage 5, write: the rendered pages and the theme's static files into the output folder,
//! atomically. Everything goes to a temporary folder beside the output first and is swapped in
//! only when complete, so a failed build never destroys the previous site.
//!
//! The output a build replaces is not deleted: it stays beside the new one as
//! `.<name>.previous` and becomes the next build's temporary folder, whose files are written
//! over in place and whose files the build did not write are removed before the swap. Deleting
//! and creating again tens of thousands of files costs more than rendering them (10k projects:
//! about a second on this machine's ext4); the price is a second copy of the site on disk.
//! Files of a MB and more are written by a thread of their own, straight to the disk
//! ([`large`]).

mod large;

use crate::render::Page;
use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io::{Read, Write};
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

/// A hidden folder beside the output: `.<name>.<what>`.
fn beside(out: &Path, what: &str) -> PathBuf {
    let name = out.file_name().map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{what}"))
}

/// A folder beside the output that belongs to this process alone.
fn sibling(out: &Path, suffix: &str) -> PathBuf {
    beside(out, &format!("{suffix}-{}", std::process::id()))
}

/// Where the output a build replaced is kept for the next build to write into.
fn previous(out: &Path) -> PathBuf {
    beside(out, "previous")
}

/// Writes `parts` one after another to `path`, a large file directly ([`large`]).
fn write_new(path: &Path, parts: &[Vec<u8>]) -> std::io::Result<()> {
    if size(parts) >= large::LARGE && large::write_direct(path, parts)? {
        return Ok(());
    }
    if let [content] = parts {
        // The content is whole in memory: one write, no buffer in between.
        return fs::write(path, content);
    }
    let mut file = fs::File::create(path)?;
    parts.iter().try_for_each(|part| file.write_all(part))
}

/// Writes `parts` to `path` in a reused folder, unless the file an earlier build left there
/// already holds exactly that: rewriting a file in place makes ext4 flush it at once.
fn write_over(path: &Path, parts: &[Vec<u8>]) -> std::io::Result<()> {
    if fs::metadata(path).is_ok_and(|m| m.len() == size(parts) as u64) && holds(path, parts)? {
        return Ok(());
    }
    write_new(path, parts)
}

/// How many bytes `parts` (a page's, see [`Page`]) have together.
fn size(parts: &[Vec<u8>]) -> usize {
    parts.iter().map(Vec::len).sum()
}

/// Whether the file at `path`, as long as `parts`, holds them one after another: read a piece
/// at a time, not whole (a province's ledger page is tens of MB).
fn holds(path: &Path, parts: &[Vec<u8>]) -> std::io::Result<bool> {
    const PIECE: usize = 1 << 20;
    let mut file = fs::File::open(path)?;
    let mut piece = vec![0; PIECE.min(size(parts))];
    for part in parts {
        for expected in part.chunks(PIECE) {
            let read = &mut piece[..expected.len()];
            file.read_exact(read)?;
            if read != expected {
                return Ok(false);
            }
        }
    }
    Ok(true)
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
    /// Whether the folder is the previous output, reused: its files are then compared before
    /// they are written over, and those this build did not write are removed at commit. A new
    /// folder needs neither.
    reused: bool,
    /// Every file this build wrote into a reused folder.
    written: Mutex<HashSet<PathBuf>>,
    large: large::Writer,
    committed: bool,
}

impl Staging {
    /// The staging folder for `out` (the previous output when one was kept, otherwise a new
    /// folder), with the theme's static files already in it.
    pub fn create(out: &Path, static_dir: &Path) -> Result<Staging, String> {
        let large = large::Writer::start()?;
        let dir = sibling(out, "new");
        let _ = fs::remove_dir_all(&dir);
        let reused = fs::rename(previous(out), &dir).is_ok();
        if !reused {
            fs::create_dir_all(&dir).map_err(|e| format!("错误：无法创建 {}：{e}\n", dir.display()))?;
        }
        let staging = Staging {
            out: out.to_path_buf(),
            made: Mutex::new(BTreeSet::from([dir.clone()])),
            reused,
            written: Mutex::new(HashSet::new()),
            large,
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
                    staging.put_parts(&format!("static/{}", rel.to_string_lossy().replace('\\', "/")), &[bytes])?;
                }
            }
        }
        Ok(staging)
    }

    /// The folder, once every page handed to it is written, the large ones too: where the
    /// browser reads the pages it prints as PDF.
    pub fn written_dir(&mut self) -> Result<&Path, String> {
        self.large.finish()?;
        Ok(&self.dir)
    }

    /// Where the file `rel` goes, its folder made; counted as written, and noted as written
    /// in a reused folder.
    fn place(&self, rel: &str, len: usize) -> Result<PathBuf, String> {
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            let mut made = self.made.lock().map_err(|_| "错误：内部锁失效\n".to_string())?;
            if !made.contains(parent) {
                fs::create_dir_all(parent).map_err(|e| format!("错误：无法创建 {rel} 所在的目录：{e}\n"))?;
                made.insert(parent.to_path_buf());
            }
        }
        if self.reused {
            self.written.lock().map_err(|_| "错误：内部锁失效\n".to_string())?.insert(path.clone());
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(len as u64, Ordering::Relaxed);
        Ok(path)
    }

    /// How this folder's files are written.
    fn way(&self) -> large::WriteFn {
        if self.reused { write_over } else { write_new }
    }

    fn put_parts(&self, rel: &str, parts: &[Vec<u8>]) -> Result<(), String> {
        let path = self.place(rel, size(parts))?;
        self.way()(&path, parts).map_err(|e| format!("错误：无法写入 {rel}：{e}\n"))
    }

    /// Writes one rendered page; a large one by the thread of the large files ([`large`]).
    pub fn put(&self, page: Page) -> Result<(), String> {
        let len = size(&page.parts);
        if len < large::LARGE {
            return self.put_parts(&page.path, &page.parts);
        }
        let path = self.place(&page.path, len)?;
        self.large.write(path, &page.path, page.parts, self.way())
    }

    /// Takes in files that something else wrote into the folder (the PDFs), by their paths in it.
    pub fn adopt(&self, files: &[String]) -> Result<(), String> {
        let mut written = self.written.lock().map_err(|_| "错误：内部锁失效\n".to_string())?;
        for rel in files {
            let path = self.dir.join(rel);
            let size = fs::metadata(&path).map_err(|e| format!("错误：找不到 {rel}：{e}\n"))?.len();
            self.files.fetch_add(1, Ordering::Relaxed);
            self.bytes.fetch_add(size, Ordering::Relaxed);
            written.insert(path);
        }
        Ok(())
    }

    /// Removes what an earlier build left in a reused folder and this build did not write.
    fn remove_stale(&self) -> Result<(), String> {
        let written = self.written.lock().map_err(|_| "错误：内部锁失效\n".to_string())?;
        for entry in WalkDir::new(&self.dir).min_depth(1).contents_first(true).into_iter().filter_map(Result::ok) {
            let path = entry.path();
            if entry.file_type().is_dir() {
                // Fails, as it should, while the folder still holds something.
                let _ = fs::remove_dir(path);
            } else if !written.contains(path) {
                fs::remove_file(path).map_err(|e| format!("错误：无法删除旧文件 {}：{e}\n", path.display()))?;
            }
        }
        Ok(())
    }

    /// Replaces the output folder with the staging folder; the replaced output is kept for the
    /// next build to write into.
    pub fn commit(mut self) -> Result<Written, String> {
        self.large.finish()?;
        if self.reused {
            self.remove_stale()?;
        }
        let keep = previous(&self.out);
        // Another build may have left its own there meanwhile; then the old output goes.
        let aside = if keep.exists() { sibling(&self.out, "old") } else { keep.clone() };
        let replaced = self.out.exists();
        if replaced {
            fs::rename(&self.out, &aside).map_err(|e| format!("错误：无法替换 {}：{e}\n", self.out.display()))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.out) {
            if replaced {
                let _ = fs::rename(&aside, &self.out);
            }
            return Err(format!("错误：无法写入 {}：{e}\n", self.out.display()));
        }
        self.committed = true;
        if replaced && aside != keep {
            let _ = fs::remove_dir_all(&aside);
        }
        Ok(Written { files: self.files.load(Ordering::Relaxed), bytes: self.bytes.load(Ordering::Relaxed) })
    }
}

impl Drop for Staging {
    /// A build that stopped before its commit leaves its folder as the one to reuse, or
    /// removes it when there is one already.
    fn drop(&mut self) {
        // The large files still being written go first (an error does not matter any more).
        let _ = self.large.finish();
        if !self.committed && fs::rename(&self.dir, previous(&self.out)).is_err() {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_folder_has_every_large_page_whole() {
        let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-scratch/staging/site");
        let _ = fs::remove_dir_all(out.parent().unwrap());
        let mut staging = Staging::create(&out, Path::new("no static files")).unwrap();
        // Pages of three parts, as a ledger page is made.
        let page = |i: u8| Page {
            path: format!("periods/{i}/ledger.html"),
            parts: vec![b"<html>".to_vec(), vec![b'0' + i; 8 << 20], b"</html>".to_vec()],
        };
        for i in 1..=4 {
            staging.put(page(i)).unwrap();
        }
        let dir = staging.written_dir().unwrap().to_path_buf();
        // The last first: the one most likely to be still on its way.
        for i in (1..=4).rev() {
            let page = page(i);
            let written = fs::read(dir.join(&page.path)).unwrap();
            assert!(written == page.content(), "periods/{i}/ledger.html is not whole yet");
        }
    }

    #[test]
    fn a_file_holds_parts_only_when_it_has_all_their_bytes_in_order() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-scratch/holds");
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("ledger.html");
        let content: Vec<u8> = (0..(3 << 20) + 5).map(|i| (i % 251) as u8).collect();
        fs::write(&path, &content).unwrap();
        let (a, b) = content.split_at(1_500_000);
        assert!(holds(&path, &[a.to_vec(), Vec::new(), b.to_vec()]).unwrap());
        // The last byte differs; the same bytes with two parts swapped.
        let mut changed = b.to_vec();
        *changed.last_mut().unwrap() ^= 1;
        assert!(!holds(&path, &[a.to_vec(), changed]).unwrap());
        assert!(!holds(&path, &[b.to_vec(), a.to_vec()]).unwrap());
    }
}
