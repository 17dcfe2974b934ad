//! `balise`: the command line. Each subcommand parses its flags and calls the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use balise::{BuildError, BuildOptions};

// A build allocates and frees millions of small strings and JSON values on every core; with the
// system allocator, malloc and free took a quarter of a 10,000-page build (README, "Performance").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Preview the site, rebuilt in memory and reloaded in the browser on every change
    Serve {
        /// Site root: the folder with balise.yaml and content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Address to listen on (port 0 picks a free port)
        #[arg(long, default_value = "127.0.0.1:1111")]
        bind: String,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
        /// Date to compute statuses and upcoming events for (YYYY-MM-DD)
        #[arg(long, value_parser = parse_today)]
        today: Option<NaiveDate>,
        /// Include pages marked `draft: true`
        #[arg(long)]
        drafts: bool,
    },
    /// Create a new site in DIR (a new or empty folder) that builds at once
    Init { dir: PathBuf },
    /// Create a content file with every field of its kind, commented in French
    New {
        /// right, contact, convention, event or page
        #[arg(value_parser = parse_kind)]
        kind: balise::Kind,
        /// File name without .md: lowercase letters, digits and hyphens
        slug: String,
        /// Section folder under content/ (default: the first section of that kind)
        #[arg(long)]
        section: Option<String>,
        /// Site root: the folder with balise.yaml and content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Export the search documents for another search engine
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Site root: the folder with balise.yaml and content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// A folder, or a file ending in .ndjson (relative paths are taken from the root)
        #[arg(long, default_value = "opensearch")]
        output: PathBuf,
        /// Name of the index in the bulk action lines
        #[arg(long, default_value = "balise")]
        index_name: String,
        /// Date to compute statuses and upcoming events for (YYYY-MM-DD)
        #[arg(long, value_parser = parse_today)]
        today: Option<NaiveDate>,
    },
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
    balise::model::dates::parse_date(text)
}

fn parse_kind(text: &str) -> Result<balise::Kind, String> {
    balise::Kind::parse(text)
        .ok_or_else(|| "write one of: right, contact, convention, event, page".to_string())
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Opensearch,
}

/// Builds with a spinner when stderr is a terminal, plain lines otherwise (CI logs).
fn build_with_progress(options: &BuildOptions) -> Result<balise::BuildReport, BuildError> {
    if !std::io::stderr().is_terminal() {
        eprintln!("Building {} ...", options.root.display());
        return balise::build(options);
    }
    let spinner = indicatif::ProgressBar::new_spinner();
    if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
        spinner.set_style(style);
    }
    spinner.set_message(format!("Building {}", options.root.display()));
    spinner.enable_steady_tick(std::time::Duration::from_millis(80));
    let result = balise::build(options);
    spinner.finish_and_clear();
    result
}

fn report(diagnostic: balise::Diagnostic, color: bool) -> ExitCode {
    let mut diagnostics = balise::Diagnostics::default();
    diagnostics.push(diagnostic);
    eprint!("{}", diagnostics.render_human(color));
    ExitCode::FAILURE
}

fn today_or_now(today: Option<NaiveDate>) -> NaiveDate {
    today.unwrap_or_else(|| chrono::Local::now().date_naive())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    match cli.command {
        Command::Build(args) => match build_with_progress(&args.options()) {
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
        Command::Serve {
            root,
            bind,
            open,
            today,
            drafts,
        } => {
            let mut build = BuildOptions::new(root);
            build.today = today;
            build.drafts = drafts;
            let options = balise::serve::ServeOptions { build, bind, open };
            match balise::serve::run(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Init { dir } => match balise::scaffold::init(&dir, today_or_now(None)) {
            Ok(files) => {
                println!(
                    "Created a new site in {} ({} files).",
                    dir.display(),
                    files.len()
                );
                println!("Next: balise serve --root {}", dir.display());
                ExitCode::SUCCESS
            }
            Err(d) => report(d, color),
        },
        Command::New {
            kind,
            slug,
            section,
            root,
        } => match balise::scaffold::new_page(
            &root,
            kind,
            &slug,
            section.as_deref(),
            today_or_now(None),
        ) {
            Ok(made) => {
                if let Some(index) = made.created_section {
                    println!("Created the section {}", index.display());
                }
                println!(
                    "Created {}: fill in its title and fields.",
                    made.file.display()
                );
                ExitCode::SUCCESS
            }
            Err(d) => report(d, color),
        },
        Command::Export {
            format: ExportFormat::Opensearch,
            root,
            output,
            index_name,
            today,
        } => {
            let mut options = BuildOptions::new(&root);
            options.today = today;
            let (prepared, diagnostics) = balise::prepare(&options);
            let Some(prepared) = prepared else {
                eprint!("{}", diagnostics.render_human(color));
                eprintln!("Export failed: nothing was written.");
                return ExitCode::FAILURE;
            };
            let output = root.join(output);
            match balise::export::write_opensearch(
                &prepared.index,
                &prepared.site.config,
                &output,
                &index_name,
            ) {
                Ok(paths) => {
                    println!(
                        "Exported {} documents to {} and the index mapping to {}",
                        prepared.index.docs.len(),
                        paths.documents.display(),
                        paths.mapping.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: cannot write the export: {e}");
                    ExitCode::FAILURE
                }
            }
        }
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
