//! The tantivy index: schema, building, and searching with a [`QueryPlan`].
//!
//! Scores are tantivy's BM25, per field with boosts (title ×3, summary ×1.5, body ×1), summed
//! over the stems of the plan times their weight. The static index stores, for every stem, the
//! score of the same one-stem query, so both sides rank alike.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, STORED, STRING,
};
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, TantivyDocument, Term};

use super::analysis::{FrenchTokenizer, KEYWORDS_TOKENIZER_NAME, TOKENIZER_NAME};
use super::document::IndexedDoc;
use super::languages::Analysis;
use super::query::{
    plan_in, resolve_synonyms, QueryPlan, ResolvedSynonyms, Suggestion, TermHints, Vocabulary,
};
use super::SearchDoc;

pub const TITLE_BOOST: f32 = 3.0;
pub const SUMMARY_BOOST: f32 = 1.5;
pub const BODY_BOOST: f32 = 1.0;
/// Everyday words of a page's terms: a query word that names a criterion or a domain ranks the
/// pages carrying that term above pages that merely mention the word.
pub const KEYWORDS_BOOST: f32 = 2.0;
/// Results a query returns when no limit is given, and at most.
pub const DEFAULT_LIMIT: usize = 10;
pub const MAX_LIMIT: usize = 100;
/// The file beside the tantivy files with the vocabulary and the synonyms.
pub const META_FILE: &str = "balise-search.json";

#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub url: Field,
    pub title: Field,
    pub summary: Field,
    pub body: Field,
    pub keywords: Field,
    pub kind: Field,
    pub criteria: Field,
    pub domains: Field,
    pub territories: Field,
    pub start: Field,
    pub end: Field,
    /// Language code of the document, indexed as one term.
    pub lang: Field,
}

pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let french = TextFieldIndexing::default()
        .set_tokenizer(TOKENIZER_NAME)
        // Term frequencies for BM25; no positions: no query is a phrase (about a third less
        // indexing work and index size).
        .set_index_option(IndexRecordOption::WithFreqs);
    let stored_text = TextOptions::default()
        .set_indexing_options(french.clone())
        .set_stored();
    let fields = Fields {
        id: b.add_u64_field("id", FAST | STORED),
        url: b.add_text_field("url", STRING | STORED),
        title: b.add_text_field("title", stored_text.clone()),
        summary: b.add_text_field("summary", stored_text),
        body: b.add_text_field(
            "body",
            TextOptions::default().set_indexing_options(french.clone()),
        ),
        keywords: b.add_text_field(
            "keywords",
            TextOptions::default()
                .set_indexing_options(french.set_tokenizer(KEYWORDS_TOKENIZER_NAME)),
        ),
        kind: b.add_text_field("kind", STRING | STORED),
        criteria: b.add_text_field("criteria", STRING | STORED),
        domains: b.add_text_field("domains", STRING | STORED),
        territories: b.add_text_field("territories", STRING | STORED),
        start: b.add_text_field("start", STRING | STORED),
        end: b.add_text_field("end", STRING | STORED),
        lang: b.add_text_field("lang", STRING | STORED),
    };
    (b.build(), fields)
}

fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    let f = |name: &str| schema.get_field(name);
    Ok(Fields {
        id: f("id")?,
        url: f("url")?,
        title: f("title")?,
        summary: f("summary")?,
        body: f("body")?,
        keywords: f("keywords")?,
        kind: f("kind")?,
        criteria: f("criteria")?,
        domains: f("domains")?,
        territories: f("territories")?,
        start: f("start")?,
        end: f("end")?,
        lang: f("lang")?,
    })
}

/// Registers the tokenizers of the index's fields, for searching it or adding a document.
pub fn register_tokenizer(index: &Index, analysis: Analysis) {
    for name in [TOKENIZER_NAME, KEYWORDS_TOKENIZER_NAME] {
        index
            .tokenizers()
            .register(name, FrenchTokenizer::of(analysis, None));
    }
}

/// Builds the index of `docs` in `directory`; document `i` has id `i`. Returns it with the
/// vocabulary of the static search (surface word → stem, the first stem met winning), collected
/// by the tokenizer as it indexes.
pub fn build(
    docs: &[SearchDoc],
    analysis: Analysis,
    directory: impl Into<Box<dyn tantivy::Directory>>,
) -> tantivy::Result<(Index, BTreeMap<String, String>)> {
    let (schema, f) = schema();
    let index = Index::create(directory, schema, tantivy::IndexSettings::default())?;
    let vocabulary = super::analysis::SharedVocabulary::default();
    let tokenizer = if analysis.is_french() {
        FrenchTokenizer::collecting(vocabulary.clone())
    } else {
        FrenchTokenizer::of(analysis, Some(vocabulary.clone()))
    };
    // The keywords' blocks repeat from page to page: each distinct one is analysed once.
    index.tokenizers().register(
        KEYWORDS_TOKENIZER_NAME,
        tokenizer.clone().remembering_texts(),
    );
    index.tokenizers().register(TOKENIZER_NAME, tokenizer);
    // One indexing thread: documents are tokenized in order, which the vocabulary relies on.
    let mut writer = index.writer_with_num_threads::<IndexedDoc>(1, 50_000_000)?;
    for (i, d) in docs.iter().enumerate() {
        writer.add_document(document(&f, i as u64, d))?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    // The writer is gone, and its tokenizers with it; the registered ones are replaced by
    // plain ones for searching.
    register_tokenizer(&index, analysis);
    let words = std::mem::take(&mut *vocabulary.lock().unwrap_or_else(|e| e.into_inner()));
    Ok((index, words.into_iter().collect()))
}

/// The tantivy document of `d`, with id `id`; its body is shared with the search document, not
/// copied.
pub fn document(f: &Fields, id: u64, d: &SearchDoc) -> IndexedDoc {
    let mut doc = IndexedDoc::default();
    doc.add_u64(f.id, id);
    doc.add_text(f.url, &d.url);
    doc.add_text(f.title, &d.title);
    doc.add_text(f.summary, &d.summary);
    doc.add_packed(f.body, d.body.clone());
    // Block by block: the keywords tokenizer analyses each distinct block once.
    for block in d.keywords.blocks() {
        doc.add_shared(f.keywords, block.clone());
    }
    doc.add_text(f.kind, d.kind.to_string());
    for c in &d.criteria {
        doc.add_text(f.criteria, c);
    }
    for c in &d.domains {
        doc.add_text(f.domains, c);
    }
    for c in &d.territories {
        doc.add_text(f.territories, c);
    }
    if let Some(s) = &d.start {
        doc.add_text(f.start, s);
    }
    if let Some(e) = &d.end {
        doc.add_text(f.end, e);
    }
    doc.add_text(f.lang, &d.lang);
    doc
}

/// The query of one stem: BM25 on title, summary and body with their boosts.
pub fn stem_query(f: &Fields, stem: &str) -> Box<dyn Query> {
    let clause = |field: Field, boost: f32| -> (Occur, Box<dyn Query>) {
        let term = TermQuery::new(
            Term::from_field_text(field, stem),
            IndexRecordOption::WithFreqs,
        );
        (
            Occur::Should,
            Box::new(BoostQuery::new(Box::new(term), boost)),
        )
    };
    Box::new(BooleanQuery::new(vec![
        clause(f.title, TITLE_BOOST),
        clause(f.summary, SUMMARY_BOOST),
        clause(f.body, BODY_BOOST),
        clause(f.keywords, KEYWORDS_BOOST),
    ]))
}

/// The query of a plan: the sum of its stems' queries times their weights.
pub fn plan_query(f: &Fields, plan: &QueryPlan) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        plan.terms
            .iter()
            .map(|(stem, weight)| {
                let q: Box<dyn Query> = Box::new(BoostQuery::new(stem_query(f, stem), *weight));
                (Occur::Should, q)
            })
            .collect(),
    ))
}

/// What to search.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SearchRequest {
    #[serde(default)]
    pub q: String,
    pub kind: Option<String>,
    pub criteria: Option<String>,
    pub domains: Option<String>,
    /// Only pages of this guide, in an index that several guides share (OpenSearch backend);
    /// a tantivy index holds one guide and ignores it.
    #[serde(default)]
    pub site: Option<String>,
    pub limit: Option<usize>,
    /// The language of the query and of the pages to find (a code of `languages:`); the
    /// default language when absent.
    #[serde(default)]
    pub lang: Option<String>,
    /// Only events that end on or after this day.
    #[serde(skip)]
    pub upcoming: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SearchHit {
    pub url: String,
    pub title: String,
    pub kind: String,
    pub summary: String,
    pub criteria: Vec<String>,
    pub domains: Vec<String>,
    pub score: f32,
    /// The guide a hit belongs to, and its address, when an index holds several guides
    /// (OpenSearch backend); absent from a tantivy index's answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permalink: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SearchResponse {
    pub total: usize,
    pub results: Vec<SearchHit>,
    /// "Vous cherchez peut-être" : the term pages the query names in everyday words.
    pub suggestions: Vec<Suggestion>,
    /// Set when no page of the query's language matched and these results are those of
    /// another language: its code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback: Option<String>,
}

/// What the index folder keeps besides tantivy's files.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct IndexMeta {
    pub vocabulary: Vocabulary,
    /// `search.synonyms` of `balise.yaml` when the index was built.
    pub synonyms: BTreeMap<String, Vec<String>>,
    /// Term pages to offer for queries that name a criterion or a domain.
    #[serde(default)]
    pub hints: TermHints,
    /// Language code of the documents (French when absent).
    #[serde(default)]
    pub lang: String,
    /// The other languages, whose indexes are in folders named by their codes.
    #[serde(default)]
    pub languages: Vec<String>,
}

/// What answers `/api/search`: the tantivy index here, or a search cluster
/// (`balise search-api --backend opensearch`, in `src/export/`).
pub trait SearchBackend: Send + Sync {
    /// Runs a query. The error is a short message for the caller that never repeats the query
    /// (queries are not logged).
    fn search(&self, request: &SearchRequest) -> Result<SearchResponse, String>;
}

impl SearchBackend for SearchIndex {
    fn search(&self, request: &SearchRequest) -> Result<SearchResponse, String> {
        SearchIndex::search(self, request)
            .map_err(|_| "the search index cannot be read".to_string())
    }
}

/// An opened index, ready to answer queries (shared by the CLI and the API).
pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    vocabulary: Vocabulary,
    synonyms: ResolvedSynonyms,
    hints: TermHints,
    lang: String,
    analysis: Analysis,
    /// The other languages' indexes (only on the default language's).
    others: Vec<SearchIndex>,
}

#[derive(Debug)]
pub struct OpenError(pub String);

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OpenError {}

impl SearchIndex {
    /// Opens the index that `balise build` wrote into `dir`.
    pub fn open(dir: &Path) -> Result<SearchIndex, OpenError> {
        let meta_path = dir.join(META_FILE);
        let meta: IndexMeta = std::fs::read(&meta_path)
            .map_err(|e| format!("cannot read {}: {e}", meta_path.display()))
            .and_then(|bytes| {
                serde_json::from_slice(&bytes)
                    .map_err(|e| format!("{} is damaged: {e}", meta_path.display()))
            })
            .map_err(|e| OpenError(format!("{e} (run `balise build` to write the index)")))?;
        let directory = MmapDirectory::open(dir)
            .map_err(|e| OpenError(format!("cannot open the index {}: {e}", dir.display())))?;
        let index = Index::open(directory)
            .map_err(|e| OpenError(format!("cannot open the index {}: {e}", dir.display())))?;
        let languages = meta.languages.clone();
        let mut opened = Self::from_index(&index, meta)
            .map_err(|e| OpenError(format!("cannot read the index {}: {e}", dir.display())))?;
        for code in languages {
            opened.add_language(Self::open(&dir.join(code))?);
        }
        Ok(opened)
    }

    /// Adds another language's index, searched with `lang`.
    pub fn add_language(&mut self, other: SearchIndex) {
        self.others.push(other);
    }

    pub fn from_index(index: &Index, meta: IndexMeta) -> tantivy::Result<SearchIndex> {
        let analysis = if meta.lang.is_empty() {
            Analysis::French
        } else {
            Analysis::for_code(&meta.lang)
        };
        register_tokenizer(index, analysis);
        let fields = fields_of(&index.schema())?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let synonyms = resolve_synonyms(&meta.synonyms, &meta.vocabulary);
        Ok(SearchIndex {
            reader,
            fields,
            vocabulary: meta.vocabulary,
            synonyms,
            hints: meta.hints,
            lang: meta.lang,
            analysis,
            others: Vec::new(),
        })
    }

    /// Replaces the synonyms saved in the index (to try new ones without rebuilding).
    pub fn set_synonyms(&mut self, raw: &BTreeMap<String, Vec<String>>) {
        self.synonyms = resolve_synonyms(raw, &self.vocabulary);
    }

    pub fn plan(&self, query: &str) -> QueryPlan {
        plan_in(self.analysis, query, &self.vocabulary, &self.synonyms)
    }

    /// The codes of the languages this index answers in, the default first.
    pub fn languages(&self) -> Vec<&str> {
        std::iter::once(self)
            .chain(&self.others)
            .map(|i| i.lang.as_str())
            .collect()
    }

    /// Runs a query in the language of the request (the default one when absent or unknown).
    /// When no page of that language matches, the other languages are tried in the order of
    /// `languages:`, and the response names the one that answered (`fallback`).
    pub fn search(&self, request: &SearchRequest) -> tantivy::Result<SearchResponse> {
        let all: Vec<&SearchIndex> = std::iter::once(self).chain(&self.others).collect();
        let wanted = request
            .lang
            .as_deref()
            .and_then(|code| all.iter().position(|i| i.lang == code))
            .unwrap_or(0);
        let first = all[wanted].search_own(request)?;
        if first.total > 0 || all.len() == 1 {
            return Ok(first);
        }
        for (n, other) in all.iter().enumerate() {
            if n == wanted {
                continue;
            }
            let mut response = other.search_own(request)?;
            if response.total > 0 {
                response.fallback = Some(other.lang.clone());
                return Ok(response);
            }
        }
        Ok(first)
    }

    /// Runs a query on this language's pages. Never panics on user input: unknown words give
    /// no results.
    fn search_own(&self, request: &SearchRequest) -> tantivy::Result<SearchResponse> {
        let limit = request.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
        let plan = self.plan(&request.q);
        let suggestions = self.hints.suggest(&request.q);
        if plan.is_empty() {
            return Ok(SearchResponse {
                total: 0,
                results: Vec::new(),
                suggestions,
                fallback: None,
            });
        }
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, plan_query(f, &plan))];
        let filters = [
            (f.kind, &request.kind),
            (f.criteria, &request.criteria),
            (f.domains, &request.domains),
        ];
        for (field, value) in filters {
            if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
                let term = TermQuery::new(
                    Term::from_field_text(field, value),
                    IndexRecordOption::Basic,
                );
                // A filter must not change the scores: it scores 0.
                clauses.push((
                    Occur::Must,
                    Box::new(ConstScoreQuery::new(Box::new(term), 0.0)),
                ));
            }
        }
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let mut hits: Vec<(f32, DocAddress, TantivyDocument)> = Vec::new();
        let (total, top) = if request.upcoming.is_some() {
            // The date filter is applied on stored dates, so every match is read.
            let all = searcher.num_docs().max(1) as usize;
            let top = searcher.search(&query, &TopDocs::with_limit(all).order_by_score())?;
            (0, top)
        } else {
            searcher.search(
                &query,
                &(Count, TopDocs::with_limit(limit).order_by_score()),
            )?
        };
        for (score, address) in top {
            hits.push((score, address, searcher.doc(address)?));
        }
        let text = |doc: &TantivyDocument, field: Field| -> String {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let all = |doc: &TantivyDocument, field: Field| -> Vec<String> {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        };
        let mut total = total;
        if let Some(today) = request.upcoming {
            let today = today.to_string();
            hits.retain(|(_, _, doc)| {
                let last = doc
                    .get_first(f.end)
                    .or_else(|| doc.get_first(f.start))
                    .and_then(|v| v.as_str());
                last.is_some_and(|day| day >= today.as_str())
            });
            total = hits.len();
            hits.truncate(limit);
        }
        let results = hits
            .iter()
            .map(|(score, _, doc)| SearchHit {
                url: text(doc, f.url),
                title: text(doc, f.title),
                kind: text(doc, f.kind),
                summary: text(doc, f.summary),
                criteria: all(doc, f.criteria),
                domains: all(doc, f.domains),
                score: round_score(*score),
                site: None,
                permalink: None,
            })
            .collect();
        Ok(SearchResponse {
            total,
            results,
            suggestions,
            fallback: None,
        })
    }
}

/// Scores are shown with two decimals, like the static index stores them.
pub fn round_score(score: f32) -> f32 {
    (score * 100.0).round() / 100.0
}

/// For each stem, the best `limit` documents (by id) and the score of the one-stem query.
pub fn stem_postings(
    index: &Index,
    stems: impl Iterator<Item = String>,
    limit: usize,
) -> tantivy::Result<BTreeMap<String, Vec<(u32, f32)>>> {
    let f = fields_of(&index.schema())?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let ids: Vec<_> = searcher
        .segment_readers()
        .iter()
        .map(|s| s.fast_fields().u64("id"))
        .collect::<tantivy::Result<_>>()?;
    let mut out = BTreeMap::new();
    for stem in stems {
        let top = searcher.search(
            &*stem_query(&f, &stem),
            &TopDocs::with_limit(limit).order_by_score(),
        )?;
        let mut postings: Vec<(u32, f32)> = top
            .into_iter()
            .filter_map(|(score, a)| {
                let id = ids[a.segment_ord as usize].first(a.doc_id)?;
                Some((id as u32, score))
            })
            .collect();
        // The list reuses the collector's buffer (room for twice the limit): without this, each
        // of tens of thousands of stems kept about 5 kB, most of them for a posting or two.
        postings.shrink_to_fit();
        out.insert(stem, postings);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, summary: &str, body: &str) -> SearchDoc {
        SearchDoc {
            url: format!("/{title}/"),
            title: title.into(),
            summary: summary.into(),
            body: body.into(),
            keywords: format!("mots de tous les jours {title}").into(),
            kind: "right",
            criteria: Vec::new(),
            domains: Vec::new(),
            territories: Vec::new(),
            start: None,
            end: None,
            lang: "fr".into(),
        }
    }

    /// `d` with keywords in blocks, as pages have them: blocks shared by many pages, one of
    /// its own, and words met first in a block (`fauteuil`) or in a body (`élève`).
    fn with_blocks(mut d: SearchDoc, i: usize) -> SearchDoc {
        let shared: [std::sync::Arc<str>; 2] = [
            "Handicap\nfauteuil roulant\nmalvoyant\n".into(),
            "Éducation\nécole\nELEVES\n".into(),
        ];
        d.keywords = super::super::Keywords::default();
        d.keywords.push(shared[i % 2].clone());
        d.keywords.push(format!("Page{i}\n03 80 {i:02}\n").into());
        if i % 3 == 0 {
            d.keywords.push(shared[(i + 1) % 2].clone());
        }
        d
    }

    #[test]
    fn keywords_in_blocks_score_as_their_concatenation() {
        let in_blocks: Vec<SearchDoc> = (0..40)
            .map(|i| with_blocks(doc(&format!("Page {i}"), "", "Un texte."), i))
            .collect();
        let in_one_text: Vec<SearchDoc> = in_blocks
            .iter()
            .map(|d| SearchDoc {
                keywords: d.keywords.text().into(),
                ..d.clone()
            })
            .collect();
        assert!(in_blocks[0].keywords.blocks().len() > 1);
        let postings = |docs: &[SearchDoc]| {
            let (index, words) = build(
                docs,
                Analysis::French,
                tantivy::directory::RamDirectory::create(),
            )
            .unwrap();
            let stems: std::collections::BTreeSet<String> = words.into_values().collect();
            stem_postings(&index, stems.into_iter(), 100).unwrap()
        };
        let blocks = postings(&in_blocks);
        assert_eq!(blocks, postings(&in_one_text));
        // The blocks were indexed, shared ones and a page's own.
        let stem = |word: &str| {
            super::super::analysis::FrenchAnalyzer::default().analyze(word)[0]
                .stem
                .clone()
        };
        assert_eq!(blocks[&stem("fauteuil")].len(), 27);
        assert_eq!(blocks[&stem("Page7")].len(), 1);
    }

    #[test]
    fn the_vocabulary_collected_while_indexing_is_the_one_of_a_separate_pass() {
        // Words met first in a body, then in a title; accented and folded forms of one surface
        // (whose stems may differ: the first one met wins); stop words; elisions.
        let docs = vec![
            doc(
                "Élève",
                "Les élèves d'une école",
                "Un eleve, des ÉLÈVES; l'emploi.",
            ),
            doc("Emploi et école", "", "Refusé, refuse, refusée: les refus."),
            doc(
                "Refus",
                "Une élève refusée",
                "Discriminations et discrimination.",
            ),
        ];
        let many: Vec<SearchDoc> = (0..300)
            .map(|i| doc(&format!("Page {i}"), "", &format!("mot{i} commun{}", i % 7)))
            .collect();
        let blocks: Vec<SearchDoc> = (0..50)
            .map(|i| with_blocks(doc(&format!("Page {i}"), "", "Un Élève."), i))
            .collect();
        for docs in [docs, many, blocks] {
            let (_, collected) = build(
                &docs,
                Analysis::French,
                tantivy::directory::RamDirectory::create(),
            )
            .unwrap();
            assert_eq!(
                collected,
                super::super::static_index::vocabulary_words(&docs)
            );
            assert!(!collected.is_empty());
        }
    }
}
