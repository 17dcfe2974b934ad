//! balise builds a static, accessible rights guide from Markdown files with YAML front matter.
//!
//! The content [`model`] is below every stage; the stages run one way, each using only the model
//! and the stages before it (a test, `tests/it/layering.rs`, keeps it so):
//!
//! 1. [`load`]: walk `content/`, split and parse front matter into the typed struct of each
//!    kind ([`model::kinds`]), convert Markdown;
//! 2. [`validate`]: cross-references, dates, links; every problem becomes a [`Diagnostic`];
//!    the result is the [`Site`], built once and only read afterwards;
//! 3. [`render`]: Tera templates of the theme, pages rendered in parallel and minified, and the
//!    other generated files (calendars, cards, open data, feed, CMS);
//! 4. [`index`]: the tantivy search index and the static search files;
//! 5. [`write`]: the files whose bytes changed are staged beside the output, then put in place
//!    (a killed build leaves the previous output, or a journal the next build finishes).
//!
//! [`prepare_into`] runs stages 1 to 4 and produces every family of [`Output`] in one loop, into
//! an [`OutputSink`]: in memory for [`prepare`], straight into the staging folder of [`write`]
//! for [`build`], which so never holds the whole output; [`check`] writes nothing. Around the
//! pipeline: live preview ([`serve`]), scaffolding ([`scaffold`]), export to another search
//! engine ([`export`]).

// Leaves: text helpers and diagnostics, used everywhere.
pub mod diagnostics;
pub mod text;
pub mod timings;

// The content model.
pub mod model;

// The stages, in order.
pub mod index;
pub mod load;
pub mod render;
pub mod validate;
pub mod write;

// Commands around the pipeline, and the command line.
pub mod cli;
pub mod export;
pub mod scaffold;
pub mod serve;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

pub use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
pub use crate::model::kinds::Kind;
pub use crate::model::output::{DiscardSink, MemorySink, Output, OutputFile, OutputSink};
pub use crate::model::site::Site;
use crate::render::theme::Theme;
use crate::timings::StageTimings;
use crate::write::{StagedSink, Staging, WriteStats};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Site root: the folder with `balise.yaml` and `content/`.
    pub root: PathBuf,
    /// Output folder; relative paths are taken from the root.
    pub output: PathBuf,
    /// Search index folder; relative paths are taken from the root.
    pub index: PathBuf,
    /// Replaces `base_url` from `balise.yaml` (for previews and staging hosts).
    pub base_url: Option<String>,
    /// "Today", for convention statuses and upcoming events; the real date when `None`.
    pub today: Option<NaiveDate>,
    /// Include pages marked `draft: true`.
    pub drafts: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: PathBuf::from("public"),
            index: PathBuf::from("search-index"),
            base_url: None,
            today: None,
            drafts: false,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.root.join(&self.output)
    }

    pub fn index_dir(&self) -> PathBuf {
        self.root.join(&self.index)
    }
}

/// What a successful build produced.
#[derive(Debug)]
pub struct BuildReport {
    pub site: Site,
    pub files: usize,
    /// Files of the site written, left as they were, removed.
    pub written: WriteStats,
    pub term_pages: usize,
    pub elapsed: Duration,
    /// Warnings (a successful build has no errors).
    pub diagnostics: Diagnostics,
}

impl BuildReport {
    /// One line: pages per kind, time.
    pub fn summary(&self) -> String {
        let kinds: Vec<String> = self
            .site
            .counts()
            .iter()
            .map(|(k, n)| format!("{n} {}", k.label_fr().to_lowercase()))
            .collect();
        let total: usize = self.site.counts().iter().map(|(_, n)| n).sum();
        format!(
            "Built {total} pages ({}), {} sections, {} term pages, {} files in {:.2} s",
            kinds.join(", "),
            self.site.sections.len(),
            self.term_pages,
            self.files,
            self.elapsed.as_secs_f64()
        )
    }
}

#[derive(Debug)]
pub enum BuildError {
    /// The content has errors; nothing was written.
    Content(Diagnostics),
    /// Writing the output failed; the previous output is left as it was.
    Io(std::io::Error),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Content(d) => write!(f, "{}", d.summary_line()),
            BuildError::Io(e) => write!(f, "cannot write the site: {e}"),
        }
    }
}

impl std::error::Error for BuildError {}

/// The site and every file of the output, in memory: the result of stages 1 to 4.
pub struct Prepared {
    pub site: Site,
    pub files: Vec<OutputFile>,
    pub index: index::SearchDocuments,
    pub term_pages: usize,
}

/// What [`prepare_into`] made besides the files it put into its sink.
pub struct Made {
    pub site: Site,
    pub index: index::SearchDocuments,
    pub term_pages: usize,
}

/// Runs load, validate, render and index, in memory; returns the diagnostics in every case.
///
/// A panic anywhere in the stages becomes an `internal` error (file-level ones are caught closer,
/// naming their file): `build` and `check` then fail with a message, and `serve` keeps serving.
pub fn prepare(options: &BuildOptions) -> (Option<Prepared>, Diagnostics) {
    prepare_remembering(options, None)
}

/// How `serve` runs the stages (see [`prepare_remembering`]).
#[derive(Clone, Copy)]
pub(crate) struct Remembering<'a> {
    /// What each file of every language was last rendered from: a file whose values did not
    /// change is neither rendered nor put (a new memo renders everything, and records it).
    pub memo: &'a render::memo::RenderMemo,
    /// Build the search index and its files now (else the caller builds them from
    /// [`Prepared::index`], on a thread of its own).
    pub search_index: bool,
}

/// [`prepare`], for `serve`: recording what each file was made from, and skipping the files
/// whose values did not change since (see [`Remembering`]).
pub(crate) fn prepare_remembering(
    options: &BuildOptions,
    memo: Option<Remembering>,
) -> (Option<Prepared>, Diagnostics) {
    let sink = MemorySink::default();
    let (made, diagnostics) = run_stages(options, &sink, memo);
    let prepared = made.map(|made| Prepared {
        site: made.site,
        files: sink.into_files(),
        index: made.index,
        term_pages: made.term_pages,
    });
    (prepared, diagnostics)
}

/// [`prepare`], putting every file into `sink` as it is made. When it returns `None` (content
/// errors), the files already put are to be dropped.
pub fn prepare_into(options: &BuildOptions, sink: &dyn OutputSink) -> (Option<Made>, Diagnostics) {
    run_stages(options, sink, None)
}

fn run_stages(
    options: &BuildOptions,
    sink: &dyn OutputSink,
    memo: Option<Remembering>,
) -> (Option<Made>, Diagnostics) {
    match diagnostics::catch_panic("(build)", || prepare_stages(options, sink, memo)) {
        Ok(result) => result,
        Err(d) => {
            let mut diagnostics = Diagnostics::default();
            diagnostics.push(d);
            (None, diagnostics)
        }
    }
}

fn prepare_stages(
    options: &BuildOptions,
    sink: &dyn OutputSink,
    memo: Option<Remembering>,
) -> (Option<Made>, Diagnostics) {
    let mut timings = StageTimings::from_env();
    let mut diagnostics = Diagnostics::default();
    let Some(mut config) = model::config::Config::load(&options.root, &mut diagnostics) else {
        return (None, diagnostics);
    };
    if let Some(url) = &options.base_url {
        if let Err(why) = model::config::check_base_url(url) {
            diagnostics.push(
                Diagnostic::error("config", "(command line)", format!("`--base-url` {why}"))
                    .help("write for example `--base-url https://preview.example.org/guide/`"),
            );
            return (None, diagnostics);
        }
        config.base_url = url.clone();
    }
    // The output and index folders are never inputs, even through a link.
    let bounds =
        model::files::SiteBounds::new(&options.root, &[options.output_dir(), options.index_dir()]);
    let theme = Theme::load_within(&bounds, &mut diagnostics);
    let messages = std::sync::Arc::new(render::i18n::Messages::load(
        &theme,
        &config,
        &mut diagnostics,
    ));
    // One compiled set of templates per language: `t(key=…)` gives that language's words.
    let teras: Option<Vec<tera::Tera>> = config
        .langs()
        .map(|lang| theme.compile(&messages, lang, &mut diagnostics))
        .collect();
    let table_labels: Vec<String> = config
        .langs()
        .map(|lang| messages.text(lang, "table-label"))
        .collect();
    timings.lap("config and theme");
    let content = load::load(
        &options.root,
        &bounds,
        &config,
        &table_labels,
        // `serve` keeps the pages' texts: it validates the site again after an edit.
        memo.is_some(),
        &mut diagnostics,
    );
    timings.lap("load (front matter, markdown)");
    let today = options
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let site = validate::validate(
        config,
        content,
        validate::ValidateOptions {
            root: options.root.clone(),
            today,
            drafts: options.drafts,
        },
        &mut diagnostics,
    );
    timings.lap("validate");
    let Some(teras) = teras else {
        diagnostics.sort();
        return (None, diagnostics);
    };
    if diagnostics.has_errors() {
        diagnostics.sort();
        return (None, diagnostics);
    }
    // The search index (mostly sequential: tantivy's indexing thread and the vocabulary) is
    // built while the pages and the other files are made on every core: the longest stages
    // overlap. Each file goes to the sink as soon as it is made; the search files come last.
    let build_search_index = memo.is_none_or(|m| m.search_index);
    let memo = memo.map(|m| m.memo);
    let renderer = render::Renderer::new(&site, &teras[0], &messages).remembering(memo);
    // The other languages' pages: each a site of its own, under its prefix.
    let translations: Vec<render::Renderer> = site
        .translations
        .iter()
        .map(|t| render::Renderer::new(t, &teras[t.lang.index()], &messages).remembering(memo))
        .collect();
    let every_language = || std::iter::once(&renderer).chain(&translations);
    let ((), search) = rayon::join(
        || {
            for output in Output::ALL {
                let files = match output {
                    // Put into the sink by the worker that renders each page.
                    Output::Pages => {
                        for r in every_language() {
                            r.pages_into(sink, &mut diagnostics);
                        }
                        timings.lap("pages");
                        continue;
                    }
                    Output::ThemeAssets => theme.asset_files(site.config.languages.len() > 1),
                    Output::SiteAssets => site_assets(&site, &mut diagnostics),
                    // Below, from the index built meanwhile.
                    Output::Search => continue,
                    Output::GeneratedPages
                    | Output::Orientation
                    | Output::Sitemap
                    | Output::Calendars
                    | Output::ContactCards
                    | Output::OpenData
                    | Output::Feed
                    | Output::Cms => every_language()
                        .flat_map(|r| r.content_files(output, &mut diagnostics))
                        .collect(),
                };
                sink.put_all(files);
                timings.lap(&format!("{output:?}"));
            }
        },
        || {
            let search = index::SearchDocuments::from_site(&site, &messages);
            // The index is built lazily: build it here, beside the render, and not when the
            // static search files are asked for below (an error is kept and reported by the
            // write of the index).
            if build_search_index {
                let _ = search.static_files();
            }
            search
        },
    );
    timings.lap("(the search index, built beside them)");
    if build_search_index {
        sink.put_all(index::static_files(&site, &search));
    }
    let term_pages = site.taxonomies.iter().map(|t| t.terms.len() + 1).sum();
    diagnostics.sort();
    if diagnostics.has_errors() {
        return (None, diagnostics);
    }
    (
        Some(Made {
            site,
            index: search,
            term_pages,
        }),
        diagnostics,
    )
}

/// The site's own files (from `static/` and beside the content), copied as they are.
fn site_assets(site: &Site, diagnostics: &mut Diagnostics) -> Vec<OutputFile> {
    let mut files = Vec::with_capacity(site.assets.len());
    for asset in &site.assets {
        match std::fs::read(&asset.source) {
            Ok(bytes) => files.push(OutputFile::new(asset.output.clone(), bytes)),
            Err(e) => diagnostics.push(
                Diagnostic::error(
                    "io",
                    text::relative(&site.root, &asset.source),
                    format!("cannot read this file: {e}"),
                )
                .help("check its permissions"),
            ),
        }
    }
    files
}

/// Validates everything a build would, and writes nothing: each file is dropped as soon as
/// it is made.
pub fn check(options: &BuildOptions) -> Diagnostics {
    prepare_into(options, &DiscardSink).1
}

/// Builds the site into `options.output` and the search index into `options.index`.
///
/// The changed files of the site (compared as they are rendered) and the whole index are staged
/// beside their targets and put in place only when both are complete: on a content error nothing
/// is written, and a build killed at any point leaves the previous output, or a committed
/// journal that the next build finishes (see [`write`]). Builds into the same folders take
/// turns: the lock is held from the first comparison to the commit.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let (output, index_dir) = (options.output_dir(), options.index_dir());
    for target in [&output, &index_dir] {
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(BuildError::Io)?;
        }
    }
    let mut timings = StageTimings::from_env();
    let lock = write::lock(&[&output, &index_dir]).map_err(BuildError::Io)?;
    timings.lap("wait for the output lock");
    // A build killed after its commit point left a journal: finish it first, so that the output
    // is whole again even if this build then fails.
    write::recover(&output).map_err(BuildError::Io)?;
    write::recover(&index_dir).map_err(BuildError::Io)?;
    let sink = StagedSink::new(&output).map_err(BuildError::Io)?;
    let (made, diagnostics) = prepare_into(options, &sink);
    let Some(made) = made else {
        return Err(BuildError::Content(diagnostics));
    };
    let written = write_output(sink, &index_dir, &made.index).map_err(BuildError::Io)?;
    drop(lock);
    Ok(BuildReport {
        files: written.written + written.unchanged,
        written,
        term_pages: made.term_pages,
        site: made.site,
        elapsed: started.elapsed(),
        diagnostics,
    })
}

/// Stages the index, then puts the site's staged files and the index in place.
fn write_output(
    site: StagedSink,
    index_dir: &Path,
    index: &index::SearchDocuments,
) -> std::io::Result<WriteStats> {
    let mut timings = StageTimings::from_env();
    let site_update = site.finish()?;
    timings.lap("list the site files to remove");
    let index_staging = Staging::new(index_dir)?;
    index::write_index(index, &index_staging.dir)?;
    timings.lap("tantivy index");
    // Keep the README that says what lands in the index folder.
    let readme = index_dir.join("README.md");
    if readme.is_file() {
        std::fs::copy(&readme, index_staging.dir.join("README.md"))?;
    }
    let stats = site_update.commit()?;
    index_staging.commit()?;
    timings.lap(&format!(
        "put in place ({} written, {} unchanged, {} removed)",
        stats.written, stats.unchanged, stats.removed
    ));
    Ok(stats)
}
