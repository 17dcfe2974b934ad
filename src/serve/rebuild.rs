//! One rebuild of the preview: incremental when only the text of pages changed, else the whole
//! pipeline in memory ([`incremental`](super::incremental)); the files that changed are swapped
//! into the served snapshot and announced to the open pages. The search files and the index
//! of the search API follow on a thread of their own, so that an edited page is served without
//! waiting for the search.

use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::incremental::{apply, Preview, Scope, SearchState, SearchUpdate};
use super::{write_lock, Notice, Shared};
use crate::index::SearchIndex;
use crate::BuildOptions;

/// The preview's builds, and the hand-off to the search thread.
pub(super) struct Rebuilder {
    preview: Preview,
    shared: Arc<Shared>,
    search: Sender<(u64, SearchUpdate)>,
    /// Number of updates sent to the search thread: its result is served only if no later
    /// update was sent meanwhile.
    generation: u64,
}

impl Rebuilder {
    pub(super) fn new(options: BuildOptions, shared: Arc<Shared>) -> Rebuilder {
        let (search, updates) = channel();
        let for_search = shared.clone();
        std::thread::spawn(move || search_thread(updates, &for_search));
        Rebuilder {
            preview: Preview::new(options),
            shared,
            search,
            generation: 0,
        }
    }

    /// Rebuilds after a change of `changed` (all files when empty) and swaps in the files that
    /// changed. Prints the outcome in the terminal.
    pub(super) fn rebuild(&mut self, changed: &[PathBuf]) {
        let started = Instant::now();
        let shared = &*self.shared;
        // The edited pages of a front-matter edit, served and announced before the rest: the
        // page being looked at reloads without waiting for the lists that show it.
        let mut show_first = |files: Vec<crate::model::output::OutputFile>| {
            let mut snapshot = write_lock(shared);
            let changed = apply(&mut snapshot.files, files, Scope::These);
            if changed.is_empty() {
                return;
            }
            snapshot.version += 1;
            let version = snapshot.version;
            drop(snapshot);
            eprintln!(
                "Edited page served in {} ms: {}",
                started.elapsed().as_millis(),
                changed.join(", ")
            );
            let (open, before) = shared.viewers.on(&changed);
            let _ = shared.events.send(Notice::Rebuilt {
                version,
                changed: changed.clone(),
            });
            // The rest (lists, term pages, feeds) would share the cores with the browsers
            // reloading the edited page: it waits until they have it, or for `RELOAD_GRACE`.
            if open > 0 {
                let waited = Instant::now();
                let reloaded = shared
                    .viewers
                    .wait_for(&changed, before, open, RELOAD_GRACE);
                eprintln!(
                    "  reloaded by {reloaded} of {open} open page(s) in {} ms",
                    waited.elapsed().as_millis()
                );
            }
        };
        let rebuild = self.preview.rebuild_showing_first(changed, &mut show_first);
        let scope = rebuild.scope();
        let color = std::io::IsTerminal::is_terminal(&std::io::stderr())
            && std::env::var_os("NO_COLOR").is_none();
        let Some(files) = rebuild.files else {
            eprint!("{}", rebuild.diagnostics.render_human(color));
            eprintln!("Rebuild failed: still serving the last good version.");
            let mut snapshot = write_lock(shared);
            snapshot.errors = Some(rebuild.diagnostics.render_human(false));
            drop(snapshot);
            let _ = shared.events.send(Notice::Failed);
            return;
        };
        if !rebuild.diagnostics.is_empty() {
            eprint!("{}", rebuild.diagnostics.render_human(color));
        }
        let mut snapshot = write_lock(shared);
        let changed = apply(&mut snapshot.files, files, scope);
        let first = snapshot.version == 0;
        snapshot.errors = None;
        snapshot.version += 1;
        let version = snapshot.version;
        if rebuild.search.is_some() {
            self.generation += 1;
            snapshot.search_generation = self.generation;
        }
        if let Some(SearchUpdate::Replace(documents)) = &rebuild.search {
            // A whole build made its index already: the search API answers from it as soon
            // as its pages are served (the search thread only keeps the documents). Under the
            // lock, after the new generation: a search build still running for an older one
            // cannot install its index after this one.
            match documents.search_index() {
                Ok(index) => install_api(shared, index),
                Err(e) => eprintln!("warning: the search index cannot be opened: {e}"),
            }
        }
        drop(snapshot);
        let elapsed = started.elapsed();
        if first {
            eprintln!(
                "Built {} pages in memory in {} ms",
                rebuild.pages,
                elapsed.as_millis()
            );
        } else {
            let how = match &rebuild.incremental {
                Some(files) if !files.is_empty() => format!(" (only {})", files.join(", ")),
                // Nothing listed: a whole rebuild, or a content pass that only saw an editor's
                // temporary files.
                _ => String::new(),
            };
            eprintln!(
                "Rebuilt in {} ms{how}: {} file(s) changed",
                elapsed.as_millis(),
                changed.len()
            );
        }
        let _ = shared.events.send(Notice::Rebuilt { version, changed });
        if let Some(update) = rebuild.search {
            // The thread only ends with the process.
            let _ = self.search.send((self.generation, update));
        }
        self.preview.prepare_next_edit();
    }
}

fn install_api(shared: &Shared, index: SearchIndex) {
    // Any origin: the preview is local, and the widget may be tried from another page.
    let api = crate::index::api::router(Arc::new(index), &["*".to_string()]);
    *shared.search.write().unwrap_or_else(|p| p.into_inner()) = Some(api);
}

/// How long the rest of a front-matter rebuild waits, at most, for the open pages that reload
/// the edited page (their reload script listens again): a reload takes 100-150 ms in
/// Chromium on a quiet machine, and longer while the rebuild shares the two cores with it.
const RELOAD_GRACE: Duration = Duration::from_millis(300);

/// How long the search files wait, after an edit, before they are built again: the open pages
/// reload meanwhile without sharing the two cores of a small machine with that build (about
/// 1.5 s of indexing at 10,000 pages), and edits saved meanwhile join the same build. The
/// search API answers from its patched index at once.
const SEARCH_FILES_GRACE: Duration = Duration::from_millis(400);

/// Takes the search updates in order; after each batch, serves the patched index of the API
/// at once, then, after [`SEARCH_FILES_GRACE`], builds the search files and the exact index
/// again and serves them, unless a later update is already waiting.
fn search_thread(updates: Receiver<(u64, SearchUpdate)>, shared: &Shared) {
    let mut state = SearchState::default();
    while let Ok((mut generation, update)) = updates.recv() {
        let started = Instant::now();
        // Patches the index of the API; tells whether the update was an edit.
        let take = |update: SearchUpdate, state: &mut SearchState| {
            let edit = !matches!(update, SearchUpdate::Replace(_));
            if let Some(index) = state.update(update) {
                install_api(shared, index);
            }
            edit
        };
        let mut edited = take(update, &mut state);
        while let Ok((later, update)) = updates.try_recv() {
            generation = later;
            edited |= take(update, &mut state);
        }
        if !edited {
            // A whole build's search files are served with it, and its index installed.
            continue;
        }
        let deadline = Instant::now() + SEARCH_FILES_GRACE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match updates.recv_timeout(left) {
                Ok((later, update)) => {
                    generation = later;
                    take(update, &mut state);
                }
                Err(RecvTimeoutError::Timeout) => break,
                // `serve` is ending.
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let built = crate::diagnostics::catch_panic("(search)", || state.build());
        let built = match built {
            Ok(Ok(built)) => built,
            Ok(Err(e)) => {
                eprintln!("warning: the search index cannot be built: {e}");
                continue;
            }
            Err(d) => {
                eprintln!("warning: the search index cannot be built: {}", d.message);
                continue;
            }
        };
        let mut snapshot = write_lock(shared);
        if snapshot.search_generation != generation {
            continue;
        }
        let changed = apply(&mut snapshot.files, built.files, built.scope);
        let version = snapshot.version;
        install_api(shared, built.index);
        drop(snapshot);
        if edited {
            eprintln!(
                "Search updated in {} ms: {} file(s) changed",
                started.elapsed().as_millis(),
                changed.len()
            );
        }
        if !changed.is_empty() {
            let _ = shared.events.send(Notice::Rebuilt { version, changed });
        }
    }
}
