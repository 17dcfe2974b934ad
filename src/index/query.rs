//! From a query typed by a citizen to weighted stems, the same way in the CLI, the API and the
//! static search (`search.js` implements [`plan`] on the static chunks).
//!
//! Every query word is looked up by its surface form (folded, no stemming) in the vocabulary of
//! the corpus: a known word gives its stem; an unknown word of five letters or more gives the
//! stems of the words of its chunk that are one edit away (typos); the synonyms of
//! `balise.yaml` add the stems of their targets. The browser cannot stem, so the CLI does not
//! stem query words either: that is what makes both return the same results.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::analysis::{surfaces, within_one_edit, FrenchAnalyzer, MIN_FUZZY_CHARS};
use super::languages::Analysis;

/// A term page offered for a query: "Vous cherchez peut-être : Identité de genre".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub name: String,
    /// Root-relative URL of the term page, as the results' URLs.
    pub url: String,
}

/// The criteria and domains a query can name in everyday words, and the phrases that name them.
/// `search.js` reads the same table from the manifest (`hints`) and matches the same way.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TermHints {
    /// Terms that have pages.
    pub terms: Vec<Suggestion>,
    /// Phrase (surface forms joined by a space) → index in `terms`.
    pub phrases: BTreeMap<String, usize>,
    /// Longest phrase, in words.
    pub max_words: usize,
}

/// At most this many term pages are offered for one query.
pub const MAX_SUGGESTIONS: usize = 3;

impl TermHints {
    pub fn from_site(site: &crate::model::site::Site) -> TermHints {
        use crate::model::taxonomy::TaxonomyKind;
        let mut hints = TermHints::default();
        for kind in [TaxonomyKind::Criteria, TaxonomyKind::Domains] {
            let taxonomy = site.taxonomy(kind);
            for term in taxonomy.terms.iter().filter(|t| !t.pages.is_empty()) {
                let index = hints.terms.len();
                hints.terms.push(Suggestion {
                    name: term.name.clone(),
                    url: taxonomy.term_url(&term.slug),
                });
                for phrase in std::iter::once(&term.name).chain(&term.words) {
                    let words = surfaces(phrase);
                    if words.is_empty() {
                        continue;
                    }
                    hints.max_words = hints.max_words.max(words.len());
                    // The first term to claim a phrase keeps it (built-in words are unique).
                    hints.phrases.entry(words.join(" ")).or_insert(index);
                }
            }
        }
        hints
    }

    /// The term pages a query names, in the order the query names them.
    pub fn suggest(&self, query: &str) -> Vec<Suggestion> {
        let words: Vec<String> = surfaces(query).into_iter().take(MAX_QUERY_WORDS).collect();
        let mut found: Vec<usize> = Vec::new();
        for start in 0..words.len() {
            // Longest phrase first: "identite de genre" before "genre".
            for n in (1..=self.max_words.min(words.len() - start)).rev() {
                if let Some(&t) = self.phrases.get(&words[start..start + n].join(" ")) {
                    if !found.contains(&t) {
                        found.push(t);
                    }
                    break;
                }
            }
        }
        found
            .into_iter()
            .take(MAX_SUGGESTIONS)
            .map(|t| self.terms[t].clone())
            .collect()
    }
}

/// Weight of a stem found by the word itself.
pub const EXACT_WEIGHT: f32 = 1.0;
/// Weight of a stem brought by a synonym.
pub const SYNONYM_WEIGHT: f32 = 0.7;
/// Weight of a stem found by a word one edit away.
pub const FUZZY_WEIGHT: f32 = 0.6;
/// Words of a query beyond this are ignored (a pasted letter is not a query).
pub const MAX_QUERY_WORDS: usize = 32;
/// Longest synonym key, in words (`couleur de peau` is two words once stop words are gone).
pub const MAX_SYNONYM_WORDS: usize = 3;

/// Every surface word of the corpus, with its stem, and how words are grouped in chunks.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Vocabulary {
    /// Surface word → stem.
    pub words: BTreeMap<String, String>,
    /// Chunk keys: a word belongs to the chunk of the longest key it starts with.
    pub chunks: Vec<String>,
}

impl Vocabulary {
    /// Index of the chunk of a word, if any.
    pub fn chunk_of(&self, word: &str) -> Option<usize> {
        chunk_of(&self.chunks, word)
    }
}

/// The chunk of a word: the longest key it starts with. For one word; [`ChunkLookup`] answers
/// for many without scanning every key each time.
pub fn chunk_of(keys: &[String], word: &str) -> Option<usize> {
    keys.iter()
        .enumerate()
        .filter(|(_, k)| word.starts_with(k.as_str()))
        .max_by_key(|(_, k)| k.len())
        .map(|(i, _)| i)
}

/// [`chunk_of`] for every word of a large vocabulary: the prefixes of the word, longest first,
/// looked up among the keys (a linear scan of the keys for each word took seconds on a corpus
/// of 40,000 distinct words).
pub struct ChunkLookup<'a> {
    keys: std::collections::HashMap<&'a str, usize>,
}

impl<'a> ChunkLookup<'a> {
    pub fn new(keys: &'a [String]) -> Self {
        ChunkLookup {
            keys: keys
                .iter()
                .enumerate()
                .map(|(i, k)| (k.as_str(), i))
                .collect(),
        }
    }

    pub fn chunk_of(&self, word: &str) -> Option<usize> {
        let ends = word.char_indices().map(|(i, _)| i).chain([word.len()]);
        let mut ends: Vec<usize> = ends.collect();
        ends.reverse();
        ends.into_iter()
            .find_map(|end| self.keys.get(&word[..end]).copied())
    }
}

/// Synonyms resolved against a vocabulary: query key (surface words joined by a space) → surface
/// words of the corpus whose stems the key should also find.
pub type ResolvedSynonyms = BTreeMap<String, Vec<String>>;

/// Resolves the `search.synonyms` of `balise.yaml` against the corpus. Targets that the corpus
/// never uses are left out; keys that differ only by accents are merged.
pub fn resolve_synonyms(
    raw: &BTreeMap<String, Vec<String>>,
    vocabulary: &Vocabulary,
) -> ResolvedSynonyms {
    let mut analyzer = FrenchAnalyzer::default();
    // Stem → its shortest surface word, to name a stem the corpus has under another form.
    let mut by_stem: BTreeMap<&str, &str> = BTreeMap::new();
    for (surface, stem) in &vocabulary.words {
        let entry = by_stem.entry(stem).or_insert(surface);
        if surface.len() < entry.len() {
            *entry = surface;
        }
    }
    let mut resolved = ResolvedSynonyms::new();
    for (key, targets) in raw {
        let key_words = surfaces(key);
        if key_words.is_empty() || key_words.len() > MAX_SYNONYM_WORDS {
            continue;
        }
        let entry = resolved.entry(key_words.join(" ")).or_default();
        for target in targets {
            for word in analyzer.analyze(target) {
                let surface = if vocabulary.words.contains_key(&word.surface) {
                    Some(word.surface.as_str())
                } else {
                    by_stem.get(word.stem.as_str()).copied()
                };
                if let Some(surface) = surface {
                    if !entry.iter().any(|s| s == surface) {
                        entry.push(surface.to_string());
                    }
                }
            }
        }
    }
    resolved.retain(|_, targets| !targets.is_empty());
    resolved
}

/// What to look for: stems and their weights.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueryPlan {
    pub terms: BTreeMap<String, f32>,
}

impl QueryPlan {
    fn add(&mut self, stem: &str, weight: f32) {
        let entry = self.terms.entry(stem.to_string()).or_insert(0.0);
        if weight > *entry {
            *entry = weight;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// Turns a query into weighted stems. Never fails: a query with no known word gives an empty
/// plan (no results).
pub fn plan(query: &str, vocabulary: &Vocabulary, synonyms: &ResolvedSynonyms) -> QueryPlan {
    plan_in(Analysis::French, query, vocabulary, synonyms)
}

/// [`plan`] in a language. Outside French, a word the corpus does not have is also stemmed:
/// when its stem is one of the corpus's ("dismissed" for a page that says "dismissal"), it is
/// found with the weight of an exact word. (The French search and the static search in the
/// browser, which cannot stem, look words up by their surface only.)
pub fn plan_in(
    analysis: Analysis,
    query: &str,
    vocabulary: &Vocabulary,
    synonyms: &ResolvedSynonyms,
) -> QueryPlan {
    let mut words = analysis.surfaces(query);
    words.truncate(MAX_QUERY_WORDS);
    let mut plan = QueryPlan::default();
    let mut analyzer = (!analysis.is_french()).then(|| analysis.analyzer());
    for word in &words {
        if let Some(stem) = vocabulary.words.get(word) {
            plan.add(stem, EXACT_WEIGHT);
            continue;
        }
        if let Some(analyzer) = &mut analyzer {
            let stem = analyzer.stem(word);
            if vocabulary.words.values().any(|s| *s == stem) {
                plan.add(&stem, EXACT_WEIGHT);
                continue;
            }
        }
        if word.chars().count() >= MIN_FUZZY_CHARS {
            let Some(chunk) = vocabulary.chunk_of(word) else {
                continue;
            };
            let key = &vocabulary.chunks[chunk];
            for (candidate, stem) in vocabulary.words.range(key.clone()..) {
                if !candidate.starts_with(key.as_str()) {
                    break;
                }
                if vocabulary.chunk_of(candidate) == Some(chunk) && within_one_edit(word, candidate)
                {
                    plan.add(stem, FUZZY_WEIGHT);
                }
            }
        }
    }
    for n in 1..=MAX_SYNONYM_WORDS {
        for window in words.windows(n) {
            if let Some(targets) = synonyms.get(&window.join(" ")) {
                for target in targets {
                    if let Some(stem) = vocabulary.words.get(target) {
                        plan.add(stem, SYNONYM_WEIGHT);
                    }
                }
            }
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary(words: &[&str]) -> Vocabulary {
        let mut analyzer = FrenchAnalyzer::default();
        let mut v = Vocabulary::default();
        for text in words {
            for w in analyzer.analyze(text) {
                v.words.insert(w.surface, w.stem);
            }
        }
        v.chunks = vec!["d".into(), "g".into(), "l".into(), "p".into()];
        v
    }

    #[test]
    fn the_chunk_lookup_finds_the_chunk_a_scan_finds() {
        let keys: Vec<String> = ["co", "con", "cons", "d", "dé", "l", "lo", "é", "z"]
            .map(String::from)
            .to_vec();
        let lookup = ChunkLookup::new(&keys);
        for word in [
            "construire",
            "conseil",
            "co",
            "c",
            "défenseur",
            "droit",
            "é",
            "éte",
            "loi",
        ] {
            assert_eq!(lookup.chunk_of(word), chunk_of(&keys, word), "{word}");
        }
        assert_eq!(lookup.chunk_of("conseil"), Some(2));
        assert_eq!(lookup.chunk_of("abc"), None);
    }

    #[test]
    fn known_words_give_their_stems() {
        let v = vocabulary(&["discriminations logement"]);
        let p = plan("Logement", &v, &ResolvedSynonyms::new());
        assert_eq!(p.terms.len(), 1);
        assert_eq!(p.terms.values().next(), Some(&EXACT_WEIGHT));
    }

    #[test]
    fn typos_of_long_words_are_tolerated() {
        let v = vocabulary(&["discrimination logement"]);
        let p = plan("discrimnation", &v, &ResolvedSynonyms::new());
        assert_eq!(
            p.terms.values().copied().collect::<Vec<_>>(),
            [FUZZY_WEIGHT]
        );
        // Short words are not: "lgt" is not "logement", "gros" is not "grps".
        assert!(plan("grps", &vocabulary(&["gros"]), &ResolvedSynonyms::new()).is_empty());
    }

    #[test]
    fn synonyms_add_the_guide_words() {
        let v = vocabulary(&["grossesse licenciement propriétaire"]);
        let raw = BTreeMap::from([
            ("enceinte".to_string(), vec!["grossesse".to_string()]),
            ("viré".to_string(), vec!["licenciement".to_string()]),
            ("proprio".to_string(), vec!["propriétaires".to_string()]),
            ("couleur de peau".to_string(), vec!["inconnu".to_string()]),
        ]);
        let synonyms = resolve_synonyms(&raw, &v);
        // Accents folded in keys; targets named by a corpus word with the same stem; targets
        // the corpus never uses are dropped.
        assert_eq!(synonyms.get("vire").unwrap(), &["licenciement"]);
        assert_eq!(synonyms.get("proprio").unwrap(), &["proprietaire"]);
        assert!(!synonyms.contains_key("couleur peau"));
        let p = plan("enceinte et vire", &v, &synonyms);
        assert_eq!(p.terms.len(), 2, "{p:?}");
        assert!(p.terms.values().all(|w| *w == SYNONYM_WEIGHT));
    }

    #[test]
    fn nonsense_gives_an_empty_plan() {
        let v = vocabulary(&["logement"]);
        for q in ["", "AND (", "\u{0}\u{7}", "((((", &"x".repeat(10_000)] {
            assert!(plan(q, &v, &ResolvedSynonyms::new()).is_empty());
        }
    }
}
