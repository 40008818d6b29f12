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
    /// 以颜色显示错误与警告：auto 在终端上且未设置环境变量 NO_COLOR 时着色，always 总是，never 从不
    #[arg(long, global = true, value_enum, default_value_t = Colour::Auto)]
    color: Colour,
}

/// `--color`: like cargo's and rustc's.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Colour {
    /// 输出到终端且未设置 NO_COLOR 时着色
    Auto,
    /// 总是着色
    Always,
    /// 从不着色
    Never,
}

impl Colour {
    /// Whether what goes to stderr is painted: `auto` on a terminal unless `NO_COLOR` is set
    /// to something (no-color.org); `always` and `never` as they say.
    fn on_stderr(self) -> bool {
        use std::io::IsTerminal;
        match self {
            Colour::Always => true,
            Colour::Never => false,
            Colour::Auto => {
                std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// 把数据目录生成为静态网站
    Build {
        /// 数据目录（默认：当前目录或最近的上级目录中含 config.yaml 的目录，或其下的 data/）
        #[arg(long)]
        data: Option<PathBuf>,
        /// 主题目录：其中 templates/、static/ 下的文件替换内置默认主题的同名文件（默认只用内置主题）
        #[arg(long)]
        theme: Option<PathBuf>,
        /// 输出目录（默认：数据目录名为 data 时为它旁边的 site/，否则为数据目录下的 site/）
        #[arg(long)]
        out: Option<PathBuf>,
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
        /// 不生成各期台账的 Excel 工作簿与 CSV（downloads/），页面也不链接它们
        #[arg(long)]
        no_downloads: bool,
    },
    /// 新建一个县的数据仓库：设置、单位名单、示例项目与首月月报（均可通过检查）、JSON Schema、CI 配置
    Init {
        /// 新目录（须不存在或为空）
        dir: PathBuf,
        /// 县（市、区）名，如 澄源县
        #[arg(long)]
        name: String,
        /// 首月 YYYY-MM（默认为本月）
        #[arg(long)]
        period: Option<Month>,
    },
    /// 生成可直接通过检查的新文件：项目、月报、会议纪要
    New {
        /// 数据目录（默认：当前目录或最近的上级目录中含 config.yaml 的目录，或其下的 data/）
        #[arg(long)]
        data: Option<PathBuf>,
        #[command(subcommand)]
        what: NewWhat,
    },
    /// 比较两份数据（目录或 git 版本，如 HEAD~1、main）对发布数据的影响，输出 Markdown
    Diff {
        /// 变更前：数据目录或 git 版本
        old: String,
        /// 变更后：数据目录或 git 版本
        new: String,
        /// 用 git 版本时，数据目录在仓库中的位置（默认同 build：当前目录或上级目录中含 config.yaml 的目录，或其 data/）
        #[arg(long)]
        data: Option<PathBuf>,
        /// 另写一份 HTML 页面
        #[arg(long)]
        html: Option<PathBuf>,
        /// 主题目录：两边的页面都用它生成并逐页比较（默认只用内置主题）
        #[arg(long)]
        theme: Option<PathBuf>,
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
        /// 数据目录（取其中 config.yaml 的取值列表；默认同 build）
        #[arg(long)]
        data: Option<PathBuf>,
        /// 输出目录（默认：数据目录下的 schema/）
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// 在本机预览网站：修改数据或主题后自动更新，数据有错时在页面上显示
    Serve {
        /// 数据目录（默认：当前目录或最近的上级目录中含 config.yaml 的目录，或其下的 data/）
        #[arg(long)]
        data: Option<PathBuf>,
        /// 主题目录：修改后自动刷新（默认只用内置主题）
        #[arg(long)]
        theme: Option<PathBuf>,
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
        /// 数据目录（默认：当前目录或最近的上级目录中含 config.yaml 的目录，或其下的 data/）
        #[arg(long)]
        data: Option<PathBuf>,
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
        /// 数据目录（默认：当前目录或最近的上级目录中含 config.yaml 的目录，或其下的 data/）
        #[arg(long)]
        data: Option<PathBuf>,
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
        /// 数据目录（默认：当前目录或最近的上级目录中含 config.yaml 的目录，或其下的 data/）
        #[arg(long)]
        data: Option<PathBuf>,
        /// 为表中对不上已有项目的行新建项目文件（从原有台账开始使用 tongbao 时用），并列入 --year 年的计划
        #[arg(long)]
        new_projects: bool,
        /// --new-projects 新建项目的计划年度（默认为 --period 的年份）
        #[arg(long)]
        year: Option<i32>,
    },
    /// 主题：导出内置的默认主题，供修改后用 --theme 指定
    Theme {
        #[command(subcommand)]
        what: ThemeWhat,
    },
    /// 只检查数据，不生成网站：无错误退出 0，有错误退出 1，用法或读写错误退出 2
    Check {
        /// 数据目录（默认：当前目录或最近的上级目录中含 config.yaml 的目录，或其下的 data/）
        #[arg(long)]
        data: Option<PathBuf>,
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
    Project {
        /// 项目编号，如 CY2026-041
        id: String,
    },
    /// 新月报 progress/<YYYY-MM>.yaml，沿用上月数据，并把 config.yaml 的报告期改为该月
    Month {
        /// 月份 YYYY-MM
        period: Month,
    },
    /// 新会议纪要 meetings/<日期>-<简称>.md
    Meeting {
        /// 会议日期 YYYY-MM-DD
        date: Date,
        /// 文件名中的简称（字母、数字、连字符），如 siji-diaodu
        slug: String,
    },
}

#[derive(Subcommand)]
enum ThemeWhat {
    /// 把内置的默认主题（templates/ 与 static/）写入一个新目录；只需保留要改的文件，其余仍用内置的
    Export {
        /// 新目录（须不存在或为空）
        dir: PathBuf,
    },
}

/// mimalloc's `mi_option_purge_delay` (mimalloc.h; the same number in v2 and in v3, which
/// libmimalloc-sys builds): how long freed memory waits before it is returned to the system. A
/// build frees and reuses hundreds of MB; returning it makes the kernel zero the same pages
/// again (measured: 10k build 3.2 → 2.7 s on tmpfs).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // SAFETY: setting an allocator option takes no pointers; mimalloc allows it at any time.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    let cli = parse();
    // The preview shows the data's errors on its page too: they stay plain text there.
    let serving = matches!(cli.command, Command::Serve { .. });
    tongbao::diagnostic::use_colour(cli.color.on_stderr() && !serving);
    match run(cli.command) {
        Ok(code) => code,
        Err(failure) => fail(&failure),
    }
}

/// The command line, parsed with clap's words in Chinese; help and version are printed here,
/// and a mistake is said in Chinese with exit code 2.
fn parse() -> Cli {
    use clap::error::ErrorKind;
    use clap::{CommandFactory, FromArgMatches};
    let command = tongbao::cli_chinese::localize(Cli::command());
    let parsed = command.clone().try_get_matches().and_then(|matches| Cli::from_arg_matches(&matches));
    match parsed {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let text = e.to_string();
            print!("{text}{}", if text.ends_with('\n') { "" } else { "\n" });
            std::process::exit(0)
        }
        Err(e) => {
            let program = tongbao::cli_chinese::command_path(&command, std::env::args());
            eprint!("{}", tongbao::cli_chinese::error(&e, &program));
            std::process::exit(2)
        }
    }
}

/// The data folder named on the command line or found from the current folder.
fn data_folder(given: Option<PathBuf>) -> Result<PathBuf, Failure> {
    tongbao::folders::data(given).map_err(Failure::Other)
}

fn run(command: Command) -> Result<ExitCode, Failure> {
    Ok(match command {
        Command::Build { data, theme, out, period, quiet, pdf, browser, timings, no_downloads } => {
            let data = data_folder(data)?;
            let out = out.unwrap_or_else(|| tongbao::folders::site(&data));
            // Before any thread starts: Ctrl+C then removes the unfinished output.
            tongbao::output::stop::on_signals();
            let options = BuildOptions { data, theme, out, period, pdf, browser, downloads: !no_downloads };
            let progress = Progress::start(quiet);
            let built = tongbao::build_with_progress(&options, &|step| progress.step(step));
            progress.finish();
            let report = built?;
            if timings {
                eprint!("{}", report.timings());
            }
            eprint!("{}", report.warnings);
            for note in &report.pdf_notes {
                eprintln!("{note}");
            }
            // The table says all the summary does, and more.
            if !quiet && !timings {
                eprintln!("{}", report.summary());
            }
            if report.pdf_failed { ExitCode::from(tongbao::print::pdf::EXIT_FAILED) } else { ExitCode::SUCCESS }
        }
        Command::Init { dir, name, period } => {
            let files = tongbao::init::init(&dir, &name, period.unwrap_or_else(tongbao::init::this_month))?;
            eprintln!(
                "已新建{name}的数据仓库 {}（{} 项）：先在 orgs.yaml 中填写本县的单位，再照示例项目添加项目；\n\
                 在其中运行 tongbao check 检查、tongbao build 生成网站，git init 后即可提交",
                dir.display(),
                files.len()
            );
            ExitCode::SUCCESS
        }
        Command::New { data, what } => {
            let what = match what {
                NewWhat::Project { id } => scaffold::What::Project(id),
                NewWhat::Month { period } => scaffold::What::Month(period),
                NewWhat::Meeting { date, slug } => scaffold::What::Meeting(date, slug),
            };
            eprintln!("{}", scaffold::new(&data_folder(data)?, what)?);
            ExitCode::SUCCESS
        }
        Command::Diff { old, new, data, html, theme } => {
            let theme = tongbao::render::Theme::load(theme.as_deref()).map_err(Failure::Other)?;
            // Needed only for git versions: two folders are compared from anywhere.
            let data = data.or_else(|| tongbao::folders::data(None).ok()).unwrap_or_else(|| PathBuf::from("data"));
            let (old, new) = (tongbao::diff::open(&old, &data)?, tongbao::diff::open(&new, &data)?);
            let changes = tongbao::diff::compare(&old, &new, &theme)?;
            print!("{}", tongbao::diff::markdown(&changes));
            if let Some(path) = html {
                std::fs::write(&path, tongbao::diff::html(&changes)).map_err(|e| cannot_write(&path, e))?;
            }
            ExitCode::SUCCESS
        }
        Command::Serve { data, theme, port, period, poll } => {
            let options = BuildOptions {
                data: data_folder(data)?,
                theme,
                out: PathBuf::new(),
                period,
                pdf: false,
                browser: None,
                downloads: true,
            };
            tongbao::serve::serve(options, port, poll)?;
            ExitCode::SUCCESS
        }
        Command::Demo { projects, years, meetings, seed, out } => {
            let size = tongbao::demo::Size { projects, years, meetings, seed };
            let files = tongbao::demo::write(size, &out).map_err(Failure::Other)?;
            eprintln!("已生成演示数据 {files} 个文件：{}", out.display());
            ExitCode::SUCCESS
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut command = tongbao::cli_chinese::localize(Cli::command());
            clap_complete::generate(shell, &mut command, "tongbao", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Schema { data, out } => {
            let data = data_folder(data)?;
            let out = out.unwrap_or_else(|| data.join("schema"));
            let (ds, _) = tongbao::load_and_check(&data)?;
            tongbao::schema::write(&ds, &out).map_err(|e| cannot_write(&out, e))?;
            eprintln!("已生成 JSON Schema：{}", out.display());
            ExitCode::SUCCESS
        }
        Command::Forms { period, data, out } => {
            let out = out.unwrap_or_else(|| PathBuf::from(format!("填报表-{period}")));
            let files = tongbao::sheets::write_forms(&data_folder(data)?, period, &out)?;
            eprintln!("已生成 {} 个单位的填报表：{}", files.len(), out.display());
            ExitCode::SUCCESS
        }
        Command::Import { files, period, data, new_projects, year } => {
            let new_projects = new_projects.then(|| year.unwrap_or(period.year));
            let data = data_folder(data)?;
            eprint!("{}", tongbao::import::import(&tongbao::import::Options { files, period, data, new_projects })?);
            ExitCode::SUCCESS
        }
        Command::Export { data, period, out } => {
            let bytes = tongbao::sheets::export_ledger(&data_folder(data)?, period)?;
            std::fs::write(&out, bytes).map_err(|e| cannot_write(&out, e))?;
            eprintln!("已导出台账：{}", out.display());
            ExitCode::SUCCESS
        }
        Command::Theme { what: ThemeWhat::Export { dir } } => {
            let files = tongbao::render::export_theme(&dir).map_err(Failure::Other)?;
            eprintln!(
                "已导出默认主题 {files} 个文件：{}（用 --theme {} 使用；只需保留要改的文件）",
                dir.display(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Command::Check { data, format, deny_warnings } => {
            let data = data_folder(data)?;
            let inspection = tongbao::inspect(&data)?;
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
    })
}

fn cannot_write(path: &std::path::Path, e: std::io::Error) -> Failure {
    Failure::Other(format!("错误：无法写入 {}：{e}\n", path.display()))
}

/// A progress bar on the terminal for builds that take more than a second: the phase, and
/// while pages are made the files written of those expected, with the time left; nothing
/// when stderr is not a terminal or with `--quiet`.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

/// How long a build runs before its progress bar appears.
const PROGRESS_AFTER: std::time::Duration = std::time::Duration::from_secs(1);

/// The bar before the pages: the time so far, a spinner and the phase.
const PHASE_ONLY: &str = "{elapsed:>4} {spinner} {msg}";
/// While pages are made, when the build knows how many files to expect (the output it
/// replaces has that many): `12s [=====>    ] 5120/10240 个文件 渲染并写出文件，约剩 12 秒`.
const PAGES_OF_EXPECTED: &str = "{elapsed:>4} [{bar:30}] {pos}/{len} 个文件 {msg}，约剩 {剩余}";
/// While pages are made on a first build: how many so far.
const PAGES_SO_FAR: &str = "{elapsed:>4} {spinner} 已写 {pos} 个文件 {msg}";

impl Progress {
    fn start(quiet: bool) -> Progress {
        use std::io::IsTerminal;
        if quiet || !std::io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        let bar = indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::hidden());
        bar.set_style(Progress::style(PHASE_ONLY));
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

    /// One of the bar's looks, with the time left said in Chinese (`约剩 12 秒`).
    fn style(template: &str) -> indicatif::ProgressStyle {
        let style = indicatif::ProgressStyle::with_template(template)
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        style.progress_chars("=> ").with_key(
            "剩余",
            |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{}", time_left(state.eta()));
            },
        )
    }

    fn step(&self, step: tongbao::Step) {
        let Some(bar) = &self.bar else { return };
        match step {
            tongbao::Step::Phase(index) => {
                let pages = index == 3;
                match bar.length() {
                    Some(_) if pages => bar.set_style(Progress::style(PAGES_OF_EXPECTED)),
                    None if pages => bar.set_style(Progress::style(PAGES_SO_FAR)),
                    _ => bar.set_style(Progress::style(PHASE_ONLY)),
                }
                bar.set_message(tongbao::PHASES[index]);
            }
            tongbao::Step::Expect(files) => {
                bar.set_length(files as u64);
                bar.set_style(Progress::style(PAGES_OF_EXPECTED));
            }
            // More than expected: the site grew since the last build.
            tongbao::Step::Written(files) => {
                if bar.length().is_some_and(|expected| files as u64 > expected) {
                    bar.set_length(files as u64);
                }
                bar.set_position(files as u64);
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// `12 秒`, `3 分 5 秒`: the time left, in whole seconds.
fn time_left(left: std::time::Duration) -> String {
    let seconds = left.as_secs();
    if seconds < 60 { format!("{seconds} 秒") } else { format!("{} 分 {} 秒", seconds / 60, seconds % 60) }
}

fn fail(failure: &Failure) -> ExitCode {
    let text = failure.to_string();
    match text.strip_prefix("错误：") {
        Some(rest) => eprint!("{}：{rest}", tongbao::diagnostic::painted("错误", tongbao::diagnostic::Severity::Error)),
        None => eprint!("{text}"),
    }
    match failure {
        Failure::Data(_) => ExitCode::from(1),
        Failure::Other(_) => ExitCode::from(2),
    }
}
