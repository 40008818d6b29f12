//! The command line: thin wrappers over the library's stages.

/// mimalloc: the build allocates millions of small strings from two threads; measured on the
/// 10k benchmark it cuts both user and kernel time (see docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use tongbao::model::{Date, Month};
use tongbao::report::{self, Format};
use tongbao::scaffold;
use tongbao::{BuildOptions, Failure};

/// The version and the commit it was built from: `0.1.0（提交 f8d95e5）`, set by build.rs.
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "（提交 ", env!("TONGBAO_COMMIT"), "）");

#[derive(Parser)]
#[command(name = "tongbao", version = VERSION, about = "通报：重点项目台账、月度通报与会议材料的静态生成器")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 把数据目录生成为静态网站
    Build {
        /// 数据目录
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// 主题目录（含 templates/ 与 static/）
        #[arg(long, default_value = "themes/default")]
        theme: PathBuf,
        /// 输出目录
        #[arg(long, default_value = "site")]
        out: PathBuf,
        /// 报告期 YYYY-MM（默认取 config.yaml 的 report.period 或最新月报）
        #[arg(long)]
        period: Option<Month>,
        /// 不打印进度与耗时
        #[arg(long)]
        quiet: bool,
        /// 同时为通报、会议纪要和会议材料导出 PDF（需要 Chromium）
        #[arg(long)]
        pdf: bool,
        /// 导出 PDF 所用的浏览器（默认在 PATH 中查找 chromium、google-chrome、microsoft-edge）
        #[arg(long)]
        browser: Option<PathBuf>,
        /// 打印各阶段用时、每秒页数与内存峰值
        #[arg(long)]
        timings: bool,
    },
    /// 生成可直接通过检查的新文件：项目、月报、会议纪要
    New {
        /// 数据目录
        #[arg(long, default_value = "data")]
        data: PathBuf,
        #[command(subcommand)]
        what: NewWhat,
    },
    /// 比较两份数据（目录或 git 版本，如 HEAD~1、main）对发布数据的影响，输出 Markdown
    Diff {
        /// 变更前：数据目录或 git 版本
        old: String,
        /// 变更后：数据目录或 git 版本
        new: String,
        /// 用 git 版本时，数据目录在仓库中的位置
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// 另写一份 HTML 页面
        #[arg(long)]
        html: Option<PathBuf>,
        /// 主题目录：两边的页面都用它生成并逐页比较
        #[arg(long, default_value = "themes/default")]
        theme: PathBuf,
    },
    /// 生成任意规模的演示数据（同一种子生成同样的数据），用于压力测试与基准
    Demo {
        /// 项目个数
        #[arg(long, default_value_t = 1000)]
        projects: usize,
        /// 月报覆盖的年数（截至 2026 年）
        #[arg(long, default_value_t = 1)]
        years: i32,
        /// 会议个数
        #[arg(long, default_value_t = 50)]
        meetings: usize,
        /// 随机种子
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// 输出目录
        #[arg(long)]
        out: PathBuf,
    },
    /// 输出命令行补全脚本，如 `tongbao completions bash > /etc/bash_completion.d/tongbao`
    Completions {
        /// 哪种 shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// 生成数据文件的 JSON Schema，供 VS Code 等编辑器补全与校验
    Schema {
        /// 数据目录（取其中 config.yaml 的取值列表）
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// 输出目录
        #[arg(long, default_value = "data/schema")]
        out: PathBuf,
    },
    /// 在本机预览网站：修改数据或主题后自动更新，数据有错时在页面上显示
    Serve {
        /// 数据目录
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// 主题目录
        #[arg(long, default_value = "themes/default")]
        theme: PathBuf,
        /// 端口（0 为任选一个空闲端口）
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// 报告期 YYYY-MM
        #[arg(long)]
        period: Option<Month>,
        /// 定时检查文件是否改动，而不靠系统的变更通知（数据放在网络共享目录上时用）
        #[arg(long)]
        poll: bool,
    },
    /// 把一期台账导出为 Excel 工作簿（附件1 的格式）
    Export {
        /// 数据目录
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// 报告期 YYYY-MM（默认取 config.yaml 的 report.period 或最新月报）
        #[arg(long)]
        period: Option<Month>,
        /// 输出的 .xlsx 文件
        #[arg(long)]
        out: PathBuf,
    },
    /// 生成某月的填报表：每个责任单位一个 Excel 工作簿，发给各单位填写后用 import 读回
    Forms {
        /// 填报月份 YYYY-MM
        period: Month,
        /// 数据目录
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// 输出目录（默认 填报表-YYYY-MM）
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// 把填好的填报表或原有台账（Excel/WPS 工作簿）导入为某月的月报 progress/YYYY-MM.yaml
    Import {
        /// 要导入的工作簿（.xlsx、.xls、.ods），可以多个
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 导入到哪个月 YYYY-MM
        #[arg(long)]
        period: Month,
        /// 数据目录
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// 为表中对不上已有项目的行新建项目文件（从原有台账开始使用 tongbao 时用），并列入 --year 年的计划
        #[arg(long)]
        new_projects: bool,
        /// --new-projects 新建项目的计划年度（默认为 --period 的年份）
        #[arg(long)]
        year: Option<i32>,
    },
    /// 只检查数据，不生成网站：无错误退出 0，有错误退出 1，用法或读写错误退出 2
    Check {
        /// 数据目录
        #[arg(long, default_value = "data")]
        data: PathBuf,
        /// 输出格式
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// 有警告也以退出码 1 结束
        #[arg(long)]
        deny_warnings: bool,
    },
}

#[derive(Subcommand)]
enum NewWhat {
    /// 新项目 projects/<年度>/<编号>.yaml
    Project { id: String },
    /// 新月报 progress/<YYYY-MM>.yaml，沿用上月数据，并把 config.yaml 的报告期改为该月
    Month { period: Month },
    /// 新会议纪要 meetings/<日期>-<简称>.md
    Meeting { date: Date, slug: String },
}

/// mimalloc's `mi_option_purge_delay` (mimalloc.h; the same number in v2 and in v3, which
/// libmimalloc-sys builds): how long freed memory waits before it is returned to the system. A
/// build frees and reuses hundreds of MB; returning it makes the kernel zero the same pages
/// again (measured: 10k build 3.2 → 2.7 s on tmpfs).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // SAFETY: setting an allocator option takes no pointers; mimalloc allows it at any time.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    match Cli::parse().command {
        Command::Build { data, theme, out, period, quiet, pdf, browser, timings } => {
            // Before any thread starts: Ctrl+C then removes the unfinished output.
            tongbao::output::stop::on_signals();
            let options = BuildOptions { data, theme, out, period, pdf, browser };
            let progress = Progress::start(quiet);
            let built = tongbao::build_with_progress(&options, &|phase| progress.phase(phase));
            progress.finish();
            match built {
                Ok(report) => {
                    if timings {
                        eprint!("{}", report.timings());
                    }
                    eprint!("{}", report.warnings);
                    for note in &report.pdf_notes {
                        eprintln!("{note}");
                    }
                    if !quiet {
                        eprintln!("{}", report.summary());
                    }
                    if report.pdf_failed { ExitCode::from(tongbao::print::pdf::EXIT_FAILED) } else { ExitCode::SUCCESS }
                }
                Err(failure) => fail(&failure),
            }
        }
        Command::New { data, what } => {
            let what = match what {
                NewWhat::Project { id } => scaffold::What::Project(id),
                NewWhat::Month { period } => scaffold::What::Month(period),
                NewWhat::Meeting { date, slug } => scaffold::What::Meeting(date, slug),
            };
            match scaffold::new(&data, what) {
                Ok(done) => {
                    eprintln!("{done}");
                    ExitCode::SUCCESS
                }
                Err(failure) => fail(&failure),
            }
        }
        Command::Diff { old, new, data, html, theme } => {
            let compared = tongbao::render::Theme::load(&theme).map_err(Failure::Other).and_then(|theme| {
                let (old, new) = (tongbao::diff::open(&old, &data)?, tongbao::diff::open(&new, &data)?);
                tongbao::diff::compare(&old, &new, &theme)
            });
            match compared {
                Ok(changes) => {
                    print!("{}", tongbao::diff::markdown(&changes));
                    if let Some(path) = html
                        && let Err(e) = std::fs::write(&path, tongbao::diff::html(&changes))
                    {
                        return fail(&Failure::Other(format!("错误：无法写入 {}：{e}\n", path.display())));
                    }
                    ExitCode::SUCCESS
                }
                Err(failure) => fail(&failure),
            }
        }
        Command::Serve { data, theme, port, period, poll } => {
            let options = BuildOptions { data, theme, out: PathBuf::new(), period, pdf: false, browser: None };
            match tongbao::serve::serve(options, port, poll) {
                Ok(()) => ExitCode::SUCCESS,
                Err(failure) => fail(&failure),
            }
        }
        Command::Demo { projects, years, meetings, seed, out } => {
            let size = tongbao::demo::Size { projects, years, meetings, seed };
            match tongbao::demo::write(size, &out) {
                Ok(files) => {
                    eprintln!("已生成演示数据 {files} 个文件：{}", out.display());
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&Failure::Other(e)),
            }
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut Cli::command(), "tongbao", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Schema { data, out } => match tongbao::load_and_check(&data) {
            Ok((ds, _)) => match tongbao::schema::write(&ds, &out) {
                Ok(()) => {
                    eprintln!("已生成 JSON Schema：{}", out.display());
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&Failure::Other(format!("错误：无法写入 {}：{e}\n", out.display()))),
            },
            Err(failure) => fail(&failure),
        },
        Command::Forms { period, data, out } => {
            let out = out.unwrap_or_else(|| PathBuf::from(format!("填报表-{period}")));
            match tongbao::sheets::write_forms(&data, period, &out) {
                Ok(files) => {
                    eprintln!("已生成 {} 个单位的填报表：{}", files.len(), out.display());
                    ExitCode::SUCCESS
                }
                Err(failure) => fail(&failure),
            }
        }
        Command::Import { files, period, data, new_projects, year } => {
            let new_projects = new_projects.then(|| year.unwrap_or(period.year));
            match tongbao::import::import(&tongbao::import::Options { files, period, data, new_projects }) {
                Ok(said) => {
                    eprint!("{said}");
                    ExitCode::SUCCESS
                }
                Err(failure) => fail(&failure),
            }
        }
        Command::Export { data, period, out } => {
            let written = tongbao::sheets::export_ledger(&data, period).and_then(|bytes| {
                std::fs::write(&out, bytes)
                    .map_err(|e| Failure::Other(format!("错误：无法写入 {}：{e}\n", out.display())))
            });
            match written {
                Ok(()) => {
                    eprintln!("已导出台账：{}", out.display());
                    ExitCode::SUCCESS
                }
                Err(failure) => fail(&failure),
            }
        }
        Command::Check { data, format, deny_warnings } => match tongbao::inspect(&data) {
            Ok(inspection) => {
                let failed = inspection.has_errors() || (deny_warnings && !inspection.findings.is_empty());
                match format {
                    Format::Human => {
                        eprint!("{}", report::human(&inspection.findings, &inspection.sources));
                        if !failed {
                            eprintln!("检查通过（{} 个警告）", inspection.findings.len());
                        }
                    }
                    Format::Json => print!("{}", report::json(&inspection.findings, &inspection.sources, &data)),
                    Format::Github => print!("{}", report::github(&inspection.findings, &data)),
                    Format::Gitlab => print!("{}", report::gitlab(&inspection.findings, &data)),
                }
                if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
            }
            Err(failure) => fail(&failure),
        },
    }
}

/// A progress bar on the terminal for builds that take more than a second; nothing when
/// stderr is not a terminal or with `--quiet`.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

/// How long a build runs before its progress bar appears.
const PROGRESS_AFTER: std::time::Duration = std::time::Duration::from_secs(1);

impl Progress {
    fn start(quiet: bool) -> Progress {
        use std::io::IsTerminal;
        if quiet || !std::io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(tongbao::PHASES.len() as u64),
            indicatif::ProgressDrawTarget::hidden(),
        );
        if let Ok(style) = indicatif::ProgressStyle::with_template("{elapsed:>3} [{bar:30}] {pos}/{len} {msg}") {
            bar.set_style(style.progress_chars("=> "));
        }
        let shown = bar.clone();
        std::thread::spawn(move || {
            std::thread::sleep(PROGRESS_AFTER);
            if !shown.is_finished() {
                shown.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                shown.enable_steady_tick(std::time::Duration::from_millis(120));
            }
        });
        Progress { bar: Some(bar) }
    }

    fn phase(&self, index: usize) {
        if let Some(bar) = &self.bar {
            bar.set_position(index as u64);
            bar.set_message(tongbao::PHASES[index]);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn fail(failure: &Failure) -> ExitCode {
    eprint!("{failure}");
    match failure {
        Failure::Data(_) => ExitCode::from(1),
        Failure::Other(_) => ExitCode::from(2),
    }
}
