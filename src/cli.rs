//! The command line (clap): one struct of flags per command and one function that runs it.
//! Every command that reads a site takes the same site options ([`SiteArgs`]).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::kinds::Kind;
use crate::{BuildError, BuildOptions};

#[derive(Parser)]
#[command(
    name = "balise",
    version,
    about = "Builds an accessible rights guide from Markdown and YAML"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Which site, as of which day, with or without drafts: shared by every command that reads one.
#[derive(clap::Args, Clone)]
struct SiteArgs {
    /// Site root: the folder with balise.yaml and content/
    #[arg(long, default_value = ".")]
    root: PathBuf,
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
        let mut options = BuildOptions::new(&self.root);
        options.base_url = self.base_url.clone();
        options.today = self.today;
        options.drafts = self.drafts;
        options
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ and the search index into search-index/
    Build(BuildArgs),
    /// Preview the site, rebuilt in memory and reloaded in the browser on every change
    Serve(ServeArgs),
    /// Create a new site in DIR (a new or empty folder) that builds at once
    Init { dir: PathBuf },
    /// Create a content file with every field of its kind, commented in French
    New(NewArgs),
    /// Export the search documents for another search engine
    Export(ExportArgs),
    /// Report every problem of the content, writing nothing
    Check(CheckArgs),
    /// Search the index that `balise build` wrote
    Search(SearchArgs),
    /// Serve the read-only search API (GET /api/search, GET /healthz)
    SearchApi(SearchApiArgs),
}

#[derive(clap::Args)]
struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Output folder (relative paths are taken from the root)
    #[arg(long, default_value = "public")]
    output: PathBuf,
    /// Search index folder (relative paths are taken from the root)
    #[arg(long, default_value = "search-index")]
    index: PathBuf,
}

#[derive(clap::Args)]
struct ServeArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Address to listen on (port 0 picks a free port)
    #[arg(long, default_value = "127.0.0.1:1111")]
    bind: String,
    /// Open the site in the default browser
    #[arg(long)]
    open: bool,
}

#[derive(clap::Args)]
struct NewArgs {
    /// right, contact, convention, event or page
    #[arg(value_parser = parse_kind)]
    kind: Kind,
    /// File name without .md: lowercase letters, digits and hyphens
    slug: String,
    /// Section folder under content/ (default: the first section of that kind)
    #[arg(long)]
    section: Option<String>,
    /// Site root: the folder with balise.yaml and content/
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Opensearch,
}

#[derive(clap::Args)]
struct ExportArgs {
    #[command(flatten)]
    site: SiteArgs,
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// A folder, or a file ending in .ndjson (relative paths are taken from the root)
    #[arg(long, default_value = "opensearch")]
    output: PathBuf,
    /// Load into this cluster instead of writing files (http://host:9200); credentials come
    /// from BALISE_OPENSEARCH_USER and BALISE_OPENSEARCH_PASSWORD
    #[arg(long, value_name = "URL")]
    push: Option<String>,
    /// Index name in the bulk lines; with --push, the alias that searches use
    #[arg(long, visible_alias = "index-name", default_value = "balise")]
    index: String,
    /// This guide's id in a shared index (default: from base_url, e.g. guide-example-org)
    #[arg(long = "site")]
    site_id: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

#[derive(clap::Args)]
struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Exit with 1 on warnings too
    #[arg(long)]
    deny_warnings: bool,
}

#[derive(clap::Args)]
struct SearchArgs {
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
    /// Language of the query and of the pages to find (a code of `languages:`, e.g. en);
    /// the site's default language when absent
    #[arg(long)]
    lang: Option<String>,
    /// What to look for, in everyday words
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Backend {
    Tantivy,
    Opensearch,
}

#[derive(clap::Args)]
struct SearchApiArgs {
    /// Where searches are answered: the index that `balise build` wrote, or a cluster
    #[arg(long, value_enum, default_value = "tantivy")]
    backend: Backend,
    /// The cluster's address, with --backend opensearch (credentials from
    /// BALISE_OPENSEARCH_USER and BALISE_OPENSEARCH_PASSWORD)
    #[arg(required_if_eq("backend", "opensearch"))]
    url: Option<String>,
    /// Search index: a folder (tantivy, default search-index) or an alias (opensearch, default
    /// balise)
    #[arg(long)]
    index: Option<String>,
    /// Take the synonyms from this site's balise.yaml instead of those saved in the index
    #[arg(long)]
    root: Option<PathBuf>,
    /// Address to listen on
    #[arg(long, default_value = "127.0.0.1:8787")]
    bind: std::net::SocketAddr,
    /// Origin allowed to call the API from a browser (repeat it; `*` for any)
    #[arg(long)]
    allow_origin: Vec<String>,
    /// Searches running at once [default: the number of cores]
    #[arg(long)]
    max_searches: Option<usize>,
    /// Searches waiting for a free worker; more get 503 with Retry-After
    #[arg(long, default_value_t = 256)]
    queue: usize,
    /// Connections open at once; more wait to be accepted
    #[arg(long, default_value_t = 1024)]
    max_connections: usize,
    /// Seconds a client has to send a request's headers, and the longest idle keep-alive
    #[arg(long, default_value_t = 10)]
    header_timeout: u64,
}

fn parse_today(text: &str) -> Result<NaiveDate, String> {
    crate::model::dates::parse_date(text)
}

fn parse_kind(text: &str) -> Result<Kind, String> {
    Kind::parse(text).ok_or_else(|| {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        format!("write one of: {}", names.join(", "))
    })
}

/// Where messages go and how they look.
struct Terminal {
    color: bool,
}

impl Terminal {
    fn report(&self, diagnostics: &Diagnostics) {
        eprint!("{}", diagnostics.render_human(self.color));
    }

    fn fail(&self, diagnostic: Diagnostic) -> ExitCode {
        let mut diagnostics = Diagnostics::default();
        diagnostics.push(diagnostic);
        self.report(&diagnostics);
        ExitCode::FAILURE
    }
}

/// Runs the command line; the exit code says whether it succeeded.
pub fn run(cli: Cli) -> ExitCode {
    let terminal = Terminal {
        color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    match cli.command {
        Command::Build(args) => build(args, &terminal),
        Command::Serve(args) => serve(args),
        Command::Init { dir } => init(dir, &terminal),
        Command::New(args) => new(args, &terminal),
        Command::Export(args) => export(args, &terminal),
        Command::Check(args) => check(args, &terminal),
        Command::Search(args) => search(args),
        Command::SearchApi(args) => search_api(args),
    }
}

fn build(args: BuildArgs, terminal: &Terminal) -> ExitCode {
    let mut options = args.site.options();
    options.output = args.output;
    options.index = args.index;
    match build_with_progress(&options) {
        Ok(report) => {
            if !report.diagnostics.is_empty() {
                terminal.report(&report.diagnostics);
            }
            println!("{}", report.summary());
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(diagnostics)) => {
            terminal.report(&diagnostics);
            eprintln!("Build failed: nothing was written; the previous output is unchanged.");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("The previous output is unchanged.");
            ExitCode::FAILURE
        }
    }
}

/// Builds with a spinner when stderr is a terminal, plain lines otherwise (CI logs).
fn build_with_progress(options: &BuildOptions) -> Result<crate::BuildReport, BuildError> {
    if !std::io::stderr().is_terminal() {
        eprintln!("Building {} ...", options.root.display());
        return crate::build(options);
    }
    let spinner = indicatif::ProgressBar::new_spinner();
    if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
        spinner.set_style(style);
    }
    spinner.set_message(format!("Building {}", options.root.display()));
    spinner.enable_steady_tick(std::time::Duration::from_millis(80));
    let result = crate::build(options);
    spinner.finish_and_clear();
    result
}

fn today_or_now(today: Option<NaiveDate>) -> NaiveDate {
    today.unwrap_or_else(|| chrono::Local::now().date_naive())
}

fn serve(args: ServeArgs) -> ExitCode {
    let options = crate::serve::ServeOptions {
        build: args.site.options(),
        bind: args.bind,
        open: args.open,
    };
    match crate::serve::run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn init(dir: PathBuf, terminal: &Terminal) -> ExitCode {
    match crate::scaffold::init(&dir, today_or_now(None)) {
        Ok(files) => {
            println!(
                "Created a new site in {} ({} files).",
                dir.display(),
                files.len()
            );
            println!(
                "Next: balise serve --root {}",
                shell_quote(&dir.display().to_string())
            );
            ExitCode::SUCCESS
        }
        Err(d) => terminal.fail(d),
    }
}

/// `text` as one shell word, so that a printed command can be pasted as it is: quoted when it
/// has spaces or characters the shell would read (`mon guide` → `'mon guide'`).
fn shell_quote(text: &str) -> String {
    let plain = !text.is_empty()
        && text.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(c, '_' | '-' | '.' | '/' | ':' | '@' | '+' | '=' | ',' | '%')
        });
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

fn new(args: NewArgs, terminal: &Terminal) -> ExitCode {
    match crate::scaffold::new_page(
        &args.root,
        args.kind,
        &args.slug,
        args.section.as_deref(),
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
        Err(d) => terminal.fail(d),
    }
}

fn export(args: ExportArgs, terminal: &Terminal) -> ExitCode {
    let ExportFormat::Opensearch = args.format;
    let options = args.site.options();
    let (prepared, diagnostics) = crate::prepare(&options);
    let Some(prepared) = prepared else {
        terminal.report(&diagnostics);
        eprintln!("Export failed: nothing was written.");
        return ExitCode::FAILURE;
    };
    let site_id = match args.site_id {
        Some(id) if crate::export::slug_of(&id) == id => id,
        Some(id) => {
            eprintln!("error: `{id}` cannot be a site id: write lowercase letters and digits joined by single hyphens");
            return ExitCode::FAILURE;
        }
        None => crate::export::site_id(&prepared.site.config.base_url),
    };
    let Some(url) = args.push else {
        let output = options.root.join(args.output);
        return match crate::export::write_opensearch(
            &prepared.site,
            &prepared.index,
            &site_id,
            &output,
            &args.index,
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
        };
    };
    let client = match crate::export::client::Client::new(&url) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let definition = match crate::export::mapping(&prepared.site, &prepared.index) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: the search index cannot be built: {e}");
            return ExitCode::FAILURE;
        }
    };
    let docs = crate::export::documents(&prepared.site, &prepared.index, &site_id);
    let push_options = crate::export::push::PushOptions {
        alias: args.index,
        site: site_id.clone(),
        definition,
    };
    match crate::export::push::push(&client, &docs, &push_options) {
        Ok(report) => {
            if let Some(warning) = &report.health_warning {
                eprintln!("warning: {warning}");
            }
            println!(
                "Pushed {} documents of {} to {} (index {}{}) in {:.2} s{}",
                report.documents,
                push_options.site,
                push_options.alias,
                report.index,
                if report.removed.is_empty() {
                    String::new()
                } else {
                    format!(", replacing {}", report.removed.join(", "))
                },
                report.elapsed.as_secs_f64(),
                if report.retries > 0 {
                    format!(", {} batches sent again after a 429", report.retries)
                } else {
                    String::new()
                }
            );
            ExitCode::SUCCESS
        }
        Err(crate::export::push::PushError::Documents(errors)) => {
            for e in &errors {
                eprintln!("error: {} refused (HTTP {}): {}", e.id, e.status, e.reason);
            }
            eprintln!(
                "Push failed: {} of {} documents were refused; the alias {} was left as it was.",
                errors.len(),
                docs.len(),
                push_options.alias
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!(
                "Push failed: the alias {} was left as it was.",
                push_options.alias
            );
            ExitCode::FAILURE
        }
    }
}

fn check(args: CheckArgs, terminal: &Terminal) -> ExitCode {
    // Each file is dropped as soon as it is made: `check` writes nothing.
    let (prepared, diagnostics) = crate::prepare_into(&args.site.options(), &crate::DiscardSink);
    match args.format {
        Format::Human => terminal.report(&diagnostics),
        Format::Json => {
            print!("{}", diagnostics.render_json());
            // After the diagnostics, one line per other language: the pages it lacks (none
            // for a site in one language, whose output is unchanged).
            let untranslated = prepared
                .as_ref()
                .map(|p| crate::validate::translations::untranslated(&p.site))
                .unwrap_or_default();
            for (lang, files) in untranslated {
                let line = serde_json::json!({ "untranslated": { "lang": lang, "files": files } });
                println!("{line}");
            }
        }
    }
    let failed = diagnostics.has_errors() || (args.deny_warnings && diagnostics.warnings() > 0);
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn search(args: SearchArgs) -> ExitCode {
    let command = crate::index::cli::SearchCommand {
        index: args.index,
        root: args.root,
        json: args.json,
        request: crate::index::SearchRequest {
            q: args.query.join(" "),
            kind: args.kind,
            criteria: args.criteria,
            domains: args.domains,
            site: None,
            lang: args.lang,
            limit: Some(args.limit),
            upcoming: crate::index::cli::upcoming_day(args.upcoming, args.today),
        },
    };
    match crate::index::cli::search(&command) {
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

fn search_api(args: SearchApiArgs) -> ExitCode {
    let defaults = crate::index::api::ApiLimits::default();
    let limits = crate::index::api::ApiLimits {
        searches: args.max_searches.unwrap_or(defaults.searches).max(1),
        queue: args.queue,
        max_connections: args.max_connections.max(1),
        header_timeout: std::time::Duration::from_secs(args.header_timeout.max(1)),
    };
    let result = match (args.backend, args.url) {
        (Backend::Opensearch, Some(url)) => {
            let index = args.index.unwrap_or_else(|| "balise".to_string());
            crate::export::client::Client::new(&url).and_then(|client| {
                let backend = crate::export::backend::OpenSearchBackend::new(client, &index);
                backend.check()?;
                crate::index::cli::serve_api(
                    std::sync::Arc::new(backend),
                    args.bind,
                    &args.allow_origin,
                    limits,
                )
            })
        }
        (Backend::Tantivy, None) => crate::index::cli::search_api(
            std::path::Path::new(args.index.as_deref().unwrap_or("search-index")),
            args.root.as_deref(),
            args.bind,
            &args.allow_origin,
            limits,
        ),
        (Backend::Tantivy, Some(_)) => Err("an address is only for --backend opensearch".into()),
        // clap requires the address with --backend opensearch.
        (Backend::Opensearch, None) => {
            Err("--backend opensearch needs the cluster's address".into())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_paths_are_one_shell_word() {
        assert_eq!(shell_quote("mon-guide"), "mon-guide");
        assert_eq!(shell_quote("/tmp/guide_2"), "/tmp/guide_2");
        assert_eq!(shell_quote("mon guide"), "'mon guide'");
        assert_eq!(shell_quote("l'été"), r"'l'\''été'");
        assert_eq!(shell_quote("$HOME;rm"), "'$HOME;rm'");
        assert_eq!(shell_quote(""), "''");
    }
}
