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
//!
//! Nothing is destroyed that tongbao did not write: every output folder carries a [`marker`]
//! listing its files, a folder with other files and no marker is refused, an old file is
//! removed only when the marker lists it, and a build stopped by a signal removes its staging
//! folder ([`stop`]), one killed outright has it removed by the next build.

mod large;
pub mod marker;
pub mod stop;

use crate::render::{Page, Theme};
use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::fs::File;
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

/// Refuses an output place that tongbao must not write over: a file, or a folder holding
/// anything without tongbao's marker.
fn check_out(out: &Path) -> Result<(), String> {
    let shown = out.display();
    match fs::metadata(out) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("错误：无法访问输出目录 {shown}：{e}\n")),
        Ok(meta) if !meta.is_dir() => Err(format!(
            "错误：输出位置 {shown} 是一个文件，不是目录；tongbao 不会移动或覆盖它\n提示：用 --out 指定一个目录，如 --out site\n"
        )),
        Ok(_) if marker::listed(out).is_some() => Ok(()),
        Ok(_) => {
            let mut names: Vec<String> = fs::read_dir(out)
                .map_err(|e| format!("错误：无法读取输出目录 {shown}：{e}\n"))?
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            if names.is_empty() {
                return Ok(());
            }
            names.sort();
            let count = names.len();
            names.truncate(5);
            Err(format!(
                "错误：输出目录 {shown} 不是 tongbao 生成的（其中没有 {} 标记），已有 {count} 项：{}{}；为免覆盖或删除这些文件，不写入这个目录\n\
                 提示：用 --out 指定一个新目录或空目录（如 --out site）；确要用这个目录，请先把其中的文件移走\n",
                marker::NAME,
                names.join("、"),
                if count > 5 { "……" } else { "" }
            ))
        }
    }
}

/// Removes the staging folders of builds into `out` that died (SIGKILL, a power cut). One
/// killed while swapping the output in may have left the previous output aside with none in
/// its place: that one is put back.
fn clear_abandoned(out: &Path) {
    let name = out.file_name().map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(entries) = fs::read_dir(parent) else { return };
    let (new, old) = (format!(".{name}.new-"), format!(".{name}.old-"));
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let (is_new, is_old) = (file_name.starts_with(&new), file_name.starts_with(&old));
        let dir = entry.path();
        if !(is_new || is_old) || !dir.is_dir() || !marker::abandoned(&dir) {
            continue;
        }
        if is_old && !out.exists() && fs::rename(&dir, out).is_ok() {
            continue;
        }
        let _ = fs::remove_dir_all(&dir);
    }
}

/// Moves the files someone put into the output folder `out` (those its marker does not list)
/// into the folder replacing it, `dir`, at the same place, unless this build wrote a file there
/// (then it stays in the replaced output, kept beside): a file put into the site stays there.
fn carry_unlisted(out: &Path, dir: &Path, written: &[String]) {
    let Some(listed) = marker::listed(out) else { return };
    let ours: HashSet<&str> = listed.iter().chain(written).map(String::as_str).chain([marker::NAME]).collect();
    for entry in WalkDir::new(out).min_depth(1).into_iter().filter_map(Result::ok) {
        if entry.file_type().is_dir() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(out) else { continue };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if !ours.contains(rel.as_str()) {
            let to = dir.join(&rel);
            if let Some(parent) = to.parent()
                && fs::create_dir_all(parent).is_ok()
                && !to.exists()
            {
                let _ = fs::rename(entry.path(), &to);
            }
        }
    }
}

/// The output folder being written: a temporary folder beside the output that replaces it on
/// [`Staging::commit`], or is kept for the next build to write into if the build stops before.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    files: AtomicUsize,
    bytes: AtomicU64,
    /// Folders made so far: each is made once, not once per file.
    made: Mutex<BTreeSet<PathBuf>>,
    /// Whether the folder is the previous output, reused: its files are then compared before
    /// they are written over, and those its marker lists that this build did not write are
    /// removed at commit. A new folder needs neither.
    reused: bool,
    /// The files the reused folder's marker lists.
    listed: Vec<String>,
    /// Every file this build wrote, by its path in the site.
    written: Mutex<Vec<String>>,
    /// The folder's marker, locked for as long as the build runs (until the folder is renamed,
    /// where a folder with an open file in it cannot be: see [`Staging::release_marker`]).
    marker: Option<File>,
    large: large::Writer,
    committed: bool,
}

impl Staging {
    /// The staging folder for `out` (the previous output when one was kept, otherwise a new
    /// folder), with the theme's static files already in it. Refuses an `out` that is a file
    /// or a folder of someone else's (see [`check_out`]).
    pub fn create(out: &Path, theme: &Theme) -> Result<Staging, String> {
        check_out(out)?;
        clear_abandoned(out);
        let large = large::Writer::start()?;
        let dir = sibling(out, "new");
        let _ = fs::remove_dir_all(&dir);
        stop::register(&dir);
        let kept = previous(out);
        let listed = marker::listed(&kept);
        let reused = listed.is_some() && fs::rename(&kept, &dir).is_ok();
        if !reused {
            fs::create_dir_all(&dir).map_err(|e| format!("错误：无法创建 {}：{e}\n", dir.display()))?;
        }
        let staging = Staging {
            out: out.to_path_buf(),
            made: Mutex::new(BTreeSet::from([dir.clone()])),
            reused,
            listed: if reused { listed.unwrap_or_default() } else { Vec::new() },
            written: Mutex::new(Vec::new()),
            marker: Some(marker::lock(&dir)?),
            large,
            dir,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            committed: false,
        };
        for (name, bytes) in theme.statics() {
            staging.put_parts(&format!("static/{name}"), &[bytes.to_vec()])?;
        }
        Ok(staging)
    }

    /// How many files are written so far, the theme's static files among them.
    pub fn files_so_far(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    /// The folder, once every page handed to it is written, the large ones too: where the
    /// browser reads the pages it prints as PDF.
    pub fn written_dir(&mut self) -> Result<&Path, String> {
        self.large.finish()?;
        Ok(&self.dir)
    }

    /// Where the file `rel` goes, its folder made; counted and noted as written.
    fn place(&self, rel: &str, len: usize) -> Result<PathBuf, String> {
        if stop::stopping() {
            return Err("已中断\n".into());
        }
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            let mut made = self.made.lock().map_err(|_| "错误：内部锁失效\n".to_string())?;
            if !made.contains(parent) {
                fs::create_dir_all(parent).map_err(|e| format!("错误：无法创建 {rel} 所在的目录：{e}\n"))?;
                made.insert(parent.to_path_buf());
            }
        }
        self.written.lock().map_err(|_| "错误：内部锁失效\n".to_string())?.push(rel.to_string());
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
            let size = fs::metadata(self.dir.join(rel)).map_err(|e| format!("错误：找不到 {rel}：{e}\n"))?.len();
            self.files.fetch_add(1, Ordering::Relaxed);
            self.bytes.fetch_add(size, Ordering::Relaxed);
            written.push(rel.clone());
        }
        Ok(())
    }

    /// The files written, sorted, each once.
    fn written_files(&self) -> Result<Vec<String>, String> {
        let mut written = self.written.lock().map_err(|_| "错误：内部锁失效\n".to_string())?.clone();
        written.sort();
        written.dedup();
        Ok(written)
    }

    /// Removes the files the reused folder's marker lists that this build did not write, and
    /// the folders left empty.
    fn remove_stale(&self, written: &[String]) -> Result<(), String> {
        let written: HashSet<&str> = written.iter().map(String::as_str).collect();
        for rel in self.listed.iter().filter(|rel| !written.contains(rel.as_str())) {
            let path = self.dir.join(rel);
            if fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir()) {
                fs::remove_file(&path).map_err(|e| format!("错误：无法删除旧文件 {}：{e}\n", path.display()))?;
            }
        }
        for entry in WalkDir::new(&self.dir).min_depth(1).contents_first(true).into_iter().filter_map(Result::ok) {
            if entry.file_type().is_dir() {
                // Fails, as it should, while the folder still holds something.
                let _ = fs::remove_dir(entry.path());
            }
        }
        Ok(())
    }

    /// Rewrites the folder's marker to list `files`.
    fn record(&mut self, files: &[String]) -> Result<(), String> {
        self.marker.as_mut().map_or(Ok(()), |m| marker::record(m, files))
    }

    /// Closes the marker before the folder is renamed where a folder with an open file in it
    /// cannot be (Windows); on Unix it stays locked until the build ends.
    fn release_marker(&mut self) {
        if cfg!(not(unix)) {
            self.marker = None;
        }
    }

    /// Replaces the output folder with the staging folder; the replaced output is kept for the
    /// next build to write into.
    pub fn commit(mut self) -> Result<Written, String> {
        self.large.finish()?;
        let written = self.written_files()?;
        if self.reused {
            self.remove_stale(&written)?;
        }
        self.record(&written)?;
        // The marker is a file of the output too.
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(fs::metadata(self.dir.join(marker::NAME)).map_or(0, |m| m.len()), Ordering::Relaxed);
        check_out(&self.out)?;
        carry_unlisted(&self.out, &self.dir, &written);
        let keep = previous(&self.out);
        // Another build may have left its own there meanwhile; then the old output goes.
        let aside = if keep.exists() { sibling(&self.out, "old") } else { keep.clone() };
        let swap = stop::SWAP.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        // The old output's marker stays locked while it is aside, so that no other build takes
        // it for a dead build's.
        let old_marker = marker::lock_existing(&self.out);
        self.release_marker();
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
        drop(swap);
        stop::unregister(&self.dir);
        if replaced && aside != keep {
            let _ = fs::remove_dir_all(&aside);
        }
        drop(old_marker);
        Ok(Written { files: self.files.load(Ordering::Relaxed), bytes: self.bytes.load(Ordering::Relaxed) })
    }
}

impl Drop for Staging {
    /// A build that stopped before its commit leaves its folder as the one to reuse, its marker
    /// listing what it holds now, or removes it when there is one already.
    fn drop(&mut self) {
        // The large files still being written go first (an error does not matter any more).
        let _ = self.large.finish();
        if !self.committed {
            let mut holds = self.written_files().unwrap_or_default();
            holds.extend(self.listed.iter().cloned());
            holds.sort();
            holds.dedup();
            let recorded = self.record(&holds).is_ok();
            self.release_marker();
            if !recorded || fs::rename(&self.dir, previous(&self.out)).is_err() {
                let _ = fs::remove_dir_all(&self.dir);
            }
            stop::unregister(&self.dir);
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
        let mut staging = Staging::create(&out, &crate::render::Theme::embedded().unwrap()).unwrap();
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
