//! tongbao: key-project ledgers, monthly bulletins and meeting handouts from YAML in git.
//!
//! The pipeline, one module per stage, orchestrated by [`build`]:
//! [`load`] → [`check`] → [`figures`] → render ([`render`], [`charts`], [`print`]) → [`output`].
//! [`model`] holds the data contract as types; [`diagnostic`] the findings about it and
//! [`report`] how they are shown.

pub mod charts;
pub mod check;
pub mod demo;
pub mod diagnostic;
pub mod diff;
pub mod figures;
pub mod load;
pub mod model;
pub mod output;
pub mod print;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod schema;

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
    pub theme: PathBuf,
    pub out: PathBuf,
    /// Overrides `report.period`.
    pub period: Option<Month>,
    /// Export a PDF next to every printed document.
    pub pdf: bool,
    /// The browser for PDFs; default: the first Chromium found on PATH.
    pub browser: Option<PathBuf>,
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

/// A finished build: what was written and how long each stage took.
#[derive(Debug)]
pub struct BuildReport {
    pub files: usize,
    pub bytes: u64,
    pub stages: Vec<(&'static str, Duration)>,
    /// Warnings found in the data, rendered.
    pub warnings: String,
    /// What the PDF export has to say: skipped, or which documents failed.
    pub pdf_notes: Vec<String>,
}

impl BuildReport {
    pub fn summary(&self) -> String {
        let total: Duration = self.stages.iter().map(|(_, d)| *d).sum();
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

/// Runs every load and validation rule over `data`, without rendering. Fails only when the
/// folder itself cannot be read.
pub fn inspect(data: &std::path::Path) -> Result<Inspection, Failure> {
    if !data.is_dir() {
        return Err(Failure::Other(format!("错误：数据目录 {} 不存在\n", data.display())));
    }
    let loaded = load::load(data);
    let mut findings = loaded.diagnostics;
    if let Some(ds) = &loaded.dataset {
        findings.extend(check::check(ds, &loaded.sources));
    }
    findings.sort();
    Ok(Inspection { findings, sources: loaded.sources, dataset: loaded.dataset })
}

/// Loads and checks a data folder; on success, the dataset and the rendered warnings.
pub fn load_and_check(data: &std::path::Path) -> Result<(Dataset, String), Failure> {
    let inspection = inspect(data)?;
    let rendered = report::human(&inspection.findings, &inspection.sources);
    match inspection.dataset {
        Some(ds) if !inspection.findings.iter().any(Diagnostic::is_error) => Ok((ds, rendered)),
        _ => Err(Failure::Data(rendered)),
    }
}

/// `tongbao build`: load → check → figures → render → write. A failed build leaves the
/// previous output untouched.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Failure> {
    let mut stages = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, stages: &mut Vec<(&'static str, Duration)>| {
        stages.push((name, clock.elapsed()));
        clock = Instant::now();
    };
    let (ds, warnings) = load_and_check(&options.data)?;
    lap("读取与检查", &mut stages);
    let all = figures::compute_all(&ds);
    let current = options.period.or(ds.config.report.period).or_else(|| ds.periods_of_year().last().copied());
    let Some(current) = current.filter(|p| ds.progress.contains_key(p)) else {
        return Err(Failure::Other("错误：找不到报告期的月报文件；用 --period 指定一个已有月报的月份\n".into()));
    };
    lap("计算指标", &mut stages);
    let theme = render::Theme::load(&options.theme).map_err(Failure::Other)?;
    let fmt = render::Formatter::new(&ds.config);
    let ctx = render::Ctx::new(&ds, &all, current, &fmt, &theme).map_err(Failure::Other)?;
    let mut site = render::render_site(&ctx).map_err(Failure::Other)?;
    lap("渲染页面", &mut stages);
    site.extend(print::documents(&ctx).map_err(Failure::Other)?);
    site.sort_by(|a, b| a.path.cmp(&b.path));
    lap("渲染文书", &mut stages);
    let mut pdf_notes = Vec::new();
    let printed: Vec<String> = site.iter().map(|p| p.path.clone()).filter(|p| print::is_printed(p)).collect();
    let written = output::write_site(&options.out, &site, &theme.static_dir, |dir| {
        if !options.pdf {
            return output::Written { files: 0, bytes: 0 };
        }
        let Some(browser) = print::pdf::find_browser(options.browser.as_deref()) else {
            pdf_notes.push(print::pdf::HOW_TO_GET.to_string());
            return output::Written { files: 0, bytes: 0 };
        };
        let (made, failed) = print::pdf::print_all(&browser, dir, &printed);
        pdf_notes.extend(failed.into_iter().map(|f| format!("PDF 导出失败：{f}")));
        let bytes = made.iter().filter_map(|p| std::fs::metadata(dir.join(p)).ok()).map(|m| m.len()).sum();
        output::Written { files: made.len(), bytes }
    })
    .map_err(Failure::Other)?;
    lap(if options.pdf { "写入与 PDF" } else { "写入" }, &mut stages);
    Ok(BuildReport { files: written.files, bytes: written.bytes, stages, warnings, pdf_notes })
}
