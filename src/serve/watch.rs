//! Watching the site's files: which events and folders trigger a rebuild, debounced.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify_debouncer_full::notify::event::ModifyKind;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult};

use crate::model::config::CONFIG_FILE;
use crate::model::content::{CONTENT_DIR, STATIC_DIR};
use crate::render::theme::TEMPLATES_DIR;
use crate::BuildOptions;

/// Folders whose changes trigger a rebuild (with `balise.yaml`).
const WATCHED_DIRS: [&str; 4] = [CONTENT_DIR, TEMPLATES_DIR, "themes", STATIC_DIR];

/// Quiet time after the last file event before rebuilding: editors write a file in several
/// steps (truncate, write, rename), which must become one rebuild. Those steps take a few
/// milliseconds; every millisecond here is one more before the page shows the edit (the
/// debouncer looks every quarter of it, so an edit waits 30 to 38 ms). Was 60 ms: the reload
/// in Chromium took 194 ms (median of 10, 10,000 pages) against the 200 ms aimed at.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// Reading files (which every rebuild does) raises access events: only writes, creations,
/// removals and renames change the site; following reads would rebuild forever.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) | EventKind::Any => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Other => false,
    }
}

type SiteDebouncer = notify_debouncer_full::Debouncer<
    notify_debouncer_full::notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

/// A watched folder and the identity (device, inode) of the folder that was there when the
/// watch was added: a `git checkout` removes `content/` and makes a new one at the same path,
/// which the old watch does not see.
struct Watched {
    path: PathBuf,
    id: Option<(u64, u64)>,
}

/// The identity of the folder at `path`, `None` when there is no folder there.
fn folder_id(path: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_dir())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some((0, 0))
    }
}

/// The folders that are watched, and those that were lost (removed while watched).
#[derive(Default)]
struct WatchList {
    watched: Vec<Watched>,
    lost: Vec<PathBuf>,
}

impl WatchList {
    /// Drops the watches of folders that were removed or replaced (saying so on screen), then
    /// watches each site folder that exists and is not watched: folders can appear later, or
    /// come back.
    fn refresh(&mut self, debouncer: &mut SiteDebouncer, root: &Path) {
        let mut kept = Vec::with_capacity(self.watched.len());
        for w in self.watched.drain(..) {
            let now = folder_id(&w.path);
            if now.is_some() && now == w.id {
                kept.push(w);
                continue;
            }
            // Already gone for the system; unwatching only clears notify's own records.
            let _ = debouncer.unwatch(&w.path);
            if now.is_none() {
                eprintln!(
                    "warning: {} was removed: its changes are not followed until it comes back",
                    shown(root, &w.path)
                );
            }
            self.lost.push(w.path);
        }
        self.watched = kept;
        for dir in WATCHED_DIRS {
            let path = root.join(dir);
            let Some(id) = folder_id(&path) else {
                continue;
            };
            if self.watched.iter().any(|w| w.path == path) {
                continue;
            }
            match debouncer.watch(&path, RecursiveMode::Recursive) {
                Ok(()) => {
                    if let Some(i) = self.lost.iter().position(|p| *p == path) {
                        self.lost.remove(i);
                        eprintln!("{} is back: watching it again", shown(root, &path));
                    }
                    self.watched.push(Watched { path, id: Some(id) });
                }
                Err(e) => eprintln!("warning: cannot watch {}: {e}", path.display()),
            }
        }
    }
}

fn shown(root: &Path, path: &Path) -> String {
    format!("{}/", crate::text::relative(root, path))
}

/// Is this changed path one that a rebuild should follow?
fn is_watched(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = relative.components();
    let Some(first) = parts.next() else {
        return false;
    };
    let first = first.as_os_str();
    if first == CONFIG_FILE {
        return parts.next().is_none();
    }
    if !WATCHED_DIRS.iter().any(|d| first == *d) {
        return false;
    }
    // Editors' swap and backup files are not part of the site.
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    !(name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp"))
}

/// Starts the file watcher, runs `rebuild` with no changed file (the first, whole build), then
/// starts the rebuild thread, which calls it with the files each batch of events changed;
/// watching stops when the returned value is dropped.
pub(super) fn watch(
    options: BuildOptions,
    mut rebuild: impl FnMut(&[PathBuf]) + Send + 'static,
) -> Result<Arc<Mutex<SiteDebouncer>>, String> {
    let (tx, rx) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut debouncer =
        new_debouncer(DEBOUNCE, None, tx).map_err(|e| format!("cannot watch files: {e}"))?;
    // Events carry absolute, resolved paths: compare them with the resolved root.
    let root = std::fs::canonicalize(&options.root)
        .map_err(|e| format!("cannot read {}: {e}", options.root.display()))?;
    // The root itself without recursion (for balise.yaml and folders created later), then each
    // site folder recursively: never `public/` or `target/`, which can be huge.
    debouncer
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    let mut watched = WatchList::default();
    watched.refresh(&mut debouncer, &root);
    rebuild(&[]);
    let debouncer = Arc::new(Mutex::new(debouncer));
    let thread_debouncer = Arc::downgrade(&debouncer);
    std::thread::spawn(move || {
        // Ends when the debouncer, and so the sender, is dropped.
        for result in rx {
            let events = match result {
                Ok(events) => events,
                Err(errors) => {
                    for e in errors {
                        eprintln!("warning: file watcher: {e}");
                    }
                    continue;
                }
            };
            let mut changed: Vec<PathBuf> = events
                .iter()
                .filter(|e| changes_content(&e.kind))
                .flat_map(|e| e.paths.iter())
                .filter(|p| is_watched(&root, p))
                .cloned()
                .collect();
            changed.sort();
            changed.dedup();
            if !changed.is_empty() {
                if let Some(d) = thread_debouncer.upgrade() {
                    if let Ok(mut d) = d.lock() {
                        watched.refresh(&mut d, &root);
                    }
                }
                // A panic in a rebuild must not end this thread: serve would keep answering
                // but stop following changes, silently.
                if let Err(d) = crate::diagnostics::catch_panic("(rebuild)", || rebuild(&changed)) {
                    eprintln!("error: {}; still serving the last good version", d.message);
                }
            }
        }
    });
    Ok(debouncer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_do_not_trigger_rebuilds() {
        use notify_debouncer_full::notify::event::{AccessKind, CreateKind, DataChange};
        assert!(!changes_content(&EventKind::Access(AccessKind::Any)));
        assert!(changes_content(&EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
        assert!(changes_content(&EventKind::Create(CreateKind::File)));
    }

    #[test]
    fn only_site_files_trigger_rebuilds() {
        let root = Path::new("/site");
        assert!(is_watched(root, Path::new("/site/content/droits/age.md")));
        assert!(is_watched(root, Path::new("/site/balise.yaml")));
        assert!(is_watched(root, Path::new("/site/static/logo.svg")));
        assert!(!is_watched(root, Path::new("/site/public/index.html")));
        assert!(!is_watched(root, Path::new("/site/content/.age.md.swp")));
        assert!(!is_watched(root, Path::new("/site/target/debug/balise")));
    }
}
