//! French analysis shared by the tantivy index, the query planner and (mirrored in JavaScript by
//! `themes/default/static/search/search.js`) the static search.
//!
//! A text becomes a list of [`Word`]s: lowercased, split into words, elisions (`l'`, `qu'`…) and
//! the suffix fragments of inclusive writing (`salarié·e·s`) dropped, stop words dropped. Each word
//! keeps its *surface* form (accents folded: what the browser can compute without a stemmer) and
//! its *stem* (French Snowball stemming on the accented word, then folded).
//!
//! The browser side only needs the surface form: the static index maps every surface word seen
//! in the corpus to its stem's postings. So the rules below that decide what a surface word is
//! (splitting, elisions, inclusive suffixes, folding, stop words) must stay identical in
//! `search.js`; the lists are shipped in the static manifest so they live here only.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenStream, Tokenizer,
};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Words before an apostrophe that are elided articles or pronouns: `l'emploi` → `emploi`.
pub const ELISIONS: &[&str] = &[
    "l", "d", "qu", "j", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// Fragments that inclusive writing glues to a word with `·`, `.` or `-`: `salarié·e·s`,
/// `interlocuteur·ices`, `employé-e-s`. Dropped so the base word is what gets indexed.
pub const INCLUSIVE_SUFFIXES: &[&str] = &[
    "e", "es", "s", "x", "se", "ses", "ne", "nes", "le", "les", "te", "tes", "ve", "ves", "fe",
    "fes", "re", "res", "ere", "eres", "ère", "ères", "euse", "euses", "rice", "rices", "ice",
    "ices", "trice", "trices", "elle", "elles", "ale", "ales",
];

/// Separators of inclusive writing (middle dot, bullet, full stop, hyphen).
pub const INCLUSIVE_SEPARATORS: [char; 4] = ['·', '•', '.', '-'];

/// Apostrophes that mark an elision.
pub const APOSTROPHES: [char; 2] = ['\'', '’'];

/// Frequent French words that carry no meaning for a search (folded forms).
pub const STOP_WORDS: &[&str] = &[
    "a", "ai", "aie", "aient", "as", "au", "aux", "avec", "avait", "avez", "avoir", "avons",
    "ayant", "c", "ca", "ce", "ceci", "cela", "celle", "celles", "celui", "ces", "cet", "cette",
    "ceux", "d", "dans", "de", "des", "donc", "dont", "du", "elle", "elles", "en", "es", "est",
    "et", "etaient", "etait", "etant", "ete", "etes", "etre", "eu", "eux", "il", "ils", "j", "je",
    "l", "la", "le", "les", "leur", "leurs", "lui", "m", "ma", "mais", "me", "mes", "moi", "mon",
    "n", "ne", "ni", "nos", "notre", "nous", "on", "ont", "ou", "par", "pas", "peu", "qu", "que",
    "quel", "quelle", "quelles", "quels", "qui", "quoi", "s", "sa", "sans", "se", "ses", "si",
    "son", "sont", "suis", "sur", "t", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos",
    "votre", "vous", "y", "car", "or", "lors", "tres", "sera", "seront", "soit", "soient", "sous",
];

/// Words longer than this are not indexed (hashes, long URLs, noise).
pub const MAX_WORD_CHARS: usize = 40;

/// Typo tolerance applies to query words of at least this many letters.
pub const MIN_FUZZY_CHARS: usize = 5;

/// One analysed word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Lowercased, accents folded, as the browser computes it: `licenciee`.
    pub surface: String,
    /// French stem of the accented word, folded: `licenci`.
    pub stem: String,
}

/// Lowercase, then accents and ligatures folded: `Œuvre Élève` → `oeuvre eleve`.
///
/// NFD then dropping combining marks is exactly what `search.js` does with
/// `normalize("NFD").replace(/\p{M}/gu, "")`; `œ` and `æ` have no decomposition, so both sides
/// spell them out.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.to_lowercase().nfd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'œ' => folded.push_str("oe"),
            'æ' => folded.push_str("ae"),
            _ => folded.push(c),
        }
    }
    folded
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits a text into lowercased words (accents kept), dropping elisions, inclusive-writing
/// suffixes and one-letter fragments. Stop words are dropped later, on the folded form.
pub fn split_words(text: &str) -> Vec<String> {
    split_words_with(text, ELISIONS, INCLUSIVE_SUFFIXES)
}

/// [`split_words`] with the elisions and inclusive suffixes of a language (none outside French).
pub fn split_words_with(text: &str, elisions: &[&str], suffixes: &[&str]) -> Vec<String> {
    let mut words = Vec::new();
    for_each_word(text, elisions, suffixes, |w| words.push(w.to_string()));
    words
}

/// Calls `f` with each word of `text` as [`split_words_with`] gives it, without copying it:
/// indexing a large site goes through millions of words.
pub fn for_each_word(text: &str, elisions: &[&str], suffixes: &[&str], mut f: impl FnMut(&str)) {
    // Most text is already in NFC: the quick check saves composing it again.
    let lower = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text.to_lowercase()
    } else {
        text.nfc().collect::<String>().to_lowercase()
    };
    let mut chars = lower.char_indices().peekable();
    // Byte offset where the previous fragment, kept or not, ended.
    let mut previous_end: Option<usize> = None;
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut count = 1;
        while let Some(&(i, c)) = chars.peek() {
            if !is_word_char(c) {
                break;
            }
            end = i + c.len_utf8();
            count += 1;
            chars.next();
        }
        let fragment = &lower[start..end];
        // Glued to the previous fragment by one separator: `étudiant·es`, `salarié-e-s`.
        let glued_by_separator = previous_end.is_some_and(|previous| {
            lower[previous..start].chars().next().is_some_and(|gap| {
                previous + gap.len_utf8() == start && INCLUSIVE_SEPARATORS.contains(&gap)
            })
        });
        previous_end = Some(end);
        let mut after = lower[end..].chars();
        let elided = after.next().is_some_and(|c| APOSTROPHES.contains(&c))
            && after.next().is_some_and(is_word_char)
            && elisions.contains(&fragment);
        if elided {
            continue;
        }
        if glued_by_separator && suffixes.contains(&fragment) {
            continue;
        }
        if !(2..=MAX_WORD_CHARS).contains(&count) {
            continue;
        }
        f(fragment);
    }
}

/// Whether a folded word is a stop word.
pub fn is_stop_word(surface: &str) -> bool {
    STOP_WORDS.contains(&surface)
}

/// Surface forms of a text (no stemming): what the browser computes for a query.
pub fn surfaces(text: &str) -> Vec<String> {
    split_words(text)
        .iter()
        .map(|w| fold(w))
        .filter(|s| !is_stop_word(s))
        .collect()
}

/// What an analyzer keeps of the words it has met: a corpus repeats the same few thousand
/// words, and folding plus stemming each occurrence dominated the indexing time (see README,
/// "Performance").
#[derive(Clone, Default)]
pub struct WordCache {
    /// Lower-cased word → its surface and stem, or `None` for a stop word. Hashed with Fx, not
    /// SipHash: every word of the corpus is looked up here, the keys are short, and they are
    /// the site's own text (no one to flood the table).
    analyzed: FxHashMap<String, Option<Word>>,
    /// Words met for the first time since the last [`WordCache::drain_new_words`], when asked
    /// for (the tokenizer that also collects the vocabulary).
    new_words: Option<Vec<Word>>,
}

impl WordCache {
    /// Calls `f` with each word of `text` (cut by [`for_each_word`]) that `analyze` keeps, in
    /// order, without copying it; `analyze` sees each distinct word once, and gives `None` for
    /// a stop word.
    pub fn each(
        &mut self,
        text: &str,
        (elisions, suffixes): (&[&str], &[&str]),
        mut analyze: impl FnMut(&str) -> Option<Word>,
        mut f: impl FnMut(&Word),
    ) {
        for_each_word(text, elisions, suffixes, |w| {
            // One lookup for a word already met, as nearly all are.
            if let Some(known) = self.analyzed.get(w) {
                if let Some(word) = known {
                    f(word);
                }
                return;
            }
            let word = analyze(w);
            if let Some(word) = &word {
                f(word);
                if let Some(new) = &mut self.new_words {
                    new.push(word.clone());
                }
            }
            self.analyzed.insert(w.to_string(), word);
        });
    }

    /// The words (not stop words) met for the first time from now on, in the order met, are
    /// kept for [`WordCache::drain_new_words`].
    pub fn record_new_words(&mut self) {
        self.new_words = Some(Vec::new());
    }

    pub fn drain_new_words(&mut self) -> impl Iterator<Item = Word> + '_ {
        self.new_words.iter_mut().flat_map(|v| v.drain(..))
    }
}

/// The French analyzer: words and their stems, each distinct word analysed once (see
/// [`WordCache`]).
#[derive(Clone)]
pub struct FrenchAnalyzer {
    stemmer: TextAnalyzer,
    words: WordCache,
}

impl Default for FrenchAnalyzer {
    fn default() -> Self {
        FrenchAnalyzer {
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::French))
                .build(),
            words: WordCache::default(),
        }
    }
}

impl FrenchAnalyzer {
    /// Stem of one lowercased (accented) word, folded.
    pub fn stem(&mut self, word: &str) -> String {
        fold(&run_stemmer(&mut self.stemmer, word))
    }

    pub fn analyze(&mut self, text: &str) -> Vec<Word> {
        let mut words = Vec::new();
        self.analyze_with(text, |w| words.push(w.clone()));
        words
    }

    /// Calls `f` with each word of `text` that is not a stop word, in order, without copying
    /// it: indexing a large site goes through millions of words.
    pub fn analyze_with(&mut self, text: &str, f: impl FnMut(&Word)) {
        let stemmer = &mut self.stemmer;
        let analyze = |w: &str| {
            let surface = fold(w);
            (!is_stop_word(&surface)).then(|| Word {
                stem: fold(&run_stemmer(stemmer, w)),
                surface,
            })
        };
        self.words
            .each(text, (ELISIONS, INCLUSIVE_SUFFIXES), analyze, f);
    }

    /// See [`WordCache::record_new_words`].
    pub fn record_new_words(mut self) -> Self {
        self.words.record_new_words();
        self
    }

    pub fn drain_new_words(&mut self) -> impl Iterator<Item = Word> + '_ {
        self.words.drain_new_words()
    }
}

/// The stem `stemmer` gives of one word: its tokens one after the other. Each distinct word
/// of a corpus comes here once (the analyzers keep what they found, see [`WordCache`]).
pub fn run_stemmer(stemmer: &mut TextAnalyzer, word: &str) -> String {
    let mut stream = stemmer.token_stream(word);
    let mut stem = String::new();
    while let Some(token) = stream.next() {
        stem.push_str(&token.text);
    }
    stem
}

/// Surface word → stem of every word the tokenizers sharing it have met: the vocabulary of the
/// static search, collected while tantivy indexes, so the corpus is analysed once.
pub type SharedVocabulary = std::sync::Arc<std::sync::Mutex<HashMap<String, String>>>;

/// Whether two words are at most one edit apart (insertion, deletion, substitution, or swap of
/// two neighbouring letters). `search.js` has the same function.
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        // Substitution: the rest after the first difference matches.
        if short[prefix + 1..] == long[prefix + 1..] {
            return true;
        }
        // Swap of two neighbours.
        prefix + 1 < short.len()
            && short[prefix] == long[prefix + 1]
            && short[prefix + 1] == long[prefix]
            && short[prefix + 2..] == long[prefix + 2..]
    } else {
        // Insertion: skip one letter of the longer word.
        short[prefix..] == long[prefix + 1..]
    }
}

/// The analyzer as a tantivy tokenizer (registered as [`TOKENIZER_NAME`]): emits stems.
#[derive(Clone, Default)]
pub struct FrenchTokenizer {
    analyzer: super::languages::Analyzer,
    vocabulary: Option<SharedVocabulary>,
    /// With [`FrenchTokenizer::remembering_texts`]: the stems of each text already analysed.
    seen: Option<FxHashMap<Box<str>, Stems>>,
}

/// The stems of a text one after the other; `ends[i]` is where stem `i` ends.
#[derive(Clone, Default)]
struct Stems {
    text: String,
    ends: Vec<usize>,
}

impl FrenchTokenizer {
    /// A tokenizer that also adds each new word to `vocabulary`, its first stem winning: tantivy
    /// indexes the documents in order on one thread, so the vocabulary is the one a pass over
    /// the titles, summaries and bodies in document order would give.
    pub fn collecting(vocabulary: SharedVocabulary) -> Self {
        FrenchTokenizer {
            analyzer: super::languages::Analyzer::French(
                FrenchAnalyzer::default().record_new_words(),
            ),
            vocabulary: Some(vocabulary),
            seen: None,
        }
    }

    /// The same tokenizer, analysing each distinct text once and giving the stems it found
    /// again when the text comes back: for a field whose texts repeat from document to
    /// document (the blocks of [`super::Keywords`]), never for bodies or queries, which would
    /// all be kept. The words of a text are added to the vocabulary the first time.
    pub fn remembering_texts(mut self) -> Self {
        self.seen = Some(FxHashMap::default());
        self
    }

    /// A tokenizer of another language's analysis (see [`super::languages`]), collecting the
    /// vocabulary like [`FrenchTokenizer::collecting`] when one is given.
    pub fn of(analysis: super::languages::Analysis, vocabulary: Option<SharedVocabulary>) -> Self {
        let analyzer = analysis.analyzer();
        FrenchTokenizer {
            analyzer: if vocabulary.is_some() {
                analyzer.record_new_words()
            } else {
                analyzer
            },
            vocabulary,
            seen: None,
        }
    }
}

pub const TOKENIZER_NAME: &str = "balise_fr";
/// The same analysis for the keywords field, whose tokenizer remembers the texts it analysed
/// while indexing ([`FrenchTokenizer::remembering_texts`]).
pub const KEYWORDS_TOKENIZER_NAME: &str = "balise_fr_keywords";

pub struct WordStream {
    stems: Stems,
    /// The stem the stream is at, as tantivy reads it.
    token: Token,
    next: usize,
}

impl WordStream {
    fn of(stems: Stems) -> Self {
        WordStream {
            stems,
            next: 0,
            // Neither offsets (no highlighting) nor positions (no phrase query) are indexed.
            token: Token::default(),
        }
    }
}

impl TokenStream for WordStream {
    fn advance(&mut self) -> bool {
        let Some(&end) = self.stems.ends.get(self.next) else {
            return false;
        };
        let start = if self.next == 0 {
            0
        } else {
            self.stems.ends[self.next - 1]
        };
        self.token.text.clear();
        self.token.text.push_str(&self.stems.text[start..end]);
        self.token.position = self.next;
        self.next += 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

impl Tokenizer for FrenchTokenizer {
    type TokenStream<'a> = WordStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream {
        if let Some(stems) = self.seen.as_ref().and_then(|seen| seen.get(text)) {
            return WordStream::of(stems.clone());
        }
        // The stems one after the other in one text, each copied into the one token as the
        // stream advances: no allocation per word.
        let mut stems = Stems::default();
        self.analyzer.analyze_with(text, |word| {
            stems.text.push_str(&word.stem);
            stems.ends.push(stems.text.len());
        });
        if let Some(vocabulary) = &self.vocabulary {
            let mut new = self.analyzer.drain_new_words().peekable();
            if new.peek().is_some() {
                // Poisoned only if another tokenizer panicked, and the build fails with it.
                let mut vocabulary = vocabulary.lock().unwrap_or_else(|e| e.into_inner());
                for word in new {
                    vocabulary.entry(word.surface).or_insert(word.stem);
                }
            }
        }
        if let Some(seen) = &mut self.seen {
            seen.insert(text.into(), stems.clone());
        }
        WordStream::of(stems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(text: &str) -> Vec<String> {
        FrenchAnalyzer::default()
            .analyze(text)
            .into_iter()
            .map(|w| w.stem)
            .collect()
    }

    #[test]
    fn folds_accents_and_ligatures() {
        assert_eq!(fold("Défenseur des DROITS"), "defenseur des droits");
        assert_eq!(fold("Œuvre, ça, Noël"), "oeuvre, ca, noel");
        // Decomposed input folds like composed input.
        assert_eq!(fold("e\u{301}le\u{300}ve"), "eleve");
    }

    #[test]
    fn accents_do_not_matter() {
        assert_eq!(stems("défenseur"), stems("defenseur"));
        assert_eq!(stems("Défenseur"), stems("DEFENSEUR"));
    }

    #[test]
    fn plurals_and_genders_share_a_stem() {
        assert_eq!(stems("discrimination"), stems("discriminations"));
        assert_eq!(stems("salarié"), stems("salariés"));
        assert_eq!(stems("licencié"), stems("licenciés"));
        assert_eq!(stems("propriétaire"), stems("propriétaires"));
    }

    #[test]
    fn elisions_are_dropped() {
        assert_eq!(
            surfaces("l'emploi d’origine qu'il jusqu'au"),
            ["emploi", "origine"]
        );
        // An apostrophe that is not an elision keeps both parts.
        assert_eq!(surfaces("prud'hommes"), ["prud", "hommes"]);
    }

    #[test]
    fn inclusive_writing_keeps_the_base_word() {
        assert_eq!(surfaces("salarié·e·s"), ["salarie"]);
        assert_eq!(surfaces("interlocuteur·ices"), ["interlocuteur"]);
        assert_eq!(surfaces("employé-e-s"), ["employe"]);
        assert_eq!(surfaces("agent.e.s"), ["agent"]);
        assert_eq!(stems("salarié·e·s"), stems("salarié"));
        // Hyphenated words that are not inclusive writing are kept.
        assert_eq!(
            surfaces("non-discrimination vis-à-vis"),
            ["non", "discrimination", "vis", "vis"]
        );
    }

    /// The splitter as first written, over a vector of characters: [`for_each_word`] walks the
    /// text without copying it and must cut it the same way.
    fn split_over_chars(text: &str, elisions: &[&str], suffixes: &[&str]) -> Vec<String> {
        let lower: Vec<char> = text
            .nfc()
            .collect::<String>()
            .to_lowercase()
            .chars()
            .collect();
        let mut words = Vec::new();
        let (mut i, mut previous_end) = (0, None);
        while i < lower.len() {
            if !is_word_char(lower[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < lower.len() && is_word_char(lower[i]) {
                i += 1;
            }
            let fragment: String = lower[start..i].iter().collect();
            let glued = start > 0
                && previous_end == Some(start - 1)
                && INCLUSIVE_SEPARATORS.contains(&lower[start - 1]);
            previous_end = Some(i);
            let elided = i + 1 < lower.len()
                && APOSTROPHES.contains(&lower[i])
                && is_word_char(lower[i + 1])
                && elisions.contains(&fragment.as_str());
            if elided || glued && suffixes.contains(&fragment.as_str()) {
                continue;
            }
            if (2..=MAX_WORD_CHARS).contains(&(i - start)) {
                words.push(fragment);
            }
        }
        words
    }

    proptest::proptest! {
        #[test]
        fn words_are_cut_as_over_a_vector_of_characters(
            // Words, elisions and suffixes of inclusive writing, glued by one or two marks.
            text in "((Salarié|l|Qu|e|ES|s|ices|ère|[a-zéœ0-9]{1,4})[ ·•.\\-'’,]{0,2}){0,12}"
        ) {
            proptest::prop_assert_eq!(
                split_words_with(&text, ELISIONS, INCLUSIVE_SUFFIXES),
                split_over_chars(&text, ELISIONS, INCLUSIVE_SUFFIXES)
            );
        }
    }

    #[test]
    fn stop_words_are_dropped() {
        assert_eq!(
            surfaces("Je suis une femme et on m'a refusé"),
            ["femme", "refuse"]
        );
    }

    #[test]
    fn one_edit() {
        assert!(within_one_edit("discrimnation", "discrimination"));
        assert!(within_one_edit("discrimination", "discrimnation"));
        assert!(within_one_edit("logemant", "logement"));
        assert!(within_one_edit("lgoement", "logement"));
        assert!(!within_one_edit("logmant", "logement"));
        assert!(!within_one_edit("emploi", "employe"));
    }

    #[test]
    fn tokenizer_emits_stems() {
        let mut tokenizer = FrenchTokenizer::default();
        let mut stream = tokenizer.token_stream("Les salarié·e·s licencié·e·s");
        let mut out = Vec::new();
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.position));
        }
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].0, stems("salariés")[0]);
        assert_eq!(out[1].1, 1);
    }
}
