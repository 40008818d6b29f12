//! `tongbao diff OLD NEW`: what a pull request does to the published figures, for reviewers.
//! Each side is a data folder or a git revision; both are loaded and checked in full, and a
//! side with errors is reported rather than half-compared.

mod changes;
mod report;
mod side;

pub use changes::{Change, Changes, compare};
pub use report::{html, markdown};
pub use side::{Side, open};
