//! Every dataset that `check` accepts builds: no panic and no error on any input.
//!
//! Two property tests, seeded so that every run tries the same cases, bounded so that they
//! run in `cargo test`:
//! - random datasets with amounts across the whole range (zero, 1 元, the limit of 10⁸ 万元
//!   and just past it, exponents from 10⁻³⁵ to 10³⁵, numbers too long for any integer type,
//!   negatives), checked, and every accepted one built in memory;
//! - garbled copies of the sample county's files (bytes cut, repeated and replaced by the
//!   tokens that trip parsers), checked and built in memory the same way.
//!
//! For a longer run: `TONGBAO_CASES=20000 cargo test --release --test robust` (docs/限制.md).

mod common;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use tongbao::model::Wan;

/// How many cases each test tries: `TONGBAO_CASES`, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("TONGBAO_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn runner(cases: u32) -> TestRunner {
    let config = Config { cases, failure_persistence: None, ..Config::default() };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[20; 32]))
}

fn theme() -> tongbao::render::Theme {
    tongbao::render::Theme::load(Some(&common::root().join("themes/default"))).unwrap()
}

/// Checks `data` and, when it has no errors, builds it in memory; `true` when it was built.
/// A panic fails the test (with the case that caused it); so does a build error.
fn check_then_build(data: &Path, theme: &tongbao::render::Theme) -> Result<bool, TestCaseError> {
    let inspection = tongbao::inspect(data).map_err(|e| TestCaseError::fail(e.to_string()))?;
    if inspection.has_errors() {
        return Ok(false);
    }
    let Some(ds) = inspection.dataset else { return Ok(false) };
    match tongbao::render_in_memory(&ds, theme) {
        Ok((pages, _)) if pages > 0 => Ok(true),
        Ok(_) => Err(TestCaseError::fail("accepted data built no page")),
        Err(e) => Err(TestCaseError::fail(format!("accepted data failed to build:\n{e}"))),
    }
}

/// Runs `cases` cases of `strategy`, each written into a fresh data folder by `write`, then
/// checked and, when accepted, built ([`check_then_build`]); panics on a failing case.
/// Returns how many were tried and how many were built.
fn checked_and_built<S: Strategy>(
    cases: u32,
    strategy: &S,
    label: &str,
    write: impl Fn(&Path, S::Value),
) -> (usize, usize) {
    let theme = theme();
    let (tried, built) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let result = runner(cases).run(strategy, |value| {
        let dir = common::scratch(label);
        write(&dir, value);
        let accepted = check_then_build(&dir, &theme)?;
        tried.fetch_add(1, Ordering::Relaxed);
        built.fetch_add(usize::from(accepted), Ordering::Relaxed);
        let _ = std::fs::remove_dir_all(&dir);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    (tried.into_inner(), built.into_inner())
}

/// An amount `check` accepts, across its whole range: 0, 1 元, 1 万元, the limit of 10⁸
/// 万元, and exponents.
fn valid_amount() -> BoxedStrategy<String> {
    prop_oneof![
        8 => (0u64..200_000).prop_map(|v| v.to_string()),
        2 => (0u64..100_000_000, 0u32..10_000).prop_map(|(i, f)| format!("{i}.{f:04}")),
        1 => Just("0".to_string()),
        1 => Just("100000000".to_string()),
        1 => Just("99999999.9999".to_string()),
        1 => Just("1".to_string()),
        1 => Just("0.0001".to_string()),
        1 => (1u64..10, -4i32..8).prop_map(|(m, e)| format!("{m}e{e}")),
    ]
    .boxed()
}

/// An amount as a careless clerk or an attacker might write it: mostly valid, sometimes past
/// the limit, below 1 元, too long for any integer type, or negative.
fn any_amount() -> BoxedStrategy<String> {
    prop_oneof![
        12 => valid_amount(),
        1 => Just("100000000.0001".to_string()),
        1 => (1u64..10, -35i32..35).prop_map(|(m, e)| format!("{m}e{e}")),
        1 => Just("99999999999999999999999".to_string()),
        1 => Just("-5".to_string()),
        1 => (1u64..1000, 2usize..30).prop_map(|(v, zeros)| format!("0.{}{v}", "0".repeat(zeros))),
    ]
    .boxed()
}

/// One generated project: its amounts, and its ytd for each month.
#[derive(Debug, Clone)]
struct Project {
    total: String,
    plan: String,
    before_year: Option<String>,
    monthly: Option<Vec<String>>,
    ytd: Vec<String>,
    reported: Vec<bool>,
    /// Whether the total investment is the largest of the other amounts (as a real project's
    /// is) rather than generated on its own.
    total_is_largest: bool,
}

fn project(amount: fn() -> BoxedStrategy<String>) -> impl Strategy<Value = Project> {
    (
        amount(),
        amount(),
        proptest::option::of(amount()),
        proptest::option::of(proptest::collection::vec(amount(), 11)),
        proptest::collection::vec(amount(), 12),
        proptest::collection::vec(proptest::bool::weighted(0.9), 12),
        proptest::bool::weighted(0.8),
    )
        .prop_map(|(total, plan, before_year, monthly, ytd, reported, total_is_largest)| Project {
            total,
            plan,
            before_year,
            monthly,
            ytd,
            reported,
            total_is_largest,
        })
}

/// Sorts amounts by their value (those that do not read as one last), so that a month's ytd
/// does not fall below the month before's, and a monthly plan rises, as `check` requires.
fn rising(mut values: Vec<String>) -> Vec<String> {
    values.sort_by_key(|v| Wan::parse(v).map_err(|_| ()));
    values
}

fn last_day(month: u32) -> u32 {
    match month {
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Writes a data folder: the mini fixture's config (no pinned period) and orgs, `projects`,
/// and the months of 2026 whose bit is set in `months`.
fn write_dataset(dir: &Path, projects: &[Project], months: u16) {
    let mini = common::fixture("mini");
    let config = std::fs::read_to_string(mini.join("config.yaml")).unwrap().replace("  period: 2026-03\n", "");
    std::fs::create_dir_all(dir.join("projects")).unwrap();
    std::fs::create_dir_all(dir.join("progress")).unwrap();
    std::fs::write(dir.join("config.yaml"), config).unwrap();
    std::fs::copy(mini.join("orgs.yaml"), dir.join("orgs.yaml")).unwrap();
    for (i, p) in projects.iter().enumerate() {
        let others = p.ytd.iter().chain([&p.plan]).chain(&p.before_year);
        let largest = others.max_by_key(|v| Wan::parse(v).ok()).filter(|_| p.total_is_largest);
        let total = largest.unwrap_or(&p.total);
        let mut yaml = format!(
            "id: P-{i}\nname: 项目{i}\nindustry: 工业\ntown: 东镇\nlead_unit: 甲局\nleaders: [张三]\n\
             total_investment: {}\nstart_year: 2025\nend_year: 2027\nyears:\n  2026:\n    level: 省级重点\n\
             nature: 续建\n    batch: 加快推进\n    plan: {}\n",
            total, p.plan
        )
        .replace("\nnature:", "\n    nature:");
        if let Some(b) = &p.before_year {
            yaml.push_str(&format!("    before_year: {b}\n"));
        }
        if let Some(m) = &p.monthly {
            let mut values = rising(m.clone());
            let plan = Wan::parse(&p.plan).ok();
            values.retain(|v| Wan::parse(v).ok() <= plan);
            while values.len() < 11 {
                values.push(p.plan.clone());
            }
            values.push(p.plan.clone());
            yaml.push_str(&format!("    monthly_plan: [{}]\n", values.join(", ")));
        }
        std::fs::write(dir.join(format!("projects/P-{i}.yaml")), yaml).unwrap();
    }
    let ytd: Vec<Vec<String>> = projects.iter().map(|p| rising(p.ytd.clone())).collect();
    for month in (1..=12u32).filter(|m| months & (1 << (m - 1)) != 0) {
        let mut yaml = format!("period: 2026-{month:02}\nas_of: 2026-{month:02}-{}\nentries:\n", last_day(month));
        for (i, p) in projects.iter().enumerate() {
            if p.reported[month as usize - 1] {
                yaml.push_str(&format!(
                    "  P-{i}: {{ ytd: {}, started: true, progress: 施工 }}\n",
                    ytd[i][month as usize - 1]
                ));
            }
        }
        std::fs::write(dir.join(format!("progress/2026-{month:02}.yaml")), yaml).unwrap();
    }
}

#[test]
fn every_generated_dataset_that_check_accepts_builds() {
    // Half the datasets with valid amounts only, so that many reach the build with extremes.
    let projects = prop_oneof![
        proptest::collection::vec(project(valid_amount), 1..5),
        proptest::collection::vec(project(any_amount), 1..5)
    ];
    let strategy = (projects, 1u16..(1 << 12));
    let (tried, built) = checked_and_built(cases(160), &strategy, "generated", |dir, (projects, months)| {
        write_dataset(dir, &projects, months)
    });
    // The test means something only if many datasets pass the checks, extreme ones among them.
    assert!(built * 5 >= tried, "only {built} of {tried} generated datasets passed check");
    eprintln!("{built} of {tried} generated datasets passed check and were built");
}

/// The tokens a garbled file is given: what trips YAML, Markdown and tongbao's own rules.
const TOKENS: [&str; 24] = [
    "[",
    "{",
    "}",
    "]",
    ":",
    "- ",
    "\t",
    "\"",
    "'",
    "#",
    "&a ",
    "*a",
    "!!binary ",
    "7e28",
    "1e-30",
    "\n",
    "  ",
    "99999999999999999999999",
    "2026-02-30",
    "null",
    "~",
    "[[",
    "](http://example.com/a.png)",
    "\u{feff}",
];

/// One change to a file, at a fraction of its length in characters: cut `len` characters,
/// repeat them, put a token there, change the next digit, or (rarely) put a byte that is not
/// UTF-8.
#[derive(Debug, Clone)]
enum Garble {
    Cut(f64, usize),
    Repeat(f64, usize),
    Insert(f64, usize),
    Digit(f64, char),
    NotUtf8(f64),
}

fn garble() -> impl Strategy<Value = Garble> {
    prop_oneof![
        2 => (0.0..1.0, 1usize..40).prop_map(|(at, len)| Garble::Cut(at, len)),
        2 => (0.0..1.0, 1usize..200).prop_map(|(at, len)| Garble::Repeat(at, len)),
        3 => (0.0..1.0, 0..TOKENS.len()).prop_map(|(at, t)| Garble::Insert(at, t)),
        8 => (0.0..1.0, proptest::char::range('0', '9')).prop_map(|(at, d)| Garble::Digit(at, d)),
        1 => (0.0..1.0).prop_map(Garble::NotUtf8),
    ]
}

fn apply(bytes: Vec<u8>, change: &Garble) -> Vec<u8> {
    let text = String::from_utf8_lossy(&bytes);
    let mut chars: Vec<char> = text.chars().collect();
    let at = |f: f64| ((chars.len() as f64 * f) as usize).min(chars.len());
    let mut tail = Vec::new();
    match *change {
        Garble::Cut(f, n) => {
            let start = at(f);
            chars.drain(start..(start + n).min(chars.len()));
        }
        Garble::Repeat(f, n) => {
            let start = at(f);
            let copy = chars[start..(start + n).min(chars.len())].to_vec();
            chars.splice(start..start, copy);
        }
        Garble::Insert(f, t) => {
            let start = at(f);
            chars.splice(start..start, TOKENS[t].chars());
        }
        Garble::Digit(f, d) => {
            let start = at(f);
            if let Some(i) = (start..chars.len()).find(|&i| chars[i].is_ascii_digit()) {
                chars[i] = d;
            }
        }
        Garble::NotUtf8(f) => {
            tail = chars.split_off(at(f)).into_iter().collect::<String>().into_bytes();
            tail.insert(0, 0xFF);
        }
    }
    let mut out = chars.into_iter().collect::<String>().into_bytes();
    out.extend(tail);
    out
}

#[test]
fn garbled_copies_of_the_sample_never_panic_and_build_when_accepted() {
    let sample = common::root().join("data");
    let files: Vec<String> = common::files(&sample).into_iter().filter(|f| !f.starts_with("schema/")).collect();
    let strategy = proptest::collection::vec((0..files.len(), proptest::collection::vec(garble(), 1..4)), 1..4);
    let (tried, built) = checked_and_built(cases(120), &strategy, "garbled", |dir, changes| {
        common::copy_dir(&sample, dir);
        for (file, garbles) in &changes {
            let path = dir.join(&files[*file]);
            let bytes = garbles.iter().fold(std::fs::read(&path).unwrap(), apply);
            std::fs::write(&path, bytes).unwrap();
        }
    });
    assert!(built * 10 >= tried && built < tried, "{built} of {tried} garbled samples passed check");
    eprintln!("{built} of {tried} garbled samples passed check and were built");
}
