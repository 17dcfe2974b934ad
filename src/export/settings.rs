//! The OpenSearch index definition: settings whose analyzers reproduce balise's French analysis
//! (`src/index/analysis.rs`) with OpenSearch's own tokenizers and filters, and the mapping of a
//! search document (`super::OpenSearchDoc`).
//!
//! Only components of OpenSearch's `analysis-common` module are used (no ICU plugin), so the
//! definition is accepted by any stock OpenSearch 2.x node. Step by step, as tantivy does it:
//!
//! | balise (`split_words`, `analyze`) | OpenSearch |
//! | --- | --- |
//! | inclusive-writing suffixes glued by `·•.-` dropped | `pattern_replace` char filter |
//! | elided articles before `'` or `’` dropped | `pattern_replace` char filter |
//! | words are runs of letters and digits | `pattern` tokenizer |
//! | words of 2 to 40 letters | `length` filter |
//! | lowercase | `lowercase` filter |
//! | stop words, compared folded | `stop` filter with the list and its accented spellings |
//! | French Snowball stem of the accented word | `snowball` filter, `French` |
//! | then accents folded | `asciifolding` filter |
//!
//! Queries differ, as in balise: a query word is not stemmed but looked up, folded, in the
//! guide's vocabulary, which gives the stem of the accented word (`licencie` typed without
//! accent finds the `licenci` of `licencié`; stemming `licencie` would give `licenc`). The
//! search analyzer folds, then a `stemmer_override` filter holds that lookup for every word of
//! the guide whose stem differs from the stem of its folded form; other words are stemmed.
//! The site's synonyms run last, at query time only (graph synonyms are refused at index
//! time): their rules go through the same chain, so a key matches whatever the accents or the
//! plural of the query word, and its targets are stems.

use serde_json::{json, Value};

use crate::index::analysis::FrenchAnalyzer;
use crate::index::analysis::{
    fold, is_stop_word, ELISIONS, INCLUSIVE_SEPARATORS, INCLUSIVE_SUFFIXES, MAX_WORD_CHARS,
    STOP_WORDS,
};
use crate::index::engine::{BODY_BOOST, KEYWORDS_BOOST, SUMMARY_BOOST, TITLE_BOOST};
use crate::index::query::MAX_SYNONYM_WORDS;
use std::collections::BTreeMap;

/// Analyzer of the text fields at index time.
pub const INDEX_ANALYZER: &str = "balise_french";
/// Analyzer of queries: the same chain plus the site's synonyms.
pub const SEARCH_ANALYZER: &str = "balise_french_search";

/// Stop words as French writes them with accents; `STOP_WORDS` holds the folded forms, which
/// balise compares after folding, but the index analyzer must drop them before stemming (the
/// stemmer needs the accents). The integration test compares every text of the bundled guide.
pub const ACCENTED_STOP_WORDS: &[&str] = &[
    "à", "ça", "dès", "dû", "ès", "été", "étaient", "était", "étant", "êtes", "être", "là", "maïs",
    "nôtre", "où", "sûr", "très", "vôtre", "aïe",
];

/// Every spelling the index analyzer's `stop` filter removes (lowercased, accented words).
pub fn accented_stop_words() -> Vec<String> {
    let mut words: Vec<String> = STOP_WORDS.iter().map(|w| w.to_string()).collect();
    words.extend(ACCENTED_STOP_WORDS.iter().map(|w| w.to_string()));
    words
}

/// `stemmer_override` rules `surface => stem` for the words of the guide whose stem (of the
/// accented word) is not what stemming the folded word gives: the vocabulary lookup of balise's
/// query planner, for the words where it matters.
pub fn vocabulary_rules(vocabulary: &BTreeMap<String, String>) -> Vec<String> {
    let mut analyzer = FrenchAnalyzer::default();
    vocabulary
        .iter()
        .filter(|(surface, stem)| analyzer.stem(surface) != **stem)
        .map(|(surface, stem)| format!("{surface} => {stem}"))
        .collect()
}

/// The text fields and their boosts, as `balise search` weighs them.
pub fn text_fields() -> Vec<String> {
    vec![
        format!("title^{TITLE_BOOST}"),
        format!("summary^{SUMMARY_BOOST}"),
        format!("body^{BODY_BOOST}"),
        format!("keywords^{KEYWORDS_BOOST}"),
    ]
}

/// Java regular expression of a character that `split_words` treats as part of a word
/// (`char::is_alphanumeric`: the Alphabetic property or a numeric category).
const WORD_CHAR: &str = r"[\p{IsAlphabetic}\p{N}]";

fn alternatives(words: &[&str]) -> String {
    // Longest first, so that `euses` is tried before `e`.
    let mut words: Vec<&str> = words.to_vec();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words.join("|")
}

/// The `pattern_replace` char filter that drops inclusive-writing suffixes: `salarié·e·s`
/// becomes `salarié`. Lookarounds read the original text, so chained suffixes all go.
fn inclusive_pattern() -> String {
    let separators: String = INCLUSIVE_SEPARATORS
        .iter()
        .map(|c| match c {
            '-' | '.' => format!(r"\{c}"),
            c => c.to_string(),
        })
        .collect();
    format!(
        "(?iu)(?<={WORD_CHAR})[{separators}](?:{})(?!{WORD_CHAR})",
        alternatives(INCLUSIVE_SUFFIXES)
    )
}

/// The `pattern_replace` char filter that drops elided articles: `l'emploi` becomes ` emploi`.
fn elision_pattern() -> String {
    format!(
        "(?iu)(?<!{WORD_CHAR})(?:{})['’](?={WORD_CHAR})",
        alternatives(ELISIONS)
    )
}

/// Synonym rules for `synonym_graph`, from `search.synonyms` of `balise.yaml`:
/// `proprio => proprio, propriétaire`. Stop words are left out of both sides (a rule whose
/// words leave a gap once stop words are gone is refused), the key is kept among the targets
/// (the typed word still finds itself), and keys that fold to the same words are merged.
pub fn synonym_rules(synonyms: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    let mut merged: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for (key, targets) in synonyms {
        let key_words = rule_words(key);
        if key_words.is_empty() || key_words.split(' ').count() > MAX_SYNONYM_WORDS {
            continue;
        }
        let entry = merged
            .entry(fold(&key_words))
            .or_insert_with(|| (key_words.clone(), vec![key_words.clone()]));
        for target in targets {
            let words = rule_words(target);
            if !words.is_empty() && !entry.1.contains(&words) {
                entry.1.push(words);
            }
        }
    }
    merged
        .into_values()
        .map(|(key, targets)| format!("{key} => {}", targets.join(", ")))
        .collect()
}

/// The words of a rule side as OpenSearch will see them: lowercase, without stop words and
/// without the characters that are rule syntax (`,` `=>`).
fn rule_words(text: &str) -> String {
    crate::index::analysis::split_words(text)
        .into_iter()
        .filter(|w| !is_stop_word(&fold(w)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Settings (analysis only; shards and replicas are set by the push) and mapping.
/// `vocabulary`: the guide's surface words and their stems (`SearchDocuments::vocabulary`).
pub fn index_definition(
    synonyms: &BTreeMap<String, Vec<String>>,
    vocabulary: &BTreeMap<String, String>,
) -> Value {
    let char_filter = json!(["balise_inclusive", "balise_elision"]);
    let index_analyzer = json!({
        "type": "custom",
        "char_filter": char_filter,
        "tokenizer": "balise_words",
        "filter": ["balise_length", "lowercase", "balise_stop_accented", "balise_stemmer",
                   "asciifolding"],
    });
    let rules = vocabulary_rules(vocabulary);
    let mut search_filters = vec!["balise_length", "lowercase", "asciifolding", "balise_stop"];
    // The filter refuses an empty list of rules.
    if !rules.is_empty() {
        search_filters.push("balise_vocabulary");
    }
    search_filters.extend(["balise_stemmer", "balise_synonyms"]);
    let search_analyzer = json!({
        "type": "custom",
        "char_filter": char_filter,
        "tokenizer": "balise_words",
        "filter": search_filters,
    });
    let mut filters = json!({
        "balise_length": { "type": "length", "min": 2, "max": MAX_WORD_CHARS },
        "balise_stop_accented": { "type": "stop", "stopwords": accented_stop_words() },
        "balise_stop": { "type": "stop", "stopwords": STOP_WORDS },
        "balise_stemmer": { "type": "snowball", "language": "French" },
        "balise_synonyms": {
            "type": "synonym_graph",
            "synonyms": synonym_rules(synonyms),
        },
    });
    if !rules.is_empty() {
        filters["balise_vocabulary"] = json!({ "type": "stemmer_override", "rules": rules });
    }
    let french_text = json!({
        "type": "text",
        "analyzer": INDEX_ANALYZER,
        "search_analyzer": SEARCH_ANALYZER,
    });
    let keyword = json!({ "type": "keyword" });
    let day = json!({ "type": "date", "format": "yyyy-MM-dd" });
    json!({
        "settings": {
            "analysis": {
                "char_filter": {
                    "balise_inclusive": {
                        "type": "pattern_replace",
                        "pattern": inclusive_pattern(),
                        "replacement": "",
                    },
                    // A space, not nothing: `l'emploi` must not become one word `lemploi`
                    // if the tokenizer ever changes.
                    "balise_elision": {
                        "type": "pattern_replace",
                        "pattern": elision_pattern(),
                        "replacement": " ",
                    },
                },
                "tokenizer": {
                    "balise_words": {
                        "type": "pattern",
                        "pattern": format!("[^{}]+", &WORD_CHAR[1..WORD_CHAR.len() - 1]),
                    },
                },
                "filter": filters,
                "analyzer": {
                    INDEX_ANALYZER: index_analyzer,
                    SEARCH_ANALYZER: search_analyzer,
                },
            },
        },
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "site": keyword,
                "url": keyword,
                "permalink": { "type": "keyword", "index": false },
                "lang": keyword,
                "title": french_text,
                "summary": french_text,
                "body": french_text,
                "keywords": french_text,
                "kind": keyword,
                "criteria": keyword,
                "domains": keyword,
                "territories": keyword,
                "start": day,
                "end": day,
                "updated": day,
            },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonym_rules_drop_stop_words_and_merge_accents() {
        let raw = BTreeMap::from([
            ("viré".to_string(), vec!["licenciement".to_string()]),
            ("vire".to_string(), vec!["licencié".to_string()]),
            (
                "couleur de peau".to_string(),
                vec!["origine".to_string(), "prétendue race".to_string()],
            ),
            (
                "prud'hommes".to_string(),
                vec!["conseil de prud'hommes".to_string()],
            ),
            ("le la".to_string(), vec!["x".to_string()]),
        ]);
        let rules = synonym_rules(&raw);
        assert_eq!(
            rules,
            [
                "couleur peau => couleur peau, origine, prétendue race",
                "prud hommes => prud hommes, conseil prud hommes",
                "vire => vire, licencié, licenciement",
            ]
        );
    }

    #[test]
    fn accented_stop_words_fold_to_stop_words() {
        for w in ACCENTED_STOP_WORDS {
            assert!(is_stop_word(&fold(w)), "{w}");
        }
    }

    #[test]
    fn vocabulary_rules_name_the_words_whose_folded_stem_differs() {
        let mut analyzer = FrenchAnalyzer::default();
        let mut vocabulary = BTreeMap::new();
        for word in ["licenciée", "refusée", "logement"] {
            let w = analyzer.analyze(word).remove(0);
            vocabulary.insert(w.surface, w.stem);
        }
        let rules = vocabulary_rules(&vocabulary);
        // `logement` stems the same with or without accents: no rule.
        assert_eq!(rules.len(), 2, "{rules:?}");
        assert!(rules.iter().all(|r| !r.starts_with("logement")));
        assert!(rules.contains(&format!("licenciee => {}", vocabulary["licenciee"])));
    }

    #[test]
    fn patterns_name_every_suffix_and_elision() {
        let p = inclusive_pattern();
        assert!(
            p.contains("(?:trices|") && p.contains("|x)") && p.contains("[·•\\.\\-]"),
            "{p}"
        );
        assert!(elision_pattern().contains("|jusqu|qu|l|"));
    }
}
