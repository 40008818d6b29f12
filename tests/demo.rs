//! `tongbao demo`: synthetic data that is valid by the contract and the same for the same seed.

mod common;

fn demo(out: &std::path::Path, seed: &str) {
    common::demo(out, &["--projects", "300", "--years", "2", "--meetings", "20", "--seed", seed]);
}

#[test]
fn demo_data_is_clean_and_deterministic() {
    let (a, b, c) = (common::scratch("demo-a"), common::scratch("demo-b"), common::scratch("demo-c"));
    demo(&a, "7");
    demo(&b, "7");
    demo(&c, "8");
    let files = common::files(&a);
    // config, orgs, 300 projects, 24 monthly files, 20 meetings
    assert_eq!(files.len(), 2 + 300 + 24 + 20);
    assert_eq!(files, common::files(&b));
    for f in &files {
        assert!(
            std::fs::read(a.join(f)).unwrap() == std::fs::read(b.join(f)).unwrap(),
            "{f} differs for the same seed"
        );
    }
    assert_ne!(
        std::fs::read(a.join("projects/DM-000001.yaml")).unwrap(),
        std::fs::read(c.join("projects/DM-000001.yaml")).unwrap()
    );
    let inspection = tongbao::inspect(&a).unwrap();
    assert!(inspection.findings.is_empty(), "{:#?}", inspection.findings);
    // And it builds.
    let site = common::build(&a);
    assert!(site.join("projects/DM-000299.html").is_file());
}
