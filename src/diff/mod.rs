//! `tongbao diff OLD NEW`: what a pull request does to the published figures, for reviewers.
//! Each side is a data folder or a git revision; both are loaded and checked in full, and a
//! side with errors is reported rather than half-compared. Every published period is compared
//! ([`periods`]), and the pages themselves ([`pages`]): "no change" means the two builds write
//! the same bytes.

mod changes;
mod pages;
mod periods;
mod report;
mod side;

pub use changes::{Change, Changes, compare};
pub use report::{html, markdown};
pub use side::{Side, open};
