//! Every page of the sample checked by the Nu Html Checker (vnu-jar from npm, run with Java):
//! not one error. `.ci/run` checks a 10k demo's site the same way.

mod common;

use std::process::Command;

#[test]
fn every_page_passes_the_nu_html_checker() {
    let root = common::root();
    let vnu = root.join("target/npm/node_modules/vnu-jar/build/dist/vnu.jar");
    let present = common::command_exists("java") && vnu.is_file();
    let install = "apt-get install default-jre-headless; npm install --prefix target/npm vnu-jar";
    if !common::checker_present("java and vnu-jar", present, install) {
        return;
    }
    let site = common::build(&root.join("data"));
    let pages = common::files(&site).iter().filter(|f| f.ends_with(".html")).count();
    assert!(pages > 150, "{pages} pages");
    let run = Command::new("java")
        .arg("-jar")
        .arg(&vnu)
        .args(["--errors-only", "--skip-non-html"])
        .arg(&site)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success() && said.trim().is_empty(), "vnu found errors:\n{said}");
}
