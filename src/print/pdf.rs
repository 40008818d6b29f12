//! PDF export: each printed HTML page printed by a headless Chromium, in parallel (bounded by
//! the cores), each with a fresh profile. A failing PDF is reported by name and leaves no file;
//! the build still publishes the site, and exits with [`EXIT_FAILED`]. The PDF's dates are set
//! to the document's date afterwards, so that the same data prints to the same bytes.

use crate::model::Date;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Browsers looked for on PATH, in order.
const BROWSERS: [&str; 5] = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "microsoft-edge"];

/// How long one document may take to print.
const TIMEOUT: Duration = Duration::from_secs(90);

/// The exit code of a build asked for PDFs that did not get every one (no browser, or a
/// document that failed): the site is published all the same.
pub const EXIT_FAILED: u8 = 3;

/// What to tell a user with no browser.
pub const HOW_TO_GET: &str = "未找到 Chromium，已跳过 PDF 导出（网页版文书已生成，可在浏览器中打印）。安装：apt-get install chromium fonts-noto-cjk，或用 --browser 指定浏览器";

/// The browser named, or the first of [`BROWSERS`] found on PATH.
pub fn find_browser(named: Option<&Path>) -> Option<PathBuf> {
    if let Some(path) = named {
        return path.is_file().then(|| path.to_path_buf());
    }
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths).flat_map(|dir| BROWSERS.iter().map(move |b| dir.join(b))).find(|p| p.is_file())
}

/// Prints `html` to `pdf` with `browser`, dated `date`; the error says why. Whatever was at
/// `pdf` before (an earlier build's PDF, in a reused folder) is removed first, and whatever a
/// failed print left there after: a PDF found there is this print's, of this `html`.
///
/// A document with a 版记 on a page of its own (the bulletin) is printed again when the 版记
/// falls on an odd page, the front of a sheet: GB/T 9704 puts the 版记 on the last side, the back
/// of the last sheet printed on both sides. First, where the document allows it
/// ([`IMPRINT_BELOW`]), with the 版记 at the foot of the last attachment's page, which is even;
/// that print is kept when it has one page fewer. Otherwise with a blank page before the 版记
/// (the page [`BACK_SIDE`] names), numbering neither the blank page nor the 版记's.
pub fn print(browser: &Path, html: &Path, pdf: &Path, date: Date) -> Result<(), String> {
    let _ = std::fs::remove_file(pdf);
    // The bytes of `html` printed at `fragment` (`#…` or nothing).
    let print_at = |fragment: &str| {
        print_once(browser, html, fragment, pdf)?;
        std::fs::read(pdf).map_err(|e| e.to_string())
    };
    let printed = print_at("").and_then(|mut bytes| {
        let count = pages(&bytes);
        let text = std::fs::read_to_string(html).unwrap_or_default();
        let holds = |id: &str| text.contains(&format!("id=\"{id}\""));
        if count % 2 == 1 && holds(BACK_SIDE) {
            let below = if holds(IMPRINT_BELOW) {
                Some(print_at(&format!("#{IMPRINT_BELOW}"))?).filter(|b| pages(b) == count - 1)
            } else {
                None
            };
            bytes = match below {
                Some(below) => below,
                None => print_at(&format!("#{BACK_SIDE}"))?,
            };
        }
        set_dates(&mut bytes, date);
        std::fs::write(pdf, bytes).map_err(|e| e.to_string())
    });
    if printed.is_err() {
        let _ = std::fs::remove_file(pdf);
    }
    printed
}

/// The `id` of the blank page a document may hold before its 版记, shown (by CSS `:target`)
/// only when the address names it.
pub const BACK_SIDE: &str = "back-side";

/// The `id` of the mark by which a document may set its 版记 at the foot of its last attachment's
/// page (CSS `:target`), when the address names it.
pub const IMPRINT_BELOW: &str = "imprint-below";

/// How many pages the PDF `bytes` has: its page objects (`/Type /Page`, not `/Pages`).
fn pages(bytes: &[u8]) -> usize {
    let key = b"/Type /Page";
    bytes.windows(key.len() + 1).filter(|w| w.starts_with(key) && w[key.len()] != b's').count()
}

/// Prints `html`, at `fragment` (`#…` or nothing), to `pdf`.
fn print_once(browser: &Path, html: &Path, fragment: &str, pdf: &Path) -> Result<(), String> {
    let profile = std::env::temp_dir().join(format!(
        "tongbao-chromium-{}-{}",
        std::process::id(),
        pdf.to_string_lossy().bytes().fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)))
    ));
    let url = format!("file://{}{fragment}", html.canonicalize().map_err(|e| e.to_string())?.display());
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--run-all-compositor-stages-before-draw",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        // Dates in UTC (`+00'00'`), the same length wherever the build runs.
        .env("TZ", "UTC")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("无法启动 {}：{e}", browser.display()))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Ok(status),
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                break Err(format!("超过 {} 秒未完成", TIMEOUT.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => break Err(e.to_string()),
        }
    };
    let _ = std::fs::remove_dir_all(&profile);
    match status? {
        s if s.success() && pdf.is_file() => Ok(()),
        s => Err(format!("浏览器退出码 {:?}，未生成 PDF", s.code())),
    }
}

/// Sets the PDF's `/CreationDate` and `/ModDate` (Chromium writes the moment it printed) to
/// midnight UTC of `date`, in place and at the same length, so that the offsets of the PDF's
/// cross-reference table stay right.
pub fn set_dates(pdf: &mut [u8], date: Date) {
    let stamp = format!("{:04}{:02}{:02}000000+00'00'", date.year, date.month, date.day);
    for key in [&b"/CreationDate (D:"[..], &b"/ModDate (D:"[..]] {
        let mut from = 0;
        while let Some(at) = pdf[from..].windows(key.len()).position(|w| w == key) {
            let start = from + at + key.len();
            let end = start + stamp.len();
            let old = pdf.get(start..end).unwrap_or_default();
            let digits = old.len() == stamp.len() && old[..14].iter().all(u8::is_ascii_digit);
            if digits
                && old[14..].iter().zip(stamp[14..].bytes()).all(|(a, b)| a.is_ascii_digit() == b.is_ascii_digit())
            {
                pdf[start..end].copy_from_slice(stamp.as_bytes());
            }
            from = start;
        }
    }
}

/// Prints every page of `pages` (paths relative to `dir`) next to itself, dated `date`; returns
/// the failures as "path：reason", the successes as the PDF paths.
pub fn print_all(browser: &Path, dir: &Path, pages: &[String], date: Date) -> (Vec<String>, Vec<String>) {
    let results: Vec<Result<String, String>> = pages
        .par_iter()
        .map(|page| {
            let pdf = page.trim_end_matches(".html").to_string() + ".pdf";
            print(browser, &dir.join(page), &dir.join(&pdf), date).map(|()| pdf).map_err(|e| format!("{page}：{e}"))
        })
        .collect();
    let (ok, failed): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    (ok.into_iter().filter_map(Result::ok).collect(), failed.into_iter().filter_map(Result::err).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pages are counted by their page objects, as Skia writes them, not by the tree above them.
    #[test]
    fn pages_are_the_page_objects() {
        let pdf = b"<</Type /Pages\n/Count 3\n/Kids [2 0 R 3 0 R 4 0 R]>>\n<</Type /Page\n/Parent 1 0 R>>\n<</Type /Page\n>>\n<</Type /Page /Parent 1 0 R>>";
        assert_eq!(pages(pdf), 3);
        assert_eq!(pages(b"<</Type /Pages\n/Count 0>>"), 0);
    }
}
