//! Stage 4, index: the documents of the search, the tantivy index in `search-index/` and the
//! static search files in `public/search/`.
//!
//! - [`analysis`]: French analysis (folding, elisions, inclusive writing, stemming);
//! - [`languages`]: the analysis of each language (French, Snowball stemmers, Arabic);
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
pub mod languages;
pub mod query;
pub mod static_index;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use serde::Serialize;
use tantivy::directory::{MmapDirectory, RamDirectory};

use crate::model::frontmatter::{Kind, KindData};
use crate::model::output::OutputFile;
use crate::model::packed::PackedText;
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
    /// hundreds of MiB), and compressed when long.
    #[serde(serialize_with = "serialize_packed")]
    pub body: PackedText,
    /// What the page is about in everyday words: the names and everyday words of its terms; for
    /// a contact, also those of the rights pages that send readers to it, and its phone number.
    pub keywords: Keywords,
    pub kind: &'static str,
    pub criteria: Vec<String>,
    pub domains: Vec<String>,
    pub territories: Vec<String>,
    /// First day of an event (`YYYY-MM-DD`), for the "upcoming events" filter.
    pub start: Option<String>,
    /// Last day of an event, or of its next occurrence for a yearly event.
    pub end: Option<String>,
    /// Language code of the page (`fr`, `en`…); exported beside the document (OpenSearch).
    #[serde(skip)]
    pub lang: String,
}

/// The everyday words of a page, in blocks of lines: one block per term, shared by every page
/// that has the term (thousands of rights pages repeat the same few dozen), then the page's own
/// lines (a contact's phone number). The tantivy index takes the blocks as values of one field
/// (the same frequencies and field length as their concatenation), which lets its tokenizer
/// analyse each distinct block once. Exported and serialised as one text.
#[derive(Debug, Clone, Default)]
pub struct Keywords(Vec<std::sync::Arc<str>>);

impl Keywords {
    /// Adds `block`: lines, each ended by a new line, so that no word runs across two blocks.
    pub fn push(&mut self, block: std::sync::Arc<str>) {
        debug_assert!(block.is_empty() || block.ends_with('\n'));
        self.0.push(block);
    }

    pub fn blocks(&self) -> &[std::sync::Arc<str>] {
        &self.0
    }

    /// The blocks one after the other.
    pub fn text(&self) -> String {
        self.0.concat()
    }
}

impl From<String> for Keywords {
    fn from(text: String) -> Self {
        Keywords(vec![text.into()])
    }
}

impl Serialize for Keywords {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text())
    }
}

/// A body as a plain string.
fn serialize_packed<S: serde::Serializer>(text: &PackedText, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&text.unpack())
}

/// The search of one language: its documents, analysed with its analysis, in its own index.
#[derive(Debug)]
pub struct SearchDocuments {
    /// Language code of the documents.
    pub lang: String,
    pub analysis: languages::Analysis,
    /// Where the static search files go: `search` for the default language, `en/search`…
    pub dir: String,
    /// Codes and static folders of every language, when the site has several (written into
    /// the default manifest, so that `<balise-search data-lang>` finds its index).
    pub languages: Vec<(String, String)>,
    /// The other languages' searches (only on the default language's).
    pub translations: Vec<SearchDocuments>,
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
    /// The search of the site's default language, with those of its translations.
    /// `messages` names the kinds of page in each language (the search page's facets).
    pub fn from_site(site: &Site, messages: &crate::render::i18n::Messages) -> SearchDocuments {
        let mut search = Self::of_language(site, messages);
        search.translations = site
            .translations
            .iter()
            .map(|t| Self::of_language(t, messages))
            .collect();
        if !site.translations.is_empty() {
            search.languages = std::iter::once(&search)
                .chain(&search.translations)
                .map(|s| (s.lang.clone(), format!("{}/", s.dir)))
                .collect();
        }
        search
    }

    /// The search of one language's site: its own pages only.
    fn of_language(site: &Site, messages: &crate::render::i18n::Messages) -> SearchDocuments {
        let referrers = site.referrers_by_contact();
        let code = site.language().code.as_str().to_string();
        // Each term's block of everyday words: its name, then its words, a line each.
        let term_blocks: [Vec<std::sync::Arc<str>>; 2] =
            [TaxonomyKind::Criteria, TaxonomyKind::Domains].map(|kind| {
                site.taxonomy(kind)
                    .terms
                    .iter()
                    .map(|term| {
                        std::iter::once(&term.name)
                            .chain(&term.words)
                            .map(|line| format!("{line}\n"))
                            .collect::<String>()
                            .into()
                    })
                    .collect()
            });
        let docs = site
            .own_pages()
            .map(|(_, p)| {
                let mut keywords = Keywords::default();
                let mut add_terms = |page: &crate::model::content::Page| {
                    for (blocks, kind, slugs) in [
                        (&term_blocks[0], TaxonomyKind::Criteria, &page.meta.criteria),
                        (&term_blocks[1], TaxonomyKind::Domains, &page.meta.domains),
                    ] {
                        let taxonomy = site.taxonomy(kind);
                        for term in slugs.iter().filter_map(|s| taxonomy.term_index(s)) {
                            keywords.push(blocks[term].clone());
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
                        keywords.push(format!("{phone}\n{digits}\n").into());
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
                    lang: code.clone(),
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
                .map(|k| {
                    let label = messages.text(site.lang, &format!("kind-{}", k.name()));
                    (k.name().to_string(), label)
                })
                .collect(),
            criteria: terms(TaxonomyKind::Criteria),
            domains: terms(TaxonomyKind::Domains),
        };
        let analysis = languages::Analysis::for_code(&code);
        // Synonyms and term hints are written in French words: the French search only.
        let french = analysis.is_french();
        let hints = if french {
            query::TermHints::from_site(site)
        } else {
            query::TermHints::default()
        };
        SearchDocuments {
            dir: if site.lang.is_default() {
                static_index::DIR.to_string()
            } else {
                format!("{code}/{}", static_index::DIR)
            },
            lang: code,
            analysis,
            languages: Vec::new(),
            translations: Vec::new(),
            docs,
            synonyms: if french {
                site.config.search.synonyms.clone()
            } else {
                BTreeMap::new()
            },
            labels,
            hints,
            built: OnceLock::new(),
        }
    }

    /// Replaces the body of document `index` (a page whose text was edited under `serve`) and
    /// forgets what was built: the next call builds the index and the static files again, since
    /// every score depends on the whole corpus (BM25: document frequencies, average lengths).
    pub fn replace_body(&mut self, index: usize, body: PackedText) {
        self.docs[index].body = body;
        self.built = OnceLock::new();
    }

    /// The index already built, with document `index` deleted (by its URL, which is unique) and
    /// `doc` added in its place, opened for searching; its vocabulary gains the new words.
    /// Until the next whole build, scores drift slightly: tantivy counts deleted documents in
    /// its statistics until segments merge.
    pub fn patched_search_index(
        &self,
        index: usize,
        doc: &SearchDoc,
    ) -> Result<SearchIndex, String> {
        let built = self.built()?;
        let patch = || -> tantivy::Result<SearchIndex> {
            let tantivy_index = tantivy::Index::open(built.directory.clone())?;
            engine::register_tokenizer(&tantivy_index, self.analysis);
            let (_, f) = engine::schema();
            // 15 MB is the smallest budget tantivy accepts for one indexing thread.
            let mut writer =
                tantivy_index.writer_with_num_threads::<document::IndexedDoc>(1, 15_000_000)?;
            writer.delete_term(tantivy::Term::from_field_text(f.url, &doc.url));
            writer.add_document(engine::document(&f, index as u64, doc))?;
            writer.commit()?;
            drop(writer);
            let mut meta = self.meta(built);
            let mut analyzer = analysis::FrenchAnalyzer::default();
            let body = doc.body.unpack();
            let texts = [&doc.title[..], &doc.summary[..], &body[..]];
            let blocks = doc.keywords.blocks().iter().map(|b| &b[..]);
            for text in texts.into_iter().chain(blocks) {
                analyzer.analyze_with(text, |w| {
                    if !meta.vocabulary.words.contains_key(&w.surface) {
                        meta.vocabulary
                            .words
                            .insert(w.surface.clone(), w.stem.clone());
                    }
                });
            }
            SearchIndex::from_index(&tantivy_index, meta)
        };
        patch().map_err(|e| e.to_string())
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
        let (index, words) = engine::build(&self.docs, self.analysis, directory.clone())?;
        timings.lap("  tantivy indexing and vocabulary");
        let stems: std::collections::BTreeSet<String> = words.values().cloned().collect();
        let postings =
            engine::stem_postings(&index, stems.into_iter(), static_index::POSTINGS_PER_STEM)?;
        timings.lap("  postings per stem");
        let chunks = static_index::chunk_keys(&words, &postings);
        let vocabulary = query::Vocabulary { words, chunks };
        let synonyms = query::resolve_synonyms(&self.synonyms, &vocabulary);
        let files = static_index::files(
            &static_index::Target {
                dir: &self.dir,
                lang: &self.lang,
                analysis: self.analysis,
                languages: &self.languages,
            },
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

    /// The index, opened for searching (tests, and `balise serve` without a written index),
    /// with those of the other languages.
    pub fn search_index(&self) -> Result<SearchIndex, String> {
        let built = self.built()?;
        let index = tantivy::Index::open(built.directory.clone()).map_err(|e| e.to_string())?;
        let mut opened =
            SearchIndex::from_index(&index, self.meta(built)).map_err(|e| e.to_string())?;
        for t in &self.translations {
            opened.add_language(t.search_index()?);
        }
        Ok(opened)
    }

    fn meta(&self, built: &Built) -> engine::IndexMeta {
        engine::IndexMeta {
            vocabulary: built.vocabulary.clone(),
            synonyms: self.synonyms.clone(),
            hints: self.hints.clone(),
            lang: self.lang.clone(),
            languages: self.translations.iter().map(|t| t.lang.clone()).collect(),
        }
    }

    /// The static search files of this language and of the other languages.
    pub fn every_static_file(&self) -> Result<Vec<OutputFile>, String> {
        let mut files = Vec::new();
        for documents in std::iter::once(self).chain(&self.translations) {
            files.extend(
                documents
                    .static_files()?
                    .iter()
                    .map(|(path, bytes)| OutputFile::new(path.clone(), bytes.clone())),
            );
        }
        Ok(files)
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
    std::iter::once(docs)
        .chain(&docs.translations)
        .filter_map(|d| d.static_files().ok())
        .flatten()
        .map(|(path, bytes)| OutputFile::new(path.clone(), bytes.clone()))
        .collect()
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
    std::fs::write(dir.join(engine::META_FILE), meta)?;
    // The other languages' indexes, each in a folder named by its code.
    for t in &docs.translations {
        let sub = dir.join(&t.lang);
        std::fs::create_dir_all(&sub)?;
        write_index(t, &sub)?;
    }
    Ok(())
}
