//! One rebuild of the preview: the whole pipeline in memory, then only the files that changed
//! are swapped into the served snapshot and announced to the open pages.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use super::{write_lock, Notice, Shared};
use crate::BuildOptions;

/// Builds in memory and swaps in the files that changed. Prints the outcome in the terminal.
pub(super) fn rebuild(options: &BuildOptions, shared: &Shared) {
    let started = Instant::now();
    let (prepared, diagnostics) = crate::prepare(options);
    let color = std::io::IsTerminal::is_terminal(&std::io::stderr())
        && std::env::var_os("NO_COLOR").is_none();
    let Some(prepared) = prepared else {
        eprint!("{}", diagnostics.render_human(color));
        eprintln!("Rebuild failed: still serving the last good version.");
        let mut snapshot = write_lock(shared);
        snapshot.errors = Some(diagnostics.render_human(false));
        drop(snapshot);
        let _ = shared.events.send(Notice::Failed);
        return;
    };
    if !diagnostics.is_empty() {
        eprint!("{}", diagnostics.render_human(color));
    }
    // The search API answers from this build's index, built in memory by `prepare`.
    match prepared.index.search_index() {
        Ok(index) => {
            // Any origin: the preview is local, and the widget may be tried from another page.
            let api = crate::index::api::router(Arc::new(index), &["*".to_string()]);
            *shared.search.write().unwrap_or_else(|p| p.into_inner()) = Some(api);
        }
        Err(e) => eprintln!("warning: the search index cannot be built: {e}"),
    }
    let mut snapshot = write_lock(shared);
    let mut changed = Vec::new();
    let mut fresh: HashMap<String, Arc<Vec<u8>>> = HashMap::with_capacity(prepared.files.len());
    for file in prepared.files {
        let same = snapshot
            .files
            .get(&file.path)
            .is_some_and(|old| **old == file.contents);
        let bytes = match snapshot.files.get(&file.path) {
            // Keep the old allocation when nothing changed: only changed bytes are swapped.
            Some(old) if same => old.clone(),
            _ => {
                changed.push(file.path.clone());
                Arc::new(file.contents)
            }
        };
        fresh.insert(file.path, bytes);
    }
    let removed: Vec<String> = snapshot
        .files
        .keys()
        .filter(|p| !fresh.contains_key(*p))
        .cloned()
        .collect();
    changed.extend(removed);
    changed.sort();
    let first = snapshot.version == 0;
    snapshot.files = fresh;
    snapshot.errors = None;
    snapshot.version += 1;
    let version = snapshot.version;
    drop(snapshot);
    let elapsed = started.elapsed();
    if first {
        eprintln!(
            "Built {} pages in memory in {} ms",
            prepared.site.pages.len(),
            elapsed.as_millis()
        );
    } else {
        eprintln!(
            "Rebuilt in {} ms: {} file(s) changed",
            elapsed.as_millis(),
            changed.len()
        );
    }
    let _ = shared.events.send(Notice::Rebuilt { version, changed });
}
