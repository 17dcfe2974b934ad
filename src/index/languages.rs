//! The analysis of each language of the search: French as in [`super::analysis`], the other
//! languages with tantivy's Snowball stemmers and stop words, Arabic with the normalisation of
//! its letter variants and diacritics first.
//!
//! As for French, a word has a *surface* form (what `search.js` computes in the browser: split,
//! lowercased, folded, and for Arabic normalised) and a *stem*. The rules the browser needs
//! (stop words, the Arabic letter map) are shipped in the manifest of each language's static
//! index, so they live here only.

use tantivy::tokenizer::{Language, RawTokenizer, Stemmer, TextAnalyzer};

use super::analysis::{fold, run_stemmer, split_words_with, FrenchAnalyzer, Word, WordCache};

/// Lucene's English stop words (the list tantivy uses, which it does not export).
pub const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
];

/// Frequent Arabic function words, in their normalised form (see [`ARABIC_MAP`]).
pub const ARABIC_STOP_WORDS: &[&str] = &[
    "في", "من", "الي", "علي", "عن", "مع", "هذا", "هذه", "ذلك", "التي", "الذي", "او", "ان", "كان",
    "قد", "لا", "ما", "هو", "هي", "ثم", "كل", "بين", "عند", "لم", "لن",
];

/// Arabic letters replaced after folding. Folding (NFD, marks dropped) already turns the alef
/// variants أ إ آ into ا and drops the diacritics (tashkeel); what remains is alef maqsura,
/// taa marbuta and the tatweel (a stretching stroke), which readers type either way.
pub const ARABIC_MAP: &[(char, &str)] = &[('ى', "ي"), ('ة', "ه"), ('ـ', "")];

/// How the words of one language are analysed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Analysis {
    /// [`super::analysis`]: elisions, inclusive writing, French stemmer.
    French,
    /// Words split and folded, stop words dropped, then a Snowball stemmer if tantivy has one.
    Other {
        stemmer: Option<Language>,
        stop: &'static [&'static str],
        arabic: bool,
    },
}

impl Analysis {
    /// The analysis of a language code of `balise.yaml`; a language without a stemmer is
    /// only split and folded.
    pub fn for_code(code: &str) -> Analysis {
        let stemmer = match code {
            "fr" => return Analysis::French,
            "ar" => Some(Language::Arabic),
            "da" => Some(Language::Danish),
            "nl" => Some(Language::Dutch),
            "en" => Some(Language::English),
            "fi" => Some(Language::Finnish),
            "de" => Some(Language::German),
            "el" => Some(Language::Greek),
            "hu" => Some(Language::Hungarian),
            "it" => Some(Language::Italian),
            "no" | "nb" | "nn" => Some(Language::Norwegian),
            "pt" => Some(Language::Portuguese),
            "ro" => Some(Language::Romanian),
            "ru" => Some(Language::Russian),
            "es" => Some(Language::Spanish),
            "sv" => Some(Language::Swedish),
            "ta" => Some(Language::Tamil),
            "tr" => Some(Language::Turkish),
            _ => None,
        };
        let stop = match code {
            "en" => ENGLISH_STOP_WORDS,
            "ar" => ARABIC_STOP_WORDS,
            _ => &[],
        };
        Analysis::Other {
            stemmer,
            stop,
            arabic: code == "ar",
        }
    }

    pub fn is_french(self) -> bool {
        self == Analysis::French
    }

    pub fn analyzer(self) -> Analyzer {
        match self {
            Analysis::French => Analyzer::French(FrenchAnalyzer::default()),
            Analysis::Other { stemmer, .. } => Analyzer::Other(OtherAnalyzer {
                analysis: self,
                stemmer: stemmer.map(|l| {
                    TextAnalyzer::builder(RawTokenizer::default())
                        .filter(Stemmer::new(l))
                        .build()
                }),
                words: WordCache::default(),
            }),
        }
    }

    /// Stop words (surface forms) of the manifest.
    pub fn stop_words(self) -> &'static [&'static str] {
        match self {
            Analysis::French => super::analysis::STOP_WORDS,
            Analysis::Other { stop, .. } => stop,
        }
    }

    /// Letters the browser replaces after folding (none outside Arabic).
    pub fn letter_map(self) -> &'static [(char, &'static str)] {
        match self {
            Analysis::Other { arabic: true, .. } => ARABIC_MAP,
            _ => &[],
        }
    }

    /// Lowercased, folded and (Arabic) normalised: the surface form of a word.
    pub fn normalize(self, word: &str) -> String {
        let folded = fold(word);
        let map = self.letter_map();
        if map.is_empty() {
            return folded;
        }
        let mut out = String::with_capacity(folded.len());
        for c in folded.chars() {
            match map.iter().find(|(from, _)| *from == c) {
                Some((_, to)) => out.push_str(to),
                None => out.push(c),
            }
        }
        out
    }

    /// Surface forms of a text (no stemming): what the browser computes for a query.
    pub fn surfaces(self, text: &str) -> Vec<String> {
        match self {
            Analysis::French => super::analysis::surfaces(text),
            Analysis::Other { stop, .. } => split_words_with(text, &[], &[])
                .iter()
                .map(|w| self.normalize(w))
                .filter(|s| !s.is_empty() && !stop.contains(&s.as_str()))
                .collect(),
        }
    }
}

/// An analyzer of one language, with its caches.
#[derive(Clone)]
pub enum Analyzer {
    French(FrenchAnalyzer),
    Other(OtherAnalyzer),
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::French(FrenchAnalyzer::default())
    }
}

impl Analyzer {
    pub fn analyze(&mut self, text: &str) -> Vec<Word> {
        let mut words = Vec::new();
        self.analyze_with(text, |w| words.push(w.clone()));
        words
    }

    pub fn analyze_with(&mut self, text: &str, f: impl FnMut(&Word)) {
        match self {
            Analyzer::French(a) => a.analyze_with(text, f),
            Analyzer::Other(a) => a.analyze_with(text, f),
        }
    }

    /// Stem of one query word (lowercased), for the engine's fallback on words the corpus does
    /// not have.
    pub fn stem(&mut self, word: &str) -> String {
        match self {
            Analyzer::French(a) => a.stem(word),
            Analyzer::Other(a) => a.stem(word),
        }
    }

    pub fn record_new_words(self) -> Self {
        match self {
            Analyzer::French(a) => Analyzer::French(a.record_new_words()),
            Analyzer::Other(mut a) => {
                a.words.record_new_words();
                Analyzer::Other(a)
            }
        }
    }

    pub fn drain_new_words(&mut self) -> Box<dyn Iterator<Item = Word> + '_> {
        match self {
            Analyzer::French(a) => Box::new(a.drain_new_words()),
            Analyzer::Other(a) => Box::new(a.words.drain_new_words()),
        }
    }
}

/// The analyzer of a language other than French.
#[derive(Clone)]
pub struct OtherAnalyzer {
    analysis: Analysis,
    stemmer: Option<TextAnalyzer>,
    words: WordCache,
}

impl OtherAnalyzer {
    /// Stem of a word: normalised, stemmed, normalised again (a stemmer may give back a
    /// letter variant).
    pub fn stem(&mut self, word: &str) -> String {
        other_stem(self.analysis, &mut self.stemmer, word)
    }

    pub fn analyze_with(&mut self, text: &str, f: impl FnMut(&Word)) {
        let (analysis, stemmer) = (self.analysis, &mut self.stemmer);
        let stop = analysis.stop_words();
        let analyze = |w: &str| {
            let surface = analysis.normalize(w);
            (!surface.is_empty() && !stop.contains(&surface.as_str())).then(|| Word {
                stem: other_stem(analysis, stemmer, w),
                surface,
            })
        };
        self.words.each(text, (&[], &[]), analyze, f);
    }
}

/// [`OtherAnalyzer::stem`], on the analyzer's stemmer.
fn other_stem(analysis: Analysis, stemmer: &mut Option<TextAnalyzer>, word: &str) -> String {
    let base = analysis.normalize(word);
    let Some(stemmer) = stemmer else {
        return base;
    };
    analysis.normalize(&run_stemmer(stemmer, &base))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(code: &str, text: &str) -> Vec<String> {
        Analysis::for_code(code)
            .analyzer()
            .analyze(text)
            .into_iter()
            .map(|w| w.stem)
            .collect()
    }

    #[test]
    fn english_words_share_their_stem_and_stop_words_are_dropped() {
        assert_eq!(stems("en", "dismissed"), stems("en", "dismissal"));
        assert_eq!(stems("en", "employers"), stems("en", "employer"));
        assert_eq!(
            Analysis::for_code("en").surfaces("The Employer's rights"),
            ["employer", "rights"]
        );
    }

    #[test]
    fn arabic_letter_variants_and_diacritics_are_normalised() {
        let ar = Analysis::for_code("ar");
        // Alef with hamza, diacritics, tatweel, taa marbuta, alef maqsura.
        assert_eq!(ar.surfaces("أَلتَّمْيِيز"), ar.surfaces("التمييز"));
        assert_eq!(ar.surfaces("إعاقة"), ["اعاقه"]);
        assert_eq!(ar.surfaces("مـوظف"), ["موظف"]);
        assert_eq!(ar.surfaces("على"), Vec::<String>::new());
        assert_eq!(stems("ar", "الْعَمَل"), stems("ar", "العمل"));
    }

    #[test]
    fn french_is_the_french_analysis() {
        let fr = Analysis::for_code("fr");
        assert!(fr.is_french());
        assert_eq!(
            fr.surfaces("l'emploi des salarié·e·s"),
            ["emploi", "salarie"]
        );
    }
}
