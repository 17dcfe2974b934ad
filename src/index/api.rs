//! The read-only search API: `GET /api/search?q=&kind=&criteria=&domains=&limit=&upcoming=&lang=`
//! answers the JSON of `balise search --json`; `GET /healthz` answers `ok`.
//!
//! Queries are never logged (no request logging layer, no query in error messages). Bad input
//! gets a 400 with a JSON message, never a 5xx: the planner ignores what is not a word.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use serde::Deserialize;
use serde_json::json;
use tokio::sync::Semaphore;
use tower_http::cors::{AllowOrigin, CorsLayer};

use super::engine::{SearchBackend, SearchRequest, MAX_LIMIT};

/// Longest query accepted, in bytes: longer is not a search, it is a pasted document.
pub const MAX_QUERY_BYTES: usize = 1000;

#[derive(Debug, Deserialize)]
pub struct Params {
    #[serde(default)]
    q: String,
    kind: Option<String>,
    criteria: Option<String>,
    domains: Option<String>,
    /// Only the pages of one guide, in an index shared by several (OpenSearch backend).
    site: Option<String>,
    limit: Option<String>,
    /// `1` (today) or a day `YYYY-MM-DD`: only events that end on or after it.
    upcoming: Option<String>,
    /// Language of the query and of the pages to find (`en`); the default language if absent.
    lang: Option<String>,
}

fn bad_request(message: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": message }))).into_response()
}

/// How much of the machine the API may take, whatever the number of clients: memory and threads
/// stay bounded because searches run on at most `searches` blocking threads, excess requests
/// are answered 503 at once, and connections are capped and time out. See README, "Reliability".
#[derive(Debug, Clone, Copy)]
pub struct ApiLimits {
    /// Searches running at once, each on a thread of the blocking pool: the number of cores.
    pub searches: usize,
    /// Searches waiting for a free thread; past this, `503 Service Unavailable` with
    /// `Retry-After: 1`, so a burst is shed instead of piling up in memory.
    pub queue: usize,
    /// Connections open at once; further clients wait in the kernel's accept queue.
    pub max_connections: usize,
    /// Time a client has to send the headers of a request, and the longest a kept-alive
    /// connection may stay idle: a half-open or slow client is closed after it.
    pub header_timeout: Duration,
}

impl Default for ApiLimits {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        ApiLimits {
            searches: cores,
            queue: 256,
            max_connections: 1024,
            header_timeout: Duration::from_secs(10),
        }
    }
}

#[derive(Clone)]
struct ApiState {
    index: Arc<dyn SearchBackend>,
    /// Searches admitted (running or waiting): `searches + queue` permits, never awaited.
    admitted: Arc<Semaphore>,
    /// Searches running: `searches` permits.
    running: Arc<Semaphore>,
}

fn overloaded() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::RETRY_AFTER, "1")],
        Json(json!({ "error": "too many searches at once; try again in a second" })),
    )
        .into_response()
}

async fn search(
    State(state): State<ApiState>,
    params: Result<Query<Params>, QueryRejection>,
) -> Response {
    let Ok(Query(params)) = params else {
        return bad_request("invalid query string");
    };
    if params.q.len() > MAX_QUERY_BYTES {
        return bad_request("query too long (1000 bytes at most)");
    }
    let limit = match params.limit.as_deref().filter(|l| !l.is_empty()) {
        None => None,
        Some(l) => match l.parse::<usize>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => Some(n),
            _ => return bad_request("limit must be a number from 1 to 100"),
        },
    };
    let upcoming = match params.upcoming.as_deref().filter(|u| !u.is_empty()) {
        None | Some("0") | Some("false") => None,
        Some("1") | Some("true") => Some(chrono::Local::now().date_naive()),
        Some(day) => match crate::model::dates::parse_date(day) {
            Ok(d) => Some(d),
            Err(_) => return bad_request("upcoming must be 1 or a day YYYY-MM-DD"),
        },
    };
    let request = SearchRequest {
        q: params.q,
        kind: params.kind,
        criteria: params.criteria,
        domains: params.domains,
        site: params.site,
        lang: params.lang.filter(|l| !l.is_empty()),
        limit,
        upcoming,
    };
    // Past the queue, shed the request now rather than hold it (and its memory) in a line.
    let Ok(admitted) = state.admitted.clone().try_acquire_owned() else {
        return overloaded();
    };
    // The semaphores are never closed, so acquiring only waits.
    let Ok(running) = state.running.clone().acquire_owned().await else {
        return overloaded();
    };
    // The search runs on the blocking pool; the permits travel with it, so even when the
    // client goes away the number of searches running never exceeds `searches`. (It used to run
    // in `block_in_place`, which under 200 connections made the runtime start hundreds of
    // threads and keep 1.8 GB after the load.)
    let index = state.index.clone();
    let answer = tokio::task::spawn_blocking(move || {
        let _permits = (admitted, running);
        index.search(&request)
    })
    .await;
    match answer {
        Ok(Ok(response)) => Json(response).into_response(),
        // An unreadable index or an unreachable cluster is a server problem; the message
        // does not repeat the query.
        Ok(Err(message)) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "error": message })),
        )
            .into_response(),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "error": "the search failed" })),
        )
            .into_response(),
    }
}

async fn healthz() -> &'static str {
    "ok"
}

/// The API routes, to serve alone ([`serve`]) or mounted by `balise serve`, with the default
/// [`ApiLimits`].
///
/// `allowed_origins`: origins that may call the API from a browser (`https://ville.example`);
/// `*` allows every origin. Without any, no CORS header is sent (same origin only).
pub fn router(index: Arc<dyn SearchBackend>, allowed_origins: &[String]) -> Router {
    router_with(index, allowed_origins, ApiLimits::default())
}

/// [`router`] with explicit limits (only `searches` and `queue` apply to routes; the others
/// are the server's, see [`serve_with`]).
pub fn router_with(
    index: Arc<dyn SearchBackend>,
    allowed_origins: &[String],
    limits: ApiLimits,
) -> Router {
    let searches = limits.searches.max(1);
    let state = ApiState {
        index,
        admitted: Arc::new(Semaphore::new(searches + limits.queue)),
        running: Arc::new(Semaphore::new(searches)),
    };
    let routes = Router::new()
        .route("/api/search", get(search))
        .route("/healthz", get(healthz))
        .with_state(state);
    if allowed_origins.is_empty() {
        return routes;
    }
    let origin = if allowed_origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(
            allowed_origins
                .iter()
                .filter_map(|o| HeaderValue::from_str(o.trim_end_matches('/')).ok()),
        )
    };
    routes.layer(
        CorsLayer::new()
            .allow_origin(origin)
            .allow_methods([Method::GET]),
    )
}

/// Serves the API with the default limits until Ctrl-C. `on_ready` gets the bound address
/// (useful with port 0).
pub async fn serve(
    index: Arc<dyn SearchBackend>,
    bind: SocketAddr,
    allowed_origins: &[String],
    on_ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    serve_with(index, bind, allowed_origins, ApiLimits::default(), on_ready).await
}

/// Serves the API until Ctrl-C, within `limits`.
///
/// The accept loop is written here rather than left to `axum::serve`, which sets no header-read
/// timeout (a client that connects and sends nothing kept its connection forever) and no cap
/// on connections.
pub async fn serve_with(
    index: Arc<dyn SearchBackend>,
    bind: SocketAddr,
    allowed_origins: &[String],
    limits: ApiLimits,
    on_ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(bind).await?;
    on_ready(listener.local_addr()?);
    let app = router_with(index, allowed_origins, limits);
    let connections = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let shutdown = tokio::signal::ctrl_c();
    tokio::pin!(shutdown);
    loop {
        // At the cap, stop accepting: new clients wait in the kernel's queue, costing nothing here.
        let permit = tokio::select! {
            permit = connections.clone().acquire_owned() => match permit {
                Ok(p) => p,
                Err(_) => break,
            },
            _ = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => {
                    // Out of file descriptors, or a connection reset before it was accepted:
                    // wait a little instead of spinning.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let mut http = hyper::server::conn::http1::Builder::new();
            // hyper starts this timer whenever it waits for a request's headers, so it also
            // closes connections kept alive but idle.
            http.timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout)
                .keep_alive(true);
            let _ = http.serve_connection(TokioIo::new(stream), service).await;
            drop(permit);
        });
    }
    Ok(())
}
