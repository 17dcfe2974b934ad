//! The static search index in `public/search/`, read by `search.js` in the browser.
//!
//! - `manifest.json`: chunk keys, analysis lists (stop words, elisions, inclusive suffixes),
//!   weights, resolved synonyms, facet labels. Small, loaded first.
//! - `t/<n>.json`, term chunk `n`: `{"w": {surface word: stem number}, "p": [postings of stem
//!   0, of stem 1…]}`. A word belongs to the chunk of the longest chunk key it starts with; keys
//!   grow (`c` → `co` → `con`) until a chunk is under [`CHUNK_BUDGET`] bytes. Postings are
//!   `[doc delta, score × 100, doc delta, score × 100…]`, the best [`POSTINGS_PER_STEM`] documents
//!   of the stem, with the score tantivy gives the one-stem query (see `engine::stem_query`).
//! - `d/<n>.json`: documents `n × DOC_CHUNK ..`, each `[url, title, kind, summary, criteria,
//!   domains, start, end]`. Only the chunks of the shown results are loaded.
//! - `filters.json`: documents per kind, criterion and domain, and event dates; loaded only when
//!   a filter is used.
//!
//! [`static_search`] is the same algorithm as `search.js`, in Rust, for the tests.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use serde_json::{json, Value};

use super::analysis::{
    within_one_edit, FrenchAnalyzer, APOSTROPHES, ELISIONS, INCLUSIVE_SEPARATORS,
    INCLUSIVE_SUFFIXES, MAX_WORD_CHARS, MIN_FUZZY_CHARS,
};
use super::engine::{
    round_score, SearchHit, SearchRequest, SearchResponse, DEFAULT_LIMIT, MAX_LIMIT,
};
use super::languages::Analysis;
use super::query::{
    chunk_of, ChunkLookup, ResolvedSynonyms, TermHints, Vocabulary, EXACT_WEIGHT, FUZZY_WEIGHT,
    MAX_QUERY_WORDS, MAX_SYNONYM_WORDS, SYNONYM_WEIGHT,
};
use super::SearchDoc;

/// Documents kept per stem: a first query stays small even on a large site.
pub const POSTINGS_PER_STEM: usize = 200;
/// Estimated bytes of a term chunk before it is split by a longer key.
pub const CHUNK_BUDGET: usize = 12_000;
/// Documents per document chunk.
pub const DOC_CHUNK: usize = 16;
/// Characters of a summary kept in the document chunks.
pub const SUMMARY_CHARS: usize = 220;
/// Where the files go in the site.
pub const DIR: &str = "search";

/// Every surface word of the corpus and its stem (the first stem seen wins).
pub fn vocabulary_words(docs: &[SearchDoc]) -> BTreeMap<String, String> {
    let mut analyzer = FrenchAnalyzer::default();
    // A hash map while collecting (millions of lookups), sorted once at the end.
    let mut words: std::collections::HashMap<String, String> = Default::default();
    for d in docs {
        let body = d.body.unpack();
        let texts: [&str; 3] = [&d.title, &d.summary, &body];
        let blocks = d.keywords.blocks().iter().map(|b| &b[..]);
        for text in texts.into_iter().chain(blocks) {
            analyzer.analyze_with(text, |w| {
                if !words.contains_key(&w.surface) {
                    words.insert(w.surface.clone(), w.stem.clone());
                }
            });
        }
    }
    words.into_iter().collect()
}

/// Chooses chunk keys so that each chunk stays under the budget.
pub fn chunk_keys(
    words: &BTreeMap<String, String>,
    postings: &BTreeMap<String, Vec<(u32, f32)>>,
) -> Vec<String> {
    let cost = |group: &[&String]| -> usize {
        let stems: BTreeSet<&str> = group.iter().map(|w| words[*w].as_str()).collect();
        group.iter().map(|w| w.len() + 6).sum::<usize>()
            + stems
                .iter()
                .map(|s| postings.get(*s).map_or(0, |p| p.len() * 9))
                .sum::<usize>()
    };
    let mut keys = Vec::new();
    let all: Vec<&String> = words.keys().collect();
    split(&all, "", &cost, &mut keys);
    keys.sort();
    keys
}

fn split(
    group: &[&String],
    prefix: &str,
    cost: &dyn Fn(&[&String]) -> usize,
    keys: &mut Vec<String>,
) {
    let prefix_chars = prefix.chars().count();
    // Words equal to the prefix stay in the prefix's own chunk.
    let exact: Vec<&String> = group
        .iter()
        .copied()
        .filter(|w| w.as_str() == prefix)
        .collect();
    let longer: Vec<&String> = group
        .iter()
        .copied()
        .filter(|w| w.as_str() != prefix)
        .collect();
    if !prefix.is_empty() && (cost(group) <= CHUNK_BUDGET || longer.is_empty()) {
        keys.push(prefix.to_string());
        return;
    }
    if !exact.is_empty() {
        keys.push(prefix.to_string());
    }
    let mut by_next: BTreeMap<String, Vec<&String>> = BTreeMap::new();
    for w in longer {
        let next: String = w.chars().take(prefix_chars + 1).collect();
        by_next.entry(next).or_default().push(w);
    }
    for (next, sub) in by_next {
        split(&sub, &next, cost, keys);
    }
}

/// Facet labels for the search page: `(value, label)`.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    pub kinds: Vec<(String, String)>,
    pub criteria: Vec<(String, String)>,
    pub domains: Vec<(String, String)>,
}

/// Where a language's static search goes and how it analyses queries.
pub struct Target<'a> {
    /// Folder under the site: `search`, `en/search`…
    pub dir: &'a str,
    pub lang: &'a str,
    pub analysis: Analysis,
    /// Every language's code and folder when the site has several (the default manifest
    /// lists them), else empty.
    pub languages: &'a [(String, String)],
}

/// Every file of the static search, `(path under the site, bytes)`.
pub fn files(
    target: &Target,
    docs: &[SearchDoc],
    vocabulary: &Vocabulary,
    postings: &BTreeMap<String, Vec<(u32, f32)>>,
    synonyms: &ResolvedSynonyms,
    labels: &Labels,
    hints: &TermHints,
) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let pairs =
        |v: &[(String, String)]| -> Value { v.iter().map(|(a, b)| json!([a, b])).collect() };
    let french = target.analysis.is_french();
    let mut manifest = json!({
        "v": 1,
        "docs": docs.len(),
        "docChunk": DOC_CHUNK,
        "chunks": vocabulary.chunks,
        "stop": target.analysis.stop_words(),
        "elisions": if french { ELISIONS } else { &[] },
        "suffixes": if french { INCLUSIVE_SUFFIXES } else { &[] },
        "separators": INCLUSIVE_SEPARATORS.iter().collect::<String>(),
        "apostrophes": APOSTROPHES.iter().collect::<String>(),
        "maxWordChars": MAX_WORD_CHARS,
        "minFuzzy": MIN_FUZZY_CHARS,
        "maxWords": MAX_QUERY_WORDS,
        "maxSynonymWords": MAX_SYNONYM_WORDS,
        "weights": {"exact": EXACT_WEIGHT, "synonym": SYNONYM_WEIGHT, "fuzzy": FUZZY_WEIGHT},
        "synonyms": synonyms,
        "kinds": pairs(&labels.kinds),
        "criteria": pairs(&labels.criteria),
        "domains": pairs(&labels.domains),
        // The phrases are in the term chunk of their first word (`h`), loaded by the query anyway.
        "hints": {"terms": hints.terms, "max_words": hints.max_words},
    });
    // Only for a site in several languages, or not in French: a French-only site's manifest
    // stays as it was.
    if let Some(m) = manifest.as_object_mut() {
        if !target.languages.is_empty() || !french {
            m.insert("lang".into(), json!(target.lang));
        }
        if !target.languages.is_empty() {
            let languages: serde_json::Map<String, Value> = target
                .languages
                .iter()
                .map(|(code, dir)| (code.clone(), json!(dir)))
                .collect();
            m.insert("languages".into(), languages.into());
        }
        let map = target.analysis.letter_map();
        if !map.is_empty() {
            let map: serde_json::Map<String, Value> = map
                .iter()
                .map(|(from, to)| (from.to_string(), json!(to)))
                .collect();
            m.insert("map".into(), map.into());
        }
    }
    let dir = target.dir;
    out.push((
        format!("{dir}/manifest.json"),
        manifest.to_string().into_bytes(),
    ));

    // Term chunks.
    let mut chunk_words: Vec<Vec<(&String, &String)>> = vec![Vec::new(); vocabulary.chunks.len()];
    let lookup = ChunkLookup::new(&vocabulary.chunks);
    for (surface, stem) in &vocabulary.words {
        if let Some(c) = lookup.chunk_of(surface) {
            chunk_words[c].push((surface, stem));
        }
    }
    // Phrases that name a term go to the chunk of their first word.
    let mut chunk_phrases: Vec<BTreeMap<&String, usize>> =
        vec![BTreeMap::new(); vocabulary.chunks.len()];
    for (phrase, term) in &hints.phrases {
        let first = phrase.split(' ').next().unwrap_or_default();
        if let Some(c) = chunk_of(&vocabulary.chunks, first) {
            chunk_phrases[c].insert(phrase, *term);
        }
    }
    for (n, words) in chunk_words.iter().enumerate() {
        let mut stems: Vec<&String> = Vec::new();
        let mut word_map = serde_json::Map::new();
        for (surface, stem) in words {
            let i = match stems.iter().position(|s| s == stem) {
                Some(i) => i,
                None => {
                    stems.push(stem);
                    stems.len() - 1
                }
            };
            word_map.insert((*surface).clone(), json!(i));
        }
        let lists: Vec<Value> = stems
            .iter()
            .map(|stem| {
                let mut p = postings.get(*stem).cloned().unwrap_or_default();
                p.sort_by_key(|(id, _)| *id);
                let mut flat = Vec::with_capacity(p.len() * 2);
                let mut previous = 0;
                for (id, score) in p {
                    flat.push(id - previous);
                    flat.push(score_int(score));
                    previous = id;
                }
                json!(flat)
            })
            .collect();
        let chunk = json!({"w": word_map, "s": stems, "p": lists, "h": chunk_phrases[n]});
        out.push((format!("{dir}/t/{n}.json"), chunk.to_string().into_bytes()));
    }

    // Document chunks.
    for (n, group) in docs.chunks(DOC_CHUNK).enumerate() {
        let list: Vec<Value> = group
            .iter()
            .map(|d| {
                json!([
                    d.url,
                    d.title,
                    d.kind,
                    shorten(&d.summary, SUMMARY_CHARS),
                    d.criteria,
                    d.domains,
                    d.start,
                    d.end
                ])
            })
            .collect();
        out.push((
            format!("{dir}/d/{n}.json"),
            json!(list).to_string().into_bytes(),
        ));
    }

    // Filters.
    let mut kind: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let mut criteria: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let mut domains: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let mut dates = serde_json::Map::new();
    for (i, d) in docs.iter().enumerate() {
        let i = i as u32;
        kind.entry(d.kind).or_default().push(i);
        for c in &d.criteria {
            criteria.entry(c).or_default().push(i);
        }
        for c in &d.domains {
            domains.entry(c).or_default().push(i);
        }
        if let Some(start) = &d.start {
            dates.insert(
                i.to_string(),
                json!([start, d.end.as_ref().unwrap_or(start)]),
            );
        }
    }
    let deltas = |m: BTreeMap<&str, Vec<u32>>| -> Value {
        m.into_iter()
            .map(|(k, ids)| {
                let mut previous = 0;
                let d: Vec<u32> = ids
                    .iter()
                    .map(|id| {
                        let d = id - previous;
                        previous = *id;
                        d
                    })
                    .collect();
                (k.to_string(), json!(d))
            })
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    let filters = json!({
        "kind": deltas(kind),
        "criteria": deltas(criteria),
        "domains": deltas(domains),
        "dates": dates,
    });
    out.push((
        format!("{dir}/filters.json"),
        filters.to_string().into_bytes(),
    ));
    out
}

fn score_int(score: f32) -> u32 {
    ((score * 100.0).round() as u32).max(1)
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

#[derive(Deserialize)]
struct Manifest {
    #[serde(rename = "docChunk")]
    doc_chunk: usize,
    chunks: Vec<String>,
    synonyms: ResolvedSynonyms,
    #[serde(default)]
    hints: ManifestHints,
    /// Present when the site has several languages or is not in French.
    #[serde(default)]
    lang: Option<String>,
}

#[derive(Deserialize)]
struct TermChunk {
    w: BTreeMap<String, usize>,
    s: Vec<String>,
    p: Vec<Vec<u32>>,
    /// Phrases that name a term, starting with a word of this chunk → term.
    #[serde(default)]
    h: BTreeMap<String, usize>,
}

/// The manifest's `hints`: the terms only (their phrases are in the term chunks).
#[derive(Deserialize, Default)]
struct ManifestHints {
    terms: Vec<super::query::Suggestion>,
    max_words: usize,
}

#[derive(Deserialize)]
struct Filters {
    kind: BTreeMap<String, Vec<u32>>,
    criteria: BTreeMap<String, Vec<u32>>,
    domains: BTreeMap<String, Vec<u32>>,
    dates: BTreeMap<String, (String, String)>,
}

type DocRow = (
    String,
    String,
    String,
    String,
    Vec<String>,
    Vec<String>,
    Option<String>,
    Option<String>,
);

/// The static search in Rust: reads the files as the browser does (`read` gets a path under
/// the site, like `search/manifest.json`) and returns what `search.js` returns. Also counts the
/// bytes it read, to measure what a first query transfers.
pub fn static_search(
    read: &mut dyn FnMut(&str) -> Option<Vec<u8>>,
    request: &SearchRequest,
) -> Result<SearchResponse, String> {
    fn load<T: for<'de> Deserialize<'de>>(
        read: &mut dyn FnMut(&str) -> Option<Vec<u8>>,
        path: &str,
    ) -> Result<T, String> {
        let bytes = read(path).ok_or_else(|| format!("missing {path}"))?;
        serde_json::from_slice(&bytes).map_err(|e| format!("{path}: {e}"))
    }
    let manifest: Manifest = load(read, &format!("{DIR}/manifest.json"))?;
    let analysis = manifest
        .lang
        .as_deref()
        .map_or(Analysis::French, Analysis::for_code);
    let mut words = analysis.surfaces(&request.q);
    words.truncate(MAX_QUERY_WORDS);
    let mut chunks: BTreeMap<usize, TermChunk> = BTreeMap::new();
    let mut get_chunk = |n: usize, chunks: &mut BTreeMap<usize, TermChunk>| -> Result<(), String> {
        if let Entry::Vacant(e) = chunks.entry(n) {
            e.insert(load(read, &format!("{DIR}/t/{n}.json"))?);
        }
        Ok(())
    };
    // Stem → (weight, chunk, stem number in the chunk). The same stem may sit in two chunks
    // (under words with different first letters): it counts once.
    let mut terms: BTreeMap<String, (f32, usize, usize)> = BTreeMap::new();
    let mut add = |chunk: &TermChunk, c: usize, stem: usize, weight: f32| {
        let e = terms.entry(chunk.s[stem].clone()).or_insert((0.0, c, stem));
        if weight > e.0 {
            e.0 = weight;
        }
    };
    let mut synonym_targets: Vec<String> = Vec::new();
    for n in 1..=MAX_SYNONYM_WORDS {
        for window in words.windows(n) {
            if let Some(t) = manifest.synonyms.get(&window.join(" ")) {
                synonym_targets.extend(t.iter().cloned());
            }
        }
    }
    for word in &words {
        let Some(c) = chunk_of(&manifest.chunks, word) else {
            continue;
        };
        get_chunk(c, &mut chunks)?;
        let chunk = &chunks[&c];
        if let Some(stem) = chunk.w.get(word) {
            add(chunk, c, *stem, EXACT_WEIGHT);
        } else if word.chars().count() >= MIN_FUZZY_CHARS {
            for (candidate, stem) in &chunk.w {
                if within_one_edit(word, candidate) {
                    add(chunk, c, *stem, FUZZY_WEIGHT);
                }
            }
        }
    }
    for target in &synonym_targets {
        let Some(c) = chunk_of(&manifest.chunks, target) else {
            continue;
        };
        get_chunk(c, &mut chunks)?;
        let chunk = &chunks[&c];
        if let Some(stem) = chunk.w.get(target) {
            add(chunk, c, *stem, SYNONYM_WEIGHT);
        }
    }
    let mut scores: BTreeMap<u32, f32> = BTreeMap::new();
    for (weight, c, stem) in terms.values() {
        let list = &chunks[c].p[*stem];
        let mut id = 0;
        for pair in list.chunks(2) {
            id += pair[0];
            *scores.entry(id).or_insert(0.0) += weight * pair[1] as f32 / 100.0;
        }
    }
    let filtered = request.kind.is_some()
        || request.criteria.is_some()
        || request.domains.is_some()
        || request.upcoming.is_some();
    if filtered {
        let filters: Filters = load(read, &format!("{DIR}/filters.json"))?;
        let undelta = |ids: Option<&Vec<u32>>| -> BTreeSet<u32> {
            let mut id = 0;
            ids.map(|v| {
                v.iter()
                    .map(|d| {
                        id += d;
                        id
                    })
                    .collect()
            })
            .unwrap_or_default()
        };
        for (map, value) in [
            (&filters.kind, &request.kind),
            (&filters.criteria, &request.criteria),
            (&filters.domains, &request.domains),
        ] {
            if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
                let keep = undelta(map.get(v));
                scores.retain(|id, _| keep.contains(id));
            }
        }
        if let Some(today) = request.upcoming {
            let today = today.to_string();
            scores.retain(|id, _| {
                filters
                    .dates
                    .get(&id.to_string())
                    .is_some_and(|(_, end)| end.as_str() >= today.as_str())
            });
        }
    }
    let mut ranked: Vec<(u32, f32)> = scores.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let total = ranked.len();
    let limit = request.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let mut doc_chunks: BTreeMap<usize, Vec<DocRow>> = BTreeMap::new();
    let mut results = Vec::new();
    for (id, score) in ranked.into_iter().take(limit) {
        let n = id as usize / manifest.doc_chunk;
        if let Entry::Vacant(e) = doc_chunks.entry(n) {
            e.insert(load(read, &format!("{DIR}/d/{n}.json"))?);
        }
        let row = doc_chunks[&n]
            .get(id as usize % manifest.doc_chunk)
            .ok_or_else(|| format!("document {id} is missing"))?
            .clone();
        results.push(SearchHit {
            url: row.0,
            title: row.1,
            kind: row.2,
            summary: row.3,
            criteria: row.4,
            domains: row.5,
            score: round_score(score),
            site: None,
            permalink: None,
        });
    }
    Ok(SearchResponse {
        total,
        results,
        fallback: None,
        suggestions: {
            // The same matching as `TermHints::suggest`, from the chunks' phrases.
            let mut phrases = BTreeMap::new();
            for w in &words {
                if let Some(c) = chunk_of(&manifest.chunks, w) {
                    if let Some(chunk) = chunks.get(&c) {
                        phrases.extend(chunk.h.iter().map(|(p, t)| (p.clone(), *t)));
                    }
                }
            }
            TermHints {
                terms: manifest.hints.terms.clone(),
                phrases,
                max_words: manifest.hints.max_words,
            }
            .suggest(&request.q)
        },
    })
}
