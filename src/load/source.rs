//! The text of every data file read, kept so that findings can point into it.

use super::locate::{self, Node, Seg};

/// One data file: its path relative to the data folder, its text and its position tree.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    pub tree: Node,
}

impl SourceFile {
    /// `yaml` is the YAML part of `text`, which starts at line `first_line`.
    pub fn new(path: String, text: String, yaml: &str, first_line: usize) -> Self {
        let tree = locate::tree(yaml, first_line);
        SourceFile { path, text, tree }
    }

    pub fn at(&self, path: &[Seg]) -> (usize, usize) {
        self.tree.locate(path)
    }

    pub fn key_at(&self, path: &[Seg]) -> (usize, usize) {
        self.tree.locate_key(path)
    }
}
