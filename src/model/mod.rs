//! The content model, below every stage: what a site is made of, from `balise.yaml` and the
//! front matter of each kind to the [`Site`](site::Site) that `validate` builds once and every
//! later stage reads. Nothing here imports a stage.

pub mod config;
pub mod content;
pub mod conventions;
pub mod dates;
pub mod files;
pub mod frontmatter;
pub mod kinds;
pub mod language;
pub mod limits;
pub mod orientation;
pub mod output;
pub mod packed;
pub mod site;
pub mod taxonomy;
