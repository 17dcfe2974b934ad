//! `balise`: the command line. Each subcommand parses its flags and calls the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use balise::{BuildError, BuildOptions};

#[derive(Parser)]
#[command(
    name = "balise",
    version,
    about = "Builds an accessible rights guide from Markdown and YAML"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct SiteArgs {
    /// Site root: the folder with balise.yaml and content/
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Output folder (relative paths are taken from the root)
    #[arg(long, default_value = "public")]
    output: PathBuf,
    /// Search index folder (relative paths are taken from the root)
    #[arg(long, default_value = "search-index")]
    index: PathBuf,
    /// Replace base_url from balise.yaml
    #[arg(long)]
    base_url: Option<String>,
    /// Date to compute statuses and upcoming events for (YYYY-MM-DD), for reproducible builds
    #[arg(long, value_parser = parse_today)]
    today: Option<NaiveDate>,
    /// Include pages marked `draft: true`
    #[arg(long)]
    drafts: bool,
}

impl SiteArgs {
    fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            output: self.output.clone(),
            index: self.index.clone(),
            base_url: self.base_url.clone(),
            today: self.today,
            drafts: self.drafts,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ and the search index into search-index/
    Build(SiteArgs),
    /// Report every problem of the content, writing nothing
    Check {
        /// Site root: the folder with balise.yaml and content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Exit with 1 on warnings too
        #[arg(long)]
        deny_warnings: bool,
        /// Check as if built on this date (YYYY-MM-DD)
        #[arg(long, value_parser = parse_today)]
        today: Option<NaiveDate>,
    },
    /// Search the index that `balise build` wrote
    Search {
        /// Search index folder
        #[arg(long, default_value = "search-index")]
        index: PathBuf,
        /// Take the synonyms from this site's balise.yaml instead of those saved in the index
        #[arg(long)]
        root: Option<PathBuf>,
        /// Print {"total", "results": [...]} as JSON
        #[arg(long)]
        json: bool,
        /// Number of results
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Only pages of this kind (right, contact, convention, event, page)
        #[arg(long)]
        kind: Option<String>,
        /// Only pages with this criterion (slug, e.g. grossesse)
        #[arg(long)]
        criteria: Option<String>,
        /// Only pages with this domain (slug, e.g. logement)
        #[arg(long)]
        domains: Option<String>,
        /// Only events that end today or later
        #[arg(long)]
        upcoming: bool,
        /// "Today" for --upcoming (YYYY-MM-DD)
        #[arg(long, value_parser = parse_today)]
        today: Option<NaiveDate>,
        /// What to look for, in everyday words
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
    },
    /// Serve the read-only search API (GET /api/search, GET /healthz)
    SearchApi {
        /// Search index folder
        #[arg(long, default_value = "search-index")]
        index: PathBuf,
        /// Take the synonyms from this site's balise.yaml instead of those saved in the index
        #[arg(long)]
        root: Option<PathBuf>,
        /// Address to listen on
        #[arg(long, default_value = "127.0.0.1:8787")]
        bind: std::net::SocketAddr,
        /// Origin allowed to call the API from a browser (repeat it; `*` for any)
        #[arg(long)]
        allow_origin: Vec<String>,
    },
}

fn parse_today(text: &str) -> Result<NaiveDate, String> {
    balise::dates::parse_date(text)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    match cli.command {
        Command::Build(args) => match balise::build(&args.options()) {
            Ok(report) => {
                if !report.diagnostics.is_empty() {
                    eprint!("{}", report.diagnostics.render_human(color));
                }
                println!("{}", report.summary());
                ExitCode::SUCCESS
            }
            Err(BuildError::Content(diagnostics)) => {
                eprint!("{}", diagnostics.render_human(color));
                eprintln!("Build failed: nothing was written; the previous output is unchanged.");
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("error: {e}");
                eprintln!("The previous output is unchanged.");
                ExitCode::FAILURE
            }
        },
        Command::Check {
            root,
            format,
            deny_warnings,
            today,
        } => {
            let mut options = BuildOptions::new(root);
            options.today = today;
            let diagnostics = balise::check(&options);
            match format {
                Format::Human => eprint!("{}", diagnostics.render_human(color)),
                Format::Json => print!("{}", diagnostics.render_json()),
            }
            let failed = diagnostics.has_errors() || (deny_warnings && diagnostics.warnings() > 0);
            if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Search {
            index,
            root,
            json,
            limit,
            kind,
            criteria,
            domains,
            upcoming,
            today,
            query,
        } => {
            let command = balise::index::cli::SearchCommand {
                index,
                root,
                json,
                request: balise::index::SearchRequest {
                    q: query.join(" "),
                    kind,
                    criteria,
                    domains,
                    limit: Some(limit),
                    upcoming: balise::index::cli::upcoming_day(upcoming, today),
                },
            };
            match balise::index::cli::search(&command) {
                Ok(text) => {
                    print!("{text}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::SearchApi {
            index,
            root,
            bind,
            allow_origin,
        } => match balise::index::cli::search_api(&index, root.as_deref(), bind, &allow_origin) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
    }
}
