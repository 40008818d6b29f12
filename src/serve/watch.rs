//! Waiting for edits under the data and theme folders (`tongbao serve`). The operating system
//! tells of each change (inotify on Linux, through the notify crate), so an idle server costs
//! nothing; an editor's save is a burst of events, taken as one edit once the folders have been
//! quiet for [`QUIET`]. Where the system cannot tell, as on the network shares some offices
//! keep their data on, `--poll` compares modification times instead, [`POLL`] apart; so does a
//! server whose notifications cannot be set up.

use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{Event, EventKind, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, SystemTime};

/// How long the folders must stay quiet after an event before the edit counts as made.
const QUIET: Duration = Duration::from_millis(30);

/// How often polling looks for changes.
const POLL: Duration = Duration::from_millis(100);

/// Size and modification time of every file under the watched folders.
type Snapshot = Vec<(PathBuf, u64, Option<SystemTime>)>;

/// The edits to come under some folders.
pub struct Edits {
    dirs: Vec<PathBuf>,
    how: How,
}

enum How {
    /// The watcher must be kept: dropping it ends the notifications.
    Told {
        _watcher: notify::RecommendedWatcher,
        events: Receiver<notify::Result<Event>>,
    },
    Polled {
        last: Snapshot,
    },
}

impl Edits {
    /// Watches `dirs`, told by the system unless `poll` asks for polling or notifications
    /// cannot be set up (which is said on stderr).
    pub fn watch(dirs: &[&Path], poll: bool) -> Edits {
        let dirs: Vec<PathBuf> = dirs.iter().map(|d| d.to_path_buf()).collect();
        let how = if poll {
            polled(&dirs)
        } else {
            told(&dirs).unwrap_or_else(|e| {
                eprintln!("提示：无法接收文件变更通知（{e}），改为{}", polling());
                polled(&dirs)
            })
        };
        Edits { dirs, how }
    }

    /// How edits are found, for the server's first words.
    pub fn way(&self) -> String {
        match self.how {
            How::Told { .. } => "系统通知".into(),
            How::Polled { .. } => polling(),
        }
    }

    /// Returns once something under the folders has changed, and they have been quiet since.
    pub fn next(&mut self) {
        match &mut self.how {
            How::Told { events, .. } => {
                let edited = events.iter().any(|e| is_edit(&e, &self.dirs));
                // Quiet means no event at all for QUIET: what comes after belongs to the next edit.
                while edited && events.recv_timeout(QUIET).is_ok() {}
                if !edited {
                    // The watcher stopped (its thread ended): poll from here on.
                    eprintln!("提示：文件变更通知已中断，改为{}", polling());
                    self.how = polled(&self.dirs);
                }
            }
            How::Polled { last } => loop {
                std::thread::sleep(POLL);
                let now = snapshot(&self.dirs);
                if now != *last {
                    *last = now;
                    return;
                }
            },
        }
    }
}

/// What polling is, in the server's words.
fn polling() -> String {
    format!("每 {} 毫秒检查一次", POLL.as_millis())
}

fn told(dirs: &[PathBuf]) -> notify::Result<How> {
    let (send, events) = channel();
    let mut watcher = notify::recommended_watcher(send)?;
    for dir in dirs {
        watcher.watch(dir, RecursiveMode::Recursive)?;
    }
    Ok(How::Told { _watcher: watcher, events })
}

fn polled(dirs: &[PathBuf]) -> How {
    How::Polled { last: snapshot(dirs) }
}

/// Whether an event under `dirs` is an edit. Reading a file is not (the server reads the
/// folders itself at every rebuild), nor is a change of its times alone (reading one may update
/// its access time), nor a change to hidden files only (see [`hidden`]). An error is taken as
/// an edit: events may have been lost, so the files are looked at again.
fn is_edit(event: &notify::Result<Event>, dirs: &[PathBuf]) -> bool {
    let Ok(event) = event else { return true };
    let kind = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) => false,
        _ => true,
    };
    kind && (event.paths.is_empty() || event.paths.iter().any(|path| !hidden(dirs, path)))
}

/// Whether `path` has a hidden name (one starting with a dot) below the folder of `dirs` it is
/// in: tongbao reads no such file, and editors keep their swap and lock files so (vim's
/// `.T-1.yaml.swp`, written as one types), as git keeps `.git/`.
fn hidden(dirs: &[PathBuf], path: &Path) -> bool {
    let below = dirs.iter().find_map(|dir| path.strip_prefix(dir).ok());
    below.is_some_and(|rel| rel.components().any(|part| part.as_os_str().to_string_lossy().starts_with('.')))
}

fn snapshot(dirs: &[PathBuf]) -> Snapshot {
    let mut out = Vec::new();
    for dir in dirs {
        let walk = walkdir::WalkDir::new(dir).sort_by_file_name().into_iter();
        for entry in walk.filter_entry(|e| !hidden(dirs, e.path())).filter_map(Result::ok) {
            if let Ok(meta) = entry.metadata()
                && meta.is_file()
            {
                out.push((entry.path().to_path_buf(), meta.len(), meta.modified().ok()));
            }
        }
    }
    out
}
