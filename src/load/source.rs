//! The text of every data file read, kept so that findings can point into it.

use super::locate::{self, Node, Seg};
use std::ops::Range;
use std::sync::OnceLock;

/// One data file: its path relative to the data folder, its text, and the position tree of
/// its YAML, built the first time a finding needs it (valid files never do).
#[derive(Debug)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    /// The byte range of the YAML part in `text` (the front matter of a Markdown file).
    yaml: Range<usize>,
    /// The line number of the YAML part's first line.
    first_line: usize,
    tree: OnceLock<Node>,
}

impl SourceFile {
    /// `yaml` is the byte range of the YAML part of `text`, which starts at line `first_line`.
    pub fn new(path: String, text: String, yaml: Range<usize>, first_line: usize) -> Self {
        SourceFile { path, text, yaml, first_line, tree: OnceLock::new() }
    }

    fn tree(&self) -> &Node {
        self.tree.get_or_init(|| locate::tree(self.text.get(self.yaml.clone()).unwrap_or(""), self.first_line))
    }

    pub fn at(&self, path: &[Seg]) -> (usize, usize) {
        self.tree().locate(path)
    }

    pub fn key_at(&self, path: &[Seg]) -> (usize, usize) {
        self.tree().locate_key(path)
    }
}
