//! The preview's HTTP side: site files from the in-memory snapshot, the reload script and its
//! events, the search API, and the security headers of production.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, Request, Response, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::IntoResponse;
use axum::routing::{any, get};
use axum::Router;
use tokio::sync::broadcast;
use tower::ServiceExt;

use super::{read_lock, Notice, Shared};
use crate::model::output::{ADMIN_CSP, CSP, PERMISSIONS_POLICY};

const RELOAD_JS: &str = include_str!("reload.js");

const RELOAD_CSS: &str = include_str!("reload.css");

const FIRST_BUILD_FAILED: &str = "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Erreur dans le contenu</title></head><body><main><h1>Le site n'a pas pu être construit</h1><p>Corrigez l'erreur indiquée : la page se recharge toute seule.</p></main></body></html>";

const RELOAD_TAG: &str = "<script src=\"/__balise/reload.js\" defer></script>";

pub(super) fn router(shared: Arc<Shared>) -> Router {
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

/// `?page=droits/age/index.html`: the output file that the listening page shows.
#[derive(serde::Deserialize)]
struct Viewing {
    page: Option<String>,
}

async fn events(
    State(shared): State<Arc<Shared>>,
    Query(viewing): Query<Viewing>,
) -> Sse<impl futures_util::Stream<Item = Result<Event, std::convert::Infallible>>> {
    let receiver = shared.events.subscribe();
    // Counted as open until the stream is dropped, when the page goes away.
    let viewer = viewing.page.map(|page| shared.viewers.arrive(page));
    let state = (receiver, viewer);
    let stream = futures_util::stream::unfold(state, |(mut receiver, viewer)| async move {
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
        Some((Ok(event), (receiver, viewer)))
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
}
