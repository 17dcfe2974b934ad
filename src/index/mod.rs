//! Stage 4, index: the documents of the search, the tantivy index in `search-index/` and the
//! static search files in `public/search/`.
//!
//! - [`analysis`]: French analysis (folding, elisions, inclusive writing, stemming);
//! - [`query`]: from a query to weighted stems, with typos and synonyms;
//! - [`engine`]: the tantivy index, and searching it (CLI and API);
//! - [`static_index`]: the chunked static index that `search.js` reads in the browser;
//! - [`api`]: the read-only HTTP search API.
//!
//! The tantivy index is built once, in memory, when the static files are computed (their scores
//! come from it), and that same index is copied into `search-index/` by [`write_index`].

pub mod analysis;
pub mod api;
pub mod cli;
pub mod document;
pub mod engine;
pub mod query;
pub mod static_index;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use serde::Serialize;
use tantivy::directory::{MmapDirectory, RamDirectory};

use crate::model::frontmatter::{Kind, KindData};
use crate::model::output::OutputFile;
use crate::model::site::Site;
use crate::model::taxonomy::TaxonomyKind;

pub use engine::{SearchHit, SearchIndex, SearchRequest, SearchResponse};

/// One searchable page.
#[derive(Debug, Clone, Serialize)]
pub struct SearchDoc {
    pub url: String,
    pub title: String,
    pub summary: String,
    /// The page's plain text, shared with the page (not a copy: on 100,000 pages, bodies are
    /// hundreds of MiB).
    #[serde(serialize_with = "serialize_str")]
    pub body: std::sync::Arc<str>,
    /// What the page is about in everyday words: the names and everyday words of its terms; for
    /// a contact, also those of the rights pages that send readers to it, and its phone number.
    pub keywords: String,
    pub kind: &'static str,
    pub criteria: Vec<String>,
    pub domains: Vec<String>,
    pub territories: Vec<String>,
    /// First day of an event (`YYYY-MM-DD`), for the "upcoming events" filter.
    pub start: Option<String>,
    /// Last day of an event, or of its next occurrence for a yearly event.
    pub end: Option<String>,
}

/// A shared text as a plain string (serde's own impl for `Arc` needs its `rc` feature).
fn serialize_str<S: serde::Serializer>(
    text: &std::sync::Arc<str>,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.serialize_str(text)
}

#[derive(Debug, Default)]
pub struct SearchDocuments {
    pub docs: Vec<SearchDoc>,
    /// `search.synonyms` of `balise.yaml`.
    pub synonyms: BTreeMap<String, Vec<String>>,
    /// Facet labels for the search page.
    pub labels: static_index::Labels,
    /// Term pages to offer when a query names a criterion or a domain.
    pub hints: query::TermHints,
    built: OnceLock<Result<Built, String>>,
}

/// The in-memory index and what was derived from it.
struct Built {
    directory: RamDirectory,
    vocabulary: query::Vocabulary,
    files: Vec<(String, Vec<u8>)>,
}

impl std::fmt::Debug for Built {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Built({} words)", self.vocabulary.words.len())
    }
}

impl SearchDocuments {
    pub fn from_site(site: &Site) -> SearchDocuments {
        let referrers = site.referrers_by_contact();
        let docs = site
            .pages
            .iter()
            .map(|p| {
                let mut keywords = String::new();
                let mut add_terms = |page: &crate::model::content::Page| {
                    for (kind, slugs) in [
                        (TaxonomyKind::Criteria, &page.meta.criteria),
                        (TaxonomyKind::Domains, &page.meta.domains),
                    ] {
                        for term in slugs.iter().filter_map(|s| site.taxonomy(kind).term(s)) {
                            keywords.push_str(&term.name);
                            keywords.push('\n');
                            for word in &term.words {
                                keywords.push_str(word);
                                keywords.push('\n');
                            }
                        }
                    }
                };
                add_terms(p);
                if let KindData::Contact(c) = &p.data {
                    for i in referrers.get(p.slug.as_str()).into_iter().flatten() {
                        add_terms(&site.pages[*i]);
                    }
                    if let Some(phone) = &c.phone {
                        // As written ("39 28") and as typed in one piece ("3928").
                        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
                        keywords.push_str(&format!("{phone}\n{digits}\n"));
                    }
                }
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
                    keywords,
                    kind: p.kind().name(),
                    criteria: p.meta.criteria.clone(),
                    domains: p.meta.domains.clone(),
                    territories: p.meta.territories.clone(),
                    start,
                    end,
                }
            })
            .collect();
        let terms = |kind: TaxonomyKind| -> Vec<(String, String)> {
            site.taxonomy(kind)
                .terms
                .iter()
                .filter(|t| !t.pages.is_empty())
                .map(|t| (t.slug.clone(), t.name.clone()))
                .collect()
        };
        let labels = static_index::Labels {
            kinds: Kind::ALL
                .into_iter()
                .filter(|k| site.pages.iter().any(|p| p.kind() == *k))
                .map(|k| (k.name().to_string(), k.label_fr().to_string()))
                .collect(),
            criteria: terms(TaxonomyKind::Criteria),
            domains: terms(TaxonomyKind::Domains),
        };
        let hints = query::TermHints::from_site(site);
        SearchDocuments {
            docs,
            synonyms: site.config.search.synonyms.clone(),
            labels,
            hints,
            built: OnceLock::new(),
        }
    }

    /// Builds the index in memory once; later calls return the same result.
    fn built(&self) -> Result<&Built, String> {
        self.built
            .get_or_init(|| self.build().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(Clone::clone)
    }

    fn build(&self) -> tantivy::Result<Built> {
        let mut timings = crate::timings::StageTimings::from_env();
        let directory = RamDirectory::create();
        // One analysis of the corpus: the tokenizer collects the vocabulary as tantivy indexes.
        let (index, words) = engine::build(&self.docs, directory.clone())?;
        timings.lap("  tantivy indexing and vocabulary");
        let stems: std::collections::BTreeSet<String> = words.values().cloned().collect();
        let postings =
            engine::stem_postings(&index, stems.into_iter(), static_index::POSTINGS_PER_STEM)?;
        timings.lap("  postings per stem");
        let chunks = static_index::chunk_keys(&words, &postings);
        let vocabulary = query::Vocabulary { words, chunks };
        let synonyms = query::resolve_synonyms(&self.synonyms, &vocabulary);
        let files = static_index::files(
            &self.docs,
            &vocabulary,
            &postings,
            &synonyms,
            &self.labels,
            &self.hints,
        );
        timings.lap("  chunk files");
        Ok(Built {
            directory,
            vocabulary,
            files,
        })
    }

    /// The index, opened for searching (tests, and `balise serve` without a written index).
    pub fn search_index(&self) -> Result<SearchIndex, String> {
        let built = self.built()?;
        let index = tantivy::Index::open(built.directory.clone()).map_err(|e| e.to_string())?;
        SearchIndex::from_index(&index, self.meta(built)).map_err(|e| e.to_string())
    }

    fn meta(&self, built: &Built) -> engine::IndexMeta {
        engine::IndexMeta {
            vocabulary: built.vocabulary.clone(),
            synonyms: self.synonyms.clone(),
            hints: self.hints.clone(),
        }
    }

    /// Every surface word of the guide with its stem (what queries are looked up in).
    pub fn vocabulary(&self) -> Result<&query::Vocabulary, String> {
        Ok(&self.built()?.vocabulary)
    }

    /// The static search files, `(path under the site, bytes)`.
    pub fn static_files(&self) -> Result<&[(String, Vec<u8>)], String> {
        Ok(&self.built()?.files)
    }
}

/// Static search files written into the site (empty if the index could not be built, which
/// [`write_index`] then reports).
pub fn static_files(_site: &Site, docs: &SearchDocuments) -> Vec<OutputFile> {
    match docs.static_files() {
        Ok(files) => files
            .iter()
            .map(|(path, bytes)| OutputFile::new(path.clone(), bytes.clone()))
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// Writes the tantivy index and its vocabulary into `dir`.
pub fn write_index(docs: &SearchDocuments, dir: &Path) -> std::io::Result<()> {
    let built = docs.built().map_err(std::io::Error::other)?;
    let target = MmapDirectory::open(dir).map_err(std::io::Error::other)?;
    built
        .directory
        .persist(&target)
        .map_err(std::io::Error::other)?;
    let meta = serde_json::to_vec(&docs.meta(built)).map_err(std::io::Error::other)?;
    std::fs::write(dir.join(engine::META_FILE), meta)
}
