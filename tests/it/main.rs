//! End-to-end tests, in one binary so that the test suite links once: each module drives the
//! library or the `balise` binary on the bundled guide or on small sites of its own, and checks
//! the outputs with independent parsers.

mod accessibility;
mod build;
mod check;
mod common;
mod languages;
mod languages_search;
mod layering;
mod opensearch;
mod orientation;
mod outputs;
mod reliability;
mod search_cli;
mod serve_incremental;
mod streaming;
mod workflow;
mod writing;
