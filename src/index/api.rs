//! The read-only search API: `GET /api/search?q=&kind=&criteria=&domains=&limit=&upcoming=`
//! answers the JSON of `balise search --json`; `GET /healthz` answers `ok`.
//!
//! Queries are never logged (no request logging layer, no query in error messages). Bad input
//! gets a 400 with a JSON message, never a 5xx: the planner ignores what is not a word.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;
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
}

fn bad_request(message: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": message }))).into_response()
}

async fn search(
    State(index): State<Arc<dyn SearchBackend>>,
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
        limit,
        upcoming,
    };
    // A search takes about a millisecond: run it on this worker (`block_in_place` lets the
    // runtime move its other tasks away) rather than hand it to the blocking pool and back,
    // two thread switches that showed in the p99 latency (README, "Performance").
    // The OpenSearch backend blocks on its HTTP call the same way.
    let answer = tokio::task::block_in_place(|| index.search(&request));
    match answer {
        Ok(response) => Json(response).into_response(),
        // An unreadable index or an unreachable cluster is a server problem; the message does
        // not repeat the query.
        Err(message) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "error": message })),
        )
            .into_response(),
    }
}

async fn healthz() -> &'static str {
    "ok"
}

/// The API routes, to serve alone ([`serve`]) or mounted by `balise serve`.
///
/// `allowed_origins`: origins that may call the API from a browser (`https://ville.example`);
/// `*` allows every origin. Without any, no CORS header is sent (same origin only).
pub fn router(index: Arc<dyn SearchBackend>, allowed_origins: &[String]) -> Router {
    let routes = Router::new()
        .route("/api/search", get(search))
        .route("/healthz", get(healthz))
        .with_state(index);
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

/// Serves the API until Ctrl-C. `on_ready` gets the bound address (useful with port 0).
pub async fn serve(
    index: Arc<dyn SearchBackend>,
    bind: SocketAddr,
    allowed_origins: &[String],
    on_ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(bind).await?;
    on_ready(listener.local_addr()?);
    let app = router(index, allowed_origins);
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
