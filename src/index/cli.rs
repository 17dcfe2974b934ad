//! What `balise search` and `balise search-api` do, so that `main.rs` only parses flags.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::api::ApiLimits;
use super::engine::{SearchIndex, SearchRequest, SearchResponse};

pub struct SearchCommand {
    pub index: PathBuf,
    /// Site root whose `balise.yaml` synonyms replace those saved in the index.
    pub root: Option<PathBuf>,
    pub json: bool,
    pub request: SearchRequest,
}

fn open(index: &Path, root: Option<&Path>) -> Result<SearchIndex, String> {
    let mut opened = SearchIndex::open(index).map_err(|e| e.to_string())?;
    if let Some(root) = root {
        let mut diagnostics = crate::Diagnostics::default();
        let config = crate::model::config::Config::load(root, &mut diagnostics)
            .ok_or_else(|| format!("cannot read {}/balise.yaml", root.display()))?;
        opened.set_synonyms(&config.search.synonyms);
    }
    Ok(opened)
}

/// Runs a search; returns the text to print (JSON or a human list).
pub fn search(command: &SearchCommand) -> Result<String, String> {
    let index = open(&command.index, command.root.as_deref())?;
    let response = index
        .search(&command.request)
        .map_err(|e| format!("cannot search the index: {e}"))?;
    if command.json {
        // Serializing plain strings and numbers cannot fail.
        return Ok(serde_json::to_string_pretty(&response).unwrap_or_default() + "\n");
    }
    Ok(human(&command.request.q, &response))
}

fn human(query: &str, response: &SearchResponse) -> String {
    let mut out = format!("{} results for \"{}\"\n", response.total, query.trim());
    for (i, hit) in response.results.iter().enumerate() {
        out.push_str(&format!(
            "{:>2}. {}  {}  ({}, score {:.2})\n",
            i + 1,
            hit.title,
            hit.url,
            hit.kind,
            hit.score
        ));
        if !hit.summary.is_empty() {
            out.push_str(&format!("    {}\n", hit.summary));
        }
    }
    out
}

/// `upcoming` as the CLI takes it: a flag, on `--today` or the real date.
pub fn upcoming_day(upcoming: bool, today: Option<NaiveDate>) -> Option<NaiveDate> {
    upcoming.then(|| today.unwrap_or_else(|| chrono::Local::now().date_naive()))
}

/// Runs the search API until Ctrl-C, within `limits`. Prints the address it listens on (on
/// stdout, one line).
pub fn search_api(
    index: &Path,
    root: Option<&Path>,
    bind: SocketAddr,
    allowed_origins: &[String],
    limits: ApiLimits,
) -> Result<(), String> {
    let index = open(index, root)?;
    serve_api(std::sync::Arc::new(index), bind, allowed_origins, limits)
}

/// Runs the search API over any backend until Ctrl-C, within `limits`; prints the address it
/// listens on.
pub fn serve_api(
    backend: std::sync::Arc<dyn super::engine::SearchBackend>,
    bind: SocketAddr,
    allowed_origins: &[String],
    limits: ApiLimits,
) -> Result<(), String> {
    // Few threads, whatever the load: the network side is asynchronous, and searches run on a
    // blocking pool no larger than the number of searches allowed at once.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(cores.min(4))
        .max_blocking_threads(limits.searches.max(1))
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    runtime
        .block_on(super::api::serve_with(
            backend,
            bind,
            allowed_origins,
            limits,
            |addr| {
                println!("Search API on http://{addr}/api/search?q=");
            },
        ))
        .map_err(|e| format!("cannot serve on {bind}: {e}"))
}
