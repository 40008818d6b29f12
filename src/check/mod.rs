//! Stage 2, check: the validation rules of the data contract beyond what typing catches.
//!
//! Each rule has a stable code (listed in docs/诊断代码.md) and points at the exact value with
//! `file:line:col`. Rules read the model and the sources; they never stop at the first finding.

mod contest;
mod identity;
mod limits;
mod meetings;
mod money;
mod placeholders;
mod plausible;
mod references;
mod timeline;

use crate::diagnostic::Diagnostic;
use crate::load::{Seg, Sources};
use crate::model::Dataset;
use rayon::prelude::*;

/// What every rule needs: the data, where it came from, the names that can be referred to, and
/// the findings so far.
pub struct Checker<'a> {
    pub ds: &'a Dataset,
    pub sources: &'a Sources,
    pub findings: Vec<Diagnostic>,
    known: &'a references::Known<'a>,
}

impl<'a> Checker<'a> {
    fn error(&mut self, code: &'static str, file: &str, path: &[Seg], message: String, hint: Option<String>) {
        let at = self.sources.at(file, path);
        self.findings.push(Diagnostic::error(code, file, at, message).with_hint(hint));
    }

    fn warning(&mut self, code: &'static str, file: &str, path: &[Seg], message: String, hint: Option<String>) {
        let at = self.sources.at(file, path);
        self.findings.push(Diagnostic::warning(code, file, at, message).with_hint(hint));
    }

    /// Whether `file` was read past a bad value: the rules that compare values skip it.
    fn read_past(&self, file: &str) -> bool {
        self.sources.read_past.contains(file)
    }

    /// Whether the project `id` came from a file read past a bad value.
    fn project_read_past(&self, id: &str) -> bool {
        self.sources.project_read_past(id)
    }

    /// The file a project came from (borrowed from the sources, not from the checker, so that
    /// findings can be added while it is held).
    fn project_file(&self, id: &str) -> &'a str {
        self.sources.projects.get(id).map_or("", String::as_str)
    }
}

/// The projects whose values the rules that compare values look at: not those from a file
/// read past a bad value.
fn compared_projects<'a>(ds: &'a Dataset, sources: &'a Sources) -> impl Iterator<Item = &'a crate::model::Project> {
    ds.projects.iter().filter(move |p| !sources.project_read_past(&p.id))
}

/// Runs every rule over a loaded dataset, the rule groups in parallel; findings come back
/// sorted by file and position.
pub fn check(ds: &Dataset, sources: &Sources) -> Vec<Diagnostic> {
    let rules: [fn(&mut Checker); 9] = [
        identity::check,
        references::check,
        money::check,
        timeline::check,
        meetings::check,
        contest::check,
        limits::check,
        placeholders::check,
        plausible::check,
    ];
    let known = references::Known::new(ds);
    let mut findings: Vec<Diagnostic> = rules
        .par_iter()
        .flat_map_iter(|rule| {
            let mut c = Checker { ds, sources, findings: Vec::new(), known: &known };
            rule(&mut c);
            c.findings
        })
        .collect();
    findings.sort();
    findings.dedup();
    findings
}
