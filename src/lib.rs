//! tongbao: key-project ledgers, monthly bulletins and meeting handouts from YAML in git.
//!
//! The pipeline, one module per stage, orchestrated by [`build`]:
//! [`load`] → [`check`] → [`figures`] → render ([`render`], [`charts`], [`print`], [`sheets`]) → [`output`];
//! [`import`] goes the other way, from workbooks into the data.
//! [`model`] holds the data contract as types; [`diagnostic`] the findings about it and
//! [`report`] how they are shown.

pub mod charts;
pub mod check;
pub mod cli_chinese;
pub mod demo;
pub mod diagnostic;
pub mod diff;
pub mod figures;
pub mod folders;
pub mod import;
pub mod init;
pub mod load;
pub mod model;
pub mod output;
pub mod print;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod sheets;

use diagnostic::Diagnostic;
use load::Sources;
use model::{Dataset, Month};
use std::fmt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What `tongbao build` is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub data: PathBuf,
    /// A theme folder laid over the built-in default theme; `None`: the default alone.
    pub theme: Option<PathBuf>,
    pub out: PathBuf,
    /// Overrides `report.period`.
    pub period: Option<Month>,
    /// Export a PDF next to every printed document.
    pub pdf: bool,
    /// The browser for PDFs; default: the first Chromium found on PATH.
    pub browser: Option<PathBuf>,
    /// Write every period's workbook and CSV (`downloads/`); `--no-downloads` turns it off.
    pub downloads: bool,
}

/// Why a build or check failed.
#[derive(Debug)]
pub enum Failure {
    /// The data has errors: every finding, rendered with source snippets.
    Data(String),
    /// Anything else: a theme error, an I/O error.
    Other(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Data(text) | Failure::Other(text) => f.write_str(text),
        }
    }
}

/// A finished build: what was read and written and how long each stage took.
#[derive(Debug)]
pub struct BuildReport {
    /// The data files read, and their bytes together.
    pub data: (usize, u64),
    pub files: usize,
    pub bytes: u64,
    pub stages: Vec<(&'static str, Duration)>,
    /// Time spent drawing charts, summed over the cores: charts are drawn inside the two
    /// rendering phases, beside the pages that show them.
    pub charts: Duration,
    /// Warnings found in the data, rendered.
    pub warnings: String,
    /// What the PDF export has to say: skipped, or which documents failed.
    pub pdf_notes: Vec<String>,
    /// PDFs were asked for and not every one was made (exit [`print::pdf::EXIT_FAILED`]).
    pub pdf_failed: bool,
    /// Peak resident memory of the build, in bytes, where the system tells.
    pub peak_memory: Option<u64>,
    /// CPU time of the build in user and in system (kernel) mode, where the system tells.
    pub cpu: Option<(Duration, Duration)>,
}

impl BuildReport {
    pub fn total(&self) -> Duration {
        self.stages.iter().map(|(_, d)| *d).sum()
    }

    /// The table of `--timings`: each phase, the total, and throughput and memory.
    pub fn timings(&self) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let mut out = String::from("阶段          用时（毫秒）\n");
        let row = |name: &str, d: Duration| {
            let pad = 16usize.saturating_sub(unicode_width::UnicodeWidthStr::width(name));
            format!("{name}{}{:>10.1}\n", " ".repeat(pad), ms(d))
        };
        for (name, d) in &self.stages {
            out.push_str(&row(name, *d));
        }
        out.push_str(&row("合计", self.total()));
        out.push_str(&row("其中绘图(CPU)", self.charts));
        let per_second = self.files as f64 / self.total().as_secs_f64().max(1e-9);
        out.push_str(&format!("数据 {} 个文件，{:.1} MB；", self.data.0, self.data.1 as f64 / 1_048_576.0));
        out.push_str(&format!(
            "文件 {} 个，{:.1} MB，每秒 {:.0} 个",
            self.files,
            self.bytes as f64 / 1_048_576.0,
            per_second
        ));
        if let Some(peak) = self.peak_memory {
            out.push_str(&format!("，内存峰值 {:.0} MB", peak as f64 / 1_048_576.0));
        }
        if let Some((user, system)) = self.cpu {
            out.push_str(&format!("，CPU 用户态 {:.2} s、内核态 {:.2} s", user.as_secs_f64(), system.as_secs_f64()));
        }
        out.push('\n');
        out
    }

    pub fn summary(&self) -> String {
        let total = self.total();
        let stages: Vec<String> =
            self.stages.iter().map(|(name, d)| format!("{name} {:.1} ms", d.as_secs_f64() * 1000.0)).collect();
        format!(
            "已生成 {} 个文件（{:.1} MB），用时 {:.0} ms：{}",
            self.files,
            self.bytes as f64 / 1_048_576.0,
            total.as_secs_f64() * 1000.0,
            stages.join("，")
        )
    }
}

/// Everything the load and check stages find in a data folder.
#[derive(Debug)]
pub struct Inspection {
    /// Sorted by file and position.
    pub findings: Vec<Diagnostic>,
    pub sources: Sources,
    /// `None` when config.yaml or orgs.yaml could not be read.
    pub dataset: Option<Dataset>,
}

impl Inspection {
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(Diagnostic::is_error)
    }
}

/// Reads a data folder (stage 1), through `cache` when given (see [`load::load`]). Fails only
/// when the folder itself cannot be read.
fn load_folder(data: &std::path::Path, cache: Option<&mut load::Cache>) -> Result<load::Loaded, Failure> {
    if !data.is_dir() {
        return Err(Failure::Other(format!("错误：数据目录 {} 不存在\n", data.display())));
    }
    Ok(load::load(data, cache))
}

/// Runs the validation rules over what was loaded (stage 2).
fn check_loaded(loaded: load::Loaded) -> Inspection {
    let mut findings = loaded.diagnostics;
    if let Some(ds) = &loaded.dataset {
        findings.extend(check::check(ds, &loaded.sources));
    }
    findings.sort();
    Inspection { findings, sources: loaded.sources, dataset: loaded.dataset }
}

/// Runs every load and validation rule over `data`, without rendering. Fails only when the
/// folder itself cannot be read.
pub fn inspect(data: &std::path::Path) -> Result<Inspection, Failure> {
    load_folder(data, None).map(check_loaded)
}

/// A checked dataset, where each of its records came from, and its warnings, rendered; or
/// every finding when there are errors.
pub(crate) fn accept_with_sources(inspection: Inspection) -> Result<(Dataset, Sources, String), Failure> {
    let rendered = report::human(&inspection.findings, &inspection.sources);
    match inspection.dataset {
        Some(ds) if !inspection.findings.iter().any(Diagnostic::is_error) => Ok((ds, inspection.sources, rendered)),
        _ => Err(Failure::Data(rendered)),
    }
}

/// A checked dataset and its warnings, rendered; or every finding when there are errors.
fn accept(inspection: Inspection) -> Result<(Dataset, String), Failure> {
    accept_with_sources(inspection).map(|(ds, _, warnings)| (ds, warnings))
}

/// Loads and checks a data folder; on success, the dataset and the rendered warnings.
pub fn load_and_check(data: &std::path::Path) -> Result<(Dataset, String), Failure> {
    inspect(data).and_then(accept)
}

/// A checked dataset with the figures of every period: what `tongbao serve` keeps in memory.
pub struct Prepared {
    pub ds: Dataset,
    pub all: Vec<figures::PeriodFigures>,
    pub current: Month,
    /// Warnings found in the data, rendered.
    pub warnings: String,
}

/// The report period: `--period`, else config's `report.period`, else the latest month of the year.
pub(crate) fn current_period(ds: &Dataset, asked: Option<Month>) -> Result<Month, Failure> {
    let current = asked.or(ds.config.report.period).or_else(|| ds.periods_of_year().last().copied());
    current
        .filter(|p| ds.progress.contains_key(p))
        .ok_or_else(|| Failure::Other("错误：找不到报告期的月报文件；用 --period 指定一个已有月报的月份\n".into()))
}

/// Loads (re-reading only what changed since `cache` saw it), checks and computes figures.
pub fn prepare(options: &BuildOptions, cache: &mut load::Cache) -> Result<Prepared, Failure> {
    let (ds, warnings) = accept(check_loaded(load_folder(&options.data, Some(cache))?))?;
    let all = figures::compute_all(&ds);
    let current = current_period(&ds, options.period)?;
    Ok(Prepared { ds, all, current, warnings })
}

/// The phases of a build, in order: what `--timings` reports and the progress bar shows. Pages
/// and documents render in one phase, side by side, and each is written to the staging folder
/// as soon as it is made (a period's ledger page renders with its bulletin, which shows the
/// same table as 附件1); the PDFs, when asked for, are printed from there; the last phase
/// removes what the previous output had and this build did not write, records the marker and
/// swaps the new site in ([`output`]).
pub const PHASES: [&str; 6] = ["读取", "检查", "计算指标", "渲染并写出文件", "导出 PDF", "换入输出目录"];

/// The phase of [`PHASES`] that only a build with `--pdf` has.
const PDF_PHASE: usize = 4;

/// What a build tells whoever shows its progress (the command line's progress bar).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Phase [`PHASES`]`[i]` begins.
    Phase(usize),
    /// About how many files the build will write: as many as the output it replaces has, its
    /// PDFs left out when none are asked for, its marker counted (a first build does not know).
    Expect(usize),
    /// How many files are written so far.
    Written(usize),
}

/// Measures the phases of a build and tells an observer when each begins.
struct Phases<'a> {
    done: Vec<(&'static str, Duration)>,
    under_way: Option<usize>,
    clock: Instant,
    observe: &'a (dyn Fn(Step) + Sync),
}

impl Phases<'_> {
    /// Ends the phase under way (if any) and starts phase `index` (none when past the last).
    fn next(&mut self, index: usize) {
        if let Some(ended) = self.under_way {
            self.done.push((PHASES[ended], self.clock.elapsed()));
        }
        self.clock = Instant::now();
        self.under_way = (index < PHASES.len()).then_some(index);
        if index < PHASES.len() {
            (self.observe)(Step::Phase(index));
        }
    }
}

/// The peak resident memory of this process so far (Linux; `None` elsewhere).
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse::<u64>()
        .ok()?;
    Some(kb * 1024)
}

/// The CPU time of this process so far, in user and in system (kernel) mode (Linux; `None`
/// elsewhere). /proc/self/stat counts it in the kernel's USER_HZ, 100 per second.
pub fn cpu_time() -> Option<(Duration, Duration)> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // After the command name, in parentheses and possibly with spaces: the state (field 3),
    // then on to utime (field 14) and stime (field 15).
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<u64>().ok().map(|t| Duration::from_millis(t * 10));
    Some((ticks(11)?, ticks(12)?))
}

/// Renders every page and document of the site into `sink`: the ledgers (with their
/// bulletins) one period at a time, the rest of the site, the handouts and every period's
/// downloads (workbook and CSV) beside them.
fn render_everything(ctx: &render::Ctx, sink: &render::Sink) -> Result<(), String> {
    let (ledgers, others) = rayon::join(
        || render::render_ledgers(ctx, sink, &print::bulletin),
        || {
            let (site, downloads) = rayon::join(
                || {
                    render::render_site(ctx, sink)
                        .and_then(|()| print::handouts(ctx, sink))
                        .and_then(|()| print::supervision(ctx, sink))
                },
                || sheets::all_downloads(ctx, sink),
            );
            site.and(downloads)
        },
    );
    ledgers.and(others)
}

/// The file at `path` (from the site root) made alone, as the build writes it: a page, a
/// printed document or a download. What `tongbao serve` answers a request with; `None` when the
/// site has no such file.
pub fn render_alone(ctx: &render::Ctx, path: &str) -> Option<Result<render::Page, String>> {
    render::render_one(ctx, path).or_else(|| print::one(ctx, path)).or_else(|| sheets::one(ctx, path))
}

/// Renders every page and document of a checked dataset's site, with its figures `all` and
/// report period `current`, into `sink`, writing nothing.
pub fn render_pages(
    ds: &Dataset,
    all: &[figures::PeriodFigures],
    current: Month,
    theme: &render::Theme,
    sink: &render::Sink,
) -> Result<(), Failure> {
    let fmt = render::Formatter::new(&ds.config);
    let ctx = render::Ctx::new(ds, all, current, &fmt, theme).map_err(Failure::Other)?;
    render_everything(&ctx, sink).map_err(Failure::Other)
}

/// Renders the whole site of a checked dataset in memory and writes nothing: how many pages
/// and bytes it has. What the robustness tests build every accepted dataset with.
pub fn render_in_memory(ds: &Dataset, theme: &render::Theme) -> Result<(usize, u64), Failure> {
    let all = figures::compute_all(ds);
    let current = current_period(ds, None)?;
    let (pages, bytes) = (std::sync::atomic::AtomicUsize::new(0), std::sync::atomic::AtomicU64::new(0));
    let sink = |page: render::Page| {
        pages.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        bytes.fetch_add(page.parts.iter().map(|p| p.len() as u64).sum(), std::sync::atomic::Ordering::Relaxed);
        Ok(())
    };
    render_pages(ds, &all, current, theme, &sink)?;
    Ok((pages.into_inner(), bytes.into_inner()))
}

/// `tongbao build`: load → check → figures → render → write. A failed build leaves the
/// previous output untouched.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Failure> {
    build_with_progress(options, &|_| {})
}

/// [`build`], telling `observe` each [`Step`] as it happens.
pub fn build_with_progress(options: &BuildOptions, observe: &(dyn Fn(Step) + Sync)) -> Result<BuildReport, Failure> {
    let mut phases = Phases { done: Vec::new(), under_way: None, clock: Instant::now(), observe };
    phases.next(0);
    let loaded = load_folder(&options.data, None)?;
    let data = (loaded.sources.files.len(), loaded.sources.files.values().map(|f| f.text.len() as u64).sum());
    phases.next(1);
    let (ds, warnings) = accept(check_loaded(loaded))?;
    phases.next(2);
    let all = figures::compute_all(&ds);
    let current = current_period(&ds, options.period)?;
    phases.next(3);
    let theme = render::Theme::load(options.theme.as_deref()).map_err(Failure::Other)?;
    let fmt = render::Formatter::new(&ds.config);
    let chart_clock = std::sync::atomic::AtomicU64::new(0);
    let ctx = render::Ctx::new(&ds, &all, current, &fmt, &theme)
        .map_err(Failure::Other)?
        .timing_charts(&chart_clock)
        .exporting_pdf(options.pdf)
        .writing_downloads(options.downloads);
    if let Some(listed) = output::marker::listed(&options.out) {
        observe(Step::Expect(listed.iter().filter(|f| options.pdf || !f.ends_with(".pdf")).count() + 1));
    }
    let mut staging = output::Staging::create(&options.out, &theme).map_err(Failure::Other)?;
    let printed = std::sync::Mutex::new(Vec::new());
    let sink = |page: render::Page| {
        if print::is_printed(&page.path) {
            printed.lock().map_err(|_| "错误：内部锁失效\n".to_string())?.push(page.path.clone());
        }
        staging.put(page)?;
        observe(Step::Written(staging.files_so_far()));
        Ok(())
    };
    render_everything(&ctx, &sink).map_err(Failure::Other)?;
    let mut pdf_notes = Vec::new();
    if options.pdf {
        phases.next(PDF_PHASE);
        let mut printed = printed.into_inner().unwrap_or_default();
        printed.sort();
        match print::pdf::find_browser(options.browser.as_deref()) {
            None => pdf_notes.push(print::pdf::HOW_TO_GET.to_string()),
            Some(browser) => {
                let dir = staging.written_dir().map_err(Failure::Other)?;
                // Every PDF is dated the report's date: the same data, the same bytes.
                let date = all
                    .iter()
                    .find(|p| p.period == current)
                    .map_or(model::Date { year: current.year, month: current.month, day: 1 }, |p| p.as_of);
                let (made, failed) = print::pdf::print_all(&browser, dir, &printed, date);
                pdf_notes.extend(failed.into_iter().map(|f| format!("PDF 导出失败：{f}")));
                staging.adopt(&made).map_err(Failure::Other)?;
            }
        }
    }
    phases.next(PDF_PHASE + 1);
    let written = staging.commit().map_err(Failure::Other)?;
    phases.next(PHASES.len());
    Ok(BuildReport {
        data,
        files: written.files,
        bytes: written.bytes,
        stages: phases.done,
        charts: Duration::from_nanos(chart_clock.load(std::sync::atomic::Ordering::Relaxed)),
        warnings,
        pdf_failed: !pdf_notes.is_empty(),
        pdf_notes,
        peak_memory: peak_memory(),
        cpu: cpu_time(),
    })
}
