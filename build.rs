//! Records the commit tongbao is built from, for `tongbao --version` (`未知` outside a git
//! checkout, as from a source archive); `-dirty` when the tree has uncommitted changes.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn main() {
    let commit = git(&["rev-parse", "--short=7", "HEAD"]).unwrap_or_else(|| "未知".into());
    let dirty = git(&["status", "--porcelain", "--untracked-files=no"]).is_some_and(|s| !s.is_empty());
    println!("cargo:rustc-env=TONGBAO_COMMIT={commit}{}", if dirty { "-dirty" } else { "" });
    // Built again when HEAD moves or the index changes (a commit, a checkout).
    // And when a file of the default theme, built into the binary, is added or removed
    // (include_dir's files are tracked by rustc only when they change).
    for path in [".git/HEAD", ".git/index", "themes/default"] {
        println!("cargo:rerun-if-changed={path}");
    }
}
