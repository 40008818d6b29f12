//! tongbao: key-project ledgers, monthly bulletins and meeting handouts from YAML in git.
//!
//! The pipeline, one module per stage: [`load`] → [`check`] → [`figures`] → render
//! ([`render`], [`charts`]) → [`output`]. [`model`] holds the data contract as types.

pub mod diagnostic;
pub mod load;
pub mod model;
