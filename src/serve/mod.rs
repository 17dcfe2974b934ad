//! `balise serve`: a live preview. The site is built in memory (nothing is written to disk),
//! served by axum with the security headers of production, and rebuilt when a file of the site
//! changes; open pages reload through a small script that only `serve` injects.
//!
//! - The reload script is an external file, `/__balise/reload.js`, because pages carry the CSP
//!   `script-src 'self'`, which forbids inline scripts.
//! - It listens to server-sent events on `/__balise/events` (plain HTTP, allowed by
//!   `connect-src 'self'`), and on a failed rebuild fetches `/__balise/errors` to show the
//!   diagnostics in an overlay. The last good site keeps being served meanwhile.
//! - Files are looked up in a map, never on disk: a request path cannot reach outside the site,
//!   and paths with `..`, `.` or backslash segments are refused before the lookup anyway.

use std::sync::{Arc, RwLock};

use axum::Router;
use tokio::sync::broadcast;

use crate::BuildOptions;

mod http;
pub mod incremental;
mod rebuild;
mod viewers;
mod watch;

pub use http::output_path_of;

pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: String,
    /// Open the home page in the default browser once serving.
    pub open: bool,
}

/// What the server answers from: the last good build, and the errors of the last attempt.
#[derive(Default)]
struct Snapshot {
    /// Output path (`droits/age/index.html`) → bytes.
    files: incremental::ServedFiles,
    /// Human diagnostics of the last failed rebuild; `None` once a rebuild succeeds.
    errors: Option<String>,
    /// Number of successful builds, so a page can tell it is out of date.
    version: u64,
    /// Number of the last update handed to the search thread, whose results are served only
    /// if they are of that update.
    search_generation: u64,
}

struct Shared {
    snapshot: RwLock<Snapshot>,
    /// The search API (`/api/search`, `/healthz`) over the index of the last good build.
    search: RwLock<Option<Router>>,
    /// Rebuild notices for the open pages, as server-sent event payloads.
    events: broadcast::Sender<Notice>,
    /// The open pages, by the file they show.
    viewers: Arc<viewers::Viewers>,
}

#[derive(Clone, Debug)]
enum Notice {
    Rebuilt { version: u64, changed: Vec<String> },
    Failed,
}

/// Runs until Ctrl-C. Errors are ones that stop the server from starting.
pub fn run(options: ServeOptions) -> Result<(), String> {
    let listener = std::net::TcpListener::bind(&options.bind)
        .map_err(|e| format!("cannot listen on {}: {e}", options.bind))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| format!("cannot configure the socket: {e}"))?;
    let address = listener
        .local_addr()
        .map_err(|e| format!("cannot read the bound address: {e}"))?;
    let mut build = options.build.clone();
    build.base_url = Some(format!("http://{address}/"));

    let (events, _) = broadcast::channel(16);
    let shared = Arc::new(Shared {
        snapshot: RwLock::new(Snapshot::default()),
        search: RwLock::new(None),
        events,
        viewers: Default::default(),
    });
    // Watch before the first build, so that a file saved while it runs is not missed: its
    // events wait in the channel and trigger a rebuild right after.
    let mut rebuilder = rebuild::Rebuilder::new(build.clone(), shared.clone());
    let _watcher = watch::watch(build.clone(), move |changed| rebuilder.rebuild(changed))?;

    let url = format!("http://{address}/");
    eprintln!("Serving {} on {url} (Ctrl-C to stop)", build.root.display());
    if options.open {
        open_browser(&url);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server runtime: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| format!("cannot use the socket: {e}"))?;
        let app = http::router(shared);
        tokio::select! {
            served = axum::serve(listener, app) => served.map_err(|e| format!("server error: {e}")),
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    })
}

/// A poisoned lock only means a rebuild panicked midway; the snapshot is still whole because
/// it is replaced in one assignment.
fn write_lock(shared: &Shared) -> std::sync::RwLockWriteGuard<'_, Snapshot> {
    shared
        .snapshot
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn read_lock(shared: &Shared) -> std::sync::RwLockReadGuard<'_, Snapshot> {
    shared
        .snapshot
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn open_browser(url: &str) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(program).arg(url).spawn() {
        eprintln!("cannot open a browser ({program}: {e}); open {url} yourself");
    }
}
