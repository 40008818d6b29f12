//! The JSON Schema for editors: generated from the code, committed beside the sample, accepted
//! for every sample file and refusing broken ones, by a validator that is not tongbao (Python's
//! reference `jsonschema`, run by tests/validate_schema.py).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const INSTALL: &str = "apt-get install python3-jsonschema python3-yaml，或 pip install jsonschema pyyaml";

/// Whether the independent validator can run; under CI its absence is a failure.
fn validator_available() -> bool {
    let ok = Command::new("python3").args(["-c", "import jsonschema, yaml"]).status().is_ok_and(|s| s.success());
    if !ok {
        assert!(std::env::var_os("CI").is_none(), "CI 需要 Python 的 jsonschema 与 PyYAML：{INSTALL}");
        eprintln!("跳过：未找到 Python 的 jsonschema 与 PyYAML（{INSTALL}）");
    }
    ok
}

/// Runs the validator; returns (success, output).
fn validate(schema_dir: &Path, files: &[PathBuf]) -> (bool, String) {
    let out = Command::new("python3")
        .arg(common::root().join("tests/validate_schema.py"))
        .arg(schema_dir)
        .args(files)
        .output()
        .unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned())
}

fn data_files(dir: &Path) -> Vec<PathBuf> {
    common::files(dir)
        .into_iter()
        .filter(|f| !f.starts_with("schema/") && (f.ends_with(".yaml") || f.ends_with(".md")))
        .map(|f| dir.join(f))
        .collect()
}

#[test]
fn the_committed_schema_is_what_tongbao_generates() {
    let data = common::root().join("data");
    let ds = common::dataset(&data);
    for (name, text) in tongbao::schema::all(&ds.config) {
        let committed = std::fs::read_to_string(data.join("schema").join(name)).unwrap_or_default();
        assert!(committed == text, "data/schema/{name} is out of date: run `cargo run -- schema`");
    }
}

#[test]
fn every_sample_file_is_valid_and_announces_its_schema() {
    if !validator_available() {
        return;
    }
    let data = common::root().join("data");
    let files = data_files(&data);
    let (ok, out) = validate(&data.join("schema"), &files);
    assert!(ok, "{out}");
    assert!(out.ends_with(&format!("{} valid, 0 invalid\n", files.len())), "{out}");
    for f in files.iter().filter(|f| f.extension().is_some_and(|e| e == "yaml")) {
        let first = std::fs::read_to_string(f).unwrap().lines().next().unwrap_or_default().to_string();
        assert!(first.starts_with("# yaml-language-server: $schema="), "{} has no $schema line", f.display());
    }
}

#[test]
fn schema_errors_are_refused_by_the_independent_validator() {
    if !validator_available() {
        return;
    }
    let mini = common::fixture("mini");
    let schema_dir = common::scratch("schema");
    for (name, text) in tongbao::schema::all(&common::dataset(&mini).config) {
        std::fs::write(schema_dir.join(name), text).unwrap();
    }
    let (ok, out) = validate(&schema_dir, &data_files(&mini));
    assert!(ok, "the unbroken fixture must pass: {out}");
    // The cases of tests/rules.rs that a schema can see: unknown keys, wrong types, values
    // outside a list, negative money, missing fields, malformed dates.
    let cases = [
        ("config.yaml", "  year: 2026", "  year: 2026\n  yeer: 1"),
        ("orgs.yaml", "  - { name: 东镇, kind: 乡镇 }", "  - { name: 东镇, kind: 乡镇, size: 1 }"),
        ("projects/T-1.yaml", "industry: 工业", "industry: 工叶"),
        ("projects/T-1.yaml", "lead_unit: 甲局", "lead_unti: 甲局"),
        ("projects/T-1.yaml", "total_investment: 3000", "total_investment: -3000"),
        ("projects/T-1.yaml", "name: 甲项目\n", ""),
        ("projects/T-1.yaml", "    nature: 续建", "    nature: 续见"),
        ("projects/T-1.yaml", "    kind: 难点", "    kind: 痛点"),
        ("projects/T-1.yaml", "    raised: 2026-03-20", "    raised: 2026/03/20"),
        ("progress/2026-03.yaml", "T-2: { ytd: 90", "T-2: { ytd: abc"),
        ("progress/2026-03.yaml", "T-1: { ytd: 280, started: true", "T-1: { ytd: 280, started: yes please"),
        ("meetings/2026-01-20-diaodu.md", "kind: 调度会", "kind: 座谈会"),
        ("meetings/2026-01-20-diaodu.md", "    status: 正在办理", "    status: 办理中"),
    ];
    for (file, from, to) in cases {
        let dir = common::edited("mini", file, from, to);
        let (ok, out) = validate(&schema_dir, &[dir.join(file)]);
        assert!(!ok && out.ends_with("0 valid, 1 invalid\n"), "{file}: {from:?} → {to:?} was accepted: {out}");
    }
}
