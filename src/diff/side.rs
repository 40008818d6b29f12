//! One side of a comparison: a data folder, or the data folder as it stands at a git revision
//! (read through `git archive`, so git itself is the only thing that reads the repository).

use crate::figures::{self, PeriodFigures};
use crate::load::Sources;
use crate::model::Dataset;
use crate::{Failure, accept_with_sources, current_period, inspect};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A loaded, checked side with the figures of its current period.
pub struct Side {
    /// What the user named: a folder or a revision.
    pub label: String,
    pub ds: Dataset,
    pub sources: Sources,
    pub figures: Vec<PeriodFigures>,
    /// Index into `figures` of the side's current period.
    pub current: usize,
    /// A temporary checkout to remove afterwards.
    scratch: Option<PathBuf>,
}

impl Drop for Side {
    fn drop(&mut self) {
        if let Some(dir) = &self.scratch {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

impl Side {
    pub fn now(&self) -> &PeriodFigures {
        &self.figures[self.current]
    }
}

fn git(args: &[&str]) -> Result<String, Failure> {
    let out =
        Command::new("git").args(args).output().map_err(|e| Failure::Other(format!("错误：无法运行 git：{e}\n")))?;
    if !out.status.success() {
        return Err(Failure::Other(format!(
            "错误：git {} 失败：{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Writes the data folder `data` as it is at `rev` into a fresh temporary folder.
fn checkout(rev: &str, data: &Path) -> Result<(PathBuf, PathBuf), Failure> {
    let top = PathBuf::from(git(&["rev-parse", "--show-toplevel"])?);
    let commit = git(&["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])
        .map_err(|_| Failure::Other(format!("错误：「{rev}」既不是数据目录，也不是 git 版本\n")))?;
    let absolute = std::env::current_dir().map(|d| d.join(data)).unwrap_or_else(|_| data.to_path_buf());
    let absolute = absolute.canonicalize().unwrap_or(absolute);
    let top = top.canonicalize().unwrap_or(top);
    let rel = absolute.strip_prefix(&top).map(Path::to_path_buf).unwrap_or_else(|_| data.to_path_buf());
    let rel = rel.to_string_lossy().replace('\\', "/");
    // The data at the repository's root (a county's own data repository).
    let rel = if rel.is_empty() { ".".to_string() } else { rel };
    let scratch =
        std::env::temp_dir().join(format!("tongbao-diff-{}-{}", std::process::id(), &commit[..12.min(commit.len())]));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).map_err(|e| Failure::Other(format!("错误：无法创建临时目录：{e}\n")))?;
    let archive = Command::new("git")
        .current_dir(&top)
        .args(["archive", "--format=tar", &commit, "--", &rel])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| Failure::Other(format!("错误：无法运行 git archive：{e}\n")))?;
    let untar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(&scratch)
        .stdin(archive.stdout.ok_or_else(|| Failure::Other("错误：git archive 没有输出\n".into()))?)
        .status()
        .map_err(|e| Failure::Other(format!("错误：无法运行 tar：{e}\n")))?;
    if !untar.success() {
        return Err(Failure::Other(format!("错误：{rev} 中没有数据目录 {rel}\n")));
    }
    Ok((scratch.join(rel), scratch))
}

/// Loads `spec` (a folder, or else a git revision of the folder `data`).
pub fn open(spec: &str, data: &Path) -> Result<Side, Failure> {
    let (dir, scratch) = if Path::new(spec).is_dir() {
        (PathBuf::from(spec), None)
    } else {
        let (dir, scratch) = checkout(spec, data)?;
        (dir, Some(scratch))
    };
    let cleanup = |e| {
        if let Some(s) = &scratch {
            let _ = std::fs::remove_dir_all(s);
        }
        e
    };
    let inspection = inspect(&dir).map_err(cleanup)?;
    let (dataset, sources, _) = accept_with_sources(inspection).map_err(|e| {
        cleanup(match e {
            Failure::Data(text) => Failure::Data(format!("「{spec}」的数据有错误，无法比较：\n{text}")),
            other => other,
        })
    })?;
    let figures = figures::compute_all(&dataset);
    let period = current_period(&dataset, None).map_err(cleanup)?;
    let Some(current) = figures.iter().position(|f| f.period == period) else {
        return Err(cleanup(Failure::Other(format!("错误：「{spec}」没有报告期的月报\n"))));
    };
    Ok(Side { label: spec.to_string(), ds: dataset, sources, figures, current, scratch })
}
