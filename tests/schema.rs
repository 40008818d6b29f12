//! The JSON Schema for editors: generated from the code, committed beside the sample, accepted
//! for every sample file and refusing broken ones, by a validator that is not tongbao (Python's
//! reference `jsonschema`, run by tests/validate_schema.py).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const INSTALL: &str = "apt-get install python3-jsonschema python3-yaml，或 pip install jsonschema pyyaml";

/// Whether the independent validator can run; under CI its absence is a failure.
fn validator_available() -> bool {
    common::checker_present("Python 的 jsonschema 与 PyYAML", common::python_has("jsonschema, yaml"), INSTALL)
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
    for (name, text) in tongbao::schema::all(&ds) {
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
    for (name, text) in tongbao::schema::all(&common::dataset(&mini)) {
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
        // The names of orgs.yaml and the project ids, as enums: a misspelt unit, town, leader,
        // HQ or project is flagged as one types.
        ("projects/T-1.yaml", "lead_unit: 甲局", "lead_unit: 甲居"),
        ("projects/T-1.yaml", "town: 东镇", "town: 甲局"),
        ("projects/T-1.yaml", "leaders: [张三, 李四]", "leaders: [张三, 李斯]"),
        ("projects/T-1.yaml", "hq: 一号指挥部", "hq: 二号指挥部"),
        ("progress/2026-03.yaml", "  T-3:", "  T-9: { ytd: 1 }\n  T-3:"),
        ("meetings/2026-01-20-diaodu.md", "host: 张三", "host: 张山"),
    ];
    for (file, from, to) in cases {
        let dir = common::edited("mini", file, from, to);
        let (ok, out) = validate(&schema_dir, &[dir.join(file)]);
        assert!(!ok && out.ends_with("0 valid, 1 invalid\n"), "{file}: {from:?} → {to:?} was accepted: {out}");
    }
}

/// Every property of every schema says in Chinese what it is.
#[test]
fn every_field_has_a_chinese_description() {
    fn walk(schema: &serde_json::Value, at: &str, missing: &mut Vec<String>) {
        if let Some(properties) = schema.get("properties").and_then(|p| p.as_object()) {
            for (key, field) in properties {
                let place = format!("{at}.{key}");
                let described = field
                    .get("description")
                    .and_then(|d| d.as_str())
                    .is_some_and(|d| !d.is_empty() && d.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
                if !described {
                    missing.push(place.clone());
                }
                walk(field, &place, missing);
            }
        }
        for nested in ["items", "additionalProperties"] {
            if let Some(inner) = schema.get(nested).filter(|v| v.is_object()) {
                walk(inner, &format!("{at}[]"), missing);
            }
        }
    }
    let mut missing = Vec::new();
    for (name, text) in tongbao::schema::all(&common::dataset(&common::root().join("data"))) {
        walk(&serde_json::from_str(&text).unwrap(), name, &mut missing);
    }
    assert!(missing.is_empty(), "fields without a Chinese description: {missing:#?}");
}

/// In an editor: yaml-language-server (VS Code's YAML extension), driven over LSP, flags a
/// misspelt unit as one types and completes the HQs of orgs.yaml. `.ci/run` installs it from
/// npm into target/npm; without it the test fails under CI and is skipped elsewhere.
#[test]
fn an_editor_flags_a_misspelt_unit_and_completes_the_names() {
    let server = common::root().join("target/npm/node_modules/.bin/yaml-language-server");
    let how = "npm install --prefix target/npm yaml-language-server@1";
    if !common::checker_present("yaml-language-server", server.is_file(), how) {
        return;
    }
    let data = common::sample_copy("lsp");
    let file = data.join("projects/2026/CY2026-019.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text.replacen("lead_unit: 县水利局", "lead_unit: 县水力局", 1).replacen(
        "hq: 水利重点项目建设指挥部",
        "hq: ",
        1,
    );
    std::fs::write(&file, &text).unwrap();
    let hq_line = text.lines().position(|l| l.starts_with("hq:")).unwrap() + 1;
    let out = Command::new("python3")
        .arg(common::root().join("tests/yaml_lsp.py"))
        .arg(&server)
        .arg(&file)
        .arg(hq_line.to_string())
        .output()
        .unwrap();
    let seen = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{seen}{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        seen.lines().any(|l| l.starts_with("8:12 Value is not accepted.") && l.contains("\"县水利局\"")),
        "the misspelt unit is not flagged at 8:12:\n{seen}"
    );
    assert!(
        seen.ends_with("completion: 交通重点项目建设指挥部 城市更新建设指挥部 水利重点项目建设指挥部 经开区新材料产业园建设指挥部\n"),
        "the HQs are not offered:\n{seen}"
    );
}
