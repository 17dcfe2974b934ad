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

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Request, Response, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::IntoResponse;
use axum::routing::{any, get};
use axum::Router;
use notify_debouncer_full::notify::event::ModifyKind;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult};
use tokio::sync::broadcast;
use tower::ServiceExt;

use crate::model::config::CONFIG_FILE;
use crate::model::content::{CONTENT_DIR, STATIC_DIR};
use crate::model::output::{ADMIN_CSP, CSP, PERMISSIONS_POLICY};
use crate::render::theme::TEMPLATES_DIR;
use crate::BuildOptions;

/// Folders whose changes trigger a rebuild (with `balise.yaml`).
const WATCHED_DIRS: [&str; 4] = [CONTENT_DIR, TEMPLATES_DIR, "themes", STATIC_DIR];

/// Quiet time after the last file event before rebuilding: editors write a file in several
/// steps (truncate, write, rename), which must become one rebuild.
const DEBOUNCE: Duration = Duration::from_millis(60);

const RELOAD_JS: &str = include_str!("reload.js");
const RELOAD_CSS: &str = include_str!("reload.css");
const FIRST_BUILD_FAILED: &str = "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Erreur dans le contenu</title></head><body><main><h1>Le site n'a pas pu être construit</h1><p>Corrigez l'erreur indiquée : la page se recharge toute seule.</p></main></body></html>";
const RELOAD_TAG: &str = "<script src=\"/__balise/reload.js\" defer></script>";

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
    files: HashMap<String, Arc<Vec<u8>>>,
    /// Human diagnostics of the last failed rebuild; `None` once a rebuild succeeds.
    errors: Option<String>,
    /// Number of successful builds, so a page can tell it is out of date.
    version: u64,
}

struct Shared {
    snapshot: RwLock<Snapshot>,
    /// The search API (`/api/search`, `/healthz`) over the index of the last good build.
    search: RwLock<Option<Router>>,
    /// Rebuild notices for the open pages, as server-sent event payloads.
    events: broadcast::Sender<Notice>,
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
    });
    // Watch before the first build, so that a file saved while it runs is not missed: its
    // events wait in the channel and trigger a rebuild right after.
    let _watcher = watch(build.clone(), shared.clone(), || rebuild(&build, &shared))?;

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
        let app = router(shared);
        tokio::select! {
            served = axum::serve(listener, app) => served.map_err(|e| format!("server error: {e}")),
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    })
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/api/search", any(search_api))
        .route("/healthz", any(search_api))
        .route("/__balise/reload.js", get(reload_js))
        .route("/__balise/reload.css", get(reload_css))
        .route("/__balise/events", get(events))
        .route("/__balise/errors", get(errors))
        .fallback(get(site_file))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(shared)
}

/// Builds in memory and swaps in the files that changed. Prints the outcome in the terminal.
fn rebuild(options: &BuildOptions, shared: &Shared) {
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

type SiteDebouncer = notify_debouncer_full::Debouncer<
    notify_debouncer_full::notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

/// Watches each site folder that exists and is not watched yet (they can appear later).
fn watch_site_dirs(debouncer: &mut SiteDebouncer, root: &Path, watched: &mut Vec<PathBuf>) {
    for dir in WATCHED_DIRS {
        let path = root.join(dir);
        if path.is_dir() && !watched.contains(&path) {
            match debouncer.watch(&path, RecursiveMode::Recursive) {
                Ok(()) => watched.push(path),
                Err(e) => eprintln!("warning: cannot watch {}: {e}", path.display()),
            }
        }
    }
}

/// Starts the file watcher, runs `first_build`, then starts the rebuild thread; watching stops
/// when the returned value is dropped.
fn watch(
    options: BuildOptions,
    shared: Arc<Shared>,
    first_build: impl FnOnce(),
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
    let mut watched = Vec::new();
    watch_site_dirs(&mut debouncer, &root, &mut watched);
    first_build();
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
            let relevant = events
                .iter()
                .filter(|e| changes_content(&e.kind))
                .flat_map(|e| e.paths.iter())
                .any(|p| is_watched(&root, p));
            if relevant {
                if let Some(d) = thread_debouncer.upgrade() {
                    if let Ok(mut d) = d.lock() {
                        watch_site_dirs(&mut d, &root, &mut watched);
                    }
                }
                rebuild(&options, &shared);
            }
        }
    });
    Ok(debouncer)
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

async fn reload_js() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        RELOAD_JS,
    )
}

async fn reload_css() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        RELOAD_CSS,
    )
}

async fn errors(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    let snapshot = read_lock(&shared);
    let body = serde_json::json!({ "errors": snapshot.errors, "version": snapshot.version });
    (
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl futures_util::Stream<Item = Result<Event, std::convert::Infallible>>> {
    let receiver = shared.events.subscribe();
    let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
        let event = match receiver.recv().await {
            Ok(Notice::Rebuilt { version, changed }) => Event::default()
                .event("rebuilt")
                .data(serde_json::json!({ "version": version, "changed": changed }).to_string()),
            Ok(Notice::Failed) => Event::default().event("failed").data("{}"),
            // Too slow to follow: tell the page to reload everything.
            Err(broadcast::error::RecvError::Lagged(_)) => Event::default()
                .event("rebuilt")
                .data(r#"{"version":0,"changed":["*"]}"#),
            Err(broadcast::error::RecvError::Closed) => return None,
        };
        Some((Ok(event), receiver))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Forwards to the search API of the last good build.
async fn search_api(State(shared): State<Arc<Shared>>, request: Request<Body>) -> Response<Body> {
    let api = shared
        .search
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    match api {
        Some(api) => match api.oneshot(request).await {
            Ok(response) => response,
            Err(never) => match never {},
        },
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            "the search index is not built yet",
        )
            .into_response(),
    }
}

/// Decodes `%XX` escapes; `None` for malformed escapes or bytes that are not UTF-8.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The output path a request asks for, or `None` if the path tries to leave the site.
/// `/` → `index.html`, `/droits/` → `droits/index.html`, `/style.css` → `style.css`.
pub fn output_path_of(request_path: &str) -> Option<String> {
    let decoded = percent_decode(request_path)?;
    let relative = decoded.strip_prefix('/')?;
    for segment in relative.split('/') {
        if segment == ".." || segment == "." || segment.contains(['\\', '\0']) {
            return None;
        }
    }
    if relative.starts_with('/') || relative.contains("//") {
        return None;
    }
    Some(if relative.is_empty() || relative.ends_with('/') {
        format!("{relative}index.html")
    } else {
        relative.to_string()
    })
}

fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    match extension {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "ics" => "text/calendar; charset=utf-8",
        "vcf" => "text/vcard; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "yml" | "yaml" => "text/yaml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Adds the reload script to an HTML page, before `</head>`.
fn inject_reload(html: &[u8]) -> Vec<u8> {
    let at = html
        .windows(7)
        .position(|w| w.eq_ignore_ascii_case(b"</head>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + RELOAD_TAG.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(RELOAD_TAG.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn page_response(status: StatusCode, path: &str, bytes: &[u8]) -> Response<Body> {
    let body = if path.ends_with(".html") {
        inject_reload(bytes)
    } else {
        bytes.to_vec()
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(path)),
    );
    response
}

async fn site_file(State(shared): State<Arc<Shared>>, request: Request<Body>) -> Response<Body> {
    let Some(path) = output_path_of(request.uri().path()) else {
        return (StatusCode::BAD_REQUEST, "bad request path").into_response();
    };
    let snapshot = read_lock(&shared);
    if snapshot.version == 0 {
        // The first build failed: a page that shows the errors, and reloads once fixed.
        return page_response(
            StatusCode::SERVICE_UNAVAILABLE,
            "error.html",
            FIRST_BUILD_FAILED.as_bytes(),
        );
    }
    if let Some(bytes) = snapshot.files.get(&path) {
        return page_response(StatusCode::OK, &path, bytes);
    }
    // `/droits/age` → `/droits/age/`, as static hosts do.
    if snapshot.files.contains_key(&format!("{path}/index.html")) {
        let location = format!("{}/", request.uri().path());
        return Response::builder()
            .status(StatusCode::PERMANENT_REDIRECT)
            .header(header::LOCATION, location)
            .body(Body::empty())
            .unwrap_or_default();
    }
    match snapshot.files.get("404.html") {
        Some(bytes) => page_response(StatusCode::NOT_FOUND, "404.html", bytes),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

/// The headers of the nginx recipe, so that a preview behaves like production; plus no caching.
async fn security_headers(
    request_path: axum::http::Uri,
    mut response: Response<Body>,
) -> Response<Body> {
    let admin = request_path.path().starts_with("/admin/");
    let headers = response.headers_mut();
    let csp = if admin { ADMIN_CSP } else { CSP };
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(csp),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static(PERMISSIONS_POLICY),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_map_to_output_files() {
        assert_eq!(output_path_of("/").as_deref(), Some("index.html"));
        assert_eq!(
            output_path_of("/droits/").as_deref(),
            Some("droits/index.html")
        );
        assert_eq!(output_path_of("/style.css").as_deref(), Some("style.css"));
        assert_eq!(output_path_of("/a%20b.pdf").as_deref(), Some("a b.pdf"));
    }

    #[test]
    fn traversal_is_refused_in_every_spelling() {
        for bad in [
            "/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2e%2e%2f%2e%2e%2fetc/passwd",
            "/droits/..%2F..%2Fetc/passwd",
            "/..%5c..%5cetc/passwd",
            "/./index.html",
            "/%00",
            "/%zz",
            "//etc/passwd",
        ] {
            assert_eq!(output_path_of(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_reload_script_goes_into_the_head() {
        let out = inject_reload(b"<html><head><title>t</title></head><body></body></html>");
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(&format!("{RELOAD_TAG}</head>")), "{text}");
    }

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
