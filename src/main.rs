//! `balise`: the command line. The commands live in the library (`balise::cli`).

use std::process::ExitCode;

use clap::Parser;

// A build allocates and frees millions of small strings and JSON values on every core; with the
// system allocator, malloc and free took a quarter of a 10,000-page build (README, "Performance").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    balise::cli::run(balise::cli::Cli::parse())
}
