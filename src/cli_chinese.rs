//! The command line in Chinese: clap's own words (usage, headings, the help and version
//! flags, defaults, possible values, errors) replaced, so that every line `tongbao` prints
//! is in the office's language. [`localize`] rewrites a command's help; [`error`] says a
//! parse error in Chinese.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// `command` and all its subcommands with Chinese help: headings, usage, `-h`/`-V`, defaults
/// and possible values written into each argument's help.
pub fn localize(command: Command) -> Command {
    localize_at(command, "")
}

fn localize_at(command: Command, parent: &str) -> Command {
    let top = parent.is_empty();
    let path = if top { command.get_name().to_string() } else { format!("{parent} {}", command.get_name()) };
    let mut command = command
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help("显示帮助"));
    if top {
        command = command
            .disable_version_flag(true)
            .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help("显示版本"));
    }
    let ids: Vec<String> = command.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        command = command.mut_arg(id, with_defaults_in_help);
    }
    let subcommands: Vec<String> = command.get_subcommands().map(|c| c.get_name().to_string()).collect();
    for name in subcommands {
        command = command.mut_subcommand(name, |c| localize_at(c, &path));
    }
    let usage = usage(&command, &path);
    let template = template(&command);
    command.override_usage(usage).help_template(template)
}

/// `--port <端口>`'s help with `（默认：8000）` and `（可选：human、json）` in it, instead of
/// clap's `[default: 8000]` and `[possible values: …]`.
fn with_defaults_in_help(arg: Arg) -> Arg {
    let arg = match value_name(arg.get_id().as_str()) {
        Some(name) if arg.get_action().takes_values() => arg.value_name(name),
        _ => arg,
    };
    let mut help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let values: Vec<String> = arg.get_possible_values().iter().map(|v| v.get_name().to_string()).collect();
    let takes_value = arg.get_action().takes_values();
    if takes_value && !values.is_empty() && !arg.is_hide_possible_values_set() {
        help.push_str(&format!("（可选：{}）", values.join("、")));
    }
    let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    if takes_value && !defaults.is_empty() {
        help.push_str(&format!("（默认：{}）", defaults.join("、")));
    }
    if takes_value { arg.help(help).hide_default_value(true).hide_possible_values(true) } else { arg.help(help) }
}

/// What the value of an argument is, shown in the help (`--data <目录>`) instead of its
/// name in capitals (`--data <DATA>`).
fn value_name(id: &str) -> Option<&'static str> {
    Some(match id {
        "data" | "theme" | "dir" => "目录",
        "out" | "html" => "位置",
        "period" => "YYYY-MM",
        "year" => "YYYY",
        "date" => "YYYY-MM-DD",
        "browser" => "程序",
        "port" => "端口",
        "format" => "格式",
        "name" => "县名",
        "files" => "文件",
        "id" => "编号",
        "slug" => "简称",
        "old" => "变更前",
        "new" => "变更后",
        "projects" | "meetings" => "个数",
        "years" => "年数",
        "seed" => "种子",
        "shell" => "shell",
        "color" => "何时",
        _ => return None,
    })
}

/// `tongbao build [选项]`, `tongbao forms [选项] <填报月份>`, `tongbao <命令>`.
fn usage(command: &Command, path: &str) -> String {
    let mut usage = path.to_string();
    if command.get_arguments().any(|a| !a.is_positional()) {
        usage.push_str(" [选项]");
    }
    for arg in command.get_positionals() {
        let name = arg.get_value_names().and_then(|n| n.first()).map_or(arg.get_id().to_string(), |n| n.to_string());
        let many = if matches!(arg.get_action(), ArgAction::Append) { "..." } else { "" };
        if arg.is_required_set() {
            usage.push_str(&format!(" <{name}>{many}"));
        } else {
            usage.push_str(&format!(" [{name}]{many}"));
        }
    }
    if command.has_subcommands() {
        usage.push_str(" <命令>");
    }
    usage
}

/// The help page of `command`: its description, usage and the sections it has.
fn template(command: &Command) -> String {
    let mut template = String::from("{about-with-newline}\n用法：{usage}\n");
    if command.has_subcommands() {
        template.push_str("\n命令：\n{subcommands}\n");
    }
    if command.get_positionals().next().is_some() {
        template.push_str("\n参数：\n{positionals}\n");
    }
    template.push_str("\n选项：\n{options}\n{after-help}");
    template
}

/// Why a value was refused: our own parsers already say it in Chinese; the standard
/// library's number parser does not.
fn reason(source: &(dyn std::error::Error + 'static)) -> String {
    use std::num::IntErrorKind;
    match source.downcast_ref::<std::num::ParseIntError>().map(|e| e.kind()) {
        Some(IntErrorKind::PosOverflow | IntErrorKind::NegOverflow) => "数太大".into(),
        Some(IntErrorKind::Empty) => "不能为空".into(),
        Some(_) => "应为不带符号和小数点的整数".into(),
        None => {
            let said = source.to_string();
            match said.split_once(" is not in ").and_then(|(_, range)| range.split_once("..=")) {
                Some((low, high)) => format!("应在 {low} 到 {high} 之间"),
                None => said,
            }
        }
    }
}

/// The command the words on a command line name: `tongbao forms` for
/// `tongbao forms --out x 2026-13`, so that an error can point at that command's help.
pub fn command_path(command: &Command, args: impl IntoIterator<Item = String>) -> String {
    let mut path = command.get_name().to_string();
    let mut at = command;
    for arg in args.into_iter().skip(1) {
        if let Some(sub) = at.find_subcommand(&arg) {
            path = format!("{path} {}", sub.get_name());
            at = sub;
        }
    }
    path
}

/// A parse error of clap's in Chinese: what was wrong, a suggestion where clap has one, and
/// where to read more (`program --help`, `program` being the [`command_path`]).
pub fn error(error: &clap::Error, program: &str) -> String {
    let context = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(s)) => s.join("、"),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(s)) => s.iter().map(|s| s.to_string()).collect::<Vec<_>>().join("、"),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let arg = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    let said = match error.kind() {
        ErrorKind::InvalidSubcommand => format!("没有命令「{}」", context(ContextKind::InvalidSubcommand)),
        ErrorKind::UnknownArgument => format!("不认识的参数「{arg}」"),
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} 需要一个值"),
        ErrorKind::InvalidValue => format!("{arg} 的值「{value}」不在可选值之中"),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(error).map_or(String::new(), reason);
            format!("{arg} 的值「{value}」有误：{}", why.trim_start_matches("错误：").trim_end())
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数 {arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => "缺少命令".into(),
        ErrorKind::ArgumentConflict => format!("{arg} 不能与 {} 同时使用", context(ContextKind::PriorArg)),
        ErrorKind::TooManyValues => format!("{arg} 多了一个值「{value}」"),
        ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => format!("{arg} 的值的个数不对"),
        ErrorKind::NoEquals => format!("{arg} 的值要用 = 连接"),
        ErrorKind::InvalidUtf8 => "参数不是 UTF-8 编码的文字".into(),
        _ => "命令行参数有误".into(),
    };
    let mut text = format!("错误：{said}\n");
    let suggested = [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg, ContextKind::SuggestedValue]
        .into_iter()
        .map(context)
        .find(|s| !s.is_empty());
    if let Some(suggested) = suggested {
        text.push_str(&format!("提示：是不是要写「{suggested}」？\n"));
    }
    let valid = context(ContextKind::ValidValue);
    if !valid.is_empty() {
        text.push_str(&format!("提示：可选的值：{valid}\n"));
    }
    let usage = context(ContextKind::Usage);
    let usage = usage.strip_prefix("Usage: ").or(usage.strip_prefix("用法：")).map(str::trim_end);
    if let Some(usage) = usage {
        text.push_str(&format!("\n用法：{usage}\n"));
    }
    text.push_str(&format!("\n更多说明：{program} --help\n"));
    text
}
