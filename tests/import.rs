//! `tongbao forms` and `tongbao import`: a 台账 laid out as an office keeps it, written by an
//! independent writer (openpyxl, tests/office_ledger.py), imported with every figure computed
//! by hand; its mistakes as findings at their cells with nothing written; and the units' forms
//! filled programmatically and read back.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn tongbao(args: &[&str], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tongbao")).args(args).arg("--data").arg(data).output().unwrap()
}

fn ledger(mode: &str) -> std::path::PathBuf {
    let out = common::scratch("ledger").join("台账.xlsx");
    let script = common::root().join("tests/office_ledger.py");
    let run = Command::new("python3").arg(script).arg(&out).arg(mode).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    out
}

#[test]
fn an_office_ledger_updates_the_month_and_keeps_the_rest() {
    if !common::openpyxl_present() {
        return;
    }
    let data = common::copy_of("mini");
    let file = ledger("good");
    let run = tongbao(&["import", file.to_str().unwrap(), "--period", "2026-03"], &data);
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{said}");
    assert!(said.contains("T-1 累计 280 → 300（+20）；更新形象进度"), "{said}");
    assert!(said.contains("T-2 累计 90 → 95（+5）"), "{said}");
    assert_eq!(
        std::fs::read_to_string(data.join("progress/2026-03.yaml")).unwrap(),
        "period: 2026-03\nas_of: 2026-03-31\nentries:\n  T-1:\n    ytd: 300\n    started: true\n    progress: 主体施工完成60%\n  T-2:\n    ytd: 95\n    started: true\n    progress: 路基施工\n  T-3:\n    ytd: 0\n    started: false\n    progress: 可研批复\n"
    );
    assert!(tongbao(&["check"], &data).status.success());
    // By hand: ytd 300 + 95 + 0; plan 1200 + 600 + 0; rate 395 / 1800.
    let ds = common::dataset(&data);
    let all = tongbao::figures::compute_all(&ds);
    let march = all.iter().find(|p| p.period.to_string() == "2026-03").unwrap();
    assert_eq!(march.county.ytd.to_string(), "395");
    assert_eq!(march.county.plan.to_string(), "1800");
    assert_eq!(march.county.rate.unwrap().round_dp(4).to_string(), "0.2194");
}

#[test]
fn mistakes_in_a_ledger_are_findings_at_their_cells_and_nothing_is_written() {
    if !common::openpyxl_present() {
        return;
    }
    let data = common::copy_of("mini");
    let before = std::fs::read(data.join("progress/2026-03.yaml")).unwrap();
    let file = ledger("bad");
    let run = tongbao(&["import", file.to_str().unwrap(), "--period", "2026-03"], &data);
    assert_eq!(run.status.code(), Some(1));
    let shown = file.display().to_string();
    let said = String::from_utf8_lossy(&run.stderr).replace(&shown, "台账.xlsx");
    assert_eq!(
        said,
        "错误[E0605]: 累计完成投资不是数字：“约300”\n --> 台账.xlsx!3月台账!H7\n  = 提示：填万元数，如 5200 或 5200.5；不要写文字或说明\n\n\
         错误[E0607]: 累计完成 20 小于 2026-01 报送的 30\n --> 台账.xlsx!3月台账!H9\n  = 提示：累计数是年初至本月底的合计，不会减少：核对是否填成了当月数\n\n\
         错误[E0608]: 是否开工看不懂：“差不多”\n --> 台账.xlsx!3月台账!K10\n  = 提示：填“是”或“否”（也认“已开工”“未开工”）\n\n\
         错误[E0606]: 累计完成投资写的是元：“5000000元”\n --> 台账.xlsx!3月台账!H11\n  = 提示：数据以万元为单位：把元数除以 10000，即 500\n\n\
         发现 4 个错误、0 个警告。\n未写入任何文件。\n"
    );
    assert!(std::fs::read(data.join("progress/2026-03.yaml")).unwrap() == before, "nothing written");
}

#[test]
fn a_county_adopts_tongbao_from_its_ledger_in_one_command() {
    if !common::openpyxl_present() {
        return;
    }
    let data = common::copy_of("mini");
    for dir in ["projects", "progress", "meetings"] {
        std::fs::remove_dir_all(data.join(dir)).unwrap();
        std::fs::create_dir(data.join(dir)).unwrap();
    }
    let config = data.join("config.yaml");
    let text = std::fs::read_to_string(&config).unwrap().replace("  period: 2026-03\n", "");
    std::fs::write(&config, text).unwrap();
    let file = ledger("good");
    let run = tongbao(&["import", file.to_str().unwrap(), "--period", "2026-03", "--new-projects"], &data);
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{said}");
    assert!(
        said.contains("已新建 projects/2026/XM2026-001.yaml（乡镇（园区）、项目级别、四个一批取了默认值，请核对）"),
        "{said}"
    );
    let check = tongbao(&["check"], &data);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    let ds = common::dataset(&data);
    let names: Vec<(&str, &str, &str)> =
        ds.projects.iter().map(|p| (p.id.as_str(), p.name.as_str(), p.industry.as_str())).collect();
    assert_eq!(
        names,
        [("XM2026-001", "甲　项目", "工业"), ("XM2026-002", "乙项目", "交通"), ("XM2026-003", "丙项目", "交通")]
    );
    let all = tongbao::figures::compute_all(&ds);
    // By hand, from the sheet: 总投资 3000 + 1000 + 800, plan 1200 + 600, ytd 300 + 95.
    let c = &all[0].county;
    assert_eq!(
        (c.total_investment.to_string(), c.plan.to_string(), c.ytd.to_string()),
        ("4800".into(), "1800".into(), "395".into())
    );
}

#[test]
fn forms_filled_and_imported_give_back_the_figures_typed() {
    if !common::openpyxl_present() {
        return;
    }
    let data = common::copy_of("mini");
    let forms = common::scratch("forms");
    let run = tongbao(&["forms", "2026-04", "--out", forms.to_str().unwrap()], &data);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let mut files: Vec<String> = common::files(&forms);
    files.sort();
    assert_eq!(files, ["2026-04-乙局.xlsx", "2026-04-甲局.xlsx"]);
    // Each unit types last month's figure plus 10 and a progress line, as a clerk would.
    let fill = r#"
import sys, openpyxl
for f in sys.argv[1:]:
    wb = openpyxl.load_workbook(f); ws = wb["填报"]
    assert ws.protection.sheet and ws["E4"].protection.locked and not ws["F4"].protection.locked
    rows = "F4" if ws.max_row == 4 else "F4:F%d" % ws.max_row
    assert [str(d.sqref) for d in ws.data_validations.dataValidation][:1] == [rows]
    for r in range(4, ws.max_row + 1):
        ws.cell(r, 6).value = ws.cell(r, 5).value + 10
        ws.cell(r, 8).value = "四月进度"
        ws.cell(r, 9).value = "缺少资金"
    wb.save(f)
"#;
    let paths: Vec<_> = files.iter().map(|f| forms.join(f)).collect();
    let run = Command::new("python3").arg("-c").arg(fill).args(&paths).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let mut args = vec!["import".to_string()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    args.extend(["--period".into(), "2026-04".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = tongbao(&args, &data);
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{said}");
    assert!(said.contains("已生成 progress/2026-04.yaml：3 个项目"), "{said}");
    assert!(said.contains("config.yaml 的报告期由 2026-03 改为 2026-04"), "{said}");
    assert!(tongbao(&["check"], &data).status.success());
    let ds = common::dataset(&data);
    let april = &ds.progress[&"2026-04".parse().unwrap()];
    let got: Vec<(String, String, bool, String, Option<String>)> = april
        .entries
        .iter()
        .map(|(id, e)| {
            (
                id.clone(),
                e.ytd.to_string(),
                e.started,
                e.progress.to_string(),
                e.problems.as_deref().map(str::to_string),
            )
        })
        .collect();
    // March: T-1 280, T-2 90, T-3 0; 是否开工 as March had it.
    let row = |id: &str, ytd: &str, started| {
        (id.to_string(), ytd.to_string(), started, "四月进度".to_string(), Some("缺少资金".to_string()))
    };
    assert_eq!(got, [row("T-1", "290", true), row("T-2", "100", true), row("T-3", "10", false)]);
}

/// A filled form of 甲局 (T-1) for 2026-04, edited by `edit` (Python on the sheet `ws`).
fn form_of_jia(data: &Path, edit: &str) -> std::path::PathBuf {
    let forms = common::scratch("forms");
    let run = tongbao(&["forms", "2026-04", "--out", forms.to_str().unwrap()], data);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let file = forms.join("2026-04-甲局.xlsx");
    let script = format!(
        "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1]); ws = wb['填报']\nws['F4'] = 300\n{edit}\nwb.save(sys.argv[1])\n"
    );
    let run = Command::new("python3").arg("-c").arg(script).arg(&file).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    file
}

/// What `import` says about `files` for `period`, the scratch folders' paths left out.
fn said(data: &Path, files: &[&Path], period: &str, extra: &[&str]) -> (Option<i32>, String) {
    let mut args: Vec<String> = vec!["import".into()];
    args.extend(files.iter().map(|f| f.display().to_string()));
    args.extend(["--period".into(), period.into()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = tongbao(&args, data);
    let mut text = String::from_utf8_lossy(&run.stderr).to_string();
    for f in files {
        text = text.replace(&f.display().to_string(), f.file_name().unwrap().to_str().unwrap());
    }
    (run.status.code(), text)
}

#[test]
fn each_kind_of_import_problem_has_its_code() {
    if !common::openpyxl_present() {
        return;
    }
    let data = common::copy_of("mini");
    let before = std::fs::read_to_string(data.join("config.yaml")).unwrap();
    let junk = common::scratch("junk").join("台账.xlsx");
    std::fs::write(&junk, "不是工作簿").unwrap();
    let (code, text) = said(&data, &[&junk], "2026-04", &[]);
    assert_eq!(code, Some(1));
    assert!(text.starts_with("错误[E0601]: 无法读取工作簿："), "{text}");
    // April's form is not May's: its 1-4月 column is not 1-5月.
    let form = form_of_jia(&data, "");
    let (code, text) = said(&data, &[&form], "2026-05", &[]);
    assert_eq!(code, Some(1));
    assert!(text.starts_with("错误[E0602]: 没有找到可导入的表：需要“项目名称”（或“项目编号”）和“1-5月累计完成”两列\n --> 2026-04-甲局.xlsx\n"), "{text}");
    let unknown = form_of_jia(&data, "ws['B4'] = 'T-9'");
    let (_, text) = said(&data, &[&unknown], "2026-04", &[]);
    assert!(text.starts_with("错误[E0603]: 项目编号“T-9”不是已有的项目\n --> 2026-04-甲局.xlsx!填报!B4\n"), "{text}");
    let spaced = form_of_jia(&data, "ws['B4'] = 'T 9'");
    let (_, text) = said(&data, &[&spaced], "2026-04", &["--new-projects"]);
    assert!(
        text.starts_with("错误[E0610]: 项目编号“T 9”只能由字母、数字和 - 组成\n --> 2026-04-甲局.xlsx!填报!B4\n"),
        "{text}"
    );
    let other = form_of_jia(&data, "ws['F4'] = 310");
    let (_, text) = said(&data, &[&form, &other], "2026-04", &[]);
    assert!(text.starts_with("错误[E0609]: 项目 T-1 报了两次，数据不一致\n --> 2026-04-甲局.xlsx!填报!F4\n  = 提示：另一次在 2026-04-甲局.xlsx!填报!F4"), "{text}");
    assert_eq!(std::fs::read_to_string(data.join("config.yaml")).unwrap(), before, "nothing written");
    assert!(!data.join("progress/2026-04.yaml").exists());
    // 甲局 alone: 乙局's projects are not reported, and not carried over.
    let (code, text) = said(&data, &[&form], "2026-04", &[]);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.starts_with(
            "警告[W0601]: 2026 年的项目 T-2、T-3 没有报送，新月报中不列入（未报送）\n --> progress/2026-04.yaml\n"
        ),
        "{text}"
    );
    // Two projects of one name: a ledger without 编号 cannot tell them apart.
    let twins = common::edited("mini", "projects/T-2.yaml", "name: 乙项目", "name: 甲项目");
    let (_, text) = said(&twins, &[&ledger("good")], "2026-03", &[]);
    assert!(text.starts_with("错误[E0604]: 项目名称“甲项目”对应多个项目\n"), "{text}");
}
