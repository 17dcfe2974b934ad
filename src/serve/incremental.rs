//! Incremental rebuilds of the preview: after an edit of content, only the output files whose
//! values changed are rendered again, and after an edit of existing pages of a site in one
//! language, only those files are read again; any other change falls back to the whole
//! pipeline.
//!
//! - **The text of pages** reaches, as read from the code (`render::context` and `index`), the
//!   page's own HTML file (content, table of contents) and its search document. Validation of
//!   such an edit is the link check of the edited pages against the whole site's addresses and
//!   anchors (gathered once each build is served); when a page loses an anchor, the links of
//!   every page are checked again. Only the edited pages are rendered.
//! - **Front matter** reaches lists, term pages, feeds, calendars, open data, the orientation
//!   path and the pages that cite the page. The site is validated again with the reloaded
//!   pages (the same `validate` as a build, on the other pages as they were loaded; what the
//!   edit cannot change, it takes from the last validation: see
//!   [`Since`](crate::validate::Since)), every file made from the content gets its values
//!   again, and only the files whose values differ from those they were last rendered from
//!   are rendered ([`RenderMemo`](crate::render::memo::RenderMemo)); files no longer made are
//!   removed.
//!
//! These two fast paths serve a site in one language (a page's versions in other languages
//! reach each other through the switcher, links and fallbacks, which they do not follow).
//!
//! - **The content pass** takes any other change of Markdown files of `content/`: a new or
//!   deleted page, a section's `_index.md`, a page made a draft, any edit on a site in several
//!   languages. The content is loaded and validated again whole, as a build does, and only the
//!   files whose values changed are rendered (the same fingerprints); the search is built again
//!   on its thread.
//! - **Anything else** is a whole rebuild, which starts new fingerprints: `balise.yaml`,
//!   templates, themes, catalogues, static files and files beside the content, a new day
//!   (without `--today`), and the change after a failed build.
//!
//! The static search files cannot be patched exactly: every score depends on the whole corpus
//! (BM25's document frequencies and average field lengths), and the postings of a word keep
//! the best documents of the whole site. The new body goes to [`SearchState`], which patches
//! the in-memory tantivy index of the search API at once (delete the document, add it again)
//! and then builds the search files again from the documents it keeps; `serve` does that on a
//! thread of its own, after the edited page is already served.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use tera::Tera;

use crate::diagnostics::Diagnostics;
use crate::index::{SearchDocuments, SearchIndex};
use crate::model::content::{Content, Page, CONTENT_DIR, STATIC_DIR};
use crate::model::files::SiteBounds;
use crate::model::output::{Output, OutputFile};
use crate::model::site::Site;
use crate::render::memo::RenderMemo;
use crate::render::theme::Theme;
use crate::render::Renderer;
use crate::validate::{Checked, Since, ValidateOptions};
use crate::BuildOptions;

/// The served files: output path (`droits/age/index.html`) → bytes.
pub type ServedFiles = HashMap<String, Arc<Vec<u8>>>;

/// The site being previewed, and what its last good build kept to rebuild incrementally.
pub struct Preview {
    options: BuildOptions,
    /// The root as file events name it (resolved), to find the edited files.
    root: PathBuf,
    /// What the fast paths need (a site in one language only).
    last: Option<Last>,
    /// What each file made from the content was last rendered from, while the served files
    /// are those of a successful build with the current templates.
    memo: Option<RenderMemo>,
    /// The day the served files were built for (statuses and upcoming events depend on it).
    built_on: Option<chrono::NaiveDate>,
    /// The files the last build read under `content/` and `static/`
    /// (`content/droits/age.md`), to tell an editor's temporary file from an input that is gone.
    inputs: std::collections::HashSet<String>,
}

/// What the last successful build kept for the fast paths (edits of existing pages).
struct Last {
    site: Site,
    tera: Tera,
    messages: std::sync::Arc<crate::render::i18n::Messages>,
    /// What the last validation found (the addresses and anchors of the site, the warnings of
    /// the orientation path), which the next edit checks against or keeps: made by
    /// [`Preview::prepare_next_edit`] once a whole rebuild or a content pass is served, or else
    /// by the edit that needs it; a front-matter edit gets it from its own validation.
    checked: Option<Checked>,
    /// Content file (`content/droits/age.md`) → index of its page in `site.pages`.
    pages_by_file: HashMap<String, usize>,
}

/// What one rebuild produced.
pub struct Rebuild {
    /// `None` when the build failed: the last good site stays.
    pub files: Option<Vec<OutputFile>>,
    /// `files` is the whole site (files not in it are gone); otherwise only the files that
    /// were made again, and `removed` are gone.
    pub whole: bool,
    /// Files no longer made, after an incremental rebuild.
    pub removed: Vec<String>,
    /// Which pages were rendered again, when the rebuild was incremental.
    pub incremental: Option<Vec<String>>,
    /// What the search must take in (see [`SearchState`]).
    pub search: Option<SearchUpdate>,
    pub diagnostics: Diagnostics,
    /// Published pages of the site.
    pub pages: usize,
}

/// What changes for the search after a rebuild.
pub enum SearchUpdate {
    /// A whole build: its search documents, with the index and the files already built.
    Replace(Box<SearchDocuments>),
    /// Pages whose text changed: (page index, its new plain text).
    Bodies(Vec<(usize, crate::model::packed::PackedText)>),
    /// Pages whose front matter changed: the documents of the whole site made again (a
    /// contact's document holds the words of the pages that cite it), and the edited ones.
    Documents {
        documents: Box<SearchDocuments>,
        edited: Vec<usize>,
    },
}

impl Rebuild {
    /// Which served files [`Rebuild::files`] replaces.
    pub fn scope(&self) -> Scope {
        if self.whole {
            Scope::Whole
        } else if self.removed.is_empty() {
            Scope::These
        } else {
            Scope::Removing(self.removed.clone())
        }
    }
}

impl Preview {
    pub fn new(options: BuildOptions) -> Preview {
        let root = std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
        Preview {
            options,
            root,
            last: None,
            memo: None,
            built_on: None,
            inputs: Default::default(),
        }
    }

    /// Rebuilds after a change of the files `changed` (paths as file events give them): only
    /// the edited pages when it can, else the whole site. An empty list is a whole rebuild.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Rebuild {
        self.rebuild_showing_first(changed, &mut |_| {})
    }

    /// [`Preview::rebuild`], handing `first` the files of the edited pages as soon as they are
    /// rendered, when the rest takes longer: after a front-matter edit, before the lists, term
    /// pages and feeds that show the page (hundreds of milliseconds on a large guide). Those
    /// files are in the [`Rebuild`] too, with the same bytes.
    pub fn rebuild_showing_first(
        &mut self,
        changed: &[PathBuf],
        first: &mut dyn FnMut(Vec<OutputFile>),
    ) -> Rebuild {
        if let Some(rebuild) = self.incremental(changed, first) {
            return rebuild;
        }
        if let Some(rebuild) = self.content_pass(changed) {
            return rebuild;
        }
        self.whole()
    }

    /// The whole pipeline, as `balise build` runs it; keeps what an incremental rebuild needs.
    fn whole(&mut self) -> Rebuild {
        self.last = None;
        self.memo = None;
        let memo = RenderMemo::default();
        let remembering = crate::Remembering {
            memo: &memo,
            search_index: true,
        };
        let (prepared, mut diagnostics) =
            crate::prepare_remembering(&self.options, Some(remembering));
        let Some(prepared) = prepared else {
            return Rebuild {
                files: None,
                whole: true,
                removed: Vec::new(),
                incremental: None,
                search: None,
                diagnostics,
                pages: 0,
            };
        };
        let pages = prepared.site.pages.len();
        self.keep(prepared.site, memo);
        diagnostics.sort();
        Rebuild {
            files: Some(prepared.files),
            whole: true,
            removed: Vec::new(),
            incremental: None,
            search: Some(SearchUpdate::Replace(Box::new(prepared.index))),
            diagnostics,
            pages,
        }
    }

    /// After a successful build of `site`: keeps `memo`, and, for a site in one language, what
    /// the fast paths need.
    fn keep(&mut self, site: Site, memo: RenderMemo) {
        self.memo = Some(memo);
        self.built_on = Some(site.today);
        self.inputs = inputs_of(&site);
        // A site in several languages takes the content pass: a page's versions reach each
        // other (switcher, links, fallbacks), which the fast paths do not follow.
        if site.config.languages.len() > 1 {
            self.last = None;
            return;
        }
        let mut timings = crate::timings::StageTimings::from_env();
        // The templates again (`prepare` does not hand them out): a theme changed since is
        // seen by the watcher, whose next rebuild is a whole one.
        let bounds = SiteBounds::new(
            &self.options.root,
            &[self.options.output_dir(), self.options.index_dir()],
        );
        let mut theme_diagnostics = Diagnostics::default();
        let theme = Theme::load_within(&bounds, &mut theme_diagnostics);
        let messages = std::sync::Arc::new(crate::render::i18n::Messages::load(
            &theme,
            &site.config,
            &mut theme_diagnostics,
        ));
        let tera = theme.compile(
            &messages,
            crate::model::language::Lang::DEFAULT,
            &mut theme_diagnostics,
        );
        timings.lap("serve: templates compiled again, for incremental rebuilds");
        self.last = tera
            .filter(|_| !theme_diagnostics.has_errors())
            .map(|tera| {
                let pages_by_file = site
                    .pages
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p.file.clone(), i))
                    .collect();
                Last {
                    checked: None,
                    site,
                    tera,
                    messages,
                    pages_by_file,
                }
            });
    }

    /// After edits of Markdown files of `content/` that the fast paths do not take (a new or
    /// deleted page, a section's `_index.md`, a page made a draft, any page of a site in
    /// several languages): the whole content loaded and validated again, as a build does, and
    /// only the files whose values changed rendered again; the search is left to its thread.
    /// `None` when anything else changed (templates, configuration, static files) or the
    /// day moved on (without `--today`).
    fn content_pass(&mut self, changed: &[PathBuf]) -> Option<Rebuild> {
        let memo = self.memo.as_ref()?;
        if changed.is_empty() || self.options.today.is_none() && self.day_changed() {
            return None;
        }
        let prefix = format!("{CONTENT_DIR}/");
        let mut files = Vec::new();
        for path in changed {
            let file = self.relative(path)?;
            if crate::load::is_ignored(&file) || !path.exists() && is_temporary(&file, &self.inputs)
            {
                continue;
            }
            if !(file.starts_with(&prefix) && file.ends_with(".md")) {
                return None;
            }
            files.push(file);
        }
        if files.is_empty() {
            // Only an editor's temporary files: nothing to make again.
            return Some(Rebuild {
                files: Some(Vec::new()),
                whole: false,
                removed: Vec::new(),
                incremental: Some(Vec::new()),
                search: None,
                diagnostics: Diagnostics::default(),
                pages: 0,
            });
        }
        // Made again by `keep`; not held beside the new site meanwhile.
        self.last = None;
        memo.begin_pass();
        let remembering = crate::Remembering {
            memo,
            search_index: false,
        };
        let (prepared, mut diagnostics) =
            crate::prepare_remembering(&self.options, Some(remembering));
        let Some(prepared) = prepared else {
            // The next change is a whole rebuild, as after any failure.
            self.memo = None;
            self.last = None;
            return Some(Rebuild {
                files: None,
                whole: false,
                removed: Vec::new(),
                incremental: None,
                search: None,
                diagnostics,
                pages: 0,
            });
        };
        let removed = memo.take_unseen();
        let pages = prepared.site.pages.len();
        let memo = self.memo.take()?;
        self.keep(prepared.site, memo);
        diagnostics.sort();
        Some(Rebuild {
            files: Some(prepared.files),
            whole: false,
            removed,
            incremental: Some(files),
            search: Some(SearchUpdate::Documents {
                documents: Box::new(prepared.index),
                edited: Vec::new(),
            }),
            diagnostics,
            pages,
        })
    }

    /// Gathers what the next edit checks against, if the last rebuild did not: `serve` calls
    /// it once the rebuild is served and announced, while it waits for the next change, so
    /// that neither the rebuild nor the next edit waits for it.
    pub fn prepare_next_edit(&mut self) {
        if let Some(Last { site, checked, .. }) = &mut self.last {
            checked.get_or_insert_with(|| Checked::new(site));
        }
    }

    /// Has the day changed since the last build (statuses and upcoming events depend on it)?
    fn day_changed(&self) -> bool {
        self.built_on != Some(chrono::Local::now().date_naive())
    }

    /// `content/droits/age.md` for a path as file events name it, if it is inside the site.
    fn relative(&self, path: &std::path::Path) -> Option<String> {
        let relative = path.strip_prefix(&self.root).ok()?;
        Some(
            relative
                .components()
                .map(|c| c.as_os_str().to_str())
                .collect::<Option<Vec<_>>>()?
                .join("/"),
        )
    }

    /// Renders only the edited pages, or `None` when the change needs the whole pipeline.
    fn incremental(
        &mut self,
        changed: &[PathBuf],
        first: &mut dyn FnMut(Vec<OutputFile>),
    ) -> Option<Rebuild> {
        let memo = self.memo.as_ref()?;
        let last = self.last.as_mut()?;
        if changed.is_empty() {
            return None;
        }
        // "Today" moved on: statuses and upcoming events of every page may change.
        if self.options.today.is_none() && chrono::Local::now().date_naive() != last.site.today {
            return None;
        }
        let mut edited = Vec::new();
        for path in changed {
            let relative = path.strip_prefix(&self.root).ok()?;
            let file = relative
                .components()
                .map(|c| c.as_os_str().to_str())
                .collect::<Option<Vec<_>>>()?
                .join("/");
            if crate::load::is_ignored(&file) {
                continue;
            }
            match std::fs::symlink_metadata(path) {
                Ok(meta) => match last.pages_by_file.get(&file) {
                    // Through a link, the file might now be outside the site: the whole
                    // pipeline follows the rules for links.
                    Some(&index) if meta.is_file() => {
                        if !edited.contains(&index) {
                            edited.push(index);
                        }
                    }
                    _ => return None,
                },
                // Gone: an editor's temporary file is no input of the site; anything that
                // could have been one is a whole rebuild.
                Err(_) if is_temporary(&file, &self.inputs) => {}
                Err(_) => return None,
            }
        }
        // Read and parse again.
        let mut reloaded = Vec::with_capacity(edited.len());
        let mut front_matter = false;
        for &index in &edited {
            let old = &last.site.pages[index];
            let page = crate::load::reload_page(
                &self.options.root,
                &self.options.root.join(&old.file),
                old.section,
                &last.site.sections[old.section],
                &last.site.config,
                &last.messages.text(last.site.lang, "table-label"),
            )
            .ok()?;
            front_matter |= page.yaml != old.yaml
                || page.source.get(page.yaml.clone()) != old.source.get(old.yaml.clone());
            reloaded.push((index, page));
        }
        if front_matter {
            return self.revalidate(reloaded, first);
        }
        let mut diagnostics = Diagnostics::default();
        let Last { site, checked, .. } = last;
        // From the site before the edit: a page that lost an anchor is told by comparing.
        let links = &mut checked.get_or_insert_with(|| Checked::new(site)).links;
        for (index, page) in reloaded {
            diagnostics.add_source(&page.file, page.source.clone());
            diagnostics.extend_items(page.markdown.diagnostics.iter().cloned());
            site.pages[index] = page;
        }
        // Anchors first, then links: edited pages may link to each other. When a page lost an
        // anchor, links of any page may point to it: every page's links are checked again.
        if !links.take_anchors(&site.pages, &edited) {
            for page in &site.pages {
                links.check_page(page, &mut diagnostics);
            }
        } else {
            for &index in &edited {
                links.check_page(&site.pages[index], &mut diagnostics);
            }
        }
        if diagnostics.has_errors() {
            // The whole pipeline reports them as `balise build` would.
            return None;
        }
        let renderer = Renderer::new(site, &last.tera, &last.messages).remembering(Some(memo));
        let referrers = site.referrers_by_contact();
        let mut files = Vec::with_capacity(edited.len());
        for &index in &edited {
            // `None`: saved without a change.
            files.extend(renderer.page(index, &referrers).ok()?);
        }
        let bodies = edited
            .iter()
            .map(|&i| (i, site.pages[i].markdown.text.clone()))
            .collect();
        diagnostics.sort();
        Some(Rebuild {
            files: Some(files),
            whole: false,
            removed: Vec::new(),
            incremental: Some(edited.iter().map(|&i| site.pages[i].file.clone()).collect()),
            search: Some(SearchUpdate::Bodies(bodies)),
            diagnostics,
            pages: site.pages.len(),
        })
    }
}

impl Preview {
    /// After an edit of the front matter of pages (`reloaded`, by index in `site.pages`): the
    /// site validated again, then every file made from the content made again, rendering only
    /// those whose values changed. `None` when the whole pipeline must run: a page that leaves
    /// the site (a draft), or errors, which the whole pipeline reports as `balise build` does.
    fn revalidate(
        &mut self,
        reloaded: Vec<(usize, Page)>,
        first: &mut dyn FnMut(Vec<OutputFile>),
    ) -> Option<Rebuild> {
        if reloaded
            .iter()
            .any(|(_, page)| page.meta.draft && !self.options.drafts)
        {
            return None;
        }
        let Last {
            site,
            tera,
            messages,
            pages_by_file,
            checked,
        } = self.last.take()?;
        let memo = self.memo.as_ref()?;
        let mut timings = crate::timings::StageTimings::from_env();
        let edited: Vec<usize> = reloaded.iter().map(|(index, _)| *index).collect();
        let mut diagnostics = Diagnostics::default();
        // What the last validation found, and which of it the edits left as it was.
        let checked = checked.unwrap_or_else(|| Checked::new(&site));
        let edits: Vec<_> = reloaded
            .iter()
            .map(|(index, page)| (*index, &site.pages[*index], page))
            .collect();
        let since = Since::new(checked, &edits);
        // The loaded content again, from the site it became: `validate` takes the pages as
        // `load` gave them and keeps their order (by file), so indices stay.
        let Site {
            root,
            config,
            today,
            sections,
            mut pages,
            assets,
            answer_texts,
            ..
        } = site;
        for (index, page) in reloaded {
            diagnostics.extend_items(page.markdown.diagnostics.iter().cloned());
            pages[index] = page;
        }
        let content = Content {
            sections,
            pages,
            assets,
            answer_texts,
            translated: Vec::new(),
        };
        let drafts = self.options.drafts;
        let options = ValidateOptions {
            root,
            today,
            drafts,
        };
        let (site, checked) = crate::validate::validate_since(
            config,
            content,
            options,
            Some(since),
            &mut diagnostics,
        );
        // The texts of the files that diagnostics quote, for the report: found now, instead of
        // handed to `validate` for each of the site's pages (5 ms at 10,000 pages).
        diagnostics.add_quoted_sources(|file| {
            let index = *pages_by_file.get(file)?;
            Some(site.pages[index].source.clone())
        });
        timings.lap("serve: validate");
        if diagnostics.has_errors() {
            return None;
        }
        memo.begin_pass();
        let renderer = Renderer::new(&site, &tera, &messages).remembering(Some(memo));
        // The edited pages first, for the person looking at one of them. Their fingerprints
        // are recorded, so the pass below finds them unchanged and does not render them again;
        // one that fails is left to that pass, which reports it.
        let referrers = site.referrers_by_contact();
        let shown: Vec<OutputFile> = edited
            .iter()
            .filter_map(|&index| renderer.page(index, &referrers).ok().flatten())
            .collect();
        if !shown.is_empty() {
            first(shown.clone());
        }
        // Every output family at once, and the search documents beside them: a family that
        // ends on one long file (the site map of the generated pages, `sitemap.xml`) leaves
        // the other core to the next family instead of idle.
        let (families, documents) = rayon::join(
            || {
                Output::ALL
                    .par_iter()
                    .map(|&output| {
                        let started = std::time::Instant::now();
                        let mut diagnostics = Diagnostics::default();
                        let files = renderer.content_files(output, &mut diagnostics);
                        (output, files, diagnostics, started.elapsed())
                    })
                    .collect::<Vec<_>>()
            },
            || Box::new(SearchDocuments::from_site(&site, &messages)),
        );
        drop(renderer);
        timings.lap("serve: the files and the search documents, side by side");
        // The edited pages, shown already, are part of this rebuild's files.
        let mut files = shown;
        for (output, made, family_diagnostics, took) in families {
            timings.note(|| format!("  {output:?}: {} ms", took.as_millis()));
            files.extend(made);
            diagnostics.extend(family_diagnostics);
        }
        if diagnostics.has_errors() {
            return None;
        }
        timings.note(|| {
            let slowest: Vec<String> = memo
                .slowest_renders()
                .iter()
                .map(|(took, path)| format!("{path} {} ms", took.as_millis()))
                .collect();
            format!("serve: slowest renders: {}", slowest.join(", "))
        });
        let removed = memo.take_unseen();
        let incremental = edited.iter().map(|&i| site.pages[i].file.clone()).collect();
        let pages = site.pages.len();
        self.last = Some(Last {
            checked: Some(checked),
            site,
            tera,
            messages,
            pages_by_file,
        });
        diagnostics.sort();
        Some(Rebuild {
            files: Some(files),
            whole: false,
            removed,
            incremental: Some(incremental),
            search: Some(SearchUpdate::Documents { documents, edited }),
            diagnostics,
            pages,
        })
    }
}

/// A path that is gone and that the last build did not read: under `content/` or `static/`,
/// not Markdown, neither one of `inputs` nor a folder that held some (editors write and remove
/// such files when saving; a folder moved away is seen as one path).
fn is_temporary(file: &str, inputs: &std::collections::HashSet<String>) -> bool {
    let under_site = [CONTENT_DIR, STATIC_DIR]
        .iter()
        .any(|dir| file.starts_with(&format!("{dir}/")));
    let folder = format!("{file}/");
    under_site
        && !file.ends_with(".md")
        && !inputs.contains(file)
        && !inputs.iter().any(|input| input.starts_with(&folder))
}

/// The files `site` was read from under `content/` and `static/`, in every language. A file
/// copied as it is counts under both folders (its output path does not tell which).
fn inputs_of(site: &Site) -> std::collections::HashSet<String> {
    let mut inputs = std::collections::HashSet::new();
    for s in std::iter::once(site).chain(&site.translations) {
        inputs.extend(s.pages.iter().map(|p| p.file.clone()));
        inputs.extend(s.sections.iter().map(|p| p.file.clone()));
    }
    inputs.extend(site.answer_texts.iter().map(|t| t.file.clone()));
    for asset in &site.assets {
        for dir in [CONTENT_DIR, STATIC_DIR] {
            inputs.insert(format!("{dir}/{}", asset.output));
        }
    }
    inputs
}

/// Which served files a list of files replaces.
#[derive(Debug, Clone)]
pub enum Scope {
    /// The whole site: served files not in the list are removed.
    Whole,
    /// Only the files of the list.
    These,
    /// The files of the list, and these paths are gone.
    Removing(Vec<String>),
}

/// Puts `files` into `served`; returns the paths whose bytes changed, or that were removed,
/// sorted. Unchanged files keep their allocation.
pub fn apply(served: &mut ServedFiles, files: Vec<OutputFile>, scope: Scope) -> Vec<String> {
    let mut changed = Vec::new();
    let mut fresh: HashMap<String, Arc<Vec<u8>>> = HashMap::with_capacity(files.len());
    for file in files {
        let bytes = match served.get(&file.path) {
            Some(old) if **old == file.contents => old.clone(),
            _ => {
                changed.push(file.path.clone());
                Arc::new(file.contents)
            }
        };
        fresh.insert(file.path, bytes);
    }
    let removed: Vec<String> = match &scope {
        Scope::Whole => served
            .keys()
            .filter(|p| !fresh.contains_key(*p))
            .cloned()
            .collect(),
        Scope::These => Vec::new(),
        Scope::Removing(paths) => paths
            .iter()
            .filter(|p| served.contains_key(*p) && !fresh.contains_key(*p))
            .cloned()
            .collect(),
    };
    for path in &removed {
        served.remove(path);
    }
    changed.extend(removed);
    match scope {
        Scope::Whole => *served = fresh,
        Scope::These | Scope::Removing(_) => served.extend(fresh),
    }
    changed.sort();
    changed
}

/// The search documents of the site as last updated, from which the search files and the
/// index of the search API are built.
#[derive(Default)]
pub struct SearchState {
    documents: Option<SearchDocuments>,
    /// Paths of the search files last handed out, to tell which ones are gone.
    paths: Vec<String>,
}

/// The search files and the index of the search API, built again.
pub struct SearchBuild {
    /// Every search file (`search/manifest.json`, `search/t/3.json`…).
    pub files: Vec<OutputFile>,
    /// For [`apply`]: search files of the previous build that are no longer made.
    pub scope: Scope,
    pub index: SearchIndex,
}

impl SearchState {
    /// Takes in an update. For edited bodies, returns the index of the search API patched at
    /// once (each edited document deleted and added again), which serves until
    /// [`SearchState::build`] is done.
    pub fn update(&mut self, update: SearchUpdate) -> Option<SearchIndex> {
        match update {
            SearchUpdate::Replace(documents) => {
                // The files of a whole build are already served.
                self.paths = static_paths(&documents);
                self.documents = Some(*documents);
                None
            }
            SearchUpdate::Bodies(bodies) => {
                let documents = self.documents.as_mut()?;
                let mut patched = None;
                for (index, body) in bodies {
                    let mut doc = documents.docs.get(index)?.clone();
                    doc.body = body;
                    // Patched on the index built before: each patch is one more commit on it.
                    patched = documents.patched_search_index(index, &doc).ok();
                    documents.replace_body(index, doc.body);
                }
                patched
            }
            SearchUpdate::Documents {
                documents: fresh,
                edited,
            } => {
                let mut patched = None;
                if let Some(documents) = &self.documents {
                    for index in edited {
                        let doc = fresh.docs.get(index)?;
                        patched = documents.patched_search_index(index, doc).ok();
                    }
                }
                // Built again by the next call to `build`.
                self.documents = Some(*fresh);
                patched
            }
        }
    }

    /// The static search files and the index of the search API, built again when the
    /// documents changed since the last call.
    pub fn build(&mut self) -> Result<SearchBuild, String> {
        let documents = self.documents.as_ref().ok_or("no search documents yet")?;
        // Every language's: a site in several languages takes the content pass.
        let files = documents.every_static_file()?;
        let index = documents.search_index()?;
        let previous = std::mem::replace(&mut self.paths, static_paths(documents));
        Ok(SearchBuild {
            files,
            scope: Scope::Removing(previous),
            index,
        })
    }
}

fn static_paths(documents: &SearchDocuments) -> Vec<String> {
    std::iter::once(documents)
        .chain(&documents.translations)
        .filter_map(|d| d.static_files().ok())
        .flatten()
        .map(|(path, _)| path.clone())
        .collect()
}

/// Is `path` a file of the search index (`search/t/3.json`)? Read by `search.js` when a query
/// is typed, never by a page as it loads.
pub fn is_search_data(path: &str) -> bool {
    path.starts_with("search/") && path.ends_with(".json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_replaces_the_scope_and_reports_changes() {
        let mut served = ServedFiles::new();
        let file = |p: &str, b: &str| OutputFile::new(p, b.as_bytes().to_vec());
        let changed = apply(
            &mut served,
            vec![
                file("a.html", "1"),
                file("search/t/0.json", "x"),
                file("search/t/1.json", "y"),
            ],
            Scope::Whole,
        );
        assert_eq!(changed.len(), 3);
        let same = apply(&mut served, vec![file("a.html", "1")], Scope::These);
        assert!(same.is_empty());
        let edited = apply(&mut served, vec![file("a.html", "2")], Scope::These);
        assert_eq!(edited, ["a.html"]);
        let previous = vec!["search/t/0.json".to_string(), "search/t/1.json".to_string()];
        let changed = apply(
            &mut served,
            vec![file("search/t/0.json", "z")],
            Scope::Removing(previous),
        );
        assert_eq!(changed, ["search/t/0.json", "search/t/1.json"]);
        let mut paths: Vec<_> = served.keys().cloned().collect();
        paths.sort();
        assert_eq!(paths, ["a.html", "search/t/0.json"]);
        let whole = apply(&mut served, vec![file("b.html", "1")], Scope::Whole);
        assert_eq!(whole, ["a.html", "b.html", "search/t/0.json"]);
    }

    #[test]
    fn search_data_is_told_from_assets() {
        assert!(is_search_data("search/t/12.json"));
        assert!(is_search_data("search/manifest.json"));
        assert!(!is_search_data("search.js"));
        assert!(!is_search_data("recherche/index.html"));
    }
}
