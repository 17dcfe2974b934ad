//! Stage 4, index: the documents of the search, the tantivy index in `search-index/` and the
//! static search files in `public/`.

use std::path::Path;

use serde::Serialize;

use crate::frontmatter::KindData;
use crate::site::Site;
use crate::write::OutputFile;

/// One searchable page.
#[derive(Debug, Clone, Serialize)]
pub struct SearchDoc {
    pub url: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub kind: &'static str,
    pub criteria: Vec<String>,
    pub domains: Vec<String>,
    pub territories: Vec<String>,
    /// First day of an event (`YYYY-MM-DD`), for the "upcoming events" filter.
    pub start: Option<String>,
    /// Last day of an event, or of its next occurrence for a yearly event.
    pub end: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct SearchDocuments {
    pub docs: Vec<SearchDoc>,
}

impl SearchDocuments {
    pub fn from_site(site: &Site) -> SearchDocuments {
        let docs = site
            .pages
            .iter()
            .map(|p| {
                let (start, end) = match &p.data {
                    KindData::Event(e) => (
                        Some(e.start.date().to_string()),
                        e.end.map(|e| e.date().to_string()),
                    ),
                    _ => (None, None),
                };
                SearchDoc {
                    url: p.url.clone(),
                    title: p.meta.title.clone(),
                    summary: p.meta.summary.clone().unwrap_or_default(),
                    body: p.markdown.text.clone(),
                    kind: p.kind().name(),
                    criteria: p.meta.criteria.clone(),
                    domains: p.meta.domains.clone(),
                    territories: p.meta.territories.clone(),
                    start,
                    end,
                }
            })
            .collect();
        SearchDocuments { docs }
    }
}

/// Static search files written into the site.
pub fn static_files(_site: &Site, _docs: &SearchDocuments) -> Vec<OutputFile> {
    Vec::new()
}

/// Writes the tantivy index into `dir`.
pub fn write_index(_docs: &SearchDocuments, _dir: &Path) -> std::io::Result<()> {
    Ok(())
}
