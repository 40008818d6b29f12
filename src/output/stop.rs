//! A build stopped by Ctrl+C (SIGINT) or SIGTERM: its staging folders are removed before the
//! process ends, and never while the output is being swapped (the swap finishes first), so
//! the previous site stays whole. A build killed outright (SIGKILL) leaves its staging folder;
//! the next build removes it (see [`super::marker::abandoned`]).
//!
//! Unix only: the signals are blocked in every thread and one thread waits for them
//! (`sigwait`), so nothing runs inside a signal handler. Elsewhere a stopped build's folder
//! is left to the next build.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

/// The staging folders of this process's builds under way.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Held while an output folder is swapped: a stop waits for it.
pub static SWAP: Mutex<()> = Mutex::new(());

/// Set once the process is stopping: no more files are written.
static STOPPING: AtomicBool = AtomicBool::new(false);

/// Whether the process is stopping, and writing any more is pointless.
pub fn stopping() -> bool {
    STOPPING.load(Ordering::Relaxed)
}

pub fn register(dir: &Path) {
    LIVE.lock().unwrap_or_else(PoisonError::into_inner).push(dir.to_path_buf());
}

pub fn unregister(dir: &Path) {
    LIVE.lock().unwrap_or_else(PoisonError::into_inner).retain(|d| d != dir);
}

/// Removes every staging folder under way. Writers already past their check of [`stopping`]
/// may add a file meanwhile, so it tries again, a moment apart, until they are gone.
fn remove_live() {
    STOPPING.store(true, Ordering::Relaxed);
    let _swap = SWAP.lock().unwrap_or_else(PoisonError::into_inner);
    for _ in 0..50 {
        let live = LIVE.lock().unwrap_or_else(PoisonError::into_inner).clone();
        for dir in &live {
            let _ = std::fs::remove_dir_all(dir);
        }
        if live.iter().all(|dir| !dir.exists()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Makes SIGINT and SIGTERM end the process (exit 130 and 143) after removing the staging
/// folders. Call before any other thread is started, so that every thread inherits the
/// blocked signals.
#[cfg(unix)]
pub fn on_signals() {
    // SAFETY: the signal set is a plain value initialised by sigemptyset before use;
    // pthread_sigmask and sigwait take pointers to it that live for each call.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGINT);
        libc::sigaddset(&mut set, libc::SIGTERM);
        if libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut()) != 0 {
            return;
        }
        let waiter = std::thread::Builder::new().name("signals".into()).spawn(move || {
            let mut signal: libc::c_int = 0;
            if libc::sigwait(&set, &mut signal) == 0 {
                remove_live();
                eprintln!("\n已中断：未完成的输出已删除，原网站保持不变");
                std::process::exit(128 + signal);
            }
        });
        if waiter.is_err() {
            // No thread to wait for them: let the signals end the process as they would.
            libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        }
    }
}

#[cfg(not(unix))]
pub fn on_signals() {}
